using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.IO.Compression;
using System.Text;
using EntityGraph.Tagging;

namespace EntityGraph.Models;

/// <summary>
/// The binary container every EntityGraph model file uses:
/// <code>
/// magic      8 bytes  89 45 47 4D 0D 0A 1A 0A   ("\x89EGM\r\n\x1A\n": catches text-mode transfers, like PNG)
/// version    u16      format version (1)
/// kind       string   pos | ner | lemmas          (strings: 7-bit length prefix + UTF-8)
/// name       string   e.g. pos-en-ewt
/// model ver. string   e.g. 1.0.0
/// sections   i32      number of named sections
/// length     i32      compressed payload length
/// raw length i32      payload length after decompression
/// checksum   u64      FNV-1a of the decompressed payload
/// payload    Brotli   sections: (name string, i32 length, bytes) x sections
/// </code>
/// Every read is checked, so a truncated or foreign file fails with the file name and what is wrong.
/// </summary>
internal static class ModelFormat
{
    public const ushort FormatVersion = 1;

    private static ReadOnlySpan<byte> Magic => [0x89, (byte)'E', (byte)'G', (byte)'M', 0x0D, 0x0A, 0x1A, 0x0A];

    [DoesNotReturn]
    public static void Fail(string source, string what) =>
        throw new InvalidDataException($"Model file '{source}' is not usable: {what}.");

    public static void Write(Stream stream, ModelContainer model)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var raw = new MemoryStream();
        using (var w = new BinaryWriter(raw, Encoding.UTF8, leaveOpen: true))
        {
            foreach ((string name, ArraySegment<byte> bytes) in model.Sections)
            {
                w.Write(name);
                w.Write(bytes.Count);
                w.Write(bytes.AsSpan());
            }
        }
        byte[] payload = raw.ToArray();
        using var packed = new MemoryStream();
        using (var brotli = new BrotliStream(packed, CompressionLevel.SmallestSize, leaveOpen: true))
            brotli.Write(payload);
        byte[] compressed = packed.ToArray();
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(model.Kind);
        writer.Write(model.Name);
        writer.Write(model.Version);
        writer.Write(model.Sections.Count);
        writer.Write(compressed.Length);
        writer.Write(payload.Length);
        writer.Write(Checksum(payload));
        writer.Write(compressed);
    }

    public static ModelContainer Read(Stream stream, string source, string? expectedKind)
    {
        ArgumentNullException.ThrowIfNull(stream);
        // Files and embedded resources are read where they are: the compressed payload is decompressed straight from
        // the stream, and each section is a slice of the one decompressed buffer. Copying the file into memory first
        // and every section out of the payload made loading the 21 MB parser hold about four copies of it at once.
        if (!stream.CanSeek)
        {
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            stream = copy;
        }
        long length = stream.Length - stream.Position;
        if (length == 0)
            Fail(source, "the file is empty");
        Span<byte> magic = stackalloc byte[8];
        if (length < Magic.Length || stream.ReadAtLeast(magic, Magic.Length, throwOnEndOfStream: false) != Magic.Length || !magic.SequenceEqual(Magic))
            Fail(source, "it is not an EntityGraph model (wrong magic bytes at the start)");
        try
        {
            using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            ushort version = reader.ReadUInt16();
            if (version != FormatVersion)
                Fail(source, $"format version {version} is not supported (this build reads version {FormatVersion})");
            string kind = reader.ReadString();
            if (expectedKind is not null && kind != expectedKind)
                Fail(source, $"it holds a '{kind}' model where a '{expectedKind}' model was expected");
            string name = reader.ReadString();
            string modelVersion = reader.ReadString();
            int sections = reader.ReadInt32();
            int compressedLength = reader.ReadInt32();
            int rawLength = reader.ReadInt32();
            ulong checksum = reader.ReadUInt64();
            if (sections is < 0 or > 1000 || compressedLength < 0 || rawLength is < 0 or > 1 << 30)
                Fail(source, "the header is corrupt");
            long left = stream.Length - stream.Position;
            if (left < compressedLength)
                Fail(source, $"the file is truncated ({left} of {compressedLength} payload bytes present)");
            byte[] payload = GC.AllocateUninitializedArray<byte>(rawLength);
            using (var brotli = new BrotliStream(stream, CompressionMode.Decompress, leaveOpen: true))
            {
                int read = brotli.ReadAtLeast(payload, rawLength, throwOnEndOfStream: false);
                if (read != rawLength)
                    Fail(source, "the payload is shorter than its header says");
            }
            ulong actual = Checksum(payload);
            if (actual != checksum)
                Fail(source, $"the payload checksum {actual:x16} does not match the header's {checksum:x16} (the file is damaged)");
            var model = new ModelContainer(kind, name, modelVersion);
            using var body = new BinaryReader(new MemoryStream(payload, writable: false), Encoding.UTF8);
            for (int i = 0; i < sections; i++)
            {
                string sectionName = body.ReadString();
                int sectionLength = body.ReadInt32();
                if (sectionLength < 0 || sectionLength > payload.Length)
                    Fail(source, $"section '{sectionName}' has a bad length");
                int at = (int)body.BaseStream.Position;
                if (sectionLength > payload.Length - at)
                    Fail(source, $"section '{sectionName}' is truncated");
                model.Sections[sectionName] = new ArraySegment<byte>(payload, at, sectionLength);
                body.BaseStream.Position = at + sectionLength;
            }
            model.Source = source;
            return model;
        }
        catch (EndOfStreamException)
        {
            Fail(source, "the file is truncated");
            return null;
        }
        catch (InvalidOperationException ex)
        {
            // BrotliStream reports corrupt data as InvalidOperationException.
            Fail(source, $"the payload cannot be decompressed ({ex.Message})");
            return null;
        }
        catch (IOException ex)
        {
            Fail(source, $"the file cannot be read ({ex.Message})");
            return null;
        }
    }

    public static ulong Checksum(ReadOnlySpan<byte> bytes)
    {
        ulong hash = 14695981039346656037UL;
        // Eight bytes at a time: the payload is megabytes and this runs on every load.
        while (bytes.Length >= 8)
        {
            hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes)) * 1099511628211UL;
            hash ^= hash >> 29;
            bytes = bytes[8..];
        }
        foreach (byte b in bytes)
            hash = (hash ^ b) * 1099511628211UL;
        return hash;
    }
}

