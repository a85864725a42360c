using System.Buffers;
using System.Globalization;
using Lucene.Net.Analysis.CharFilters;

namespace EssaySearch.Analysis;

/// <summary>
/// What the analyses read of a text: its format characters (Unicode's Cf: the zero-width space, the soft hyphen, the word
/// joiner, a byte-order mark, direction marks) left out, and wide separators read as spaces (<see cref="WideSeparatorReader"/>).
/// A format character is invisible, and parts nothing a reader sees; but the tokenizer parted words at a zero-width space
/// (超级​智能 in a clipped page could not be found as 超级智能, nor infor​mation as information) and kept a soft hyphen
/// inside the word it hyphenates (tech­nology). A query drops them alike (<c>QueryCompiler</c>). Offsets are corrected to
/// the text's, so that highlights mark the text as written.
/// </summary>
/// <remarks>
/// Lucene's <see cref="MappingCharFilter"/>, mapping each of them to nothing, does the same, but reads every character
/// through its map: it made whole index builds 15–25% slower (README, "Analysis"). This one passes a text without any
/// of them through as it is read.
/// </remarks>
internal sealed class FormatCharacterFilter : BaseCharFilter
{
    /// <summary>
    /// The format characters left out: the Basic Multilingual Plane's, as .NET's Unicode tables class them (the few of other
    /// planes, tags and musical formatting, stand in no text a reader searches).
    /// </summary>
    public static SearchValues<char> Characters { get; } = SearchValues.Create(
        Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(c => char.GetUnicodeCategory(c) == UnicodeCategory.Format).ToArray());

    private readonly char[] one = new char[1];
    private int returned; // characters handed on so far
    private int leftOut;  // format characters left out so far
    private readonly List<(int At, int LeftOut)> corrections = []; // as handed to AddOffCorrectMap: from At on, LeftOut more

    private FormatCharacterFilter(WideSeparatorReader text) : base(text) => Separators = text;

    /// <summary><paramref name="text"/> as the analyses read it.</summary>
    public static TextReader Without(TextReader text) => new FormatCharacterFilter(new WideSeparatorReader(text));

    /// <summary>The text as read before format characters are left out: where its separators stand, in the text's offsets.</summary>
    public WideSeparatorReader Separators { get; }

    public override int Read(char[] buffer, int index, int count)
    {
        while (true)
        {
            int read = m_input.Read(buffer, index, count);
            if (read <= 0)
                return read;
            var chars = buffer.AsSpan(index, read);
            int kept = chars.IndexOfAny(Characters);
            if (kept < 0)
            {
                returned += read;
                return read;
            }
            for (int i = kept; i < chars.Length; i++)
            {
                if (Characters.Contains(chars[i]))
                {
                    AddOffCorrectMap(returned + kept, ++leftOut); // what follows stands that much further on in the text
                    corrections.Add((returned + kept, leftOut));
                }
                else
                    chars[kept++] = chars[i];
            }
            returned += kept;
            if (kept > 0)
                return kept;
            // All of it left out: read on, as nothing read means the end of the text.
        }
    }

    public override int Read() => Read(one, 0, 1) == 1 ? one[0] : -1;

    /// <summary>
    /// Where in the text the character stands that is <paramref name="into"/> characters into a token starting at
    /// <paramref name="start"/> in the text (as the tokenizer's corrected offsets say), counting only the characters read:
    /// a part of a word with a format character inside it (<see cref="WordPartFilter"/>). Offsets of a token's end alike.
    /// </summary>
    public int InText(int start, int into)
    {
        // The token's start as read: the text's, less the format characters left out before it. A correction from At on
        // maps offsets read to At + LeftOut and on; the last that maps to no later than start is the token's.
        int before = 0;
        for (int i = corrections.Count - 1; i >= 0; i--)
        {
            if (corrections[i].At + corrections[i].LeftOut <= start)
            {
                before = corrections[i].LeftOut;
                break;
            }
        }
        return CorrectOffset(start - before + into);
    }
}
