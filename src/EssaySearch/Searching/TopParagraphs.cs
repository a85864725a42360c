using System.Numerics.Tensors;
using Lucene.Net.Codecs;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace EssaySearch.Searching;

/// <summary>
/// A query's first paragraphs in rank order (<see cref="RankOrder"/>), and how many match. Every match is scored and
/// counted until <see cref="ExactTotalUpTo"/> have been; from then on, a window of paragraphs in which no score can reach
/// the lowest of those kept so far (<see cref="WindowMaxima"/>) is stepped over unscored, and the total is a lower bound.
/// The paragraphs kept are the ones scoring every match would keep, in the same order with the same scores
/// (<c>TopParagraphsTests</c>). Lucene 8 skips alike with the impacts in its postings, and counts 1,000 matches exactly.
/// Only a query made of terms, exact phrases, Boolean and disjunction queries, ranked by a TF-IDF similarity, is bounded;
/// any other (a prefix, a sloppy phrase) is scored and counted whole.
/// </summary>
internal static class TopParagraphs
{
    /// <summary>Matches counted, and scored, before any window is skipped.</summary>
    public const int ExactTotalUpTo = 1000;

    // A score is a few single-precision roundings away from the exact product, and sum, that bounds it, and so is a
    // window's bound, summed in single precision too: room for both.
    private const double Rounding = 1e-5;

    /// <summary>
    /// The first <paramref name="wanted"/> paragraphs <paramref name="query"/> (its terms looked up in <paramref name="lookup"/>)
    /// finds, the total, and whether the total is exact; with <paramref name="exactTotal"/>, every match is scored and counted.
    /// </summary>
    public static (TopDocs Top, bool TotalExact) Search(IndexSnapshot index, TermLookup lookup, Query query, int wanted, bool exactTotal = false)
    {
        var searcher = index.Searcher;
        var rewritten = searcher.Rewrite(query);
        // As IndexSearcher.CreateNormalizedWeight, keeping the query norm, which every part's weight includes.
        var weight = rewritten.CreateWeight(searcher);
        float queryNorm = searcher.Similarity.QueryNorm(weight.GetValueForNormalization());
        if (float.IsInfinity(queryNorm) || float.IsNaN(queryNorm))
            queryNorm = 1f;
        weight.Normalize(queryNorm, 1f);
        // What bounds the scores, worked out once past the exact count: most searches never get there.
        var bound = new Lazy<ScoreBound?>(() => exactTotal ? null : ScoreBound.Of(rewritten, searcher, lookup, queryNorm), LazyThreadSafetyMode.None);

        var collector = index.Ranking.Collector(wanted);
        var kept = new KeptScores(wanted);
        int counted = 0;
        bool skipped = false;
        foreach (var leaf in index.Reader.Leaves)
        {
            var scorer = weight.GetScorer(leaf, leaf.AtomicReader.LiveDocs);
            if (scorer is null)
                continue;
            collector.SetNextReader(leaf);
            var scoring = new ScoreCachingWrappingScorer(scorer);
            collector.SetScorer(scoring);
            float[]? windows = null;
            int doc = scorer.NextDoc();
            while (doc != DocIdSetIterator.NO_MORE_DOCS)
            {
                if (++counted > ExactTotalUpTo && kept.Full && bound.Value is { } bounded)
                {
                    windows ??= bounded.Windows(leaf, lookup, index.Maxima);
                    int window = doc >> WindowMaxima.WindowBits;
                    if (windows[window] < kept.Lowest)
                    {
                        // On to the next window that may score high enough.
                        skipped = true;
                        do
                            window++;
                        while (window < windows.Length && windows[window] < kept.Lowest);
                        doc = window < windows.Length ? scorer.Advance(window << WindowMaxima.WindowBits) : DocIdSetIterator.NO_MORE_DOCS;
                        continue;
                    }
                }
                kept.Add(scoring.GetScore());
                collector.Collect(doc);
                doc = scorer.NextDoc();
            }
        }
        var top = collector.GetTopDocs();
        return (new TopDocs(counted, top.ScoreDocs, top.MaxScore), !skipped);
    }

    /// <summary>The highest scores collected, as many as are wanted, and the lowest of them.</summary>
    private sealed class KeptScores(int wanted)
    {
        private readonly PriorityQueue<bool, float> highest = new(wanted);

        /// <summary>The lowest score kept, once <see cref="Full"/>.</summary>
        public float Lowest { get; private set; } = float.NegativeInfinity;

