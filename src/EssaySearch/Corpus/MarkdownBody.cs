using System.Net;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.EmphasisExtras;
using Markdig.Extensions.Footnotes;
using Markdig.Extensions.Mathematics;
using Markdig.Extensions.Tables;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace EssaySearch.Corpus;

/// <summary>
/// The searchable blocks of a Markdown document, as Markdig parses it, in document order: paragraphs (also inside
/// list items, block quotes and footnotes), table rows, code blocks and HTML blocks, each with the text a reader
/// sees. Headings, and paragraphs that are one short bold line (a common layout of exported articles), set the
/// section of what follows; a bold line that a heading follows heads nothing, and is a paragraph. A block quote that opens with a callout marker (Obsidian's <c>&gt; [!note] Title</c>,
/// GitHub's <c>&gt; [!NOTE]</c>) shows its title, if it has one, as a paragraph of its own, and not the marker.
/// </summary>
internal static partial class MarkdownBody
{
    /// <summary>
    /// The Markdown that clipped essays and Obsidian notes use: YAML front matter, pipe tables, autolinks, footnotes,
    /// strikethrough and highlight, task lists, wiki links; and emphasis beside full-width punctuation
    /// (<c>**“重点”**</c>), which CommonMark's rules, written for spaced scripts, leave as asterisks in the text.
    /// </summary>
    public static readonly MarkdownPipeline Pipeline = BuildPipeline(obsidian: false, precise: false);

    /// <summary>
    /// The same, with Obsidian's inline footnotes (<c>^[…]</c>) and LaTeX maths (<c>$…$</c>, <c>$$…$$</c>), for a vault's
    /// notes; not for <c>.txt</c> files, where <c>^[</c> is no markup (<c>Ctrl+^[</c>) and <c>$5 and $10</c> are prices.
    /// With source positions: a metadata line under the title is read from the source, and cut around the inline footnotes in it.
    /// </summary>
    public static readonly MarkdownPipeline ObsidianPipeline = BuildPipeline(obsidian: true, precise: true);

    /// <summary>
    /// <see cref="Pipeline"/> with the source position of every inline: for finding the code that a comment marker may be
    /// part of (<see cref="ObsidianComments"/>). Inline footnotes would change nothing there: code and HTML in them are read alike.
    /// </summary>
    public static readonly MarkdownPipeline PrecisePipeline = BuildPipeline(obsidian: false, precise: true);

    // A bold line longer than this, or one that ends a sentence, is an emphasized paragraph, not a heading.
    private const int LongestBoldHeading = 40;

    private const string TableCellSeparator = " | ";

    // Code blocks that Obsidian (query: its own search) and its common plugins (Dataview, Tasks) replace by what they find.
    private static readonly HashSet<string> ObsidianQueryBlocks = new(["query", "dataview", "dataviewjs", "tasks"], StringComparer.OrdinalIgnoreCase);

    private static MarkdownPipeline BuildPipeline(bool obsidian, bool precise)
    {
        var builder = new MarkdownPipelineBuilder()
            .UseYamlFrontMatter()
            .UsePipeTables()
            .UseAutoLinks()
            .UseFootnotes()
            // Strikethrough and highlight, as Obsidian has them; not sub- and superscript, which ate the tildes of
            // Chinese ranges (10~20 个，30~40 个 read as 1020 个，3040 个) and the carets of ^C.
            .UseEmphasisExtras(EmphasisExtraOptions.Strikethrough | EmphasisExtraOptions.Marked)
            .UseCjkFriendlyEmphasis()
            .UseTaskLists();
        builder.InlineParsers.InsertBefore<Markdig.Parsers.Inlines.LinkInlineParser>(new WikiLinkParser());
        if (obsidian)
        {
            builder.InlineParsers.InsertBefore<Markdig.Parsers.Inlines.LinkInlineParser>(new InlineFootnoteParser());
            builder.UseMathematics(); // TeX as written: its _, * and \ are not Markdown
        }
        if (precise)
            builder.UsePreciseSourceLocation();
        return builder.Build();
    }

