using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.TokenAttributes;

namespace EssaySearch.Analysis;

/// <summary>
/// Of the unigrams <see cref="CJKBigramFilter"/> stacks on its bigrams, keeps only the last of each run (the one no
/// bigram starts at); each bigram takes its dropped unigram's position, so every position stays as it was.
/// </summary>
internal sealed class RunEndUnigramFilter : TokenFilter
{
    private readonly ICharTermAttribute term;
    private readonly IOffsetAttribute offset;
    private readonly IPositionIncrementAttribute increment;
    private readonly IPositionLengthAttribute length;
    private readonly ITypeAttribute type;
    // A unigram is read ahead of the token after it, and the token after a run's last unigram is held back until the
    // unigram has gone: both are kept field by field (term, offsets, position, type: all this analysis sets), as a
    // captured state per character cost more than dropping the unigrams saved.
    private readonly Held unigram = new(), next = new();
    private bool holdingNext;

    public RunEndUnigramFilter(TokenStream input) : base(input)
    {
        term = AddAttribute<ICharTermAttribute>();
        offset = AddAttribute<IOffsetAttribute>();
        increment = AddAttribute<IPositionIncrementAttribute>();
        length = AddAttribute<IPositionLengthAttribute>();
        type = AddAttribute<ITypeAttribute>();
    }

    public override bool IncrementToken()
    {
        if (holdingNext)
        {
            Restore(next);
            holdingNext = false;
        }
        else if (!m_input.IncrementToken())
        {
            return false;
        }
        if (type.Type != CJKBigramFilter.SINGLE_TYPE)
            return true;
        Hold(unigram);
        bool more = m_input.IncrementToken();
        // A unigram is followed by the bigram it starts, stacked on it (no position increment), unless it ends its run.
        if (more && type.Type == CJKBigramFilter.DOUBLE_TYPE && increment.PositionIncrement == 0)
        {
            increment.PositionIncrement = unigram.Increment;
            return true;
        }
        if (more)
        {
            Hold(next);
            holdingNext = true;
        }
        Restore(unigram);
        return true;
    }

    private void Hold(Held held)
    {
        if (held.Term.Length < term.Length)
            held.Term = new char[term.Length * 2];
        term.Buffer.AsSpan(0, term.Length).CopyTo(held.Term);
        (held.Length, held.Start, held.End, held.Increment, held.PositionLength, held.Type) =
            (term.Length, offset.StartOffset, offset.EndOffset, increment.PositionIncrement, length.PositionLength, type.Type);
    }

    private void Restore(Held held)
    {
        ClearAttributes();
        term.CopyBuffer(held.Term, 0, held.Length);
        offset.SetOffset(held.Start, held.End);
        increment.PositionIncrement = held.Increment;
        length.PositionLength = held.PositionLength;
        type.Type = held.Type;
    }

    public override void Reset()
    {
        base.Reset();
        holdingNext = false;
    }

    private sealed class Held
    {
        public char[] Term = new char[8];
        public int Length, Start, End, Increment, PositionLength;
        public string Type = "";
    }
}
