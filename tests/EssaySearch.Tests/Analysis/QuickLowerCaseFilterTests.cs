using EssaySearch.Analysis;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace EssaySearch.Tests.Analysis;

/// <summary>The quick lower-casing gives every token exactly what Lucene's own <c>LowerCaseFilter</c> gives it.</summary>
public class QuickLowerCaseFilterTests
{
    // ASCII, Han (simplified, traditional, compatibility, extension A and B), and what has case beyond ASCII: Latin with
    // diacritics, the Turkish dotted I, ß, Greek final sigma, Cyrillic, full-width Latin, Deseret (outside the BMP),
    // with a lone surrogate and an emoji.
    private static readonly string[] Pieces =
        ["A", "z", "Q", "GPT", "4", "-", "超级", "智能", "體", "\uF900", "\u3400", "𠀀", "É", "İ", "ß", "Σ", "ΑΣ", "Ж", "Ａ", "ｚ", "𐐀", "\uD800", "😀", "ǅ"];

    public static class Tokens
    {
        public static Arbitrary<string> Any() => Gen.Elements(Pieces).NonEmptyListOf().Select(string.Concat).ToArbitrary();
    }

    [Property(Arbitrary = [typeof(Tokens)], MaxTest = 2000)]
    public bool Lower_cases_every_token_as_lucene_does(string token) => LowerCased(token, quick: true) == LowerCased(token, quick: false);

    [Theory]
    [InlineData("GPT", "gpt")]
    [InlineData("超級智能", "超級智能")]
    [InlineData("ÉCOLE", "école")]
    public void Lower_cases(string token, string expected) => Assert.Equal(expected, LowerCased(token, quick: true));

    private static string LowerCased(string token, bool quick)
    {
        var tokenizer = new KeywordTokenizer(new StringReader(token));
        using TokenStream stream = quick ? new QuickLowerCaseFilter(tokenizer) : new LowerCaseFilter(LuceneVersion.LUCENE_48, tokenizer);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        Assert.True(stream.IncrementToken());
        string result = term.ToString();
        stream.End();
        return result;
    }
}
