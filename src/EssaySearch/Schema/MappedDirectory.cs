using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using Lucene.Net.Store;

namespace EssaySearch.Schema;

/// <summary>
/// A read-only index directory whose files are read through memory maps, each input a pointer into its file's map.
/// Lucene.Net's <see cref="MMapDirectory"/> does the same, but registers every clone of an input (a query clones
/// several per term and segment) in a weak table that each garbage collection scans, and reads through layers of
/// byte buffers; cloning and reading were a sixth of a relaxed query's time, and the weak table made a long-lived
/// engine slower as it aged (README, "Speed"). Here a clone is a position in a map its file input owns: the file is
/// unmapped when that input is disposed, which Lucene does when the reader closes. A reader closes only after the
/// last search that holds it has ended (<see cref="Searching.IndexSnapshot"/>), so no clone outlives its map; one that
/// did would be refused at its next seek or clone (<see cref="ObjectDisposedException"/>, as Lucene.Net refuses a closed input). Only reading is supported:
/// indexes are written through <see cref="FSDirectory.Open(string)"/>.
/// </summary>
internal sealed class MappedDirectory(string path) : FSDirectory(new DirectoryInfo(path), NoLockFactory.GetNoLockFactory())
{
    public override IndexInput OpenInput(string name, IOContext context)
    {
        EnsureOpen();
        return MappedInput.Open(Path.Combine(Directory.FullName, name));
    }

    public override IndexOutput CreateOutput(string name, IOContext context) =>
        throw new NotSupportedException("the index is read through maps only; indexes are written through FSDirectory.Open");

    /// <summary>One file's map, shared by the input that opened it and its clones.</summary>
    private sealed unsafe class FileMap : IDisposable
    {
        private readonly MemoryMappedFile? file;
        private readonly MemoryMappedViewAccessor? view;

        public FileMap(string path)
        {
            // The map keeps the file readable once the file is closed, and even once it is deleted (by a rebuild).
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
            Length = stream.Length;
            if (Length == 0)
                return; // nothing to map (a map cannot be empty)
            file = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
            try
            {
                view = file.CreateViewAccessor(0, Length, MemoryMappedFileAccess.Read);
                byte* start = null;
                view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
                Start = start + view.PointerOffset;
            }
            catch
            {
                view?.Dispose();
                file.Dispose();
                throw;
            }
        }

        public byte* Start { get; }
        public long Length { get; }
        public bool Closed { get; private set; }

        public void Dispose()
        {
            if (Closed)
                return;
            Closed = true;
            if (view is not null)
            {
                view.SafeMemoryMappedViewHandle.ReleasePointer();
                view.Dispose();
            }
            file?.Dispose();
        }
    }

    /// <summary>A position in a file's map. Reads past the end throw <see cref="EndOfStreamException"/>, as Lucene expects of a truncated file.</summary>
    internal sealed unsafe class MappedInput : IndexInput
    {
        private readonly FileMap map;
        private readonly bool owner;
        private long position;

        private MappedInput(string description, FileMap map, bool owner) : base(description)
        {
            this.map = map;
            this.owner = owner;
        }

        public static MappedInput Open(string path) => new($"MappedInput(path=\"{path}\")", new FileMap(path), owner: true);

        public override long Position => position;

        public override long Length => map.Length;

        public override void Seek(long pos)
        {
            EnsureOpen();
            if (pos < 0 || pos > map.Length)
                throw new EndOfStreamException($"seek to {pos} beyond the end ({map.Length}): {this}");
            position = pos;
        }

        public override byte ReadByte()
        {
            if (position >= map.Length)
                throw new EndOfStreamException($"read past the end: {this}");
            return map.Start[position++];
        }

        /// <summary>The bytes from the position to the end of the file (at most 2 GiB), for a decoder that reads them in place and then skips what it read.</summary>
        public ReadOnlySpan<byte> Unread
        {
            get
            {
                EnsureOpen();
                return new(map.Start + position, (int)Math.Min(int.MaxValue, map.Length - position));
            }
        }

        public override void ReadBytes(byte[] b, int offset, int len)
        {
            Need(len);
            new ReadOnlySpan<byte>(map.Start + position, len).CopyTo(b.AsSpan(offset, len));
            position += len;
        }

        public override short ReadInt16()
        {
            Need(sizeof(short));
            short value = BinaryPrimitives.ReadInt16BigEndian(new ReadOnlySpan<byte>(map.Start + position, sizeof(short)));
            position += sizeof(short);
            return value;
        }

        public override int ReadInt32()
        {
            Need(sizeof(int));
            int value = BinaryPrimitives.ReadInt32BigEndian(new ReadOnlySpan<byte>(map.Start + position, sizeof(int)));
            position += sizeof(int);
            return value;
        }

        public override long ReadInt64()
        {
            Need(sizeof(long));
            long value = BinaryPrimitives.ReadInt64BigEndian(new ReadOnlySpan<byte>(map.Start + position, sizeof(long)));
            position += sizeof(long);
            return value;
        }

        public override void SkipBytes(long numBytes)
        {
            if (numBytes < 0)
                throw new ArgumentOutOfRangeException(nameof(numBytes), "numBytes must be >= 0");
            Need(numBytes);
            position += numBytes;
        }

        public override object Clone()
        {
            EnsureOpen();
            return new MappedInput(ToString(), map, owner: false) { position = position };
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && owner)
                map.Dispose();
        }

        private void Need(long count)
        {
            if (count > map.Length - position)
                throw new EndOfStreamException($"read of {count} bytes past the end: {this}");
        }

        private void EnsureOpen()
        {
            if (map.Closed)
                throw new ObjectDisposedException(ToString(), "the index was closed");
        }
    }
}
