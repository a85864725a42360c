namespace EssaySearch.Corpus;

/// <summary>A corpus folder or file that cannot be read; the message names the file and the problem.</summary>
public sealed class CorpusException(string message, Exception? inner = null) : Exception(message, inner);
