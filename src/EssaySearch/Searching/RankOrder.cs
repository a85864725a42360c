using System.Runtime.CompilerServices;
using EssaySearch.Schema;
using Lucene.Net.Index;
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
        SortField.FIELD_SCORE, new SortField(ParagraphFields.Essay, SortFieldType.STRING), new SortField(ParagraphFields.Paragraph, new ParagraphNumbers()));

    /// <summary>The same order over hits collected by <see cref="Sort"/> with their fields filled in, for ranking them again once their scores change.</summary>
    public static Comparer<FieldDoc> OfCollected { get; } = Comparer<FieldDoc>.Create((a, b) =>
    {
        int byScore = b.Score.CompareTo(a.Score);
        if (byScore != 0)
            return byScore;
        int byEssay = ((BytesRef)a.Fields[1]).CompareTo((BytesRef)b.Fields[1]);
        return byEssay != 0 ? byEssay : ((J2N.Numerics.Int32)a.Fields[2]).CompareTo((J2N.Numerics.Int32)b.Fields[2]);
    });

    /// <summary>
    /// Orders by paragraph number as Lucene's <see cref="SortFieldType.INT32"/> comparer does, from a copy of each segment's
    /// numbers (<see cref="ParagraphFields.Paragraph"/>) made on the segment's first search and kept while it is open (4
    /// bytes a paragraph), as Lucene's field cache kept values before doc values: Lucene's comparer reads the doc value
    /// from the file at every tie, a seek and a few bytes, ~5% of a query where ties are many (bench/results/PROFILE.md).
    /// </summary>
    private sealed class ParagraphNumbers : FieldComparerSource
    {
        private static readonly ConditionalWeakTable<object, int[]> BySegment = new();

        public override FieldComparer NewComparer(string fieldName, int numHits, int sortPos, bool reversed) => new Comparer(numHits);

        private static int[] Of(AtomicReader segment) => BySegment.GetValue(segment.CoreCacheKey, _ =>
        {
            var numbers = new int[segment.MaxDoc];
            if (segment.GetNumericDocValues(ParagraphFields.Paragraph) is { } values)
                for (int doc = 0; doc < numbers.Length; doc++)
                    numbers[doc] = (int)values.Get(doc);
            return numbers;
        });

        private sealed class Comparer(int hits) : FieldComparer<J2N.Numerics.Int32>
        {
            private readonly int[] kept = new int[hits];
            private int[] segment = [];
            private int bottom, top;

            public override int Compare(int slot1, int slot2) => kept[slot1].CompareTo(kept[slot2]);
            public override void SetBottom(int slot) => bottom = kept[slot];
            public override void SetTopValue(J2N.Numerics.Int32 value) => top = value.ToInt32();
            public override int CompareBottom(int doc) => bottom.CompareTo(segment[doc]);
            public override int CompareTop(int doc) => top.CompareTo(segment[doc]);
            public override void Copy(int slot, int doc) => kept[slot] = segment[doc];
            public override J2N.Numerics.Int32 this[int slot] => J2N.Numerics.Int32.GetInstance(kept[slot]);

            public override FieldComparer SetNextReader(AtomicReaderContext context)
            {
                segment = Of(context.AtomicReader);
                return this;
            }
        }
    }
}
