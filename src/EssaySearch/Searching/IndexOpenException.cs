namespace EssaySearch.Searching;

/// <summary>An index folder that cannot be searched: missing, damaged, or built by another schema or analysis. Rebuilding it fixes this.</summary>
public sealed class IndexOpenException(string message, Exception? inner = null) : Exception(message, inner);
