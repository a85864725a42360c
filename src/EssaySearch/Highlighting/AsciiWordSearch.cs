using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using EssaySearch.Analysis;
using EssaySearch.Schema;

namespace EssaySearch.Highlighting;

/// <summary>
/// Finds a word-field target that is one ASCII word (a Latin word or a number, as the word analysis stems it) without
/// segmenting the paragraph's Han text into words, the dearest step of analyzing it. The word analysis passes tokens of
/// other scripts on as the tokenizer made them, folded, widened, lowered and stemmed; the bigram analysis makes the same
/// tokens, folded, widened and lowered, and no others of ASCII. So the word's occurrences are the bigram analysis's ASCII
/// tokens that stem to it, taken before the bigram filter joins CJK characters (<see cref="BigramAnalyzer.Unjoined"/>),
/// which passes them through as they are. <c>PropertyTests</c> checks the spans against analyzing the word field.
/// </summary>
internal static class AsciiWordSearch
{
    /// <summary>The stemmed ASCII word a target looks for in the word field; null for any other target.</summary>
    public static string? WordOf(MatchTarget target) =>
        target is { IsPrefix: false, Terms: [{ Field: ParagraphFields.Text } term] } && term.Text.Length > 0 && term.Text.All(char.IsAsciiLetterOrDigit)
            ? term.Text
            : null;

    /// <summary>Where in <paramref name="text"/> the word analysis has one of <paramref name="words"/> (see <see cref="WordOf"/>), and which.</summary>
    public static IEnumerable<(TextSpan Span, string Word)> Find(Analyzer analysis, string text, IReadOnlySet<string> words)
    {
        // A stem begins with its word's first letter (Porter's stemmer changes endings only), which rules out most tokens unstemmed.
        var initials = words.Select(word => word[0]).ToHashSet();
        // Word: which word of the text a token is, a word's parts (node in node.js) standing with it, as at its position.
        var candidates = new List<(string Token, TextSpan Span, int Word)>();
        int word = -1;
        foreach (var (start, end) in Stretches(text))
        {
            using var stream = BigramAnalyzer.Unjoined.GetTokenStream(ParagraphFields.TextBigrams, text[start..end]);
            var term = stream.AddAttribute<ICharTermAttribute>();
            var offset = stream.AddAttribute<IOffsetAttribute>();
            var increment = stream.AddAttribute<IPositionIncrementAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                if (increment.PositionIncrement > 0)
                    word++;
                var chars = term.Buffer.AsSpan(0, term.Length);
                if (chars.Length > 0 && initials.Contains(chars[0]) && !chars.ContainsAnyExceptInRange((char)0, (char)0x7F))
                    candidates.Add((chars.ToString(), new TextSpan(start + offset.StartOffset, start + offset.EndOffset), word));
            }
            stream.End();
        }
        var stems = new Dictionary<string, string>(StringComparer.Ordinal);
        var found = new HashSet<(int, string)>();
        foreach (var (token, span, at) in candidates)
        {
            if (!stems.TryGetValue(token, out var stem))
                stems[token] = stem = Stem(analysis, token);
            // Two parts of one word may stem alike (running.runs): the analysis marks the first (MatchLocator.Occurrences).
            if (words.Contains(stem) && found.Add((at, stem)))
                yield return (span, stem);
        }
    }

    /// <summary>
    /// The stretches of <paramref name="text"/> between runs of Han that have a letter or a digit: the tokenizer makes each
    /// Han character a token of its own, so no token spans one, and the tokens of a stretch analyzed alone are those it has
    /// in the text. An ASCII token comes from letters and digits (full-width ones are folded, a few others lower-case to
    /// ASCII), so a stretch without any has none. Most of a Chinese paragraph is Han, which is thus never analyzed.
    /// </summary>
    private static IEnumerable<(int Start, int End)> Stretches(string text)
    {
        int start = 0;
        bool letters = false;
        for (int at = 0; at < text.Length;)
        {
            Rune.DecodeFromUtf16(text.AsSpan(at), out var rune, out int length);
            if (HanRunSearch.IsTokenizedHan(rune))
            {
                if (letters)
                    yield return (start, at);
                start = at + length;
                letters = false;
            }
            else
            {
                letters |= Rune.IsLetterOrDigit(rune);
            }
            at += length;
        }
        if (letters)
            yield return (start, text.Length);
    }

    /// <summary>An ASCII token as the word analysis indexes it: the analysis of the token alone, which is that one token.</summary>
    private static string Stem(Analyzer analysis, string token)
    {
        using var stream = analysis.GetTokenStream(ParagraphFields.Text, token);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        string stem = stream.IncrementToken() ? term.ToString() : token;
        while (stream.IncrementToken()) { }
        stream.End();
        return stem;
    }
}
