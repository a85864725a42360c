using System.Text.RegularExpressions;
using EssaySearch.Indexing;
using EssaySearch.Searching;

namespace EssaySearch.Tests.Searching;

/// <summary>
/// A copy of the seeds with invisible format characters (zero-width space, soft hyphen, word joiner, byte-order mark)
/// between Han characters of their paragraphs, as pages clipped from the web have them, and its index.
/// </summary>
public sealed partial class FormatCharacterSeedIndex : IDisposable
{
    private static readonly string[] Invisible = ["\u200B", "\u00AD", "\u2060", "\uFEFF"];

    private readonly ScratchFolder scratch = new();

    public FormatCharacterSeedIndex()
    {
        string seeds = scratch.Sub("seeds");
        Directory.CreateDirectory(seeds);
        foreach (var file in Directory.GetFiles(TestData.Seeds))
            File.WriteAllText(Path.Combine(seeds, Path.GetFileName(file)), WithFormatCharacters(File.ReadAllText(file)));
        IndexFolder = scratch.Sub("index");
        IndexBuilder.Build(new BuildOptions(seeds, IndexFolder));
    }

    public string IndexFolder { get; }

    /// <summary>How many format characters the copy has.</summary>
    public static int Inserted { get; private set; }

    /// <summary>
    /// <paramref name="essay"/> with a format character between every second pair of Han characters of its paragraphs:
    /// not in front matter, headings or <c>name: value</c> lines, which the reader takes for metadata.
    /// </summary>
    private static string WithFormatCharacters(string essay)
    {
        var lines = essay.Split('\n');
        bool frontMatter = lines[0].TrimEnd() == "---";
        int pair = 0;
        for (int i = 1; i < lines.Length; i++)
        {
            if (frontMatter)
            {
                frontMatter = lines[i].TrimEnd() != "---";
                continue;
            }
            if (lines[i].StartsWith('#') || MetadataLine().IsMatch(lines[i]))
                continue;
            lines[i] = HanPair().Replace(lines[i], pairs =>
            {
                if (pair++ % 2 != 0)
                    return pairs.Value;
                Inserted++;
                return pairs.Groups[1].Value + Invisible[pair % Invisible.Length] + pairs.Groups[2].Value;
            });
        }
        return string.Join('\n', lines);
    }

    [GeneratedRegex(@"(\p{IsCJKUnifiedIdeographs})(\p{IsCJKUnifiedIdeographs})")]
    private static partial Regex HanPair();

    [GeneratedRegex(@"^[^\s:：]{1,12}[:：]")]
    private static partial Regex MetadataLine();

    public void Dispose() => scratch.Dispose();
}

/// <summary>
/// Format characters inside words part nothing: every query of the relevance set finds the same paragraphs, scored the
/// same, in the seeds and in their copy with format characters between Han characters, and marks the same text (what
/// it marks in the copy, the format characters taken out, is what it marks in the seeds).
/// </summary>
public sealed class FormatCharacterTests(SeedIndex plain, FormatCharacterSeedIndex withFormat)
    : IClassFixture<SeedIndex>, IClassFixture<FormatCharacterSeedIndex>
{
    public static TheoryData<string> Queries => new(RelevanceTests.QueryList);

    [Theory]
    [MemberData(nameof(Queries))]
    public void A_query_finds_and_marks_the_same_text_with_format_characters_inside_its_words(string query)
    {
        using var seeds = SearchEngine.Open(plain.IndexFolder);
        using var copy = SearchEngine.Open(withFormat.IndexFolder);
        Assert.True(FormatCharacterSeedIndex.Inserted > 1000, $"only {FormatCharacterSeedIndex.Inserted} format characters inserted");
        Assert.Equal(Found(seeds, query), Found(copy, query));
    }

    private static List<string> Found(SearchEngine engine, string query) => engine.Search(query, new SearchOptions(Limit: 1000)).Hits
        .Select(hit => $"{hit.Essay} ¶{hit.Paragraph} {hit.Score:0.0000} {string.Join('|', hit.Highlights.Select(span => Visible(hit.Text[span.Start..span.End])))}")
        .Order(StringComparer.Ordinal)
        .ToList();

    private static string Visible(string text) =>
        new(text.Where(c => char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format).ToArray());
}
