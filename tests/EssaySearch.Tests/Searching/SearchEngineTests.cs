using EssaySearch.Highlighting;
using EssaySearch.Indexing;
using EssaySearch.Searching;
using EssaySearch.Schema;

namespace EssaySearch.Tests.Searching;

public class SearchEngineTests(SeedIndex index) : IClassFixture<SeedIndex>
{
    private SearchEngine Open() => SearchEngine.Open(index.IndexFolder);

    [Fact]
    public void Memory_mapped_reading_answers_exactly_as_positional_reading()
    {
        using var positional = SearchEngine.Open(index.IndexFolder, new EngineOptions { MemoryMapped = false });
        using var mapped = Open();
        var queries = File.ReadLines(Path.Combine(TestData.RepositoryRoot, "bench", "queries.txt")).Where(line => line.Length > 0).ToList();
        Assert.NotEmpty(queries);
        foreach (var query in queries)
        {
            var expected = positional.Search(query, new SearchOptions(Limit: 20)).Hits;
            var actual = mapped.Search(query, new SearchOptions(Limit: 20)).Hits;
            Assert.Equal(expected.Select(h => (h.Essay, h.Paragraph, h.Score)), actual.Select(h => (h.Essay, h.Paragraph, h.Score)));
            Assert.Equal(expected.Select(h => h.Highlights), actual.Select(h => h.Highlights));
        }
    }

    private static HashSet<(string, int)> Ids(SearchResults results) => results.Hits.Select(h => (h.Essay, h.Paragraph)).ToHashSet();

    [Theory]
    [InlineData("人和")]
    [InlineData("多我")]
    [InlineData("的未来")]
    public void A_han_run_does_not_match_its_words_across_punctuation(string query)
    {
        // Each of these occurs in the seeds both as written and with punctuation between its words (人，和).
        using var engine = Open();
        var results = engine.Search(query, new SearchOptions(Limit: 100));
        Assert.Equal(SeedTruth.Relevant(query).ToHashSet(), Ids(results));
        Assert.True(SeedTruth.Paragraphs.Count(p => p.Paragraph.Text.Contains(query[0]) && p.Paragraph.Text.Contains(query[1..])) > results.Total);
    }

    [Fact]
    public void A_hexagram_is_searched_as_any_other_symbol_not_as_han()
    {
        // The Yijing hexagrams (U+4DC0-4DFF) lie between two blocks of Han characters without being Han.
        using var engine = Open();
        var options = new SearchOptions(Limit: 100);
        var hexagram = engine.Search("多䷀我", options);
        var yinYang = engine.Search("多☯我", options);
        Assert.NotEmpty(yinYang.Hits);
        Assert.Equal(yinYang.Total, hexagram.Total);
        Assert.Equal(yinYang.Hits.Select(hit => (hit.Essay, hit.Paragraph, hit.Highlights.ToList())), hexagram.Hits.Select(hit => (hit.Essay, hit.Paragraph, hit.Highlights.ToList())));
    }

    [Fact]
    public void Hits_carry_the_paragraph_and_its_essay()
    {
        using var engine = Open();
        var hit = engine.Search("起飞已经开始").Hits.Single();
        Assert.Equal((1, TestData.GentleSingularity, "The Gentle Singularity", "Sam Altman", "2025-06-11", "", 1),
            (hit.Rank, hit.Essay, hit.Title, hit.Author, hit.Published, hit.Section, hit.Paragraph));
        Assert.StartsWith("我们已经越过了事件视界", hit.Text);
        Assert.True(hit.Score > 0);
        Assert.Equal("起飞已经开始", hit.Text[hit.Highlights[0].Start..hit.Highlights[0].End]);
    }

    [Fact]
    public void An_essay_reads_back_whole_with_the_summary_the_list_gives()
    {
        using var engine = Open();
        var essays = engine.Essays();
        Assert.Equal([TestData.GentleSingularity, TestData.Reflections], essays.Select(e => e.Essay));
        foreach (var summary in essays)
        {
            var essay = engine.ReadEssay(summary.Essay)!;
            Assert.Equal(summary, essay.Summary);
            Assert.Null(essay.Searched);
            // A blank query is none, as /api/essays/{id}?q=%20 reads it: nothing marked, no error.
            foreach (string blank in new[] { "", "  " })
            {
                var unmarked = engine.ReadEssay(summary.Essay, blank)!;
                Assert.Null(unmarked.Searched);
                Assert.All(unmarked.Paragraphs, p => Assert.Empty(p.Highlights));
            }
            Assert.Equal(Enumerable.Range(1, summary.Paragraphs), essay.Paragraphs.Select(p => p.Paragraph));
            Assert.All(essay.Paragraphs, p => Assert.Equal(p.Text, engine.Search($"essay:{summary.Essay}", new SearchOptions(Limit: 100)).Hits.Single(h => h.Paragraph == p.Paragraph).Text));
        }
        Assert.Null(engine.ReadEssay("no-such-essay"));
        Assert.Equal("essay", Assert.Throws<ArgumentNullException>(() => engine.ReadEssay(null!)).ParamName);
        Assert.Equal("query", Assert.Throws<ArgumentNullException>(() => engine.Search(null!)).ParamName);
        Assert.Null(engine.ReadEssay(TestData.Reflections.ToUpperInvariant()));
    }

    /// <summary>
    /// The results say how far a query was relaxed and whether its syntax was set aside, for a caller that words it its own
    /// way (the search page, in Chinese): the notice agrees with them.
    /// </summary>
    [Theory]
    [InlineData("超级智能", Relaxation.None, false, null)]
    [InlineData("title:singularity", Relaxation.None, false, null)]
    [InlineData("altman", Relaxation.Metadata, false, "titles, authors")]
    [InlineData("奥特曼对未来有什么看法", Relaxation.Question, false, "any of its words")]
    [InlineData("\"超级智能", Relaxation.None, true, "unbalanced quote; searched as plain text")]
    [InlineData("\"altman", Relaxation.Metadata, true, "unbalanced quote; searched as plain text; no paragraph has every term")]
    [InlineData("(奥特曼对未来有什么看法", Relaxation.Question, true, "unbalanced parenthesis; searched as plain text; no paragraph has the query")]
    public void Results_say_how_far_the_query_was_relaxed_and_whether_as_plain_text(string query, Relaxation relaxation, bool asPlainText, string? notice)
    {
        using var engine = Open();
        var results = engine.Search(query);
        Assert.NotEmpty(results.Hits);
        Assert.Equal(relaxation, results.Relaxation);
        Assert.Equal(asPlainText, results.AsPlainText);
        if (notice is null)
            Assert.Null(results.Notice);
        else
            Assert.Contains(notice, results.Notice);
    }

