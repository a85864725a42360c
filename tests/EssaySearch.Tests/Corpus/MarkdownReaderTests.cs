using EssaySearch.Corpus;
using EssaySearch.Highlighting;
using EssaySearch.Indexing;
using EssaySearch.Searching;

namespace EssaySearch.Tests.Corpus;

/// <summary>
/// One Markdown construct a test: the text a reader sees of each paragraph, its section, and where a search that
/// crosses the former markup highlights it.
/// </summary>
public class MarkdownReaderTests
{
    private static Essay Read(string markdown, string name = "x.md")
    {
        using var scratch = new ScratchFolder();
        File.WriteAllText(scratch.Sub(name), markdown);
        return CorpusReader.ReadEssay(scratch.Sub(name));
    }

    private static string[] Texts(string markdown, string name = "x.md") => Read(markdown, name).Paragraphs.Select(p => p.Text).ToArray();

    /// <summary>Indexes <paramref name="markdown"/> as the one essay of a folder and searches it.</summary>
    private static SearchResults Search(string markdown, string query, string name = "x.md")
    {
        using var scratch = new ScratchFolder();
        Directory.CreateDirectory(scratch.Sub("seeds"));
        File.WriteAllText(Path.Combine(scratch.Sub("seeds"), name), markdown);
        IndexBuilder.Build(new BuildOptions(scratch.Sub("seeds"), scratch.Sub("index")));
        using var engine = SearchEngine.Open(scratch.Sub("index"));
        return engine.Search(query, new SearchOptions(Limit: 100));
    }

    private static (string Text, IReadOnlyList<TextSpan> Highlights) OnlyHit(string markdown, string query, string name = "x.md")
    {
        var hit = Assert.Single(Search(markdown, query, name).Hits);
        return (hit.Text, hit.Highlights);
    }

    /// <summary>
    /// A date is kept as written, its offset from UTC too: never moved into the building machine's time zone (which, on a
    /// machine in UTC, put an essay published in Beijing at 01:30 on the day before); a month without a day is a month
    /// (2026-07 was shown as 2026-07-01, and 07/2026 until 2026-12-08).
    /// </summary>
    [Theory]
    [InlineData("2024-03-15T01:30:00+08:00", "2024-03-15T01:30+08:00")]
    [InlineData("2024-03-15T23:30:00-05:00", "2024-03-15T23:30-05:00")]
    [InlineData("2024-03-15T01:30:00Z", "2024-03-15T01:30Z")]
    [InlineData("2024-03-15 01:30", "2024-03-15T01:30")]
    [InlineData("2024-03-15", "2024-03-15")]
    [InlineData("2024年3月15日", "2024-03-15")]
    [InlineData("07/15/2026", "2026-07-15")]
    [InlineData("2026/7/15", "2026-07-15")]
    [InlineData("2026-07", "2026-07")] // a month, not its first day
    [InlineData("07/2026", "2026-07")]
    [InlineData("7/2026", "2026-07")]
    [InlineData("07-2026", "2026-07")]
    [InlineData("07.2026", "2026-07")]
    [InlineData("2026年7月", "2026-07")]
    [InlineData("July 2026", "2026-07")]
    [InlineData("2026", "2026")]
    [InlineData("去年春天", "去年春天")] // not a date: as written
    public void Dates_are_kept_as_written_in_any_time_zone(string written, string published)
    {
        Assert.Equal(published, Read($"---\ndate: {written}\n---\n正文。\n").Published);
        Assert.Equal(published, Read($"# 标题\n\n发布时间: {written}\n\n正文。\n").Published);
    }

    /// <summary>A <c>.txt</c> file's lines are hard-wrapped, as exporters write them: a paragraph's lines are joined.</summary>
    [Fact]
    public void Hard_wrapped_chinese_lines_of_a_txt_file_join_without_a_space()
    {
        const string source = "# 标题\n\n第一行没有写完\n接着写第二行。\n\n第二段。\n";
        Assert.Equal(["第一行没有写完接着写第二行。", "第二段。"], Texts(source, "x.txt"));
        var (text, highlights) = OnlyHit(source, "写完接着", "x.txt");
        Assert.Equal([new TextSpan(5, 9)], highlights);
        Assert.Equal("写完接着", text[5..9]);
    }

    [Fact]
    public void Wraps_between_chinese_and_latin_or_punctuation_join_with_one_space()
    {
        Assert.Equal(["我们在用 GPT-4 和 o3 做实验， results were good。「引号」后面“弯引号”……接着写"],
            Texts("# 标题\n\n我们在用 GPT-4\n和 o3 做实验，\nresults were\ngood。「引号」\n后面“弯引号”\n……接着写\n", "x.txt"));
    }

    /// <summary>
    /// In a vault's note, Obsidian shows each line of a paragraph on a line of its own: a line break is one in the text, and
    /// parts words, so that a phrase across two lines (正确拒绝 / 标签: …) is not found, as it is in no line of the note.
    /// </summary>
    [Fact]
    public void A_notes_lines_are_lines_of_the_paragraph_and_a_phrase_across_two_is_not_found()
    {
        const string source = "**亮点**: 在不可回答问题上正确拒绝\n**标签**: benchmark, 长上下文\n\n下一段。\n";
        Assert.Equal(["亮点: 在不可回答问题上正确拒绝\n标签: benchmark, 长上下文", "下一段。"], Texts(source));
        Assert.Equal(Relaxation.Words, Search(source, "拒绝标签").Relaxation); // no paragraph has it as written: found by its words apart
        var (text, highlights) = OnlyHit(source, "标签");
        Assert.Equal([new TextSpan(17, 19)], highlights);
        Assert.Equal("标签", text[17..19]);
        Assert.Equal(["亮点: 在不可回答问题上正确拒绝标签: benchmark, 长上下文", "下一段。"], Texts("# 标题\n\n" + source, "x.txt"));
    }

    [Fact]
    public void Crlf_files_read_like_lf_files()
    {
        Assert.Equal(["第一行没有写完\n接着写第二行。", "第二段。"], Texts("第一行没有写完\r\n接着写第二行。\r\n\r\n第二段。\r\n"));
        Assert.Equal(["第一行没有写完接着写第二行。", "第二段。"], Texts("# 标题\r\n\r\n第一行没有写完\r\n接着写第二行。\r\n\r\n第二段。\r\n", "x.txt"));
    }

    [Fact]
    public void Hard_breaks_are_read_as_soft_ones()
    {
        const string source = "两个空格结尾  \n然后换行\\\n反斜杠换行<br>标签换行<br/>\nand English\n";
        Assert.Equal(["两个空格结尾\n然后换行\n反斜杠换行\n标签换行\nand English"], Texts(source));
        Assert.Equal(["两个空格结尾然后换行反斜杠换行标签换行 and English"], Texts("# 标题\n\n" + source, "x.txt"));
    }

