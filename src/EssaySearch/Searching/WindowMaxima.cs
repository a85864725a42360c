using System.Collections.Concurrent;
using System.Numerics.Tensors;
using Lucene.Net.Codecs;
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
    public const int WindowBits = 6;

    public const int WindowSize = 1 << WindowBits;

    // A term in fewer paragraphs of a segment is bounded from its postings on each search (AddTo), window by window as they
    // come, which costs little more than adding up a kept array.
    private const int KeptFromDocFreq = 256;

    // At most this many maxima are kept (4 bytes each); past it, the store starts again empty.
    private const long KeptAtMost = 8 << 20;

    private readonly ConcurrentDictionary<(object Segment, Term Term), float[]> kept = new();
    private long keptCount;

    /// <summary>The number of windows of a segment of <paramref name="maxDoc"/> paragraphs.</summary>
    public static int Windows(int maxDoc) => (maxDoc + WindowSize - 1) >> WindowBits;

    /// <summary>Whether a term in <paramref name="docFreq"/> paragraphs of a segment has its maxima kept (<see cref="Of"/>); a rarer one is bounded from its postings on each search (<see cref="AddTo"/>).</summary>
    public static bool Kept(int docFreq) => docFreq >= KeptFromDocFreq;

    /// <summary>
    /// Adds <paramref name="weight"/> × each window's highest factor for <paramref name="term"/> in <paramref name="leaf"/>
    /// to <paramref name="bounds"/>, one per window; <paramref name="state"/> is the term's place in the segment's terms,
    /// as <see cref="TermLookup"/> found it.
    /// </summary>
    public void AddTo(float[] bounds, AtomicReaderContext leaf, Term term, TermState state, float weight)
    {
        if (Kept(((BlockTermState)state).DocFreq))
        {
            TensorPrimitives.MultiplyAdd(Of(leaf, term, state), weight, bounds, bounds);
        }
        else
        {
            // Few paragraphs have it: straight from its postings, without a window for each paragraph of the segment.
            EachWindow(leaf.AtomicReader, term, state, (window, max) => bounds[window] += weight * max);
        }
    }

    /// <summary>
    /// Each window's highest factor for <paramref name="term"/> in <paramref name="leaf"/>, zero where the term is in no
    /// paragraph; kept for the build's later searches, so meant for the terms <see cref="Kept"/> names. Deleted paragraphs
    /// count too: a bound may be high, never low.
    /// </summary>
    public float[] Of(AtomicReaderContext leaf, Term term, TermState state)
    {
        var segment = leaf.AtomicReader.CoreCacheKey;
        if (kept.TryGetValue((segment, term), out var known))
            return known;
        var maxima = new float[Windows(leaf.AtomicReader.MaxDoc)];
        EachWindow(leaf.AtomicReader, term, state, (window, max) => maxima[window] = max);
        if (Interlocked.Add(ref keptCount, maxima.Length) > KeptAtMost)
        {
            kept.Clear();
            Interlocked.Exchange(ref keptCount, maxima.Length);
        }
        kept[(segment, term)] = maxima;
        return maxima;
    }

    /// <summary>Each window that has <paramref name="term"/>, in order, with its highest factor there.</summary>
    private void EachWindow(AtomicReader segment, Term term, TermState state, Action<int, float> visit)
    {
        var terms = segment.GetTerms(term.Field).GetEnumerator();
        terms.SeekExact(term.Bytes, state);
        var norms = segment.GetNormValues(term.Field);
        var docs = terms.Docs(null, null, DocsFlags.FREQS);
        int window = -1;
        float max = 0;
        for (int doc = docs.NextDoc(); doc != Lucene.Net.Search.DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
        {
            if (doc >> WindowBits != window)
            {
                if (window >= 0)
                    visit(window, max);
                window = doc >> WindowBits;
                max = 0;
            }
            max = Math.Max(max, similarity.Tf(docs.Freq) * (norms is null ? 1f : similarity.DecodeNormValue(norms.Get(doc))));
        }
        if (window >= 0)
            visit(window, max);
    }
}
