using System.Runtime.CompilerServices;
using EssaySearch.Schema;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace EssaySearch.Searching;

/// <summary>
/// How a relaxed query weighs a code block (<see cref="ParagraphFields.Code"/>) against prose: its whole score, the words'
/// and the second pass's (<see cref="Rescoring"/>), times <see cref="Weight"/>. Questions are asked in prose, and the relaxed
/// ranking, which leaves length out, let long code win them: a class's source names its subject in every other comment and
/// identifier (线程池的核心参数有哪些 ranked 3,616 characters of ThreadPoolExecutor first on JavaGuide's docs, the answer third).
/// A strict query ranks code as any paragraph: what it finds has every word as typed.
/// </summary>
internal sealed class CodeParagraphs(AtomicReader segment)
{
    /// <summary>What a code block's relaxed score is multiplied by (README, "How a query is matched", for how it was chosen).</summary>
    public const float Weight = 0.5f;

    // Each segment's code blocks, read from its doc values once, while it is open: reading the doc value of every match
    // cost questions measurably (README, "How a query is matched"), and most segments of prose hold none.
    private static readonly ConditionalWeakTable<object, FixedBitSet?> Segments = [];

    private readonly FixedBitSet? code = Segments.GetValue(segment.CoreCacheKey, _ => Read(segment));

    /// <summary>Whether the segment has no code block: its scores are as they are.</summary>
    public bool None => code is null;

    /// <summary>What the relaxed score of the segment's document <paramref name="doc"/> is multiplied by.</summary>
    public float WeightOf(int doc) => code is not null && code.Get(doc) ? Weight : 1f;

    private static FixedBitSet? Read(AtomicReader segment)
    {
        var values = segment.GetNumericDocValues(ParagraphFields.Code)
            ?? throw new CorruptIndexException($"segment {segment} has no {ParagraphFields.Code} values");
        FixedBitSet? code = null;
        for (int doc = 0; doc < segment.MaxDoc; doc++)
        {
            if (values.Get(doc) == 1)
                (code ??= new FixedBitSet(segment.MaxDoc)).Set(doc);
        }
        return code;
    }

    /// <summary>Hands <paramref name="collector"/> each paragraph with its score weighed.</summary>
    public static ICollector Weighing(ICollector collector) => new WeighingCollector(collector);

    private sealed class WeighingCollector(ICollector collector) : ICollector
    {
        private CodeParagraphs? weights;
        private WeighedScorer? scorer;

        public bool AcceptsDocsOutOfOrder => collector.AcceptsDocsOutOfOrder;

        public void SetNextReader(AtomicReaderContext context)
        {
            weights = new CodeParagraphs(context.AtomicReader);
            collector.SetNextReader(context);
        }

        public void SetScorer(Scorer scorer)
        {
            this.scorer = weights!.None ? null : new WeighedScorer(scorer);
            collector.SetScorer(this.scorer ?? scorer);
        }

        public void Collect(int doc)
        {
            if (scorer is not null)
                scorer.Factor = weights!.WeightOf(doc);
            collector.Collect(doc);
        }
    }

    /// <summary>The scorer being collected from, its score times the weight of the paragraph collected.</summary>
    private sealed class WeighedScorer(Scorer scorer) : Scorer(scorer.Weight)
    {
        public float Factor { get; set; } = 1f;

        public override float GetScore() => scorer.GetScore() * Factor;
        public override int DocID => scorer.DocID;
        public override int Freq => scorer.Freq;
        public override int NextDoc() => scorer.NextDoc();
        public override int Advance(int target) => scorer.Advance(target);
        public override long GetCost() => scorer.GetCost();
    }
}
