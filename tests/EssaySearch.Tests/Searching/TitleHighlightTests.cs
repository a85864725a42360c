using EssaySearch.Highlighting;
using EssaySearch.Searching;

namespace EssaySearch.Tests.Searching;

/// <summary>
/// The query's words are marked in a hit's title (<see cref="Hit.TitleHighlights"/>) as they are in its text, on the seeds'
/// two titles: The Gentle Singularity, and 刚刚，奥特曼更新博客：创业第十年，我的反思.
/// </summary>
public class TitleHighlightTests(SeedIndex index) : IClassFixture<SeedIndex>
{
    private const string Gentle = "The Gentle Singularity", Reflections = "刚刚，奥特曼更新博客：创业第十年，我的反思";

    private static readonly SearchOptions All = new(Limit: 100);

    private static string Marked(string text, IReadOnlyList<TextSpan> spans) => string.Join('|', spans.Select(span => text[span.Start..span.End]));

    /// <summary>Each title among the hits of <paramref name="query"/>, with what is marked in it (the same in every hit of its essay).</summary>
    private Dictionary<string, string> MarkedTitles(string query, Relaxation relaxation, SearchOptions? options = null)
    {
        using var engine = SearchEngine.Open(index.IndexFolder);
        var results = engine.Search(query, options ?? All);
        Assert.Equal(relaxation, results.Relaxation);
        Assert.NotEmpty(results.Hits);
        return results.Hits.GroupBy(hit => hit.Title)
            .ToDictionary(essay => essay.Key, essay => Assert.Single(essay.Select(hit => Marked(hit.Title, hit.TitleHighlights)).Distinct()));
    }

    [Theory]
    [InlineData("反思", "反思")]
    [InlineData("奧特曼", "奥特曼")] // traditional, as the text's highlights fold it
    [InlineData("特曼", "特曼")] // inside a longer word, as in the text
    public void A_strict_querys_word_is_marked_in_the_title_that_has_it(string query, string marked)
    {
        var titles = MarkedTitles(query, Relaxation.None);
        Assert.Equal(marked, titles[Reflections]);
        Assert.Equal("", titles.GetValueOrDefault(Gentle, ""));
    }

    /// <summary>A query found through the title (the metadata step) marks it, in any case and width.</summary>
    [Theory]
    [InlineData("singularity", Gentle, "Singularity")]
    [InlineData("SINGULARITY", Gentle, "Singularity")]
    [InlineData("ｓｉｎｇｕｌａｒｉｔｙ", Gentle, "Singularity")]
    [InlineData("The Gentle Singularity", Gentle, "The|Gentle|Singularity")]
    [InlineData("创业 反思", Reflections, "创业|反思")]
    [InlineData("我的反思", Reflections, "我的反思")]
    public void A_query_found_in_the_title_marks_its_words_there(string query, string title, string marked) =>
        Assert.Equal(marked, MarkedTitles(query, Relaxation.Metadata)[title]);

    [Theory]
    [InlineData("title:singul*", Gentle, "Singularity")]
    [InlineData("title:\"gentle singularity\"", Gentle, "Gentle Singularity")]
    [InlineData("Title:(反思 OR singularity)", Reflections, "反思")]
    [InlineData("Title:(反思 OR singularity)", Gentle, "Singularity")]
    [InlineData("刚刚 OR 奇点", Reflections, "刚刚")] // a plain term of syntax
    public void A_title_clause_marks_its_words_in_the_title(string query, string title, string marked) =>
        Assert.Equal(marked, MarkedTitles(query, Relaxation.None)[title]);

    [Fact]
    public void A_title_clause_marks_its_word_in_the_title_and_not_in_the_text()
    {
        using var engine = SearchEngine.Open(index.IndexFolder);
        var hits = engine.Search("title:反思 AGI", All).Hits;
        Assert.NotEmpty(hits);
        Assert.All(hits, hit => Assert.Equal(("反思", "AGI"), (Marked(hit.Title, hit.TitleHighlights), Marked(hit.Text, hit.Highlights))));
    }

    /// <summary>A relaxed question marks the words it kept, not the 的 it left out, which the title has too (我的反思).</summary>
    [Theory]
    [InlineData("奥特曼的反思是什么", Reflections, "奥特曼|反思")]
    [InlineData("singularity 是什么意思", Gentle, "Singularity")]
    public void A_relaxed_question_marks_the_words_it_kept(string query, string title, string marked) =>
        Assert.Equal(marked, MarkedTitles(query, Relaxation.Question)[title]);

    [Theory]
    [InlineData("反思 -奥特曼")]
    [InlineData("反思 NOT 奥特曼")]
    [InlineData("title:反思 -奥特曼")]
    public void An_excluded_word_is_not_marked(string query) =>
        Assert.Equal("反思", MarkedTitles(query, Relaxation.None)[Reflections]);

    [Fact]
    public void A_half_typed_last_word_marks_the_title_words_it_starts()
    {
        Assert.Equal("Gentle|Singularity", MarkedTitles("gentle singul", Relaxation.Metadata, All with { LastWordAsPrefix = true })[Gentle]);
        Assert.Equal("Gentle", MarkedTitles("gentle singul", Relaxation.Words)[Gentle]);
    }

    [Fact]
    public void An_essay_read_with_a_query_has_its_title_marked_as_its_hits_do()
    {
        using var engine = SearchEngine.Open(index.IndexFolder);
        Assert.Equal("反思", Marked(Reflections, engine.ReadEssay(TestData.Reflections, "反思 -奥特曼")!.TitleHighlights));
        Assert.Equal("Gentle|Singularity", Marked(Gentle, engine.ReadEssay(TestData.GentleSingularity, "gentle singul", lastWordAsPrefix: true)!.TitleHighlights));
        Assert.Empty(engine.ReadEssay(TestData.Reflections)!.TitleHighlights);
    }
}
