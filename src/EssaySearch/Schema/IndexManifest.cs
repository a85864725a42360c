using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EssaySearch.Corpus;
using Lucene.Net.Index;

namespace EssaySearch.Schema;

/// <summary>
/// What an index was built from and how; recorded in the Lucene commit data, except the files' modification times,
/// which sit beside the index files (<see cref="FileTimesFile"/>) so that two builds of the same files write the same index.
/// </summary>
/// <param name="SchemaVersion">The version of the fields and their indexing the index was written with; a library that writes another cannot search it.</param>
/// <param name="Analysis">Names and versions of the analyzers of the text fields.</param>
/// <param name="Fingerprint">Hex SHA-256 over the corpus file names and content hashes.</param>
/// <param name="Paragraphs">Number of paragraph documents.</param>
/// <param name="Files">The corpus files, in ordinal order of their names, as listed.</param>
public sealed record IndexManifest(int SchemaVersion, string Analysis, string Fingerprint, int Paragraphs, IReadOnlyList<CorpusFile> Files)
{
    private const string SchemaKey = "schema", AnalysisKey = "analysis", FingerprintKey = "fingerprint", ParagraphsKey = "paragraphs", FilesKey = "files",
        UserWordsKey = "user-words", SourceKey = "source", UserDictionaryKey = "user-dictionary", FallbackEncodingKey = "fallback-encoding",
        InRankOrderKey = "documents-in-rank-order", LeftOutKey = "left-out", LeftOutNeedingEncodingKey = "left-out-needing-fallback-encoding";

    /// <summary>The file in a build's folder that records the corpus files' modification times, for <see cref="CorpusFile.LooksUnchanged"/>.</summary>
    internal const string FileTimesFile = "file-times";

    /// <summary>The user dictionary the index was built with, as text; empty for none.</summary>
    public string UserWords { get; init; } = "";

    /// <summary>The full path of the seeds folder the index was built from; empty for an index built before it was recorded.</summary>
    public string Source { get; init; } = "";

    /// <summary>The full path of the user dictionary file the index was built with (<c>BuildOptions.UserDictionary</c>); empty for none, or for an index built before it was recorded.</summary>
    public string UserDictionary { get; init; } = "";

    /// <summary>The name of the encoding seeds files that are not UTF-8 were read in (<c>BuildOptions.FallbackEncoding</c>); empty for none.</summary>
    public string FallbackEncoding { get; init; } = "";

    /// <summary>The essays in the index: the <see cref="Files"/> not <see cref="LeftOut"/>.</summary>
    public int EssayCount => Files.Count - LeftOut.Count;

    /// <summary>
    /// The files of <see cref="Files"/> the build left out, as they cannot be read (a build with
    /// <c>BuildOptions.LeaveOutUnreadable</c>), each with why, in name order; empty when every file was indexed. A left-out
    /// file is read again once it changes.
    /// </summary>
    public IReadOnlyList<LeftOutFile> LeftOut { get; init; } = [];

    /// <summary>
    /// Whether the documents lie in the order ties in ranking fall back on, essay (<see cref="EssayOrder"/>) then paragraph,
    /// so that equal scores may be ranked by document number: true of a full build, and kept by an update that adds no document.
    /// </summary>
    internal bool DocumentsInRankOrder { get; init; }

    /// <summary>Whether <paramref name="other"/> records the same: every property equal, <see cref="Files"/> file by file (a record compares a list as the same instance).</summary>
    public bool Equals(IndexManifest? other) =>
        other is not null && SchemaVersion == other.SchemaVersion && Analysis == other.Analysis && Fingerprint == other.Fingerprint
        && Paragraphs == other.Paragraphs && Files.SequenceEqual(other.Files) && UserWords == other.UserWords && Source == other.Source
        && UserDictionary == other.UserDictionary && FallbackEncoding == other.FallbackEncoding && DocumentsInRankOrder == other.DocumentsInRankOrder
        && LeftOut.SequenceEqual(other.LeftOut);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(SchemaVersion, Analysis, Fingerprint, Paragraphs, Files.Count, Source);

