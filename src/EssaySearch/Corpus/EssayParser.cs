using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EssaySearch.Corpus;

/// <summary>
/// Turns the text of one essay file into an <see cref="Essay"/>. Two layouts are understood:
/// YAML front matter between <c>---</c> lines, and a <c># </c> title line followed by
/// <c>key: value</c> metadata lines. Every non-blank body line is a paragraph, except headings
/// (which become the section of what follows), images and copyright/reprint notices.
/// </summary>
internal static partial class EssayParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Metadata keys of the "# title" layout, Chinese and English, mapped to the field they fill.
    private static readonly Dictionary<string, string> MetadataKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["文章作者"] = "author", ["作者"] = "author", ["author"] = "author",
        ["发布时间"] = "published", ["发表时间"] = "published", ["published"] = "published", ["date"] = "published",
        ["原文链接"] = "source", ["source"] = "source", ["url"] = "source",
        ["发布地"] = "", ["封面图链接"] = "",
    };

    public static Essay Parse(string path, Encoding? fallbackEncoding)
    {
        byte[] bytes = File.ReadAllBytes(path);
        return Parse(Path.GetFileNameWithoutExtension(path), Decode(bytes, Path.GetFileName(path), fallbackEncoding));
    }

    internal static string Decode(byte[] bytes, string fileName, Encoding? fallbackEncoding)
    {
        int nul = Array.IndexOf(bytes, (byte)0);
        if (nul >= 0)
            throw new CorpusException($"{fileName}: binary file (NUL byte at offset {nul}); only text files are indexed");
        int bom = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? 3 : 0;
        try
        {
            return StrictUtf8.GetString(bytes, bom, bytes.Length - bom);
        }
        catch (DecoderFallbackException e) when (fallbackEncoding is null)
        {
            throw new CorpusException($"{fileName}: not valid UTF-8 at byte offset {bom + e.Index}; convert it to UTF-8 or name its encoding (search index --encoding gb18030)", e);
        }
        catch (DecoderFallbackException)
        {
            return DecodeStrictly(bytes, fileName, fallbackEncoding!);
        }
    }

    private static string DecodeStrictly(byte[] bytes, string fileName, Encoding encoding)
    {
        // Never mojibake: bytes the encoding has no character for are an error, not U+FFFD.
        var strict = (Encoding)encoding.Clone();
        strict.DecoderFallback = DecoderFallback.ExceptionFallback;
        try
        {
            return strict.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new CorpusException($"{fileName}: neither UTF-8 nor {encoding.WebName} (invalid at byte offset {e.Index})", e);
        }
    }

    internal static Essay Parse(string id, string text)
    {
        string[] lines = text.ReplaceLineEndings("\n").Split('\n');
        int body = 0;
        var meta = new Dictionary<string, string>();
        string? title = null;

        if (lines.Length > 0 && lines[0].TrimEnd() == "---")
        {
            int close = Array.FindIndex(lines, 1, l => l.TrimEnd() == "---");
            if (close < 0)
                throw new CorpusException($"{id}: front matter opened on line 1 is never closed with '---'");
            ReadFrontMatter(id, string.Join('\n', lines[1..close]), meta);
            meta.TryGetValue("title", out title);
            body = close + 1;
        }
        else
        {
            int first = Array.FindIndex(lines, l => l.Trim().Length > 0);
            if (first >= 0 && HeadingRegex().Match(lines[first].Trim()) is { Success: true } heading && heading.Groups[1].Length == 1)
            {
                title = heading.Groups[2].Value.Trim();
                body = ReadMetadataLines(lines, first + 1, meta);
            }
        }

        var paragraphs = new List<Paragraph>();
        string section = "";
        for (int i = body; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || ImageRegex().IsMatch(line) || NoticeRegex().IsMatch(line))
                continue;
            if (HeadingRegex().Match(line) is { Success: true } h)
            {
                section = h.Groups[2].Value.Trim();
                title ??= section;
                continue;
            }
            if (BoldLineRegex().Match(line) is { Success: true } b)
            {
                section = b.Groups[1].Value.Trim();
                continue;
            }
            paragraphs.Add(new Paragraph(paragraphs.Count + 1, section, line));
        }

        return new Essay(
            id,
            string.IsNullOrWhiteSpace(title) ? id : title,
            meta.GetValueOrDefault("author", ""),
            NormalizeDate(meta.GetValueOrDefault("published", "")),
            meta.GetValueOrDefault("source", ""),
            paragraphs);
    }

    private static void ReadFrontMatter(string id, string yaml, Dictionary<string, string> meta)
    {
        // The representation model, not the reflection-based deserializer: it also works in a native executable.
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new CorpusException($"{id}: front matter is not valid YAML ({e.Start}): {e.InnerException?.Message ?? e.Message}", e);
        }
        if (stream.Documents is not [{ RootNode: var root }, ..] || root is YamlScalarNode { Value: null or "" })
            return;
        if (root is not YamlMappingNode values)
            throw new CorpusException($"{id}: front matter is not valid YAML ({root.Start}): expected `key: value` lines");
        foreach (var (key, value) in values.Children)
        {
            string text = Flatten(value);
            if (text.Length == 0)
                continue;
            string field = Flatten(key).ToLowerInvariant() switch
            {
                "title" => "title",
                "author" or "authors" => "author",
                "published" or "date" => "published",
                "source" or "url" => "source",
                // "created" is the date the clipping was made: a fallback when "published" is empty.
                "created" when !meta.ContainsKey("published") => "published",
                _ => "",
            };
            if (field.Length > 0)
                meta[field] = text;
        }
    }

    // Authors in clipped front matter are often wiki links: [[Sam Altman]]. A plain ~ or null is YAML's empty value.
    private static string Flatten(YamlNode value) => value switch
    {
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "~" or "null" or "Null" or "NULL" } => "",
        YamlScalarNode scalar => (scalar.Value ?? "").Trim().TrimStart('[').TrimEnd(']').Trim(),
        YamlSequenceNode list => string.Join(", ", list.Children.Select(Flatten).Where(s => s.Length > 0)),
        _ => "",
    };

    /// <summary>Reads the <c>key: value</c> lines under a <c># </c> title; returns the first body line.</summary>
    private static int ReadMetadataLines(string[] lines, int start, Dictionary<string, string> meta)
    {
        int next = start;
        for (int i = start; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0)
                continue;
            var m = MetadataRegex().Match(line);
            if (!m.Success || !MetadataKeys.TryGetValue(m.Groups[1].Value.Trim(), out string? field))
                break;
            if (field.Length > 0)
                meta[field] = m.Groups[2].Value.Trim();
            next = i + 1;
        }
        return next;
    }

    private static string NormalizeDate(string value)
    {
        if (!DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var date))
            return value;
        return date.TimeOfDay == TimeSpan.Zero
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : date.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^(#{1,6})\s+(.+?)\s*#*$")]
    private static partial Regex HeadingRegex();

    [GeneratedRegex(@"^\*\*([^*]+)\*\*$")]
    private static partial Regex BoldLineRegex();

    [GeneratedRegex(@"^!\[[^\]]*\]\([^)]*\)$")]
    private static partial Regex ImageRegex();

    [GeneratedRegex(@"^(©|\(c\)\s|copyright\b|版权所有)", RegexOptions.IgnoreCase)]
    private static partial Regex NoticeRegex();

    [GeneratedRegex(@"^([^:：\s][^:：]{0,19})[:：]\s*(.*)$")]
    private static partial Regex MetadataRegex();
}
