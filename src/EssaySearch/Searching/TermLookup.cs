using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace EssaySearch.Searching;

/// <summary>
/// Looks up, once per search, the terms of the queries it tries: with one enumerator per field and segment, where
/// Lucene's own lookup (<see cref="TermContext.Build"/>, run for every term of every query) allocates one per term and
/// segment, which made looking terms up a large part of a relaxed query's cost (README, "How a query is matched", cost of relaxing).
/// The enumerators may be shared by the lookups of one thread (<see cref="IndexSnapshot.Lookup"/>): each is only ever
/// used to seek a term and read its state at once; creating them cost more than the rest of a search allocates.
/// </summary>
internal sealed class TermLookup(IndexReader reader, Dictionary<string, TermsEnum?[]>? enumerators = null)
{
    private readonly Dictionary<string, TermsEnum?[]> enumerators = enumerators ?? [];
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
            case PhraseQuery { Slop: 0 } phrase:
                var found = phrase.GetTerms().Select(Context).ToArray();
                return (new PreparedPhraseQuery(phrase, found), found.All(context => context.DocFreq > 0));
            case DisjunctionMaxQuery max:
                var disjuncts = max.Disjuncts.Select(Resolve).ToList();
                var resolved = new DisjunctionMaxQuery(max.TieBreakerMultiplier) { Boost = max.Boost };
                foreach (var (disjunct, _) in disjuncts)
                    resolved.Add(disjunct);
                return (resolved, disjuncts.Any(d => d.CanMatch));
            case AnyWordQuery words:
                var resolvedWords = words.Words.Select(word => Resolve(word)).ToList();
                return (new AnyWordQuery(resolvedWords.Select(word => (DisjunctionMaxQuery)word.Query).ToArray()) { Boost = words.Boost },
                    resolvedWords.Any(word => word.CanMatch));
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

    /// <summary>The term's place in each segment, looked up on first use.</summary>
    public TermContext Context(Term term)
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