    /// <summary>
    /// Chinese punctuation between words parts them as a space does: 董事会、解雇 asks for both words, strictly, rather than
    /// for one phrase across the 、 (which the text does not have, and which made the query fall back on any of its words).
    /// </summary>
    [Theory]
    [InlineData("董事会、解雇", "董事会 解雇")]
    [InlineData("能源，智能", "能源 智能")]
    [InlineData("反思；奥特曼", "反思 奥特曼")]
    public void Chinese_punctuation_in_a_query_parts_its_terms_as_a_space_does(string query, string spaced)
    {
        var punctuated = SearchedAs(query, spaced);
        Assert.Equal(Relaxation.None, punctuated.Relaxation);
        Assert.NotEmpty(punctuated.Hits);
        Assert.Equal(spaced, punctuated.Searched);
    }

    /// <summary>
    /// A slash inside a term is one of its characters, not syntax: a date or a pair written with one is plain text, searched
    /// strictly and then relaxed as any (before, it was searched as syntax, which is never relaxed, and found nothing); so is
    /// an address.
    /// </summary>
    [Theory]
    [InlineData("2023/11/18", "003_b81256e0e21f22db", 17)]
    [InlineData("https://blog.samaltman.com/reflections", "003_b81256e0e21f22db", 39)]
    public void A_slash_inside_a_term_or_an_address_is_plain_text(string query, string essay, int paragraph)
    {
        using var engine = Open();
        var results = engine.Search(query);
        Assert.False(results.AsPlainText);
        Assert.Equal((essay, paragraph), (results.Hits[0].Essay, results.Hits[0].Paragraph));
    }

    /// <summary>
    /// An operator with nothing to join on one side, and a field's name or a sign that ends the query (typed on the way to
    /// more: title:码农, -手机), are left out, with a notice, and the rest is searched as it would be alone: strictly, or as
    /// its syntax says. Before, the whole query was searched as plain text, AND or title among its words, and relaxed.
    /// </summary>
    [Theory]
    [InlineData("超级智能 AND", "超级智能", "AND has nothing to join on one side")]
    [InlineData("AND 超级智能", "超级智能", "AND has nothing to join on one side")]
    [InlineData("超级智能 NOT", "超级智能", "NOT has nothing to join on one side")]
    [InlineData("超级智能 OR AND", "超级智能", "OR and AND have nothing to join on one side")]
    [InlineData("title:反思 OR", "title:反思", "OR has nothing to join on one side")]
    [InlineData("智能 title:", "智能", "title: has nothing after it")]
    [InlineData("智能 -", "智能", "- has nothing after it")]
    [InlineData("智能 AND Title:", "智能", "AND has nothing to join on one side, and is left out; Title: has nothing after it")]
    public void What_is_typed_on_the_way_to_more_is_left_out(string query, string rest, string remark)
    {
        var results = SearchedAs(query, rest);
        Assert.Equal((Relaxation.None, false), (results.Relaxation, results.AsPlainText));
        Assert.StartsWith(remark, results.Notice);
        Assert.Equal(rest, results.Searched);
    }

    /// <summary>A field's name alone has nothing to search; a word with a colon that names no field (AI:) is a word, not left out.</summary>
    [Fact]
    public void A_field_name_alone_is_refused_and_a_word_with_a_colon_searched()
    {
        using var engine = Open();
        Assert.Equal("the query is only title:, with nothing to search",
            Assert.Throws<EssaySearchException>(() => engine.Search("title:")).Message);
        Assert.DoesNotContain("left out", engine.Search("AI:").Notice);
    }

    /// <summary>
    /// A query whose syntax is not understood is searched as plain text, but a word it marks to be excluded stays excluded in
    /// every step (before, -奇点 was searched as 奇点, and required).
    /// </summary>
    [Fact]
    public void A_query_searched_as_plain_text_still_excludes_what_it_excludes()
    {
        using var engine = Open();
        var all = new SearchOptions(Limit: SeedTruth.Paragraphs.Count);
        var results = engine.Search("智能 -奇点 \"未闭合", all);
        Assert.True(results.AsPlainText);
        Assert.Contains("searched as plain text, excluding 奇点", results.Notice);
        var without = engine.Search("智能 \"未闭合", all).Hits;
        Assert.Contains(without, hit => hit.Text.Contains("奇点"));
        Assert.Equal(without.Where(hit => !hit.Text.Contains("奇点")).Select(hit => (hit.Essay, hit.Paragraph)).ToHashSet(),
            results.Hits.Select(hit => (hit.Essay, hit.Paragraph)).ToHashSet());
        Assert.Equal("unbalanced quote, and as plain text the query only excludes words",
            Assert.Throws<EssaySearchException>(() => engine.Search("-奇点 -\"智能")).Message);
    }

    /// <summary>
    /// Quotes and parentheses alone may be a reader's punctuation: a query with no other syntax that finds nothing is relaxed
    /// to its words, as plain text is (before, it found nothing and said nothing). With other syntax it is searched as written.
    /// </summary>
    [Theory]
    [InlineData("奥特曼(Sam Altman) 怎么看 未来", "奥特曼 Sam Altman 看 未来")]
    [InlineData("\"超级智能 量子\" 引力", "超级 智能 量子 引力")]
    public void Quotes_and_parentheses_alone_are_relaxed_when_they_find_nothing(string query, string words)
    {
        using var engine = Open();
        var results = engine.Search(query);
        Assert.Equal((Relaxation.Words, words), (results.Relaxation, results.Searched));
        Assert.NotEmpty(results.Hits);
        Assert.Equal(Relaxation.None, engine.Search("\"超级智能\"").Relaxation); // found as written
        var exact = engine.Search("\"超级智能 量子\" OR 引力");
        Assert.Equal((Relaxation.None, 0), (exact.Relaxation, exact.Total));
    }

    /// <summary>
    /// A trailing * on Han text never narrows it: 智能* finds 智能 wherever 智能 does (人工智能 too), in the same order (a
    /// plain query's scores differ, lifted by title and author).
    /// </summary>
    [Fact]
    public void A_han_run_with_a_trailing_star_finds_what_the_run_does()
    {
        using var engine = Open();
        var all = new SearchOptions(Limit: SeedTruth.Paragraphs.Count);
        var starred = engine.Search("智能*", all);
        Assert.Equal(engine.Search("智能", all).Hits.Select(hit => (hit.Essay, hit.Paragraph, hit.Highlights.Count)), starred.Hits.Select(hit => (hit.Essay, hit.Paragraph, hit.Highlights.Count)));
        Assert.Contains(starred.Hits, hit => hit.Text.Contains("人工智能"));
    }

    /// <summary>An invisible mark pasted inside a word (a zero-width space in 智​能) parts nothing: the word is searched whole.</summary>
    [Fact]
    public void A_zero_width_space_inside_a_word_is_no_part_of_it() => SearchedAs("智\u200b能", "智能");

