using Lucene.Net.Index;
using Lucene.Net.Search;

namespace EssaySearch.Searching;

/// <summary>
/// The characters of a relaxed query's Han words, scored in a second pass (<see cref="Rescoring"/>): in a paragraph
/// without <see cref="WordCharacters.Whole"/>, each of its <see cref="WordCharacters.Characters"/> that the paragraph
/// has adds its score. It neither adds nor removes a paragraph.
/// </summary>
/// <param name="Words">One entry per Han word of two or more characters.</param>
internal sealed record CharacterScores(IReadOnlyList<WordCharacters> Words)
{
    /// <summary>The same rule, each of its queries passed through <paramref name="prepare"/> (<see cref="TermLookup.Prepare"/>).</summary>
    public CharacterScores Prepared(Func<Query, Query> prepare) =>
        new(Words.Select(word => new WordCharacters(prepare(word.Whole), word.Characters.Select(prepare).ToArray())).ToArray());
}

/// <summary>One Han word of a relaxed query: the word whole, and its characters, each weighed as it is to count.</summary>
internal sealed record WordCharacters(Query Whole, IReadOnlyList<Query> Characters);

/// <summary>
/// A second pass over the paragraphs a relaxed query ranks first: the score of its words' characters
/// (<see cref="CharacterScores"/>) is added to theirs, and they are ranked again. Scoring the characters for the first
/// <see cref="Window"/> paragraphs only, rather than for every match, keeps many long postings lists (a character is
/// in most paragraphs) from costing every match. Each character is scored by its own Lucene scorer, advanced through
/// the window in document order: a Boolean query of the same rule scores alike (<c>RescoringTests</c>), but building
/// its scorers for every word and segment cost more than the scoring itself. Lucene's <see cref="QueryRescorer"/>
/// breaks ties by document id rather than by essay and paragraph, and fails on a segment where the second query matches
/// nothing; hence this one.
/// </summary>
internal static class Rescoring
{
    /// <summary>How many of the first paragraphs are scored again; the rest keep their rank, after these.</summary>
    public const int Window = 100;

    /// <summary>
    /// <paramref name="top"/> (gathered by <paramref name="order"/>'s collector) with the characters' score added to each of
    /// its first <paramref name="window"/> paragraphs, ranked again in <paramref name="order"/>. The
    /// searcher's similarity must not normalize a query's weights (<see cref="RelaxedSimilarity"/>): each character is
    /// weighed on its own, as it would be inside one query.
    /// </summary>
    public static TopDocs AddScores(IndexSearcher searcher, CharacterScores characters, TopDocs top, RankOrder order, int window = Window)
    {
        var first = top.ScoreDocs.Take(window).ToArray();
        var words = characters.Words
            .Select(word => (Whole: searcher.CreateNormalizedWeight(word.Whole), Characters: word.Characters.Select(searcher.CreateNormalizedWeight).ToArray()))
            .ToArray();
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
            for (int i = 0; i < hits.Length; i++)
                hits[i].Score += added[i];
        }
        Array.Sort(first, order.OfCollected);
        var ranked = (ScoreDoc[])top.ScoreDocs.Clone();
        first.CopyTo(ranked, 0);
        return new TopDocs(top.TotalHits, ranked, ranked.Length == 0 ? float.NaN : ranked.Max(hit => hit.Score));
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
