using EssaySearch.Analysis;
using EssaySearch.Highlighting;
using EssaySearch.Indexing;
using EssaySearch.Searching;
using EssaySearch.Tests.Searching;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using EssaySearch.Schema;

namespace EssaySearch.Tests.Reliability;

/// <summary>Properties that hold for any input, checked on generated queries and texts.</summary>
public sealed class PropertyTests(SeedIndex index) : IClassFixture<SeedIndex>
{
    /// <summary>Any query text: random characters, pieces of Lucene syntax, and seed words, mixed.</summary>
    public sealed record AnyQuery(string Text)
    {
        public override string ToString() => $"\"{Text}\"";
    }

    /// <summary>A text of seed characters, Latin words, digits, full-width forms and punctuation; and a Han run cut from it.</summary>
    public sealed record TextAndHanQuery(string Text, string Query)
    {
        public override string ToString() => $"text \"{Text}\", query \"{Query}\"";
    }

    /// <summary>A text of seed slices and characters at the edges of what the tokenizer knows; and a Han run cut from it.</summary>
    public sealed record EdgyTextAndHanQuery(string Text, string Query)
    {
        public override string ToString() => $"text \"{Text}\", query \"{Query}\"";
    }

    /// <summary>A text of seed slices, Latin words in several forms and punctuation; and a Latin word or number as a query.</summary>
    public sealed record TextAndLatinQuery(string Text, string Query)
    {
        public override string ToString() => $"text \"{Text}\", query \"{Query}\"";
    }

    /// <summary>A slice of a real seed paragraph, used as a plain query: Chinese (Han characters, maybe with punctuation between).</summary>
    public sealed record SeedSubstring(string Text)
    {
        public override string ToString() => Text;
    }

    /// <summary>A run of Han characters cut from a real seed paragraph, and the same run split in two by a separator.</summary>
    public sealed record SplitSeedRun(string Run, string Split)
    {
        public override string ToString() => $"run \"{Run}\", split \"{Split}\"";
    }

    private static readonly string[] SyntaxPieces =
        ["AND", "OR", "NOT", "(", ")", "\"", "*", "?", "~", "~2", "^", "^2", ":", "title:", "essay:", "nofield:", "[", "]", "{", "}", " TO ", "/", "\\", "+", "-", "!", "&&", "||", " ", "　"];

    private static readonly string[] Words = ["智能", "超级智能", "人工", "机器", "GPT-4", "OpenAI", "o3", "2030", "ChatGPT", "的", "。", "，", "ＡＩ", "😀"];

    private static readonly string SeedText = string.Concat(SeedTruth.Paragraphs.Select(p => p.Paragraph.Text));

    public static class Generators
    {
        public static Arbitrary<AnyQuery> AnyQueries() =>
            Gen.OneOf(
                    ArbMap.Default.GeneratorFor<string>().Where(s => s is not null),
                    Gen.Elements(SyntaxPieces.Concat(Words).ToArray()).ListOf().Select(string.Concat))
                .Select(text => new AnyQuery(text!))
                .ToArbitrary();

        public static Arbitrary<TextAndHanQuery> TextsAndHanQueries() =>
            TextAndHanRun(Gen.OneOf(
                    Gen.Choose(0, SeedText.Length - 12).SelectMany(at => Gen.Choose(1, 12).Select(length => SeedText.Substring(at, length))),
                    Gen.Elements(Words),
                    Gen.Elements("running ", "Ｌｕｃｅｎｅ", " 42 ", "  ", "\t", "!?", "——")), @"\p{IsCJKUnifiedIdeographs}+")
                .Select(pair => new TextAndHanQuery(pair.Text, pair.Query))
                .ToArbitrary();

        // Han at the edges of the tokenizer's Unicode (6.3) and beyond it, traditional forms, compatibility ideographs,
        // and what a tokenizer may join to the character before (marks, variation selectors, joiners, format characters).
        private static readonly string[] EdgePieces =
            ["\u4DB5", "\u4DB6", "\u9FCC", "\u9FCD", "\uFA6D", "\uFA6E", "\uF900", "𠀀", "\U0002A6D6", "\U0002B820", "\U00030000",
             "體", "智慧", "\u0301", "\uFE00", "\U000E0100", "\u200D", "\u200C", "\u200B", "\u00AD", "\u3005", "か", "カ", "ｶ", "한", "a", "1", " ", "，"];

