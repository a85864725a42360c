using EssaySearch.Analysis;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;

namespace EssaySearch.Indexing;

/// <summary>The analysis of each field: words for the text, whole values for essay ids, bigrams for everything else.</summary>
internal static class FieldAnalyzers
{
    /// <param name="wordAnalyzer">Analyzer of <see cref="ParagraphFields.Text"/>.</param>
    /// <param name="indexing">Index time stacks Han unigrams on the bigrams; query time needs only the bigrams.</param>
    public static Analyzer Create(Analyzer wordAnalyzer, bool indexing) => new PerFieldAnalyzerWrapper(
        new BigramAnalyzer(withUnigrams: indexing),
        new Dictionary<string, Analyzer>
        {
            [ParagraphFields.Text] = wordAnalyzer,
            [ParagraphFields.Essay] = new KeywordAnalyzer(),
        });
}
