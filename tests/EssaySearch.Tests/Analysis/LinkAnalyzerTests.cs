using EssaySearch.Analysis;

namespace EssaySearch.Tests.Analysis;

/// <summary>How link targets and source addresses are indexed and searched: a web address as the page it names.</summary>
public class LinkAnalyzerTests
{
    private static List<string> Terms(string target) => AnalyzerTests.Tokens(new LinkAnalyzer(), target).Select(t => t.Term).ToList();

    /// <summary>The forms one page goes by (as clipped, as a browser copies it, as a reader types it) are one term.</summary>
    [Theory]
    [InlineData("https://blog.samaltman.com/the-gentle-singularity", "http://blog.samaltman.com/the-gentle-singularity/")]
    [InlineData("https://blog.samaltman.com/the-gentle-singularity", "https://blog.samaltman.com/the-gentle-singularity?utm_source=wechat&utm_medium=social")]
    [InlineData("https://blog.samaltman.com/the-gentle-singularity", "HTTPS://Blog.SamAltman.com:443/the-gentle-singularity#comments")]
    [InlineData("https://example.com/a", "https://www.example.com/a")]
    [InlineData("https://example.com/a", "https://user@example.com/a")]
    [InlineData("https://zh.wikipedia.org/wiki/奇点", "https://zh.wikipedia.org/wiki/%E5%A5%87%E7%82%B9")]
    [InlineData("https://zh.wikipedia.org/wiki/奇点", "https://zh.wikipedia.org/wiki/%e5%a5%87%e7%82%b9")]
    [InlineData("https://example.com/a_b", "https://example.com/a%5Fb")]
    [InlineData("https://zh.wikipedia.org/wiki/人工智能_(学科)", "https://zh.wikipedia.org/wiki/%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD_%28%E5%AD%A6%E7%A7%91%29")]
    [InlineData("https://中国.cn/a", "https://xn--fiqs8s.cn/a")]
    [InlineData("https://mp.weixin.qq.com/s?__biz=MzA&mid=2650&idx=1&sn=abc", "https://mp.weixin.qq.com/s?__biz=MzA&mid=2650&idx=1&sn=abc&chksm=84&scene=21#wechat_redirect")]
    [InlineData("https://www.bilibili.com/video/BV1xx411c7mD", "https://www.bilibili.com/video/BV1xx411c7mD/?spm_id_from=333.1007&vd_source=abc")]
    [InlineData("https://www.bilibili.com/video/BV1xx411c7mD?p=2", "https://m.bilibili.com/video/BV1xx411c7mD?p=2&unique_k=abc&share_times=1&ts=17")]
    // WeChat's share menu and desktop client; its __biz ends in ==, which browsers encode or not; an address copied from HTML keeps its &amp;.
    [InlineData("https://mp.weixin.qq.com/s?__biz=MzA3MzI4MjgzMw==&mid=2650&idx=1&sn=6b3a",
        "https://mp.weixin.qq.com/s?__biz=MzA3MzI4MjgzMw%3D%3D&mid=2650&idx=1&sn=6b3a&chksm=84&mpshare=1&scene=1&srcid=0315&sharer_shareinfo=abc#rd")]
    [InlineData("https://mp.weixin.qq.com/s?__biz=MzA3MzI4MjgzMw==&mid=2650&idx=1&sn=6b3a",
        "https://mp.weixin.qq.com/s?__biz=MzA3MzI4MjgzMw==&amp;mid=2650&amp;idx=1&amp;sn=6b3a&amp;key=abc&amp;ascene=1&amp;uin=MTA&amp;pass_ticket=x&amp;wx_header=1")]
    [InlineData("https://blog.csdn.net/u/article/details/123", "https://blog.csdn.net/u/article/details/123?utm_medium=a&depth_1-utm_source=b&spm=c")]
    [InlineData("https://www.jianshu.com/p/8a1b2c3d4e5f", "https://www.jianshu.com/p/8a1b2c3d4e5f?u_atoken=a&u_asession=b&u_asig=c&u_aref=d")]
    [InlineData("https://www.xiaohongshu.com/explore/6650a1b2", "https://www.xiaohongshu.com/explore/6650a1b2?xsec_token=a&xsec_source=pc_feed&appuid=b")]
    [InlineData("https://medium.com/@someone/the-bitter-lesson-3f2a", "https://medium.com/@someone/the-bitter-lesson-3f2a?source=rss----1&sk=abc")]
    [InlineData("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://youtube.com/watch?feature=shared&v=dQw4w9WgXcQ&si=abc")]
    [InlineData("https://example.com/a?x=1&y=2", "https://example.com/a?y=2&x=1")]
    public void The_forms_of_one_address_are_one_term(string one, string other)
    {
        Assert.Equal(Terms(one)[0], Terms(other)[0]);
    }

