using System.Security.Cryptography;

namespace EssaySearch.Indexing;

/// <summary>One file of an indexed corpus as the manifest records it.</summary>
/// <param name="Name">File name within the seeds folder.</param>
/// <param name="Length">Size in bytes.</param>
/// <param name="LastWriteUtcTicks">Modification time; lets a freshness check skip hashing unchanged files.</param>
/// <param name="Sha256">Hex SHA-256 of the content.</param>
public sealed record CorpusFile(string Name, long Length, long LastWriteUtcTicks, string Sha256)
{
    internal static CorpusFile Describe(string path, string? knownSha256 = null)
    {
        var info = new FileInfo(path);
        return new CorpusFile(info.Name, info.Length, info.LastWriteTimeUtc.Ticks, knownSha256 ?? HashOf(path));
    }

    internal static string HashOf(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Same name, size and modification time: the content can be taken as unchanged without hashing it.</summary>
    internal bool LooksUnchanged(FileInfo info) =>
        info.Name == Name && info.Length == Length && info.LastWriteTimeUtc.Ticks == LastWriteUtcTicks;
}
