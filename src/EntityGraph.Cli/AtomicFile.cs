using System.Text;

namespace EntityGraph.Cli;

/// <summary>
/// Writes output files whole or not at all: into a temporary file in the same folder, which is renamed over the
/// target only once everything is written and flushed. An error or an interrupted run leaves the previous file (or no
/// file), never a truncated one; the temporary file is deleted on errors.
/// </summary>
internal static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="path"/> with <paramref name="write"/>, which gets the temporary file's stream.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        using AtomicStream stream = Create(path);
        write(stream);
        stream.Commit();
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> as UTF-8 without a byte-order mark.</summary>
    public static void WriteAllText(string path, string text) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, Utf8NoBom, leaveOpen: true);
            writer.Write(text);
        });

    /// <summary>A stream to the temporary file of <paramref name="path"/>: <see cref="AtomicStream.Commit"/> puts it in
    /// place; disposing it without a commit deletes it.</summary>
    public static AtomicStream Create(string path)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full) ?? ".";
        string temp = Path.Combine(folder, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..12] + ".tmp");
        return new AtomicStream(full, temp, new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None));
    }

    /// <summary>A file stream whose content replaces the target file on <see cref="Commit"/>.</summary>
    internal sealed class AtomicStream(string target, string temp, FileStream inner) : Stream
    {
        private bool _committed;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);
        public override void WriteByte(byte value) => inner.WriteByte(value);

        /// <summary>Flushes to disk and renames the temporary file over the target.</summary>
        public void Commit()
        {
            inner.Flush(flushToDisk: true);
            inner.Dispose();
            File.Move(temp, target, overwrite: true);
            _committed = true;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                if (!_committed)
                {
                    try
                    {
                        File.Delete(temp);
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        // Best effort: the target was not touched either way.
                    }
                }
            }
            base.Dispose(disposing);
        }
    }
}
