using Lucene.Net.Index;
using Lucene.Net.Search;
using EssaySearch.Schema;

namespace EssaySearch.Searching;

/// <summary>
/// A searcher whose statistics count live documents only. An updated index keeps the documents it replaced, marked
/// deleted, until their segments merge, and Lucene's statistics count them; scores would then differ from those of a
/// full build of the same files. The similarity (Lucene's default, TF-IDF) reads a term's document frequency and the
/// number of documents: both are counted here without deleted documents, so scores equal a full build's. The
/// collection sums it does not read (documents with the field, sums of frequencies) are given as unknown.
/// </summary>
internal sealed class LiveStatisticsSearcher : IndexSearcher
{
    // Per segment, its deleted documents in order; empty for a segment without any. Null when no segment has any.
    private readonly int[][]? deleted;

    public LiveStatisticsSearcher(IndexReader reader) : base(reader)
    {
        if (reader.HasDeletions)
            deleted = reader.Leaves.Select(DeletedDocuments).ToArray();
    }

    public override TermStatistics TermStatistics(Term term, TermContext context)
    {
        var statistics = base.TermStatistics(term, context);
        if (deleted is null)
            return statistics;
        long docFreq = statistics.DocFreq, totalTermFreq = statistics.TotalTermFreq;
        foreach (var leaf in m_leafContexts)
        {
            if (deleted[leaf.Ord].Length == 0 || context.Get(leaf.Ord) is not { } state)
                continue;
            // The few deleted documents are looked up in the term's postings, rather than all its postings counted.
            var terms = leaf.AtomicReader.GetTerms(term.Field).GetEnumerator();
            terms.SeekExact(term.Bytes, state);
            var postings = terms.Docs(null, null, totalTermFreq >= 0 ? DocsFlags.FREQS : DocsFlags.NONE);
            foreach (int _ in postings.Holding(deleted[leaf.Ord]))
            {
                docFreq--;
                if (totalTermFreq >= 0)
                    totalTermFreq -= postings.Freq;
            }
        }
        return new TermStatistics(term.Bytes, docFreq, totalTermFreq);
    }

    public override CollectionStatistics CollectionStatistics(string field) =>
        deleted is null ? base.CollectionStatistics(field) : new CollectionStatistics(field, IndexReader.NumDocs, -1, -1, -1);

    private static int[] DeletedDocuments(AtomicReaderContext leaf)
    {
        var live = leaf.AtomicReader.LiveDocs;
        if (live is null)
            return [];
        return Enumerable.Range(0, leaf.AtomicReader.MaxDoc).Where(doc => !live.Get(doc)).ToArray();
    }
}
