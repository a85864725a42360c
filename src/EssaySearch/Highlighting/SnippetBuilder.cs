namespace EssaySearch.Highlighting;

/// <summary>
/// Cuts the fragment of a paragraph that shows the most of its matches, at sentence boundaries where it can; and when
/// no fragment of the length shows every matched word, a short fragment around each of up to two it leaves out, as a
/// search engine's result shows each word a reader typed in its context (…A…B…).
/// </summary>
internal static class SnippetBuilder
{
    private const string Ellipsis = "…";
    private static readonly char[] SentenceEnds = ['。', '！', '？', '；', '.', '!', '?', ';'];

    // Words left out of the best fragment that get a fragment of their own, each a third of the length: the first
    // fragment keeps at least a third, enough for a sentence around its own matches.
    private const int MostFragmentsAdded = 2;

    public static Snippet Build(string text, IReadOnlyList<TextSpan> highlights, int maxLength)
    {
        if (text.Length <= maxLength)
            return new Snippet(text, highlights);

        var worth = new WindowWorth(text, highlights);
        var best = BestWindow(text, highlights, maxLength, worth);
        int addedLength = maxLength / 3;
        int added = Math.Min(worth.LeftOut(best, addedLength).Count, MostFragmentsAdded);
        if (added == 0)
            return Joined(text, highlights, [best]);
        // Room for the words left out: the first fragment is chosen again in what remains, and may leave out others.
        var first = BestWindow(text, highlights, maxLength - added * addedLength, worth);
        var fragments = new List<(int Start, int End)> { first };
        foreach (var missing in worth.LeftOut(first, addedLength).Take(added))
            fragments.Add(Around(text, missing, addedLength));
        return Joined(text, highlights, Merged(fragments));
    }

    /// <summary>The fragments, in order, joined by an ellipsis where the paragraph was cut, with the highlights within them.</summary>
    private static Snippet Joined(string text, IReadOnlyList<TextSpan> highlights, IReadOnlyList<(int Start, int End)> fragments)
    {
        var shown = new System.Text.StringBuilder();
        var shifted = new List<TextSpan>();
        foreach (var (start, end) in fragments)
        {
            if (start > 0)
                shown.Append(Ellipsis);
            int offset = shown.Length - start;
            shifted.AddRange(highlights
                .Where(h => h.End > start && h.Start < end)
                .Select(h => new TextSpan(Math.Max(h.Start, start) + offset, Math.Min(h.End, end) + offset)));
            shown.Append(text, start, end - start);
        }
        if (fragments[^1].End < text.Length)
            shown.Append(Ellipsis);
        return new Snippet(shown.ToString(), shifted);
    }

    /// <summary>The fragments in paragraph order, those that overlap or touch made one: one ellipsis between two fragments, none inside one.</summary>
    private static List<(int Start, int End)> Merged(List<(int Start, int End)> fragments)
    {
        var merged = new List<(int Start, int End)>();
        foreach (var fragment in fragments.OrderBy(f => f.Start))
        {
            if (merged.Count > 0 && fragment.Start <= merged[^1].End)
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, fragment.End));
            else
                merged.Add(fragment);
        }
        return merged;
    }

    /// <summary>A fragment of at most <paramref name="maxLength"/> around one match: from its sentence's start when that is near enough, else with it a quarter in.</summary>
    private static (int Start, int End) Around(string text, TextSpan match, int maxLength)
    {
        int start = SentenceStart(text, match.Start, maxLength);
        if (match.End - start > maxLength)
            start = Math.Max(0, match.Start - maxLength / 4);
        return Window(text, start, maxLength);
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
    private static (int Start, int End) BestWindow(string text, IReadOnlyList<TextSpan> highlights, int maxLength, WindowWorth worth)
    {
        (int Start, int End) best = Window(text, 0, maxLength);
        var bestWorth = worth.Of(best);
        int previousStart = -1;
        foreach (var highlight in highlights)
        {
            var window = Around(text, highlight, maxLength);
            if (window.Start == previousStart)
                continue; // another match of the same sentence: the same window
            previousStart = window.Start;
            var shown = worth.Of(window);
            if (shown.CompareTo(bestWorth) > 0)
                (best, bestWorth) = (window, shown);
        }
        return best;
    }

    /// <summary>What a window shows of the matches: the characters of its distinct matched texts, and how many matches; and what it leaves out.</summary>
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

        /// <summary>
        /// The first match of each matched text that <paramref name="window"/> does not show and that a fragment of
        /// <paramref name="fragmentLength"/> can, longest text first (a word before a lone character), then in paragraph order.
        /// </summary>
        public List<TextSpan> LeftOut((int Start, int End) window, int fragmentLength)
        {
            var shown = new bool[texts];
            var firstOf = new int?[texts];
            for (int i = 0; i < highlights.Count; i++)
            {
                if (highlights[i].Start >= window.Start && highlights[i].End <= window.End)
                    shown[textOf[i]] = true;
                firstOf[textOf[i]] ??= i;
            }
            return Enumerable.Range(0, texts).Where(t => !shown[t]).Select(t => highlights[firstOf[t]!.Value])
                .Where(h => h.Length <= fragmentLength).OrderByDescending(h => h.Length).ThenBy(h => h.Start).ToList();
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
