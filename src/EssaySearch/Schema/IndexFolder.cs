using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Lucene.Net.Index;
using FSDirectory = Lucene.Net.Store.FSDirectory;
using NIOFSDirectory = Lucene.Net.Store.NIOFSDirectory;

namespace EssaySearch.Schema;

/// <summary>
/// The on-disk layout of an index folder: the live Lucene index in <c>current/</c>, builds written into
/// <c>.build-*</c> siblings and swapped in whole, and a lock file that serializes builds.
/// Other files in the folder (a README, a .gitignore) are left alone.
/// </summary>
internal sealed class IndexFolder(string root)
{
    private const string BuildPrefix = ".build-";

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The folder as it was given, to name it in messages.</summary>
    public string Name { get; } = root;
    public string Current => Path.Combine(Root, "current");
    private string LockPath => Path.Combine(Root, ".build.lock");

    // Names the build in current/, so that a reader can tell whether a swap happened while it opened the files.
    private const string BuildIdFile = "build-id";

    // Lucene's lock file, left in a folder that a writer has used.
    private const string WriteLock = "write.lock";

    public bool HasIndex => Directory.Exists(Current);

    /// <summary>The label of the live build; <c>null</c> when there is none or it predates labels.</summary>
    public string? CurrentBuildId
    {
        get
        {
            try
            {
                return File.ReadAllText(Path.Combine(Current, BuildIdFile));
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                return null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw Damaged(e); // a build this user may not read
            }
        }
    }

    /// <summary>
    /// Opens a reader of the live build; disposing it (or its last reference) closes the files. With
    /// <paramref name="verifyChecksums"/>, every file is read to verify its checksum first, which finds damage that
    /// opening cannot (bytes overwritten inside a file).
    /// </summary>
    /// <exception cref="EssaySearchException">There is no index, or it is damaged.</exception>
    public DirectoryReader OpenReader(bool verifyChecksums = false, bool memoryMapped = false)
    {
        if (!HasIndex)
            throw new EssaySearchException(EssaySearchErrorKind.IndexMissing, $"no index in '{Name}'");
        // Positional reads unless asked otherwise: see EngineOptions.MemoryMapped.
        FSDirectory directory = memoryMapped ? new MappedDirectory(Current) : new NIOFSDirectory(Current);
        DirectoryReader? reader = null;
        try
        {
            reader = DirectoryReader.Open(directory);
            reader.AddReaderDisposedListener(new ClosesWith(directory));
            if (verifyChecksums)
                VerifyChecksums(reader);
            return reader;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            if (reader is null)
                directory.Dispose();
            else
                reader.Dispose();
            throw Damaged(e);
        }
    }

    /// <summary>The commit data of the live build, read without opening the index; <c>null</c> when there is none.</summary>
    /// <exception cref="EssaySearchException">The commit cannot be read.</exception>
    public IDictionary<string, string>? ReadCommitData()
    {
        if (!HasIndex)
            return null;
        var commit = new SegmentInfos();
        try
        {
            using var directory = FSDirectory.Open(Current);
            commit.Read(directory);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw Damaged(e);
        }
        return commit.UserData;
    }

    /// <summary>
    /// Reads every file of <paramref name="reader"/>'s build to verify its checksum, which finds damage that opening cannot
    /// notice (bytes overwritten inside a file); throws what Lucene trips over (<see cref="IsReadFault"/>).
    /// </summary>
    public static void VerifyChecksums(IndexReader reader)
    {
        foreach (var leaf in reader.Leaves)
            leaf.AtomicReader.CheckIntegrity();
    }

    /// <summary>
    /// Whether <paramref name="e"/>, thrown while Lucene read this index, means its files are damaged. Damage shows up as
    /// whatever a codec trips over first (CorruptIndexException, EndOfStreamException, an ArgumentException from a
    /// slice or copy past the end, an IndexOutOfRangeException from a decoded length, …): all of it means unreadable.
    /// </summary>
    public static bool IsReadFault(Exception e) =>
        e is IOException or UnauthorizedAccessException or IndexOutOfRangeException or ArgumentException or OverflowException;

    /// <summary>The index cannot be read: <paramref name="e"/> is what reading it tripped over.</summary>
    public EssaySearchException Damaged(Exception e) =>
        new(EssaySearchErrorKind.IndexDamaged, $"the index in '{Name}' is damaged or unreadable ({WithoutLuceneObjects(e.Message.Split('\n')[0])})", e);

    // Lucene names the directory object, its lock factory and every file ("no segments* file found in MappedDirectory@…
    // lockFactory=…: files: […]"), or the input object ("(resource=BufferedChecksumIndexInput(…))"): what went wrong is before them.
    private static readonly Regex LuceneObjects = new(@"( in \w*Directory@.*| ?\(resource=.*)$", RegexOptions.CultureInvariant);

    private static string WithoutLuceneObjects(string message) => LuceneObjects.Replace(message, "");

    /// <summary>The index cannot be searched, for <paramref name="reason"/> (the end of a sentence whose subject is the index).</summary>
    public EssaySearchException Incompatible(string reason) =>
        new(EssaySearchErrorKind.IndexIncompatible, $"the index in '{Name}' cannot be searched: it {reason}");

    private sealed class ClosesWith(Lucene.Net.Store.Directory directory) : IReaderDisposedListener
    {
        public void OnDispose(IndexReader reader) => directory.Dispose();
    }

