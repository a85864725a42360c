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
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, FieldAnalyzers.Create(options.WordAnalyzer ?? new ChineseAnalyzer()))
        {
            OpenMode = OpenMode.CREATE,
            RAMBufferSizeMB = 128,
            // Merging only neighbouring segments keeps documents in corpus order, which ties in ranking fall back on.
            MergePolicy = new LogByteSizeMergePolicy(),
        };
        using var writer = new IndexWriter(directory, config);
        var document = new ParagraphDocument();
        var described = new List<CorpusFile>(files.Count);
        int paragraphs = 0;
        foreach (var file in files)
        {
            var essay = CorpusReader.ReadEssay(file, options.FallbackEncoding);
            described.Add(CorpusFile.Describe(file));
            foreach (var paragraph in essay.Paragraphs)
                writer.AddDocument(document.Fill(essay, paragraph));
            paragraphs += essay.Paragraphs.Count;
            progress?.Report(new BuildProgress(described.Count, files.Count, paragraphs));
        }
        var manifest = new IndexManifest(ParagraphFields.SchemaVersion, options.Analysis, IndexManifest.FingerprintOf(described), paragraphs, described);
        writer.SetCommitData(manifest.ToCommitData());
        writer.Commit();
        return manifest;
    }
}
