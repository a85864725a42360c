using EssaySearch.Corpus;

namespace EssaySearch.Schema;

/// <summary>A file of the seeds a build left out of the index, as it cannot be read (<see cref="IndexManifest.LeftOut"/>).</summary>
/// <param name="Name">The file's path relative to the seeds folder, with <c>/</c> between folders.</param>
/// <param name="Reason">Why, in one line that names the file (and the line, where there is one): the message a build
/// without <c>BuildOptions.LeaveOutUnreadable</c> fails with.</param>
public sealed record LeftOutFile(string Name, string Reason)
{
    /// <summary>
    /// Whether the file was left out as it is not UTF-8, and the build had no fallback encoding
    /// (<c>BuildOptions.FallbackEncoding</c>), which reads it if it names the file's encoding: a caller may say how to give one.
    /// </summary>
    public bool NeedsFallbackEncoding { get; init; }

    /// <summary>The id the essay would have in the index (<see cref="Name"/> without its extension), as hits and <c>ReadEssay</c> name essays.</summary>
    public string Essay => EssayFile.IdOf(Name);
}
