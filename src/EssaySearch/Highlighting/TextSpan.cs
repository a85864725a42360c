namespace EssaySearch.Highlighting;

/// <summary>A half-open range <c>[Start, End)</c> of UTF-16 code units in a text.</summary>
public readonly record struct TextSpan(int Start, int End)
{
    /// <summary>Number of code units covered.</summary>
    public int Length => End - Start;
}

/// <summary>
/// A match in a paragraph, and which of the query's targets found it (<see cref="MatchLocator.LocateFound"/>): the
/// matches of one target are of one word typed, however they are written (run, running; the OpenAI and Airbnb a half-typed
/// word starts), which a snippet shows once.
/// </summary>
internal readonly record struct FoundSpan(TextSpan Span, int Target);

/// <summary>
/// The fragment of a paragraph that shows the most of its matches; when words it matched lie too far apart for one
/// fragment, with a short fragment around each of up to two more.
/// </summary>
/// <param name="Text">The fragments, in paragraph order, with <c>…</c> wherever the paragraph was cut (between two fragments too).</param>
/// <param name="Highlights">Matches within <see cref="Text"/>.</param>
public sealed record Snippet(string Text, IReadOnlyList<TextSpan> Highlights);
