using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using EssaySearch.Highlighting;
using EssaySearch.Searching;

namespace EssaySearch.Cli.Rendering;

/// <summary>
/// Writes results as one JSON object: <c>{"query", "total", "hits": [{"rank", "score", "essay", "title", "author",
/// "published", "section", "paragraph", "text", "highlights": [[start, end], ...], "snippet", "snippet_highlights"}]}</c>,
/// plus <c>"notice"</c> when the query was not searched as given, and <c>"searched"</c> and <c>"left_out"</c> when what
/// was searched differs from it (a relaxed query). Highlights are UTF-16 offsets into <c>text</c>, and snippet
/// highlights into <c>snippet</c>. The command's <c>--json</c> and the server's <c>/api/search</c> both write this.
/// </summary>
internal static class JsonRenderer
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(SearchResults results) => Render(json =>
    {
        json.WriteStartObject();
        json.WriteString("query", results.Query);
        json.WriteNumber("total", results.Total);
        if (results.Notice is not null)
            json.WriteString("notice", results.Notice);
        if (results.Searched != results.Query)
        {
            json.WriteString("searched", results.Searched);
            json.WriteStartArray("left_out");
            foreach (var word in results.LeftOut)
                json.WriteStringValue(word);
            json.WriteEndArray();
        }
        json.WriteStartArray("hits");
        foreach (var hit in results.Hits)
        {
            json.WriteStartObject();
            json.WriteNumber("rank", hit.Rank);
            json.WriteNumber("score", Math.Round(hit.Score, 4));
            json.WriteString("essay", hit.Essay);
            json.WriteString("title", hit.Title);
            json.WriteString("author", hit.Author);
            json.WriteString("published", hit.Published);
            json.WriteString("section", hit.Section);
            json.WriteNumber("paragraph", hit.Paragraph);
            json.WriteString("text", hit.Text);
            WriteSpans(json, "highlights", hit.Highlights);
            json.WriteString("snippet", hit.Snippet.Text);
            WriteSpans(json, "snippet_highlights", hit.Snippet.Highlights);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    });

    /// <summary>A query of a batch that could not be searched: <c>{"query", "error"}</c>.</summary>
    public static string WriteError(string query, string message) => Render(json =>
    {
        json.WriteStartObject();
        json.WriteString("query", query);
        json.WriteString("error", message);
        json.WriteEndObject();
    });

    /// <summary>Writes <paramref name="spans"/> as <c>"name": [[start, end], ...]</c>.</summary>
    private static void WriteSpans(Utf8JsonWriter json, string name, IReadOnlyList<TextSpan> spans)
    {
        json.WriteStartArray(name);
        foreach (var span in spans)
        {
            json.WriteStartArray();
            json.WriteNumberValue(span.Start);
            json.WriteNumberValue(span.End);
            json.WriteEndArray();
        }
        json.WriteEndArray();
    }

    private static string Render(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, Options))
            write(json);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
