using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using EssaySearch.Searching;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EssaySearch.Cli.Server;

/// <summary>How <c>search serve</c> runs.</summary>
/// <param name="Paths">The seeds and index folders.</param>
/// <param name="Host">The address to listen on: loopback unless asked otherwise.</param>
/// <param name="Port">The TCP port; 0 for any free one.</param>
internal sealed record ServerOptions(Paths Paths, string Host = "127.0.0.1", int Port = 8080)
{
    /// <summary>For builds: the user dictionary and fallback encoding given (<c>--dict</c>, <c>--encoding</c>), if any.</summary>
    public BuildSettings Settings { get; init; } = BuildSettings.Given(null, null);

    /// <summary>Keep the index current as the seeds change (<c>--watch</c>), as <c>search index --watch</c> does.</summary>
    public bool Watch { get; init; }

    /// <summary>How often the index folder is checked for a rebuilt index.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest a request may take before it is answered 503.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// <c>search serve</c>: the JSON API (<see cref="Api"/>) and the search page (<see cref="PageAssets"/>) on Kestrel. It only reads:
/// GET requests, no request bodies, no files but the embedded page; every response carries a strict Content-Security-Policy.
/// </summary>
internal sealed class SearchServer : IAsyncDisposable
{
    // The limits people meet, answered by Guard with a JSON error. The URL's has room for a query of SearchEngine.MaxQueryLength characters,
    // percent-encoded (9 bytes each for Han, 12 for an emoji); the engine refuses longer ones clearly.
    private const int MaxUrlLength = 16 * 1024;
    private const int MaxHeadersSize = 16 * 1024;
    private const int MaxHeaderCount = 64;
    private const int KestrelHeadroom = 4;

    private readonly WebApplication app;
    private readonly LiveIndex index;
    private readonly CancellationTokenSource stopWatching = new();
    private Thread? watching;

    private SearchServer(WebApplication app, LiveIndex index, Uri url)
    {
        this.app = app;
        this.index = index;
        Url = url;
    }

    /// <summary>Where the page is, with the port actually bound.</summary>
    public Uri Url { get; }

    /// <summary>Serves until Ctrl-C (or SIGTERM), then stops cleanly.</summary>
    public static int Run(ServerOptions options, bool openBrowser, TextWriter output, TextWriter error)
    {
        var server = Start(options, error);
        try
        {
            output.WriteLine($"search: serving {server.Url} (Ctrl-C stops)");
            output.Flush();
            if (openBrowser)
                OpenBrowser(server.Url, error);
            server.app.WaitForShutdown();
            return Commands.Found;
        }
        finally
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Opens the index (building it first when the seeds call for it, as the command does) and starts listening.</summary>
    public static SearchServer Start(ServerOptions options, TextWriter notes)
    {
        var address = ParseHost(options.Host);
        CheckCanListen(address, options.Port);
        var watcher = options.Watch ? new IndexWatcher(Commands.BuildOptionsFor(options.Paths, options.Settings), notes) : null;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Configuration.Sources.Clear(); // no appsettings.json or ASPNETCORE_URLS from wherever it was started: the options decide
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 0; // nothing to upload (requests with a body are refused before they reach the API)
            // Kestrel answers a request over its own limits itself, before the app sees it, with an empty body that nothing in
            // ASP.NET Core can fill: they are set above the server's, so that the limits people meet are Guard's, answered with a
            // JSON error. Past Kestrel's, bounded still, the empty 414 or 431 remains.
            kestrel.Limits.MaxRequestLineSize = KestrelHeadroom * MaxUrlLength;
            kestrel.Limits.MaxRequestHeadersTotalSize = KestrelHeadroom * MaxHeadersSize;
            kestrel.Limits.MaxRequestHeaderCount = KestrelHeadroom * MaxHeaderCount;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(60);
            kestrel.Listen(address, options.Port);
        });
        builder.Services.AddRequestTimeouts(timeouts => timeouts.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = options.RequestTimeout,
            TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
        });
        Api.AddOpenApiDocument(builder.Services);
        var app = builder.Build();

