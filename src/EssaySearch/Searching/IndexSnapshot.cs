using EssaySearch.Schema;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace EssaySearch.Searching;

/// <summary>
/// One opened build of the index: its reader, searcher and query compiler. Reference-counted, so that a
/// <see cref="SearchEngine"/> can swap in a newer build while searches still running on this one finish.
/// </summary>
internal sealed class IndexSnapshot
{
    // A build swapped in while a reader opens could mix files of two builds; a few retries always find a quiet moment.
    private const int OpenAttempts = 5;

    private IndexSnapshot(IndexFolder folder, DirectoryReader reader, IndexManifest manifest, string? buildId, Analyzer? wordAnalyzer)
    {
        Folder = folder;
        Reader = reader;
        var searcher = new LiveStatisticsSearcher(reader);
        Searcher = searcher;
        RelaxedSearcher = searcher.With(new RelaxedSimilarity());
        Maxima = new WindowMaxima((TFIDFSimilarity)searcher.Similarity);
        Manifest = manifest;
        Ranking = RankOrder.Of(manifest);
        BuildId = buildId;
        // Queries are segmented, and shown paragraphs analyzed again for highlighting, with the user words the index was built with.
        var words = FieldAnalyzers.Words(wordAnalyzer, manifest.UserWords);
        Compiler = new QueryCompiler(words, reader);
        Analysis = FieldAnalyzers.Create(words);
        Records = new RecordReader(reader);
        essays = new Lazy<EssayCatalog>(() => EssayCatalog.Read(reader, Records, manifest.Files, FileOf));
        reader.AddReaderDisposedListener(new DisposedListener(() =>
        {
            enumerators.Dispose();
            Records.Dispose();
        }));
    }

    private readonly Lazy<EssayCatalog> essays;
    private readonly ThreadLocal<Dictionary<string, TermsEnum?[]>> enumerators = new(() => []);

    /// <summary>The folder this build lives in, to name it in errors.</summary>
    public IndexFolder Folder { get; }
    public DirectoryReader Reader { get; }
    public IndexSearcher Searcher { get; }

    /// <summary>The paragraphs' records, for the hits shown.</summary>
    public RecordReader Records { get; }

    /// <summary>The same documents, ranked for relaxed queries (<see cref="QueryAttempt.Relaxed"/>).</summary>
    public IndexSearcher RelaxedSearcher { get; }
    public QueryCompiler Compiler { get; }

    /// <summary>A term lookup for one search on this thread, with the thread's term enumerators of this build.</summary>
    public TermLookup Lookup() => new(Reader, enumerators.Value);

    /// <summary>How high each term can score in each window of paragraphs, for <see cref="Searcher"/>'s similarity.</summary>
    public WindowMaxima Maxima { get; }
    /// <summary>The analysis of each field, as the index was built with it.</summary>
    public Analyzer Analysis { get; }
    public IndexManifest Manifest { get; }

    /// <summary>How this build's hits are ranked when their scores tie.</summary>
    public RankOrder Ranking { get; }

    /// <summary>The file an essay of this build was read from, relative to the seeds folder, as the manifest names it; empty if it names none.</summary>
    public string FileOf(string essay) => Manifest.FileOf(essay) ?? "";

    /// <summary>The essays of this build, listed on first use.</summary>
    public EssayCatalog Essays => essays.Value;

    /// <summary>Which build this is; <c>null</c> for an index written before builds were labelled.</summary>
    public string? BuildId { get; }

    /// <summary>Opens the live build of the index in <paramref name="indexFolder"/>, holding one reference.</summary>
    /// <exception cref="EssaySearchException">Missing, damaged, or built with another schema or analysis.</exception>
    public static IndexSnapshot Open(string indexFolder, EngineOptions options) => Open(new IndexFolder(indexFolder), options);

    /// <summary>Opens the live build of <paramref name="folder"/>, holding one reference.</summary>
    /// <exception cref="EssaySearchException">Missing, damaged, or built with another schema or analysis.</exception>
    public static IndexSnapshot Open(IndexFolder folder, EngineOptions options)
    {
        for (int attempt = 1; ; attempt++)
        {
            string? before = folder.CurrentBuildId;
            var snapshot = OpenCurrent(folder, options, before);
            bool swappedMeanwhile;
            try
            {
                swappedMeanwhile = snapshot.BuildId != folder.CurrentBuildId;
            }
            catch
            {
                snapshot.Release(); // the label cannot be read now (IndexDamaged): nothing to keep open
                throw;
            }
            if (!swappedMeanwhile || attempt == OpenAttempts)
                return snapshot;
            snapshot.Release();
        }
    }

    private static IndexSnapshot OpenCurrent(IndexFolder folder, EngineOptions options, string? buildId)
    {
        var wordAnalyzer = options.WordAnalyzer;
        var reader = folder.OpenReader(memoryMapped: options.MemoryMapped);
        var manifest = IndexManifest.FromCommitData(reader.IndexCommit.UserData, folder.Current);
        if (IndexManifest.Incompatibility(manifest, FieldAnalyzers.Identity(wordAnalyzer)) is { } reason)
        {
            reader.Dispose();
            throw folder.Incompatible(reason);
        }
        try
        {
            return new IndexSnapshot(folder, reader, manifest!, buildId, wordAnalyzer);
        }
        catch (Exception e) when (IndexFolder.IsReadFault(e))
        {
            reader.Dispose(); // the stored records' files could not be opened (RecordReader)
            throw folder.Damaged(e);
        }
    }

    /// <summary>Takes a reference for one search; <c>false</c> when this snapshot has already been released for good.</summary>
    public bool TryAcquire() => Reader.TryIncRef();

    /// <summary>Drops a reference; the last one closes the files.</summary>
    public void Release() => Reader.DecRef();

    private sealed class DisposedListener(Action disposed) : IReaderDisposedListener
    {
        public void OnDispose(IndexReader reader) => disposed();
    }
}
