using EssaySearch.Analysis;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;

namespace EssaySearch.Schema;

/// <summary>The analysis of each field: words for the text, whole values for essay ids, URLs and host names for links, characters alone for the character field, bigrams for everything else.</summary>
internal static class FieldAnalyzers
{
    /// <summary>
    /// The analyzer of the word field: <paramref name="custom"/>, or <see cref="ChineseAnalyzer"/> with these user words
    /// (also when <paramref name="custom"/> is a <see cref="ChineseAnalyzer"/>, which the manifest names alike).
    /// </summary>
    /// <exception cref="FormatException">A line of the user words is malformed.</exception>
    public static Analyzer Words(Analyzer? custom, string userWords) => custom is null or ChineseAnalyzer
        ? userWords.Length == 0 ? new ChineseAnalyzer() : new ChineseAnalyzer(JiebaDictionary.WithUserWords(userWords))
        : custom;

    /// <summary>Names the analysis of an index whose word field is analyzed by <paramref name="wordAnalyzer"/> (<c>null</c>: <see cref="ChineseAnalyzer"/>), for its manifest.</summary>
    public static string Identity(Analyzer? wordAnalyzer) =>
        $"{(wordAnalyzer is null or ChineseAnalyzer ? ChineseAnalyzer.Version : wordAnalyzer.GetType().FullName)} + {BigramAnalyzer.Version}";

    /// <param name="wordAnalyzer">Analyzer of <see cref="ParagraphFields.Text"/>.</param>
    public static Analyzer Create(Analyzer wordAnalyzer) => new PerFieldAnalyzerWrapper(
        new BigramAnalyzer(),
        new Dictionary<string, Analyzer>
        {
            [ParagraphFields.TextBigrams] = new BigramAnalyzer(BigramUnigrams.RunEnds),
            [ParagraphFields.TextCharacters] = new BigramAnalyzer(BigramUnigrams.Only),
            [ParagraphFields.Text] = wordAnalyzer,
            [ParagraphFields.Essay] = new KeywordAnalyzer(),
            [ParagraphFields.Links] = new LinkAnalyzer(),
            [ParagraphFields.Source] = new LinkAnalyzer(),
        });
}
