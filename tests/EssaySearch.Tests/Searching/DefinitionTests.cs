using EssaySearch.Searching;

namespace EssaySearch.Tests.Searching;

/// <summary>
/// Questions that ask what something is (<see cref="Definitions"/>): the paragraphs that define the subject rank above those
/// that merely mention it, however often.
/// </summary>
public class DefinitionTests(SeedIndex index) : IClassFixture<SeedIndex>
{
    /// <summary>The question's words as the compiler splits them, apart by spaces.</summary>
    [Theory]
    // A defining word beside a word that asks; the subject on its other side.
    [InlineData("什么 是 定投", "定投", "定投")]
    [InlineData("长期 是 多久", "长期", "长期")]
    [InlineData("BOX 是 什么", "BOX", "BOX")]
    [InlineData("什么 叫 定投", "定投", "定投")]
    [InlineData("X 指 什么", "X", "X")]
    // 何谓 asks and marks at once.
    [InlineData("何谓 定投", "定投", "定投")]
    // Past a function word beside the verb; the run of words up to the next one.
    [InlineData("what is the box", "box", "box")]
    [InlineData("AI 对齐 是 什么 意思", "AI", "对齐")]
    [InlineData("GPT-4 和 o3 是 什么", "o3", "o3")]
    public void A_question_that_asks_what_something_is_names_its_subject(string words, string first, string last) =>
        Assert.Equal((first, last), Definitions.Subject(words.Split(' ')));

    [Theory]
    // No defining word beside a word that asks.
    [InlineData("OpenAI 是 一家 什么样 的 公司")]
    [InlineData("奥特曼 为什么 被 解雇")]
    [InlineData("定投 有 什么 好处")]
    // Nothing on the subject's side.
    [InlineData("什么 是")]
    [InlineData("是 什么")]
    public void Other_questions_name_no_subject(string words) =>
        Assert.Null(Definitions.Subject(words.Split(' ')));

    /// <summary>
    /// In the seeds, the incident of the firing is said to be a failure of governance in two paragraphs that open with it
    /// (003:4 之前的解雇事件是…, 003:19 整个事件是…); without the rule, a paragraph that only mentions it (003:18 …此次事件) and
    /// one with 事件视界 (002:1) ranked first.
    /// </summary>
    [Fact]
    public void Of_the_seeds_the_paragraphs_that_say_what_the_incident_was_rank_first()
    {
        using var engine = SearchEngine.Open(index.IndexFolder);

        var results = engine.Search("那次事件是什么", new SearchOptions(Limit: 4));

        Assert.Equal(Relaxation.Question, results.Relaxation);
        Assert.Equal([(TestData.Reflections, 4), (TestData.Reflections, 19)], results.Hits.Take(2).Select(hit => (hit.Essay, hit.Paragraph)));
    }

    /// <summary>
    /// A paragraph that opens with the subject and a defining word (d), or has 所谓 before it anywhere (b), ranks above the
    /// paragraphs that mention it more often (a, five times); one that says 定投是 late in a long paragraph (c) is not taken
    /// for a definition, and ranks by how often it names the subject, below a. Without the rule: a, c, then b and d.
    /// </summary>
    [Fact]
    public void A_paragraph_that_defines_the_subject_ranks_above_those_that_repeat_it()
    {
        using var notes = new NotesIndex(
            ("a.md", "定投的好处很多：定投让人省心，定投让人坚持，定投让人不再焦虑，定投让人睡得着。\n"),
            ("b.md", "这本书讲的都是普通人能做的事，没有什么秘诀，也不需要聪明，只需要时间和耐心。所谓定投，指的是长期定期定额地投资某个标的。\n"),
            ("c.md", "我常常被朋友们问到一个问题：在这个人人都想一夜暴富的年代，为什么我还要坚持这么慢的办法？我的回答很简单，定投是必须践行的行为，定投让人心安。\n"),
            ("d.md", "定投是长期持续投入的行为。\n"));

        var results = notes.Engine.Search("什么是定投");

        Assert.Equal("定投", results.Searched);
        Assert.Equal(["b", "d", "a", "c"], results.Hits.Select(hit => hit.Essay));
    }
}
