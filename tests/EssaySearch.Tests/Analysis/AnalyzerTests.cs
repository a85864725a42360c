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
                    Assert.Equal(text[start..end], term);
                previousStart = start;
            }
        }
    }

    [Fact]
    public void Han_word_boundaries_agree_with_smartcn_with_f1_of_at_least_0_80()
    {
        var analyzer = new ChineseAnalyzer();
        int ours = 0, theirs = 0, agreed = 0;
        foreach (var (_, _, text, reference) in Reference())
        {
            var expected = reference.Where(t => t.Term.Any(IsHan)).Select(t => (t.Start, t.End)).ToHashSet();
            var actual = Tokens(analyzer, text).Where(t => t.Term.Any(IsHan)).Select(t => (t.Start, t.End)).ToHashSet();
            ours += actual.Count;
            theirs += expected.Count;
            agreed += actual.Intersect(expected).Count();
        }
        double precision = (double)agreed / ours, recall = (double)agreed / theirs, f1 = 2 * precision * recall / (precision + recall);
        log.WriteLine($"Han word boundaries vs SmartCn: precision {precision:0.000}, recall {recall:0.000}, F1 {f1:0.000} ({agreed} of {theirs} reference tokens)");
        Assert.True(f1 >= 0.80, $"F1 {f1:0.000} is below 0.80 (precision {precision:0.000}, recall {recall:0.000})");
    }

    private static bool IsHan(char c) => c is >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF';

    /// <summary>The reference rows: essay file, paragraph number, text, SmartCn tokens <c>term@start-end</c>.</summary>
    internal static IEnumerable<(string Essay, int Number, string Text, List<(string Term, int Start, int End)> Tokens)> Reference() =>
        File.ReadLines(TestData.Fixture("smartcn-seeds.tsv"))
            .Select(line => line.Split('\t'))
            .Select(f => (f[0], int.Parse(f[1]), f[2], f[3].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(ParseToken).ToList()));

    private static (string, int, int) ParseToken(string token)
    {
        int at = token.LastIndexOf('@'), dash = token.LastIndexOf('-');
        return (token[..at], int.Parse(token[(at + 1)..dash]), int.Parse(token[(dash + 1)..]));
    }
}
