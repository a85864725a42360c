using EssaySearch.Indexing;
using EssaySearch.Searching;

namespace EssaySearch.Tests.Searching;

/// <summary>
/// A web address as a query, as people paste it: it finds the essay clipped from that page first, then the notes that
/// link to it or mention it, in any of the forms the page's address goes by; and nothing else when no note has it.
/// </summary>
public sealed class AddressSearchTests : IDisposable
{
    private readonly ScratchFolder scratch = new();
    private readonly SearchEngine engine;

    public AddressSearchTests()
    {
        string seeds = scratch.Sub("seeds");
        Directory.CreateDirectory(seeds);
        File.WriteAllText(Path.Combine(seeds, "clipped.md"),
            "---\ntitle: 搜索引擎的原理\nsource: https://sspai.com/post/73145?utm_source=wechat\n---\n\n倒排索引把词映射到文档。\n\n分词决定了召回。\n");
        File.WriteAllText(Path.Combine(seeds, "mentions.md"), "# 读书笔记\n\n原文在 https://sspai.com/post/73145 ，值得一读。\n");
        File.WriteAllText(Path.Combine(seeds, "links.md"), "# 阅读清单\n\n[少数派的文章](https://sspai.com/post/73145/)讲得清楚。\n\n[配图](Images.Old/Pic.PNG)\n");
        File.WriteAllText(Path.Combine(seeds, "wechat.md"),
            "---\ntitle: 公众号文章\nurl: https://mp.weixin.qq.com/s?__biz=MzA3MzI4MjgzMw==&mid=2650&idx=1&sn=6b3a\n---\n\n一篇关于检索的文章。\n");
        File.WriteAllText(Path.Combine(seeds, "wiki.md"),
            "---\ntitle: 维基条目\nsource: https://zh.wikipedia.org/wiki/人工智能_(学科)\n---\n\n人工智能是一门学科。\n");
        IndexBuilder.Build(new BuildOptions(seeds, scratch.Sub("index")));
        engine = SearchEngine.Open(scratch.Sub("index"));
    }

    public void Dispose()
    {
        engine.Dispose();
        scratch.Dispose();
    }

    /// <summary>A note that mentions the address in its text does not hide the essay clipped from it, which ranks first.</summary>
    [Theory]
    [InlineData("https://sspai.com/post/73145")]
    [InlineData("http://sspai.com/post/73145/")]
    [InlineData("sspai.com/post/73145")]
    [InlineData("<https://sspai.com/post/73145?utm_source=x>")]
    [InlineData("<https://sspai.com/post/73145>。")]
    [InlineData("“<https://sspai.com/post/73145>”")]
    [InlineData("\"https://sspai.com/post/73145\"")]
    [InlineData("https://www.sspai.com/post/73145")] // a www. or m. the front matter does not write
    [InlineData("https://m.sspai.com/post/73145")]
    public void The_clipped_essay_ranks_first_then_the_notes_that_link_to_or_mention_the_page(string query)
    {
        var results = engine.Search(query);
        Assert.Equal(Relaxation.None, results.Relaxation);
        Assert.Equal("clipped", results.Hits[0].Essay);
        Assert.Contains(results.Hits, hit => hit.Essay == "links");
        Assert.Null(results.Notice);
    }

    /// <summary>Addresses without their scheme, with a ?, parentheses or encoded characters, are one term, not syntax.</summary>
    [Theory]
    [InlineData("mp.weixin.qq.com/s?__biz=MzA3MzI4MjgzMw%3D%3D&mid=2650&idx=1&sn=6b3a&mpshare=1&scene=1", "wechat")]
    [InlineData("source:mp.weixin.qq.com/s?__biz=MzA3MzI4MjgzMw==&mid=2650&idx=1&sn=6b3a", "wechat")]
    [InlineData("zh.wikipedia.org/wiki/人工智能_(学科)", "wiki")]
    [InlineData("source:zh.wikipedia.org/wiki/%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD_%28%E5%AD%A6%E7%A7%91%29", "wiki")]
    public void An_address_without_its_scheme_finds_its_page(string query, string essay)
    {
        var results = engine.Search(query);
        Assert.Null(results.Notice);
        Assert.All(results.Hits, hit => Assert.Equal(essay, hit.Essay));
        Assert.NotEmpty(results.Hits);
    }

    /// <summary>
    /// An address no note has finds nothing: its words (https, com, the path's) are not searched for, nor the question
    /// words or symbols beside it, which alone would find any paragraph.
    /// </summary>
    [Theory]
    [InlineData("https://sspai.com/post/99999")]
    [InlineData("https://sspai.com/post/99999 是什么")]
    [InlineData("https://sspai.com/post/99999 ★")]
    public void An_address_no_note_has_finds_nothing(string query)
    {
        var results = engine.Search(query);
        Assert.Empty(results.Hits);
        Assert.NotEqual(Relaxation.Words, results.Relaxation);
    }

    /// <summary>
    /// link: finds a page's links in any of its forms, www. or not (the Markdown link's and the bare address's); a relative
    /// link, written without a scheme, as written, in any case.
    /// </summary>
    [Theory]
    [InlineData("link:https://sspai.com/post/73145", "links mentions")]
    [InlineData("link:\"https://www.sspai.com/post/73145/\"", "links mentions")]
    [InlineData("link:sspai.com/post/73145", "links mentions")]
    [InlineData("link:sspai.com", "links mentions")]
    [InlineData("link:Images.Old/Pic.PNG", "links")]
    [InlineData("link:images.old/pic.png", "links")]
    public void Link_finds_a_pages_links_in_any_form(string query, string essays)
    {
        Assert.Equal(essays.Split(' '), engine.Search(query).Hits.Select(hit => hit.Essay).Order());
    }

    /// <summary>A share address longer than 255 characters (WeChat's, with its share tail) is one target, not cut in two.</summary>
    [Fact]
    public void A_share_address_longer_than_255_characters_finds_its_page()
    {
        string share = "https://mp.weixin.qq.com/s?__biz=MzA3MzI4MjgzMw==&mid=2650&idx=1&sn=6b3a&chksm=" + new string('8', 100)
            + "&mpshare=1&scene=1&srcid=0315abcdefghij&sharer_shareinfo=" + new string('a', 64) + "&sharer_shareinfo_first=" + new string('b', 64) + "#rd";
        Assert.True(share.Length > 255);
        Assert.Equal("wechat", Assert.Single(engine.Search(share).Hits).Essay);
    }

    /// <summary>Beside words, an address that nothing has is left out of the relaxed query, and said to be.</summary>
    [Fact]
    public void Beside_words_an_address_nothing_has_is_left_out_of_the_relaxed_query()
    {
        var results = engine.Search("https://sspai.com/post/99999 分词 召回");
        Assert.Equal(Relaxation.Words, results.Relaxation);
        Assert.Contains("https://sspai.com/post/99999", results.LeftOut);
        Assert.Equal("分词 召回", results.Searched);
        Assert.Equal("clipped", results.Hits[0].Essay);
    }
}
