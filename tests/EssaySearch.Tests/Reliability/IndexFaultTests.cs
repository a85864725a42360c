using System.Diagnostics;
using System.Runtime.Versioning;
using EssaySearch.Cli;
using EssaySearch.Indexing;
using EssaySearch.Searching;
using EssaySearch.Tests.Cli;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;
using EssaySearch.Schema;

namespace EssaySearch.Tests.Reliability;

/// <summary>The index under faults: damaged files, another version's index, killed and concurrent builds, rebuilds under readers.</summary>
public sealed class IndexFaultTests : IDisposable
{
    private readonly ScratchFolder scratch = new();
    private readonly BuildOptions options;

    public IndexFaultTests()
    {
        options = new BuildOptions(scratch.CopyOfSeeds(), scratch.Sub("index"));
        IndexBuilder.Build(options);
    }

    public void Dispose() => scratch.Dispose();

    private string Live => Path.Combine(options.IndexFolder, "current");

    private string[] Paths => ["--seeds", options.SeedsFolder, "--index", options.IndexFolder];

    public static TheoryData<string> Damages => new() { "truncate the largest file", "overwrite the largest file", "overwrite segments file", "delete segments file", "delete segment info" };

    private string LargestFile => new DirectoryInfo(Live).GetFiles().MaxBy(file => file.Length)!.FullName;

    private void Damage(string how)
    {
        string largest = LargestFile;
        string segments = System.IO.Directory.GetFiles(Live, "segments_*").Single();
        switch (how)
        {
            case "truncate the largest file":
                using (var file = File.OpenWrite(largest))
                    file.SetLength(file.Length / 2);
                break;
            case "overwrite the largest file":
                Scribble(largest, 0);
                break;
            case "overwrite segments file":
                Scribble(segments, 0);
                break;
            case "delete segments file":
                File.Delete(segments);
                break;
            case "delete segment info":
                File.Delete(System.IO.Directory.GetFiles(Live, "*.si").Single());
                break;
        }
    }

    private static void Scribble(string path, long at)
    {
        using var file = File.OpenWrite(path);
        file.Position = at;
        file.Write(Enumerable.Repeat((byte)0xA5, (int)Math.Min(4096, file.Length - at)).ToArray());
    }

    [Theory]
    [MemberData(nameof(Damages))]
    public void A_damaged_index_is_a_clear_error_and_the_command_rebuilds_it(string damage)
    {
        Damage(damage);

        foreach (bool memoryMapped in new[] { false, true })
        {
            var error = Assert.Throws<EssaySearchException>(() =>
            {
                using var engine = SearchEngine.Open(options.IndexFolder, new EngineOptions { MemoryMapped = memoryMapped });
                engine.Search("超级智能");
            });
            Assert.Equal(EssaySearchErrorKind.IndexDamaged, error.Kind);
            Assert.DoesNotContain("search index", error.Message); // the library states the problem; the command says what to do
            Assert.DoesNotContain("Directory@", error.Message); // nor Lucene's objects: its directory, lock factory, file list or input
            Assert.DoesNotContain("resource=", error.Message);
            Assert.DoesNotContain("\n", error.Message);
        }

        var run = SearchCommand.Run("", ["超级智能", "--json", .. Paths]);
        Assert.Equal(0, run.Exit);
        Assert.Contains("building the index first", run.Err);
        Assert.Contains("\"total\":5", run.Out);
    }

