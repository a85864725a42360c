using Lucene.Net.Index;
using Lucene.Net.Util;

namespace EssaySearch.Analysis;

/// <summary>
/// Segments a query's Han run by forward maximum matching against the words an index already holds.
/// </summary>
/// <remarks>
/// Queries are segmented this way instead of with ICU because creating ICU's break iterator costs
/// about 0.1 s per process, most of a command-line query's budget. Recall never depends on this
/// segmentation (the bigram field guarantees it); it only decides which documents also earn the
/// whole-word score, and the words it can produce are exactly those the index segmenter produced.
/// </remarks>
internal sealed class VocabularyHanSegmenter(Terms? vocabulary) : HanSegmenter
{
    private const int LongestWord = 8;
    private readonly TermsEnum? terms = vocabulary?.GetEnumerator();
    private readonly BytesRef probe = new();

    public override void Segment(string run, List<int> wordEnds)
    {
        int start = 0;
        while (start < run.Length)
        {
            int end = Math.Min(run.Length, start + LongestWord);
            while (end > start + 1 && !IsWord(run.AsSpan(start, end - start)))
                end--;
            if (end < run.Length && char.IsSurrogatePair(run[end - 1], run[end]))
                end++;
            wordEnds.Add(end);
            start = end;
        }
    }

    private bool IsWord(ReadOnlySpan<char> candidate)
    {
        if (terms is null)
            return false;
        probe.CopyChars(candidate.ToString());
        return terms.SeekExact(probe);
    }
}
