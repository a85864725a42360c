namespace EssaySearch.Cli;

/// <summary>
/// With <c>SEARCH_TRACE_STARTUP</c> set, writes to stderr when a run reached each stage of its start-up, in
/// milliseconds: from the value, when it is the launch time in Unix nanoseconds (<c>$(date +%s%N)</c>), so that the
/// time before <c>Main</c> counts too; from <c>Main</c> otherwise. Beside it, what the run has allocated by then: every
/// fresh page of the heap is a page fault, a large part of a short run's time. <c>bench/startup.sh</c> reads it.
/// </summary>
internal static class StartupTrace
{
    private static readonly long? OriginTicks = Origin(Environment.GetEnvironmentVariable("SEARCH_TRACE_STARTUP"));

    /// <summary>Notes that <paramref name="stage"/> was reached.</summary>
    public static void Mark(string stage)
    {
        if (OriginTicks is { } origin)
            Console.Error.WriteLine($"search: startup: {stage} {(DateTime.UtcNow.Ticks - origin) / (double)TimeSpan.TicksPerMillisecond:0.0} ms {GC.GetTotalAllocatedBytes() / 1024} KiB");
    }

    private static long? Origin(string? value) =>
        value is not { Length: > 0 } ? null
        : long.TryParse(value, out long nanoseconds) && nanoseconds > 1_000_000_000_000_000_000 ? DateTime.UnixEpoch.Ticks + nanoseconds / 100
        : DateTime.UtcNow.Ticks;
}
