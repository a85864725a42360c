using System.Buffers.Binary;
using EssaySearch.Schema;
using Lucene.Net.Store;

namespace EssaySearch.Tests.Schema;

public class MappedDirectoryTests(SeedIndex index) : IClassFixture<SeedIndex>
{
    private string Live => Path.Combine(index.IndexFolder, "current");

    private string[] Files => System.IO.Directory.GetFiles(Live).Where(path => new FileInfo(path).Length > 0).ToArray();

    [Fact]
    public void Every_file_of_an_index_reads_as_its_bytes_in_every_way_lucene_reads()
    {
        using var directory = new MappedDirectory(Live);
        var random = new Random(20261204);
        foreach (var path in Files)
        {
            var bytes = File.ReadAllBytes(path);
            using var input = directory.OpenInput(Path.GetFileName(path), IOContext.READ_ONCE);
            Assert.Equal(bytes.Length, input.Length);

            // Whole, in chunks of every size up to 300.
            var read = new byte[bytes.Length];
            for (int at = 0; at < bytes.Length;)
            {
                int count = Math.Min(random.Next(0, 300), bytes.Length - at);
                input.ReadBytes(read, at, count);
                at += count;
                Assert.Equal(at, input.Position);
            }
            Assert.Equal(bytes, read);

            // Numbers at random places, big-endian as Lucene writes them, and skips.
            for (int i = 0; i < 200 && bytes.Length >= 8; i++)
            {
                int at = random.Next(0, bytes.Length - 8);
                input.Seek(at);
                switch (i % 5)
                {
                    case 0: Assert.Equal(bytes[at], input.ReadByte()); break;
                    case 1: Assert.Equal(BinaryPrimitives.ReadInt16BigEndian(bytes.AsSpan(at)), input.ReadInt16()); break;
                    case 2: Assert.Equal(BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at)), input.ReadInt32()); break;
                    case 3: Assert.Equal(BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(at)), input.ReadInt64()); break;
                    case 4:
                        input.SkipBytes(7);
                        Assert.Equal(bytes[at + 7], input.ReadByte());
                        break;
                }
            }

            // A clone starts where its original stands and then moves on its own.
            input.Seek(bytes.Length / 2);
            var clone = (IndexInput)input.Clone();
            Assert.Equal(bytes.Length / 2, clone.Position);
            clone.Seek(0);
            Assert.Equal(bytes[0], clone.ReadByte());
            Assert.Equal(bytes.Length / 2, input.Position);
        }
    }

    [Fact]
    public void Reading_or_seeking_past_the_end_throws_as_for_a_truncated_file()
    {
        using var directory = new MappedDirectory(Live);
        string name = Path.GetFileName(Files[0]);
        using var input = directory.OpenInput(name, IOContext.DEFAULT);
        long length = input.Length;
        input.Seek(length);
        Assert.Throws<EndOfStreamException>(() => input.ReadByte());
        input.Seek(length - 3);
        Assert.Throws<EndOfStreamException>(() => input.ReadInt32());
        Assert.Equal(length - 3, input.Position); // nothing was read
        Assert.Throws<EndOfStreamException>(() => input.ReadBytes(new byte[4], 0, 4));
        Assert.Throws<EndOfStreamException>(() => input.SkipBytes(4));
        Assert.Throws<EndOfStreamException>(() => input.Seek(length + 1));
        Assert.Throws<EndOfStreamException>(() => input.Seek(-1));
    }

    [Fact]
    public void A_clone_of_a_closed_file_is_refused_rather_than_read()
    {
        using var directory = new MappedDirectory(Live);
        var input = directory.OpenInput(Path.GetFileName(Files[0]), IOContext.DEFAULT);
        var clone = (IndexInput)input.Clone();
        clone.Seek(1);
        input.Dispose();
        Assert.Throws<ObjectDisposedException>(() => clone.Seek(0));
        Assert.Throws<ObjectDisposedException>(() => clone.Clone());
        clone.Dispose(); // a clone owns nothing; disposing it is harmless
    }

    [Fact]
    public void An_empty_file_opens_and_reads_as_empty()
    {
        using var scratch = new ScratchFolder();
        File.WriteAllBytes(Path.Combine(scratch.Path, "empty"), []);
        using var directory = new MappedDirectory(scratch.Path);
        using var input = directory.OpenInput("empty", IOContext.DEFAULT);
        Assert.Equal(0, input.Length);
        input.ReadBytes([], 0, 0);
        Assert.Throws<EndOfStreamException>(() => input.ReadByte());
    }

    [Fact]
    public void The_directory_only_reads()
    {
        using var directory = new MappedDirectory(Live);
        Assert.Throws<NotSupportedException>(() => directory.CreateOutput("new", IOContext.DEFAULT));
    }
}