    /// <summary>
    /// Reads <paramref name="blocks"/>; with <paramref name="obsidian"/>, Obsidian's block ids and inline tags too. The
    /// lines <paramref name="readApart"/> as the note's title and metadata give their inline footnotes, before any section.
    /// </summary>
    public static MarkdownContent Read(IEnumerable<Block> blocks, bool obsidian, IEnumerable<LeafBlock> readApart)
    {
        var reader = new Reader(obsidian);
        foreach (var block in readApart)
            reader.NoteInlineFootnotes(block.Inline, block.Line);
        foreach (var block in blocks)
            reader.Visit(block);
        reader.EndBoldLine(headsNext: false);
        reader.AddInlineFootnotes();
        return new MarkdownContent(reader.Blocks, reader.Tags ?? []);
    }

    /// <summary>The visible text of a heading or other inline content; its tags go to <paramref name="tags"/>, when given.</summary>
    public static string TextOf(ContainerInline? inlines, List<string>? tags = null)
    {
        var text = new VisibleText();
        AppendInlines(inlines, text, tags);
        return text.Take().Text;
    }

    private sealed class Reader(bool obsidian)
    {
        private readonly VisibleText text = new(keepLineBreaks: obsidian);
        private readonly List<(InlineFootnote Note, string Section, int Line)> inlineFootnotes = [];
        private string section = "";

        // A short bold line, held back until the block after it is read: it heads that block, unless a heading comes first.
        private ParagraphBlock? boldLine;

        // Where each section opens (none before the first heading), for the footnotes that Markdig moves to the end of the document.
        private readonly List<(int Line, string Section)> sections = [(-1, "")];

        public List<TextBlock> Blocks { get; } = [];

        /// <summary>The inline tags met, for Obsidian's Markdown; null for other Markdown, where none are looked for.</summary>
        public List<string>? Tags { get; } = obsidian ? [] : null;

        public void Visit(Block block)
        {
            // Markdig moves a footnote to the end of the document; it is in the section opened last before its line (those
            // opened inside footnotes are listed after the body's, whatever their line).
            if (block is Footnote footnote)
                section = sections.Where(opened => opened.Line < footnote.Line).MaxBy(opened => opened.Line).Section;
            // A rule between a bold line and a heading parts them no more than a blank line does; footnotes follow the body.
            if (boldLine is not null && block.Parent is MarkdownDocument && block is not (ThematicBreakBlock or LinkReferenceDefinitionGroup))
                EndBoldLine(headsNext: block is not (HeadingBlock or FootnoteGroup) && !(block is ParagraphBlock next && BoldLine(next) is not null));
            switch (block)
            {
                case HeadingBlock heading:
                    SetSection(TextOf(heading.Inline, Tags), heading.Line);
                    NoteInlineFootnotes(heading.Inline, heading.Line); // in the section the heading opens, as the heading's text is shown
                    break;
                // Only a paragraph of its own: a bold list item or quote is what the list or quote says, not a heading.
                case ParagraphBlock { Parent: MarkdownDocument } paragraph when BoldLine(paragraph) is not null:
                    boldLine = paragraph;
                    break;
                case ParagraphBlock paragraph:
                    Read(paragraph);
                    break;
                case Table table:
                    foreach (var row in table.OfType<TableRow>())
                    {
                        foreach (var cell in row.OfType<TableCell>())
                        {
                            if (!text.IsEmpty)
                                text.Append(TableCellSeparator);
                            foreach (var cellParagraph in cell.OfType<ParagraphBlock>())
                            {
                                NoteInlineFootnotes(cellParagraph.Inline, row.Line);
                                AppendInlines(cellParagraph.Inline, text, Tags);
                            }
                        }
                        Take(row.Line);
                    }
                    break;
                case FencedCodeBlock fenced when obsidian && ObsidianQueryBlocks.Contains(fenced.Info ?? ""):
                    break; // a query a vault's plugins run: a reader sees its results, other notes' text, not the query
                case CodeBlock code:
                    // Code keeps its lines, the first one's indentation too: they are what a reader sees of it, aligned.
                    // A fence with no lines (one being typed, or left empty) has no line array at all.
                    // A block of maths (MathBlock, a fenced code block to Markdig) is code too: TeX as written, not prose.
                    var lines = (code.Lines.Lines ?? []).Take(code.Lines.Count).Select(line => line.Slice.ToString()).SkipWhile(string.IsNullOrWhiteSpace);
                    Add(string.Join('\n', lines).TrimEnd(), [], code is FencedCodeBlock ? code.Line + 1 : code.Line, code: true);
                    break;
                case HtmlBlock html:
                    Add(HtmlText(html), HtmlLinks(html.Lines.ToString()).Distinct().ToArray(), html.Line);
                    break;
                case YamlFrontMatterBlock or LinkReferenceDefinitionGroup:
                    break;
                case ListItemBlock { Parent: ListBlock { IsOrdered: true } list } item when item.FirstOrDefault() is ParagraphBlock:
                    // A numbered item shows its number; a bullet is only a mark.
                    text.Append($"{item.Order}{list.OrderedDelimiter} ");
                    foreach (var child in item)
                        Visit(child);
                    break;
                case QuoteBlock quote when quote.FirstOrDefault() is ParagraphBlock first && CalloutTitle(first) is var (title, links):
                    // The title and the lines after it are two paragraphs.
                    NoteInlineFootnotes(first.Inline, first.Line);
                    Add(title, links, first.Line);
                    AppendInlines(first.Inline!.SkipWhile(inline => inline is not LineBreakInline).Skip(1), text, Tags);
                    Take(first.Line + 1, first.Inline);
                    foreach (var child in quote.Skip(1))
                        Visit(child);
                    break;
                case ContainerBlock container: // list items, block quotes, footnotes
                    foreach (var child in container)
                        Visit(child);
                    break;
            }
        }

