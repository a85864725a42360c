using EssaySearch.Indexing;
using Lucene.Net.Index;
using Lucene.Net.Search;
using EssaySearch.Schema;

namespace EssaySearch.Highlighting;

/// <summary>Something a query looks for in the paragraph text: terms at relative positions, or a term prefix.</summary>
/// <param name="Terms">The terms of a phrase (one for a single term); for a prefix, the prefix alone.</param>
/// <param name="Positions">Each term's position relative to the others.</param>
/// <param name="IsPrefix">Whether <see cref="Terms"/> holds a prefix that any indexed term may extend.</param>
internal sealed record MatchTarget(Term[] Terms, int[] Positions, bool IsPrefix)
{
    /// <summary>The targets of every clause of <paramref name="query"/> that can make a paragraph match through its text; excluded clauses contribute none.</summary>
    public static IReadOnlyList<MatchTarget> From(Query query)
    {
        var targets = new List<MatchTarget>();
        Collect(query, targets);
        return targets;
    }

    private static void Collect(Query query, List<MatchTarget> targets)
    {
        switch (query)
        {
            case BooleanQuery boolean:
                foreach (var clause in boolean.Clauses.Where(c => c.Occur != Occur.MUST_NOT))
                    Collect(clause.Query, targets);
                break;
            case PhraseQuery phrase when IsText(phrase.GetTerms()[0].Field):
                targets.Add(new MatchTarget(phrase.GetTerms(), phrase.GetPositions(), false));
                break;
            case TermQuery term when IsText(term.Term.Field):
                targets.Add(new MatchTarget([term.Term], [0], false));
                break;
            case PrefixQuery prefix when IsText(prefix.Prefix.Field):
                targets.Add(new MatchTarget([prefix.Prefix], [0], true));
                break;
        }
    }

    private static bool IsText(string field) => field is ParagraphFields.Text or ParagraphFields.TextBigrams;
}
