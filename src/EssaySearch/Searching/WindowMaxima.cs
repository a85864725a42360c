using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Search.Similarities;

namespace EssaySearch.Searching;

/// <summary>
/// For one opened build, how high a term can score in each window of <see cref="WindowSize"/> consecutive paragraphs of
/// a segment: the most that a TF-IDF similarity's per-paragraph factor, tf(frequency) × length norm, reaches there. A
/// term's score in a paragraph is that factor times the term's query weight, so a window's maximum times the weight
/// bounds every score in the window (<see cref="TopParagraphs"/> skips windows that cannot reach the top). Lucene.Net 4.8
/// keeps no such maxima in its postings (Lucene 8 does, as "impacts"); they are worked out here from the postings and
/// norms, on a term's first search, and kept while the build is open for the terms that are long to work out.
/// </summary>
internal sealed class WindowMaxima(TFIDFSimilarity similarity)
{
    /// <summary>Paragraphs per window, as a power of two: small enough to skip around the few that score high, large enough that a window's bound is worth looking up.</summary>
    public const int WindowBits = 7;

    public const int WindowSize = 1 << WindowBits;

    // A term in fewer paragraphs of a segment is worked out again on each search, which takes about as long as reading it from a store.
    private const int KeptFromDocFreq = 1024;

    // At most this many maxima are kept (4 bytes each); past it, the store starts again empty.
    private const long KeptAtMost = 8 << 20;

    private readonly ConcurrentDictionary<(object Segment, Term Term), float[]> kept = new();
    private long keptCount;

    /// <summary>The number of windows of a segment of <paramref name="maxDoc"/> paragraphs.</summary>
    public static int Windows(int maxDoc) => (maxDoc + WindowSize - 1) >> WindowBits;

    /// <summary>
    /// Each window's highest factor for <paramref name="term"/> in <paramref name="leaf"/>, zero where the term is in no
    /// paragraph; <paramref name="state"/> is the term's place in the segment's terms, as <see cref="TermLookup"/> found it.
    /// Deleted paragraphs count too: a bound may be high, never low.
    /// </summary>
    public float[] Of(AtomicReaderContext leaf, Term term, TermState state)
    {
        var segment = leaf.AtomicReader.CoreCacheKey;
        if (kept.TryGetValue((segment, term), out var known))
            return known;
        var terms = leaf.AtomicReader.GetTerms(term.Field).GetEnumerator();
        terms.SeekExact(term.Bytes, state);
        var maxima = Compute(leaf.AtomicReader, term.Field, terms);
        if (terms.DocFreq >= KeptFromDocFreq)
        {
            if (Interlocked.Add(ref keptCount, maxima.Length) > KeptAtMost)
            {
                kept.Clear();
                Interlocked.Exchange(ref keptCount, maxima.Length);
            }
            kept[(segment, term)] = maxima;
        }
        return maxima;
    }

    private float[] Compute(AtomicReader segment, string field, TermsEnum terms)
    {
        var maxima = new float[Windows(segment.MaxDoc)];
        var norms = segment.GetNormValues(field);
        var docs = terms.Docs(null, null, DocsFlags.FREQS);
        for (int doc = docs.NextDoc(); doc != Lucene.Net.Search.DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
        {
            float factor = similarity.Tf(docs.Freq) * (norms is null ? 1f : similarity.DecodeNormValue(norms.Get(doc)));
            ref float max = ref maxima[doc >> WindowBits];
            if (factor > max)
                max = factor;
        }
        return maxima;
    }
}
