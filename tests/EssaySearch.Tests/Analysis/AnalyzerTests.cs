using EssaySearch.Analysis;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Xunit.Abstractions;

namespace EssaySearch.Tests.Analysis;

public class AnalyzerTests(ITestOutputHelper log)
{
    internal static List<(string Term, int Start, int End)> Tokens(Analyzer analyzer, string text)
    {
        var tokens = new List<(string, int, int)>();
        using var stream = analyzer.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
            tokens.Add((term.ToString(), offset.StartOffset, offset.EndOffset));
        stream.End();
        return tokens;
    }

    [Fact]
    public void Mixed_text_keeps_latin_terms_and_numbers_with_exact_offsets()
    {
        const string text = "OpenAI 的 GPT-4 和 o3 在 2025 年";
        Assert.Equal(
            [("openai", 0, 6), ("的", 7, 8), ("gpt", 9, 12), ("4", 13, 14), ("和", 15, 16), ("o3", 17, 19), ("在", 20, 21), ("2025", 22, 26), ("年", 27, 28)],
            Tokens(new ChineseAnalyzer(), text));
    }

    [Fact]
    public void Han_runs_are_split_into_dictionary_words()
    {
        const string text = "人类正接近于构建数字超级智能，至少到目前为止。";
        var tokens = Tokens(new ChineseAnalyzer(), text);
        Assert.Contains(("超级", 10, 12), tokens);
        Assert.Contains(("智能", 12, 14), tokens);
        Assert.Contains(("人类", 0, 2), tokens);
        Assert.Contains(("接近", 3, 5), tokens);
        Assert.All(tokens, t => Assert.Equal(text[t.Start..t.End], t.Term)); // Han text is kept as written
        Assert.DoesNotContain(tokens, t => t.Term is "，" or "。");
    }

    [Fact]
    public void Full_width_is_folded_case_lowered_and_english_stemmed()
    {
        var tokens = Tokens(new ChineseAnalyzer(), "ＣｈａｔＧＰＴ models，０.３４");
        Assert.Equal([("chatgpt", 0, 7), ("model", 8, 14), ("0.34", 15, 19)], tokens);
    }

    /// <summary>
    /// Punctuation and line breaks leave a hole in the word analysis's positions, so that a phrase does not run across them;
    /// white space, hyphens, slashes and middle dots leave none, so that text written with or without them is one phrase
    /// (2019 年 as 2019年; a hole in a query's phrase would match any one word there).
    /// </summary>
    [Theory]
    [InlineData("2019 年", "2019年")]
    [InlineData("iPhone 手机", "iPhone手机")]
    [InlineData("人工智能 治理", "人工智能治理")]
    [InlineData("GPT-4", "GPT 4")]
    [InlineData("TCP/IP", "TCP IP")]
    [InlineData("沃伦·巴菲特", "沃伦 巴菲特")]
    public void White_space_and_joining_marks_leave_no_hole(string spaced, string joined) =>
        Assert.Equal(Positions(joined), Positions(spaced));

    [Theory]
    [InlineData("的，未来", "的未来")]
    [InlineData("未来。人工智能", "未来人工智能")]
    [InlineData("“奇点”临近", "奇点临近")]
    [InlineData("苹果\n香蕉", "苹果香蕉")]
    [InlineData("苹果 | 香蕉", "苹果香蕉")]
    [InlineData("OpenAI, Google", "OpenAI Google")]
    public void Punctuation_and_line_breaks_leave_a_hole(string parted, string joined)
    {
        var withHole = Positions(parted);
        Assert.Equal(Positions(joined).Select(t => t.Term), withHole.Select(t => t.Term));
        Assert.Equal(Positions(joined)[^1].Position + 1, withHole[^1].Position);
    }

    private static List<(string Term, int Position)> Positions(string text) =>
        TokensWithPositions(new ChineseAnalyzer(), text).Select(t => (t.Term, t.Position)).ToList();

    /// <summary>
    /// Full-width commas, colons and full stops, and middle dots, part Latin words and numbers as in Chinese text they do:
    /// Unicode's word rules alone keep 0x55，0xff and CEO：Sam whole, as they keep 1,000 and 3.14. In the word analysis and
    /// in the bigram analysis alike, with the offsets of the text.
    /// </summary>
    [Fact]
    public void Full_width_separators_part_latin_words_and_numbers()
    {
        const string text = "CEO：Sam·Altman（0xaa，0x55；v1．2）";
        Assert.Equal(
            [("ceo", 0, 3), ("sam", 4, 7), ("altman", 8, 14), ("0xaa", 15, 19), ("0x55", 20, 24), ("v1", 25, 27), ("2", 28, 29)],
            Tokens(new ChineseAnalyzer(), text));
        Assert.Equal(Tokens(new ChineseAnalyzer(), text).Select(t => (t.Start, t.End)), Tokens(new BigramAnalyzer(), text).Select(t => (t.Start, t.End)));
        Assert.Equal([("1,000", 0, 5), ("3.14", 6, 10)], Tokens(new ChineseAnalyzer(), "1,000 3.14")); // the ASCII marks still join
    }

