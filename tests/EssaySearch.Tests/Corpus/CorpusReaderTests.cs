using EssaySearch.Corpus;

namespace EssaySearch.Tests.Corpus;

public class CorpusReaderTests
{
    private static readonly IReadOnlyList<Essay> Essays = CorpusReader.ReadFolder(TestData.Seeds);

    private static Essay Get(string id) => Essays.Single(e => e.Id == id);

    [Fact]
    public void Reads_both_seeds_in_file_name_order()
    {
        Assert.Equal([TestData.GentleSingularity, TestData.Reflections], Essays.Select(e => e.Id));
    }

    [Fact]
    public void Every_paragraph_of_the_seeds_starts_on_the_line_it_names()
    {
        foreach (var essay in Essays)
        {
            var lines = File.ReadAllLines(Path.Combine(TestData.Seeds, essay.Id + ".txt"));
            // The source line holds the paragraph's first words as written (their markup aside); the line before it does not.
            Assert.All(essay.Paragraphs, p =>
            {
                string start = p.Text[..Math.Min(8, p.Text.Length)];
                Assert.Contains(start, lines[p.Line - 1]);
                Assert.DoesNotContain(start, p.Line > 1 ? lines[p.Line - 2] : "");
            });
            Assert.Equal(essay.Paragraphs.Select(p => p.Line).Order(), essay.Paragraphs.Select(p => p.Line));
        }
    }

    [Fact]
    public void Front_matter_essay_has_its_metadata_and_paragraphs()
    {
        var essay = Get(TestData.GentleSingularity);
        Assert.Equal("The Gentle Singularity", essay.Title);
        Assert.Equal("Sam Altman", essay.Author);
        Assert.Equal("2025-06-11", essay.Published); // "published" is empty, so the clipping's "created" date
        Assert.Equal("https://blog.samaltman.com/the-gentle-singularity", essay.SourceUrl);
        Assert.Equal(["clippings"], essay.Tags);
        Assert.Equal(28, essay.Paragraphs.Count);
        Assert.Equal("我们已经越过了事件视界；起飞已经开始。人类正接近于构建数字超级智能，至少到目前为止，它比看上去应该的样子要正常得多。", essay.Paragraphs[0].Text);
        Assert.Equal("愿我们能顺利、呈指数级且平稳地跨越超级智能阶段。", essay.Paragraphs[^1].Text);
        Assert.All(essay.Paragraphs, p => Assert.Equal("", p.Section));
        Assert.Equal(Enumerable.Range(1, 28), essay.Paragraphs.Select(p => p.Number));
    }

    [Fact]
    public void Title_line_essay_has_its_metadata_sections_and_paragraphs()
    {
        var essay = Get(TestData.Reflections);
        Assert.Equal("刚刚，奥特曼更新博客：创业第十年，我的反思", essay.Title);
        Assert.Equal("机器之心", essay.Author);
        Assert.Equal("2025-01-06T10:39", essay.Published);
        Assert.StartsWith("http://mp.weixin.qq.com/s?__biz=MzA3MzI4MjgzMw==", essay.SourceUrl);
        Assert.Empty(essay.Tags);
        // 59 non-blank body lines, 20 of them the second half of a hard-wrapped paragraph.
        Assert.Equal(39, essay.Paragraphs.Count);
        Assert.Equal("机器之心报道", essay.Paragraphs[0].Text);
        Assert.Equal("博客链接：https://blog.samaltman.com/reflections", essay.Paragraphs[^1].Text); // _emphasis_ markers gone
        // **bold** lines are headings: the paragraphs under them carry them as their section.
        Assert.Equal("", essay.Paragraphs[0].Section);
        Assert.Equal("机器之心编辑部", essay.Paragraphs[1].Section);
        Assert.Equal("山姆・奥特曼开始反思了。", essay.Paragraphs[1].Text);
        Assert.Equal("机器之心编辑部", essay.Paragraphs[3].Section);
        Assert.Equal("反思", essay.Paragraphs[4].Section);
        Assert.Equal("反思", essay.Paragraphs[^1].Section);
        Assert.Equal(Enumerable.Range(1, 39), essay.Paragraphs.Select(p => p.Number));
    }

