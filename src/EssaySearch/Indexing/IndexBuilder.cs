using System.Diagnostics;
using System.Runtime.ExceptionServices;
using EssaySearch.Analysis;
using EssaySearch.Corpus;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;
using EssaySearch.Schema;

namespace EssaySearch.Indexing;

/// <summary>Builds the paragraph index of a folder of essays, atomically, and tells whether an index is current.</summary>
public static class IndexBuilder
{
    // Shared among the parts built at once. A part flushes a segment whenever its share fills, and every query pays
    // for every segment: with this much, each half of the 50× benchmark tier (~43 M characters, ~140 MB of buffered
    // postings) stays one segment, where 128 MB made three of each and queries there ~9% slower (README, "Speed").
    // Only what a build holds is taken: the 1× and 10× tiers use far less.
    internal const double TotalRamBufferMB = 384;

    // Each part becomes a segment of its own, and every query pays for every segment (a second one added ~0.1 ms
    // to the mean query on manpages-zh): a part of less than 1 MiB (~0.3 s of one core's work) would save less
    // building than it costs searching.
    private const long MinPartBytes = 1 << 20;

    /// <summary>
    /// Rebuilds the index of <see cref="BuildOptions.SeedsFolder"/> into <see cref="BuildOptions.IndexFolder"/>.
    /// The new index is written beside the live one and swapped in only when complete, so readers never see
    /// a partial index and a failed or killed build leaves the previous index as it was.
    /// Builds are deterministic: the same files give the same documents in the same order.
    /// </summary>
    /// <exception cref="EssaySearchException">The seeds folder is missing, empty, or holds a file that cannot be read
    /// (<see cref="EssaySearchErrorKind.BadCorpus"/>); the user dictionary cannot be read (<see cref="EssaySearchErrorKind.BadUserDictionary"/>);
    /// another build holds the folder's lock past the timeout (<see cref="EssaySearchErrorKind.BuildLocked"/>); the index cannot be
    /// written, as on a full disk (<see cref="EssaySearchErrorKind.BuildFailed"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the new index was swapped in; the
    /// previous index is unchanged.</exception>
    /// <param name="options">What to build from, and where.</param>
    /// <param name="progress">Told of every essay read.</param>
    /// <param name="cancellationToken">Stops the build between two essays, or while it waits for another build's lock, and leaves the previous
    /// index as it was; once the new index is being swapped in, the build completes.</param>
    public static BuildResult Build(BuildOptions options, IProgress<BuildProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Run(options, progress, incremental: false, cancellationToken);

    /// <summary>
    /// Brings the index up to date with <see cref="BuildOptions.SeedsFolder"/>: only the essays added, changed or
    /// removed since the last build are read and analyzed, and their documents replaced, in a copy of the live build
    /// (hard links to its files) that is swapped in like a full build's, so an update is as atomic. Builds the index
    /// anew (<see cref="Build"/>) when there is none, it cannot be read, its schema, analysis, user dictionary or fallback encoding differ,
    /// or the change is large (see the README), saying why in <see cref="BuildResult.FullBuildReason"/>. Does nothing when the index is current.
    /// </summary>
    /// <exception cref="EssaySearchException">As <see cref="Build"/>.</exception>
    /// <exception cref="OperationCanceledException">As <see cref="Build"/>.</exception>
    /// <param name="options">What to update from, and where.</param>
    /// <param name="progress">Told of every essay read.</param>
    /// <param name="cancellationToken">As <see cref="Build"/>'s.</param>
    public static BuildResult Update(BuildOptions options, IProgress<BuildProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Run(options, progress, incremental: true, cancellationToken);

    private static BuildResult Run(BuildOptions options, IProgress<BuildProgress>? progress, bool incremental, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        var clock = Stopwatch.StartNew();
        string userWords = options.ReadUserWords();
        if (userWords.Length > 0 && options.WordAnalyzer is not (null or ChineseAnalyzer))
            throw new EssaySearchException(EssaySearchErrorKind.BadUserDictionary, $"the user dictionary '{options.UserDictionary}' is for the default ChineseAnalyzer, not for the word analyzer {options.WordAnalyzer.GetType().Name}");
        Analyzer wordAnalyzer;
        try
        {
            wordAnalyzer = FieldAnalyzers.Words(options.WordAnalyzer, userWords);
        }
        catch (FormatException e)
        {
            throw new EssaySearchException(EssaySearchErrorKind.BadUserDictionary, $"the user dictionary '{options.UserDictionary}': {e.Message}", e);
        }
        var analyzer = FieldAnalyzers.Create(wordAnalyzer);
        var folder = new IndexFolder(options.IndexFolder);
        CorpusReader.CheckExists(options.SeedsFolder); // before the lock makes the index folder
        using var buildLock = folder.AcquireBuildLock(options.LockTimeout,
            onWait: () => progress?.Report(new BuildProgress(0, 0, 0) { WaitingForAnotherBuild = true }), cancellation);
        folder.RemoveAbandonedBuilds();
        // Listed under the lock: a build whose listing is older than another build that swapped in meanwhile would undo
        // that build's newer files (a query's update beside a watcher's).
        var files = CorpusReader.EssayFiles(options.SeedsFolder);

        // Planned under the lock: the live build is the one the last build left.
        string? fullBuildReason = null;
        var update = incremental ? IncrementalUpdate.Plan(folder, files, options.Analysis, userWords, options.FallbackEncodingName, out fullBuildReason) : null;
        if (update is { IsNeeded: false })
            return new BuildResult(update.Previous, clock.Elapsed) { Kind = BuildKind.None };
        string building = folder.NewBuildFolder();
        try
        {
            if (update is not null)
                folder.CopyCurrentInto(building); // a full disk may fail this too: inside, to be cleaned up and told as any failed write
            var result = update is null
                ? Write(building, files, options, userWords, analyzer, progress, cancellation) with { FullBuildReason = fullBuildReason }
                : update.Write(building, options, userWords, analyzer, progress, cancellation);
            result.Manifest.WriteFileTimes(building);
            cancellation.ThrowIfCancellationRequested(); // the last moment the previous index can still be kept
            folder.SwapIn(building);
            return result with { Elapsed = clock.Elapsed };
        }
        catch (Exception e)
        {
            if (System.IO.Directory.Exists(building))
                System.IO.Directory.Delete(building, recursive: true);
            if (e is IOException)
                throw new EssaySearchException(EssaySearchErrorKind.BuildFailed, $"cannot write the index in '{folder.Root}' ({e.Message.Split('\n')[0]}); the previous index is unchanged", e);
            throw;
        }
    }

    /// <summary>
    /// Makes the index current for <see cref="BuildOptions.SeedsFolder"/>: when it is missing, stale, damaged, or of another
    /// schema or analysis (<see cref="CheckFreshness"/>), updates it (<see cref="Update"/>: only the essays that changed, where
    /// it can; otherwise a full build), and otherwise leaves it alone.
    /// </summary>
    /// <returns>How the index was found, and the build that made it current, if one was needed.</returns>
    /// <exception cref="EssaySearchException">As <see cref="Build"/>.</exception>
    /// <exception cref="OperationCanceledException">As <see cref="Build"/>.</exception>
    /// <param name="options">What the index should be current for, and where it is.</param>
    /// <param name="progress">Told of every essay read, if a build is needed.</param>
    /// <param name="cancellationToken">As <see cref="Build"/>'s.</param>
    public static IndexUpdate EnsureCurrent(BuildOptions options, IProgress<BuildProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var found = CheckFreshness(options);
        return new IndexUpdate(found, found.IsCurrent ? null : Update(options, progress, cancellationToken));
    }

    /// <summary>
    /// Whether the index is current for <see cref="BuildOptions.SeedsFolder"/>: there, readable, of this schema and analysis, built
    /// with the same user words, from the same files (a directory listing: files whose size and modification time are unchanged
    /// are not re-read). <paramref name="verifyChecksums"/> also reads every index file to verify its checksum, which finds
    /// damage that opening an index cannot notice (bytes overwritten inside a file), at the cost of reading the whole index.
    /// </summary>
    /// <exception cref="EssaySearchException">The seeds folder cannot be listed or holds no essays (<see cref="EssaySearchErrorKind.BadCorpus"/>),
    /// or the user dictionary cannot be read (<see cref="EssaySearchErrorKind.BadUserDictionary"/>).</exception>
    public static IndexFreshness CheckFreshness(BuildOptions options, bool verifyChecksums = false)
    {
        var seeds = CorpusReader.EssayFiles(options.SeedsFolder);
        IndexManifest? manifest;
        try
        {
            var folder = new IndexFolder(options.IndexFolder);
            using var reader = folder.OpenReader(verifyChecksums);
            manifest = IndexManifest.FromCommitData(reader.IndexCommit.UserData, folder.Current);
        }
        catch (EssaySearchException e) when (e.IsIndexProblem)
        {
            return IndexFreshness.Of(e);
        }
        return IndexManifest.Incompatibility(manifest, options.Analysis) is { } reason
            ? new IndexFreshness(false, $"the index {reason}")
            : manifest!.CompareWith(seeds, options.ReadUserWords(), options.FallbackEncodingName);
    }

    private static BuildResult Write(string path, IReadOnlyList<EssayFile> files, BuildOptions options, string userWords, Analyzer analyzer,
        IProgress<BuildProgress>? progress, CancellationToken cancellation)
    {
        // In the order ties in ranking fall back on, which queries can then take from the documents' numbers.
        var parts = Partition(EssayOrder.Sort(files));
        // The first part is written where the index goes, the others beside it, to be linked in (LinkedPart).
        var partPaths = parts.Select((_, i) => i == 0 ? path : $"{path}.part{i}").ToArray();
        var tally = new Tally(files.Count, progress);
        try
        {
            // Each part of the corpus is read, analyzed, indexed and flushed on its own core; the parts are then
            // joined in that order.
            using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            var partTasks = parts.Select((part, i) => Task.Factory.StartNew(() =>
            {
                try
                {
                    return WritePart(partPaths[i], part, options, analyzer, TotalRamBufferMB / parts.Count, tally, failed.Token);
                }
                catch
                {
                    failed.Cancel();
                    throw;
                }
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
            try
            {
                Task.WaitAll(partTasks);
            }
            catch (AggregateException e)
            {
                ExceptionDispatchInfo.Throw(e.InnerExceptions[0]); // as itself: an error names its file
            }
            cancellation.ThrowIfCancellationRequested(); // the parts stopped early: they hold only some of the essays

            var described = partTasks.SelectMany(task => task.Result).OrderBy(file => file.Name, StringComparer.Ordinal).ToList();
            var manifest = Manifest(options, userWords, described, tally.Paragraphs, tally.LeftOut, documentsInRankOrder: true);
            using var directory = FSDirectory.Open(path);
            using var writer = new IndexWriter(directory, Config(analyzer, TotalRamBufferMB, OpenMode.APPEND));
            var partDirectories = partPaths.Skip(1).Select(part => (Lucene.Net.Store.Directory)new LinkedPart(part)).ToArray();
            try
            {
                writer.AddIndexes(partDirectories); // takes the parts' segments as they are, in the order given
            }
            finally
            {
                foreach (var partDirectory in partDirectories)
                    partDirectory.Dispose();
            }
            writer.SetCommitData(manifest.ToCommitData());
            writer.Commit();
            return new BuildResult(manifest, TimeSpan.Zero) { FilesRead = files.Count, Warnings = tally.Warnings };
        }
        finally
        {
            foreach (var part in partPaths.Skip(1).Where(System.IO.Directory.Exists))
                System.IO.Directory.Delete(part, recursive: true);
        }
    }

    private static List<CorpusFile> WritePart(string path, IReadOnlyList<EssayFile> files, BuildOptions options,
        Analyzer analyzer, double ramBufferMB, Tally tally, CancellationToken failed)
    {
        using var directory = FSDirectory.Open(path);
        using var writer = new IndexWriter(directory, Config(analyzer, ramBufferMB, OpenMode.CREATE));
        var document = new ParagraphDocument();
        var described = new List<CorpusFile>(files.Count);
        foreach (var file in files)
        {
            if (failed.IsCancellationRequested)
                break; // cancelled, or another part failed: the build is abandoned
            if (AddEssay(writer, document, file, options, tally) is { } added)
                described.Add(added);
        }
        writer.Commit();
        return described;
    }

    /// <summary>
    /// The manifest of an index of <paramref name="files"/>, recording what <paramref name="options"/> say it is built from
    /// and with (the seeds folder, the user dictionary, the fallback encoding), so that a command given none of them keeps
    /// the index current as it was built; a full build and an update record them alike.
    /// </summary>
    internal static IndexManifest Manifest(BuildOptions options, string userWords, IReadOnlyList<CorpusFile> files, int paragraphs,
        IEnumerable<LeftOutFile> leftOut, bool documentsInRankOrder) =>
        new(ParagraphFields.SchemaVersion, options.Analysis, IndexManifest.FingerprintOf(files), paragraphs, files)
        {
            UserWords = userWords,
            Source = Path.GetFullPath(options.SeedsFolder),
            UserDictionary = options.UserDictionary is null ? "" : Path.GetFullPath(options.UserDictionary),
            FallbackEncoding = options.FallbackEncodingName,
            DocumentsInRankOrder = documentsInRankOrder,
            LeftOut = leftOut.OrderBy(file => file.Name, StringComparer.Ordinal).ToList(),
        };

    /// <summary>
    /// What an essay without paragraphs (front matter or a title alone, as a clipped bookmark often is) is indexed as: one
    /// empty paragraph, numbered 0 (<see cref="ParagraphRecord.StandsIn"/>), so that its title, author and tags find it
    /// as they find the paragraphs of other essays. Counted as a paragraph, so that an update's count (documents kept
    /// plus documents added) and a full build's agree.
    /// </summary>
    private static readonly Paragraph StandIn = new(0, "", "", [], 1, Code: false);

    /// <summary>
    /// Reads, analyzes and adds one essay; describes the very bytes indexed, for the manifest. Null for a file that is gone
    /// since the folder was listed (deleted or moved while a build runs): left out, as a listing made a moment later
    /// would leave it out, rather than failing the build. A file that cannot be read fails the build, or with
    /// <see cref="BuildOptions.LeaveOutUnreadable"/> is described (as read, else as listed) and told to the tally.
    /// </summary>
    internal static CorpusFile? AddEssay(IndexWriter writer, ParagraphDocument document, EssayFile file, BuildOptions options, Tally tally)
    {
        (CorpusFile Described, byte[] Bytes) read;
        try
        {
            read = CorpusFile.Read(file);
        }
        // Not a name that is not UTF-8, which .NET cannot open either and reports alike: that error says what to do.
        catch (EssaySearchException e) when (e.InnerException is FileNotFoundException or DirectoryNotFoundException && !file.RelativePath.Contains('\uFFFD'))
        {
            tally.EssayDone(0);
            return null;
        }
        catch (EssaySearchException e) when (options.LeaveOutUnreadable && e.Kind == EssaySearchErrorKind.BadCorpus)
        {
            // Unread, it has no hash: described as listed, so that it is read again once it changes.
            return tally.LeaveOut(new CorpusFile(file.RelativePath, file.Length, file.LastWriteUtcTicks, ""), e);
        }
        var (described, bytes) = read;
        Essay essay;
        try
        {
            essay = CorpusReader.ReadEssay(file, bytes, options.FallbackEncoding);
        }
        catch (EssaySearchException e) when (options.LeaveOutUnreadable && e.Kind == EssaySearchErrorKind.BadCorpus)
        {
            return tally.LeaveOut(described, e);
        }
        if (essay.Warning is { } warning)
            tally.Warn(warning);
        var paragraphs = essay.Paragraphs.Count > 0 ? essay.Paragraphs : [StandIn];
        foreach (var paragraph in paragraphs)
            writer.AddDocument(document.Fill(essay, paragraph));
        tally.EssayDone(paragraphs.Count);
        return described;
    }

    internal static IndexWriterConfig Config(Analyzer analyzer, double ramBufferMB, OpenMode mode) => new(LuceneVersion.LUCENE_48, analyzer)
    {
        OpenMode = mode,
        RAMBufferSizeMB = ramBufferMB,
        // Merging only neighbouring segments keeps documents in the order they were added.
        MergePolicy = new LogByteSizeMergePolicy(),
        // A build is written once and then only read: packing its files into one compound file would copy
        // the whole index a second time, to save a dozen file handles.
        UseCompoundFile = false,
        // Two builds of the same files write the same bytes (README, "Index").
        Codec = ReproducibleCodec.Instance,
    };

    /// <summary>
    /// Consecutive runs of files with about equal shares of the bytes, one per core, but none smaller than
    /// <see cref="MinPartBytes"/>; none empty.
    /// </summary>
    private static List<EssayFile[]> Partition(IReadOnlyList<EssayFile> files)
    {
        long total = Math.Max(1, files.Sum(file => file.Length)), sum = 0;
        int count = (int)Math.Clamp(total / MinPartBytes, 1, Environment.ProcessorCount);
        var parts = new List<EssayFile[]>();
        int start = 0;
        for (int i = 0; i < files.Count; i++)
        {
            sum += files[i].Length;
            if (parts.Count < count - 1 && sum * count >= total * (parts.Count + 1))
            {
                parts.Add(files.Skip(start).Take(i + 1 - start).ToArray());
                start = i + 1;
            }
        }
        parts.Add(files.Skip(start).ToArray());
        return parts.Where(part => part.Length > 0).ToList();
    }

    /// <summary>
    /// A part's folder, whose segments <see cref="IndexWriter.AddIndexes(Lucene.Net.Store.Directory[])"/> takes into the index
    /// by hard links rather than copies (the part's commit has already written them through; Lucene never changes a file
    /// once written): a 50× build copied ~170 MB there (README, "Speed"). Where a link cannot be made, the file is copied.
    /// </summary>
    private sealed class LinkedPart(string path) : NIOFSDirectory(new DirectoryInfo(path))
    {
        public override void Copy(Lucene.Net.Store.Directory to, string src, string dest, IOContext context)
        {
            if (to is not FSDirectory target || !IndexFolder.TryLink(Path.Combine(Directory.FullName, src), Path.Combine(target.Directory.FullName, dest)))
                base.Copy(to, src, dest, context);
        }
    }

    /// <summary>Counts what the parts have indexed, and reports it one essay at a time.</summary>
    internal sealed class Tally(int filesTotal, IProgress<BuildProgress>? progress)
    {
        private readonly System.Threading.Lock gate = new();
        private int files;
        private readonly List<LeftOutFile> leftOut = [];
        private readonly List<string> warnings = [];

        public int Paragraphs { get; private set; }

        /// <summary>The files left out so far, as they cannot be read.</summary>
        public IReadOnlyList<LeftOutFile> LeftOut
        {
            get
            {
                lock (gate)
                    return leftOut.ToList();
            }
        }

        /// <summary>What was wrong with the files read though they were indexed whole (<see cref="BuildResult.Warnings"/>), in file order.</summary>
        public IReadOnlyList<string> Warnings
        {
            get
            {
                lock (gate)
                    return warnings.Order(StringComparer.Ordinal).ToList(); // each names its file first; the parts add them in any order
            }
        }

        public void Warn(string warning)
        {
            lock (gate)
                warnings.Add(warning);
        }

        /// <summary>Counts <paramref name="file"/> as done without a paragraph, left out as it could not be read (<paramref name="why"/>); returns it.</summary>
        public CorpusFile LeaveOut(CorpusFile file, EssaySearchException why)
        {
            lock (gate)
                leftOut.Add(new LeftOutFile(file.Name, why.Message) { NeedsFallbackEncoding = why.NeedsFallbackEncoding });
            EssayDone(0);
            return file;
        }

        public void EssayDone(int paragraphs)
        {
            lock (gate)
            {
                files++;
                Paragraphs += paragraphs;
                progress?.Report(new BuildProgress(files, filesTotal, Paragraphs));
            }
        }
    }
}
