using EssaySearch.Corpus;
using EssaySearch.Indexing;
using EssaySearch.Schema;

namespace EssaySearch.Benchmarks;

/// <summary>
/// The data the micro-benchmarks run on: the repository's seed essays (or the folder in <c>BENCH_SEEDS</c>),
/// and an index of them built once per process into a temporary folder (or the one in <c>BENCH_INDEX</c>).
/// </summary>
internal static class BenchData
{
    private static readonly Lazy<string> SeedsFolder = new(() =>
        Environment.GetEnvironmentVariable("BENCH_SEEDS") is { Length: > 0 } seeds ? seeds : Path.Combine(FindRoot(), "seeds"));

    private static readonly Lazy<string[]> AllParagraphs = new(() =>
        CorpusReader.ReadFolder(Seeds).SelectMany(e => e.Paragraphs).Select(p => p.Text).ToArray());

    private static readonly Lazy<string> Index = new(() =>
    {
        if (Environment.GetEnvironmentVariable("BENCH_INDEX") is { Length: > 0 } index)
            return index;
        string folder = Directory.CreateTempSubdirectory("essay-search-bench-").FullName;
        IndexBuilder.Build(new BuildOptions(Seeds, folder));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { Directory.Delete(folder, true); } catch (IOException) { } };
        return folder;
    });

    public static string Seeds => SeedsFolder.Value;

    public static string[] Paragraphs => AllParagraphs.Value;

    /// <summary>UTF-16 code units in all paragraphs, as Java counts characters.</summary>
    public static long Characters => Paragraphs.Sum(p => (long)p.Length);

    public static string IndexFolder => Index.Value;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Search.sln")) && Directory.Exists(Path.Combine(dir.FullName, "seeds")))
                return dir.FullName;
        throw new InvalidOperationException("no checkout with Search.sln and seeds/ above the benchmark binaries; set BENCH_SEEDS");
    }
}
