using System.Text;
using EssaySearch.Analysis;
using Lucene.Net.Analysis;
using EssaySearch.Schema;

namespace EssaySearch.Indexing;

/// <summary>Where an index is built from and to, and how.</summary>
/// <param name="SeedsFolder">Folder of essay files (<c>.md</c>, <c>.txt</c>).</param>
/// <param name="IndexFolder">Folder that holds the index; created when missing.</param>
public sealed record BuildOptions(string SeedsFolder, string IndexFolder)
{
    /// <summary>
    /// Analyzer of the word field; <c>null</c> for <see cref="ChineseAnalyzer"/>. Any Lucene analyzer fits,
    /// such as <c>SmartChineseAnalyzer</c> where that package can be restored; searches must then pass the same one.
    /// </summary>
    public Analyzer? WordAnalyzer { get; init; }

    /// <summary>
    /// The encoding of files that are not valid UTF-8, such as GB18030 (<c>Encoding.GetEncoding("gb18030")</c> after
    /// registering <c>CodePagesEncodingProvider.Instance</c>); <c>null</c> to refuse such files. Bytes the encoding
    /// cannot decode are still an error, never replaced.
    /// </summary>
    public Encoding? FallbackEncoding { get; init; }

    /// <summary>
    /// A user dictionary for the default <see cref="ChineseAnalyzer"/> (a build with another <see cref="WordAnalyzer"/> refuses it): a file of extra words (names, new terms) in
    /// jieba's format, one <c>word [frequency] [tag]</c> a line; <c>null</c> for none. A word without a frequency gets
    /// the least one that keeps it whole. The index records the words, so that queries are segmented with them
    /// too, and an index built with other words (or none) is stale.
    /// </summary>
    public string? UserDictionary { get; init; }

    /// <summary>
    /// What a build does with a file it cannot read (not UTF-8 nor <see cref="FallbackEncoding"/>, binary, unreadable; front
    /// matter that is not valid YAML or never closed is read all the same, and told in <see cref="BuildResult.Warnings"/>): <c>false</c> (the default) fails the whole build, naming the file, and leaves the index as it
    /// was, so that an index never lacks an essay unawares; <c>true</c> indexes every other file and records the file, with
    /// why, in <see cref="IndexManifest.LeftOut"/>, as a folder of notes written by hand and by plugins often holds a few
    /// such files. A left-out file is read again once it changes. A seeds folder that is missing or empty, or that holds two
    /// files that would be one essay, fails the build either way.
    /// </summary>
    public bool LeaveOutUnreadable { get; init; }

    /// <summary>How long a build waits for another build of the same folder to finish; <see cref="Timeout.InfiniteTimeSpan"/> (or <see cref="TimeSpan.MaxValue"/>) for as long as it takes. Not negative.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The name of <see cref="FallbackEncoding"/> as the manifest records it; empty for none.</summary>
    internal string FallbackEncodingName => FallbackEncoding?.WebName ?? "";

    /// <summary>The analysis identity recorded in the manifest; a change makes the index stale.</summary>
    internal string Analysis => FieldAnalyzers.Identity(WordAnalyzer);

    /// <summary>The text of <see cref="UserDictionary"/>; empty for none.</summary>
    /// <exception cref="EssaySearchException">The file cannot be read.</exception>
    internal string ReadUserWords() => JiebaDictionary.ReadUserWords(UserDictionary);
}

/// <summary>How far a build has come.</summary>
/// <param name="FilesDone">Essay files indexed so far.</param>
/// <param name="FilesTotal">Essay files to index in all.</param>
/// <param name="Paragraphs">Paragraphs indexed so far.</param>
public sealed record BuildProgress(int FilesDone, int FilesTotal, int Paragraphs)
{
    /// <summary>
    /// Whether the build is waiting for another build of the same index to finish (up to <see cref="BuildOptions.LockTimeout"/>):
    /// reported once, before anything else, with no files counted yet.
    /// </summary>
    public bool WaitingForAnotherBuild { get; init; }
}

/// <summary>A completed build or update: what the index now holds, and what was done to it.</summary>
public sealed record BuildResult(IndexManifest Manifest, TimeSpan Elapsed)
{
    /// <summary>Whether the index was built anew, updated, or found current.</summary>
    public BuildKind Kind { get; init; } = BuildKind.Full;

    /// <summary>Essay files read and analyzed: every file for a full build, the added and changed ones for an update.</summary>
    public int FilesRead { get; init; }

    /// <summary>
    /// Essays an update added, replaced and removed (a renamed file is one removed and one added); 0 for a full build. A
    /// file that cannot be read is no essay (it is in the manifest's <see cref="IndexManifest.LeftOut"/>): one changed so
    /// that it can no longer be read counts as removed, and one that can now be read as added.
    /// </summary>
    public int Added { get; init; }

    /// <inheritdoc cref="Added"/>
    public int Changed { get; init; }

    /// <inheritdoc cref="Added"/>
    public int Removed { get; init; }

    /// <summary>
    /// Why <see cref="IndexBuilder.Update"/> built the index anew rather than update the one it found, in one line (its schema,
    /// analysis, user dictionary or fallback encoding differ, it cannot be read, or more than a quarter of the corpus changed):
    /// such a build takes as long as a first one. <c>null</c> for an update, a first build and <see cref="IndexBuilder.Build"/>.
    /// </summary>
    public string? FullBuildReason { get; init; }

    /// <summary>
    /// What was wrong with the files this build read, though it indexed them whole: front matter that is not valid YAML,
    /// read line by line, or never closed, read as the note's text. One line each, naming the file and line, in file order. Only the files read (an update reads the
    /// added and changed ones), and not recorded in the index, which lacks nothing: a caller tells them once, as they are read.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>What <see cref="IndexBuilder.Update"/> did.</summary>
public enum BuildKind
{
    /// <summary>Nothing: the index was current.</summary>
    None,

    /// <summary>Only the essays added, changed or removed were written.</summary>
    Incremental,

    /// <summary>The whole index was built anew.</summary>
    Full,
}

/// <summary>What <see cref="IndexBuilder.EnsureCurrent"/> did.</summary>
/// <param name="Found">The index as it was found: current, or why not (missing, stale, damaged, incompatible).</param>
/// <param name="Build">The build that made it current; <c>null</c> when it was current already.</param>
public sealed record IndexUpdate(IndexFreshness Found, BuildResult? Build);

