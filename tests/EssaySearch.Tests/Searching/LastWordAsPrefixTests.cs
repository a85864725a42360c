using System.Text.RegularExpressions;
using EssaySearch.Searching;

namespace EssaySearch.Tests.Searching;

/// <summary>
/// A query being typed (<see cref="SearchOptions.LastWordAsPrefix"/>): its last Latin word finds the words it starts,
/// checked against the seed text itself.
/// </summary>
public class LastWordAsPrefixTests(SeedIndex index) : IClassFixture<SeedIndex>
{
    private static readonly SearchOptions Typed = new(Limit: 100, LastWordAsPrefix: true);

    /// <summary>The seed paragraphs with a Latin word that starts with <paramref name="prefix"/>, and those words as written.</summary>
    private static Dictionary<(string Essay, int Paragraph), string[]> Starting(string prefix) =>
        SeedTruth.Paragraphs
            .Select(p => (Id: (p.Essay, p.Paragraph.Number), Words: Regex.Matches(p.Paragraph.Text, $@"(?<![A-Za-z0-9]){prefix}[A-Za-z0-9]*", RegexOptions.IgnoreCase).Select(m => m.Value).ToArray()))
            .Where(p => p.Words.Length > 0)
            .ToDictionary(p => p.Id, p => p.Words);

    [Fact]
    public void A_half_typed_word_finds_every_paragraph_with_a_word_it_starts_and_marks_those_words()
    {
        using var engine = SearchEngine.Open(index.IndexFolder);
        var expected = Starting("opena");
        Assert.NotEmpty(expected);
        Assert.Empty(engine.Search("opena", Typed with { LastWordAsPrefix = false }).Hits);

        var results = engine.Search("opena", Typed);
        Assert.Equal(expected.Keys.ToHashSet(), results.Hits.Select(hit => (hit.Essay, hit.Paragraph)).ToHashSet());
        Assert.Equal(Relaxation.None, results.Relaxation);
        foreach (var hit in results.Hits)
            Assert.Equal(expected[(hit.Essay, hit.Paragraph)], hit.Highlights.Select(h => hit.Text[h.Start..h.End]).ToArray());
    }

    /// <summary>A word typed in full-width letters (an input method in full-width mode) completes as the same word in ASCII does.</summary>
    [Fact]
    public void A_half_typed_word_in_full_width_letters_finds_what_it_does_in_ascii()
    {
        using var engine = SearchEngine.Open(index.IndexFolder);
        var ascii = engine.Search("opena", Typed).Hits;
        Assert.NotEmpty(ascii);
        Assert.Equal(ascii.Select(hit => (hit.Essay, hit.Paragraph, hit.Score, hit.Highlights.Count)),
            engine.Search("Ｏｐｅｎａ", Typed).Hits.Select(hit => (hit.Essay, hit.Paragraph, hit.Score, hit.Highlights.Count)));
    }

    [Fact]
    public void The_word_itself_ranks_above_the_words_it_starts()
    {
        // The seeds have AI as a word and Airbnb, which ai starts.
        using var engine = SearchEngine.Open(index.IndexFolder);
        var whole = SeedTruth.Paragraphs.Where(p => Regex.IsMatch(p.Paragraph.Text, @"(?<![A-Za-z0-9])ai(?![A-Za-z0-9])", RegexOptions.IgnoreCase))
            .Select(p => (p.Essay, p.Paragraph.Number)).ToHashSet();
        var completedOnly = Starting("ai").Keys.Where(id => !whole.Contains(id)).ToHashSet();
        Assert.NotEmpty(whole);
        Assert.NotEmpty(completedOnly);

        var ranked = engine.Search("ai", Typed).Hits.Select(hit => (hit.Essay, hit.Paragraph)).ToList();
        Assert.Equal(whole.Count + completedOnly.Count, ranked.Count);
        Assert.Equal(whole, ranked.Take(whole.Count).ToHashSet());
        Assert.Equal(completedOnly, ranked.Skip(whole.Count).ToHashSet());
    }

