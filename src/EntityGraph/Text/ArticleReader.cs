using System.Text;

namespace EntityGraph.Text;

/// <summary>An article's decoded text, its name and what was wrong with its bytes.</summary>
/// <param name="Text">The decoded text; every offset the pipeline reports points into it.</param>
/// <param name="Name">The name used for outputs: the file name without extension, or the given name.</param>
/// <param name="Warnings">Problems that did not stop decoding, such as replaced invalid UTF-8 bytes.</param>
public sealed record ArticleText(string Text, string Name, IReadOnlyList<string> Warnings);

/// <summary>
/// Reads article files: UTF-8 (with or without a byte-order mark) or UTF-16 with a byte-order mark. Invalid UTF-8
/// becomes U+FFFD with a warning that names the first bad byte; binary data (NUL bytes) is refused with an error
/// that names the file and the byte offset, and says when the bytes look like UTF-16 without a byte-order mark.
/// </summary>
public static class ArticleReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads and decodes the file at <paramref name="path"/>.</summary>
    /// <param name="path">The article file.</param>
    /// <returns>The decoded article.</returns>
    /// <exception cref="InvalidDataException">The file holds binary data.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static ArticleText Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes = File.ReadAllBytes(path);
        return Decode(bytes, Path.GetFileNameWithoutExtension(path), path);
    }

    /// <summary>Reads and decodes all of <paramref name="stream"/>.</summary>
    /// <param name="stream">The article bytes.</param>
    /// <param name="name">The document's name.</param>
    /// <returns>The decoded article.</returns>
    /// <exception cref="InvalidDataException">The stream holds binary data.</exception>
    public static ArticleText Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), name, name);
    }

    /// <summary>Decodes article bytes; <paramref name="source"/> names them in messages.</summary>
    /// <param name="bytes">The raw bytes.</param>
    /// <param name="name">The document's name.</param>
    /// <param name="source">The file or stream name for messages.</param>
    /// <returns>The decoded article.</returns>
    /// <exception cref="InvalidDataException">The bytes are binary data.</exception>
    public static ArticleText Decode(ReadOnlySpan<byte> bytes, string name, string source)
    {
        var warnings = new List<string>();
        string text;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            Encoding utf16 = bytes[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
            text = utf16.GetString(bytes[2..]);
            int nul = text.IndexOf('\0');
            if (nul >= 0)
                throw new InvalidDataException($"{source}: binary data (NUL character at character {nul}); expected UTF-8 or UTF-16 text.");
        }
        else
        {
            if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
                bytes = bytes[3..];
            int nul = bytes.IndexOf((byte)0);
            if (nul >= 0)
            {
                string? utf16 = LooksLikeUtf16(bytes);
                throw new InvalidDataException(utf16 is null
                    ? $"{source}: binary data (NUL byte at byte offset {nul}); expected UTF-8 text."
                    : $"{source}: binary data (NUL byte at byte offset {nul}); it looks like UTF-16 without a byte-order mark ({utf16}). Convert it to UTF-8 (iconv -f {(utf16 == "little-endian" ? "UTF-16LE" : "UTF-16BE")} -t UTF-8) or save it with a byte-order mark.");
            }
            try
            {
                text = StrictUtf8.GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                int badByte = FirstInvalidUtf8(bytes);
                int badCount = CountInvalidSequences(bytes);
                text = Encoding.UTF8.GetString(bytes);
                (int line, int column) = LineAndColumn(bytes, badByte);
                warnings.Add($"{source}:{line}:{column}: invalid UTF-8 (first bad byte at byte offset {badByte}, {badCount} bad sequence(s)); replaced with U+FFFD.");
            }
        }
        if (text.Length == 0)
            warnings.Add($"{source}: empty input.");
        else if (string.IsNullOrWhiteSpace(text))
            warnings.Add($"{source}: input holds only whitespace.");
        return new ArticleText(text, name, warnings);
    }

    /// <summary>"little-endian" or "big-endian" when the NUL bytes alternate like UTF-16 text of a Latin script (most
    /// bytes at odd offsets are NUL and few at even ones, or the reverse), else null.</summary>
    private static string? LooksLikeUtf16(ReadOnlySpan<byte> bytes)
    {
        int pairs = Math.Min(bytes.Length / 2, 4096);
        if (pairs < 2)
            return null;
        int evenNul = 0, oddNul = 0;
        for (int i = 0; i < pairs; i++)
        {
            if (bytes[2 * i] == 0)
                evenNul++;
            if (bytes[(2 * i) + 1] == 0)
                oddNul++;
        }
        if (oddNul * 10 >= pairs * 7 && evenNul * 10 <= pairs)
            return "little-endian";
        if (evenNul * 10 >= pairs * 7 && oddNul * 10 <= pairs)
            return "big-endian";
        return null;
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        System.Buffers.OperationStatus status = System.Text.Unicode.Utf8.ToUtf16(bytes, new char[bytes.Length], out int read, out _, replaceInvalidSequences: false);
        return status == System.Buffers.OperationStatus.Done ? -1 : read;
    }

    private static int CountInvalidSequences(ReadOnlySpan<byte> bytes)
    {
        int count = 0;
        char[] scratch = new char[Math.Min(bytes.Length, 1 << 16) + 4];
        while (!bytes.IsEmpty)
        {
            System.Buffers.OperationStatus status = System.Text.Unicode.Utf8.ToUtf16(bytes, scratch, out int read, out _, replaceInvalidSequences: false);
            bytes = bytes[read..];
            if (status is System.Buffers.OperationStatus.InvalidData or System.Buffers.OperationStatus.NeedMoreData)
            {
                count++;
                bytes = bytes[1..];
            }
            else if (status == System.Buffers.OperationStatus.Done)
                break;
        }
        return count;
    }

    /// <summary>One-based line and column (in bytes) of <paramref name="offset"/>.</summary>
    private static (int Line, int Column) LineAndColumn(ReadOnlySpan<byte> bytes, int offset)
    {
        offset = Math.Clamp(offset, 0, bytes.Length);
        ReadOnlySpan<byte> before = bytes[..offset];
        int line = before.Count((byte)'\n') + 1;
        int lastBreak = before.LastIndexOf((byte)'\n');
        return (line, offset - lastBreak);
    }
}
