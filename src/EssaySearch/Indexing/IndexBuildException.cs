namespace EssaySearch.Indexing;

/// <summary>An index build that could not complete; the previous index, if any, is untouched.</summary>
public sealed class IndexBuildException(string message, Exception? inner = null) : Exception(message, inner);
