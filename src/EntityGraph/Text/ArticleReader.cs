using System.Text;

namespace EntityGraph.Text;

/// <summary>An article's decoded text, its name and what was wrong with its bytes.</summary>
/// <param name="Text">The decoded text; every offset the pipeline reports points into it.</param>
/// <param name="Name">The name used for outputs: the file name without extension, or the given name.</param>
/// <param name="Warnings">Problems that did not stop decoding, such as replaced invalid UTF-8 bytes.</param>
public sealed record ArticleText(string Text, string Name, IReadOnlyList<string> Warnings);

/// <summary>An input is larger than the limit its reader was given; reading stopped at the limit.</summary>
public sealed class ArticleTooLargeException : IOException
{
    /// <summary>Creates the exception.</summary>
    public ArticleTooLargeException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ArticleTooLargeException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ArticleTooLargeException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="input"/>.</summary>
    /// <param name="input">The file or stream name.</param>
    /// <param name="limit">The limit in bytes.</param>
    /// <param name="length">The input's length when known beforehand (a regular file), else null.</param>
    public ArticleTooLargeException(string input, long limit, long? length)
        : base(length is { } n ? $"{input}: {n:N0} bytes is more than the limit of {limit:N0} bytes." : $"{input}: more than the limit of {limit:N0} bytes (reading stopped there).")
    {
        Input = input;
        Limit = limit;
        Length = length;
    }

    /// <summary>The file or stream name.</summary>
    public string Input { get; } = string.Empty;

    /// <summary>The limit in bytes.</summary>
    public long Limit { get; }

    /// <summary>The input's length when it was known before reading (a regular file); null when reading stopped at the limit.</summary>
    public long? Length { get; }
}

/// <summary>
/// Reads article files: UTF-8 (with or without a byte-order mark) or UTF-16 with a byte-order mark. Invalid UTF-8
/// becomes U+FFFD with a warning that names the first bad byte; binary data (NUL bytes) is refused with an error
/// that names the file and the byte offset, and says when the bytes look like UTF-16 without a byte-order mark.
/// </summary>
public static class ArticleReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads and decodes the file at <paramref name="path"/> (at most <see cref="Array.MaxLength"/> bytes).</summary>
    /// <param name="path">The article file.</param>
    /// <returns>The decoded article.</returns>
    /// <exception cref="InvalidDataException">The file holds binary data.</exception>
    /// <exception cref="ArticleTooLargeException">The file is larger than an array can hold.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static ArticleText Read(string path) => Read(path, Array.MaxLength);

    /// <summary>
    /// Reads and decodes the file at <paramref name="path"/>, refusing more than <paramref name="maxBytes"/> bytes. The
    /// limit holds while reading, not only against the length the file system reports, so a device or a pipe that
    /// never ends (/dev/zero) stops at the limit with bounded memory.
    /// </summary>
    /// <param name="path">The article file.</param>
    /// <param name="maxBytes">The most bytes to accept.</param>
    /// <returns>The decoded article.</returns>
    /// <exception cref="ArticleTooLargeException">The file holds more than <paramref name="maxBytes"/> bytes.</exception>
    /// <exception cref="InvalidDataException">The file holds binary data.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static ArticleText Read(string path, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        long? length = stream.CanSeek ? stream.Length : null;
        if (length > maxBytes)
            throw new ArticleTooLargeException(path, maxBytes, length);
        (byte[] bytes, int count) = ReadBounded(stream, maxBytes, path, length);
        return Decode(bytes.AsSpan(0, count), Path.GetFileNameWithoutExtension(path), path);
    }

    /// <summary>Reads and decodes all of <paramref name="stream"/> (at most <see cref="Array.MaxLength"/> bytes).</summary>
    /// <param name="stream">The article bytes.</param>
    /// <param name="name">The document's name.</param>
    /// <returns>The decoded article.</returns>
    /// <exception cref="InvalidDataException">The stream holds binary data.</exception>
    /// <exception cref="ArticleTooLargeException">The stream is longer than an array can hold.</exception>
    public static ArticleText Read(Stream stream, string name) => Read(stream, name, Array.MaxLength);

    /// <summary>
    /// Reads and decodes <paramref name="stream"/> to its end, refusing more than <paramref name="maxBytes"/> bytes:
    /// reading stops at the limit, so a stream that never ends (standard input from <c>yes</c>) fails with bounded memory.
    /// </summary>
    /// <param name="stream">The article bytes.</param>
    /// <param name="name">The document's name.</param>
    /// <param name="maxBytes">The most bytes to accept.</param>
    /// <param name="source">The name for messages; <paramref name="name"/> when null.</param>
    /// <returns>The decoded article.</returns>
    /// <exception cref="ArticleTooLargeException">The stream holds more than <paramref name="maxBytes"/> bytes.</exception>
    /// <exception cref="InvalidDataException">The stream holds binary data.</exception>
    public static ArticleText Read(Stream stream, string name, long maxBytes, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        source ??= name;
        (byte[] bytes, int count) = ReadBounded(stream, maxBytes, source, null);
        return Decode(bytes.AsSpan(0, count), name, source);
    }

    /// <summary>Reads to the end, or throws as soon as more than <paramref name="maxBytes"/> bytes have come.</summary>
    private static (byte[] Bytes, int Count) ReadBounded(Stream stream, long maxBytes, string source, long? expected)
    {
        // One byte past the limit tells "exactly the limit" from "more"; an array cannot hold more than Array.MaxLength.
        long cap = Math.Min(maxBytes, Array.MaxLength - 1L) + 1;
        byte[] buffer = new byte[(int)Math.Min(cap, Math.Max(expected + 1 ?? 0, 1 << 16))];
        int count = 0;
        while (true)
        {
            if (count == buffer.Length)
            {
                if (buffer.Length == cap)
                    throw new ArticleTooLargeException(source, maxBytes, null);
                Array.Resize(ref buffer, (int)Math.Min(cap, 2L * buffer.Length));
            }
            int read = stream.Read(buffer, count, buffer.Length - count);
            if (read == 0)
                break;
            count += read;
        }
        if (count > maxBytes)
            throw new ArticleTooLargeException(source, maxBytes, null);
        return (buffer, count);
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
