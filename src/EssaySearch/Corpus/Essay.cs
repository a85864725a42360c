namespace EssaySearch.Corpus;

/// <summary>One essay read from a file: its metadata and its body paragraphs in order.</summary>
/// <param name="Id">The file's path relative to the seeds folder, without extension, with <c>/</c> between folders; unique within a corpus.</param>
/// <param name="Title">From the front matter, else a <c># </c> heading that opens the note (after its front matter, if any), else the file name, as Obsidian names a note.</param>
/// <param name="Aliases">Other names of the essay (the front matter's <c>aliases</c>, as Obsidian keeps them): searched as its title, not shown.</param>
/// <param name="Author">The author(s), comma-separated; empty when the file names none.</param>
/// <param name="Published">ISO 8601 date (or month, or date and time) of publication, or the text written where it is not a date; empty when unknown.</param>
/// <param name="SourceUrl">Where the essay was published; empty when unknown.</param>
/// <param name="Tags">The front matter's <c>tags</c>, in order, then the tags written in the text (<c>#读书</c>), each once.</param>
/// <param name="Paragraphs">Body paragraphs, numbered from 1.</param>
internal sealed record Essay(
    string Id,
    string Title,
    IReadOnlyList<string> Aliases,
    string Author,
    string Published,
    string SourceUrl,
    IReadOnlyList<string> Tags,
    IReadOnlyList<Paragraph> Paragraphs)
{
    /// <summary>
    /// What was wrong with the file though nothing of it was lost, in one line naming the file and line: front matter that
    /// is not valid YAML, read line by line, or never closed, read as text. Null when nothing was.
    /// </summary>
    public string? Warning { get; init; }
}

/// <summary>A searchable block of an essay as a reader sees it: a paragraph, a table row, a code block or a footnote.</summary>
/// <param name="Number">Position within its essay, from 1.</param>
/// <param name="Section">The heading the paragraph stands under; empty before the first heading.</param>
/// <param name="Text">The visible text, without Markdown markup; a note's lines kept apart (\n), a <c>.txt</c> file's hard-wrapped lines joined as a reader sees them.</param>
/// <param name="Links">The targets of the paragraph's links, as written; not part of <paramref name="Text"/>.</param>
/// <param name="Line">The line of its file where it starts, from 1.</param>
/// <param name="Code">Whether it is a code block (or a block of maths, TeX as written): not prose.</param>
internal sealed record Paragraph(int Number, string Section, string Text, IReadOnlyList<string> Links, int Line, bool Code);

/// <summary>A block of text read from a file: a paragraph before it is numbered.</summary>
/// <param name="Section">The heading it stands under; empty before the first.</param>
/// <param name="Text">What a reader sees of it.</param>
/// <param name="Links">The targets of its links.</param>
/// <param name="Line">The line of its file where it starts, from 1.</param>
/// <param name="Code">Whether it is a code block (or a block of maths).</param>
internal sealed record TextBlock(string Section, string Text, IReadOnlyList<string> Links, int Line, bool Code = false);
