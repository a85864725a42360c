using System.Collections.Concurrent;
using System.Diagnostics;
using EssaySearch.Indexing;
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

    private Process StartWatching()
    {
        var watching = SearchCommand.Start(["index", "--watch", "--seeds", seeds, "--index", index]);
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

    private static readonly TimeSpan IndexWatcherQuiet = EssaySearch.Cli.IndexWatcher.Quiet;

    private static string TrimTime(string line) => System.Text.RegularExpressions.Regex.Replace(line, @", \d+ ms$", "");

    private static void Stop(Process watching)
    {
        Process.Start("kill", ["-INT", watching.Id.ToString()]).WaitForExit();
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
}