    [Fact]
    public void Hard_wrapped_paragraphs_of_the_seeds_are_read_whole()
    {
        var paragraph = Get(TestData.Reflections).Paragraphs[8];
        // Three lines in the file: "…称为「与 GPT-3.5" / "聊天」的东西。…使用我们 API 的 playground" / "功能，…"
        Assert.StartsWith("2022 年，OpenAI 还是一个安静的研究实验室，正在研究一个暂时被称为「与 GPT-3.5 聊天」的东西。", paragraph.Text);
        Assert.Contains("我们一直在观察人们使用我们 API 的 playground 功能，并且知道开发者真的很喜欢与模型交谈。", paragraph.Text);
        Assert.EndsWith("并帮助我们使我们的模型变得更好、更安全。", paragraph.Text);
        Assert.DoesNotContain('\n', paragraph.Text);
    }

    [Fact]
    public void The_seeds_hold_no_markup_in_their_paragraphs()
    {
        Assert.All(Essays.SelectMany(e => e.Paragraphs), p =>
        {
            Assert.DoesNotContain("**", p.Text);
            Assert.DoesNotContain("](", p.Text);
            Assert.DoesNotContain("![", p.Text);
            Assert.False(p.Text.StartsWith('_') || p.Text.EndsWith('_'), p.Text);
        });
    }

