using System.Diagnostics;
using System.Globalization;
using EssaySearch.Searching;

namespace EssaySearch.Benchmarks;

/// <summary>
/// In-process query latency over a list of queries, measured the way the Java peer's <c>RefSearch bench</c> does:
/// one warm-up round over every query (or <c>--warmup N</c> rounds), then ROUNDS timed rounds; each sample is one query
/// end to end (parse, search for the top 10, load the stored paragraphs, highlight, snippet). Prints
/// <c>queries N mean X ms p50 Y ms p99 Z ms</c> with the peer's percentile picks (sorted[n/2], sorted[(int)(n*0.99)]),
/// and on stderr what a timed query allocates (the thread's allocated bytes) and the gen-0 collections during them.
/// One warm-up round leaves most of the timed rounds to the JIT's tiers (a query takes several times its final
/// time for the first dozens of rounds, the peer's too); a hundred reach each side's steady state (bench/run.sh runs both).
/// <c>--as-you-type</c> searches each query as the search page sends it while it is typed
/// (<see cref="SearchOptions.LastWordAsPrefix"/>; bench/as-you-type.txt is a list for it).
/// </summary>
internal static class LatencyTool
{
    public static int Run(string[] args)
    {
        string indexFolder = args[0];
        var queries = File.ReadAllLines(args[1]).Where(q => !string.IsNullOrWhiteSpace(q)).ToArray();
        int rounds = int.Parse(args[2], CultureInfo.InvariantCulture);
        bool perQuery = args.Contains("--per-query");
        int warmup = WarmupRounds(args);
        var options = new SearchOptions(Limit: 10, LastWordAsPrefix: args.Contains("--as-you-type"));

        // As the engine opens an index by default, and the search command and the server do: through memory maps.
        using var engine = SearchEngine.Open(indexFolder, new EngineOptions());
        var latencies = new List<double>(queries.Length * rounds);
        var byQuery = queries.Select(_ => new List<double>(rounds)).ToArray();
        var totals = new int[queries.Length];
        long allocated = 0;
        int collections = 0;
        for (int round = 1 - warmup; round <= rounds; round++)
        {
            for (int i = 0; i < queries.Length; i++)
            {
                long bytes = GC.GetAllocatedBytesForCurrentThread();
                int gen0 = GC.CollectionCount(0);
                long t0 = Stopwatch.GetTimestamp();
                var results = engine.Search(queries[i], options);
                double ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                if (round > 0)
                {
                    allocated += GC.GetAllocatedBytesForCurrentThread() - bytes;
                    collections += GC.CollectionCount(0) - gen0;
                }
                totals[i] = results.Total;
                if (round > 0)
                {
                    latencies.Add(ms);
                    byQuery[i].Add(ms);
                }
            }
        }
        if (latencies.Count == 0)
        {
            Console.Error.WriteLine("latency: no queries timed");
            return 2;
        }
        double mean = latencies.Average();
        latencies.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"queries {latencies.Count} mean {mean:0.000} ms p50 {latencies[latencies.Count / 2]:0.000} ms p99 {latencies[(int)(latencies.Count * 0.99)]:0.000} ms"));
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"allocated {allocated / 1024.0 / latencies.Count:0.0} KB a query; {collections} gen-0 collections in {latencies.Count} queries"));
        if (perQuery)
            for (int i = 0; i < queries.Length; i++)
            {
                var l = byQuery[i];
                l.Sort();
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {queries[i],-24}\thits {totals[i],7}\tmean {l.Average(),8:0.000} ms\tp50 {l[l.Count / 2],8:0.000} ms\tmax {l[^1],8:0.000} ms"));
            }
        return 0;
    }

    /// <summary>The rounds before the timed ones: <c>--warmup N</c>, else 1.</summary>
    public static int WarmupRounds(string[] args) =>
        args.SkipWhile(arg => arg != "--warmup").Skip(1).Select(n => int.Parse(n, CultureInfo.InvariantCulture)).FirstOrDefault(1);
}
