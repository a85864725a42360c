using System.Diagnostics;
using System.Globalization;
using EssaySearch.Searching;

namespace EssaySearch.Benchmarks;

/// <summary>
/// Where a query's time goes, in process: after one warm-up round (or <c>--warmup N</c>), ROUNDS rounds over a list of queries, each searched
/// for its top 10 through the engine's own three steps (<c>SearchEngine.Find</c>: compiling the attempts, searching them
/// in turn, the second pass of a relaxed one; <c>SearchEngine.Read</c>: the ten records; <c>SearchEngine.Highlight</c>:
/// highlighting their text and title), a stopwatch around each. Prints the mean of each step per query in ms
/// (<c>queries N find X read Y highlight Z</c>), and on stderr what each allocates a query (the thread's allocated bytes);
/// building the snippets, a few microseconds, is left out.
/// <c>--as-you-type</c> searches each query as it is typed, as the latency tool does.
/// </summary>
internal static class StepsTool
{
    public static int Run(string[] args)
    {
        var queries = File.ReadAllLines(args[1]).Where(q => !string.IsNullOrWhiteSpace(q)).ToArray();
        int rounds = int.Parse(args[2], CultureInfo.InvariantCulture);
        int warmup = LatencyTool.WarmupRounds(args);
        bool asYouType = args.Contains("--as-you-type");
        var index = IndexSnapshot.Open(args[0], new EngineOptions());
        try
        {
            var totals = new double[3];
            var allocated = new long[3];
            for (int round = 1 - warmup; round <= rounds; round++)
            {
                foreach (var query in queries)
                {
                    long b0 = GC.GetAllocatedBytesForCurrentThread();
                    long start = Stopwatch.GetTimestamp();
                    var (attempt, top, _) = SearchEngine.Find(index, query, 10, lastWordAsPrefix: asYouType);
                    long found = Stopwatch.GetTimestamp();
                    long b1 = GC.GetAllocatedBytesForCurrentThread();
                    var records = SearchEngine.Read(index, top.ScoreDocs.Take(10));
                    long read = Stopwatch.GetTimestamp();
                    long b2 = GC.GetAllocatedBytesForCurrentThread();
                    SearchEngine.Highlight(index, attempt, records, asWrittenOnPage: Math.Min(attempt.FoundAsWritten, records.Length)); // as Search marks them
                    long highlighted = Stopwatch.GetTimestamp();
                    long b3 = GC.GetAllocatedBytesForCurrentThread();
                    if (round <= 0)
                        continue;
                    allocated[0] += b1 - b0;
                    allocated[1] += b2 - b1;
                    allocated[2] += b3 - b2;
                    totals[0] += Stopwatch.GetElapsedTime(start, found).TotalMilliseconds;
                    totals[1] += Stopwatch.GetElapsedTime(found, read).TotalMilliseconds;
                    totals[2] += Stopwatch.GetElapsedTime(read, highlighted).TotalMilliseconds;
                }
            }
            int n = rounds * queries.Length;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"queries {n} find {totals[0] / n:0.000} ms read {totals[1] / n:0.000} ms highlight {totals[2] / n:0.000} ms"));
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"allocated a query: find {allocated[0] / 1024.0 / n:0.0} KB read {allocated[1] / 1024.0 / n:0.0} KB highlight {allocated[2] / 1024.0 / n:0.0} KB"));
            return 0;
        }
        finally
        {
            index.Release();
        }
    }
}
