namespace EssaySearch.Corpus;

/// <summary>One essay read from a file: its metadata and its body paragraphs in order.</summary>
/// <param name="Id">The file name without its extension; unique within a folder.</param>
/// <param name="Title">From the front matter, the <c># </c> title line, the first heading, or else the file name.</param>
/// <param name="Author">The author(s), comma-separated; empty when the file names none.</param>
/// <param name="Published">ISO 8601 date (or date and time) of publication; empty when unknown.</param>
/// <param name="SourceUrl">Where the essay was published; empty when unknown.</param>
/// <param name="Paragraphs">Body paragraphs, numbered from 1.</param>
public sealed record Essay(
    string Id,
    string Title,
    string Author,
    string Published,
    string SourceUrl,
    IReadOnlyList<Paragraph> Paragraphs);

/// <summary>A paragraph of body prose.</summary>
/// <param name="Number">Position within its essay, from 1.</param>
/// <param name="Section">The heading the paragraph stands under; empty before the first heading.</param>
/// <param name="Text">The paragraph text, trimmed of surrounding white space.</param>
public sealed record Paragraph(int Number, string Section, string Text);
