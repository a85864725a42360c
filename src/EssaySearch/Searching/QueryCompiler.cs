using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using EssaySearch.Analysis;
using EssaySearch.Highlighting;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Util;
using EssaySearch.Schema;

namespace EssaySearch.Searching;

/// <summary>
/// Turns query text into Lucene queries. Plain text means, strictly: every whitespace-separated term must occur,
/// each as a whole (its words adjacent and in order); when nothing does, the query is relaxed in steps, and a question is
/// answered by its words too (<see cref="Compile"/>). A term matches through the word field or, for any substring of a paragraph, through
/// the bigram field; word matches score higher. A term with a word typed in capitals (iOS, HTTPS) matches only as
/// written, through the bigram field (<see cref="HasAcronym"/>). Text with operators, quotes, parentheses, <c>field:</c> or a
/// trailing <c>*</c> is parsed as Lucene classic syntax, with the same meaning for each term, and searched as
/// written; syntax the parser rejects is searched as plain text, with a notice.
/// </summary>
/// <param name="wordAnalyzer">The analysis of the word field, as the index was built with.</param>
/// <param name="corpus">The index the queries will search, whose counts decide which English words are translated
/// (<see cref="TranslationsOf(string)"/>).</param>
internal sealed partial class QueryCompiler(Analyzer wordAnalyzer, IndexReader corpus)
{
    /// <summary>Longest query accepted, in characters (Unicode code points: an emoji is one).</summary>
    public const int MaxLength = 1000;

    // Substring-only matches count, but well below a match of whole words.
    private const float BigramBoost = 0.2f;

    // A word in the title, author, section or tags counts, but below the same word in the text.
    private const float MetadataBoost = 0.5f;

    // In a relaxed query, the characters of a word a paragraph lacks count, well below the word (创办 and 创立, 名字 and 起名).
    private const float CharacterBoost = 0.4f;

    // A word completed from what was typed (opena as OpenAI) counts as a substring match does: below the word typed whole.
    private const float CompletionBoost = BigramBoost;

    // A web address matches as the page an essay was clipped from, a link to it, or a mention of it in the text, ranked
    // in that order by what they are, not by term statistics: the text's many tokens outweighed the page's one term.
    private const float AsPageWeight = 4f, AsLinkWeight = 2f, AsMentionWeight = 1f;

    // An English word's Chinese translation counts as the word in the metadata does: one of up to three senses, not the word typed.
    private const float TranslationBoost = MetadataBoost;

    private static readonly string[] TextFields = [ParagraphFields.Text, ParagraphFields.TextBigrams];

    private static readonly string[] MetadataFields = [ParagraphFields.Title, ParagraphFields.Author, ParagraphFields.Section, ParagraphFields.Tags];

    // What lifts a strict match: the essay's title and author. Every field lifted costs every strict query its term
    // lookups (bench/run.sh, query latency), and sections and tags lift nothing a reader asked for.
    private static readonly string[] LiftFields = [ParagraphFields.Title, ParagraphFields.Author];

    // What the metadata step searches besides: the address an essay was clipped from, for a query that is that address
    // (pasted from a browser) or its site. Not the relaxed step's: a question's words are no address.
    private static readonly string[] MetadataStepFields = [.. MetadataFields, ParagraphFields.Source];

    private static readonly string[] SearchableFields = [ParagraphFields.Title, ParagraphFields.Author, ParagraphFields.Section, ParagraphFields.Tags, ParagraphFields.Links, ParagraphFields.Source, ParagraphFields.Essay];

    private readonly Analyzer analyzer = FieldAnalyzers.Create(wordAnalyzer);

    /// <summary>
    /// The ways to search <paramref name="text"/>, strictest first; the engine searches them in turn and answers with
    /// the first that finds anything. Syntax is searched as written. Plain text is searched (1) strictly: every term
    /// in the paragraph text, each whole, with matches in the essay's title or author lifting the score; then, lazily, (2)
    /// every term in the text or the metadata; then relaxed: (3) the terms split into words, function and question
    /// words left out, and any of the words in the text or metadata; and when none of them is in any paragraph, (4) the same
    /// with its long words split into the words inside them (<see cref="PartsOf"/>). The relaxed query ranks paragraphs by
    /// how many and which words match (rarer weigh more), each word once (<see cref="Relaxed"/>). A question
    /// (<see cref="IsQuestion"/>) is (3), after the paragraphs (1) finds (<see cref="QueryAttempt.AsWritten"/>), then (4). With
    /// <paramref name="lastWordAsPrefix"/>, the last term of plain text, when it is a Latin word, is read as typed (not
    /// stemmed) and as the start of longer words (<see cref="Completing"/>), in every step.
    /// </summary>
    /// <exception cref="EssaySearchException">The query is empty, too long, or has no searchable words.</exception>
    public IEnumerable<QueryAttempt> Compile(string text, bool lastWordAsPrefix = false)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new EssaySearchException(EssaySearchErrorKind.BadQuery, "the query is empty");
        if (text.Length > MaxLength && text.EnumerateRunes().Count() is var length && length > MaxLength)
            throw new EssaySearchException(EssaySearchErrorKind.BadQuery, $"the query is {length} characters long; a query may be at most {MaxLength}");
        text = ControlCharacters().Replace(FormatCharacters().Replace(text, ""), " ");
        // A question mark that ends a word ends a question (失业吗?), which the parser would take for a wildcard.
        text = EndingQuestionMarks().Replace(text, " ");
        // An autolink pasted from Markdown (<https://…>) is its address, with whatever punctuation stands around it.
        text = AutoLink().Replace(text, "$1");
        // Chinese punctuation inside a term parts it as a space does: 董事会、解雇 is two terms, not one phrase across the 、;
        // and at a term's edge it is no part of it (an address pasted with the 。 after it, or in “”). Not inside quotes; and
        // punctuation that is a term of its own stays one (。 -智能 is refused, not -智能).
        text = ChinesePunctuation().Replace(text, match => match.Value.StartsWith('"') ? match.Value : " ").Trim();
        // An operator with nothing to join on one side (超级智能 AND), and a field or a sign with nothing after it (智能 title:,
        // 智能 -), typed on the way to more, are left out, and said to be.
        List<string> leading = [], trailing = [], unfinished = [];
        while (true)
        {
            // A known field's name only: AI: or Note: at the end is a word with a colon, searched as the word.
            if (UnfinishedTerm().Match(text) is { Success: true } open && open.Value.Trim().TrimEnd(':') is var name
                && (name.Length == 1 || name == ParagraphFields.Text || SearchableFields.Contains(name, StringComparer.OrdinalIgnoreCase)))
            {
                unfinished.Insert(0, open.Value.Trim()); // found from the end: kept in the order typed
                text = text.Remove(open.Index, open.Length).Trim();
                continue;
            }
            var match = DanglingOperator().Match(text);
            if (!match.Success)
                break;
            if (match.Index == 0)
                leading.Add(match.Value.Trim());
            else
                trailing.Insert(0, match.Value.Trim());
            text = text.Remove(match.Index, match.Length).Trim();
        }
        List<string> dangling = [.. leading, .. trailing];
        if (text.Length == 0)
            throw new EssaySearchException(EssaySearchErrorKind.BadQuery, dangling.Count + unfinished.Count == 0
                ? "the query has no searchable words (punctuation and symbols are not indexed)" // nothing but punctuation was left
                : $"the query is only {string.Join(' ', [.. leading, .. unfinished, .. trailing])}, with nothing to search");
        string? remark = string.Join("; ", new[] { LeftOut(dangling, "nothing to join on one side"), LeftOut(unfinished, "nothing after it") }.OfType<string>()) is { Length: > 0 } said
            ? said : null;

