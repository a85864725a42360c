using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace EssaySearch.Indexing;

/// <summary>
/// The tokens of one field value, analyzed ahead of time, so that analysis (ICU segmentation, bigrams) runs on
/// another core than Lucene's inversion. Keeps what the index records of a token: term, position increment, offsets.
/// </summary>
internal sealed class AnalyzedText
{
    // The terms' characters end to end in one buffer, and per token four ints (term end, position increment,
    // start and end offsets): millions of tokens then cost a few arrays, not a string each.
    private char[] chars = new char[64];
    private int charCount;
    private int[] tokens = new int[4 * 16];

    public int Count { get; private set; }

    public int FinalOffset { get; private set; }

    public static AnalyzedText Of(Analyzer analyzer, string field, string text)
    {
        var analyzed = new AnalyzedText();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
            analyzed.Add(term, increment.PositionIncrement, offset.StartOffset, offset.EndOffset);
        stream.End();
        analyzed.FinalOffset = offset.EndOffset;
        return analyzed;
    }

    private void Add(ICharTermAttribute term, int positionIncrement, int start, int end)
    {
        if (charCount + term.Length > chars.Length)
            Array.Resize(ref chars, Math.Max(chars.Length * 2, charCount + term.Length));
        Array.Copy(term.Buffer, 0, chars, charCount, term.Length);
        charCount += term.Length;
        if (4 * (Count + 1) > tokens.Length)
            Array.Resize(ref tokens, tokens.Length * 2);
        tokens[4 * Count] = charCount;
        tokens[4 * Count + 1] = positionIncrement;
        tokens[4 * Count + 2] = start;
        tokens[4 * Count + 3] = end;
        Count++;
    }

    /// <summary>Writes token <paramref name="index"/> into the attributes of a replaying stream.</summary>
    public void CopyTo(int index, ICharTermAttribute term, IPositionIncrementAttribute increment, IOffsetAttribute offset)
    {
        int termStart = index == 0 ? 0 : tokens[4 * (index - 1)];
        term.CopyBuffer(chars, termStart, tokens[4 * index] - termStart);
        increment.PositionIncrement = tokens[4 * index + 1];
        offset.SetOffset(tokens[4 * index + 2], tokens[4 * index + 3]);
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
        if (next == text.Count)
            return false;
        ClearAttributes();
        text.CopyTo(next++, term, increment, offset);
        return true;
    }

    public override void End()
    {
        base.End();
        offset.SetOffset(text.FinalOffset, text.FinalOffset);
    }
}