        public static Arbitrary<EdgyTextAndHanQuery> EdgyTextsAndHanQueries() =>
            TextAndHanRun(Gen.OneOf(
                    Gen.Choose(0, SeedText.Length - 6).SelectMany(at => Gen.Choose(1, 6).Select(length => SeedText.Substring(at, length))),
                    Gen.Elements(EdgePieces)), @"(\p{IsCJKUnifiedIdeographs}|\p{Cs})+")
                .Select(pair => new EdgyTextAndHanQuery(pair.Text, pair.Query))
                .ToArbitrary();

        private static readonly string[] LatinPieces =
            ["run", "Running", "RUNS", "runner's", "ｒｕｎｎｉｎｇ", "tar", "tar.gz", "TARs", "path", "PATH=/bin", "$PATH", "ip", "IPs", "ip_addr",
             "42", "4.2", "o3", "GPT-4", "OpenAI", "openai's", "ＡＩ", "ai", "e.g.", "a", "i", "fly", "flies", "happy", "happiness", "USB", "usb2",
             // Words a dot or an underscore joins, which give their parts (WordPartFilter), a format character inside one among them.
             "Node.js", "self.q_table", "__init__", "running.runs", "v1.2.3", "3.14", "snake_case", "q\u200B_Table", "."];

        private static readonly string[] LatinQueries =
            ["run", "running", "runs", "tar", "gz", "path", "PATH", "ip", "IP", "USB", "42", "o3", "gpt", "OpenAI", "ai", "ＡＩ", "a", "flies", "happy", "happiness", "e",
             "node", "js", "q", "table", "init", "v1", "snake", "case", "self", "addr", "3"];

        public static Arbitrary<TextAndLatinQuery> TextsAndLatinQueries() =>
            (from pieces in Gen.OneOf(
                    Gen.Choose(0, SeedText.Length - 12).SelectMany(at => Gen.Choose(1, 12).Select(length => SeedText.Substring(at, length))),
                    Gen.Elements(LatinPieces),
                    Gen.Elements(" ", "，", "。", "-", "/", "\t", "的", "运行")).NonEmptyListOf()
             from query in Gen.Elements(LatinQueries)
             select new TextAndLatinQuery(string.Concat(pieces), query))
            .ToArbitrary();

        /// <summary>Texts of the pieces, each with up to six whole characters cut from one of its runs (matches of <paramref name="run"/>).</summary>
        private static Gen<(string Text, string Query)> TextAndHanRun(Gen<string> piece, string run) =>
            from pieces in piece.NonEmptyListOf()
            let text = string.Concat(pieces)
            let runs = System.Text.RegularExpressions.Regex.Matches(text, run).Select(m => m.Value).ToArray()
            where runs.Length > 0
            from cut in Gen.Elements(runs)
            from start in Gen.Choose(0, cut.Length - 1)
            from length in Gen.Choose(1, Math.Min(6, cut.Length - start))
            let query = cut.Substring(start, length)
            where !char.IsLowSurrogate(query[0]) && !char.IsHighSurrogate(query[^1])
            select (text, query);

        public static Arbitrary<SeedSubstring> SeedSubstrings() =>
            (from text in SeedSlice(1, 8, @"^\p{IsCJKUnifiedIdeographs}[\p{IsCJKUnifiedIdeographs}\p{IsCJKSymbolsandPunctuation}\uFF01-\uFF0F\uFF1A-\uFF20]*$")
             select new SeedSubstring(text))
            .ToArbitrary();

        public static Arbitrary<SplitSeedRun> SplitSeedRuns() =>
            (from run in SeedSlice(2, 6, @"^\p{IsCJKUnifiedIdeographs}+$")
             from at in Gen.Choose(1, run.Length - 1)
             from separator in Gen.Elements("，", "、", "·")
             select new SplitSeedRun(run, run[..at] + separator + run[at..]))
            .ToArbitrary();