        /// <summary>
        /// Reads the bold line held back, if any: as the section of what follows when <paramref name="headsNext"/>, else
        /// (a heading, another bold line or the end follows it) as a paragraph, which would otherwise be lost.
        /// </summary>
        public void EndBoldLine(bool headsNext)
        {
            if (boldLine is not { } paragraph)
                return;
            boldLine = null;
            if (!headsNext)
            {
                Read(paragraph);
                return;
            }
            SetSection(BoldLine(paragraph)!, paragraph.Line);
            NoteInlineFootnotes(paragraph.Inline, paragraph.Line);
        }

        private void Read(ParagraphBlock paragraph)
        {
            NoteInlineFootnotes(paragraph.Inline, paragraph.Line);
            AppendInlines(paragraph.Inline, text, Tags);
            // A copyright notice is a paragraph of its own: in a list, a quote or a footnote, (c) is what the item says.
            Take(paragraph.Line, paragraph.Inline, mayBeNotice: paragraph.Parent is MarkdownDocument);
        }

        /// <summary>
        /// The title of a callout, whose first line is its marker, a fold sign and the title (<c>[!tip]- 标题</c>); null for
        /// a paragraph that is not a callout's. Markdig's alert extension knows GitHub's form only: the marker alone on its line.
        /// </summary>
        private (string Title, IReadOnlyList<string> Links)? CalloutTitle(ParagraphBlock paragraph)
        {
            // The marker as written: not escaped (\[!note]), not inside emphasis or HTML.
            if (paragraph.Inline?.FirstChild is not LiteralInline { IsFirstCharacterEscaped: false } first || !first.Content.AsSpan().StartsWith("["))
                return null;
            var firstLineInlines = paragraph.Inline.TakeWhile(inline => inline is not LineBreakInline).ToList();
            var firstLine = new VisibleText();
            AppendInlines(firstLineInlines, firstLine, Tags);
            var (line, links) = firstLine.Take();
            var marker = CalloutMarker().Match(line);
            if (!marker.Success)
                return null;
            string title = line[marker.Length..];
            return (obsidian && EndsWithBlockId(firstLineInlines) ? WithoutBlockId(title) : title, links);
        }

        /// <summary>
        /// The inline footnotes of the essay, each a block of its own after the rest, as a page shows them at its foot (and
        /// as Markdig puts the footnotes defined apart, <c>[^1]: …</c>), in the section and on the line of the text they annotate.
        /// </summary>
        public void AddInlineFootnotes()
        {
            var noteText = new VisibleText(keepLineBreaks: obsidian);
            foreach (var (note, noteSection, line) in inlineFootnotes)
            {
                AppendInlines(note, noteText, Tags);
                var (visible, links) = noteText.Take();
                if (visible.Length > 0)
                    Blocks.Add(new TextBlock(noteSection, visible, links, line + 1));
            }
        }

