namespace EssaySearch.Schema;

/// <summary>The fields of a paragraph document; all but <see cref="Text"/>, <see cref="TextBigrams"/>, <see cref="TextCharacters"/>, <see cref="Record"/>, <see cref="Paragraph"/> and <see cref="Code"/> can be searched as <c>field:value</c>.</summary>
internal static class ParagraphFields
{
    /// <summary>Essay id: its path in the seeds folder without extension. Matched whole; also a sorted doc value, which breaks ties in ranking (<see cref="EssayOrder"/>).</summary>
    public const string Essay = "essay";
    /// <summary>Essay title.</summary>
    public const string Title = "title";
    /// <summary>Essay author(s).</summary>
    public const string Author = "author";
    /// <summary>The heading the paragraph stands under.</summary>
    public const string Section = "section";
    /// <summary>The essay's tags.</summary>
    public const string Tags = "tag";
    /// <summary>The paragraph's link targets, their host names and parent domains; never searched by plain queries.</summary>
    public const string Links = "link";
    /// <summary>The address the essay was clipped from (front matter's <c>source</c>, <c>url</c>…), as <see cref="Links"/> holds one:
    /// a plain query that is that address, or its site, finds the essay as its title does.</summary>
    public const string Source = "source";
    /// <summary>Paragraph text analyzed into words, with positions (no offsets: highlighting analyzes the text again).</summary>
    public const string Text = "text";
    /// <summary>Paragraph text as overlapping Han bigrams and the last character of each Han run, with positions (no offsets).</summary>
    public const string TextBigrams = "text_bigrams";
    /// <summary>The Han (and other CJK) characters of the paragraph text, each once, without positions, frequencies or norms:
    /// which paragraphs have a character. Where it stands is in <see cref="TextBigrams"/>, as the bigram it starts.</summary>
    public const string TextCharacters = "text_chars";
    /// <summary>What a hit shows, stored (compressed) and not searchable: essay id, title, author, publication date,
    /// source URL, section, paragraph number, text as written and whether it is code.</summary>
    public const string Record = "record";
    /// <summary>The paragraph's number in its essay, a numeric doc value: ties in ranking fall back on essay and paragraph,
    /// which an updated index keeps as a full build does, where document ids do not.</summary>
    public const string Paragraph = "paragraph";
    /// <summary>Whether the paragraph is a code block, a numeric doc value (1 for code, 0 for prose): a relaxed query, which scores
    /// every match, weighs code below prose (<see cref="Searching.CodeParagraphs"/>), where the record is read only for the hits shown.</summary>
    public const string Code = "code";

    /// <summary>
    /// Bumped whenever fields or their indexing change, or how an essay is read into paragraphs (an update re-reads only
    /// the files that changed), so older indexes are detected as stale and built anew.
    /// </summary>
    public const int SchemaVersion = 23;
}
