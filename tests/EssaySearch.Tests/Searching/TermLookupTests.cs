using EssaySearch.Searching;
using EssaySearch.Schema;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace EssaySearch.Tests.Searching;

/// <summary>
/// Looking a search's terms up once (<see cref="TermLookup"/>) is a matter of speed alone: every attempt of every
/// question and benchmark query finds the same paragraphs with the same scores, prepared or not.
/// </summary>
public class TermLookupTests(SeedIndex index) : IClassFixture<SeedIndex>
{
    [Fact]
    public void Prepared_attempts_find_and_score_exactly_what_the_compiled_ones_do()
    {
        var queries = File.ReadLines(TestData.Fixture("questions.tsv")).Where(line => line.Length > 0 && !line.StartsWith('#')).Select(line => line.Split('\t')[0])
            .Concat(File.ReadLines(Path.Combine(TestData.RepositoryRoot, "bench", "queries.txt")).Where(line => line.Length > 0));
        var snapshot = IndexSnapshot.Open(index.IndexFolder, new EngineOptions());
        try
        {
            int matched = 0, ruledOut = 0;
            foreach (var query in queries)
            {
                var lookup = new TermLookup(snapshot.Reader);
                foreach (var attempt in snapshot.Compiler.Compile(query))
                {
                    var searcher = attempt.Relaxed ? snapshot.RelaxedSearcher : snapshot.Searcher;
                    var prepared = lookup.Prepare(attempt.Query);
                    var expected = searcher.Search(attempt.Query, 100);
                    var actual = searcher.Search(prepared, 100);
                    Assert.Equal(expected.TotalHits, actual.TotalHits);
                    Assert.Equal(expected.ScoreDocs.Select(d => (d.Doc, d.Score)), actual.ScoreDocs.Select(d => (d.Doc, d.Score)));
                    matched += expected.TotalHits > 0 ? 1 : 0;
                    ruledOut += prepared is BooleanQuery { Clauses.Count: 0 } ? 1 : 0;
                }
            }
            // Both kinds occur: attempts that find paragraphs, and attempts ruled out without searching.
            Assert.True(matched > 50, $"{matched} attempts found paragraphs");
            Assert.True(ruledOut > 10, $"{ruledOut} attempts ruled out");
        }
        finally
        {
            snapshot.Release();
        }
    }

    [Fact]
    public void A_query_ruled_out_by_a_missing_term_looks_no_further()
    {
        var snapshot = IndexSnapshot.Open(index.IndexFolder, new EngineOptions());
        try
        {
            // 智能 超级 人工 are all in the essays; 鎏鑫 in none.
            var present = new[] { "智能", "超级", "人工" }.Select(word => new Term(ParagraphFields.TextBigrams, word)).ToArray();
            var missing = new Term(ParagraphFields.TextBigrams, "鎏鑫");
            var phrase = new PhraseQuery { missing, present[0], present[1], present[2] };
            var lookup = new TermLookup(snapshot.Reader);
            Assert.True(lookup.Prepare(phrase) is BooleanQuery { Clauses.Count: 0 });
            Assert.Equal(1, lookup.TermsLookedUp);

            // A required clause that cannot match rules out the optional ones unseen.
            var required = new BooleanQuery { { new TermQuery(missing), Occur.MUST }, { new TermQuery(present[0]), Occur.SHOULD } };
            lookup = new TermLookup(snapshot.Reader);
            Assert.True(lookup.Prepare(required) is BooleanQuery { Clauses.Count: 0 });
            Assert.Equal(1, lookup.TermsLookedUp);

            // One that can match has every term looked up, to be searched.
            var matching = new BooleanQuery { { new TermQuery(present[0]), Occur.MUST }, { phrase, Occur.SHOULD } };
            lookup = new TermLookup(snapshot.Reader);
            Assert.IsType<BooleanQuery>(lookup.Prepare(matching));
            Assert.Equal(4, lookup.TermsLookedUp);
        }
        finally
        {
            snapshot.Release();
        }
    }
}
