using EssaySearch.Highlighting;

namespace EssaySearch.Searching;

/// <summary>An essay in the index.</summary>
/// <param name="Essay">Essay id.</param>
/// <param name="Title">Essay title.</param>
/// <param name="Author">Essay author(s).</param>
/// <param name="Published">Publication date, ISO 8601, or empty.</param>
/// <param name="Source">Where the essay was published (a URL), or empty.</param>
/// <param name="File">The essay's file, relative to the seeds folder, with <c>/</c> between folders.</param>
/// <param name="Paragraphs">Number of paragraphs indexed; 0 for an essay without paragraphs (front matter or a title alone), indexed for its metadata.</param>
public sealed record EssaySummary(string Essay, string Title, string Author, string Published, string Source, string File, int Paragraphs);

/// <summary>One paragraph of an essay read whole.</summary>
/// <param name="Paragraph">Paragraph number within the essay, from 1.</param>
/// <param name="Section">Heading the paragraph stands under, or empty.</param>
/// <param name="Line">The line of the essay's file where the paragraph starts, from 1.</param>
/// <param name="Text">The paragraph as written.</param>
/// <param name="Code">Whether the paragraph is a code block rather than prose, as <see cref="Hit.Code"/>.</param>
/// <param name="Highlights">The matches of the query the essay was read with, as offsets into <see cref="Text"/>; empty without a query.</param>
public sealed record EssayParagraph(int Paragraph, string Section, int Line, string Text, bool Code, IReadOnlyList<TextSpan> Highlights);

/// <summary>Every paragraph of one essay, in order.</summary>
/// <param name="Summary">The essay's metadata.</param>
/// <param name="TitleHighlights">The matches of the query in <see cref="EssaySummary.Title"/>, as a hit's title has them
/// (<see cref="Hit.TitleHighlights"/>); empty without a query.</param>
/// <param name="Paragraphs">Its paragraphs, in order.</param>
/// <param name="Searched">What the highlights mark, as <see cref="SearchResults.Searched"/>: the query as given, or the words a
/// relaxed query kept; null when the essay was read without a query.</param>
/// <param name="Relaxation">How far the query was relaxed, as <see cref="SearchResults.Relaxation"/>: with <see cref="Relaxation.Words"/>
/// or <see cref="Relaxation.Question"/>, each of the words is marked on its own (but in a question's paragraphs that have it
/// as written, marked as its hits mark them).</param>
/// <param name="Notice">How the query was understood when not as given, as <see cref="SearchResults.Notice"/> (that it only
/// excludes words, say, so that nothing in the essay is marked for it); null otherwise.</param>
/// <param name="Unranked">Whether the query only excludes words, as <see cref="SearchResults.Unranked"/>: it finds paragraphs by what they lack,
/// which leaves nothing to mark (unless it excludes an exclusion: <c>NOT (NOT 反思)</c>).</param>
public sealed record EssayText(EssaySummary Summary, IReadOnlyList<TextSpan> TitleHighlights, IReadOnlyList<EssayParagraph> Paragraphs, string? Searched, Relaxation Relaxation, string? Notice, bool Unranked);
