using Lucene.Net.Index;
using Lucene.Net.Search;

namespace EssaySearch.Schema;

/// <summary>Looking up a few documents in a term's postings.</summary>
internal static class Postings
{
    /// <summary>
    /// The indexes into <paramref name="docs"/> (ascending document ids) of the documents <paramref name="postings"/> holds;
    /// each is yielded while the postings stand on its document, so its frequency and positions can be read.
    /// Skips from one document to the next rather than reading every posting.
    /// </summary>
    public static IEnumerable<int> Holding(this DocsEnum postings, IReadOnlyList<int> docs)
    {
        int current = -1;
        for (int i = 0; i < docs.Count; i++)
        {
            if (current < docs[i])
                current = postings.Advance(docs[i]);
            if (current == DocIdSetIterator.NO_MORE_DOCS)
                yield break;
            if (current == docs[i])
                yield return i;
        }
    }

    /// <summary>How many documents <paramref name="postings"/> holds; 0 for none (<c>null</c>, as Lucene gives for a term it lacks).</summary>
    public static int Count(this DocsEnum? postings)
    {
        int count = 0;
        while (postings is not null && postings.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
            count++;
        return count;
    }
}
