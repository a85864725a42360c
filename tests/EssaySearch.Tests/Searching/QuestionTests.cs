using EssaySearch.Searching;
using Xunit.Abstractions;
using EssaySearch.Schema;

namespace EssaySearch.Tests.Searching;

/// <summary>
/// Queries as people type them: natural-language questions about the essays (Fixtures/questions.tsv, each with the
/// paragraphs that answer it) and names of an essay's author, title or publisher (Fixtures/metadata-queries.tsv).
/// </summary>
public class QuestionTests(SeedIndex index, ITestOutputHelper log) : IClassFixture<SeedIndex>
{
    private static IEnumerable<string[]> Rows(string fixture) =>
        File.ReadLines(TestData.Fixture(fixture)).Where(line => line.Length > 0 && !line.StartsWith('#')).Select(line => line.Split('\t'));

    /// <summary>1-based rank of the first hit in the top 10 that <paramref name="isAnswer"/> accepts; 0 when none.</summary>
    private int FirstAnswer(SearchEngine engine, string query, Func<Hit, bool> isAnswer)
    {
        var results = engine.Search(query, new SearchOptions(Limit: 10));
        int rank = results.Hits.Select((hit, i) => isAnswer(hit) ? i + 1 : 0).FirstOrDefault(r => r > 0);
        log.WriteLine($"{rank,2}  {query}  [{results.Notice}]");
        return rank;
    }

    /// <remarks>
    /// The targets are success@10 ≥ 0.95 and MRR ≥ 0.75; the thresholds are the figures reached so far (README,
    /// "How a query is matched"), so that a change that loses ground fails here.
    /// </remarks>
    [Fact]
    public void Questions_find_an_answer_in_the_top_10_at_least_as_often_as_measured()
    {
        using var engine = SearchEngine.Open(index.IndexFolder);
        var ranks = Rows("questions.tsv").Select(row =>
        {
            var answers = row[1].Split(',').Select(a => a.Split(':')).Select(a => (a[0], int.Parse(a[1]))).ToHashSet();
            return FirstAnswer(engine, row[0], hit => answers.Contains((hit.Essay, hit.Paragraph)));
        }).ToList();
        double success = ranks.Count(r => r > 0) / (double)ranks.Count;
        double mrr = ranks.Sum(r => r > 0 ? 1.0 / r : 0) / ranks.Count;
        log.WriteLine($"{ranks.Count} questions: success@10 {success:F3}, MRR {mrr:F3}");
        Assert.True(ranks.Count >= 25);
        Assert.True(success >= 0.92, $"success@10 {success:F3}");
        Assert.True(mrr >= 0.65, $"MRR {mrr:F3}");
    }

    [Fact]
    public void Author_title_and_publisher_names_find_their_essay_in_the_top_10()
    {
        using var engine = SearchEngine.Open(index.IndexFolder);
        var missed = Rows("metadata-queries.tsv").Where(row => FirstAnswer(engine, row[0], hit => hit.Essay == row[1]) == 0).Select(row => row[0]).ToList();
        // One miss so far (README): "Sam Altman Reflections", whose words name 002's author and, in a link, 003's title.
        Assert.True(missed.Count <= 1, string.Join(", ", missed));
    }
}
