using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace EssaySearch.Searching;

/// <summary>
/// The subject of a question that asks what something is: what <see cref="Word"/> matches, scored as it scores, times
/// <see cref="Definitions.Weight"/> in a paragraph that defines the subject (<see cref="Definitions"/>), read from the word
/// field's positions: a defining word right after the subject where the subject stands in the paragraph's first
/// <see cref="Definitions.Lead"/> positions (定投是…, BOX 是…), or a marking word before it anywhere, touching or one
/// position apart (所谓康波, 所谓的定投, 所谓“长期”). Only the paragraphs the word matches are looked at, in document
/// order: the subject's positions are read there, the defining words' from <see cref="DefiningPositions"/>, and the marking
/// words' where the paragraph has one.
/// </summary>
internal sealed class DefinedQuery : Query
{
    /// <param name="word">The subject word's ways to match in the text, as one query.</param>
    /// <param name="subject">The subject word's tokens in the word field.</param>
    /// <param name="positions">Where each of them stands, relative to the first, at 0.</param>
    /// <param name="after">Where the words that define what they follow stand in the paragraphs' openings; null when the word is
    /// not the subject's last.</param>
    /// <param name="before">Tokens of the word field that mark what follows as defined, each with its lookup in the index searched;
    /// empty when the word is not the subject's first.</param>
    public DefinedQuery(Query word, Term[] subject, int[] positions, DefiningPositions? after, (Term Term, TermContext Context)[] before)
    {
        (Word, Subject, Positions, After, Before) = (word, subject, positions, after, before);
    }

    /// <summary>The subject word's ways to match.</summary>
    public Query Word { get; }

    private Term[] Subject { get; }
    private int[] Positions { get; }
    private DefiningPositions? After { get; }
    private (Term Term, TermContext Context)[] Before { get; }

    // Where the subject's terms are looked up and every term's postings opened, for one search (TermLookup); null when the
    // query was not prepared by one: each segment's terms are then sought by the scorer itself.
    private TermLookup? lookup;

    /// <summary>This query with <paramref name="word"/> for its word, its terms looked up and opened with <paramref name="lookup"/>.</summary>
    public DefinedQuery With(Query word, TermLookup lookup) =>
        new(word, Subject, Positions, After, Before) { Boost = Boost, lookup = lookup };

    public override Query Rewrite(IndexReader reader)
    {
        var word = Word.Rewrite(reader);
        return ReferenceEquals(word, Word) ? this : new DefinedQuery(word, Subject, Positions, After, Before) { Boost = Boost, lookup = lookup };
    }

    public override Weight CreateWeight(IndexSearcher searcher) => new DefinedWeight(this, searcher);

    public override void ExtractTerms(ISet<Term> terms) => Word.ExtractTerms(terms);

    public override string ToString(string field) =>
        $"defined({Word.ToString(field)}; {string.Join(' ', Before.Select(word => word.Term.Text))} _{(After is null ? "" : " …")})";

    public override bool Equals(object? other) =>
        other is DefinedQuery defined && defined.Boost == Boost && defined.Word.Equals(Word)
        && defined.Subject.SequenceEqual(Subject) && defined.Positions.SequenceEqual(Positions) && ReferenceEquals(defined.After, After)
        && defined.Before.Select(word => word.Term).SequenceEqual(Before.Select(word => word.Term));

    public override int GetHashCode() => HashCode.Combine(Word, Boost, Subject.Length, After is null, Before.Length);

    private sealed class DefinedWeight(DefinedQuery query, IndexSearcher searcher) : Weight
    {
        private readonly Weight word = query.Word.CreateWeight(searcher);

        public override Query Query => query;

        public override float GetValueForNormalization() => word.GetValueForNormalization() * query.Boost * query.Boost;

        public override void Normalize(float norm, float topLevelBoost) => word.Normalize(norm, topLevelBoost * query.Boost);

        public override Scorer? GetScorer(AtomicReaderContext context, IBits acceptDocs) =>
            word.GetScorer(context, acceptDocs) is { } scorer ? new DefinedScorer(this, scorer, Definition.In(query, context, acceptDocs)) : null;

        public override Explanation Explain(AtomicReaderContext context, int doc)
        {
            var matched = word.Explain(context, doc);
            if (!matched.IsMatch || Definition.In(query, context, context.AtomicReader.LiveDocs) is not { } definition || !definition.Defines(doc))
                return matched;
            var explanation = new ComplexExplanation(true, matched.Value * Definitions.Weight, $"defined, times {Definitions.Weight}, of:");
            explanation.AddDetail(matched);
            return explanation;
        }
    }

    private sealed class DefinedScorer(Weight weight, Scorer word, Definition? definition) : Scorer(weight)
    {
        public override int DocID => word.DocID;

        public override int Freq => word.Freq;

        public override float GetScore() => definition is not null && definition.Defines(word.DocID) ? word.GetScore() * Definitions.Weight : word.GetScore();

        public override int NextDoc() => word.NextDoc();

        public override int Advance(int target) => word.Advance(target);

        public override long GetCost() => word.GetCost();
    }

