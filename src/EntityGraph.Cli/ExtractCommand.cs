using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using EntityGraph.Output;
using EntityGraph.Text;
using Spectre.Console;

namespace EntityGraph.Cli;

/// <summary><c>entitygraph extract PATH...</c>: runs the default pipeline over files, folders or standard input.</summary>
internal static class ExtractCommand
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static Command Create(CliConsole console)
    {
        var articles = new ArticleOptions("PATH", "Article files (UTF-8 text, or JSON Lines: *.jsonl, one {\"id\", \"text\", \"date\", \"url\", \"title\"} object per line), folders (every *.txt inside, recursively) or '-' for standard input (JSON Lines when it starts with '{').");
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output format: json (one document per file), jsonl (one compact document per line), brat (.ann standoff) or conllu (tokens, tags, lemmas, parse; offsets and entity tags in MISC).",
            DefaultValueFactory = _ => "json",
        };
        format.AcceptOnlyFromAmong("json", "jsonl", "brat", "conllu");
        var outDir = new Option<string?>("--out", "-o")
        {
            Description = "Write results into this folder: NAME.json, NAME.ann (plus NAME.txt, for annotation tools), NAME.conllu or documents.jsonl. Without it, one input's result goes to standard output.",
        };
        var tokens = new Option<bool>("--tokens")
        {
            Description = "Include every token (offsets, tags, lemma, head) in JSON output.",
        };
        var minConfidence = new Option<string>("--min-confidence")
        {
            Description = "Leave out relations whose confidence is below this value, from 0 to 1 (default 0: keep all the pipeline asserts). Applies to every format.",
            DefaultValueFactory = _ => "0",
        };
        minConfidence.Validators.Add(result =>
        {
            string text = result.GetValueOrDefault<string>() ?? "0";
            if (ParseConfidence(text) is null)
                result.AddError($"--min-confidence takes a number from 0 to 1, such as 0.5 (got '{text}').");
        });
        var command = new Command("extract", "Extract tokens, sentences, entities and relations from English news articles.")
        {
            format, outDir, tokens, minConfidence,
        };
        articles.AddTo(command);
        command.SetAction(parse =>
        {
            Pipeline? pipeline = articles.Pipeline.Build(parse, console);
            return pipeline is null ? ExitCodes.UsageOrInputError : Run(
                console,
                parse,
                articles,
                pipeline,
                parse.GetValue(format) ?? "json",
                parse.GetValue(outDir),
                parse.GetValue(tokens),
                ParseConfidence(parse.GetValue(minConfidence) ?? "0") ?? 0);
        });
        return command;
    }

    /// <summary>A confidence from 0 to 1 written with a point, or null.</summary>
    private static double? ParseConfidence(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value is >= 0 and <= 1 ? value : null;

    /// <summary>One article to process: where it came from and where its result goes.</summary>
    internal sealed record Input(string DisplayName, string? Path, string OutputStem);

    /// <summary>One article's document, or the message that says why it has none.</summary>
    internal sealed record Result(Input Input, Document? Document, string? Error)
    {
        /// <summary>Prints the error, or the document's warnings; true when there is a document to use.</summary>
        [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Document))]
        public bool Report(CliConsole console)
        {
            if (Document is null)
            {
                console.Error.WriteLine($"error: {Error}");
                return false;
            }
            foreach (string warning in Document.Warnings)
                console.Error.WriteLine($"warning: {warning}");
            return true;
        }
    }

    private static int Run(CliConsole console, ParseResult parse, ArticleOptions options, Pipeline pipeline, string format, string? outDir, bool includeTokens, double minConfidence)
    {
        if (options.Collect(parse, console, pipeline) is not { } batch)
            return ExitCodes.UsageOrInputError;
        List<Input> inputs = batch.Inputs;
        string inputFormat = batch.InputFormat;
        if (outDir is null && inputs.Count > 1 && format != "jsonl")
        {
            console.Error.WriteLine($"error: {inputs.Count} inputs: give --out DIR to write one result per input, or use --format jsonl for standard output.");
            return ExitCodes.UsageOrInputError;
        }
        if (outDir is null && format != "jsonl" && inputs.Find(i => i.Path is not null && ArticleInputs.IsJsonLinesFile(i.Path, inputFormat)) is { } lines)
        {
            console.Error.WriteLine($"error: {lines.DisplayName} holds one article per line: give --out DIR to write one result per article, or use --format jsonl for standard output.");
            return ExitCodes.UsageOrInputError;
        }
        if (outDir is not null)
        {
            try
            {
                Directory.CreateDirectory(outDir);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                console.Error.WriteLine($"error: cannot create output folder '{outDir}': {ex.Message}");
                return ExitCodes.UsageOrInputError;
            }
        }

        var jsonOptions = new DocumentJsonOptions { IncludeTokens = includeTokens, Indented = format == "json", MinRelationConfidence = minConfidence };
        var bratOptions = new BratWriterOptions { MinRelationConfidence = minConfidence };
        int failed = batch.Problems;
        int succeeded = 0;
        var stopwatch = Stopwatch.StartNew();
        long tokenCount = 0;

        Stream? jsonlStream = null;
        try
        {
            if (format == "jsonl")
            {
                jsonlStream = outDir is null
                    ? new TextWriterStream(console.Out)
                    : AtomicFile.Create(Path.Combine(outDir, "documents.jsonl"));
            }
            // A bounded window of articles in flight, written in input order: JSON Lines on standard input streams
            // through in constant memory, on every core.
            IEnumerable<Result> results = batch.Results();

            void Consume(Action? step)
            {
                var written = new HashSet<string>(StringComparer.Ordinal);
                int toStandardOutput = 0;
                foreach (Result result in results)
                {
                    step?.Invoke();
                    if (result.Document is not null && outDir is null && format != "jsonl" && ++toStandardOutput > 1)
                    {
                        // Several articles from JSON Lines on standard input: one JSON after another is not one document.
                        console.Error.WriteLine($"error: {result.Input.DisplayName}: standard input holds several articles: give --out DIR or use --format jsonl.");
                        failed++;
                        continue;
                    }
                    if (!result.Report(console))
                    {
                        failed++;
                        continue;
                    }
                    string? writeError = WriteResult(console, result, format, outDir, jsonOptions, bratOptions, jsonlStream, written);
                    if (writeError is not null)
                    {
                        console.Error.WriteLine($"error: {writeError}");
                        failed++;
                        continue;
                    }
                    tokenCount += result.Document.Tokens.Count;
                    succeeded++;
                }
            }

            bool showProgress = inputs.Count > 1 && !console.ErrorRedirected && !inputs.Exists(i => i.Path is null || ArticleInputs.IsJsonLinesFile(i.Path, inputFormat));
            if (showProgress)
            {
                AnsiConsole.Progress()
                    .AutoClear(true)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .Start(ctx =>
                    {
                        ProgressTask task = ctx.AddTask("Extracting", maxValue: inputs.Count);
                        Consume(() => task.Increment(1));
                    });
            }
            else
            {
                Consume(null);
            }
            // The JSON Lines file appears only once complete: an interrupted run leaves no half file.
            (jsonlStream as AtomicFile.AtomicStream)?.Commit();
        }
        finally
        {
            jsonlStream?.Dispose();
        }

        if (inputs.Count > 1 || failed > 0)
        {
            double seconds = Math.Max(stopwatch.Elapsed.TotalSeconds, 1e-6);
            console.Error.WriteLine($"{succeeded} document(s) written, {failed} failed; {tokenCount:N0} tokens in {seconds:F2} s.");
        }
        if (failed == 0)
            return ExitCodes.Ok;
        return succeeded > 0 ? ExitCodes.PartialFailure : ExitCodes.UsageOrInputError;
    }

    /// <summary>
    /// The articles named by <paramref name="paths"/>: files, *.txt files in folders (recursively) and "-" for standard
    /// input. What is not a regular file (a FIFO, a device, a socket) is skipped with a warning: reading it could block
    /// forever or never end.
    /// </summary>
    internal static List<Input> CollectInputs(CliConsole console, string[] paths, List<string> problems)
    {
        var inputs = new List<Input>();
        foreach (string path in paths)
        {
            if (path == "-")
            {
                inputs.Add(new Input("<stdin>", null, "stdin"));
                continue;
            }
            if (File.Exists(path))
            {
                if (IsRegular(console, path))
                    inputs.Add(new Input(path, path, Path.GetFileNameWithoutExtension(path)));
                continue;
            }
            if (Directory.Exists(path))
            {
                try
                {
                    var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false, MatchCasing = MatchCasing.CaseInsensitive, AttributesToSkip = FileAttributes.Hidden };
                    string[] files = Directory.GetFiles(path, "*.txt", options);
                    Array.Sort(files, StringComparer.Ordinal);
                    foreach (string file in files)
                    {
                        if (!IsRegular(console, file))
                            continue;
                        string relative = Path.GetRelativePath(path, file);
                        string stem = Path.Combine(Path.GetDirectoryName(relative) ?? string.Empty, Path.GetFileNameWithoutExtension(relative));
                        inputs.Add(new Input(file, file, stem));
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    problems.Add($"{path}: cannot list folder: {ex.Message}");
                }
                continue;
            }
            problems.Add($"{path}: no such file or folder.");
        }
        return inputs;
    }

    private static bool IsRegular(CliConsole console, string path)
    {
        string? kind = FileKind.DescribeIfNotRegular(path);
        if (kind is null)
            return true;
        console.Error.WriteLine($"warning: {path}: skipped: {kind}, not a regular file (reading it could wait forever or never end). To read a pipe, send it to standard input: ... | entitygraph extract -");
        return false;
    }

    /// <summary>
    /// The unprocessed document of one article, read on a worker thread; an input that cannot be read throws an
    /// <see cref="InputException"/> with the message to print.
    /// </summary>
    internal static Document Load(WorkItem work, long maxBytes)
    {
        Input input = work.Input;
        if (work.Article is { } line)
            return line.Error is null ? line.ToDocument() : throw new InputException(line.Error);
        ArticleText article;
        try
        {
            article = work.StandardInput is { } read ? read() : ArticleReader.Read(input.Path!, maxBytes);
        }
        catch (ArticleTooLargeException ex)
        {
            throw new InputException(TooLarge(input, ex.Length, maxBytes));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new InputException(ex is InvalidDataException ? ex.Message : $"{input.DisplayName}: cannot read: {ex.Message}");
        }
        // The id is the input's path below its folder ("sub/story"), so documents from different sub-folders stay apart.
        var document = new Document(article.Text, input.OutputStem.Replace('\\', '/'));
        foreach (string warning in article.Warnings)
            document.AddWarning(warning);
        return document;
    }

    private static string TooLarge(Input input, long? length, long maxBytes) => length is { } n
        ? $"{input.DisplayName}: {n / 1048576.0:F1} MB is larger than --max-size {maxBytes / 1048576} MB; raise --max-size to process it, or split the file."
        : $"{input.DisplayName}: more than --max-size {maxBytes / 1048576} MB (reading stopped there); raise --max-size to process it, or split the input.";

    private static string? WriteResult(CliConsole console, Result result, string format, string? outDir, DocumentJsonOptions jsonOptions, BratWriterOptions bratOptions,
        Stream? jsonlStream, HashSet<string> written)
    {
        Document document = result.Document!;
        try
        {
            if (format == "jsonl")
            {
                DocumentJson.Write(document, jsonlStream!, jsonOptions);
                jsonlStream!.WriteByte((byte)'\n');
                jsonlStream.Flush();
                return null;
            }
            if (outDir is null)
            {
                if (format == "json")
                    console.Out.WriteLine(DocumentJson.ToJson(document, jsonOptions));
                else if (format == "conllu")
                    console.Out.Write(ConllUWriter.ToConllU(document));
                else
                    console.Out.Write(BratWriter.ToAnn(document, bratOptions));
                return null;
            }
            string stem = Path.Combine(outDir, result.Input.OutputStem);
            string target = stem + format switch { "json" => ".json", "conllu" => ".conllu", _ => ".ann" };
            if (!written.Add(Path.GetFullPath(target)))
                return $"{result.Input.DisplayName}: another input already wrote {target}; rename one of them.";
            string? folder = Path.GetDirectoryName(target);
            if (!string.IsNullOrEmpty(folder))
                Directory.CreateDirectory(folder);
            if (format == "json")
            {
                AtomicFile.Write(target, stream => DocumentJson.Write(document, stream, jsonOptions));
            }
            else if (format == "conllu")
            {
                AtomicFile.WriteAllText(target, ConllUWriter.ToConllU(document));
            }
            else
            {
                AtomicFile.WriteAllText(target, BratWriter.ToAnn(document, bratOptions));
                // brat tools open NAME.ann beside NAME.txt; the decoded text is what the offsets count in.
                string textPath = stem + ".txt";
                if (result.Input.Path is null || !string.Equals(Path.GetFullPath(textPath), Path.GetFullPath(result.Input.Path), StringComparison.Ordinal))
                    AtomicFile.WriteAllText(textPath, document.Text);
            }
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"{result.Input.DisplayName}: cannot write result: {ex.Message}";
        }
    }

    /// <summary>Lets the JSON writer stream UTF-8 into a <see cref="TextWriter"/> (standard output in tests).</summary>
    private sealed class TextWriterStream(TextWriter writer) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => writer.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => writer.Write(Utf8NoBom.GetString(buffer, offset, count));
        public override void Write(ReadOnlySpan<byte> buffer) => writer.Write(Utf8NoBom.GetString(buffer));
    }
}
