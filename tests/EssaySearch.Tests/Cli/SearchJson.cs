using System.Text.Json;

namespace EssaySearch.Tests.Cli;

/// <summary>The documented schema of search results, which <c>search --json</c> and <c>GET /api/search</c> both write.</summary>
internal static class SearchJson
{
    /// <summary>Asserts <paramref name="json"/> is the results of <paramref name="query"/>, all <paramref name="total"/> of them on one page, in the documented schema.</summary>
    public static void AssertSchema(string json, string query, int total)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(["query", "total", "total_exact", "hits"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(query, root.GetProperty("query").GetString());
        Assert.Equal(total, root.GetProperty("total").GetInt32());
        Assert.True(root.GetProperty("total_exact").GetBoolean());
        var hits = root.GetProperty("hits").EnumerateArray().ToList();
        Assert.Equal(total, hits.Count);
        foreach (var (hit, i) in hits.Select((h, i) => (h, i)))
        {
            Assert.Equal(
                ["rank", "score", "essay", "title", "title_highlights", "author", "published", "section", "paragraph", "file", "line", "text", "highlights", "snippet", "snippet_highlights"],
                hit.EnumerateObject().Select(p => p.Name));
            Assert.Equal(i + 1, hit.GetProperty("rank").GetInt32());
            Assert.True(hit.GetProperty("score").GetDouble() > 0);
            Assert.True(hit.GetProperty("paragraph").GetInt32() >= 1);
            Assert.True(hit.GetProperty("line").GetInt32() >= hit.GetProperty("paragraph").GetInt32());
            Assert.Equal(hit.GetProperty("essay").GetString() + ".txt", hit.GetProperty("file").GetString());
            foreach (var name in new[] { "essay", "title", "author", "published", "section", "snippet" })
                Assert.Equal(JsonValueKind.String, hit.GetProperty(name).ValueKind);
            foreach (var (text, spansName) in new[] { ("text", "highlights"), ("snippet", "snippet_highlights") })
            {
                string value = hit.GetProperty(text).GetString()!;
                var spans = hit.GetProperty(spansName).EnumerateArray().Select(s => (s[0].GetInt32(), s[1].GetInt32())).ToList();
                Assert.NotEmpty(spans);
                Assert.All(spans, s => Assert.Equal(query, value[s.Item1..s.Item2]));
            }
            // The title marks the query where it has it, and nothing else (the seeds' titles lack 智能: none).
            string title = hit.GetProperty("title").GetString()!;
            var inTitle = Enumerable.Range(0, title.Length).Where(at => string.CompareOrdinal(title, at, query, 0, query.Length) == 0).Select(at => (at, at + query.Length));
            Assert.Equal(inTitle, hit.GetProperty("title_highlights").EnumerateArray().Select(s => (s[0].GetInt32(), s[1].GetInt32())));
        }
    }
}
