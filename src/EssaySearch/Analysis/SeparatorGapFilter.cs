using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace EssaySearch.Analysis;

/// <summary>
/// Leaves a one-position hole where the text between two tokens parts them (<see cref="WideSeparatorReader.Parts"/>:
/// punctuation other than joining marks, or a line break), so that a phrase does not run across it: 的未来 does not match
/// 的，未来. White space, hyphens and slashes leave none, so that a phrase typed with or without them matches alike
/// (<c>2019年</c> finds <c>2019 年</c>, <c>GPT-4</c> finds GPT 4, <c>TCP/IP</c> TCP IP): a hole in a query's phrase
/// would match any one word there (<c>"定投 策略"</c> found 定投这个策略). Queries are analyzed the same way.
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

    /// <summary>The text being analyzed, as read; null when it is not read through <see cref="FormatCharacterFilter"/>,
    /// and then any text dropped between two tokens parts them. Set by <see cref="WordPartFilter.Components"/>.</summary>
    internal FormatCharacterFilter? Read { get; set; }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
            return false;
        if (previousEnd >= 0 && offset.StartOffset > previousEnd && increment.PositionIncrement > 0
            && (Read is null || Read.Separators.Parts(previousEnd, offset.StartOffset)))
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
