using System.CommandLine;
using EntityGraph.Cli.View;
using EntityGraph.Graphs;

namespace EntityGraph.Cli;

/// <summary><c>entitygraph view PATH... --out DIR</c>: one self-contained HTML page per article, and an index with the merged graph.</summary>
internal static class ViewCommand
{
    public static Command Create(CliConsole console)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Article files (UTF-8 text), folders (every *.txt inside, recursively) or '-' for standard input.",
            Arity = ArgumentArity.OneOrMore,
        };
        var outDir = new Option<string>("--out", "-o")
        {
            Description = "Folder for the pages: NAME.html per input NAME.txt (keeping sub-folders), and index.html with the merged graph when there are several inputs or a folder.",
            Required = true,
        };
        var threads = new Option<int>("--threads") { Description = "Worker threads (default: one per core).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var maxSize = new Option<int>("--max-size")
        {
            Description = "Refuse inputs larger than this many megabytes (default 20).",
            DefaultValueFactory = _ => 20,
        };
        (Option<string[]> aliases, Option<string[]> relations) = ExtractCommand.PipelineOptions();
        var command = new Command("view", "Write HTML pages that show each article's entities, relations and evidence, and the folder's graph. They work offline.")
        {
            paths, outDir, threads, maxSize, aliases, relations,
        };
        command.SetAction(parse =>
        {
            Pipeline? pipeline = ExtractCommand.CreatePipeline(console, parse.GetValue(aliases) ?? [], parse.GetValue(relations) ?? []);
            return pipeline is null ? ExitCodes.UsageOrInputError
                : Run(console, pipeline, parse.GetValue(paths) ?? [], parse.GetValue(outDir)!, parse.GetValue(threads), parse.GetValue(maxSize));
        });
        return command;
    }

    private static int Run(CliConsole console, Pipeline pipeline, string[] paths, string outDir, int threads, int maxSizeMegabytes)
    {
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
        var problems = new List<string>();
        List<ExtractCommand.Input> inputs = ExtractCommand.CollectInputs(console, paths, problems);
        foreach (string problem in problems)
            console.Error.WriteLine($"error: {problem}");
        if (inputs.Count == 0)
        {
            if (problems.Count == 0)
                console.Error.WriteLine("error: nothing to process: no .txt files found in the given folders, or every input was skipped.");
            return ExitCodes.UsageOrInputError;
        }
        try
        {
            Directory.CreateDirectory(outDir);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            console.Error.WriteLine($"error: cannot create output folder '{outDir}': {ex.Message}");
            return ExitCodes.UsageOrInputError;
        }

        bool withIndex = inputs.Count > 1 || paths.Any(Directory.Exists);
        string indexPath = Path.GetFullPath(Path.Combine(outDir, "index.html"));
        var written = new HashSet<string>(StringComparer.Ordinal);
        if (withIndex)
            written.Add(indexPath);
        var graph = new KnowledgeGraph();
        var articles = new List<(string Id, string Href)>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        int failed = problems.Count, succeeded = 0;
        long maxBytes = maxSizeMegabytes * 1024L * 1024L;
        // The same inputs extract reads (text files, folders, JSON Lines, standard input), in order, on every core.
        IEnumerable<ExtractCommand.Result> results = OrderedParallel.Map(
            ArticleInputs.Expand(console, inputs, "auto", maxBytes),
            work => ExtractCommand.Process(pipeline, work, maxBytes),
            threads,
            threads * 4);
        foreach (ExtractCommand.Result result in results)
        {
            if (result.Document is null)
            {
                console.Error.WriteLine($"error: {result.Error}");
                failed++;
                continue;
            }
            Document document = result.Document;
            foreach (string warning in document.Warnings)
                console.Error.WriteLine($"warning: {warning}");
            // Pages keep the input's sub-folders; a link is relative, so the output folder can be moved or zipped.
            string stem = result.Input.OutputStem.Replace('\\', '/');
            string target = Path.GetFullPath(Path.Combine(outDir, stem + ".html"));
            if (!written.Add(target) || (withIndex && !ids.Add(document.Id)))
            {
                console.Error.WriteLine($"error: {result.Input.DisplayName}: another input (or the index) already uses {target}; rename one of them.");
                failed++;
                continue;
            }
            int depth = stem.Count(c => c == '/');
            string? indexHref = withIndex ? string.Concat(Enumerable.Repeat("../", depth)) + "index.html" : null;
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                AtomicFile.WriteAllText(target, HtmlView.Article(document, indexHref));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                console.Error.WriteLine($"error: {result.Input.DisplayName}: cannot write {target}: {ex.Message}");
                failed++;
                continue;
            }
            if (withIndex)
            {
                graph.Add(document);
                articles.Add((document.Id, string.Join('/', stem.Split('/').Select(Uri.EscapeDataString)) + ".html"));
            }
            succeeded++;
        }
        if (withIndex && succeeded > 0)
        {
            try
            {
                AtomicFile.WriteAllText(indexPath, HtmlView.Index(graph, articles));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                console.Error.WriteLine($"error: cannot write {indexPath}: {ex.Message}");
                return ExitCodes.UsageOrInputError;
            }
        }
        console.Error.WriteLine($"{succeeded} page(s) written to {outDir}{(withIndex && succeeded > 0 ? " with index.html" : string.Empty)}, {failed} failed.");
        if (failed == 0)
            return ExitCodes.Ok;
        return succeeded > 0 ? ExitCodes.PartialFailure : ExitCodes.UsageOrInputError;
    }
}
