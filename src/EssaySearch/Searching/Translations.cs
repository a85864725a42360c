namespace EssaySearch.Searching;

/// <summary>
/// Chinese translations of English words, which a relaxed query searches beside the English word (singularity → 奇点):
/// essays are Chinese, and people mix in the English term they know. At most three per word, from CC-CEDICT; the
/// table is <c>Data/english-chinese.txt</c>, written by the script beside it, which says how they are chosen.
/// </summary>
internal static class Translations
{
    private static readonly Lazy<Dictionary<string, string[]>> Table = new(Load);

    /// <summary>
    /// The Chinese words for <paramref name="word"/> (any letter case; a plural in -s is looked up as its singular when
    /// the plural itself is not in the table); none for anything but an English word.
    /// </summary>
    public static IReadOnlyList<string> Of(string word)
    {
        if (word.Length < 2 || !word.All(char.IsAsciiLetter))
            return [];
        string lower = word.ToLowerInvariant();
        if (Table.Value.TryGetValue(lower, out var chinese))
            return chinese;
        return lower.Length > 3 && lower.EndsWith('s') && Table.Value.TryGetValue(lower[..^1], out chinese) ? chinese : [];
    }

    private static Dictionary<string, string[]> Load()
    {
        using var stream = typeof(Translations).Assembly.GetManifestResourceStream("EssaySearch.Searching.english-chinese.txt")!;
        using var reader = new StreamReader(stream);
        var table = new Dictionary<string, string[]>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            int tab = line.IndexOf('\t');
            table[line[..tab]] = line[(tab + 1)..].Split(' ');
        }
        return table;
    }
}