/// <summary>A model file's header and its named sections, before a model type interprets them.</summary>
internal sealed class ModelContainer(string kind, string name, string version)
{
    public string Kind { get; } = kind;

    public string Name { get; } = name;

    public string Version { get; } = version;

    /// <summary>Where the model came from, for messages.</summary>
    public string Source { get; set; } = name;

    /// <summary>Each section's bytes: slices of the one decompressed payload when read from a file.</summary>
    public Dictionary<string, ArraySegment<byte>> Sections { get; } = new(StringComparer.Ordinal);

    public void Add(string section, Action<BinaryWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
            write(writer);
        Sections[section] = stream.ToArray();
    }

    /// <summary>Reads section <paramref name="section"/> with <paramref name="read"/>, turning short or bad data into a clear error.</summary>
    public T Read<T>(string section, Func<BinaryReader, T> read)
    {
        if (!Sections.TryGetValue(section, out ArraySegment<byte> bytes))
            ModelFormat.Fail(Source, $"the '{section}' section is missing");
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count, writable: false, publiclyVisible: true), Encoding.UTF8);
            T value = read(reader);
            if (reader.BaseStream.Position != bytes.Count)
                ModelFormat.Fail(Source, $"the '{section}' section has {bytes.Count - reader.BaseStream.Position} unread bytes");
            return value;
        }
        catch (EndOfStreamException)
        {
            ModelFormat.Fail(Source, $"the '{section}' section is truncated");
            return default;
        }
        catch (FormatException ex)
        {
            ModelFormat.Fail(Source, $"the '{section}' section is corrupt ({ex.Message})");
            return default;
        }
    }

    public PerceptronModel ReadPerceptron(string section) => Read(section, r => PerceptronModel.Read(r, Source));
}
