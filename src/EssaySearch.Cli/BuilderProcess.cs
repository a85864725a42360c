using System.Diagnostics;
using System.Runtime.CompilerServices;
using EssaySearch.Indexing;

namespace EssaySearch.Cli;

/// <summary>
/// Index builds for the native (ahead-of-time compiled) <c>search</c>. A build segments Chinese with ICU4N, which
/// reads its data from satellite assemblies, and a native executable cannot load those. So the native publish
/// carries a framework-dependent copy of this same command in <c>builder/</c> (see the project file), and the native
/// command hands every build to it; searching needs no ICU and stays native.
/// </summary>
internal static class BuilderProcess
{
    public static bool IsNeeded => !RuntimeFeature.IsDynamicCodeSupported;

    /// <summary>Runs the builder with these arguments, sharing this process's terminal; returns its exit code.</summary>
    public static int Run(IEnumerable<string> args)
    {
        string builder = Path.Combine(AppContext.BaseDirectory, "builder", OperatingSystem.IsWindows() ? "search.exe" : "search");
        if (!File.Exists(builder))
            throw new IndexBuildException($"this native search cannot build indexes without its builder, '{builder}' is missing; publish again");
        var start = new ProcessStartInfo(builder) { UseShellExecute = false };
        foreach (string arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>The build <see cref="Searching.SearchEngine.Open"/> asks for; the builder reports its own errors.</summary>
    public static void Build(BuildOptions options)
    {
        List<string> args = ["index", "--seeds", options.SeedsFolder, "--index", options.IndexFolder];
        if (options.FallbackEncoding is { } encoding)
            args.AddRange(["--encoding", encoding.WebName]);
        int exitCode = Run(args);
        if (exitCode != Commands.Found)
            throw new Failed(exitCode);
    }

    /// <summary>The builder failed and has said why on standard error.</summary>
    public sealed class Failed(int exitCode) : Exception($"the index build failed (exit code {exitCode})")
    {
        public int ExitCode { get; } = exitCode;
    }
}
