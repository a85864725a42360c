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
}
