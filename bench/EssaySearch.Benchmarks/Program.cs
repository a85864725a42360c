using BenchmarkDotNet.Running;
using EssaySearch.Benchmarks;

// Console tools for bench/run.sh, or BenchmarkDotNet's micro-benchmarks for anything else:
//   latency INDEXDIR QUERIES.txt ROUNDS [--warmup N] [--per-query] [--as-you-type]   in-process query latency, as the peer's `RefSearch bench` (N warm-up rounds, 1 by default;
//                                                       --as-you-type: the last word also as a prefix, as the search page sends a query being typed)
//   steps INDEXDIR QUERIES.txt ROUNDS [--warmup N] [--as-you-type]   where it goes: finding the top 10, reading them, highlighting
//   tsv SEEDSDIR OUT.tsv                                the paragraphs our reader indexes, as essay<TAB>n<TAB>text
//   --filter '*' [BenchmarkDotNet options]              the micro-benchmarks (README, "Speed")
return args.FirstOrDefault() switch
{
    "latency" when args.Length >= 4 => LatencyTool.Run(args[1..]),
    "steps" when args.Length >= 4 => StepsTool.Run(args[1..]),
    "tsv" when args.Length >= 3 => CorpusTool.WriteTsv(args[1..]),
    "latency" or "steps" or "tsv" => Usage(),
    _ => Micro(args),
};

static int Usage()
{
    Console.Error.WriteLine("usage: latency INDEXDIR QUERIES.txt ROUNDS [--warmup N] [--per-query] [--as-you-type] | steps INDEXDIR QUERIES.txt ROUNDS [--warmup N] [--as-you-type] | tsv SEEDSDIR OUT.tsv");
    return 2;
}

static int Micro(string[] args)
{
    var summaries = BenchmarkSwitcher.FromAssembly(typeof(LatencyTool).Assembly).Run(args, new BenchConfig());
    return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
}
