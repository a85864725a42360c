using EssaySearch.Highlighting;
using EssaySearch.Indexing;
using EssaySearch.Schema;
using EssaySearch.Searching;
using Lucene.Net.Search;
using Xunit.Abstractions;

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

    /// <summary>
    /// A question that some paragraph has as written (an overview listing it) also finds the paragraphs that answer it: those
    /// that have it as written first, marked as written, then the others with its words, marked word by word; asked in
    /// another order, or in quotes, it is found as before (by its words; as written only).
    /// </summary>
    [Fact]
    public void A_question_some_paragraph_has_as_written_is_answered_by_its_words_after_it()
    {
        using var notes = new NotesIndex(
            ("overview.md", "# 面试题\n\n进程和线程有什么区别？什么是死锁，如何避免？\n"),
            ("deadlock.md", "# 并发\n\n## 什么是死锁？\n\n死锁指两个线程各自持有对方需要的锁，互相等待，都无法继续。\n\n线程池可以复用线程。\n"));
        var results = notes.Engine.Search("什么是死锁");
        // The third: a paragraph of the section headed by the question (its words in the section only).
        Assert.Equal((Relaxation.Question, 1, 3), (results.Relaxation, results.FoundAsWritten, results.Total));
        Assert.Equal(["overview", "deadlock", "deadlock"], results.Hits.Select(hit => hit.Essay));
        Assert.StartsWith("死锁指", results.Hits[1].Text);
        Assert.Equal(["什么是死锁"], results.Hits[0].Highlights.Select(span => results.Hits[0].Text[span.Start..span.End]));
        Assert.Equal(["死锁"], results.Hits[1].Highlights.Select(span => results.Hits[1].Text[span.Start..span.End]));
        Assert.StartsWith("the paragraph that has the query as written comes first, then the others with any of its words", results.Notice);

        Assert.Equal(["deadlock", "deadlock", "overview"], notes.Engine.Search("死锁是什么").Hits.Select(hit => hit.Essay).Order());
        var quoted = notes.Engine.Search("\"什么是死锁\"");
        Assert.Equal((Relaxation.None, "overview"), (quoted.Relaxation, Assert.Single(quoted.Hits).Essay));
        // The reading view marks them alike: as written where a paragraph has it so, word by word elsewhere.
        var overview = notes.Engine.ReadEssay("overview", "什么是死锁")!.Paragraphs.Single();
        Assert.Equal(["什么是死锁"], overview.Highlights.Select(span => overview.Text[span.Start..span.End]));
        var answer = notes.Engine.ReadEssay("deadlock", "什么是死锁")!.Paragraphs[0];
        Assert.Equal(["死锁"], answer.Highlights.Select(span => answer.Text[span.Start..span.End]));
        // A page after the paragraphs that have it as written marks its hits word by word.
        var second = notes.Engine.Search("什么是死锁", new SearchOptions(Limit: 1, Offset: 1)).Hits.Single();
        Assert.Equal("deadlock", second.Essay);
        Assert.Equal(["死锁"], second.Highlights.Select(span => second.Text[span.Start..span.End]));
    }

    /// <summary>The paragraphs that have a question as written are counted exactly, past the 1,000 a strict total counts.</summary>
    [Fact]
    public void A_questions_paragraphs_as_written_are_counted_exactly()
    {
        // Scored unlike each other (how often they say 死锁, how long they are), so that a strict total would stop counting.
        var notes = Enumerable.Range(0, 30).Select(n => ($"n{n}.md", $"# 笔记{n}\n\n" + string.Join("\n\n", Enumerable.Range(0, 100)
            .Select(i => $"第{i}段：什么是死锁{string.Concat(Enumerable.Repeat("，死锁", i % 7))}{new string('长', i % 40)}。"))));
        using var index = new NotesIndex([.. notes, ("answer.md", "# 死锁\n\n死锁指两个线程互相等待。\n")]);
        var results = index.Engine.Search("什么是死锁", new SearchOptions(Limit: 3));
        Assert.Equal((3000, 3001, true), (results.FoundAsWritten, results.Total, results.TotalExact));
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
        Assert.True(success >= 0.96, $"success@10 {success:F3}");
        Assert.True(mrr >= 0.80, $"MRR {mrr:F3}");
    }

    /// <summary>
    /// Two paragraphs with the same words once each tie in the first pass (length does not count); the one that has them
    /// together ranks above the one that has them apart, though it comes later in rank order.
    /// </summary>
    [Fact]
    public void Words_near_each_other_rank_above_the_same_words_scattered()
    {
        using var scratch = new ScratchFolder();
        string seeds = scratch.Sub("seeds");
        Directory.CreateDirectory(seeds);
        File.WriteAllText(Path.Combine(seeds, "a.md"), "磁盘，今天天气很好，我们一起去公园散步，然后回家吃饭，空间。\n");
        File.WriteAllText(Path.Combine(seeds, "b.md"), "今天天气很好，我们一起去公园散步，然后回家吃饭，磁盘，空间。\n");
        IndexBuilder.Build(new BuildOptions(seeds, scratch.Sub("index")));
        using var engine = SearchEngine.Open(scratch.Sub("index"));

        var results = engine.Search("磁盘的空间吗");

        Assert.Equal("磁盘 空间", results.Searched);
        Assert.Equal(["b", "a"], results.Hits.Select(hit => hit.Essay));
        Assert.True(results.Hits[0].Score > results.Hits[1].Score);
    }

    [Fact]
    public void Author_title_and_publisher_names_find_their_essay_in_the_top_10()
    {
        using var engine = SearchEngine.Open(index.IndexFolder);
        var missed = Rows("metadata-queries.tsv").Where(row => FirstAnswer(engine, row[0], hit => hit.Essay == row[1]) == 0).Select(row => row[0]).ToList();
        Assert.Empty(missed);
    }

    /// <summary>
    /// Every way the compiler searches a query comes with what to highlight: of every attempt (strict, metadata, relaxed,
    /// syntax) of every question and benchmark query that finds anything, the first hit has highlights whenever Lucene's
    /// own account of the match (its explanation) has a term of the paragraph text in it. A new query shape whose targets
    /// were forgotten fails here rather than silently losing its highlights.
    /// </summary>
    [Fact]
    public void Every_attempt_that_finds_a_paragraph_through_its_text_highlights_the_matches()
    {
        var queries = Rows("questions.tsv").Select(row => row[0])
            .Concat(File.ReadLines(Path.Combine(TestData.RepositoryRoot, "bench", "queries.txt")).Where(line => line.Length > 0));
        var snapshot = IndexSnapshot.Open(index.IndexFolder, new EngineOptions());
        try
        {
            var attempts = queries.SelectMany(query => snapshot.Compiler.Compile(query).Select(attempt => (Query: query, Attempt: attempt))).ToList();
            int checkedHits = 0;
            var unhighlighted = new List<string>();
            foreach (var (query, attempt) in attempts)
            {
                if (snapshot.Searcher.Search(attempt.Query, 1).ScoreDocs is not [var first] || !MatchesText(snapshot.Searcher.Explain(attempt.Query, first.Doc)))
                    continue;
                checkedHits++;
                if (MatchLocator.Locate(snapshot.Analysis, [ParagraphRecord.Read(snapshot.Reader, first.Doc).Text], attempt.Targets)[0].Count == 0)
                    unhighlighted.Add($"{query} [{attempt.Notice}]");
            }
            log.WriteLine($"{attempts.Count} attempts, {checkedHits} first hits matched through their text");
            Assert.True(checkedHits > 60, $"only {checkedHits} first hits checked");
            Assert.Empty(unhighlighted);
        }
        finally
        {
            snapshot.Release();
        }
    }

    /// <summary>
    /// A relaxed query counts the characters of a Han word a paragraph lacks, but highlights only its words: no character
    /// of a word is highlighted alone, though hits rank through them (创办 is in no paragraph; 003:7, which has 创立, is
    /// found, and shows 创 unmarked).
    /// </summary>
    [Fact]
    public void Only_the_words_of_a_relaxed_query_are_highlighted_not_the_characters_of_one_a_paragraph_lacks()
    {
        using var engine = SearchEngine.Open(index.IndexFolder);
        foreach (var question in Rows("questions.tsv").Select(row => row[0]))
        {
            var results = engine.Search(question, new SearchOptions(Limit: 10));
            var words = results.Searched.Split(' ');
            foreach (var hit in results.Hits)
            {
                var marked = hit.Highlights.Select(span => hit.Text[span.Start..span.End]);
                Assert.All(marked.Where(text => text.Length == 1 && text[0] is >= '\u4e00' and <= '\u9fff'), character => Assert.Contains(character, words));
            }
        }
        var founding = engine.Search("为什么要创办OpenAI").Hits.Single(hit => hit.Essay == TestData.Reflections && hit.Paragraph == 7);
        Assert.DoesNotContain("创", founding.Highlights.Select(span => founding.Text[span.Start..span.End]));
    }

    private static bool MatchesText(Explanation explanation) =>
        explanation.IsMatch && (explanation.Description.StartsWith("weight(text:", StringComparison.Ordinal)
            || explanation.Description.StartsWith("weight(text_bigrams:", StringComparison.Ordinal)
            || (explanation.GetDetails() ?? []).Any(MatchesText));
}
