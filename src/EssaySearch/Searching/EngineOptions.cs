using System.Text;
using EssaySearch.Analysis;
using EssaySearch.Indexing;
using Lucene.Net.Analysis;
using EssaySearch.Schema;

namespace EssaySearch.Searching;

/// <summary>How a <see cref="SearchEngine"/> opens its index.</summary>
public sealed record EngineOptions
{
    /// <summary>When set, the index is built from this folder of essays before opening if it is missing or stale.</summary>
    public string? SeedsFolder { get; init; }

    /// <summary>The encoding a build reads seeds files in when they are not valid UTF-8: see <see cref="BuildOptions.FallbackEncoding"/>.</summary>
    public Encoding? SeedsFallbackEncoding { get; init; }

    /// <summary>The word analyzer the index was built with; <c>null</c> for <see cref="ChineseAnalyzer"/>.</summary>
    public Analyzer? WordAnalyzer { get; init; }

    /// <summary>The user dictionary a build uses, and that the index must have been built with: see <see cref="BuildOptions.UserDictionary"/>.</summary>
    public string? UserDictionary { get; init; }

    /// <summary>Told why, just before a build that <see cref="SeedsFolder"/> made necessary starts.</summary>
    public Action<IndexFreshness>? BeforeBuild { get; init; }

    /// <summary>Receives the progress of such a build.</summary>
    public IProgress<BuildProgress>? BuildProgress { get; init; }
}
