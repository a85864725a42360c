using EssaySearch.Corpus;
using Lucene.Net.Documents;
using Lucene.Net.Index;

namespace EssaySearch.Indexing;

/// <summary>One reusable Lucene document for a paragraph; its fields are refilled for each paragraph, as Lucene recommends for speed.</summary>
internal sealed class ParagraphDocument
{
    private static readonly FieldType StoredTextWithOffsets = Freeze(new FieldType(TextField.TYPE_STORED)
    {
        IndexOptions = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS,
    });

    private static readonly FieldType BigramsWithOffsets = Freeze(new FieldType(TextField.TYPE_NOT_STORED)
    {
        IndexOptions = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS,
    });

    private readonly Document document = new();
    private readonly Field essay = new StringField(ParagraphFields.Essay, "", Field.Store.YES);
    private readonly Field title = new TextField(ParagraphFields.Title, "", Field.Store.YES);
    private readonly Field author = new TextField(ParagraphFields.Author, "", Field.Store.YES);
    private readonly Field published = new StoredField(ParagraphFields.Published, "");
    private readonly Field source = new StoredField(ParagraphFields.Source, "");
    private readonly Field section = new TextField(ParagraphFields.Section, "", Field.Store.YES);
    private readonly Field paragraph = new StoredField(ParagraphFields.Paragraph, 0);
    private readonly Field text = new(ParagraphFields.Text, "", StoredTextWithOffsets);
    private readonly Field bigrams = new(ParagraphFields.TextBigrams, "", BigramsWithOffsets);

    public ParagraphDocument()
    {
        foreach (var field in new[] { essay, title, author, published, source, section, paragraph, text, bigrams })
            document.Add(field);
    }

    private readonly AnalyzedTextStream textTokens = new(), bigramTokens = new();

    /// <summary>The document of paragraph <paramref name="p"/> of <paramref name="from"/>, its text fields analyzed beforehand (or, when <c>null</c>, by the writer).</summary>
    public Document Fill(Essay from, Paragraph p, AnalyzedText? words, AnalyzedText? bigramsOfText)
    {
        essay.SetStringValue(from.Id);
        title.SetStringValue(from.Title);
        author.SetStringValue(from.Author);
        published.SetStringValue(from.Published);
        source.SetStringValue(from.SourceUrl);
        section.SetStringValue(p.Section);
        paragraph.SetInt32Value(p.Number);
        text.SetStringValue(p.Text); // stored as is, indexed from the tokens
        text.SetTokenStream(words is null ? null : textTokens.Replaying(words));
        bigrams.SetStringValue(p.Text);
        bigrams.SetTokenStream(bigramsOfText is null ? null : bigramTokens.Replaying(bigramsOfText));
        return document;
    }

    private static FieldType Freeze(FieldType type)
    {
        type.Freeze();
        return type;
    }
}
