using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Util;

namespace EssaySearch.Analysis;

/// <summary>
/// The substring representation of text: overlapping bigrams of Han (and other CJK) characters,
/// other tokens as <see cref="StandardTokenizer"/> gives them, traditional Han folded to simplified
/// (<see cref="HanFoldingFilter"/>), width-folded and lower-cased.
/// A Han string of two or more characters occurs in a text exactly when its bigrams occur at
/// consecutive positions, so a phrase over bigrams finds every substring, even one inside a longer word.
/// </summary>
/// <remarks>
/// Every Han character is kept as a unigram too, stacked on its bigram, so that a one-character query finds
/// every occurrence. Queries are analyzed the same way, so positions agree even in mixed runs like <c>到1周</c>;
/// the query drops the unigrams its bigrams already cover.
/// </remarks>
internal sealed class BigramAnalyzer : Analyzer
{
    public const string Version = "cjk-bigram-unigram-standard-fold-width-lower/2";

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        // One attribute object per token, as in ChineseAnalyzer: CJKBigramFilter captures and restores tokens.
        var tokenizer = new StandardTokenizer(LuceneVersion.LUCENE_48, Token.TOKEN_ATTRIBUTE_FACTORY, reader);
        TokenStream stream = new HanFoldingFilter(tokenizer);
        stream = new CJKWidthFilter(stream);
        stream = new QuickLowerCaseFilter(stream);
        stream = new CJKBigramFilter(stream, CJKScript.HAN | CJKScript.HIRAGANA | CJKScript.KATAKANA | CJKScript.HANGUL, outputUnigrams: true);
        return new TokenStreamComponents(tokenizer, stream);
    }
}
