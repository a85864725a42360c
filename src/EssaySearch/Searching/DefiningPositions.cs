using Lucene.Net.Index;
using Lucene.Net.Search;

namespace EssaySearch.Searching;

/// <summary>
/// Where the defining words (<see cref="Definitions.Verbs"/>) stand in the opening of each paragraph of one index: a bit for
/// each of the first <see cref="Reach"/> positions of the word field, read from the words' postings once per segment, on
/// the first question that asks what something is. A definition by one of them counts only in a paragraph's opening
/// (<see cref="Definitions.Lead"/>), and reading a dozen words' postings at every paragraph with a question's subject
/// cost such a question about a quarter of its time (README, "How a query is matched"); 4 bytes a paragraph.
/// </summary>
/// <param name="reader">The index.</param>
/// <param name="words">The defining words' tokens in the word field, each with its lookup in <paramref name="reader"/>.</param>
internal sealed class DefiningPositions(IndexReader reader, (Term Term, TermContext Context)[] words)
{
    /// <summary>How many of a paragraph's first positions are recorded: enough for a subject of up to 16 tokens in its opening.</summary>
    public const int Reach = 32;

    // Per segment, once read: a paragraph's bits, position p as bit p. An array is written whole, so threads that race to
    // read a segment each see one of equal values.
    private readonly uint[]?[] segments = new uint[]?[reader.Leaves.Count];

    /// <summary>Whether one of the words stands at <paramref name="position"/> (below <see cref="Reach"/>) of document <paramref name="doc"/> of <paramref name="segment"/>.</summary>
    public bool At(AtomicReaderContext segment, int doc, int position) =>
        position < Reach && ((segments[segment.Ord] ??= Read(segment))[doc] & (1u << position)) != 0;

    private uint[] Read(AtomicReaderContext segment)
    {
        var bits = new uint[segment.AtomicReader.MaxDoc];
        if (words.Length == 0 || segment.AtomicReader.GetTerms(words[0].Term.Field) is not { } field)
            return bits;
        var terms = field.GetEnumerator();
        DocsAndPositionsEnum? postings = null;
        foreach (var (term, context) in words)
        {
            if (context.Get(segment.Ord) is not { } state)
                continue;
            terms.SeekExact(term.Bytes, state);
            postings = terms.DocsAndPositions(null, postings, DocsAndPositionsFlags.NONE)
                ?? throw new InvalidOperationException($"field {term.Field} has no positions, which a definition needs");
            for (int doc = postings.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.NextDoc())
            {
                for (int n = postings.Freq; n > 0; n--)
                {
                    int position = postings.NextPosition();
                    if (position >= Reach)
                        break;
                    bits[doc] |= 1u << position;
                }
            }
        }
        return bits;
    }
}
