namespace EssaySearch.Searching;

/// <summary>An index folder that cannot be searched: missing, damaged, or built by another schema or analysis. Rebuilding it fixes this.</summary>
public sealed class IndexOpenException : Exception
{
    internal IndexOpenException(string reason, Exception? inner = null)
        : base($"{reason}; run `search index` to build it", inner) => Reason = reason;

    /// <summary>What is wrong with the index, without the advice to rebuild it.</summary>
    public string Reason { get; }
}
