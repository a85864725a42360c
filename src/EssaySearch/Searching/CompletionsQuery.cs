using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace EssaySearch.Searching;

/// <summary>
/// The words a prefix starts, longer than it (<c>javascript</c> for <c>javas</c>), ranked as words are: each completion
/// scores a paragraph by TF-IDF (how often the paragraph has it, how long the paragraph is, how rare the word is), weighed
/// by its share of the prefix's words in the paragraphs (how likely it is the word being typed) and by this query's boost;
/// a paragraph with several completions has the sum. Rewritten against the index into a Boolean query of the
/// <see cref="Scored"/> completions in the most paragraphs, each a <see cref="TermQuery"/>, and, when there are more, one
/// constant-score match of all the others, so that every paragraph with a completion matches, as Lucene's
/// <see cref="PrefixQuery"/> matched them. The prefix itself is not a completion: the compiler searches the word as typed
/// beside it, weighed as a word (<see cref="QueryCompiler"/>).
/// </summary>
internal sealed class CompletionsQuery(Term prefix) : Query
{
    /// <summary>
    /// How many completions are scored as words. On a weekly's archive and manpages-zh, for the prefixes (two to four
    /// letters) of their 150 commonest Latin words and the as-you-type benchmark's queries, 711 in all, the top 10 with 32
    /// completions scored holds the paragraphs of the top 10 with every completion scored for all but 3 (one paragraph of
    /// ten each), in the same order for all but 9; with 16 scored, all but 9 and 16 (README, "How a query is matched").
    /// Each completion scored is a scorer in every segment, in every search of the prefix; and 32 is far below
    /// <see cref="BooleanQuery.MaxClauseCount"/>.
    /// </summary>
    public const int Scored = 32;

    /// <summary>The prefix, in the field it completes words of.</summary>
    public Term Prefix { get; } = prefix;

    public override Query Rewrite(IndexReader reader)
    {
        var leaves = reader.Leaves;
        var segments = new TermsEnum?[leaves.Count];
        // Every word the prefix starts, itself included, with the live paragraphs that have it: an updated index keeps
        // the ones it replaced until their segments merge, and must rank as a full build of the same files.
        var words = new Dictionary<BytesRef, int>();
        DocsEnum? reuse = null;
        foreach (var leaf in leaves)
        {
            var terms = leaf.AtomicReader.GetTerms(Prefix.Field)?.GetEnumerator();
            if (terms is null || terms.SeekCeil(Prefix.Bytes) == TermsEnum.SeekStatus.END)
                continue;
            segments[leaf.Ord] = terms;
            var live = leaf.AtomicReader.LiveDocs;
            do
            {
                var term = terms.Term;
                if (!StringHelper.StartsWith(term, Prefix.Bytes))
                    break;
                int paragraphs = live is null ? terms.DocFreq : Count(reuse = terms.Docs(live, reuse, DocsFlags.NONE));
                if (words.TryGetValue(term, out int known))
                    words[term] = known + paragraphs;
                else
                    words.Add(BytesRef.DeepCopyOf(term), paragraphs);
            } while (terms.MoveNext());
        }

        var completions = words.Where(word => word.Value > 0 && word.Key.Length > Prefix.Bytes.Length)
            .OrderByDescending(word => word.Value).ThenBy(word => word.Key, BytesRef.UTF8SortedAsUnicodeComparer)
            .ToList();
        if (completions.Count == 0)
            return new BooleanQuery();
        // A completion's share counts the word as typed too: typed whole, java weighs JavaScript by how often it is seen beside it.
        // By TF-IDF alone, the rarest completions came first (javas listed JavaScriptCore above JavaScript, githu github1s above GitHub).
        long all = words.Values.Sum(paragraphs => (long)paragraphs);
        float Share(int paragraphs) => (float)((double)paragraphs / all);
        var any = new BooleanQuery(disableCoord: true) { Boost = Boost };
        var scored = completions.Take(Scored).Select(word => word.Key).ToHashSet();
        foreach (var (completion, paragraphs) in completions.Take(Scored))
            any.Add(new TermQuery(new Term(Prefix.Field, completion), Context(reader, segments, completion)) { Boost = Share(paragraphs) }, Occur.SHOULD);
        // The rest at the share of the likeliest of them, without its TF-IDF: below the completions scored, mostly.
        if (completions.Count > Scored)
            any.Add(new RarerCompletions(Prefix, scored) { Boost = Share(completions[Scored].Value) }, Occur.SHOULD);
        return any;
    }

    /// <summary>The paragraphs <paramref name="docs"/> goes through.</summary>
    private static int Count(DocsEnum docs)
    {
        int count = 0;
        while (docs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
            count++;
        return count;
    }

    /// <summary><paramref name="completion"/>'s place in each segment, found with that segment's enumerator of the prefix's terms.</summary>
    private static TermContext Context(IndexReader reader, TermsEnum?[] segments, BytesRef completion)
    {
        var context = new TermContext(reader.Context);
        for (int ord = 0; ord < segments.Length; ord++)
        {
            if (segments[ord] is { } terms && terms.SeekExact(completion))
                context.Register(terms.GetTermState(), ord, terms.DocFreq, terms.TotalTermFreq);
        }
        return context;
    }

    public override string ToString(string field) =>
        $"{(Prefix.Field == field ? "" : Prefix.Field + ":")}{Prefix.Text}…{ToStringUtils.Boost(Boost)}";

    public override bool Equals(object? other) => other is CompletionsQuery completions && completions.Boost == Boost && completions.Prefix.Equals(Prefix);

    public override int GetHashCode() => HashCode.Combine(Prefix, Boost);

    /// <summary>The prefix's completions other than the scored ones, matched at a constant score.</summary>
    private sealed class RarerCompletions : MultiTermQuery
    {
        private readonly Term prefix;
        private readonly HashSet<BytesRef> scored;

        public RarerCompletions(Term prefix, HashSet<BytesRef> scored) : base(prefix.Field)
        {
            this.prefix = prefix;
            this.scored = scored;
            // Their paragraphs gathered segment by segment, one postings enumerator reused for all: Lucene's automatic
            // rewrite first looks up the states of up to 350 of them, to match them as a Boolean query if few paragraphs have them.
            MultiTermRewriteMethod = CONSTANT_SCORE_FILTER_REWRITE;
        }

        protected override TermsEnum GetTermsEnum(Terms terms, AttributeSource atts) => new Except(terms.GetEnumerator(), prefix, scored);

        public override string ToString(string field) => $"{new CompletionsQuery(prefix).ToString(field)} but {scored.Count}{ToStringUtils.Boost(Boost)}";

        public override bool Equals(object? other) =>
            other is RarerCompletions rarer && rarer.Boost == Boost && rarer.prefix.Equals(prefix) && rarer.scored.SetEquals(scored);

        public override int GetHashCode() => HashCode.Combine(prefix, Boost, scored.Count);
    }

    /// <summary>The terms that start with the prefix, but for the prefix itself and the scored ones.</summary>
    private sealed class Except(TermsEnum terms, Term prefix, HashSet<BytesRef> scored) : PrefixTermsEnum(terms, prefix.Bytes)
    {
        protected override AcceptStatus Accept(BytesRef term)
        {
            var status = base.Accept(term);
            return status == AcceptStatus.YES && (term.Length == prefix.Bytes.Length || scored.Contains(term)) ? AcceptStatus.NO : status;
        }
    }
}
