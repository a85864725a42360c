using System.Buffers;

namespace EssaySearch.Analysis;

/// <summary>
/// Text with the full-width, small and vertical forms of the comma, semicolon, colon and full stop, and the middle dots,
/// read as spaces. Unicode's word rules (UAX #29, which <c>StandardTokenizer</c> follows) let these join what stands on
/// either side when it is letters or digits, as the ASCII marks keep 1,000 and 3.14 whole: <c>0x55，0xff</c> was one
/// token and <c>CEO：Sam</c> another, so neither 0x55 nor Sam could be found. In Chinese text they part words (the one
/// loss: a Catalan word written with a middle dot, col·lecció, is parted too). One character for one, so offsets are the text's.
/// It also records, as it reads, where the text has a character that parts phrases (<see cref="Parts"/>).
/// </summary>
internal sealed class WideSeparatorReader(TextReader inner) : TextReader
{
    private static readonly SearchValues<char> Wide = SearchValues.Create(
        "\uFF0C\uFF1B\uFF1A\uFF0E\u00B7\u2027\uFE10\uFE11\uFE12\uFE13\uFE14\uFE15\uFE16\uFE19\uFE50\uFE51\uFE52\uFE54\uFE55\uFE56\uFE57");

    /// <summary>
    /// Marks that join what stands on either side as one name or term rather than part it (GPT-4, TCP/IP, 沃伦·巴菲特, R&amp;D):
    /// hyphens and the dashes short as one, the slash, the middle dots and the connectors.
    /// </summary>
    private const string Joining = "-\u2010\u2011\u2012\u2013/\u00B7\u2027\u30FB\uFF65_\u203F\u2040\u2054\uFE33\uFE34\uFE4D\uFE4E\uFE4F\uFF3F&\uFF06";

    /// <summary>Characters that part phrases: punctuation but the joining marks, line breaks, and the bar of a table's cells.</summary>
    private static readonly SearchValues<char> Parting = SearchValues.Create(Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c)
        .Where(c => char.IsPunctuation(c) && !Joining.Contains(c) || c is '\n' or '\r' or '\u2028' or '\u2029' or '|' or '\uFF5C').ToArray());

    private readonly List<int> parting = []; // the text's offsets of the parting characters read so far, in order
    private int offset; // characters read so far: this reader comes first, so these are the text's offsets

    /// <summary>Whether the text from <paramref name="start"/> to <paramref name="end"/> (offsets into the text, read already) has a character that parts phrases.</summary>
    public bool Parts(int start, int end)
    {
        int at = parting.BinarySearch(start);
        if (at < 0)
            at = ~at;
        return at < parting.Count && parting[at] < end;
    }

    public override int Read(char[] buffer, int index, int count)
    {
        int read = inner.Read(buffer, index, count);
        if (read > 0)
            Take(buffer.AsSpan(index, read));
        return read;
    }

    public override int Read(Span<char> buffer)
    {
        int read = inner.Read(buffer);
        if (read > 0)
            Take(buffer[..read]);
        return read;
    }

    public override int Read()
    {
        int c = inner.Read();
        if (c < 0)
            return c;
        Span<char> one = [(char)c];
        Take(one);
        return one[0];
    }

    public override int Peek() => Map(inner.Peek());

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }

    private static int Map(int c) => c >= 0 && Wide.Contains((char)c) ? ' ' : c;

    /// <summary>Records the parting characters of <paramref name="text"/>, just read, and reads its wide separators as spaces.</summary>
    private void Take(Span<char> text)
    {
        for (int from = 0, at; (at = text[from..].IndexOfAny(Parting)) >= 0; from += at + 1)
            parting.Add(offset + from + at);
        offset += text.Length;
        for (int at = text.IndexOfAny(Wide); at >= 0; at = text.IndexOfAny(Wide))
        {
            text[at] = ' ';
            text = text[(at + 1)..];
        }
    }
}
