using EssaySearch.Analysis;
using Lucene.Net.Analysis;

namespace EssaySearch.Searching;

/// <summary>How a <see cref="SearchEngine"/> opens its index.</summary>
public sealed record EngineOptions
{
    /// <summary>When set, the index is built from this folder of essays before opening if it is missing or stale.</summary>
    public string? SeedsFolder { get; init; }

    /// <summary>The word analyzer the index was built with; <c>null</c> for <see cref="ChineseAnalyzer"/>.</summary>
    public Analyzer? WordAnalyzer { get; init; }
}
