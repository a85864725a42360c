using System.Net;
using System.Text.Json;
using EssaySearch.Cli.Server;
using EssaySearch.Indexing;
using EssaySearch.Schema;

namespace EssaySearch.Tests.Server;

/// <summary>A running server and the index under it: rebuilt, missing, appearing.</summary>
public sealed class IndexSwapTests
{
    private static async Task<int> TotalOf(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/search?q={Uri.EscapeDataString(query)}");
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("total").GetInt32();
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the server did not pick up the new index within 20 s");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Rebuilds_are_served_without_a_restart_and_no_request_fails_during_the_swaps()
    {
        using var server = new RunningServer();
        Assert.Equal(0, await TotalOf(server.Client, "量子纠缠"));

        using var stop = new CancellationTokenSource();
        var failures = new List<string>();
        int requests = 0;
        var clients = Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            string[] paths = ["/api/search?q=%E6%99%BA%E8%83%BD", "/api/essays", $"/api/essays/{TestData.Reflections}?q=%E5%8F%8D%E6%80%9D", "/api/health"];
            while (!stop.IsCancellationRequested)
            {
                string path = paths[Interlocked.Increment(ref requests) % paths.Length];
                try
                {
                    var response = await server.Client.GetAsync(path);
                    string body = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode != HttpStatusCode.OK)
                        lock (failures)
                            failures.Add($"{path}: {(int)response.StatusCode} {body}");
                }
                catch (HttpRequestException e)
                {
                    lock (failures)
                        failures.Add($"{path}: {e.Message}");
                }
            }
        })).ToArray();

        // At least three rebuilds, and as many more as it takes for 100 requests to have run across them (a cold
        // server answers its first requests slowly).
        int build = 0;
        while (++build <= 3 || Volatile.Read(ref requests) <= 100 && build <= 50)
        {
            File.WriteAllText(Path.Combine(server.Seeds, $"95{build}_new.txt"), $"# 新文章 {build}\n\n量子纠缠第{build}次出现在这里。\n");
            IndexBuilder.Build(new BuildOptions(server.Seeds, server.IndexFolder));
            await Eventually(async () => await TotalOf(server.Client, "量子纠缠") == build);
        }
        stop.Cancel();
        await Task.WhenAll(clients);

        Assert.Empty(failures);
        Assert.True(requests > 100, $"only {requests} requests ran during the rebuilds");
        Assert.Contains("serving the rebuilt index", server.Notes);
    }

    [Fact]
    public async Task With_watch_an_essay_saved_meanwhile_is_served_without_a_restart()
    {
        using var server = new RunningServer(withSeeds: true, watch: true);
        Assert.Equal(0, await TotalOf(server.Client, "座头鲸"));

        File.WriteAllText(Path.Combine(server.Seeds, "960_whale.txt"), "座头鲸在唱歌。\n");
        await Eventually(async () => await TotalOf(server.Client, "座头鲸") == 1);
        File.Delete(Path.Combine(server.Seeds, "960_whale.txt"));
        await Eventually(async () => await TotalOf(server.Client, "座头鲸") == 0);
        Assert.Contains("updated: 0 changed, 1 added, 0 removed", server.Notes);
    }

    /// <summary>Served without an index because the seeds hold no essays, requests say so, not "run `search index`", which fails alike.</summary>
    [Fact]
    public async Task Without_an_index_the_reason_none_was_built_stays_the_answer()
    {
        using var scratch = new ScratchFolder();
        var failure = new EssaySearchException(EssaySearchErrorKind.BadCorpus, "seeds folder 'x' holds no .md, .markdown or .txt files");
        using var live = new LiveIndex(scratch.Sub("index"), () => throw failure, TimeSpan.FromMilliseconds(10), TextWriter.Null);
        await Task.Delay(200); // polls find no index
        Assert.Equal(failure.Message, Assert.Throws<IndexUnavailableException>(Engine).Message);

        object Engine() => live.Engine;
    }

    [Fact]
    public async Task Without_an_index_requests_answer_503_until_one_is_built()
    {
        using var server = new RunningServer(withSeeds: false);
        foreach (var path in new[] { "/api/search?q=ai", "/api/essays", "/api/health" })
        {
            var response = await server.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            ServerApiTests.AssertJsonError(await response.Content.ReadAsStringAsync(), response, "no index in");
        }
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/")).StatusCode);

        IndexBuilder.Build(new BuildOptions(TestData.Seeds, server.IndexFolder));
        await Eventually(async () => (await server.Client.GetAsync("/api/health")).StatusCode == HttpStatusCode.OK);
        Assert.Equal(23, await TotalOf(server.Client, "智能"));
    }
}
