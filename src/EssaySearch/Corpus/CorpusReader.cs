using System.IO.Enumeration;
using System.Text;

namespace EssaySearch.Corpus;

/// <summary>
/// Reads a folder of essays: every <c>.md</c>, <c>.markdown</c> and <c>.txt</c> file in it and its subfolders,
/// hidden folders (<c>.git</c>, <c>.obsidian</c>) and hidden files skipped.
/// </summary>
internal static class CorpusReader
{
    private static readonly string[] Extensions = [".md", ".markdown", ".txt"];

    /// <summary>
    /// The essay files under <paramref name="folder"/>, sorted by ordinal relative path so that builds are deterministic.
    /// Symbolic links are followed; a linked folder already visited (a link loop) is not entered again. Named pipes, sockets
    /// and devices are passed over.
    /// </summary>
    /// <exception cref="EssaySearchException">The folder does not exist, cannot be listed, holds no essay files, or two files would be the same essay.</exception>
    public static IReadOnlyList<EssayFile> EssayFiles(string folder)
    {
        CheckExists(folder);
        var files = new List<EssayFile>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        string root = Path.GetFullPath(folder);
        Collect(new DirectoryInfo(root), root, "", files, visited);
        if (files.Count == 0)
            throw new EssaySearchException(EssaySearchErrorKind.BadCorpus, $"seeds folder '{folder}' holds no .md, .markdown or .txt files");
        files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        // Not only neighbours: a.md and a.txt have a.mdx.md between them. Grouped only when there is a clash to name,
        // as grouping every file cost a large vault's freshness check a tenth of its time.
        var ids = new HashSet<string>(files.Count, StringComparer.Ordinal);
        if (!files.All(f => ids.Add(f.Id)) && files.GroupBy(f => f.Id, StringComparer.Ordinal).First(same => same.Count() > 1) is var clash)
        {
            var same = clash.Select(f => f.RelativePath).ToList();
            throw new EssaySearchException(EssaySearchErrorKind.BadCorpus, $"{string.Join(" and ", same)} would be the same essay '{clash.Key}'; rename all but one of them")
            {
                SameEssayFiles = same,
            };
        }
        return files;
    }

    /// <exception cref="EssaySearchException">The seeds folder does not exist.</exception>
    public static void CheckExists(string folder)
    {
        if (!Directory.Exists(folder))
            throw new EssaySearchException(EssaySearchErrorKind.BadCorpus, $"seeds folder '{folder}' does not exist");
    }

    private static void Collect(DirectoryInfo directory, string root, string relative, List<EssayFile> files, HashSet<string> visited)
    {
        if (RealPath(directory) is not { } real || !visited.Add(real))
            return;
        List<Entry> entries;
        try
        {
            entries = [.. Entries(directory.FullName)];
        }
        // A subfolder gone since its parent was listed (deleted or moved meanwhile) is left out, as a listing a moment later
        // would leave it out; a name that is not UTF-8, which .NET cannot open either and reports alike, says what to do.
        catch (DirectoryNotFoundException) when (relative.Length > 0 && !relative.Contains('\uFFFD'))
        {
            return;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw EssayFile.CannotOpen(relative.Length == 0 ? directory.FullName : relative, "list the folder", e);
        }
        foreach (var entry in entries)
        {
            string path = relative.Length == 0 ? entry.Name : $"{relative}/{entry.Name}";
            if (entry.IsDirectory)
                Collect(new DirectoryInfo(Path.Join(directory.FullName, entry.Name)), root, path, files, visited);
            else if (!entry.IsLink)
            {
                if (IsFile(Path.Join(directory.FullName, entry.Name), entry.Length))
                    files.Add(new EssayFile(root, path, entry.Length, entry.LastWriteUtcTicks));
            }
            else if (StampOfLinked(Path.Join(directory.FullName, entry.Name)) is var (length, ticks))
            {
                if (IsFile(Path.Join(directory.FullName, entry.Name), length))
                    files.Add(new EssayFile(root, path, length, ticks));
            }
            else if (entry.Name.Contains('\uFFFD'))
                files.Add(new EssayFile(root, path, 0, 0)); // a link by a name that is not UTF-8, followed nowhere: reading it says why
        }
    }

