using System.Text;

namespace EssaySearch.Corpus;

/// <summary>
/// Collects the text a reader sees of one block, piece by piece. A line break inside the block is kept
/// (<paramref name="keepLineBreaks"/>: a vault's note, which Obsidian shows line by line), or else joined the way a
/// reader of hard-wrapped text sees it: nothing between two CJK characters (Han, kana, full-width punctuation), one
/// space otherwise.
/// </summary>
internal sealed class VisibleText(bool keepLineBreaks = false)
{
    private readonly StringBuilder text = new();
    private bool lineBreakPending;
    private bool hiddenBefore;

    /// <summary>Link targets met in the block, in order, each once.</summary>
    public List<string> Links { get; } = [];

    public bool IsEmpty => text.Length == 0;

    /// <summary>Whether the next piece starts a word: nothing before it in the block, or a space or a line break.</summary>
    public bool AtWordStart => text.Length == 0 || lineBreakPending || char.IsWhiteSpace(text[^1]);

    public void Append(ReadOnlySpan<char> piece)
    {
        // The author wrote one space on each side of what is not shown (前面 ^[注] 后面): one is kept, not both.
        if (hiddenBefore && text.Length > 0 && text[^1] == ' ' && piece.StartsWith(' '))
            piece = piece[1..];
        if (piece.IsEmpty)
            return;
        hiddenBefore = false;
        if (lineBreakPending && text.Length > 0 && (keepLineBreaks || NeedsSpace(text, piece)))
            text.Append(keepLineBreaks ? '\n' : ' ');
        lineBreakPending = false;
        text.Append(piece);
    }

    public void LineBreak() => lineBreakPending = true;

    /// <summary>Something written here shows nothing (an inline footnote, an image, an HTML tag).</summary>
    public void Hidden() => hiddenBefore = true;

    public void AddLink(string? target)
    {
        if (!string.IsNullOrWhiteSpace(target) && !Links.Contains(target))
            Links.Add(target);
    }

    /// <summary>The text so far, trimmed; the builder is then empty again.</summary>
    public (string Text, IReadOnlyList<string> Links) Take()
    {
        var taken = (text.ToString().Trim(), (IReadOnlyList<string>)Links.ToArray());
        text.Clear();
        Links.Clear();
        lineBreakPending = hiddenBefore = false;
        return taken;
    }

    /// <summary>Joins lines of text the way <see cref="LineBreak"/> does.</summary>
    public static string JoinLines(IEnumerable<string> lines)
    {
        var joined = new VisibleText();
        foreach (var line in lines)
        {
            joined.LineBreak();
            joined.Append(line.Trim());
        }
        return joined.Take().Text;
    }

    private static bool NeedsSpace(StringBuilder before, ReadOnlySpan<char> after)
    {
        char last = before[^1];
        if (char.IsWhiteSpace(last) || char.IsWhiteSpace(after[0]))
            return false;
        int a = char.IsLowSurrogate(last) && before.Length > 1 ? char.ConvertToUtf32(before[^2], last) : last;
        int b = after.Length > 1 && char.IsSurrogatePair(after[0], after[1]) ? char.ConvertToUtf32(after[0], after[1]) : after[0];
        bool wideBefore = IsWide(a) || IsAmbiguous(a) && AmbiguousMarksFollowWide(before);
        return !(wideBefore && (IsWide(b) || IsAmbiguous(b)) || IsAmbiguous(a) && IsWide(b));
    }

    /// <summary>Whether the marks that end <paramref name="text"/> (”…) close Chinese text: the character before them is wide.</summary>
    private static bool AmbiguousMarksFollowWide(StringBuilder text)
    {
        int i = text.Length - 1;
        while (i >= 0 && IsAmbiguous(text[i]))
            i--;
        return i >= 0 && (IsWide(text[i]) || char.IsLowSurrogate(text[i]) && i > 0 && IsWide(char.ConvertToUtf32(text[i - 1], text[i])));
    }

    // Han (with its radicals, strokes and extensions), kana, bopomofo, CJK symbols and full-width forms. Hangul is
    // not among them: Korean puts spaces between words.
    private static bool IsWide(int c) => c is
        >= 0x2E80 and <= 0x30FF or >= 0x3100 and <= 0x312F or >= 0x3190 and <= 0x33FF or >= 0x3400 and <= 0x4DBF
        or >= 0x4E00 and <= 0x9FFF or >= 0xF900 and <= 0xFAFF or >= 0xFE10 and <= 0xFE1F or >= 0xFE30 and <= 0xFE4F
        or >= 0xFF01 and <= 0xFF9F or >= 0xFFE0 and <= 0xFFE6 or >= 0x20000 and <= 0x3FFFF;

    // Punctuation that Chinese text sets full-width but that Latin text shares: quotes, dashes, the ellipsis, the middle dot.
    private static bool IsAmbiguous(int c) => c is 0xB7 or 0x2014 or 0x2015 or >= 0x2018 and <= 0x201F or 0x2026;
}
