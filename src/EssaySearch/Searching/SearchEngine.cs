using EssaySearch.Analysis;
using EssaySearch.Highlighting;
using EssaySearch.Indexing;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;

namespace EssaySearch.Searching;

/// <summary>
/// An open index that answers queries with ranked, highlighted paragraphs. Open it once and search
/// from any number of threads; dispose it to release the index files.
/// </summary>
/// <example>
/// <code>
/// using var engine = SearchEngine.Open("index", new EngineOptions { SeedsFolder = "seeds" });
/// var results = engine.Search("超级智能", new SearchOptions(Limit: 5));
/// foreach (var hit in results.Hits)
///     Console.WriteLine($"{hit.Rank}. {hit.Title} ¶{hit.Paragraph}: {hit.Snippet.Text}");
/// </code>
/// </example>
public sealed class SearchEngine : IDisposable
{
    private readonly FSDirectory directory;
    private readonly DirectoryReader reader;
    private readonly IndexSearcher searcher;
    private readonly QueryCompiler compiler;

    private SearchEngine(FSDirectory directory, DirectoryReader reader, Lucene.Net.Analysis.Analyzer? wordAnalyzer)
    {
        this.directory = directory;
        this.reader = reader;
        searcher = new IndexSearcher(reader);
        Manifest = IndexManifest.FromCommitData(reader.IndexCommit.UserData)!;
        // The default analysis segments queries by the index's own vocabulary: see VocabularyHanSegmenter.
        var terms = MultiFields.GetTerms(reader, ParagraphFields.Text);
        compiler = new QueryCompiler(wordAnalyzer ?? new ChineseAnalyzer(() => new VocabularyHanSegmenter(terms)));
    }

    /// <summary>What the open index was built from.</summary>
    public IndexManifest Manifest { get; }

    /// <summary>
    /// Opens the index in <paramref name="indexFolder"/>. When <see cref="EngineOptions.SeedsFolder"/> is set, an
    /// index that is missing, stale, damaged or built by another version is first rebuilt from it.
    /// </summary>
    /// <exception cref="IndexOpenException">The index is missing, damaged, or was built with another schema or analysis (and no seeds folder was given).</exception>
    /// <exception cref="Corpus.CorpusException">A build was needed and the seeds folder could not be read.</exception>
    public static SearchEngine Open(string indexFolder, EngineOptions? options = null)
    {
        options ??= new EngineOptions();
        if (options.SeedsFolder is not { } seeds)
            return OpenBuilt(indexFolder, options.WordAnalyzer);

        IndexFreshness freshness;
        try
        {
            var engine = OpenBuilt(indexFolder, options.WordAnalyzer);
            freshness = engine.Manifest.CompareWith(seeds, BuildOptions.AnalysisOf(options.WordAnalyzer));
            if (freshness.IsCurrent)
                return engine;
            engine.Dispose();
        }
        catch (IndexOpenException e)
        {
            freshness = new IndexFreshness(false, e.Message);
        }
        options.BeforeBuild?.Invoke(freshness);
        IndexBuilder.Build(new BuildOptions(seeds, indexFolder) { WordAnalyzer = options.WordAnalyzer }, options.BuildProgress);
        return OpenBuilt(indexFolder, options.WordAnalyzer);
    }

    private static SearchEngine OpenBuilt(string indexFolder, Lucene.Net.Analysis.Analyzer? wordAnalyzer)
    {
        var folder = new IndexFolder(indexFolder);
        if (!folder.HasIndex)
            throw new IndexOpenException($"no index in '{indexFolder}'; build it with `search index`");
        var directory = FSDirectory.Open(folder.Current);
        try
        {
            var reader = DirectoryReader.Open(directory);
            var manifest = IndexManifest.FromCommitData(reader.IndexCommit.UserData);
            string analysis = BuildOptions.AnalysisOf(wordAnalyzer);
            string? mismatch =
                manifest is null ? "it was not built by this program" :
                manifest.SchemaVersion != ParagraphFields.SchemaVersion ? $"it has schema version {manifest.SchemaVersion}, not {ParagraphFields.SchemaVersion}" :
                manifest.Analysis != analysis ? $"it was analyzed with '{manifest.Analysis}', not '{analysis}'" : null;
            if (mismatch is not null)
            {
                reader.Dispose();
                throw new IndexOpenException($"the index in '{indexFolder}' cannot be searched: {mismatch}; rebuild it with `search index`");
            }
            return new SearchEngine(directory, reader, wordAnalyzer);
        }
        catch (Exception e) when (e is IOException or CorruptIndexException or IndexNotFoundException)
        {
            directory.Dispose();
            throw new IndexOpenException($"the index in '{indexFolder}' is damaged or unreadable ({e.Message.Split('\n')[0]}); rebuild it with `search index`", e);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>Searches the paragraphs. Safe to call from many threads at once.</summary>
    /// <exception cref="QueryException">The query is empty, too long, or has no searchable word.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public SearchResults Search(string query, SearchOptions? options = null)
    {
        options ??= new SearchOptions();
        options.Validate();
        var (compiled, notice) = compiler.Compile(query);
        int wanted = (int)Math.Clamp((long)options.Offset + options.Limit, 1, Math.Max(1, reader.MaxDoc));
        var top = searcher.Search(compiled, wanted);
        var targets = MatchTarget.From(compiled);
        var hits = top.ScoreDocs
            .Skip(options.Offset)
            .Select((scored, i) => ToHit(scored, options.Offset + i + 1, targets, options))
            .ToList();
        return new SearchResults(query, top.TotalHits, hits, notice);
    }

    private Hit ToHit(ScoreDoc scored, int rank, IReadOnlyList<MatchTarget> targets, SearchOptions options)
    {
        var document = searcher.Doc(scored.Doc);
        string text = document.Get(ParagraphFields.Text);
        var highlights = MatchLocator.Locate(reader, scored.Doc, targets);
        var snippet = options.WholeParagraph
            ? new Snippet(text, highlights)
            : SnippetBuilder.Build(text, highlights, options.SnippetLength);
        return new Hit(
            rank,
            scored.Score,
            document.Get(ParagraphFields.Essay),
            document.Get(ParagraphFields.Title),
            document.Get(ParagraphFields.Author),
            document.Get(ParagraphFields.Published),
            document.Get(ParagraphFields.Section),
            document.GetField(ParagraphFields.Paragraph).GetInt32Value() ?? 0,
            text,
            highlights,
            snippet);
    }

    /// <summary>Releases the index files.</summary>
    public void Dispose()
    {
        reader.Dispose();
        directory.Dispose();
    }
}