    /// <summary>Takes the build lock, waiting up to <paramref name="timeout"/> for another build to finish (<see cref="Timeout.InfiniteTimeSpan"/>: as long as it takes).</summary>
    /// <remarks>The lock is an OS file lock: a killed build releases it with its process.</remarks>
    /// <exception cref="EssaySearchException">The folder cannot be made or written (a file has its name, no permission, a read-only
    /// file system), or another build held the lock past the timeout.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative (other than infinite).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled while waiting.</exception>
    public IDisposable AcquireBuildLock(TimeSpan timeout, Action? onWait = null, CancellationToken cancellation = default)
    {
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "the lock timeout must not be negative");
        try
        {
            Directory.CreateDirectory(Root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EssaySearchException(EssaySearchErrorKind.BuildFailed, File.Exists(Root)
                ? $"cannot make the index folder '{Root}': a file has that name"
                : $"cannot make the index folder '{Root}' ({e.Message})", e);
        }
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        bool told = false;
        while (true)
        {
            try
            {
                return new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e) when (IsHeldByAnother(e))
            {
                if (timeout != Timeout.InfiniteTimeSpan && System.Diagnostics.Stopwatch.GetElapsedTime(started) >= timeout)
                    throw new EssaySearchException(EssaySearchErrorKind.BuildLocked, $"another build of '{Root}' still holds its lock after {timeout.TotalSeconds:0} s", e);
                if (!told)
                    onWait?.Invoke();
                told = true;
                cancellation.WaitHandle.WaitOne(100);
                cancellation.ThrowIfCancellationRequested();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not another build: a read-only file system, or a folder of another user. Waiting would not cure it.
                throw new EssaySearchException(EssaySearchErrorKind.BuildFailed, $"cannot write the index folder '{Root}' ({e.Message})", e);
            }
        }
    }

    /// <summary>
    /// Whether opening the lock file failed because another process holds it: .NET reports the lock's own error, EWOULDBLOCK
    /// (11 on Linux, 35 on macOS) or Windows' sharing and lock violations, as the exception's HResult.
    /// </summary>
    private static bool IsHeldByAnother(IOException e) =>
        e.HResult is 11 or 35 or unchecked((int)0x80070020) or unchecked((int)0x80070021);

    /// <summary>Removes folders left by builds that were killed; call only while holding the build lock.</summary>
    public void RemoveAbandonedBuilds()
    {
        foreach (var folder in Directory.EnumerateDirectories(Root, BuildPrefix + "*"))
            Directory.Delete(folder, recursive: true);
    }

    public string NewBuildFolder() => Path.Combine(Root, BuildPrefix + Guid.NewGuid().ToString("N"));

    /// <summary>
    /// Makes <paramref name="building"/> (a <see cref="NewBuildFolder"/>) a copy of the live build, for a writer to update and <see cref="SwapIn"/>.
    /// Its files are hard links to the live build's, not copies: Lucene never changes a file once written (it adds
    /// files and deletes whole ones, and a deletion here unlinks only this folder's name). The exceptions are copied:
    /// <c>segments.gen</c>, which every commit rewrites under the same name, and the commit point beside it (both a
    /// few bytes); the build label and the writer's lock are left behind.
    /// </summary>
    public void CopyCurrentInto(string building)
    {
        Directory.CreateDirectory(building);
        foreach (var file in Directory.EnumerateFiles(Current))
        {
            string name = Path.GetFileName(file), target = Path.Combine(building, name);
            if (name is BuildIdFile or WriteLock)
                continue;
            if (name.StartsWith("segments", StringComparison.Ordinal) || !TryLink(file, target))
                File.Copy(file, target);
        }
    }

    /// <summary>Makes <paramref name="built"/> the live index in one atomic step and deletes the one it replaces.</summary>
    public void SwapIn(string built)
    {
        File.WriteAllText(Path.Combine(built, BuildIdFile), Path.GetFileName(built)[BuildPrefix.Length..]);
        if (!Directory.Exists(Current))
        {
            Directory.Move(built, Current);
            return;
        }
        if (OperatingSystem.IsLinux() && renameat2(AtCurrentDirectory, built, AtCurrentDirectory, Current, RenameExchange) == 0)
        {
            Directory.Delete(built, recursive: true); // now holds the previous index
            return;
        }
        // Without an atomic exchange there is a moment with no live index, never a half-written one.
        string previous = NewBuildFolder();
        Directory.Move(Current, previous);
        Directory.Move(built, Current);
        Directory.Delete(previous, recursive: true);
    }

    /// <summary>
    /// Gives the file <paramref name="existing"/> a second name, <paramref name="newPath"/> (a hard link): the same bytes,
    /// not copied. <c>false</c> where that cannot be done (not Linux; another file system), for the caller to copy instead.
    /// </summary>
    public static bool TryLink(string existing, string newPath) => OperatingSystem.IsLinux() && link(existing, newPath) == 0;

    private const int AtCurrentDirectory = -100;
    private const uint RenameExchange = 2;

    [DllImport("libc", SetLastError = true)]
    private static extern int link(string existingPath, string newPath);

    [DllImport("libc", SetLastError = true)]
    private static extern int renameat2(int oldDirFd, string oldPath, int newDirFd, string newPath, uint flags);
}
