using System.Text.RegularExpressions;
using EssaySearch.Corpus;
using EssaySearch.Indexing;
using EssaySearch.Searching;
using EssaySearch.Tests.Searching;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EssaySearch.Tests.Reliability;

/// <summary>Random Markdown documents built from the constructs clipped essays use, read, indexed and searched.</summary>
public sealed partial class MarkdownPropertyTests
{
    /// <summary>A Markdown document and Han strings to search for, cut from pieces of its text.</summary>
    public sealed record MarkdownDocument(string Source, string[] Queries)
    {
        public override string ToString() => $"source:\n{Source}\nqueries: {string.Join(" ", Queries)}";
    }

    private static readonly string[] HanRuns = SeedTruth.Paragraphs
        .SelectMany(p => HanRun().Matches(p.Paragraph.Text).Select(m => m.Value))
        .Where(run => run.Length >= 2)
        .Distinct()
        .ToArray();

    public static class Generators
    {
        private static readonly Gen<string> Words =
            Gen.OneOf(Gen.Elements(HanRuns), Gen.Elements("GPT-4", "OpenAI", "2030", "，", "。", "“引号”", " and "));

        private static readonly Gen<string> Phrase = Words.NonEmptyListOf().Select(words => string.Concat(words.Take(5)).Trim()).Where(p => p.Length > 0);

        // Emphasis opens and closes only next to letters here: CommonMark's flanking rules leave the markers as text
        // beside punctuation or space (这是**“引号”**), and so does every renderer that follows them.
        private static readonly Gen<string> HanPhrase = Gen.Elements(HanRuns).NonEmptyListOf().Select(runs => string.Concat(runs.Take(3)));

        // Inline constructs around a phrase: each leaves the phrase visible, or (images) nothing at all.
        private static readonly Gen<string> Inline = Gen.OneOf(
            Phrase,
            HanPhrase.Select(p => $"**{p}**"),
            HanPhrase.Select(p => $"*{p}*"),
            HanPhrase.Select(p => $"***{p}***"),
            HanPhrase.Select(p => $"~~{p}~~"),
            Phrase.Select(p => $"<u>{p}</u>"),
            Phrase.Select(p => $"<span class=\"x\">{p}</span>"),
            Phrase.Select(p => $"[{p}](https://example.com/{p.Length})"),
            Phrase.Select(p => $"[[目标|{p}]]"),
            Phrase.Select(p => $"[[{p}]]"),
            Phrase.Select(p => $"![{p}](https://cdn.example.com/x.webp)"),
            Phrase.Select(p => $"{p}[^1]"),
            HanPhrase.Select(p => $" $x_{{{p}}}^*$ ")); // maths, whose _ and * are TeX, not emphasis

        // A paragraph's lines: inline pieces apart (two emphasized pieces that touch, *甲**乙*, are one run of
        // delimiters to CommonMark), some of them broken across lines.
        private static readonly Gen<string> Lines = Inline.NonEmptyListOf()
            .SelectMany(pieces => Gen.Elements(" ", "和", "\n").ArrayOf(pieces.Count).Select(breaks =>
                string.Concat(pieces.Select((piece, i) => piece + breaks[i])).Trim('\n')));

        private static readonly Gen<string> Block = Gen.OneOf(
            Lines,
            Lines.Select(l => "- " + l.Replace("\n", "\n  ")),
            Lines.Select(l => "1. " + l.Replace("\n", "\n   ")),
            Lines.Select(l => "> " + l.Replace("\n", "\n> ")),
            Phrase.Select(p => "## " + p),
            Phrase.Select(p => $"| {p} | 二 |\n|---|---|\n| 三 | {p} |"),
            Lines.Select(l => "[^1]: " + l.Replace("\n", " ")));

        public static Arbitrary<MarkdownDocument> Documents() =>
            (from blocks in Block.NonEmptyListOf()
             let source = string.Join("\n\n", blocks.Take(8)) + "\n"
             from queries in Gen.Elements(HanRuns).ArrayOf(3)
             select new MarkdownDocument(source, queries)).ToArbitrary();
    }

    [Property(MaxTest = 40, Arbitrary = [typeof(Generators)])]
    public void Every_han_substring_of_the_visible_text_is_found_and_no_hit_shows_markup(MarkdownDocument document)
    {
        using var scratch = new ScratchFolder();
        string seeds = scratch.Sub("seeds");
        Directory.CreateDirectory(seeds);
        File.WriteAllText(Path.Combine(seeds, "doc.md"), document.Source);
        IndexBuilder.Build(new BuildOptions(seeds, scratch.Sub("index")));
        var paragraphs = CorpusReader.ReadFolder(seeds).Single().Paragraphs;
        using var engine = SearchEngine.Open(scratch.Sub("index"));

        // Han strings that occur in the visible text (cut from it), and ones that may occur only across the markup.
        var queries = paragraphs
            .SelectMany(p => HanRun().Matches(p.Text).Select(m => m.Value))
            .Select(run => run[..Math.Min(run.Length, 6)])
            .Concat(document.Queries);
        foreach (var query in queries)
        {
            var expected = paragraphs.Where(p => p.Text.Contains(query, StringComparison.Ordinal)).Select(p => p.Number).ToHashSet();
            var results = engine.Search(query, new SearchOptions(Limit: 1000));
            bool question = results.Relaxation == Relaxation.Question;
            if (expected.Count > 0 || results.Notice is null)
            {
                if (!question)
                    Assert.Null(results.Notice); // found strictly, not by a relaxed query
                Assert.Equal(expected, TestData.AsWritten(results).Select(h => h.Paragraph).ToHashSet());
            }
            foreach (var hit in results.Hits)
            {
                Assert.DoesNotContain("](", hit.Text);
                Assert.DoesNotContain("**", hit.Text);
                Assert.DoesNotContain("![", hit.Text);
                Assert.DoesNotContain("[[", hit.Text);
                Assert.False(HtmlTag().IsMatch(hit.Text), hit.Text);
                if (results.Notice is null)
                    Assert.All(hit.Highlights, span => Assert.Contains(query, hit.Text[span.Start..span.End]));
            }
        }
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}+")]
    private static partial Regex HanRun();

    [GeneratedRegex(@"</?[A-Za-z][^>]*>")]
    private static partial Regex HtmlTag();
}