        /// <summary>
        /// Notes the inline footnotes in <paramref name="inlines"/>, which start on <paramref name="line"/>, those inside
        /// another too, each on the line it is written on, in the current section.
        /// </summary>
        /// <returns>The line the inlines end on.</returns>
        public int NoteInlineFootnotes(IEnumerable<Inline>? inlines, int line)
        {
            if (!obsidian)
                return line; // other Markdown has none (ObsidianPipeline): no second walk of every paragraph
            foreach (var inline in inlines ?? [])
            {
                if (inline is LineBreakInline)
                    line++;
                else if (inline is InlineFootnote note)
                    inlineFootnotes.Add((note, section, line));
                if (inline is ContainerInline container and not LinkInline { IsImage: true }) // an image's alt text is not shown as text
                    line = NoteInlineFootnotes(container, line);
            }
            return line;
        }

        private void SetSection(string heading, int line)
        {
            section = heading;
            sections.Add((line, heading));
        }

        /// <summary>
        /// Adds the text collected so far as a block that starts on <paramref name="line"/> (Markdig's, from 0), without
        /// the Obsidian block id (<c> ^quote-1</c>) that ends it when the <paramref name="inlines"/> it was read from end
        /// with one: reading view does not show it. Nothing, when <paramref name="mayBeNotice"/> and it is a copyright notice.
        /// </summary>
        private void Take(int line, IEnumerable<Inline>? inlines = null, bool mayBeNotice = false)
        {
            var (taken, links) = text.Take();
            if (obsidian && inlines is not null && taken.Contains('^') && EndsWithBlockId(inlines))
                taken = WithoutBlockId(taken);
            if (!(mayBeNotice && EssayParser.IsCopyrightNotice(taken)))
                Add(taken, links, line);
        }

        private void Add(string visible, IReadOnlyList<string> links, int line, bool code = false)
        {
            if (visible.Length > 0)
                Blocks.Add(new TextBlock(section, visible, links, line + 1, code));
        }
    }

    private static string WithoutBlockId(string text) => BlockId().Replace(text, "").TrimEnd();

    /// <summary>
    /// Whether the inlines end with an Obsidian block id as written, after a space or a line break (not in code, a link or
    /// emphasis). The plain text at the end may come as several literals (Markdig splits text where markup may start),
    /// so it is joined first.
    /// </summary>
    private static bool EndsWithBlockId(IEnumerable<Inline>? inlines)
    {
        var all = inlines?.ToList() ?? [];
        int first = all.Count;
        while (first > 0 && all[first - 1] is LiteralInline)
            first--;
        string plainEnd = string.Concat(all.Skip(first).Select(inline => ((LiteralInline)inline).Content.ToString()));
        var id = BlockId().Match(plainEnd);
        return id.Success && (id.Index > 0 || first == 0 || all[first - 1] is LineBreakInline);
    }

    /// <summary>Code or maths as a reader sees it: in a table cell, <c>\|</c> is a pipe, there too (GFM); Markdig keeps the backslash.</summary>
    private static string AsShown(Inline inline, string content) => InTableCell(inline) ? content.Replace("\\|", "|") : content;

    private static bool InTableCell(Inline inline)
    {
        var outermost = inline.Parent;
        while (outermost?.Parent is not null)
            outermost = outermost.Parent;
        return outermost?.ParentBlock?.Parent is TableCell;
    }

