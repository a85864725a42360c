using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using EssaySearch.Schema;

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

    /// <summary>The merged match spans of each of <paramref name="docIds"/>, in the same order.</summary>
    /// <remarks>Each term's postings are read once for all the documents (in ascending order), not looked up per hit.</remarks>
    public static IReadOnlyList<TextSpan>[] Locate(IndexReader reader, IReadOnlyList<int> docIds, IReadOnlyList<MatchTarget> targets)
    {
        var spans = docIds.Select(_ => new List<TextSpan>()).ToArray();
        var leaves = reader.Leaves;
        var byLeaf = Enumerable.Range(0, docIds.Count)
            .OrderBy(i => docIds[i])
            .GroupBy(i => ReaderUtil.SubIndex(docIds[i], leaves));
        foreach (var group in byLeaf)
        {
            var leaf = leaves[group.Key];
            var hits = group.Select(i => (Doc: docIds[i] - leaf.DocBase, Spans: spans[i])).ToArray();
            var postings = new SegmentPostings(leaf.AtomicReader);
            var without = new Dictionary<MatchTarget, (int Doc, List<TextSpan> Spans)[]>(ReferenceEqualityComparer.Instance);
            foreach (var target in targets)
            {
                var where = target.Unless is not { } unless ? hits
                    : without.TryGetValue(unless, out var known) ? known
                    : without[unless] = Without(postings, hits, unless);
                if (target.IsPrefix)
                    AddPrefixOccurrences(leaf.AtomicReader, where, target.Terms[0]);
                else
                    AddPhraseOccurrences(postings, where, target);
            }
        }
        return spans.Select(Merge).ToArray();
    }

    /// <summary>The hits where <paramref name="unless"/> does not occur.</summary>
    private static (int Doc, List<TextSpan> Spans)[] Without(SegmentPostings postings, (int Doc, List<TextSpan> Spans)[] hits, MatchTarget unless)
    {
        var probe = hits.Select(hit => (hit.Doc, Spans: new List<TextSpan>())).ToArray();
        AddPhraseOccurrences(postings, probe, unless);
        return hits.Where((_, h) => probe[h].Spans.Count == 0).ToArray();
    }

    private static void AddPhraseOccurrences(SegmentPostings postings, (int Doc, List<TextSpan> Spans)[] hits, MatchTarget target)
    {
        var occurrences = target.Terms.Select(term => Occurrences(postings.Positions(term), hits)).ToArray();
        int last = target.Terms.Length - 1;
        for (int h = 0; h < hits.Length; h++)
        {
            if (occurrences.Any(o => o[h] is null))
                continue;
            foreach (var (position, first) in occurrences[0][h]!)
            {
                int origin = position - target.Positions[0];
                bool all = true;
                for (int i = 1; i <= last && all; i++)
                    all = occurrences[i][h]!.ContainsKey(origin + target.Positions[i]);
                if (all)
                    hits[h].Spans.Add(new TextSpan(first.Start, Math.Max(first.End, occurrences[last][h]![origin + target.Positions[last]].End)));
            }
        }
    }

    private static void AddPrefixOccurrences(AtomicReader reader, (int Doc, List<TextSpan> Spans)[] hits, Term prefix)
    {
        var terms = reader.GetTerms(prefix.Field)?.GetEnumerator();
        if (terms is null || terms.SeekCeil(prefix.Bytes) == TermsEnum.SeekStatus.END)
            return;
        int expansions = 0;
        do
        {
            if (!StringHelper.StartsWith(terms.Term, prefix.Bytes) || ++expansions > MaxPrefixExpansions)
                return;
            var found = Occurrences(terms.DocsAndPositions(null, null), hits);
            for (int h = 0; h < hits.Length; h++)
                if (found[h] is { } positions)
                    hits[h].Spans.AddRange(positions.Values);
        }
        while (terms.MoveNext());
    }

    /// <summary>For each hit (ascending documents), position → offsets of the term in it; <c>null</c> where it does not occur.</summary>
    private static Dictionary<int, TextSpan>?[] Occurrences(DocsAndPositionsEnum? postings, (int Doc, List<TextSpan> Spans)[] hits)
    {
        var found = new Dictionary<int, TextSpan>?[hits.Length];
        if (postings is null)
            return found;
        foreach (int h in postings.Holding(hits.Select(hit => hit.Doc).ToArray()))
        {
            var positions = new Dictionary<int, TextSpan>();
            for (int i = postings.Freq; i > 0; i--)
            {
                int position = postings.NextPosition();
                positions[position] = new TextSpan(postings.StartOffset, postings.EndOffset);
            }
            found[h] = positions;
        }
        return found;
    }

    /// <summary>
    /// The positions of terms in one segment, read through one terms enumerator and one postings enumerator per field,
    /// reused from term to term: the reader's own lookup allocates both, with their buffers, for every term. Each
    /// term's postings must be read before the next term's are asked for.
    /// </summary>
    private sealed class SegmentPostings(AtomicReader reader)
    {
        private readonly Dictionary<string, (TermsEnum? Terms, DocsAndPositionsEnum? Positions)> byField = [];

        /// <summary>As <see cref="AtomicReader.GetTermPositionsEnum"/>: <c>null</c> when the segment lacks the term.</summary>
        public DocsAndPositionsEnum? Positions(Term term)
        {
            if (!byField.TryGetValue(term.Field, out var field))
                byField[term.Field] = field = (reader.GetTerms(term.Field)?.GetEnumerator(), null);
            if (field.Terms is null || !field.Terms.SeekExact(term.Bytes))
                return null;
            var positions = field.Terms.DocsAndPositions(reader.LiveDocs, field.Positions);
            byField[term.Field] = (field.Terms, positions);
            return positions;
        }
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
