using EssaySearch.Searching;
using Lucene.Net.Search;

namespace EssaySearch.Tests.Searching;

/// <summary>
/// The second pass of a relaxed query (<see cref="Rescoring"/>): within its window, paragraphs score and rank as they would
/// under one query of both passes; beyond it, they keep the first pass's order.
/// </summary>
public class RescoringTests(SeedIndex index) : IClassFixture<SeedIndex>
{
    /// <summary>The rule as one Boolean query: per word, any of its characters, but not in a paragraph with the word.</summary>
    private static Query AsQuery(CharacterScores characters)
    {
        var any = new BooleanQuery(disableCoord: true);
        foreach (var word in characters.Words)
        {
            var ofWord = new BooleanQuery(disableCoord: true) { { word.Whole, Occur.MUST_NOT } };
            foreach (var character in word.Characters)
                ofWord.Add(character, Occur.SHOULD);
            any.Add(ofWord, Occur.SHOULD);
        }
        return any;
    }

    [Theory]
    [InlineData(5)]
    [InlineData(Rescoring.Window)]
    public void The_window_ranks_as_one_query_of_both_passes_and_the_rest_keeps_its_order(int window)
    {
        var questions = File.ReadLines(TestData.Fixture("questions.tsv")).Where(line => line.Length > 0 && !line.StartsWith('#')).Select(line => line.Split('\t')[0]);
        var snapshot = IndexSnapshot.Open(index.IndexFolder, new EngineOptions());
        try
        {
            var searcher = snapshot.RelaxedSearcher;
            int rescored = 0, beyond = 0;
            foreach (var question in questions)
            {
                var attempt = snapshot.Compiler.Compile(question).Last();
                if (attempt.Rescore is not { } second)
                    continue;
                var collector = snapshot.Ranking.Collector(1000);
                searcher.Search(attempt.Query, collector);
                var first = collector.GetTopDocs();
                if (first.TotalHits == 0)
                    continue;
                var both = new BooleanQuery(disableCoord: true) { { attempt.Query, Occur.MUST }, { AsQuery(second), Occur.SHOULD } };
                var together = searcher.Search(both, null, 1000, RankOrder.Sort, doDocScores: true, doMaxScore: false).ScoreDocs;
                var firstOrder = first.ScoreDocs.Select(hit => (hit.Doc, hit.Score)).ToList();
                var inWindow = firstOrder.Take(window).Select(hit => hit.Doc).ToHashSet();

                var actual = Rescoring.AddScores(searcher, second, first, snapshot.Ranking, window);

                Assert.Equal(first.TotalHits, actual.TotalHits);
                Assert.Equal(together.Where(hit => inWindow.Contains(hit.Doc)).Select(hit => hit.Doc), actual.ScoreDocs.Take(window).Select(hit => hit.Doc));
                var scoreTogether = together.ToDictionary(hit => hit.Doc, hit => hit.Score);
                Assert.All(actual.ScoreDocs.Take(window), hit => Assert.Equal(scoreTogether[hit.Doc], hit.Score, 4));
                Assert.Equal(firstOrder.Skip(window), actual.ScoreDocs.Skip(window).Select(hit => (hit.Doc, hit.Score)));
                rescored++;
                beyond += firstOrder.Count > window ? 1 : 0;
            }
            Assert.True(rescored > 30, $"{rescored} questions rescored");
            if (window < 20)
                Assert.True(beyond > 20, $"{beyond} questions with paragraphs beyond the window");
        }
        finally
        {
            snapshot.Release();
        }
    }
}
