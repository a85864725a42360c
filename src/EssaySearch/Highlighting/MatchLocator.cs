using Lucene.Net.Index;
using Lucene.Net.Util;

namespace EssaySearch.Highlighting;

/// <summary>
/// Finds where a paragraph's matches are, from the offsets stored in the index's postings: no text is
/// re-analyzed, so the spans are exactly the tokens that matched. A phrase yields one span from its first
/// token's start to its last token's end; overlapping and touching spans are merged.
/// </summary>
internal static class MatchLocator
{
    // A prefix such as "a*" could name thousands of terms; beyond this many the rest go unhighlighted.
    private const int MaxPrefixExpansions = 1024;

    public static IReadOnlyList<TextSpan> Locate(IndexReader reader, int docId, IReadOnlyList<MatchTarget> targets)
    {
        var leaves = reader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(docId, leaves)];
        int doc = docId - leaf.DocBase;
        var spans = new List<TextSpan>();
        foreach (var target in targets)
        {
            if (target.IsPrefix)
                AddPrefixOccurrences(leaf.AtomicReader, doc, target.Terms[0], spans);
            else
                AddPhraseOccurrences(leaf.AtomicReader, doc, target, spans);
        }
        return Merge(spans);
    }

    private static void AddPhraseOccurrences(AtomicReader reader, int doc, MatchTarget target, List<TextSpan> spans)
    {
        var occurrences = new Dictionary<int, TextSpan>[target.Terms.Length];
        for (int i = 0; i < target.Terms.Length; i++)
        {
            occurrences[i] = Occurrences(reader.GetTermPositionsEnum(target.Terms[i]), doc);
            if (occurrences[i].Count == 0)
                return;
        }
        int last = target.Terms.Length - 1;
        foreach (var (position, first) in occurrences[0])
        {
            int origin = position - target.Positions[0];
            bool all = true;
            for (int i = 1; i <= last && all; i++)
                all = occurrences[i].ContainsKey(origin + target.Positions[i]);
            if (all)
                spans.Add(new TextSpan(first.Start, Math.Max(first.End, occurrences[last][origin + target.Positions[last]].End)));
        }
    }

    private static void AddPrefixOccurrences(AtomicReader reader, int doc, Term prefix, List<TextSpan> spans)
    {
        var terms = reader.GetTerms(prefix.Field)?.GetEnumerator();
        if (terms is null || terms.SeekCeil(prefix.Bytes) == TermsEnum.SeekStatus.END)
            return;
        int expansions = 0;
        do
        {
            if (!StringHelper.StartsWith(terms.Term, prefix.Bytes) || ++expansions > MaxPrefixExpansions)
                return;
            spans.AddRange(Occurrences(terms.DocsAndPositions(null, null), doc).Values);
        }
        while (terms.MoveNext());
    }

    /// <summary>Position → offsets of one term in one document.</summary>
    private static Dictionary<int, TextSpan> Occurrences(DocsAndPositionsEnum? postings, int doc)
    {
        var found = new Dictionary<int, TextSpan>();
        if (postings is null || postings.Advance(doc) != doc)
            return found;
        for (int i = postings.Freq; i > 0; i--)
        {
            int position = postings.NextPosition();
            found[position] = new TextSpan(postings.StartOffset, postings.EndOffset);
        }
        return found;
    }

    private static List<TextSpan> Merge(List<TextSpan> spans)
    {
        spans.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        var merged = new List<TextSpan>(spans.Count);
        foreach (var span in spans)
        {
            if (merged.Count > 0 && span.Start <= merged[^1].End)
                merged[^1] = merged[^1] with { End = Math.Max(merged[^1].End, span.End) };
            else
                merged.Add(span);
        }
        return merged;
    }
}
