using EssaySearch.Analysis;
using Lucene.Net.Analysis;

namespace EssaySearch.Tests.Analysis;

/// <summary>
/// A word that a dot or an underscore joins (<c>Node.js</c>, <c>self.q_table</c>), which Unicode's word rules keep whole, also
/// gives its parts, stacked on it: at its position, with their own offsets, in the word analysis and the bigram analysis alike.
/// </summary>
public class WordPartTests
{
    private static readonly Analyzer[] Both = [new ChineseAnalyzer(), new BigramAnalyzer()];

    [Fact]
    public void A_dotted_word_gives_its_parts_at_its_position_with_their_offsets_and_the_words_around_it_keep_theirs()
    {
        // The word field stems (node.js → node.j), the bigram field does not; positions and offsets are the same.
        Assert.Equal(
            [("用", 0, 0, 1), ("node.j", 1, 1, 8), ("node", 1, 1, 5), ("js", 1, 6, 8), ("写", 2, 8, 9)],
            Tokens(new ChineseAnalyzer(), "用Node.js写"));
        Assert.Equal(
            [("用", 0, 0, 1), ("node.js", 1, 1, 8), ("node", 1, 1, 5), ("js", 1, 6, 8), ("写", 2, 8, 9)],
            Tokens(new BigramAnalyzer(), "用Node.js写"));
        // A name that underscores join, between dots, is a part too; punctuation after the word still leaves its hole.
        Assert.Equal(
            [("self.q_tabl", 0, 0, 12), ("self", 0, 0, 4), ("q_tabl", 0, 5, 12), ("q", 0, 5, 6), ("tabl", 0, 7, 12), ("x", 2, 14, 15)],
            Tokens(new ChineseAnalyzer(), "self.q_table, x"));
    }

    /// <summary>The parts a word gives (as the bigram field has them, unstemmed), in the order of the text; none for the rest.</summary>
    [Theory]
    [InlineData("Node.js", "node js")]
    [InlineData("ASP.NET", "asp net")]
    [InlineData("snake_case_name", "snake case name")]
    [InlineData("self.q_table", "self q_table q table")]
    [InlineData("a_b_c.d", "a_b_c a b c d")]              // a name before its pieces
    [InlineData("__init__", "init")]                      // underscores at the edges part nothing off
    [InlineData("self.__dict__", "dict")]                 // the tokenizer parts a dot before an underscore: self, __dict__
    [InlineData("a.a", "a")]                              // each part once
    [InlineData("v1.2.3", "v1")]                          // a piece of digits alone is no part
    [InlineData("python3.12", "python3")]
    [InlineData("x86_64", "x86")]
    [InlineData("ｑ＿ｔａｂｌｅ", "q table")]               // full-width, as folded
    [InlineData("blog.samaltman.com", "blog samaltman com")]
    [InlineData("XX:NewRatio", "xx newratio")]                // a colon as a dot
    [InlineData("a:b_c", "a b_c b c")]
    public void Which_parts_a_word_gives(string word, string parts)
    {
        Assert.Equal(parts.Split(' '), Parts(new BigramAnalyzer(), word).Select(part => part.Term));
        // The word analysis has the same parts, stemmed.
        Assert.Equal(Parts(new BigramAnalyzer(), word).Select(part => (part.Start, part.End)), Parts(new ChineseAnalyzer(), word).Select(part => (part.Start, part.End)));
    }

    /// <summary>
    /// Numbers keep their dots, commas and underscores (a decimal number in two parts, 3 and 14, would find nonsense), and
    /// nothing is parted at a case change, between letters and digits, or at an apostrophe; a hyphen parts words in the
    /// tokenizer already. The tokens are those of the analysis before parts were added.
    /// </summary>
    [Fact]
    public void Numbers_and_words_without_a_dot_or_an_underscore_stay_as_they_were()
    {
        const string text = "OpenAI gpt4 o3 h264 GPT-4 3.14 1,000 2024.03.15 1_000_000 192.168.1.1 don't ChatGPT";
        Assert.Equal(
            ["openai", "gpt4", "o3", "h264", "gpt", "4", "3.14", "1,000", "2024.03.15", "1_000_000", "192.168.1.1", "don't", "chatgpt"],
            AnalyzerTests.TokensWithPositions(new BigramAnalyzer(), text).Select(t => t.Term));
        Assert.Equal(
            ["openai", "gpt4", "o3", "h264", "gpt", "4", "3.14", "1,000", "2024.03.15", "1_000_000", "192.168.1.1", "don't", "chatgpt"],
            AnalyzerTests.TokensWithPositions(new ChineseAnalyzer(), text).Select(t => t.Term));
    }

    /// <summary>A format character inside a dotted word: each part's offsets still point at the part in the text as written.</summary>
    [Theory]
    [InlineData("用Node\u200B.js写", "node js")]
    [InlineData("看 self.q\u200B_ta\u00ADble 和 a\uFEFF.b", "self q_table q table a b")]
    public void A_format_character_inside_a_word_leaves_its_parts_offsets_in_the_text(string text, string parts)
    {
        foreach (var analyzer in Both)
        {
            var found = Parts(analyzer, text);
            Assert.Equal(parts.Split(' ').Length, found.Count);
            foreach (var (part, (_, start, end)) in parts.Split(' ').Zip(found))
                Assert.Equal(part, new string(text[start..end].Where(c => !FormatCharacterFilter.Characters.Contains(c)).ToArray()).ToLowerInvariant());
        }
    }

    private static List<(string Term, int Position, int Start, int End)> Tokens(Analyzer analyzer, string text) =>
        AnalyzerTests.TokensWithPositions(analyzer, text).Select(t => (t.Term, t.Position, t.Start, t.End)).ToList();

    private static List<(string Term, int Start, int End)> Parts(Analyzer analyzer, string text) =>
        AnalyzerTests.TokensWithPositions(analyzer, text).Where(t => t.Type == WordPartFilter.PartType).Select(t => (t.Term, t.Start, t.End)).ToList();
}
