using EssaySearch.Analysis;

namespace EssaySearch.Searching;

/// <summary>
/// Function and question words (的, 了, 是, 什么, 如何, 为什么, 吗; what, how, the …) that a relaxed query leaves out:
/// they say how a question is asked, not what it is about. The list is <c>QuestionWords.txt</c> beside this file.
/// </summary>
internal static class QuestionWords
{
    private static readonly (HashSet<string> All, HashSet<string> Asking) Words = Load();

    /// <summary>Whether <paramref name="word"/> is on the list, in simplified or traditional characters (什麼 as 什么).</summary>
    public static bool Contains(string word) => Words.All.Contains(HanFolding.Fold(word));

    /// <summary>Whether <paramref name="word"/> is one of the list's words that ask (为什么, 如何, 怎么办, how), not a function word (的, the).</summary>
    public static bool Asks(string word) => Words.Asking.Contains(HanFolding.Fold(word));

    /// <summary>
    /// Whether <paramref name="text"/> has one of the words that ask inside it, in simplified or traditional characters: the
    /// word analysis then tells whether it is a word of its own there (几乎 holds 几; show holds how).
    /// </summary>
    public static bool MayAsk(string text)
    {
        string folded = HanFolding.Fold(text);
        return Words.Asking.Any(word => folded.Contains(word, StringComparison.OrdinalIgnoreCase));
    }

    private static (HashSet<string>, HashSet<string>) Load()
    {
        using var stream = typeof(QuestionWords).Assembly.GetManifestResourceStream("EssaySearch.Searching.QuestionWords.txt")!;
        using var reader = new StreamReader(stream);
        HashSet<string> all = new(StringComparer.OrdinalIgnoreCase), asking = new(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            var words = line.Split('#')[0].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            bool asks = words is ["?", ..];
            foreach (var word in asks ? words[1..] : words)
            {
                all.Add(word);
                if (asks)
                    asking.Add(word);
            }
        }
        return (all, asking);
    }
}
