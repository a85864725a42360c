using System.Diagnostics;
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
    // The build reports every file (one at a time: IndexBuilder's tally holds a lock); the line is redrawn at most ten
    // times a second, as a build of 150,000 files wrote 6 MB of redraws to the terminal.
    internal sealed class Reporter(TextWriter error) : IProgress<BuildProgress>, IDisposable
    {
        private static readonly TimeSpan RedrawEvery = TimeSpan.FromMilliseconds(100);
        private bool showing;
        private long drawn = long.MinValue / 2; // Stopwatch ticks of the last redraw: long ago

        public void Report(BuildProgress value)
        {
            if (value.WaitingForAnotherBuild)
            {
                error.Write("\r  waiting for another build of this index to finish (Ctrl-C stops)\e[K");
                showing = true;
                return;
            }
            bool done = value.FilesDone >= value.FilesTotal;
            if (!done && Stopwatch.GetElapsedTime(drawn) < RedrawEvery)
                return;
            drawn = Stopwatch.GetTimestamp();
            error.Write($"\r  {value.FilesDone}/{value.FilesTotal} files, {value.Paragraphs} paragraphs\e[K");
            showing = !done;
            if (done)
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
