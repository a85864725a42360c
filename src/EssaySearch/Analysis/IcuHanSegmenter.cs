using ICU4N.Globalization;
using ICU4N.Text;

namespace EssaySearch.Analysis;

/// <summary>Han word segmentation by ICU's dictionary-based word break iterator.</summary>
internal sealed class IcuHanSegmenter : HanSegmenter
{
    // Building the first iterator loads ICU's break rules and CJ dictionary (~0.1 s); clones are cheap.
    private static readonly Lazy<BreakIterator> Prototype = new(() => BreakIterator.GetWordInstance(new UCultureInfo("zh")));

    private readonly BreakIterator iterator = (BreakIterator)Prototype.Value.Clone();

    public override void Segment(string run, List<int> wordEnds)
    {
        iterator.SetText(run);
        iterator.First();
        for (int end = iterator.Next(); end != BreakIterator.Done; end = iterator.Next())
            wordEnds.Add(end);
    }
}
