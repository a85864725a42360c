using System.Text;
using EssaySearch.Schema;

namespace EssaySearch.Cli;

/// <summary>
/// The user dictionary and the fallback encoding a command was given (<c>--dict</c>, else <c>SEARCH_DICT</c>; <c>--encoding</c>),
/// each <c>null</c> when not given. A command given neither keeps the index as it was built: <see cref="For"/> takes them
/// from its manifest, as <see cref="Paths.SourceOf"/> takes the seeds folder. A dictionary of an empty name (<c>--dict ''</c>) is none.
/// </summary>
internal sealed record BuildSettings(string? Dictionary, Encoding? Encoding)
{
    public static BuildSettings Given(string? dictionary, Encoding? encoding) =>
        new(dictionary ?? (Environment.GetEnvironmentVariable("SEARCH_DICT") is { Length: > 0 } file ? file : null), encoding);

    /// <summary>What to build and check the index with: what was given, else what <paramref name="built"/> (its manifest; null for none) records.</summary>
    public (string? Dictionary, Encoding? Encoding) For(IndexManifest? built) =>
        (NoneIfEmpty(Dictionary ?? built?.UserDictionary), Encoding ?? (built?.FallbackEncoding is { Length: > 0 } name ? Named(name) : null));

    /// <summary>Whether these settings, taken as <see cref="For"/> takes them, are those <paramref name="built"/> records.</summary>
    public bool AreThoseOf(IndexManifest built) =>
        For(built) is var (dictionary, encoding)
        && (dictionary is null ? "" : Path.GetFullPath(dictionary)) == built.UserDictionary
        && (encoding?.WebName ?? "") == built.FallbackEncoding;

    /// <summary>The dictionary file the index was built with, when none is given and that file is gone; null otherwise.</summary>
    public string? GoneDictionary(IndexManifest? built) =>
        Dictionary is null && built?.UserDictionary is { Length: > 0 } path && !File.Exists(path) ? path : null;

    /// <summary>An encoding by name, with the code pages (GB18030, Big5, Shift-JIS, …) registered; null for an unknown name.</summary>
    public static Encoding? Named(string name)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string? NoneIfEmpty(string? name) => string.IsNullOrEmpty(name) ? null : name;
}
