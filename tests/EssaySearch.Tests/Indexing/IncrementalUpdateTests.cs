using EssaySearch.Indexing;
using EssaySearch.Searching;

namespace EssaySearch.Tests.Indexing;

/// <summary>
/// Updates against full builds: a seeds folder is changed (essays added, changed, renamed, deleted), the index updated,
/// and every query's hits compared with those of a full build of the same files.
/// </summary>
public sealed class IncrementalUpdateTests : IDisposable
{
    private readonly ScratchFolder scratch = new();
    private readonly BuildOptions options;

    public IncrementalUpdateTests()
    {
        options = new BuildOptions(LibraryOfCopies(), scratch.Sub("index"));
        IndexBuilder.Build(options);
    }

    public void Dispose() => scratch.Dispose();

    /// <summary>
    /// Four copies of the seeds and four of their traditional-character copies (16 essays): identical paragraphs
    /// under several essay ids tie, so the order of ties is compared too.
    /// </summary>
    private string LibraryOfCopies()
    {
        string seeds = scratch.Sub("seeds");
        System.IO.Directory.CreateDirectory(seeds);
        foreach (var (source, tag) in new[] { (TestData.Seeds, "s"), (TestData.Fixture("traditional-seeds"), "t") })
            foreach (var file in System.IO.Directory.GetFiles(source))
                foreach (char copy in "abcd")
                {
                    string target = Path.Combine(seeds, $"{copy}{tag}-{Path.GetFileName(file)}");
                    File.Copy(file, target);
                    // As files saved a while ago are: a time this recent would not be recorded, and every update would hash them.
                    File.SetLastWriteTimeUtc(target, DateTime.UtcNow.AddHours(-1));
                }
        return seeds;
    }

    private string Seed(string name) => Path.Combine(options.SeedsFolder, name);

    /// <summary>The queries of the benchmark and of the question sets.</summary>
    public static IEnumerable<string> Queries() =>
        File.ReadLines(Path.Combine(TestData.RepositoryRoot, "bench", "queries.txt"))
            .Concat(new[] { "questions.tsv", "metadata-queries.tsv" }
                .SelectMany(fixture => File.ReadLines(TestData.Fixture(fixture)))
                .Where(line => line.Length > 0 && !line.StartsWith('#'))
                .Select(line => line.Split('\t')[0]))
            .Append("蓝鲸")
            .Distinct();

    /// <summary>
    /// Queries being typed (<see cref="SearchOptions.LastWordAsPrefix"/>), whose last word's completions are weighed by
    /// how many paragraphs have each: live ones only, as a full build counts them.
    /// </summary>
    private static readonly string[] TypedQueries = ["opena", "ai", "ch", "co", "gentle singul", "怎样的董事会 opena"];

    /// <summary>Every hit of every query, with everything a reader sees of it and its score.</summary>
    private static List<string> Answers(string indexFolder)
    {
        using var engine = SearchEngine.Open(indexFolder);
        var answers = new List<string>();
        var searches = Queries().Select(query => (query, Typed: false)).Concat(TypedQueries.Select(query => (query, Typed: true)));
        foreach (var (query, typed) in searches)
        {
            var results = engine.Search(query, new SearchOptions(Limit: 1000, LastWordAsPrefix: typed));
            answers.Add($"{query}{(typed ? " (typed)" : "")}: {results.Total} {results.Searched}");
            answers.AddRange(results.Hits.Select(hit =>
                $"  {hit.Rank} {hit.Essay} ¶{hit.Paragraph} {hit.Score:R} {string.Join(',', hit.Highlights)} {hit.Snippet.Text} {hit.Title} {hit.Section}"));
        }
        answers.AddRange(engine.Essays().Select(essay => $"essay {essay}"));
        return answers;
    }

