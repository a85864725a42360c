using EssaySearch.Analysis;
using EssaySearch.Indexing;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using EssaySearch.Schema;

namespace EssaySearch.Searching;

/// <summary>
/// One opened build of the index: its reader, searcher and query compiler. Reference-counted, so that a
/// <see cref="SearchEngine"/> can swap in a newer build while searches still running on this one finish.
/// </summary>
internal sealed class IndexSnapshot : IReaderDisposedListener
{
    // A build swapped in while a reader opens could mix files of two builds; a few retries always find a quiet moment.
    private const int OpenAttempts = 5;

    private readonly FSDirectory directory;

    private IndexSnapshot(FSDirectory directory, DirectoryReader reader, IndexManifest manifest, string? buildId, Analyzer? wordAnalyzer)
    {
        this.directory = directory;
        Reader = reader;
        Searcher = new IndexSearcher(reader);
        Manifest = manifest;
        BuildId = buildId;
        reader.AddReaderDisposedListener(this);
        // Queries are segmented with the user words the index was built with.
        Compiler = new QueryCompiler(FieldAnalyzers.Words(wordAnalyzer, manifest.UserWords));
        essays = new Lazy<EssayCatalog>(() => EssayCatalog.Read(reader));
    }

    private readonly Lazy<EssayCatalog> essays;

    public DirectoryReader Reader { get; }
    public IndexSearcher Searcher { get; }
    public QueryCompiler Compiler { get; }
    public IndexManifest Manifest { get; }

    /// <summary>The essays of this build, listed on first use.</summary>
    public EssayCatalog Essays => essays.Value;

    /// <summary>Which build this is; <c>null</c> for an index written before builds were labelled.</summary>
    public string? BuildId { get; }

    /// <summary>Opens the live build of <paramref name="indexFolder"/>, holding one reference.</summary>
    /// <exception cref="IndexOpenException">Missing, damaged, or built with another schema or analysis.</exception>
    public static IndexSnapshot Open(string indexFolder, Analyzer? wordAnalyzer)
    {
        var folder = new IndexFolder(indexFolder);
        for (int attempt = 1; ; attempt++)
        {
            string? before = folder.CurrentBuildId;
            var snapshot = OpenCurrent(folder, indexFolder, wordAnalyzer, before);
            if (snapshot.BuildId == folder.CurrentBuildId || attempt == OpenAttempts)
                return snapshot;
            snapshot.Release();
        }
    }

    private static IndexSnapshot OpenCurrent(IndexFolder folder, string indexFolder, Analyzer? wordAnalyzer, string? buildId)
    {
        if (!folder.HasIndex)
            throw new IndexOpenException($"no index in '{indexFolder}'");
        // Positional reads, not memory maps: Lucene.Net's memory-mapped inputs register every clone (several per query
        // term) in a weak table that each garbage collection then scans, so a long-running searcher's cost per query grew
        // with its age (bench/results/LOAD.md).
        var directory = new NIOFSDirectory(folder.Current);
        try
        {
            var reader = DirectoryReader.Open(directory);
            var manifest = IndexManifest.FromCommitData(reader.IndexCommit.UserData, folder.Current);
            string analysis = BuildOptions.AnalysisOf(wordAnalyzer);
            string? mismatch =
                manifest is null ? "it was not built by this program" :
                manifest.SchemaVersion != ParagraphFields.SchemaVersion ? $"it has schema version {manifest.SchemaVersion}, not {ParagraphFields.SchemaVersion}" :
                manifest.Analysis != analysis ? $"it was analyzed with '{manifest.Analysis}', not '{analysis}'" : null;
            if (mismatch is not null)
            {
                reader.Dispose();
                throw new IndexOpenException($"the index in '{indexFolder}' cannot be searched: {mismatch}");
            }
            return new IndexSnapshot(directory, reader, manifest!, buildId, wordAnalyzer);
        }
        // Damage shows up as whatever a codec trips over first (CorruptIndexException, EndOfStreamException,
        // ArgumentException from a slice past the end, …): anything but our own refusal means unreadable.
        catch (Exception e) when (e is not IndexOpenException and not OutOfMemoryException)
        {
            directory.Dispose();
            throw new IndexOpenException($"the index in '{indexFolder}' is damaged or unreadable ({e.Message.Split('\n')[0]})", e);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>Takes a reference for one search; <c>false</c> when this snapshot has already been released for good.</summary>
    public bool TryAcquire() => Reader.TryIncRef();

    /// <summary>Drops a reference; the last one closes the files.</summary>
    public void Release() => Reader.DecRef();

    void IReaderDisposedListener.OnDispose(IndexReader reader) => directory.Dispose();
}