    [Fact]
    public void Links_keep_their_text_and_lose_their_targets_which_the_link_field_holds()
    {
        const string source = "我在[公众号](http://mp.weixin.qq.com/s?id=1)和[语雀](https://www.yuque.com/u/doc \"标题\")上写作。\n";
        var paragraph = Assert.Single(Read(source).Paragraphs);
        Assert.Equal("我在公众号和语雀上写作。", paragraph.Text);
        Assert.Equal(["http://mp.weixin.qq.com/s?id=1", "https://www.yuque.com/u/doc"], paragraph.Links);

        var (text, highlights) = OnlyHit(source, "公众号和语雀");
        Assert.Equal([new TextSpan(2, 8)], highlights);
        Assert.Equal("公众号和语雀", text[2..8]);
        Assert.Empty(Search(source, "yuque").Hits);        // plain queries never match link targets
        Assert.Empty(Search(source, "weixin").Hits);
        Assert.Single(Search(source, "link:yuque.com").Hits);
        Assert.Single(Search(source, "link:www.yuque.com").Hits);
        Assert.Single(Search(source, "link:\"https://www.yuque.com/u/doc\"").Hits);
        Assert.Empty(Search(source, "link:github.com").Hits);
        // A pasted address (in any of its forms) is the one plain query that finds a link target.
        var pasted = Search(source, "https://mp.weixin.qq.com/s?id=1&utm_source=timeline");
        Assert.Equal(Relaxation.None, pasted.Relaxation);
        Assert.Single(pasted.Hits);
    }

    /// <summary>
    /// An address typed after link: is one term, whatever it holds: a trailing slash, a query string, a tilde, a port, or
    /// parentheses (before, each was taken for syntax: a regular expression, a wildcard, fuzzy search, a field, a group);
    /// and the term is the page the address names, however the address is written.
    /// </summary>
    [Theory]
    [InlineData("https://example.com/", "甲")]
    [InlineData("https://example.com/a?b=1", "乙")]
    [InlineData("https://zh.wikipedia.org/wiki/人工智能_(学科)", "丙")]
    [InlineData("http://localhost:8080/x", "丁")]
    [InlineData("https://a.com/~user", "戊")]
    // Another form of the same address (as a browser copies it, or a reader types it) is the same term.
    [InlineData("http://example.com", "甲")]
    [InlineData("https://example.com/a?utm_source=x&b=1", "乙")]
    [InlineData("https://zh.wikipedia.org/wiki/%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD_%28%E5%AD%A6%E7%A7%91%29", "丙")]
    public void An_address_after_link_is_one_term(string address, string text)
    {
        const string source = "见[甲](https://example.com/)。\n\n见[乙](https://example.com/a?b=1)。\n\n见[丙](https://zh.wikipedia.org/wiki/人工智能_(学科))。\n\n"
            + "见[丁](http://localhost:8080/x)。\n\n见[戊](https://a.com/~user)。\n";
        foreach (string query in new[] { $"link:{address}", $"(link:{address})" })
        {
            var results = Search(source, query);
            Assert.Null(results.Notice);
            Assert.Equal($"见{text}。", results.Hits[0].Text);
        }
    }

    [Fact]
    public void Links_written_as_html_keep_their_text_and_their_targets_are_in_the_link_field()
    {
        const string source = "见<a href=\"https://example.com/a?x=1&amp;y=2\">这篇</a>和<A class=x HREF='https://github.com/org/repo'>那篇</A>。\n\n"
            + "<p>块里的<a href=https://www.yuque.com/u/doc>链接</a>，重复的<a href=\"https://www.yuque.com/u/doc\">链接</a>，<a name=\"x\">锚点</a>，"
            + "<a data-href=\"https://data.example.com\" href=\"https://www.yuque.com/u/doc\">数据</a>。</p>\n";
        var paragraphs = Read(source).Paragraphs;
        Assert.Equal(["见这篇和那篇。", "块里的链接，重复的链接，锚点，数据。"], paragraphs.Select(p => p.Text));
        Assert.Equal(["https://example.com/a?x=1&y=2", "https://github.com/org/repo"], paragraphs[0].Links);
        Assert.Equal(["https://www.yuque.com/u/doc"], paragraphs[1].Links);
        Assert.Single(Search(source, "link:github.com").Hits);
        Assert.Single(Search(source, "link:yuque.com").Hits);
    }

    [Fact]
    public void The_readmes_example_reads_as_the_readme_says()
    {
        const string source = "**反思**\n\n我在[公众号](http://mp.weixin.qq.com/s?id=1)和[[语雀|语雀文档]]上写作，\n见 https://github.com/org/repo ![配图](https://cdn.example.com/a.webp)\n";
        var paragraph = Assert.Single(Read(source).Paragraphs);
        Assert.Equal(("反思", "我在公众号和语雀文档上写作，\n见 https://github.com/org/repo"), (paragraph.Section, paragraph.Text));
        Assert.Equal(["http://mp.weixin.qq.com/s?id=1", "语雀", "https://github.com/org/repo"], paragraph.Links);
        Assert.Single(Search(source, "公众号和语雀").Hits);
    }

    [Fact]
    public void Autolinks_and_bare_urls_stay_in_the_text_as_written()
    {
        var paragraph = Assert.Single(Read("见 <https://example.com/a> 和 https://github.com/org/repo。还有邮件 <me@example.org>。\n").Paragraphs);
        Assert.Equal("见 https://example.com/a 和 https://github.com/org/repo。还有邮件 me@example.org。", paragraph.Text);
        // A bare URL's target ends where the Chinese sentence around it goes on.
        Assert.Equal(["https://example.com/a", "https://github.com/org/repo", "mailto:me@example.org"], paragraph.Links);
    }

    /// <summary>
    /// A bare address as Chinese writes it, straight after a word or a full-width mark, is a link too (Markdig links one
    /// only after a space), and its target ends at the quotation mark, ellipsis or dash after it, as at a full-width mark.
    /// </summary>
    [Fact]
    public void Bare_addresses_in_chinese_text_are_links_ending_where_the_sentence_goes_on()
    {
        var paragraph = Assert.Single(Read("原文见https://alpha.example.org/a1，另见（https://gamma.example.org/c1）、“https://beta.example.org/b1”这篇、"
            + "https://delta.example.org/d1……和 https://epsilon.example.org/e1——完。也见https://zh.wikipedia.org/wiki/人工智能_(学科).\n").Paragraphs);
        Assert.Equal(["https://alpha.example.org/a1", "https://gamma.example.org/c1", "https://beta.example.org/b1", "https://delta.example.org/d1",
            "https://epsilon.example.org/e1", "https://zh.wikipedia.org/wiki/人工智能_(学科)"], paragraph.Links);
    }