    /// <summary>An engine over a scratch corpus: each essay's paragraphs, in files named in the order ties rank essays.</summary>
    private static SearchEngine EngineOver(ScratchFolder scratch, params string[][] essays)
    {
        string seeds = scratch.Sub("seeds");
        Directory.CreateDirectory(seeds);
        for (int i = 0; i < essays.Length; i++)
            File.WriteAllText(Path.Combine(seeds, $"{(char)('a' + i)}.md"), string.Join("\n\n", essays[i]) + "\n");
        EssaySearch.Indexing.IndexBuilder.Build(new EssaySearch.Indexing.BuildOptions(seeds, scratch.Sub("index")));
        return SearchEngine.Open(scratch.Sub("index"));
    }

    private static List<string> Ranked(SearchEngine engine, string query) => engine.Search(query, Typed).Hits.Select(hit => hit.Text).ToList();

    // A paragraph long enough that its length norm is well below a short one's.
    private static string Long(string word) => string.Concat(Enumerable.Repeat("这是一段很长的文字，说了许多别的事情。", 12)) + $"最后提到 {word} 一次。";

    /// <summary>
    /// A word being typed ranks its paragraphs as the word it is completed to would (TF-IDF: how often, in how long a
    /// paragraph), not in the order of ties (essay, then paragraph): the list does not change as its last letters are typed.
    /// </summary>
    [Fact]
    public void A_half_typed_word_ranks_its_paragraphs_as_the_completed_word_would()
    {
        using var scratch = new ScratchFolder();
        string once = Long("JavaScript"), thrice = "JavaScript，JavaScript，JavaScript。", shorter = "我们用 JavaScript 写了一个小工具。";
        using var engine = EngineOver(scratch, [once], [shorter], [thrice], ["Java 很老。"]);

        Assert.Equal([thrice, shorter, once], Ranked(engine, "javas"));
        Assert.Equal(Ranked(engine, "javascript"), Ranked(engine, "javas"));
        Assert.Equal(Ranked(engine, "javascript"), Ranked(engine, "javascrip"));
        var hits = engine.Search("javas", Typed).Hits;
        Assert.All(hits, hit => Assert.Equal(["JavaScript"], hit.Highlights.Select(h => hit.Text[h.Start..h.End]).Distinct()));
    }

    /// <summary>
    /// The word as typed ranks above the words it starts, which follow ranked as words: <c>java</c> lists its own
    /// paragraphs first, then JavaScript's, by how often they say it.
    /// </summary>
    [Fact]
    public void The_word_as_typed_ranks_above_its_completions_which_rank_as_words()
    {
        using var scratch = new ScratchFolder();
        string js1 = "我们用 JavaScript 写了一个小工具。", js3 = "JavaScript 写前端，JavaScript 写后端，JavaScript 写脚本。";
        string java1 = "我们用 Java 写了一个小工具，跑在服务器上。", java2 = "Java 写后端，Java 写脚本。";
        using var engine = EngineOver(scratch, [js1], [java1], [js3], [java2]);

        Assert.Equal([java2, java1, js3, js1], Ranked(engine, "java"));
    }

