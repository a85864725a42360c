using System.Globalization;
using EssaySearch.Corpus;
using EssaySearch.Schema;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace EssaySearch.Indexing;

/// <summary>
/// An update of the live build: the documents of the essays changed or removed since it was built are deleted (by
/// their <c>essay</c> term), and the essays added or changed are read, analyzed and added, in a copy of the build.
/// </summary>
internal sealed class IncrementalUpdate
{
    // An update reads on one core, where a full build reads on all of them and leaves no deleted documents behind:
    // past this share of the corpus's bytes to read again, a full build costs about as much (on two cores) and gives
    // a compact index.
    private const double MaxReadShare = 0.25;

    // Replaced documents stay in their segments, marked deleted, until a merge rewrites them; every query still reads
    // their postings. Past this share of the documents, build anew.
    private const double MaxDeletedShare = 0.25;

    private readonly IReadOnlyList<EssayFile> files;
    private readonly CorpusChanges changes;
    private readonly int keptParagraphs;

    private IncrementalUpdate(IndexManifest previous, IReadOnlyList<EssayFile> files, CorpusChanges changes, int keptParagraphs)
    {
        Previous = previous;
        this.files = files;
        this.changes = changes;
        this.keptParagraphs = keptParagraphs;
    }

    /// <summary>The manifest of the live build.</summary>
    public IndexManifest Previous { get; }

    /// <summary>
    /// Whether the live build must change: an essay was added, changed or removed, or only a file's modification time
    /// changed (recorded, so that later checks need not hash the file again).
    /// </summary>
    public bool IsNeeded => !changes.IsEmpty || changes.Retimed > 0;

