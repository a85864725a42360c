using System.Text.Json;
using EssaySearch.Cli;

namespace EssaySearch.Tests.Cli;

/// <summary>The <c>search</c> command end to end, through its entry point and, where the terminal matters, as a real process.</summary>
public sealed class CliTests : IDisposable
{
    private readonly ScratchFolder scratch = new();
    private readonly string seeds, index;

    public CliTests()
    {
        seeds = scratch.CopyOfSeeds();
        index = scratch.Sub("index");
    }

    public void Dispose() => scratch.Dispose();

    private CliRun RunWithInput(string stdin, params string[] args) => SearchCommand.Run(stdin, [.. args, "--seeds", seeds, "--index", index]);

    private CliRun Run(params string[] args) => RunWithInput("", args);

    [Fact]
    public void Human_output_lists_ranked_hits_and_builds_a_missing_index_first()
    {
        var (exit, output, error) = Run("超级智能");
        Assert.Equal(0, exit);
        Assert.Contains("building the index first", error);
        Assert.StartsWith("1. ", output);
        Assert.Contains("¶", output);
        Assert.Equal(5, output.Split('\n').Count(line => line.Contains("超级智能")));
        Assert.DoesNotContain('\u001b', output);
    }

    /// <summary>
    /// The fields a query can name are listed alike wherever they are written by hand: in the engine's error for a field it
    /// does not know, in <c>search --help</c> and in the README.
    /// </summary>
    [Fact]
    public void The_searchable_fields_are_listed_alike_everywhere()
    {
        static string[] Listed(string text, string pattern) =>
            System.Text.RegularExpressions.Regex.Match(text, pattern).Groups[1].Value.Replace(" and ", ", ").Replace("`", "")
                .Split(", ", StringSplitOptions.TrimEntries).Order().ToArray();
        var unknown = Run("--json", "nofield:智能");
        var engine = Listed(JsonDocument.Parse(unknown.Out).RootElement.GetProperty("notice").GetString()!, @"\(fields: ([^)]*)\)");
        Assert.Equal(7, engine.Length);
        Assert.Equal(engine, Listed(Run("--help").Out, "field search: ([^\n]*)"));
        Assert.Equal(engine, Listed(File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "README.md")), @"record`\. (`[^;]*) are searchable as `field:value`"));
    }

    /// <summary>An essay of front matter alone is a hit of its title and file, without a paragraph number or an empty snippet line.</summary>
    [Fact]
    public void An_essay_without_paragraphs_is_shown_by_its_title_and_file_alone()
    {
        File.WriteAllText(Path.Combine(seeds, "书签.md"), "---\ntitle: 收藏的一篇文章\nsource: https://example.com/a\n---\n");
        var (exit, output, _) = Run("收藏的一篇文章");
        Assert.Equal(0, exit);
        Assert.Equal(["1. 收藏的一篇文章  书签.md:1"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line[..line.LastIndexOf(" (")]));
    }

    /// <summary>
    /// A search that finds its index stale while another build holds it (a watcher's full rebuild of a large archive)
    /// waits briefly, then answers from the index as it was, with a note, rather than for the whole rebuild.
    /// </summary>
    [Fact]
    public void A_search_answers_from_the_index_as_it_was_while_another_build_holds_it()
    {
        Assert.Equal(0, Run("index").Exit);
        File.WriteAllText(Path.Combine(seeds, "新.md"), "# 新\n\n座头鲸在唱歌。\n");
        using (new EssaySearch.Schema.IndexFolder(index).AcquireBuildLock(TimeSpan.Zero))
        {
            var (exit, output, error) = Run("超级智能");
            Assert.Equal(0, exit);
            Assert.Equal(5, output.Split('\n').Count(line => line.Contains("超级智能")));
            Assert.Contains("search: note: another build of the index is under way; searching the index as it was", error);
            Assert.Equal(1, Run("座头鲸").Exit); // not yet indexed
        }
        Assert.Equal(0, Run("座头鲸").Exit);
    }

    /// <summary>A paragraph of several lines (a code block) is indented line by line under its hit, not at the margin.</summary>
    [Fact]
    public void A_code_blocks_lines_stay_under_their_hit()
    {
        File.WriteAllText(Path.Combine(seeds, "代码.md"), "# 查询\n\n```sql\nSELECT email\nFROM 用户表;\n```\n");
        var (exit, output, _) = Run("用户表");
        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["   SELECT email", "   FROM 用户表;"], lines[1..]);
    }

    /// <summary>
    /// An essay that cannot be read is left out of the index, and every search says so naming it; the rest is indexed and
    /// found, with or without an index before (a vault with a few notes a plugin wrote oddly is searchable at once).
    /// <c>search index --check</c> fails on it, listing it; once it is mended, it is read again.
    /// </summary>
    [Fact]
    public void An_essay_that_cannot_be_read_is_left_out_and_every_search_says_so()
    {
        const string note = "search: note: 1 file is left out of the index, as it cannot be read: 坏.md: binary file (NUL byte at offset 30); only text files are indexed";
        Assert.Equal(0, Run("index").Exit);
        File.WriteAllText(Path.Combine(seeds, "坏.md"), "超级智能在坏文件里。\0");
        File.WriteAllText(Path.Combine(seeds, "新.md"), "# 新\n\n座头鲸在唱歌。\n");
        foreach (bool fromScratch in new[] { false, true })
        {
            if (fromScratch)
                Directory.Delete(index, recursive: true);
            var search = Run("超级智能");
            Assert.Equal(0, search.Exit);
            Assert.Equal(5, search.Out.Split('\n').Count(line => line.Contains("超级智能")));
            Assert.Contains(note, search.Err);
            Assert.DoesNotContain("   at ", search.Err);
            Assert.Equal(0, Run("座头鲸").Exit); // the file added beside it is indexed
        }
        var update = Run("index");
        Assert.Equal(0, update.Exit);
        Assert.Contains("; 1 file is left out of the index, as it cannot be read\nleft out: 坏.md: binary file", update.Err.ReplaceLineEndings("\n"));
        var check = Run("index", "--check");
        Assert.Equal(1, check.Exit);
        Assert.Contains("left out: 坏.md: binary file", check.Err);

        File.WriteAllText(Path.Combine(seeds, "坏.md"), "超级智能在修好的文件里。\n");
        var mended = Run("超级智能");
        Assert.Equal(6, mended.Out.Split('\n').Count(line => line.Contains("超级智能")));
        Assert.DoesNotContain("left out", mended.Err);
        Assert.Equal(0, Run("index", "--check").Exit);
    }

    /// <summary>
    /// Many files left out are one short line on every search (how many, and which command lists them), and on a batch's
    /// stderr once, not a file's reason each time; <c>search index</c> and <c>--check</c> list each, a line apiece.
    /// </summary>
    [Fact]
    public void Many_files_left_out_are_counted_on_a_search_and_listed_by_the_index_commands()
    {
        string[] bad = ["坏1.md", "坏2.md", "坏3.md"];
        foreach (string name in bad)
            File.WriteAllText(Path.Combine(seeds, name), "超级智能在坏文件里。\0");
        string[] listed = bad.Select(name => $"left out: {name}: binary file (NUL byte at offset 30); only text files are indexed").ToArray();
        static string[] Lines(string err) => err.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var build = Run("index");
        Assert.Equal(0, build.Exit);
        Assert.Matches(@"^indexed 67 paragraphs of 2 essays into '.*' in \d+\.\d\d s; 3 files are left out of the index, as they cannot be read$", Lines(build.Err)[0]);
        Assert.Equal(listed, Lines(build.Err)[1..]);

        const string note = "search: note: 3 files are left out of the index, as they cannot be read (`search index --check` lists them)";
        var search = Run("超级智能");
        Assert.Equal(0, search.Exit);
        Assert.Equal([note], Lines(search.Err));
        var batch = RunWithInput("超级智能\n智能\n", "--batch");
        Assert.Equal(0, batch.Exit);
        Assert.Equal([note], Lines(batch.Err));

        var check = Run("index", "--check");
        Assert.Equal(1, check.Exit);
        Assert.Equal(["the index is current: 2 essays, 67 paragraphs; 3 files are left out, as they cannot be read", .. listed], Lines(check.Err));
    }

    /// <summary>
    /// A note whose front matter is not valid YAML (a title with ': ' in it, unquoted), or never closed, is indexed, nothing left
    /// out, and the command whose build reads it says so once, naming the file and line: a search that builds, in one line (the
    /// warning, or how many and what names them); <c>search index</c>, a line apiece, counted on its result line. The index keeps no
    /// warning: <c>--check</c> passes.
    /// </summary>
    [Fact]
    public void Front_matter_that_is_not_yaml_is_told_once_by_the_build_that_reads_it_and_nothing_is_left_out()
    {
        const string note = "---\ntitle: Ref-DGS: Reflective Dual Gaussian Splatting\n---\n\n超级智能在论文笔记里。\n";
        const string warning = "Ref-DGS.md:2: front matter is not valid YAML: While scanning a plain scalar value, found invalid mapping; read line by line, and the note indexed whole; quoting the value on that line makes it YAML";
        File.WriteAllText(Path.Combine(seeds, "Ref-DGS.md"), note);
        var search = Run("超级智能");
        Assert.Equal(0, search.Exit);
        Assert.EndsWith($"\nsearch: warning: {warning}\n", search.Err.ReplaceLineEndings("\n"));
        Assert.Contains("Ref-DGS: Reflective Dual Gaussian Splatting", search.Out);
        Assert.Equal("", Run("超级智能").Err);

        var build = Run("index", "--full");
        Assert.Matches(@"^indexed 68 paragraphs of 3 essays into '.*' in \d+\.\d\d s; 1 file is indexed with a warning\nwarning: " + System.Text.RegularExpressions.Regex.Escape(warning) + "\n$",
            build.Err.ReplaceLineEndings("\n"));
        Assert.Equal(0, Run("index", "--check").Exit);

        File.WriteAllText(Path.Combine(seeds, "open.md"), "---\ntitle: 测试\n\n超级智能在没有结尾的笔记里。\n");
        Directory.Delete(index, recursive: true);
        var both = Run("超级智能");
        Assert.EndsWith("\nsearch: warning: the front matter of 2 files is not valid YAML or never closed; the notes are indexed whole (`search index --full` names them)\n",
            both.Err.ReplaceLineEndings("\n"));
        Assert.Contains("超级智能在没有结尾的笔记里。", both.Out);
        var rebuilt = Run("index", "--full").Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith("; 2 files are indexed with warnings", rebuilt[0]);
        Assert.Equal(["warning: Ref-DGS.md:2", "warning: open.md:1"], rebuilt[1..].Select(line => line.Split(": front matter")[0]));
    }

    /// <summary>
    /// <c>search index --check</c> reads the index's manifest once, not again for what it left out nor before for where it was
    /// built from (a large vault's is 17 MB): the file times beside the manifest, read with every reading of it, are read once.
    /// </summary>
    [Fact]
    public void The_check_reads_the_manifest_once()
    {
        if (!OperatingSystem.IsLinux())
            return; // reads are heard through inotify's IN_ACCESS; elsewhere a watcher may not be told of them
        File.WriteAllText(Path.Combine(seeds, "坏.md"), "超级智能在坏文件里。\0");
        Assert.Equal(0, Run("index").Exit);
        string build = Path.Combine(index, "current");
        int reads = 0;
        using var sentinelSeen = new ManualResetEventSlim();
        // Reads are told as changes of the last access time (inotify's IN_ACCESS), whatever the file system records.
        using var watcher = new FileSystemWatcher(build) { NotifyFilter = NotifyFilters.LastAccess | NotifyFilters.FileName };
        watcher.Changed += (_, e) =>
        {
            if (e.Name == "file-times")
                Interlocked.Increment(ref reads);
        };
        watcher.Created += (_, e) =>
        {
            if (e.Name == "sentinel")
                sentinelSeen.Set();
        };
        watcher.EnableRaisingEvents = true;

        var check = Run("index", "--check");
        Assert.Equal(1, check.Exit);
        Assert.StartsWith("the index is current: 2 essays, 67 paragraphs; 1 file is left out, as it cannot be read\nleft out: 坏.md: binary file", check.Err.ReplaceLineEndings("\n"));
        File.WriteAllText(Path.Combine(build, "sentinel"), ""); // told after every event before it
        Assert.True(sentinelSeen.Wait(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, reads);
    }

    /// <summary>
    /// Names in GBK (as archives made on Chinese Windows write them) are not UTF-8, and .NET can open nothing by them:
    /// a folder or a file so named is one bad entry, named with what to do, not the end of every search.
    /// </summary>
    [Theory]
    [InlineData("folder", "the seeds folder could not be checked", "cannot list the folder")]
    [InlineData("file", "1 file is left out of the index, as it cannot be read", "cannot be read")]
    [InlineData("link", "1 file is left out of the index, as it cannot be read", "cannot be read")] // not taken for a link that leads nowhere
    public void A_name_that_is_not_utf8_is_one_bad_entry_named_with_what_to_do(string kind, string note, string failure)
    {
        Assert.Equal(0, Run("index").Exit);
        if (!NonUtf8Names.MakeEssay(seeds, kind))
            return; // this system keeps names in UTF-8 (or UTF-16): nothing to go wrong
        try
        {
            var search = Run("超级智能");
            Assert.Equal(0, search.Exit);
            Assert.Equal(5, search.Out.Split('\n').Count(line => line.Contains("超级智能")));
            Assert.Contains($"search: note: {note}: \uFFFD\uFFFD\uFFFD\uFFFD", search.Err);
            Assert.Contains($"{failure}: its name is not UTF-8", search.Err);
            Assert.Contains("convmv -f gbk -t utf-8", search.Err);
            // Asked for, an update fails on a folder it cannot list, and leaves a file it cannot open out, naming it.
            var update = Run("index");
            if (kind == "folder")
                update.AssertOneLineError();
            else
                Assert.Equal(0, update.Exit);
            Assert.Contains($"{failure}: its name is not UTF-8", update.Err);
        }
        finally
        {
            NonUtf8Names.Remove(seeds);
        }
    }

    /// <summary>
    /// Two files that would be one essay (a note saved beside its old copy) are a pair to rename, not the end of every
    /// search: searches answer from the index as it was, naming them; an update asked for fails, naming them.
    /// </summary>
    [Fact]
    public void Two_files_that_would_be_one_essay_leave_searches_answering_from_the_index_as_it_was()
    {
        Assert.Equal(0, Run("index").Exit);
        string essay = Path.GetFileNameWithoutExtension(Directory.GetFiles(seeds)[0]);
        File.WriteAllText(Path.Combine(seeds, essay + ".md"), "# 副本\n\n座头鲸。\n");
        var search = Run("超级智能");
        Assert.Equal(0, search.Exit);
        Assert.Equal(5, search.Out.Split('\n').Count(line => line.Contains("超级智能")));
        Assert.Contains($"search: note: {essay}.md and {essay}.txt would be the same essay '{essay}'; rename all but one of them; searching the index as it was", search.Err);
        Run("index").AssertOneLineError();
    }

    /// <summary>A folder emptied of essays is not one bad entry: a search says so, rather than answering from an index of what was there.</summary>
    [Fact]
    public void A_seeds_folder_emptied_of_essays_stops_a_search_with_one_line()
    {
        Assert.Equal(0, Run("index").Exit);
        foreach (var file in Directory.GetFiles(seeds))
            File.Delete(file);
        var search = Run("超级智能");
        search.AssertOneLineError();
        Assert.Contains("holds no .md, .markdown or .txt files", search.Err);
    }

    [Theory]
    [InlineData(new[] { "-n", "2" }, 2, "2 of 5 matching paragraphs shown; see more with --offset 2")]
    [InlineData(new[] { "-n", "2", "--offset", "2" }, 2, "2 of 5 matching paragraphs shown; see more with --offset 4")]
    [InlineData(new[] { "-n", "2", "--offset", "4" }, 1, null)]
    [InlineData(new[] { "--offset", "5" }, 0, "none shown: all 5 matching paragraphs come before --offset 5")]
    public void Paging_notes_offer_more_only_when_there_is_more(string[] paging, int shown, string? note)
    {
        var (exit, output, error) = Run(["超级智能", .. paging]);
        Assert.Equal(0, exit);
        Assert.Equal(shown, output.Split('\n').Count(line => line.StartsWith("   ")));
        var notes = error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => !line.Contains("building the index")).ToArray();
        Assert.Equal(note is null ? [] : [note], notes);
    }

    [Fact]
    public void A_total_past_a_thousand_may_be_a_lower_bound_and_says_so()
    {
        string manyIndex = scratch.ManySeedsIndex();
        string[] where = ["--seeds", scratch.Sub("many-seeds"), "--index", manyIndex];
        // 是 is in most paragraphs, and most windows of them hold none of its ten best.
        var (exit, _, error) = SearchCommand.Run("", ["是", .. where]);
        Assert.Equal(0, exit);
        Assert.Matches(@"^10 of at least \d{4,} matching paragraphs shown; see more with --offset 10$", error.Trim());

        var json = JsonDocument.Parse(SearchCommand.Run("", ["--json", "是", .. where]).Out).RootElement;
        Assert.False(json.GetProperty("total_exact").GetBoolean());
        int atLeast = json.GetProperty("total").GetInt32();
        Assert.True(atLeast > 1000);

        // Every match counted: as many as a search for more hits than there are matches finds, which skips nothing.
        var counted = JsonDocument.Parse(SearchCommand.Run("", ["--json", "--exact-total", "是", .. where]).Out).RootElement;
        Assert.True(counted.GetProperty("total_exact").GetBoolean());
        var (countedExit, _, countedError) = SearchCommand.Run("", ["--exact-total", "是", .. where]);
        Assert.Equal(0, countedExit);
        Assert.Matches(@"^10 of \d{4,} matching paragraphs shown; see more with --offset 10$", countedError.Trim());
        using var engine = EssaySearch.Searching.SearchEngine.Open(manyIndex);
        var every = engine.Search("是", new EssaySearch.Searching.SearchOptions(Limit: 20_000));
        Assert.True(every.TotalExact);
        Assert.Equal(every.Total, counted.GetProperty("total").GetInt32());
        Assert.True(every.Total > atLeast, $"{every.Total} matches, at least {atLeast} said");
        Assert.Equal(
            every.Hits.Take(10).Select(hit => (hit.Essay, hit.Paragraph)),
            counted.GetProperty("hits").EnumerateArray().Select(hit => (hit.GetProperty("essay").GetString()!, hit.GetProperty("paragraph").GetInt32())));

        var fewer = engine.Search("超级智能");
        Assert.True(fewer.TotalExact && fewer.Total is > 10 and < 1000, $"{fewer.Total} paragraphs, exact: {fewer.TotalExact}");
    }

    [Fact]
    public void A_seeds_folder_given_that_does_not_exist_is_said_and_the_index_searched_as_it_is()
    {
        Assert.Equal(0, Run("index").Exit);
        string missing = scratch.Sub("nope");
        var (exit, output, error) = SearchCommand.Run("", ["超级智能", "--seeds", missing, "--index", index]);
        Assert.Equal(0, exit);
        Assert.Contains("超级智能", output);
        Assert.Equal($"search: note: there is no seeds folder '{missing}'; searching the index as it is", error.Trim());
    }

    [Fact]
    public void Color_always_marks_exactly_the_matches()
    {
        var (_, output, _) = Run("--color", "always", "超级智能", "-n", "1");
        Assert.Contains("\u001b[1;31m超级智能\u001b[0m", output);
    }

    [Fact]
    public void Color_marks_the_querys_words_in_the_bold_title_too()
    {
        var (_, output, _) = Run("--color", "always", "反思", "-n", "1");
        Assert.Contains("\u001b[1m刚刚，奥特曼更新博客：创业第十年，我的\u001b[1;31m反思\u001b[0m", output);
        Assert.StartsWith("1. 刚刚，奥特曼更新博客：创业第十年，我的反思 ¶", Run("--color", "never", "反思", "-n", "1").Out);
    }

    [Fact]
    public void Piped_output_of_the_real_binary_has_no_escape_codes()
    {
        Run("智能"); // build the index
        var (exit, output, _) = SearchCommand.RunProcess(["智能", "--seeds", seeds, "--index", index]);
        Assert.Equal(0, exit);
        Assert.Contains("智能", output);
        Assert.DoesNotContain('\u001b', output);
    }

    [Fact]
    public void Startup_trace_names_each_stage_once_in_order_and_changes_nothing_else()
    {
        Run("智能"); // build the index
        string[] query = ["智能", "--seeds", seeds, "--index", index];
        var plain = SearchCommand.RunProcess(query);
        long launched = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
        var traced = SearchCommand.RunProcess(query, new Dictionary<string, string> { ["SEARCH_TRACE_STARTUP"] = launched.ToString() });

        Assert.Equal((plain.Exit, plain.Out), (traced.Exit, traced.Out));
        Assert.DoesNotContain("startup:", plain.Err);
        var stages = traced.Err.Split('\n').Where(line => line.StartsWith("search: startup: ")).Select(line => line.Split(' ')).ToList();
        Assert.Equal(["main", "parsed", "opened", "searched", "written"], stages.Select(words => words[2]));
        var times = stages.Select(words => double.Parse(words[3], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(times[0] > 0, "Main comes after the launch");
        Assert.Equal(times.Order(), times);
    }

    [Fact]
    public void Json_output_follows_the_documented_schema()
    {
        var (exit, output, _) = Run("--json", "智能", "-n", "30");
        Assert.Equal(0, exit);
        SearchJson.AssertSchema(output, "智能", 23);
    }

    /// <summary>The JSON answer to <paramref name="query"/>, which must succeed, and what was written to stderr.</summary>
    private (JsonElement Root, string Error) JsonAnswer(string query)
    {
        var (exit, output, error) = Run("--json", query);
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        return (json.RootElement.Clone(), error);
    }

    /// <summary>A query only cleaned of its punctuation says what was searched, and leaves out no word: no empty left_out.</summary>
    [Fact]
    public void Json_of_a_cleaned_query_says_what_was_searched_and_no_words_left_out()
    {
        var (root, _) = JsonAnswer("奇点？");
        Assert.Equal(["query", "total", "total_exact", "searched", "hits"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("奇点", root.GetProperty("searched").GetString());
    }

    [Fact]
    public void Json_of_a_relaxed_query_says_what_was_searched_and_left_out()
    {
        var (root, error) = JsonAnswer("OpenAI的董事会是什么");
        Assert.Equal(["query", "total", "total_exact", "notice", "relaxed", "searched", "left_out", "hits"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("question", root.GetProperty("relaxed").GetString());
        Assert.Contains("OpenAI", root.GetProperty("searched").GetString());
        var leftOut = root.GetProperty("left_out").EnumerateArray().Select(w => w.GetString()).ToList();
        Assert.Contains("什么", leftOut);
        Assert.DoesNotContain("什么", root.GetProperty("searched").GetString()!.Split(' '));
        Assert.Contains($"search: note: {root.GetProperty("notice").GetString()}", error);
        Assert.True(root.GetProperty("total").GetInt32() > 0);
    }

    /// <summary>A word no paragraph has, searched as the words inside it, says so in the JSON, as the words left out are said.</summary>
    [Fact]
    public void Json_of_a_word_split_into_the_words_inside_it_says_so()
    {
        var (root, _) = JsonAnswer("超级计算机");
        Assert.Equal(["query", "total", "total_exact", "notice", "relaxed", "searched", "split", "hits"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("超级 计算机", root.GetProperty("searched").GetString());
        Assert.Equal(["超级", "计算机"], root.GetProperty("split").GetProperty("超级计算机").EnumerateArray().Select(w => w.GetString()));
    }

    /// <summary>A query of exclusions alone says so on stderr and in the JSON, as a relaxed query says how it was searched.</summary>
    [Fact]
    public void A_query_of_exclusions_only_notes_how_its_paragraphs_are_listed()
    {
        var (root, error) = JsonAnswer("NOT 智能");
        Assert.Equal("the query only excludes words: every paragraph it does not exclude is listed, unranked, in corpus order (by essay id, then paragraph)",
            root.GetProperty("notice").GetString());
        Assert.True(root.GetProperty("unranked").GetBoolean());
        Assert.False(JsonAnswer("智能 -奇点").Root.TryGetProperty("unranked", out _));
        Assert.Contains($"search: note: {root.GetProperty("notice").GetString()}\n", error);
        var (exit, _, human) = Run("NOT 智能");
        Assert.Equal(0, exit);
        Assert.StartsWith($"search: note: {root.GetProperty("notice").GetString()}\n", human);
    }

    [Fact]
    public void Batch_reads_queries_from_stdin_and_writes_json_lines()
    {
        var (exit, output, _) = RunWithInput("超级智能\n\n机器\n。。。\n量子纠缠\n", "--batch", "-n", "2");
        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["超级智能", "机器", "。。。", "量子纠缠"], lines.Select(l => l.GetProperty("query").GetString()));
        Assert.Equal(5, lines[0].GetProperty("total").GetInt32());
        Assert.Equal(2, lines[0].GetProperty("hits").GetArrayLength());
        Assert.Equal(6, lines[1].GetProperty("total").GetInt32());
        Assert.Contains("no searchable words", lines[2].GetProperty("error").GetString());
        Assert.Equal(0, lines[3].GetProperty("total").GetInt32());
    }

    /// <summary>A batch exits as a search does: 1 when no query found anything, 2 when no query could be searched.</summary>
    [Fact]
    public void A_batch_of_errors_only_exits_2_and_one_without_hits_1()
    {
        var errors = RunWithInput("。。。\n\nAND\n", "--batch");
        Assert.Equal(2, errors.Exit);
        Assert.Equal(2, errors.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(1, RunWithInput("量子纠缠\n。。。\n", "--batch").Exit);
    }

    [Fact]
    public void An_update_that_finds_only_new_modification_times_says_the_index_is_current()
    {
        Assert.Equal(0, Run("index").Exit);
        foreach (var file in Directory.GetFiles(seeds))
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(1)); // touched, as a sync tool or `touch` does
        var update = Run("index");
        Assert.Equal(0, update.Exit);
        Assert.Equal("the index is current: 2 essays, 67 paragraphs", update.Err.Trim());
    }

    /// <summary>
    /// Files copied or touched without a change of content are hashed by the search that finds them, which records their
    /// new times once, saying so; the next search lists the folder alone. Before, every search hashed every such file, in
    /// silence (a vault of 150,000 touched files took 3 s a search, not 0.7).
    /// </summary>
    [Fact]
    public void A_search_records_the_times_of_files_touched_without_a_change_once()
    {
        var first = Run("超级智能");
        foreach (var file in Directory.GetFiles(seeds))
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(-1)); // copied without its time, restored
        var recording = Run("超级智能");
        Assert.Equal(0, recording.Exit);
        Assert.Equal("search: recording the times of 2 files whose content is unchanged since indexing, so that searches need not read them again",
            recording.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0]);
        Assert.Equal(first.Out, recording.Out);
        var next = Run("超级智能");
        Assert.Equal("", next.Err);
        Assert.Equal(first.Out, next.Out);
    }

    [Fact]
    public void Batch_with_a_query_too_is_a_one_line_error_that_searches_nothing()
    {
        var run = RunWithInput("超级智能\n", "奇点", "--batch");
        run.AssertOneLineError();
        Assert.Contains("--batch reads its queries from standard input", run.Err);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void Exit_codes_are_0_for_hits_1_for_none_2_for_errors()
    {
        Assert.Equal(0, Run("智能").Exit);
        var none = Run("量子纠缠");
        Assert.Equal(1, none.Exit);
        Assert.Equal("", none.Out);
        Assert.EndsWith("no matching paragraphs", none.Err.TrimEnd());

        Run("").AssertOneLineError();
        Run().AssertOneLineError();
    }

    [Theory]
    [InlineData("--limit", "-1")]
    [InlineData("--limit", "0")]
    [InlineData("--limit", "abc")]
    [InlineData("--offset", "-1")]
    [InlineData("--offset", "x")]
    [InlineData("--offset", "99999999999")]
    [InlineData("--color", "rainbow")]
    [InlineData("--no-such-option", "1")]
    public void Bad_options_exit_2_with_a_one_line_message(string option, string value)
    {
        var run = Run("智能", option, value);
        run.AssertOneLineError();
        Assert.Equal("", run.Out);
        Assert.DoesNotContain("System.", run.Err); // in words, not in .NET's type names
    }

    [Theory]
    [InlineData("-n", "abc", "search: --limit takes a whole number, not 'abc' (see `search --help`)")]
    [InlineData("--offset", "99999999999", "search: --offset 99999999999 is too large (see `search --help`)")]
    public void A_number_option_given_something_else_says_so_in_words(string option, string value, string message)
    {
        Assert.Equal(message, Run("智能", option, value).Err.Trim());
    }

    [Fact]
    public void Options_may_come_before_or_after_the_query()
    {
        var before = Run("-n", "2", "--json", "智能").Out;
        var after = Run("智能", "--json", "-n", "2").Out;
        Assert.Equal(before, after);
        Assert.Equal(2, JsonDocument.Parse(after).RootElement.GetProperty("hits").GetArrayLength());
    }

    [Fact]
    public void A_stale_index_is_rebuilt_before_answering()
    {
        Assert.Equal(1, Run("蓝鲸").Exit);
        File.AppendAllText(Path.Combine(seeds, "002_71bd8fe93b13801e.txt"), "\n\n蓝鲸是地球上最大的动物。\n");
        var (exit, output, error) = Run("蓝鲸");
        Assert.Equal(0, exit);
        Assert.Contains("002_71bd8fe93b13801e.txt changed", error);
        Assert.Contains("¶29", output);
    }

    [Fact]
    public void A_user_dictionary_is_remembered_by_the_index_and_its_change_is_seen()
    {
        string words = scratch.Sub("words.txt");
        File.WriteAllText(words, "超级智能 nz\n");
        Assert.Equal(0, Run("index", "--dict", words).Exit);
        Assert.Equal(0, Run("index", "--check", "--dict", words).Exit);
        // Not given, it is the one the index was built with; '' asks for none.
        Assert.Equal(0, Run("index", "--check").Exit);
        var without = Run("index", "--check", "--dict", "");
        Assert.Equal(1, without.Exit);
        Assert.Contains("built with a user dictionary, and none is given", without.Err);

        // A search given no --dict sees the remembered file change, and rebuilds with it.
        File.WriteAllText(words, "超级智能 nz\n蓝鲸\n");
        var (exit, output, error) = Run("超級智能");
        Assert.Equal(0, exit);
        Assert.Contains("the user dictionary changed since the index was built", error);
        Assert.Equal(5, output.Split('\n').Count(line => line.Contains("超级智能")));
        Assert.Equal(0, Run("index", "--check").Exit);

        // Gone: a search searches the index as it is, with a note; building asks which dictionary to take.
        File.Delete(words);
        var gone = Run("超级智能");
        Assert.Equal(0, gone.Exit);
        Assert.Contains($"built with the user dictionary '{words}', which is gone; searching it as it is", gone.Err);
        Assert.Equal(5, gone.Out.Split('\n').Count(line => line.Contains("超级智能")));
        var build = Run("index");
        build.AssertOneLineError();
        Assert.Contains("pass --dict FILE, or --dict '' for none", build.Err);
        Assert.Equal(0, Run("index", "--dict", "").Exit);
        Assert.Equal(0, Run("index", "--check").Exit);
    }

    [Fact]
    public void An_encoding_is_remembered_by_the_index()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var gb18030 = System.Text.Encoding.GetEncoding("gb18030");
        File.WriteAllBytes(Path.Combine(seeds, "gb.txt"), gb18030.GetBytes("国标\n\n蓝鲸用国标编码。\n"));
        Assert.Equal(0, Run("index", "--encoding", "gb18030").Exit);
        // A change of another file, then a search given no --encoding: the update reads the GB18030 file as before.
        File.AppendAllText(Path.Combine(seeds, "002_71bd8fe93b13801e.txt"), "\n\n蓝鲸是地球上最大的动物。\n");
        File.WriteAllBytes(Path.Combine(seeds, "gb.txt"), gb18030.GetBytes("国标\n\n蓝鲸用国标编码，改过了。\n"));
        var (exit, output, error) = Run("蓝鲸");
        Assert.Equal(0, exit);
        Assert.Contains("updating the index first", error);
        Assert.Contains("改过了", output);
    }

    [Theory]
    [InlineData("missing.txt", "cannot read the user dictionary")]
    [InlineData("huge.txt", "line 2: the frequency of '智能' is too large")]
    public void A_bad_user_dictionary_is_a_one_line_error(string file, string message)
    {
        File.WriteAllText(scratch.Sub("huge.txt"), "超级智能\n智能 99999999999 n\n");
        var run = Run("index", "--dict", scratch.Sub(file));
        run.AssertOneLineError();
        Assert.Contains(message, run.Err);
        Assert.False(Directory.Exists(index));
    }

    [Fact]
    public void Index_check_tells_current_from_stale_and_missing()
    {
        var missing = Run("index", "--check");
        Assert.Equal(1, missing.Exit);
        Assert.Contains("no index", missing.Err);

        Assert.Equal(0, Run("index").Exit);
        var current = Run("index", "--check");
        Assert.Equal(0, current.Exit);
        Assert.Contains("current", current.Out);

        File.WriteAllText(Path.Combine(seeds, "new.md"), "# 新\n新的一段。\n");
        var stale = Run("index", "--check");
        Assert.Equal(1, stale.Exit);
        Assert.Contains("new.md was added", stale.Err);
    }

    [Fact]
    public void Double_dash_searches_for_the_word_index()
    {
        var (exit, output, error) = SearchCommand.Run("", "--seeds", seeds, "--index", index, "--json", "--", "index");
        Assert.DoesNotContain("indexed", error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("index", json.GetProperty("query").GetString());
        Assert.Equal(json.GetProperty("total").GetInt32() > 0 ? 0 : 1, exit);
    }

    /// <summary>
    /// A query that starts with a word in brackets ([BOX], as a note links it) is searched, not taken for a parser
    /// directive: it failed as an unrecognized argument, and [suggest] printed a blank line and exited 0.
    /// </summary>
    [Theory]
    [InlineData("[奇点]")]
    [InlineData("[suggest]", "奇点")]
    public void A_first_word_in_brackets_is_part_of_the_query(params string[] words)
    {
        var (exit, output, _) = SearchCommand.Run("", [.. words, "--json", "--seeds", seeds, "--index", index]);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(string.Join(' ', words), json.GetProperty("query").GetString());
        Assert.Equal((0, true), (exit, json.GetProperty("total").GetInt32() > 0));
    }

    /// <summary>
    /// An option no command takes (-Xmx, pasted from a Java command line) is refused with the search for it, quoted after --:
    /// the advice was to put it after -- alone, where -Xmx is Lucene's exclusion of Xmx, and every other paragraph was listed.
    /// </summary>
    [Fact]
    public void An_unknown_option_is_refused_with_the_search_for_it_quoted()
    {
        var run = SearchCommand.Run("", ["-Xmx", "--seeds", seeds, "--index", index]);
        run.AssertOneLineError();
        Assert.StartsWith("search: unknown option '-Xmx'; to search for it, quote it after --: `search -- '\"-Xmx\"'`", run.Err);
        var (_, output, _) = SearchCommand.Run("", ["--json", "--seeds", seeds, "--index", index, "--", "\"-Xmx\""]);
        Assert.False(JsonDocument.Parse(output).RootElement.TryGetProperty("unranked", out _));
    }

    /// <summary>A word beginning with @ (a Java annotation pasted) is searched, not read as a file of arguments, which failed on it.</summary>
    [Fact]
    public void A_word_beginning_with_an_at_sign_is_part_of_the_query()
    {
        var (exit, output, error) = SearchCommand.Run("", ["@Transactional", "@奇点", "--json", "--seeds", seeds, "--index", index]);
        Assert.Equal(0, exit);
        Assert.DoesNotContain("Response file", error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("@Transactional @奇点", json.GetProperty("query").GetString());
        Assert.True(json.GetProperty("total").GetInt32() > 0);
    }

    /// <summary>Words before a command would be parsed as a query the command ignores (a server started, the words lost): refused.</summary>
    [Theory]
    [InlineData("index")]
    [InlineData("serve", "--host", "no-such-host.invalid")] // a server that would start, were the words not refused, fails at once
    public void Words_before_a_command_are_refused_saying_how_to_search_for_them(string command, params string[] options)
    {
        var run = SearchCommand.Run("", ["--seeds", seeds, "--index", index, "智能", command, .. options]);
        run.AssertOneLineError();
        Assert.Equal($"search: `{command}` is a command, which takes no query ('智能'); to search for '智能 {command}', write `search --seeds {seeds} --index {index} -- 智能 {command}` (see `search {command} --help`)\n", run.Err);
        Assert.Empty(run.Out);
        var bracketed = SearchCommand.Run("", ["--seeds", seeds, "--index", index, "[智能]", command, .. options]); // not taken for a directive
        bracketed.AssertOneLineError();
        Assert.StartsWith($"search: `{command}` is a command, which takes no query ('[智能]')", bracketed.Err);
        var after = SearchCommand.Run("", command, "智能");
        after.AssertOneLineError();
        Assert.StartsWith($"search: `{command}` is a command, which takes no query ('智能'); to search for '{command} 智能', write `search -- {command} 智能`", after.Err);
    }

    /// <summary>
    /// The search's own options given after the command (search 智能 index -n 3) are the search's in the search suggested,
    /// where they were dropped; with them, the words after it; an option no command takes leaves the words before it alone.
    /// </summary>
    [Fact]
    public void The_searchs_options_after_a_command_stay_in_the_search_suggested()
    {
        var run = SearchCommand.Run("", ["--index", index, "智能", "index", "-n", "3", "奇点", "--json"]);
        run.AssertOneLineError();
        Assert.Equal($"search: `index` is a command, which takes no query ('智能 奇点'); to search for '智能 index 奇点', write `search --index {index} -n 3 --json -- 智能 index 奇点` (see `search index --help`)\n", run.Err);
        var unknown = SearchCommand.Run("", ["智能", "index", "-n", "3", "--bogus"]);
        unknown.AssertOneLineError();
        Assert.StartsWith("search: `index` is a command, which takes no query ('智能'); to search for '智能 index', write `search -- 智能 index`", unknown.Err);
    }

    /// <summary>
    /// The search suggested for words given a command is a command line to paste into a shell, which reads back the words as
    /// they were given, each one argument, whatever in them a shell would otherwise read (spaces, quotes, $, `, \, globs,
    /// ;, &amp;, |, redirections, #, ~), with the search's options given before the command or after it, but not the command's.
    /// </summary>
    [Theory]
    [InlineData("sh")]
    [InlineData("bash")]
    public void The_search_suggested_for_words_given_a_command_reads_back_in_a_shell_as_they_were_given(string shell)
    {
        string[] words = ["智能 手机", "it's", "$HOME", "`date`", @"a\b", "\"a\"", "", "*", "?", "[a]", "{a,b}", "a;b", "a&b", "a|b", "<a>", "(a)", "#a", "~", "!a", "^a", "=a", "a\u3000b"];
        var run = SearchCommand.Run("", ["-n", "3", "--json", .. words, "index", "--check", "--index", index]);
        run.AssertOneLineError();
        string suggested = System.Text.RegularExpressions.Regex.Match(run.Err, "write `search (.*)` \\(see `search index --help`\\)$").Groups[1].Value;
        Assert.NotEmpty(suggested);
        using var read = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(shell, ["-c", $"printf '%s\\n' {suggested}"]) { RedirectStandardOutput = true })!;
        string arguments = read.StandardOutput.ReadToEnd();
        read.WaitForExit();
        Assert.Equal(["-n", "3", "--json", "--index", index, "--", .. words, "index"], arguments.Split('\n')[..^1]);
    }

    /// <summary>
    /// A search's options before a command would be parsed as the search's and ignored: --full before index is a search's
    /// whole paragraphs, not a full build. Refused; the options every command takes may stand before it.
    /// </summary>
    [Fact]
    public void A_searchs_options_before_a_command_are_refused()
    {
        var full = SearchCommand.Run("", "--seeds", seeds, "--index", index, "--full", "index");
        full.AssertOneLineError();
        Assert.Equal("search: --full before `index` is an option of a search, which `index` does not take; a command's options come after it (see `search index --help`)\n", full.Err);
        var two = SearchCommand.Run("", "-n", "3", "--json", "index", "--check");
        two.AssertOneLineError();
        Assert.StartsWith("search: -n, --json before `index` are options of a search", two.Err);
        Assert.Equal(0, SearchCommand.Run("", "--seeds", seeds, "--index", index, "index").Exit);
    }

    /// <summary>A command's help shows its own usage: not the root's QUERY, which System.CommandLine lists in every command's.</summary>
    [Theory]
    [InlineData("index")]
    [InlineData("serve")]
    public void A_commands_help_has_no_query(string command)
    {
        var (exit, output, _) = SearchCommand.Run("", command, "--help");
        Assert.Equal(0, exit);
        Assert.Matches($@"Usage:\r?\n  \S+ {command} \[options\]\r?\n", output); // the root is named after the executable: testhost here
        Assert.DoesNotContain("QUERY", output);
        Assert.Contains("--seeds <DIR>", output); // the options it takes from the root are still listed
        Assert.Contains("<QUERY>", SearchCommand.Run("", "--help").Out);
    }

    [Fact]
    public void A_missing_seeds_folder_and_index_is_a_one_line_error()
    {
        var run = SearchCommand.Run("", "智能", "--seeds", scratch.Sub("nothing"), "--index", scratch.Sub("nowhere"));
        run.AssertOneLineError();
        Assert.Contains($"seeds folder '{scratch.Sub("nothing")}' does not exist", run.Err);
    }

    [Fact]
    public void Json_of_a_query_searched_as_plain_text_and_in_the_metadata_says_both()
    {
        var (root, _) = JsonAnswer("\"altman");
        Assert.Equal(["query", "total", "total_exact", "notice", "relaxed", "as_plain_text", "hits"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("metadata", root.GetProperty("relaxed").GetString());
        Assert.True(root.GetProperty("as_plain_text").GetBoolean());
    }

    [Fact]
    public void A_syntax_problem_is_noted_on_stderr()
    {
        var (exit, _, error) = Run("\"超级智能");
        Assert.Equal(0, exit);
        Assert.Contains("unbalanced quote; searched as plain text", error);
    }
}
