namespace EssaySearch.Indexing;

/// <summary>The fields of a paragraph document; the first four can be searched as <c>field:value</c>.</summary>
public static class ParagraphFields
{
    /// <summary>Essay id: its file name without extension. Matched whole.</summary>
    public const string Essay = "essay";
    /// <summary>Essay title.</summary>
    public const string Title = "title";
    /// <summary>Essay author(s).</summary>
    public const string Author = "author";
    /// <summary>The heading the paragraph stands under.</summary>
    public const string Section = "section";
    /// <summary>Publication date; kept, not searchable.</summary>
    public const string Published = "published";
    /// <summary>Source URL; kept, not searchable.</summary>
    public const string Source = "source";
    /// <summary>Paragraph number within the essay, from 1; kept, not searchable.</summary>
    public const string Paragraph = "paragraph";
    /// <summary>Paragraph text analyzed into words, with positions and offsets; kept as written too.</summary>
    public const string Text = "text";
    /// <summary>Paragraph text as overlapping Han bigrams (and unigrams), with positions and offsets.</summary>
    public const string TextBigrams = "text_bigrams";

    /// <summary>Bumped whenever fields or their indexing change, so older indexes are detected as stale.</summary>
    public const int SchemaVersion = 2;
}
