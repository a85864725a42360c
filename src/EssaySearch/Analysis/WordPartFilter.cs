using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;

namespace EssaySearch.Analysis;

/// <summary>
/// Adds the parts of a word that a dot, a colon or an underscore joins, stacked on it: Unicode's word rules (UAX #29, which
/// <see cref="StandardTokenizer"/> follows) keep <c>Node.js</c>, <c>self.q_table</c>, <c>XX:NewRatio</c> and
/// <c>snake_case_name</c> whole, so that node, q_table, NewRatio or table found nothing there. The word stays, so that it and phrases with it are found as before,
/// and each part follows it at its position (no position increment), with the offsets of the part in the text:
/// <list type="bullet">
/// <item>each piece between dots and underscores (<c>node.js</c> → <c>node</c>, <c>js</c>; <c>__init__</c> → <c>init</c>),
/// but a piece of digits alone (<c>v1.2.3</c> → <c>v1</c>; <c>python3.12</c> → <c>python3</c>): a version's or a number's
/// digits say nothing found alone;</item>
/// <item>each name between dots that underscores join (<c>self.q_table</c> → <c>q_table</c>), as a reader names a field or
/// a function of an object.</item>
/// </list>
/// A word of digits alone stays as it is (<c>3.14</c>, <c>2024.03.15</c>, <c>1_000</c>), and so does every other word:
/// nothing is parted at case changes (<c>OpenAI</c>) or between letters and digits (<c>gpt4</c>), and a hyphen parts
/// words in the tokenizer already (<c>GPT-4</c>). Each part once (<c>a.a</c> → <c>a</c>), in the order of the text.
/// </summary>
/// <remarks>
/// Lucene's <c>WordDelimiterFilter</c> parts words, but not so: it gives the parts after the first positions of their
/// own, which moves every later token of the text (a phrase <c>用Node.js写</c> then matches only where the query has the
/// parts too), and it joins parts without their delimiter (<c>selfqtable</c>, never <c>q_table</c>). A query drops the
/// parts (<see cref="PartType"/>): the word alone finds itself, and a part typed alone is a word of its own.
/// </remarks>
internal sealed class WordPartFilter : TokenFilter
{
    /// <summary>The type of a part; its word keeps the tokenizer's.</summary>
    public const string PartType = "<WORD_PART>";

    private static readonly string WordType = StandardTokenizer.TOKEN_TYPES[StandardTokenizer.ALPHANUM];
    private static readonly string NumberType = StandardTokenizer.TOKEN_TYPES[StandardTokenizer.NUM];

    private readonly ICharTermAttribute term;
    private readonly IOffsetAttribute offset;
    private readonly IPositionIncrementAttribute increment;
    private readonly ITypeAttribute type;

    private char[] word = new char[64];
    private readonly List<(int Start, int End)> parts = [];
    private int next;
    private int wordStart, wordEnd;
    private bool exact; // the word's offsets span as many characters as it has, so a part's are the word's plus its own

    /// <summary>
    /// What the tokenizer reads of the text now, where it left format characters out: the offsets of a part of a word
    /// with one inside (<c>node​.js</c>) are found through it. Set by <see cref="Components"/>.
    /// </summary>
    private FormatCharacterFilter? read;

    public WordPartFilter(TokenStream input) : base(input)
    {
        term = AddAttribute<ICharTermAttribute>();
        offset = AddAttribute<IOffsetAttribute>();
        increment = AddAttribute<IPositionIncrementAttribute>();
        type = AddAttribute<ITypeAttribute>();
    }

    public override bool IncrementToken()
    {
        if (next < parts.Count)
        {
            var (start, end) = parts[next++];
            term.CopyBuffer(word, start, end - start);
            if (exact)
                offset.SetOffset(wordStart + start, wordStart + end);
            else if (read is not null)
                offset.SetOffset(read.InText(wordStart, start), read.InText(wordStart, end));
            else
                offset.SetOffset(wordStart, wordEnd); // read through another filter: the word's own offsets
            increment.PositionIncrement = 0;
            type.Type = PartType;
            return true;
        }
        if (!m_input.IncrementToken())
            return false;
        parts.Clear();
        next = 0;
        if (type.Type is { } kind && (kind == WordType || kind == NumberType) && term.Buffer.AsSpan(0, term.Length).IndexOfAny('.', '_', ':') >= 0)
            FindParts();
        return true;
    }

    private void FindParts()
    {
        int length = term.Length;
        if (word.Length < length)
            word = new char[Math.Max(length, word.Length * 2)];
        term.Buffer.AsSpan(0, length).CopyTo(word);
        var text = word.AsSpan(0, length);
        bool dotted = text.ContainsAny('.', ':');
        int segmentStart = 0, pieceStart = 0;
        for (int at = 0; at <= length; at++)
        {
            // A colon between letters parts names as a dot does (-XX:NewRatio, Note:see); Unicode's word rules keep it inside.
            char c = at >= length ? '.' : text[at] == ':' ? '.' : text[at];
            if (c is not ('.' or '_'))
                continue;
            // A name between dots that underscores join; the word itself, undotted, is no part.
            if (c == '.' && dotted && at > segmentStart && text[segmentStart..at].Contains('_') && !Numeric(text[segmentStart..at]))
                Add(segmentStart, at);
            if (at > pieceStart && !Numeric(text[pieceStart..at]))
                Add(pieceStart, at);
            pieceStart = at + 1;
            if (c == '.')
                segmentStart = at + 1;
        }
        // In the order of the text (a name before its pieces), as offsets must go.
        parts.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        exact = offset.EndOffset - offset.StartOffset == length;
        (wordStart, wordEnd) = (offset.StartOffset, offset.EndOffset);
    }

    private void Add(int start, int end)
    {
        var part = word.AsSpan(start, end - start);
        foreach (var (s, e) in parts)
        {
            if (word.AsSpan(s, e - s).SequenceEqual(part))
                return;
        }
        parts.Add((start, end));
    }

    /// <summary>Whether a piece or name is digits (and underscores) alone.</summary>
    private static bool Numeric(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (c != '_' && !char.IsDigit(c))
                return false;
        }
        return true;
    }

    /// <summary>
    /// The components of an analysis whose tokenizer reads <see cref="FormatCharacterFilter.Without"/> and whose
    /// <paramref name="stream"/> has <paramref name="parts"/> (and <paramref name="gaps"/>, if any): they tell those filters
    /// each text read.
    /// </summary>
    public static TokenStreamComponents Components(Tokenizer tokenizer, TokenStream stream, WordPartFilter parts, TextReader reader,
        SeparatorGapFilter? gaps = null)
    {
        var components = new PartsComponents(tokenizer, stream, parts, gaps);
        components.Tell(reader);
        return components;
    }

    private sealed class PartsComponents(Tokenizer tokenizer, TokenStream stream, WordPartFilter parts, SeparatorGapFilter? gaps)
        : TokenStreamComponents(tokenizer, stream)
    {
        public void Tell(TextReader reader)
        {
            parts.read = reader as FormatCharacterFilter;
            if (gaps is not null)
                gaps.Read = reader as FormatCharacterFilter;
        }

        protected override void SetReader(TextReader reader)
        {
            Tell(reader);
            base.SetReader(reader);
        }
    }

    public override void Reset()
    {
        base.Reset();
        parts.Clear();
        next = 0;
    }
}
