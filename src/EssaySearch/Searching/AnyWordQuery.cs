using System.Buffers;
using System.Numerics;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace EssaySearch.Searching;

/// <summary>
/// A relaxed query's words (<see cref="QueryCompiler"/>): paragraphs with any of them, each word scored by the best of its
/// ways to match, the words' scores summed and scaled by the share of words matched (coordination). It matches and scores
/// exactly as <see cref="Equivalent"/>, Lucene's Boolean query of one <see cref="DisjunctionMaxQuery"/> per word, does
/// (<c>AnyWordQueryTests</c>), and serves its explanations and single-document scorers through it. Searched whole, it is
/// scored a window of paragraphs at a time, each way to match running through its postings in that window, where
/// Lucene's scorer keeps two levels of heaps (words, and ways within a word) ordered at every paragraph; Lucene's own
/// windowed scorer allocates a table of buckets for every query and segment (README, "Cost of relaxing").
/// </summary>
internal sealed class AnyWordQuery : Query
{
    // Paragraphs scored at a time: enough that a window's bookkeeping is small beside its postings, few enough to stay in cache.
    private const int WindowSize = 2048;

    /// <param name="words">One disjunction per word, unboosted (its ways may be) and without tie-breaking: a word counts by its best way to match.</param>
    public AnyWordQuery(IReadOnlyList<DisjunctionMaxQuery> words)
    {
        if (words.Any(word => word.TieBreakerMultiplier != 0f || word.Boost != 1f || word.Disjuncts.Count == 0))
            throw new ArgumentException("each word is an unboosted disjunction of its ways to match, without tie-breaking", nameof(words));
        Words = words;
    }

    /// <summary>One disjunction per word.</summary>
    public IReadOnlyList<DisjunctionMaxQuery> Words { get; }

    /// <summary>The same query in Lucene's terms.</summary>
    public BooleanQuery Equivalent
    {
        get
        {
            var equivalent = new BooleanQuery { Boost = Boost };
            foreach (var word in Words)
                equivalent.Add(word, Occur.SHOULD);
            return equivalent;
        }
    }

    public override Query Rewrite(IndexReader reader)
    {
        if (Words.Count == 1)
            return Equivalent.Rewrite(reader); // nothing to sum: Lucene reduces it to the word's disjunction, or its one way
        var rewritten = Words.Select(word => (DisjunctionMaxQuery)Rewritten(word, reader)).ToArray();
        return rewritten.SequenceEqual(Words) ? this : new AnyWordQuery(rewritten) { Boost = Boost };
    }

    // Each way to match rewritten in place, and the disjunction kept where Lucene's would reduce one of one way to that
    // way: the same score, as the word is unboosted.
    private static Query Rewritten(DisjunctionMaxQuery word, IndexReader reader)
    {
        var ways = word.Disjuncts.Select(way => way.Rewrite(reader)).ToArray();
        if (ways.SequenceEqual(word.Disjuncts))
            return word;
        var rewritten = new DisjunctionMaxQuery(0f) { Boost = word.Boost };
        foreach (var way in ways)
            rewritten.Add(way);
        return rewritten;
    }

    public override Weight CreateWeight(IndexSearcher searcher) => new AnyWordWeight(this, searcher);

    public override void ExtractTerms(ISet<Term> terms) => Equivalent.ExtractTerms(terms);

    public override string ToString(string field) => Equivalent.ToString(field);

    public override bool Equals(object? other) => other is AnyWordQuery query && query.Boost == Boost && query.Words.SequenceEqual(Words);

    public override int GetHashCode() => Words.Aggregate(Boost.GetHashCode(), HashCode.Combine);

    private sealed class AnyWordWeight : Weight
    {
        private readonly AnyWordQuery query;
        private readonly IndexSearcher searcher;
        // ways[word][way]: each word's ways to match, weighed as Lucene's Boolean and disjunction weights weigh them.
        private readonly Weight[][] ways;
        private readonly float[] coordination;
        private (float Norm, float TopLevelBoost) normalized = (1f, 1f);

        public AnyWordWeight(AnyWordQuery query, IndexSearcher searcher)
        {
            this.query = query;
            this.searcher = searcher;
            ways = query.Words.Select(word => word.Disjuncts.Select(way => way.CreateWeight(searcher)).ToArray()).ToArray();
            int words = ways.Length;
            // As BooleanWeight.Coord: a query of one clause is not scaled.
            coordination = Enumerable.Range(0, words + 1).Select(matched => words == 1 ? 1f : searcher.Similarity.Coord(matched, words)).ToArray();
        }

        public override Query Query => query;

        public override bool ScoresDocsOutOfOrder => false;

        public override float GetValueForNormalization()
        {
            // As BooleanWeight and DisjunctionMaxWeight (without tie-breaking) sum them.
            float sum = 0f;
            for (int i = 0; i < ways.Length; i++)
            {
                float max = 0f;
                foreach (var way in ways[i])
                    max = Math.Max(max, way.GetValueForNormalization());
                float boost = query.Words[i].Boost;
                sum += max * boost * boost;
            }
            return sum * query.Boost * query.Boost;
        }

