using System.Diagnostics;
using System.Security.Cryptography;
using EssaySearch.Corpus;
using EssaySearch.Indexing;
using EssaySearch.Searching;
using EssaySearch.Tests.Cli;

namespace EssaySearch.Tests.Reliability;

/// <summary>Incremental updates under faults: killed at any moment, files saved while they are read, a full disk.</summary>
public sealed class UpdateFaultTests : IDisposable
{
    private readonly ScratchFolder scratch = new();

    public void Dispose() => scratch.Dispose();

    /// <summary><paramref name="copies"/> copies of each seed essay, saved an hour ago.</summary>
    private string Copies(string name, int copies)
    {
        string folder = scratch.Sub(name);
        System.IO.Directory.CreateDirectory(folder);
        foreach (var file in System.IO.Directory.GetFiles(TestData.Seeds))
            for (int i = 0; i < copies; i++)
            {
                string target = Path.Combine(folder, $"{i:000}-{Path.GetFileName(file)}");
                File.Copy(file, target);
                File.SetLastWriteTimeUtc(target, DateTime.UtcNow.AddHours(-1));
            }
        return folder;
    }

    private static int Total(string indexFolder, string query)
    {
        using var engine = SearchEngine.Open(indexFolder);
        return engine.Search(query).Total;
    }

    private static string[] BuildFolders(string indexFolder) => System.IO.Directory.GetDirectories(indexFolder, ".build-*");

    [Fact]
    public void An_update_killed_at_any_moment_leaves_the_previous_commit_searchable()
    {
        // 400 essays; 96 of them changed: an update that reads a quarter of the corpus, long enough to be interrupted.
        var options = new BuildOptions(Copies("many", 200), scratch.Sub("index"));
        IndexBuilder.Build(options);
        var changed = System.IO.Directory.GetFiles(options.SeedsFolder).Order(StringComparer.Ordinal).Take(96).ToList();
        foreach (var file in changed)
            File.AppendAllText(file, "\n\n蓝鲸是地球上最大的动物。\n");

        foreach (int delay in new[] { 0, 50, 150, 400 })
        {
            var leftovers = BuildFolders(options.IndexFolder);
            using var update = SearchCommand.Start(["index", "--seeds", options.SeedsFolder, "--index", options.IndexFolder]);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (BuildFolders(options.IndexFolder).Except(leftovers).FirstOrDefault() is null && !update.HasExited && DateTime.UtcNow < deadline)
                Thread.Sleep(2);
            Thread.Sleep(delay);
            Assert.False(update.HasExited, $"the update finished within {delay} ms; the change is too small to interrupt it");
            update.Kill();
            update.WaitForExit();

            Assert.Equal((1000, 0), (Total(options.IndexFolder, "超级智能"), Total(options.IndexFolder, "蓝鲸")));
        }

        var result = IndexBuilder.Update(options);
        Assert.Equal((BuildKind.Incremental, 96), (result.Kind, result.Changed));
        Assert.Empty(BuildFolders(options.IndexFolder));
        Assert.Equal((1000, 96), (Total(options.IndexFolder, "超级智能"), Total(options.IndexFolder, "蓝鲸")));
    }

