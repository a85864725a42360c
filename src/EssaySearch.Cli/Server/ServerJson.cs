using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using EssaySearch.Cli.Rendering;
using EssaySearch.Highlighting;
using EssaySearch.Indexing;
using EssaySearch.Searching;
using EssaySearch.Schema;

namespace EssaySearch.Cli.Server;

/// <summary><c>{"error": "…"}</c>: what every failed request answers.</summary>
internal sealed record ErrorBody(string Error);

/// <summary><c>GET /api/essays</c>.</summary>
internal sealed record EssaysBody(IReadOnlyList<EssaySummary> Essays);

/// <summary>
/// <c>GET /api/essays/{id}</c>: the essay, the matches in its title, the query its matches are highlighted for (or null), how
/// far it was relaxed, what was searched when it differs from the query, how it was understood when not as given and whether
/// it only excludes words (as in search results: <see cref="SearchBody"/>), its paragraphs.
/// </summary>
internal sealed record EssayBody(
    EssaySummary Essay,
    IReadOnlyList<TextSpan> TitleHighlights,
    string? Query,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Relaxed,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Searched,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Notice,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Unranked,
    IReadOnlyList<ParagraphBody> Paragraphs);

/// <summary>One paragraph of <see cref="EssayBody"/>, with <c>"code": true</c> only for a code block, as a hit has it (<see cref="HitBody"/>).</summary>
internal sealed record ParagraphBody(
    int Paragraph,
    string Section,
    int Line,
    string Text,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Code,
    IReadOnlyList<TextSpan> Highlights)
{
    public static ParagraphBody From(EssayParagraph paragraph) =>
        new(paragraph.Paragraph, paragraph.Section, paragraph.Line, paragraph.Text, paragraph.Code, paragraph.Highlights);
}

/// <summary><c>GET /api/health</c>. <see cref="Current"/> is null when there is no seeds folder to compare with.</summary>
internal sealed record HealthBody(string Index, string? Build, IndexManifest Manifest, string? Seeds, bool? Current, string? Freshness);

/// <summary>
/// The server's JSON other than search results (which <see cref="JsonRenderer"/> writes, as for <c>--json</c>): generated at
/// compile time, so the native executable needs no reflection. Names are snake_case and spans <c>[start, end]</c>, as in search results.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, Converters = [typeof(TextSpanConverter)])]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(EssaysBody))]
[JsonSerializable(typeof(EssayBody))]
[JsonSerializable(typeof(HealthBody))]
internal sealed partial class ServerJson : JsonSerializerContext
{
    /// <summary>The generated metadata, with CJK text written as itself rather than <c>\uXXXX</c>, as <see cref="JsonRenderer"/> does.</summary>
    public static ServerJson Relaxed { get; } = new(SearchJson.RelaxedOptions());

    /// <summary>
    /// <see cref="HealthBody"/> as <see cref="Relaxed"/> writes it, but its manifest without the list of files, which a
    /// health check does not need: at 150,000 files it was 28 MB an answer.
    /// </summary>
    public static JsonTypeInfo<HealthBody> HealthWithoutFiles { get; } = (JsonTypeInfo<HealthBody>)new JsonSerializerOptions(Relaxed.Options)
    {
        TypeInfoResolver = Relaxed.WithAddedModifier(type =>
        {
            if (type.Type == typeof(IndexManifest) && type.Properties.FirstOrDefault(property => property.Name == "files") is { } files)
                type.Properties.Remove(files);
        }),
    }.GetTypeInfo(typeof(HealthBody));
}
