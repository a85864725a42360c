using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using EssaySearch.Highlighting;
using EssaySearch.Searching;

namespace EssaySearch.Cli.Rendering;

/// <summary>
/// Writes results as one JSON object (<see cref="SearchBody"/>). The command's <c>--json</c> and the server's
/// <c>/api/search</c> both write it, and the server's OpenAPI document describes it from the same types.
/// </summary>
internal static class JsonRenderer
{
    public static string Write(SearchResults results) => JsonSerializer.Serialize(SearchBody.From(results), SearchJson.Relaxed.SearchBody);

    /// <summary>A query of a batch that could not be searched: <c>{"query", "error"}</c>.</summary>
    public static string WriteError(string query, string message) => JsonSerializer.Serialize(new QueryErrorBody(query, message), SearchJson.Relaxed.QueryErrorBody);
}

/// <summary>
/// Search results: <c>{"query", "total", "total_exact", "hits": [...]}</c> (<c>total</c> is a lower bound when <c>total_exact</c> is false), plus <c>"notice"</c> when the query was not searched as
/// given or only excludes words, <c>"unranked": true</c> when it only excludes words (every hit scores the same, in corpus order), <c>"relaxed"</c> (<c>"metadata"</c>, <c>"words"</c>, or <c>"question"</c>: a question, whose <c>"as_written"</c> paragraphs that have it as written come first, then the others with its words) when it was relaxed, <c>"as_plain_text": true</c> when its syntax was
/// not understood, <c>"searched"</c> and <c>"left_out"</c> when what was searched differs from it (a relaxed query), and
/// <c>"translated"</c> (<c>{"robots": ["机器人"]}</c>) when a relaxed query's English words were also searched as Chinese ones,
/// <c>"not_found"</c> when some of them are in no paragraph, <c>"split"</c> (<c>{"超级计算机": ["超级", "计算机"]}</c>) when none
/// of them was in any and long ones were searched as the words inside them.
/// </summary>
internal sealed record SearchBody(
    string Query,
    int Total,
    bool TotalExact,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Notice,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Relaxed,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int AsWritten,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool AsPlainText,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Unranked,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Searched,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? LeftOut,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, IReadOnlyList<string>>? Translated,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? NotFound,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, IReadOnlyList<string>>? Split,
    IReadOnlyList<HitBody> Hits)
{
    public static SearchBody From(SearchResults results)
    {
        bool differs = results.Searched != results.Query;
        return new SearchBody(
            results.Query,
            results.Total,
            results.TotalExact,
            results.Notice,
            RelaxedValue(results.Relaxation),
            results.FoundAsWritten,
            results.AsPlainText,
            results.Unranked,
            differs ? results.Searched : null,
            differs && results.LeftOut.Count > 0 ? results.LeftOut : null, // a query only cleaned (奇点? as 奇点) left no word out
            results.Translated.Count > 0 ? results.Translated : null,
            results.NotFound.Count > 0 ? results.NotFound : null,
            results.Split.Count > 0 ? results.Split : null,
            results.Hits.Select(HitBody.From).ToList());
    }

    /// <summary>The value of <c>"relaxed"</c>: null (left out) for a query searched as written.</summary>
    public static string? RelaxedValue(Relaxation relaxation) => relaxation switch
    {
        Relaxation.Metadata => "metadata",
        Relaxation.Words => "words",
        Relaxation.Question => "question",
        _ => null,
    };
}

/// <summary>
/// One hit. Highlights are UTF-16 <c>[start, end]</c> offsets into <c>text</c>, title highlights into <c>title</c>, snippet highlights into <c>snippet</c>;
/// the score is rounded to four decimals; <c>"code": true</c> only for a code block.
/// </summary>
internal sealed record HitBody(
    int Rank,
    double Score,
    string Essay,
    string Title,
    IReadOnlyList<TextSpan> TitleHighlights,
    string Author,
    string Published,
    string Section,
    int Paragraph,
    string File,
    int Line,
    string Text,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Code,
    IReadOnlyList<TextSpan> Highlights,
    string Snippet,
    IReadOnlyList<TextSpan> SnippetHighlights)
{
    public static HitBody From(Hit hit) => new(
        hit.Rank, Math.Round(hit.Score, 4), hit.Essay, hit.Title, hit.TitleHighlights, hit.Author, hit.Published, hit.Section, hit.Paragraph,
        hit.File, hit.Line, hit.Text, hit.Code, hit.Highlights, hit.Snippet.Text, hit.Snippet.Highlights);
}

/// <summary>A query of a batch that could not be searched.</summary>
internal sealed record QueryErrorBody(string Query, string Error);

/// <summary>
/// The search results' JSON, generated at compile time (the native executable needs no reflection): snake_case names,
/// spans as <c>[start, end]</c>.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, Converters = [typeof(TextSpanConverter)])]
[JsonSerializable(typeof(SearchBody))]
[JsonSerializable(typeof(QueryErrorBody))]
internal sealed partial class SearchJson : JsonSerializerContext
{
    /// <summary>CJK text written as itself rather than <c>\uXXXX</c>.</summary>
    public static JsonSerializerOptions RelaxedOptions() => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new TextSpanConverter() },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The generated metadata with <see cref="RelaxedOptions"/>.</summary>
    public static SearchJson Relaxed { get; } = new(RelaxedOptions());
}

/// <summary>Writes a <see cref="TextSpan"/> as <c>[start, end]</c>.</summary>
internal sealed class TextSpanConverter : JsonConverter<TextSpan>
{
    public override TextSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("spans are written, not read");

    public override void Write(Utf8JsonWriter writer, TextSpan value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        writer.WriteNumberValue(value.Start);
        writer.WriteNumberValue(value.End);
        writer.WriteEndArray();
    }
}
