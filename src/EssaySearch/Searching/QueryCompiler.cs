using System.Text.RegularExpressions;
using EssaySearch.Analysis;
using EssaySearch.Indexing;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace EssaySearch.Searching;

/// <summary>
/// Turns query text into a Lucene query. Plain text means: every whitespace-separated term must occur,
/// each as a whole (its words adjacent and in order). A term matches through the word field or, for any
/// substring of a paragraph, through the bigram field; word matches score higher. Text with operators,
/// quotes, parentheses, <c>field:</c> or a trailing <c>*</c> is parsed as Lucene classic syntax, with the
/// same meaning for each term; syntax the parser rejects is searched as plain text, with a notice.
/// </summary>
internal sealed partial class QueryCompiler(Analyzer wordAnalyzer)
{
    /// <summary>Longest query accepted, in characters.</summary>
    public const int MaxLength = 1000;

    // Substring-only matches count, but well below a match of whole words.
    private const float BigramBoost = 0.2f;

    private static readonly string[] SearchableFields = [ParagraphFields.Title, ParagraphFields.Author, ParagraphFields.Section, ParagraphFields.Tags, ParagraphFields.Links, ParagraphFields.Essay];

    private readonly Analyzer analyzer = FieldAnalyzers.Create(wordAnalyzer);

    public (Query Query, string? Notice) Compile(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new QueryException("the query is empty");
        if (text.Length > MaxLength)
            throw new QueryException($"the query is {text.Length} characters long; at most {MaxLength} are searched");
        text = ControlCharacters().Replace(text, " ");

        string? problem = null;
        if (SyntaxMarks().IsMatch(text))
        {
            try
            {
                var parsed = new SyntaxParser(this).Parse(text);
                if (parsed is BooleanQuery { Clauses.Count: 0 })
                    throw new QueryException("the query has no searchable words (punctuation and symbols are not indexed)");
                return (parsed, null);
            }
            catch (ParseException e)
            {
                problem = Describe(text, e);
            }
        }
        var all = new BooleanQuery();
        foreach (var term in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            if (Term(term) is { } clause)
                all.Add(clause, Occur.MUST);
        if (all.Clauses.Count == 0)
            throw new QueryException(problem is null
                ? "the query has no searchable words (punctuation and symbols are not indexed)"
                : $"{problem}, and as plain text the query has no searchable words");
        return (all, problem is null ? null : $"{problem}; searched as plain text");
    }

    /// <summary>One term of the query: its words as a phrase on the word field, or its bigrams as a phrase on the bigram field.</summary>
    private Query? Term(string text)
    {
        var words = Phrase(ParagraphFields.Text, text);
        var bigrams = Phrase(ParagraphFields.TextBigrams, text);
        if (words is null && bigrams is null)
            return null;
        var either = new BooleanQuery(disableCoord: true);
        if (words is not null)
            either.Add(words, Occur.SHOULD);
        if (bigrams is not null)
        {
            bigrams.Boost = BigramBoost;
            either.Add(bigrams, Occur.SHOULD);
        }
        return either;
    }

    /// <summary>The tokens of <paramref name="text"/> in <paramref name="field"/> at their relative positions; null when it has none.</summary>
    private Query? Phrase(string field, string text)
    {
        var tokens = new List<(string Term, int Position, string Type)>();
        using (var stream = analyzer.GetTokenStream(field, text))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            var increment = stream.AddAttribute<IPositionIncrementAttribute>();
            var type = stream.AddAttribute<ITypeAttribute>();
            stream.Reset();
            int position = -1;
            while (stream.IncrementToken())
            {
                position += increment.PositionIncrement;
                tokens.Add((term.ToString(), Math.Max(position, 0), type.Type));
            }
            stream.End();
        }
        // A unigram under a bigram adds nothing the bigram does not already require.
        var bigramStarts = tokens.Where(t => t.Type == CJKBigramFilter.DOUBLE_TYPE).Select(t => t.Position).ToHashSet();
        tokens.RemoveAll(t => t.Type == CJKBigramFilter.SINGLE_TYPE && (bigramStarts.Contains(t.Position) || bigramStarts.Contains(t.Position - 1)));
        if (tokens.Count == 0)
            return null;
        if (tokens.Count == 1)
            return new TermQuery(new Term(field, tokens[0].Term));
        var phrase = new PhraseQuery();
        foreach (var (term, position, _) in tokens)
            phrase.Add(new Term(field, term), position);
        return phrase;
    }

    private static string Describe(string text, ParseException e)
    {
        if (e.InnerException is Refused refused)
            return refused.Message;
        if (text.Count(c => c == '"') % 2 == 1)
            return "unbalanced quote";
        if (text.Count(c => c == '(') != text.Count(c => c == ')'))
            return "unbalanced parenthesis";
        return "query syntax not understood";
    }

    [GeneratedRegex(@"[""()\[\]{}~^*?\\/]|(^|\s)[+\-!]|\b(AND|OR|NOT)\b|[A-Za-z_]\w*:")]
    private static partial Regex SyntaxMarks();

    [GeneratedRegex(@"\p{Cc}|\p{Cf}")]
    private static partial Regex ControlCharacters();

    /// <summary>Lucene's classic parser, with each default-field term given plain-text meaning and unbounded-cost syntax refused.</summary>
    private sealed class SyntaxParser : QueryParser
    {
        private readonly QueryCompiler compiler;

        public SyntaxParser(QueryCompiler compiler) : base(LuceneVersion.LUCENE_48, ParagraphFields.Text, compiler.analyzer)
        {
            this.compiler = compiler;
            DefaultOperator = AND_OPERATOR;
            AutoGeneratePhraseQueries = true;
            AllowLeadingWildcard = false;
        }

        // Returning null drops a clause without searchable words, as the base parser does.
        protected override Query GetFieldQuery(string field, string queryText, bool quoted) =>
            field == ParagraphFields.Text ? compiler.Term(queryText)! : compiler.Phrase(CheckField(field), queryText)!;

        protected override Query GetPrefixQuery(string field, string termStr) =>
            base.GetPrefixQuery(CheckField(field), termStr);

        protected override Query GetWildcardQuery(string field, string termStr) =>
            throw new Refused("only a trailing * is supported as a wildcard");

        protected override Query GetFuzzyQuery(string field, string termStr, float minSimilarity) =>
            throw new Refused("fuzzy search (~) is not supported");

        protected override Query GetRegexpQuery(string field, string termStr) =>
            throw new Refused("regular expressions are not supported");

        protected override Query GetRangeQuery(string field, string part1, string part2, bool startInclusive, bool endInclusive) =>
            throw new Refused("ranges are not supported");

        private static string CheckField(string field) =>
            field == ParagraphFields.Text || SearchableFields.Contains(field)
                ? field
                : throw new Refused($"unknown field '{field}' (fields: {string.Join(", ", SearchableFields)})");
    }

    /// <summary>Syntax the parser understands but this engine refuses; its message is shown to the user as is.</summary>
    private sealed class Refused(string message) : ParseException(message);
}
