using System.Buffers;

namespace EssaySearch.Analysis;

/// <summary>
/// Text with the full-width, small and vertical forms of the comma, semicolon, colon and full stop, and the middle dots,
/// read as spaces. Unicode's word rules (UAX #29, which <c>StandardTokenizer</c> follows) let these join what stands on
/// either side when it is letters or digits, as the ASCII marks keep 1,000 and 3.14 whole: <c>0x55，0xff</c> was one
/// token and <c>CEO：Sam</c> another, so neither 0x55 nor Sam could be found. In Chinese text they part words (the one
/// loss: a Catalan word written with a middle dot, col·lecció, is parted too). One character for one, so offsets are the text's.
/// </summary>
internal sealed class WideSeparatorReader(TextReader inner) : TextReader
{
    private static readonly SearchValues<char> Separators = SearchValues.Create(
        "\uFF0C\uFF1B\uFF1A\uFF0E\u00B7\u2027\uFE10\uFE11\uFE12\uFE13\uFE14\uFE15\uFE16\uFE19\uFE50\uFE51\uFE52\uFE54\uFE55\uFE56\uFE57");

    public override int Read(char[] buffer, int index, int count)
    {
        int read = inner.Read(buffer, index, count);
        if (read > 0)
            Replace(buffer.AsSpan(index, read));
        return read;
    }

    public override int Read(Span<char> buffer)
    {
        int read = inner.Read(buffer);
        if (read > 0)
            Replace(buffer[..read]);
        return read;
    }

    public override int Read() => Map(inner.Read());

    public override int Peek() => Map(inner.Peek());

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }

    private static int Map(int c) => c >= 0 && Separators.Contains((char)c) ? ' ' : c;

    private static void Replace(Span<char> text)
    {
        for (int at = text.IndexOfAny(Separators); at >= 0; at = text.IndexOfAny(Separators))
        {
            text[at] = ' ';
            text = text[(at + 1)..];
        }
    }
}