        /// <summary>Slices of <paramref name="shortest"/> to <paramref name="longest"/> characters of a seed paragraph that match <paramref name="pattern"/>.</summary>
        private static Gen<string> SeedSlice(int shortest, int longest, string pattern) =>
            from paragraph in Gen.Elements(SeedTruth.Paragraphs.Select(p => p.Paragraph.Text).Where(text => text.Length >= shortest).ToArray())
            from start in Gen.Choose(0, paragraph.Length - shortest)
            from length in Gen.Choose(shortest, Math.Min(longest, paragraph.Length - start))
            let slice = paragraph.Substring(start, length)
            where System.Text.RegularExpressions.Regex.IsMatch(slice, pattern)
            select slice;
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(Generators)])]
    public void Any_query_gets_results_or_the_documented_query_exception(AnyQuery query)
    {
        using var engine = SearchEngine.Open(index.IndexFolder);
        try
        {
            var results = engine.Search(query.Text);
            Assert.All(results.Hits, hit => AssertSpansInsideAndDisjoint(hit.Text, hit.Highlights));
            Assert.All(results.Hits, hit => AssertSpansInsideAndDisjoint(hit.Title, hit.TitleHighlights));
        }
        catch (EssaySearchException e) when (e.Kind == EssaySearchErrorKind.BadQuery)
        {
        }
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(Generators)])]
    public void Analyzer_offsets_stay_inside_the_text_and_in_order(TextAndHanQuery input)
    {
        foreach (var analyzer in new Analyzer[] { new ChineseAnalyzer(), new BigramAnalyzer() })
        {
            using var stream = analyzer.GetTokenStream("text", input.Text);
            var offsets = stream.AddAttribute<IOffsetAttribute>();
            var term = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            int previousStart = 0;
            while (stream.IncrementToken())
            {
                Assert.InRange(offsets.StartOffset, previousStart, offsets.EndOffset - 1);
                Assert.InRange(offsets.EndOffset, offsets.StartOffset + 1, input.Text.Length);
                Assert.NotEqual(0, term.Length);
                previousStart = offsets.StartOffset;
            }
            stream.End();
        }
    }

    [Property(MaxTest = 40, Arbitrary = [typeof(Generators)])]
    public void Highlights_of_any_text_mark_exactly_the_occurrences_of_a_han_query(TextAndHanQuery input)
    {
        using var scratch = new ScratchFolder();
        string seeds = scratch.Sub("seeds");
        Directory.CreateDirectory(seeds);
        File.WriteAllText(Path.Combine(seeds, "generated.txt"), input.Text.ReplaceLineEndings(" "));
        IndexBuilder.Build(new BuildOptions(seeds, scratch.Sub("index")));
        using var engine = SearchEngine.Open(scratch.Sub("index"));

        var hit = Assert.Single(engine.Search(input.Query).Hits);

        AssertSpansInsideAndDisjoint(hit.Text, hit.Highlights);
        Assert.Equal(SeedTruth.Highlights(input.Query, hit.Text), hit.Highlights);
    }

    /// <summary>
    /// Highlighting finds a Han run by searching the text for it (<see cref="HanRunSearch"/>) where the analysis would find
    /// the same: the spans equal those of analyzing the text, which a target that is no run forces.
    /// </summary>
    [Property(MaxTest = 1000, Arbitrary = [typeof(Generators)])]
    public void A_han_run_is_highlighted_as_the_analysis_would(EdgyTextAndHanQuery input) => AssertHighlightsAgreeWithAnalysis(input.Text, input.Query);

    [Theory]
    [InlineData("超\uFE00级智能", "超")]       // a variation selector joins the character before
    [InlineData("超级\u0301智能", "超级")]     // so does a combining mark
    [InlineData("超\u200D级", "超")]           // and a joiner
    [InlineData("超\u00AD级", "超")]           // a format character (soft hyphen)
    [InlineData("\u9FCD超级", "超级")]         // a Han character newer than the tokenizer's Unicode
    [InlineData("𠀀超級", "𠀀超级")]            // outside the BMP, traditional
    [InlineData("超級智能，超级", "超级")]
    public void A_han_run_is_highlighted_as_the_analysis_would_at_the_edges(string text, string query) => AssertHighlightsAgreeWithAnalysis(text, query);

    /// <summary>
    /// Highlighting finds an ASCII word of the word field (run, tar) or the bigram field (an acronym: PATH, OpenAI) in the
    /// bigram analysis's tokens (<see cref="AsciiWordSearch"/>) where analyzing the field would find the same: the spans
    /// equal those of the analysis.
    /// </summary>
    [Property(MaxTest = 500, Arbitrary = [typeof(Generators)])]
    public void An_ascii_word_is_highlighted_as_the_analysis_would(TextAndLatinQuery input) => AssertHighlightsAgreeWithAnalysis(input.Text, input.Query);

    [Theory]
    [InlineData("Running runs ran RUN", "run")]     // stems, case
    [InlineData("ｒｕｎｎｉｎｇ，running", "running")]   // full-width forms
    [InlineData("tar.gz tar gz", "gz")]             // a token the tokenizer keeps whole
    [InlineData("happiness happy", "happiness")]    // a stem that is no prefix of the word's other forms
    [InlineData("超\u0301run超\uFE00run", "run")]     // a mark or variation selector between Han and the word
    [InlineData("超\u200Drun，run\u0301超", "run")]   // a joiner before, a mark after
    [InlineData("超\u212Aill kill", "kill")]        // the Kelvin sign lower-cases to an ASCII k
    [InlineData("\u9FCDrun 𠀀run", "run")]          // Han newer than the tokenizer's Unicode, and outside the BMP
    [InlineData("用Node.js写 node", "node")]         // a part of a dotted word, at the word's position
    [InlineData("running.runs run", "run")]         // two parts of one word that stem alike: the first is marked
    [InlineData("self.q\u200B_table，table", "table")] // a format character inside the word before the part
    [InlineData("PATH=$PATH:/bin，path 设置PATH", "PATH")] // an acronym: the bigram field, unstemmed
    [InlineData("ＵＳＢ usb USBs", "USB")]                // full-width, and a longer word that is not it
    [InlineData("path.path Path", "PATH")]              // two parts of one word alike: the first is marked
    [InlineData("查看IP地址ip_addr", "IP")]              // between Han, and a part of a word joined by an underscore
    [InlineData("设置环境变量PATH，查看IP地址 path", "设置 PATH 地址")] // runs and an acronym in one field
    [InlineData("PATH环境变量 environ Environment", "PATH 环境 env*")]  // and a prefix, which the field is analyzed for
    public void An_ascii_word_is_highlighted_as_the_analysis_would_at_the_edges(string text, string query) => AssertHighlightsAgreeWithAnalysis(text, query);

    private void AssertHighlightsAgreeWithAnalysis(string text, string query)
    {
        var snapshot = IndexSnapshot.Open(index.IndexFolder, new EngineOptions());
        try
        {
            IReadOnlyList<MatchTarget> targets;
            try
            {
                targets = snapshot.Compiler.Compile(query).First().Targets;
            }
            catch (EssaySearchException e) when (e.Kind == EssaySearchErrorKind.BadQuery)
            {
                return; // a query of characters the tokenizer drops: nothing to highlight either way
            }
            var analyzed = MatchLocator.LocateFound(snapshot.Analysis, [text], targets, analyzeEveryTarget: true)[0].Select(found => found.Span);
            Assert.Equal(analyzed, MatchLocator.Locate(snapshot.Analysis, [text], targets)[0]);
        }
        finally
        {
            snapshot.Release();
        }
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(Generators)])]
    public void Every_slice_of_a_seed_paragraph_finds_exactly_the_paragraphs_holding_it(SeedSubstring query)
    {
        using var engine = SearchEngine.Open(index.IndexFolder);
        var found = TestData.AsWritten(engine.Search(query.Text, new SearchOptions(Limit: 100))).Select(h => (h.Essay, h.Paragraph)).ToHashSet();
        // Complete recall of the literal text; punctuation is not searched, so hits may differ only there.
        string words = System.Text.RegularExpressions.Regex.Replace(query.Text, @"[^\p{IsCJKUnifiedIdeographs}]", " ");
        Assert.Subset(found, SeedTruth.Relevant(query.Text).ToHashSet());
        Assert.Subset(SeedTruth.Relevant(words).ToHashSet(), found);
    }

    /// <summary>
    /// The bigram field does not index punctuation, so a term whose Han is split by it still finds the paragraphs where
    /// the pieces touch: a lone character before the split stands there inside a longer run, as the bigram it starts
    /// (<see cref="Analysis.BigramUnigrams.RunEnds"/>), and so may one after it.
    /// </summary>
    [Property(MaxTest = 300, Arbitrary = [typeof(Generators)])]
    public void A_seed_run_split_by_punctuation_finds_every_paragraph_the_run_finds(SplitSeedRun query)
    {
        using var engine = SearchEngine.Open(index.IndexFolder);
        var whole = TestData.AsWritten(engine.Search(query.Run, new SearchOptions(Limit: 1000))).Select(h => (h.Essay, h.Paragraph)).ToHashSet();
        var split = TestData.AsWritten(engine.Search(query.Split, new SearchOptions(Limit: 1000))).Select(h => (h.Essay, h.Paragraph)).ToHashSet();
        Assert.NotEmpty(whole);
        Assert.Subset(split, whole);
    }

    private static void AssertSpansInsideAndDisjoint(string text, IReadOnlyList<Highlighting.TextSpan> spans)
    {
        int previousEnd = -1;
        foreach (var span in spans)
        {
            Assert.InRange(span.Start, Math.Max(0, previousEnd + 1), span.End - 1);
            Assert.InRange(span.End, span.Start + 1, text.Length);
            previousEnd = span.End;
        }
    }
}
