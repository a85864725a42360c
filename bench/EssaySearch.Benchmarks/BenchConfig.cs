using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace EssaySearch.Benchmarks;

/// <summary>Short jobs (the machine is small and noisy; compare only within one run), allocations, and a Chars/s column.</summary>
internal sealed class BenchConfig : ManualConfig
{
    public BenchConfig()
    {
        Add(DefaultConfig.Instance);
        // BENCH_SMOKE=1 (CI): one in-process pass of each benchmark, to prove they run; its timings mean nothing.
        AddJob(Environment.GetEnvironmentVariable("BENCH_SMOKE") == "1"
            ? Job.Dry.WithToolchain(InProcessEmitToolchain.Instance)
            : Job.Default.WithWarmupCount(3).WithIterationCount(10).WithLaunchCount(1));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(new CharsPerSecondColumn());
        WithOption(ConfigOptions.JoinSummary, true);
    }
}

/// <summary>Characters of essay text per second, for the benchmarks that process every essay paragraph once per operation.</summary>
internal sealed class CharsPerSecondColumn : IColumn
{
    public string Id => nameof(CharsPerSecondColumn);
    public string ColumnName => "Chars/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "UTF-16 characters of essay paragraphs processed per second";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var type = benchmarkCase.Descriptor.Type;
        if (type != typeof(AnalyzerBenchmarks) && type != typeof(IndexBuildBenchmarks))
            return "-";
        double? meanNs = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return meanNs is > 0 ? (BenchData.Characters / (meanNs.Value / 1e9)).ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : "-";
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;
}
