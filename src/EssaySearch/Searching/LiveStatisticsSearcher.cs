using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using EssaySearch.Schema;

namespace EssaySearch.Searching;

/// <summary>
/// A searcher whose statistics count live documents only. An updated index keeps the documents it replaced, marked
/// deleted, until their segments merge, and Lucene's statistics count them; scores would then differ from those of a
/// full build of the same files. The similarities (Lucene's default, TF-IDF, and <see cref="RelaxedSimilarity"/>) read a
/// term's document frequency and the number of documents: both are counted here without deleted documents, so scores equal a full build's. The
/// sums it does not read (a term's total frequency, documents with the field, sums of frequencies) are given as unknown.
/// </summary>
internal sealed class LiveStatisticsSearcher : IndexSearcher
{
    // Per segment, its deleted documents in order; empty for a segment without any. Null when no segment has any.
    private readonly int[][]? deleted;
    private readonly ConcurrentDictionary<string, CollectionStatistics> collections = new();

    public LiveStatisticsSearcher(IndexReader reader) : base(reader)
    {
        if (reader.HasDeletions)
            deleted = reader.Leaves.Select(DeletedDocuments).ToArray();
    }

    private LiveStatisticsSearcher(IndexReader reader, int[][]? deleted, Similarity similarity) : base(reader)
    {
        this.deleted = deleted;
        Similarity = similarity;
    }

    /// <summary>A searcher of the same reader and statistics that ranks with <paramref name="similarity"/>.</summary>
    public LiveStatisticsSearcher With(Similarity similarity) => new(IndexReader, deleted, similarity);

    public override TermStatistics TermStatistics(Term term, TermContext context)
    {
        var statistics = base.TermStatistics(term, context);
        if (deleted is null)
            return statistics;
        long docFreq = statistics.DocFreq;
        foreach (var leaf in m_leafContexts)
        {
            if (deleted[leaf.Ord].Length == 0 || context.Get(leaf.Ord) is not { } state)
                continue;
            var terms = leaf.AtomicReader.GetTerms(term.Field).GetEnumerator();
            terms.SeekExact(term.Bytes, state);
            // Whichever is shorter: the segment's deleted documents, each looked up in the term's postings, or the postings.
            if (deleted[leaf.Ord].Length < terms.DocFreq)
                docFreq -= terms.Docs(null, null, DocsFlags.NONE).Holding(deleted[leaf.Ord]).Count();
            else
                docFreq -= terms.DocFreq - terms.Docs(leaf.AtomicReader.LiveDocs, null, DocsFlags.NONE).Count();
        }
        return new TermStatistics(term.Bytes, docFreq, -1);
    }

    // Lucene gathers a field's statistics from every segment for each term of each query; the reader never changes, nor do they.
    public override CollectionStatistics CollectionStatistics(string field) =>
        deleted is null
            ? collections.GetOrAdd(field, base.CollectionStatistics)
            : new CollectionStatistics(field, IndexReader.NumDocs, -1, -1, -1);

    private static int[] DeletedDocuments(AtomicReaderContext leaf)
    {
        var live = leaf.AtomicReader.LiveDocs;
        if (live is null)
            return [];
        return Enumerable.Range(0, leaf.AtomicReader.MaxDoc).Where(doc => !live.Get(doc)).ToArray();
    }
}
