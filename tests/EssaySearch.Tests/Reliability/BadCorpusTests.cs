using System.Text;
using EssaySearch.Corpus;
using EssaySearch.Indexing;
using EssaySearch.Searching;
using EssaySearch.Tests.Cli;
using EssaySearch.Schema;

namespace EssaySearch.Tests.Reliability;

/// <summary>
/// Files a seeds folder should not hold, or holds in odd shapes. A file that cannot be read fails the whole
/// build, naming the file, and the previous index stays as it was: an index never silently lacks an essay. With
/// <see cref="BuildOptions.LeaveOutUnreadable"/> (as the command builds), it is left out instead, and the index says so.
/// </summary>
public sealed class BadCorpusTests : IDisposable
{
    private static readonly Encoding Gb18030 = GetGb18030();

    private readonly ScratchFolder scratch = new();
    private readonly BuildOptions options;

    public BadCorpusTests()
    {
        options = new BuildOptions(scratch.CopyOfSeeds(), scratch.Sub("index"));
        IndexBuilder.Build(options);
    }

    public void Dispose() => scratch.Dispose();

    private static Encoding GetGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("gb18030");
    }

    private void AddFile(string name, byte[] bytes) => File.WriteAllBytes(Path.Combine(options.SeedsFolder, name), bytes);

    private void AddFile(string name, string text) => File.WriteAllText(Path.Combine(options.SeedsFolder, name), text);

    /// <summary>The build fails naming the file, and the index built before still answers as before.</summary>
    private EssaySearchException AssertBuildFailsKeepingTheIndex(BuildOptions build, string fileName)
    {
        var error = Assert.Throws<EssaySearchException>(() => IndexBuilder.Build(build));
        Assert.StartsWith(fileName, error.Message);
        using var engine = SearchEngine.Open(options.IndexFolder);
        Assert.Equal(5, engine.Search("超级智能").Total);
        Assert.Equal(["current"], Directory.GetDirectories(options.IndexFolder).Select(Path.GetFileName));
        return error;
    }

    /// <summary>
    /// Left out: every other file is indexed; the manifest names the files left out and why, and freshness says so; a file
    /// left out is read again once it changes, or once the fallback encoding does; an update records what a full build would.
    /// </summary>
    [Fact]
    public void Files_that_cannot_be_read_are_left_out_named_when_asked_and_read_again_once_they_change()
    {
        var lenient = options with { LeaveOutUnreadable = true };
        AddFile("坏.md", "正文" + string.Concat(Enumerable.Repeat("^[", 20_000)) + "\n");
        AddFile("二进制.md", [0x23, 0x20, 0x00, 0x01]);
        AddFile("gbk.txt", Gb18030.GetBytes("# 标题\n量子纠缠是一种奇妙的现象。\n"));
        var built = IndexBuilder.Build(lenient).Manifest;
        Assert.Equal(["gbk.txt", "二进制.md", "坏.md"], built.LeftOut.Select(file => file.Name));
        // Only the file that is not UTF-8 is one a fallback encoding may read; the manifest keeps it so (read back below).
        Assert.Equal([true, false, false], built.LeftOut.Select(file => file.NeedsFallbackEncoding));
        Assert.StartsWith("坏.md: cannot be read as Markdown", built.LeftOut[2].Reason);
        Assert.StartsWith("二进制.md: binary file", built.LeftOut[1].Reason);
        Assert.Equal((5, 2), (built.Files.Count, built.EssayCount));
        Assert.Equal(built, IndexManifest.ReadFrom(options.IndexFolder));
        using (var engine = SearchEngine.Open(options.IndexFolder))
            Assert.Equal(5, engine.Search("超级智能").Total);
        var freshness = IndexBuilder.CheckFreshness(lenient);
        Assert.True(freshness.IsCurrent);
        Assert.EndsWith("; 3 files are left out, as they cannot be read", freshness.Reason);
        Assert.Equal(BuildKind.None, IndexBuilder.Update(lenient).Kind);

        AddFile("坏.md", "正文。\n");
        Assert.False(IndexBuilder.CheckFreshness(lenient).IsCurrent);
        var mended = IndexBuilder.Update(lenient);
        Assert.Equal((BuildKind.Incremental, 1, 0), (mended.Kind, mended.Added, mended.Changed)); // an essay the index did not have
        Assert.Equal(["gbk.txt", "二进制.md"], mended.Manifest.LeftOut.Select(file => file.Name));

        var withEncoding = lenient with { FallbackEncoding = Gb18030 };
        Assert.Equal("the index is stale: it read files that are not UTF-8 as UTF-8 only, not as gb18030", IndexBuilder.CheckFreshness(withEncoding).Reason);
        var reread = IndexBuilder.Update(withEncoding);
        Assert.Equal(BuildKind.Full, reread.Kind); // every file, as one read before may read otherwise now
        var read = reread.Manifest;
        Assert.Equal(["二进制.md"], read.LeftOut.Select(file => file.Name));
        using (var engine = SearchEngine.Open(options.IndexFolder))
            Assert.Equal(1, engine.Search("量子纠缠").Total);
        var full = IndexBuilder.Build(withEncoding with { IndexFolder = scratch.Sub("full") }).Manifest;
        Assert.Equal((full.Fingerprint, full.Paragraphs, full.EssayCount), (read.Fingerprint, read.Paragraphs, read.EssayCount));
        Assert.Equal(full.LeftOut, read.LeftOut);
    }

    /// <summary>
    /// An update counts essays, not files: a file added that cannot be read adds none, and an essay changed so that it can
    /// no longer be read is removed (its paragraphs are gone from the index).
    /// </summary>
    [Fact]
    public void An_update_counts_a_file_left_out_as_no_essay()
    {
        var lenient = options with { LeaveOutUnreadable = true };
        AddFile("二进制.md", [0x23, 0x20, 0x00, 0x01]);
        AddFile("鲸.md", "# 鲸\n\n座头鲸在唱歌。\n");
        var added = IndexBuilder.Update(lenient);
        Assert.Equal((BuildKind.Incremental, 1, 0, 0), (added.Kind, added.Added, added.Changed, added.Removed));
        Assert.Equal(["二进制.md"], added.Manifest.LeftOut.Select(file => file.Name));

        AddFile("鲸.md", [0x23, 0x20, 0x00, 0x02]);
        var broken = IndexBuilder.Update(lenient);
        Assert.Equal((0, 0, 1), (broken.Added, broken.Changed, broken.Removed));
        Assert.Equal(["二进制.md", "鲸.md"], broken.Manifest.LeftOut.Select(file => file.Name));
        using var engine = SearchEngine.Open(options.IndexFolder);
        Assert.Equal(0, engine.Search("座头鲸").Total);
    }

    /// <summary>
    /// A file left out unread (no permission: tests run as root here, so the manifest is written as such a build leaves it)
    /// is read again as soon as it can be opened, though its size and time are as listed: chmod changes neither.
    /// </summary>
    [Fact]
    public void A_file_left_out_unread_is_read_again_once_it_can_be_opened()
    {
        AddFile("locked.md", "# 锁\n\n座头鲸在唱歌。\n");
        var listed = CorpusReader.EssayFiles(options.SeedsFolder).Single(file => file.RelativePath == "locked.md");
        var unread = new CorpusFile(listed.RelativePath, listed.Length, listed.LastWriteUtcTicks, "");
        var manifest = new IndexManifest(ParagraphFields.SchemaVersion, options.Analysis, "", 0, [unread])
        {
            LeftOut = [new LeftOutFile("locked.md", "locked.md: cannot be read (Access to the path is denied.)")],
        };
        Assert.Equal(["locked.md"], manifest.Diff([listed]).Changed.Select(file => file.RelativePath));
        File.Delete(listed.Path); // and as long as it cannot be, it is left as it is
        Assert.Equal([unread], manifest.Diff([listed]).Kept);
    }

    [Fact]
    public void Gb18030_text_is_refused_with_the_byte_offset_unless_its_encoding_is_named()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("# 标题\n"), .. Gb18030.GetBytes("人工智能的新纪元已经到来。")];
        AddFile("gbk.txt", bytes);

        var error = AssertBuildFailsKeepingTheIndex(options, "gbk.txt");
        Assert.Contains($"not valid UTF-8 at byte offset {Encoding.UTF8.GetByteCount("# 标题\n")}", error.Message);
        // The library names what its caller can do (BuildOptions.FallbackEncoding) and leaves the command's options to the command.
        Assert.EndsWith("; convert it to UTF-8, or name a fallback encoding to read it in, such as gb18030", error.Message);
        Assert.DoesNotContain("--", error.Message);
        Assert.DoesNotContain("search index", error.Message);

        IndexBuilder.Build(options with { FallbackEncoding = Gb18030 });
        using var engine = SearchEngine.Open(options.IndexFolder);
        var hit = Assert.Single(engine.Search("新纪元").Hits);
        Assert.Equal(("gbk", "人工智能的新纪元已经到来。"), (hit.Essay, hit.Text));
    }

    [Fact]
    public void Bytes_the_named_encoding_cannot_decode_are_refused_not_replaced()
    {
        AddFile("bad.txt", [.. Encoding.UTF8.GetBytes("正文"), 0x81, 0x20, 0x20]);
        var error = AssertBuildFailsKeepingTheIndex(options with { FallbackEncoding = Gb18030 }, "bad.txt");
        Assert.Contains("neither UTF-8 nor gb18030", error.Message);
        // Nor UTF-16 that its byte order mark promised: no fallback encoding is asked for.
        AddFile("notepad.txt", [0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]);
        var leftOut = IndexBuilder.Build(options with { FallbackEncoding = Gb18030, LeaveOutUnreadable = true }).Manifest.LeftOut;
        Assert.Equal([("bad.txt", false), ("notepad.txt", false)], leftOut.Select(file => (file.Name, file.NeedsFallbackEncoding)));
        Assert.False(Assert.Single(IndexBuilder.Build(options with { LeaveOutUnreadable = true }).Manifest.LeftOut, file => file.Name == "notepad.txt").NeedsFallbackEncoding);
    }

    [Fact]
    public void The_command_reads_gb18030_when_told()
    {
        AddFile("gbk.txt", Gb18030.GetBytes("# 标题\n量子纠缠是一种奇妙的现象。\n"));
        string[] paths = ["--seeds", options.SeedsFolder, "--index", options.IndexFolder];

        // The command says which of its options reads the file, wherever it gives the reason.
        const string reason = "gbk.txt: not valid UTF-8 at byte offset 2; convert it to UTF-8, or name a fallback encoding to read it in, such as gb18030 (search index --encoding gb18030)";
        var refused = SearchCommand.Run("", ["index", .. paths]);
        Assert.Equal(0, refused.Exit);
        Assert.EndsWith($"; 1 file is left out of the index, as it cannot be read\nleft out: {reason}\n", refused.Err.ReplaceLineEndings("\n"));
        var check = SearchCommand.Run("", ["index", "--check", .. paths]);
        Assert.EndsWith($"\nleft out: {reason}\n", check.Err.ReplaceLineEndings("\n"));
        var search = SearchCommand.Run("", ["量子纠缠", .. paths]);
        Assert.Equal(1, search.Exit);
        Assert.StartsWith($"search: note: 1 file is left out of the index, as it cannot be read: {reason}\n", search.Err.ReplaceLineEndings("\n"));

        Assert.Equal(0, SearchCommand.Run("", ["index", "--encoding", "gb18030", .. paths]).Exit);
        var found = SearchCommand.Run("", ["量子纠缠", .. paths]);
        Assert.Equal(0, found.Exit);
        Assert.Contains("量子纠缠是一种奇妙的现象。", found.Out);
    }

    /// <summary>UTF-16 with its byte order mark (Windows Notepad's "Unicode"), either byte order, is read; not taken for a binary file.</summary>
    [Fact]
    public void Utf16_text_with_its_byte_order_mark_is_read()
    {
        AddFile("notepad.txt", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("# 记事本\n量子纠缠是一种奇妙的现象。\n")).ToArray());
        AddFile("big-endian.txt", Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes("# 大端\n量子纠缠也在这里。\n")).ToArray());
        IndexBuilder.Build(options);
        using var engine = SearchEngine.Open(options.IndexFolder);
        Assert.Equal(["量子纠缠也在这里。", "量子纠缠是一种奇妙的现象。"], engine.Search("量子纠缠").Hits.Select(hit => hit.Text).Order());
    }

    [Fact]
    public void Utf16_that_is_not_is_refused_naming_the_file()
    {
        AddFile("broken16.txt", [0xFF, 0xFE, 0x41, 0x00, 0x00, 0xD8, 0x41, 0x00]); // A, a lone high surrogate, A
        var error = AssertBuildFailsKeepingTheIndex(options, "broken16.txt");
        Assert.Contains("not valid UTF-16 at byte offset", error.Message);
    }

    [Fact]
    public void A_binary_file_among_the_essays_fails_the_build_naming_it()
    {
        AddFile("photo.md", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]);
        var error = AssertBuildFailsKeepingTheIndex(options, "photo.md");
        Assert.Contains("binary file (NUL byte at offset 8)", error.Message);
    }

    /// <summary>
    /// Front matter never closed loses nothing, even in a strict build: the note is indexed whole, its would-be properties as
    /// text, as Obsidian shows them, and the build tells it. Before, such a note failed a strict build, and was left out of the
    /// command's.
    /// </summary>
    [Fact]
    public void Front_matter_never_closed_is_indexed_as_text_and_told_by_the_build()
    {
        AddFile("open.md", "---\ntitle: 没有结尾\n\n正文第一段。\n");
        var built = IndexBuilder.Build(options);
        Assert.StartsWith("open.md:1: front matter is never closed with '---'", Assert.Single(built.Warnings));
        Assert.Empty(built.Manifest.LeftOut);
        using var engine = SearchEngine.Open(options.IndexFolder);
        var hit = Assert.Single(engine.Search("没有结尾").Hits);
        Assert.Equal(("open", "title: 没有结尾"), (hit.Title, hit.Text));
        Assert.Equal(1, engine.Search("正文第一段").Total);
    }

    /// <summary>A note that opens with a rule and prose ('---', a blank line, text) is a rule and prose, not front matter never closed.</summary>
    [Fact]
    public void A_note_that_opens_with_a_rule_is_read_as_prose()
    {
        AddFile("rule.md", "---\n\n开头是一条分隔线，然后是正文。\n");
        Assert.Empty(IndexBuilder.Build(options).Warnings);
        using var engine = SearchEngine.Open(options.IndexFolder);
        Assert.Equal("开头是一条分隔线，然后是正文。", Assert.Single(engine.Search("分隔线").Hits).Text);
    }

    /// <summary>
    /// Front matter that is not valid YAML (a value holding ': ', which Obsidian shows all the same; one YamlDotNet fails on
    /// with its own state error) loses nothing, even in a strict build: the note is indexed, its front matter read line by
    /// line, and the build that reads it tells it, naming the file and line; the index does not keep it. Before, such a note
    /// failed a strict build, and was left out of the command's.
    /// </summary>
    [Fact]
    public void Front_matter_that_is_not_yaml_is_read_line_by_line_and_told_by_the_build_that_reads_it()
    {
        AddFile("Ref-DGS.md", "---\ntitle: Ref-DGS: Reflective Dual Gaussian Splatting\ndate: 2026-07\n---\n\n高斯泼溅的反射。\n");
        AddFile("broken.md", "---\nUID: 1\n[[alias:\nbanner: \"x\n---\n正文。\n");
        var built = IndexBuilder.Build(options);
        Assert.Equal(
            [
                "Ref-DGS.md:2: front matter is not valid YAML: While scanning a plain scalar value, found invalid mapping; read line by line, and the note indexed whole; quoting the value on that line makes it YAML",
                "broken.md:2: front matter is not valid YAML past this line; read line by line, and the note indexed whole",
            ],
            built.Warnings);
        Assert.Empty(built.Manifest.LeftOut);
        using (var engine = SearchEngine.Open(options.IndexFolder))
        {
            var hit = Assert.Single(engine.Search("反射").Hits);
            Assert.Equal(("Ref-DGS: Reflective Dual Gaussian Splatting", "2026-07"), (hit.Title, hit.Published));
        }

        AddFile("新.md", "# 新\n\n座头鲸在唱歌。\n");
        Assert.Empty(IndexBuilder.Update(options).Warnings);
        Assert.Equal(2, IndexBuilder.Build(options).Warnings.Count);
    }

    [Fact]
    public void Markdown_nested_past_markdigs_limit_fails_the_build_naming_the_file()
    {
        AddFile("deep.md", "正文" + string.Concat(Enumerable.Repeat("^[", 20_000)) + "\n");
        var error = AssertBuildFailsKeepingTheIndex(options, "deep");
        Assert.Contains("too deeply nested", error.Message);
    }

    /// <summary>
    /// A file of front matter or a title alone (a clipped bookmark) is an essay without paragraphs, indexed as one empty
    /// paragraph numbered 0 so that its title, author and tags find it; it is listed with no paragraphs.
    /// </summary>
    [Fact]
    public void Empty_and_front_matter_only_files_are_essays_without_paragraphs_found_by_their_metadata()
    {
        AddFile("empty.md", "");
        AddFile("meta-only.md", "---\ntitle: 只有元数据\nauthor: 某人\ntags: [书签]\n---\n");
        AddFile("title-only.md", "# 只有一个标题\n");

        var manifest = IndexBuilder.Build(options).Manifest;

        Assert.Equal(5, manifest.Files.Count);
        Assert.Equal(67 + 3, manifest.Paragraphs); // the seeds' paragraphs, and one stand-in for each essay without any
        var metaOnly = CorpusReader.ReadEssay(Path.Combine(options.SeedsFolder, "meta-only.md"));
        Assert.Equal(("只有元数据", "某人", 0), (metaOnly.Title, metaOnly.Author, metaOnly.Paragraphs.Count));
        using (var engine = SearchEngine.Open(options.IndexFolder))
        {
            foreach (var query in new[] { "只有元数据", "author:某人", "某人", "书签", "tag:书签" })
            {
                var hit = Assert.Single(engine.Search(query).Hits);
                Assert.Equal(("meta-only", 0, "", 1), (hit.Essay, hit.Paragraph, hit.Text, hit.Line));
            }
            Assert.Equal("title-only", Assert.Single(engine.Search("只有一个标题").Hits).Essay);
            Assert.Equal("empty", Assert.Single(engine.Search("title:empty").Hits).Essay); // titled by its file name
            Assert.Equal(5, engine.Search("超级智能").Total); // text queries find text alone, as before
            Assert.Equal(0, engine.Essays().Single(essay => essay.Essay == "meta-only").Paragraphs);
            Assert.Empty(engine.ReadEssay("meta-only")!.Paragraphs);
        }

        // An update counts as a full build does: the stand-in goes with its essay, and comes when an essay is emptied.
        File.Delete(Path.Combine(options.SeedsFolder, "meta-only.md"));
        AddFile("title-only.md", "# 只有一个标题\n\n现在有了正文。\n");
        var updated = IndexBuilder.Update(options);
        Assert.Equal(BuildKind.Incremental, updated.Kind);
        Assert.Equal(67 + 1 + 1, updated.Manifest.Paragraphs);
        Assert.Equal(updated.Manifest.Paragraphs, IndexBuilder.Build(options).Manifest.Paragraphs);
    }

    [Fact]
    public void File_names_with_spaces_and_chinese_characters_are_essay_ids()
    {
        AddFile("我的 文章 2025.md", "# 随笔\n\n蓝鲸是地球上最大的动物。\n");
        IndexBuilder.Build(options);

        using var engine = SearchEngine.Open(options.IndexFolder);
        var hit = Assert.Single(engine.Search("蓝鲸").Hits);
        Assert.Equal(("我的 文章 2025", "随笔"), (hit.Essay, hit.Title));
        Assert.Equal(1, engine.Search("essay:\"我的 文章 2025\"").Total);
    }

    [Fact]
    public void A_50_MB_single_paragraph_file_is_indexed_within_a_512_MB_heap()
    {
        const string sentence = "人工智能正在改变世界，超级智能也许会在2030年到来。OpenAI 的 GPT-4 和 o3 模型很强大。";
        byte[] unit = Encoding.UTF8.GetBytes(sentence);
        string seeds = scratch.Sub("big");
        Directory.CreateDirectory(seeds);
        using (var file = File.Create(Path.Combine(seeds, "big.txt")))
            for (long written = 0; written < 50L * 1024 * 1024; written += unit.Length)
                file.Write(unit);
        string[] paths = ["--seeds", seeds, "--index", scratch.Sub("big-index")];
        // The GC's hard limit turns "uses too much memory" into a failed build instead of a slow machine.
        var limit = new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x20000000" };

        var build = SearchCommand.RunProcess(["index", .. paths], limit);
        Assert.True(build.Exit == 0, build.Err);
        Assert.Contains("indexed 1 paragraph of 1 essay", build.Err);

        var search = SearchCommand.RunProcess(["超级智能", "--json", .. paths], limit);
        Assert.True(search.Exit == 0, search.Err);
        using var json = System.Text.Json.JsonDocument.Parse(search.Out);
        var hit = json.RootElement.GetProperty("hits")[0];
        Assert.True(hit.GetProperty("text").GetString()!.Length > 15_000_000);
        Assert.InRange(hit.GetProperty("snippet").GetString()!.Length, 1, 122);
    }
}
