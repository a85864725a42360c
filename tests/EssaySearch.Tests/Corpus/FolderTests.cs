using EssaySearch.Corpus;
using EssaySearch.Indexing;
using EssaySearch.Searching;
using EssaySearch.Schema;

namespace EssaySearch.Tests.Corpus;

/// <summary>Seeds folders as archives hold them: subfolders, hidden tool folders, links, files moved about.</summary>
public sealed class FolderTests : IDisposable
{
    private readonly ScratchFolder scratch = new();
    private readonly string seeds;

    public FolderTests() => seeds = scratch.Sub("vault");

    public void Dispose() => scratch.Dispose();

    private void Write(string relativePath, string text)
    {
        string path = Path.Combine(seeds, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>The seeds folder built into a fresh index, opened.</summary>
    private SearchEngine BuildAndOpen()
    {
        var options = new BuildOptions(seeds, scratch.Sub("index"));
        IndexBuilder.Build(options);
        return SearchEngine.Open(options.IndexFolder);
    }

    [Fact]
    public void Subfolders_are_read_in_ordinal_path_order_with_paths_as_ids_and_hidden_folders_skipped()
    {
        Write("随笔/二〇二五/超级智能.md", "# 超级智能\n\n深层的文章。\n");
        Write("随笔/奇点.markdown", "奇点的文章。\n");
        Write("a.txt", "顶层的文章。\n");
        Write("Z.md", "大写字母开头。\n");
        Write(".obsidian/workspace.md", "编辑器的设置。\n");
        Write(".git/notes.md", "版本库。\n");
        Write("随笔/.draft.md", "隐藏的草稿。\n");
        Write("随笔/图片.png", "不是文章");

        var files = CorpusReader.EssayFiles(seeds);
        Assert.Equal(["Z.md", "a.txt", "随笔/二〇二五/超级智能.md", "随笔/奇点.markdown"], files.Select(f => f.RelativePath));
        Assert.Equal(["Z", "a", "随笔/二〇二五/超级智能", "随笔/奇点"], CorpusReader.ReadFolder(seeds).Select(e => e.Id));
        Assert.Equal("奇点", CorpusReader.ReadFolder(seeds)[3].Title); // no heading: the file name, without its folders
    }

    [Fact]
    public void A_folder_with_essays_only_in_subfolders_is_indexed_and_searched_by_path()
    {
        Write("2024/一月/第一篇.md", "人工智能的新纪元。\n");
        Write("2025/第二篇.md", "奇点临近。\n");
        var options = new BuildOptions(seeds, scratch.Sub("index"));
        Assert.Equal(2, IndexBuilder.Build(options).Manifest.Paragraphs);
        using var engine = SearchEngine.Open(options.IndexFolder);
        var hit = Assert.Single(engine.Search("新纪元").Hits);
        Assert.Equal("2024/一月/第一篇", hit.Essay);
        Assert.Single(engine.Search("essay:\"2025/第二篇\"").Hits);
    }

    /// <summary>
    /// A search can be kept to a folder: <c>essay:</c> with a trailing <c>*</c> matches the essays whose path starts so, in
    /// the path's own case (a vault's folders are often capitalized: 01-Papers), where the query parser lowered it.
    /// </summary>
    [Fact]
    public void An_essay_path_prefix_keeps_a_search_to_a_folder_in_the_paths_case()
    {
        Write("Notes/01-Papers/2026-07/流体.md", "流体模拟的论文。\n");
        Write("Notes/01-Papers/2026-08/渲染.md", "神经渲染与流体。\n");
        Write("notes/other.md", "另一篇流体笔记。\n");
        using var engine = BuildAndOpen();
        Assert.Equal(["Notes/01-Papers/2026-07/流体"], engine.Search("essay:Notes/01-Papers/2026-07/*").Hits.Select(hit => hit.Essay));
        Assert.Equal(["Notes/01-Papers/2026-07/流体", "Notes/01-Papers/2026-08/渲染"], engine.Search("流体 essay:Notes/01-Papers*").Hits.Select(hit => hit.Essay).Order(StringComparer.Ordinal));
        Assert.Equal(["notes/other"], engine.Search("essay:notes*").Hits.Select(hit => hit.Essay));
    }

    [Fact]
    public void A_symbolic_link_loop_is_entered_once()
    {
        Write("文章.md", "正文。\n");
        Write("子/深处.md", "更深的正文。\n");
        Directory.CreateSymbolicLink(Path.Combine(seeds, "子", "回到顶层"), seeds);
        Directory.CreateSymbolicLink(Path.Combine(seeds, "环"), Path.Combine(seeds, "环"));   // a link to itself
        File.CreateSymbolicLink(Path.Combine(seeds, "断开.md"), Path.Combine(seeds, "不存在.md"));
        File.CreateSymbolicLink(Path.Combine(seeds, "自环.md"), Path.Combine(seeds, "自环.md")); // an essay's name, leading to itself

        Assert.Equal(["子/深处.md", "文章.md"], CorpusReader.EssayFiles(seeds).Select(f => f.RelativePath));
    }

    /// <summary>
    /// A named pipe, a socket or a device by an essay's name is no essay: .NET lists each as an empty file, and opening
    /// the pipe would wait for a writer for ever, reading the device never end. Passed over, as ripgrep passes over them.
    /// </summary>
    [Fact]
    public async Task Named_pipes_sockets_and_devices_by_an_essays_name_are_passed_over()
    {
        if (!OperatingSystem.IsLinux())
            return; // only Linux is asked what a file is
        Write("文章.md", "正文。\n");
        Write("空.md", "");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [Path.Combine(seeds, "管道.md")]))
            mkfifo.WaitForExit();
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        socket.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(Path.Combine(seeds, "套接字.md")));
        File.CreateSymbolicLink(Path.Combine(seeds, "零.md"), "/dev/zero");
        Directory.CreateDirectory(Path.Combine(seeds, "子"));
        File.CreateSymbolicLink(Path.Combine(seeds, "子", "空设备.txt"), "/dev/null");
        Assert.Equal(6, Directory.GetFiles(seeds, "*", SearchOption.AllDirectories).Length); // all files, to .NET