    /// <summary>The fingerprint of a list of files: names and content hashes only, so copies and fresh clones match.</summary>
    internal static string FingerprintOf(IEnumerable<CorpusFile> files)
    {
        var text = new StringBuilder();
        foreach (var file in files)
            text.Append(file.Name).Append('\0').Append(file.Sha256).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    internal Dictionary<string, string> ToCommitData() => new()
    {
        [SchemaKey] = SchemaVersion.ToString(CultureInfo.InvariantCulture),
        [AnalysisKey] = Analysis,
        [FingerprintKey] = Fingerprint,
        [ParagraphsKey] = Paragraphs.ToString(CultureInfo.InvariantCulture),
        [FilesKey] = string.Join('\n', Files.Select(f => $"{Escape(f.Name)}\t{f.Length}\t{f.Sha256}")),
        [UserWordsKey] = UserWords,
        [SourceKey] = Source,
        [UserDictionaryKey] = UserDictionary,
        [FallbackEncodingKey] = FallbackEncoding,
        [InRankOrderKey] = DocumentsInRankOrder ? "yes" : "no",
        [LeftOutKey] = string.Join('\n', LeftOut.Select(f => $"{Escape(f.Name)}\t{Escape(f.Reason)}")),
        // A key of its own, rather than a third field on the lines above, which a reader of an earlier version would skip whole.
        [LeftOutNeedingEncodingKey] = string.Join('\n', LeftOut.Where(f => f.NeedsFallbackEncoding).Select(f => Escape(f.Name))),
    };

    /// <summary>
    /// The manifest of the index in <paramref name="indexFolder"/>, read from its last commit alone (without opening the
    /// index); <c>null</c> when the folder holds no index.
    /// </summary>
    /// <exception cref="EssaySearchException">The commit cannot be read (<see cref="EssaySearchErrorKind.IndexDamaged"/>), or it
    /// was not written by this library (<see cref="EssaySearchErrorKind.IndexIncompatible"/>).</exception>
    public static IndexManifest? ReadFrom(string indexFolder)
    {
        var folder = new IndexFolder(indexFolder);
        return folder.ReadCommitData() is not { } commitData ? null
            : FromCommitData(commitData, folder.Current) ?? throw folder.Incompatible(Incompatibility(null, "")!);
    }

    /// <summary>
    /// Writes the files' modification times into the folder of the build this manifest describes, after the
    /// fingerprint they belong to: times read beside another build's manifest (a swap between the two reads) are not used.
    /// </summary>
    internal void WriteFileTimes(string buildFolder) =>
        File.WriteAllLines(Path.Combine(buildFolder, FileTimesFile), Files.Select(f => $"{Escape(f.Name)}\t{f.LastWriteUtcTicks}").Prepend(Fingerprint));

    /// <summary>
    /// Reads the manifest from the commit data of the build in <paramref name="buildFolder"/>, with the files'
    /// modification times beside it; null when the index carries none (not built by this library).
    /// </summary>
    internal static IndexManifest? FromCommitData(IDictionary<string, string> commitData, string buildFolder)
    {
        var data = new Dictionary<string, string>(commitData);
        if (!data.TryGetValue(SchemaKey, out var schema) || !int.TryParse(schema, CultureInfo.InvariantCulture, out int schemaVersion))
            return null;
        string fingerprint = data.GetValueOrDefault(FingerprintKey, "");
        // Name, length, hash; indexes built before the times moved out hold the time before the hash.
        // Parsed in place: a large vault's manifest is read on every query. The times were written from the same
        // list, in its order (WriteFileTimes): each file's is on the next line of theirs.
        var files = new List<CorpusFile>();
        var text = data.GetValueOrDefault(FilesKey, "").AsSpan();
        var timesText = ReadFileTimes(buildFolder, fingerprint).Span;
        var times = timesText.Split('\n'); // as the files' lines: a name may hold a carriage return, which is not escaped
        Span<Range> fields = stackalloc Range[5];
        foreach (var lineRange in text.Split('\n'))
        {
            var line = text[lineRange];
            int count = line.Split(fields, '\t');
            if (count is 3 or 4 && long.TryParse(line[fields[1]], CultureInfo.InvariantCulture, out long length))
            {
                var name = line[fields[0]];
                long ticks = times.MoveNext() && TimeOf(timesText[times.Current], name) is { } time ? time : 0;
                files.Add(new CorpusFile(Unescape(name.ToString()), length, ticks, line[fields[count - 1]].ToString()));
            }
        }
        var needingEncoding = data.GetValueOrDefault(LeftOutNeedingEncodingKey, "").Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        return new IndexManifest(
            schemaVersion,
            data.GetValueOrDefault(AnalysisKey, ""),
            fingerprint,
            int.Parse(data.GetValueOrDefault(ParagraphsKey, "0"), CultureInfo.InvariantCulture),
            files)
        {
            UserWords = data.GetValueOrDefault(UserWordsKey, ""),
            Source = data.GetValueOrDefault(SourceKey, ""),
            UserDictionary = data.GetValueOrDefault(UserDictionaryKey, ""),
            FallbackEncoding = data.GetValueOrDefault(FallbackEncodingKey, ""),
            DocumentsInRankOrder = data.GetValueOrDefault(InRankOrderKey) == "yes",
            LeftOut = data.GetValueOrDefault(LeftOutKey, "").Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split('\t')).Where(fields => fields.Length == 2)
                .Select(fields => new LeftOutFile(Unescape(fields[0]), Unescape(fields[1])) { NeedsFallbackEncoding = needingEncoding.Contains(fields[0]) }).ToList(),
        };
    }