    [Fact]
    public async Task A_file_saved_while_updates_read_it_is_indexed_as_one_of_its_versions_and_recorded_as_that_version()
    {
        var options = new BuildOptions(Copies("seeds", 8), scratch.Sub("index"));
        IndexBuilder.Build(options);
        string file = System.IO.Directory.GetFiles(options.SeedsFolder).Order(StringComparer.Ordinal).First();
        string original = File.ReadAllText(file);
        // Two versions of the essay, saved in turn as editors save: a new file renamed over the old one.
        var versions = new[] { original.Replace("智能", "蓝鲸"), original + "\n\n另一个版本的结尾。\n" }
            .Select(text => System.Text.Encoding.UTF8.GetBytes(text))
            .ToDictionary(bytes => Convert.ToHexStringLower(SHA256.HashData(bytes)));
        using var stop = new CancellationTokenSource();
        using var firstSaved = new ManualResetEventSlim();
        var saving = Task.Run(() =>
        {
            int saves = 0;
            for (; !stop.IsCancellationRequested; saves++)
            {
                File.WriteAllBytes(file + ".tmp", versions.Values.ElementAt(saves % 2));
                File.Move(file + ".tmp", file, overwrite: true);
                firstSaved.Set();
                Thread.Sleep(1);
            }
            return saves;
        });

        int updated = 0, refused = 0;
        try
        {
            // Until the first save the file is still the version the full build recorded.
            Assert.True(firstSaved.Wait(TimeSpan.FromSeconds(30)), "the file was never saved");
            var watch = Stopwatch.StartNew();
            while (updated < 10 && watch.Elapsed < TimeSpan.FromSeconds(60))
            {
                try
                {
                    IndexBuilder.Update(options);
                    updated++;
                }
                catch (EssaySearchException e) when (e.Kind == EssaySearchErrorKind.BadCorpus)
                {
                    Assert.Contains("changed while it was being read", e.Message);
                    refused++;
                    continue;
                }
                using var engine = SearchEngine.Open(options.IndexFolder);
                var recorded = engine.Manifest.Files.Single(f => Path.Combine(options.SeedsFolder, f.Name) == file);
                Assert.True(versions.TryGetValue(recorded.Sha256, out var bytes), "the manifest records a version that was never saved");
                var expected = CorpusReader.ReadEssay(EssayFile.Alone(file), bytes!, null);
                var indexed = engine.ReadEssay(recorded.Essay)!;
                Assert.Equal(expected.Paragraphs.Select(p => p.Text), indexed.Paragraphs.Select(p => p.Text));
            }
        }
        finally
        {
            await stop.CancelAsync(); // the saves stop before the scratch folder is removed, whatever failed
        }
        Assert.True(await saving > 10);
        Assert.True(updated >= 10, $"{updated} updates, {refused} refused");
    }

    [Fact]
    public void A_full_disk_during_an_update_is_a_clear_error_and_the_previous_commit_stays()
    {
        using var disk = SmallDisk.Mount(scratch.Sub("disk"), megabytes: 24);
        var options = new BuildOptions(Copies("seeds", 40), Path.Combine(disk.Path, "index"));
        IndexBuilder.Build(options);
        foreach (var file in System.IO.Directory.GetFiles(options.SeedsFolder).Order(StringComparer.Ordinal).Take(16))
            File.AppendAllText(file, "\n\n蓝鲸是地球上最大的动物。\n");
        // Leave the update less room than the documents it writes.
        string filler = Path.Combine(disk.Path, "filler");
        using (var fill = File.Create(filler))
            fill.SetLength(0);
        FillUpTo(filler, leave: 64 * 1024);

        var error = Assert.Throws<EssaySearchException>(() => IndexBuilder.Update(options));
        Assert.Equal(EssaySearchErrorKind.BuildFailed, error.Kind);
        Assert.Contains("the previous index is unchanged", error.Message);
        Assert.DoesNotContain("\n", error.Message);
        var run = SearchCommand.Run("", ["index", "--seeds", options.SeedsFolder, "--index", options.IndexFolder]);
        run.AssertOneLineError();
        Assert.Equal((200, 0), (Total(options.IndexFolder, "超级智能"), Total(options.IndexFolder, "蓝鲸")));
        Assert.Empty(BuildFolders(options.IndexFolder));

        File.Delete(filler);
        Assert.Equal(BuildKind.Incremental, IndexBuilder.Update(options).Kind);
        Assert.Equal((200, 16), (Total(options.IndexFolder, "超级智能"), Total(options.IndexFolder, "蓝鲸")));
    }