    /// <summary>
    /// Format characters (a zero-width space, a soft hyphen, a word joiner, a byte-order mark) between any two characters
    /// of a seed paragraph change none of its tokens or positions, in either analysis; each token's offsets point into
    /// the text as written, at what the token was in the text without them.
    /// </summary>
    [Fact]
    public void Format_characters_inside_words_change_no_token_and_offsets_point_into_the_text_as_written()
    {
        string[] invisible = ["\u200B", "\u00AD", "\u2060", "\uFEFF"];
        int compared = 0;
        foreach (var (_, _, text, _) in Reference())
        {
            // One after every fifth character (two where it falls after a tenth), between surrogate halves never.
            var written = new System.Text.StringBuilder();
            var origin = new List<int>(); // where each character of the copy stands in the text; -1 for an inserted one
            for (int i = 0; i < text.Length; i++)
            {
                written.Append(text[i]);
                origin.Add(i);
                if (i % 5 == 4 && !char.IsHighSurrogate(text[i]))
                {
                    for (int n = 0; n < (i % 10 == 9 ? 2 : 1); n++)
                    {
                        written.Append(invisible[(i / 5 + n) % invisible.Length]);
                        origin.Add(-1);
                    }
                }
            }
            string copy = written.ToString();
            foreach (var analyzer in new Analyzer[] { new ChineseAnalyzer(), new BigramAnalyzer() })
            {
                var expected = TokensWithPositions(analyzer, text);
                var actual = TokensWithPositions(analyzer, copy);
                Assert.Equal(expected.Select(t => (t.Term, t.Position)), actual.Select(t => (t.Term, t.Position)));
                for (int i = 0; i < expected.Count; i++)
                {
                    Assert.Equal(expected[i].Start, origin[actual[i].Start]);
                    var marked = copy[actual[i].Start..actual[i].End].Where(c => !invisible.Contains(c.ToString()));
                    Assert.Equal(text[expected[i].Start..expected[i].End], new string(marked.ToArray()));
                }
                compared += expected.Count;
            }
        }
        Assert.True(compared > 10000, $"only {compared} tokens compared");
    }

