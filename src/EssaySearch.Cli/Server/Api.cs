using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using EssaySearch.Cli.Rendering;
using EssaySearch.Highlighting;
using EssaySearch.Searching;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace EssaySearch.Cli.Server;

/// <summary>The JSON API: <c>/api/search</c>, <c>/api/essays</c>, <c>/api/essays/{id}</c>, <c>/api/health</c>. Read-only.</summary>
internal static class Api
{
    /// <summary>The most hits one request may ask for.</summary>
    public const int MaxLimit = 100;

    /// <summary>Where the API's paths begin; the page and its files are outside it.</summary>
    public const string Prefix = "/api";

    // The parameter of a query being typed (SearchOptions.LastWordAsPrefix), which the search page sends.
    private const string LastWordAsPrefix = "last_word_as_prefix";

    public static void Map(IEndpointRouteBuilder app, LiveIndex index, Paths paths, BuildSettings settings, TimeSpan timeLimit)
    {
        Task<IResult> Answer(HttpContext context, Func<IResult> answer) => AnswerWithin(timeLimit, context, answer);
        // Every endpoint of the API takes no query parameters but those it names (RefuseUnknownParameters).
        var api = app.MapGroup(Prefix).WithMetadata(new QueryParameters());
        api.MapGet("/search", (string? q, string? limit, string? offset, string? full, [FromQuery(Name = "exact_total")] string? exactTotal,
            [FromQuery(Name = LastWordAsPrefix)] string? lastWordAsPrefix, HttpContext context) => Answer(context, () =>
        {
            var options = new SearchOptions(
                Number(limit, "limit", 10, 1, MaxLimit),
                Number(offset, "offset", 0, 0, int.MaxValue - MaxLimit),
                WholeParagraph: Flag(full, "full"),
                ExactTotal: Flag(exactTotal, "exact_total"),
                LastWordAsPrefix: Flag(lastWordAsPrefix, LastWordAsPrefix));
            var results = index.Engine.Search(q ?? "", options);
            return Results.Text(JsonRenderer.Write(results), "application/json; charset=utf-8");
        })).Taking("q", "limit", "offset", "full", "exact_total", LastWordAsPrefix).Produces<SearchBody>().Described("Search the paragraphs")
            .WithDescription("q: the query (as on the command line); limit: hits per page, 1-100 (10); offset: hits to skip (0); full: true for whole paragraphs as snippets; exact_total: true to count every match (past 1,000 the total is otherwise a lower bound: total_exact); last_word_as_prefix: true while the query is being typed, for its last Latin word to find the words it starts too (opena: OpenAI). Answers what `search --json` writes.");
        // A lambda of an HttpContext alone would be taken for a RequestDelegate, which drops the result: hence the casts.
        api.MapGet("/essays", (Delegate)((HttpContext context) => Answer(context, () => Results.Json(new EssaysBody(index.Engine.Essays()), ServerJson.Relaxed.EssaysBody))))
            .Produces<EssaysBody>().Described("The essays, in corpus order, with their paragraph counts");
        // The id of an essay in a subfolder holds slashes (随笔/奇点): the rest of the path, written with its slashes or
        // with each one encoded (%2F).
        api.MapGet("/essays/{**id}", (string id, string? q, [FromQuery(Name = LastWordAsPrefix)] string? lastWordAsPrefix, HttpContext context) => Answer(context, () =>
        {
            id = EssayId(context, id);
            string? query = string.IsNullOrWhiteSpace(q) ? null : q;
            return index.Engine.ReadEssay(id, query, Flag(lastWordAsPrefix, LastWordAsPrefix)) is { } essay
                ? Results.Json(new EssayBody(essay.Summary, essay.TitleHighlights, query, SearchBody.RelaxedValue(essay.Relaxation), essay.Searched == query ? null : essay.Searched, essay.Notice, essay.Unranked, essay.Paragraphs.Select(ParagraphBody.From).ToList()), ServerJson.Relaxed.EssayBody)
                : index.Engine.Manifest.LeftOut.FirstOrDefault(file => file.Essay == id) is { } leftOut
                    ? Error(StatusCodes.Status404NotFound, $"the essay '{id}' is left out of the index, as it cannot be read: {Commands.ReasonFor(leftOut)}")
                    : Error(StatusCodes.Status404NotFound, $"no essay '{id}' in the index; GET /api/essays lists them");
        })).Taking("q", LastWordAsPrefix).Produces<EssayBody>().Produces<ErrorBody>(StatusCodes.Status404NotFound)
            .Described("Every paragraph of one essay, in order; with q, the matches of q highlighted (last_word_as_prefix as in /api/search)");
        api.MapGet("/health", (string? files, HttpContext context) => Answer(context, () =>
        {
            var engine = index.Engine;
            var (seeds, _) = paths.SourceOf(engine.Manifest.Source, indexExists: true);
            seeds = Directory.Exists(seeds) ? Path.GetFullPath(seeds) : null;
            (bool? Current, string? Reason) freshness = (null, null);
            try
            {
                if (seeds is not null && settings.GoneDictionary(engine.Manifest) is null)
                {
                    var (dictionary, encoding) = settings.For(engine.Manifest);
                    var found = engine.CheckFreshness(seeds, dictionary, encoding);
                    freshness = (found.IsCurrent, found.Reason);
                }
            }
            catch (EssaySearchException e) when (Commands.IsOneBadEntry(e))
            {
                freshness = (false, $"the seeds folder could not be checked: {e.Message}"); // searches answer from the index as it is
            }
            var body = new HealthBody(Path.GetFullPath(paths.Index), engine.BuildId, engine.Manifest, seeds, freshness.Current, freshness.Reason);
            return Results.Json(body, Flag(files, "files") ? ServerJson.Relaxed.HealthBody : ServerJson.HealthWithoutFiles);
        })).Taking("files").Produces<HealthBody>().Described("The open build, its manifest (its list of files only with files=true), and whether it is current for the seeds folder")
            .WithDescription("files: true to list every file of the manifest, with its size, time and hash (on a large archive, megabytes).");
        // The one document by name: a pattern of {documentName} answered any other name with a text/plain 404, not the API's JSON one.
        // Last, as the README's table has it: a 404 under /api lists the endpoints in the order they are mapped.
        api.MapOpenApi("/openapi/v1.json");
    }

