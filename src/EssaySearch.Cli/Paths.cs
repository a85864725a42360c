namespace EssaySearch.Cli;

/// <summary>
/// Where the seeds and the index are. In a checkout (a <c>seeds/</c> folder here) the defaults are
/// <c>./seeds</c> and <c>./index</c>; elsewhere, as an installed tool, the index defaults to the user's data folder.
/// <c>SEARCH_SEEDS</c> and <c>SEARCH_INDEX</c> override the defaults; options override both.
/// </summary>
internal sealed record Paths(string Seeds, string Index)
{
    public static Paths Resolve(string? seeds, string? index)
    {
        seeds ??= Environment.GetEnvironmentVariable("SEARCH_SEEDS") is { Length: > 0 } s ? s : "seeds";
        index ??= Environment.GetEnvironmentVariable("SEARCH_INDEX") is { Length: > 0 } i ? i
            : Directory.Exists(seeds) || Directory.Exists("index") ? "index"
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "essay-search", "index");
        return new Paths(seeds, index);
    }
}
