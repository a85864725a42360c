using EssaySearch.Highlighting;
using EssaySearch.Searching;

namespace EssaySearch.Tests.Searching;

/// <summary>
/// Notes that name programs and code as a reader writes them (<c>Node.js</c>, <c>self.q_table</c>, <c>Vue.js</c>), and the
/// seeds: a part of such a word finds it and is marked in it, the word whole and phrases with it find what they found,
/// and numbers, case changes, letters beside digits and hyphens are searched as before.
/// </summary>
public sealed class WordPartSearchTests : IDisposable, IClassFixture<SeedIndex>
{
    private readonly NotesIndex notes = new(
        ("node.md", "# 后端笔记\n\n用Node.js写一个服务。\n\nNode 的事件循环很简单。\n\n部署在 nodejs.org 推荐的版本上。\n"),
        ("rl.md", "# 强化学习\n\n每一步更新 self.q_table 里的值。\n\n一张 table 记下每个状态。\n\n变量名用 snake_case_name 的写法。\n"),
        ("web.md", "# Vue.js 入门\n\n前端用 Vue.js，后端用 ASP.NET。\n\nvue 的模板语法。\n"),
        ("models.md", "# 模型\n\nOpenAI 发布了 GPT-4 和 o3。\n\n圆周率约为 3.14，不是 3 或 14。\n\ngpt4 和 h264 都是名字，版本 v1.2.3。\n"),
        ("jvm.md", "# JVM\n\n用 -XX:NewRatio 设置新生代的比例。\n\n约在 12:30 开会。\n"));
    private readonly SearchEngine engine;
    private readonly SeedIndex seeds;

    public WordPartSearchTests(SeedIndex seeds)
    {
        this.seeds = seeds;
        engine = notes.Engine;
    }

    public void Dispose() => notes.Dispose();

    /// <summary>Each hit as essay ¶paragraph, with the text each highlight marks.</summary>
    private static List<string> Found(SearchEngine engine, string query) =>
        engine.Search(query, new SearchOptions(Limit: 100)).Hits
            .Select(hit => $"{hit.Essay} ¶{hit.Paragraph}: {string.Join(" | ", hit.Highlights.Select(span => hit.Text[span.Start..span.End]))}")
            .Order(StringComparer.Ordinal).ToList();

    [Theory]
    [InlineData("node", "node ¶1: Node", "node ¶2: Node")]
    [InlineData("Node", "node ¶1: Node", "node ¶2: Node")]
    [InlineData("js", "node ¶1: js", "web ¶1: js")]
    [InlineData("q_table", "rl ¶1: q_table")]
    [InlineData("table", "rl ¶1: table", "rl ¶2: table")]
    [InlineData("self", "rl ¶1: self")]
    [InlineData("snake", "rl ¶3: snake")]
    [InlineData("case_name")] // a part is a piece or a name between dots, not any run of pieces
    [InlineData("vue", "web ¶1: Vue", "web ¶2: vue")]
    [InlineData("asp", "web ¶1: ASP")]
    [InlineData("v1", "models ¶3: v1")]
    [InlineData("NewRatio", "jvm ¶1: NewRatio")] // a colon between letters joins a name as a dot does
    [InlineData("XX", "jvm ¶1: XX")]
    public void A_part_of_a_word_finds_it_and_is_marked_in_it(string query, params string[] hits) =>
        Assert.Equal(hits, Found(engine, query));

    /// <summary>
    /// The word whole finds what it found, and so does a phrase with it (a mixed run, or quoted); nothing that has only a
    /// part of it. Not a part: these words find what they found before parts were added.
    /// </summary>
    [Theory]
    [InlineData("node.js", "node ¶1: Node.js")]
    [InlineData("Node.js", "node ¶1: Node.js")]
    [InlineData("用Node.js写", "node ¶1: 用Node.js写")]
    [InlineData("\"用 Node.js 写一个\"", "node ¶1: 用Node.js写一个")]
    [InlineData("self.q_table", "rl ¶1: self.q_table")]
    [InlineData("更新 self.q_table", "rl ¶1: 更新 | self.q_table")]
    [InlineData("nodejs.org", "node ¶3: nodejs.org")]
    [InlineData("openai", "models ¶1: OpenAI")]
    [InlineData("gpt-4", "models ¶1: GPT-4")]
    [InlineData("o3", "models ¶1: o3")]
    [InlineData("3.14", "models ¶2: 3.14")]
    [InlineData("14", "models ¶2: 14")] // not in 3.14
    [InlineData("gpt4", "models ¶3: gpt4")]
    [InlineData("h264", "models ¶3: h264")]
    [InlineData("2")]    // not in v1.2.3
    [InlineData("XX:NewRatio", "jvm ¶1: XX:NewRatio")] // its syntax (a field XX) not understood, it is searched as plain text
    [InlineData("30", "jvm ¶2: 30")] // digits are no letters: 12:30 is two tokens already
    public void The_word_whole_phrases_with_it_and_other_words_find_what_they_found(string query, params string[] hits) =>
        Assert.Equal(hits, Found(engine, query));

    /// <summary>In the seeds: a web address's host in a paragraph (https://blog.samaltman.com/reflections) is found by its name.</summary>
    [Fact]
    public void A_host_name_in_a_seed_paragraph_is_found_by_its_parts()
    {
        using var seedEngine = SearchEngine.Open(seeds.IndexFolder);
        Assert.Equal(["003_b81256e0e21f22db ¶39: samaltman"], Found(seedEngine, "samaltman"));
        Assert.Equal(["003_b81256e0e21f22db ¶39: blog.samaltman.com"], Found(seedEngine, "blog.samaltman.com"));
    }

    /// <summary>The parts stand at the word's position: relaxed to any of its words, a query keeps a dotted word one word.</summary>
    [Fact]
    public void A_relaxed_query_keeps_a_dotted_word_one_word()
    {
        var results = engine.Search("Node.js 数据库");
        Assert.Equal(Relaxation.Words, results.Relaxation);
        Assert.Contains("Node.js 数据库", results.Notice);
        Assert.Equal(["node ¶1: Node.js"], Found(engine, "Node.js 数据库"));
    }
}
