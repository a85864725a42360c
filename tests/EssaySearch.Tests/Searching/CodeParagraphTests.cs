using EssaySearch.Searching;

namespace EssaySearch.Tests.Searching;

/// <summary>
/// A code block is a paragraph the results say is code (<see cref="Hit.Code"/>, <see cref="EssayParagraph.Code"/>), and a
/// relaxed query, which answers questions asked in prose, weighs it at half of prose; a strict query ranks it as any paragraph.
/// </summary>
public sealed class CodeParagraphTests : IDisposable
{
    // The same lines twice: as a code block in one note, as prose in the other.
    private const string Lines = "线程池的参数在构造时给定\ncorePoolSize 是核心线程数";

    private readonly NotesIndex notes = new(
        ("code.md", $"# 甲\n\n```\n{Lines}\n```\n"),
        ("prose.md", $"# 乙\n\n{Lines}\n"),
        // A class's source names its subject over and over; the answer names it once.
        ("pool.md", "# 丙\n\n源码：\n\n```java\n// 线程池的核心参数\nint corePoolSize; // 核心线程数，线程池的参数\n"
            + "int maximumPoolSize; // 最大线程数，线程池的参数\nlong keepAliveTime; // 线程池的核心参数之一\n```\n\n线程池有三个核心参数：核心线程数、最大线程数和存活时间。\n"));
    private readonly SearchEngine engine;

    public CodeParagraphTests() => engine = notes.Engine;

    public void Dispose() => notes.Dispose();

    private Hit Only(SearchResults results, string essay) => Assert.Single(results.Hits, hit => hit.Essay == essay);

    [Fact]
    public void Hits_and_the_paragraphs_of_an_essay_say_which_are_code()
    {
        var hits = engine.Search("corePoolSize", new SearchOptions(Limit: 10)).Hits;
        Assert.Equal([("code", true), ("pool", true), ("prose", false)], hits.Select(hit => (hit.Essay, hit.Code)).Order());
        Assert.Equal([false, true, false], engine.ReadEssay("pool")!.Paragraphs.Select(paragraph => paragraph.Code));
    }

    /// <summary>The same text scores half as code as it does as prose, words and second pass (characters, nearness) alike, when relaxed.</summary>
    [Fact]
    public void A_relaxed_query_weighs_code_at_half_of_the_same_text_as_prose_and_a_strict_query_alike()
    {
        var relaxed = engine.Search("构造线程池时给定哪些参数", new SearchOptions(Limit: 10));
        Assert.Equal(Relaxation.Question, relaxed.Relaxation);
        Assert.Equal(Only(relaxed, "prose").Score / 2, Only(relaxed, "code").Score, 5);
        var strict = engine.Search("线程池 参数", new SearchOptions(Limit: 10));
        Assert.Equal(Relaxation.None, strict.Relaxation);
        Assert.Equal(Only(strict, "prose").Score, Only(strict, "code").Score);
    }

    [Fact]
    public void A_question_ranks_the_prose_that_answers_it_above_code_that_repeats_its_words()
    {
        var hits = engine.Search("线程池的核心参数有哪些", new SearchOptions(Limit: 10)).Hits.Where(hit => hit.Essay == "pool").ToList();
        Assert.Equal([false, true], hits.Select(hit => hit.Code));
    }
}
