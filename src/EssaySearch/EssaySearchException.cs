namespace EssaySearch;

/// <summary>What kind of problem an <see cref="EssaySearchException"/> is.</summary>
public enum EssaySearchErrorKind
{
    /// <summary>The index folder holds no index.</summary>
    IndexMissing,
    /// <summary>The index's files are damaged or cannot be read.</summary>
    IndexDamaged,
    /// <summary>The index was written with another schema or analysis than it is opened with, or not by this library.</summary>
    IndexIncompatible,
    /// <summary>The query cannot be searched: empty, too long, or without a searchable word.</summary>
    BadQuery,
    /// <summary>The seeds folder, or a file in it, cannot be read as essays.</summary>
    BadCorpus,
    /// <summary>The user dictionary cannot be read, or a line of it is malformed.</summary>
    BadUserDictionary,
    /// <summary>Another build of the same index folder held its lock past the build's timeout.</summary>
    BuildLocked,
    /// <summary>The index could not be written, as on a full disk.</summary>
    BuildFailed,
}

/// <summary>
/// The library's errors. The message states the problem in one line (naming the file, folder or query part at fault);
/// what to do about it is the caller's to say. A failed build leaves the previous index as it was.
/// </summary>
public sealed class EssaySearchException : Exception
{
    internal EssaySearchException(EssaySearchErrorKind kind, string message, Exception? inner = null)
        : base(message, inner) => Kind = kind;

    /// <summary>What kind of problem this is.</summary>
    public EssaySearchErrorKind Kind { get; }

    /// <summary>Whether a file of the seeds cannot be read as it is not UTF-8 and no fallback encoding was given, which may read it (<see cref="Schema.LeftOutFile.NeedsFallbackEncoding"/>).</summary>
    public bool NeedsFallbackEncoding { get; internal init; }

    /// <summary>
    /// The files of the seeds that would be one essay (<c>a.md</c> and <c>a.txt</c>), relative to the seeds folder, when that is
    /// the problem (<see cref="EssaySearchErrorKind.BadCorpus"/>): all but one are to be renamed. The first such group in path
    /// order; others may follow once it is renamed. Empty otherwise.
    /// </summary>
    public IReadOnlyList<string> SameEssayFiles { get; internal init; } = [];

    /// <summary>Whether rebuilding the index from its seeds cures the problem: the index is missing, damaged or incompatible.</summary>
    public bool IsIndexProblem => Kind is EssaySearchErrorKind.IndexMissing or EssaySearchErrorKind.IndexDamaged or EssaySearchErrorKind.IndexIncompatible;
}