        string? problem = null;
        // An address is one term, whatever it holds (/, ?, ~, :): only what stands around it can be syntax.
        if (SyntaxMarks().IsMatch(WithAddresses(text, _ => "x")))
        {
            try
            {
                var parser = new SyntaxParser(this);
                // A slash inside a term is one of its characters (tag:科幻/硬科幻, essay:随笔/奇点), not a regular expression's
                // delimiter; and an address (link:https://…) is a term, its marks escaped.
                var parsed = parser.Parse(InnerSlash().Replace(WithAddresses(text, QueryParserBase.Escape), @"\/"));
                if (parsed is BooleanQuery { Clauses.Count: 0 })
                    throw new EssaySearchException(EssaySearchErrorKind.BadQuery, $"the query has no searchable words {WhyNoWords(text)}");
                if (parser.ExclusionsAlone(parsed) is { } refusal)
                    throw new EssaySearchException(EssaySearchErrorKind.BadQuery, $"{refusal} {WhyNoWords(text)}");
                // A boost weighs silently what it follows: 2^32 is 2 weighed 32 times, which a reader would not guess.
                if (Boost().Match(QuotedPhrase().Replace(text, "\"\"")) is { Success: true } boost)
                    remark = Join(remark, $"{boost.Value} weighs what stands before it {boost.Value[1..]} times (a boost); quote the query to search it as text");
                var found = parser.TargetsOf(parsed);
                var textTargets = found.Where(target => target.Terms[0].Field != ParagraphFields.Title).ToList();
                bool unranked = parser.OnlyExcludes(parsed);
                var asWritten = new QueryAttempt(parsed, textTargets, found, text, [], unranked ? Join(remark, OnlyExcluding) : remark, Unranked: unranked);
                // Quotes and parentheses alone may be a reader's punctuation (奥特曼(Sam Altman) 怎么看, <img src=x onerror=alert(1)>):
                // a query with no other syntax that finds nothing is relaxed to its words, as plain text is. Operators, fields and
                // signs say what to find exactly, and are not.
                if (PhrasesAndGroups().Replace(text, " ").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } words
                    && !SyntaxMarks().IsMatch(WithAddresses(string.Join(' ', words), _ => "x")))
                    return ThenAnyOfTheWords(asWritten, words, remark, lastWordAsPrefix ? Completing(words[^1]) : null);
                return [asWritten];
            }
            catch (ParseException e)
            {
                problem = Describe(text, e);
            }
        }
        var terms = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        // Syntax not understood (an unbalanced quote): a word marked to be excluded (-手机) is still excluded, in every step,
        // rather than searched for as a word.
        var excluded = problem is null ? [] : terms.Where(term => term.Length > 1 && term[0] == '-').ToArray();
        if (excluded.Length == terms.Length && excluded.Length > 0)
            throw new EssaySearchException(EssaySearchErrorKind.BadQuery, $"{problem}, and as plain text the query only excludes words");
        terms = terms.Where(term => !excluded.Contains(term)).ToArray();
        var exclusions = excluded.Select(term => TermOrPage(term[1..], [])).OfType<Query>().ToList();
        var targets = new List<MatchTarget>();
        var completing = lastWordAsPrefix ? Completing(terms[^1]) : null;
        var inText = terms.Select((term, i) => completing is not null && i == terms.Length - 1 ? InText(completing, targets) : TermOrPage(term, targets)).ToArray();
        var strict = new BooleanQuery(disableCoord: true);
        for (int i = 0; i < terms.Length; i++)
        {
            if (inText[i] is not { } clause)
                continue;
            strict.Add(clause, Occur.MUST);
            // The words a word being typed starts lift as they would typed whole (nvid as Nvidia in a title).
            if (Metadata(terms[i], LiftFields, i == terms.Length - 1 ? completing : null) is { } lift)
                strict.Add(lift, Occur.SHOULD);
        }
        if (!strict.Clauses.Any(c => c.Occur == Occur.MUST))
            throw new EssaySearchException(EssaySearchErrorKind.BadQuery, problem is null
                ? $"the query has no searchable words {WhyNoWords(text)}"
                : $"{problem}, and as plain text the query has no searchable words {WhyNoWords(text)}");
        string? plainText = problem is null ? null
            : excluded.Length == 0 ? $"{problem}; searched as plain text" : $"{problem}; searched as plain text, excluding {string.Join(' ', excluded.Select(term => term[1..]))}";
        string? notice = remark is null ? plainText : plainText is null ? remark : $"{remark}; {plainText}";
        return Relaxations(new QueryAttempt(strict, targets, targets, text, [], notice, AsPlainText: plainText is not null), terms, inText, notice, completing)
            // With exclusions, the words may be in paragraphs excluded: not split as if in none.
            .Where(attempt => exclusions.Count == 0 || attempt.Split is null)
            .Select(attempt => Excluding(attempt, exclusions));
    }

    /// <summary>
    /// Why a query without searchable words has none, in parentheses: what the analysis leaves out of the text. A word
    /// too long to index is named when there is one, as it is the part of the query that looks searchable.
    /// </summary>
    private static string WhyNoWords(string text) => WordLength.AnyTooLong(text)
        ? $"(words longer than {WordLength.Max} characters are not indexed)"
        : "(punctuation and symbols are not indexed)";

    // inText: each term's clause of the strict query (null for a term without searchable words), reused, not rebuilt.
    // completing: the last term's completions (Completing), or null.
    private IEnumerable<QueryAttempt> Relaxations(QueryAttempt strict, string[] terms, Query?[] inText, string? notice, Completions? completing)
    {
        // A question is answered by its words too: matched only as written, it found the paragraphs that happen to ask it
        // (an overview listing 什么是死锁), not those that answer it, and 死锁是什么 found otherwise than 什么是死锁. Those that
        // have it as written come first.
        bool question = IsQuestion(terms);
        if (question && AnyOfTheWords(terms, notice, completing, strict.AsPlainText, question: true) is { } answered)
        {
            yield return answered with { AsWritten = strict };
            // The query as written found nothing in the attempt before: not searched again.
            if (AnyOfTheWords(terms, notice, completing, strict.AsPlainText, question: true, splitWords: true) is { } answeredSplit)
                yield return answeredSplit;
            yield break;
        }
        yield return strict;

        var anywhere = new BooleanQuery(disableCoord: true);
        var inMetadata = new BooleanQuery(disableCoord: true);
        var anywhereTargets = strict.Targets.ToList();
        for (int i = 0; i < terms.Length; i++)
        {
            var (term, textClause) = (terms[i], inText[i]);
            // An address's clause holds its source already.
            var metadata = Metadata(term, IsAddress(term) ? MetadataFields : MetadataStepFields, i == terms.Length - 1 ? completing : null);
            if (Either(textClause, metadata) is { } clause)
                anywhere.Add(clause, Occur.MUST);
            if (metadata is not null)
                inMetadata.Add(metadata, Occur.SHOULD);
            // An English word found in a title (singularity in The Gentle Singularity) lifts the essay's paragraphs that
            // have its Chinese translation (奇点), which otherwise tie with the rest of the essay.
            if (InTranslations(term, anywhereTargets) is { } translation)
                anywhere.Add(translation, Occur.SHOULD);
        }
        var translatedTerms = TranslationsOf(terms);
        // Unless some term is in some essay's metadata, this finds what the strict query found: nothing.
        // Its text clauses are the strict query's, and so are its targets, with the translations': metadata is not highlighted.
        string how = "no paragraph has every term in its text; searched titles, authors, sections, tags and source addresses too";
        // Not for a question with nothing to relax to (an address beside question words: https://… 是什么): this step would
        // ask for its question words in the text beside a title word, and find what happens to say 什么. A title typed with
        // its function words (The Gentle Singularity) is no question.
        if (!question)
            yield return new QueryAttempt(anywhere, anywhereTargets, anywhereTargets, strict.Searched, [],
                Join(notice, translatedTerms.Count == 0 ? how : $"{how} ({string.Join("; ", AlsoAs(translatedTerms))})"), inMetadata,
                Relaxation.Metadata, strict.AsPlainText, translatedTerms);

        // A question relaxed to its words above already, or had none to relax to.
        if (question)
            yield break;
        if (AnyOfTheWords(terms, notice, completing, strict.AsPlainText, question: false) is { } relaxed)
            yield return relaxed;
        // No paragraph has any of the words (or the one word the query is).
        if (AnyOfTheWords(terms, notice, completing, strict.AsPlainText, question: false, splitWords: true) is { } split)
            yield return split;
    }

    /// <summary>
    /// Whether the query asks about something: one of its words is a word that asks (什么 in 什么是死锁, 吗, how), as the
    /// word analysis splits it (几乎 holds 几, but as a word of its own), beside words it asks about (为什么不 and 无论什么
    /// have none: 不 and 无论 are function words). A Latin word asks only as the query's first (what is X, how to …): later it
    /// mostly joins a clause (no matter what, the day when). Only a query with such a word inside is analyzed to tell.
    /// </summary>
    private bool IsQuestion(string[] terms)
    {
        if (!terms.Any(QuestionWords.MayAsk))
            return false;
        var words = terms.SelectMany(WordsOf).ToList();
        return Sorted(words).LeftOut.Count > 0
            && words.Where((word, i) => QuestionWords.Asks(word) && (i == 0 || !char.IsAsciiLetter(word[0]))).Any();
    }

    /// <summary>
    /// <paramref name="first"/>, then, lazily (each compiled only when the one before finds nothing), any of the words, and
    /// any of them with their long words split (<see cref="PartsOf"/>).
    /// </summary>
    private IEnumerable<QueryAttempt> ThenAnyOfTheWords(QueryAttempt first, string[] words, string? notice, Completions? completing)
    {
        yield return first;
        if (AnyOfTheWords(words, notice, completing, asPlainText: false, question: false) is { } relaxed)
            yield return relaxed;
        if (AnyOfTheWords(words, notice, completing, asPlainText: false, question: false, splitWords: true) is { } split)
            yield return split;
    }

    /// <summary>
    /// The relaxed step: any of the terms' words, function and question words left out (<see cref="Relaxed"/>); null when
    /// there is nothing to relax the terms to; for a question (<see cref="IsQuestion"/>), searched as its words at once,
    /// <paramref name="question"/>. With <paramref name="splitWords"/>, for when no paragraph has any of those words, each
    /// long word split into the words inside it (<see cref="PartsOf"/>); null when none splits.
    /// </summary>
    private QueryAttempt? AnyOfTheWords(string[] terms, string? notice, Completions? completing, bool asPlainText, bool question, bool splitWords = false)
    {
        // An address is a page, found or not: its words (https, com, the path's) would find any paragraph with a link.
        // Written without its scheme, it may be a path (node.js/express), whose words are a question's. Beside nothing
        // but question words (https://… 是什么), it is not relaxed either: 是 and 什么 alone find any paragraph.
        var addresses = terms.Where(term => WebAddress.Parse(term) is { HasScheme: true }).ToList();
        var asked = terms.Except(addresses).SelectMany(WordsOf).ToList();
        var (words, leftOut) = Sorted(asked);
        if (words.Count == 0 || addresses.Count > 0 && words.All(QuestionWords.Contains))
            return null;
        // Split only when the words found nothing: beside a word some paragraph has, a word in none is kept whole and named
        // (mostly it is mistyped), as the other's hits answer, and split it would count as two words.
        var split = splitWords
            ? words.Select(word => (Word: word, Parts: PartsOf(word))).Where(word => word.Parts is not [var same] || same != word.Word)
                .ToDictionary(word => word.Word, word => (IReadOnlyList<string>)word.Parts)
            : [];
        if (splitWords)
        {
            if (split.Count == 0)
                return null;
            var (parts, partsLeftOut) = Sorted(words.SelectMany(word => split.GetValueOrDefault(word) ?? [word]).ToList());
            words = parts;
            leftOut.AddRange(partsLeftOut.Where(word => !leftOut.Contains(word, StringComparer.OrdinalIgnoreCase)));
        }
        else if (words.Count < 2 && words.SequenceEqual(terms) && TranslationsOf(words[0]).Count == 0)
            return null; // one word, searched whole already
        leftOut.AddRange(addresses);
        string searched = string.Join(' ', words);
        var remarks = new List<string>();
        if (leftOut.Count > 0)
            remarks.Add($"left out: {string.Join(' ', leftOut)}");
        remarks.AddRange(split.Select(word => $"{word.Key} is in no paragraph: split into {string.Join(' ', word.Value)}"));
        var translated = TranslationsOf(words);
        remarks.AddRange(AlsoAs(translated));
        string relaxedHow = $"{NoneAsWritten}, more of them first: {searched}";
        var targets = new List<MatchTarget>();
        var (query, second, each) = Relaxed(words, targets, completing, Definitions.Subject(asked));
        return new QueryAttempt(query, targets, targets, searched, leftOut,
            Join(notice, remarks.Count == 0 ? relaxedHow : $"{relaxedHow} ({string.Join("; ", remarks)})"), Relaxation: question ? Relaxation.Question : Relaxation.Words,
            AsPlainText: asPlainText, Translated: translated, Rescore: second, Words: each,
            Split: split.Count > 0 ? split : null);
    }

    private static string Join(string? first, string second) => first is null ? second : $"{first}; {second}";

    private const string NoneAsWritten = "no paragraph has the query as written; searched paragraphs with any of its words";

    /// <summary>A question's notice once <paramref name="count"/> paragraphs are found to have it as written, which come first.</summary>
    public static string FoundAsWritten(string notice, int count) => notice.Replace(NoneAsWritten, count == 1
        ? "the paragraph that has the query as written comes first, then the others with any of its words"
        : $"the {count} paragraphs that have the query as written come first, then the others with any of its words");

    /// <summary>That <paramref name="parts"/> (AND, title:) have <paramref name="nothing"/>, and are left out; null for none.</summary>
    private static string? LeftOut(List<string> parts, string nothing) => parts.Count == 0 ? null
        : $"{string.Join(" and ", parts)} {(parts.Count == 1 ? "has" : "have")} {nothing}, and {(parts.Count == 1 ? "is" : "are")} left out";

    /// <summary><paramref name="attempt"/> without the paragraphs any of <paramref name="excluded"/> matches; scored as it is.</summary>
    private static QueryAttempt Excluding(QueryAttempt attempt, List<Query> excluded)
    {
        if (excluded.Count == 0)
            return attempt;
        Query Without(Query found)
        {
            var query = new BooleanQuery(disableCoord: true) { { found, Occur.MUST } };
            foreach (var clause in excluded)
                query.Add(clause, Occur.MUST_NOT);
            return query;
        }
        return attempt with { Query = Without(attempt.Query), AsWritten = attempt.AsWritten is { } asWritten ? asWritten with { Query = Without(asWritten.Query) } : null };
    }

    // A query of exclusions alone finds paragraphs by what they lack: every one scores the same, so the list is in the
    // order ties take (RankOrder), which a reader would otherwise take for a ranking.
    private const string OnlyExcluding = "the query only excludes words: every paragraph it does not exclude is listed, unranked, in corpus order (by essay id, then paragraph)";

    /// <summary>The English words of <paramref name="words"/> that are searched as Chinese translations too (<see cref="TranslationsOf(string)"/>), with them.</summary>
    private Dictionary<string, IReadOnlyList<string>> TranslationsOf(IEnumerable<string> words) =>
        words.Select(word => (Word: word, Chinese: TranslationsOf(word))).Where(w => w.Chinese.Count > 0)
            .DistinctBy(w => w.Word).ToDictionary(w => w.Word, w => w.Chinese);

    /// <summary>
    /// The Chinese translations an English word is searched as too (<see cref="Translations"/>): only where the essays write
    /// the word in Chinese more often than in English, counted in paragraphs. An archive that writes java, docker and lock
    /// in English means them so; their dictionary senses (爪哇, 装卸工, 水闸) would find what no reader asked for, where
    /// essays translated from English (singularity, written 奇点) are found by the translation.
    /// </summary>
    private IReadOnlyList<string> TranslationsOf(string word)
    {
        var chinese = Translations.Of(word);
        if (chinese.Count == 0)
            return chinese;
        // Asked for by each step of a query, and of the next one: the counts are the build's, which this compiler serves alone.
        if (translated.TryGetValue(word, out var known))
            return known;
        if (translated.Count >= TranslationsKept)
            translated.Clear();
        return translated[word] = InParagraphs(word) < chinese.Sum(InParagraphs) ? chinese : [];
    }

    private const int TranslationsKept = 10_000;

    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> translated = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How many paragraphs have <paramref name="text"/> in their text, at most: its rarest token of the bigram field's.</summary>
    private int InParagraphs(string text) => Phrase(ParagraphFields.TextBigrams, text) switch
    {
        TermQuery token => corpus.DocFreq(token.Term),
        PhraseQuery phrase => phrase.GetTerms().Min(corpus.DocFreq),
        _ => 0,
    };

    private static IEnumerable<string> AlsoAs(Dictionary<string, IReadOnlyList<string>> translated) =>
        translated.Select(word => $"{word.Key} also as {string.Join(' ', word.Value)}");

    /// <summary>The Chinese translations of an English word in the text, any of them, each weighed as a translation counts; null for none.</summary>
    private DisjunctionMaxQuery? InTranslations(string word, List<MatchTarget> targets)
    {
        var anyOf = new DisjunctionMaxQuery(0f);
        foreach (var translated in TranslationsOf(word).SelectMany(translation => InText(translation, targets)))
        {
            translated.Boost = TranslationBoost;
            anyOf.Add(translated);
        }
        return anyOf.Disjuncts.Count > 0 ? anyOf : null;
    }

    /// <summary>
    /// The words inside <paramref name="word"/>, a run of 3 to 16 Han characters (jieba's longest words are shorter), for a
    /// query none of whose words any paragraph has, as jieba's search mode looks for words inside words. A dictionary word
    /// (one word to the word analysis) is cut in two where each side is one word or more of two characters or more, at the
    /// cut that gives the fewest (超级计算机 as 超级 计算机, 智能手机 as 智能 手机, 马克思主义 as 马克思 主义: a lone
    /// character would match most paragraphs, and be all they match), not all of them function or question words (无论如何
    /// is not 无论 如何, which would be left out). Any other (a word mistyped, 零拷背 for 零拷贝 or 幂等姓 for 幂等性, which the
    /// word analysis keeps together as characters it knows no word of; a name it does not know; a word of three) is searched
    /// as its two characters side by side that the most paragraphs have (零拷, 幂等), none a function word. The word itself
    /// when it holds neither.
    /// </summary>
    private List<string> PartsOf(string word)
    {
        var runes = word.EnumerateRunes().Select(rune => rune.ToString()).ToArray();
        if (runes.Length is < 3 or > 16 || !IsHanRun(word))
            return [word];
        if (runes.Length >= 4 && Tokens(word) is [var whole] && whole == word
            && Enumerable.Range(2, runes.Length - 3)
                .Select(cut => (List<string>)[.. Tokens(string.Concat(runes[..cut])), .. Tokens(string.Concat(runes[cut..]))])
                .Where(parts => parts.All(part => part.EnumerateRunes().Count() >= 2) && !parts.All(QuestionWords.Contains))
                .MinBy(parts => parts.Count) is { } inside)
            return inside;
        var (pair, paragraphs) = Enumerable.Range(0, runes.Length - 1).Select(i => runes[i] + runes[i + 1])
            .Where(pair => !QuestionWords.Contains(pair)).Select(pair => (pair, InParagraphs(pair))).MaxBy(pair => pair.Item2);
        return paragraphs > 0 ? [pair] : [word];
    }

    /// <summary>The word analysis's words of <paramref name="text"/>, as written there.</summary>
    private List<string> Tokens(string text) => TokenSpans(text).Select(span => text[span.Start..span.End]).ToList();

    /// <summary>Where the word analysis's words of <paramref name="text"/> stand in it; not a word's parts (node under node.js).</summary>
    private List<(int Start, int End)> TokenSpans(string text)
    {
        var spans = new List<(int, int)>();
        using var stream = analyzer.GetTokenStream(ParagraphFields.Text, text);
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var type = stream.AddAttribute<ITypeAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            if (type.Type != WordPartFilter.PartType)
                spans.Add((offset.StartOffset, offset.EndOffset));
        }
        stream.End();
        return spans;
    }

    /// <summary>
    /// The words of the terms (<paramref name="asked"/>, as the word analysis splits them, in order), each once; function and
    /// question words apart (all of them are kept when the query has nothing else).
    /// </summary>
    private static (List<string> Words, List<string> LeftOut) Sorted(List<string> asked)
    {
        var words = new List<string>();
        var leftOut = new List<string>();
        foreach (var word in asked)
        {
            var into = QuestionWords.Contains(word) ? leftOut : words;
            if (!into.Contains(word, StringComparer.OrdinalIgnoreCase))
                into.Add(word);
        }
        return words.Count > 0 ? (words, leftOut) : (leftOut, []);
    }

    /// <summary>The words of one term as the word analysis splits it, as written.</summary>
    private List<string> WordsOf(string term)
    {
        // node.js is one word, as it is searched strictly: its parts are no words of their own (TokenSpans).
        var spans = new List<(int Start, int End, bool Lone)>();
        foreach (var (start, end) in TokenSpans(term))
        {
            // Lone Han characters that touch, none a question word, are a name or term the dictionary does not
            // know (奥特曼 split as 奥 特 曼): they stay one word, which the bigram field finds whole.
            string token = term[start..end];
            bool lone = Rune.DecodeFromUtf16(token, out var rune, out int length) == OperationStatus.Done && length == token.Length
                && IsHan(rune) && !QuestionWords.Contains(token);
            if (lone && spans is [.., { Lone: true } last] && last.End == start)
                spans[^1] = (last.Start, end, true);
            else
                spans.Add((start, end, lone));
        }
        return spans.Select(span => term[span.Start..span.End]).ToList();
    }

    private static bool IsHan(Rune rune) => rune.Value is >= 0x3400 and <= 0x4DBF or >= 0x4E00 and <= 0x9FFF or >= 0xF900 and <= 0xFAFF or >= 0x20000 and <= 0x3FFFF;

    /// <summary>
    /// Any of the words, in the text or the metadata, for <see cref="RelaxedSimilarity"/>. Each word counts once, by the
    /// best of the ways it matches: as a word, inside a longer word (the query alone may be segmented otherwise than the
    /// paragraph), in the metadata, or, for an English word, as one of its Chinese translations in the text
    /// (<see cref="Translations"/>). Paragraphs with more of the words rank higher (coordination), rarer words weigh
    /// more (TF-IDF). Apart, for the best-ranked paragraphs only (<see cref="QueryAttempt.Rescore"/>): a Han word a
    /// paragraph lacks counts a little through its characters, and words near each other count more (<see cref="Nearness"/>);
    /// null when neither applies (no word of two Han characters or more, fewer than two words the bigram field places).
    /// In a question that asks what its <paramref name="subject"/> is, the subject's words count more in a paragraph that
    /// defines it (<see cref="Defined"/>). And each word with what matches it.
    /// </summary>
    private (Query Words, SecondPass? Second, IReadOnlyList<(string Word, Query Matches)> Each) Relaxed(List<string> words, List<MatchTarget> targets,
        Completions? completing, (string First, string Last)? subject)
    {
        var some = new List<DisjunctionMaxQuery>();
        var each = new List<(string, Query)>();
        foreach (var word in words)
        {
            var anyWay = new DisjunctionMaxQuery(0f);
            var completed = completing is not null && completing.Word.Equals(word, StringComparison.OrdinalIgnoreCase) ? completing : null;
            if (completed is not null)
                anyWay.Add(InText(completed, targets));
            else if (InText(word, targets).ToList() is var inText && subject is { } asked && Defined(word, inText, asked) is { } defined)
                anyWay.Add(defined);
            else
            {
                foreach (var way in inText)
                    anyWay.Add(way);
            }
            foreach (var inMetadata in InMetadata(word, MetadataFields, completed))
                anyWay.Add(inMetadata);
            if (InTranslations(word, targets) is { } translated)
                anyWay.Add(translated);
            if (anyWay.Disjuncts.Count > 0)
            {
                some.Add(anyWay);
                each.Add((word, IsHanRun(word) ? WithoutWordPhrase(anyWay) : anyWay));
            }
        }
        var characters = words.Select(Characters).OfType<WordCharacters>().ToArray();
        // Words of the same tokens (機器人 and 机器人, ＡＩ and AI) are one word to nearness.
        var placed = words.Select(Placed).OfType<Term[]>().DistinctBy(terms => string.Join(' ', terms.Select(term => term.Text))).ToArray();
        return (new AnyWordQuery(some), characters.Length > 0 || placed.Length > 1 ? new SecondPass(characters, placed) : null, each);
    }

    /// <summary>
    /// A Han word's ways to match but its phrase of the word field, which matches nowhere its bigram phrase does not
    /// (<see cref="WordsAndBigrams"/>): to tell whether the word can be in a paragraph, where the phrase's terms, its
    /// characters (零 拷 背 of 零拷背, typed for 零拷贝), are each in some paragraph, and its bigrams not.
    /// </summary>
    private static DisjunctionMaxQuery WithoutWordPhrase(DisjunctionMaxQuery ways)
    {
        // A subject's ways in the text, weighed in a paragraph that defines it (DefinedQuery), count as they are here.
        var rest = new DisjunctionMaxQuery(ways.Disjuncts
            .SelectMany(way => way is DefinedQuery defined ? defined.Word is DisjunctionMaxQuery inText ? inText.Disjuncts : [defined.Word] : [way])
            .Where(way => !OnWordField(way)).ToList(), 0f);
        return rest.Disjuncts.Count > 0 ? rest : ways;

        static bool OnWordField(Query way) => way switch
        {
            TermQuery term => term.Term.Field == ParagraphFields.Text,
            PhraseQuery phrase => phrase.GetTerms() is [{ Field: ParagraphFields.Text }, ..],
            _ => false,
        };
    }

    private static bool IsHanRun(string word) => word.EnumerateRunes().All(IsHan);

    /// <summary>
    /// The ways <paramref name="word"/> matches in the text (<paramref name="inText"/>), as one, weighed more in a paragraph
    /// that defines the <paramref name="subject"/> (<see cref="DefinedQuery"/>): after it, when the word is the subject's
    /// last, one of <see cref="Definitions.Verbs"/>; before it, when it is the first, one of <see cref="Definitions.Markers"/>.
    /// Null for a word that is neither, or that the word field does not hold.
    /// </summary>
    private DefinedQuery? Defined(string word, List<Query> inText, (string First, string Last) subject)
    {
        bool first = word.Equals(subject.First, StringComparison.OrdinalIgnoreCase), last = word.Equals(subject.Last, StringComparison.OrdinalIgnoreCase);
        if (!first && !last || inText.Count == 0)
            return null;
        var (terms, positions) = Phrase(ParagraphFields.Text, word) switch
        {
            TermQuery token => ([token.Term], [0]),
            PhraseQuery phrase => (phrase.GetTerms(), phrase.GetPositions()),
            _ => ((Term[]?)null, (int[]?)null),
        };
        if (terms is null || positions is null)
            return null;
        var ways = inText is [var one] ? one : new DisjunctionMaxQuery(inText, 0f);
        var (after, before) = defining ??= new DefiningWords(new DefiningPositions(corpus, Tokens(Definitions.Verbs)), Tokens(Definitions.Markers));
        return new DefinedQuery(ways, terms, positions, last ? after : null, first ? before : []);
    }

    // The defining and marking words (Definitions) as the word field holds them, those that are one token there, each looked
    // up in the index once, and where the defining words stand in the paragraphs' openings: they are the same for every
    // question. Made on first use; threads that race here each make one of equal values, and a reference is written whole.
    private DefiningWords? defining;

    private sealed record DefiningWords(DefiningPositions After, (Term, TermContext)[] Before);

    private (Term, TermContext)[] Tokens(IEnumerable<string> words) =>
        words.Select(word => Phrase(ParagraphFields.Text, word)).OfType<TermQuery>().Select(token => token.Term).Distinct()
            .Select(term => (term, TermContext.Build(corpus.Context, term))).ToArray();

    /// <summary>
    /// The word as its tokens in the bigram field, at consecutive positions, for nearness; null for a word the field holds
    /// otherwise (a lone Han character is looked up where positions are not kept).
    /// </summary>
    private Term[]? Placed(string word) => Phrase(ParagraphFields.TextBigrams, word) switch
    {
        TermQuery { Term.Field: ParagraphFields.TextBigrams } token => [token.Term],
        PhraseQuery phrase when phrase.GetPositions().Select((position, i) => position - i).Distinct().Count() == 1 => phrase.GetTerms(),
        _ => null,
    };

    /// <summary>
    /// The characters of a Han word of two or more, in paragraphs without the word (weighed by <see cref="CharacterBoost"/>,
    /// outside the coordination); null for any other word. They are not highlighted: a lone 人 or 取 marked in 人们 or 吸取
    /// says nothing a reader asked for, and the notice names words.
    /// </summary>
    private WordCharacters? Characters(string word)
    {
        var runes = word.EnumerateRunes().ToList();
        if (runes.Count < 2 || !runes.All(IsHan) || Phrase(ParagraphFields.TextBigrams, word) is not { } whole)
            return null;
        var characters = runes.Distinct().Select(rune =>
        {
            var character = Phrase(ParagraphFields.TextBigrams, rune.ToString())!;
            character.Boost = CharacterBoost;
            return character;
        }).ToArray();
        return new WordCharacters(whole, characters);
    }

    /// <summary>A match of either query (in the text or in the metadata, say), whichever of the two exist.</summary>
    private static Query? Either(Query? one, Query? other) =>
        one is null || other is null
            ? one ?? other
            : new BooleanQuery(disableCoord: true) { { one, Occur.SHOULD }, { other, Occur.SHOULD } };

    /// <summary>A term in the essay's title, author or tags, or the paragraph's section (or only <paramref name="fields"/>), each weighed below the text.</summary>
    private BooleanQuery? Metadata(string term, string[]? fields = null, Completions? completing = null)
    {
        var any = new BooleanQuery(disableCoord: true);
        foreach (var match in InMetadata(term, fields ?? MetadataFields, completing))
            any.Add(match, Occur.SHOULD);
        return any.Clauses.Count > 0 ? any : null;
    }

    /// <summary>
    /// The term in each of <paramref name="fields"/> where it has searchable words, weighed below the text; and, with
    /// <paramref name="completing"/>, the words it starts there.
    /// </summary>
    private IEnumerable<Query> InMetadata(string term, string[] fields, Completions? completing = null)
    {
        foreach (var field in fields)
        {
            if (Phrase(field, term) is { } match)
            {
                match.Boost = MetadataBoost;
                yield return match;
            }
            // The metadata fields hold a Latin word whole and unstemmed, as the bigram field does.
            if (completing is not null && field is not (ParagraphFields.Links or ParagraphFields.Source))
                yield return new CompletionsQuery(new Term(field, completing.Prefix)) { Boost = MetadataBoost * CompletionBoost };
        }
    }

    /// <summary>
    /// The Latin word a query is being typed into, read as the start of longer words: the prefix in the bigram field, which
    /// holds a Latin word whole and unstemmed (opena finds OpenAI; the stemmed word field would miss runn in running).
    /// Not the stemmed word itself: javas would be java, and generation gener, which finds generator and generate, so that
    /// the hits would come and go as a word is typed (generat 30, generatio 1, generation 30 on a weekly's archive).
    /// </summary>
    /// <param name="Word">The term as typed.</param>
    /// <param name="Prefix">The term as the bigram field holds words.</param>
    private sealed record Completions(string Word, string Prefix);

    /// <summary>
    /// The completions of <paramref name="term"/>, the last of a query being typed: a Latin word of two letters or digits
    /// or more; null for any other. Han text needs none, as any run of it matches inside longer ones; and one letter
    /// starts too many words to say anything.
    /// </summary>
    private static Completions? Completing(string term) =>
        // Full-width letters (Ｏｐｅｎａ, typed with an input method in full-width mode) as the index holds them.
        term.Normalize(NormalizationForm.FormKC) is var folded && folded.Length is >= 2 and <= WordLength.Max && folded.All(char.IsAsciiLetterOrDigit)
            ? new Completions(term, folded.ToLowerInvariant()) : null;

    /// <summary>
    /// The word <paramref name="completing"/> is, as typed, and the words it starts, each ranked as a word (TF-IDF) and weighed
    /// below it, in the text; all highlighted (a word starts with itself).
    /// </summary>
    private static Query InText(Completions completing, List<MatchTarget> targets)
    {
        var typed = new Term(ParagraphFields.TextBigrams, completing.Prefix);
        targets.Add(new MatchTarget([typed], [0], IsPrefix: true));
        return new BooleanQuery(disableCoord: true)
        {
            { new TermQuery(typed), Occur.SHOULD },
            { new CompletionsQuery(typed) { Boost = CompletionBoost }, Occur.SHOULD },
        };
    }

    /// <summary>
    /// One term of the query: its words as a phrase on the word field, or its bigrams as a phrase on the bigram field;
    /// what it matches is added to <paramref name="targets"/>.
    /// </summary>
    private Query? Term(string text, List<MatchTarget> targets)
    {
        var (words, bigrams, wider) = WordsAndBigrams(text, targets);
        if (words is null && bigrams is null)
            return null;
        if (bigrams is not null)
            bigrams.Boost = BigramBoost;
        // When one phrase matches wherever the other does, it alone decides the matches and the other only adds its
        // score: the same hits and scores as either of the two, without merging two long postings lists per document.
        var either = new BooleanQuery(disableCoord: true);
        foreach (var phrase in new[] { words, bigrams }.OfType<Query>())
            either.Add(phrase, ReferenceEquals(phrase, wider) ? Occur.MUST : Occur.SHOULD);
        return either;
    }

    private static bool IsAddress(string term) => WebAddress.Parse(term, withoutScheme: true) is not null;

    /// <summary>
    /// A term of the query (<see cref="Term"/>); a web address also as the page it names (<see cref="WebAddress"/>): the
    /// page an essay was clipped from, first, then a paragraph that links to it, then one whose text has the address.
    /// Pasted, an address asks for the page, which the text of a note that mentions it would otherwise hide (its many
    /// words outweigh the one term of the page), and the notes that link to it have none of its words.
    /// </summary>
    private Query? TermOrPage(string term, List<MatchTarget> targets)
    {
        var inText = Term(term, targets);
        if (!IsAddress(term))
            return inText;
        var anyWay = new BooleanQuery(disableCoord: true);
        foreach (var (way, weight) in new[] { (Phrase(ParagraphFields.Source, term), AsPageWeight), (Phrase(ParagraphFields.Links, term), AsLinkWeight), (inText, AsMentionWeight) })
        {
            if (way is not null)
                anyWay.Add(new ConstantScoreQuery(way) { Boost = weight }, Occur.SHOULD);
        }
        return anyWay;
    }

    /// <summary>The text's word phrase and bigram phrase, those that exist (see <see cref="WordsAndBigrams"/>).</summary>
    private IEnumerable<Query> InText(string text, List<MatchTarget> targets)
    {
        var (words, bigrams, _) = WordsAndBigrams(text, targets);
        // Each is a way to match on its own here: an acronym's stem is none (io would find IO for iOS).
        return (HasAcronym(text) ? new[] { bigrams } : new[] { words, bigrams }).OfType<Query>();
    }

    /// <summary>
    /// <paramref name="text"/> as a phrase of words and as a phrase of bigrams (null where it has no tokens). Of text that is
    /// one run of Han characters, only the bigram phrase is highlighted: its words are adjacent runs of its characters, so
    /// the bigram phrase matches wherever the word phrase does, and the shown paragraphs need no word segmentation for it.
    /// Of text that is one ASCII word, only the word is highlighted: its bigram-field token is the word unstemmed, which
    /// the word field has wherever the bigram field does. <c>Wider</c> is the phrase that matches wherever the other does,
    /// for those two kinds of text; null for any other. Of text with a word written as an acronym (<see cref="HasAcronym"/>),
    /// the bigram phrase, the text as written with every Latin word of it unstemmed, is wider, and highlighted: it decides the
    /// matches, and the word phrase adds to their scores what it always did (OpenAI and AGI, which no stem changes, score
    /// as before).
    /// </summary>
    private (Query? Words, Query? Bigrams, Query? Wider) WordsAndBigrams(string text, List<MatchTarget> targets)
    {
        var bigramTargets = new List<MatchTarget>();
        var bigrams = Phrase(ParagraphFields.TextBigrams, text, bigramTargets);
        var wordTargets = new List<MatchTarget>();
        var words = Phrase(ParagraphFields.Text, text, wordTargets);
        if (bigrams is not null && HasAcronym(text))
        {
            targets.AddRange(bigramTargets);
            return (words, bigrams, bigrams);
        }
        bool hanRun = bigrams is not null && text.EnumerateRunes().All(IsHan);
        bool asciiWord = wordTargets is [var word] && AsciiWordSearch.WordOf(word) is not null
            && bigramTargets is [{ Terms: [var token] }] && token.Text.All(char.IsAsciiLetterOrDigit);
        if (!asciiWord)
            targets.AddRange(bigramTargets);
        if (!hanRun)
            targets.AddRange(wordTargets);
        return (words, bigrams, hanRun ? bigrams : asciiWord ? words : null);
    }

    /// <summary>
    /// Whether <paramref name="text"/> has a Latin word written as acronyms and names are, with two capitals or more and a
    /// capital last (iOS, HTTPS, CAS, macOS, HTTP, GPT): a word with no English ending to take off, which the word field's
    /// stems confuse with others (iOS with IO and grpc.io as io, HTTPS with HTTP, CAS with CA, and back). A word written in
    /// lower case or capitalised (https, Windows, GPUs) asks for the word with its endings. Full-width letters (ｉＯＳ, from
    /// an input method in full-width mode) count as the index folds them.
    /// </summary>
    private static bool HasAcronym(string text) => Acronyms().IsMatch(text.Normalize(NormalizationForm.FormKC));

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Za-z0-9]*[A-Z][A-Za-z0-9]*[A-Z](?![A-Za-z0-9])")]
    private static partial Regex Acronyms();

    /// <summary>
    /// The tokens of <paramref name="text"/> in <paramref name="field"/> at their relative positions; null when it has none.
    /// With <paramref name="targets"/> (for the text fields), the tokens are also added there as a target to highlight.
    /// </summary>
    private Query? Phrase(string field, string text, List<MatchTarget>? targets = null)
    {
        if (field is ParagraphFields.Links or ParagraphFields.Source)
        {
            text = text.Replace(" ", "%20"); // as the index writes a space in a link target ([[Python 入门]])
            if (WebAddress.Parse(text, withoutScheme: true) is { } address)
                return Page(field, text, address);
        }
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
        // A part of a word (node under node.js) adds nothing the word does not already require: the index has it wherever
        // it has the word, at the word's position. The word typed alone finds itself; a part typed alone is a word of its own.
        tokens.RemoveAll(t => t.Type == WordPartFilter.PartType);
        // A unigram under a bigram adds nothing the bigram does not already require.
        var bigramStarts = tokens.Where(t => t.Type == CJKBigramFilter.DOUBLE_TYPE).Select(t => t.Position).ToHashSet();
        tokens.RemoveAll(t => t.Type == CJKBigramFilter.SINGLE_TYPE && (bigramStarts.Contains(t.Position) || bigramStarts.Contains(t.Position - 1)));
        if (tokens.Count == 0)
            return null;
        // In the bigram field, a lone Han character has its unigram only where a paragraph's run of Han ends with it
        // (BigramUnigrams.RunEnds); where the paragraph goes on with more Han, the field holds the bigram it starts.
        var continued = tokens.Select(t => field == ParagraphFields.TextBigrams && t.Type == CJKBigramFilter.SINGLE_TYPE).ToArray();
        targets?.Add(new MatchTarget(tokens.Select(t => new Term(field, t.Term)).ToArray(), tokens.Select(t => t.Position).ToArray(),
            IsPrefix: false, Continued: continued.Contains(true) ? continued : null));
        if (tokens.Count == 1)
            return new TermQuery(new Term(continued[0] ? ParagraphFields.TextCharacters : field, tokens[0].Term));
        if (!continued.Contains(true))
        {
            var phrase = new PhraseQuery();
            foreach (var (term, position, _) in tokens)
                phrase.Add(new Term(field, term), position);
            return phrase;
        }
        // Before more Han in the query, that bigram can only be the character and the next one; at the end, any it starts.
        var alternatives = tokens.Select((token, i) =>
        {
            Term[] terms = [new Term(field, token.Term)];
            if (continued[i] && i + 1 < tokens.Count && tokens[i + 1] is { Type: CJKBigramFilter.DOUBLE_TYPE or CJKBigramFilter.SINGLE_TYPE } next
                && next.Position == token.Position + 1)
                terms = [.. terms, new Term(field, token.Term + char.ConvertFromUtf32(char.ConvertToUtf32(next.Term, 0)))];
            return (terms, token.Position);
        }).ToList();
        if (continued[^1])
            return new OpenEndedPhraseQuery(alternatives);
        var multi = new MultiPhraseQuery();
        foreach (var (terms, position) in alternatives)
            multi.Add(terms, position);
        return multi;
    }

    /// <summary>
    /// A web address in a link or source field: the page it names, one term (<see cref="WebAddress.Key"/>), not also the
    /// host's domains the analysis gives a target, which differ between www.example.com and example.com; and, written
    /// without a scheme, the target as written too, which a link so written is (a relative path, images.old/a.png).
    /// </summary>
    private static Query Page(string field, string text, WebAddress address)
    {
        var page = new TermQuery(new Term(field, address.Key));
        if (address.HasScheme)
            return page;
        return new BooleanQuery(disableCoord: true) { { page, Occur.SHOULD }, { new TermQuery(new Term(field, text.ToLowerInvariant())), Occur.SHOULD } };
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

    // A slash is syntax only where it opens a term (/regular expression/): inside one it is a character (2023/11/18,
    // TCP/IP), and a colon before // begins an address (https://…), not a field.
    [GeneratedRegex(@"[""()\[\]{}~^*?\\]|(^|\s)[+\-!/]|\b(AND|OR|NOT)\b|(^|\s)(&&|\|\|)(\s|$)|[A-Za-z_]\w*:(?!//)")]
    private static partial Regex SyntaxMarks();

    // A quoted stretch (kept as it is), or a run of Chinese punctuation that touches a term (a letter, a digit or an
    // address's slash) on one side and a term or a term's edge on the other: full-width and ideographic commas, stops,
    // colons, brackets and quotation marks. Not ‘ ’, which can be an apostrophe inside an English word.
    [GeneratedRegex(@"""[^""]*""?|(?<=[\p{L}\p{N}/])" + ChineseMarks + @"+(?=[\p{L}\p{N}]|\s|$)|(?<=^|\s)" + ChineseMarks + @"+(?=[\p{L}\p{N}])")]
    private static partial Regex ChinesePunctuation();

    private const string ChineseMarks = "[、。，；：！？（）〈〉《》「」『』【】〔〕“”…]";

    // A slash between two characters of a term; one that opens or closes a term is a regular expression's.
    [GeneratedRegex(@"(?<=[^\s:(/\\])/(?=[^\s)/])")]
    private static partial Regex InnerSlash();

    // An address (https://…, http://localhost:8080/…; without its scheme, a host and a path or a port: mp.weixin.qq.com/s?…),
    // at the start of a term or after a field's colon, a parenthesis or the < of an autolink.
    [GeneratedRegex(@"(?<=^|[\s:(<])(?:[A-Za-z][A-Za-z0-9+.\-]*://[^\s""<>]+|(?:[A-Za-z0-9\-]+\.)+[A-Za-z]{2,}(?::[0-9]+)?/[^\s""<>]*|(?:[A-Za-z0-9\-]+\.)+[A-Za-z]{2,}:[0-9]+(?=[\s)>]|$))")]
    private static partial Regex Address();

    [GeneratedRegex(@"<([A-Za-z][A-Za-z0-9+.\-]*://[^\s<>]+)>")]
    private static partial Regex AutoLink();

    /// <summary><paramref name="text"/> with each address replaced; a closing parenthesis it does not open is the query's, not its.</summary>
    private static string WithAddresses(string text, Func<string, string> replace) => Address().Replace(text, match =>
    {
        string address = match.Value, closing = "";
        for (int unopened = address.Count(c => c == ')') - address.Count(c => c == '('); unopened > 0 && address.EndsWith(')'); unopened--)
        {
            address = address[..^1];
            closing += ")";
        }
        return replace(address) + closing;
    });

    // AND, OR, && or || that opens the query, or any of them or NOT that ends it (a NOT that opens it excludes what follows).
    [GeneratedRegex(@"^\s*(?:AND|OR|&&|\|\|)(?=\s|$)|(?<=^|\s)(?:AND|OR|NOT|&&|\|\|)\s*$")]
    private static partial Regex DanglingOperator();

    // A field name, or a sign, that ends the query: the start of a term being typed (title: on the way to title:码农).
    [GeneratedRegex(@"(?<=^|\s)(?:[A-Za-z_]\w*:|[+\-!])\s*$")]
    private static partial Regex UnfinishedTerm();

    [GeneratedRegex(@"[""()]")]
    private static partial Regex PhrasesAndGroups();

    [GeneratedRegex(@"""[^""]*""")]
    private static partial Regex QuotedPhrase();

    [GeneratedRegex(@"(?<=\S)\^[0-9]+(\.[0-9]+)?")]
    private static partial Regex Boost();

    [GeneratedRegex(@"\p{Cc}")]
    private static partial Regex ControlCharacters();

    // Invisible marks that join or part nothing a reader sees (a zero-width space pasted inside 智​能, a byte-order mark),
    // left out of the text alike (FormatCharacterFilter).
    [GeneratedRegex(@"\p{Cf}")]
    private static partial Regex FormatCharacters();

    [GeneratedRegex(@"\?+(?=\s|$)")]
    private static partial Regex EndingQuestionMarks();

    /// <summary>
    /// Lucene's classic parser, with each default-field term given plain-text meaning and unbounded-cost syntax refused.
    /// It notes the targets of each query it builds, so that the one it returns comes with its own (<see cref="TargetsOf"/>).
    /// </summary>
    private sealed class SyntaxParser : QueryParser
    {
        private readonly QueryCompiler compiler;
        private readonly Dictionary<Query, IReadOnlyList<MatchTarget>> targets = new(ReferenceEqualityComparer.Instance);

        // What a query matches by its absence (智能 for NOT 智能): excluded again, as in NOT (NOT 智能), it is matched.
        private readonly Dictionary<Query, IReadOnlyList<MatchTarget>> absent = new(ReferenceEqualityComparer.Instance);

        // The groups that lost a clause, not an exclusion, for want of searchable words: '。 -智能' is not a group of exclusions only.
        private readonly HashSet<IList<BooleanClause>> emptied = new(ReferenceEqualityComparer.Instance);

        // Those groups when all they kept were exclusions: refused once parsing says whether one is the whole query.
        private readonly HashSet<Query> exclusionsAlone = new(ReferenceEqualityComparer.Instance);

        // The groups of exclusions only (NOT 智能, -人工 -智能), which match every paragraph but those.
        private readonly HashSet<Query> exclusionGroups = new(ReferenceEqualityComparer.Instance);

        public SyntaxParser(QueryCompiler compiler) : base(LuceneVersion.LUCENE_48, ParagraphFields.Text, compiler.analyzer)
        {
            this.compiler = compiler;
            DefaultOperator = AND_OPERATOR;
            AutoGeneratePhraseQueries = true;
            AllowLeadingWildcard = false;
        }

        /// <summary>
        /// Why <paramref name="parsed"/> is refused, but for what the analysis left out (<see cref="WhyNoWords"/>): it, or a
        /// group in it, excludes words beside nothing searchable (<c>。 -智能</c>), which is not a group of exclusions only;
        /// null when it is not.
        /// </summary>
        public string? ExclusionsAlone(Query parsed) =>
            exclusionsAlone.Count == 0 ? null
            : $"{(exclusionsAlone.Contains(parsed) ? "the query" : "a group of the query")} has no searchable words but what it excludes";

        /// <summary>Whether <paramref name="parsed"/> is a group of exclusions only: nothing it finds is found for a word it has.</summary>
        public bool OnlyExcludes(Query parsed) => exclusionGroups.Contains(parsed);

        /// <summary>What <paramref name="query"/>, built by this parser, matches in the paragraph text and, in the title field, in the title.</summary>
        public IReadOnlyList<MatchTarget> TargetsOf(Query query) => targets.GetValueOrDefault(query) ?? [];

        private IReadOnlyList<MatchTarget> AbsentIn(Query query) => absent.GetValueOrDefault(query) ?? [];

        // Returning null drops a clause without searchable words, as the base parser does.
        protected override Query GetFieldQuery(string field, string queryText, bool quoted)
        {
            field = CheckField(field);
            var found = new List<MatchTarget>();
            var query = field switch
            {
                ParagraphFields.Text => compiler.TermOrPage(queryText, found),
                ParagraphFields.Title => compiler.Phrase(field, queryText, found), // marked in the hit's title
                _ => compiler.Phrase(field, queryText),
            };
            if (query is not null)
                targets[query] = found;
            return query!;
        }

        // Han text has no word ends a reader sees: 智能* means 智能 followed by anything, which the run itself finds anywhere
        // (人工智能 too), where the word field's prefix would find only words that begin with it, fewer than 智能 alone.
        // An essay's id is its path as written: the parser would lower the prefix (essay:Notes/01-Papers/* found nothing).
        protected override Query GetPrefixQuery(string field, string termStr) =>
            termStr.Length > 0 && termStr.EnumerateRunes().All(IsHan) ? GetFieldQuery(field, termStr, quoted: false)
            : CheckField(field) is ParagraphFields.Essay ? NewPrefixQuery(new Term(ParagraphFields.Essay, termStr))
            : base.GetPrefixQuery(CheckField(field), termStr);

        protected override Query NewPrefixQuery(Term prefix)
        {
            // The start of a word as written, in the bigram field, which holds Latin words whole and unstemmed, as the
            // page's completions do: the word field's stems would miss iOS (io) for ios*, and runn* for running (run).
            if (prefix.Field == ParagraphFields.Text)
                prefix = new Term(ParagraphFields.TextBigrams, prefix.Text);
            var query = base.NewPrefixQuery(prefix);
            if (prefix.Field is ParagraphFields.TextBigrams or ParagraphFields.Title)
                targets[query] = [new MatchTarget([prefix], [0], IsPrefix: true)];
            return query;
        }

        // The base parser drops a clause without searchable words (null).
        protected override void AddClause(IList<BooleanClause> clauses, int conj, int mods, Query q)
        {
            if (q is null && mods != MOD_NOT)
                emptied.Add(clauses);
            base.AddClause(clauses, conj, mods, q);
        }

        // A group matches what its clauses match, less the excluded ones; a group of exclusions only (NOT 智能, -人工)
        // matches every paragraph but those, where Lucene's would match nothing.
        protected override Query GetBooleanQuery(IList<BooleanClause> clauses, bool disableCoord)
        {
            bool emptiedGroup = emptied.Contains(clauses);
            // A group of exclusions only, excluded (NOT (NOT 智能)), is what it excludes, required: found and ranked as 智能 is.
            clauses = clauses.Select(c => c.Occur == Occur.MUST_NOT && exclusionGroups.Contains(c.Query) ? new BooleanClause(Excluded(c.Query), Occur.MUST) : c).ToList();
            bool onlyExclusions = clauses.Count > 0 && clauses.All(c => c.Occur == Occur.MUST_NOT);
            if (onlyExclusions)
                clauses = [new BooleanClause(new MatchAllDocsQuery(), Occur.MUST), .. clauses];
            var query = base.GetBooleanQuery(clauses, disableCoord);
            if (query is not null)
            {
                if (onlyExclusions)
                    exclusionGroups.Add(query);
                if (onlyExclusions && emptiedGroup)
                    exclusionsAlone.Add(query);
                targets[query] = clauses.SelectMany(c => c.Occur == Occur.MUST_NOT ? AbsentIn(c.Query) : TargetsOf(c.Query)).ToList();
                absent[query] = clauses.SelectMany(c => c.Occur == Occur.MUST_NOT ? TargetsOf(c.Query) : AbsentIn(c.Query)).ToList();
            }
            return query!;
        }

        /// <summary>What a group of exclusions only (<paramref name="group"/>) excludes: any of its excluded clauses.</summary>
        private Query Excluded(Query group)
        {
            var excluded = ((BooleanQuery)group).Clauses.Where(c => c.Occur == Occur.MUST_NOT).Select(c => c.Query).ToList();
            if (excluded is [var one])
                return one;
            var any = new BooleanQuery(disableCoord: true);
            foreach (var query in excluded)
                any.Add(query, Occur.SHOULD);
            targets[any] = AbsentIn(group);
            return any;
        }

        protected override Query GetWildcardQuery(string field, string termStr) =>
            throw new Refused("only a trailing * is supported as a wildcard");

        protected override Query GetFuzzyQuery(string field, string termStr, float minSimilarity) =>
            throw new Refused("fuzzy search (~) is not supported");

        protected override Query GetRegexpQuery(string field, string termStr) =>
            throw new Refused("regular expressions are not supported");

        protected override Query GetRangeQuery(string field, string part1, string part2, bool startInclusive, bool endInclusive) =>
            throw new Refused("ranges are not supported");

        // A field's name in any case (Title:反思 as title:反思).
        private static string CheckField(string field) =>
            field == ParagraphFields.Text ? field
            : SearchableFields.FirstOrDefault(known => known.Equals(field, StringComparison.OrdinalIgnoreCase))
              ?? throw new Refused($"unknown field '{field}' (fields: {string.Join(", ", SearchableFields)})");
    }

    /// <summary>Syntax the parser understands but this engine refuses; its message is shown to the user as is.</summary>
    private sealed class Refused(string message) : ParseException(message);
}
