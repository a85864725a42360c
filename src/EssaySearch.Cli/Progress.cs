using EssaySearch.Indexing;

namespace EssaySearch.Cli;

/// <summary>Build progress on stderr, only when stderr is a terminal.</summary>
internal static class Progress
{
    public static IProgress<BuildProgress>? On(TextWriter error) =>
        error == Console.Error && !Console.IsErrorRedirected
            ? new Reporter(error)
            : null;

    // Synchronous on purpose: System.Progress<T> would post reports to the thread pool, after the line they belong before.
    private sealed class Reporter(TextWriter error) : IProgress<BuildProgress>
    {
        public void Report(BuildProgress value)
        {
            error.Write($"\r  {value.FilesDone}/{value.FilesTotal} files, {value.Paragraphs} paragraphs");
            if (value.FilesDone == value.FilesTotal)
                error.Write("\r\e[K");
        }
    }
}
