using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace EssaySearch.Schema;

/// <summary>
/// What the index keeps of a paragraph to show it, as one stored binary field (<see cref="ParagraphFields.Record"/>).
/// One value, not one per field: one field to write and to find when reading. Whether the paragraph is a code block is a
/// byte after the rest, written only when it is: a record of prose is as long as it was before code was told apart.
/// </summary>
internal sealed record ParagraphRecord(string Essay, string Title, string Author, string Published, string Source, string Section, int Paragraph, string Text, int Line, bool Code)
{
    /// <summary>Whether this is the empty paragraph, numbered 0, that stands in for an essay without paragraphs, so that its metadata finds it.</summary>
    public bool StandsIn => Paragraph == 0;

    /// <summary>Writes the record into <paramref name="buffer"/>, replacing what it held.</summary>
    public void WriteTo(MemoryStream buffer)
    {
        buffer.SetLength(0);
        using var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true);
        foreach (var value in new[] { Essay, Title, Author, Published, Source, Section, Text })
            writer.Write(value);
        writer.Write7BitEncodedInt(Paragraph);
        writer.Write7BitEncodedInt(Line);
        if (Code)
            writer.Write(true);
    }

    private static readonly ISet<string> RecordOnly = new HashSet<string> { ParagraphFields.Record };

    /// <summary>Reads document <paramref name="docId"/> of <paramref name="reader"/>.</summary>
    public static ParagraphRecord Read(IndexReader reader, int docId)
    {
        var bytes = reader.Document(docId, RecordOnly).GetBinaryValue(ParagraphFields.Record);
        return Decode(bytes.Bytes, bytes.Offset, bytes.Length);
    }

    /// <summary>The record that <see cref="WriteTo"/> wrote as these bytes.</summary>
    public static ParagraphRecord Decode(byte[] bytes, int offset, int length)
    {
        using var input = new BinaryReader(new MemoryStream(bytes, offset, length, writable: false), Encoding.UTF8);
        string essay = input.ReadString(), title = input.ReadString(), author = input.ReadString(), published = input.ReadString(),
            source = input.ReadString(), section = input.ReadString(), text = input.ReadString();
        int paragraph = input.Read7BitEncodedInt(), line = input.Read7BitEncodedInt();
        bool code = input.BaseStream.Position < input.BaseStream.Length && input.ReadBoolean();
        return new ParagraphRecord(essay, title, author, published, source, section, paragraph, text, line, code);
    }
}
