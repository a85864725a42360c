using System.Security.Cryptography;
using EssaySearch.Corpus;

namespace EssaySearch.Schema;

/// <summary>One file of an indexed corpus as the manifest records it.</summary>
/// <param name="Name">The file's path relative to the seeds folder, with <c>/</c> between folders.</param>
/// <param name="Length">Size in bytes.</param>
/// <param name="LastWriteUtcTicks">Modification time; lets a freshness check skip hashing unchanged files. 0 when it was
/// too recent to be trusted (see <see cref="Read"/>).</param>
/// <param name="Sha256">Hex SHA-256 of the content.</param>
public sealed record CorpusFile(string Name, long Length, long LastWriteUtcTicks, string Sha256)
{
    // A file saved again while it is read is read again; one that keeps changing fails the build rather than be indexed half-saved.
    private const int ReadAttempts = 3;

    // Linux stamps files with a coarse clock (a few milliseconds): a file rewritten with the same size within one tick of
    // being read would keep its modification time. Times this recent are not recorded, so the next check hashes the file.
    private static readonly TimeSpan TrustedAge = TimeSpan.FromSeconds(1);

    /// <summary>The id of the essay the file holds.</summary>
    internal string Essay => EssayFile.IdOf(Name);

    /// <summary>
    /// Reads a file once and describes exactly the bytes read, so that what is indexed and what the manifest records
    /// are the same version of the file: its size and modification time are taken before and after reading, and a
    /// file that changed meanwhile is read again.
    /// </summary>
    /// <exception cref="EssaySearchException">The file cannot be read, or changed every time it was read.</exception>
    internal static (CorpusFile Described, byte[] Bytes) Read(EssayFile file)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                var (length, ticks) = EssayFile.Stamp(file.Path);
                byte[] bytes = File.ReadAllBytes(file.Path);
                if (bytes.Length == length && EssayFile.Stamp(file.Path) == (length, ticks))
                {
                    bool recent = DateTime.UtcNow.Ticks - ticks < TrustedAge.Ticks;
                    return (new CorpusFile(file.RelativePath, length, recent ? 0 : ticks, Convert.ToHexStringLower(SHA256.HashData(bytes))), bytes);
                }
            }
            catch (EndOfStreamException)
            {
                // truncated while it was read: a save under way
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw EssayFile.CannotOpen(file.RelativePath, "be read", e);
            }
            if (attempt == ReadAttempts)
                throw new EssaySearchException(EssaySearchErrorKind.BadCorpus, $"{file.RelativePath}: changed while it was being read, {ReadAttempts} times; index again once it is saved");
            Thread.Sleep(50 * attempt); // let the save finish
        }
    }

    internal static CorpusFile Describe(EssayFile file) => Read(file).Described;

    /// <summary>Whether the file can be opened for reading now.</summary>
    internal static bool CanRead(EssayFile file)
    {
        try
        {
            using var stream = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Same size and modification time when listed: the content can be taken as unchanged without hashing it.</summary>
    internal bool LooksUnchanged(EssayFile file) => file.Length == Length && file.LastWriteUtcTicks == LastWriteUtcTicks;
}