    /// <summary>
    /// Whether an entry listed with <paramref name="length"/> bytes is a file to read: a named pipe, a socket or a device
    /// by an essay's name is no essay, and is passed over as ripgrep passes over them. Each is listed as an empty file,
    /// so only empty ones are asked about.
    /// </summary>
    private static bool IsFile(string path, long length) => length > 0 || EssayFile.IsRegularFile(path);

    /// <summary>The size and time of the file a link leads to, as reading it will see them; null for a link that leads nowhere or in a circle.</summary>
    private static (long Length, long LastWriteUtcTicks)? StampOfLinked(string link)
    {
        try
        {
            return EssayFile.Stamp(link);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>A folder's entry, with what a freshness check compares, read as the folder is listed.</summary>
    private sealed record Entry(string Name, bool IsDirectory, bool IsLink, long Length, long LastWriteUtcTicks);

    /// <summary>
    /// The subfolders and essay files of one folder, hidden ones left out, with the sizes and times a freshness check
    /// compares read as the folder is listed: a large vault's check is mostly this listing, and a status call per file
    /// here saves a second one later (<c>bench/results/AB-manpages50x.md</c>, a query on a large vault).
    /// </summary>
    private static FileSystemEnumerable<Entry> Entries(string folder) =>
        new(folder, (ref FileSystemEntry entry) =>
                entry.IsDirectory ? new Entry(entry.FileName.ToString(), true, false, 0, 0)
                : (entry.Attributes & FileAttributes.ReparsePoint) != 0 ? new Entry(entry.FileName.ToString(), false, true, 0, 0) // sized once followed
                : new Entry(entry.FileName.ToString(), false, false, entry.Length, entry.LastWriteTimeUtc.UtcTicks),
            new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false })
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.FileName.StartsWith('.')
                && (entry.IsDirectory || IsEssayName(entry.FileName)),
        };

    private static bool IsEssayName(ReadOnlySpan<char> name)
    {
        foreach (var extension in Extensions)
        {
            if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    /// <summary>Where a file or folder really is, following a link; null for a link that leads nowhere or in a circle.</summary>
    private static string? RealPath(FileSystemInfo entry)
    {
        if (entry.LinkTarget is null)
            return Path.TrimEndingDirectorySeparator(entry.FullName);
        try
        {
            return entry.ResolveLinkTarget(returnFinalTarget: true) is { Exists: true } target
                ? Path.TrimEndingDirectorySeparator(target.FullName)
                : null;
        }
        catch (IOException)
        {
            return null; // too many levels of links
        }
    }

    /// <summary>
    /// Reads and parses one essay file: UTF-8 with or without BOM, LF or CRLF; a file that is not valid UTF-8 is read
    /// in <paramref name="fallbackEncoding"/> when one is given.
    /// </summary>
    /// <exception cref="EssaySearchException">The file is binary, cannot be decoded, or its Markdown is nested deeper than Markdig reads.</exception>
    public static Essay ReadEssay(EssayFile file, Encoding? fallbackEncoding = null) => EssayParser.Parse(file, fallbackEncoding);

    /// <summary>Parses the bytes of one essay file, read by the caller.</summary>
    /// <inheritdoc cref="ReadEssay(EssayFile, Encoding?)"/>
    internal static Essay ReadEssay(EssayFile file, byte[] bytes, Encoding? fallbackEncoding) => EssayParser.Parse(file, bytes, fallbackEncoding);

    /// <summary>Reads one essay file on its own; its id is its file name without extension.</summary>
    /// <inheritdoc cref="ReadEssay(EssayFile, Encoding?)"/>
    public static Essay ReadEssay(string path, Encoding? fallbackEncoding = null) => ReadEssay(EssayFile.Alone(path), fallbackEncoding);

    /// <summary>Reads every essay under <paramref name="folder"/>.</summary>
    /// <inheritdoc cref="ReadEssay(EssayFile, Encoding?)" path="/param"/>
    public static IReadOnlyList<Essay> ReadFolder(string folder, Encoding? fallbackEncoding = null) =>
        EssayFiles(folder).Select(file => ReadEssay(file, fallbackEncoding)).ToList();
}
