using EssaySearch.Analysis;
using EssaySearch.Corpus;
using Lucene.Net.Analysis;
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
    private readonly Field code = new NumericDocValuesField(ParagraphFields.Code, 0);
    private readonly Field title = new TextField(ParagraphFields.Title, "", Field.Store.NO);
    private readonly Field author = new TextField(ParagraphFields.Author, "", Field.Store.NO);
    private readonly Field section = new TextField(ParagraphFields.Section, "", Field.Store.NO);
    private readonly Field tags = new TextField(ParagraphFields.Tags, "", Field.Store.NO);
    private readonly Field links = new TextField(ParagraphFields.Links, "", Field.Store.NO);
    private readonly Field source = new TextField(ParagraphFields.Source, "", Field.Store.NO);
    private readonly Field text = new TextField(ParagraphFields.Text, "", Field.Store.NO);
    private readonly Field bigrams;
    // Which paragraphs have a character, and how often: where it stands is in the bigram field.
    private static readonly FieldType CharactersType = new(TextField.TYPE_NOT_STORED) { IndexOptions = IndexOptions.DOCS_AND_FREQS };
    private readonly Field characters;
    // The bigram field's analysis records the characters it passes, and the character field plays them back: the text is
    // tokenized once for both. Lucene inverts a document's fields in the order of their names, bigrams before characters;
    // were it otherwise, the character field would analyze the text itself (CharacterRecording.Complete tells).
    private readonly CharacterRecording recording = new();
    private readonly BigramAnalyzer recordingBigrams;
    private string paragraphText = "";
    private bool recordedThisParagraph;
    private readonly Field record = new StoredField(ParagraphFields.Record, new BytesRef());
    private readonly MemoryStream recordBytes = new();

    public ParagraphDocument()
    {
        recordingBigrams = new BigramAnalyzer(recording);
        bigrams = new AnalyzedField(ParagraphFields.TextBigrams, TextField.TYPE_NOT_STORED, _ =>
        {
            recordedThisParagraph = true;
            return recordingBigrams.GetTokenStream(ParagraphFields.TextBigrams, paragraphText);
        });
        characters = new AnalyzedField(ParagraphFields.TextCharacters, CharactersType, analyzer =>
            recordedThisParagraph && recording.Complete ? recording.Replay() : analyzer.GetTokenStream(ParagraphFields.TextCharacters, paragraphText));
        foreach (var field in new[] { essay, essayOrder, paragraphOrder, code, title, author, section, tags, links, source, text, bigrams, characters, record })
            document.Add(field);
    }

    /// <summary>The document of paragraph <paramref name="p"/> of <paramref name="from"/>.</summary>
    public Document Fill(Essay from, Paragraph p)
    {
        essay.SetStringValue(from.Id);
        essayOrder.SetBytesValue(new BytesRef(from.Id));
        paragraphOrder.SetInt64Value(p.Number);
        code.SetInt64Value(p.Code ? 1 : 0);
        // The title and the essay's other names, searched alike, a line apart as tags are.
        title.SetStringValue(from.Aliases.Count == 0 ? from.Title : string.Join('\n', [from.Title, .. from.Aliases]));
        author.SetStringValue(from.Author);
        section.SetStringValue(p.Section);
        // One value each: line breaks keep tags apart, and a link target never holds white space once encoded.
        tags.SetStringValue(string.Join('\n', from.Tags));
        links.SetStringValue(string.Join(' ', p.Links.Select(link => link.Replace(" ", "%20"))));
        source.SetStringValue(from.SourceUrl.Replace(" ", "%20"));
        text.SetStringValue(p.Text);
        paragraphText = p.Text;
        recordedThisParagraph = false;
        new ParagraphRecord(from.Id, from.Title, from.Author, from.Published, from.SourceUrl, p.Section, p.Number, p.Text, p.Line, p.Code).WriteTo(recordBytes);
        // The writer copies the bytes as it adds the document, so one buffer serves every paragraph.
        record.SetBytesValue(new BytesRef(recordBytes.GetBuffer(), 0, (int)recordBytes.Length));
        return document;
    }

    /// <summary>A field whose tokens come from <paramref name="analyze"/> (given the index writer's analyzer) rather than from the writer's analysis of a value.</summary>
    private sealed class AnalyzedField(string name, FieldType type, Func<Analyzer, TokenStream> analyze) : Field(name, "", type)
    {
        public override TokenStream GetTokenStream(Analyzer analyzer) => analyze(analyzer);
    }
}
