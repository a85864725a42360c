using System.Text;
using EssaySearch.Highlighting;
using EssaySearch.Searching;

namespace EssaySearch.Cli.Rendering;

/// <summary>
/// Ranked hits for people: a heading line per hit (rank, title, paragraph, section, the file and line it starts on, as an
/// editor opens them, and the score), then its snippet; the matches in the title and the snippet marked in colour when colour is on.
/// </summary>
internal sealed class HumanRenderer(TextWriter output, bool color)
{
    private const string Bold = "\e[1m", Match = "\e[1;31m", Dim = "\e[2m", Reset = "\e[0m";

    public void Write(SearchResults results)
    {
        // One write for all the hits: the console writes through at every call, a system call each.
        var text = new StringBuilder();
        foreach (var hit in results.Hits)
        {
            text.Append(Paint($"{hit.Rank}.", Bold)).Append(' ').Append(Marked(hit.Title, hit.TitleHighlights, Bold));
            if (hit.Paragraph > 0)
                text.Append(" ¶").Append(hit.Paragraph);
            if (hit.Section.Length > 0)
                text.Append(" · ").Append(hit.Section);
            if (hit.File.Length > 0)
                text.Append("  ").Append(Paint($"{hit.File}:{hit.Line}", Dim));
            text.Append(' ').Append(Paint($"({hit.Score:0.00})", Dim)).Append(output.NewLine);
            if (hit.Snippet.Text.Length > 0)
                text.Append("   ").Append(Marked(hit.Snippet.Text, hit.Snippet.Highlights).Replace("\n", output.NewLine + "   ")).Append(output.NewLine); // a code block's lines stay under their hit
            text.Append(output.NewLine);
        }
        output.Write(text.ToString());
    }

    /// <summary><paramref name="text"/> in <paramref name="style"/> (none by default), its <paramref name="highlights"/> in the colour of matches.</summary>
    private string Marked(string text, IReadOnlyList<TextSpan> highlights, string style = "")
    {
        if (!color)
            return text;
        var marked = new StringBuilder(text.Length + highlights.Count * 12).Append(style);
        int at = 0;
        foreach (var span in highlights)
        {
            // A reset ends the match's colour and the style with it: the style is taken up again after each match.
            marked.Append(text, at, span.Start - at).Append(Match).Append(text, span.Start, span.Length).Append(Reset).Append(style);
            at = span.End;
        }
        return marked.Append(text, at, text.Length - at).Append(style.Length > 0 ? Reset : "").ToString();
    }

    private string Paint(string text, string style) => color ? style + text + Reset : text;
}
