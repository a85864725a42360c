using EssaySearch.Analysis;
using EssaySearch.Indexing;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace EssaySearch.Highlighting;

/// <summary>
/// Finds where a paragraph's matches are, from the positions stored in the index's postings: a word's offsets are
/// stored with it, a bigram's are found by running the bigram analysis over the paragraph again, exactly as it was
/// indexed. Either way the spans are exactly the tokens that matched. A phrase yields one span from its first token's
/// start to its last token's end; overlapping and touching spans are merged.
/// </summary>
internal static class MatchLocator
{
    // A prefix such as "a*" could name thousands of terms; beyond this many the rest go unhighlighted.
    private const int MaxPrefixExpansions = 1024;

    private static readonly BigramAnalyzer Bigrams = new();

    /// <summary>The merged match spans of each of <paramref name="docIds"/>, whose texts are <paramref name="texts"/>, in the same order.</summary>
    /// <remarks>Each term's postings are read once for all the documents (in ascending order), not looked up per hit.</remarks>
    public static IReadOnlyList<TextSpan>[] Locate(IndexReader reader, IReadOnlyList<int> docIds, IReadOnlyList<string> texts, IReadOnlyList<MatchTarget> targets)
    {
        var hits = texts.Select(text => new Hit(text)).ToArray();
        var leaves = reader.Leaves;
        var byLeaf = Enumerable.Range(0, docIds.Count)
            .OrderBy(i => docIds[i])
            .GroupBy(i => ReaderUtil.SubIndex(docIds[i], leaves));
        foreach (var group in byLeaf)
        {
            var leaf = leaves[group.Key];
            var leafHits = group.Select(i => (Doc: docIds[i] - leaf.DocBase, Hit: hits[i])).ToArray();
            foreach (var target in targets)
            {
                if (target.IsPrefix)
                    AddPrefixOccurrences(leaf.AtomicReader, leafHits, target.Terms[0]);
                else
                    AddPhraseOccurrences(leaf.AtomicReader, leafHits, target);
            }
        }
        return hits.Select(hit => Merge(hit.Spans.Concat(hit.BigramSpans()).ToList())).ToArray();
    }

    private static void AddPhraseOccurrences(AtomicReader reader, (int Doc, Hit Hit)[] hits, MatchTarget target)
    {
        var occurrences = target.Terms.Select(term => Occurrences(reader.GetTermPositionsEnum(term), hits)).ToArray();
        int last = target.Terms.Length - 1;
        int lastPosition = target.Positions[last] - target.Positions[0];
        bool bigrams = target.Terms[0].Field == ParagraphFields.TextBigrams;
        int lastLength = bigrams ? target.Terms[last].Text.Length : 0;
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
                if (!all)
                    continue;
                if (bigrams)
                    hits[h].Hit.BigramMatches.Add(new BigramMatch(position, position + lastPosition, lastLength));
                else
                    hits[h].Hit.Spans.Add(new TextSpan(first.Start, Math.Max(first.End, occurrences[last][h]![origin + target.Positions[last]].End)));
            }
        }
    }

    private static void AddPrefixOccurrences(AtomicReader reader, (int Doc, Hit Hit)[] hits, Term prefix)
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
                    hits[h].Hit.Spans.AddRange(positions.Values);
        }
        while (terms.MoveNext());
    }

    /// <summary>
    /// For each hit (ascending documents), position → offsets of the term in it (in the word field; the bigram field
    /// stores none); <c>null</c> where it does not occur.
    /// </summary>
    private static Dictionary<int, TextSpan>?[] Occurrences(DocsAndPositionsEnum? postings, (int Doc, Hit Hit)[] hits)
    {
        var found = new Dictionary<int, TextSpan>?[hits.Length];
        if (postings is null)
            return found;
        int current = -1;
        for (int h = 0; h < hits.Length; h++)
        {
            int doc = hits[h].Doc;
            if (current < doc)
                current = postings.Advance(doc);
            if (current == DocIdSetIterator.NO_MORE_DOCS)
                break;
            if (current != doc)
                continue;
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

    /// <summary>A paragraph being highlighted: its text and the matches found so far.</summary>
    private sealed class Hit(string text)
    {
        /// <summary>Matches in the word field, by their offsets.</summary>
        public List<TextSpan> Spans { get; } = [];

        /// <summary>Matches in the bigram field, by their positions.</summary>
        public List<BigramMatch> BigramMatches { get; } = [];

        /// <summary>
        /// The offsets of <see cref="BigramMatches"/>, from one pass of the bigram analysis over the text, as far as the
        /// last position they need, that keeps only those positions (a paragraph can run to millions of them).
        /// </summary>
        /// <remarks>
        /// The first token at each position is a single character (or a token of another script); a bigram is stacked
        /// on its first character's position and ends where the next position's token ends. A match's last term is a
        /// bigram exactly when it is longer than that position's first token.
        /// </remarks>
        public IEnumerable<TextSpan> BigramSpans()
        {
            if (BigramMatches.Count == 0)
                return [];
            var needed = BigramMatches.SelectMany(m => new[] { m.First, m.Last, m.Last + 1 }).ToHashSet();
            int lastNeeded = needed.Max();
            var tokens = new Dictionary<int, (int Start, int End, int Length)>(needed.Count);
            using (var stream = Bigrams.GetTokenStream(ParagraphFields.TextBigrams, text))
            {
                var term = stream.AddAttribute<ICharTermAttribute>();
                var offset = stream.AddAttribute<IOffsetAttribute>();
                var increment = stream.AddAttribute<IPositionIncrementAttribute>();
                stream.Reset();
                int position = -1;
                while (position < lastNeeded && stream.IncrementToken())
                {
                    if (increment.PositionIncrement == 0)
                        continue; // a bigram, on its first character's position
                    position += increment.PositionIncrement;
                    if (needed.Contains(position))
                        tokens[position] = (offset.StartOffset, offset.EndOffset, term.Length);
                }
                stream.End();
            }
            return BigramMatches.Select(m =>
            {
                var last = tokens[m.Last];
                return new TextSpan(tokens[m.First].Start, m.LastLength == last.Length ? last.End : tokens[m.Last + 1].End);
            });
        }
    }

    /// <summary>A phrase matched in the bigram field: its first and last terms' positions, and the last term's length.</summary>
    private readonly record struct BigramMatch(int First, int Last, int LastLength);
}
