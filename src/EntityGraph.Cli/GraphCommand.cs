using System.CommandLine;
using System.Text;
using EntityGraph.Graphs;

namespace EntityGraph.Cli;

/// <summary><c>entitygraph graph PATH... --format graphml|dot|json</c>: one cross-document graph for a corpus.</summary>
internal static class GraphCommand
{
    public static Command Create(CliConsole console)
    {
        var articles = new ArticleOptions("PATH", "Article files (text, or JSON Lines: *.jsonl, one {\"id\", \"text\", \"date\", \"url\", \"title\"} per line), folders (every *.txt inside, recursively) or '-' for standard input.");
        var format = new Option<string>("--format", "-f")
        {
            Description = "Graph format: json (entitygraph.graph/1), graphml (yEd, Gephi, NetworkX) or dot (Graphviz).",
            DefaultValueFactory = _ => "json",
        };
        format.AcceptOnlyFromAmong("json", "graphml", "dot");
        var output = new Option<string?>("--out", "-o") { Description = "Write the graph to this file instead of standard output." };
        var command = new Command("graph", "Extract every article and merge the entities and relations into one graph with stable entity ids.")
        {
            format, output,
        };
        articles.AddTo(command);
        command.Add(GraphMergeCommand.Create(console));
        foreach (Command store in GraphStoreCommands.Create(console))
            command.Add(store);
        command.SetAction(parse =>
        {
            Pipeline? pipeline = articles.Pipeline.Build(parse, console);
            if (pipeline is null || articles.Collect(parse, console, pipeline) is not { } batch)
                return ExitCodes.UsageOrInputError;
            return Run(console, batch, parse.GetValue(format) ?? "json", parse.GetValue(output));
        });
        return command;
    }

    private static int Run(CliConsole console, ArticleBatch batch, string format, string? outFile)
    {
        var graph = new KnowledgeGraph();
        int failed = batch.Problems, added = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (ExtractCommand.Result result in batch.Results())
        {
            if (!result.Report(console))
            {
                failed++;
                continue;
            }
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
