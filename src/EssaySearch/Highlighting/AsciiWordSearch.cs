using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using EssaySearch.Analysis;
using EssaySearch.Schema;

namespace EssaySearch.Highlighting;

/// <summary>
/// Finds a target that is one ASCII word (a Latin word or a number; in the word field, as the word analysis stems it)
/// without analyzing the paragraph's Han text: segmenting it into words is the dearest step of the word analysis, and
/// joining it into bigrams a large one of the bigram analysis. The word analysis passes tokens of other scripts on as the
/// tokenizer made them, folded, widened, lowered and stemmed; the bigram analysis makes the same tokens, folded, widened
/// and lowered, and no others of ASCII. So a word's occurrences are the bigram analysis's ASCII tokens that are it (in the
/// word field, that stem to it), taken before the bigram filter joins CJK characters (<see cref="BigramAnalyzer.Unjoined"/>),
/// which passes them through as they are. <c>PropertyTests</c> checks the spans against analyzing either field.
/// </summary>
internal static class AsciiWordSearch
{
    /// <summary>The ASCII word a target looks for in the word field (stemmed) or the bigram field; null for any other target.</summary>
    public static string? WordOf(MatchTarget target) =>
        target is { IsPrefix: false, Terms: [{ Field: ParagraphFields.Text or ParagraphFields.TextBigrams } term] } && term.Text.Length > 0 && term.Text.All(char.IsAsciiLetterOrDigit)
            ? term.Text
            : null;

    /// <summary>
    /// Where in <paramref name="text"/> the analysis of <paramref name="field"/> has one of <paramref name="words"/> (its keys;
    /// see <see cref="WordOf"/>), and which.
    /// </summary>
    public static IEnumerable<(TextSpan Span, string Word)> Find<T>(Analyzer analysis, string field, string text, IReadOnlyDictionary<string, T> words)
    {
        bool stemmed = field == ParagraphFields.Text;
        // A stem begins with its word's first letter (Porter's stemmer changes endings only), which rules out most tokens unstemmed.
        var initials = words.Keys.Select(word => word[0]).ToHashSet();
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
                stems[token] = stem = stemmed ? Stem(analysis, token) : token;
            // Two parts of one word may stem alike (running.runs), or be alike (path.path): the analysis marks the first (MatchLocator.Occurrences).
            if (words.ContainsKey(stem) && found.Add((at, stem)))
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