        public override void Normalize(float norm, float topLevelBoost)
        {
            normalized = (norm, topLevelBoost);
            for (int i = 0; i < ways.Length; i++)
                foreach (var way in ways[i])
                    way.Normalize(norm, topLevelBoost * query.Boost * query.Words[i].Boost);
        }

        // Explanations and single-document scorers are rare (tests, Explain): Lucene's weight of the same query, normalized alike.
        private Weight Equivalent()
        {
            var weight = query.Equivalent.CreateWeight(searcher);
            weight.GetValueForNormalization();
            weight.Normalize(normalized.Norm, normalized.TopLevelBoost);
            return weight;
        }

        public override Explanation Explain(AtomicReaderContext context, int doc) => Equivalent().Explain(context, doc);

        public override Scorer? GetScorer(AtomicReaderContext context, IBits acceptDocs) => Equivalent().GetScorer(context, acceptDocs);

        public override BulkScorer? GetBulkScorer(AtomicReaderContext context, bool scoreDocsInOrder, IBits acceptDocs)
        {
            var scorers = ways
                .Select(word => word.Select(way => way.GetScorer(context, acceptDocs)).OfType<Scorer>().ToArray())
                .ToArray();
            return scorers.Any(word => word.Length > 0) ? new WindowScorer(this, scorers, coordination) : null;
        }
    }

    /// <summary>Scores a window of paragraphs at a time, and hands them to the collector in document order.</summary>
    private sealed class WindowScorer(Weight weight, Scorer[][] words, float[] coordination) : BulkScorer
    {
        public override bool Score(ICollector collector, int max)
        {
            var current = new CurrentScore(weight);
            collector.SetScorer(current);
            var sums = ArrayPool<double>.Shared.Rent(WindowSize);
            var best = ArrayPool<float>.Shared.Rent(WindowSize);
            var matched = ArrayPool<int>.Shared.Rent(WindowSize);
            // Rented arrays come as their last user left them; each window leaves these two cleared behind it.
            Array.Clear(sums, 0, WindowSize);
            Array.Clear(matched, 0, WindowSize);
            Span<ulong> inWord = stackalloc ulong[WindowSize / 64];
            Span<ulong> inAny = stackalloc ulong[WindowSize / 64];
            try
            {
                foreach (var way in words.SelectMany(ways => ways))
                {
                    if (way.DocID == -1)
                        way.NextDoc();
                }
                while (Next(max) is var start && start != DocIdSetIterator.NO_MORE_DOCS)
                {
                    int end = (int)Math.Min((long)start + WindowSize, max);
                    foreach (var ways in words)
                    {
                        foreach (var way in ways)
                        {
                            for (int doc = way.DocID; doc < end; doc = way.NextDoc())
                            {
                                int i = doc - start;
                                float score = way.GetScore();
                                ref ulong bits = ref inWord[i >> 6];
                                ulong bit = 1UL << i;
                                best[i] = (bits & bit) != 0 ? Math.Max(best[i], score) : score;
                                bits |= bit;
                            }
                        }
                        // The word's best score joins the sum, as DisjunctionSumScorer adds its clauses' scores (in a double).
                        for (int block = 0; block < inWord.Length; block++)
                        {
                            for (ulong bits = inWord[block]; bits != 0; bits &= bits - 1)
                            {
                                int i = (block << 6) + BitOperations.TrailingZeroCount(bits);
                                sums[i] += best[i];
                                matched[i]++;
                            }
                            inAny[block] |= inWord[block];
                            inWord[block] = 0;
                        }
                    }
                    for (int block = 0; block < inAny.Length; block++)
                    {
                        for (ulong bits = inAny[block]; bits != 0; bits &= bits - 1)
                        {
                            int i = (block << 6) + BitOperations.TrailingZeroCount(bits);
                            current.Set(start + i, (float)sums[i] * coordination[matched[i]], matched[i]);
                            sums[i] = 0;
                            matched[i] = 0;
                            collector.Collect(start + i);
                        }
                        inAny[block] = 0;
                    }
                }
            }
            finally
            {
                ArrayPool<double>.Shared.Return(sums);
                ArrayPool<float>.Shared.Return(best);
                ArrayPool<int>.Shared.Return(matched);
            }
            return Next(int.MaxValue) != DocIdSetIterator.NO_MORE_DOCS;
        }

        /// <summary>The first paragraph below <paramref name="max"/> that some way to match is on, or none.</summary>
        private int Next(int max)
        {
            int next = DocIdSetIterator.NO_MORE_DOCS;
            foreach (var ways in words)
                foreach (var way in ways)
                    next = Math.Min(next, way.DocID);
            return next < max ? next : DocIdSetIterator.NO_MORE_DOCS;
        }
    }

    /// <summary>The paragraph being collected and its score, for the collector to read.</summary>
    private sealed class CurrentScore(Weight weight) : Scorer(weight)
    {
        private int doc = -1;
        private float score;
        private int matched;

        public void Set(int doc, float score, int matched) => (this.doc, this.score, this.matched) = (doc, score, matched);

        public override int DocID => doc;
        public override float GetScore() => score;
        public override int Freq => matched;
        public override int NextDoc() => throw new NotSupportedException();
        public override int Advance(int target) => throw new NotSupportedException();
        public override long GetCost() => 1;
    }
}
