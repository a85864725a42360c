using EssaySearch.Analysis;
using Lucene.Net.Analysis;

namespace EssaySearch.Searching;

/// <summary>How a <see cref="SearchEngine"/> opens its index.</summary>
public sealed record EngineOptions
{
    /// <summary>
    /// The word analyzer the index was built with (<see cref="Indexing.BuildOptions.WordAnalyzer"/>); <c>null</c> for
    /// <see cref="ChineseAnalyzer"/>. An index built with another analysis is refused rather than misread.
    /// </summary>
    public Analyzer? WordAnalyzer { get; init; }

    /// <summary>
    /// Read the index through memory maps (the default) rather than positional reads. Maps answer faster (bench/run.sh,
    /// query latency; bench/load.sh, the server), at the price of address space as large as the index and of a resident
    /// size that counts the index pages read (page cache, shared and reclaimable); <c>false</c> reads with positional
    /// reads instead. The maps are the engine's own, not Lucene.Net's <c>MMapDirectory</c>, whose weak table of clones made
    /// a long-lived engine spend more and more of its time collecting garbage (README, "Speed"). A file of an open build
    /// must not be changed in place: the engine's builds never do (each is written beside the live one and swapped in),
    /// but a copy or restore over the index folder while an engine has it open truncates mapped pages, and reading them
    /// then ends the process (SIGBUS, which .NET cannot catch), where positional reads fail with
    /// <see cref="EssaySearchErrorKind.IndexDamaged"/>.
    /// </summary>
    public bool MemoryMapped { get; init; } = true;
}
