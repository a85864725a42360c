using System.Text.Json;
using EssaySearch.Cli;
using EssaySearch.Cli.Server;
using EssaySearch.Indexing;
using EssaySearch.Schema;
using Lucene.Net.Index;
using FSDirectory = Lucene.Net.Store.FSDirectory;
using Lucene.Net.Util;

namespace EssaySearch.Tests.Cli;

/// <summary>
/// An index is kept current with the folder it was built from, never with whatever <c>./seeds</c> the command
/// happens to run beside: <c>search --index OTHER</c> in a checkout must not replace OTHER with an index of the checkout's essays.
/// </summary>
public sealed class IndexSourceTests : IDisposable
{
    private readonly ScratchFolder scratch = new();
    private readonly string own, index, workingDirectory;

    public IndexSourceTests()
    {
        own = scratch.CopyOfSeeds("own");
        index = scratch.Sub("other-index");
        IndexBuilder.Build(new BuildOptions(own, index));
        // A checkout whose ./seeds is another corpus: one essay that never says 超级智能.
        workingDirectory = scratch.Sub("checkout");
        Directory.CreateDirectory(Path.Combine(workingDirectory, "seeds"));
        File.WriteAllText(Path.Combine(workingDirectory, "seeds", "whale.md"), "# 鲸\n\n蓝鲸是地球上最大的动物。\n");
    }

    public void Dispose() => scratch.Dispose();

    private CliRun Search(params string[] args) => SearchCommand.RunProcess([.. args, "--index", index, "--json"], workingDirectory: workingDirectory);

    private string BuildId => File.ReadAllText(Path.Combine(index, "current", "build-id"));

    private static IEnumerable<string> EssaysOf(CliRun run) =>
        JsonDocument.Parse(run.Out).RootElement.GetProperty("hits").EnumerateArray().Select(hit => hit.GetProperty("essay").GetString()!).Distinct();

    [Fact]
    public void The_manifest_records_the_full_path_of_the_folder_it_was_built_from()
    {
        Assert.Equal(Path.GetFullPath(own), IndexManifest.ReadFrom(index)!.Source);
        Assert.Null(IndexManifest.ReadFrom(scratch.Sub("nowhere")));
    }

    [Fact]
    public void A_current_index_is_searched_untouched_beside_another_seeds_folder()
    {
        string before = BuildId;
        var run = Search("超级智能");
        Assert.Equal(0, run.Exit);
        Assert.Equal("", run.Err);
        Assert.Equal([TestData.GentleSingularity, TestData.Reflections], EssaysOf(run).Order());
        Assert.Equal(before, BuildId);
        Assert.Equal(Path.GetFullPath(own), IndexManifest.ReadFrom(index)!.Source);
    }

    [Fact]
    public void A_stale_index_is_rebuilt_from_its_own_folder_not_from_the_one_beside_the_command()
    {
        File.AppendAllText(Path.Combine(own, "002_71bd8fe93b13801e.txt"), "\n\n蓝鲸也在这里。\n");
        var run = Search("蓝鲸");
        Assert.Equal(0, run.Exit);
        Assert.Contains("updating the index first (the index is stale: 002_71bd8fe93b13801e.txt changed since it was built)", run.Err);
        Assert.Equal([TestData.GentleSingularity], EssaysOf(run));
        Assert.Equal(Path.GetFullPath(own), IndexManifest.ReadFrom(index)!.Source);
        Assert.Equal(0, Search("超级智能").Exit);
    }

    [Fact]
    public void An_index_whose_folder_is_gone_is_searched_as_it_is_with_a_note()
    {
        string before = BuildId;
        Directory.Delete(own, recursive: true);
        var run = Search("超级智能");
        Assert.Equal(0, run.Exit);
        Assert.Equal($"search: note: the index was built from '{Path.GetFullPath(own)}', which is gone; searching it as it is\n", run.Err);
        Assert.Equal([TestData.GentleSingularity, TestData.Reflections], EssaysOf(run).Order());
        Assert.Equal(before, BuildId);
        var rebuild = SearchCommand.RunProcess(["index", "--index", index], workingDirectory: workingDirectory);
        rebuild.AssertOneLineError();
        Assert.Contains("which is gone; pass --seeds DIR", rebuild.Err);

        // Damaged too: nothing to rebuild it from, so the error says what to do.
        foreach (var file in Directory.GetFiles(Path.Combine(index, "current"), "*.si"))
            File.Delete(file);
        var damaged = Search("超级智能");
        Assert.StartsWith("search: note: the index in", damaged.Err); // its commit cannot be read, so neither can its folder
        damaged = damaged with { Err = damaged.Err.Split('\n', 2)[1] };
        damaged.AssertOneLineError();
        Assert.Contains("damaged or unreadable", damaged.Err);
        Assert.EndsWith("; rebuild it with `search index --full`\n", damaged.Err);
    }

    [Fact]
    public void Seeds_asked_for_replace_the_folder_the_index_was_built_from()
    {
        var run = Search("蓝鲸", "--seeds", "seeds");
        Assert.Equal(0, run.Exit);
        Assert.Contains("updating the index first (the index is stale: whale.md was added since it was built)", run.Err);
        Assert.Equal(["whale"], EssaysOf(run));
        Assert.Equal(Path.Combine(workingDirectory, "seeds"), IndexManifest.ReadFrom(index)!.Source);
    }

    [Fact]
    public void An_index_that_does_not_record_its_folder_is_refreshed_only_when_it_is_the_default_one()
    {
        using (var directory = FSDirectory.Open(Path.Combine(index, "current")))
        {
            using var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, null) { OpenMode = OpenMode.APPEND });
            writer.SetCommitData((IndexManifest.ReadFrom(index)! with { Source = "" }).ToCommitData());
            writer.Commit();
        }
        string before = BuildId;
        var run = Search("超级智能");
        Assert.Equal(0, run.Exit);
        Assert.Equal($"search: note: the index in '{index}' does not record the folder it was built from; searching it as it is (--seeds DIR keeps it current)\n", run.Err);
        Assert.Equal(before, BuildId);

        // ./index beside ./seeds, both by default, belong together.
        Directory.Move(index, Path.Combine(workingDirectory, "index"));
        var beside = SearchCommand.RunProcess(["蓝鲸", "--json"], workingDirectory: workingDirectory);
        Assert.Equal(0, beside.Exit);
        Assert.Contains("updating the index first", beside.Err);
        Assert.Equal(["whale"], EssaysOf(beside));
    }

    [Fact]
    public async Task The_server_keeps_to_the_folder_the_index_was_built_from_too()
    {
        string before = BuildId;
        var paths = new Paths(Path.Combine(workingDirectory, "seeds"), index);
        await using (var server = SearchServer.Start(new ServerOptions(paths, Port: 0), TextWriter.Null))
        {
            using var client = new HttpClient { BaseAddress = server.Url };
            using var health = JsonDocument.Parse(await client.GetStringAsync("/api/health"));
            Assert.Equal(Path.GetFullPath(own), health.RootElement.GetProperty("seeds").GetString());
            Assert.True(health.RootElement.GetProperty("current").GetBoolean());
            using var search = JsonDocument.Parse(await client.GetStringAsync("/api/search?q=%E8%B6%85%E7%BA%A7%E6%99%BA%E8%83%BD"));
            Assert.Equal(5, search.RootElement.GetProperty("total").GetInt32());
        }
        Assert.Equal(before, BuildId);
    }
}