    /// <summary>A link whose text is an address links to its target alone; an autolink ends before the stop after it.</summary>
    [Fact]
    public void An_address_in_a_links_text_is_no_target_and_an_autolink_ends_before_a_stop()
    {
        Assert.Equal(["https://two.example.net/y"], Assert.Single(Read("见[https://one.example.net/x](https://two.example.net/y)。\n").Paragraphs).Links);
        Assert.Equal(["https://a.com/x"], Assert.Single(Read("见 https://a.com/x.“下一句”\n").Paragraphs).Links);
    }

    [Fact]
    public void Emphasis_and_strike_markers_are_gone_even_when_nested()
    {
        const string source = "这是***非常*重要**的~~旧~~新观点，__下划线粗体__，_斜体_。\n";
        Assert.Equal(["这是非常重要的旧新观点，下划线粗体，斜体。"], Texts(source));
        var (text, highlights) = OnlyHit(source, "非常重要的旧新观点");
        Assert.Equal([new TextSpan(2, 11)], highlights);
        Assert.Equal("非常重要的旧新观点", text[2..11]);
    }

    [Theory]
    [InlineData("这是**“重点”**的内容。\n", "这是“重点”的内容。")]
    [InlineData("他说**不要这样做。**然后走了。\n", "他说不要这样做。然后走了。")]
    [InlineData("请看*（注释）*后面。\n", "请看（注释）后面。")]
    [InlineData("大约 10~20 个，或者 30~40 个，按 ^Y 再按 ^Z，x^2^ 和 H~2~O；==高亮==。\n", "大约 10~20 个，或者 30~40 个，按 ^Y 再按 ^Z，x^2^ 和 H~2~O；高亮。")]
    public void Emphasis_beside_full_width_punctuation_in_chinese_is_emphasis(string source, string text)
    {
        Assert.Equal([text], Texts(source));
    }

    [Fact]
    public void Inline_html_tags_are_dropped_their_text_kept_and_entities_decoded()
    {
        const string source = "按<u>下划线</u>和<span style=\"color:red\">红色</span>标出&amp;注意&lt;b&gt;与&#x4E2D;文。\n";
        Assert.Equal(["按下划线和红色标出&注意<b>与中文。"], Texts(source));
        var (_, highlights) = OnlyHit(source, "下划线和红色标出");
        Assert.Equal([new TextSpan(1, 9)], highlights);
    }

    [Fact]
    public void Html_blocks_show_their_text_and_comments_show_nothing()
    {
        Assert.Equal(["居中的文字", "后文。"], Texts("<div align=\"center\">\n<b>居中的</b>文字\n</div>\n\n<!-- 不显示的注释 -->\n\n<iframe frameborder=\"0\"\nsrc=\"https://example.com/player\"></iframe>\n\n后文。\n"));
    }

    [Fact]
    public void Every_paragraph_of_nested_lists_is_a_paragraph_and_numbered_items_keep_their_number()
    {
        const string source = "- 第一项\n  - 嵌套一\n  - 嵌套二\n- 第二项\n  第二项的续行\n\n1. 步骤一\n2. 步骤二\n\n- [ ] 未完成的任务\n- [x] 完成的任务\n";
        Assert.Equal(["第一项", "嵌套一", "嵌套二", "第二项\n第二项的续行", "1. 步骤一", "2. 步骤二", "未完成的任务", "完成的任务"], Texts(source));
        var (_, highlights) = OnlyHit(source, "第二项的续行");
        Assert.Equal([new TextSpan(4, 10)], highlights);
    }

    [Fact]
    public void Block_quotes_hold_paragraphs()
    {
        const string source = "## 引文\n\n> 引用的第一行\n> 引用的第二行\n>\n> 引用的第二段\n\n引用外。\n";
        Assert.Equal([("引文", "引用的第一行\n引用的第二行"), ("引文", "引用的第二段"), ("引文", "引用外。")],
            Read(source).Paragraphs.Select(p => (p.Section, p.Text)));
        var (_, highlights) = OnlyHit(source, "引用的第二行");
        Assert.Equal([new TextSpan(7, 13)], highlights);
    }

    [Theory]
    [InlineData("> [!note] 我的标题\n> 正文第一行\n> 第二行\n", new[] { "我的标题", "正文第一行\n第二行" })]
    [InlineData("> [!NOTE]\n> 正文\n", new[] { "正文" })]
    [InlineData("> [!tip]- 折叠的 [链接](https://example.com/a)\n> 内容\n>\n> 第二段\n", new[] { "折叠的 链接", "内容", "第二段" })]
    [InlineData("> [!question]+\n> 问\n", new[] { "问" })]
    [InlineData("> [!quote] 只有标题\n", new[] { "只有标题" })]
    [InlineData("> > [!warning] 嵌套\n> > 里面\n", new[] { "嵌套", "里面" })]
    [InlineData("> 普通引用 [!x] 不是标记\n", new[] { "普通引用 [!x] 不是标记" })]
    [InlineData("> [!Theorem Poincare Lemma]\n> $$H^{p}_{c} = 0$$\n", new[] { "H^{p}_{c} = 0" })]
    [InlineData("> [!Definition homology group] 同调群\n> 正文\n", new[] { "同调群", "正文" })]
    [InlineData("> [!note|wide]- 带元数据的标题\n", new[] { "带元数据的标题" })]
    [InlineData("[!note] 引用外的不是标记\n", new[] { "[!note] 引用外的不是标记" })]
    [InlineData("> \\[!note] 转义的不是标记\n", new[] { "[!note] 转义的不是标记" })]
    [InlineData("> **[!注意]** 粗体里的不是标记\n", new[] { "[!注意] 粗体里的不是标记" })]
    [InlineData("> [!note] 标题 ^abc\n> 正文 ^def\n", new[] { "标题", "正文" })]
    public void A_callout_shows_its_title_as_a_paragraph_and_not_its_marker(string source, string[] paragraphs)
    {
        Assert.Equal(paragraphs, Texts(source));
    }

