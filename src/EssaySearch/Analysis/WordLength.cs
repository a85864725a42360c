using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace EssaySearch.Analysis;

/// <summary>
/// The longest word the analysis keeps. Lucene's <see cref="StandardTokenizer"/>, which both text analyses begin with, drops a
/// longer token whole (a run of 256 letters or digits), leaving nothing of it to search, as if it were punctuation.
/// </summary>
internal static class WordLength
{
    public const int Max = StandardAnalyzer.DEFAULT_MAX_TOKEN_LENGTH;

    /// <summary>Whether <paramref name="text"/> has a word that the analysis drops for its length.</summary>
    public static bool AnyTooLong(string text)
    {
        using var tokenizer = new StandardTokenizer(LuceneVersion.LUCENE_48, FormatCharacterFilter.Without(new StringReader(text))) { MaxTokenLength = int.MaxValue };
        var term = tokenizer.AddAttribute<ICharTermAttribute>();
        tokenizer.Reset();
        bool found = false;
        while (!found && tokenizer.IncrementToken())
            found = term.Length > Max;
        tokenizer.End();
        return found;
    }
}
