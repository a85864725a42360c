using EssaySearch.Cli;
using EssaySearch.Indexing;

namespace EssaySearch.Tests.Cli;

/// <summary>The progress line of a build on a terminal.</summary>
public class ProgressTests
{
    /// <summary>
    /// A build reports every file; the line is drawn for the first, then at most ten times a second, and cleared at the
    /// end. Before, 150,000 files drew it 150,000 times (6 MB on the terminal).
    /// </summary>
    [Fact]
    public void The_line_is_redrawn_at_most_ten_times_a_second_and_cleared_at_the_end()
    {
        var terminal = new StringWriter();
        using (var reporter = new Progress.Reporter(terminal))
        {
            for (int done = 1; done <= 10_000; done++)
                reporter.Report(new BuildProgress(done, 10_000, done * 3));
        }
        string written = terminal.ToString();
        int redraws = written.Split("\r  ").Length - 1;
        Assert.InRange(redraws, 2, 11); // the first, the last, and those ten a second allow while the loop runs (well under one)
        Assert.StartsWith("\r  1/10000 files, 3 paragraphs\e[K", written);
        Assert.EndsWith("\r  10000/10000 files, 30000 paragraphs\e[K\r\e[K", written);
    }

    /// <summary>A build waiting for another says so, where it waited in silence; Ctrl-C stops it.</summary>
    [Fact]
    public void A_build_waiting_for_another_says_so()
    {
        var terminal = new StringWriter();
        using (var reporter = new Progress.Reporter(terminal))
            reporter.Report(new BuildProgress(0, 0, 0) { WaitingForAnotherBuild = true });
        Assert.Equal("\r  waiting for another build of this index to finish (Ctrl-C stops)\e[K\r\e[K", terminal.ToString());
    }
}
