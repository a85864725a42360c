namespace EssaySearch.Highlighting;

/// <summary>Cuts the fragment of a paragraph that shows the most of its matches, at sentence boundaries where it can.</summary>
internal static class SnippetBuilder
{
    private const string Ellipsis = "…";
    private static readonly char[] SentenceEnds = ['。', '！', '？', '；', '.', '!', '?', ';'];

    public static Snippet Build(string text, IReadOnlyList<TextSpan> highlights, int maxLength)
    {
        if (text.Length <= maxLength)
            return new Snippet(text, highlights);

        var (start, end) = BestWindow(text, highlights, maxLength);
        string prefix = start > 0 ? Ellipsis : "", suffix = end < text.Length ? Ellipsis : "";
        var shifted = highlights
            .Where(h => h.End > start && h.Start < end)
            .Select(h => new TextSpan(Math.Max(h.Start, start) - start + prefix.Length, Math.Min(h.End, end) - start + prefix.Length))
            .ToList();
        return new Snippet(prefix + text[start..end] + suffix, shifted);
    }

    /// <summary>
    /// Of the windows that start at a sentence (or at a match, when its sentence is too long), the one that shows the most
    /// of what matched: the most characters of distinct matched texts, so that a paragraph found for two words shows both
    /// rather than one of them many times, and a word outweighs a lone character; then the most matches; the earliest on a tie.
    /// </summary>
    /// <remarks>Highlights are sorted and disjoint, so each window's are found by binary search: a paragraph of megabytes with many thousand matches stays fast.</remarks>
    private static (int Start, int End) BestWindow(string text, IReadOnlyList<TextSpan> highlights, int maxLength)
    {
        (int Start, int End) best = Window(text, 0, maxLength);
        var bestWorth = Worth(text, highlights, best);
        foreach (var highlight in highlights)
        {
            int start = SentenceStart(text, highlight.Start, maxLength);
            if (highlight.End - start > maxLength)
                start = Math.Max(0, highlight.Start - maxLength / 4);
            var window = Window(text, start, maxLength);
            var worth = Worth(text, highlights, window);
            if (worth.CompareTo(bestWorth) > 0)
                (best, bestWorth) = (window, worth);
        }
        return best;
    }

    /// <summary>What a window shows of the matches: the characters of its distinct matched texts, and how many matches.</summary>
    private static (int Distinct, int Matches) Worth(string text, IReadOnlyList<TextSpan> highlights, (int Start, int End) window)
    {
        int first = FirstWhere(highlights, h => h.Start >= window.Start), past = FirstWhere(highlights, h => h.End > window.End);
        if (past <= first)
            return (0, 0);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        int distinct = 0;
        for (int i = first; i < past; i++)
        {
            if (seen.Add(text.Substring(highlights[i].Start, highlights[i].Length)))
                distinct += highlights[i].Length;
        }
        return (distinct, past - first);
    }

    /// <summary>A window from <paramref name="start"/> of at most <paramref name="maxLength"/>, ending after a sentence when one ends in its second half.</summary>
    private static (int Start, int End) Window(string text, int start, int maxLength)
    {
        start = NotInsidePair(text, start);
        int end = Math.Min(text.Length, start + maxLength);
        if (end < text.Length)
        {
            int sentenceEnd = text.LastIndexOfAny(SentenceEnds, end - 1, end - start);
            end = sentenceEnd >= start + maxLength / 2 ? sentenceEnd + 1 : NotInsidePair(text, end);
        }
        return (start, end);
    }

    /// <summary>Where the sentence holding <paramref name="index"/> starts, looking back no further than <paramref name="maxLength"/>.</summary>
    private static int SentenceStart(string text, int index, int maxLength)
    {
        int lookBack = Math.Min(index, maxLength);
        int previousEnd = index == 0 ? -1 : text.LastIndexOfAny(SentenceEnds, index - 1, lookBack);
        int start = previousEnd >= 0 || lookBack == index ? previousEnd + 1 : 0;
        while (start < index && char.IsWhiteSpace(text[start]))
            start++;
        return start;
    }

    private static int NotInsidePair(string text, int index) =>
        index > 0 && index < text.Length && char.IsLowSurrogate(text[index]) ? index - 1 : index;

    /// <summary>The index of the first highlight for which <paramref name="isPast"/> holds (it holds for every later one too).</summary>
    private static int FirstWhere(IReadOnlyList<TextSpan> highlights, Func<TextSpan, bool> isPast)
    {
        int low = 0, high = highlights.Count;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (isPast(highlights[middle]))
                high = middle;
            else
                low = middle + 1;
        }
        return low;
    }
}
