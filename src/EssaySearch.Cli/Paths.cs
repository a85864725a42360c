using EssaySearch.Schema;

namespace EssaySearch.Cli;

/// <summary>
/// Where the seeds and the index are. In a checkout (a <c>seeds/</c> folder here) the defaults are
/// <c>./seeds</c> and <c>./index</c>; elsewhere, as an installed tool, the index defaults to the user's data folder.
/// <c>SEARCH_SEEDS</c> and <c>SEARCH_INDEX</c> override the defaults; options override both.
/// </summary>
/// <param name="SeedsGiven">Whether <see cref="Seeds"/> was asked for (<c>--seeds</c> or <c>SEARCH_SEEDS</c>) rather than the default.</param>
/// <param name="IndexGiven">Whether <see cref="Index"/> was asked for (<c>--index</c> or <c>SEARCH_INDEX</c>) rather than the default.</param>
internal sealed record Paths(string Seeds, string Index, bool SeedsGiven = false, bool IndexGiven = false)
{
    public static Paths Resolve(string? seeds, string? index)
    {
        string? seedsGiven = seeds ?? (Environment.GetEnvironmentVariable("SEARCH_SEEDS") is { Length: > 0 } s ? s : null);
        string? indexGiven = index ?? (Environment.GetEnvironmentVariable("SEARCH_INDEX") is { Length: > 0 } i ? i : null);
        seeds = seedsGiven ?? "seeds";
        index = indexGiven ?? (Directory.Exists(seeds) || Directory.Exists("index") ? "index"
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "essay-search", "index"));
        return new Paths(seeds, index, seedsGiven is not null, indexGiven is not null);
    }

    /// <summary>
    /// The seeds folder an index is kept current with: the folder asked for; else the folder the index was built from,
    /// <paramref name="recorded"/> in its manifest (<c>Recorded</c>); else, for a new index or the default one, the default
    /// folder. <c>Folder</c> is <c>null</c> for an index asked for that does not record its folder (built before folders were
    /// recorded, or damaged): an index is never rebuilt from a folder it may not have been built from.
    /// </summary>
    public (string? Folder, bool Recorded) SourceOf(string? recorded, bool indexExists) =>
        SeedsGiven ? (Seeds, false)
        : recorded is { Length: > 0 } ? (recorded, true)
        : !indexExists || !IndexGiven ? (Seeds, false)
        : (null, false);

    /// <summary>
    /// The manifest of the index in <see cref="Index"/>, read from its last commit (null when there is none or it cannot be
    /// read), and whether an index is there: one whose commit cannot be read still is, and is never rebuilt from a folder
    /// it may not have been built from (<see cref="SourceOf"/>).
    /// </summary>
    public (IndexManifest? Manifest, bool Exists) Built()
    {
        try
        {
            var built = IndexManifest.ReadFrom(Index);
            return (built, built is not null);
        }
        catch (EssaySearchException e) when (e.IsIndexProblem)
        {
            return (null, true);
        }
    }
}
