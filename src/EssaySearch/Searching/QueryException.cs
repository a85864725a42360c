namespace EssaySearch.Searching;

/// <summary>A query that cannot be searched (empty, too long, or without a searchable word); the message says why.</summary>
public sealed class QueryException(string message) : Exception(message);
