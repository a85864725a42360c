using System.Diagnostics;
using System.IO.Enumeration;
using System.Security.Cryptography;
using System.Text;
using EssaySearch.Indexing;
using EssaySearch.Schema;

namespace EssaySearch.Cli;

/// <summary>
/// <c>search index --watch</c>: keeps the index current as files change. File-system events only say when to look;
/// what changed is what an update finds by comparing the manifest with the folder, so an event lost or merged with
/// another (an editor's save in several writes, a burst of renames, the watcher's buffer overflowing) loses nothing.
/// While every change it has been told of is indexed, the watcher holds a file in the index folder locked
/// (<see cref="IsCaughtUp"/>): a query that finds it held knows the index is current without listing the folder,
/// which is most of a query's time on a large archive. A watcher that stops, or is killed, lets go of it.
/// </summary>
internal sealed class IndexWatcher
{
    // Editors save in several writes, or write a temporary file and rename it: an update waits for this much quiet.
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(400);

    // Files that never stop changing are indexed at least this often.
    private static readonly TimeSpan MostWait = TimeSpan.FromSeconds(3);

    // Taking the caught-up file alone while a query probes it is tried this many times, this far apart.
    private const int HoldAttempts = 20;
    private static readonly TimeSpan HoldRetry = TimeSpan.FromMilliseconds(50);

    private static readonly string[] EditorsFiles = ["~", ".swp", ".swx", ".tmp", ".bak"];

    // In the index folder, beside its builds (a hidden name, as theirs): locked while the index is caught up.
    private const string CaughtUpPrefix = ".watch-caught-up-";

    private readonly BuildOptions options;
    private readonly TextWriter log;
    private readonly SemaphoreSlim changed = new(0);
    private readonly Lock signalling = new();
    private FileStream? caughtUp;
    // The files left out, as they cannot be read, that an update's lines have named: each is named once, when first left out.
    private IReadOnlyList<LeftOutFile> named = [];
    // Set when the seeds folder's place in its parent changed: the tree is to be watched anew before the next update.
    private int replaced;

    /// <param name="options">What to keep current: the seeds folder, the index and how it is built.</param>
    /// <param name="log">Where each update's line goes.</param>
    /// <exception cref="UsageException">The seeds folder does not exist: there is nothing to watch.</exception>
    public IndexWatcher(BuildOptions options, TextWriter log)
    {
        if (!Directory.Exists(options.SeedsFolder))
            throw new UsageException($"seeds folder '{options.SeedsFolder}' does not exist: there is nothing to watch");
        this.options = options;
        this.log = log;
    }

