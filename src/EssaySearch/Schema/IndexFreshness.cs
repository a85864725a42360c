namespace EssaySearch.Schema;

/// <summary>Whether an index matches a seeds folder; <see cref="Reason"/> says why not, in one line.</summary>
public sealed record IndexFreshness(bool IsCurrent, string Reason);
