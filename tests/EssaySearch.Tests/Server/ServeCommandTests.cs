using System.Diagnostics;
using System.Net;
using System.Runtime.Versioning;
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
    [InlineData("--host", "fe80::1", "search: --host fe80::1: a link-local address needs a scope, e.g. fe80::1%eth0")]
    [InlineData("--host", "192.0.2.1", "search: cannot listen on 192.0.2.1 port 8080: ")] // an address kept for documentation, on no machine
    public void Bad_options_exit_2_with_a_one_line_message(string option, string value, string message)
    {
        var run = SearchCommand.Run("", "serve", option, value, "--seeds", TestData.Seeds, "--index", scratch.Sub("index"));
        run.AssertOneLineError();
        Assert.Contains(message, run.Err);
    }

    [Fact]
    public void A_port_in_use_is_a_one_line_error_before_any_index_is_built()
    {
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        string index = scratch.Sub("index");
        var run = SearchCommand.Run("", "serve", "--port", port.ToString(), "--seeds", TestData.Seeds, "--index", index);
        run.AssertOneLineError();
        Assert.StartsWith($"search: cannot listen on 127.0.0.1 port {port}: ", run.Err);
        Assert.False(Directory.Exists(index));
    }

    [Fact]
    public async Task It_prints_its_loopback_url_serves_and_stops_cleanly_on_ctrl_c()
    {
        using var process = SearchCommand.Start(["serve", "--port", "0", "--seeds", scratch.CopyOfSeeds(), "--index", scratch.Sub("index")]);
        var errors = process.StandardError.ReadToEndAsync();
        var url = await ServingUrl(process);

        using var client = new HttpClient { BaseAddress = url };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/health")).StatusCode);

        await Interrupt(process);
        Assert.DoesNotContain("   at ", await errors);
    }

    [Fact]
    [SupportedOSPlatform("linux")] // the opener is a shell script on PATH
    public async Task With_open_it_hands_its_url_to_the_desktops_opener()
    {
        // The desktop's opener (xdg-open on Linux) replaced by one that writes down what it was asked to open.
        string bin = Directory.CreateDirectory(scratch.Sub("bin")).FullName;
        string opened = scratch.Sub("opened.txt");
        string opener = Path.Combine(bin, "xdg-open");
        File.WriteAllText(opener, $"#!/bin/sh\necho \"$1\" > '{opened}'\n");
        File.SetUnixFileMode(opener, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = new Dictionary<string, string> { ["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}" };

        using var process = SearchCommand.Start(["serve", "--port", "0", "--open", "--seeds", scratch.CopyOfSeeds(), "--index", scratch.Sub("index")], path);
        var errors = process.StandardError.ReadToEndAsync();
        var url = await ServingUrl(process);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!(File.Exists(opened) && File.ReadAllText(opened).EndsWith('\n')) && DateTime.UtcNow < deadline)
            await Task.Delay(50);

        Assert.Equal(url.ToString(), File.ReadAllText(opened).Trim());
        await Interrupt(process);
        Assert.DoesNotContain("could not open a browser", await errors);
    }

    /// <summary>Reads the line the server prints when it listens, and the URL in it.</summary>
    private static async Task<Uri> ServingUrl(Process process)
    {
        string line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)) ?? "";
        Assert.Matches(@"^search: serving http://127\.0\.0\.1:\d+/ \(Ctrl-C stops\)$", line);
        return new Uri(line.Split(' ')[2]);
    }

    /// <summary>Ctrl-C, and the server's clean exit.</summary>
    private static async Task Interrupt(Process process)
    {
        using (var interrupt = Process.Start("kill", ["-INT", process.Id.ToString()]))
            await interrupt.WaitForExitAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, process.ExitCode);
    }
}
