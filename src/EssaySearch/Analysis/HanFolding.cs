using System.Text;

namespace EssaySearch.Analysis;

/// <summary>
/// Folds traditional (and variant and compatibility) Han characters to simplified ones, character by character,
/// so that text in either script finds the other: 超級智能 and 超级智能 fold alike.
/// </summary>
/// <remarks>
/// The table is <c>Data/han-folding.txt</c>, generated from Unicode's Unihan variants and OpenCC's character table
/// by <c>Data/make-han-folding.py</c> (which explains the rules). A fold may change a character's UTF-16 length
/// (a supplementary-plane variant folds to a BMP character, and the other way round).
/// </remarks>
internal static class HanFolding
{
    private static readonly int[] Bmp = new int[char.MaxValue + 1];                 // BMP code point -> target, 0: none
    private static readonly Dictionary<int, int> Supplementary = new();

    static HanFolding()
    {
        using var stream = typeof(HanFolding).Assembly.GetManifestResourceStream("EssaySearch.Analysis.han-folding.txt")!;
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        // Lines of `target<TAB>sources`, decoded rune by rune from the UTF-8 bytes: a string per line, or a search for
        // every kind of line break, made reading the table a visible part of a one-query process's start-up.
        ReadOnlySpan<byte> table = bytes;
        int target = 0;
        bool lineStart = true;
        while (!table.IsEmpty)
        {
            Rune.DecodeFromUtf8(table, out var rune, out int length);
            table = table[length..];
            if (rune.Value == '\n')
                lineStart = true;
            else if (lineStart)
                (target, lineStart) = (rune.Value, false);
            else if (rune.Value == '\t')
                continue;
            else if (rune.IsBmp)
                Bmp[rune.Value] = target;
            else
                Supplementary[rune.Value] = target;
        }
    }

    /// <summary>The folded form of <paramref name="codePoint"/>, or itself.</summary>
    public static int Fold(int codePoint) =>
        codePoint <= char.MaxValue ? Bmp[codePoint] is > 0 and var folded ? folded : codePoint
        : Supplementary.GetValueOrDefault(codePoint, codePoint);

    /// <summary>Whether any character of <paramref name="text"/> folds to another.</summary>
    public static bool Changes(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
            if (char.IsSurrogate(c) ? Supplementary.Count > 0 : Bmp[c] != 0)
                return true;
        return false;
    }

    /// <summary>Appends the folded form of <paramref name="text"/> to <paramref name="folded"/>.</summary>
    public static void Append(ReadOnlySpan<char> text, StringBuilder folded)
    {
        foreach (var rune in text.EnumerateRunes())
            folded.Append(new Rune(Fold(rune.Value)));
    }

    /// <summary>The folded form of <paramref name="text"/>.</summary>
    public static string Fold(string text)
    {
        if (!Changes(text))
            return text;
        var folded = new StringBuilder(text.Length);
        Append(text, folded);
        return folded.ToString();
    }
}
