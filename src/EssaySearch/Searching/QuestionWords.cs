using EssaySearch.Analysis;

namespace EssaySearch.Searching;

/// <summary>
/// Function and question words (的, 了, 是, 什么, 如何, 为什么, 吗; what, how, the …) that a relaxed query leaves out:
/// they say how a question is asked, not what it is about. The list is <c>QuestionWords.txt</c> beside this file.
/// </summary>
internal static class QuestionWords
{
    private static readonly HashSet<string> Words = Load();

    /// <summary>Whether <paramref name="word"/> is on the list, in simplified or traditional characters (什麼 as 什么).</summary>
    public static bool Contains(string word) => Words.Contains(HanFolding.Fold(word));

    private static HashSet<string> Load()
    {
        using var stream = typeof(QuestionWords).Assembly.GetManifestResourceStream("EssaySearch.Searching.QuestionWords.txt")!;
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            foreach (var word in line.Split('#')[0].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
                words.Add(word);
        }
        return words;
    }
}
