using System.Collections.ObjectModel;
using EssaySearch.Highlighting;

namespace EssaySearch.Searching;

/// <summary>One matching paragraph.</summary>
/// <param name="Rank">Position in the whole result list, from 1.</param>
/// <param name="Score">Relevance (TF-IDF, Lucene's default similarity); higher is better.</param>
/// <param name="Essay">Essay id.</param>
/// <param name="Title">Essay title.</param>
/// <param name="TitleHighlights">The query's words in <see cref="Title"/>, as offsets into it, sorted and non-overlapping: what
/// <see cref="Highlights"/> would mark if the title were the paragraph, and the words of <c>title:</c> clauses; empty when it
/// has none.</param>
/// <param name="Author">Essay author(s).</param>
/// <param name="Published">Publication date, ISO 8601, or empty.</param>
/// <param name="Section">Heading the paragraph stands under, or empty.</param>
/// <param name="Paragraph">Paragraph number within the essay, from 1; 0 for an essay without paragraphs (front matter or a
/// title alone), found by its metadata, whose <paramref name="Text"/> is empty.</param>
/// <param name="File">The essay's file, relative to the seeds folder, with <c>/</c> between folders (<c>随笔/奇点.md</c>).</param>
/// <param name="Line">The line of the file where the paragraph starts, from 1 (to open it there in an editor).</param>
/// <param name="Text">The whole paragraph.</param>
/// <param name="Code">Whether the paragraph is a code block (fenced or indented, or a block of maths: TeX as written) rather
/// than prose: its line breaks and indentation are the code's, to be shown in a monospaced font.</param>
/// <param name="Highlights">Every occurrence of what matched, as offsets into <see cref="Text"/>, sorted and non-overlapping.</param>
/// <param name="Snippet">The best fragment around the matches.</param>
public sealed record Hit(
    int Rank,
    float Score,
    string Essay,
    string Title,
    IReadOnlyList<TextSpan> TitleHighlights,
    string Author,
    string Published,
    string Section,
    int Paragraph,
    string File,
    int Line,
    string Text,
    bool Code,
    IReadOnlyList<TextSpan> Highlights,
    Snippet Snippet);

/// <summary>The answer to a query.</summary>
/// <param name="Query">The query as given.</param>
/// <param name="Total">Number of matching paragraphs in all, or, when <paramref name="TotalExact"/> is false, at least this many.</param>
/// <param name="TotalExact">Whether <paramref name="Total"/> is exact. It is when fewer than 1,000 paragraphs match; past them, a
/// search may step over paragraphs that cannot rank among the hits asked for, without counting them (the hits are the same).</param>
/// <param name="Hits">The requested page of hits, best first.</param>
/// <param name="Notice">How the query was understood when not as given, in one line: searched as plain text because its syntax
/// was not understood, or relaxed because nothing matched it strictly (and how); or that it only excludes words, so that every
/// paragraph it does not exclude is listed, unranked, in corpus order; otherwise null.</param>
/// <param name="Searched">What was finally searched: the query as given (less control characters and the <c>?</c> that ends a
/// question: <c>奇点</c> for <c>奇点?</c>; Chinese punctuation as spaces: <c>董事会 解雇</c> for <c>董事会、解雇</c>), or the words a
/// relaxed query kept.</param>
/// <param name="LeftOut">The function and question words a relaxed query left out (的, 什么, 如何 …); empty otherwise.</param>
/// <param name="Relaxation">How far a plain query was relaxed before it found anything (or before it gave up): for a caller that
/// says so in its own words, where <paramref name="Notice"/> says it in English.</param>
/// <param name="AsPlainText">Whether the query's syntax was not understood, so that it was searched as plain text (<paramref name="Notice"/> says why).</param>
/// <param name="Translated">The English words of a relaxed query that were also searched as their Chinese translations
/// (<c>robots</c>: 机器人), with those; empty otherwise.</param>
/// <param name="Unranked">Whether the query only excludes words (<c>-智能</c>): every paragraph it does not exclude is a hit, all
/// with the same score, listed in corpus order (by essay id, then paragraph) rather than ranked; <paramref name="Notice"/> says so too.</param>
public sealed record SearchResults(string Query, int Total, bool TotalExact, IReadOnlyList<Hit> Hits, string? Notice, string Searched, IReadOnlyList<string> LeftOut,
    Relaxation Relaxation, bool AsPlainText, IReadOnlyDictionary<string, IReadOnlyList<string>> Translated, bool Unranked)
{
    /// <summary>
    /// The words of a relaxed query (<see cref="Searched"/>) that no paragraph can have, in its text or its essay's metadata, as
    /// a term of each of their ways to match is in none (for a Han word, its characters side by side), whether others found the
    /// hits or none did: mostly a word mistyped (<c>hashmpa</c> in
    /// <c>hashmpa 扩容</c>), which <see cref="Notice"/> names too; empty otherwise. A word whose terms are all in the index,
    /// though never together, is not named.
    /// </summary>
    public IReadOnlyList<string> NotFound { get; init; } = [];

    /// <summary>
    /// For a question (<see cref="Relaxation.Question"/>): how many paragraphs have it as written, which come first, before the
    /// others with its words (each group in its own order: their scores are of two rankings); 0 otherwise.
    /// </summary>
    public int FoundAsWritten { get; init; }

    /// <summary>
    /// The words of a relaxed query that no paragraph has, searched as the words inside them (<c>超级计算机</c>: <c>超级</c>,
    /// <c>计算机</c>), with those, when none of its words found anything as they were; empty otherwise.
    /// <see cref="Searched"/> holds those words, and <see cref="Notice"/> says so too.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Split { get; init; } = ReadOnlyDictionary<string, IReadOnlyList<string>>.Empty;
}

/// <summary>How far a plain query was relaxed (README, "How a query is matched"); Lucene syntax is never relaxed.</summary>
public enum Relaxation
{
    /// <summary>Searched as written: strictly, every term in the paragraph text; or as its syntax says.</summary>
    None,

    /// <summary>No paragraph had every term in its text: every term in the text or the essay's title, author, section or tags.</summary>
    Metadata,

    /// <summary>
    /// No paragraph had the query as written: any of its words (<see cref="SearchResults.Searched"/>), function and question
    /// words left out (<see cref="SearchResults.LeftOut"/>), paragraphs with more of them first.
    /// </summary>
    Words,

    /// <summary>
    /// A question (a query with a word that asks: 什么是死锁, 比特币 是什么, how): the paragraphs that have it as written
    /// (<see cref="SearchResults.FoundAsWritten"/>) first, then the others with its words, as <see cref="Words"/> finds them.
    /// Matched as written alone, it found the paragraphs that happen to ask it (an overview that lists the question), not
    /// those that answer it. A question in quotes is matched as written only.
    /// </summary>
    Question,
}
