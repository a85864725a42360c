using EssaySearch.Indexing;
using EssaySearch.Searching;

namespace EssaySearch.Tests.Searching;

/// <summary>A code block is a paragraph the results say is code (<see cref="Hit.Code"/>, <see cref="EssayParagraph.Code"/>).</summary>
public sealed class CodeParagraphTests : IDisposable
{
    // The same lines twice: as a code block in one note, as prose in the other.
    private const string Lines = "线程池的参数在构造时给定\ncorePoolSize 是核心线程数";

    private readonly ScratchFolder scratch = new();
    private readonly SearchEngine engine;

    public CodeParagraphTests()
    {
        string folder = scratch.Sub("seeds");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "code.md"), $"# 甲\n\n```\n{Lines}\n```\n");
        File.WriteAllText(Path.Combine(folder, "prose.md"), $"# 乙\n\n{Lines}\n");
        // A class's source names its subject over and over; the answer names it once.
        File.WriteAllText(Path.Combine(folder, "pool.md"), "# 丙\n\n源码：\n\n```java\n// 线程池的核心参数\nint corePoolSize; // 核心线程数，线程池的参数\n"
            + "int maximumPoolSize; // 最大线程数，线程池的参数\nlong keepAliveTime; // 线程池的核心参数之一\n```\n\n线程池有三个核心参数：核心线程数、最大线程数和存活时间。\n");
        IndexBuilder.Build(new BuildOptions(folder, scratch.Sub("index")));
        engine = SearchEngine.Open(scratch.Sub("index"));
    }

    public void Dispose()
    {
        engine.Dispose();
        scratch.Dispose();
    }

    [Fact]
    public void Hits_and_the_paragraphs_of_an_essay_say_which_are_code()
    {
        var hits = engine.Search("corePoolSize", new SearchOptions(Limit: 10)).Hits;
        Assert.Equal([("code", true), ("pool", true), ("prose", false)], hits.Select(hit => (hit.Essay, hit.Code)).Order());
        Assert.Equal([false, true, false], engine.ReadEssay("pool")!.Paragraphs.Select(paragraph => paragraph.Code));
    }
}
