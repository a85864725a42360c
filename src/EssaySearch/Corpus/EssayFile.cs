namespace EssaySearch.Corpus;

/// <summary>An essay file of a seeds folder.</summary>
/// <param name="Path">The file's full path.</param>
/// <param name="RelativePath">Its path relative to the seeds folder, with <c>/</c> between folders.</param>
internal sealed record EssayFile(string Path, string RelativePath)
{
    /// <summary>The essay's id: <see cref="RelativePath"/> without its extension.</summary>
    public string Id => IdOf(RelativePath);

    internal static string IdOf(string relativePath) => relativePath[..^System.IO.Path.GetExtension(relativePath).Length];

    /// <summary>A single file read on its own: its id is its file name without extension.</summary>
    public static EssayFile Alone(string path) => new(System.IO.Path.GetFullPath(path), System.IO.Path.GetFileName(path));
}
