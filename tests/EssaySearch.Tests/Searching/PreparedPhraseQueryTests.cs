using EssaySearch.Schema;
using EssaySearch.Searching;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace EssaySearch.Tests.Searching;

/// <summary>
/// A phrase whose terms were looked up beforehand (<see cref="PreparedPhraseQuery"/>) matches and scores exactly as
/// Lucene's <see cref="PhraseQuery"/>: over phrases cut at random from the essays' paragraphs, in the word and the
/// bigram field, with gaps, with a term twice, under both similarities.
/// </summary>
public class PreparedPhraseQueryTests(SeedIndex index) : IClassFixture<SeedIndex>
{
    [Fact]
    public void A_prepared_phrase_matches_and_scores_as_lucenes_phrase_does()
    {
        var snapshot = IndexSnapshot.Open(index.IndexFolder, new EngineOptions());
        try
        {
            var reader = snapshot.Reader;
            var texts = Enumerable.Range(0, reader.MaxDoc).Select(doc => ParagraphRecord.Read(reader, doc).Text).Where(text => text.Length > 1).ToArray();
            var random = new Random(20261204);
            int compared = 0, matching = 0, severalTimes = 0;
            foreach (var field in new[] { ParagraphFields.Text, ParagraphFields.TextBigrams })
            {
                for (int n = 0; n < 200; n++)
                {
                    string text = texts[random.Next(texts.Length)];
                    int start = n % 5 == 0 ? 0 : random.Next(text.Length - 1); // often a paragraph's start, where a phrase may begin and no earlier
                    var tokens = Tokens(snapshot, field, text.Substring(start, random.Next(2, Math.Min(10, text.Length - start) + 1)));
                    if (tokens.Count < 2)
                        continue;
                    foreach (var phrase in Shapes(field, tokens))
                    {
                        foreach (var searcher in new[] { snapshot.Searcher, snapshot.RelaxedSearcher })
                        {
                            var (hits, frequencies) = Compare(searcher, phrase);
                            compared++;
                            matching += hits > 0 ? 1 : 0;
                            severalTimes += frequencies.Count(f => f > 1);
                        }
                    }
                }
            }
            Assert.True(compared > 1000, $"{compared} phrases compared");
            Assert.True(matching > 300, $"{matching} phrases matched");
            Assert.True(severalTimes > 10, $"{severalTimes} paragraphs had a phrase more than once");
        }
        finally
        {
            snapshot.Release();
        }
    }

    /// <summary>
    /// The phrase as the tokens say, two positions later (no match can start before a paragraph's first position), with a gap
    /// where a middle token is left out, and with the first token also at the next position.
    /// </summary>
    private static IEnumerable<PhraseQuery> Shapes(string field, List<(string Term, int Position)> tokens)
    {
        yield return Phrase(field, tokens, boost: 1);
        yield return Phrase(field, tokens.Select(token => (token.Term, token.Position + 2)), boost: 1);
        if (tokens.Count > 2)
            yield return Phrase(field, tokens.Where((_, i) => i != tokens.Count / 2).ToList(), boost: 0.2f);
        yield return Phrase(field, [tokens[0], (tokens[0].Term, tokens[0].Position + 1), .. tokens.Skip(1)], boost: 1);
    }

    private static PhraseQuery Phrase(string field, IEnumerable<(string Term, int Position)> tokens, float boost)
    {
        var phrase = new PhraseQuery { Boost = boost };
        foreach (var (term, position) in tokens)
            phrase.Add(new Term(field, term), position);
        return phrase;
    }

    private static List<(string Term, int Position)> Tokens(IndexSnapshot snapshot, string field, string text)
    {
        var tokens = new List<(string, int)>();
        using var stream = snapshot.Analysis.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        int position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            tokens.Add((term.ToString(), Math.Max(position, 0)));
        }
        stream.End();
        return tokens;
    }

    /// <summary>Asserts that both find the same paragraphs with the same scores and explain them so; the hits, and each one's phrase frequency.</summary>
    private static (int Hits, List<int> Frequencies) Compare(IndexSearcher searcher, PhraseQuery phrase)
    {
        var prepared = new TermLookup(searcher.IndexReader).Prepare(phrase);
        var expected = searcher.Search(phrase, 10_000);
        var actual = searcher.Search(prepared, 10_000);
        Assert.Equal(expected.TotalHits, actual.TotalHits);
        Assert.Equal(expected.ScoreDocs.Select(d => (d.Doc, d.Score)), actual.ScoreDocs.Select(d => (d.Doc, d.Score)));
        var frequencies = new List<int>();
        if (prepared is not PreparedPhraseQuery)
        {
            Assert.Equal(0, expected.TotalHits); // ruled out: a term no paragraph has
            return (0, frequencies);
        }
        var weight = searcher.CreateNormalizedWeight(prepared);
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            var scorer = weight.GetScorer(leaf, leaf.AtomicReader.LiveDocs);
            while (scorer is not null && scorer.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
                frequencies.Add(scorer.Freq);
        }
        if (actual.ScoreDocs is [var first, ..])
            Assert.Equal(searcher.Explain(phrase, first.Doc).Value, searcher.Explain(prepared, first.Doc).Value);
        return (expected.TotalHits, frequencies);
    }
}
