using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EssaySearch.Corpus;

/// <summary>
/// Turns the bytes of one essay file into an <see cref="Essay"/>. Markdown (<c>.md</c>, <c>.markdown</c>, and
/// <c>.txt</c> that opens like Markdown) is read by <see cref="MarkdownBody"/>; its metadata comes from YAML front
/// matter between <c>---</c> lines, or from a <c># </c> title line followed by <c>key: value</c> metadata lines.
/// A copyright notice is not a paragraph.
/// </summary>
internal static partial class EssayParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Metadata keys of the "# title" layout, in simplified and traditional characters and in English, mapped to the field they fill.
    private static readonly Dictionary<string, string> MetadataKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["文章作者"] = "author", ["作者"] = "author", ["author"] = "author",
        ["发布时间"] = "published", ["发表时间"] = "published", ["published"] = "published", ["date"] = "published",
        ["發布時間"] = "published", ["發佈時間"] = "published", ["發表時間"] = "published",
        ["原文链接"] = "source", ["原文鏈接"] = "source", ["原文連結"] = "source", ["source"] = "source", ["url"] = "source",
        ["发布地"] = "", ["發布地"] = "", ["發佈地"] = "", ["封面图链接"] = "", ["封面圖鏈接"] = "", ["封面圖連結"] = "",
    };

    public static Essay Parse(EssayFile file, Encoding? fallbackEncoding)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw EssayFile.CannotOpen(file.RelativePath, "be read", e);
        }
        return Parse(file, bytes, fallbackEncoding);
    }

    /// <summary>Parses <paramref name="bytes"/>, read from <paramref name="file"/>.</summary>
    public static Essay Parse(EssayFile file, byte[] bytes, Encoding? fallbackEncoding)
    {
        string text = Decode(bytes, file.RelativePath, fallbackEncoding);
        var syntax = !file.RelativePath.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) ? Syntax.Obsidian
            : LooksLikeMarkdown(text) ? Syntax.Markdown
            : Syntax.PlainText;
        try
        {
            return Parse(file.Id, text, syntax, file.RelativePath);
        }
        // A fault of this reader (or of a library under it) on some text it did not foresee: named with its file, which
        // can then be set aside, and told as a file that cannot be read, so that a search answers from the index it has
        // and a watch goes on, rather than as an error without a name that stops both.
        catch (Exception e) when (e is not (EssaySearchException or OutOfMemoryException))
        {
            throw new EssaySearchException(EssaySearchErrorKind.BadCorpus, $"{file.RelativePath}: the essay reader failed on this file ({e.GetType().Name}: {e.Message.Split('\n')[0]})", e);
        }
    }

    /// <summary>How a file's text is read.</summary>
    internal enum Syntax
    {
        /// <summary>Prose: paragraphs between blank lines, no markup.</summary>
        PlainText,

        /// <summary>Markdown, as a <c>.txt</c> file that opens like Markdown is read.</summary>
        Markdown,

        /// <summary>
        /// Markdown with Obsidian's comments (<c>%%…%%</c>), inline footnotes (<c>^[…]</c>), block ids (<c> ^id</c>) and inline
        /// tags (<c>#读书</c>), as a <c>.md</c> file of a vault is read. Not for <c>.txt</c> files: there <c>%%</c> is printf's
        /// percent sign, <c>^C</c> is Ctrl-C and <c>#define</c> is C, and reading them as Obsidian would cut or tag prose.
        /// </summary>
        Obsidian,
    }

    internal static string Decode(byte[] bytes, string fileName, Encoding? fallbackEncoding)
    {
        // UTF-16 with its byte order mark, as Windows Notepad saves "Unicode" text: its NUL bytes are half characters.
        if (bytes is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..])
            return DecodeUtf16(bytes, fileName, bigEndian: bytes[0] == 0xFE);
        int nul = Array.IndexOf(bytes, (byte)0);
        if (nul >= 0)
            throw Binary(fileName, $"NUL byte at offset {nul}");
        int bom = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? 3 : 0;
        try
        {
            return StrictUtf8.GetString(bytes, bom, bytes.Length - bom);
        }
        catch (DecoderFallbackException e) when (fallbackEncoding is null)
        {
            throw new EssaySearchException(EssaySearchErrorKind.BadCorpus,
                $"{fileName}: not valid UTF-8 at byte offset {bom + e.Index}; convert it to UTF-8, or name a fallback encoding to read it in, such as gb18030", e)
            {
                NeedsFallbackEncoding = true,
            };
        }
        catch (DecoderFallbackException)
        {
            return DecodeStrictly(bytes, fileName, fallbackEncoding!);
        }
    }

    private static string DecodeUtf16(byte[] bytes, string fileName, bool bigEndian)
    {
        string text;
        try
        {
            text = new UnicodeEncoding(bigEndian, byteOrderMark: false, throwOnInvalidBytes: true).GetString(bytes, 2, bytes.Length - 2);
        }
        catch (DecoderFallbackException e)
        {
            throw new EssaySearchException(EssaySearchErrorKind.BadCorpus, $"{fileName}: not valid UTF-16 at byte offset {2 + e.Index}, though it opens with UTF-16's byte order mark", e);
        }
        int nul = text.IndexOf('\0');
        return nul < 0 ? text
            : throw Binary(fileName, $"NUL character at byte offset {2 + 2 * nul}");
    }

    private static EssaySearchException Binary(string fileName, string evidence) =>
        new(EssaySearchErrorKind.BadCorpus, $"{fileName}: binary file ({evidence}); only text files are indexed");

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
            throw new EssaySearchException(EssaySearchErrorKind.BadCorpus, $"{fileName}: neither UTF-8 nor {encoding.WebName} (invalid at byte offset {e.Index})", e);
        }
    }

    /// <param name="id">The essay's id.</param>
    /// <param name="text">The file's text.</param>
    /// <param name="syntax">How to read it.</param>
    /// <param name="fileName">The file, as errors name it (its path in the seeds folder).</param>
    internal static Essay Parse(string id, string text, Syntax syntax, string fileName)
    {
        var meta = new Dictionary<string, string>();
        var tags = new List<string>();
        var aliases = new List<string>();
        string? title = null, warning = null;
        IReadOnlyList<TextBlock> blocks;
        if (syntax is not Syntax.PlainText)
        {
            MarkdownDocument document;
            try
            {
                if (syntax is Syntax.Obsidian)
                    text = ObsidianComments.Cut(text); // parses the note too, where it holds %%
                document = Markdown.Parse(text, syntax is Syntax.Obsidian ? MarkdownBody.ObsidianPipeline : MarkdownBody.Pipeline);
            }
            // Markdig's limit: brackets, footnotes or emphasis open thousands deep. Only that exact type, so that a bug of
            // ours (an ArgumentOutOfRangeException) is not blamed on the file.
            catch (ArgumentException e) when (e.GetType() == typeof(ArgumentException))
            {
                throw new EssaySearchException(EssaySearchErrorKind.BadCorpus, $"{fileName}: cannot be read as Markdown ({e.Message})", e);
            }
            IEnumerable<Block> body = document;
            List<LeafBlock> readApart = [];
            if (document.FirstOrDefault() is YamlFrontMatterBlock frontMatter)
            {
                // YAML counts its lines from the first after the opening '---' (Markdig's Line counts from 0).
                warning = ReadFrontMatter(fileName, frontMatter.Line + 1, frontMatter.Lines.ToString(), meta, tags, aliases);
                body = document.Skip(1);
            }
            // Empty front matter ('---' twice), which Markdig reads as two rules.
            else if (document is [ThematicBreakBlock { Line: 0 }, ThematicBreakBlock { Line: 1 }, ..] && FirstLine(text).TrimEnd() == "---")
            {
                body = document.Skip(2);
            }
            // Front matter never closed, where its first line is a key: read as Obsidian shows it, a rule and text, so that its
            // lines are found too; told, as its properties are lost. A note that opens with a rule and prose ('---', a blank
            // line, text) is a rule and prose, and nothing to tell.
            else if (FirstLine(text).TrimEnd() == "---" && text.Split('\n') is [_, var second, ..] lines && YamlKeyLine().IsMatch(second)
                     && lines.Skip(1).All(line => line.TrimEnd() != "---"))
            {
                warning = $"{fileName}:1: front matter is never closed with '---'; read as the note's text, as Obsidian shows it, and the note indexed whole; "
                    + "a '---' line after its last property makes it front matter";
            }
            else if (document.FirstOrDefault() is HeadingBlock { Level: 1 } titleLine)
            {
                title = MarkdownBody.TextOf(titleLine.Inline);
                readApart = [titleLine, .. document.Skip(1).TakeWhile(block => block is ParagraphBlock paragraph && ReadMetadataLines(text, paragraph, meta)).Cast<LeafBlock>()];
                body = document.Skip(readApart.Count);
            }
            // A '# ' heading that opens the note after its front matter names it too; it stays the section it opens.
            if (title is null && body.FirstOrDefault() is HeadingBlock { Level: 1 } opening)
                title = MarkdownBody.TextOf(opening.Inline);
            var content = MarkdownBody.Read(body, obsidian: syntax is Syntax.Obsidian, readApart);
            blocks = content.Blocks;
            tags.AddRange(content.Tags.Where(tag => !tags.Contains(tag, StringComparer.OrdinalIgnoreCase)));
        }
        else
        {
            blocks = PlainTextBlocks(text);
        }
        // Obsidian names a note by its file: a heading further down, or a '##' (a note's first section), is no title.
        title = meta.GetValueOrDefault("title") ?? title;

        var paragraphs = blocks
            .Select((block, i) => new Paragraph(i + 1, block.Section, block.Text, block.Links, block.Line, block.Code))
            .ToList();
        return new Essay(
            id,
            string.IsNullOrWhiteSpace(title) ? id[(id.LastIndexOf('/') + 1)..] : title,
            aliases,
            meta.GetValueOrDefault("author", ""),
            NormalizeDate(meta.GetValueOrDefault("published", "")),
            meta.GetValueOrDefault("source", ""),
            tags,
            paragraphs)
        {
            Warning = warning,
        };
    }

    /// <summary>
    /// Whether a <c>.txt</c> file is Markdown: it opens with front matter or a <c># </c> title line, as clippers and
    /// article exporters write them. Other text files are plain prose, where <c>*</c>, <c>_</c> or an indented line mean nothing.
    /// </summary>
    private static bool LooksLikeMarkdown(string text)
    {
        var start = text.AsSpan().TrimStart();
        return start.StartsWith("---", StringComparison.Ordinal) || start.StartsWith("# ", StringComparison.Ordinal);
    }

    private static string FirstLine(string text) => text[..(text.IndexOf('\n') is var end and >= 0 ? end : text.Length)];

    /// <summary>Plain text: paragraphs are separated by blank lines; the lines of one are joined as a reader sees them.</summary>
    private static List<TextBlock> PlainTextBlocks(string text)
    {
        var blocks = new List<TextBlock>();
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (int first = 0; first < lines.Length; first++)
        {
            if (string.IsNullOrWhiteSpace(lines[first]))
                continue;
            int end = first;
            while (end < lines.Length && !string.IsNullOrWhiteSpace(lines[end]))
                end++;
            string paragraph = VisibleText.JoinLines(lines[first..end]);
            if (!IsCopyrightNotice(paragraph))
                blocks.Add(new TextBlock("", paragraph, [], first + 1));
            first = end;
        }
        return blocks;
    }

    /// <summary>The line of <paramref name="yaml"/> (from 1) where YAML's parser stops with an error it places, else that of the last event it read.</summary>
    private static long LineReached(string yaml)
    {
        var parser = new YamlDotNet.Core.Parser(new StringReader(yaml));
        long line = 1;
        try
        {
            while (parser.MoveNext())
                line = parser.Current?.Start.Line ?? line;
        }
        catch (YamlException e)
        {
            return e.Start.Line;
        }
        catch (InvalidOperationException)
        {
            // the same state error: the last event read is where it breaks
        }
        return line;
    }

    /// <summary>
    /// Reads the front matter's values into <paramref name="meta"/>, <paramref name="tags"/> and <paramref name="aliases"/>.
    /// Front matter that is not valid YAML is read line by line (<see cref="ReadLineByLine"/>), as Obsidian still shows such a
    /// note and its text: the note is not lost for it.
    /// </summary>
    /// <returns>Why the front matter was read line by line, in one line naming the file and line; null when it is YAML.</returns>
    // The message names the file and its line (笔记/坏.md:3), as editors open them: linesBefore is the number before the YAML's first.
    private static string? ReadFrontMatter(string fileName, int linesBefore, string yaml, Dictionary<string, string> meta, List<string> tags, List<string> aliases)
    {
        string? notYaml = null, fix = "";
        // The representation model, not the reflection-based deserializer: it also works in a native executable.
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            notYaml = $"{fileName}:{linesBefore + e.Start.Line}: front matter is not valid YAML: {(e.InnerException?.Message ?? e.Message).TrimEnd('.')}";
            // Most often a value holding ': ' (title: Ref-DGS: Reflective …) or a quote it does not close; not a key given twice.
            if (e is SyntaxErrorException or SemanticErrorException)
                fix = "; quoting the value on that line makes it YAML";
        }
        // YamlDotNet's own state error on some malformed streams (a flow sequence opened and never closed before a key):
        // named at the last line its parser read whole.
        catch (InvalidOperationException)
        {
            notYaml = $"{fileName}:{linesBefore + LineReached(yaml)}: front matter is not valid YAML past this line";
        }
        var root = notYaml is null && stream.Documents is [{ RootNode: var first }, ..] ? first : null;
        if (root is not (null or YamlMappingNode or YamlScalarNode { Value: null or "" }))
            notYaml = $"{fileName}:{linesBefore + root.Start.Line}: front matter is not valid YAML: expected `key: value` lines";
        var values = notYaml is null ? root as YamlMappingNode ?? new YamlMappingNode() : ReadLineByLine(yaml);
        foreach (var (key, value) in values.Children)
        {
            if (Flatten(key).ToLowerInvariant() is "tags" or "tag")
            {
                tags.AddRange(TagsOf(value));
                continue;
            }
            if (Flatten(key).ToLowerInvariant() is "aliases" or "alias")
            {
                // A YAML list, or one string of names separated by commas (a name may hold spaces: Sam Altman; or be a wiki link).
                var names = value is YamlSequenceNode list
                    ? list.Children.Select(Flatten)
                    : value is YamlScalarNode { Value: { } written } ? written.Split(',').Select(name => name.Trim().TrimStart('[').TrimEnd(']').Trim()) : [];
                aliases.AddRange(names.Where(name => name.Length > 0));
                continue;
            }
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
        return notYaml is null ? null : $"{notYaml}; read line by line, and the note indexed whole{fix}";
    }

    /// <summary>
    /// Front matter that is not YAML, read as its lines are written: a <c>key: value</c> line at the start of a line gives
    /// the value as written to the end of the line (without the quotes, when quotes enclose it all); a key without a value
    /// takes the <c>- item</c> lines under it as a list. Other lines (a value's continuation, a block scalar) are passed over;
    /// a key given twice takes its last value.
    /// </summary>
    private static YamlMappingNode ReadLineByLine(string yaml)
    {
        var values = new YamlMappingNode();
        YamlSequenceNode? list = null;
        foreach (var line in yaml.Split('\n'))
        {
            if (YamlKeyLine().Match(line) is { Success: true } pair)
            {
                string value = Unquoted(pair.Groups[2].Value);
                list = value.Length == 0 ? new YamlSequenceNode() : null;
                values.Children[new YamlScalarNode(pair.Groups[1].Value)] = list ?? (YamlNode)new YamlScalarNode(value);
            }
            else if (list is not null && ListItemLine().Match(line) is { Success: true } item)
            {
                list.Add(Unquoted(item.Groups[1].Value));
            }
        }
        return values;
    }

    // "A: B" and 'A: B' are the text between the quotes, as YAML reads them.
    private static string Unquoted(string value) =>
        value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0] ? value[1..^1] : value;

    // Authors in clipped front matter are often wiki links: [[Sam Altman]]. A plain ~ or null is YAML's empty value.
    private static string Flatten(YamlNode value) => value switch
    {
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "~" or "null" or "Null" or "NULL" } => "",
        YamlScalarNode scalar => (scalar.Value ?? "").Trim().TrimStart('[').TrimEnd(']').Trim(),
        YamlSequenceNode list => string.Join(", ", list.Children.Select(Flatten).Where(s => s.Length > 0)),
        _ => "",
    };

    // Tags are a YAML list or one string of tags separated by commas or spaces, with or without Obsidian's '#'.
    private static IEnumerable<string> TagsOf(YamlNode value) =>
        (value is YamlSequenceNode list ? list.Children.Select(Flatten) : Flatten(value).Split([',', ' '], StringSplitOptions.TrimEntries))
        .Select(tag => tag.TrimStart('#'))
        .Where(tag => tag.Length > 0);

    /// <summary>
    /// Reads a paragraph under a <c># </c> title line as metadata when every line of it is a known <c>key: value</c>
    /// line (from the source text, where URLs are still as written, without its inline footnotes); says whether it was.
    /// </summary>
    private static bool ReadMetadataLines(string text, ParagraphBlock paragraph, Dictionary<string, string> meta)
    {
        var source = new StringBuilder();
        int from = paragraph.Span.Start;
        foreach (var note in paragraph.Inline!.FindDescendants<InlineFootnote>().Where(note => note.Span.Start >= from)) // one inside another is cut with it
        {
            source.Append(text, from, note.Span.Start - from);
            from = note.Span.End + 1;
        }
        var lines = source.Append(text, from, paragraph.Span.End + 1 - from).ToString().Split('\n', StringSplitOptions.TrimEntries);
        var matches = lines.Select(line => MetadataRegex().Match(line)).ToList();
        if (!matches.All(m => m.Success && MetadataKeys.ContainsKey(m.Groups[1].Value.Trim())))
            return false;
        foreach (var m in matches)
            if (MetadataKeys[m.Groups[1].Value.Trim()] is { Length: > 0 } field)
                meta[field] = m.Groups[2].Value.Trim();
        return true;
    }

    private static readonly string[] MonthFormats = ["yyyy-M", "yyyy/M", "yyyy.M", "M-yyyy", "M/yyyy", "M.yyyy", "yyyy年M月", "MMMM yyyy", "MMM yyyy"];

    /// <summary>
    /// A date as ISO 8601, as written: the month (<c>2026-07</c>), the day, or the day and time, and the offset from UTC when the text gives one
    /// (<c>2024-03-15T01:30+08:00</c>). Never converted to the building machine's time zone, which would move an essay
    /// published in Beijing after midnight to the day before on a machine in UTC, and make the index differ by machine.
    /// </summary>
    internal static string NormalizeDate(string value)
    {
        // .NET's parser makes a month without a day its first day: 2026-07 would be shown as 2026-07-01, a day no one wrote.
        if (DateTime.TryParseExact(value.Trim(), MonthFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
            return month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        const DateTimeStyles AsWritten = DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal;
        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, AsWritten, out var date))
            return value;
        bool zoned = DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.RoundtripKind, out var kind)
            && kind.Kind != DateTimeKind.Unspecified;
        if (!zoned)
            return date.DateTime.ToString(date.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        return date.DateTime.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture) + (date.Offset == TimeSpan.Zero ? "Z" : date.ToString("zzz", CultureInfo.InvariantCulture));
    }

    // key: value, as the first line of YAML front matter is: the key, and the value to the end of the line.
    [GeneratedRegex(@"^([^\s:#\-][^:]*):(?:\s+(.*?))?\s*$")]
    private static partial Regex YamlKeyLine();

    // - item, of a list in YAML front matter.
    [GeneratedRegex(@"^\s*-(?:\s+(.*?))?\s*$")]
    private static partial Regex ListItemLine();

    /// <summary>
    /// Whether a paragraph of its own is a copyright notice, as an article's foot has one (<c>© THE END 转载请联系…</c>):
    /// the sign, or the word with a sign or a year (<c>(c) 2024 某某</c>, <c>Copyright © 2024</c>), or <c>版权所有</c>.
    /// Not the <c>(c)</c> that labels a third item, nor a sentence about copyright (<c>Copyright law …</c>, <c>版权所有者 …</c>).
    /// </summary>
    internal static bool IsCopyrightNotice(string paragraph) => NoticeRegex().IsMatch(paragraph);

    [GeneratedRegex(@"^(©|\(c\)\s*(\d|copyright\b)|copyright\s*(©|\(c\)|\d)|版[权權]所有(?!者))", RegexOptions.IgnoreCase)]
    private static partial Regex NoticeRegex();

    [GeneratedRegex(@"^([^:：\s][^:：]{0,19})[:：]\s*(.*)$")]
    private static partial Regex MetadataRegex();
}