    [Theory]
    [InlineData("前文%%行内注释%%后文。\n", new[] { "前文后文。" })]
    [InlineData("第一段。\n\n%%\n整段注释\n\n注释的第二段\n%%\n\n第三段。\n", new[] { "第一段。", "第三段。" })]
    [InlineData("用 `printf(\"%%d\")` 打印，%%不给人看%%就这样。\n", new[] { "用 printf(\"%%d\") 打印，就这样。" })]
    [InlineData("```\na %% b\n```\n\n正文%%隐藏%%。\n", new[] { "a %% b", "正文。" })]
    [InlineData("增长了 50%% 左右。\n", new[] { "增长了 50%% 左右。" })]
    [InlineData("段落一%%作者注：用 ` 号%%正文继续，`x` 是变量。\n\n段落二。%%另一个注释%%\n\n段落三。\n", new[] { "段落一正文继续，x 是变量。", "段落二。", "段落三。" })]
    [InlineData("正文一 %% 注释\n\n正文二。\n\n```\ncode %%\n", new[] { "正文一 %% 注释", "正文二。", "code %%" })]
    [InlineData("- 项\n  ```\n  a %% b\n\n正文%%x%%完\n", new[] { "项", "a %% b", "正文完" })]
    [InlineData("<!-- %% -->\n\n正文%%x%%完\n\n<pre>printf(\"%%d\")</pre>\n", new[] { "正文完", "printf(\"%%d\")" })]
    [InlineData("一段话。 ^abc-1\n", new[] { "一段话。" })]
    [InlineData("一段话\n^para-2\n\n下一段 ^x\n", new[] { "一段话", "下一段" })]
    [InlineData("- 列表项 ^item\n- 第二项\n", new[] { "列表项", "第二项" })]
    [InlineData("| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n\n^table-id\n", new[] { "甲 | 乙", "1 | 2" })]
    [InlineData("x^2 不是块标识\n", new[] { "x^2 不是块标识" })]
    [InlineData("末尾的 ^中文 不是\n", new[] { "末尾的 ^中文 不是" })]
    [InlineData("末尾 ^a_b\n", new[] { "末尾 ^a_b" })]
    [InlineData("回到：`git show HEAD ^2`\n\n| 指数 | ^2 |\n|---|---|\n", new[] { "回到：git show HEAD ^2", "指数 | ^2" })]
    [InlineData("段" + "                                        " + " ^\n", new[] { "段" + "                                        " + " ^" })]
    public void Obsidian_comments_and_block_ids_are_not_text_but_a_marker_in_code_or_alone_is(string source, string[] paragraphs)
    {
        Assert.Equal(paragraphs, Texts(source));
    }

    [Fact]
    public void A_callout_title_keeps_its_links_and_its_body_is_searched_without_the_marker()
    {
        var essay = Read("前文。\n\n> [!info] 见 [来源](https://example.com/source)\n> 标注里的正文。\n");
        Assert.Equal(["https://example.com/source"], essay.Paragraphs[1].Links);
        Assert.Empty(Search("前文。\n\n> [!info] 标题\n> 标注里的正文。\n", "info").Hits);
        var (text, highlights) = OnlyHit("前文。\n\n> [!info]\n> 标注里的正文。\n", "标注");
        Assert.Equal("标注里的正文。", text);
        Assert.Equal([new TextSpan(0, 2)], highlights);
    }

    [Fact]
    public void A_table_row_is_a_paragraph_with_its_cells_apart()
    {
        const string source = "前文。\n\n### 模型表\n\n| 模型 | 发布时间 |\n|---|---|\n| **GPT-4** | 2023 年 |\n| [o3](https://openai.com/o3) | 2025 年 |\n\n后文。\n";
        var essay = Read(source);
        Assert.Equal([("", "前文。"), ("模型表", "模型 | 发布时间"), ("模型表", "GPT-4 | 2023 年"), ("模型表", "o3 | 2025 年"), ("模型表", "后文。")],
            essay.Paragraphs.Select(p => (p.Section, p.Text)));
        Assert.Equal(["https://openai.com/o3"], essay.Paragraphs[3].Links);
        Assert.Equal([1, 2, 3, 4, 5], essay.Paragraphs.Select(p => p.Number));
        var (_, highlights) = OnlyHit(source, "GPT-4");
        Assert.Equal([new TextSpan(0, 5)], highlights);
    }

    /// <summary>In a table cell, <c>\|</c> is a pipe, in code too, as GFM reads it; outside a table, code keeps it as written.</summary>
    [Fact]
    public void An_escaped_pipe_in_a_table_cell_is_a_pipe_in_code_too()
    {
        Assert.Equal(["符号 | 说明", "a | b | 管道符号", "x|y | 在文中", "a \\| b 在表外"],
            Texts("| 符号 | 说明 |\n|---|---|\n| `a \\| b` | 管道符号 |\n| x\\|y | 在文中 |\n\n`a \\| b` 在表外\n"));
    }

    [Fact]
    public void A_code_block_is_one_paragraph_that_keeps_its_lines()
    {
        const string source = "## 代码\n\n前文：\n\n```python\nprint(\"你好\")\nx = 1\n```\n\n    缩进的代码\n    第二行\n\n后文。\n";
        Assert.Equal([("代码", "前文："), ("代码", "print(\"你好\")\nx = 1"), ("代码", "缩进的代码\n第二行"), ("代码", "后文。")],
            Read(source).Paragraphs.Select(p => (p.Section, p.Text)));
        var (_, highlights) = OnlyHit(source, "你好");
        Assert.Equal([new TextSpan(7, 9)], highlights);
    }

    /// <summary>A code block keeps its first line's indentation as it keeps the others' (lines cut from inside a class), and no blank line around it.</summary>
    [Fact]
    public void A_code_block_keeps_the_indentation_of_its_first_line()
    {
        Assert.Equal(["    // 全局锁\n    private final Lock lock;\n\n    int size;", "  缩进"],
            Texts("```java\n\n    // 全局锁\n    private final Lock lock;\n\n    int size;\n\n```\n\n~~~\n  缩进\n~~~\n"));
    }

    /// <summary>
    /// A code block, fenced or indented, and a block of maths (TeX as written) are code; prose is not, with code or maths in
    /// a line of it, nor is a table row or a quote.
    /// </summary>
    [Fact]
    public void Code_and_maths_blocks_are_code_and_nothing_else_is()
    {
        const string source = "调用 `f(x)` 即可，其中 $x_1$ 是输入。\n\n```java\nint x = 1;\n```\n\n    缩进的代码\n\n$$\n\\lambda_x\n$$\n\n"
            + "| 甲 | 乙 |\n|---|---|\n| `1` | 2 |\n\n> 引用\n\n```mermaid\ngraph LR; 读书-->笔记\n```\n";
        Assert.Equal(
            [("调用 f(x) 即可，其中 x_1 是输入。", false), ("int x = 1;", true), ("缩进的代码", true), ("\\lambda_x", true), ("甲 | 乙", false),
             ("1 | 2", false), ("引用", false), ("graph LR; 读书-->笔记", true)],
            Read(source).Paragraphs.Select(p => (p.Text, p.Code)));
        Assert.Equal([false, true], Read("# 标题\n\n正文。\n\n    缩进的代码\n", "x.txt").Paragraphs.Select(p => p.Code));
        Assert.Equal([false, false], Read("正文。\n\n    缩进的一行\n", "x.txt").Paragraphs.Select(p => p.Code)); // plain text: an indented line means nothing
    }