    /// <summary>
    /// A prefix of two letters with more completions than a Boolean query may have clauses: the commonest are ranked as
    /// words, the rest still match (each paragraph with a word the prefix starts, as Lucene's prefix query finds them),
    /// below them, and every such word is marked.
    /// </summary>
    [Fact]
    public void A_two_letter_prefix_with_thousands_of_completions_finds_every_paragraph_and_ranks_the_commonest_first()
    {
        using var scratch = new ScratchFolder();
        // 1,500 words that zq starts, three a paragraph, each in one; and zqmain, in twenty paragraphs of another essay.
        var rare = Enumerable.Range(0, 500).Select(i => $"第{i}段：zq{i:000}a、zq{i:000}b 和 zq{i:000}c。").ToArray();
        var main = Enumerable.Range(0, 20).Select(i => i == 3 ? "zqmain 说 zqmain，又说 zqmain。" : $"第{i}条：zqmain 出现了，后面还有一些别的文字。").ToArray();
        string[] none = ["没有那个词的段落。"];
        using var engine = EngineOver(scratch, rare, none, main);
        Assert.True(1500 > Lucene.Net.Search.BooleanQuery.MaxClauseCount);

        var results = engine.Search("zq", new SearchOptions(Limit: 1000, LastWordAsPrefix: true));
        Assert.Equal(rare.Length + main.Length, results.Total);
        Assert.Equal(rare.Concat(main).ToHashSet(), results.Hits.Select(hit => hit.Text).ToHashSet());
        Assert.Equal(main[3], results.Hits[0].Text);
        Assert.Equal(main.ToHashSet(), results.Hits.Take(main.Length).Select(hit => hit.Text).ToHashSet());
        foreach (var hit in results.Hits)
            Assert.Equal(Regex.Matches(hit.Text, "zq[a-z0-9]*").Select(m => m.Value), hit.Highlights.Select(h => hit.Text[h.Start..h.End]));
    }

    /// <summary>
    /// In a relaxed question, a word being typed counts by its completions as a word found inside a longer one does:
    /// the paragraph that says JavaScript three times ranks above the one that says it once (length does not count there).
    /// </summary>
    [Fact]
    public void A_half_typed_word_in_a_relaxed_question_counts_by_how_often_its_completion_occurs()
    {
        using var scratch = new ScratchFolder();
        string once = "蓝鲸用 JavaScript 写了一个工具。", thrice = "蓝鲸用 JavaScript 写前端，JavaScript 写后端，JavaScript 写脚本。";
        using var engine = EngineOver(scratch, [once], [thrice], ["蓝鲸在海里。"], ["Java 很老。"]);

        var results = engine.Search("蓝鲸 飞机 javas", Typed);
        Assert.Equal(Relaxation.Words, results.Relaxation);
        Assert.Equal([thrice, once, "蓝鲸在海里。"], results.Hits.Select(hit => hit.Text));
    }

    [Fact]
    public void A_half_typed_title_word_finds_its_essay()
    {
        // The Gentle Singularity: singularity is in its title alone, not in its (Chinese) text.
        using var engine = SearchEngine.Open(index.IndexFolder);
        var titled = SeedTruth.Paragraphs.Where(p => p.Essay == "002_71bd8fe93b13801e").Select(p => (p.Essay, p.Paragraph.Number)).ToHashSet();
        Assert.DoesNotContain(SeedTruth.Paragraphs, p => p.Paragraph.Text.Contains("singul", StringComparison.OrdinalIgnoreCase));

        var results = engine.Search("gentle singul", Typed);
        Assert.Equal(Relaxation.Metadata, results.Relaxation);
        Assert.NotEmpty(results.Hits);
        Assert.All(results.Hits, hit => Assert.Contains((hit.Essay, hit.Paragraph), titled));
        Assert.Equal(Relaxation.Words, engine.Search("gentle singul", Typed with { LastWordAsPrefix = false }).Relaxation);
    }

    [Fact]
    public void A_question_ending_in_a_half_typed_word_is_relaxed_with_its_completions()
    {
        using var engine = SearchEngine.Open(index.IndexFolder);
        // One paragraph has 董事会 and OpenAI: the completion counts as the word, and it ranks first.
        var both = SeedTruth.Paragraphs.Where(p => p.Paragraph.Text.Contains("董事会") && p.Paragraph.Text.Contains("OpenAI")).ToList();
        Assert.Single(both);
        var results = engine.Search("怎样的董事会 opena", Typed);
        Assert.Equal(Relaxation.Question, results.Relaxation);
        var first = results.Hits[0];
        Assert.Equal((both[0].Essay, both[0].Paragraph.Number), (first.Essay, first.Paragraph));
        Assert.Contains("OpenAI", first.Highlights.Select(h => first.Text[h.Start..h.End]));
        Assert.NotEqual((both[0].Essay, both[0].Paragraph.Number), engine.Search("怎样的董事会 opena", Typed with { LastWordAsPrefix = false }).Hits.Select(hit => (hit.Essay, hit.Paragraph)).FirstOrDefault());
    }

