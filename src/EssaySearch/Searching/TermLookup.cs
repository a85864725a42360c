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
    public Query Prepare(Query query) => CanMatch(query) ? Resolve(query) : new BooleanQuery();

    /// <summary>
    /// Whether every term that <paramref name="query"/> needs is in some paragraph, looking up no more of them than it takes
    /// to tell: a question's strict attempt, one long phrase, mostly fails on one of its first terms, and looking up the
    /// rest was a large part of what a question costs (README, "Cost of relaxing").
    /// </summary>
    public bool CanMatch(Query query) => query switch
    {
        TermQuery term => Context(term.Term).DocFreq > 0,
        PhraseQuery { Slop: 0 } phrase => phrase.GetTerms().All(term => Context(term).DocFreq > 0),
        DisjunctionMaxQuery max => max.Disjuncts.Any(CanMatch),
        AnyWordQuery words => words.Words.Any(CanMatch),
        DefinedQuery defined => CanMatch(defined.Word),
        BooleanQuery boolean => boolean.Clauses.Any(c => c.Occur == Occur.MUST)
            ? boolean.Clauses.Where(c => c.Occur == Occur.MUST).All(c => CanMatch(c.Query))
            : boolean.Clauses.Any(c => c.Occur == Occur.SHOULD && CanMatch(c.Query)),
        _ => true,
    };

    /// <summary><paramref name="query"/> with every term looked up, ready to search.</summary>
    private Query Resolve(Query query)
    {
        switch (query)
        {
            case TermQuery term:
                return new TermQuery(term.Term, Context(term.Term)) { Boost = term.Boost };
            case PhraseQuery { Slop: 0 } phrase:
                return new PreparedPhraseQuery(phrase, phrase.GetTerms().Select(Context).ToArray());
            case DisjunctionMaxQuery max:
                var resolved = new DisjunctionMaxQuery(max.TieBreakerMultiplier) { Boost = max.Boost };
                foreach (var disjunct in max.Disjuncts)
                    resolved.Add(Resolve(disjunct));
                return resolved;
            case DefinedQuery defined:
                return defined.With(Resolve(defined.Word), this);
            case AnyWordQuery words:
                return new AnyWordQuery(words.Words.Select(word => (DisjunctionMaxQuery)Resolve(word)).ToArray()) { Boost = words.Boost };
            case BooleanQuery boolean:
                var rebuilt = new BooleanQuery(boolean.CoordDisabled) { Boost = boolean.Boost, MinimumNumberShouldMatch = boolean.MinimumNumberShouldMatch };
                foreach (var clause in boolean.Clauses)
                    rebuilt.Add(Resolve(clause.Query), clause.Occur);
                return rebuilt;
            default:
                return query;
        }
    }

    /// <summary>How many distinct terms have been looked up so far.</summary>
    public int TermsLookedUp => contexts.Count;

    /// <summary>The term's place in each segment, looked up on first use.</summary>
    public TermContext Context(Term term)
    {
        if (contexts.TryGetValue(term, out var known))
            return known;
        var context = new TermContext(reader.Context);
        foreach (var leaf in reader.Leaves)
        {
            if (Enumerator(term.Field, leaf.Ord) is { } terms && terms.SeekExact(term.Bytes))
                context.Register(terms.GetTermState(), leaf.Ord, terms.DocFreq, terms.TotalTermFreq);
        }
        contexts[term] = context;
        return context;
    }

    /// <summary>
    /// The enumerator of <paramref name="field"/>'s terms in segment <paramref name="segment"/>, shared: to seek a term and
    /// read what it needs at once (its state, its postings); null where the segment has no such field.
    /// </summary>
    public TermsEnum? Enumerator(string field, int segment)
    {
        if (!enumerators.TryGetValue(field, out var perSegment))
            enumerators[field] = perSegment = reader.Leaves.Select(leaf => leaf.AtomicReader.GetTerms(field)?.GetEnumerator()).ToArray();
        return perSegment[segment];
    }
}
