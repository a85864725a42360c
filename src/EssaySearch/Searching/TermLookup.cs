using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace EssaySearch.Searching;

/// <summary>
/// Looks up, once per search, the terms of the queries it tries: with one enumerator per field and segment, where
/// Lucene's own lookup (<see cref="TermContext.Build"/>, run for every term of every query) allocates one per term and
/// segment, which made looking terms up a large part of a relaxed query's cost (README, "How a query is matched", cost of relaxing).
/// </summary>
internal sealed class TermLookup(IndexReader reader)
{
    private readonly Dictionary<string, TermsEnum?[]> enumerators = [];
    private readonly Dictionary<Term, TermContext> contexts = [];

    /// <summary>
    /// <paramref name="query"/> with its terms looked up here, or, when it cannot match any paragraph (a term it needs
    /// is in none), a query that matches nothing at no cost. Either finds and ranks exactly what the query does.
    /// </summary>
    public Query Prepare(Query query)
    {
        var (prepared, canMatch) = Resolve(query);
        return canMatch ? prepared : new BooleanQuery();
    }

    private (Query Query, bool CanMatch) Resolve(Query query)
    {
        switch (query)
        {
            case TermQuery term:
                var context = Context(term.Term);
                return (new TermQuery(term.Term, context) { Boost = term.Boost }, context.DocFreq > 0);
            case PhraseQuery phrase:
                // Lucene looks a phrase's terms up again (it has no way to be given them), unless no paragraph has one.
                var terms = phrase.GetTerms();
                var found = terms.Select(Context).ToArray();
                return found.All(context => context.DocFreq > 0) ? (phrase, true) : (new Unmatchable(phrase, found), false);
            case DisjunctionMaxQuery max:
                var disjuncts = max.Disjuncts.Select(Resolve).ToList();
                var resolved = new DisjunctionMaxQuery(max.TieBreakerMultiplier) { Boost = max.Boost };
                foreach (var (disjunct, _) in disjuncts)
                    resolved.Add(disjunct);
                return (resolved, disjuncts.Any(d => d.CanMatch));
            case BooleanQuery boolean:
                var clauses = boolean.Clauses.Select(c => (c.Occur, Resolved: Resolve(c.Query))).ToList();
                var rebuilt = new BooleanQuery(boolean.CoordDisabled) { Boost = boolean.Boost, MinimumNumberShouldMatch = boolean.MinimumNumberShouldMatch };
                foreach (var (occur, (clause, _)) in clauses)
                    rebuilt.Add(clause, occur);
                bool anyRequired = clauses.Any(c => c.Occur == Occur.MUST);
                bool canMatch = anyRequired
                    ? clauses.Where(c => c.Occur == Occur.MUST).All(c => c.Resolved.CanMatch)
                    : clauses.Any(c => c.Occur == Occur.SHOULD && c.Resolved.CanMatch);
                return (rebuilt, canMatch);
            default:
                return (query, true);
        }
    }

    /// <summary>
    /// A phrase one of whose terms no paragraph has: it matches nothing, and weighs in its query's normalization
    /// exactly as Lucene's <see cref="PhraseQuery"/> would (so the scores of the clauses beside it do not change),
    /// with its terms' statistics from the lookups already made.
    /// </summary>
    private sealed class Unmatchable(PhraseQuery phrase, TermContext[] contexts) : Query
    {
        private PhraseQuery Phrase => phrase;

        public override Weight CreateWeight(IndexSearcher searcher)
        {
            var terms = phrase.GetTerms();
            var statistics = terms.Select((term, i) => searcher.TermStatistics(term, contexts[i])).ToArray();
            return new NoMatches(this, searcher.Similarity.ComputeWeight(phrase.Boost, searcher.CollectionStatistics(terms[0].Field), statistics));
        }

        public override void ExtractTerms(ISet<Term> terms) => phrase.ExtractTerms(terms);

        public override string ToString(string field) => phrase.ToString(field);

        public override bool Equals(object? other) => other is Unmatchable unmatchable && unmatchable.Phrase.Equals(phrase);

        public override int GetHashCode() => phrase.GetHashCode();

        private sealed class NoMatches(Query query, Similarity.SimWeight weight) : Weight
        {
            public override Query Query => query;

            public override float GetValueForNormalization() => weight.GetValueForNormalization();

            public override void Normalize(float norm, float topLevelBoost) => weight.Normalize(norm, topLevelBoost);

            public override Scorer? GetScorer(AtomicReaderContext context, IBits acceptDocs) => null;

            public override Explanation Explain(AtomicReaderContext context, int doc) => new(0, $"no paragraph has every term of {query}");
        }
    }

    private TermContext Context(Term term)
    {
        if (contexts.TryGetValue(term, out var known))
            return known;
        var context = new TermContext(reader.Context);
        if (!enumerators.TryGetValue(term.Field, out var perSegment))
            enumerators[term.Field] = perSegment = reader.Leaves.Select(leaf => leaf.AtomicReader.GetTerms(term.Field)?.GetEnumerator()).ToArray();
        foreach (var leaf in reader.Leaves)
        {
            if (perSegment[leaf.Ord] is { } terms && terms.SeekExact(term.Bytes))
                context.Register(terms.GetTermState(), leaf.Ord, terms.DocFreq, terms.TotalTermFreq);
        }
        contexts[term] = context;
        return context;
    }
}
