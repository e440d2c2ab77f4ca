using System.CommandLine;
using EntityGraph.Graphs;

namespace EntityGraph.Cli;

/// <summary>
/// <c>entitygraph graph merge A.json B.json ...</c>: one graph from the graphs of a corpus's shards (each made by
/// <c>graph ... --format json</c> on a different machine or process).
/// </summary>
internal static class GraphMergeCommand
{
    public static Command Create(CliConsole console)
    {
        var files = new Argument<string[]>("GRAPH")
        {
            Description = "Graph files (entitygraph.graph/1 JSON) of disjoint shards of one corpus.",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "Graph format: json (entitygraph.graph/1), graphml or dot.",
            DefaultValueFactory = _ => "json",
        };
        format.AcceptOnlyFromAmong("json", "graphml", "dot");
        var output = new Option<string?>("--out", "-o") { Description = "Write the merged graph to this file instead of standard output." };
        var command = new Command("merge", "Merge the graphs of shards (disjoint sets of documents) into one; the result is the graph of the whole corpus.")
        {
            files, format, output,
        };
        command.SetAction(parse => Run(console, parse.GetValue(files) ?? [], parse.GetValue(format) ?? "json", parse.GetValue(output)));
        return command;
    }

    private static int Run(CliConsole console, string[] files, string format, string? outFile)
    {
        var merged = new KnowledgeGraph();
        foreach (string file in files)
        {
            KnowledgeGraph shard;
            try
            {
                using FileStream stream = File.OpenRead(file);
                shard = KnowledgeGraph.ReadJson(stream, file);
                merged.Merge(shard);
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                console.Error.WriteLine($"error: {file}: no such file.");
                return ExitCodes.UsageOrInputError;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                console.Error.WriteLine($"error: {file}: cannot read: {ex.Message}");
                return ExitCodes.UsageOrInputError;
            }
            catch (InvalidDataException ex)
            {
                console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.UsageOrInputError;
            }
            catch (ArgumentException ex)
            {
                console.Error.WriteLine($"error: {file}: {ex.Message.Split(" (Parameter")[0]}");
                return ExitCodes.UsageOrInputError;
            }
        }
        int written = GraphCommand.WriteGraph(console, merged, format, outFile);
        if (written != ExitCodes.Ok)
            return written;
        console.Error.WriteLine($"{files.Length} graph(s) merged: {merged.DocumentCount} document(s), {merged.Nodes.Count} entities, {merged.Edges.Count} relations.");
        return ExitCodes.Ok;
    }
}
