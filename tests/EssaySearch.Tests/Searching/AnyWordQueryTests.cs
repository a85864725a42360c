using EssaySearch.Indexing;
using EssaySearch.Searching;
using Lucene.Net.Search;

namespace EssaySearch.Tests.Searching;

/// <summary>
/// A relaxed query's words (<see cref="AnyWordQuery"/>), scored a window of paragraphs at a time, match and score exactly
/// as Lucene's Boolean query of word disjunctions does: every question and metadata query of the fixtures, under both
/// similarities, on an index of many windows, several segments and deleted paragraphs (the seeds many times over, then
/// updated).
/// </summary>
public sealed class AnyWordQueryTests : IDisposable
{
    private readonly ScratchFolder scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public void Any_of_the_words_matches_and_scores_as_lucenes_boolean_query_of_disjunctions()
    {
        var snapshot = IndexSnapshot.Open(scratch.ManySeedsIndex(), new EngineOptions());
        try
        {
            var reader = snapshot.Reader;
            Assert.True(reader.Leaves.Count > 1 && reader.HasDeletions, "the index should have several segments and deleted paragraphs");
            var queries = new[] { "questions.tsv", "metadata-queries.tsv" }
                .SelectMany(name => File.ReadLines(TestData.Fixture(name)))
                .Where(line => line.Length > 0 && !line.StartsWith('#'))
                .Select(line => line.Split('\t')[0])
                .Append("singularity") // one word: Lucene's own query, reduced
                .Append("奥特曼 未来 的 看法 OpenAI 董事会 超级智能 机器人 数据中心"); // many words
            int compared = 0, manyWindows = 0;
            foreach (var query in queries)
            {
                if (snapshot.Compiler.Compile(query).Last().Query is not AnyWordQuery words)
                    continue;
                var prepared = (AnyWordQuery)new TermLookup(reader).Prepare(words);
                foreach (var searcher in new[] { snapshot.RelaxedSearcher, snapshot.Searcher })
                {
                    var expected = InOrder(searcher, prepared.Equivalent, reader.MaxDoc);
                    var actual = InOrder(searcher, prepared, reader.MaxDoc);
                    Assert.Equal(expected.TotalHits, actual.TotalHits);
                    Assert.Equal(Hits(expected), Hits(actual));
                    // Lucene explains its Boolean query with float sums where its scorer sums in a double: equal to a few digits only.
                    foreach (var hit in actual.ScoreDocs.Take(3))
                    {
                        var explained = searcher.Explain(prepared, hit.Doc);
                        Assert.Equal(searcher.Explain(prepared.Equivalent, hit.Doc).ToString(), explained.ToString());
                        Assert.Equal(hit.Score, explained.Value, 4);
                    }
                    compared++;
                    manyWindows += actual.ScoreDocs.Any(hit => hit.Doc > 2 * 2048) ? 1 : 0;
                }
            }
            Assert.True(compared > 100, $"{compared} queries compared");
            Assert.True(manyWindows > 50, $"{manyWindows} queries matched in a third window ({reader.MaxDoc} paragraphs, segments of {string.Join(", ", reader.Leaves.Select(leaf => leaf.AtomicReader.MaxDoc))})");
        }
        finally
        {
            snapshot.Release();
        }
    }

    /// <summary>
    /// As the engine searches: in the engine's rank order, by a collector that takes paragraphs in document order, to which
    /// Lucene's Boolean query answers with its in-order scorer (out of order, its windowed scorer rounds sums otherwise).
    /// </summary>
    private static TopDocs InOrder(IndexSearcher searcher, Query query, int wanted)
    {
        var collector = TopFieldCollector.Create(RankOrder.Sort, wanted, fillFields: false, trackDocScores: true, trackMaxScore: false, docsScoredInOrder: true);
        searcher.Search(query, collector);
        return collector.GetTopDocs();
    }

    private static List<(int Doc, float Score)> Hits(TopDocs top) => top.ScoreDocs.Select(hit => (hit.Doc, hit.Score)).ToList();
}
