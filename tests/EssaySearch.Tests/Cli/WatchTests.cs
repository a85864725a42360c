using System.Collections.Concurrent;
using System.Diagnostics;
using EssaySearch.Cli;
using EssaySearch.Indexing;
using EssaySearch.Schema;
using EssaySearch.Searching;

namespace EssaySearch.Tests.Cli;

/// <summary><c>search index --watch</c> as a real process, on real file changes made as editors make them.</summary>
public sealed class WatchTests : IDisposable
{
    // An update follows a change after the watcher's quiet time; this bounds it on a loaded machine.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private readonly ScratchFolder scratch = new();
    private readonly string seeds;
    private readonly string index;
    private readonly BlockingCollection<string> lines = new();

    public WatchTests()
    {
        seeds = scratch.Sub("seeds");
        index = scratch.Sub("index");
        System.IO.Directory.CreateDirectory(seeds);
        foreach (var file in System.IO.Directory.GetFiles(TestData.Seeds))
            foreach (char copy in "abcdefgh")
                File.Copy(file, Path.Combine(seeds, $"{copy}-{Path.GetFileName(file)}"));
    }

    public void Dispose()
    {
        lines.Dispose();
        scratch.Dispose();
    }

    private Process StartWatching(params string[] more)
    {
        var watching = SearchCommand.Start(["index", "--watch", "--seeds", seeds, "--index", index, .. more]);
        watching.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                lines.Add(e.Data);
        };
        watching.BeginErrorReadLine();
        NextLine(line => line.StartsWith("search: watching"));
        return watching;
    }

    private string NextLine(Func<string, bool> wanted)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (lines.TryTake(out var line, deadline - DateTime.UtcNow > TimeSpan.Zero ? deadline - DateTime.UtcNow : TimeSpan.Zero))
            if (wanted(line))
                return line;
        throw new TimeoutException($"no such line within {Bound.TotalSeconds} s");
    }

    private string NextUpdate() => NextLine(line => line.StartsWith("updated: ") || line.StartsWith("search: "));

    private string Seed(string name) => Path.Combine(seeds, name);

    private bool CaughtUp() => IndexWatcher.IsCaughtUp(index, IndexManifest.ReadFrom(index)!);

    [Fact]
    public void Changes_are_picked_up_one_line_per_update_with_no_essay_missed_or_duplicated()
    {
        using var watching = StartWatching();
        string gentle = $"a-{TestData.GentleSingularity}.txt";

        // A save in several writes, the file flushed between them.
        using (var file = new FileStream(Seed(gentle), FileMode.Append))
        {
            file.Write("\n\n蓝鲸是"u8);
            file.Flush();
            Thread.Sleep(100);
            file.Write("最大的动物。\n"u8);
        }
        Assert.Matches(@"^updated: 1 changed, 0 added, 0 removed, \d+ ms$", NextUpdate());

        // An editor's save: a hidden swap file, a temporary file renamed over the essay, a backup left beside it.
        File.WriteAllText(Seed($".b-{TestData.GentleSingularity}.txt.swp"), "swap");
        File.WriteAllText(Seed("new.md.tmp"), "# 新文章\n\n蓝鲸与超级智能。\n");
        File.Move(Seed("new.md.tmp"), Seed("new.md"));
        File.WriteAllText(Seed("new.md~"), "backup");
        Assert.Equal("updated: 0 changed, 1 added, 0 removed", TrimTime(NextUpdate()));

        File.Move(Seed($"c-{TestData.Reflections}.txt"), Seed($"z-{TestData.Reflections}.txt"));
        Assert.Equal("updated: 0 changed, 1 added, 1 removed", TrimTime(NextUpdate()));

        File.Delete(Seed($"d-{TestData.Reflections}.txt"));
        Assert.Equal("updated: 0 changed, 0 added, 1 removed", TrimTime(NextUpdate()));

        // Swap and backup files alone make no update.
        File.WriteAllText(Seed("new.md~"), "another backup");
        Thread.Sleep(IndexWatcherQuiet * 3);
        Assert.DoesNotContain(lines, line => line.StartsWith("updated: "));

        Stop(watching);
        AssertSameAsAFullBuild();
    }

    /// <summary>
    /// A file left out, as it cannot be read, is listed on the update that first leaves it out (a note saved half-typed), a line
    /// of its own, and only counted on the updates after: a watch of a vault with many such files does not list them all again.
    /// A warning on a file indexed whole (front matter that is not valid YAML) is told by the update that reads it.
    /// </summary>
    [Fact]
    public void A_file_left_out_is_listed_once_and_counted_after()
    {
        File.WriteAllText(Seed("坏.md"), "坏文件。\0");
        using var watching = SearchCommand.Start(["index", "--watch", "--seeds", seeds, "--index", index]);
        using var all = new BlockingCollection<string>();
        watching.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                all.Add(e.Data);
        };
        watching.BeginErrorReadLine();
        string Next() => all.TryTake(out var line, Bound) ? line : throw new TimeoutException($"no line within {Bound.TotalSeconds} s");

        Assert.EndsWith("; 1 file is left out of the index, as it cannot be read", Next());
        Assert.StartsWith("left out: 坏.md: binary file", Next());
        Assert.StartsWith("search: watching", Next());

        File.WriteAllText(Seed("新.md"), "半\0"); // no essay added: said, as the file is named after it
        string added = Next();
        Assert.StartsWith("the index is current: 16 essays, ", added);
        Assert.EndsWith("; 2 files are left out of the index, as they cannot be read", added);
        Assert.StartsWith("left out: 新.md:", Next());

        File.WriteAllText(Seed("Ref-DGS.md"), "---\ntitle: Ref-DGS: Reflective Dual Gaussian Splatting\n---\n\n论文笔记。\n"); // indexed, with a warning
        Assert.Equal("updated: 0 changed, 1 added, 0 removed; 2 files are left out of the index, as they cannot be read; 1 file is indexed with a warning", TrimCount(Next()));
        Assert.StartsWith("warning: Ref-DGS.md:2: front matter is not valid YAML", Next());

        File.AppendAllText(Seed($"a-{TestData.GentleSingularity}.txt"), "\n\n蓝鲸。\n");
        Assert.Equal("updated: 1 changed, 0 added, 0 removed; 2 files are left out of the index, as they cannot be read", TrimCount(Next()));
        Thread.Sleep(IndexWatcherQuiet * 3);
        Assert.Empty(all); // no file listed again, nor the warning
        Stop(watching);
    }

    private static string TrimCount(string line) => System.Text.RegularExpressions.Regex.Replace(line, @", \d+ ms;", ";");

    private static readonly TimeSpan IndexWatcherQuiet = EssaySearch.Cli.IndexWatcher.Quiet;

    private static string TrimTime(string line) => System.Text.RegularExpressions.Regex.Replace(line, @", \d+ ms$", "");

    private static void Stop(Process watching)
    {
        SearchCommand.Signal(watching, "INT");
        Assert.True(watching.WaitForExit(TimeSpan.FromSeconds(30)), "Ctrl-C did not stop the watch");
        Assert.Equal(0, watching.ExitCode);
    }

    private void AssertSameAsAFullBuild()
    {
        IndexBuilder.Build(new BuildOptions(seeds, scratch.Sub("full")));
        using var watched = SearchEngine.Open(index);
        using var full = SearchEngine.Open(scratch.Sub("full"));
        Assert.Equal(full.Essays(), watched.Essays());
        Assert.Equal(16, watched.Essays().Count);
        foreach (string query in new[] { "蓝鲸", "超级智能", "奥特曼" })
            Assert.Equal(
                full.Search(query, new SearchOptions(Limit: 100)).Hits.Select(hit => (hit.Essay, hit.Paragraph, hit.Score)),
                watched.Search(query, new SearchOptions(Limit: 100)).Hits.Select(hit => (hit.Essay, hit.Paragraph, hit.Score)));
    }

    /// <summary>
    /// The seeds folder moved away and another put in its place (a vault restored from a backup): the watcher watches the
    /// new one, and neither the changes of the swap nor later edits in the new folder are missed.
    /// </summary>
    [Fact]
    public void A_seeds_folder_swapped_for_another_is_watched_in_its_place()
    {
        using var watching = StartWatching();
        string fresh = scratch.Sub("restored");
        System.IO.Directory.CreateDirectory(fresh);
        foreach (var file in System.IO.Directory.GetFiles(seeds).Where(file => !Path.GetFileName(file).StartsWith("h-")))
            File.Copy(file, Path.Combine(fresh, Path.GetFileName(file)));
        File.WriteAllText(Path.Combine(fresh, "新.md"), "# 新\n\n座头鲸在唱歌。\n");
        System.IO.Directory.Move(seeds, scratch.Sub("old"));
        System.IO.Directory.Move(fresh, seeds);
        Assert.Equal("updated: 0 changed, 1 added, 2 removed", TrimTime(NextLine(line => line.StartsWith("updated: 0 changed, 1 added"))));

        File.AppendAllText(Seed("新.md"), "\n蓝鲸也在唱歌。\n"); // heard only by a watcher of the new folder
        Assert.Equal("updated: 1 changed, 0 added, 0 removed", TrimTime(NextUpdate()));
        Stop(watching);
        Assert.Equal(1, SearchCommand.Run("", "蓝鲸也在唱歌", "--json", "--seeds", seeds, "--index", index).Out.Split("\"rank\"").Length - 1);
    }

    /// <summary>A seeds folder that is a link, pointed elsewhere (ln -sfn), is heard: its name in its parent is a file's.</summary>
    [Fact]
    public void A_seeds_link_pointed_at_another_folder_is_heard()
    {
        if (!OperatingSystem.IsLinux())
            return; // mv -T
        string first = scratch.Sub("first"), second = scratch.Sub("second"), link = scratch.Sub("vault");
        System.IO.Directory.Move(seeds, first);
        System.IO.Directory.CreateDirectory(second);
        File.WriteAllText(Path.Combine(second, "新.md"), "# 新\n\n座头鲸在唱歌。\n");
        System.IO.Directory.CreateSymbolicLink(link, first);
        var watching = SearchCommand.Start(["index", "--watch", "--seeds", link, "--index", index]);
        watching.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                lines.Add(e.Data);
        };
        watching.BeginErrorReadLine();
        NextLine(line => line.StartsWith("search: watching"));

        string pointed = scratch.Sub("pointed");
        System.IO.Directory.CreateSymbolicLink(pointed, second);
        using (var move = Process.Start("mv", ["-T", pointed, link])) // a new link renamed over the old one, at once
            move.WaitForExit();
        Assert.StartsWith("indexed 1 paragraph of 1 essay into", NextLine(line => line.StartsWith("indexed ") || line.StartsWith("updated: "))); // all but one essay gone: built anew
        Stop(watching);
        watching.Dispose();
    }

    [Fact]
    public void A_query_trusts_the_index_while_a_watcher_runs_and_has_indexed_every_change()
    {
        using var watching = StartWatching();
        Assert.True(CaughtUp());

        File.WriteAllText(Seed("新.md"), "# 新\n\n座头鲸在唱歌。\n");
        Assert.Equal("updated: 0 changed, 1 added, 0 removed", TrimTime(NextUpdate()));
        var deadline = DateTime.UtcNow + Bound;
        while (!CaughtUp() && DateTime.UtcNow < deadline)
            Thread.Sleep(20);
        Assert.True(CaughtUp());
        var found = SearchCommand.Run("", "座头鲸", "--seeds", seeds, "--index", index);
        Assert.Equal((0, ""), (found.Exit, found.Err));
        Assert.Contains("座头鲸", found.Out);

        watching.Kill(); // SIGKILL: the lock goes with the process
        watching.WaitForExit();
        Assert.False(CaughtUp());
    }

    [Fact]
    public void A_query_lists_the_folder_itself_unless_a_caught_up_watcher_holds_the_index_it_searches()
    {
        var built = IndexBuilder.Build(new BuildOptions(seeds, index)).Manifest;
        File.WriteAllText(Seed("新.md"), "# 新\n\n座头鲸在唱歌。\n");
        string caughtUp = IndexWatcher.CaughtUpFile(index, built.Source, built.UserDictionary, built.FallbackEncoding);
        using (new FileStream(caughtUp, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            // As a watcher that has not yet been told of the new essay: the query trusts it, and finds nothing.
            var trusted = SearchCommand.Run("", "座头鲸", "--seeds", seeds, "--index", index);
            Assert.Equal((Commands.NotFound, "no matching paragraphs"), (trusted.Exit, trusted.Err.TrimEnd())); // no note of an update

            // Another folder than the one the watcher keeps the index current with is checked, and the index rebuilt from it.
            string other = scratch.Sub("other");
            System.IO.Directory.CreateDirectory(other);
            File.WriteAllText(Path.Combine(other, "鲸.md"), "# 鲸\n\n座头鲸在另一个文件夹。\n");
            var elsewhere = SearchCommand.Run("", "座头鲸", "--seeds", other, "--index", index);
            Assert.Equal(0, elsewhere.Exit);
            Assert.StartsWith("search: updating the index first", elsewhere.Err);
        }
        var checkedItself = SearchCommand.Run("", "座头鲸", "--seeds", seeds, "--index", index);
        Assert.Equal(0, checkedItself.Exit);
        Assert.StartsWith("search: updating the index first", checkedItself.Err);
        Assert.Contains("座头鲸在唱歌", checkedItself.Out);
    }

    [Fact]
    public void A_query_probing_the_lock_as_the_watcher_takes_it_does_not_keep_the_watcher_from_holding_it()
    {
        using var watching = StartWatching();
        var built = IndexManifest.ReadFrom(index)!;
        string caughtUp = IndexWatcher.CaughtUpFile(index, built.Source, built.UserDictionary, built.FallbackEncoding);
        File.WriteAllText(Seed("新.md"), "# 新\n\n座头鲸在唱歌。\n");
        var deadline = DateTime.UtcNow + Bound;
        while (CaughtUp() && DateTime.UtcNow < deadline)
            Thread.Sleep(10);
        // Opened shared, as a query's probe opens it, over the moment the watcher takes it after indexing the change.
        using (new FileStream(caughtUp, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            Assert.Equal("updated: 0 changed, 1 added, 0 removed", TrimTime(NextUpdate()));
        deadline = DateTime.UtcNow + Bound;
        while (!CaughtUp() && DateTime.UtcNow < deadline)
            Thread.Sleep(20);
        Assert.True(CaughtUp());
        Stop(watching);
    }

    [Fact]
    public void A_watcher_of_one_folder_is_not_trusted_for_an_index_built_from_another_meanwhile()
    {
        using var watching = StartWatching();
        string other = scratch.Sub("other");
        System.IO.Directory.CreateDirectory(other);
        File.WriteAllText(Path.Combine(other, "鲸.md"), "# 鲸\n\n座头鲸在另一个文件夹。\n");
        // A query of another folder rebuilds the index from it; the watcher, watching its own folder, hears nothing of that.
        var rebuilt = SearchCommand.Run("", "座头鲸", "--seeds", other, "--index", index);
        Assert.StartsWith("search: updating the index first", rebuilt.Err);

        // Nothing watches the other folder: its next query checks it, and finds the essay added there.
        File.WriteAllText(Path.Combine(other, "蓝鲸.md"), "# 蓝鲸\n\n蓝鲸在另一个文件夹。\n");
        var found = SearchCommand.Run("", "蓝鲸", "--seeds", other, "--index", index);
        Assert.Equal(0, found.Exit);
        Assert.Contains("蓝鲸在另一个文件夹", found.Out);
        Stop(watching);
    }

    [Fact]
    public void An_essay_edited_through_a_link_the_watcher_cannot_hear_is_found_by_the_next_query()
    {
        string elsewhere = scratch.Sub("elsewhere");
        System.IO.Directory.CreateDirectory(Path.Combine(elsewhere, "文件夹"));
        File.WriteAllText(Path.Combine(elsewhere, "外面.md"), "# 外面\n\n原来的正文。\n");
        File.WriteAllText(Path.Combine(elsewhere, "文件夹", "里面.md"), "# 里面\n\n原来的正文。\n");
        File.CreateSymbolicLink(Seed("链.md"), Path.Combine(elsewhere, "外面.md"));
        System.IO.Directory.CreateSymbolicLink(Seed("链接的文件夹"), Path.Combine(elsewhere, "文件夹"));
        using var watching = StartWatching();

        // Edits of the files the links lead to, outside the watched folder: no event reaches the watcher.
        File.AppendAllText(Path.Combine(elsewhere, "外面.md"), "\n座头鲸在唱歌。\n");
        File.AppendAllText(Path.Combine(elsewhere, "文件夹", "里面.md"), "\n蓝鲸在唱歌。\n");
        Thread.Sleep(IndexWatcherQuiet * 3);
        foreach (var (query, essay) in new[] { ("座头鲸", "链"), ("蓝鲸", "链接的文件夹/里面") })
        {
            var found = SearchCommand.Run("", query, "--seeds", seeds, "--index", index);
            Assert.Equal(0, found.Exit);
            Assert.Contains(essay, found.Out);
        }
        Stop(watching);
    }

    [Fact]
    public void Editing_the_user_dictionary_while_watching_rebuilds_the_index_with_it()
    {
        string dictionary = Path.Combine(scratch.Sub("words"), "user.dict");
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(dictionary)!);
        File.WriteAllText(dictionary, "座头鲸\n");
        using var watching = StartWatching("--dict", dictionary);

        File.AppendAllText(dictionary, "蓝鲸湾\n");
        Assert.StartsWith("indexed ", NextLine(line => line.StartsWith("indexed ") || line.StartsWith("updated: ")));
        Stop(watching);
        using var engine = SearchEngine.Open(index);
        Assert.Equal("座头鲸\n蓝鲸湾\n", engine.Manifest.UserWords);
    }

    [Fact]
    public void A_user_dictionary_edited_through_a_link_the_watcher_cannot_hear_is_seen_by_the_next_query()
    {
        string words = scratch.Sub("words");
        System.IO.Directory.CreateDirectory(words);
        File.WriteAllText(Path.Combine(words, "real.dict"), "座头鲸\n");
        string dictionary = Path.Combine(words, "user.dict");
        File.CreateSymbolicLink(dictionary, Path.Combine(words, "real.dict"));
        using var watching = StartWatching("--dict", dictionary);

        File.AppendAllText(Path.Combine(words, "real.dict"), "蓝鲸湾\n"); // no event for the link's name
        var query = SearchCommand.Run("", "座头鲸", "--seeds", seeds, "--index", index);
        Assert.StartsWith("search: updating the index first (the user dictionary changed", query.Err);
        Stop(watching);
    }

    [Fact]
    public void Watching_a_folder_that_does_not_exist_is_a_one_line_error()
    {
        var run = SearchCommand.Run("", "index", "--watch", "--seeds", scratch.Sub("nowhere"), "--index", index);
        run.AssertOneLineError();
        Assert.Contains("does not exist: there is nothing to watch", run.Err);
    }
}
