using System.CommandLine;
using EntityGraph.Cli.View;
using EntityGraph.Graphs;

namespace EntityGraph.Cli;

/// <summary><c>entitygraph view PATH... --out DIR</c>: one self-contained HTML page per article, and an index with the merged graph.</summary>
internal static class ViewCommand
{
    public static Command Create(CliConsole console)
    {
        var articles = new ArticleOptions("PATH", "Article files (UTF-8 text, or JSON Lines), folders (every *.txt inside, recursively) or '-' for standard input.");
        var outDir = new Option<string>("--out", "-o")
        {
            Description = "Folder for the pages: NAME.html per input NAME.txt (keeping sub-folders), and index.html with the merged graph when there are several inputs or a folder.",
            Required = true,
        };
        var command = new Command("view", "Write HTML pages that show each article's entities, relations and evidence, and the folder's graph. They work offline.")
        {
            outDir,
        };
        articles.AddTo(command);
        command.SetAction(parse =>
        {
            Pipeline? pipeline = articles.Pipeline.Build(parse, console);
            if (pipeline is null || articles.Collect(parse, console, pipeline) is not { } batch)
                return ExitCodes.UsageOrInputError;
            return Run(console, batch, parse.GetValue(articles.Paths) ?? [], parse.GetValue(outDir)!);
        });
        return command;
    }

    private static int Run(CliConsole console, ArticleBatch batch, string[] paths, string outDir)
    {
        List<ExtractCommand.Input> inputs = batch.Inputs;
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
        int failed = batch.Problems, succeeded = 0;
        // The same inputs extract reads (text files, folders, JSON Lines, standard input), in order, on every core.
        foreach (ExtractCommand.Result result in batch.Results())
        {
            if (!result.Report(console))
            {
                failed++;
                continue;
            }
            Document document = result.Document;
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