    /// <summary>
    /// The update that brings the live build of <paramref name="folder"/> up to date with <paramref name="files"/>;
    /// <c>null</c> when a full build must be made instead: no index, or, said in <paramref name="fullBuildReason"/>, one that
    /// cannot be read, another schema, analysis, user dictionary or fallback encoding, or a large change.
    /// </summary>
    public static IncrementalUpdate? Plan(IndexFolder folder, IReadOnlyList<EssayFile> files, string analysis, string userWords, string fallbackEncoding,
        out string? fullBuildReason)
    {
        fullBuildReason = null;
        if (!folder.HasIndex)
            return null;
        IndexManifest? manifest;
        DirectoryReader? reader = null;
        try
        {
            reader = folder.OpenReader();
            manifest = IndexManifest.FromCommitData(reader.IndexCommit.UserData, folder.Current);
        }
        // As in SearchEngine.Open: whatever a codec trips over means the index is damaged, and is built anew.
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            reader?.Dispose();
            fullBuildReason = (e as EssaySearchException ?? folder.Damaged(e)).Message;
            return null;
        }
        using (reader)
        {
            fullBuildReason = IndexManifest.Incompatibility(manifest, analysis) is { } incompatibility ? $"the index {incompatibility}"
                : manifest!.UserWordsMismatch(userWords) ?? manifest.EncodingMismatch(fallbackEncoding);
            if (fullBuildReason is not null)
                return null;
            var changes = manifest!.Diff(files);
            // Sizes as listed (of the file a link leads to), rather than a second status call for every file of the vault.
            long toRead = changes.Added.Concat(changes.Changed).Sum(file => file.Length);
            long total = files.Sum(file => file.Length);
            int replaced = changes.Changed.Select(file => file.Id).Concat(changes.Removed.Select(file => file.Essay))
                .Sum(essay => MultiFields.GetTermDocsEnum(reader, MultiFields.GetLiveDocs(reader), ParagraphFields.Essay, new BytesRef(essay)).Count());
            int deleted = reader.NumDeletedDocs + replaced;
            if (toRead > MaxReadShare * total)
                fullBuildReason = string.Create(CultureInfo.InvariantCulture, $"more than {MaxReadShare:0%} of the corpus changed ({(double)toRead / total:0.#%})");
            else if (deleted > MaxDeletedShare * reader.MaxDoc)
                fullBuildReason = string.Create(CultureInfo.InvariantCulture, $"an update would leave more than {MaxDeletedShare:0%} of the documents deleted ({(double)deleted / reader.MaxDoc:0.#%})");
            return fullBuildReason is null ? new IncrementalUpdate(manifest, files, changes, reader.NumDocs - replaced) : null;
        }
    }

    /// <summary>Applies the update to <paramref name="building"/>, a copy of the live build, and commits it.</summary>
    public BuildResult Write(string building, BuildOptions options, string userWords, Analyzer analyzer, IProgress<BuildProgress>? progress,
        CancellationToken cancellation)
    {
        var toRead = changes.Added.Concat(changes.Changed).OrderBy(file => file.RelativePath, StringComparer.Ordinal).ToList();
        var tally = new IndexBuilder.Tally(toRead.Count, progress);
        var read = new Dictionary<string, CorpusFile>(StringComparer.Ordinal);
        using var directory = FSDirectory.Open(building);
        var writer = new IndexWriter(directory, IndexBuilder.Config(analyzer, IndexBuilder.TotalRamBufferMB, OpenMode.APPEND));
        IndexManifest manifest;
        try
        {
            // Deletions apply to the documents the writer held before them, not to those added after.
            foreach (var essay in changes.Changed.Select(file => file.Id).Concat(changes.Removed.Select(file => file.Essay)))
                writer.DeleteDocuments(new Term(ParagraphFields.Essay, essay));
            var document = new ParagraphDocument();
            var gone = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in toRead)
            {
                cancellation.ThrowIfCancellationRequested();
                if (IndexBuilder.AddEssay(writer, document, file, options, tally) is { } added)
                    read[file.RelativePath] = added;
                else
                    gone.Add(file.RelativePath); // deleted since the listing: a changed one's old paragraphs are deleted above
            }

            var kept = changes.Kept.ToDictionary(file => file.Name, StringComparer.Ordinal);
            var described = files.Where(file => !gone.Contains(file.RelativePath))
                .Select(file => read.TryGetValue(file.RelativePath, out var fresh) ? fresh : kept[file.RelativePath]).ToList();
            // Deleting documents leaves the rest in their order; the documents added come after all of them.
            // Files left out before and not read again stay left out, for the same reason.
            var leftOut = Previous.LeftOut.Where(file => kept.ContainsKey(file.Name)).Concat(tally.LeftOut);
            manifest = IndexBuilder.Manifest(options, userWords, described, keptParagraphs + tally.Paragraphs, leftOut,
                documentsInRankOrder: Previous.DocumentsInRankOrder && tally.Paragraphs == 0); // no document added: the rest keep their order
            writer.SetCommitData(manifest.ToCommitData());
            writer.Commit();
        }
        catch
        {
            writer.Rollback(); // closes without the commit that disposing would attempt
            throw;
        }
        writer.Dispose();
        // Counted as essays, not files: a file left out (before or now) or gone since the listing is no essay of the index.
        var leftOutBefore = Previous.LeftOut.Select(file => file.Name).ToHashSet(StringComparer.Ordinal);
        var leftOutNow = tally.LeftOut.Select(file => file.Name).ToHashSet(StringComparer.Ordinal);
        bool Was(string file) => !leftOutBefore.Contains(file);
        bool Is(EssayFile file) => read.ContainsKey(file.RelativePath) && !leftOutNow.Contains(file.RelativePath);
        return new BuildResult(manifest, TimeSpan.Zero)
        {
            Kind = BuildKind.Incremental,
            FilesRead = toRead.Count,
            Added = changes.Added.Count(Is) + changes.Changed.Count(file => !Was(file.RelativePath) && Is(file)),
            Changed = changes.Changed.Count(file => Was(file.RelativePath) && Is(file)),
            Removed = changes.Removed.Count(file => Was(file.Name)) + changes.Changed.Count(file => Was(file.RelativePath) && !Is(file)),
            Warnings = tally.Warnings,
        };
    }
}
