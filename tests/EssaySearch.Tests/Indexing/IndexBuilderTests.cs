using EssaySearch.Analysis;
using EssaySearch.Corpus;
using EssaySearch.Indexing;
using EssaySearch.Searching;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;
using EssaySearch.Schema;

namespace EssaySearch.Tests.Indexing;

public class IndexBuilderTests
{
    [Fact]
    public void Builds_one_document_per_paragraph_with_a_manifest()
    {
        using var scratch = new ScratchFolder();
        var result = IndexBuilder.Build(new BuildOptions(TestData.Seeds, scratch.Sub("index")));
        Assert.Equal(67, result.Manifest.Paragraphs);
        Assert.Equal(["002_71bd8fe93b13801e.txt", "003_b81256e0e21f22db.txt"], result.Manifest.Files.Select(f => f.Name));
        using var engine = SearchEngine.Open(scratch.Sub("index"));
        Assert.Equal(result.Manifest.Fingerprint, engine.Manifest.Fingerprint);
        Assert.Equal(result.Manifest.Files, engine.Manifest.Files);
        Assert.Equal(67, Documents(scratch.Sub("index")).Count);
    }

    [Fact]
    public void Two_builds_give_identical_documents_in_the_same_order()
    {
        using var scratch = new ScratchFolder();
        IndexBuilder.Build(new BuildOptions(TestData.Seeds, scratch.Sub("a")));
        IndexBuilder.Build(new BuildOptions(scratch.CopyOfSeeds(), scratch.Sub("b")));
        var a = Documents(scratch.Sub("a"));
        Assert.Equal(a, Documents(scratch.Sub("b")));
        Assert.Equal(Terms(scratch.Sub("a")), Terms(scratch.Sub("b")));
        Assert.Equal(("002_71bd8fe93b13801e", 1), (a[0].Essay, a[0].Paragraph));
        Assert.Equal(("003_b81256e0e21f22db", 39), (a[^1].Essay, a[^1].Paragraph));
    }

    [Fact]
    public void A_corpus_built_in_parts_keeps_essay_order_and_every_paragraph()
    {
        using var scratch = new ScratchFolder();
        string seeds = CorpusBuiltInParts(scratch.Sub("seeds"));

        var built = IndexBuilder.Build(new BuildOptions(seeds, scratch.Sub("index")));

        var expected = CorpusReader.ReadFolder(seeds).SelectMany(essay => essay.Paragraphs.Select(p => (essay.Id, p.Number, p.Text))).ToList();
        var documents = Documents(scratch.Sub("index")).Select(d => (d.Essay, d.Paragraph, d.Text)).ToList();
        Assert.Equal(expected, documents);
        Assert.Equal(expected.Count, built.Manifest.Paragraphs);
        using (var directory = FSDirectory.Open(Path.Combine(scratch.Sub("index"), "current")))
        using (var reader = DirectoryReader.Open(directory))
            Assert.Equal(Math.Min(Environment.ProcessorCount, 2), reader.Leaves.Count);
        using var engine = SearchEngine.Open(scratch.Sub("index"));
        Assert.Equal(110 * 5, engine.Search("超级智能").Total);
    }

    [Fact]
    public void Documents_lie_in_rank_order_by_essay_id_then_paragraph_not_in_path_order()
    {
        using var scratch = new ScratchFolder();
        string seeds = scratch.Sub("seeds");
        System.IO.Directory.CreateDirectory(seeds);
        // By path, a-b.md comes before a.md, and 😀 (a surrogate pair in UTF-16) before Ａ (U+FF21); ties rank by essay
        // id, in the order of its UTF-8 bytes: a, a-b, Ａ, 😀.
        foreach (string name in new[] { "a.md", "a-b.md", "\uFF21.md", "\U0001F600.md" })
            File.WriteAllText(Path.Combine(seeds, name), "超级智能的第一段。\n\n超级智能的第二段。\n");

        var built = IndexBuilder.Build(new BuildOptions(seeds, scratch.Sub("index")));

        Assert.True(built.Manifest.DocumentsInRankOrder);
        string[] essays = ["a", "a-b", "\uFF21", "\U0001F600"];
        var inRankOrder = essays.SelectMany(essay => new[] { (essay, 1), (essay, 2) }).ToList();
        Assert.Equal(inRankOrder, Documents(scratch.Sub("index")).Select(d => (d.Essay, d.Paragraph)));
        using var engine = SearchEngine.Open(scratch.Sub("index"));
        var hits = engine.Search("超级智能").Hits;
        Assert.Single(hits.Select(hit => hit.Score).Distinct());
        Assert.Equal(inRankOrder, hits.Select(hit => (hit.Essay, hit.Paragraph)));
    }

