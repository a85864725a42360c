using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace EssaySearch.Analysis;

/// <summary>
/// Lower-cases each token exactly as Lucene's <c>LowerCaseFilter</c> does (the invariant culture's case mapping), but
/// maps ASCII directly and leaves tokens of Han ideographs, which have no case, alone: the culture's mapping is a call
/// into ICU per token, and most tokens here are Han.
/// </summary>
internal sealed class QuickLowerCaseFilter : TokenFilter
{
    private readonly ICharTermAttribute termAtt;

    public QuickLowerCaseFilter(TokenStream input) : base(input) => termAtt = AddAttribute<ICharTermAttribute>();

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
            return false;
        var term = termAtt.Buffer.AsSpan(0, termAtt.Length);
        foreach (char c in term)
        {
            if (c >= 0x80 && !IsHanIdeograph(c))
            {
                Span<char> lower = term.Length <= 256 ? stackalloc char[term.Length] : new char[term.Length];
                term.ToLowerInvariant(lower);
                lower.CopyTo(term);
                return true;
            }
        }
        foreach (ref char c in term)
        {
            if (c is >= 'A' and <= 'Z')
                c = (char)(c + ('a' - 'A'));
        }
        return true;
    }

    // The BMP's unified and compatibility ideographs; those beyond it take the general path with every other surrogate.
    private static bool IsHanIdeograph(char c) => c is >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF';
}
