using System.Text;

namespace EssaySearch.Corpus;

/// <summary>Reads a folder of essays: every <c>.md</c> and <c>.txt</c> file directly in it, in file-name order.</summary>
public static class CorpusReader
{
    /// <summary>The essay files of <paramref name="folder"/>, sorted by ordinal file name so that builds are deterministic.</summary>
    /// <exception cref="CorpusException">The folder does not exist or holds no essay files.</exception>
    public static IReadOnlyList<string> EssayFiles(string folder)
    {
        if (!Directory.Exists(folder))
            throw new CorpusException($"seeds folder '{folder}' does not exist");
        var files = Directory.EnumerateFiles(folder)
            .Where(f => f.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
            throw new CorpusException($"seeds folder '{folder}' holds no .md or .txt files");
        return files;
    }

    /// <summary>
    /// Reads and parses one essay file: UTF-8 with or without BOM, LF or CRLF; a file that is not valid UTF-8 is read
    /// in <paramref name="fallbackEncoding"/> when one is given.
    /// </summary>
    /// <exception cref="CorpusException">The file is binary, cannot be decoded, or its front matter is malformed.</exception>
    public static Essay ReadEssay(string path, Encoding? fallbackEncoding = null) => EssayParser.Parse(path, fallbackEncoding);

    /// <summary>Reads every essay of <paramref name="folder"/>.</summary>
    /// <inheritdoc cref="ReadEssay" path="/param"/>
    public static IReadOnlyList<Essay> ReadFolder(string folder, Encoding? fallbackEncoding = null) =>
        EssayFiles(folder).Select(file => ReadEssay(file, fallbackEncoding)).ToList();
}