    /// <summary>The tokens of <paramref name="text"/>, each with its position, offsets and type.</summary>
    internal static List<(string Term, int Position, int Start, int End, string Type)> TokensWithPositions(Analyzer analyzer, string text)
    {
        var tokens = new List<(string, int, int, int, string)>();
        using var stream = analyzer.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var type = stream.AddAttribute<ITypeAttribute>();
        stream.Reset();
        int position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            tokens.Add((term.ToString(), position, offset.StartOffset, offset.EndOffset, type.Type));
        }
        stream.End();
        return tokens;
    }

    [Fact]
    public void Offsets_of_every_seed_paragraph_point_at_the_token_text()
    {
        var analyzer = new ChineseAnalyzer();
        foreach (var (_, _, text, _) in Reference())
        {
            int previousStart = 0;
            foreach (var (term, start, end) in Tokens(analyzer, text))
            {
                Assert.True(start >= previousStart && end > start && end <= text.Length, $"bad offsets {start}-{end} in: {text}");
                if (term.Any(IsHan))
                    Assert.Equal(HanFolding.Fold(text[start..end]), term);
                previousStart = start;
            }
        }
    }

    [Fact]
    public void Han_word_boundaries_agree_with_smartcn_with_f1_of_at_least_0_885()
    {
        var (precision, recall, f1) = Agreement(Reference().Select(r => (r.Text, r.Tokens)));
        log.WriteLine($"Han word boundaries vs SmartCn: precision {precision:0.000}, recall {recall:0.000}, F1 {f1:0.000}");
        Assert.True(f1 >= 0.885, $"F1 {f1:0.000} is below 0.885 (precision {precision:0.000}, recall {recall:0.000})");
    }

    [Theory]
    [InlineData("seeds")]
    [InlineData("manpages")]
    public void Han_words_agree_with_jiebas_own_cut_without_hmm(string source)
    {
        var rows = File.ReadLines(TestData.Fixture("jieba-cut.tsv"))
            .Select(line => line.Split('\t'))
            .Where(f => f[0] == source)
            .Select(f => (f[1], f[2].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(ParseToken).ToList()))
            .ToList();
        var (precision, recall, f1) = Agreement(rows);
        log.WriteLine($"Han words vs jieba.cut(HMM=False) on {source} ({rows.Count} paragraphs): precision {precision:0.0000}, recall {recall:0.0000}, F1 {f1:0.0000}");
        Assert.True(rows.Count > 80);
        Assert.True(f1 >= 0.99, $"F1 {f1:0.0000} is below 0.99 (precision {precision:0.0000}, recall {recall:0.0000})");
    }

    /// <summary>Precision, recall and F1 of our Han tokens' spans against the reference's, over all paragraphs.</summary>
    private static (double Precision, double Recall, double F1) Agreement(IEnumerable<(string Text, List<(string Term, int Start, int End)> Tokens)> reference)
    {
        var analyzer = new ChineseAnalyzer();
        int ours = 0, theirs = 0, agreed = 0;
        foreach (var (text, tokens) in reference)
        {
            var expected = tokens.Where(t => t.Term.Any(IsHan)).Select(t => (t.Start, t.End)).ToHashSet();
            var actual = Tokens(analyzer, text).Where(t => t.Term.Any(IsHan)).Select(t => (t.Start, t.End)).ToHashSet();
            ours += actual.Count;
            theirs += expected.Count;
            agreed += actual.Intersect(expected).Count();
        }
        double precision = (double)agreed / ours, recall = (double)agreed / theirs;
        return (precision, recall, 2 * precision * recall / (precision + recall));
    }

    [Fact]
    public void Traditional_text_gives_the_simplified_terms_with_the_offsets_of_the_original()
    {
        // 超級智能 (traditional), 髮 and 發 (both 发), 爲 (OpenCC's standard form of 为), 豈 as a compatibility ideograph (U+F900).
        const string traditional = "數字超級智能爲頭髮發\uF900";
        const string simplified = "数字超级智能为头发发岂";
        foreach (var analyzer in new Analyzer[] { new ChineseAnalyzer(), new BigramAnalyzer() })
            Assert.Equal(Tokens(analyzer, simplified), Tokens(analyzer, traditional));
        Assert.Contains(("超级", 2, 4), Tokens(new ChineseAnalyzer(), traditional));
    }

    [Fact]
    public void The_folding_table_in_use_folds_every_character_as_the_reviewed_table_says_and_no_other()
    {
        var folds = new Dictionary<int, int>();
        foreach (string line in File.ReadLines(Path.Combine(TestData.RepositoryRoot, "src", "EssaySearch", "Analysis", "Data", "han-folding.txt")))
        {
            var runes = line.EnumerateRunes().ToList();
            foreach (var source in runes.Skip(2)) // target, tab, sources
                folds.Add(source.Value, runes[0].Value);
        }
        Assert.True(folds.Count > 7000);
        Assert.Contains(folds.Keys, c => c > char.MaxValue);
        for (int c = 0; c <= 0x3FFFF; c++)
            if (c is < 0xD800 or > 0xDFFF)
                Assert.Equal(folds.GetValueOrDefault(c, c), HanFolding.Fold(c));
    }

    [Fact]
    public void A_supplementary_plane_variant_folds_whole_and_keeps_its_offsets()
    {
        var (variant, folded) = ("\U0002F801", "丸"); // a compatibility ideograph of the supplementary plane, two UTF-16 units
        Assert.Equal(folded, HanFolding.Fold(variant));
        Assert.Equal([("数字", 0, 2), (folded, 2, 4)], Tokens(new ChineseAnalyzer(), "數字" + variant));
        Assert.Equal([("数", 0, 1), ("数字", 0, 2), ("字", 1, 2), ("字" + folded, 1, 4), (folded, 2, 4)], Tokens(new BigramAnalyzer(), "數字" + variant));
    }

    [Fact]
    public void User_words_are_kept_whole_and_frequency_zero_removes_a_word()
    {
        List<string> Words(JiebaDictionary dictionary, string run)
        {
            var ends = new List<int>();
            new JiebaSegmenter(dictionary).Segment(run, ends);
            return ends.Select((end, i) => run[(i == 0 ? 0 : ends[i - 1])..end]).ToList();
        }
        const string run = "构建数字超级智能";
        Assert.Equal(["构建", "数字", "超级", "智能"], Words(JiebaDictionary.Default, run));
        Assert.Equal(["构建", "数字", "超级智能"], Words(JiebaDictionary.WithUserWords("超級智能\n"), run)); // folded like text
        Assert.Equal(["构建", "数字", "超级", "智", "能"], Words(JiebaDictionary.WithUserWords("智能 0\n"), run));
        Assert.Equal(["构建", "数字超级智能"], Words(JiebaDictionary.WithUserWords("数字超级智能 5 nz\r\n"), run));
        Assert.Throws<FormatException>(() => JiebaDictionary.WithUserWords("智能 99999999999\n"));
    }

    private static bool IsHan(char c) => c is >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF';

    /// <summary>The reference rows: essay file, paragraph number, text, SmartCn tokens <c>term@start-end</c>.</summary>
    internal static IEnumerable<(string Essay, int Number, string Text, List<(string Term, int Start, int End)> Tokens)> Reference() =>
        File.ReadLines(TestData.Fixture("smartcn-seeds.tsv"))
            .Select(line => line.Split('\t'))
            .Select(f => (f[0], int.Parse(f[1]), f[2], f[3].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(ParseToken).ToList()));

    internal static (string, int, int) ParseToken(string token)
    {
        int at = token.LastIndexOf('@'), dash = token.LastIndexOf('-');
        return (token[..at], int.Parse(token[(at + 1)..dash]), int.Parse(token[(dash + 1)..]));
    }
}
