using System.Buffers;

namespace EssaySearch.Highlighting;

/// <summary>
/// Cuts the fragment of a paragraph that shows the most of its matches, at sentence boundaries where it can; and when
/// no fragment of the length shows every matched word, a short fragment around each of up to two it leaves out, as a
/// search engine's result shows each word a reader typed in its context (…A…B…).
/// </summary>
internal static class SnippetBuilder
{
    private const string Ellipsis = "…";
    private static readonly SearchValues<char> SentenceEnds = SearchValues.Create("。！？；.!?;");
    // Where a sentence too long for a fragment may be cut: after a comma, colon, closing mark or space.
    private static readonly SearchValues<char> ClauseEnds = SearchValues.Create("，、：）」』”,:) ");

    // Words left out of the best fragment that get a fragment of their own, each a third of the length: the first
    // fragment keeps at least a third, enough for a sentence around its own matches.
    private const int MostFragmentsAdded = 2;

    /// <summary>The snippet of <paramref name="text"/>, with <paramref name="found"/> its matches and the targets that found them (a word each).</summary>
    public static Snippet Build(string text, IReadOnlyList<FoundSpan> found, int maxLength)
    {
        var highlights = found.Select(match => match.Span).ToList();
        if (text.Length <= maxLength)
            return new Snippet(text, highlights);

        var worth = new WindowWorth(found);
        int addedLength = maxLength / 3, added = 0;
        var first = BestWindow(text, highlights, maxLength, worth);
        // Room for the words left out: the first fragment is chosen again in what remains, and may leave out more of
        // them (two of three words fit 120 characters, one fits 80), which then get room too, up to the most added.
        for (var missing = worth.LeftOut(first, addedLength); missing.Count > added && added < MostFragmentsAdded; missing = worth.LeftOut(first, addedLength))
        {
            added = Math.Min(missing.Count, MostFragmentsAdded);
            first = BestWindow(text, highlights, maxLength - added * addedLength, worth);
        }
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

    /// <summary>
    /// A fragment of at most <paramref name="maxLength"/> around one match: from its sentence's start when that is near
    /// enough, else from the earliest break between clauses that is (a comma, a space), else with the match a quarter in,
    /// outside a Latin word.
    /// </summary>
    private static (int Start, int End) Around(string text, TextSpan match, int maxLength)
    {
        int start = SentenceStart(text, match.Start, maxLength);
        if (match.End - start > maxLength)
        {
            int earliest = Math.Max(start, match.End - maxLength);
            int clause = text.AsSpan(earliest, Math.Max(0, match.Start - earliest)).IndexOfAny(ClauseEnds);
            start = clause >= 0 ? earliest + clause + 1 : OutsideWord(text, Math.Max(0, match.Start - maxLength / 4), match.Start);
            while (start < match.Start && char.IsWhiteSpace(text[start]))
                start++;
        }
        return Window(text, start, maxLength, match.End);
    }

    /// <summary><paramref name="index"/>, or where the Latin word it falls inside ends, if that is before <paramref name="limit"/>.</summary>
    private static int OutsideWord(string text, int index, int limit)
    {
        int end = index;
        while (end > 0 && end < limit && char.IsAsciiLetterOrDigit(text[end - 1]) && char.IsAsciiLetterOrDigit(text[end]))
            end++;
        return end < limit ? end : index;
    }

    /// <summary>
    /// Whether the character at <paramref name="index"/> ends a sentence: a line break, a full stop, question or exclamation
    /// mark, or semicolon; a Latin one only before a space or the end, as the dot in Node.js or 3.0 ends none.
    /// </summary>
    private static bool EndsSentence(string text, int index) =>
        text[index] == '\n' // a line of a note, or of code, is a unit as a sentence is
        || SentenceEnds.Contains(text[index])
        && (text[index] > '\u007F' || index + 1 == text.Length || !char.IsAsciiLetterOrDigit(text[index + 1]));

    /// <summary>The last index in <c>[from, to)</c> for which <paramref name="ends"/> holds; -1 for none.</summary>
    private static int LastWhere(string text, int from, int to, Func<string, int, bool> ends)
    {
        for (int i = to - 1; i >= from; i--)
        {
            if (ends(text, i))
                return i;
        }
        return -1;
    }

    /// <summary>
    /// Of the windows that start at a sentence (or, when its sentence is too long, at a clause or near a match), the one that
    /// shows the most of what matched: the most characters of distinct words, so that a paragraph found for two words shows
    /// both rather than one of them many times, and a word outweighs a lone character; then the most matches; the earliest
    /// on a tie.
    /// </summary>
    /// <remarks>
    /// Highlights are sorted and disjoint, so each window's are found by binary search, and each match's word is a number
    /// (its target's): a paragraph of megabytes with many thousand matches stays fast.
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

    /// <summary>
    /// What a window shows of the matches: the characters of the words it shows (a word once, by its first match there),
    /// and how many matches; and which words it leaves out. A word is what one target found (<see cref="FoundSpan"/>).
    /// </summary>
    private sealed class WindowWorth
    {
        private readonly TextSpan[] highlights;
        private readonly int[] textOf;        // each highlight's word, as a number
        private readonly int[] lastCounted;   // for each word, the window that last counted it
        private readonly int texts;
        private int windows;

        public WindowWorth(IReadOnlyList<FoundSpan> found)
        {
            highlights = found.Select(match => match.Span).ToArray();
            textOf = found.Select(match => match.Target).ToArray();
            texts = textOf.Length == 0 ? 0 : textOf.Max() + 1;
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
        /// The first match of each word that <paramref name="window"/> does not show and that a fragment of
        /// <paramref name="fragmentLength"/> can, longest match first (a word before a lone character), then in paragraph order.
        /// </summary>
        public List<TextSpan> LeftOut((int Start, int End) window, int fragmentLength)
        {
            var shown = new bool[texts];
            var firstOf = new int?[texts];
            for (int i = 0; i < highlights.Length; i++)
            {
                if (highlights[i].Start >= window.Start && highlights[i].End <= window.End)
                    shown[textOf[i]] = true;
                firstOf[textOf[i]] ??= i;
            }
            return Enumerable.Range(0, texts).Where(t => firstOf[t] is not null && !shown[t]).Select(t => highlights[firstOf[t]!.Value])
                .Where(h => h.Length <= fragmentLength).OrderByDescending(h => h.Length).ThenBy(h => h.Start).ToList();
        }
    }

    /// <summary>
    /// A window from <paramref name="start"/> of at most <paramref name="maxLength"/>, ending after a sentence when one
    /// ends in its second half, else after a clause (a comma, a space) that does, else outside a Latin word where it can.
    /// </summary>
    /// <param name="text">The paragraph.</param>
    /// <param name="start">Where the window starts.</param>
    /// <param name="maxLength">The longest it may be.</param>
    /// <param name="keep">Where the match the window is for ends: it is not cut before (stackoverflow.com's dot ends nothing).</param>
    private static (int Start, int End) Window(string text, int start, int maxLength, int keep = 0)
    {
        start = NotInsidePair(text, start);
        int end = Math.Min(text.Length, start + maxLength);
        if (end < text.Length)
        {
            int half = Math.Max(start + maxLength / 2, Math.Min(keep, end));
            int cut = LastWhere(text, half, end, EndsSentence) is var sentence and >= 0 ? sentence
                : LastWhere(text, half, end, (t, i) => ClauseEnds.Contains(t[i]));
            end = cut >= 0 ? cut + 1 : NotInsidePair(text, InsideWordStart(text, end, half));
            while (end > half && char.IsWhiteSpace(text[end - 1]))
                end--; // the ellipsis follows the last word, not a space
        }
        return (start, end);
    }

    /// <summary>Where the Latin word that <paramref name="index"/> falls inside starts, if that is after <paramref name="limit"/>; else <paramref name="index"/>.</summary>
    private static int InsideWordStart(string text, int index, int limit)
    {
        int start = index;
        while (start > limit && char.IsAsciiLetterOrDigit(text[start - 1]) && char.IsAsciiLetterOrDigit(text[start]))
            start--;
        return start > limit ? start : index;
    }

    /// <summary>Where the sentence holding <paramref name="index"/> starts, looking back no further than <paramref name="maxLength"/>.</summary>
    private static int SentenceStart(string text, int index, int maxLength)
    {
        int lookBack = Math.Min(index, maxLength);
        int previousEnd = LastWhere(text, index - lookBack, index, EndsSentence);
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
