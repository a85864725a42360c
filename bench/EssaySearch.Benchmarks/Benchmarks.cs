using BenchmarkDotNet.Attributes;
using EssaySearch.Analysis;
using EssaySearch.Highlighting;
using EssaySearch.Indexing;
using EssaySearch.Searching;
using Lucene.Net.Analysis;
using EssaySearch.Schema;

namespace EssaySearch.Benchmarks;

/// <summary>Analysis throughput: every essay paragraph through one analyzer (the Chars/s column is per character of text).</summary>
public class AnalyzerBenchmarks
{
    private Analyzer analyzer = null!;
    private string[] paragraphs = null!;

    /// <summary><c>words</c>: <see cref="ChineseAnalyzer"/> (jieba's dictionary); <c>bigrams</c>: the bigram field's analyzer.</summary>
    [Params("words", "bigrams")]
    public string Analysis { get; set; } = "words";

    [GlobalSetup]
    public void Setup()
    {
        paragraphs = BenchData.Paragraphs;
        analyzer = Analysis == "words" ? new ChineseAnalyzer() : new BigramAnalyzer();
    }

    [Benchmark]
    public int AnalyzeEssays()
    {
        int tokens = 0;
        foreach (string paragraph in paragraphs)
        {
            using var stream = analyzer.GetTokenStream("text", paragraph);
            stream.Reset();
            while (stream.IncrementToken())
                tokens++;
            stream.End();
        }
        return tokens;
    }
}

/// <summary>What loading jieba's embedded dictionary adds to a process: reading the trie's arrays from the assembly.</summary>
public class DictionaryBenchmarks
{
    [Benchmark]
    public long LoadDictionary() => JiebaDictionary.Load().Total;
}

/// <summary>One query end to end through <see cref="SearchEngine.Search"/>: parse, top 10, stored fields, highlights, snippets.</summary>
public class SearchBenchmarks
{
    private SearchEngine engine = null!;
    private readonly SearchOptions options = new(Limit: 10);

    public static IEnumerable<string> Queries => ["超级智能", "智能", "人工智能 治理", "\"超级 智能\"", "GPT", "智能 OR 机器人"];

    [ParamsSource(nameof(Queries))]
    public string Query { get; set; } = "超级智能";

    [GlobalSetup]
    public void Setup() => engine = SearchEngine.Open(BenchData.IndexFolder);

    [GlobalCleanup]
    public void Cleanup() => engine.Dispose();

    [Benchmark]
    public int Search() => engine.Search(Query, options).Total;
}

/// <summary>The snippet builder on the paragraphs that match 智能 (23 on the essays), with their highlight spans.</summary>
public class SnippetBenchmarks
{
    private Hit[] hits = null!;

    [GlobalSetup]
    public void Setup()
    {
        using var engine = SearchEngine.Open(BenchData.IndexFolder);
        hits = engine.Search("智能", new SearchOptions(Limit: 1000, WholeParagraph: true)).Hits.ToArray();
    }

    [Benchmark]
    public int BuildSnippets()
    {
        int length = 0;
        foreach (var hit in hits)
            length += SnippetBuilder.Build(hit.Text, hit.Highlights.Select(span => new FoundSpan(span, 0)).ToList(), 120).Text.Length; // one word: 智能
        return length;
    }
}

/// <summary>What a command-line query pays besides the search: opening the index (manifest, readers, vocabulary), cold per open.</summary>
public class EngineBenchmarks
{
    private string index = null!;

    [GlobalSetup]
    public void Setup() => index = BenchData.IndexFolder;

    [Benchmark]
    public void OpenAndDispose() => SearchEngine.Open(index).Dispose();

    [Benchmark]
    public int OpenSearchDispose()
    {
        using var engine = SearchEngine.Open(index);
        return engine.Search("超级智能", new SearchOptions(Limit: 10)).Total;
    }

    /// <summary><c>search index --check</c>: verifies every index file's checksum, then compares the manifest with the seeds (re-hashing only files whose size or time changed).</summary>
    [Benchmark]
    public bool CheckFreshness() => IndexBuilder.CheckFreshness(new BuildOptions(BenchData.Seeds, index)).IsCurrent;
}

/// <summary>A whole in-process index build of the essays (warm: the dictionary already loaded after the first iteration).</summary>
public class IndexBuildBenchmarks
{
    private string folder = null!;

    [GlobalSetup]
    public void Setup() => folder = Directory.CreateTempSubdirectory("essay-search-build-").FullName;

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(folder, recursive: true);

    [Benchmark]
    public int BuildEssays() => IndexBuilder.Build(new BuildOptions(BenchData.Seeds, folder)).Manifest.Paragraphs;
}
