using System.Diagnostics;
using System.Runtime.InteropServices;
using EssaySearch.Indexing;

namespace EssaySearch.Cli;

/// <summary>
/// <c>search index --watch</c>: keeps the index current as files change. File-system events only say when to look;
/// what changed is what an update finds by comparing the manifest with the folder, so an event lost or merged with
/// another (an editor's save in several writes, a burst of renames, the watcher's buffer overflowing) loses nothing.
/// </summary>
internal sealed class IndexWatcher(BuildOptions options, TextWriter log)
{
    // Editors save in several writes, or write a temporary file and rename it: an update waits for this much quiet.
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(400);

    // Files that never stop changing are indexed at least this often.
    private static readonly TimeSpan MostWait = TimeSpan.FromSeconds(3);

    private static readonly string[] EditorsFiles = ["~", ".swp", ".swx", ".tmp", ".bak"];

    private readonly SemaphoreSlim changed = new(0);

    /// <summary>Updates the index, then again after every change, until <paramref name="stop"/> is cancelled.</summary>
    public void Run(CancellationToken stop)
    {
        using var watcher = new FileSystemWatcher(options.SeedsFolder)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        watcher.Changed += (_, e) => Notice(e.FullPath);
        watcher.Created += (_, e) => Notice(e.FullPath);
        watcher.Deleted += (_, e) => Notice(e.FullPath);
        watcher.Renamed += (_, e) =>
        {
            Notice(e.OldFullPath);
            Notice(e.FullPath);
        };
        watcher.Error += (_, _) => changed.Release(); // events were lost: look anyway
        watcher.EnableRaisingEvents = true;

        Update(first: true);
        log.WriteLine($"search: watching '{options.SeedsFolder}' (Ctrl-C stops)");
        try
        {
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
                Update(first: false);
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C: an update under way has finished, so the index is whole
        }
    }

    private void Notice(string path)
    {
        string relative = Path.GetRelativePath(options.SeedsFolder, path).Replace(Path.DirectorySeparatorChar, '/');
        // Hidden files and editors' swap, backup and temporary files are never essays; anything else may be, or be a folder
        // of them: the update decides, and says nothing when nothing changed.
        if (!relative.Split('/').Any(part => part.StartsWith('.')) && !EditorsFiles.Any(suffix => relative.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)))
            changed.Release();
    }

    private void Update(bool first)
    {
        try
        {
            var result = IndexBuilder.Update(options);
            // Not an update that only recorded modification times: nothing a reader would call a change.
            if (first || result.Kind == BuildKind.Full || result.Added + result.Changed + result.Removed > 0)
                log.WriteLine(Commands.Describe(result, options.IndexFolder));
        }
        catch (Exception e) when (e is EssaySearchException or IOException)
        {
            log.WriteLine($"search: {e.Message} (the index is unchanged; watching on)");
        }
    }

    /// <summary>Cancels <paramref name="stop"/> on Ctrl-C or SIGTERM instead of ending the process at once.</summary>
    public static IDisposable[] StopOn(CancellationTokenSource stop) =>
        new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM }.Select(signal => (IDisposable)PosixSignalRegistration.Create(signal, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        })).ToArray();
}
