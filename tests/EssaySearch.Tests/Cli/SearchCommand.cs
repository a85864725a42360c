using System.Diagnostics;
using EssaySearch.Cli;

namespace EssaySearch.Tests.Cli;

/// <summary>What one run of the <c>search</c> command gave.</summary>
internal sealed record CliRun(int Exit, string Out, string Err)
{
    /// <summary>Asserts the run failed the way every failure must: exit 2, one line on stderr, no stack trace.</summary>
    public void AssertOneLineError()
    {
        Assert.Equal(Commands.Error, Exit);
        Assert.Single(Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("search: ", Err);
        Assert.DoesNotContain("   at ", Err);
    }
}

/// <summary>Runs the <c>search</c> command through its entry point, or as a real process of the built binary.</summary>
internal static class SearchCommand
{
    public static CliRun Run(string stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = Commands.Run(args, () => new StringReader(stdin), output, error);
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    /// <summary>Starts <c>dotnet search.dll ARGS</c> (the binary beside the tests) with stdout and stderr redirected.</summary>
    public static Process Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "search.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        return Process.Start(start)!;
    }

    /// <summary>Sends <paramref name="process"/> the signal named <paramref name="signal"/> (INT, TERM), as a shell's <c>kill -SIGNAL</c> does.</summary>
    public static void Signal(Process process, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString()]);
        kill.WaitForExit();
    }

    public static CliRun RunProcess(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        using var process = Start(args, environment, workingDirectory);
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new CliRun(process.ExitCode, output, error.Result);
    }
}
