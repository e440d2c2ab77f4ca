using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using EntityGraph.Aliases;
using EntityGraph.Output;
using EntityGraph.Relations;
using EntityGraph.Text;
using Spectre.Console;

namespace EntityGraph.Cli;

/// <summary><c>entitygraph extract PATH...</c>: runs the default pipeline over files, folders or standard input.</summary>
internal static class ExtractCommand
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static Command Create(CliConsole console)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Article files (UTF-8 text, or JSON Lines: *.jsonl, one {\"id\", \"text\", \"date\", \"url\", \"title\"} object per line), folders (every *.txt inside, recursively) or '-' for standard input (JSON Lines when it starts with '{').",
            Arity = ArgumentArity.OneOrMore,
        };
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
        var threads = new Option<int>("--threads")
        {
            Description = "Worker threads (default: one per core).",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var maxSize = new Option<int>("--max-size")
        {
            Description = "Refuse inputs larger than this many megabytes (default 20), counted while reading, so standard input or a device that never ends stops there: a news article is a few KB, so a huge input is usually a mistake (a log, a dump) that would take minutes. Raise it to process big files.",
            DefaultValueFactory = _ => 20,
        };
        (Option<string[]> aliases, Option<string[]> relations) = PipelineOptions();
        Option<string> inputFormat = InputFormatOption();
        var minConfidence = new Option<string>("--min-confidence")
        {
            Description = "Leave out relations whose confidence is below this value, from 0 to 1 (default 0: keep all the pipeline asserts). Applies to every format.",
            DefaultValueFactory = _ => "0",
        };
        var command = new Command("extract", "Extract tokens, sentences, entities and relations from English news articles.")
        {
            paths, format, outDir, tokens, threads, maxSize, aliases, relations, minConfidence, inputFormat,
        };
        command.SetAction(parse =>
        {
            Pipeline? pipeline = CreatePipeline(console, parse.GetValue(aliases) ?? [], parse.GetValue(relations) ?? []);
            return pipeline is null ? ExitCodes.UsageOrInputError : Run(
                console,
                pipeline,
                parse.GetValue(paths) ?? [],
                parse.GetValue(format) ?? "json",
                parse.GetValue(outDir),
                parse.GetValue(tokens),
                parse.GetValue(threads),
                parse.GetValue(maxSize),
                parse.GetValue(minConfidence) ?? "0",
                parse.GetValue(inputFormat) ?? "auto");
        });
        return command;
    }

    /// <summary>The <c>--aliases FILE</c> and <c>--relations FILE</c> options (extract and graph).</summary>
    internal static (Option<string[]> Aliases, Option<string[]> Relations) PipelineOptions() =>
        (new Option<string[]>("--aliases")
        {
            Description = "Alias dictionary file (YAML, models/aliases/README.md) loaded on top of the embedded dictionaries; its force: true entries are always tagged. Repeat for more files.",
        },
        new Option<string[]>("--relations")
        {
            Description = "Relation schema file (YAML, models/relations/README.md) loaded on top of the default schema. Repeat for more files.",
        });

    /// <summary>The <c>--input-format auto|text|jsonl</c> option (extract and graph).</summary>
    internal static Option<string> InputFormatOption()
    {
        var option = new Option<string>("--input-format")
        {
            Description = "How to read inputs: auto (default: *.jsonl and *.ndjson files, and standard input that starts with '{', are JSON Lines; the rest is text), text or jsonl.",
            DefaultValueFactory = _ => "auto",
        };
        option.AcceptOnlyFromAmong("auto", "text", "jsonl");
        return option;
    }

    /// <summary>The default pipeline with the user's alias and relation files, or null after printing why they cannot be loaded.</summary>
    internal static Pipeline? CreatePipeline(CliConsole console, string[] aliasFiles, string[] relationFiles)
    {
        var builder = new PipelineBuilder().UseDefaults();
        try
        {
            if (aliasFiles.Length > 0)
                builder.UseAliasResolver(new AliasResolverOptions { Dictionary = AliasDictionary.LoadDefault(aliasFiles) });
            if (relationFiles.Length > 0)
                builder.UseRelationExtractor(RelationSchema.Load(relationFiles));
        }
        catch (Exception ex) when (ex is YamlFileException or InvalidDataException)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"error: cannot read: {ex.Message}");
            return null;
        }
        return builder.Build();
    }

    /// <summary>One article to process: where it came from and where its result goes.</summary>
    internal sealed record Input(string DisplayName, string? Path, string OutputStem);

    internal sealed record Result(Input Input, Document? Document, string? Error);

    private static int Run(CliConsole console, Pipeline pipeline, string[] paths, string format, string? outDir, bool includeTokens, int threads, int maxSizeMegabytes, string minConfidenceText, string inputFormat)
    {
        if (!double.TryParse(minConfidenceText, NumberStyles.Float, CultureInfo.InvariantCulture, out double minConfidence) || !(minConfidence is >= 0 and <= 1))
        {
            console.Error.WriteLine($"error: --min-confidence takes a number from 0 to 1, such as 0.5 (got '{minConfidenceText}').");
            return ExitCodes.UsageOrInputError;
        }
        if (threads < 1)
        {
            console.Error.WriteLine($"error: --threads must be at least 1 (got {threads}).");
            return ExitCodes.UsageOrInputError;
        }
        if (maxSizeMegabytes < 1)
        {
            console.Error.WriteLine($"error: --max-size must be at least 1 (megabytes; got {maxSizeMegabytes}).");
            return ExitCodes.UsageOrInputError;
        }
        long maxBytes = maxSizeMegabytes * 1024L * 1024L;
        var problems = new List<string>();
        List<Input> inputs = CollectInputs(console, paths, problems);
        foreach (string problem in problems)
            console.Error.WriteLine($"error: {problem}");
        if (inputs.Count == 0)
        {
            if (problems.Count == 0)
                console.Error.WriteLine("error: nothing to process: no .txt files found in the given folders, or every input was skipped.");
            return ExitCodes.UsageOrInputError;
        }
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
        int failed = problems.Count;
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
            IEnumerable<Result> results = OrderedParallel.Map(
                ArticleInputs.Expand(console, inputs, inputFormat, maxBytes),
                work => Process(pipeline, work, maxBytes),
                threads,
                threads * 4);

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
                    if (result.Document is null)
                    {
                        console.Error.WriteLine($"error: {result.Error}");
                        failed++;
                        continue;
                    }
                    foreach (string warning in result.Document.Warnings)
                        console.Error.WriteLine($"warning: {warning}");
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

    internal static Result Process(Pipeline pipeline, WorkItem work, long maxBytes)
    {
        Input input = work.Input;
        if (work.Article is { } line)
        {
            if (line.Error is not null)
                return new Result(input, null, line.Error);
            Document fromLine = line.ToDocument();
            pipeline.Process(fromLine);
            return new Result(input, fromLine, null);
        }
        ArticleText article;
        try
        {
            article = work.StandardInput is { } read ? read() : ArticleReader.Read(input.Path!, maxBytes);
        }
        catch (ArticleTooLargeException ex)
        {
            return new Result(input, null, TooLarge(input, ex.Length, maxBytes));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            string message = ex is InvalidDataException ? ex.Message : $"{input.DisplayName}: cannot read: {ex.Message}";
            return new Result(input, null, message);
        }
        // The id is the input's path below its folder ("sub/story"), so documents from different sub-folders stay apart.
        var document = new Document(article.Text, input.OutputStem.Replace('\\', '/'));
        foreach (string warning in article.Warnings)
            document.AddWarning(warning);
        pipeline.Process(document);
        return new Result(input, document, null);
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