    /// <summary>
    /// The engine names its index folder as it was given, as a build does: a relative one in a message is the one the user
    /// typed (it is still opened by its full path, taken once).
    /// </summary>
    [Fact]
    public void The_engine_names_its_index_folder_as_given()
    {
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, options.IndexFolder);
        File.Delete(System.IO.Directory.GetFiles(Live, "segments_*").Single());
        var error = Assert.Throws<EssaySearchException>(() => SearchEngine.Open(relative));
        Assert.StartsWith($"the index in '{relative}' is damaged or unreadable", error.Message);
        Assert.Equal(error.Message, IndexBuilder.CheckFreshness(options with { IndexFolder = relative }).Reason);
    }

    [Fact]
    public void Bytes_overwritten_inside_a_file_are_found_by_the_check_and_cured_by_a_rebuild()
    {
        string largest = LargestFile;
        Scribble(largest, new FileInfo(largest).Length / 3);

        var check = SearchCommand.Run("", ["index", "--check", .. Paths]);
        Assert.Equal(1, check.Exit);
        Assert.Contains("damaged", check.Err);
        Assert.Contains("search index --full", check.Err);
        // The library says what is so, and leaves the command to its caller.
        var found = IndexBuilder.CheckFreshness(options, verifyChecksums: true);
        Assert.Equal((false, true), (found.IsCurrent, found.NeedsFullBuild));
        Assert.DoesNotContain("search index", found.Reason);
        Assert.False(IndexBuilder.CheckFreshness(options).NeedsFullBuild); // opening alone sees no damage inside a file
        // An open engine finds it alike, when asked to verify.
        using (var engine = SearchEngine.Open(options.IndexFolder))
        {
            Assert.Equal(found, engine.CheckFreshness(options.SeedsFolder, verifyChecksums: true));
            Assert.True(engine.CheckFreshness(options.SeedsFolder).IsCurrent);
        }

        // An update keeps the segments it does not change, so only a full build cures damage inside them.
        Assert.Equal(0, SearchCommand.Run("", ["index", "--full", .. Paths]).Exit);
        var cured = SearchCommand.Run("", ["index", "--check", .. Paths]);
        Assert.Equal(0, cured.Exit);
        Assert.Equal($"the index is current: 2 essays, {EssaySearch.Tests.Searching.SeedTruth.Paragraphs.Count} paragraphs", cured.Out.Trim());
    }

    /// <summary>
    /// Bytes overwritten inside a file that opening does not read (a stored record, postings, doc values) surface only when a
    /// search reads them: the library says the index is damaged, never a codec's own error, and the command says to rebuild it.
    /// </summary>
    [Fact]
    public void Damage_found_while_searching_is_a_damaged_index_error()
    {
        string pristine = scratch.Sub("pristine");
        CopyFolder(Live, pristine);
        string[] reads = ["超级智能", "奥特曼对未来有什么看法", "\"人工智能\"", "智能*", "title:超级", "OpenAI"];
        int faults = 0;
        foreach (var file in new DirectoryInfo(pristine).GetFiles().Where(file => file.Length > 2048))
            foreach (double at in new[] { 0.3, 0.5, 0.7 })
            {
                System.IO.Directory.Delete(Live, recursive: true);
                CopyFolder(pristine, Live);
                Scribble(Path.Combine(Live, file.Name), (long)(file.Length * at));
                try
                {
                    using var engine = SearchEngine.Open(options.IndexFolder);
                    foreach (string query in reads)
                        engine.Search(query, new SearchOptions(Limit: 50));
                    foreach (var essay in engine.Essays())
                        engine.ReadEssay(essay.Essay, "超级智能");
                }
                catch (EssaySearchException e)
                {
                    Assert.True(e.Kind == EssaySearchErrorKind.IndexDamaged, $"{file.Name} at {at}: {e.Kind}: {e.Message}");
                    faults++;
                }
            }
        Assert.True(faults > 0, "no damage was noticed; the test no longer damages what searches read");

        string stored = new DirectoryInfo(pristine).GetFiles("*.fdt").Single().Name;
        System.IO.Directory.Delete(Live, recursive: true);
        CopyFolder(pristine, Live);
        Scribble(Path.Combine(Live, stored), new FileInfo(Path.Combine(Live, stored)).Length / 2);
        var run = SearchCommand.Run("", ["超级智能", .. Paths]);
        Assert.Equal(2, run.Exit);
        Assert.Contains("damaged", run.Err);
        Assert.Contains("search index --full", run.Err);
        Assert.Single(run.Err.Trim().Split('\n'));
    }

    private static void CopyFolder(string from, string to)
    {
        System.IO.Directory.CreateDirectory(to);
        foreach (var file in System.IO.Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }

    [Fact]
    public void An_index_of_another_schema_is_refused_by_the_library_and_rebuilt_by_the_command()
    {
        IndexManifest manifest;
        using (var directory = FSDirectory.Open(Live))
        {
            var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, null) { OpenMode = OpenMode.APPEND };
            using var writer = new IndexWriter(directory, config);
            using (var reader = DirectoryReader.Open(directory))
                manifest = IndexManifest.FromCommitData(reader.IndexCommit.UserData, Live)! with { SchemaVersion = 0 };
            writer.SetCommitData(manifest.ToCommitData());
            writer.Commit();
        }

        var error = Assert.Throws<EssaySearchException>(() => SearchEngine.Open(options.IndexFolder));
        Assert.Equal(EssaySearchErrorKind.IndexIncompatible, error.Kind);
        Assert.Contains("schema version 0", error.Message);

        var check = SearchCommand.Run("", ["index", "--check", .. Paths]);
        Assert.Equal(1, check.Exit);
        Assert.Contains("schema version 0", check.Err);

        var run = SearchCommand.Run("", ["超级智能", .. Paths]);
        Assert.Equal(0, run.Exit);
        Assert.Contains("building the index first", run.Err);
    }

    /// <summary>A seeds folder many times the essays, so that a build takes long enough to be interrupted.</summary>
    private string ManySeeds(int copies)
    {
        string folder = scratch.Sub("many");
        System.IO.Directory.CreateDirectory(folder);
        foreach (var file in System.IO.Directory.GetFiles(options.SeedsFolder))
            for (int i = 0; i < copies; i++)
                File.Copy(file, Path.Combine(folder, $"{i:000}-{Path.GetFileName(file)}"));
        return folder;
    }

    /// <summary>A seeds folder of one essay many times the length of the others, so that reading it takes seconds.</summary>
    private string OneLongEssay()
    {
        string folder = scratch.Sub("long");
        System.IO.Directory.CreateDirectory(folder);
        string essays = string.Concat(System.IO.Directory.GetFiles(options.SeedsFolder).Select(file => File.ReadAllText(file) + "\n\n"));
        File.WriteAllText(Path.Combine(folder, "long.txt"), string.Concat(Enumerable.Repeat(essays, 300)));
        return folder;
    }

    /// <summary>
    /// Starts <c>search ARGS</c> and returns once the build it starts has been writing its copy of the index (in
    /// <paramref name="indexFolder"/>, by default the test's) for <paramref name="delay"/> ms, still at it.
    /// </summary>
    private Process StartBuild(string[] args, int delay = 100, string? indexFolder = null)
    {
        indexFolder ??= options.IndexFolder;
        var leftovers = BuildFolders(indexFolder);
        var build = SearchCommand.Start(args);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (BuildFolders(indexFolder).Except(leftovers).FirstOrDefault() is null && DateTime.UtcNow < deadline)
            Thread.Sleep(5);
        Thread.Sleep(delay);
        Assert.False(build.HasExited, $"the build finished within {delay} ms; the corpus is too small to interrupt it");
        return build;
    }

    private string[] BuildFolders(string? indexFolder = null) =>
        System.IO.Directory.Exists(indexFolder ??= options.IndexFolder) ? System.IO.Directory.GetDirectories(indexFolder, ".build-*") : [];

    private int Total(string query)
    {
        using var engine = SearchEngine.Open(options.IndexFolder);
        return engine.Search(query).Total;
    }

    [Fact]
    public void A_build_killed_at_any_moment_leaves_the_previous_index_and_the_next_build_succeeds()
    {
        string many = ManySeeds(200);
        foreach (int delay in new[] { 0, 100, 300, 600 })
        {
            var leftovers = BuildFolders();
            using var build = StartBuild(["index", "--seeds", many, "--index", options.IndexFolder], delay);
            build.Kill();
            build.WaitForExit();

            Assert.NotEmpty(BuildFolders().Except(leftovers));
            Assert.Equal(5, Total("超级智能"));
        }

        IndexBuilder.Build(options with { SeedsFolder = many });
        Assert.Empty(BuildFolders());
        Assert.Equal(5 * 200, Total("超级智能"));
    }

    /// <summary>
    /// Ctrl-C or SIGTERM during a build, by <c>search index</c>, by a search that builds its index first, or by
    /// <c>search index --watch</c> before its first update is done, stops it at once, removes its unfinished copy and says
    /// so, with the exit code a shell gives a command the signal ended: 130 for SIGINT, 143 for SIGTERM.
    /// </summary>
    [Theory]
    [InlineData("INT", 130, "index", "--full")]
    [InlineData("TERM", 143, "index", "--full")]
    [InlineData("INT", 130, "超级智能")]
    [InlineData("TERM", 143, "超级智能")]
    [InlineData("INT", 130, "index", "--watch")]
    public async Task A_signal_stops_a_build_and_leaves_the_previous_index_and_no_unfinished_copy(string signal, int exit, params string[] command)
    {
        using var build = StartBuild([.. command, "--seeds", ManySeeds(200), "--index", options.IndexFolder]);
        var error = build.StandardError.ReadToEndAsync();
        SearchCommand.Signal(build, signal);
        Assert.True(build.WaitForExit(TimeSpan.FromSeconds(30)), $"SIG{signal} did not stop the build");

        Assert.Equal(exit, build.ExitCode);
        Assert.EndsWith("\nsearch: stopped; the index is as it was\n", "\n" + await error); // after a search's "building the index first"
        Assert.Empty(BuildFolders());
        Assert.Equal(5, Total("超级智能"));
    }

    /// <summary>
    /// A second Ctrl-C while the first is being honoured (a build stops between two essays, and this one is reading an essay
    /// that takes seconds) ends the process at once, before it could remove its unfinished copy or say it stopped; the
    /// index is as it was.
    /// </summary>
    [Fact]
    public async Task A_second_Ctrl_C_ends_a_stopping_build_at_once_and_leaves_the_previous_index()
    {
        using var build = StartBuild(["index", "--full", "--seeds", OneLongEssay(), "--index", options.IndexFolder]);
        var error = build.StandardError.ReadToEndAsync();
        SearchCommand.Signal(build, "INT");
        Thread.Sleep(200); // the first delivered, not merged with the second
        SearchCommand.Signal(build, "INT");
        Assert.True(build.WaitForExit(TimeSpan.FromSeconds(30)), "the second Ctrl-C did not end the process");

        Assert.Equal(130, build.ExitCode); // ended by SIGINT itself
        Assert.DoesNotContain("stopped", await error);
        Assert.NotEmpty(BuildFolders());
        Assert.Equal(5, Total("超级智能"));
    }

    /// <summary>A search's first build, with no index before, stopped says that no index was built, not that the index is as it was.</summary>
    [Fact]
    public async Task A_signal_stopping_a_first_build_says_no_index_was_built()
    {
        string none = scratch.Sub("no-index-yet");
        using var build = StartBuild(["超级智能", "--seeds", ManySeeds(200), "--index", none], indexFolder: none);
        var error = build.StandardError.ReadToEndAsync();
        SearchCommand.Signal(build, "INT");
        Assert.True(build.WaitForExit(TimeSpan.FromSeconds(30)), "SIGINT did not stop the build");

        Assert.Equal(130, build.ExitCode);
        Assert.EndsWith("\nsearch: stopped; no index was built\n", "\n" + await error);
        Assert.Null(IndexManifest.ReadFrom(none));
    }

    [Fact]
    public void A_build_waits_for_the_one_holding_the_lock_and_gives_up_clearly()
    {
        using (new IndexFolder(options.IndexFolder).AcquireBuildLock(TimeSpan.Zero))
        {
            var reports = new List<BuildProgress>();
            var error = Assert.Throws<EssaySearchException>(() => IndexBuilder.Build(options with { LockTimeout = TimeSpan.FromMilliseconds(300) }, new Recorded(reports)));
            Assert.Contains("still holds its lock", error.Message);
            Assert.Equal([new BuildProgress(0, 0, 0) { WaitingForAnotherBuild = true }], reports); // said once, while it waited
        }
        IndexBuilder.Build(options with { LockTimeout = TimeSpan.FromMilliseconds(300) });
    }

    private sealed class Recorded(List<BuildProgress> reports) : IProgress<BuildProgress>
    {
        public void Report(BuildProgress value) => reports.Add(value);
    }

    [Fact]
    public void Two_index_commands_at_once_serialize_and_leave_a_sound_index()
    {
        string many = ManySeeds(20);
        string[] args = ["index", "--seeds", many, "--index", options.IndexFolder];
        using var first = SearchCommand.Start(args);
        using var second = SearchCommand.Start(args);
        var errors = new[] { first, second }.Select(p => p.StandardError.ReadToEndAsync()).ToArray();
        first.WaitForExit();
        second.WaitForExit();

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, string.Join("\n", errors.Select(e => e.Result)));
        Assert.Equal(0, SearchCommand.Run("", ["index", "--check", "--seeds", many, "--index", options.IndexFolder]).Exit);
        Assert.Empty(BuildFolders());
        Assert.Equal(5 * 20, Total("超级智能"));
    }

    [Fact]
    public async Task A_long_lived_engine_answers_from_the_old_index_during_a_rebuild_and_refreshes_to_the_new_one()
    {
        File.WriteAllText(Path.Combine(options.SeedsFolder, "004.md"), "# 新文章\n\n蓝鲸是地球上最大的动物。\n");
        using var engine = SearchEngine.Open(options.IndexFolder);
        Assert.False(engine.Refresh());

        var rebuild = Task.Run(() => IndexBuilder.Build(options));
        int searches = 0;
        while (!rebuild.IsCompleted)
        {
            Assert.Equal(5, engine.Search("超级智能").Total);
            Assert.Equal(0, engine.Search("蓝鲸").Total);
            searches++;
        }
        await rebuild;
        Assert.True(searches > 0);
        Assert.Equal(0, engine.Search("蓝鲸").Total);

        Assert.True(engine.Refresh());
        Assert.Equal(1, engine.Search("蓝鲸").Total);
        Assert.Equal(3, engine.Manifest.Files.Count);
        Assert.False(engine.Refresh());
    }

    [Fact]
    public async Task Searches_running_while_the_engine_refreshes_all_complete()
    {
        using var engine = SearchEngine.Open(options.IndexFolder);
        using var stop = new CancellationTokenSource();
        using var allSearching = new CountdownEvent(4);
        var searchers = Enumerable.Range(0, 4).Select(_ => Task.Factory.StartNew(() =>
        {
            int done = 0;
            while (!stop.IsCancellationRequested)
            {
                Assert.Equal(5, engine.Search("超级智能").Total);
                if (done++ == 0)
                    allSearching.Signal();
            }
            return done;
        }, TaskCreationOptions.LongRunning)).ToArray();
        Assert.True(allSearching.Wait(TimeSpan.FromSeconds(30)));
        for (int i = 0; i < 5; i++)
        {
            IndexBuilder.Build(options);
            Assert.True(engine.Refresh());
        }
        await stop.CancelAsync();
        Assert.All(await Task.WhenAll(searchers), done => Assert.True(done > 0));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void A_read_only_index_is_searched_without_writing_to_it()
    {
        var before = Snapshot();
        var entries = System.IO.Directory.GetFileSystemEntries(options.IndexFolder, "*", SearchOption.AllDirectories).Append(options.IndexFolder).ToList();
        var modes = entries.ToDictionary(e => e, File.GetUnixFileMode);
        try
        {
            foreach (var (entry, mode) in modes)
                File.SetUnixFileMode(entry, mode & ~(UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));

            Assert.Null(IndexBuilder.EnsureCurrent(options).Build);
            using (var engine = SearchEngine.Open(options.IndexFolder))
                Assert.Equal(5, engine.Search("超级智能").Total);
            Assert.Equal(0, SearchCommand.Run("", ["超级智能", .. Paths]).Exit);
            Assert.Equal(0, SearchCommand.Run("", ["index", "--check", .. Paths]).Exit);
        }
        finally
        {
            foreach (var (entry, mode) in modes)
                File.SetUnixFileMode(entry, mode);
        }
        // Run as root, the modes above bind nothing; an unchanged folder shows nothing was even attempted.
        Assert.Equal(before, Snapshot());
    }

    private string Snapshot() => string.Join('\n',
        System.IO.Directory.GetFileSystemEntries(options.IndexFolder, "*", SearchOption.AllDirectories).Append(options.IndexFolder).Order(StringComparer.Ordinal)
            .Select(e => new FileInfo(e))
            .Select(f => $"{f.FullName} {(f.Exists ? f.Length : -1)} {f.LastWriteTimeUtc.Ticks}"));
}
