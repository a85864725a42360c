namespace EssaySearch.Analysis;

/// <summary>Splits a run of contiguous Han characters into words.</summary>
/// <remarks>Instances keep per-run scratch state: one per token stream, never shared between threads.</remarks>
internal abstract class HanSegmenter
{
    /// <summary>Appends to <paramref name="wordEnds"/> the end index of each word of <paramref name="run"/>, in order; the last is <c>run.Length</c>.</summary>
    public abstract void Segment(string run, List<int> wordEnds);
}
