using EssaySearch.Indexing;
using EssaySearch.Schema;
using EssaySearch.Searching;

namespace EssaySearch.Tests;

/// <summary>Paths of the repository's seeds and fixtures, and scratch folders that clean up after themselves.</summary>
internal static class TestData
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Seeds => Path.Combine(RepositoryRoot, "seeds");

    /// <summary>
    /// The hits that have the query as written: all of them, or a question's first (<see cref="Relaxation.Question"/>), which
    /// come before the others with its words.
    /// </summary>
    public static IEnumerable<Hit> AsWritten(SearchResults results) =>
        results.Relaxation == Relaxation.Question ? results.Hits.Take(results.FoundAsWritten) : results.Hits;

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public const string GentleSingularity = "002_71bd8fe93b13801e";
    public const string Reflections = "003_b81256e0e21f22db";

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Search.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Search.sln not found above the test binaries");
    }
}

/// <summary>A temporary folder, deleted on dispose.</summary>
internal sealed class ScratchFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("essay-search-test-").FullName;

    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>A copy of the repository's seeds, safe to modify.</summary>
    public string CopyOfSeeds(string name = "seeds")
    {
        string target = Sub(name);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(TestData.Seeds))
            File.Copy(file, System.IO.Path.Combine(target, System.IO.Path.GetFileName(file)));
        return target;
    }

    /// <summary>
    /// An index of the seeds 80 times over, then updated (an essay changed, one removed): many windows of paragraphs,
    /// several segments and deleted paragraphs.
    /// </summary>
    public string ManySeedsIndex()
    {
        string seeds = Sub("many-seeds");
        Directory.CreateDirectory(seeds);
        for (int copy = 0; copy < 80; copy++)
            foreach (var file in Directory.GetFiles(TestData.Seeds))
                File.Copy(file, System.IO.Path.Combine(seeds, $"{copy:00}-{System.IO.Path.GetFileName(file)}"));
        var options = new BuildOptions(seeds, Sub("many-seeds-index"));
        IndexBuilder.Build(options);
        var changed = Directory.GetFiles(seeds).Order().ToArray();
        File.AppendAllText(changed[3], "\n\n奥特曼说，超级智能的到来比人们想的更平静。\n");
        File.Delete(changed[100]);
        if (IndexBuilder.Update(options).Kind != BuildKind.Incremental)
            throw new InvalidOperationException("the update of the many seeds should be incremental");
        return options.IndexFolder;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException) when (OperatingSystem.IsLinux())
        {
            // A name that is not UTF-8 (NonUtf8Names) cannot be named to .NET, nor deleted by it.
            using var rm = System.Diagnostics.Process.Start("rm", ["-rf", Path]);
            rm.WaitForExit();
        }
    }
}

/// <summary>
/// Files and folders named in GBK (中文), as archives made on Chinese Windows name them: not UTF-8, so .NET reads their
/// names with U+FFFD and can open nothing by them. Made by the shell, which takes names as bytes; Linux only.
/// </summary>
internal static class NonUtf8Names
{
    private const string Gbk = "$(printf '\\326\\320\\316\\304')";

    /// <summary>
    /// In <paramref name="folder"/>, 中文 in GBK as the name of a <c>"folder"</c> holding an essay, of an essay
    /// <c>"file"</c>, or of a <c>"link"</c> to an essay elsewhere; false where the system does not allow such names
    /// (Windows, a file system that keeps names in UTF-8).
    /// </summary>
    public static bool MakeEssay(string folder, string kind) => OperatingSystem.IsLinux()
        && Shell(folder, kind switch
        {
            "folder" => $"mkdir {Gbk} && printf '超级智能\\n' > {Gbk}/a.md",
            "file" => $"printf '超级智能\\n' > {Gbk}.md",
            _ => $"printf '超级智能\\n' > ../elsewhere.md && ln -s ../elsewhere.md {Gbk}.md",
        })
        && Directory.EnumerateFileSystemEntries(folder, "*\uFFFD*").Count() == 1;

    /// <summary>Removes what <see cref="MakeEssay"/> made.</summary>
    public static void Remove(string folder) => Shell(folder, $"rm -rf {Gbk}* ../elsewhere.md");

    private static bool Shell(string folder, string command)
    {
        using var shell = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sh") { ArgumentList = { "-c", $"cd \"$1\" && {command}", "sh", folder } })!;
        shell.WaitForExit();
        return shell.ExitCode == 0;
    }
}

/// <summary>One index of the seeds, built once for a test class.</summary>
public sealed class SeedIndex : IDisposable
{
    private readonly ScratchFolder scratch = new();

    public SeedIndex()
    {
        IndexFolder = scratch.Sub("index");
        IndexBuilder.Build(new BuildOptions(TestData.Seeds, IndexFolder));
    }

    public string IndexFolder { get; }

    public void Dispose() => scratch.Dispose();
}

/// <summary>An index of a few notes a test class writes, open for its tests; its folder is deleted on dispose.</summary>
internal sealed class NotesIndex : IDisposable
{
    private readonly ScratchFolder scratch = new();

    /// <param name="notes">Each note's file name and text.</param>
    public NotesIndex(params (string Name, string Text)[] notes)
    {
        string folder = scratch.Sub("seeds");
        Directory.CreateDirectory(folder);
        foreach (var (name, text) in notes)
            File.WriteAllText(System.IO.Path.Combine(folder, name), text);
        IndexBuilder.Build(new BuildOptions(folder, scratch.Sub("index")));
        Engine = SearchEngine.Open(scratch.Sub("index"));
    }

    public SearchEngine Engine { get; }

    public void Dispose()
    {
        Engine.Dispose();
        scratch.Dispose();
    }
}
