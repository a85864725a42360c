using System.Security.Cryptography;
using EssaySearch.Corpus;

namespace EssaySearch.Schema;

/// <summary>One file of an indexed corpus as the manifest records it.</summary>
/// <param name="Name">The file's path relative to the seeds folder, with <c>/</c> between folders.</param>
/// <param name="Length">Size in bytes.</param>
/// <param name="LastWriteUtcTicks">Modification time; lets a freshness check skip hashing unchanged files.</param>
/// <param name="Sha256">Hex SHA-256 of the content.</param>
public sealed record CorpusFile(string Name, long Length, long LastWriteUtcTicks, string Sha256)
{
    internal static CorpusFile Describe(EssayFile file)
    {
        var info = new FileInfo(file.Path);
        return new CorpusFile(file.RelativePath, info.Length, info.LastWriteTimeUtc.Ticks, HashOf(file.Path));
    }

    internal static string HashOf(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Same size and modification time: the content can be taken as unchanged without hashing it.</summary>
    internal bool LooksUnchanged(EssayFile file)
    {
        var info = new FileInfo(file.Path);
        return info.Length == Length && info.LastWriteTimeUtc.Ticks == LastWriteUtcTicks;
    }
}