    /// <summary>The classic parser's other spellings of AND and OR, and field names in any case, mean what they mean in Lucene syntax.</summary>
    [Theory]
    [InlineData("超级智能 || 机器人", "超级智能 OR 机器人")]
    [InlineData("超级智能 && 人类", "超级智能 AND 人类")]
    [InlineData("Title:反思", "title:反思")]
    [InlineData("AUTHOR:altman", "author:altman")]
    public void Other_spellings_of_syntax_mean_the_same(string query, string same)
    {
        var results = SearchedAs(query, same);
        Assert.Null(results.Notice);
        Assert.NotEmpty(results.Hits);
    }

    /// <summary>The results of <paramref name="query"/>, after asserting they rank the paragraphs <paramref name="same"/> does, with the same scores.</summary>
    private SearchResults SearchedAs(string query, string same)
    {
        using var engine = Open();
        var options = new SearchOptions(Limit: 100);
        var results = engine.Search(query, options);
        Assert.Equal(engine.Search(same, options).Hits.Select(h => (h.Essay, h.Paragraph, h.Score)), results.Hits.Select(h => (h.Essay, h.Paragraph, h.Score)));
        return results;
    }

    /// <summary>
    /// The address an essay was clipped from (002's front matter: source: https://blog.samaltman.com/the-gentle-singularity)
    /// finds it at once, pasted whole as a plain query or as source: with its site, in any of the forms one page's address
    /// goes by; before, nothing did, then only the metadata step and the address as the front matter writes it.
    /// </summary>
    [Theory]
    [InlineData("https://blog.samaltman.com/the-gentle-singularity")]
    [InlineData("https://blog.samaltman.com/the-gentle-singularity。")] // pasted with the sentence's stop
    [InlineData("“https://blog.samaltman.com/the-gentle-singularity”")]
    [InlineData("source:blog.samaltman.com")]
    [InlineData("source:https://blog.samaltman.com/the-gentle-singularity")]
    // As a browser copies it, or a reader types it: another scheme, a trailing slash, a tracking tail, no scheme at all.
    [InlineData("http://blog.samaltman.com/the-gentle-singularity/")]
    [InlineData("https://blog.samaltman.com/the-gentle-singularity?utm_source=wechat&utm_medium=social#comments")]
    [InlineData("blog.samaltman.com/the-gentle-singularity")]
    [InlineData("source:http://blog.samaltman.com/the-gentle-singularity/")]
    // Quoted or in a group, as syntax.
    [InlineData("\"https://blog.samaltman.com/the-gentle-singularity\"")]
    [InlineData("(https://blog.samaltman.com/the-gentle-singularity)")]
    public void The_address_an_essay_was_clipped_from_finds_it(string query)
    {
        using var engine = Open();
        var results = engine.Search(query, new SearchOptions(Limit: 100));
        Assert.Equal(Relaxation.None, results.Relaxation);
        Assert.Equal(28, results.Total);
        Assert.All(results.Hits, hit => Assert.Equal(TestData.GentleSingularity, hit.Essay));
    }

    /// <summary>
    /// A question in traditional characters, or typed with spaces between its words, leaves out the same question words as
    /// in simplified characters without spaces, and finds the same paragraphs.
    /// </summary>
    [Theory]
    [InlineData("機器人什麼時候出現", "机器人什么时候出现")]
    [InlineData("奧特曼為什麼被解僱", "奥特曼为什么被解雇")]
    [InlineData("人工智能會讓很多人失業嗎", "人工智能会让很多人失业吗")]
    [InlineData("奥特曼 为什么 创业", "奥特曼为什么创业")] // a title word beside question words in the text is no metadata match
    [InlineData("为什么 要 反思", "为什么要反思")]
    [InlineData("反思 是什么", "反思是什么")] // 是什么 is 是 and 什么, and asks as 什么 does
    [InlineData("甚麼是反思", "什么是反思")] // 甚麼, as Hong Kong and Taiwan often write 什麼
    public void A_question_written_otherwise_leaves_out_what_the_plain_one_does(string asWritten, string plain)
    {
        using var engine = Open();
        var asTyped = engine.Search(asWritten);
        var folded = engine.Search(plain);
        Assert.Equal(Relaxation.Question, asTyped.Relaxation);
        Assert.Equal(folded.LeftOut.Count, asTyped.LeftOut.Count);
        Assert.Equal(folded.Searched.Split(' ').Length, asTyped.Searched.Split(' ').Length);
        Assert.Equal(folded.Hits.Select(h => (h.Essay, h.Paragraph)), asTyped.Hits.Select(h => (h.Essay, h.Paragraph)));
    }

    /// <summary>
    /// A word that asks in a statement asks about nothing (为什么不, 没有什么, 无论什么: beside function words only), and a Latin
    /// one asks only first (no matter what, the day when): such a query is matched as written, as any statement is.
    /// </summary>
    [Theory]
    [InlineData("为什么不", false)]
    [InlineData("没有什么", false)]
    [InlineData("无论什么", false)]
    [InlineData("no matter what", false)]
    [InlineData("the day when", false)]
    [InlineData("what is the future of AI", true)]
    [InlineData("奥特曼为什么不", true)]
    public void A_word_that_asks_makes_a_question_only_beside_words_it_asks_about(string query, bool question)
    {
        using var engine = Open();
        Assert.Equal(question, engine.Search(query).Relaxation == Relaxation.Question);
    }

    /// <summary>A boost weighs the word it follows, and says so: 2^32 searched 2 weighed 32 times, silently.</summary>
    [Fact]
    public void A_boost_says_what_it_weighs()
    {
        using var engine = Open();
        var boosted = engine.Search("智能^2 未来");
        Assert.Equal(Relaxation.None, boosted.Relaxation);
        Assert.Equal("^2 weighs what stands before it 2 times (a boost); quote the query to search it as text", boosted.Notice);
        Assert.Equal(engine.Search("智能 未来").Total, boosted.Total);
    }

    /// <summary>
    /// A dictionary word that no paragraph has is no dead end: when the query's words find nothing, it is searched as the
    /// words inside it (the seeds have 超级 and 计算机, never 超级计算机), and said to be. A query that is that one word
    /// found nothing and said nothing.
    /// </summary>
    [Theory]
    [InlineData("超级计算机", "超级 计算机")]
    [InlineData("超级计算机是什么", "超级 计算机")]
    [InlineData("智能手机", "智能 手机")]   // not 智 能手 机: the cut with the fewest words
    public void A_word_in_no_paragraph_is_searched_as_the_words_inside_it(string query, string searched)
    {
        using var engine = Open();
        var results = engine.Search(query);
        Assert.Equal(searched, results.Searched);
        Assert.Contains($"is in no paragraph: split into {searched}", results.Notice);
        Assert.Equal(searched.Split(' '), Assert.Single(results.Split).Value);
        Assert.NotEmpty(results.Hits);
        var words = searched.Split(' ');
        // What is marked is one of the words inside, each found where the paragraph has it.
        Assert.All(results.Hits, hit => Assert.All(hit.Highlights, span => Assert.Contains(hit.Text[span.Start..span.End], words)));
        Assert.Contains(results.Hits, hit => hit.Text.Contains("计算机") || hit.Text.Contains("智能"));
    }

