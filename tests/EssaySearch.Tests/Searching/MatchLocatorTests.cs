using System.Text.RegularExpressions;
using EssaySearch.Highlighting;
using EssaySearch.Schema;
using EssaySearch.Searching;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace EssaySearch.Tests.Searching;

/// <summary>
/// Highlighting analyzes the shown paragraphs again instead of reading offsets from the index; that is exact only if
/// the analysis finds the very terms, at the very positions, that the index holds for the paragraph.
/// </summary>
public class MatchLocatorTests(SeedIndex index) : IClassFixture<SeedIndex>
{
    [Theory]
    [InlineData(ParagraphFields.Text)]
    [InlineData(ParagraphFields.TextBigrams)]
    public void Analyzing_a_paragraph_again_gives_the_terms_and_positions_the_index_holds(string field)
    {
        var snapshot = IndexSnapshot.Open(index.IndexFolder, new EngineOptions());
        try
        {
            var indexed = IndexedPositions(snapshot.Reader, field);
            Assert.Equal(snapshot.Reader.NumDocs, indexed.Count);
            foreach (var (doc, terms) in indexed)
            {
                string text = ParagraphRecord.Read(snapshot.Reader, doc).Text;
                var analyzed = MatchLocator.Occurrences(snapshot.Analysis, field, text, _ => true)
                    .ToDictionary(entry => entry.Key, entry => entry.Value.Keys.Order().ToArray());
                Assert.Equal(terms.Keys.Order(StringComparer.Ordinal), analyzed.Keys.Order(StringComparer.Ordinal));
                foreach (var (term, positions) in terms)
                    Assert.Equal(positions.Order(), analyzed[term]);
                Assert.All(MatchLocator.Occurrences(snapshot.Analysis, field, text, _ => true).Values.SelectMany(p => p.Values),
                    span => Assert.InRange(span.End, span.Start + 1, text.Length));
            }
        }
        finally
        {
            snapshot.Release();
        }
    }

    /// <summary>
    /// A query term that is one run of Han characters is highlighted through its bigrams alone (the compiler leaves its
    /// word phrase out of the targets, sparing the shown paragraphs word segmentation): that is exact only if the
    /// bigrams are found wherever the word field has the word. Every Han word of every seed paragraph is checked.
    /// </summary>
    [Fact]
    public void A_Han_word_is_highlighted_through_its_bigrams_wherever_the_word_field_has_it()
    {
        var snapshot = IndexSnapshot.Open(index.IndexFolder, new EngineOptions());
        try
        {
            int checkedWords = 0;
            for (int doc = 0; doc < snapshot.Reader.MaxDoc; doc++)
            {
                string text = ParagraphRecord.Read(snapshot.Reader, doc).Text;
                var hanWords = MatchLocator.Occurrences(snapshot.Analysis, ParagraphFields.Text, text, _ => true)
                    .Where(entry => Regex.IsMatch(entry.Key, @"^\p{IsCJKUnifiedIdeographs}+$"));
                foreach (var (word, occurrences) in hanWords)
                {
                    var targets = snapshot.Compiler.Compile(word).First().Targets;
                    Assert.DoesNotContain(targets, target => target.Terms[0].Field == ParagraphFields.Text);
                    var highlighted = MatchLocator.Locate(snapshot.Analysis, [text], targets)[0];
                    Assert.All(occurrences.Values, span => Assert.Contains(highlighted, h => h.Start <= span.Start && span.End <= h.End));
                    checkedWords++;
                }
            }
            Assert.True(checkedWords > 1000, $"only {checkedWords} words checked");
        }
        finally
        {
            snapshot.Release();
        }
    }

    /// <summary>Document → term → positions, as the index's postings hold them.</summary>
    private static Dictionary<int, Dictionary<string, List<int>>> IndexedPositions(IndexReader reader, string field)
    {
        var byDoc = new Dictionary<int, Dictionary<string, List<int>>>();
        foreach (var leaf in reader.Leaves)
        {
            var terms = leaf.AtomicReader.GetTerms(field)?.GetEnumerator();
            while (terms is not null && terms.MoveNext())
            {
                var postings = terms.DocsAndPositions(leaf.AtomicReader.LiveDocs, null)!;
                while (postings.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
                {
                    int doc = leaf.DocBase + postings.DocID;
                    if (!byDoc.TryGetValue(doc, out var ofDoc))
                        byDoc[doc] = ofDoc = [];
                    var positions = ofDoc[terms.Term.Utf8ToString()] = [];
                    for (int i = postings.Freq; i > 0; i--)
                        positions.Add(postings.NextPosition());
                }
            }
        }
        return byDoc;
    }
}
