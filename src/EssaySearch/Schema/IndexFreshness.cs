namespace EssaySearch.Schema;

/// <summary>Whether an index matches a seeds folder; <see cref="Reason"/> says why not, in one line.</summary>
public sealed record IndexFreshness(bool IsCurrent, string Reason)
{
    /// <summary>
    /// Whether only a full build (<see cref="Indexing.IndexBuilder.Build"/>) makes the index current: its files are damaged,
    /// and an update would keep the segments it does not change, damaged bytes and all.
    /// </summary>
    public bool NeedsFullBuild { get; init; }

    /// <summary>
    /// How many files of a current index have another size or modification time than it records, though their content is
    /// the same (copied without their times, restored, touched): every check reads and hashes them again, until an update
    /// (<see cref="Indexing.IndexBuilder.Update"/>) records their times. The index answers as it is either way.
    /// </summary>
    public int RetimedFiles { get; init; }

    /// <summary>An index that cannot be opened or read (<see cref="EssaySearchException.IsIndexProblem"/>): not current, for <paramref name="problem"/>.</summary>
    internal static IndexFreshness Of(EssaySearchException problem) =>
        // Damage inside a file (found only by verifying checksums) would be carried over by an update, which keeps the segments it does not change.
        new(false, problem.Message) { NeedsFullBuild = problem.Kind == EssaySearchErrorKind.IndexDamaged };
}