    /// <summary>
    /// In a note, LaTeX maths is read as written: the TeX between the dollars is the text, its <c>_</c>, <c>*</c> and <c>\</c>
    /// not Markdown; a <c>$$</c> block is a paragraph of its own that keeps its lines, as a code block does. Not in a
    /// <c>.txt</c> file, where a dollar is a dollar.
    /// </summary>
    [Fact]
    public void Maths_in_a_note_is_read_as_written()
    {
        const string source = "### 损失函数\n$$\n\\mathcal{L} = \\lambda_x \\mathcal{L}_x + \\lambda_v \\mathcal{L}_v\n$$\n\n"
            + "- $\\mathcal{L}_x, \\mathcal{L}_v$：位置/速度修正损失\n\n对齐目标：\n$$\n\\mathbf{x}^*_{i,t_k} = \\|x\\|\\, y \\\\\nz_*\n$$\n\n"
            + "| 符号 | 含义 |\n|---|---|\n| $\\|v\\|_2$ | 范数 |\n\n价格 $5 和 $10 元。\n";
        Assert.Equal(
            [("\\mathcal{L} = \\lambda_x \\mathcal{L}_x + \\lambda_v \\mathcal{L}_v", 3), ("\\mathcal{L}_x, \\mathcal{L}_v：位置/速度修正损失", 6), ("对齐目标：", 8),
             ("\\mathbf{x}^*_{i,t_k} = \\|x\\|\\, y \\\\\nz_*", 10), ("符号 | 含义", 14), ("|v|_2 | 范数", 16), ("价格 $5 和 $10 元。", 18)],
            Read(source).Paragraphs.Select(p => (p.Text, p.Line)));
        Assert.Equal(["费用 a_1 和 b^*_2。"], Texts("费用 $a_1$ 和 $b^*_2$。\n"));
        Assert.Equal(["费用 $a_1$ 和 $b^*_2$。"], Texts("# 标题\n\n费用 $a_1$ 和 $b^*_2$。\n", "x.txt"));
    }

    [Fact]
    public void Obsidian_query_blocks_are_not_text_in_a_vaults_notes_but_mermaid_is()
    {
        const string source = "读书清单：\n\n```dataview\nTABLE 作者 FROM #读书\n```\n\n```query\ntag:#读书\n```\n\n```tasks\nnot done\n```\n\n```mermaid\ngraph LR; 读书-->笔记\n```\n";
        Assert.Equal(["读书清单：", "graph LR; 读书-->笔记"], Texts(source));
        // Elsewhere (a .txt file read as Markdown) such a block is code like any other.
        Assert.Equal(["读书清单：", "TABLE 作者 FROM #读书", "tag:#读书", "not done", "graph LR; 读书-->笔记"], Texts("# 标题\n\n" + source, "x.txt"));
    }

    [Fact]
    public void Footnote_references_show_nothing_and_footnotes_come_last()
    {
        const string source = "正文有注释[^1]，接着写。\n\n[^1]: 注释的内容。\n\n第二段。\n";
        Assert.Equal(["正文有注释，接着写。", "第二段。", "注释的内容。"], Texts(source));
        var (_, highlights) = OnlyHit(source, "\"注释，接着\""); // quoted: one phrase across the comma where the reference was
        Assert.Equal([new TextSpan(3, 8)], highlights);
    }

    [Fact]
    public void What_is_not_shown_between_two_spaces_leaves_one_space()
    {
        Assert.Equal(["前面 后面，注 之后 图后 标签 以后 完。", "脚注。", "行内的注"],
            Texts("前面 ^[行内的注] 后面，注 [^1] 之后 ![图](a.png) 图后 <span>标签</span> 以后 ![[嵌入]] 完。\n\n[^1]: 脚注。\n"));
    }

    [Fact]
    public void A_footnote_is_in_the_section_it_is_written_under_on_its_own_line()
    {
        const string source = "# 标题\n\n导语[^0]。\n\n[^0]: 导语的注。\n\n## 一节\n\n一节正文。\n\n## 二节\n\n二节正文[^1]。\n\n[^1]: 二节的注，\n接着注。\n\n"
            + "## 三节\n\n末段[^2]。\n\n[^2]: 末节的注。\n";
        Assert.Equal(
            [("", "导语。", 3), ("一节", "一节正文。", 9), ("二节", "二节正文。", 13), ("三节", "末段。", 20),
             ("", "导语的注。", 5), ("二节", "二节的注，\n接着注。", 15), ("三节", "末节的注。", 22)],
            Read(source).Paragraphs.Select(p => (p.Section, p.Text, p.Line)));
    }

    [Fact]
    public void Inline_footnotes_are_paragraphs_of_their_own_after_the_text_on_the_line_they_annotate()
    {
        const string source = "# 标题\n\n导语。\n\n## 一节\n\n这是正文^[行内的注，见[[三体]]和[另一篇](b.md)]，继续说明。\n\n表 | 说明\n--- | ---\n甲 | 乙^[表里的注]\n\n"
            + "代码里的 `^[a-z]` 不是注，转义的 \\^[也不是]，^[] 和 ^[没有闭合 也不是。\n";
        var essay = Read(source);
        Assert.Equal(
            [("", "导语。", 3), ("一节", "这是正文，继续说明。", 7), ("一节", "表 | 说明", 9), ("一节", "甲 | 乙", 11),
             ("一节", "代码里的 ^[a-z] 不是注，转义的 ^[也不是]，^[] 和 ^[没有闭合 也不是。", 13),
             ("一节", "行内的注，见三体和另一篇", 7), ("一节", "表里的注", 11)],
            essay.Paragraphs.Select(p => (p.Section, p.Text, p.Line)));
        Assert.Equal(["三体", "b.md"], essay.Paragraphs[5].Links);
        Assert.Equal(["提示", "框里的正文。", "标题里的注", "框里的注"], Texts("> [!tip] 提示^[标题里的注]\n> 框里的正文。^[框里的注]\n"));
        Assert.Equal(["一个 [ 没有闭合，[也没有", "![ 也是"], Texts("一个 [ 没有闭合，[也没有\n\n![ 也是\n"));
        var (text, highlights) = OnlyHit(source, "见三体");
        Assert.Equal("行内的注，见三体和另一篇", text);
        Assert.Equal([new TextSpan(5, 8)], highlights);
    }

    [Fact]
    public void Inline_footnotes_are_read_in_notes_only_not_in_txt_files()
    {
        const string source = "# 标题\n\n按 Shift+^[上箭头] 选中。\n";
        Assert.Equal(["按 Shift+ 选中。", "上箭头"], Texts(source));
        Assert.Equal(["按 Shift+^[上箭头] 选中。"], Texts(source, "x.txt"));
    }

    [Theory]
    [InlineData("正文^[见 `a]b` 一节]。", "见 a]b 一节", new string[0])]
    [InlineData("正文^[见 <https://x.org/a]b> 一节]。", "见 https://x.org/a]b 一节", new[] { "https://x.org/a]b" })]
    [InlineData("正文^[见 <span title=\"]\">这里</span>]。", "见 这里", new string[0])]
    [InlineData("正文^[见[文](https://x.org/a]b)]。", "见文", new[] { "https://x.org/a]b" })]
    public void An_inline_footnote_ends_at_a_bracket_markdown_reads_as_one(string source, string note, string[] links)
    {
        var essay = Read(source);
        Assert.Equal(["正文。", note], essay.Paragraphs.Select(p => p.Text));
        Assert.Equal(links, essay.Paragraphs[1].Links);
    }

