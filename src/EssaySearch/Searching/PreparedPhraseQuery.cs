using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace EssaySearch.Searching;

/// <summary>
/// An exact <see cref="PhraseQuery"/> whose terms <see cref="TermLookup"/> has already looked up. It matches the paragraphs
/// the phrase matches and scores them alike (the same phrase frequency, given to the same similarity), but its weight
/// takes the lookups it is given, where Lucene's looks every term up again (<see cref="TermContext.Build"/>), and its
/// scorer counts a paragraph's phrase occurrences from the positions alone, where Lucene's fills two tables of 4,096
/// entries per scorer. Both were a large part of a relaxed question's cost, whose phrases (the strict attempt that fails,
/// the whole words of the second pass) mostly match little (README, "How a query is matched", cost of relaxing).
/// <c>PreparedPhraseQueryTests</c> compares the two.
/// </summary>
internal sealed class PreparedPhraseQuery : Query
{
    private readonly PhraseQuery phrase;
    private readonly TermContext[] contexts;

    /// <param name="phrase">A phrase without slop.</param>
    /// <param name="contexts">Each term's lookup, in the phrase's order; a term no paragraph has makes a phrase that matches nothing.</param>
    public PreparedPhraseQuery(PhraseQuery phrase, TermContext[] contexts)
    {
        this.phrase = phrase;
        this.contexts = contexts;
        Boost = phrase.Boost;
    }

    /// <summary>The phrase's terms, in its order.</summary>
    public Term[] Terms => phrase.GetTerms();

    public override Weight CreateWeight(IndexSearcher searcher) => new PhraseWeight(this, searcher);

    public override void ExtractTerms(ISet<Term> terms) => phrase.ExtractTerms(terms);

    public override string ToString(string field) => phrase.ToString(field);

    public override bool Equals(object? other) => other is PreparedPhraseQuery prepared && prepared.Boost == Boost && prepared.phrase.Equals(phrase);

    public override int GetHashCode() => HashCode.Combine(phrase, Boost);

    private sealed class PhraseWeight : Weight
    {
        private readonly PreparedPhraseQuery query;
        private readonly Term[] terms;
        private readonly int[] positions;
        private readonly Similarity similarity;
        private readonly Similarity.SimWeight statistics;

        public PhraseWeight(PreparedPhraseQuery query, IndexSearcher searcher)
        {
            this.query = query;
            terms = query.phrase.GetTerms();
            positions = query.phrase.GetPositions();
            similarity = searcher.Similarity;
            var termStatistics = terms.Select((term, i) => searcher.TermStatistics(term, query.contexts[i])).ToArray();
            statistics = similarity.ComputeWeight(query.Boost, searcher.CollectionStatistics(terms[0].Field), termStatistics);
        }

        public override Query Query => query;

        public override float GetValueForNormalization() => statistics.GetValueForNormalization();

        public override void Normalize(float norm, float topLevelBoost) => statistics.Normalize(norm, topLevelBoost);

        public override Scorer? GetScorer(AtomicReaderContext context, IBits acceptDocs)
        {
            if (context.AtomicReader.GetTerms(terms[0].Field) is not { } fieldTerms)
                return null;
            var states = new TermState[terms.Length];
            for (int i = 0; i < terms.Length; i++)
            {
                if (query.contexts[i].Get(context.Ord) is not { } state)
                    return null; // a term this segment lacks
                states[i] = state;
            }
            var enumerator = fieldTerms.GetEnumerator();
            var postings = new (DocsAndPositionsEnum Postings, int Position, int DocFreq)[terms.Length];
            for (int i = 0; i < terms.Length; i++)
            {
                enumerator.SeekExact(terms[i].Bytes, states[i]);
                var termPostings = enumerator.DocsAndPositions(acceptDocs, null, DocsAndPositionsFlags.NONE)
                    ?? throw new InvalidOperationException($"field {terms[i].Field} has no positions, which a phrase needs");
                postings[i] = (termPostings, positions[i], enumerator.DocFreq);
            }
            // The rarest term leads the others through the paragraphs.
            Array.Sort(postings, (a, b) => a.DocFreq.CompareTo(b.DocFreq));
            return new PhraseScorer(this, postings.Select(p => p.Postings).ToArray(), postings.Select(p => p.Position).ToArray(),
                similarity.GetSimScorer(statistics, context));
        }

