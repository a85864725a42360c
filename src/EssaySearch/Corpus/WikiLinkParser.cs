using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Syntax.Inlines;

namespace EssaySearch.Corpus;

/// <summary>An Obsidian-style wiki link, <c>[[target|label]]</c>, or embed, <c>![[target]]</c>.</summary>
internal sealed class WikiLinkInline(string target, string? label, bool isEmbed) : LeafInline
{
    public bool IsEmbed { get; } = isEmbed;

    /// <summary>The note linked to: the target without a heading or block it points into (<c>超级智能#定义</c>); empty for a link within the same note.</summary>
    public string Note { get; } = target[..(target.IndexOf('#') is var hash and >= 0 ? hash : target.Length)].Trim();

    /// <summary>
    /// What the page shows: the label, else the target, as Obsidian shows one that points into a note
    /// (<c>超级智能#定义</c> as <c>超级智能 > 定义</c>; one within the same note as written).
    /// </summary>
    public string Shown => label ?? (Note.Length > 0 ? string.Join(" > ", target.Split('#', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) : target);
}

/// <summary>
/// Parses wiki links, which Markdig does not know: without it, <c>[[target|label]]</c> would stay on the page as
/// brackets, target and pipe. Runs before Markdig's own link parser, and leaves anything else to it.
/// </summary>
internal sealed class WikiLinkParser : InlineParser
{
    public WikiLinkParser() => OpeningCharacters = ['[', '!'];

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        string text = slice.Text;
        int start = slice.Start;
        bool embed = text[start] == '!';
        int open = embed ? start + 1 : start;
        if (open + 1 > slice.End || text[open] != '[' || text[open + 1] != '[')
            return false;
        int close = text.IndexOf("]]", open + 2, slice.End - open - 1, StringComparison.Ordinal);
        if (close <= open + 2)
            return false;
        var content = text.AsSpan(open + 2, close - open - 2);
        if (content.IndexOfAny('[', '\n', '\r') >= 0)
            return false;
        int pipe = content.IndexOf('|');
        // In a table the pipe is written \| ([[目标\|别名]]), and the backslash is not the target's.
        string target = (pipe < 0 ? content : content[..pipe].TrimEnd('\\')).Trim().ToString();
        string? label = pipe < 0 ? null : content[(pipe + 1)..].Trim().ToString();
        processor.Inline = new WikiLinkInline(target, string.IsNullOrEmpty(label) ? null : label, embed);
        slice.Start = close + 2;
        return true;
    }
}