    /// <summary>
    /// The file a watcher of <paramref name="indexFolder"/> holds while caught up, named for the folder and settings it keeps
    /// the index current with, as a manifest records them: an index built meanwhile from another folder, or with another
    /// dictionary (a query of another vault into the same default index), is none the watcher hears of.
    /// </summary>
    internal static string CaughtUpFile(string indexFolder, string source, string userDictionary, string fallbackEncoding) =>
        Path.Combine(indexFolder, CaughtUpPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{source}\n{userDictionary}\n{fallbackEncoding}")))[..16]);

    /// <summary>
    /// Whether a watcher of <paramref name="indexFolder"/> is running, keeps it current with the folder and settings
    /// <paramref name="built"/> records, and has indexed every change it has been told of.
    /// False whenever that cannot be told (no watcher, or file locks disabled): the caller checks the folder itself.
    /// </summary>
    public static bool IsCaughtUp(string indexFolder, IndexManifest built)
    {
        string path = CaughtUpFile(indexFolder, built.Source, built.UserDictionary, built.FallbackEncoding);
        if (!File.Exists(path))
            return false;
        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return false;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
        catch (IOException)
        {
            return true; // held: opening it shared is refused while a watcher has it alone
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Updates the index, then again after every change, until <paramref name="stop"/> is cancelled.</summary>
    /// <returns>Whether the first update was done before <paramref name="stop"/> was cancelled; when not, the index is as it was.</returns>
    public bool Run(CancellationToken stop)
    {
        var tree = WatchTree();
        // A watcher follows the folder it was made for, wherever it moves: when the seeds folder is moved away and another
        // put in its place (a vault restored from a backup, a fresh clone swapped in), the tree is watched anew.
        using var place = WatchPlace();
        // An edited user dictionary changes every essay's words: a query that trusts the watcher would not see it.
        using var dictionary = options.UserDictionary is { Length: > 0 } file ? WatchFile(Path.GetFullPath(file)) : null;

        bool watching = false;
        try
        {
            HoldIfCaughtUp(Update(first: true, stop));
            watching = true;
            log.WriteLine($"search: watching '{options.SeedsFolder}' (Ctrl-C stops)");
            while (true)
            {
                changed.Wait(stop);
                var waiting = Stopwatch.StartNew();
                while (waiting.Elapsed < MostWait && changed.Wait(Quiet, stop))
                {
                    // another change: wait for quiet again
                }
                while (changed.CurrentCount > 0 && changed.Wait(0))
                {
                    // the changes just seen are all in this update
                }
                if (Interlocked.Exchange(ref replaced, 0) == 1)
                {
                    tree?.Dispose();
                    tree = WatchTree();
                }
                HoldIfCaughtUp(Update(first: false, stop));
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C: an update under way was abandoned before it was swapped in, so the index is whole
        }
        finally
        {
            tree?.Dispose();
            LetGo();
        }
        return watching;
    }

    /// <summary>Watches the seeds folder and everything in it; null while there is no folder at its path (its place is watched).</summary>
    private FileSystemWatcher? WatchTree()
    {
        FileSystemWatcher watcher;
        try
        {
            watcher = new FileSystemWatcher(options.SeedsFolder)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
        }
        catch (ArgumentException)
        {
            return null; // gone, in the middle of a swap: its place is watched, and tells when another is there
        }
        watcher.Changed += (_, e) => Notice(e.FullPath);
        watcher.Created += (_, e) => Notice(e.FullPath);
        watcher.Deleted += (_, e) => Notice(e.FullPath);
        watcher.Renamed += (_, e) =>
        {
            Notice(e.OldFullPath);
            Notice(e.FullPath);
        };
        watcher.Error += (_, _) => Stale(); // events were lost: look anyway
        try
        {
            watcher.EnableRaisingEvents = true;
        }
        catch (IOException e) // the system's limit of watches reached, or the folder gone meanwhile
        {
            watcher.Dispose();
            log.WriteLine($"search: cannot watch '{options.SeedsFolder}' ({e.Message}); the next change of its place is heard");
            return null;
        }
        return watcher;
    }

    /// <summary>Watches the seeds folder's name in its parent folder: moved away, deleted, made or moved in; null for a folder without a parent.</summary>
    private FileSystemWatcher? WatchPlace()
    {
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.SeedsFolder));
        if (Path.GetDirectoryName(full) is not { } parent || !Directory.Exists(parent))
            return null;
        string name = Path.GetFileName(full);
        // File names too: a seeds folder that is a link, swapped (ln -sfn), is a file to its parent.
        var watcher = new FileSystemWatcher(parent) { NotifyFilter = NotifyFilters.DirectoryName | NotifyFilters.FileName };
        void Moved(string? changedName)
        {
            if (changedName == name)
            {
                Interlocked.Exchange(ref replaced, 1);
                Stale();
            }
        }
        watcher.Created += (_, e) => Moved(e.Name);
        watcher.Deleted += (_, e) => Moved(e.Name);
        watcher.Renamed += (_, e) =>
        {
            Moved(e.OldName);
            Moved(e.Name);
        };
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    /// <summary>Watches one file, the user dictionary; null when its folder is missing (the update says what is wrong).</summary>
    private FileSystemWatcher? WatchFile(string path)
    {
        if (Path.GetDirectoryName(path) is not { } folder || !Directory.Exists(folder))
            return null;
        var watcher = new FileSystemWatcher(folder, Path.GetFileName(path))
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        watcher.Changed += (_, _) => Stale();
        watcher.Created += (_, _) => Stale();
        watcher.Deleted += (_, _) => Stale();
        watcher.Renamed += (_, _) => Stale();
        watcher.Error += (_, _) => Stale();
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    /// <summary>A change to index: queries stop trusting the index until it is.</summary>
    private void Stale()
    {
        lock (signalling)
        {
            LetGo();
            changed.Release();
        }
    }

    private void LetGo()
    {
        lock (signalling)
        {
            caughtUp?.Dispose();
            caughtUp = null;
        }
    }

    /// <summary>After an update that succeeded, with no change noticed since it began: queries may trust the index.</summary>
    private void HoldIfCaughtUp(bool updated)
    {
        if (!updated || HasLinks())
            return;
        string path = CaughtUpFile(options.IndexFolder, Path.GetFullPath(options.SeedsFolder),
            options.UserDictionary is null ? "" : Path.GetFullPath(options.UserDictionary), options.FallbackEncoding?.WebName ?? "");
        // A query's probe (IsCaughtUp) has the file open shared for a moment, and taking it alone then fails: it is tried
        // again, or queries would check the folder themselves until the next change.
        for (int attempt = 1; attempt <= HoldAttempts; attempt++)
        {
            lock (signalling)
            {
                if (caughtUp is not null || changed.CurrentCount > 0)
                    return;
                try
                {
                    caughtUp = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                    return;
                }
                catch (UnauthorizedAccessException)
                {
                    return; // the folder is read-only: queries check the folder themselves
                }
                catch (IOException)
                {
                    // probed, or held by another watcher of this index and folder: then queries trust that one
                }
            }
            Thread.Sleep(HoldRetry);
        }
    }

    /// <summary>
    /// Whether the user dictionary is a symbolic link, or the seeds folder is one or holds one (hidden ones aside, as the listing leaves
    /// them): an edit of the file or folder one leads to sends this watcher no event, so queries are not told to trust it.
    /// </summary>
    private bool HasLinks()
    {
        try
        {
            return options.UserDictionary is { } dictionary && new FileInfo(dictionary).LinkTarget is not null
                || new DirectoryInfo(options.SeedsFolder).LinkTarget is not null
                || new FileSystemEnumerable<bool>(options.SeedsFolder, (ref FileSystemEntry _) => true, new EnumerationOptions { RecurseSubdirectories = true })
                {
                    ShouldIncludePredicate = (ref FileSystemEntry entry) => (entry.Attributes & FileAttributes.ReparsePoint) != 0,
                }.Any();
        }
        catch (IOException)
        {
            return true; // the folder went away since the update (whose next one says so): nothing to trust
        }
    }

    private void Notice(string path)
    {
        string relative = Path.GetRelativePath(options.SeedsFolder, path).Replace(Path.DirectorySeparatorChar, '/');
        // Hidden files and editors' swap, backup and temporary files are never essays; anything else may be, or be a folder
        // of them: the update decides, and says nothing when nothing changed.
        if (!relative.Split('/').Any(part => part.StartsWith('.')) && !EditorsFiles.Any(suffix => relative.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)))
            Stale();
    }

    /// <summary>Brings the index up to date; says whether it could.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="stop"/> was cancelled; the index is as it was.</exception>
    private bool Update(bool first, CancellationToken stop)
    {
        try
        {
            var result = IndexBuilder.Update(options, cancellationToken: stop);
            // Not an update that only recorded modification times: nothing a reader would call a change.
            if (first || result.Kind == BuildKind.Full || result.Added + result.Changed + result.Removed > 0 || result.Manifest.LeftOut.Except(named).Any())
            {
                log.WriteLine(Commands.Describe(result, options.IndexFolder));
                Commands.ListLeftOut(result.Manifest.LeftOut.Except(named), log);
                named = result.Manifest.LeftOut;
                Commands.ListWarnings(result.Warnings, log);
            }
            return true;
        }
        catch (Exception e) when (e is EssaySearchException or IOException)
        {
            log.WriteLine($"search: {e.Message} (the index is unchanged; watching on)");
            return false;
        }
    }
}
