using System.Text;
using EntityGraph.Text;

namespace EntityGraph.Cli;

/// <summary>One article to process: a text file (or plain standard input), or one line of a JSON Lines input.</summary>
/// <param name="Input">Where it came from; for a JSON Lines line, the display name is "source:line" and the stem the article id.</param>
/// <param name="Article">The JSON Lines line (its text and metadata, or its error), or null for a text input.</param>
/// <param name="StandardInput">Plain standard input, already read (or why it could not be), or null.</param>
internal sealed record WorkItem(ExtractCommand.Input Input, JsonLinesArticle? Article, Func<ArticleText>? StandardInput = null);

/// <summary>
/// Turns the inputs into articles, lazily: a JSON Lines file or stream gives one article per line as it is read, so a
/// feed of any length passes with a bounded number of articles in memory.
/// </summary>
internal static class ArticleInputs
{
    /// <summary>Whether a file holds JSON Lines (by its extension) under <paramref name="inputFormat"/> auto|text|jsonl.</summary>
    public static bool IsJsonLinesFile(string path, string inputFormat) => inputFormat switch
    {
        "jsonl" => true,
        "text" => false,
        _ => path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase),
    };

    /// <summary>
    /// Standard input, with whether it holds JSON Lines: with auto, it does when its first character after blanks
    /// (and a byte-order mark) is '{', which no news article starts with. Peeking reads only that far; the bytes read
    /// are handed back in front of the rest.
    /// </summary>
    public static (bool Jsonl, Stream? Bytes, TextReader Text) PeekStandardInput(CliConsole console, string inputFormat)
    {
        if (console.InputStream is { } stream)
        {
            var prefix = new MemoryStream();
            int b = -1;
            if (inputFormat == "auto")
            {
                while ((b = stream.ReadByte()) >= 0)
                {
                    prefix.WriteByte((byte)b);
                    if (b is not (' ' or '\t' or '\r' or '\n' or 0xEF or 0xBB or 0xBF))
                        break;
                }
            }
            var whole = new PrefixedStream(prefix.ToArray(), stream);
            bool jsonl = inputFormat == "jsonl" || b == '{';
            return (jsonl, whole, TextReader.Null);
        }
        var text = new StringBuilder();
        int c = -1;
        if (inputFormat == "auto")
        {
            while ((c = console.In.Read()) >= 0)
            {
                text.Append((char)c);
                if (!char.IsWhiteSpace((char)c) && c != '\uFEFF')
                    break;
            }
        }
        return (inputFormat == "jsonl" || c == '{', null, new PrefixedReader(text.ToString(), console.In));
    }

    /// <summary>The articles of <paramref name="inputs"/>, in order, read as the caller asks for them.</summary>
    public static IEnumerable<WorkItem> Expand(CliConsole console, List<ExtractCommand.Input> inputs, string inputFormat, long maxBytes)
    {
        foreach (ExtractCommand.Input input in inputs)
        {
            if (input.Path is null)
            {
                (bool jsonl, Stream? bytes, TextReader text) = PeekStandardInput(console, inputFormat);
                if (jsonl)
                {
                    using TextReader reader = bytes is null ? text : new StreamReader(bytes, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
                    foreach (WorkItem item in Lines(reader, input, maxBytes))
                        yield return item;
                }
                else
                {
                    yield return new WorkItem(input, null, () => ReadPlain(bytes, text, maxBytes));
                }
                continue;
            }
            if (!IsJsonLinesFile(input.Path, inputFormat))
            {
                yield return new WorkItem(input, null);
                continue;
            }
            StreamReader? file = null;
            string? openError = null;
            try
            {
                file = new StreamReader(input.Path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                openError = $"{input.DisplayName}: cannot read: {ex.Message}";
            }
            if (file is null)
            {
                yield return new WorkItem(input, new JsonLinesArticle(0, null, null, null, null, null, openError));
                continue;
            }
            using (file)
            {
                foreach (WorkItem item in Lines(file, input, maxBytes))
                    yield return item;
            }
        }
    }

    private static IEnumerable<WorkItem> Lines(TextReader reader, ExtractCommand.Input input, long maxBytes)
    {
        string prefix = input.Path is null ? "stdin" : Path.GetFileNameWithoutExtension(input.Path);
        foreach (JsonLinesArticle article in JsonLinesReader.Read(reader, input.DisplayName, prefix, maxBytes))
        {
            string display = $"{input.DisplayName}:{article.LineNumber}";
            string stem = article.Id is null ? prefix + "-" + article.LineNumber : SafeStem(article.Id);
            yield return new WorkItem(new ExtractCommand.Input(display, input.Path, stem), article);
        }
    }

    /// <summary>An article id as a file name: path separators and characters no file system takes become '_'.</summary>
    private static string SafeStem(string id)
    {
        var stem = new StringBuilder(id.Length);
        foreach (char c in id)
            stem.Append(c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' || char.IsControl(c) ? '_' : c);
        string s = stem.ToString();
        return s is "." or ".." ? "_" + s : s;
    }

    private static ArticleText ReadPlain(Stream? bytes, TextReader text, long maxBytes)
    {
        if (bytes is not null)
            return ArticleReader.Read(bytes, "stdin", maxBytes, "<stdin>");
        // Text only (tests): count UTF-8 bytes as the characters come.
        var utf8 = new UTF8Encoding(false);
        var builder = new StringBuilder();
        char[] chunk = new char[1 << 14];
        long count = 0;
        int read;
        while ((read = text.Read(chunk, 0, chunk.Length)) > 0)
        {
            count += utf8.GetByteCount(chunk, 0, read);
            if (count > maxBytes)
                throw new ArticleTooLargeException("<stdin>", maxBytes, null);
            builder.Append(chunk, 0, read);
        }
        return ArticleReader.Decode(utf8.GetBytes(builder.ToString()), "stdin", "<stdin>");
    }

    /// <summary>Bytes already read, then the rest of the stream.</summary>
    private sealed class PrefixedStream(byte[] prefix, Stream rest) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position < prefix.Length)
            {
                int n = Math.Min(buffer.Length, prefix.Length - _position);
                prefix.AsSpan(_position, n).CopyTo(buffer);
                _position += n;
                return n;
            }
            return rest.Read(buffer);
        }
    }

    /// <summary>Characters already read, then the rest of the reader.</summary>
    private sealed class PrefixedReader(string prefix, TextReader rest) : TextReader
    {
        private int _position;

        public override int Peek() => _position < prefix.Length ? prefix[_position] : rest.Peek();

        public override int Read() => _position < prefix.Length ? prefix[_position++] : rest.Read();

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            if (_position < prefix.Length)
            {
                int n = Math.Min(buffer.Length, prefix.Length - _position);
                prefix.AsSpan(_position, n).CopyTo(buffer);
                _position += n;
                return n;
            }
            return rest.Read(buffer);
        }
    }
}
