using EssaySearch.Schema;
using EssaySearch.Searching;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace EssaySearch.Tests.Searching;

/// <summary>
/// The second pass of a relaxed query (<see cref="Rescoring"/>): within its window, paragraphs score and rank as they would
/// under one query of the words and their characters, plus the words' nearness worked out from the paragraph's text;
/// beyond it, they keep the first pass's order.
/// </summary>
public class RescoringTests(SeedIndex index) : IClassFixture<SeedIndex>
{
    /// <summary>The rule as one Boolean query: per word, any of its characters, but not in a paragraph with the word.</summary>
    private static Query AsQuery(SecondPass pass)
    {
        var any = new BooleanQuery(disableCoord: true);
        foreach (var word in pass.Characters)
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
            int rescored = 0, beyond = 0, near = 0;
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
                var expected = together.Where(hit => inWindow.Contains(hit.Doc))
                    .Select(hit => new FieldDoc(hit.Doc, hit.Score + NearnessFromText(snapshot, second.Nearby, hit.Doc), ((FieldDoc)hit).Fields))
                    .Order(snapshot.Ranking.OfCollected).ToList();

                var actual = Rescoring.AddScores(searcher, new TermLookup(snapshot.Reader), second, first, snapshot.Ranking, window);

                Assert.Equal(first.TotalHits, actual.TotalHits);
                Assert.Equal(expected.Select(hit => hit.Doc), actual.ScoreDocs.Take(window).Select(hit => hit.Doc));
                Assert.All(actual.ScoreDocs.Take(window).Zip(expected), pair => Assert.Equal(pair.Second.Score, pair.First.Score, 4));
                Assert.Equal(firstOrder.Skip(window), actual.ScoreDocs.Skip(window).Select(hit => (hit.Doc, hit.Score)));
                near += expected.Count(hit => hit.Score > together.First(t => t.Doc == hit.Doc).Score);
                rescored++;
                beyond += firstOrder.Count > window ? 1 : 0;
            }
            Assert.True(rescored > 30, $"{rescored} questions rescored");
            Assert.True(near > (window < 20 ? 10 : 30), $"{near} paragraphs with words near each other");
            if (window < 20)
                Assert.True(beyond > 20, $"{beyond} questions with paragraphs beyond the window");
        }
        finally
        {
            snapshot.Release();
        }
    }

    /// <summary>
    /// What <see cref="Nearness"/> should add to a paragraph, from its text analyzed again: every pair of separate
    /// occurrences of every pair of words, the nearest within the gap.
    /// </summary>
    private static float NearnessFromText(IndexSnapshot snapshot, IReadOnlyList<Term[]> words, int doc)
    {
        var tokens = new List<(string Term, int Position)>();
        using (var stream = snapshot.Analysis.GetTokenStream(ParagraphFields.TextBigrams, ParagraphRecord.Read(snapshot.Reader, doc).Text))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            var increment = stream.AddAttribute<IPositionIncrementAttribute>();
            stream.Reset();
            for (int position = -1; stream.IncrementToken();)
            {
                position += increment.PositionIncrement;
                tokens.Add((term.ToString(), position));
            }
            stream.End();
        }
        var starts = words.Select(word => tokens.Where(token => token.Term == word[0].Text)
            .Select(token => token.Position)
            .Where(start => word.Skip(1).Select((next, k) => (next, k)).All(t => tokens.Contains((t.next.Text, start + t.k + 1))))
            .ToList()).ToList();
        var searcher = snapshot.RelaxedSearcher;
        var similarity = (TFIDFSimilarity)searcher.Similarity;
        float Weight(Term[] word) => word.Max(term =>
        {
            float idf = similarity.Idf(searcher.IndexReader.DocFreq(term), searcher.IndexReader.MaxDoc);
            return idf * idf;
        });
        float score = 0;
        for (int a = 0; a < words.Count; a++)
        {
            for (int b = a + 1; b < words.Count; b++)
            {
                var spans = starts[a].SelectMany(x => starts[b].Select(y => (x, y)))
                    .Where(pair => pair.x + words[a].Length <= pair.y || pair.y + words[b].Length <= pair.x)
                    .Select(pair => Math.Max(pair.x + words[a].Length, pair.y + words[b].Length) - Math.Min(pair.x, pair.y)).ToList();
                if (spans.Count > 0 && spans.Min() - words[a].Length - words[b].Length <= Nearness.Gap)
                    score += Nearness.Boost * Math.Max(Weight(words[a]), Weight(words[b])) / MathF.Sqrt(1 + spans.Min());
            }
        }
        return score;
    }
}