    /// <summary>
    /// Appends the text a reader sees of <paramref name="inlines"/> to <paramref name="text"/>, and Obsidian's tags in it
    /// (<c>#读书</c>, <c>#ai/agents</c>: after a space or at the start, letters, digits, <c>_ - /</c>, not only digits) to
    /// <paramref name="tags"/>, when given. Code is never a tag. Inside a link (<paramref name="inLink"/>), an address
    /// in its text is not a target: the link's is.
    /// </summary>
    private static void AppendInlines(IEnumerable<Inline>? inlines, VisibleText text, List<string>? tags = null, bool inLink = false)
    {
        if (inlines is null)
            return;
        foreach (var inline in inlines)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    if (tags is not null && literal.Content.IndexOf('#') >= 0)
                        AddTags(literal.Content.ToString(), text.AtWordStart && !literal.IsFirstCharacterEscaped, tags);
                    text.Append(literal.Content.AsSpan());
                    // Markdig links a bare address only after a space or ASCII punctuation: not the one Chinese writes
                    // straight after a word or a full-width mark (原文见https://…, （https://…）).
                    if (!inLink && literal.Content.AsSpan().Contains("://", StringComparison.Ordinal))
                    {
                        foreach (Match address in BareAddress().Matches(literal.Content.ToString()))
                            text.AddLink(WithoutSentenceMarks(address.Value));
                    }
                    break;
                case CodeInline code:
                    text.Append(AsShown(code, code.Content));
                    break;
                case MathInline math:
                    text.Append(AsShown(math, math.Content.ToString()));
                    break;
                case LineBreakInline:
                    text.LineBreak();
                    break;
                case LinkInline { IsImage: true }:
                    text.Hidden(); // an image's alt text is not prose
                    break;
                case InlineFootnote:
                    text.Hidden(); // a paragraph of its own
                    break;
                case LinkInline link:
                    text.AddLink(link.IsAutoLink ? WithoutSentenceMarks(CutAtWidePunctuation(link.Url)) : link.Url);
                    // A link's text is not a tag; a bare address Markdig ran on into the sentence has more addresses in its
                    // text (…/e1——完。也见https://…), another link's text is no target.
                    AppendInlines(link, text, inLink: !link.IsAutoLink);
                    break;
                case AutolinkInline autolink:
                    text.Append(autolink.Url);
                    text.AddLink(autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url);
                    break;
                case HtmlInline html when LineBreakTag().IsMatch(html.Tag):
                    text.LineBreak();
                    break;
                case HtmlInline html:
                    foreach (var target in HtmlLinks(html.Tag))
                        text.AddLink(target);
                    text.Hidden();
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.AsSpan());
                    break;
                case WikiLinkInline { IsEmbed: false } wiki:
                    text.Append(wiki.Shown);
                    text.AddLink(wiki.Note);
                    break;
                case DelimiterInline unmatched: // a [ that no ] closed: Markdig leaves it a delimiter, the page shows it
                    text.Append(unmatched.ToLiteral());
                    AppendInlines(unmatched, text, tags, inLink);
                    break;
                case ContainerInline container: // emphasis, strikethrough and the like: their text without the markers
                    AppendInlines(container, text, tags, inLink);
                    break;
                default: // footnote references (the footnotes are paragraphs of their own), task-list boxes and embeds
                    text.Hidden();
                    break;
            }
        }
    }

    private static void AddTags(string literal, bool atWordStart, List<string> tags)
    {
        foreach (Match tag in InlineTag().Matches(literal))
        {
            string name = tag.Groups["name"].Value;
            if ((tag.Index > 0 || atWordStart) && name.Any(char.IsLetter) && !tags.Contains(name, StringComparer.OrdinalIgnoreCase))
                tags.Add(name);
        }
    }

    /// <summary>
    /// A bare URL runs, for Markdig, up to the next white space, which in Chinese text is often after the sentence
    /// that follows it: the link target ends at the first full-width punctuation mark, or the first quotation mark,
    /// dash or ellipsis (“ ” … —, which an address writes percent-encoded). The text keeps all of it.
    /// </summary>
    private static string CutAtWidePunctuation(string? url) =>
        url is null ? "" : WidePunctuation().Match(url) is { Success: true } mark ? url[..mark.Index] : url;

    // General punctuation (quotation marks, dashes, the ellipsis), CJK punctuation, full-width forms.
    private const string WideMarks = @"\u2010-\u206F\u3000-\u303F\uFF00-\uFFEF";

    [GeneratedRegex("[" + WideMarks + "]")]
    private static partial Regex WidePunctuation();

    /// <summary>An address without the marks a sentence puts after it, as GFM's autolinks end: a stop, a comma …, and a closing parenthesis it does not open.</summary>
    private static string WithoutSentenceMarks(string url)
    {
        int unopened = url.Count(c => c == ')') - url.Count(c => c == '(');
        int end = url.Length;
        for (; end > 0; end--)
        {
            if (url[end - 1] == ')' && unopened > 0)
                unopened--;
            else if (!".,;:!?'".Contains(url[end - 1]))
                break;
        }
        return url[..end];
    }

    // An address in text, after anything but a letter or digit (Markdig links one only after a space or ASCII
    // punctuation), to the punctuation CutAtWidePunctuation cuts at.
    [GeneratedRegex(@"(?<![A-Za-z0-9+.\-])https?://[^\s<>""" + WideMarks + "]+")]
    private static partial Regex BareAddress();

    /// <summary>A paragraph that is one short bold line and nothing else (an inline footnote aside): its text, else null.</summary>
    private static string? BoldLine(ParagraphBlock paragraph)
    {
        var parts = paragraph.Inline?.Where(i => i is not InlineFootnote && (i is not LiteralInline l || !l.Content.IsEmptyOrWhitespace())).ToList();
        if (parts is not [EmphasisInline { DelimiterCount: 2, DelimiterChar: '*' or '_' } bold]
            || bold.Descendants<LineBreakInline>().Any())
            return null;
        string text = TextOf(bold);
        return text.Length is > 0 and <= LongestBoldHeading && !SentenceEnd().IsMatch(text) ? text : null;
    }

    /// <summary>
    /// The text of an HTML block without its tags and comments (the text on a comment's line after it stays); nothing for
    /// scripts and styles. A line break or the edge of a block element (a paragraph, a list item, a cell) parts the text
    /// as a line break does, so that <c>one&lt;br&gt;two</c> and two cells are not read as one word.
    /// </summary>
    private static string HtmlText(HtmlBlock html)
    {
        string source = html.Lines.ToString();
        if (html.Type == HtmlBlockType.ScriptPreOrStyle && !source.TrimStart().StartsWith("<pre", StringComparison.OrdinalIgnoreCase))
            return "";
        // Comments first (one may hold a '>'), then tags, then lines: a tag may run over several lines.
        source = HtmlComment().Replace(source, "");
        source = HtmlBreakingTag().Replace(source, "\n");
        return VisibleText.JoinLines(WebUtility.HtmlDecode(HtmlTag().Replace(source, "")).Split('\n'));
    }

    /// <summary>The targets of the HTML links (<c>&lt;a href&gt;</c>) in <paramref name="html"/>, decoded, in order.</summary>
    private static IEnumerable<string> HtmlLinks(string html) =>
        HtmlLinkTarget().Matches(html).Select(match => WebUtility.HtmlDecode(match.Groups["target"].Value).Trim()).Where(target => target.Length > 0);

    [GeneratedRegex(@"<a\s[^>]*?(?<=\s)href\s*=\s*(?:""(?<target>[^""]*)""|'(?<target>[^']*)'|(?<target>[^\s""'>]+))", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlLinkTarget();

    [GeneratedRegex(@"(?:^|(?<=\s))#(?<name>[\p{L}\p{M}\p{N}_/-]+)")]
    private static partial Regex InlineTag();

    [GeneratedRegex(@"(?<!\S)\^[A-Za-z0-9-]+$")]
    private static partial Regex BlockId();

    // The type may be words (Obsidian's [!Theorem Poincare Lemma]) and carry metadata ([!note|wide]).
    [GeneratedRegex(@"^\[![^\]]+\][+-]?\s*")]
    private static partial Regex CalloutMarker();

    [GeneratedRegex(@"^<br\s*/?>$", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreakTag();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex HtmlTag();

    // Unclosed, it runs to the end of the block, as a browser hides it.
    [GeneratedRegex(@"<!--.*?(?:-->|$)", RegexOptions.Singleline)]
    private static partial Regex HtmlComment();

    [GeneratedRegex(@"<(?:br|/?(?:p|div|li|ul|ol|dl|dt|dd|tr|td|th|table|thead|tbody|tfoot|h[1-6]|blockquote|section|article|header|footer|figure|figcaption|details|summary|hr|pre))\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlBreakingTag();

    // A sentence ends at its mark, or after the quotes and brackets that close around it (“……。”).
    [GeneratedRegex(@"[。！？；：.!?;:…][”’」』）)\]】》\""']*$")]
    private static partial Regex SentenceEnd();
}

/// <summary>What <see cref="MarkdownBody.Read"/> finds in a document's blocks.</summary>
/// <param name="Blocks">The searchable blocks, in document order.</param>
/// <param name="Tags">Obsidian's tags written in the text (<c>#读书</c>), each once, without the <c>#</c>.</param>
internal sealed record MarkdownContent(IReadOnlyList<TextBlock> Blocks, IReadOnlyList<string> Tags);
