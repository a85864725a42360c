using EssaySearch.Indexing;
using EssaySearch.Searching;
using EssaySearch.Schema;

namespace EssaySearch.Tests.Searching;

/// <summary>An index of the traditional-Chinese copy of the seeds (<c>Fixtures/traditional-seeds</c>, written by OpenCC).</summary>
public sealed class TraditionalSeedIndex : IDisposable
{
    private readonly ScratchFolder scratch = new();

    public TraditionalSeedIndex()
    {
        IndexFolder = scratch.Sub("index");
        IndexBuilder.Build(new BuildOptions(TestData.Fixture("traditional-seeds"), IndexFolder));
    }

    public string IndexFolder { get; }

    public void Dispose() => scratch.Dispose();
}

/// <summary>
/// Either script finds both: the traditional form of every Han word of the seeds that OpenCC writes differently
/// (<c>Fixtures/traditional-words.tsv</c>, with queries that mix a traditional and a simplified word) finds exactly
/// what its simplified form finds, highlights included, in the essays and in their traditional copy.
/// </summary>
public sealed class TraditionalSearchTests(SeedIndex simplified, TraditionalSeedIndex traditional)
    : IClassFixture<SeedIndex>, IClassFixture<TraditionalSeedIndex>
{
    private static readonly List<(string Simplified, string Traditional)> Words = File.ReadLines(TestData.Fixture("traditional-words.tsv"))
        .Select(line => line.Split('\t'))
        .Select(f => (f[0], f[1]))
        .ToList();

    private static List<string> Hits(SearchEngine engine, string query) => engine.Search(query, new SearchOptions(Limit: 200)).Hits
        .Select(h => $"{h.Essay} ¶{h.Paragraph} {string.Join(' ', h.Highlights.Select(s => $"{s.Start}-{s.End}"))}")
        .Order(StringComparer.Ordinal)
        .ToList();

    [Fact]
    public void The_fixture_holds_traditional_words_and_mixed_queries()
    {
        Assert.True(Words.Count >= 100, $"only {Words.Count} words");
        Assert.All(Words, w => Assert.NotEqual(w.Simplified, w.Traditional));
        Assert.Contains(("超级", "超級"), Words);
        Assert.Contains(("他们两位", "他們两位"), Words); // mixed: 他們 traditional, 两位 simplified (兩位)
    }

    [Fact]
    public void Each_traditional_form_finds_exactly_the_paragraphs_and_highlights_of_its_simplified_form()
    {
        using var engine = SearchEngine.Open(simplified.IndexFolder);
        var mismatches = new List<string>();
        foreach (var (simple, traditionalForm) in Words)
        {
            var truth = SeedTruth.Relevant(simple)
                .Select(id => (id, SeedTruth.Paragraphs.Single(p => p.Essay == id.Essay && p.Paragraph.Number == id.Number).Paragraph.Text))
                .Select(p => $"{p.id.Essay} ¶{p.id.Number} {string.Join(' ', SeedTruth.Highlights(simple, p.Text).Select(s => $"{s.Start}-{s.End}"))}")
                .Order(StringComparer.Ordinal)
                .ToList();
            Assert.NotEmpty(truth);
            var bySimplified = Hits(engine, simple);
            var byTraditional = Hits(engine, traditionalForm);
            if (!bySimplified.SequenceEqual(truth) || !byTraditional.SequenceEqual(truth))
                mismatches.Add($"{simple} / {traditionalForm}: expected {truth.Count} hits, found {bySimplified.Count} and {byTraditional.Count}");
        }
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {Words.Count}: {string.Join("; ", mismatches.Take(5))}");
    }

    [Fact]
    public void In_the_traditional_copy_both_forms_find_what_the_simplified_form_finds_in_the_essays()
    {
        using var essays = SearchEngine.Open(simplified.IndexFolder);
        using var copy = SearchEngine.Open(traditional.IndexFolder);
        var mismatches = new List<string>();
        foreach (var (simple, traditionalForm) in Words)
        {
            var expected = Hits(essays, simple);
            if (!Hits(copy, simple).SequenceEqual(expected) || !Hits(copy, traditionalForm).SequenceEqual(expected))
                mismatches.Add($"{simple} / {traditionalForm}");
        }
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {Words.Count}: {string.Join("; ", mismatches.Take(5))}");
    }

    [Theory]
    [InlineData("title:奥特曼 创业", "title:奧特曼 創業")]
    [InlineData("author:机器之心", "author:機器之心")]
    public void Titles_and_authors_are_folded_too(string simple, string traditionalForm)
    {
        using var essays = SearchEngine.Open(simplified.IndexFolder);
        using var copy = SearchEngine.Open(traditional.IndexFolder);
        var expected = Hits(essays, simple);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Hits(essays, traditionalForm));
        Assert.Equal(expected, Hits(copy, simple));
        Assert.Equal(expected, Hits(copy, traditionalForm));
    }
}
