namespace EssaySearch.Searching;

/// <summary>What one search returns.</summary>
/// <param name="Limit">Hits per page, at least 1.</param>
/// <param name="Offset">Hits to skip, for paging.</param>
/// <param name="SnippetLength">Longest snippet, in characters, ellipses excluded.</param>
/// <param name="WholeParagraph">Return the whole paragraph as the snippet instead of a fragment.</param>
/// <param name="ExactTotal">
/// Count every matching paragraph, however many. By default the total is exact up to 1,000 matches and may be a lower
/// bound past them (<see cref="SearchResults.TotalExact"/>), which spares scoring the paragraphs that cannot rank among
/// the hits asked for; the hits are the same either way.
/// </param>
/// <param name="LastWordAsPrefix">
/// The query is being typed: its last word, when it is a Latin word of two letters or digits or more, is read as typed
/// (not stemmed: <c>javas</c> is no <c>java</c>) and also finds the words it starts (<c>opena</c> finds OpenAI, in the text
/// and in titles, authors, sections and tags), each ranked as that word would be (the likelier completions first), below
/// the word itself, as a search box that answers while the user types does. Plain text only: syntax (<c>title:opena</c>)
/// is searched as written. Chinese needs none: any part of a run of Han characters is found.
/// </param>
public sealed record SearchOptions(int Limit = 10, int Offset = 0, int SnippetLength = 120, bool WholeParagraph = false, bool ExactTotal = false,
    bool LastWordAsPrefix = false)
{
    internal void Validate()
    {
        if (Limit < 1)
            throw new ArgumentOutOfRangeException(nameof(Limit), Limit, "limit must be at least 1");
        if (Offset < 0)
            throw new ArgumentOutOfRangeException(nameof(Offset), Offset, "offset must not be negative");
        if (SnippetLength < 10)
            throw new ArgumentOutOfRangeException(nameof(SnippetLength), SnippetLength, "snippet length must be at least 10");
    }
}