    /// <summary>The paths of the API's endpoints, as mapped (<c>/api/essays/{id}</c> for the pattern <c>/api/essays/{**id}</c>).</summary>
    public static IEnumerable<string> Endpoints(HttpContext context) =>
        context.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<QueryParameters>() is not null)
            .Select(endpoint => endpoint.RoutePattern.RawText!.Replace("{**", "{"));

    /// <summary>
    /// Refuses a query parameter that the API's endpoint does not take, naming those it does: a misspelt one (<c>lmit=5</c>)
    /// would otherwise be ignored, and the request answered as though it had not been given. Names are matched in any case,
    /// as the endpoints bind them (<c>Q=智能</c> is <c>q</c>). The page and its files, without <see cref="QueryParameters"/>,
    /// take any, as a shared link may carry them. After routing, which chooses the endpoint.
    /// </summary>
    public static Task RefuseUnknownParameters(HttpContext context, RequestDelegate next)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<QueryParameters>() is { } taken
            && context.Request.Query.Keys.FirstOrDefault(name => !taken.Names.Contains(name, StringComparer.OrdinalIgnoreCase)) is { } unknown)
        {
            // ?=5 has a parameter without a name, which quoting would show as ''.
            string what = unknown.Length == 0 ? "a parameter without a name" : $"unknown parameter '{unknown}'";
            throw new BadRequestException(taken.Names.Length == 0
                ? $"{what} ({context.Request.Path} takes no parameters)"
                : $"{what} (parameters: {string.Join(", ", taken.Names)})");
        }
        return next(context);
    }

    /// <summary>
    /// Runs <paramref name="answer"/> on the thread pool, giving up when the request is cancelled (its time is up, or the client has gone):
    /// the request is then answered 503 by the timeout middleware. A search cannot be interrupted; it runs to its end and its answer is dropped.
    /// An answer ready in time is sent whole: the time limit stops there, as a limit that ran out while the answer was being
    /// written would cut the connection instead. An answer that took longer than <paramref name="timeLimit"/> is answered 503 too,
    /// though the middleware's timer has not fired: that timer runs on the thread pool, which a busy server may run late.
    /// </summary>
    private static async Task<IResult> AnswerWithin(TimeSpan timeLimit, HttpContext context, Func<IResult> answer)
    {
        long started = Stopwatch.GetTimestamp();
        var result = await Task.Run(answer, context.RequestAborted).WaitAsync(context.RequestAborted);
        context.Features.Get<IHttpRequestTimeoutFeature>()?.DisableTimeout();
        context.RequestAborted.ThrowIfCancellationRequested();
        return Stopwatch.GetElapsedTime(started) > timeLimit ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : result;
    }

    /// <summary>The OpenAPI document of <c>/api/openapi/v1.json</c>, describing the JSON as <see cref="ServerJson"/> writes it: snake_case names, spans as <c>[start, end]</c>.</summary>
    public static void AddOpenApiDocument(IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, ServerJson.Default);
            json.SerializerOptions.TypeInfoResolverChain.Insert(1, SearchJson.Default);
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            // The web defaults read a number from a string too, which the document then typed as ["integer", "string"] with a
            // pattern; the API writes numbers as numbers, and reads no JSON.
            json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        services.AddOpenApi(openApi =>
        {
            openApi.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "search serve";
                document.Info.Description = "Full-text search of Chinese essays: the read-only JSON API of `search serve`. A query parameter an endpoint does not list is refused (400).";
                return Task.CompletedTask;
            });
            openApi.AddSchemaTransformer((schema, context, _) =>
            {
                if (context.JsonTypeInfo.Type == typeof(TextSpan))
                {
                    schema.Type = JsonSchemaType.Array;
                    schema.Properties?.Clear();
                    schema.Items = new OpenApiSchema { Type = JsonSchemaType.Integer };
                    schema.MinItems = schema.MaxItems = 2;
                    schema.Description = "[start, end): UTF-16 offsets into the text";
                }
                // A field left out when null or false ("notice", "searched", "relaxed", …) is not required, which the document would otherwise say it is.
                foreach (var property in context.JsonTypeInfo.Properties)
                {
                    if (property.AttributeProvider?.IsDefined(typeof(JsonIgnoreAttribute), inherit: false) == true)
                        schema.Required?.Remove(property.Name);
                }
                return Task.CompletedTask;
            });
        });
    }

    /// <summary>
    /// The essay id of <c>/api/essays/{**id}</c>, decoded from the path as sent: the router decodes all of it but <c>%2F</c>,
    /// so that an essay whose name holds a <c>%</c> (<c>a%2Fb.md</c>, sent as <c>a%252Fb</c>) would come out as <c>a/b</c>.
    /// </summary>
    private static string EssayId(HttpContext context, string routed)
    {
        string? raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        // An absolute-form target (GET http://host/api/essays/…) has its path after the authority.
        if (raw is not null && !raw.StartsWith('/') && raw.IndexOf("://", StringComparison.Ordinal) is >= 0 and var scheme)
            raw = raw.IndexOf('/', scheme + 3) is >= 0 and var path ? raw[path..] : null;
        if (raw is null || !raw.StartsWith('/'))
            return routed.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        // "/api/essays/ID…?query": each segment decoded, dot segments resolved as the router resolved them, then the
        // segments after the first three ("", "api", "essays").
        var segments = new List<string>();
        foreach (string segment in raw.Split('?', 2)[0].Split('/').Select(Uri.UnescapeDataString))
        {
            if (segment == "..")
            {
                if (segments.Count > 1)
                    segments.RemoveAt(segments.Count - 1);
            }
            else if (segment != ".")
                segments.Add(segment);
        }
        return string.Join('/', segments.Skip(3));
    }

    /// <summary>
    /// For the OpenAPI document: what the endpoint does, and the errors every endpoint may answer (those of the server's
    /// own limits too: a body, a URL or headers over their limits).
    /// </summary>
    private static RouteHandlerBuilder Described(this RouteHandlerBuilder endpoint, string summary) => endpoint
        .WithSummary(summary)
        .Produces<ErrorBody>(StatusCodes.Status400BadRequest)
        .Produces<ErrorBody>(StatusCodes.Status413PayloadTooLarge)
        .Produces<ErrorBody>(StatusCodes.Status414UriTooLong)
        .Produces<ErrorBody>(StatusCodes.Status431RequestHeaderFieldsTooLarge)
        .Produces<ErrorBody>(StatusCodes.Status503ServiceUnavailable);

    /// <summary>The query parameters <paramref name="endpoint"/> takes, as its handler binds them; any other is refused.</summary>
    private static RouteHandlerBuilder Taking(this RouteHandlerBuilder endpoint, params string[] names) => endpoint.WithMetadata(new QueryParameters(names));

    /// <summary>A JSON error response.</summary>
    public static IResult Error(int status, string message) => Results.Json(new ErrorBody(message), ServerJson.Relaxed.ErrorBody, statusCode: status);

    private static int Number(string? value, string name, int absent, int least, int most)
    {
        if (string.IsNullOrEmpty(value))
            return absent;
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < least || n > most)
            throw new BadRequestException($"{name} must be a whole number from {least} to {most}, not '{value}'");
        return n;
    }

    private static bool Flag(string? value, string name) => value?.ToLowerInvariant() switch
    {
        null or "" or "false" or "0" => false,
        "true" or "1" => true,
        _ => throw new BadRequestException($"{name} must be true or false (or 1 or 0), not '{value}'"),
    };
}

/// <summary>The query parameters an endpoint of the API takes (<see cref="Api.RefuseUnknownParameters"/>); the endpoint's own, set last, overrides its group's.</summary>
internal sealed class QueryParameters(params string[] names)
{
    public string[] Names { get; } = names;
}

/// <summary>A request with a bad parameter; the message says which (HTTP 400).</summary>
internal sealed class BadRequestException(string message) : Exception(message);
