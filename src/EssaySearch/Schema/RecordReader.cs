using Lucene.Net.Codecs;
using Lucene.Net.Codecs.Compressing;
using Lucene.Net.Codecs.Lucene41;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace EssaySearch.Schema;

/// <summary>
/// Reads paragraph records (<see cref="ParagraphRecord"/>) from an open index, the stored blocks of each segment
/// decoded by <see cref="MappedLz4"/> rather than by Lucene.Net's LZ4, which reads the block a byte at a time through
/// a virtual call: decoding was most of reading a record, and reading records most of a strict query (README, "Speed").
/// The files are read as Lucene writes them; a segment in a compound file, or of another stored-fields format, is read
/// through Lucene. Safe to use from many threads: each thread reads through clones of its own.
/// </summary>
internal sealed class RecordReader : IDisposable
{
    private readonly IndexReader reader;
    private readonly IList<AtomicReaderContext> leaves;
    private readonly StoredFieldsReader?[] segments; // null: read through Lucene
    private readonly ThreadLocal<StoredFieldsReader?[]> clones;

    public RecordReader(IndexReader reader)
    {
        this.reader = reader;
        leaves = reader.Leaves;
        segments = leaves.Select(leaf => Open(leaf.AtomicReader)).ToArray();
        clones = new(() => segments.Select(segment => (StoredFieldsReader?)segment?.Clone()).ToArray());
    }

    private static StoredFieldsReader? Open(AtomicReader leaf)
    {
        if (leaf is not SegmentReader { SegmentInfo.Info: var info } segment || info.UseCompoundFile
            || info.Codec.StoredFieldsFormat is not Lucene41StoredFieldsFormat)
            return null;
        // Lucene41StoredFieldsFormat is this format, name and suffix, with Lucene's own LZ4 for a decoder.
        return new CompressingStoredFieldsReader(info.Dir, info, "", segment.FieldInfos, IOContext.READ, "Lucene41StoredFields", MappedLz4.Mode);
    }

    /// <summary>The record of document <paramref name="doc"/>.</summary>
    public ParagraphRecord Read(int doc)
    {
        int leaf = ReaderUtil.SubIndex(doc, leaves);
        if (clones.Value![leaf] is not { } segment)
            return ParagraphRecord.Read(reader, doc);
        var visitor = new RecordVisitor();
        segment.VisitDocument(doc - leaves[leaf].DocBase, visitor);
        var record = visitor.Record ?? throw new CorruptIndexException($"document {doc} has no record");
        return ParagraphRecord.Decode(record, 0, record.Length);
    }

    public void Dispose()
    {
        foreach (var segment in segments)
            segment?.Dispose();
        clones.Dispose();
    }

    private sealed class RecordVisitor : StoredFieldVisitor
    {
        public byte[]? Record { get; private set; }

        public override Status NeedsField(FieldInfo fieldInfo) =>
            Record is not null ? Status.STOP : fieldInfo.Name == ParagraphFields.Record ? Status.YES : Status.NO;

        public override void BinaryField(FieldInfo fieldInfo, byte[] value) => Record = value;
    }
}

/// <summary>
/// Lucene's LZ4 block decoding (<see cref="CompressionMode.FAST"/>, the format Lucene writes stored fields in), reading
/// the compressed bytes in place from a memory map (<see cref="MappedDirectory"/>) and copying literals and matches as
/// spans; other inputs are decoded by Lucene's <see cref="LZ4"/>. Every read and write is bounds-checked, so a damaged
/// block fails as a read does (<see cref="IndexFolder.IsReadFault"/>).
/// </summary>
internal sealed class MappedLz4 : CompressionMode
{
    public static MappedLz4 Mode { get; } = new();

    private const int MinMatch = 4;

    // Bytes copied at once (MappedLz4.Decoder.Decode).
    private const int Chunk = 16;

    public override Compressor NewCompressor() => FAST.NewCompressor();

    public override Decompressor NewDecompressor() => new Decoder();

    private sealed class Decoder : Decompressor
    {
        public override void Decompress(DataInput input, int originalLength, int offset, int length, BytesRef bytes)
        {
            // Room for the whole block and a chunk more, which either decoder may write past the end of a sequence.
            if (bytes.Bytes.Length < originalLength + Chunk)
                bytes.Bytes = new byte[ArrayUtil.Oversize(originalLength + Chunk, 1)];
            int decoded;
            if (input is MappedDirectory.MappedInput mapped)
            {
                decoded = Decode(mapped.Unread, offset + length, bytes.Bytes, out int read);
                mapped.SkipBytes(read);
            }
            else
            {
                decoded = LZ4.Decompress(input, offset + length, bytes.Bytes, 0);
            }
            if (decoded > originalLength)
                throw new CorruptIndexException($"a stored block decodes to {decoded} bytes, more than its {originalLength} (resource={input})");
            bytes.Offset = offset;
            bytes.Length = length;
        }

        /// <summary>
        /// Decodes sequences of <paramref name="source"/> into <paramref name="target"/> until at least <paramref name="wanted"/> bytes are out.
        /// Most literals and matches are a few bytes long: each is copied as whole chunks of <see cref="Chunk"/> bytes
        /// (a fixed-size copy the JIT makes one vector move), which may write past its end into bytes the next sequence
        /// overwrites, or past the block's end into the room kept for it; a call to copy each exact length cost more
        /// than the decoding around it.
        /// </summary>
        private static int Decode(ReadOnlySpan<byte> source, int wanted, Span<byte> target, out int read)
        {
            int s = 0, t = 0;
            do
            {
                int token = source[s++];
                int literals = token >>> 4;
                if (literals == 0xF)
                    literals += Length(source, ref s);
                if (literals <= Chunk && s + Chunk <= source.Length && t + Chunk <= target.Length)
                    source.Slice(s, Chunk).CopyTo(target.Slice(t, Chunk));
                else
                    source.Slice(s, literals).CopyTo(target[t..]);
                s += literals;
                t += literals;
                if (t >= wanted)
                    break;
                int distance = source[s] | source[s + 1] << 8;
                s += 2;
                int match = token & 0xF;
                if (match == 0xF)
                    match += Length(source, ref s);
                match += MinMatch;
                if (distance == 0 || distance > t)
                    throw new CorruptIndexException($"a stored block refers {distance} bytes back from byte {t}");
                var to = target.Slice(t, match);
                if (distance >= Chunk && t + match + Chunk <= target.Length)
                {
                    // Each chunk is read before it is written, a chunk or more behind: none reads bytes this match writes.
                    for (int i = 0; i < match; i += Chunk)
                        target.Slice(t - distance + i, Chunk).CopyTo(target.Slice(t + i, Chunk));
                }
                else if (distance >= match)
                {
                    target.Slice(t - distance, match).CopyTo(to);
                }
                else
                {
                    for (int i = 0; i < match; i++) // overlapping: the bytes repeat with the period of the distance
                        to[i] = target[t - distance + i];
                }
                t += match;
            }
            while (t < wanted);
            read = s;
            return t;
        }

        private static int Length(ReadOnlySpan<byte> source, ref int s)
        {
            int length = 0;
            byte next;
            do
                length += next = source[s++];
            while (next == 0xFF);
            return length;
        }

        public override object Clone() => this;
    }
}
