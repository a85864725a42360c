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
    /// Read the index through memory maps rather than positional reads. Memory maps answer a query faster on a large
    /// index, but Lucene.Net registers every memory-mapped input it clones (several per query term) in a weak table that
    /// each garbage collection scans, so an engine that answers many queries, above all from many threads, spends more
    /// and more of its time collecting garbage. Worth it for a process that answers a few queries and exits (the
    /// <c>search</c> command does); leave it off for an engine that lives long (a server). README, "Speed".
    /// </summary>
    public bool MemoryMapped { get; init; }
}
