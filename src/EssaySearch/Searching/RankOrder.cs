using EssaySearch.Schema;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace EssaySearch.Searching;

/// <summary>
/// The engine's rank order: score, then essay and paragraph. Equal scores fall back on essay and paragraph, not on
/// document ids: an updated index holds an essay's new paragraphs after every other document, and must rank as a full
/// build of the same files does.
/// </summary>
internal static class RankOrder
{
    /// <summary>The order for Lucene's collector, which then fills in each kept hit's essay and paragraph (its sort fields).</summary>
    public static Sort Sort { get; } = new(
        SortField.FIELD_SCORE, new SortField(ParagraphFields.Essay, SortFieldType.STRING), new SortField(ParagraphFields.Paragraph, SortFieldType.INT32));

    /// <summary>The same order over hits collected by <see cref="Sort"/> with their fields filled in, for ranking them again once their scores change.</summary>
    public static Comparer<FieldDoc> OfCollected { get; } = Comparer<FieldDoc>.Create((a, b) =>
    {
        int byScore = b.Score.CompareTo(a.Score);
        if (byScore != 0)
            return byScore;
        int byEssay = ((BytesRef)a.Fields[1]).CompareTo((BytesRef)b.Fields[1]);
        return byEssay != 0 ? byEssay : ((J2N.Numerics.Int32)a.Fields[2]).CompareTo((J2N.Numerics.Int32)b.Fields[2]);
    });
}
