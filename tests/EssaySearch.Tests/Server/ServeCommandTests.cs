using System.Diagnostics;
using System.Net;
using EssaySearch.Tests.Cli;

namespace EssaySearch.Tests.Server;

/// <summary><c>search serve</c> as a command: its options, its URL line, and Ctrl-C.</summary>
public sealed class ServeCommandTests : IDisposable
{
    private readonly ScratchFolder scratch = new();

    public void Dispose() => scratch.Dispose();

    [Theory]
    [InlineData("--port", "70000", "--port must be from 0 to 65535")]
    [InlineData("--port", "x", "")]
    [InlineData("--host", "example.com", "--host must be an IP address")]
    public void Bad_options_exit_2_with_a_one_line_message(string option, string value, string message)
    {
        var run = SearchCommand.Run("", "serve", option, value, "--seeds", TestData.Seeds, "--index", scratch.Sub("index"));
        run.AssertOneLineError();
        Assert.Contains(message, run.Err);
    }

    [Fact]
    public async Task It_prints_its_loopback_url_serves_and_stops_cleanly_on_ctrl_c()
    {
        using var process = SearchCommand.Start(["serve", "--port", "0", "--seeds", scratch.CopyOfSeeds(), "--index", scratch.Sub("index")]);
        var errors = process.StandardError.ReadToEndAsync();
        string line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)) ?? "";
        var url = new Uri(line.Split(' ')[2]);
        Assert.Matches(@"^search: serving http://127\.0\.0\.1:\d+/ \(Ctrl-C stops\)$", line);

        using var client = new HttpClient { BaseAddress = url };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/health")).StatusCode);

        using (var interrupt = Process.Start("kill", ["-INT", process.Id.ToString()]))
            await interrupt.WaitForExitAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, process.ExitCode);
        Assert.DoesNotContain("   at ", await errors);
    }
}
