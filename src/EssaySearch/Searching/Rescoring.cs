using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace EssaySearch.Searching;

/// <summary>
/// A second pass over the paragraphs a query ranks first: another query's score is added to theirs, and they are ranked
/// again. Scoring that query for the first <see cref="Window"/> paragraphs only, rather than for every match, keeps a
/// rule that looks at many long postings lists (the characters of a relaxed query's words) from costing every match.
/// Lucene's <see cref="QueryRescorer"/> does the same, but breaks ties by document id rather than by essay and
/// paragraph, and fails on a segment where the second query matches nothing; hence this one.
/// </summary>
internal static class Rescoring
{
    /// <summary>How many of the first paragraphs are scored again; the rest keep their rank, after these.</summary>
    public const int Window = 100;

    /// <summary>
    /// <paramref name="top"/> (collected with its sort fields: score, essay, paragraph) with <paramref name="second"/>'s
    /// score added to each of its first <paramref name="window"/> paragraphs, ranked again by score, essay and paragraph.
    /// </summary>
    public static TopDocs AddScores(IndexSearcher searcher, Query second, TopDocs top, int window = Window)
    {
        var first = top.ScoreDocs.Take(window).Cast<FieldDoc>().ToArray();
        var weight = searcher.CreateNormalizedWeight(second);
        var leaves = searcher.IndexReader.Leaves;
        foreach (var leaf in first.GroupBy(hit => ReaderUtil.SubIndex(hit.Doc, leaves)))
        {
            var context = leaves[leaf.Key];
            if (weight.GetScorer(context, context.AtomicReader.LiveDocs) is not { } scorer)
                continue;
            foreach (var hit in leaf.OrderBy(hit => hit.Doc))
            {
                int doc = hit.Doc - context.DocBase;
                if (scorer.DocID < doc && scorer.Advance(doc) == DocIdSetIterator.NO_MORE_DOCS)
                    break;
                if (scorer.DocID == doc)
                    hit.Score += scorer.GetScore();
            }
        }
        Array.Sort(first, RankOrder);
        var hits = (ScoreDoc[])top.ScoreDocs.Clone();
        first.CopyTo(hits, 0);
        return new TopDocs(top.TotalHits, hits, hits.Length == 0 ? float.NaN : hits.Max(hit => hit.Score));
    }

    // The engine's rank order (score, then essay and paragraph), on the fields the collector filled in.
    private static readonly Comparer<FieldDoc> RankOrder = Comparer<FieldDoc>.Create((a, b) =>
    {
        int byScore = b.Score.CompareTo(a.Score);
        if (byScore != 0)
            return byScore;
        int byEssay = ((BytesRef)a.Fields[1]).CompareTo((BytesRef)b.Fields[1]);
        return byEssay != 0 ? byEssay : ((J2N.Numerics.Int32)a.Fields[2]).CompareTo((J2N.Numerics.Int32)b.Fields[2]);
    });
}
