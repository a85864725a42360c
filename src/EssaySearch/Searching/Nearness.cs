using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace EssaySearch.Searching;

/// <summary>
/// How near each other a relaxed query's words are in a paragraph, scored in its second pass (<see cref="Rescoring"/>):
/// each pair of the words whose nearest separate occurrences have at most <see cref="Gap"/> positions of the bigram
/// field between them (in Han text, where a word of n characters holds n − 1 positions, at most 15 characters) adds
/// <see cref="Boost"/> × the weight of the pair's rarest token × 1/√(1 + the positions the two occurrences span), so
/// that a paragraph with the words together ranks above one with them scattered.
/// The positions are the index's (each word's tokens in the bigram field, at consecutive positions), read for the
/// second pass's paragraphs only; Lucene's <c>SpanNearQuery</c> of each pair scored alike on the question set and cost
/// several times more, mostly in looking every term up again and building its spans per pair.
/// </summary>
internal sealed class Nearness
{
    /// <summary>The most positions between two words that still count as near.</summary>
    public const int Gap = 16;

    /// <summary>A near pair's share of its rarest token's weight, before the span's discount.</summary>
    public const float Boost = 0.2f;

    private readonly TermLookup lookup;
    private readonly IReadOnlyList<Term[]> words;
    private readonly float[] weights;

    /// <param name="searcher">The relaxed searcher, whose statistics and similarity weigh the tokens.</param>
    /// <param name="lookup">Where the words' terms are looked up.</param>
    /// <param name="words">Each word as its tokens in the bigram field, at consecutive positions.</param>
    public Nearness(IndexSearcher searcher, TermLookup lookup, IReadOnlyList<Term[]> words)
    {
        this.lookup = lookup;
        this.words = words;
        var similarity = (TFIDFSimilarity)searcher.Similarity;
        // A word weighs as its rarest token, as in the first pass (RelaxedSimilarity): idf², the query norm being 1.
        weights = words.Select(word => word.Max(term =>
        {
            float idf = similarity.Idf(searcher.TermStatistics(term, lookup.Context(term)).DocFreq, searcher.CollectionStatistics(term.Field).MaxDoc);
            return idf * idf;
        })).ToArray();
    }

    /// <summary>The nearness score of each of <paramref name="docs"/>, ascending document numbers of <paramref name="leaf"/>.</summary>
    public float[] Scores(AtomicReaderContext leaf, int[] docs)
    {
        var scores = new float[docs.Length];
        if (words.Count < 2)
            return scores;
        var starts = words.Select(word => Starts(leaf, word, docs)).ToArray();
        for (int i = 0; i < docs.Length; i++)
        {
            for (int a = 0; a < words.Count; a++)
            {
                if (starts[a][i] is not { } first)
                    continue;
                for (int b = a + 1; b < words.Count; b++)
                {
                    if (starts[b][i] is not { } second)
                        continue;
                    int span = NearestSpan(first, words[a].Length, second, words[b].Length);
                    if ((long)span - words[a].Length - words[b].Length <= Gap)
                        scores[i] += Boost * Math.Max(weights[a], weights[b]) / MathF.Sqrt(1 + span);
                }
            }
        }
        return scores;
    }

    /// <summary>
    /// The fewest positions that an occurrence of one word and a separate occurrence of the other span together, from the
    /// words' starts (ascending) and lengths; <see cref="int.MaxValue"/> when every pair overlaps (a word found inside the
    /// other is not near it).
    /// </summary>
    internal static int NearestSpan(int[] first, int firstLength, int[] second, int secondLength) =>
        Math.Min(Following(first, firstLength, second, secondLength), Following(second, secondLength, first, firstLength));

    /// <summary>The fewest positions spanned by an occurrence of <paramref name="leading"/> and one of <paramref name="trailing"/> that starts after it ends.</summary>
    private static int Following(int[] leading, int leadingLength, int[] trailing, int trailingLength)
    {
        int nearest = int.MaxValue;
        // For each occurrence, the first of the other word after it: the later the occurrence, the later that one.
        for (int i = 0, j = 0; i < leading.Length; i++)
        {
            while (j < trailing.Length && trailing[j] < leading[i] + leadingLength)
                j++;
            if (j == trailing.Length)
                break;
            nearest = Math.Min(nearest, trailing[j] + trailingLength - leading[i]);
        }
        return nearest;
    }

    /// <summary>Where <paramref name="word"/> starts in each of <paramref name="docs"/>, ascending; null where it does not occur.</summary>
    private int[]?[] Starts(AtomicReaderContext leaf, Term[] word, int[] docs)
    {
        var starts = new int[]?[docs.Length];
        var states = word.Select(term => lookup.Context(term).Get(leaf.Ord)).ToArray();
        if (states.Any(state => state is null) || leaf.AtomicReader.GetTerms(word[0].Field) is not { } fieldTerms)
            return starts;
        var enumerator = fieldTerms.GetEnumerator();
        var postings = new DocsAndPositionsEnum[word.Length];
        for (int k = 0; k < word.Length; k++)
        {
            enumerator.SeekExact(word[k].Bytes, states[k]);
            postings[k] = enumerator.DocsAndPositions(leaf.AtomicReader.LiveDocs, null, DocsAndPositionsFlags.NONE)
                ?? throw new InvalidOperationException($"field {word[k].Field} has no positions, which nearness needs");
        }
        var positions = new int[word.Length][];
        for (int i = 0; i < docs.Length; i++)
        {
            bool all = true;
            foreach (var termPostings in postings)
            {
                if (termPostings.DocID < docs[i])
                    termPostings.Advance(docs[i]);
                all &= termPostings.DocID == docs[i];
            }
            if (!all)
                continue;
            for (int k = 0; k < word.Length; k++)
            {
                positions[k] = new int[postings[k].Freq];
                for (int n = 0; n < positions[k].Length; n++)
                    positions[k][n] = postings[k].NextPosition();
            }
            // A word of several tokens starts where each of them follows the one before.
            var found = positions[0].Where(start => Enumerable.Range(1, word.Length - 1).All(k => Array.BinarySearch(positions[k], start + k) >= 0)).ToArray();
            if (found.Length > 0)
                starts[i] = found;
        }
        return starts;
    }
}
