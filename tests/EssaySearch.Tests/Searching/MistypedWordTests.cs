using EssaySearch.Searching;

namespace EssaySearch.Tests.Searching;

/// <summary>
/// A word typed with a wrong character (零拷背 for 零拷贝, 幂等姓 for 幂等性): the word analysis keeps it together as characters
/// it knows no word of, each of which some paragraph has, so that it looked findable. Alone it is searched as its two
/// characters side by side that the most paragraphs have, and said to be; beside a word that finds paragraphs, it is named
/// as in no paragraph.
/// </summary>
public sealed class MistypedWordTests : IDisposable
{
    private readonly NotesIndex notes = new(
        ("io.md", "# 零拷贝\n\n零拷贝技术减少了数据在内核和用户空间之间的复制。\n\nsendfile 是 Linux 上零拷贝的一种实现。\n"),
        ("api.md", "# 接口设计\n\n幂等性保证同一个请求执行多次的结果相同。\n\n零、拷、背是三个字。\n"));

    public void Dispose() => notes.Dispose();

    [Theory]
    [InlineData("零拷背", "零拷")]
    [InlineData("幂等姓", "幂等")]
    public void A_word_mistyped_alone_is_searched_as_its_two_characters_the_most_paragraphs_have(string query, string searched)
    {
        var results = notes.Engine.Search(query);
        Assert.Equal(searched, results.Searched);
        Assert.Equal([searched], Assert.Single(results.Split).Value);
        Assert.Contains($"{query} is in no paragraph: split into {searched}", results.Notice);
        Assert.NotEmpty(results.Hits);
        Assert.All(results.Hits, hit => Assert.Equal([searched], hit.Highlights.Select(span => hit.Text[span.Start..span.End]).Distinct()));
    }

    [Theory]
    [InlineData("零拷背 复制")]
    [InlineData("什么是零拷背复制")] // the subject of a question that asks what it is, weighed where a paragraph defines it
    public void A_word_mistyped_beside_one_that_finds_paragraphs_is_named_as_in_none(string query)
    {
        // 零, 拷 and 背 are each a word of some paragraph (零、拷、背是三个字), and 零拷背 in none.
        var results = notes.Engine.Search(query);
        Assert.Equal(["零拷背"], results.NotFound);
        Assert.EndsWith("; in no paragraph: 零拷背", results.Notice);
        Assert.Empty(results.Split);
    }
}
