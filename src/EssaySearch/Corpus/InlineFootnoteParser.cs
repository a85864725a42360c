using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace EssaySearch.Corpus;

/// <summary>
/// An inline footnote, <c>^[这是脚注]</c> (Obsidian's and Pandoc's): its text, parsed as the inlines of its paragraph. Its
/// span, in a pipeline with precise source locations, runs from its <c>^</c> to its <c>]</c>.
/// </summary>
internal sealed class InlineFootnote : ContainerInline;

/// <summary>
/// Parses inline footnotes, which Markdig's footnotes extension does not know: without it, <c>^[…]</c> would stay in
/// the text as caret, brackets and all. It opens a delimiter as Markdig's link parser does for <c>[</c>, so that what
/// follows is parsed as inlines and a <c>]</c> in code, an autolink, HTML or a link's destination does not close it;
/// the <c>]</c> that closes it is the one that would close a link opened there. A <c>^[</c> never closed, and one
/// with nothing but white space before its <c>]</c> (<c>^[ ]</c>), is text.
/// </summary>
internal sealed class InlineFootnoteParser : InlineParser
{
    public InlineFootnoteParser() => OpeningCharacters = ['^', ']'];

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        if (slice.CurrentChar == '^')
        {
            if (slice.PeekChar() != '[' || IsBlank(slice.Text.AsSpan(slice.Start + 2, slice.End - slice.Start - 1)))
                return false;
            int at = processor.GetSourcePosition(slice.Start);
            processor.Inline = new OpeningDelimiter(this) { Type = DelimiterType.Open, Span = new SourceSpan(at, at + 1) };
            slice.Start += 2;
            return true;
        }
        // A ] closes the innermost bracket still open; when that is a link's, the link parser takes it.
        var open = processor.Inline;
        while (open is not null and not (OpeningDelimiter or LinkDelimiterInline))
            open = open.Parent;
        if (open is not OpeningDelimiter opening)
            return false;
        var footnote = new InlineFootnote { Span = new SourceSpan(opening.Span.Start, processor.GetSourcePosition(slice.Start)) };
        opening.ReplaceBy(footnote);
        processor.PostProcessInlines(0, footnote, null, false); // its emphasis pairs inside it
        footnote.IsClosed = true;
        processor.Inline = footnote;
        slice.SkipChar();
        return true;
    }

    /// <summary>Whether the text after a <c>^[</c> is white space up to a <c>]</c>: then the <c>^</c> is text, the brackets a link's.</summary>
    private static bool IsBlank(ReadOnlySpan<char> rest) => rest.TrimStart() is [']', ..];

    /// <summary>An open <c>^[</c>: the inlines after it are its children until its <c>]</c>.</summary>
    private sealed class OpeningDelimiter(InlineParser parser) : DelimiterInline(parser)
    {
        public override string ToLiteral() => "^[";
    }
}
