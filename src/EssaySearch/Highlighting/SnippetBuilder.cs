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
    /// <remarks>
    /// Highlights are sorted and disjoint, so each window's are found by binary search, and each matched text is named by a
    /// number once: a paragraph of megabytes with many thousand matches stays fast.
    /// </remarks>
    private static (int Start, int End) BestWindow(string text, IReadOnlyList<TextSpan> highlights, int maxLength)
    {
        var worth = new WindowWorth(text, highlights);
        (int Start, int End) best = Window(text, 0, maxLength);
        var bestWorth = worth.Of(best);
        int previousStart = -1;
        foreach (var highlight in highlights)
        {
            int start = SentenceStart(text, highlight.Start, maxLength);
            if (highlight.End - start > maxLength)
                start = Math.Max(0, highlight.Start - maxLength / 4);
            if (start == previousStart)
                continue; // another match of the same sentence: the same window
            previousStart = start;
            var window = Window(text, start, maxLength);
            var shown = worth.Of(window);
            if (shown.CompareTo(bestWorth) > 0)
                (best, bestWorth) = (window, shown);
        }
        return best;
    }

    /// <summary>What a window shows of the matches: the characters of its distinct matched texts, and how many matches.</summary>
    private sealed class WindowWorth
    {
        private readonly IReadOnlyList<TextSpan> highlights;
        private readonly int[] textOf;        // each highlight's matched text, as a number
        private readonly int[] lastCounted;   // for each matched text, the window that last counted it
        private readonly int texts;
        private int windows;

        public WindowWorth(string text, IReadOnlyList<TextSpan> highlights)
        {
            this.highlights = highlights;
            var numbers = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            textOf = new int[highlights.Count];
            for (int i = 0; i < highlights.Count; i++)
            {
                string matched = text.Substring(highlights[i].Start, highlights[i].Length);
                if (!numbers.TryGetValue(matched, out textOf[i]))
                    numbers[matched] = textOf[i] = numbers.Count;
            }
            texts = numbers.Count;
            lastCounted = new int[texts];
        }

        public (int Distinct, int Matches) Of((int Start, int End) window)
        {
            int first = FirstWhere(highlights, h => h.Start >= window.Start), past = FirstWhere(highlights, h => h.End > window.End);
            if (past <= first)
                return (0, 0);
            windows++;
            int distinct = 0, counted = 0;
            for (int i = first; i < past && counted < texts; i++)
            {
                if (lastCounted[textOf[i]] == windows)
                    continue;
                lastCounted[textOf[i]] = windows;
                distinct += highlights[i].Length;
                counted++;
            }
            return (distinct, past - first);
        }
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