    /// <summary>
    /// Why an index with <paramref name="manifest"/> cannot be searched with the analysis named <paramref name="analysis"/>,
    /// as the end of a sentence whose subject is the index; <c>null</c> when it can.
    /// </summary>
    internal static string? Incompatibility(IndexManifest? manifest, string analysis) =>
        manifest is null ? "was not built by this program"
        : manifest.SchemaVersion != ParagraphFields.SchemaVersion
            ? $"has schema version {manifest.SchemaVersion}, and this version of the program reads and writes {ParagraphFields.SchemaVersion}"
        : manifest.Analysis != analysis ? $"was analyzed with '{manifest.Analysis}', not '{analysis}'"
        : null;

    /// <summary>
    /// Whether this manifest still describes the essay files <paramref name="seeds"/> and the user words <paramref name="userWords"/>
    /// (the index's compatibility is <see cref="Incompatibility"/>'s to check).
    /// </summary>
    /// <remarks>Files whose size and modification time are unchanged are not re-hashed, so the check costs a directory listing.</remarks>
    /// <param name="seeds">The files as listed.</param>
    /// <param name="userWords">The user words the index should be built with.</param>
    /// <param name="fallbackEncoding">The name of the fallback encoding the index should be built with (empty for none).</param>
    internal IndexFreshness CompareWith(IReadOnlyList<EssayFile> seeds, string userWords, string fallbackEncoding)
    {
        if (UserWordsMismatch(userWords) is { } mismatch)
            return new IndexFreshness(false, mismatch);
        if (EncodingMismatch(fallbackEncoding) is { } otherEncoding)
            return new IndexFreshness(false, otherEncoding);
        var changes = Diff(seeds);
        if (changes.IsEmpty)
            return new IndexFreshness(true, $"the index is current: {EssayCount} essay{(EssayCount == 1 ? "" : "s")}, {Paragraphs} paragraph{(Paragraphs == 1 ? "" : "s")}"
                + (LeftOut.Count == 0 ? "" : $"; {LeftOut.Count} file{(LeftOut.Count == 1 ? " is" : "s are")} left out, as {(LeftOut.Count == 1 ? "it cannot" : "they cannot")} be read"))
                { RetimedFiles = changes.Retimed };
        string change =
            changes.Added.Count > 0 ? $"{changes.Added[0].RelativePath} was added" :
            changes.Removed.Count > 0 ? $"{changes.Removed[0].Name} was removed" :
            $"{changes.Changed[0].RelativePath} changed";
        return new IndexFreshness(false, $"the index is stale: {change} since it was built");
    }

    /// <summary>
    /// Why an index with this manifest is stale for the fallback encoding named <paramref name="fallbackEncoding"/> (empty for
    /// none): files that are not UTF-8 were read, or left out, with another; <c>null</c> when it was built with it.
    /// </summary>
    internal string? EncodingMismatch(string fallbackEncoding)
    {
        return fallbackEncoding == FallbackEncoding ? null
            : $"the index is stale: it read files that are not UTF-8 {Reading(FallbackEncoding)}, not {Reading(fallbackEncoding)}";

        static string Reading(string encoding) => encoding.Length == 0 ? "as UTF-8 only" : $"as {encoding}";
    }

    /// <summary>Why an index with this manifest is stale for <paramref name="userWords"/>; <c>null</c> when it was built with them.</summary>
    internal string? UserWordsMismatch(string userWords) =>
        UserWords == userWords ? null
        : UserWords.Length == 0 ? "the index was built without the user dictionary"
        : userWords.Length == 0 ? "the index was built with a user dictionary, and none is given"
        : "the user dictionary changed since the index was built";

