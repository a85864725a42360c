using System.Text;
using EssaySearch.Analysis;
using EssaySearch.Schema;

namespace EssaySearch.Highlighting;

/// <summary>
/// Finds a bigram-field target that is one run of Han characters by searching the paragraph for the run, instead of
/// analyzing the paragraph: the tokenizer makes each Han character a token of its own and the bigram filter joins
/// neighbours, so a run's bigrams stand at consecutive positions exactly where its characters stand side by side in
/// the folded text. Characters next to Han that a tokenizer may join to it (marks, variation selectors, joiners) and Han
/// newer than the tokenizer's Unicode were checked not to change that (<c>PropertyTests</c>, against the analysis).
/// </summary>
internal static class HanRunSearch
{
    /// <summary>
    /// The Han run a target looks for (its bigrams joined, or its one character); null for any other target: a prefix,
    /// another field, or a term that is not Han.
    /// </summary>
    public static string? RunOf(MatchTarget target)
    {
        if (target.IsPrefix || target.Terms[0].Field != ParagraphFields.TextBigrams)
            return null;
        var run = new List<Rune>();
        for (int i = 0; i < target.Terms.Length; i++)
        {
            var runes = target.Terms[i].Text.EnumerateRunes().ToList();
            bool fits = target.Positions[i] == i && runes.All(IsTokenizedHan) && (target.Terms.Length == 1
                ? runes.Count is 1 or 2
                : runes.Count == 2 && (i == 0 || run[^1] == runes[0]));
            if (!fits)
                return null;
            run.AddRange(i == 0 ? runes : runes.Skip(1));
        }
        return string.Concat(run);
    }

    /// <summary>
    /// The text with its Han characters folded as the analysis folds them, index for index (characters the tokenizer does
    /// not take for Han are left as they are, as they can be no part of a run); null when a fold changes the length, or
    /// when the text has a format character, which the analysis leaves out (<see cref="FormatCharacterFilter"/>), so that a
    /// run may stand on either side of one.
    /// </summary>
    public static string? Searchable(string text)
    {
        if (text.AsSpan().ContainsAny(FormatCharacterFilter.Characters))
            return null;
        int unchanged = 0; // most text has nothing to fold: it is searched as it is, without a copy
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsTokenizedHan(rune) && HanFolding.Fold(rune.Value) != rune.Value)
                break;
            unchanged += rune.Utf16SequenceLength;
        }
        if (unchanged == text.Length)
            return text;
        var folded = new StringBuilder(text.Length).Append(text, 0, unchanged);
        foreach (var rune in text.AsSpan(unchanged).EnumerateRunes())
        {
            var fold = IsTokenizedHan(rune) ? new Rune(HanFolding.Fold(rune.Value)) : rune;
            if (fold.Utf16SequenceLength != rune.Utf16SequenceLength)
                return null;
            folded.Append(fold);
        }
        return folded.ToString();
    }

    /// <summary>Where <paramref name="run"/> occurs in <paramref name="searchable"/> text.</summary>
    public static IEnumerable<TextSpan> Find(string searchable, string run)
    {
        for (int at = searchable.IndexOf(run, StringComparison.Ordinal); at >= 0; at = searchable.IndexOf(run, at + 1, StringComparison.Ordinal))
            yield return new TextSpan(at, at + run.Length);
    }

    /// <summary>Whether the tokenizer takes <paramref name="rune"/> for a Han ideograph: Unicode 6.3's, which its grammar was generated from.</summary>
    public static bool IsTokenizedHan(Rune rune) => rune.Value is >= 0x3400 and <= 0x4DB5 or >= 0x4E00 and <= 0x9FCC
        or >= 0xF900 and <= 0xFA6D or >= 0xFA70 and <= 0xFAD9 or >= 0x20000 and <= 0x2A6D6 or >= 0x2A700 and <= 0x2B734
        or >= 0x2B740 and <= 0x2B81D or >= 0x2F800 and <= 0x2FA1D;
}