    /// <summary>Whether paragraphs of one segment, asked in ascending order, define the subject.</summary>
    private sealed class Definition
    {
        private readonly AtomicReaderContext segment;
        private readonly DocsAndPositionsEnum[] subject;
        private readonly int[] offsets;
        private readonly DefiningPositions? after;
        private readonly DocsAndPositionsEnum[] before;
        // Where the subject starts in the paragraph asked last, and its tokens' positions there.
        private int[] starts = new int[8];
        private readonly int[][] positions;
        private readonly int[] counts;
        private int doc = -1;
        private bool defines;

        private Definition(AtomicReaderContext segment, DocsAndPositionsEnum[] subject, int[] offsets, DefiningPositions? after, DocsAndPositionsEnum[] before)
        {
            (this.segment, this.subject, this.offsets, this.after, this.before) = (segment, subject, offsets, after, before);
            positions = subject.Select(_ => new int[8]).ToArray();
            counts = new int[subject.Length];
        }

        /// <summary>The definitions of <paramref name="query"/>'s subject in the segment; null when the segment cannot have one.</summary>
        public static Definition? In(DefinedQuery query, AtomicReaderContext context, IBits acceptDocs)
        {
            string field = query.Subject[0].Field;
            if ((query.lookup is null ? context.AtomicReader.GetTerms(field)?.GetEnumerator() : query.lookup.Enumerator(field, context.Ord)) is not { } terms)
                return null;
            var subject = new DocsAndPositionsEnum[query.Subject.Length];
            for (int k = 0; k < subject.Length; k++)
            {
                var term = query.Subject[k];
                bool found = query.lookup is null ? terms.SeekExact(term.Bytes) : query.lookup.Context(term).Get(context.Ord) is { } state && Seek(terms, term, state);
                if (!found)
                    return null;
                subject[k] = Open(terms, term, acceptDocs);
            }
            var before = new List<DocsAndPositionsEnum>();
            foreach (var (marker, lookedUp) in query.Before)
            {
                if (lookedUp.Get(context.Ord) is { } state && Seek(terms, marker, state))
                    before.Add(Open(terms, marker, acceptDocs));
            }
            return query.After is null && before.Count == 0 ? null : new Definition(context, subject, query.Positions, query.After, [.. before]);
        }

        private static bool Seek(TermsEnum terms, Term term, TermState state)
        {
            terms.SeekExact(term.Bytes, state);
            return true;
        }

        private static DocsAndPositionsEnum Open(TermsEnum terms, Term term, IBits acceptDocs) =>
            terms.DocsAndPositions(acceptDocs, null, DocsAndPositionsFlags.NONE)
            ?? throw new InvalidOperationException($"field {term.Field} has no positions, which a definition needs");

        /// <summary>Whether paragraph <paramref name="paragraph"/> defines the subject; paragraphs are asked in ascending order.</summary>
        public bool Defines(int paragraph)
        {
            if (paragraph != doc)
                (doc, defines) = (paragraph, Find(paragraph));
            return defines;
        }

        private bool Find(int paragraph)
        {
            foreach (var postings in subject)
            {
                if (!On(postings, paragraph))
                    return false;
            }
            int count = Starts();
            // A defining word right after an occurrence of the subject that opens the paragraph.
            if (after is not null)
            {
                int end = offsets[^1] + 1;
                for (int i = 0; i < count && starts[i] < Definitions.Lead; i++)
                {
                    if (after.At(segment, paragraph, starts[i] + end))
                        return true;
                }
            }
            // A marking word before an occurrence anywhere.
            foreach (var postings in before)
            {
                if (!On(postings, paragraph))
                    continue;
                for (int n = postings.Freq; n > 0; n--)
                {
                    int position = postings.NextPosition();
                    for (int i = 0; i < count; i++)
                    {
                        if (starts[i] - position is >= 1 and <= Definitions.MarkerReach)
                            return true;
                    }
                }
            }
            return false;
        }

        /// <summary>How many times the subject starts in the paragraph its postings are on, those starts in <see cref="starts"/>.</summary>
        private int Starts()
        {
            for (int k = 0; k < subject.Length; k++)
            {
                counts[k] = subject[k].Freq;
                if (positions[k].Length < counts[k])
                    positions[k] = new int[ArrayUtil.Oversize(counts[k], sizeof(int))];
                for (int n = 0; n < counts[k]; n++)
                    positions[k][n] = subject[k].NextPosition();
            }
            if (starts.Length < counts[0])
                starts = new int[ArrayUtil.Oversize(counts[0], sizeof(int))];
            int count = 0;
            for (int n = 0; n < counts[0]; n++)
            {
                int start = positions[0][n] - offsets[0];
                bool whole = true;
                for (int k = 1; k < subject.Length && whole; k++)
                    whole = Array.BinarySearch(positions[k], 0, counts[k], start + offsets[k]) >= 0;
                if (whole)
                    starts[count++] = start;
            }
            return count;
        }

        private static bool On(DocsAndPositionsEnum postings, int paragraph) =>
            (postings.DocID < paragraph ? postings.Advance(paragraph) : postings.DocID) == paragraph;
    }
}
