using System.CommandLine;
using System.Text;
using EntityGraph.Graphs;

namespace EntityGraph.Cli;

/// <summary><c>entitygraph graph PATH... --format graphml|dot|json</c>: one cross-document graph for a corpus.</summary>
internal static class GraphCommand
{
    public static Command Create(CliConsole console)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Article files (text, or JSON Lines: *.jsonl, one {\"id\", \"text\", \"date\", \"url\", \"title\"} per line), folders (every *.txt inside, recursively) or '-' for standard input.",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "Graph format: json (entitygraph.graph/1), graphml (yEd, Gephi, NetworkX) or dot (Graphviz).",
            DefaultValueFactory = _ => "json",
        };
        format.AcceptOnlyFromAmong("json", "graphml", "dot");
        var output = new Option<string?>("--out", "-o") { Description = "Write the graph to this file instead of standard output." };
        var threads = new Option<int>("--threads") { Description = "Worker threads (default: one per core).", DefaultValueFactory = _ => Environment.ProcessorCount };
        (Option<string[]> aliases, Option<string[]> relations) = ExtractCommand.PipelineOptions();
        Option<string> inputFormat = ExtractCommand.InputFormatOption();
        var command = new Command("graph", "Extract every article and merge the entities and relations into one graph with stable entity ids.")
        {
            paths, format, output, threads, aliases, relations, inputFormat,
        };
        command.Add(GraphMergeCommand.Create(console));
        foreach (Command store in GraphStoreCommands.Create(console))
            command.Add(store);
        command.SetAction(parse =>
        {
            Pipeline? pipeline = ExtractCommand.CreatePipeline(console, parse.GetValue(aliases) ?? [], parse.GetValue(relations) ?? []);
            return pipeline is null ? ExitCodes.UsageOrInputError
                : Run(console, pipeline, parse.GetValue(paths) ?? [], parse.GetValue(format) ?? "json", parse.GetValue(output), parse.GetValue(threads), parse.GetValue(inputFormat) ?? "auto");
        });
        return command;
    }

    private static int Run(CliConsole console, Pipeline pipeline, string[] paths, string format, string? outFile, int threads, string inputFormat)
    {
        if (threads < 1)
        {
            console.Error.WriteLine($"error: --threads must be at least 1 (got {threads}).");
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
        var graph = new KnowledgeGraph();
        int failed = problems.Count, added = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        const long maxBytes = 20L * 1024 * 1024;
        IEnumerable<ExtractCommand.Result> results = OrderedParallel.Map(
            ArticleInputs.Expand(console, inputs, inputFormat, maxBytes),
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
            foreach (string warning in result.Document.Warnings)
                console.Error.WriteLine($"warning: {warning}");
            if (!seen.Add(result.Document.Id))
            {
                console.Error.WriteLine($"error: {result.Input.DisplayName}: another input has the document id '{result.Document.Id}'.");
                failed++;
                continue;
            }
            graph.Add(result.Document);
            added++;
        }
        int written = WriteGraph(console, graph, format, outFile);
        if (written != ExitCodes.Ok)
            return written;
        console.Error.WriteLine($"{added} document(s) in the graph ({graph.Nodes.Count} entities, {graph.Edges.Count} relations), {failed} failed.");
        if (failed == 0)
            return ExitCodes.Ok;
        return added > 0 ? ExitCodes.PartialFailure : ExitCodes.UsageOrInputError;
    }

    /// <summary>Writes a graph as json, graphml or dot to a file (atomically) or standard output.</summary>
    internal static int WriteGraph(CliConsole console, KnowledgeGraph graph, string format, string? outFile)
    {
        try
        {
            // A file is written under a temporary name and renamed when complete, so a failure leaves no half file.
            using Stream stream = outFile is null ? new MemoryStream() : AtomicFile.Create(outFile);
            if (format == "json")
                graph.WriteJson(stream);
            else if (format == "graphml")
                GraphExport.WriteGraphML(graph, stream);
            else
            {
                using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
                GraphExport.WriteDot(graph, writer);
            }
            if (stream is MemoryStream memory)
                console.Out.Write(Encoding.UTF8.GetString(memory.GetBuffer(), 0, (int)memory.Length));
            else
                ((AtomicFile.AtomicStream)stream).Commit();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"error: cannot write {outFile}: {ex.Message}");
            return ExitCodes.UsageOrInputError;
        }
        return ExitCodes.Ok;
    }
}
