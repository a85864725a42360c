using EssaySearch.Analysis;
using EssaySearch.Corpus;
using EssaySearch.Highlighting;

namespace EssaySearch.Tests.Searching;

/// <summary>
/// The ground truth of a plain query, computed from the seed text alone: a paragraph is relevant when it
/// contains every whitespace-separated term (after case, width and traditional-to-simplified folding), and its expected highlights are
/// every occurrence of every term, merged where they overlap or touch.
/// </summary>
internal static class SeedTruth
{
    public static readonly IReadOnlyList<(string Essay, Paragraph Paragraph)> Paragraphs =
        CorpusReader.ReadFolder(TestData.Seeds).SelectMany(e => e.Paragraphs.Select(p => (e.Id, p))).ToList();

    /// <summary>Folds character by character, keeping the length: Han folds that leave the BMP (none in the seeds) are not made.</summary>
    public static string Fold(string text) => new(text.Select(c => char.ToLowerInvariant(c switch
    {
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
        '\u3000' => ' ',
        _ when !char.IsSurrogate(c) && HanFolding.Fold(c) is <= char.MaxValue and var folded => (char)folded,
        _ => c,
    })).ToArray());

    public static string[] Terms(string query) => Fold(query).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static List<(string Essay, int Number)> Relevant(string query) =>
        Paragraphs.Where(p => Terms(query).All(Fold(p.Paragraph.Text).Contains)).Select(p => (p.Essay, p.Paragraph.Number)).ToList();

    public static List<TextSpan> Highlights(string query, string text)
    {
        string folded = Fold(text);
        var spans = new List<TextSpan>();
        foreach (var term in Terms(query))
            for (int at = folded.IndexOf(term, StringComparison.Ordinal); at >= 0; at = folded.IndexOf(term, at + 1, StringComparison.Ordinal))
                spans.Add(new TextSpan(at, at + term.Length));
        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        var merged = new List<TextSpan>();
        foreach (var span in spans)
        {
            if (merged.Count > 0 && span.Start <= merged[^1].End)
                merged[^1] = merged[^1] with { End = Math.Max(merged[^1].End, span.End) };
            else
                merged.Add(span);
        }
        return merged;
    }
}