    [Fact]
    public void A_blank_inline_footnote_is_text_as_written()
    {
        Assert.Equal(["空的^[ ]和^[]都是字。"], Texts("空的^[ ]和^[]都是字。\n"));
    }

    [Fact]
    public void Inline_footnotes_in_a_heading_or_a_callout_take_the_section_and_line_of_what_they_annotate()
    {
        var essay = Read("导语。\n\n## 一节^[节名的注]\n\n正文。\n\n> [!tip] 提示^[标题里的注]\n> 框里的正文。^[框里的注]\n\n**小标题^[小标题的注]**\n\n再一段。\n\n**又一小标题**^[标题后的注]\n\n末段。\n");
        Assert.Equal(
            [("", "导语。", 1), ("一节", "正文。", 5), ("一节", "提示", 7), ("一节", "框里的正文。", 8), ("小标题", "再一段。", 12), ("又一小标题", "末段。", 16),
             ("一节", "节名的注", 3), ("一节", "标题里的注", 7), ("一节", "框里的注", 8), ("小标题", "小标题的注", 10), ("又一小标题", "标题后的注", 14)],
            essay.Paragraphs.Select(p => (p.Section, p.Text, p.Line)));
    }

    [Fact]
    public void An_inline_footnote_is_on_the_line_it_is_written_on()
    {
        var essay = Read("第一行，^[一的注]\n第二行，\n第三行。^[三的注]\n\n> [!tip] 提示\n> 框的一行，\n> 框的二行。^[框二的注]\n");
        Assert.Equal([("第一行，\n第二行，\n第三行。", 1), ("提示", 5), ("框的一行，\n框的二行。", 6), ("一的注", 1), ("三的注", 3), ("框二的注", 7)],
            essay.Paragraphs.Select(p => (p.Text, p.Line)));
    }

    [Fact]
    public void An_inline_footnote_in_the_title_line_is_a_paragraph_before_any_section()
    {
        var essay = Read("# 标题^[标题的注]\n\n正文。\n\n## 一节\n\n后文。\n");
        Assert.Equal("标题", essay.Title);
        Assert.Equal([("", "正文。", 3), ("一节", "后文。", 7), ("", "标题的注", 1)], essay.Paragraphs.Select(p => (p.Section, p.Text, p.Line)));
    }

    [Fact]
    public void An_inline_footnote_in_a_metadata_line_is_a_paragraph_before_any_section_and_not_in_the_value()
    {
        const string source = "# 标题\n\n作者：某人^[作者注]\n原文链接: https://example.com/a_b_c ^[转载^[注中注]]\n\n## 一节\n\n正文。\n";
        var essay = Read(source);
        Assert.Equal(("某人", "https://example.com/a_b_c"), (essay.Author, essay.SourceUrl));
        Assert.Equal([("一节", "正文。", 8), ("", "作者注", 3), ("", "转载", 4), ("", "注中注", 4)], essay.Paragraphs.Select(p => (p.Section, p.Text, p.Line)));
        Assert.Equal("Sam", Read("# Title\n\nauthor: Sam^[a note]\n\nText.\n").Author);
        var txt = Read(source, "x.txt");
        Assert.Equal(("某人^[作者注]", "https://example.com/a_b_c ^[转载^[注中注]]"), (txt.Author, txt.SourceUrl));
        Assert.Equal(["正文。"], txt.Paragraphs.Select(p => p.Text));
    }

    [Fact]
    public void An_images_alt_text_has_no_inline_footnotes()
    {
        Assert.Equal(["图前图后。"], Texts("图前![图^[注]](a.png)图后。\n"));
    }

    [Fact]
    public void Nested_inline_footnotes_are_both_kept()
    {
        Assert.Equal(["正文。", "外面的注", "里面的注"], Texts("正文^[外面的注^[里面的注]]。\n"));
    }

    [Fact]
    public void An_inline_footnote_is_read_as_the_inline_markdown_of_its_paragraph()
    {
        var essay = Read("正文^[1. **第一点**，`代码`，见[文][参考]]。\n\n[参考]: https://x.org/\n");
        Assert.Equal(["正文。", "1. 第一点，代码，见文"], essay.Paragraphs.Select(p => p.Text));
        Assert.Equal(["https://x.org/"], essay.Paragraphs[1].Links);
    }

    [Fact]
    public void Images_are_dropped_alt_text_and_address_alike()
    {
        const string source = "![一张图片](https://cdn.example.com/a.webp)\n\n图前![示意图](https://cdn.example.com/b.png)图后。\n";
        Assert.Equal(["图前图后。"], Texts(source));
        Assert.Empty(Search(source, "webp").Hits);
        Assert.Empty(Search(source, "示意图").Hits);
        Assert.Single(Search(source, "图前图后").Hits);
    }

    [Fact]
    public void Wiki_links_show_their_label_or_target_and_embeds_show_nothing()
    {
        const string source = "参见[[超级智能#定义|那篇文章]]和[[奇点]]，![[图.png]]以及[普通链接](a.md)、[[#本文小节]]、[[三体#第一章]]、[[三体#^intro]]。\n";
        var paragraph = Assert.Single(Read(source).Paragraphs);
        Assert.Equal("参见那篇文章和奇点，以及普通链接、#本文小节、三体 > 第一章、三体 > ^intro。", paragraph.Text);
        // The notes linked to are link targets: link:奇点 finds the paragraphs that link to that note.
        Assert.Equal(["超级智能", "奇点", "a.md", "三体"], paragraph.Links);
        Assert.Single(Search(source, "link:奇点").Hits);
        Assert.Single(Search(source, "link:超级智能").Hits);
        var (_, highlights) = OnlyHit(source, "那篇文章和奇点");
        Assert.Equal([new TextSpan(2, 9)], highlights);
    }

    [Fact]
    public void Headings_and_short_bold_lines_set_the_section_of_what_follows()
    {
        const string source = "# 标题\n\n导语。\n\n## 第一节\n\n一段。\n\n**加粗的小标题**\n\n二段。\n\n**这一整段都是加粗的强调，它很长，说完了一件事，不是小标题。**\n\n**“引号里说完的话。”**\n\n### 第三节 ###\n\n三段。\n";
        var essay = Read(source);
        Assert.Equal("标题", essay.Title);
        Assert.Equal(
            [("", "导语。"), ("第一节", "一段。"), ("加粗的小标题", "二段。"), ("加粗的小标题", "这一整段都是加粗的强调，它很长，说完了一件事，不是小标题。"), ("加粗的小标题", "“引号里说完的话。”"), ("第三节", "三段。")],
            essay.Paragraphs.Select(p => (p.Section, p.Text)));
    }

