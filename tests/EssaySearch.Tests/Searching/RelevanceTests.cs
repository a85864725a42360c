using EssaySearch.Analysis;
using EssaySearch.Searching;
using Xunit.Abstractions;
using EssaySearch.Schema;

namespace EssaySearch.Tests.Searching;

/// <summary>
/// The relevance set: queries chosen from the essays — Chinese words that also occur inside longer words,
/// single characters, multi-word queries, mixed runs, Latin terms — judged against <see cref="SeedTruth"/>.
/// </summary>
public class RelevanceTests(SeedIndex index, ITestOutputHelper log) : IClassFixture<SeedIndex>
{
    internal static readonly string[] QueryList =
    [
        "智能", "机器", "超级智能", "人工智能", "智能 能源", "数据中心", "奇点", "治理", "董事会", "解雇",
        "科学 进步", "工作 研究", "能", "人", "周五", "还不到 1 周", "在21世纪30年代", "首批100万个", "2030年代", "3 亿多", "GPT-3.5", "科学家",
        "ChatGPT", "chatgpt", "ＣｈａｔＧＰＴ", "GPT-4", "OpenAI", "AGI", "2030", "o3", "Airbnb", "OpenAI 治理",
        "人工智能 OpenAI", "起飞已经开始", "奥特曼", "世界", "反思", "机器人",
    ];

    public static TheoryData<string> Queries => new(QueryList);

    [Theory]
    [MemberData(nameof(Queries))]
    public void Finds_exactly_the_paragraphs_containing_every_term_with_exact_highlights(string query)
    {
        using var engine = SearchEngine.Open(index.IndexFolder);
        var results = engine.Search(query, new SearchOptions(Limit: 1000));
        var expected = SeedTruth.Relevant(query);
        Assert.NotEmpty(expected);

        var found = results.Hits.Select(h => (h.Essay, h.Paragraph)).ToList();
        Assert.Equal(expected.Count, results.Total);
        Assert.Equal(expected.Order(), found.Order()); // recall 1.0 and precision 1.0 (AND semantics)
        foreach (var hit in results.Hits)
            Assert.Equal(SeedTruth.Highlights(query, hit.Text), hit.Highlights);
    }

    [Fact]
    public void Aggregate_recall_precision_at_10_and_highlight_coverage_are_perfect()
    {
        using var engine = SearchEngine.Open(index.IndexFolder);
        double recall = 0, precisionAt10 = 0, coverage = 0, highlightPrecision = 0;
        foreach (var query in QueryList)
        {
            var relevant = SeedTruth.Relevant(query).ToHashSet();
            var results = engine.Search(query, new SearchOptions(Limit: 1000));
            var top10 = results.Hits.Take(10).ToList();
            recall += (double)results.Hits.Count(h => relevant.Contains((h.Essay, h.Paragraph))) / relevant.Count;
            precisionAt10 += (double)top10.Count(h => relevant.Contains((h.Essay, h.Paragraph))) / top10.Count;
            int expectedChars = 0, markedChars = 0, correctChars = 0;
            foreach (var hit in top10)
            {
                var expected = SeedTruth.Highlights(query, hit.Text).SelectMany(s => Enumerable.Range(s.Start, s.Length)).ToHashSet();
                var marked = hit.Highlights.SelectMany(s => Enumerable.Range(s.Start, s.Length)).ToHashSet();
                expectedChars += expected.Count;
                markedChars += marked.Count;
                correctChars += marked.Intersect(expected).Count();
            }
            coverage += (double)correctChars / expectedChars;
            highlightPrecision += (double)correctChars / markedChars;
        }
        int n = QueryList.Length;
        log.WriteLine($"{n} queries: recall {recall / n:0.000}, precision@10 {precisionAt10 / n:0.000}, highlight coverage {coverage / n:0.000}, highlight precision {highlightPrecision / n:0.000}");
        Assert.Equal(1.0, recall / n, 6);
        Assert.Equal(1.0, precisionAt10 / n, 6);
        Assert.Equal(1.0, coverage / n, 6);
        Assert.Equal(1.0, highlightPrecision / n, 6);
    }

    [Fact]
    public void A_run_of_han_must_match_as_a_whole_not_as_scattered_words()
    {
        using var engine = SearchEngine.Open(index.IndexFolder);
        // Paragraph 44 of the second essay holds 超级智能 three times; paragraphs with 超级 and 智能 apart must not match.
        var results = engine.Search("超级智能", new SearchOptions(Limit: 100));
        Assert.All(results.Hits, h => Assert.Contains("超级智能", h.Text));
        var apart = SeedTruth.Paragraphs.Where(p => p.Paragraph.Text.Contains("超级") && p.Paragraph.Text.Contains("智能") && !p.Paragraph.Text.Contains("超级智能"));
        Assert.DoesNotContain(results.Hits, h => apart.Any(p => p.Essay == h.Essay && p.Paragraph.Number == h.Paragraph));
    }

    [Fact]
    public void Whole_word_matches_rank_above_matches_found_only_inside_longer_words()
    {
        using var engine = SearchEngine.Open(index.IndexFolder);
        var analyzer = new ChineseAnalyzer();
        foreach (var query in new[] { "智能", "机器", "能", "世界" })
        {
            var hits = engine.Search(query, new SearchOptions(Limit: 1000)).Hits;
            var wholeWord = hits.Select(h => Analysis.AnalyzerTests.Tokens(analyzer, h.Text).Any(t => t.Term == query)).ToList();
            int lastWhole = wholeWord.LastIndexOf(true), firstPartial = wholeWord.IndexOf(false);
            Assert.True(firstPartial < 0 || lastWhole < firstPartial, $"{query}: a substring-only hit (rank {firstPartial + 1}) outranks a whole-word hit (rank {lastWhole + 1})");
        }
    }

    [Fact]
    public void Equal_scores_keep_essay_and_paragraph_order()
    {
        using var engine = SearchEngine.Open(index.IndexFolder);
        var hits = engine.Search("智能", new SearchOptions(Limit: 100)).Hits;
        for (int i = 1; i < hits.Count; i++)
            if (hits[i].Score == hits[i - 1].Score)
                Assert.True(string.CompareOrdinal(hits[i - 1].Essay, hits[i].Essay) < 0 || hits[i - 1].Essay == hits[i].Essay && hits[i - 1].Paragraph < hits[i].Paragraph);
        Assert.Equal(hits.Select(h => h.Rank), Enumerable.Range(1, hits.Count));
    }
}
