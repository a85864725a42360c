using System.Text.RegularExpressions;
using EssaySearch.Indexing;
using EssaySearch.Searching;

namespace EssaySearch.Tests;

/// <summary>Keeps the README's embedding example compiling and true: the code between the markers is the README's code block.</summary>
public class ReadmeExample
{
    // README example begins
    static void PrintTopHits(string indexFolder, string seedsFolder, TextWriter output)
    {
        IndexBuilder.EnsureCurrent(new BuildOptions(seedsFolder, indexFolder)); // builds only when missing or stale
        using var engine = SearchEngine.Open(indexFolder);
        var results = engine.Search("超级智能", new SearchOptions(Limit: 3));
        output.WriteLine($"{results.Total} paragraphs match");
        foreach (var hit in results.Hits)
            output.WriteLine($"{hit.Rank}. {hit.Title} ¶{hit.Paragraph}: {hit.Snippet.Text}");
    }
    // README example ends

    [Fact]
    public void The_readme_shows_this_example_and_it_runs()
    {
        string source = File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "tests", "EssaySearch.Tests", "ReadmeExample.cs"));
        string example = Regex.Match(source, "// README example begins\n(.*?)    // README example ends", RegexOptions.Singleline).Groups[1].Value;
        string readme = File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "README.md"));
        Assert.Contains(Unindent(example), readme);

        using var scratch = new ScratchFolder();
        var output = new StringWriter();
        PrintTopHits(scratch.Sub("index"), TestData.Seeds, output);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("5 paragraphs match", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.All(lines.Skip(1), line => Assert.Contains("超级智能", line));
    }

    private static string Unindent(string code) =>
        string.Join('\n', code.Split('\n').Select(line => line.StartsWith("    ", StringComparison.Ordinal) ? line[4..] : line));
}
