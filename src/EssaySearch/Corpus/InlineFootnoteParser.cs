using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Syntax.Inlines;

namespace EssaySearch.Corpus;

/// <summary>An inline footnote, <c>^[这是脚注]</c> (Obsidian's and Pandoc's): its Markdown as written.</summary>
internal sealed class InlineFootnote(string markdown) : LeafInline
{
    public string Markdown { get; } = markdown;
}

/// <summary>
/// Parses inline footnotes, which Markdig's footnotes extension does not know: without it, <c>^[…]</c> would stay in
/// the text as caret, brackets and all. The footnote runs to its matching bracket (brackets inside it nest; an escaped
/// one does not count); an unmatched <c>^[</c> is text.
/// </summary>
internal sealed class InlineFootnoteParser : InlineParser
{
    public InlineFootnoteParser() => OpeningCharacters = ['^'];

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        string text = slice.Text;
        int open = slice.Start + 1;
        if (open > slice.End || text[open] != '[')
            return false;
        int depth = 0;
        for (int i = open; i <= slice.End; i++)
        {
            switch (text[i])
            {
                case '\\':
                    i++;
                    break;
                case '[':
                    depth++;
                    break;
                case ']' when --depth == 0:
                    if (i == open + 1)
                        return false; // ^[] is text
                    processor.Inline = new InlineFootnote(text[(open + 1)..i]);
                    slice.Start = i + 1;
                    return true;
            }
        }
        return false;
    }
}
