namespace EssaySearch.Schema;

/// <summary>Whether an index matches a seeds folder; <see cref="Reason"/> says why not, in one line.</summary>
public sealed record IndexFreshness(bool IsCurrent, string Reason)
{
    /// <summary>
    /// Whether only a full build (<see cref="Indexing.IndexBuilder.Build"/>) makes the index current: its files are damaged,
    /// and an update would keep the segments it does not change, damaged bytes and all.
    /// </summary>
    public bool NeedsFullBuild { get; init; }
}