    /// <summary>
    /// A short bold line heads what follows it; one that a heading follows (a rule between them aside), or another such line,
    /// or nothing, heads nothing: it is a paragraph of the section it stands in, where the next heading took its place and its text was lost.
    /// </summary>
    [Fact]
    public void A_bold_line_that_heads_nothing_is_a_paragraph()
    {
        const string source = "### 关键观察\n**失真可以通过评估位移函数的逐点雅可比矩阵来度量**\n\n### 技术创新\n\n基网格构建。\n\n"
            + "**Step 1: 从输入三角网格出发**\n\n**Step 2: 渐进构建内在网格**\n- Edge swaps\n\n**已传递给 @墨鱼丸**\n\n---\n\n## 详细笔记\n\n正文。\n\n**最后一行加粗**\n";
        Assert.Equal(
            [("关键观察", "失真可以通过评估位移函数的逐点雅可比矩阵来度量", 2), ("技术创新", "基网格构建。", 6), ("技术创新", "Step 1: 从输入三角网格出发", 8),
             ("Step 2: 渐进构建内在网格", "Edge swaps", 11), ("Step 2: 渐进构建内在网格", "已传递给 @墨鱼丸", 13), ("详细笔记", "正文。", 19), ("详细笔记", "最后一行加粗", 21)],
            Read(source).Paragraphs.Select(p => (p.Section, p.Text, p.Line)));
        Assert.Equal("关键观察", Assert.Single(Search(source, "逐点雅可比").Hits).Section);
    }

    /// <summary>A bold list item or quote is what the list or quote says, not a heading: its text is searchable, and a number stays with its item.</summary>
    [Fact]
    public void Bold_lines_inside_lists_and_quotes_are_text_not_sections()
    {
        const string source = "## 水果\n\n- **苹果**\n- **香蕉**\n\n1. **准备**\n\n正文段落。\n\n> **人负责方向，Agent 负责执行**\n";
        Assert.Equal(
            [("水果", "苹果"), ("水果", "香蕉"), ("水果", "1. 准备"), ("水果", "正文段落。"), ("水果", "人负责方向，Agent 负责执行")],
            Read(source).Paragraphs.Select(p => (p.Section, p.Text)));
    }

    /// <summary>
    /// A copyright notice (<c>© …</c>, <c>(c) 2024 …</c>, <c>Copyright © …</c>, <c>版权所有…</c>) is not a paragraph; an enumeration's
    /// <c>(c)</c> is text, as a list item, a table row or a paragraph, and so is a list item or a row that looks like a notice.
    /// </summary>
    [Fact]
    public void Only_a_paragraph_of_its_own_is_a_copyright_notice_and_an_enumerations_c_is_text()
    {
        const string source = "- **(b)** 对检索噪声具有鲁棒性\n- **(c)** 避免 LLM 的灾难性遗忘\n- **(c) 边界层局部变化**: 研究局部薄边界层\n\n"
            + "| 边界 | 通量 |\n|---|---|\n| (c) 可渗透 | 无扩散通量 |\n\n(c) 第三种情形。\n\n(C) 2024 某某\n\n© THE END 转载请联系本公众号\n\n"
            + "Copyright © 2024 Example Inc.\n\n版权所有，侵权必究。\n\n- © 2024 列表项\n\nCopyright law differs by country.\n\n版权所有者可以授权。\n";
        Assert.Equal(["(b) 对检索噪声具有鲁棒性", "(c) 避免 LLM 的灾难性遗忘", "(c) 边界层局部变化: 研究局部薄边界层", "边界 | 通量", "(c) 可渗透 | 无扩散通量",
            "(c) 第三种情形。", "© 2024 列表项", "Copyright law differs by country.", "版权所有者可以授权。"], Texts(source));
        Assert.Equal(["(c) 第三种情形。"], Texts("(c) 第三种情形。\n\n© 2024 某某\n", "plain.txt"));
    }

    /// <summary>A code fence with no lines (a note being typed, or an empty block) is read as nothing, not as a failure.</summary>
    [Theory]
    [InlineData("正文。\n\n```\n")]
    [InlineData("正文。\n\n```bash")]
    [InlineData("正文。\n\n~~~\n~~~\n")]
    [InlineData("正文。\n\n> ```\n> ```\n")]
    public void An_empty_or_unclosed_code_fence_is_read_as_nothing(string source)
    {
        Assert.Equal(["正文。"], Texts(source));
    }

    /// <summary>
    /// HTML blocks: a line break and the edges of block elements part words as a line break does (Latin words keep a space);
    /// a comment is hidden even with a '>' inside it, and the text after it on its line is not.
    /// </summary>
    [Theory]
    [InlineData("<p>first line<br>second line</p>\n", new[] { "first line second line" })]
    [InlineData("<ul><li>one</li><li>two</li></ul>\n", new[] { "one two" })]
    [InlineData("<table><tr><td>apple</td><td>banana</td></tr></table>\n", new[] { "apple banana" })]
    [InlineData("<div align=\"center\"> <!-- <img src=\"a.png\" /> --> 图注</div>\n", new[] { "图注" })]
    [InlineData("<!-- more -->可见吗\n\n后文。\n", new[] { "可见吗", "后文。" })]
    public void Html_blocks_keep_words_apart_and_hide_only_comments(string source, string[] texts)
    {
        Assert.Equal(texts, Texts(source));
    }

    /// <summary>In a table, a wiki link's pipe is written \| (Obsidian's own form); the backslash is not part of its target.</summary>
    [Fact]
    public void A_wiki_link_with_a_label_in_a_table_links_its_target()
    {
        var paragraph = Read("| [[目标笔记\\|别名]] | 说明 |\n|---|---|\n| 1 | 2 |\n").Paragraphs[0];
        Assert.Equal("别名 | 说明", paragraph.Text);
        Assert.Equal(["目标笔记"], paragraph.Links);
    }

    [Theory]
    [InlineData("tags:\n  - clippings\n  - 人工智能", new[] { "clippings", "人工智能" })]
    [InlineData("tags: [clippings, 人工智能]", new[] { "clippings", "人工智能" })]
    [InlineData("tags: clippings, 人工智能", new[] { "clippings", "人工智能" })]
    [InlineData("tags: \"#clippings #人工智能\"", new[] { "clippings", "人工智能" })]
    [InlineData("tags:", new string[0])]
    public void Front_matter_tags_are_kept(string frontMatter, string[] tags)
    {
        Assert.Equal(tags, Read($"---\ntitle: 标题\n{frontMatter}\n---\n正文。\n").Tags);
    }

