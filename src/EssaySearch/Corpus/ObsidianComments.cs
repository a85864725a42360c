using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace EssaySearch.Corpus;

/// <summary>
/// Obsidian's comments (<c>%%…%%</c>, inside a line or over several paragraphs), which a reader never sees, cut from a
/// Markdown source before it is parsed; their line breaks stay, so that what follows keeps its line number. A comment
/// opens at a <c>%%</c> outside code and HTML, and closes at the next <c>%%</c> outside a code or HTML block: inline
/// code that seems to run past that <c>%%</c> may be a backtick inside the comment. A <c>%%</c> without a partner is
/// text (Obsidian would hide the rest of the note, which a stray <c>%%</c> in prose should not do to a search).
/// </summary>
internal static class ObsidianComments
{
    private const string Marker = "%%";

    // Reading the rest again after a comment that held a backtick (which may have paired with one after it) is bounded,
    // so that a note of thousands of such comments is not parsed thousands of times; past it, the first reading stands.
    private const int MostRereadings = 8;

    /// <summary><paramref name="markdown"/> without its comments.</summary>
    public static string Cut(string markdown)
    {
        if (!markdown.Contains(Marker, StringComparison.Ordinal))
            return markdown;
        string source = markdown;
        var (blocks, inlines) = Protected(source);
        var kept = new StringBuilder(source.Length);
        int keptFrom = 0, searchFrom = 0, rereadings = 0;
        while (Next(source, searchFrom, blocks, inlines) is var open && open >= 0)
        {
            int close = Next(source, open + Marker.Length, blocks, []);
            if (close < 0)
                break;
            var comment = source.AsSpan(open, close - open);
            kept.Append(source, keptFrom, open - keptFrom).Append('\n', comment.Count('\n'));
            keptFrom = searchFrom = close + Marker.Length;
            if (comment.Contains('`') && rereadings++ < MostRereadings)
            {
                // What is kept so far and the rest, read again as one source; the search goes on where it was.
                searchFrom = kept.Length;
                source = kept.Append(source, keptFrom, source.Length - keptFrom).ToString();
                kept.Clear();
                keptFrom = 0;
                (blocks, inlines) = Protected(source);
            }
        }
        return kept.Append(source, keptFrom, source.Length - keptFrom).ToString();
    }

    /// <summary>The first marker at or after <paramref name="from"/> inside none of the ranges.</summary>
    private static int Next(string source, int from, Range[] blocks, Range[] inlines)
    {
        for (int at = source.IndexOf(Marker, from, StringComparison.Ordinal); at >= 0; at = source.IndexOf(Marker, at + 1, StringComparison.Ordinal))
        {
            if (!Inside(blocks, at) && !Inside(inlines, at))
                return at;
        }
        return -1;
    }

    /// <summary>Whether <paramref name="at"/> is inside one of <paramref name="ranges"/> (sorted, not overlapping).</summary>
    private static bool Inside(Range[] ranges, int at)
    {
        int low = 0, high = ranges.Length - 1;
        while (low <= high)
        {
            int middle = (low + high) / 2;
            if (ranges[middle].End.Value <= at)
                low = middle + 1;
            else if (ranges[middle].Start.Value > at)
                high = middle - 1;
            else
                return true;
        }
        return false;
    }

    /// <summary>Where a marker is not one: code and HTML blocks, and inline code and HTML, each sorted.</summary>
    private static (Range[] Blocks, Range[] Inlines) Protected(string source)
    {
        var blocks = new List<Range>();
        var inlines = new List<Range>();
        foreach (var node in Markdown.Parse(source, MarkdownBody.PrecisePipeline).Descendants())
        {
            switch (node)
            {
                case CodeBlock or HtmlBlock:
                    // A fence that is never closed may end its span early: its lines tell where it really ends.
                    var block = (LeafBlock)node;
                    int end = block.Span.End;
                    if (block.Lines.Count > 0)
                        end = Math.Max(end, block.Lines.Lines[block.Lines.Count - 1].Slice.End);
                    blocks.Add(block.Span.Start..(end + 1));
                    break;
                case CodeInline or HtmlInline when !node.Span.IsEmpty:
                    inlines.Add(node.Span.Start..(node.Span.End + 1));
                    break;
            }
        }
        return (Sorted(blocks), Sorted(inlines));
    }

    private static Range[] Sorted(List<Range> ranges) => ranges.OrderBy(range => range.Start.Value).ToArray();
}