        var index = new LiveIndex(options.Paths.Index, () => Commands.Open(options.Paths, options.Settings, new EngineOptions(), notes), options.PollInterval, notes);
        try
        {
            bool loopbackOnly = IPAddress.IsLoopback(address);
            app.Use((context, next) => Guard(context, next, loopbackOnly, notes));
            app.UseRouting(); // after Guard, which answers HEAD as GET: routed first, HEAD would be refused (405)
            app.UseRequestTimeouts();
            app.Use(Api.RefuseUnknownParameters);
            Api.Map(app, index, options.Paths, options.Settings, options.RequestTimeout);
            PageAssets.Map(app);
            app.StartAsync().GetAwaiter().GetResult();
        }
        catch
        {
            index.Dispose();
            ((IDisposable)app).Dispose();
            throw;
        }
        var bound = new Uri(app.Urls.First().Replace("0.0.0.0", "127.0.0.1").Replace("[::]", "[::1]") + "/");
        var server = new SearchServer(app, index, bound);
        if (watcher is not null)
        {
            // Its updates are new builds of the index folder, which the live index switches to as it does to any rebuild.
            server.watching = new Thread(() => watcher.Run(server.stopWatching.Token)) { IsBackground = true, Name = "index watcher" };
            server.watching.Start();
        }
        return server;
    }

    /// <summary>
    /// Fails with one line when nothing can listen on <paramref name="address"/> and <paramref name="port"/> (an address this
    /// machine does not have, a port in use or reserved), before the index is opened, which may mean building it first.
    /// </summary>
    private static void CheckCanListen(IPAddress address, int port)
    {
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(address, port));
        }
        catch (SocketException e)
        {
            throw new IOException($"cannot listen on {address} port {port}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Around every request: the security headers; a URL or headers over the server's limits refused (414, 431); on a loopback
    /// address, only Host names of this machine (a web page elsewhere cannot reach the server by rebinding its own name to
    /// 127.0.0.1); failures answered as <c>{"error": "…"}</c>, never a stack trace.
    /// </summary>
    private static async Task Guard(HttpContext context, RequestDelegate next, bool loopbackOnly, TextWriter notes)
    {
        var response = context.Response;
        SetSecurityHeaders(response);
        // HEAD is answered as GET is, which every server must (RFC 9110; curl -I, link checkers, uptime monitors): Kestrel
        // sends the headers and drops the body of a response to HEAD, whatever the routes are told.
        if (HttpMethods.IsHead(context.Request.Method))
            context.Request.Method = HttpMethods.Get;
        // Answers change with every rebuild; and a 503 (no index yet, a request over its time) is worth trying again soon.
        response.OnStarting(() =>
        {
            if (context.Request.Path.StartsWithSegments(Api.Prefix))
                response.Headers.CacheControl = "no-cache";
            if (response.StatusCode == StatusCodes.Status503ServiceUnavailable)
                response.Headers.RetryAfter = "5";
            if (response.StatusCode == StatusCodes.Status405MethodNotAllowed)
                response.Headers.Allow = "GET, HEAD";
            return Task.CompletedTask;
        });
        string target = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget; // as sent: path and query
        if (Oversized(context, target) is { } refusal)
        {
            await Api.Error(refusal.Status, refusal.Message).ExecuteAsync(context);
            return;
        }
        if (loopbackOnly && context.Request.Host.Host.ToLowerInvariant() is not ("localhost" or "127.0.0.1" or "[::1]"))
        {
            await Api.Error(StatusCodes.Status400BadRequest, "this server answers only requests for localhost").ExecuteAsync(context);
            return;
        }
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            await Api.Error(StatusCodes.Status413PayloadTooLarge, "the server takes no request body").ExecuteAsync(context);
            return;
        }
        // Given twice, a parameter would reach the API as its values joined by a comma (q=a&q=b as "a,b"); the query
        // collection's names are case-insensitive, so q=a&Q=b is one name given twice, as the API reads it. The page and
        // its files read no parameters: a link to them may carry any.
        if (context.Request.Path.StartsWithSegments(Api.Prefix) && context.Request.Query.FirstOrDefault(parameter => parameter.Value.Count > 1) is { Key: { } twice })
        {
            await Api.Error(StatusCodes.Status400BadRequest, $"{twice.ToLowerInvariant()} is given more than once; give it once").ExecuteAsync(context);
            return;
        }
        // The server decodes what it cannot as it stands (q=%FF%FE as the text "%FF%FE", q=智能%ZZ with "%ZZ"), which would
        // then be searched, or looked up as an essay's name (/api/essays/%FF): refused instead, as any other malformed
        // parameter is.
        bool pathEncoded = IsUtf8PercentEncoded(target.Split('?', 2)[0]);
        if (!pathEncoded || (context.Request.Path.StartsWithSegments(Api.Prefix) && !IsUtf8PercentEncoded(context.Request.QueryString.Value)))
        {
            await Api.Error(StatusCodes.Status400BadRequest, $"the {(pathEncoded ? "query string" : "path")} is not percent-encoded UTF-8 (a % without two hex digits after it, or bytes that are not UTF-8)").ExecuteAsync(context);
            return;
        }
        try
        {
            await next(context);
        }
        catch (Exception e) when (!response.HasStarted && Classify(e) is { } failure)
        {
            var (status, message) = failure;
            if (status == StatusCodes.Status500InternalServerError)
                notes.WriteLine($"search: {context.Request.Path}: unexpected {e.GetType().Name}: {e.Message}");
            response.Clear();
            SetSecurityHeaders(response);
            await Api.Error(status, message).ExecuteAsync(context);
            return;
        }
        if (response.StatusCode >= 400 && !response.HasStarted && response.ContentType is null)
            await Api.Error(response.StatusCode, Describe(response.StatusCode, context.Request)).ExecuteAsync(context);
    }

    /// <summary>
    /// The status and error for a request over the server's limits on its URL (path and query, as sent) and its headers, if
    /// it is. The URL's is the API's: the page, whatever its link holds, is served (a person would otherwise be shown the
    /// API's JSON), and says itself that a query is too long; Kestrel's own limit still bounds it.
    /// </summary>
    private static (int Status, string Message)? Oversized(HttpContext context, string target)
    {
        int url = target.Length;
        if (url > MaxUrlLength && context.Request.Path.StartsWithSegments(Api.Prefix))
            return (StatusCodes.Status414UriTooLong, $"the URL is {url} characters long, over the limit of {MaxUrlLength}; a query may be at most {SearchEngine.MaxQueryLength} characters");
        // A header given twice is one name with two values here, but two lines as sent.
        var headers = context.Request.Headers;
        int count = headers.Sum(header => header.Value.Count);
        if (count > MaxHeaderCount)
            return (StatusCodes.Status431RequestHeaderFieldsTooLarge, $"the request has {count} headers, over the limit of {MaxHeaderCount}");
        int size = headers.Sum(header => header.Value.Sum(value => Encoding.UTF8.GetByteCount(header.Key) + ": ".Length + Encoding.UTF8.GetByteCount(value ?? "") + "\r\n".Length));
        if (size > MaxHeadersSize)
            return (StatusCodes.Status431RequestHeaderFieldsTooLarge, $"the request's headers are {size} bytes, over the limit of {MaxHeadersSize}");
        return null;
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Whether every <c>%</c> of <paramref name="query"/> has two hex digits after it, and the bytes they make, with the characters around them, are UTF-8.</summary>
    private static bool IsUtf8PercentEncoded(string? query)
    {
        if (string.IsNullOrEmpty(query) || !query.Contains('%'))
            return true; // most requests: no copy, no decoding
        var bytes = new List<byte>(query.Length);
        for (int at = 0; at < query.Length;)
        {
            int percent = query.IndexOf('%', at) is var found and >= 0 ? found : query.Length;
            bytes.AddRange(Encoding.UTF8.GetBytes(query[at..percent]));
            if (percent == query.Length)
                break;
            if (percent + 2 >= query.Length || !byte.TryParse(query.AsSpan(percent + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out byte value))
                return false;
            bytes.Add(value);
            at = percent + 3;
        }
        try
        {
            StrictUtf8.GetString(bytes.ToArray());
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static (int Status, string Message)? Classify(Exception e) => e switch
    {
        EssaySearchException { Kind: EssaySearchErrorKind.BadQuery } or BadRequestException => (StatusCodes.Status400BadRequest, e.Message),
        ArgumentOutOfRangeException range => (StatusCodes.Status400BadRequest, range.Message.Split(" (Parameter")[0]),
        EssaySearchException { IsIndexProblem: true } or EssaySearchException { Kind: EssaySearchErrorKind.BadCorpus } => (StatusCodes.Status503ServiceUnavailable, Commands.Describe(e)),
        IndexUnavailableException => (StatusCodes.Status503ServiceUnavailable, e.Message),
        ObjectDisposedException => (StatusCodes.Status503ServiceUnavailable, "the server is shutting down"),
        OperationCanceledException => null, // a timeout (answered by the timeout middleware) or a client gone
        _ => (StatusCodes.Status500InternalServerError, "internal error; the server's standard error says more"),
    };

    private static string Describe(int status, HttpRequest request) => status switch
    {
        StatusCodes.Status404NotFound when request.Path.StartsWithSegments(Api.Prefix) => $"no API endpoint {request.Path} (endpoints: {string.Join(", ", Api.Endpoints(request.HttpContext))})",
        StatusCodes.Status404NotFound => $"nothing at {request.Path}; the API is under {Api.Prefix} (see the README)",
        StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed: the server only reads (GET, HEAD)",
        StatusCodes.Status503ServiceUnavailable => "the request took too long",
        _ => $"the request failed with status {status}",
    };

    private static void SetSecurityHeaders(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
    }

    // fe80::1 is on every interface of the machine; without one named, binding says only 'Invalid argument'.
    private static IPAddress ParseHost(string host) =>
        host == "localhost" ? IPAddress.Loopback
        : !IPAddress.TryParse(host, out var address) ? throw new UsageException($"--host must be an IP address such as 127.0.0.1 or 0.0.0.0, not '{host}'")
        : address.IsIPv6LinkLocal && address.ScopeId == 0 ? throw new UsageException($"--host {host}: a link-local address needs a scope, e.g. {host}%eth0")
        : address;

    private static void OpenBrowser(Uri url, TextWriter error)
    {
        try
        {
            Process.Start(new ProcessStartInfo(url.ToString()) { UseShellExecute = true })?.Dispose();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            error.WriteLine($"search: note: could not open a browser ({e.Message}); open {url} yourself");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        stopWatching.Cancel();
        watching?.Join(); // an update under way commits first
        stopWatching.Dispose();
        index.Dispose();
    }
}