        public override Explanation Explain(AtomicReaderContext context, int doc)
        {
            if (GetScorer(context, context.AtomicReader.LiveDocs) is PhraseScorer scorer && scorer.Advance(doc) == doc)
            {
                var score = similarity.GetSimScorer(statistics, context).Explain(doc, new Explanation(scorer.Freq, $"phraseFreq={scorer.Freq}"));
                var explanation = new ComplexExplanation(true, score.Value, $"weight({query} in {doc}), result of:");
                explanation.AddDetail(score);
                return explanation;
            }
            return new ComplexExplanation(false, 0, "no matching phrase");
        }
    }

    /// <summary>
    /// The paragraphs that have every term, the phrase at least once among them (terms at their positions, relative to a
    /// start at or after the paragraph's first position); the phrase frequency is the number of such starts.
    /// </summary>
    private sealed class PhraseScorer(Weight weight, DocsAndPositionsEnum[] postings, int[] offsets, Similarity.SimScorer scorer) : Scorer(weight)
    {
        private readonly int[][] found = postings.Select(_ => new int[8]).ToArray();
        private readonly int[] counts = new int[postings.Length];
        private int doc = -1;
        private int freq;

        public override int DocID => doc;

        public override int Freq => freq;

        public override float GetScore() => scorer.Score(doc, freq);

        public override long GetCost() => postings[0].GetCost();

        public override int NextDoc() => Settle(postings[0].NextDoc());

        public override int Advance(int target) => Settle(postings[0].Advance(target));

        /// <summary>The first paragraph, from the leading term's <paramref name="candidate"/> on, that has the phrase.</summary>
        private int Settle(int candidate)
        {
            while (candidate != NO_MORE_DOCS)
            {
                int behind = 0;
                for (int i = 1; i < postings.Length && behind == 0; i++)
                {
                    int at = postings[i].DocID < candidate ? postings[i].Advance(candidate) : postings[i].DocID;
                    if (at > candidate)
                        behind = at;
                }
                if (behind == 0)
                {
                    doc = candidate;
                    freq = PhraseFrequency();
                    if (freq > 0)
                        return doc;
                    candidate = postings[0].NextDoc();
                }
                else
                {
                    candidate = postings[0].Advance(behind);
                }
            }
            doc = NO_MORE_DOCS;
            return doc;
        }

        private int PhraseFrequency()
        {
            for (int i = 0; i < postings.Length; i++)
            {
                int n = postings[i].Freq;
                if (found[i].Length < n)
                    found[i] = new int[ArrayUtil.Oversize(n, sizeof(int))];
                for (int k = 0; k < n; k++)
                    found[i][k] = postings[i].NextPosition();
                counts[i] = n;
            }
            Span<int> next = stackalloc int[postings.Length];
            int frequency = 0;
            int previous = -1;
            for (int k = 0; k < counts[0]; k++)
            {
                int start = found[0][k] - offsets[0];
                if (start < 0 || start == previous)
                    continue;
                previous = start;
                bool whole = true;
                for (int i = 1; i < postings.Length && whole; i++)
                {
                    int wanted = start + offsets[i];
                    while (next[i] < counts[i] && found[i][next[i]] < wanted)
                        next[i]++;
                    if (next[i] == counts[i])
                        return frequency; // starts only grow: no later one can have this term
                    whole = found[i][next[i]] == wanted;
                }
                if (whole)
                    frequency++;
            }
            return frequency;
        }
    }
}
