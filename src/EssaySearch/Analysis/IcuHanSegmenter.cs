using ICU4N.Globalization;
using ICU4N.Text;

namespace EssaySearch.Analysis;

/// <summary>Han word segmentation by ICU's dictionary-based word break iterator.</summary>
internal sealed class IcuHanSegmenter : HanSegmenter
{
    // Building the first iterator loads ICU's break rules and CJ dictionary (~0.1 s, on one thread); clones are cheap.
    private static readonly Lazy<BreakIterator> Prototype = new(() => BreakIterator.GetWordInstance(new UCultureInfo("zh")));

    /// <summary>Starts loading ICU's data on the thread pool, so that whoever needs a segmenter next waits less or not at all.</summary>
    /// <remarks>A failure is not lost: the lazy value keeps it, and creating a segmenter throws it.</remarks>
    public static void StartLoading() => _ = Task.Run(() => Prototype.Value);

    private readonly BreakIterator iterator = (BreakIterator)Prototype.Value.Clone();

    public override void Segment(string run, List<int> wordEnds)
    {
        iterator.SetText(run);
        iterator.First();
        for (int end = iterator.Next(); end != BreakIterator.Done; end = iterator.Next())
            wordEnds.Add(end);
    }
}