    [Theory]
    [InlineData("aliases: [ASI, 超智能]")]
    [InlineData("aliases:\n  - ASI\n  - 超智能")]
    [InlineData("alias: ASI, 超智能")]
    [InlineData("aliases: \"[[ASI]], 超智能\"")]
    public void Aliases_are_searched_as_the_title_and_not_shown(string frontMatter)
    {
        string source = $"---\ntitle: 关于超级智能\n{frontMatter}\n---\n正文只有这一句。\n";
        var essay = Read(source);
        Assert.Equal("关于超级智能", essay.Title);
        Assert.Equal(["ASI", "超智能"], essay.Aliases);
        foreach (var query in new[] { "title:ASI", "title:超智能", "ASI", "超智能" })
            Assert.Equal("关于超级智能", Assert.Single(Search(source, query).Hits).Title);
        Assert.Empty(Search(source, "title:正文").Hits);
    }

    [Fact]
    public void Obsidians_syntax_is_read_in_md_files_only_not_in_txt_files_read_as_markdown()
    {
        // As in manpages rendered to text: printf's %%, Ctrl-C, a C directive.
        const string source = "# printf\n\n格式 %% 输出一个百分号 #define 不是标签\n\n按 ^C\n\n再写 %% 也是百分号。\n\n> [!tip] 中断按 ^C\n> 正文\n";
        var asText = Read(source, "printf.txt");
        Assert.Equal(["格式 %% 输出一个百分号 #define 不是标签", "按 ^C", "再写 %% 也是百分号。", "中断按 ^C", "正文"], asText.Paragraphs.Select(p => p.Text));
        Assert.Empty(asText.Tags);
        var asNote = Read(source, "printf.md");
        Assert.Equal(["格式", "也是百分号。", "中断按", "正文"], asNote.Paragraphs.Select(p => p.Text)); // as Obsidian shows it
    }

    [Fact]
    public void Nested_tags_notes_in_folders_and_links_with_spaces_are_found_by_field_as_written()
    {
        const string source = "---\ntags: [科幻/硬科幻]\n---\n读完了[[Python 入门]]和 #编程/rust 笔记。\n";
        foreach (var query in new[] { "tag:科幻/硬科幻", "tag:编程/rust", "link:\"Python 入门\"", "link:Python%20入门", "essay:x" })
            Assert.Single(Search(source, query).Hits);
        Assert.Empty(Search(source, "tag:科幻/软科幻").Hits);
        Assert.Null(Search(source, "tag:科幻/硬科幻").Notice);
    }

    [Fact]
    public void Tags_written_in_the_text_are_the_essays_tags_too()
    {
        const string source = "---\ntags: [读书]\n---\n读过的书 #读书 和 #ai/agents #2024 不算，C#也不算，`#code` 不算， **#粗体** 算，#逗号后不算， #新标签。\n\n"
            + "转义 \\#不算， [#链接文字](https://example.com) 不算， #/ #- #_ 不算。\n\n"
            + "```\n#include <stdio.h>\n```\n\n| 表格里 #表格标签 |\n|---|\n\n## 小节 #标题标签\n\n> [!note] 标注 #标注标签\n> 正文\n";
        var essay = Read(source);
        Assert.Equal(["读书", "ai/agents", "粗体", "新标签", "表格标签", "标题标签", "标注标签"], essay.Tags);
        Assert.Equal("读过的书 #读书 和 #ai/agents #2024 不算，C#也不算，#code 不算， #粗体 算，#逗号后不算， #新标签。", essay.Paragraphs[0].Text);
        Assert.Equal("转义 #不算， #链接文字 不算， #/ #- #_ 不算。", essay.Paragraphs[1].Text);
        Assert.Single(Search(source, "tag:新标签").Hits.Select(hit => hit.Essay).Distinct());
        Assert.Empty(Search(source, "tag:include").Hits);
    }

    [Fact]
    public void Tags_are_searchable_by_field_and_by_plain_queries_that_match_no_text()
    {
        const string source = "---\ntags:\n  - clippings\n  - 人工智能\n---\n正文只有这一句。\n";
        Assert.Single(Search(source, "tag:clippings").Hits);
        Assert.Single(Search(source, "tag:人工智能").Hits);
        var plain = Search(source, "clippings");
        Assert.Single(plain.Hits);
        Assert.Contains("tags", plain.Notice);
    }

    [Theory]
    [InlineData("---\ntitle: \"引号里的标题\"\nauthor: 某人\n---\n\n正文。\n", "引号里的标题", "某人")]
    [InlineData("---\n---\n# 正文里的标题\n\n正文。\n", "正文里的标题", "")]
    [InlineData("---\nauthor:\n  - \"[[甲]]\"\n  - 乙\n---\n正文。\n", "x", "甲, 乙")]
    [InlineData("# 标题行\n\n作者: 某人\n发布时间: 2025-01-06 10:39\n\n正文。\n", "标题行", "某人")]
    [InlineData("# 標題行\n\n作者: 某人\n發佈時間: 2025-01-06 10:39\n原文連結: https://example.com/a\n\n正文。\n", "標題行", "某人")]
    public void Front_matter_and_title_line_layouts_give_title_and_author(string source, string title, string author)
    {
        var essay = Read(source);
        Assert.Equal((title, author), (essay.Title, essay.Author));
        Assert.Equal(["正文。"], essay.Paragraphs.Select(p => p.Text));
    }

    [Fact]
    public void Each_paragraph_knows_the_line_of_its_file_where_it_starts()
    {
        const string source = "---\ntitle: 行号\n---\n\n# 标题\n\n第一段\n接着第一段\n\n- 列表项\n\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n\n"
            + "```\ncode\n```\n\n> [!note] 标注标题\n> 标注正文\n\n前%%跨\n行\n\n的注释%%后\n\n最后一段\n";
        Assert.Equal(
            [("第一段\n接着第一段", 7), ("列表项", 10), ("甲 | 乙", 12), ("1 | 2", 14), ("code", 17), ("标注标题", 20), ("标注正文", 21), ("前", 23), ("后", 26), ("最后一段", 28)],
            Read(source).Paragraphs.Select(p => (p.Text, p.Line)));
        Assert.Equal([("第一段", 2), ("第二段", 5)], Read("\n第一段\r\n\r\n  \r\n第二段\r\n", "plain.txt").Paragraphs.Select(p => (p.Text, p.Line)));
    }

    [Fact]
    public void Plain_text_files_are_prose_paragraphs_between_blank_lines()
    {
        const string source = "第一段的第一行\n第一段的第二行\n  \n第二段里的 *星号* 和 <尖括号> 都是字。\n\n\n    缩进的第三段\n";
        var essay = Read(source, "plain.txt");
        Assert.Equal("plain", essay.Title);
        Assert.Equal(["第一段的第一行第一段的第二行", "第二段里的 *星号* 和 <尖括号> 都是字。", "缩进的第三段"], essay.Paragraphs.Select(p => p.Text));
    }
}
