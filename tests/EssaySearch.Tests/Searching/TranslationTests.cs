using EssaySearch.Searching;

namespace EssaySearch.Tests.Searching;

/// <summary>
/// A relaxed query searches an English word's Chinese translations too (Searching/Data/english-chinese.txt, from
/// CC-CEDICT): the essays say 奇点 where a reader types singularity.
/// </summary>
public class TranslationTests(SeedIndex index) : IClassFixture<SeedIndex>
{
    [Theory]
    [InlineData("singularity", "奇点")]
    [InlineData("Robot", "机器人")]
    [InlineData("robots", "机器人")]   // the plural, looked up as its singular
    [InlineData("computer", "计算机")]
    public void An_English_word_has_its_dictionary_translation(string english, string chinese) =>
        Assert.Contains(chinese, Translations.Of(english));

    [Theory]
    [InlineData("奇点")]
    [InlineData("o3")]
    [InlineData("GPT-4")]
    [InlineData("x")]
    [InlineData("zzzzqx")]
    public void Anything_but_a_known_English_word_has_none(string word) => Assert.Empty(Translations.Of(word));

    /// <summary>
    /// An English word found in an essay's title (singularity in The Gentle Singularity) answers from the metadata step,
    /// where every paragraph of the essay matches; those with its translation come first, highlighted, rather than all
    /// of them tied in essay order.
    /// </summary>
    [Fact]
    public void A_word_of_a_title_ranks_first_the_essays_paragraphs_with_its_translation()
    {
        using var engine = SearchEngine.Open(index.IndexFolder);
        var results = engine.Search("singularity", new SearchOptions(Limit: 100));
        Assert.Equal(Relaxation.Metadata, results.Relaxation);
        Assert.Contains("singularity also as 奇点", results.Notice);
        Assert.Equal(["singularity"], results.Translated.Keys);
        int withTranslation = results.Hits.Count(hit => hit.Text.Contains("奇点"));
        Assert.True(withTranslation >= 2);
        Assert.All(results.Hits.Take(withTranslation), hit => Assert.Contains("奇点", hit.Highlights.Select(span => hit.Text[span.Start..span.End])));
        Assert.Equal(results.Hits.Count(hit => hit.Essay == results.Hits[0].Essay), results.Total); // still the essay's paragraphs, all of them
    }

    [Fact]
    public void A_relaxed_question_finds_and_highlights_the_translation_in_the_text()
    {
        using var engine = SearchEngine.Open(index.IndexFolder);
        var results = engine.Search("singularity 是什么意思", new SearchOptions(Limit: 10));
        Assert.Contains("singularity also as 奇点", results.Notice);
        Assert.Equal(["singularity"], results.Translated.Keys);
        Assert.Equal(Translations.Of("singularity"), results.Translated["singularity"]);
        Assert.Contains("奇点", results.Translated["singularity"]);
        var withTranslation = results.Hits.Where(hit => hit.Text.Contains("奇点")).ToList();
        Assert.NotEmpty(withTranslation);
        Assert.All(withTranslation, hit => Assert.Contains("奇点", hit.Highlights.Select(span => hit.Text[span.Start..span.End])));
    }

    [Fact]
    public void One_English_word_found_nowhere_is_searched_as_its_translations()
    {
        using var engine = SearchEngine.Open(index.IndexFolder);
        // "computer" is in no paragraph and no metadata; 计算机 is in two paragraphs.
        var results = engine.Search("computer");
        Assert.Contains("computer also as 计算机", results.Notice);
        Assert.NotEmpty(results.Hits);
        Assert.All(results.Hits.Take(2), hit => Assert.Contains("计算机", hit.Text));
    }

    [Fact]
    public void A_query_with_strict_hits_is_not_translated()
    {
        using var engine = SearchEngine.Open(index.IndexFolder);
        Assert.NotEmpty(Translations.Of("reflections"));
        var results = engine.Search("reflections");
        Assert.Null(results.Notice);
        Assert.Empty(results.Translated);
        Assert.All(results.Hits, hit => Assert.Contains("reflections", hit.Text, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// An archive that writes java and docker in English means them so: they are not searched as their dictionary senses
    /// (爪哇, 装卸工), where robot, which it writes 机器人, is.
    /// </summary>
    [Fact]
    public void A_word_the_essays_write_in_English_more_than_in_Chinese_is_not_translated()
    {
        using var notes = new NotesIndex(("java.md", "# 笔记\n\nJava 的线程池。\n\n用 docker 部署 Java 服务。\n\n爪哇岛在印度尼西亚。\n\n机器人会做饭。\n\n机器人也会洗碗。\n\n一个 robot 的故事。\n"));
        var engine = notes.Engine;
        Assert.NotEmpty(Translations.Of("java"));
        Assert.NotEmpty(Translations.Of("docker"));

        var results = engine.Search("java docker robot 怎么用");
        Assert.Equal(Relaxation.Question, results.Relaxation);
        Assert.Equal(["robot"], results.Translated.Keys);
        Assert.DoesNotContain(results.Hits, hit => hit.Text.StartsWith("爪哇岛"));
        Assert.Contains(results.Hits, hit => hit.Text.StartsWith("机器人"));
    }
}