    [Fact]
    public void Two_builds_of_the_same_files_write_the_same_index_bytes_but_for_the_build_label_and_the_file_times()
    {
        using var scratch = new ScratchFolder();
        string seeds = CorpusBuiltInParts(scratch.Sub("seeds"));
        IndexBuilder.Build(new BuildOptions(seeds, scratch.Sub("a")));
        // The same files written at other times, as in a fresh clone of the same commit.
        foreach (var file in System.IO.Directory.GetFiles(seeds))
            File.SetLastWriteTimeUtc(file, new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc));
        IndexBuilder.Build(new BuildOptions(seeds, scratch.Sub("b")));

        var a = FilesOf(Path.Combine(scratch.Sub("a"), "current"));
        var b = FilesOf(Path.Combine(scratch.Sub("b"), "current"));
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        Assert.Contains(a.Keys, name => name.StartsWith("segments_", StringComparison.Ordinal));
        Assert.Equal(["build-id", IndexManifest.FileTimesFile], a.Keys.Where(name => !a[name].SequenceEqual(b[name])).Order());

        // The times kept beside the index are the files' new ones, so that a freshness check hashes no unchanged file.
        using var engine = SearchEngine.Open(scratch.Sub("b"));
        Assert.All(engine.Manifest.Files, file => Assert.Equal(File.GetLastWriteTimeUtc(Path.Combine(seeds, file.Name)).Ticks, file.LastWriteUtcTicks));
        Assert.True(IndexBuilder.CheckFreshness(new BuildOptions(seeds, scratch.Sub("b"))).IsCurrent);
    }

    [Fact]
    public void A_user_dictionary_keeps_its_words_whole_in_the_index_and_in_queries_and_a_changed_one_makes_the_index_stale()
    {
        using var scratch = new ScratchFolder();
        string words = scratch.Sub("words.txt");
        File.WriteAllText(words, "超级智能\n");
        var options = new BuildOptions(scratch.CopyOfSeeds(), scratch.Sub("index")) { UserDictionary = words };
        Assert.False(HasWord(scratch.Sub("index"), "超级智能", build: options with { UserDictionary = null }));
        Assert.True(HasWord(scratch.Sub("index"), "超级智能", build: options));
        Assert.True(IndexBuilder.CheckFreshness(options).IsCurrent);

        // The index carries its words: queries are segmented with them even where the file is not at hand.
        using (var engine = SearchEngine.Open(scratch.Sub("index")))
        {
            Assert.Equal("超级智能\n", engine.Manifest.UserWords);
            Assert.Equal(5, engine.Search("超级智能").Total);
            // An open engine answers as the builder does, without opening the index again.
            Assert.True(engine.CheckFreshness(options.SeedsFolder, words).IsCurrent);
            Assert.Equal("the index was built with a user dictionary, and none is given", engine.CheckFreshness(options.SeedsFolder).Reason);
            Assert.Equal(EssaySearchErrorKind.BadUserDictionary,
                Assert.Throws<EssaySearchException>(() => engine.CheckFreshness(options.SeedsFolder, scratch.Sub("no-such-words.txt"))).Kind);
        }

        Assert.Equal("the index was built with a user dictionary, and none is given", IndexBuilder.CheckFreshness(options with { UserDictionary = null }).Reason);
        File.WriteAllText(words, "超级智能 100 n\n事件视界\n");
        Assert.Equal("the user dictionary changed since the index was built", IndexBuilder.CheckFreshness(options).Reason);
        var update = IndexBuilder.EnsureCurrent(options);
        Assert.Equal("the user dictionary changed since the index was built", update.Found.Reason);
        Assert.NotNull(update.Build);
        Assert.True(IndexBuilder.CheckFreshness(options).IsCurrent);
        Assert.Null(IndexBuilder.EnsureCurrent(options).Build);
    }

    /// <summary>Two readings of one manifest are equal, file list and all; a manifest of other files is not.</summary>
    [Fact]
    public void Manifests_are_equal_when_they_record_the_same()
    {
        using var scratch = new ScratchFolder();
        var options = new BuildOptions(scratch.CopyOfSeeds(), scratch.Sub("index"));
        var built = IndexBuilder.Build(options).Manifest;
        var read = IndexManifest.ReadFrom(options.IndexFolder)!;
        Assert.NotSame(built.Files, read.Files);
        Assert.Equal(built, read);
        Assert.Equal(built.GetHashCode(), read.GetHashCode());
        File.AppendAllText(Path.Combine(options.SeedsFolder, TestData.Reflections + ".txt"), "\n新的一段。\n");
        Assert.NotEqual(read, IndexBuilder.Update(options).Manifest);
    }

    /// <summary>A ChineseAnalyzer given as the word analyzer takes the user dictionary as the default one does; any other analyzer refuses it.</summary>
    [Fact]
    public void A_user_dictionary_applies_to_a_chinese_analyzer_given_and_is_refused_with_any_other()
    {
        using var scratch = new ScratchFolder();
        string words = scratch.Sub("words.txt");
        File.WriteAllText(words, "超级智能\n");
        var options = new BuildOptions(scratch.CopyOfSeeds(), scratch.Sub("index")) { UserDictionary = words, WordAnalyzer = new ChineseAnalyzer() };
        Assert.True(HasWord(scratch.Sub("index"), "超级智能", build: options));

        var other = options with { WordAnalyzer = new Lucene.Net.Analysis.Standard.StandardAnalyzer(Lucene.Net.Util.LuceneVersion.LUCENE_48) };
        var error = Assert.Throws<EssaySearchException>(() => IndexBuilder.Build(other));
        Assert.Equal(EssaySearchErrorKind.BadUserDictionary, error.Kind);
        Assert.Contains("is for the default ChineseAnalyzer, not for the word analyzer StandardAnalyzer", error.Message);
    }

    /// <summary>A lock file that cannot be opened for another reason than another build's lock fails at once, not after the timeout as "locked".</summary>
    [Fact]
    public void A_lock_that_cannot_be_written_fails_the_build_at_once()
    {
        using var scratch = new ScratchFolder();
        var options = new BuildOptions(scratch.CopyOfSeeds(), scratch.Sub("index")) { LockTimeout = TimeSpan.FromSeconds(2) };
        System.IO.Directory.CreateDirectory(Path.Combine(options.IndexFolder, ".build.lock")); // as unwritable as a read-only disk
        var error = Assert.Throws<EssaySearchException>(() => IndexBuilder.Build(options));
        Assert.Equal(EssaySearchErrorKind.BuildFailed, error.Kind);
        Assert.StartsWith($"cannot write the index folder '{options.IndexFolder}'", error.Message);
    }

    /// <summary>A build may wait as long as it takes; a negative wait is refused.</summary>
    [Fact]
    public void The_lock_timeout_may_be_infinite_but_not_negative()
    {
        using var scratch = new ScratchFolder();
        var options = new BuildOptions(scratch.CopyOfSeeds(), scratch.Sub("index"));
        Assert.Equal(67, IndexBuilder.Build(options with { LockTimeout = TimeSpan.MaxValue }).Manifest.Paragraphs);
        Assert.Equal(67, IndexBuilder.Build(options with { LockTimeout = Timeout.InfiniteTimeSpan }).Manifest.Paragraphs);
        Assert.Throws<ArgumentOutOfRangeException>(() => IndexBuilder.Build(options with { LockTimeout = TimeSpan.FromSeconds(-5) }));
    }

    [Fact]
    public async Task A_build_waiting_for_another_lists_the_folder_once_it_has_the_lock()
    {
        using var scratch = new ScratchFolder();
        var options = new BuildOptions(scratch.CopyOfSeeds(), scratch.Sub("index"));
        IndexBuilder.Build(options);
        Task<BuildResult> waiting;
        using (new IndexFolder(options.IndexFolder).AcquireBuildLock(TimeSpan.FromSeconds(5)))
        {
            waiting = Task.Run(() => IndexBuilder.Update(options));
            await Task.Delay(500); // the update is waiting for the lock
            File.WriteAllText(Path.Combine(options.SeedsFolder, "新.md"), "# 新\n\n座头鲸在唱歌。\n");
        }
        Assert.Equal(1, (await waiting).Added);
    }

    /// <summary>A build or update cancelled between two essays, or while it waits for the lock, throws, and leaves the
    /// previous index and no unfinished copy of it.</summary>
    [Fact]
    public void A_cancelled_build_leaves_the_previous_index_and_no_unfinished_copy()
    {
        using var scratch = new ScratchFolder();
        var options = new BuildOptions(scratch.CopyOfSeeds(), scratch.Sub("index"));
        var before = IndexBuilder.Build(options).Manifest;
        File.WriteAllText(Path.Combine(options.SeedsFolder, "新.md"), "# 新\n\n座头鲸在唱歌。\n");

        using var whileReading = new CancellationTokenSource();
        var cancelAtFirstEssay = new ReportCounter(() => whileReading.Cancel());
        Assert.Throws<OperationCanceledException>(() => IndexBuilder.Build(options, cancelAtFirstEssay, whileReading.Token));
        Assert.Equal(1, cancelAtFirstEssay.Reports); // the build stopped after the essay it was reading
        Assert.Throws<OperationCanceledException>(() => IndexBuilder.EnsureCurrent(options, null, whileReading.Token));

        using var whileWaiting = new CancellationTokenSource();
        using (new IndexFolder(options.IndexFolder).AcquireBuildLock(TimeSpan.Zero))
        {
            var waiting = Task.Run(() => IndexBuilder.Update(options with { LockTimeout = Timeout.InfiniteTimeSpan }, null, whileWaiting.Token));
            Thread.Sleep(300);
            Assert.False(waiting.IsCompleted);
            whileWaiting.Cancel();
            Assert.True(((IAsyncResult)waiting).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(10)), "the update kept waiting for the lock");
            Assert.IsAssignableFrom<OperationCanceledException>(waiting.Exception?.InnerException);
        }

        Assert.Equal(before, IndexManifest.ReadFrom(options.IndexFolder));
        Assert.Empty(System.IO.Directory.GetDirectories(options.IndexFolder, ".build-*"));
        Assert.Equal(1, IndexBuilder.Update(options).Added); // and the next one goes ahead
    }

    private sealed class ReportCounter(Action onReport) : IProgress<BuildProgress>
    {
        public int Reports { get; private set; }

        public void Report(BuildProgress value)
        {
            Reports++;
            onReport();
        }
    }

    [Fact]
    public void A_missing_user_dictionary_is_a_clear_error_and_the_index_is_left_alone()
    {
        using var scratch = new ScratchFolder();
        var options = new BuildOptions(scratch.CopyOfSeeds(), scratch.Sub("index")) { UserDictionary = scratch.Sub("missing.txt") };
        var error = Assert.Throws<EssaySearchException>(() => IndexBuilder.Build(options));
        Assert.StartsWith($"cannot read the user dictionary '{options.UserDictionary}'", error.Message);
        Assert.False(System.IO.Directory.Exists(scratch.Sub("index")));
    }

    /// <summary>Builds the index and tells whether its word field holds <paramref name="word"/> as one term.</summary>
    /// <summary>110 copies of the essays (2.4 MB): large enough to be split in two, where there are two cores or more.</summary>
    private static string CorpusBuiltInParts(string seeds)
    {
        System.IO.Directory.CreateDirectory(seeds);
        foreach (var file in System.IO.Directory.GetFiles(TestData.Seeds))
            for (int copy = 0; copy < 110; copy++)
                File.Copy(file, Path.Combine(seeds, $"{copy:D3}_{Path.GetFileName(file)}"));
        return seeds;
    }

    private static Dictionary<string, byte[]> FilesOf(string folder) =>
        System.IO.Directory.GetFiles(folder).ToDictionary(file => Path.GetFileName(file), File.ReadAllBytes);

    private static bool HasWord(string indexFolder, string word, BuildOptions build)
    {
        IndexBuilder.Build(build);
        using var directory = FSDirectory.Open(Path.Combine(indexFolder, "current"));
        using var reader = DirectoryReader.Open(directory);
        return MultiFields.GetTerms(reader, ParagraphFields.Text).GetEnumerator().SeekExact(new Lucene.Net.Util.BytesRef(word));
    }

    [Fact]
    public void Freshness_follows_the_seeds_folder()
    {
        using var scratch = new ScratchFolder();
        var options = new BuildOptions(scratch.CopyOfSeeds(), scratch.Sub("index"));
        Assert.False(IndexBuilder.CheckFreshness(options).IsCurrent);
        IndexBuilder.Build(options);
        Assert.True(IndexBuilder.CheckFreshness(options).IsCurrent);

        string essay = Path.Combine(options.SeedsFolder, "002_71bd8fe93b13801e.txt");
        File.SetLastWriteTimeUtc(essay, DateTime.UtcNow.AddMinutes(1));
        Assert.True(IndexBuilder.CheckFreshness(options).IsCurrent); // touched, not changed

        File.AppendAllText(essay, "\n新增的一段。\n");
        var stale = IndexBuilder.CheckFreshness(options);
        Assert.False(stale.IsCurrent);
        Assert.Contains("002_71bd8fe93b13801e.txt changed", stale.Reason);

        File.WriteAllText(Path.Combine(options.SeedsFolder, "004.md"), "新文章。");
        Assert.Contains("004.md was added", IndexBuilder.CheckFreshness(options).Reason);
    }

    [Fact]
    public void File_times_recorded_for_another_build_are_not_used_and_freshness_falls_back_on_hashing()
    {
        using var scratch = new ScratchFolder();
        var options = new BuildOptions(scratch.CopyOfSeeds(), scratch.Sub("index"));
        IndexBuilder.Build(options);
        string times = Path.Combine(options.IndexFolder, "current", IndexManifest.FileTimesFile);
        File.WriteAllLines(times, File.ReadAllLines(times).Skip(1).Prepend(new string('0', 64)));

        using (var engine = SearchEngine.Open(options.IndexFolder))
            Assert.All(engine.Manifest.Files, file => Assert.Equal(0, file.LastWriteUtcTicks));
        Assert.True(IndexBuilder.CheckFreshness(options).IsCurrent);
        File.AppendAllText(Path.Combine(options.SeedsFolder, "003_b81256e0e21f22db.txt"), "\n新增的一段。\n");
        Assert.Contains("003_b81256e0e21f22db.txt changed", IndexBuilder.CheckFreshness(options).Reason);
    }

    [Fact]
    public void A_failed_build_leaves_the_previous_index_searchable()
    {
        using var scratch = new ScratchFolder();
        var options = new BuildOptions(scratch.CopyOfSeeds(), scratch.Sub("index"));
        IndexBuilder.Build(options);
        File.WriteAllBytes(Path.Combine(options.SeedsFolder, "zzz-broken.txt"), [0xC4, 0xE3, 0xBA, 0xC3]);

        Assert.Throws<EssaySearchException>(() => IndexBuilder.Build(options));

        using var engine = SearchEngine.Open(options.IndexFolder);
        Assert.Equal(5, engine.Search("超级智能").Total);
        Assert.Equal(["current"], System.IO.Directory.GetDirectories(options.IndexFolder).Select(Path.GetFileName));
    }

    [Fact]
    public void The_word_analyzer_is_a_parameter_any_lucene_analyzer_fits()
    {
        using var scratch = new ScratchFolder();
        var cjk = new CJKAnalyzer(LuceneVersion.LUCENE_48);
        IndexBuilder.Build(new BuildOptions(TestData.Seeds, scratch.Sub("index")) { WordAnalyzer = cjk });

        using var engine = SearchEngine.Open(scratch.Sub("index"), new EngineOptions { WordAnalyzer = cjk });
        Assert.Contains("CJKAnalyzer", engine.Manifest.Analysis);
        var results = engine.Search("超级智能", new SearchOptions(Limit: 100));
        Assert.Equal(5, results.Total);
        Assert.All(results.Hits, h => Assert.Contains("超级智能", h.Text));

        // Opened with another analysis than it was built with, the index is refused, not misread.
        var refused = Assert.Throws<EssaySearchException>(() => SearchEngine.Open(scratch.Sub("index")));
        Assert.Contains("CJKAnalyzer", refused.Message);
    }

    private static List<ParagraphRecord> Documents(string indexFolder)
    {
        using var directory = FSDirectory.Open(Path.Combine(indexFolder, "current"));
        using var reader = DirectoryReader.Open(directory);
        return Enumerable.Range(0, reader.MaxDoc)
            .Select(doc => ParagraphRecord.Read(reader, doc))
            .ToList();
    }

    private static List<string> Terms(string indexFolder)
    {
        using var directory = FSDirectory.Open(Path.Combine(indexFolder, "current"));
        using var reader = DirectoryReader.Open(directory);
        var all = new List<string>();
        foreach (var field in new[] { ParagraphFields.Text, ParagraphFields.TextBigrams })
        {
            var terms = MultiFields.GetTerms(reader, field).GetEnumerator();
            while (terms.MoveNext())
                all.Add($"{field}:{terms.Term.Utf8ToString()}:{terms.DocFreq}:{terms.TotalTermFreq}");
        }
        return all;
    }
}
