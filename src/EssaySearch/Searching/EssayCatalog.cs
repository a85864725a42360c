using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using EssaySearch.Schema;

namespace EssaySearch.Searching;

/// <summary>
/// The essays of one build of the index, from the <c>essay</c> terms: all of them in corpus order (<see cref="Read"/>),
/// or one by its id (<see cref="Find"/>), which reads that essay's postings alone: listing every essay reads a record
/// per essay, over a second on an archive of tens of thousands.
/// </summary>
internal sealed class EssayCatalog
{
    private EssayCatalog(IReadOnlyList<EssaySummary> essays) => Essays = essays;

    public IReadOnlyList<EssaySummary> Essays { get; }

    /// <param name="reader">The build's reader.</param>
    /// <param name="records">Its records.</param>
    /// <param name="files">The manifest's files, in corpus order.</param>
    /// <param name="fileOf">The file of an essay, by its id.</param>
    public static EssayCatalog Read(IndexReader reader, RecordReader records, IReadOnlyList<CorpusFile> files, Func<string, string> fileOf)
    {
        var essays = new List<EssaySummary>();
        if (MultiFields.GetTerms(reader, ParagraphFields.Essay)?.GetEnumerator() is { } terms)
        {
            var liveDocs = MultiFields.GetLiveDocs(reader);
            while (terms.MoveNext())
            {
                if (DocsOf(terms, liveDocs) is [var first, ..] docs)
                    essays.Add(Summarize(records.Read(first), docs.Length, fileOf));
            }
        }
        // Not by document: an updated index holds changed essays after the others.
        var position = files.Select((file, i) => (file.Essay, i)).ToDictionary(f => f.Essay, f => f.i, StringComparer.Ordinal);
        essays.Sort((a, b) => position.GetValueOrDefault(a.Essay).CompareTo(position.GetValueOrDefault(b.Essay)));
        return new EssayCatalog(essays);
    }

    /// <summary>The documents of <paramref name="essay"/>'s paragraphs, in document order; empty when the index has no such essay.</summary>
    public static int[] Find(IndexReader reader, string essay) =>
        MultiFields.GetTerms(reader, ParagraphFields.Essay)?.GetEnumerator() is { } terms && terms.SeekExact(new BytesRef(essay))
            ? DocsOf(terms, MultiFields.GetLiveDocs(reader))
            : [];

    /// <summary>The essay's summary, from the record of its first paragraph in document order, of <paramref name="documents"/>.</summary>
    public static EssaySummary Summarize(ParagraphRecord first, int documents, Func<string, string> fileOf) =>
        new(first.Essay, first.Title, first.Author, first.Published, first.Source, fileOf(first.Essay), first.StandsIn ? 0 : documents);

    private static int[] DocsOf(TermsEnum terms, IBits? liveDocs)
    {
        var docs = new List<int>();
        var postings = terms.Docs(liveDocs, null, DocsFlags.NONE);
        for (int doc = postings.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.NextDoc())
            docs.Add(doc);
        return docs.ToArray();
    }
}
