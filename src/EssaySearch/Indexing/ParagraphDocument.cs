using EssaySearch.Corpus;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;
using EssaySearch.Schema;

namespace EssaySearch.Indexing;

/// <summary>
/// One reusable Lucene document for a paragraph; its fields are refilled for each paragraph, as Lucene recommends for speed.
/// The text fields keep positions but not offsets: highlighting analyzes the few paragraphs shown again
/// (<see cref="Highlighting.MatchLocator"/>). What a hit shows is one compressed stored field: it is read only for the
/// hits shown, and a doc value would keep it uncompressed.
/// </summary>
internal sealed class ParagraphDocument
{
    private readonly Document document = new();
    private readonly Field essay = new StringField(ParagraphFields.Essay, "", Field.Store.NO);
    private readonly Field essayOrder = new SortedDocValuesField(ParagraphFields.Essay, new BytesRef());
    private readonly Field paragraphOrder = new NumericDocValuesField(ParagraphFields.Paragraph, 0);
    private readonly Field title = new TextField(ParagraphFields.Title, "", Field.Store.NO);
    private readonly Field author = new TextField(ParagraphFields.Author, "", Field.Store.NO);
    private readonly Field section = new TextField(ParagraphFields.Section, "", Field.Store.NO);
    private readonly Field tags = new TextField(ParagraphFields.Tags, "", Field.Store.NO);
    private readonly Field links = new TextField(ParagraphFields.Links, "", Field.Store.NO);
    private readonly Field text = new TextField(ParagraphFields.Text, "", Field.Store.NO);
    private readonly Field bigrams = new TextField(ParagraphFields.TextBigrams, "", Field.Store.NO);
    private readonly Field record = new StoredField(ParagraphFields.Record, new BytesRef());
    private readonly MemoryStream recordBytes = new();

    public ParagraphDocument()
    {
        foreach (var field in new[] { essay, essayOrder, paragraphOrder, title, author, section, tags, links, text, bigrams, record })
            document.Add(field);
    }

    /// <summary>The document of paragraph <paramref name="p"/> of <paramref name="from"/>.</summary>
    public Document Fill(Essay from, Paragraph p)
    {
        essay.SetStringValue(from.Id);
        essayOrder.SetBytesValue(new BytesRef(from.Id));
        paragraphOrder.SetInt64Value(p.Number);
        title.SetStringValue(from.Title);
        author.SetStringValue(from.Author);
        section.SetStringValue(p.Section);
        // One value each: line breaks keep tags apart, and a link target never holds white space once encoded.
        tags.SetStringValue(string.Join('\n', from.Tags));
        links.SetStringValue(string.Join(' ', p.Links.Select(link => link.Replace(" ", "%20"))));
        text.SetStringValue(p.Text);
        bigrams.SetStringValue(p.Text);
        new ParagraphRecord(from.Id, from.Title, from.Author, from.Published, from.SourceUrl, p.Section, p.Number, p.Text).WriteTo(recordBytes);
        // The writer copies the bytes as it adds the document, so one buffer serves every paragraph.
        record.SetBytesValue(new BytesRef(recordBytes.GetBuffer(), 0, (int)recordBytes.Length));
        return document;
    }
}
