using Lucene.Net.Codecs;
using Lucene.Net.Codecs.Lucene42;
using Lucene.Net.Codecs.Lucene46;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util.Packed;

namespace EssaySearch.Indexing;

/// <summary>
/// Lucene's 4.6 codec, except that a segment's diagnostics leave out the time it was written, so that two builds
/// of the same files write the same bytes, and that norms are packed in as few bits as their values need (a field's
/// norms take a handful of values: one byte each, Lucene's default, was 2% of the index). The files are Lucene46's
/// format exactly (the diagnostics are a free map of strings; a norms file records how it is packed), so the codec
/// writes Lucene46's name and any Lucene 4.8 reader opens them with Lucene46Codec.
/// </summary>
[CodecName("Lucene46")]
internal sealed class ReproducibleCodec() : FilterCodec(new Lucene46Codec())
{
    public static ReproducibleCodec Instance { get; } = new();

    public override SegmentInfoFormat SegmentInfoFormat { get; } = new TimelessSegmentInfoFormat(new Lucene46SegmentInfoFormat());

    public override NormsFormat NormsFormat { get; } = new Lucene42NormsFormat(PackedInt32s.COMPACT);

    private sealed class TimelessSegmentInfoFormat(SegmentInfoFormat format) : SegmentInfoFormat
    {
        public override SegmentInfoReader SegmentInfoReader => format.SegmentInfoReader;

        public override SegmentInfoWriter SegmentInfoWriter { get; } = new TimelessSegmentInfoWriter(format.SegmentInfoWriter);
    }

    private sealed class TimelessSegmentInfoWriter(SegmentInfoWriter writer) : SegmentInfoWriter
    {
        // The key IndexWriter stores the wall-clock time under, in every segment it flushes or merges.
        private const string TimestampKey = "timestamp";

        public override void Write(Lucene.Net.Store.Directory dir, SegmentInfo info, FieldInfos fis, IOContext ioContext)
        {
            if (info.Diagnostics.ContainsKey(TimestampKey))
                info.Diagnostics = info.Diagnostics.Where(entry => entry.Key != TimestampKey).ToDictionary();
            writer.Write(dir, info, fis, ioContext);
        }
    }
}
