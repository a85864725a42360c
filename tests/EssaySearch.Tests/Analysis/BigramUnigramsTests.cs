using EssaySearch.Analysis;
using EssaySearch.Tests.Searching;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.TokenAttributes;

namespace EssaySearch.Tests.Analysis;

/// <summary>The three unigram choices of the bigram analysis agree with one another on every seed paragraph and on edge cases.</summary>
public class BigramUnigramsTests
{
    private static readonly string[] Edges =
        ["超级智能", "超", "超级 智能", "的，未来", "到1周年", "GPT的模型", "カタカナ", "ｶﾀｶﾅ", "ひらがな漢字", "한국어 문장", "超\uFE00级", "𠀀超級", "a超b级c", ""];

    private static readonly string[] Texts = [.. SeedTruth.Paragraphs.Select(p => p.Paragraph.Text).Concat(Edges)];

    [Fact]
    public void Run_ends_drop_only_the_unigrams_a_bigram_starts_at_and_keep_every_position()
    {
        foreach (var text in Texts)
            AssertRunEndsDropOnlyStackedUnigrams(text);
    }

    private static void AssertRunEndsDropOnlyStackedUnigrams(string text)
    {
        var every = AnalyzerTests.TokensWithPositions(new BigramAnalyzer(BigramUnigrams.Every), text);
        var startsOfBigrams = every.Where(t => t.Type == CJKBigramFilter.DOUBLE_TYPE).Select(t => t.Position).ToHashSet();
        var expected = every.Where(t => t.Type != CJKBigramFilter.SINGLE_TYPE || !startsOfBigrams.Contains(t.Position)).ToList();

        Assert.Equal(expected, AnalyzerTests.TokensWithPositions(new BigramAnalyzer(BigramUnigrams.RunEnds), text));
    }

    [Fact]
    public void A_recording_of_the_run_ends_plays_back_every_character_as_the_character_analysis_gives_it()
    {
        var recording = new CharacterRecording();
        var analyzer = new BigramAnalyzer(recording);
        foreach (var text in Texts)
            AssertRecordingPlaysBackTheCharacters(analyzer, recording, text);
    }

    private static void AssertRecordingPlaysBackTheCharacters(BigramAnalyzer analyzer, CharacterRecording recording, string text)
    {
        var recorded = AnalyzerTests.TokensWithPositions(analyzer, text);
        Assert.True(recording.Complete);

        Assert.Equal(AnalyzerTests.TokensWithPositions(new BigramAnalyzer(BigramUnigrams.RunEnds), text), recorded);
        Assert.Equal(Terms(new BigramAnalyzer(BigramUnigrams.Only).GetTokenStream("text", text)), Terms(recording.Replay()));
    }

    [Fact]
    public void A_recording_is_complete_only_once_its_analysis_has_ended()
    {
        var recording = new CharacterRecording();
        using var stream = new BigramAnalyzer(recording).GetTokenStream("text", "超级智能");
        stream.Reset();
        Assert.True(stream.IncrementToken());
        Assert.False(recording.Complete);
        while (stream.IncrementToken()) { }
        stream.End();
        Assert.True(recording.Complete);
    }

    private static List<string> Terms(TokenStream stream)
    {
        var terms = new List<string>();
        using (stream)
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
                terms.Add(term.ToString());
            stream.End();
        }
        return terms;
    }
}
