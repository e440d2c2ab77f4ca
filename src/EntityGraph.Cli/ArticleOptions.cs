using System.CommandLine;
using System.Runtime.ExceptionServices;

namespace EntityGraph.Cli;

/// <summary>
/// What every command that reads articles takes (the inputs, <c>--threads</c>, <c>--max-size</c>,
/// <c>--input-format</c> and the pipeline options), and the one way they are read and processed.
/// </summary>
internal sealed class ArticleOptions
{
    /// <summary>The limit a command applies when the user gives no <c>--max-size</c>.</summary>
    public const int DefaultMaxSizeMegabytes = 20;

    public ArticleOptions(string name, string description)
    {
        Paths = new Argument<string[]>(name) { Description = description, Arity = ArgumentArity.OneOrMore };
        Threads.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is var n and < 1)
                result.AddError($"--threads must be at least 1 (got {n}).");
        });
        MaxSize.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is var n and < 1)
                result.AddError($"--max-size must be at least 1 (megabytes; got {n}).");
        });
        InputFormat.AcceptOnlyFromAmong("auto", "text", "jsonl");
    }

    public Argument<string[]> Paths { get; }

    public Option<int> Threads { get; } = new("--threads")
    {
        Description = "Worker threads (default: one per core).",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    public Option<int> MaxSize { get; } = new("--max-size")
    {
        Description = "Refuse inputs larger than this many megabytes (default 20), counted while reading, so standard input or a device that never ends stops there: a news article is a few KB, so a huge input is usually a mistake (a log, a dump) that would take minutes. Raise it to process big files.",
        DefaultValueFactory = _ => DefaultMaxSizeMegabytes,
    };

    public Option<string> InputFormat { get; } = new("--input-format")
    {
        Description = "How to read inputs: auto (default: *.jsonl and *.ndjson files, and standard input that starts with '{', are JSON Lines; the rest is text), text or jsonl.",
        DefaultValueFactory = _ => "auto",
    };

    public PipelineOptions Pipeline { get; } = new();

    public void AddTo(Command command)
    {
        command.Add(Paths);
        command.Add(Threads);
        command.Add(MaxSize);
        command.Add(InputFormat);
        Pipeline.AddTo(command);
    }

    /// <summary>
    /// The inputs the paths name, after printing what is wrong with the others; null (after saying so) when nothing is
    /// left to process.
    /// </summary>
    /// <param name="parse">The command line.</param>
    /// <param name="console">Where problems are printed.</param>
    /// <param name="pipeline">The pipeline the batch runs.</param>
    /// <param name="nothing">The start of the message for no inputs ("nothing to process").</param>
    public ArticleBatch? Collect(ParseResult parse, CliConsole console, Pipeline pipeline, string nothing = "nothing to process")
    {
        var problems = new List<string>();
        List<ExtractCommand.Input> inputs = ExtractCommand.CollectInputs(console, parse.GetValue(Paths) ?? [], problems);
        foreach (string problem in problems)
            console.Error.WriteLine($"error: {problem}");
        if (inputs.Count == 0)
        {
            if (problems.Count == 0)
                console.Error.WriteLine($"error: {nothing}: no .txt files found in the given folders, or every input was skipped.");
            return null;
        }
        return new ArticleBatch(console, pipeline, inputs, problems.Count, parse.GetValue(InputFormat) ?? "auto",
            parse.GetValue(MaxSize) * 1024L * 1024L, parse.GetValue(Threads));
    }
}

/// <summary>The collected inputs of one command run, and the pipeline that processes them.</summary>
internal sealed class ArticleBatch(CliConsole console, Pipeline pipeline, List<ExtractCommand.Input> inputs, int problems, string inputFormat, long maxBytes, int threads)
{
    public List<ExtractCommand.Input> Inputs => inputs;

    /// <summary>Paths that named nothing readable (already reported); they count as failed.</summary>
    public int Problems => problems;

    public string InputFormat => inputFormat;

    /// <summary>Articles <see cref="Results"/> left out because the skip test said so.</summary>
    public int Skipped { get; private set; }

    /// <summary>
    /// Every article of the inputs with its document or error, in input order, processed on <c>--threads</c> workers
    /// (<see cref="Pipeline.ProcessMany{TInput}"/>). A failure that is not the input's (a bug in a stage) is rethrown.
    /// </summary>
    /// <param name="skip">Tested on the caller's thread before an article is processed; true leaves it out.</param>
    public IEnumerable<ExtractCommand.Result> Results(Func<WorkItem, bool>? skip = null)
    {
        IEnumerable<WorkItem> work = ArticleInputs.Expand(console, inputs, inputFormat, maxBytes);
        if (skip is not null)
        {
            work = work.Where(item =>
            {
                if (!skip(item))
                    return true;
                Skipped++;
                return false;
            });
        }
        foreach (DocumentResult<WorkItem> result in pipeline.ProcessMany(work, item => ExtractCommand.Load(item, maxBytes), threads))
        {
            if (result.Succeeded)
                yield return new ExtractCommand.Result(result.Input.Input, result.Document, null);
            else if (result.Error is InputException input)
                yield return new ExtractCommand.Result(result.Input.Input, null, input.Message);
            else
                ExceptionDispatchInfo.Throw(result.Error);
        }
    }
}

/// <summary>An input that cannot be read (too large, missing, binary, a bad JSON line): reported, and the batch goes on.</summary>
internal sealed class InputException(string message) : Exception(message);