        Assert.Equal(["文章.md", "空.md"], CorpusReader.EssayFiles(seeds).Select(f => f.RelativePath));
        var options = new BuildOptions(seeds, scratch.Sub("index"));
        var build = await Task.Run(() => IndexBuilder.Build(options)).WaitAsync(TimeSpan.FromSeconds(60)); // not for ever on the pipe
        Assert.Equal(2, build.Manifest.Paragraphs); // 文章's, and the stand-in of 空, an essay without paragraphs
    }

    [Fact]
    public void A_linked_folder_outside_the_seeds_is_read_as_part_of_them()
    {
        string outside = scratch.Sub("elsewhere");
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "外面.md"), "外面的文章。\n");
        Write("里面.md", "里面的文章。\n");
        Directory.CreateSymbolicLink(Path.Combine(seeds, "链接"), outside);
        Assert.Equal(["里面.md", "链接/外面.md"], CorpusReader.EssayFiles(seeds).Select(f => f.RelativePath));
    }

    [Fact]
    public void A_current_index_of_one_essay_says_so_in_the_singular()
    {
        Write("唯一.md", "只有一段。\n");
        var options = new BuildOptions(seeds, scratch.Sub("index"));
        IndexBuilder.Build(options);
        Assert.Equal("the index is current: 1 essay, 1 paragraph", IndexBuilder.CheckFreshness(options).Reason);
        Write("第二篇.md", "第一段。\n\n第二段。\n");
        IndexBuilder.Update(options);
        Assert.Equal("the index is current: 2 essays, 3 paragraphs", IndexBuilder.CheckFreshness(options).Reason);
    }

    [Fact]
    public void Editing_the_file_a_link_leads_to_makes_the_index_stale()
    {
        string outside = scratch.Sub("elsewhere");
        Directory.CreateDirectory(outside);
        string target = Path.Combine(outside, "外面.md");
        File.WriteAllText(target, "外面的文章。\n");
        File.SetLastWriteTimeUtc(target, DateTime.UtcNow.AddHours(-1));
        Write("里面.md", "里面的文章。\n");
        File.CreateSymbolicLink(Path.Combine(seeds, "链接.md"), target);
        Thread.Sleep(1100); // the link itself old enough for its time to be trusted (CorpusFile.TrustedAge), as in a vault made long ago
        var options = new BuildOptions(seeds, scratch.Sub("index"));
        IndexBuilder.Build(options);
        Assert.True(IndexBuilder.CheckFreshness(options).IsCurrent);

        File.AppendAllText(target, "后来加上的一句。\n"); // the link is untouched: same size, same time
        var freshness = IndexBuilder.CheckFreshness(options);
        Assert.Equal("the index is stale: 链接.md changed since it was built", freshness.Reason);
        IndexBuilder.Update(options);
        using var engine = SearchEngine.Open(options.IndexFolder);
        Assert.Single(engine.Search("后来加上").Hits);
    }

    [Fact]
    public void Two_files_that_would_be_the_same_essay_are_an_error_naming_both()
    {
        Write("笔记.md", "一。\n");
        Write("笔记.mdx.md", "sorts between the two. \n");
        Write("笔记.txt", "二。\n");
        var error = Assert.Throws<EssaySearchException>(() => CorpusReader.EssayFiles(seeds));
        Assert.Equal("笔记.md and 笔记.txt would be the same essay '笔记'; rename all but one of them", error.Message);
        Assert.Equal(["笔记.md", "笔记.txt"], error.SameEssayFiles);
    }

    [Fact]
    public void Moving_a_file_to_another_folder_makes_the_index_stale()
    {
        Write("文章.md", "正文。\n");
        Write("另一篇.md", "另一篇的正文。\n");
        var options = new BuildOptions(seeds, scratch.Sub("index"));
        IndexBuilder.Build(options);
        Assert.True(IndexBuilder.CheckFreshness(options).IsCurrent);

        Directory.CreateDirectory(Path.Combine(seeds, "归档"));
        File.Move(Path.Combine(seeds, "文章.md"), Path.Combine(seeds, "归档", "文章.md"));
        var freshness = IndexBuilder.CheckFreshness(options);
        Assert.False(freshness.IsCurrent);
        Assert.Equal("the index is stale: 归档/文章.md was added since it was built", freshness.Reason);
    }

    [Fact]
    public void File_names_with_tabs_and_line_feeds_survive_the_manifest()
    {
        string[] names = ["制表\t符.md", "换行\n符.md", "回车\r符.md", "分行\u2028符.md", "后来.md"];
        var written = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        foreach (var name in names)
        {
            Write(name, "正文。\n");
            File.SetLastWriteTimeUtc(Path.Combine(seeds, name), written); // old enough to be recorded
        }
        var options = new BuildOptions(seeds, scratch.Sub("index"));
        var built = IndexBuilder.Build(options).Manifest;
        Assert.Equal(names.Order(StringComparer.Ordinal), built.Files.Select(f => f.Name));
        Assert.True(IndexBuilder.CheckFreshness(options).IsCurrent);
        using var engine = SearchEngine.Open(options.IndexFolder);
        Assert.All(engine.Manifest.Files, file => Assert.Equal(written.Ticks, file.LastWriteUtcTicks)); // read back, each beside its name
    }

    [Fact]
    public void Files_added_changed_and_removed_anywhere_in_the_listing_are_each_found_once()
    {
        foreach (var name in new[] { "b.md", "d.md", "f.md", "h.md", "zz.md" })
            Write(name, $"{name} 的正文。\n");
        var options = new BuildOptions(seeds, scratch.Sub("index"));
        var built = IndexBuilder.Build(options).Manifest;

        Write("a.md", "排在最前。\n");
        Write("e.md", "排在中间。\n");
        Write("z/i.md", "排在最后。\n");
        File.Delete(Path.Combine(seeds, "d.md"));
        File.Delete(Path.Combine(seeds, "h.md"));
        File.Delete(Path.Combine(seeds, "zz.md")); // after the last file listed
        Write("f.md", "改过的正文，长度也变了。\n");
        var changes = built.Diff(CorpusReader.EssayFiles(seeds));

        Assert.Equal(["a.md", "e.md", "z/i.md"], changes.Added.Select(f => f.RelativePath));
        Assert.Equal(["f.md"], changes.Changed.Select(f => f.RelativePath));
        Assert.Equal(["d.md", "h.md", "zz.md"], changes.Removed.Select(f => f.Name));
        Assert.Equal(["b.md"], changes.Kept.Select(f => f.Name));
    }

    [Fact]
    public void A_hit_names_its_file_among_files_whose_names_begin_alike()
    {
        Write("笔记-二.txt", "第二篇讲蜻蜓。\n");
        Write("笔记.A.md", "有点的文件名讲蝴蝶。\n");
        Write("笔记.MD", "大写扩展名讲蜜蜂。\n");
        Write("笔记/三.markdown", "子文件夹讲蚂蚁。\n");
        using var engine = BuildAndOpen();
        Assert.Equal("笔记-二.txt", Assert.Single(engine.Search("蜻蜓").Hits).File);
        Assert.Equal("笔记.A.md", Assert.Single(engine.Search("蝴蝶").Hits).File);
        Assert.Equal("笔记.MD", Assert.Single(engine.Search("蜜蜂").Hits).File);
        Assert.Equal("笔记/三.markdown", Assert.Single(engine.Search("蚂蚁").Hits).File);
        Assert.Equal(["笔记-二.txt", "笔记.A.md", "笔记.MD", "笔记/三.markdown"], engine.Essays().Select(e => e.File));
    }
}
