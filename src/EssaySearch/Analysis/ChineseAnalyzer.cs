using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Util;

namespace EssaySearch.Analysis;

/// <summary>
/// Word analysis for Chinese and mixed Chinese/English text, in the role of Lucene's SmartChineseAnalyzer:
/// UAX #29 tokenization (full-width commas, colons and the like parting words: <see cref="WideSeparatorReader"/>), traditional Han characters folded to simplified ones, Han runs split into words as jieba's
/// dictionary segmentation does, full-width forms folded to half-width, lower-casing, the parts of words a dot or an
/// underscore joins added (<c>node.js</c> also as <c>node</c> and <c>js</c>: <see cref="WordPartFilter"/>), and Porter stemming of English words.
/// Punctuation is dropped; numbers and Latin terms such as <c>GPT-4</c>, <c>o3</c> and <c>OpenAI</c> stay searchable.
/// Every token carries exact UTF-16 start and end offsets into the original text; where punctuation or a line break
/// stands between two tokens, their positions leave a hole, so that phrases do not run across it (white space alone
/// leaves none: <c>2019 年</c> is <c>2019年</c>).
/// </summary>
public sealed class ChineseAnalyzer : Analyzer
{
    private readonly JiebaDictionary? dictionary;

    /// <summary>Creates the analyzer with jieba's embedded dictionary.</summary>
    public ChineseAnalyzer() { }

    /// <summary>Creates the analyzer with a dictionary that has user words (see <see cref="JiebaDictionary.WithUserWords"/>).</summary>
    internal ChineseAnalyzer(JiebaDictionary dictionary) => this.dictionary = dictionary;

    /// <summary>Names the analysis for the index manifest; bump it whenever the tokens it produces change.</summary>
    public const string Version = "chinese-noformat-fold-jieba042-standard-width-lower-parts-porter-gaps/8";

    /// <inheritdoc />
    protected override TextReader InitReader(string fieldName, TextReader reader) => FormatCharacterFilter.Without(reader);

    /// <inheritdoc />
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        // Token holds term, offsets, type and position in one object, so the filters that capture and restore
        // tokens copy one object, not six: analysis ~15% faster.
        var tokenizer = new StandardTokenizer(LuceneVersion.LUCENE_48, Token.TOKEN_ATTRIBUTE_FACTORY, reader);
        TokenStream stream = new HanFoldingFilter(tokenizer);
        stream = new HanWordFilter(stream, new JiebaSegmenter(dictionary ?? JiebaDictionary.Default));
        stream = new CJKWidthFilter(stream);
        stream = new QuickLowerCaseFilter(stream);
        var parts = new WordPartFilter(stream);
        stream = new PorterStemFilter(parts);
        var gaps = new SeparatorGapFilter(stream);
        return WordPartFilter.Components(tokenizer, gaps, parts, reader, gaps);
    }
}
