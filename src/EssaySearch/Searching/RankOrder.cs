using EssaySearch.Schema;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace EssaySearch.Searching;

/// <summary>
/// The engine's rank order: score, then essay (<see cref="EssayOrder"/>) and paragraph. Equal scores fall back on essay and
/// paragraph, not on document ids: an updated index holds an essay's new paragraphs after every other document, and must
/// rank as a full build of the same files does. Where the documents lie in that order (<see cref="IndexManifest.DocumentsInRankOrder"/>),
/// their ids give it, and Lucene's collector by score and document collects without reading the essays and paragraphs of ties.
/// </summary>
internal sealed class RankOrder
{
    private readonly bool byDocument;

    private RankOrder(bool byDocument) => this.byDocument = byDocument;

    /// <summary>The order of an index whose manifest is <paramref name="manifest"/>.</summary>
    public static RankOrder Of(IndexManifest manifest) => manifest.DocumentsInRankOrder ? ByDocument : ByFields;

    private static readonly RankOrder ByDocument = new(byDocument: true), ByFields = new(byDocument: false);

    /// <summary>The order for Lucene's collector, by the sort fields, which it can fill in for each hit kept (<see cref="FieldDoc.Fields"/>).</summary>
    public static Sort Sort { get; } = new(
        SortField.FIELD_SCORE, new SortField(ParagraphFields.Essay, SortFieldType.STRING), new SortField(ParagraphFields.Paragraph, SortFieldType.INT32));

    /// <summary>A collector of the first <paramref name="wanted"/> hits in this order, scored in document order.</summary>
    public ITopDocsCollector Collector(int wanted) => byDocument
        ? TopScoreDocCollector.Create(wanted, docsScoredInOrder: true)
        : TopFieldCollector.Create(Sort, wanted, fillFields: true, trackDocScores: true, trackMaxScore: false, docsScoredInOrder: true);

    /// <summary>The same order over hits gathered by <see cref="Collector"/>, for ranking them again once their scores change.</summary>
    public IComparer<ScoreDoc> OfCollected => byDocument ? ByScoreThenDocument : ByScoreThenFields;

    private static readonly Comparer<ScoreDoc> ByScoreThenDocument = Comparer<ScoreDoc>.Create((a, b) =>
    {
        int byScore = b.Score.CompareTo(a.Score);
        return byScore != 0 ? byScore : a.Doc.CompareTo(b.Doc);
    });

    private static readonly Comparer<ScoreDoc> ByScoreThenFields = Comparer<ScoreDoc>.Create((x, y) =>
    {
        var (a, b) = ((FieldDoc)x, (FieldDoc)y);
        int byScore = b.Score.CompareTo(a.Score);
        if (byScore != 0)
            return byScore;
        int byEssay = ((BytesRef)a.Fields[1]).CompareTo((BytesRef)b.Fields[1]);
        return byEssay != 0 ? byEssay : ((J2N.Numerics.Int32)a.Fields[2]).CompareTo((J2N.Numerics.Int32)b.Fields[2]);
    });
}
