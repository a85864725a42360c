using EssaySearch.Indexing;

namespace EssaySearch.Cli;

/// <summary>Build progress on stderr, only when stderr is a terminal.</summary>
internal static class Progress
{
    /// <summary>A line of progress, or null when stderr is not a terminal. Disposing it clears a line a build left unfinished
    /// (it failed or was stopped), so that what is written next starts a line of its own.</summary>
    public static Reporter? On(TextWriter error) =>
        error == Console.Error && !Console.IsErrorRedirected
            ? new Reporter(error)
            : null;

    // Synchronous on purpose: System.Progress<T> would post reports to the thread pool, after the line they belong before.
    internal sealed class Reporter(TextWriter error) : IProgress<BuildProgress>, IDisposable
    {
        private bool showing;

        public void Report(BuildProgress value)
        {
            error.Write($"\r  {value.FilesDone}/{value.FilesTotal} files, {value.Paragraphs} paragraphs");
            showing = value.FilesDone < value.FilesTotal;
            if (!showing)
                error.Write("\r\e[K");
        }

        public void Dispose()
        {
            if (showing)
                error.Write("\r\e[K");
            showing = false;
        }
    }
}