    /// <param name="inRankOrder">Whether the updated index's documents still lie in rank order (no document added), so
    /// that ties rank by document; where they do not, ranking reads the ties' essays and paragraphs.</param>
    private void AssertAnswersEqualAFullBuild(bool inRankOrder = false)
    {
        string full = scratch.Sub($"full-{Guid.NewGuid():N}");
        var built = IndexBuilder.Build(options with { IndexFolder = full });
        using (var engine = SearchEngine.Open(options.IndexFolder))
        {
            Assert.Equal((true, inRankOrder), (built.Manifest.DocumentsInRankOrder, engine.Manifest.DocumentsInRankOrder));
            Assert.Equal(built.Manifest.Files, engine.Manifest.Files.Select((file, i) => file with { LastWriteUtcTicks = built.Manifest.Files[i].LastWriteUtcTicks }));
            Assert.Equal(built.Manifest.Paragraphs, engine.Manifest.Paragraphs);
            Assert.Equal(built.Manifest.Fingerprint, engine.Manifest.Fingerprint);
            // What it was built from and with is recorded alike: an update must not forget the seeds folder.
            Assert.Equal(Path.GetFullPath(options.SeedsFolder), engine.Manifest.Source);
            Assert.Equal((built.Manifest.Source, built.Manifest.UserWords, built.Manifest.UserDictionary, built.Manifest.FallbackEncoding),
                (engine.Manifest.Source, engine.Manifest.UserWords, engine.Manifest.UserDictionary, engine.Manifest.FallbackEncoding));
        }
        var expected = Answers(full);
        var actual = Answers(options.IndexFolder);
        Assert.True(expected.Count > 1000, $"only {expected.Count} lines of answers");
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Added_changed_renamed_and_deleted_essays_answer_every_query_as_a_full_build_does()
    {
        // Added: an essay of its own, made of paragraphs of both seeds and a new one.
        string gentle = File.ReadAllText(Seed($"as-{TestData.GentleSingularity}.txt"));
        File.WriteAllText(Seed("e-蓝鲸.md"),
            "# 蓝鲸\n\n蓝鲸是地球上最大的动物，它不懂超级智能。\n\n" + string.Join("\n\n", gentle.Split("\n\n").Skip(10).Take(5)) + "\n");
        // Changed: a paragraph rewritten, one appended.
        string changed = Seed($"bs-{TestData.Reflections}.txt");
        File.WriteAllText(changed, File.ReadAllText(changed).Replace("奥特曼", "阿尔特曼") + "\n\n蓝鲸与人工智能：超级智能的未来。\n");
        // Renamed, and deleted.
        File.Move(Seed($"cs-{TestData.GentleSingularity}.txt"), Seed($"zs-{TestData.GentleSingularity}.txt"));
        File.Delete(Seed($"dt-{TestData.Reflections}.txt"));

        var result = IndexBuilder.Update(options);

        Assert.Equal(BuildKind.Incremental, result.Kind);
        Assert.Equal((2, 1, 2), (result.Added, result.Changed, result.Removed));
        Assert.Equal(3, result.FilesRead);
        AssertAnswersEqualAFullBuild();
    }

    [Fact]
    public void Successive_updates_answer_as_a_full_build_does_after_each()
    {
        string[] names = System.IO.Directory.GetFiles(options.SeedsFolder).Order(StringComparer.Ordinal).ToArray();
        for (int round = 0; round < 3; round++)
        {
            string file = names[round * 5];
            File.WriteAllText(file, File.ReadAllText(file).Replace("智能", $"智能{round}") + $"\n\n第{round}次修改：蓝鲸。\n");
            var result = IndexBuilder.Update(options);
            Assert.Equal((BuildKind.Incremental, 1, 1), (result.Kind, result.Changed, result.FilesRead));
            AssertAnswersEqualAFullBuild();
        }
    }

    [Fact]
    public void Deleted_essays_alone_leave_the_documents_in_rank_order()
    {
        File.Delete(Seed($"bs-{TestData.Reflections}.txt"));
        File.Delete(Seed($"ct-{TestData.GentleSingularity}.txt"));

        var result = IndexBuilder.Update(options);

        Assert.Equal((BuildKind.Incremental, 2, 0), (result.Kind, result.Removed, result.FilesRead));
        AssertAnswersEqualAFullBuild(inRankOrder: true);
    }

    [Fact]
    public void An_unchanged_folder_is_current_and_reads_nothing()
    {
        var result = IndexBuilder.Update(options);
        Assert.Equal((BuildKind.None, 0), (result.Kind, result.FilesRead));
    }

    [Fact]
    public void A_touched_file_whose_content_is_the_same_is_not_read_again()
    {
        string file = Seed($"as-{TestData.GentleSingularity}.txt");
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(-1));
        var result = IndexBuilder.Update(options);
        Assert.Equal((BuildKind.Incremental, 0, 0), (result.Kind, result.FilesRead, result.Changed));
        Assert.Equal(BuildKind.None, IndexBuilder.Update(options).Kind);
    }

    /// <summary>A large change is built anew, and the result says why: an update that took as long as a full build is explained.</summary>
    [Fact]
    public void A_large_change_is_built_anew_saying_why()
    {
        foreach (var file in System.IO.Directory.GetFiles(options.SeedsFolder).Take(6))
            File.AppendAllText(file, "\n\n蓝鲸。\n");
        var result = IndexBuilder.Update(options);
        Assert.Equal(BuildKind.Full, result.Kind);
        Assert.Equal(16, result.FilesRead);
        Assert.Matches(@"^more than 25% of the corpus changed \(\d+(\.\d)?%\)$", result.FullBuildReason);
    }

    /// <summary>Deleting essays reads nothing, but would leave more than a quarter of the documents deleted.</summary>
    [Fact]
    public void Deleting_many_essays_is_built_anew_saying_why()
    {
        foreach (var file in System.IO.Directory.GetFiles(options.SeedsFolder).Take(6))
            File.Delete(file);
        var result = IndexBuilder.Update(options);
        Assert.Equal(BuildKind.Full, result.Kind);
        Assert.Matches(@"^an update would leave more than 25% of the documents deleted \(\d+(\.\d)?%\)$", result.FullBuildReason);
    }