    /// <summary>
    /// A word is split only into words of two characters or more (a lone 思 matched paragraphs only through the section 反思),
    /// even when what it is split into is in no paragraph either.
    /// </summary>
    [Fact]
    public void A_word_is_split_into_words_of_two_characters_or_more()
    {
        using var engine = Open();
        var results = engine.Search("马克思主义");
        Assert.Equal("马克思 主义", results.Searched);
        Assert.Contains("马克思主义 is in no paragraph: split into 马克思 主义", results.Notice);
    }

    /// <summary>
    /// A word the seeds have, a run of characters the dictionary does not know, a word beside one that something matches
    /// (as a word, a stem or a translation), a word of function words, or one in a query that excludes words, is searched as it is.
    /// </summary>
    [Theory]
    [InlineData("人工智能体", "人工智能 体")]  // 人工智能 is in paragraphs: not split further
    [InlineData("山姆奥特曼", "山姆 奥特曼")]
    [InlineData("超级计算机 奥特曼", "超级计算机 奥特曼")] // beside a word the seeds have: named as in no paragraph instead
    [InlineData("超级计算机 failures", "超级计算机 failures")] // beside a word found by its stem and its translation (失败)
    [InlineData("龘靐齉爩", "龘靐齉爩")]      // no word inside: nothing to split it into
    [InlineData("无论如何", "无论如何")]      // 无论 如何 are function and question words, which would be left out: 如何 found 5 paragraphs
    [InlineData("\"人工智能 -智能", "人工智能")]  // the syntax not understood, -智能 excluded: 人工智能 is in paragraphs, all excluded
    public void A_word_some_paragraph_has_is_not_split(string query, string searched)
    {
        using var engine = Open();
        var results = engine.Search(query);
        Assert.Equal(searched, results.Searched);
        Assert.DoesNotContain("split into", results.Notice);
        Assert.Empty(results.Split);
    }

    /// <summary>A relaxed query that finds nothing names its words in no paragraph too, where it said nothing of why.</summary>
    [Fact]
    public void A_relaxed_query_that_finds_nothing_names_its_words_in_no_paragraph()
    {
        using var engine = Open();
        var results = engine.Search("什么时候该止盈");
        Assert.Equal((Relaxation.Question, 0, "止盈"), (results.Relaxation, results.Total, results.Searched));
        Assert.Equal(["止盈"], results.NotFound);
        Assert.EndsWith("; in no paragraph: 止盈", results.Notice);
    }

    /// <summary>A word in no paragraph, beside words that find hits, is named: mostly it is mistyped.</summary>
    [Fact]
    public void A_relaxed_query_names_its_words_in_no_paragraph()
    {
        using var engine = Open();
        var results = engine.Search("超级智能 zzqqxx 奥特曼");
        Assert.Equal(Relaxation.Words, results.Relaxation);
        Assert.NotEmpty(results.Hits);
        Assert.Equal(["zzqqxx"], results.NotFound);
        Assert.EndsWith("; in no paragraph: zzqqxx", results.Notice);
        Assert.Empty(engine.Search("超级智能 奥特曼 什么时候").NotFound);
    }

    /// <summary>A title typed with its function words (the, 的) is no question: the metadata step finds its essay.</summary>
    [Fact]
    public void A_title_typed_with_its_function_words_is_found_by_the_metadata_step()
    {
        using var engine = Open();
        var results = engine.Search("The Gentle Singularity");
        Assert.Equal(Relaxation.Metadata, results.Relaxation);
        Assert.All(results.Hits, hit => Assert.Equal(TestData.GentleSingularity, hit.Essay));
    }

