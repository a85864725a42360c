using System.Runtime.InteropServices;

namespace EssaySearch.Corpus;

/// <summary>An essay file of a seeds folder.</summary>
/// <param name="Folder">The full path of the seeds folder it was listed in.</param>
/// <param name="RelativePath">Its path relative to that folder, with <c>/</c> between folders.</param>
/// <param name="Length">Its size in bytes when it was listed (of the file a link leads to).</param>
/// <param name="LastWriteUtcTicks">Its modification time when it was listed.</param>
internal sealed record EssayFile(string Folder, string RelativePath, long Length, long LastWriteUtcTicks)
{
    /// <summary>The file's full path; made when the file is read, not for every file a freshness check lists.</summary>
    public string Path => System.IO.Path.Join(Folder, RelativePath);

    /// <summary>The essay's id: <see cref="RelativePath"/> without its extension.</summary>
    public string Id => IdOf(RelativePath);

    internal static string IdOf(string relativePath) => relativePath[..^System.IO.Path.GetExtension(relativePath).Length];

    /// <summary>A single file read on its own: its id is its file name without extension; not listed, so no size or time.</summary>
    public static EssayFile Alone(string path)
    {
        string fullPath = System.IO.Path.GetFullPath(path);
        return new(System.IO.Path.GetDirectoryName(fullPath)!, System.IO.Path.GetFileName(fullPath), 0, 0);
    }

    /// <summary>
    /// Why <paramref name="relativePath"/> (a file or folder of a seeds folder) could not be opened, as a one-line error:
    /// <paramref name="e"/>'s message, or, for a name that is not UTF-8, what to do about it. .NET reads such a name (a
    /// GBK name from an archive made on Chinese Windows, a Latin-1 one) with U+FFFD in place of each byte it cannot
    /// decode (three bytes each), and can then open nothing by it: the file "does not exist", or its name is too long.
    /// </summary>
    internal static EssaySearchException CannotOpen(string relativePath, string what, Exception e) =>
        new(EssaySearchErrorKind.BadCorpus, relativePath.Contains('\uFFFD') && e is FileNotFoundException or DirectoryNotFoundException or PathTooLongException
            ? $"{relativePath}: cannot {what}: its name is not UTF-8 (GBK, from an archive made on Chinese Windows?); rename it, e.g. convmv -f gbk -t utf-8 -r --notest DIR"
            : $"{relativePath}: cannot {what} ({e.Message})", e);

    /// <summary>
    /// The size and modification time of the file at <paramref name="path"/>, or of the file a link there leads to: a
    /// <see cref="FileInfo"/> of a link describes the link, which stays the same when the file it leads to is edited.
    /// </summary>
    /// <exception cref="IOException">The file, or the one a link leads to, does not exist, or links lead in a circle.</exception>
    public static (long Length, long LastWriteUtcTicks) Stamp(string path)
    {
        var file = new FileInfo(path);
        if (file.LinkTarget is not null && file.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target)
            file = target;
        return (file.Length, file.LastWriteTimeUtc.Ticks);
    }

    /// <summary>
    /// Whether <paramref name="path"/>, or the file a link there leads to, is a regular file rather than a named pipe, a
    /// socket or a device. .NET cannot tell: it lists those as empty files (length 0, <see cref="FileAttributes.Normal"/>),
    /// and opening a named pipe waits for a writer, for ever. Asked of Linux (<c>statx</c>, whose layout is the same on
    /// every architecture); true elsewhere, and wherever Linux cannot answer, for reading the file to say what is wrong.
    /// </summary>
    public static bool IsRegularFile(string path)
    {
        if (!OperatingSystem.IsLinux())
            return true;
        try
        {
            var status = default(FileStatus);
            return statx(AtCurrentDirectory, path, 0, StatxType, ref status) != 0 || (status.Mode & FileTypeBits) == RegularFile;
        }
        catch (EntryPointNotFoundException)
        {
            return true; // a C library without statx (glibc before 2.28)
        }
    }

    private const int AtCurrentDirectory = -100;
    private const uint StatxType = 1;
    private const ushort FileTypeBits = 0xF000;
    private const ushort RegularFile = 0x8000;

    /// <summary>Linux's <c>struct statx</c>, of which only the file's type and mode are read.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct FileStatus
    {
        [FieldOffset(28)]
        public ushort Mode;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirFd, string path, int flags, uint mask, ref FileStatus status);
}
