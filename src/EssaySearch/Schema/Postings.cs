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
}
