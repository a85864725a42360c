using System.Diagnostics;
using EssaySearch.Analysis;
using EssaySearch.Corpus;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace EssaySearch.Indexing;

/// <summary>Builds the paragraph index of a folder of essays, atomically, and tells whether an index is current.</summary>
public static class IndexBuilder
{
    // Tokens held in memory cost ~20 times the text; longer paragraphs are analyzed by Lucene as it indexes them, streaming.
    private const int MaxPreAnalyzedLength = 100_000;

    /// <summary>
    /// Rebuilds the index of <see cref="BuildOptions.SeedsFolder"/> into <see cref="BuildOptions.IndexFolder"/>.
    /// The new index is written beside the live one and swapped in only when complete, so readers never see
    /// a partial index and a failed or killed build leaves the previous index as it was.
    /// Builds are deterministic: the same files give the same documents in the same order.
    /// </summary>
    /// <exception cref="CorpusException">The seeds folder is missing, empty, or holds a file that cannot be read.</exception>
    /// <exception cref="IndexBuildException">Another build holds the folder's lock past the timeout.</exception>
    public static BuildResult Build(BuildOptions options, IProgress<BuildProgress>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var folder = new IndexFolder(options.IndexFolder);
        var files = CorpusReader.EssayFiles(options.SeedsFolder);
        using var buildLock = folder.AcquireBuildLock(options.LockTimeout);
        folder.RemoveAbandonedBuilds();

        string building = folder.NewBuildFolder();
        try
        {
            var manifest = Write(building, files, options, progress);
            folder.SwapIn(building);
            return new BuildResult(manifest, clock.Elapsed);
        }
        catch
        {
            if (System.IO.Directory.Exists(building))
                System.IO.Directory.Delete(building, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// Compares the index's manifest with the seeds folder, the schema and the analysis, after reading every index
    /// file to verify its checksum: damage that opening an index cannot notice (bytes overwritten inside a file) is found here.
    /// </summary>
    /// <exception cref="CorpusException">The seeds folder is missing or holds no essays.</exception>
    public static IndexFreshness CheckFreshness(BuildOptions options)
    {
        var folder = new IndexFolder(options.IndexFolder);
        if (!folder.HasIndex)
            return new IndexFreshness(false, $"no index in '{options.IndexFolder}'");
        IndexManifest manifest;
        try
        {
            using var directory = FSDirectory.Open(folder.Current);
            using var reader = DirectoryReader.Open(directory);
            foreach (var leaf in reader.Leaves)
                leaf.AtomicReader.CheckIntegrity();
            manifest = IndexManifest.FromCommitData(reader.IndexCommit.UserData) ?? new IndexManifest(0, "", "", 0, []);
        }
        // As in SearchEngine.Open: whatever a codec trips over means the index is damaged.
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new IndexFreshness(false, $"the index in '{options.IndexFolder}' is damaged or unreadable ({e.Message.Split('\n')[0]})");
        }
        return manifest.CompareWith(options.SeedsFolder, options.Analysis);
    }

    private static IndexManifest Write(string path, IReadOnlyList<string> files, BuildOptions options, IProgress<BuildProgress>? progress)
    {
        using var directory = FSDirectory.Open(path);
        var analyzer = FieldAnalyzers.Create(options.WordAnalyzer ?? new ChineseAnalyzer());
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, analyzer)
        {
            OpenMode = OpenMode.CREATE,
            RAMBufferSizeMB = 128,
            // A build is written once and then only read: packing its files into one compound file would copy
            // the whole index a second time, to save a dozen file handles.
            UseCompoundFile = false,
            // Merging only neighbouring segments keeps documents in corpus order, which ties in ranking fall back on.
            MergePolicy = new LogByteSizeMergePolicy(),
        };
        using var writer = new IndexWriter(directory, config);
        var document = new ParagraphDocument();
        var described = new List<CorpusFile>(files.Count);
        int paragraphs = 0;
        // Reading and analysis run one essay ahead on another thread; this one only feeds Lucene, in corpus order.
        foreach (var (file, essay, analyzed) in ReadAndAnalyze(files, options.FallbackEncoding, analyzer))
        {
            described.Add(file);
            for (int i = 0; i < essay.Paragraphs.Count; i++)
                writer.AddDocument(document.Fill(essay, essay.Paragraphs[i], analyzed[i].Words, analyzed[i].Bigrams));
            paragraphs += essay.Paragraphs.Count;
            progress?.Report(new BuildProgress(described.Count, files.Count, paragraphs));
        }
        var manifest = new IndexManifest(ParagraphFields.SchemaVersion, options.Analysis, IndexManifest.FingerprintOf(described), paragraphs, described);
        writer.SetCommitData(manifest.ToCommitData());
        writer.Commit();
        return manifest;
    }

    private static IEnumerable<(CorpusFile File, Essay Essay, (AnalyzedText? Words, AnalyzedText? Bigrams)[] Paragraphs)> ReadAndAnalyze(
        IReadOnlyList<string> files, System.Text.Encoding? fallbackEncoding, Analyzer analyzer)
    {
        using var ready = new System.Collections.Concurrent.BlockingCollection<(CorpusFile, Essay, (AnalyzedText?, AnalyzedText?)[])>(boundedCapacity: 16);
        using var stop = new CancellationTokenSource();
        var reader = Task.Factory.StartNew(() =>
        {
            try
            {
                foreach (var path in files)
                {
                    var essay = CorpusReader.ReadEssay(path, fallbackEncoding);
                    var analyzed = essay.Paragraphs
                        .Select(p => p.Text.Length > MaxPreAnalyzedLength ? (null, null) :
                            (AnalyzedText.Of(analyzer, ParagraphFields.Text, p.Text), AnalyzedText.Of(analyzer, ParagraphFields.TextBigrams, p.Text)))
                        .ToArray();
                    ready.Add((CorpusFile.Describe(path), essay, analyzed), stop.Token);
                }
            }
            finally
            {
                ready.CompleteAdding();
            }
        }, stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            foreach (var item in ready.GetConsumingEnumerable())
                yield return item;
        }
        finally
        {
            stop.Cancel(); // the consumer stopped early (an exception while indexing): let the reader go
            try
            {
                reader.GetAwaiter().GetResult(); // a CorpusException of the reader surfaces here, as itself
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        }
    }
}
