using EssaySearch.Indexing;
using EssaySearch.Schema;
using EssaySearch.Searching;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Search;

namespace EssaySearch.Tests.Searching;

/// <summary>
/// Stepping over windows of paragraphs that cannot rank (<see cref="TopParagraphs"/>) keeps exactly the paragraphs, order
/// and scores of scoring every match, and counts every match up to 1,000: for words of the seeds from the most to the
/// least frequent, pairs of them, phrases, exclusions and alternatives, words being typed, on an index of the seeds many times over with
/// several segments and deleted paragraphs.
/// </summary>
public sealed class TopParagraphsTests : IDisposable
{
    private readonly ScratchFolder scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public void The_top_paragraphs_are_those_of_scoring_every_match_and_the_total_is_exact_up_to_a_thousand()
    {
        var snapshot = IndexSnapshot.Open(scratch.ManySeedsIndex(), new EngineOptions());
        try
        {
            var reader = snapshot.Reader;
            Assert.True(reader.Leaves.Count > 1 && reader.HasDeletions, "the index should have several segments and deleted paragraphs");
            var words = WordsOfTheSeeds(snapshot);
            var queries = words
                .Concat(words.Zip(words.Skip(1), (a, b) => $"{a} {b}"))
                .Concat(words.Zip(words.Skip(5), (a, b) => $"{a} OR {b}"))
                .Concat(words.Zip(words.Skip(3), (a, b) => $"{a} -{b}"))
                .Concat(words.Zip(words.Skip(1), (a, b) => $"\"{a}{b}\""))
                .Concat(["智能", "的", "我们", "人类 未来", "title:奇点", "AI", "the"])
                .Select(query => (query, Typed: false))
                // Words being typed: their completions are scored as words (CompletionsQuery), and bounded as words are.
                .Concat(new[] { "20", "op", "ai", "opena", "智能 ch", "奥特曼 op" }.Select(query => (query, Typed: true)));
            int compared = 0, bounded = 0, stepped = 0;
            foreach (var (query, typed) in queries)
            {
                foreach (var attempt in snapshot.Compiler.Compile(query, typed).Where(attempt => !attempt.Relaxed))
                {
                    var lookup = new TermLookup(reader);
                    var prepared = lookup.Prepare(attempt.Query);
                    foreach (int wanted in new[] { 1, 10, 100 })
                    {
                        var every = ScoringEveryMatch(snapshot.Searcher, prepared, wanted);
                        var (top, exact) = TopParagraphs.Search(snapshot, lookup, prepared, wanted);
                        Assert.Equal(Hits(every), Hits(top));
                        if (exact)
                        {
                            Assert.Equal(every.TotalHits, top.TotalHits);
                        }
                        else
                        {
                            Assert.InRange(top.TotalHits, TopParagraphs.ExactTotalUpTo + 1, every.TotalHits);
                            bounded++;
                            stepped += top.TotalHits < every.TotalHits ? 1 : 0;
                        }
                        compared++;
                    }
                }
            }
            Assert.True(compared > 500, $"{compared} searches compared");
            Assert.True(bounded > 50 && stepped > 20, $"{bounded} searches stepped over windows, {stepped} over matches");
        }
        finally
        {
            snapshot.Release();
        }
    }

    /// <summary>
    /// A word being typed whose completions are in thousands of paragraphs: its completions are bounded as words are, and
    /// the windows without a paragraph that ranks are stepped over, keeping the paragraphs and scores of scoring every match.
    /// </summary>
    [Fact]
    public void A_word_being_typed_steps_over_windows_that_cannot_rank_and_keeps_the_same_top()
    {
        string seeds = scratch.Sub("seeds");
        Directory.CreateDirectory(seeds);
        string filler = string.Concat(Enumerable.Repeat("这一段说了许多别的事情，", 6));
        for (int essay = 0; essay < 40; essay++)
        {
            // One essay says the words often in short paragraphs; the others once each, in long ones.
            var paragraphs = Enumerable.Range(0, 50).Select(i => essay == 17
                ? $"zqalpha zqalpha zqbeta {i}"
                : $"{filler}{(i % 3 == 0 ? "zqalpha" : i % 3 == 1 ? "zqbeta" : "zqgamma")} {i}。");
            File.WriteAllText(Path.Combine(seeds, $"{essay:00}.md"), string.Join("\n\n", paragraphs) + "\n");
        }
        string index = scratch.Sub("index");
        IndexBuilder.Build(new BuildOptions(seeds, index));
        var snapshot = IndexSnapshot.Open(index, new EngineOptions());
        try
        {
            int stepped = 0;
            foreach (string query in new[] { "zq", "zqa", "zqalph" })
            {
                var attempt = snapshot.Compiler.Compile(query, lastWordAsPrefix: true).First();
                var lookup = new TermLookup(snapshot.Reader);
                var prepared = lookup.Prepare(attempt.Query);
                foreach (int wanted in new[] { 1, 10, 100 })
                {
                    var every = ScoringEveryMatch(snapshot.Searcher, prepared, wanted);
                    var (top, exact) = TopParagraphs.Search(snapshot, lookup, prepared, wanted);
                    Assert.Equal(Hits(every), Hits(top));
                    stepped += exact ? 0 : 1;
                }
            }
            Assert.True(stepped > 0, "no search stepped over windows");
        }
        finally
        {
            snapshot.Release();
        }
    }

    /// <summary>Every 5th distinct word of the seeds' word analysis: the commonest words and rare ones.</summary>
    private static List<string> WordsOfTheSeeds(IndexSnapshot snapshot)
    {
        var words = new List<string>();
        foreach (var file in Directory.GetFiles(TestData.Seeds).Order())
        {
            using var stream = snapshot.Analysis.GetTokenStream(ParagraphFields.Text, File.ReadAllText(file));
            var term = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                string word = term.ToString();
                if (!words.Contains(word))
                    words.Add(word);
            }
            stream.End();
        }
        return words.Where((_, i) => i % 5 == 0).ToList();
    }

    private static TopDocs ScoringEveryMatch(IndexSearcher searcher, Query query, int wanted)
    {
        var collector = TopFieldCollector.Create(RankOrder.Sort, wanted, fillFields: false, trackDocScores: true, trackMaxScore: false, docsScoredInOrder: true);
        searcher.Search(query, collector);
        return collector.GetTopDocs();
    }

    private static List<(int Doc, float Score)> Hits(TopDocs top) => top.ScoreDocs.Select(hit => (hit.Doc, hit.Score)).ToList();
}
