using System.Globalization;
using EssaySearch.Cli.Rendering;
using EssaySearch.Searching;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EssaySearch.Cli.Server;

/// <summary>The JSON API: <c>/api/search</c>, <c>/api/essays</c>, <c>/api/essays/{id}</c>, <c>/api/health</c>. Read-only.</summary>
internal static class Api
{
    /// <summary>The most hits one request may ask for.</summary>
    public const int MaxLimit = 100;

    public static void Map(IEndpointRouteBuilder app, LiveIndex index, Paths paths)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/search", (string? q, string? limit, string? offset, string? full) =>
        {
            var options = new SearchOptions(
                Number(limit, "limit", 10, 1, MaxLimit),
                Number(offset, "offset", 0, 0, int.MaxValue - MaxLimit),
                WholeParagraph: Flag(full, "full"));
            var results = index.Engine.Search(q ?? "", options);
            return Results.Text(JsonRenderer.Write(results), "application/json; charset=utf-8");
        });
        api.MapGet("/essays", () => Results.Json(new EssaysBody(index.Engine.Essays()), ServerJson.Relaxed.EssaysBody));
        api.MapGet("/essays/{id}", (string id, string? q) =>
        {
            string? query = string.IsNullOrWhiteSpace(q) ? null : q;
            return index.Engine.ReadEssay(id, query) is { } essay
                ? Results.Json(new EssayBody(essay.Summary, query, essay.Paragraphs), ServerJson.Relaxed.EssayBody)
                : Error(StatusCodes.Status404NotFound, $"no essay '{id}' in the index; GET /api/essays lists them");
        });
        api.MapGet("/health", () =>
        {
            var engine = index.Engine;
            var freshness = Directory.Exists(paths.Seeds) ? engine.CheckFreshness(paths.Seeds) : null;
            return Results.Json(
                new HealthBody(Path.GetFullPath(paths.Index), engine.BuildId, engine.Manifest, freshness is null ? null : Path.GetFullPath(paths.Seeds), freshness?.IsCurrent, freshness?.Reason),
                ServerJson.Relaxed.HealthBody);
        });
    }

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

    private static bool Flag(string? value, string name) => value switch
    {
        null or "" or "false" or "0" => false,
        "true" or "1" => true,
        _ => throw new BadRequestException($"{name} must be true or false, not '{value}'"),
    };
}

/// <summary>A request with a bad parameter; the message says which (HTTP 400).</summary>
internal sealed class BadRequestException(string message) : Exception(message);