    /// <summary>
    /// How <paramref name="files"/> differ from the files this manifest records, by content. A file whose size and
    /// modification time are as recorded is taken as unchanged; any other is hashed.
    /// </summary>
    /// <param name="files">The files as listed, in ordinal order of their relative paths (<see cref="CorpusReader.EssayFiles"/>).</param>
    /// <exception cref="EssaySearchException">A file to hash cannot be read.</exception>
    internal CorpusChanges Diff(IReadOnlyList<EssayFile> files)
    {
        // Both lists are in ordinal order of their names, so they are walked side by side: a large vault's freshness
        // check builds no table of either.
        List<CorpusFile> kept = [], removed = [];
        List<EssayFile> added = [], changed = [];
        int next = 0, retimed = 0;
        foreach (var file in files)
        {
            while (next < Files.Count && string.CompareOrdinal(Files[next].Name, file.RelativePath) < 0)
                removed.Add(Files[next++]);
            if (next == Files.Count || Files[next].Name != file.RelativePath)
            {
                added.Add(file);
                continue;
            }
            var known = Files[next++];
            // A file left out unread (no permission, say) has no hash: it is read again once it can be, which its size and
            // time need not show (chmod changes neither).
            if (known.Sha256.Length == 0 ? !CorpusFile.CanRead(file) : known.LooksUnchanged(file))
                kept.Add(known);
            else if (known.Sha256.Length > 0 && CorpusFile.Describe(file) is var now && now.Sha256 == known.Sha256)
            {
                kept.Add(now);
                if (now.LastWriteUtcTicks != 0)
                    retimed++; // a time too recent (or in the future) to trust is no use recording
            }
            else
                changed.Add(file);
        }
        removed.AddRange(Files.Skip(next));
        return new CorpusChanges(kept, added, changed, removed, retimed);
    }

    /// <summary>The name of the file <paramref name="essay"/> was read from; null when this manifest records none.</summary>
    internal string? FileOf(string essay)
    {
        // The files are in ordinal order of their names, and an essay's file is named by its id, a dot and an extension:
        // it is among the few that start so (a.md beside a.b.md), found without a table of every essay for one hit.
        string stem = essay + ".";
        int low = 0, high = Files.Count;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (string.CompareOrdinal(Files[middle].Name, stem) < 0)
                low = middle + 1;
            else
                high = middle;
        }
        for (int i = low; i < Files.Count && Files[i].Name.StartsWith(stem, StringComparison.Ordinal); i++)
        {
            if (Path.GetExtension(Files[i].Name.AsSpan()).Length == Files[i].Name.Length - essay.Length)
                return Files[i].Name;
        }
        return null;
    }

    /// <summary>
    /// The lines of the build's file times after its fingerprint; none when they are another build's or cannot be read,
    /// which only costs a freshness check the hashing of every file.
    /// </summary>
    private static ReadOnlyMemory<char> ReadFileTimes(string buildFolder, string fingerprint)
    {
        try
        {
            string times = File.ReadAllText(Path.Combine(buildFolder, FileTimesFile));
            int firstLine = times.IndexOf('\n');
            return firstLine >= 0 && times.AsSpan(0, firstLine).TrimEnd('\r').SequenceEqual(fingerprint) ? times.AsMemory(firstLine + 1) : default;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return default;
        }
    }

    /// <summary>The time on a line of the file times, when the line is the file's named <paramref name="escapedName"/>.</summary>
    private static long? TimeOf(ReadOnlySpan<char> line, ReadOnlySpan<char> escapedName) =>
        line.StartsWith(escapedName) && line.Length > escapedName.Length && line[escapedName.Length] == '\t'
        && long.TryParse(line[(escapedName.Length + 1)..], CultureInfo.InvariantCulture, out long ticks) ? ticks : null;

    // File names may hold the manifest's separators (tab, line feed); they are escaped, as is the escape character.
    private static string Escape(string name) => name.Replace("\\", "\\\\").Replace("\t", "\\t").Replace("\n", "\\n");

    private static string Unescape(string name) =>
        !name.Contains('\\') ? name // most names: read for every file on every freshness check
        : System.Text.RegularExpressions.Regex.Replace(name, @"\\(.)", m => m.Groups[1].Value switch { "t" => "\t", "n" => "\n", var other => other });
}
