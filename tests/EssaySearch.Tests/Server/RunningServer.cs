using EssaySearch.Cli;
using EssaySearch.Cli.Server;
using EssaySearch.Schema;

namespace EssaySearch.Tests.Server;

/// <summary>A real <c>search serve</c> (Kestrel on an ephemeral loopback port) over a scratch copy of the seeds, and a client for it.</summary>
public sealed class RunningServer : IDisposable
{
    /// <summary>A paragraph that is an attack if the page ever treats essay text as HTML.</summary>
    public const string HostileParagraph = """注入测试 <script>document.title="pwned"</script> 与 "><img src=x onerror="document.title='pwned'"> 结束""";

    private readonly ScratchFolder scratch = new();
    private readonly SearchServer server;
    private readonly StringWriter notes = new();

    public RunningServer() : this(withSeeds: true)
    {
    }

    /// <param name="withSeeds">Serve the seeds (built at start, with an extra essay holding <see cref="HostileParagraph"/>); otherwise an empty index folder and no seeds.</param>
    /// <param name="requestTimeout">The server's time limit per request, when not its default.</param>
    /// <param name="extraEssay">The text of one more essay in the seeds, if any.</param>
    /// <param name="extraEssayFile">Its file, relative to the seeds folder.</param>
    /// <param name="watch">Keep the index current as the seeds change (<c>serve --watch</c>).</param>
    /// <param name="emptySeeds">Without seeds, an empty seeds folder rather than none.</param>
    internal RunningServer(bool withSeeds, TimeSpan? requestTimeout = null, string? extraEssay = null, string extraEssayFile = "901_extra.txt", bool watch = false, bool emptySeeds = false)
    {
        Seeds = scratch.CopyOfSeeds();
        if (withSeeds)
            // Plain text (no front matter, no "# " title line), where tags are characters, not Markdown's inline HTML.
            File.WriteAllText(Path.Combine(Seeds, "900_hostile.txt"), $"{HostileParagraph}\n");
        else
            Directory.Delete(Seeds, recursive: true);
        if (emptySeeds)
            Directory.CreateDirectory(Seeds);
        if (extraEssay is not null)
        {
            string file = Path.Combine(Seeds, extraEssayFile);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, extraEssay);
        }
        IndexFolder = scratch.Sub("index");
        var paths = new Paths(Seeds, IndexFolder);
        var options = new ServerOptions(paths, Port: 0) { PollInterval = TimeSpan.FromMilliseconds(100), Watch = watch };
        if (requestTimeout is { } timeout)
            options = options with { RequestTimeout = timeout };
        server = SearchServer.Start(options, TextWriter.Synchronized(notes));
        Client = new HttpClient { BaseAddress = server.Url };
    }

    public string Seeds { get; }
    public string IndexFolder { get; }
    public Uri Url => server.Url;
    public HttpClient Client { get; }
    /// <summary>What the server wrote to standard error.</summary>
    public string Notes
    {
        get
        {
            lock (notes)
                return notes.ToString();
        }
    }

    public void Dispose()
    {
        Client.Dispose();
        server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        scratch.Dispose();
    }
}