    /// <summary>What names another page stays apart: another path, query value or route, an encoded slash, a port.</summary>
    [Theory]
    [InlineData("https://example.com/a?id=1", "https://example.com/a?id=2")]
    [InlineData("https://example.com/#/post/1", "https://example.com/#/post/2")]
    [InlineData("https://example.com/a%2Fb", "https://example.com/a/b")]
    [InlineData("https://example.com/s?q=a%26b", "https://example.com/s?q=a&b")]
    [InlineData("https://example.com:8080/a", "https://example.com/a")]
    [InlineData("https://example.com/", "https://example.com/a")]
    [InlineData("https://example.com/a", "https://example.org/a")]
    // Parameters that name a page, though elsewhere they may be tracking: a branch, a list's first entry, a video's part.
    [InlineData("https://gitlab.com/p/-/raw/config.yaml?ref=dev", "https://gitlab.com/p/-/raw/config.yaml?ref=main")]
    [InlineData("https://en.wikipedia.org/wiki/Special:AllPages?from=B", "https://en.wikipedia.org/wiki/Special:AllPages?from=Z")]
    [InlineData("https://www.bilibili.com/video/BV1xx411c7mD", "https://www.bilibili.com/video/BV1xx411c7mD?p=2")]
    // Ids that differ by case alone.
    [InlineData("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://www.youtube.com/watch?v=DQW4W9WGXCQ")]
    [InlineData("https://mp.weixin.qq.com/s/Xy7Qp3KZ9a", "https://mp.weixin.qq.com/s/xy7qp3kz9a")]
    public void Other_pages_stay_apart(string one, string other)
    {
        Assert.NotEqual(Terms(one)[0], Terms(other)[0]);
    }

    /// <summary>The host and each parent domain of two labels or more stand beside the address, as the host it is written with.</summary>
    [Fact]
    public void An_address_brings_its_host_and_parent_domains()
    {
        Assert.Equal(["//docs.github.com/a", "docs.github.com", "github.com"], Terms("https://docs.github.com/a/"));
        Assert.Equal(["//example.com/a", "www.example.com", "example.com"], Terms("https://www.example.com/a"));
        Assert.Equal(["//中国.cn/a", "中国.cn"], Terms("https://xn--fiqs8s.cn/a"));
    }

    /// <summary>Targets that are no web address are their text, lower-cased: a note's name, a file, a bare host, a mail address.</summary>
    [Theory]
    [InlineData("奇点")]
    [InlineData("随笔/奇点")]
    [InlineData("images/a.png")]
    [InlineData("./a/b.md")]
    [InlineData("github.com")]
    [InlineData("mailto:a@b.com")]
    [InlineData("Python%20入门")]
    [InlineData("Notes/README")]
    [InlineData("Images.Old/Pic.PNG")] // a relative link: without a scheme, no web address
    public void Other_targets_are_their_text(string target)
    {
        Assert.Equal([target.ToLowerInvariant()], Terms(target));
    }

    /// <summary>Percent-encoded bytes that are no UTF-8 (an address in GBK) stay as written.</summary>
    [Fact]
    public void Bytes_that_are_no_utf8_stay_encoded()
    {
        Assert.Equal("//example.com/%C6%E6", Terms("https://example.com/%c6%e6")[0]);
    }
}
