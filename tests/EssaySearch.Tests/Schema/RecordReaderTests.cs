using System.Text;
using EssaySearch.Schema;
using Lucene.Net.Codecs.Compressing;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace EssaySearch.Tests.Schema;

public sealed class RecordReaderTests(SeedIndex index) : IClassFixture<SeedIndex>, IDisposable
{
    private readonly ScratchFolder scratch = new();

    public void Dispose() => scratch.Dispose();

    /// <summary>
    /// Every record, through memory maps (decoded in place) and through positional reads (decoded by Lucene), reads as
    /// Lucene reads it; on the seeds, and on an index of several segments with deleted paragraphs.
    /// </summary>
    [Theory]
    [InlineData("seeds", true)]
    [InlineData("seeds", false)]
    [InlineData("many seeds, updated", true)]
    public void Every_record_reads_as_lucene_reads_it(string corpus, bool memoryMapped)
    {
        string folder = corpus == "seeds" ? index.IndexFolder : scratch.ManySeedsIndex();
        using var reader = new IndexFolder(folder).OpenReader(memoryMapped: memoryMapped);
        using var records = new RecordReader(reader);
        Assert.True(reader.MaxDoc > 50, $"{reader.MaxDoc} paragraphs");
        var live = Lucene.Net.Index.MultiFields.GetLiveDocs(reader);
        // Backwards and forwards, so that blocks are entered at every record, not only read on from the last.
        foreach (int doc in Enumerable.Range(0, reader.MaxDoc).Reverse().Concat(Enumerable.Range(0, reader.MaxDoc)).Where(doc => live?.Get(doc) ?? true))
            Assert.Equal(ParagraphRecord.Read(reader, doc), records.Read(doc));
    }

    /// <summary>
    /// Blocks compressed by Lucene's LZ4, of text and of bytes chosen for each case of the format (long literals, long
    /// matches, matches that overlap what they copy), decode in place exactly as Lucene's decoder decodes them: the same
    /// bytes for any range asked for, and the input left at the same position.
    /// </summary>
    [Fact]
    public void Blocks_decode_in_place_as_lucene_decodes_them()
    {
        var random = new Random(20261206);
        var blocks = Blocks(random);
        string path = scratch.Sub("blocks");
        var starts = Write(path, blocks);
        using var directory = new MappedDirectory(path);
        using var mapped = directory.OpenInput("blocks", IOContext.READ);
        using var plain = new SimpleFSDirectory(new DirectoryInfo(path)).OpenInput("blocks", IOContext.READ);
        var ours = MappedLz4.Mode.NewDecompressor();
        var lucenes = CompressionMode.FAST.NewDecompressor();
        for (int b = 0; b < blocks.Count; b++)
        {
            int length = blocks[b].Length;
            foreach (var (offset, count) in new[] { (0, length), (0, Math.Min(1, length)), (length / 2, length - length / 2), (length, 0) }
                         .Append(Range(random, length)).Append(Range(random, length)))
            {
                mapped.Seek(starts[b]);
                plain.Seek(starts[b]);
                var expected = new BytesRef();
                var actual = new BytesRef();
                lucenes.Decompress(plain, length, offset, count, expected);
                ours.Decompress(mapped, length, offset, count, actual);
                Assert.Equal(blocks[b].AsSpan(offset, count).ToArray(), expected.Bytes.AsSpan(expected.Offset, expected.Length).ToArray());
                Assert.Equal(blocks[b].AsSpan(offset, count).ToArray(), actual.Bytes.AsSpan(actual.Offset, actual.Length).ToArray());
                Assert.Equal(plain.Position, mapped.Position);
            }
        }
    }

    [Fact]
    public void A_block_cut_short_fails_as_a_read_does()
    {
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("超级智能的成本最终会趋近于电力成本。", 40)) + "尾");
        string path = scratch.Sub("cut");
        var starts = Write(path, [text]);
        long end = new FileInfo(Path.Combine(path, "blocks")).Length;
        using (var file = File.OpenWrite(Path.Combine(path, "blocks")))
            file.SetLength(end - 3);
        using var directory = new MappedDirectory(path);
        using var input = directory.OpenInput("blocks", IOContext.READ);
        input.Seek(starts[0]);
        var error = Record.Exception(() => MappedLz4.Mode.NewDecompressor().Decompress(input, text.Length, 0, text.Length, new BytesRef()));
        Assert.NotNull(error);
        Assert.True(IndexFolder.IsReadFault(error), error.GetType().Name);
    }

    private static (int Offset, int Count) Range(Random random, int length)
    {
        int offset = random.Next(0, length + 1);
        return (offset, random.Next(0, length - offset + 1));
    }

    private static List<byte[]> Blocks(Random random)
    {
        var text = Encoding.UTF8.GetBytes(string.Concat(System.IO.Directory.GetFiles(TestData.Seeds).Order().Select(File.ReadAllText)));
        List<byte[]> blocks = [[], [42], text[..Math.Min(text.Length, 1 << 14)]];
        for (int i = 0; i < 40; i++)
        {
            int start = random.Next(0, text.Length - 1);
            blocks.Add(text[start..Math.Min(text.Length, start + random.Next(1, 20_000))]);
        }
        // Matches that overlap the bytes they copy, long ones included, and matches a chunk or more back (16 bytes: the
        // decoder copies those a chunk at a time), of every length.
        for (int period = 1; period <= 40; period++)
            blocks.Add(Enumerable.Range(0, 3000).Select(i => (byte)(i % period * 37)).ToArray());
        for (int match = 4; match <= 40; match++)
        {
            var repeats = new byte[3000];
            random.NextBytes(repeats);
            for (int i = 100; i + match < repeats.Length; i += 60)
                repeats.AsSpan(i - 50, match).CopyTo(repeats.AsSpan(i));
            blocks.Add(repeats);
        }
        var noise = new byte[5000]; // literals longer than one length byte can say
        random.NextBytes(noise);
        blocks.Add(noise);
        blocks.Add([.. noise[..700], .. text[..2000], .. noise[..700], .. text[..2000]]);
        return blocks;
    }

    /// <summary>Writes each block as Lucene's stored fields compress it, one after another; returns where each starts.</summary>
    private static long[] Write(string folder, IReadOnlyList<byte[]> blocks)
    {
        System.IO.Directory.CreateDirectory(folder);
        using var directory = FSDirectory.Open(folder);
        using var output = directory.CreateOutput("blocks", IOContext.DEFAULT);
        var compressor = CompressionMode.FAST.NewCompressor();
        var starts = new long[blocks.Count];
        for (int i = 0; i < blocks.Count; i++)
        {
            starts[i] = output.Position;
            compressor.Compress(blocks[i], 0, blocks[i].Length, output);
        }
        return starts;
    }
}
