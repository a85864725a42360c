using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace EssaySearch.Searching;

/// <summary>
/// A phrase of the bigram field that ends in a lone Han character (<c>10年</c>, <c>GPT的</c>), each position taking
/// any of its terms: a paragraph may go on with more Han after that character, where the field holds the bigram the
/// character starts rather than its unigram (<see cref="Analysis.BigramUnigrams.RunEnds"/>). Rewritten against the index
/// into a <see cref="MultiPhraseQuery"/> whose last position takes the character's unigram or any bigram it starts.
/// It scores as a constant (times its boost): the statistics of the bigrams it takes are not those of the character,
/// and the word phrase beside it ranks the paragraphs.
/// </summary>
internal sealed class OpenEndedPhraseQuery(IReadOnlyList<(Term[] Terms, int Position)> positions) : Query
{
    private IReadOnlyList<(Term[] Terms, int Position)> Positions => positions;

    public override Query Rewrite(IndexReader reader)
    {
        var endings = Starting(reader, positions[^1].Terms[0]);
        if (endings.Count == 0)
            return new BooleanQuery();
        var multi = new MultiPhraseQuery();
        foreach (var (terms, position) in positions.SkipLast(1))
            multi.Add(terms, position);
        multi.Add([.. endings], positions[^1].Position);
        return new ConstantScoreQuery(multi) { Boost = Boost };
    }

    /// <summary>The terms of the field that start with <paramref name="character"/>'s text, itself included.</summary>
    private static List<Term> Starting(IndexReader reader, Term character)
    {
        var found = new List<Term>();
        var terms = MultiFields.GetTerms(reader, character.Field)?.GetEnumerator();
        if (terms is null || terms.SeekCeil(character.Bytes) == TermsEnum.SeekStatus.END)
            return found;
        do
        {
            if (!StringHelper.StartsWith(terms.Term, character.Bytes))
                break;
            found.Add(new Term(character.Field, BytesRef.DeepCopyOf(terms.Term)));
        } while (terms.MoveNext());
        return found;
    }

    public override void ExtractTerms(ISet<Term> terms)
    {
        foreach (var (alternatives, _) in positions)
            terms.UnionWith(alternatives);
    }

    public override string ToString(string field) =>
        $"\"{string.Join(' ', positions.Select(p => string.Join('|', p.Terms.Select(t => t.Text))))}…\"";

    public override bool Equals(object? other) =>
        other is OpenEndedPhraseQuery open && open.Boost == Boost && open.Positions.Count == positions.Count
        && open.Positions.Zip(positions).All(pair => pair.First.Position == pair.Second.Position && pair.First.Terms.SequenceEqual(pair.Second.Terms));

    public override int GetHashCode() => HashCode.Combine(Boost, positions.Count, positions[^1].Terms[0]);
}