    [Theory]
    [InlineData("o")]               // one letter starts too many words to say anything
    [InlineData("超级智")]           // Han text is found inside longer runs already
    [InlineData("opena 智能")]       // only the last word
    [InlineData("GPT-4")]           // not a Latin word alone
    public void Other_last_words_are_searched_as_they_are(string query)
    {
        using var engine = SearchEngine.Open(index.IndexFolder);
        var typed = engine.Search(query, Typed);
        var plain = engine.Search(query, Typed with { LastWordAsPrefix = false });
        Assert.Equal(plain.Hits.Select(hit => (hit.Essay, hit.Paragraph, hit.Score, hit.Highlights.ToList())), typed.Hits.Select(hit => (hit.Essay, hit.Paragraph, hit.Score, hit.Highlights.ToList())));
        Assert.Equal(plain.Notice, typed.Notice);
    }

    /// <summary>
    /// The hits of a word being typed only narrow as it grows: the word as typed is not stemmed, which would make javas
    /// Java, and generation gener (finding generator and generate), so that hits came and went letter by letter.
    /// </summary>
    [Fact]
    public void Hits_narrow_as_a_word_is_typed_letter_by_letter()
    {
        using var scratch = new ScratchFolder();
        string seeds = scratch.Sub("seeds");
        Directory.CreateDirectory(seeds);
        string[] paragraphs = ["新一代 generation 的工具。", "代码 generator 很好用。", "它 generates 文档。", "用 JavaScript 写的。", "Java 很老。"];
        File.WriteAllText(Path.Combine(seeds, "a.md"), string.Join("\n\n", paragraphs) + "\n");
        EssaySearch.Indexing.IndexBuilder.Build(new EssaySearch.Indexing.BuildOptions(seeds, scratch.Sub("index")));
        using var engine = SearchEngine.Open(scratch.Sub("index"));
        HashSet<string> Found(string typed) => engine.Search(typed, Typed).Hits.Select(hit => hit.Text).ToHashSet();

        var previous = Found("ge");
        foreach (int length in Enumerable.Range(3, "generation".Length - 2))
        {
            string typed = "generation"[..length];
            var found = Found(typed);
            Assert.Equal(paragraphs.Where(p => Regex.IsMatch(p, $@"\b{typed}", RegexOptions.IgnoreCase)).ToHashSet(), found);
            Assert.Subset(previous, found);
            previous = found;
        }
        Assert.Equal(["用 JavaScript 写的。"], Found("javas"));
        Assert.Equal(["新一代 generation 的工具。"], Found("generation"));
        Assert.Equal(3, engine.Search("generation", Typed with { LastWordAsPrefix = false }).Total); // stemmed: gener
    }

    [Fact]
    public void A_word_too_long_to_index_completes_nothing()
    {
        using var engine = SearchEngine.Open(index.IndexFolder);
        var refused = Assert.Throws<EssaySearchException>(() => engine.Search(new string('a', 256), Typed));
        Assert.Contains("longer than 255 characters", refused.Message);
        Assert.Equal(engine.Search("智能", Typed).Total, engine.Search("智能 " + new string('a', 256), Typed).Total);
    }

    [Fact]
    public void An_essay_read_for_a_half_typed_query_marks_the_words_it_starts()
    {
        using var engine = SearchEngine.Open(index.IndexFolder);
        string essay = Starting("opena").Keys.First().Essay;
        var marked = engine.ReadEssay(essay, "opena", lastWordAsPrefix: true)!.Paragraphs
            .SelectMany(p => p.Highlights.Select(h => p.Text[h.Start..h.End])).ToList();
        Assert.NotEmpty(marked);
        Assert.All(marked, word => Assert.Equal("OpenAI", word));
        Assert.Empty(engine.ReadEssay(essay, "opena")!.Paragraphs.SelectMany(p => p.Highlights));
    }
}