        /// <summary>Whether as many scores as wanted have been collected.</summary>
        public bool Full => highest.Count == wanted;

        public void Add(float score)
        {
            if (highest.Count < wanted)
                highest.Enqueue(true, score);
            else if (score > Lowest)
                highest.EnqueueDequeue(true, score);
            else
                return;
            if (Full && highest.TryPeek(out _, out float lowest))
                Lowest = lowest;
        }
    }

    /// <summary>
    /// What a query's score is a sum of, each part a term or an exact phrase with the weight its per-paragraph factor is
    /// multiplied by: an upper bound for Boolean queries (coordination only lowers a sum) and disjunctions (a maximum is
    /// at most the sum) alike.
    /// </summary>
    private sealed class ScoreBound
    {
        private readonly List<(Term[] Terms, double Weight)> parts = [];

        /// <summary>The parts of <paramref name="rewritten"/>, normalized by <paramref name="queryNorm"/>; null when it has a part that cannot be bounded.</summary>
        public static ScoreBound? Of(Query rewritten, IndexSearcher searcher, TermLookup lookup, float queryNorm)
        {
            if (searcher.Similarity is not DefaultSimilarity similarity)
                return null;
            var bound = new ScoreBound();
            var parts = new List<(Term[] Terms, double Boost)>();
            if (!Gather(rewritten, 1.0, parts))
                return null;
            foreach (var (terms, boost) in parts)
            {
                var collection = searcher.CollectionStatistics(terms[0].Field);
                // As TFIDFSimilarity.ComputeWeight (a phrase's idf is the sum of its terms') and its weight's Normalize:
                // idf × boost × query norm × idf.
                float idf = 0;
                foreach (var term in terms)
                    idf += similarity.Idf(searcher.TermStatistics(term, lookup.Context(term)).DocFreq, collection.MaxDoc);
                bound.parts.Add((terms, (double)idf * boost * queryNorm * idf));
            }
            return bound;
        }

        private static bool Gather(Query query, double boost, List<(Term[] Terms, double Boost)> parts)
        {
            boost *= query.Boost;
            if (boost < 0)
                return false;
            switch (query)
            {
                case TermQuery term:
                    parts.Add(([term.Term], boost));
                    return true;
                case PreparedPhraseQuery phrase:
                    parts.Add((phrase.Terms, boost));
                    return true;
                case PhraseQuery { Slop: 0 } phrase when phrase.GetTerms().Length > 0:
                    parts.Add((phrase.GetTerms(), boost));
                    return true;
                case BooleanQuery boolean:
                    return boolean.Clauses.Where(clause => clause.Occur != Occur.MUST_NOT).All(clause => Gather(clause.Query, boost, parts));
                case DisjunctionMaxQuery max when max.TieBreakerMultiplier is >= 0 and <= 1:
                    return max.Disjuncts.All(disjunct => Gather(disjunct, boost, parts));
                default:
                    return false;
            }
        }

        /// <summary>For each window of <paramref name="leaf"/>, a score no paragraph in it reaches.</summary>
        public float[] Windows(AtomicReaderContext leaf, TermLookup lookup, WindowMaxima maxima)
        {
            var bounds = new float[WindowMaxima.Windows(leaf.AtomicReader.MaxDoc)];
            float[]? least = null;
            foreach (var (terms, weight) in parts)
            {
                var states = terms.Select(term => lookup.Context(term).Get(leaf.Ord)).ToArray();
                // A part with a term this segment lacks matches nothing in it.
                if (states.Any(state => state is null))
                    continue;
                float scaled = (float)(weight * (1 + Rounding));
                int rarest = Enumerable.Range(0, terms.Length).MinBy(i => ((BlockTermState)states[i]!).DocFreq);
                if (terms.Length == 1 || !WindowMaxima.Kept(((BlockTermState)states[rarest]!).DocFreq))
                {
                    // A phrase occurs in a paragraph at most as often as each of its terms: a rare one bounds it alone.
                    maxima.AddTo(bounds, leaf, terms[rarest], states[rarest]!, scaled);
                    continue;
                }
                // Its factor is at most the least of its terms'.
                least ??= new float[bounds.Length];
                maxima.Of(leaf, terms[0], states[0]!).CopyTo(least, 0);
                for (int i = 1; i < terms.Length; i++)
                    TensorPrimitives.Min(least, maxima.Of(leaf, terms[i], states[i]!), least);
                TensorPrimitives.MultiplyAdd(least, scaled, bounds, bounds);
            }
            return bounds;
        }
    }
}
