using EssaySearch.Highlighting;
using Lucene.Net.Search;

namespace EssaySearch.Searching;

/// <summary>One way of searching a query (see <see cref="QueryCompiler.Compile"/>).</summary>
/// <param name="Query">The Lucene query.</param>
/// <param name="Targets">What the query matches in the paragraph text, for highlighting: every term, phrase and prefix of its
/// clauses that can make a paragraph match through its text (excluded clauses name none).</param>
/// <param name="TitleTargets">What to mark in the essay's title: <see cref="Targets"/>, found in the title as in a paragraph (the
/// words typed are the reader's words there too, whether the text or the title found the paragraph), and the terms and prefixes
/// of its <c>title:</c> clauses (excluded clauses name none).</param>
/// <param name="Searched">What is searched, as text: the query as given, or the words a relaxed attempt keeps.</param>
/// <param name="LeftOut">Function and question words a relaxed attempt leaves out.</param>
/// <param name="Notice">How the query was understood, when not as given; null otherwise.</param>
/// <param name="OnlyIf">A cheaper query without whose matches this attempt cannot match anything: the attempt is skipped when it finds nothing.</param>
/// <param name="Relaxation">How far the query is relaxed in this attempt.</param>
/// <param name="AsPlainText">The query's syntax was not understood, and it is searched as plain text.</param>
/// <param name="Translated">The English words a relaxed attempt also searches as Chinese ones, with those; null when none.</param>
/// <param name="Rescore">Scored only for the paragraphs <see cref="Query"/> ranks first (<see cref="Rescoring"/>), its score added
/// to theirs; it neither adds nor removes a paragraph.</param>
/// <param name="Unranked">The query only excludes words: every paragraph it finds scores the same, and they are listed in corpus order.</param>
/// <param name="Words">A relaxed attempt's words, each with what matches it; null for any other attempt.</param>
/// <param name="NotFound">The <paramref name="Words"/> that no paragraph has, once the attempt has been searched.</param>
/// <param name="AsWritten">For a question (<see cref="Relaxation.Question"/>): the attempt of the query as written, whose
/// paragraphs come first, before the others with its words, and are highlighted as it marks them; null for any other attempt.</param>
/// <param name="FoundAsWritten">How many paragraphs <paramref name="AsWritten"/> found, once the attempt has been searched.</param>
/// <param name="Split">The words a relaxed attempt searches as the words inside them (<see cref="QueryCompiler"/>), with those; null when none.</param>
internal sealed record QueryAttempt(Query Query, IReadOnlyList<MatchTarget> Targets, IReadOnlyList<MatchTarget> TitleTargets, string Searched, IReadOnlyList<string> LeftOut, string? Notice,
    Query? OnlyIf = null, Relaxation Relaxation = Relaxation.None, bool AsPlainText = false,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Translated = null, SecondPass? Rescore = null, bool Unranked = false,
    IReadOnlyList<(string Word, Query Matches)>? Words = null, IReadOnlyList<string>? NotFound = null, QueryAttempt? AsWritten = null, int FoundAsWritten = 0,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Split = null)
{
    /// <summary>Ranked by <see cref="RelaxedSimilarity"/> (<see cref="IndexSnapshot.RelaxedSearcher"/>) rather than Lucene's default.</summary>
    public bool Relaxed => Relaxation is Relaxation.Words or Relaxation.Question;
}
