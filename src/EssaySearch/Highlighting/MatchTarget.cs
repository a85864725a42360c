using Lucene.Net.Index;

namespace EssaySearch.Highlighting;

/// <summary>
/// Something a query looks for in the paragraph text (or, for <c>title:</c> syntax, in the title): terms at relative
/// positions, or a term prefix. The query compiler names the targets of each query it builds
/// (<see cref="Searching.QueryAttempt.Targets"/>, <see cref="Searching.QueryAttempt.TitleTargets"/>), so that highlighting
/// marks what the query matches without taking the Lucene query apart.
/// </summary>
/// <param name="Terms">The terms of a phrase (one for a single term); for a prefix, the prefix alone.</param>
/// <param name="Positions">Each term's position relative to the others.</param>
/// <param name="IsPrefix">Whether <see cref="Terms"/> holds a prefix that any indexed term may extend.</param>
/// <param name="Continued">Which terms are a lone Han character that a paragraph may continue with more Han: the bigram
/// field holds there the bigram the character starts, not its unigram (<see cref="Analysis.BigramUnigrams.RunEnds"/>),
/// so any token that starts with it stands for it (the next term's position still decides what follows); null for none.</param>
internal sealed record MatchTarget(Term[] Terms, int[] Positions, bool IsPrefix, bool[]? Continued = null);
