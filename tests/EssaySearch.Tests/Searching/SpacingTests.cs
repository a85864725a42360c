using EssaySearch.Searching;

namespace EssaySearch.Tests.Searching;

/// <summary>
/// Text written with a space between Han and Latin letters or digits (2019 年, iPhone 手机, as many writers set it) is
/// found and ranked as the same text without the space, and a phrase typed with a space matches the words side by side,
/// not with any word between them.
/// </summary>
public sealed class SpacingTests : IDisposable
{
    private readonly NotesIndex notes = new(
        ("spaced.md", "# 笔记甲\n\n我在 2019 年买了 iPhone 手机。\n\n定投这个策略，包括以下几个要点。\n"),
        ("joined.md", "# 笔记乙\n\n我在2019年买了iPhone手机。\n\n定投策略是普通人的好办法。\n"));

    public void Dispose() => notes.Dispose();

    [Theory]
    [InlineData("2019年")]
    [InlineData("iPhone手机")]
    [InlineData("2019 年")]
    public void Text_with_or_without_a_space_scores_alike(string query)
    {
        var hits = notes.Engine.Search(query).Hits;
        Assert.Equal(["joined", "spaced"], hits.Select(hit => hit.Essay).Order());
        Assert.Equal(hits[0].Score, hits[1].Score);
    }

    [Fact]
    public void A_quoted_phrase_with_a_space_matches_its_words_side_by_side_only()
    {
        var hits = notes.Engine.Search("\"定投 策略\"").Hits;
        Assert.Equal("定投策略是普通人的好办法。", Assert.Single(hits).Text);
    }
}
