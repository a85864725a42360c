using Lucene.Net.Index;
using Lucene.Net.Search;

namespace EssaySearch.Searching;

/// <summary>
/// What the second pass of a relaxed query (<see cref="Rescoring"/>) adds to the paragraphs its words rank first; it
/// neither adds nor removes a paragraph. In a paragraph without a word's <see cref="WordCharacters.Whole"/>, each of its
/// <see cref="WordCharacters.Characters"/> that the paragraph has adds its score; and words near each other add their
/// nearness (<see cref="Nearness"/>).
/// </summary>
/// <param name="Characters">One entry per Han word of two or more characters.</param>
/// <param name="Nearby">The words the bigram field can place, each as its tokens at consecutive positions.</param>
internal sealed record SecondPass(IReadOnlyList<WordCharacters> Characters, IReadOnlyList<Term[]> Nearby);

/// <summary>One Han word of a relaxed query: the word whole, and its characters, each weighed as it is to count.</summary>
internal sealed record WordCharacters(Query Whole, IReadOnlyList<Query> Characters);

/// <summary>
/// A second pass over the paragraphs a relaxed query ranks first: the score of its words' characters and of their
/// nearness (<see cref="SecondPass"/>) is added to theirs, and they are ranked again. Scoring the characters for the first
/// <see cref="Window"/> paragraphs only, rather than for every match, keeps many long postings lists (a character is
/// in most paragraphs) from costing every match; nearness reads positions, for these paragraphs alone. Each character
/// is scored by its own Lucene scorer, advanced through the window in document order: a Boolean query of the same
/// rule scores alike (<c>RescoringTests</c>), but building its scorers for every word and segment cost more than the
/// scoring itself. Lucene's <see cref="QueryRescorer"/> breaks ties by document id rather than by essay and paragraph,
/// and fails on a segment where the second query matches nothing; hence this one.
/// </summary>
internal static class Rescoring
{
    /// <summary>
    /// How many of the first paragraphs are scored again; the rest keep their rank, after these. Fifty, not a hundred:
    /// on manpages-zh the top 10 of 19 of the 20 benchmark questions were the same either way (the 20th: one paragraph
    /// of ten), the question set ranks as before, and the second pass costs about half (README, "Cost of relaxing").
    /// </summary>
    public const int Window = 50;

    /// <summary>
    /// <paramref name="top"/> (gathered by <paramref name="order"/>'s collector) with the second pass's score added to each of
    /// its first <paramref name="window"/> paragraphs, ranked again in <paramref name="order"/>; terms are looked up in
    /// <paramref name="lookup"/>. The searcher's similarity must not normalize a query's weights
    /// (<see cref="RelaxedSimilarity"/>): each character is weighed on its own, as it would be inside one query.
    /// </summary>
    public static TopDocs AddScores(IndexSearcher searcher, TermLookup lookup, SecondPass pass, TopDocs top, RankOrder order, int window = Window)
    {
        var first = top.ScoreDocs.Take(window).ToArray();
        var words = pass.Characters
            .Select(word => (Whole: Weigh(word.Whole), Characters: word.Characters.Select(Weigh).ToArray()))
            .ToArray();
        var nearness = new Nearness(searcher, lookup, pass.Nearby);
        var leaves = searcher.IndexReader.Leaves;
        foreach (var leaf in first.GroupBy(hit => ReaderUtil.SubIndex(hit.Doc, leaves)))
        {
            var context = leaves[leaf.Key];
            var live = context.AtomicReader.LiveDocs;
            var hits = leaf.OrderBy(hit => hit.Doc).ToArray();
            var docs = hits.Select(hit => hit.Doc - context.DocBase).ToArray();
            var added = new float[hits.Length];
            foreach (var (whole, ofWord) in words)
            {
                var lacking = Lacking(whole.GetScorer(context, live), docs);
                var scores = new float[hits.Length];
                foreach (var character in ofWord)
                {
                    if (character.GetScorer(context, live) is not { } scorer)
                        continue;
                    for (int i = 0; i < docs.Length; i++)
                    {
                        if (!lacking[i])
                            continue;
                        if (scorer.DocID < docs[i] && scorer.Advance(docs[i]) == DocIdSetIterator.NO_MORE_DOCS)
                            break;
                        if (scorer.DocID == docs[i])
                            scores[i] += scorer.GetScore();
                    }
                }
                for (int i = 0; i < hits.Length; i++)
                    added[i] += scores[i];
            }
            var near = nearness.Scores(context, docs);
            var weights = new CodeParagraphs(context.AtomicReader); // as the collector weighed the words' scores
            for (int i = 0; i < hits.Length; i++)
                hits[i].Score += (added[i] + near[i]) * weights.WeightOf(docs[i]);
        }
        Array.Sort(first, order.OfCollected);
        var ranked = (ScoreDoc[])top.ScoreDocs.Clone();
        first.CopyTo(ranked, 0);
        return new TopDocs(top.TotalHits, ranked, ranked.Length == 0 ? float.NaN : ranked.Max(hit => hit.Score));

        Weight Weigh(Query query) => searcher.CreateNormalizedWeight(lookup.Prepare(query));
    }

    /// <summary>Which of <paramref name="docs"/> (ascending) <paramref name="word"/>'s scorer does not match.</summary>
    private static bool[] Lacking(Scorer? word, int[] docs)
    {
        var lacking = new bool[docs.Length];
        for (int i = 0; i < docs.Length; i++)
        {
            if (word is not null && word.DocID < docs[i])
                word.Advance(docs[i]);
            lacking[i] = word is null || word.DocID != docs[i];
        }
        return lacking;
    }
}
