using System.Text;

namespace EssaySearch.Analysis;

/// <summary>
/// Folds traditional (and variant and compatibility) Han characters to simplified ones, character by character,
/// so that text in either script finds the other: 超級智能 and 超级智能 fold alike.
/// </summary>
/// <remarks>
/// The table is <c>Data/han-folding.txt</c>, generated from Unicode's Unihan variants and OpenCC's character table
/// by <c>Data/make-han-folding.py</c> (which explains the rules), and used as that script lays it out in
/// <c>Data/han-folding.bin</c>: where it lies in the loaded assembly, neither parsed nor copied, so that a process
/// reads only the pages its characters lead to. A fold may change a character's UTF-16 length (a supplementary-plane
/// variant folds to a BMP character, and the other way round).
/// </remarks>
internal static unsafe class HanFolding
{
    private static readonly int* Bmp;                  // BMP code point -> target, 0: none
    private static readonly long* Supplementary;       // (source, target) pairs of int, sorted by source
    private static readonly int SupplementaryCount;

    static HanFolding()
    {
        // An embedded resource is a stream over the assembly's mapped image, in a native executable too.
        var stream = (UnmanagedMemoryStream)typeof(HanFolding).Assembly.GetManifestResourceStream("EssaySearch.Analysis.han-folding.bin")!;
        byte* data = stream.PositionPointer;
        if (stream.Length < 8 || *(uint*)data != 0x31444648) // "HFD1"
            throw new InvalidDataException("the embedded Han folding table is not in the expected format");
        SupplementaryCount = *(int*)(data + 4);
        Bmp = (int*)(data + 8);
        Supplementary = (long*)(Bmp + (char.MaxValue + 1));
        if ((byte*)(Supplementary + SupplementaryCount) != data + stream.Length)
            throw new InvalidDataException("the embedded Han folding table is truncated");
    }

    /// <summary>The folded form of <paramref name="codePoint"/>, or itself.</summary>
    public static int Fold(int codePoint) =>
        codePoint <= char.MaxValue ? Bmp[codePoint] is > 0 and var folded ? folded : codePoint
        : FoldSupplementary(codePoint);

    private static int FoldSupplementary(int codePoint)
    {
        int low = 0, high = SupplementaryCount - 1;
        while (low <= high)
        {
            int middle = (low + high) >>> 1;
            long pair = Supplementary[middle];
            int source = (int)pair;     // little-endian: the source is the pair's low half
            if (source == codePoint)
                return (int)(pair >> 32);
            if (source < codePoint)
                low = middle + 1;
            else
                high = middle - 1;
        }
        return codePoint;
    }

    /// <summary>Whether any character of <paramref name="text"/> folds to another.</summary>
    public static bool Changes(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
            if (char.IsSurrogate(c) ? SupplementaryCount > 0 : Bmp[c] != 0)
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
