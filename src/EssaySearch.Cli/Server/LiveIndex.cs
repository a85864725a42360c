using EssaySearch.Searching;

namespace EssaySearch.Cli.Server;

/// <summary>
/// The index the server answers from. Polls the index folder and switches to a rebuilt index (<see cref="SearchEngine.Refresh"/>)
/// while requests keep running on the build they started on; opens the index when it appears, if it could not be opened at start.
/// </summary>
internal sealed class LiveIndex : IDisposable
{
    private readonly string indexFolder;
    private readonly TextWriter notes;
    private readonly Timer poll;
    private readonly Lock switching = new();
    private volatile SearchEngine? engine;
    private volatile string unavailable = "the index has not been opened yet";
    // Why no index could be built at start, when it was not the index's fault (a seeds folder without essays).
    private readonly string? startProblem;

    /// <param name="open">Opens the engine at start (the command's own open, which builds a missing or stale index from the seeds).</param>
    public LiveIndex(string indexFolder, Func<SearchEngine> open, TimeSpan pollInterval, TextWriter notes)
    {
        this.indexFolder = indexFolder;
        this.notes = notes;
        try
        {
            engine = open();
        }
        catch (Exception e) when (e is EssaySearchException or UsageException)
        {
            unavailable = Commands.Describe(e);
            if (e is not EssaySearchException { IsIndexProblem: true })
                startProblem = unavailable;
            notes.WriteLine($"search: note: no index to serve yet ({unavailable}); searches answer 503 until `search index` builds one");
        }
        poll = new Timer(_ => Poll(), null, pollInterval, pollInterval);
    }

    /// <summary>The engine to answer a request with.</summary>
    /// <exception cref="IndexUnavailableException">No index could be opened.</exception>
    public SearchEngine Engine => engine ?? throw new IndexUnavailableException(unavailable);

    private void Poll()
    {
        if (!switching.TryEnter())
            return; // the previous poll is still opening a build
        try
        {
            if (engine is { } open)
            {
                if (open.Refresh())
                    notes.WriteLine($"search: serving the rebuilt index ({open.Manifest.Paragraphs} paragraphs)");
            }
            else
            {
                engine = SearchEngine.Open(indexFolder);
                notes.WriteLine($"search: serving the index in '{indexFolder}' ({engine.Manifest.Paragraphs} paragraphs)");
            }
        }
        // Still no index, as at start: the start's reason stays, which says why (a seeds folder without essays), where
        // "run `search index`" would send the user to the same failure.
        catch (EssaySearchException e) when (e.Kind == EssaySearchErrorKind.IndexMissing && engine is null && startProblem is not null)
        {
            unavailable = startProblem;
        }
        catch (EssaySearchException e) when (e.IsIndexProblem)
        {
            // A build in progress or a damaged index: keep serving what is open, and say why once.
            string problem = Commands.Describe(e);
            if (problem != unavailable)
                notes.WriteLine($"search: note: {problem}");
            unavailable = problem;
        }
        catch (ObjectDisposedException)
        {
            // shutting down
        }
        finally
        {
            switching.Exit();
        }
    }

    public void Dispose()
    {
        poll.Dispose();
        lock (switching)
            engine?.Dispose();
    }
}

/// <summary>No index could be opened; the message says why (HTTP 503).</summary>
internal sealed class IndexUnavailableException(string message) : Exception(message);