    [Fact]
    public void Images_metadata_and_the_copyright_notice_are_not_paragraphs()
    {
        var texts = Get(TestData.Reflections).Paragraphs.Select(p => p.Text).ToList();
        Assert.DoesNotContain(texts, t => t.Contains("mmbiz.qpic.cn"));
        Assert.DoesNotContain(texts, t => t.StartsWith("©", StringComparison.Ordinal) || t.Contains("转载请联系"));
        Assert.DoesNotContain(texts, t => t.StartsWith("文章作者", StringComparison.Ordinal) || t.StartsWith("封面图链接", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\uFEFF---\r\ntitle: \"BOM and CRLF\"\r\nauthor: Someone\r\n---\r\n第一段。\r\n\r\n第二段。\r\n")]
    [InlineData("---\ntitle: \"BOM and CRLF\"\nauthor: Someone\n---\n第一段。\n\n第二段。\n")]
    public void Bom_and_crlf_read_like_plain_utf8(string content)
    {
        using var scratch = new ScratchFolder();
        string path = scratch.Sub("x.md");
        File.WriteAllText(path, content, new System.Text.UTF8Encoding(false));
        var essay = CorpusReader.ReadEssay(path);
        Assert.Equal("BOM and CRLF", essay.Title);
        Assert.Equal("Someone", essay.Author);
        Assert.Equal(["第一段。", "第二段。"], essay.Paragraphs.Select(p => p.Text));
    }

    [Theory]
    [InlineData("author: [[Sam Altman]]", "Sam Altman")]
    [InlineData("author: \"[[Sam Altman]]\"", "Sam Altman")]
    [InlineData("authors:\n  - \"[[Sam Altman]]\"\n  - 某人", "Sam Altman, 某人")]
    [InlineData("author: ~", "")]
    [InlineData("author: null", "")]
    [InlineData("author: \"null\"", "null")]
    [InlineData("author:\n  name: nested", "")]
    [InlineData("", "")]
    public void Front_matter_values_are_flattened_to_text(string frontMatter, string author)
    {
        using var scratch = new ScratchFolder();
        File.WriteAllText(scratch.Sub("x.md"), $"---\n{frontMatter}\n---\n正文。\n");
        Assert.Equal(author, CorpusReader.ReadEssay(scratch.Sub("x.md")).Author);
    }

    /// <summary>
    /// Front matter that is not key-value YAML is read line by line, the note whole, with a warning that names the file and
    /// the line of it at fault, as an editor opens them (the YAML's own count starts a line later). Before, the note was refused.
    /// </summary>
    [Theory]
    [InlineData("just a sentence", 2)]
    [InlineData("title: [unclosed", 3)]
    [InlineData("- a\n- list", 2)]
    [InlineData("title: 一\nauthor: 某人\ntitle: 二", 4)]
    public void Front_matter_that_is_not_key_value_yaml_is_read_line_by_line_naming_the_file_and_line(string frontMatter, int line)
    {
        using var scratch = new ScratchFolder();
        File.WriteAllText(scratch.Sub("odd.md"), $"---\n{frontMatter}\n---\n正文。\n");
        var essay = CorpusReader.ReadEssay(scratch.Sub("odd.md"));
        Assert.StartsWith($"odd.md:{line}: front matter is not valid YAML", essay.Warning);
        Assert.Contains("; read line by line, and the note indexed whole", essay.Warning);
        Assert.Equal(["正文。"], essay.Paragraphs.Select(p => p.Text));
    }

    /// <summary>
    /// Front matter that is not valid YAML, as a vault's notes of papers hold (a title or date with ': ' in it, unquoted), is
    /// read line by line: each key's value as written to the end of its line, without quotes around it all; the '- item' lines
    /// under a key without a value as its list; a key given twice, its last value. The warning says how to make it YAML.
    /// </summary>
    [Fact]
    public void Front_matter_that_is_not_yaml_is_read_line_by_line()
    {
        using var scratch = new ScratchFolder();
        File.WriteAllText(scratch.Sub("Ref-DGS.md"), """
            ---
            title: Ref-DGS: Reflective Dual Gaussian Splatting
            authors:
              - Ningjing Fan
              - "Yiqun Wang"
            date: 2026-07 (Conference: July 19-23, Los Angeles)
            source: 'arXiv: cs.GR'
            tags: [rendering, gaussian-splatting]
            aliases: Ref-DGS, 反射高斯
            ---
            ## 核心创新点

            高斯泼溅的反射。
            """);
        var essay = CorpusReader.ReadEssay(scratch.Sub("Ref-DGS.md"));
        Assert.Equal(("Ref-DGS: Reflective Dual Gaussian Splatting", "Ningjing Fan, Yiqun Wang", "2026-07 (Conference: July 19-23, Los Angeles)", "arXiv: cs.GR"),
            (essay.Title, essay.Author, essay.Published, essay.SourceUrl));
        Assert.Equal(["rendering", "gaussian-splatting"], essay.Tags);
        Assert.Equal(["Ref-DGS", "反射高斯"], essay.Aliases);
        Assert.Equal(("核心创新点", "高斯泼溅的反射。"), (Assert.Single(essay.Paragraphs).Section, essay.Paragraphs[0].Text));
        Assert.Equal("Ref-DGS.md:2: front matter is not valid YAML: While scanning a plain scalar value, found invalid mapping; "
            + "read line by line, and the note indexed whole; quoting the value on that line makes it YAML", essay.Warning);

        File.WriteAllText(scratch.Sub("twice.md"), "---\ntitle: 一\nauthor: 某人\ntitle: 二\n---\n正文。\n");
        Assert.Equal(("二", "某人"), (CorpusReader.ReadEssay(scratch.Sub("twice.md")).Title, CorpusReader.ReadEssay(scratch.Sub("twice.md")).Author));
    }

    /// <summary>
    /// Front matter opened on line 1 and never closed loses nothing: the note is read as Obsidian shows it, a rule and text,
    /// its would-be properties a paragraph found as written, and titled as a note without front matter; the warning names the
    /// file and line, and how to mend it. Before, the note was refused, and left out of the command's index.
    /// </summary>
    [Fact]
    public void Front_matter_never_closed_is_read_as_the_notes_text_with_a_warning()
    {
        using var scratch = new ScratchFolder();
        File.WriteAllText(scratch.Sub("open.md"), "---\ntitle: 测试\ntags: [a]\n\n# 正文标题\n\n这是正文第一段，包含超级智能。\n");
        var essay = CorpusReader.ReadEssay(scratch.Sub("open.md"));
        Assert.Equal(("open", "", ""), (essay.Title, essay.Author, essay.Published));
        Assert.Empty(essay.Tags);
        Assert.Equal([("", "title: 测试\ntags: [a]", 2), ("正文标题", "这是正文第一段，包含超级智能。", 7)],
            essay.Paragraphs.Select(p => (p.Section, p.Text, p.Line)));
        Assert.Equal("open.md:1: front matter is never closed with '---'; read as the note's text, as Obsidian shows it, and the note indexed whole; "
            + "a '---' line after its last property makes it front matter", essay.Warning);
    }

    [Fact]
    public void Front_matter_that_is_yaml_gives_no_warning()
    {
        Assert.All(Essays, essay => Assert.Null(essay.Warning));
    }

    /// <summary>
    /// The title is the front matter's, else a '# ' heading that opens the note, else the file name, as Obsidian names a
    /// note: a note of a vault that opens with its first section (## Derivation) was titled by it, as by any first heading.
    /// </summary>
    [Theory]
    [InlineData("## Derivation\n\nBy definition, the conserved charge is\n", "Conserved charge")]
    [InlineData("---\ntags: [physics]\n---\n## Derivation\n\nBy definition.\n", "Conserved charge")]
    [InlineData("By definition.\n\n# Derivation\n\nThe charge.\n", "Conserved charge")]
    [InlineData("**Derivation**\n\nBy definition.\n", "Conserved charge")]
    [InlineData("# Noether charge\n\n## Derivation\n\nBy definition.\n", "Noether charge")]
    [InlineData("---\ntags: [physics]\n---\n# Noether charge\n\nBy definition.\n", "Noether charge")]
    [InlineData("---\ntitle: Charges\n---\n# Noether charge\n\nBy definition.\n", "Charges")]
    public void The_title_is_the_front_matters_or_an_opening_first_level_heading_or_the_file_name(string note, string title)
    {
        using var scratch = new ScratchFolder();
        File.WriteAllText(scratch.Sub("Conserved charge.md"), note);
        Assert.Equal(title, CorpusReader.ReadEssay(scratch.Sub("Conserved charge.md")).Title);
    }

    [Fact]
    public void A_heading_that_is_no_title_stays_a_section_and_a_file_without_headings_takes_its_name()
    {
        using var scratch = new ScratchFolder();
        File.WriteAllText(scratch.Sub("plain.txt"), "只有正文。\n");
        File.WriteAllText(scratch.Sub("headed.md"), "## 小标题\n正文。\n");
        Assert.Equal("plain", CorpusReader.ReadEssay(scratch.Sub("plain.txt")).Title);
        var headed = CorpusReader.ReadEssay(scratch.Sub("headed.md"));
        Assert.Equal("headed", headed.Title);
        Assert.Equal("小标题", headed.Paragraphs.Single().Section);
    }

    [Fact]
    public void Invalid_utf8_is_an_error_naming_the_file_and_byte_offset()
    {
        using var scratch = new ScratchFolder();
        string path = scratch.Sub("gb.txt");
        File.WriteAllBytes(path, [.. "abc"u8, 0xC4, 0xE3, 0xBA, 0xC3]); // 你好 in GB18030
        var error = Assert.Throws<EssaySearchException>(() => CorpusReader.ReadEssay(path));
        Assert.Contains("gb.txt", error.Message);
        Assert.Contains("byte offset 3", error.Message);
    }
}
