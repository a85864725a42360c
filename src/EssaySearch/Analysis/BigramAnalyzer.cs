using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Util;

namespace EssaySearch.Analysis;

/// <summary>
/// The substring representation of text: overlapping bigrams of Han (and other CJK) characters,
/// other tokens as <see cref="StandardTokenizer"/> gives them, traditional Han folded to simplified
/// (<see cref="HanFoldingFilter"/>), width-folded and lower-cased, with the parts of words a dot or an underscore joins
/// (<see cref="WordPartFilter"/>), as the word analysis has them before stemming.
/// A Han string of two or more characters occurs in a text exactly when its bigrams occur at
/// consecutive positions, so a phrase over bigrams finds every substring, even one inside a longer word.
/// </summary>
/// <remarks>
/// Which unigrams go with the bigrams is the <see cref="BigramUnigrams"/> given. Queries are analyzed the same way as
/// the field they search, so positions agree even in mixed runs like <c>到1周</c>; a query drops the unigrams its
/// bigrams already cover.
/// </remarks>
internal sealed class BigramAnalyzer(BigramUnigrams unigrams = BigramUnigrams.Every) : Analyzer
{
    private readonly CharacterRecording? recording;

    /// <summary>
    /// Run ends (<see cref="BigramUnigrams.RunEnds"/>), recording every unigram into <paramref name="recording"/> on the way
    /// (a recording holds one text: use this analyzer from one thread).
    /// </summary>
    public BigramAnalyzer(CharacterRecording recording) : this(BigramUnigrams.RunEnds) => this.recording = recording;

    public const string Version = "cjk-bigram-unigram-standard-fold-width-lower-parts-noformat/7";

    private static readonly HashSet<string> UnigramType = [CJKBigramFilter.SINGLE_TYPE];

    /// <summary>
    /// The tokens this analysis joins into bigrams, unjoined: every token of other scripts is exactly as the bigram
    /// analysis gives it (the bigram filter passes them through), without the cost of joining the CJK characters.
    /// </summary>
    public static Analyzer Unjoined { get; } = Analyzer.NewAnonymous((_, reader) =>
    {
        var tokenizer = Tokenizer(reader);
        var parts = Folded(tokenizer);
        return WordPartFilter.Components(tokenizer, parts, parts, reader);
    }, (_, reader) => FormatCharacterFilter.Without(reader));

    protected override TextReader InitReader(string fieldName, TextReader reader) => FormatCharacterFilter.Without(reader);

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = Tokenizer(reader);
        var parts = Folded(tokenizer);
        TokenStream stream = new CJKBigramFilter(parts, CJKScript.HAN | CJKScript.HIRAGANA | CJKScript.KATAKANA | CJKScript.HANGUL, outputUnigrams: true);
        if (recording is not null)
            stream = recording.Record(stream);
        stream = unigrams switch
        {
            BigramUnigrams.RunEnds => new RunEndUnigramFilter(stream),
            BigramUnigrams.Only => new TypeTokenFilter(LuceneVersion.LUCENE_48, stream, UnigramType, useWhiteList: true),
            _ => stream,
        };
        return WordPartFilter.Components(tokenizer, stream, parts, reader);
    }

    // One attribute object per token, as in ChineseAnalyzer: CJKBigramFilter captures and restores tokens.
    private static StandardTokenizer Tokenizer(TextReader reader) => new(LuceneVersion.LUCENE_48, Token.TOKEN_ATTRIBUTE_FACTORY, reader);

    private static WordPartFilter Folded(Tokenizer tokenizer) => new WordPartFilter(new QuickLowerCaseFilter(new CJKWidthFilter(new HanFoldingFilter(tokenizer))));
}

/// <summary>Which unigrams a <see cref="BigramAnalyzer"/> gives, each at its character's position.</summary>
internal enum BigramUnigrams
{
    /// <summary>Every character, stacked on the bigram it starts: for the metadata fields, which are short.</summary>
    Every,

    /// <summary>
    /// Only the last character of each run, which starts no bigram: for the paragraph text, where the stacked unigrams
    /// were a third of all postings. Every character still starts a token at its position, a bigram or the last unigram.
    /// </summary>
    RunEnds,

    /// <summary>Unigrams alone, every character once: which paragraphs have a character, wherever it stands.</summary>
    Only,
}