    [Fact]
    public void Another_user_dictionary_builds_anew()
    {
        string words = scratch.Sub("words.txt");
        File.WriteAllText(words, "蓝鲸智能\n");
        var result = IndexBuilder.Update(options with { UserDictionary = words });
        Assert.Equal((BuildKind.Full, "the index was built without the user dictionary"), (result.Kind, result.FullBuildReason));
    }

    [Fact]
    public void A_build_that_cannot_be_opened_is_built_anew_saying_why()
    {
        string segments = System.IO.Directory.GetFiles(Path.Combine(options.IndexFolder, "current"), "segments_*").Single();
        File.WriteAllBytes(segments, new byte[16]);
        var result = IndexBuilder.Update(options);
        Assert.Equal(BuildKind.Full, result.Kind);
        Assert.StartsWith($"the index in '{options.IndexFolder}' is damaged or unreadable (", result.FullBuildReason);
        using var engine = SearchEngine.Open(options.IndexFolder);
        Assert.NotEmpty(engine.Search("智能").Hits);
    }

    /// <summary>Only an update that finds an index and builds anew instead says why: a first build, a full build asked for and an update do not.</summary>
    [Fact]
    public void Only_an_update_built_anew_says_why()
    {
        Assert.Null(IndexBuilder.Build(options).FullBuildReason);
        Assert.Null(IndexBuilder.Update(options with { IndexFolder = scratch.Sub("new-index") }).FullBuildReason);
        File.AppendAllText(Seed($"as-{TestData.GentleSingularity}.txt"), "\n\n蓝鲸。\n");
        var update = IndexBuilder.Update(options);
        Assert.Equal((BuildKind.Incremental, null), (update.Kind, update.FullBuildReason));
    }

    [Fact]
    public void The_command_updates_only_what_changed_and_full_builds_anew()
    {
        string[] paths = ["--seeds", options.SeedsFolder, "--index", options.IndexFolder];
        File.AppendAllText(Seed($"as-{TestData.GentleSingularity}.txt"), "\n\n蓝鲸。\n");

        var update = Cli.SearchCommand.Run("", ["index", .. paths]);
        Assert.Equal(0, update.Exit);
        Assert.Matches(@"^updated: 1 changed, 0 added, 0 removed, \d+ ms\n$", update.Err.ReplaceLineEndings("\n"));

        var full = Cli.SearchCommand.Run("", ["index", "--full", .. paths]);
        Assert.Equal(0, full.Exit);
        Assert.StartsWith("indexed ", full.Err);
        Assert.DoesNotContain("anew", full.Err); // asked for
        Assert.Contains("\"total\":1,", Cli.SearchCommand.Run("", ["蓝鲸", "--json", .. paths]).Out);
    }

    /// <summary>
    /// An update that builds anew says why on its line (<c>search index</c>, the watcher), and a search that updates its index
    /// first says so once it has, where the line before it only said the index was stale.
    /// </summary>
    [Fact]
    public void The_command_says_why_an_update_built_anew()
    {
        string[] paths = ["--seeds", options.SeedsFolder, "--index", options.IndexFolder];
        foreach (var file in System.IO.Directory.GetFiles(options.SeedsFolder).Take(6))
            File.AppendAllText(file, "\n\n蓝鲸。\n");
        var update = Cli.SearchCommand.Run("", ["index", .. paths]);
        Assert.Equal(0, update.Exit);
        Assert.Matches(@"^indexed \d+ paragraphs of 16 essays into '.*' in \d+\.\d\d s; built anew, as more than 25% of the corpus changed \(\d+(\.\d)?%\)\n$",
            update.Err.ReplaceLineEndings("\n"));

        foreach (var file in System.IO.Directory.GetFiles(options.SeedsFolder).Take(6))
            File.AppendAllText(file, "\n\n座头鲸。\n");
        var search = Cli.SearchCommand.Run("", ["座头鲸", .. paths]);
        Assert.Equal(0, search.Exit);
        Assert.Matches(@"^search: updating the index first \(the index is stale: .* changed since it was built\)\n"
            + @"search: built the index anew, as more than 25% of the corpus changed \(\d+(\.\d)?%\)\n$", search.Err.ReplaceLineEndings("\n"));

        // Said once: a stale index's reason that is the very reason it was built anew is not said twice.
        string words = scratch.Sub("words.txt");
        File.WriteAllText(words, "蓝鲸智能\n");
        var withWords = Cli.SearchCommand.Run("", ["蓝鲸", "--dict", words, .. paths]);
        Assert.Equal(0, withWords.Exit);
        Assert.Equal("search: updating the index first (the index was built without the user dictionary)\n", withWords.Err.ReplaceLineEndings("\n"));
    }
}
