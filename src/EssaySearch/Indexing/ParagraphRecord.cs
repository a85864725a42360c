using Lucene.Net.Index;
using Lucene.Net.Util;

namespace EssaySearch.Indexing;

/// <summary>What the index keeps of a paragraph to show it: read back from the doc values <see cref="ParagraphDocument"/> writes.</summary>
internal sealed record ParagraphRecord(string Essay, string Title, string Author, string Published, string Source, string Section, int Paragraph, string Text)
{
    public static readonly string[] StringFields =
        [ParagraphFields.Essay, ParagraphFields.Title, ParagraphFields.Author, ParagraphFields.Published, ParagraphFields.Source, ParagraphFields.Section, ParagraphFields.Text];

    public IEnumerable<(string Field, string Value)> Strings() =>
        StringFields.Zip([Essay, Title, Author, Published, Source, Section, Text]);

    /// <summary>Reads document <paramref name="docId"/> of <paramref name="reader"/>.</summary>
    public static ParagraphRecord Read(IndexReader reader, int docId)
    {
        var leaves = reader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(docId, leaves)];
        int doc = docId - leaf.DocBase;
        var bytes = new BytesRef();
        string Get(string field)
        {
            leaf.AtomicReader.GetBinaryDocValues(field).Get(doc, bytes);
            return bytes.Utf8ToString();
        }
        return new ParagraphRecord(
            Get(ParagraphFields.Essay), Get(ParagraphFields.Title), Get(ParagraphFields.Author), Get(ParagraphFields.Published),
            Get(ParagraphFields.Source), Get(ParagraphFields.Section),
            (int)leaf.AtomicReader.GetNumericDocValues(ParagraphFields.Paragraph).Get(doc), Get(ParagraphFields.Text));
    }
}
