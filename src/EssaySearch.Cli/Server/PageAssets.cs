using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace EssaySearch.Cli.Server;

/// <summary>
/// The search page: four files embedded in the executable (<c>Server/Assets/</c>), served from memory at fixed paths, so
/// no other file can be reached. Revalidated by ETag rather than cached, so a new version of the program shows its own page.
/// </summary>
internal static class PageAssets
{
    private static readonly (string Path, string Resource, string ContentType)[] Files =
    [
        ("/", "index.html", "text/html; charset=utf-8"),
        ("/app.js", "app.js", "text/javascript; charset=utf-8"),
        ("/app.css", "app.css", "text/css; charset=utf-8"),
        // Its own file, as the page's Content-Security-Policy (default-src 'self') refuses a data: URL.
        ("/icon.svg", "icon.svg", "image/svg+xml"),
    ];

    public static void Map(IEndpointRouteBuilder app)
    {
        foreach (var (path, resource, contentType) in Files)
        {
            byte[] content = Read(resource);
            var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"");
            app.MapGet(path, (HttpContext context) =>
            {
                context.Response.Headers.CacheControl = "no-cache";
                return Results.Bytes(content, contentType, entityTag: etag);
            }).ExcludeFromDescription();
        }
    }

    private static byte[] Read(string name)
    {
        using var stream = typeof(PageAssets).Assembly.GetManifestResourceStream("page/" + name)
            ?? throw new InvalidOperationException($"the page asset '{name}' is not embedded");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
