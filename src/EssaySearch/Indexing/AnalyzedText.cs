using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace EssaySearch.Indexing;

/// <summary>
/// The tokens of one field value, analyzed ahead of time, so that analysis (ICU segmentation, bigrams) runs on
/// another core than Lucene's inversion. Keeps what the index records of a token: term, position increment, offsets.
/// </summary>
internal sealed class AnalyzedText
{
    private readonly List<(string Term, int PositionIncrement, int Start, int End)> tokens = [];

    private AnalyzedText(int finalOffset) => FinalOffset = finalOffset;

    public IReadOnlyList<(string Term, int PositionIncrement, int Start, int End)> Tokens => tokens;

    public int FinalOffset { get; private set; }

    public static AnalyzedText Of(Analyzer analyzer, string field, string text)
    {
        var analyzed = new AnalyzedText(text.Length);
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
            analyzed.tokens.Add((term.ToString(), increment.PositionIncrement, offset.StartOffset, offset.EndOffset));
        stream.End();
        analyzed.FinalOffset = offset.EndOffset;
        return analyzed;
    }
}

/// <summary>Replays an <see cref="AnalyzedText"/> to Lucene; one instance per field, reused for every document.</summary>
internal sealed class AnalyzedTextStream : TokenStream
{
    private readonly ICharTermAttribute term;
    private readonly IPositionIncrementAttribute increment;
    private readonly IOffsetAttribute offset;
    private AnalyzedText text = null!;
    private int next;

    public AnalyzedTextStream()
    {
        term = AddAttribute<ICharTermAttribute>();
        increment = AddAttribute<IPositionIncrementAttribute>();
        offset = AddAttribute<IOffsetAttribute>();
    }

    public AnalyzedTextStream Replaying(AnalyzedText analyzed)
    {
        text = analyzed;
        return this;
    }

    public override void Reset()
    {
        base.Reset();
        next = 0;
    }

    public override bool IncrementToken()
    {
        if (next == text.Tokens.Count)
            return false;
        ClearAttributes();
        var token = text.Tokens[next++];
        term.SetEmpty().Append(token.Term);
        increment.PositionIncrement = token.PositionIncrement;
        offset.SetOffset(token.Start, token.End);
        return true;
    }

    public override void End()
    {
        base.End();
        offset.SetOffset(text.FinalOffset, text.FinalOffset);
    }
}