    /// <summary>
    /// An index that cannot be written, on a disk with no room at all or mounted read-only, is searched as it was, with a
    /// note; `search index` fails at once with one line, and leaves nothing behind.
    /// </summary>
    [Theory]
    [InlineData("full")]
    [InlineData("read-only")]
    public void An_index_that_cannot_be_written_is_searched_as_it_was(string fault)
    {
        using var disk = SmallDisk.Mount(scratch.Sub("disk"), megabytes: 24);
        var options = new BuildOptions(Copies("seeds", 4), Path.Combine(disk.Path, "index"));
        IndexBuilder.Build(options);
        File.AppendAllText(System.IO.Directory.GetFiles(options.SeedsFolder).Order(StringComparer.Ordinal).First(), "\n\n蓝鲸是地球上最大的动物。\n");
        string filler = Path.Combine(disk.Path, "filler");
        if (fault == "full")
            FillUpTo(filler, leave: 0);
        else
            disk.Remount("ro");

        string[] where = ["--seeds", options.SeedsFolder, "--index", options.IndexFolder];
        var search = SearchCommand.Run("", ["超级智能", "-n", "1", .. where]);
        Assert.Equal(0, search.Exit);
        Assert.StartsWith("1. ", search.Out);
        Assert.Contains($"search: note: the index was not updated: cannot write the index", search.Err);
        Assert.Contains("searching it as it was", search.Err);
        var build = SearchCommand.Run("", ["index", .. where]);
        build.AssertOneLineError();
        Assert.Contains("cannot write the index", build.Err);
        if (fault == "read-only")
            disk.Remount("rw");
        Assert.Empty(BuildFolders(options.IndexFolder));
    }

    /// <summary>
    /// A file deleted after the folder was listed and before the build reads it is left out, as a listing a moment later
    /// would leave it out, rather than failing the build; the index is then current for the folder. A full build and an update alike.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_file_deleted_while_a_build_runs_is_left_out(bool update)
    {
        var options = new BuildOptions(Copies("seeds", 20), scratch.Sub("index"));
        var files = System.IO.Directory.GetFiles(options.SeedsFolder).Order(StringComparer.Ordinal).ToArray();
        if (update)
        {
            IndexBuilder.Build(options);
            foreach (var file in files.TakeLast(5))
                File.AppendAllText(file, "\n\n蓝鲸是地球上最大的动物。\n");
        }
        // The last file in essay order is the last its part reads: deleted as the first file read is reported.
        var result = IndexBuilder.Update(options, new DeleteOnFirstReport(files[^1]));
        Assert.Equal(update ? BuildKind.Incremental : BuildKind.Full, result.Kind);
        Assert.Equal(files.Length - 1, result.Manifest.Files.Count);
        Assert.DoesNotContain(result.Manifest.Files, file => file.Name == Path.GetFileName(files[^1]));
        Assert.True(IndexBuilder.CheckFreshness(options).IsCurrent);
        Assert.Equal(update ? 4 : 0, Total(options.IndexFolder, "蓝鲸"));
    }

    private sealed class DeleteOnFirstReport(string path) : IProgress<BuildProgress>
    {
        public void Report(BuildProgress value)
        {
            if (value.FilesDone == 1)
                File.Delete(path);
        }
    }

    private static void FillUpTo(string path, long leave)
    {
        var free = new DriveInfo(Path.GetDirectoryName(path)!).AvailableFreeSpace;
        using var file = new FileStream(path, FileMode.Append);
        var block = new byte[64 * 1024];
        for (long left = free - leave; left > 0; left -= block.Length)
            file.Write(block, 0, (int)Math.Min(block.Length, left));
    }

    /// <summary>A tmpfs of a few megabytes, mounted for one test (the tests run as root, as CI does).</summary>
    private sealed class SmallDisk : IDisposable
    {
        private SmallDisk(string path) => Path = path;

        public string Path { get; }

        public static SmallDisk Mount(string path, int megabytes)
        {
            System.IO.Directory.CreateDirectory(path);
            var mount = Process.Start("mount", ["-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path]);
            mount.WaitForExit();
            Assert.True(mount.ExitCode == 0, "mounting a small tmpfs needs root (CI runs as root)");
            return new SmallDisk(path);
        }

        /// <summary>Mounts it again with <paramref name="mode"/>: <c>ro</c> or <c>rw</c>.</summary>
        public void Remount(string mode)
        {
            using var remount = Process.Start("mount", ["-o", $"remount,{mode}", Path]);
            remount.WaitForExit();
            Assert.Equal(0, remount.ExitCode);
        }

        public void Dispose() => Process.Start("umount", [Path]).WaitForExit();
    }
}
