namespace EssaySearch.Highlighting;

/// <summary>A half-open range <c>[Start, End)</c> of UTF-16 code units in a text.</summary>
public readonly record struct TextSpan(int Start, int End)
{
    /// <summary>Number of code units covered.</summary>
    public int Length => End - Start;
}

/// <summary>A fragment of a paragraph around its matches.</summary>
/// <param name="Text">The fragment, with <c>…</c> where the paragraph was cut.</param>
/// <param name="Highlights">Matches within <see cref="Text"/>.</param>
public sealed record Snippet(string Text, IReadOnlyList<TextSpan> Highlights);