    /// <summary>An essay read with a question marks what its hits mark: the words searched, not the 的 and 是 left out.</summary>
    [Theory]
    [InlineData("OpenAI 的 使命 是 什么")]
    [InlineData("what is the future of AI")]
    public void An_essay_read_with_a_relaxed_query_marks_what_its_hits_mark(string question)
    {
        using var engine = Open();
        var results = engine.Search(question);
        Assert.NotNull(results.Notice);
        Assert.NotEmpty(results.LeftOut);
        var hit = results.Hits[0];
        var essay = engine.ReadEssay(hit.Essay, question)!;
        Assert.Equal(hit.Highlights, essay.Paragraphs.Single(p => p.Paragraph == hit.Paragraph).Highlights);
        var marked = essay.Paragraphs.SelectMany(p => p.Highlights.Select(span => p.Text[span.Start..span.End])).ToList();
        Assert.NotEmpty(marked);
        Assert.DoesNotContain(marked, text => results.LeftOut.Contains(text, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_phrase_across_a_former_line_break_is_found_with_exact_highlights()
    {
        // In the file, "…因为我们相信 AGI" ends a line and "可能实现，…" begins the next: one paragraph, hard-wrapped.
        using var engine = Open();
        var hit = engine.Search("\"我们相信 AGI 可能实现\"").Hits.Single();
        Assert.Equal((TestData.Reflections, 7), (hit.Essay, hit.Paragraph));
        int at = hit.Text.IndexOf("我们相信 AGI 可能实现", StringComparison.Ordinal);
        Assert.Equal([new TextSpan(at, at + "我们相信 AGI 可能实现".Length)], hit.Highlights); // a phrase is marked as one span
    }

    [Theory]
    [InlineData("ｶﾞｲﾄﾞ和")]   // a whole half-width katakana word (folded to ガイド), then Han
    [InlineData("국어文")]      // inside a Hangul word, then Han
    [InlineData("𠀁字")]        // a character outside the BMP, then one inside
    [InlineData("4模")]         // a number, then the start of a Han word
    [InlineData("型与")]        // across two Han words
    public void Highlights_mark_exactly_a_substring_match_among_other_scripts(string query)
    {
        // Such matches come through the bigram field alone.
        const string text = "模型ｶﾞｲﾄﾞ和한국어文本，𠀀𠀁字与GPT-4模型与OpenAI的研究。";
        using var scratch = new ScratchFolder();
        Directory.CreateDirectory(scratch.Sub("seeds"));
        File.WriteAllText(Path.Combine(scratch.Sub("seeds"), "mixed.txt"), text);
        IndexBuilder.Build(new BuildOptions(scratch.Sub("seeds"), scratch.Sub("index")));
        using var engine = SearchEngine.Open(scratch.Sub("index"));

        var hit = Assert.Single(engine.Search(query).Hits);

        int at = text.IndexOf(query, StringComparison.Ordinal);
        Assert.Equal([new TextSpan(at, at + query.Length)], hit.Highlights);
    }

    [Fact]
    public void Paging_returns_consecutive_slices_of_one_ranking()
    {
        using var engine = Open();
        var all = engine.Search("智能", new SearchOptions(Limit: 100)).Hits;
        var page2 = engine.Search("智能", new SearchOptions(Limit: 5, Offset: 5));
        Assert.Equal(23, page2.Total);
        Assert.Equal(all.Skip(5).Take(5).Select(h => (h.Essay, h.Paragraph, h.Rank)), page2.Hits.Select(h => (h.Essay, h.Paragraph, h.Rank)));
        Assert.Empty(engine.Search("智能", new SearchOptions(Offset: 1000)).Hits);
        Assert.Empty(engine.Search("智能", new SearchOptions(Offset: int.MaxValue)).Hits);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(10, -1)]
    public void Out_of_range_options_are_refused(int limit, int offset)
    {
        using var engine = Open();
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.Search("智能", new SearchOptions(limit, offset)));
    }

    /// <summary>Phrases that only ask (怎样才能, 怎么办), which the word analysis keeps whole, are left out as the words they are made of are.</summary>
    [Theory]
    [InlineData("怎样才能实现超级智能", "怎样才能")]
    [InlineData("超级智能来了怎么办", "怎么办")]
    [InlineData("该怎么看待超级智能", "该")]
    public void Question_phrases_are_left_out_of_a_relaxed_query(string question, string phrase)
    {
        using var engine = Open();
        var results = engine.Search(question);
        Assert.Equal(Relaxation.Question, results.Relaxation);
        Assert.Contains(phrase, results.LeftOut);
        Assert.DoesNotContain(phrase, results.Searched.Split(' '));
        Assert.NotEmpty(results.Hits);
    }

    /// <summary>A snippet of a paragraph found for two words shows both, rather than one of them as often as it can.</summary>
    [Fact]
    public void A_snippet_shows_every_word_it_has_room_for_before_repeating_one()
    {
        using var scratch = new ScratchFolder();
        string seeds = scratch.Sub("seeds");
        Directory.CreateDirectory(seeds);
        string paragraph = string.Concat(Enumerable.Repeat("深度学习改变了很多行业的做法。", 7)) + "很多公司也在关注隐私保护的问题。";
        File.WriteAllText(Path.Combine(seeds, "a.md"), paragraph + "\n");
        IndexBuilder.Build(new BuildOptions(seeds, scratch.Sub("index")));
        using var engine = SearchEngine.Open(scratch.Sub("index"));
        var hit = engine.Search("深度学习 隐私保护").Hits.Single();
        Assert.True(hit.Text.Length > new SearchOptions().SnippetLength);
        var shown = hit.Snippet.Highlights.Select(span => hit.Snippet.Text[span.Start..span.End]).ToHashSet();
        Assert.Equal(["深度学习", "隐私保护"], shown.Order());
    }

    /// <summary>A paragraph whose words lie further apart than a snippet's length shows each in a fragment of its own.</summary>
    [Fact]
    public void A_snippet_shows_words_too_far_apart_for_one_fragment_in_fragments_joined_by_an_ellipsis()
    {
        using var scratch = new ScratchFolder();
        string seeds = scratch.Sub("seeds");
        Directory.CreateDirectory(seeds);
        string paragraph = "深度学习改变了很多行业的做法。" + string.Concat(Enumerable.Repeat("这一段话与所问的词无关，只为拉开距离。", 12)) + "很多公司也在关注隐私保护的问题。后来的事情就不必多说了。";
        File.WriteAllText(Path.Combine(seeds, "a.md"), paragraph + "\n");
        IndexBuilder.Build(new BuildOptions(seeds, scratch.Sub("index")));
        using var engine = SearchEngine.Open(scratch.Sub("index"));
        var options = new SearchOptions();
        var snippet = engine.Search("深度学习 隐私保护", options).Hits.Single().Snippet;

        Assert.StartsWith("深度学习改变了很多行业的做法。", snippet.Text);
        Assert.Contains("…很多公司也在关注隐私保护的问题。", snippet.Text);
        Assert.Equal(["深度学习", "隐私保护"], snippet.Highlights.Select(span => snippet.Text[span.Start..span.End]));
        Assert.True(snippet.Text.Replace("…", "").Length <= options.SnippetLength);
    }

    /// <summary>
    /// One word of the query, however it is written in the paragraph (run, running, runs; the words a half-typed word
    /// starts), is shown once: not a fragment for each spelling. Fragments are cut outside Latin words, and not at a dot
    /// inside a name.
    /// </summary>
    [Fact]
    public void Snippet_fragments_are_one_per_word_typed_and_cut_outside_words()
    {
        using var scratch = new ScratchFolder();
        string seeds = scratch.Sub("seeds");
        Directory.CreateDirectory(seeds);
        string filler = string.Concat(Enumerable.Repeat("这一段话与所问的词无关只为拉开距离", 5));
        string[] paragraphs =
        [
            $"We run every day. {filler}He was running late. {filler}She runs fast.",
            $"AI changes things. {filler}Airbnb rents rooms. {filler}Aim high.",
            $"接着，他与朋友合伙创办了 PayPal，后来卖掉了。{filler}{filler}之后又创办 Boring Company 实现与 Hyperloop 配套的隧道挖掘。",
            $"大家都去 stackoverflow.com 查资料。{filler}{filler}后来有了 Node.js 的文档。",
        ];
        File.WriteAllText(Path.Combine(seeds, "a.md"), string.Join("\n\n", paragraphs) + "\n");
        IndexBuilder.Build(new BuildOptions(seeds, scratch.Sub("index")));
        using var engine = SearchEngine.Open(scratch.Sub("index"));
        Snippet SnippetOf(string query, bool typed = false) => engine.Search(query, new SearchOptions(LastWordAsPrefix: typed)).Hits[0].Snippet;

        Assert.DoesNotContain("…", SnippetOf("run").Text.Trim('…'));
        Assert.DoesNotContain("…", SnippetOf("ai", typed: true).Text.Trim('…'));
        foreach (var snippet in new[] { SnippetOf("PayPal 隧道挖掘"), SnippetOf("stackoverflow.com 文档") })
        {
            Assert.Contains("…", snippet.Text.Trim('…'));
            var whole = paragraphs.SelectMany(p => System.Text.RegularExpressions.Regex.Matches(p, "[A-Za-z]+")).Select(m => m.Value).ToHashSet();
            Assert.All(System.Text.RegularExpressions.Regex.Matches(snippet.Text, "[A-Za-z]+"), word => Assert.Contains(word.Value, whole));
            Assert.DoesNotContain("Node.…", snippet.Text);
            Assert.All(snippet.Highlights, span => Assert.DoesNotContain("…", snippet.Text[span.Start..span.End]));
        }
        Assert.Contains("stackoverflow.com", SnippetOf("stackoverflow.com 文档").Text);
    }

    /// <summary>
    /// Every snippet of the benchmark queries and questions: its fragments are the paragraph's, in order, no longer in all
    /// than the snippet length, marked where the paragraph is; and it shows each word matched, when up to three are.
    /// </summary>
    [Fact]
    public void Snippet_fragments_are_the_paragraphs_own_in_order_and_show_each_word_matched()
    {
        using var engine = Open();
        var queries = new[] { "queries.txt", "questions.txt" }
            .SelectMany(file => File.ReadLines(Path.Combine(TestData.RepositoryRoot, "bench", file))).Where(line => line.Length > 0)
            .Concat(["奥特曼对未来有什么看法", "超级智能什么时候到来", "深度学习 能源 治理"]).ToList();
        int fragmented = 0;
        foreach (var query in queries)
        {
            foreach (var hit in engine.Search(query, new SearchOptions(Limit: 20, SnippetLength: 60)).Hits)
            {
                var snippet = hit.Snippet;
                var pieces = snippet.Text.Split('…', StringSplitOptions.RemoveEmptyEntries);
                Assert.True(pieces.Sum(piece => piece.Length) <= 60, $"{query}: {snippet.Text}");
                int at = 0;
                foreach (var piece in pieces)
                {
                    at = hit.Text.IndexOf(piece, at, StringComparison.Ordinal);
                    Assert.True(at >= 0, $"{query}: '{piece}' is not in order in the paragraph");
                    at += piece.Length;
                }
                fragmented += snippet.Text.Trim('…').Contains('…') && !hit.Text.Contains('…') ? 1 : 0;
                var matched = hit.Highlights.Select(span => hit.Text[span.Start..span.End]).ToHashSet();
                var shown = snippet.Highlights.Select(span => snippet.Text[span.Start..span.End]).ToList();
                Assert.All(shown, text => Assert.Contains(matched, whole => whole.Contains(text, StringComparison.Ordinal)));
                if (matched.Count <= 3 && matched.All(text => text.Length <= 20))
                    Assert.True(matched.SetEquals(shown), $"{query}: {snippet.Text} shows {string.Join(' ', shown)} of {string.Join(' ', matched)}");
            }
        }
        Assert.True(fragmented > 0); // the rule above was put to the test
    }

    [Fact]
    public void Snippets_cut_at_sentence_boundaries_with_ellipses_and_keep_the_matches()
    {
        using var engine = Open();
        foreach (var length in new[] { 30, 60, 120 })
        {
            foreach (var hit in engine.Search("奇点", new SearchOptions(Limit: 100, SnippetLength: length)).Hits)
            {
                var snippet = hit.Snippet;
                string body = snippet.Text.Trim('…');
                Assert.True(body.Length <= length, $"snippet of {body.Length} > {length}");
                Assert.Contains(body, hit.Text);
                Assert.Equal(snippet.Text.StartsWith('…'), !hit.Text.StartsWith(body, StringComparison.Ordinal));
                Assert.Equal(snippet.Text.EndsWith('…'), !hit.Text.EndsWith(body, StringComparison.Ordinal));
                Assert.NotEmpty(snippet.Highlights);
                Assert.All(snippet.Highlights, s => Assert.Equal("奇点", snippet.Text[s.Start..s.End]));
                int start = hit.Text.IndexOf(body, StringComparison.Ordinal);
                if (start > 0 && length >= 60)
                    Assert.Contains(hit.Text[start - 1], "。！？；.!?"); // a cut start falls on a sentence start
            }
        }
    }

    /// <summary>
    /// A line of a note's paragraph ends as a sentence does: a snippet of a match on one of its lines starts at that line
    /// (a vault's `**key**: value` lines, kept apart since a note's line breaks are its text's), not inside the line before.
    /// </summary>
    [Fact]
    public void A_snippet_starts_at_the_line_its_match_is_on()
    {
        const string text = "亮点: 即使前沿模型也难在不存在概念上正确拒绝回答这一类问题并且还会给出看似合理的解释\n标签: benchmark, hallucination, LLM evaluation\n优先级: 五星";
        int at = text.IndexOf("benchmark", StringComparison.Ordinal);
        var snippet = EssaySearch.Highlighting.SnippetBuilder.Build(text, [new(new(at, at + "benchmark".Length), 0)], 60);
        Assert.StartsWith("…标签: benchmark", snippet.Text);
    }

    [Fact]
    public void Whole_paragraph_option_returns_the_paragraph_as_snippet()
    {
        using var engine = Open();
        var hit = engine.Search("奇点", new SearchOptions(SnippetLength: 20, WholeParagraph: true)).Hits[0];
        Assert.Equal(hit.Text, hit.Snippet.Text);
        Assert.Equal(hit.Highlights, hit.Snippet.Highlights);
    }

    [Fact]
    public void Lucene_syntax_phrases_boolean_operators_and_fields()
    {
        using var engine = Open();
        var both = Ids(engine.Search("超级智能 AND 人工智能", new SearchOptions(Limit: 100))); // syntax is searched as written, never relaxed
        var either = Ids(engine.Search("超级智能 OR 人工智能", new SearchOptions(Limit: 100)));
        var superOnly = Ids(engine.Search("超级智能 NOT 人工智能", new SearchOptions(Limit: 100)));
        var minus = Ids(engine.Search("超级智能 -人工智能", new SearchOptions(Limit: 100)));
        var super = SeedTruth.Relevant("超级智能").ToHashSet();
        var ai = SeedTruth.Relevant("人工智能").ToHashSet();
        Assert.Equal(super.Intersect(ai).ToHashSet(), both);
        Assert.Equal(super.Union(ai).ToHashSet(), either);
        Assert.Equal(super.Except(ai).ToHashSet(), superOnly);
        Assert.Equal(superOnly, minus);

        var grouped = Ids(engine.Search("(超级智能 OR 人工智能) AND OpenAI", new SearchOptions(Limit: 100)));
        Assert.Equal(super.Union(ai).Intersect(SeedTruth.Relevant("OpenAI")).ToHashSet(), grouped);

        Assert.Equal(SeedTruth.Relevant("超级智能").ToHashSet(), Ids(engine.Search("\"超级 智能\"", new SearchOptions(Limit: 100))));

        var titled = engine.Search("title:反思 AGI", new SearchOptions(Limit: 100));
        Assert.All(titled.Hits, h => Assert.Equal(TestData.Reflections, h.Essay));
        Assert.Equal(SeedTruth.Relevant("AGI").Count(r => r.Essay == TestData.Reflections), titled.Total);

        Assert.All(engine.Search("section:反思", new SearchOptions(Limit: 100)).Hits, h => Assert.Equal("反思", h.Section));
        var inEssay = engine.Search($"essay:{TestData.GentleSingularity} 智能", new SearchOptions(Limit: 100));
        Assert.Equal(SeedTruth.Relevant("智能").Count(r => r.Essay == TestData.GentleSingularity), inEssay.Total);
        Assert.All(inEssay.Hits, h => Assert.Equal(TestData.GentleSingularity, h.Essay));
        Assert.Equal(39, engine.Search("author:机器之心").Total);
    }

    [Fact]
    public void A_query_of_exclusions_only_finds_every_other_paragraph()
    {
        using var engine = Open();
        var every = SeedTruth.Paragraphs.Select(p => (p.Essay, p.Paragraph.Number)).ToHashSet();
        var intelligence = SeedTruth.Relevant("智能").ToHashSet();
        var singularity = SeedTruth.Relevant("奇点").ToHashSet();
        var notIntelligence = engine.Search("NOT 智能", new SearchOptions(Limit: every.Count));
        // Counted from the seed text: some paragraphs have 智能 and some do not, so neither all nor none is right.
        Assert.InRange(intelligence.Count, 1, every.Count - 1);
        Assert.Equal(every.Count - intelligence.Count, notIntelligence.Total);
        Assert.Equal(every.Except(intelligence).ToHashSet(), Ids(notIntelligence));
        Assert.All(notIntelligence.Hits, hit => Assert.Empty(hit.Highlights));
        // 未来 is in some paragraphs without 智能 (every paragraph with 奇点 has 智能), so the second exclusion counts.
        var neither = every.Except(intelligence).Except(SeedTruth.Relevant("未来")).ToHashSet();
        Assert.InRange(neither.Count, 1, every.Count - intelligence.Count - 1);
        var notEither = engine.Search("-智能 -未来", new SearchOptions(Limit: every.Count));
        Assert.Equal(neither.Count, notEither.Total);
        Assert.Equal(neither, Ids(notEither));
        // A group of exclusions inside a larger query means the same.
        var singularityOrNot = singularity.Union(every.Except(intelligence)).ToHashSet();
        var found = engine.Search("奇点 OR (NOT 智能)", new SearchOptions(Limit: every.Count));
        Assert.Equal(singularityOrNot.Count, found.Total);
        Assert.Equal(singularityOrNot, Ids(found));
        // An exclusion beside an alternative applies to the group; a group of exclusions is an alternative (the README's example).
        Assert.Equal(intelligence.Except(singularity).ToHashSet(), Ids(engine.Search("智能 OR -奇点", new SearchOptions(Limit: every.Count))));
        Assert.Equal(intelligence.Union(every.Except(singularity)).Count(), engine.Search("智能 OR (NOT 奇点)").Total);
    }

    /// <summary>
    /// A query of exclusions alone says so, and how its list is ordered: every paragraph scores the same, so they come in
    /// corpus order, which a reader would otherwise take for a ranking.
    /// </summary>
    [Theory]
    [InlineData("-智能")]
    [InlineData("NOT 智能")]
    [InlineData("-智能 -未来")]
    [InlineData("(NOT 智能)")]
    public void A_query_of_exclusions_only_says_so_and_lists_in_corpus_order(string query)
    {
        using var engine = Open();
        var results = engine.Search(query, new SearchOptions(Limit: SeedTruth.Paragraphs.Count));
        Assert.Equal("the query only excludes words: every paragraph it does not exclude is listed, unranked, in corpus order (by essay id, then paragraph)", results.Notice);
        Assert.True(results.Unranked);
        Assert.True(engine.ReadEssay(TestData.GentleSingularity, query)!.Unranked);
        Assert.Single(results.Hits.Select(hit => hit.Score).Distinct());
        Assert.Equal(results.Hits.OrderBy(hit => hit.Essay, StringComparer.Ordinal).ThenBy(hit => hit.Paragraph), results.Hits);
    }

    [Theory]
    [InlineData("智能 -奇点")]
    [InlineData("奇点 OR (NOT 智能)")]
    public void A_query_with_words_to_find_beside_exclusions_has_no_notice(string query)
    {
        using var engine = Open();
        var results = engine.Search(query);
        Assert.Null(results.Notice);
        Assert.False(results.Unranked);
    }

    [Theory]
    [InlineData("NOT (NOT 智能)")]
    [InlineData("-(-智能)")]
    public void A_term_excluded_twice_is_found_ranked_and_highlighted_as_the_term(string query)
    {
        using var engine = Open();
        var options = new SearchOptions(Limit: SeedTruth.Paragraphs.Count);
        var plain = engine.Search("智能", options);
        var doubled = engine.Search(query, options);
        Assert.Equal(SeedTruth.Relevant("智能").ToHashSet(), Ids(doubled));
        Assert.False(doubled.Unranked);
        Assert.Null(doubled.Notice);
        Assert.Equal(plain.Hits.Select(hit => (hit.Essay, hit.Paragraph, hit.Highlights.ToList())), doubled.Hits.Select(hit => (hit.Essay, hit.Paragraph, hit.Highlights.ToList())));
    }

    /// <summary>Excluded twice, several terms are any of them: 智能 or 未来, less 奇点 excluded beside them.</summary>
    [Fact]
    public void Terms_excluded_twice_are_any_of_them()
    {
        using var engine = Open();
        var options = new SearchOptions(Limit: SeedTruth.Paragraphs.Count);
        var either = SeedTruth.Relevant("智能").Union(SeedTruth.Relevant("未来")).ToHashSet();
        Assert.Equal(either, Ids(engine.Search("NOT (NOT 智能 NOT 未来)", options)));
        Assert.Equal(either.Except(SeedTruth.Relevant("奇点")).ToHashSet(), Ids(engine.Search("-(-智能 -未来) -奇点", options)));
    }

    [Fact]
    public void A_trailing_star_is_a_prefix_search_on_latin_words()
    {
        using var engine = Open();
        var results = engine.Search("Chat*", new SearchOptions(Limit: 100));
        Assert.Equal(SeedTruth.Relevant("chatgpt").ToHashSet(), Ids(results));
        Assert.All(results.Hits, h => Assert.All(h.Highlights, s => Assert.Equal("chatgpt", h.Text[s.Start..s.End].ToLowerInvariant())));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("。，、!!!")]
    [InlineData("😀🎉")]
    [InlineData("*")]
    [InlineData("\0\u0001")]
    [InlineData("。 -智能")] // not every paragraph without 智能: what was to be found has nothing searchable
    [InlineData("。 NOT 智能")]
    [InlineData("(。) -智能")]
    [InlineData("智能 OR (。 -奇点)")]
    [InlineData("AND")]
    [InlineData("OR AND")]
    public void Queries_without_searchable_words_are_a_clear_error(string query)
    {
        using var engine = Open();
        var error = Assert.Throws<EssaySearchException>(() => engine.Search(query));
        Assert.Matches("empty|no searchable words|with nothing to search", error.Message);
    }

    [Theory]
    [InlineData("。 -智能", "the query")]
    [InlineData("(。 -智能)", "the query")]
    [InlineData("智能 OR (。 -奇点)", "a group of the query")] // the query has 智能: the group is what is refused
    public void Exclusions_beside_nothing_searchable_are_refused_naming_the_query_or_its_group(string query, string refused)
    {
        using var engine = Open();
        var error = Assert.Throws<EssaySearchException>(() => engine.Search(query));
        Assert.StartsWith($"{refused} has no searchable words but what it excludes", error.Message);
    }

    /// <summary>
    /// A word the analysis drops for its length (over 255 characters, as Lucene's tokenizer drops it) is named as why a
    /// query has no searchable words, where the error blamed punctuation and symbols.
    /// </summary>
    [Theory]
    [InlineData("{long}", "the query has no searchable words")]
    [InlineData("\"{long}\"", "the query has no searchable words")]
    [InlineData("。 {long}", "the query has no searchable words")]
    [InlineData("x.{long}", "the query has no searchable words")] // one token, the dot inside it
    [InlineData("{long} -智能", "the query has no searchable words but what it excludes")]
    [InlineData("{long}~", "fuzzy search (~) is not supported, and as plain text the query has no searchable words")]
    public void A_word_too_long_to_index_is_named_as_why_nothing_is_searchable(string query, string problem)
    {
        using var engine = Open();
        var error = Assert.Throws<EssaySearchException>(() => engine.Search(query.Replace("{long}", new string('a', 256))));
        Assert.Equal(EssaySearchErrorKind.BadQuery, error.Kind);
        Assert.Equal($"{problem} (words longer than 255 characters are not indexed)", error.Message);
    }

    /// <summary>A word of 255 letters is searched (and found nowhere); a longer one beside other words is left out, as punctuation there is, and the rest searched.</summary>
    [Fact]
    public void A_word_at_the_length_limit_is_searched_and_a_longer_one_beside_words_is_left_out()
    {
        using var engine = Open();
        Assert.Equal(0, engine.Search(new string('a', 255)).Total);
        var alone = engine.Search("智能", new SearchOptions(Limit: 30));
        var beside = engine.Search($"智能 {new string('a', 256)}", new SearchOptions(Limit: 30));
        Assert.Equal(23, beside.Total);
        Assert.Equal(alone.Hits.Select(hit => (hit.Essay, hit.Paragraph, hit.Highlights.Count)), beside.Hits.Select(hit => (hit.Essay, hit.Paragraph, hit.Highlights.Count)));
    }

    [Fact]
    public void An_overlong_query_is_a_clear_error()
    {
        using var engine = Open();
        var error = Assert.Throws<EssaySearchException>(() => engine.Search(new string('智', 10_001)));
        Assert.Contains("10001 characters", error.Message);
    }

    /// <summary>A query's length is counted in characters, as a reader counts them: an emoji is one, not two UTF-16 units.</summary>
    [Fact]
    public void A_query_is_as_long_as_its_characters()
    {
        using var engine = Open();
        Assert.Equal(5, engine.Search(string.Concat(Enumerable.Repeat("😀", 600)) + " 超级智能").Total);
        var error = Assert.Throws<EssaySearchException>(() => engine.Search(string.Concat(Enumerable.Repeat("😀", 1001))));
        Assert.Equal("the query is 1001 characters long; a query may be at most 1000", error.Message);
    }

    /// <summary>A query of marks the cleanup removes (a question's ?, a control character) says it has no words, naming nothing left out.</summary>
    [Theory]
    [InlineData("?")]
    [InlineData("？")]
    [InlineData("\0")]
    public void A_query_of_marks_alone_has_no_searchable_words(string query)
    {
        using var engine = Open();
        var error = Assert.Throws<EssaySearchException>(() => engine.Search(query));
        Assert.Equal("the query has no searchable words (punctuation and symbols are not indexed)", error.Message);
    }

    [Theory]
    [InlineData("\"超级智能", "unbalanced quote")]
    [InlineData("(超级智能", "unbalanced parenthesis")]
    [InlineData("nofield:智能", "unknown field 'nofield'")]
    [InlineData("智能~", "fuzzy")]
    [InlineData("智能~2", "fuzzy")]
    [InlineData("/.*/", "regular expressions")]
    [InlineData("*能", "wildcard")]
    [InlineData("智?能", "wildcard")]   // inside a word; a ? that ends a word ends a question
    [InlineData("[a TO", "syntax")]
    [InlineData("智能^abc", "syntax")]
    public void Syntax_the_parser_rejects_is_searched_as_plain_text_or_refused_naming_the_problem(string query, string problem)
    {
        using var engine = Open();
        try
        {
            var results = engine.Search(query);
            Assert.NotNull(results.Notice);
            Assert.Contains(problem, results.Notice);
            Assert.Contains("searched as plain text", results.Notice);
        }
        catch (EssaySearchException e) when (e.Kind == EssaySearchErrorKind.BadQuery)
        {
            Assert.Contains(problem, e.Message);
        }
    }

    [Theory]
    [InlineData("AND")]
    [InlineData("title:")]
    [InlineData(":")]
    [InlineData("智能^")]
    [InlineData("((((((((((智能))))))))))")]
    [InlineData("智能 AND")]
    public void Odd_syntax_never_throws_anything_but_the_documented_exception(string query)
    {
        using var engine = Open();
        try
        {
            engine.Search(query);
        }
        catch (EssaySearchException e) when (e.Kind == EssaySearchErrorKind.BadQuery)
        {
        }
    }

    [Fact]
    public void Deeply_nested_parentheses_still_search()
    {
        using var engine = Open();
        Assert.Equal(23, engine.Search("((((((((((智能))))))))))").Total);
    }

    [Fact]
    public void One_engine_answers_many_threads_at_once()
    {
        using var engine = Open();
        string[] queries = ["智能", "机器", "超级智能", "OpenAI", "2030", "治理 董事会"];
        // Each thread looks terms up with enumerators of its own (IndexSnapshot.Lookup): the same hits, scores and totals.
        string Answer(string query)
        {
            var results = engine.Search(query, new SearchOptions(Limit: 100));
            return $"{results.Total}: {string.Join(", ", results.Hits.Select(hit => $"{hit.Essay}#{hit.Paragraph} {hit.Score}"))}";
        }
        var expected = queries.ToDictionary(q => q, Answer);
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            string query = queries[i % queries.Length];
            Assert.Equal(expected[query], Answer(query));
        });
    }
}
