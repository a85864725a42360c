using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace EssaySearch.Analysis;

/// <summary>
/// Leaves a one-position hole where text was dropped between two tokens (punctuation or space), so that a phrase
/// matches only words that touch in the text: 的未来 does not match 的，未来. Queries are analyzed the same way,
/// so <c>GPT-4</c> still matches GPT-4 (and GPT 4).
/// </summary>
internal sealed class SeparatorGapFilter : TokenFilter
{
    private readonly IPositionIncrementAttribute increment;
    private readonly IOffsetAttribute offset;
    private int previousEnd = -1;

    public SeparatorGapFilter(TokenStream input) : base(input)
    {
        increment = AddAttribute<IPositionIncrementAttribute>();
        offset = AddAttribute<IOffsetAttribute>();
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
            return false;
        if (previousEnd >= 0 && offset.StartOffset > previousEnd && increment.PositionIncrement > 0)
            increment.PositionIncrement++;
        previousEnd = Math.Max(previousEnd, offset.EndOffset);
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        previousEnd = -1;
    }
}
