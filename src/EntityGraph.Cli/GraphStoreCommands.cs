using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EntityGraph.Graphs;
using EntityGraph.Text;

namespace EntityGraph.Cli;

/// <summary>
/// <c>entitygraph graph add|query|export --db FILE</c>: a persistent graph in one SQLite file (<see cref="GraphStore"/>)
/// that grows as articles arrive and answers questions over time.
/// </summary>
internal static class GraphStoreCommands
{
    private static Option<string> DbOption() => new("--db")
    {
        Description = "The graph store: one SQLite file, created when missing.",
        Required = true,
    };

    public static IEnumerable<Command> Create(CliConsole console)
    {
        yield return Add(console);
        yield return Query(console);
        yield return Export(console);
    }

    private static Command Add(CliConsole console)
    {
        var articles = new ArticleOptions("INPUT", "Article files (text or JSON Lines), folders (every *.txt inside) or '-' for standard input.");
        Option<string> db = DbOption();
        var command = new Command("add", "Extract articles and add them to the store: an article already stored with the same text and metadata is skipped, a changed one replaces its old contribution; one transaction per article.")
        {
            db,
        };
        articles.AddTo(command);
        command.SetAction(parse =>
        {
            using GraphStore? store = OpenStore(console, parse.GetValue(db)!);
            if (store is null)
                return ExitCodes.UsageOrInputError;
            Pipeline? pipeline = articles.Pipeline.Build(parse, console);
            if (pipeline is null || articles.Collect(parse, console, pipeline, "nothing to add") is not { } batch)
                return ExitCodes.UsageOrInputError;
            return RunAdd(console, store, batch);
        });
        return command;
    }

    private static GraphStore? OpenStore(CliConsole console, string path)
    {
        try
        {
            return GraphStore.Open(path);
        }
        catch (GraphStoreException ex)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            return null;
        }
    }

    /// <summary>The store at <paramref name="path"/> for reading, or null after saying it does not exist or cannot be opened.</summary>
    private static GraphStore? OpenExisting(CliConsole console, string path)
    {
        if (File.Exists(path))
            return OpenStore(console, path);
        console.Error.WriteLine($"error: {path}: no such store; create it with 'entitygraph graph add INPUT... --db {path}'.");
        return null;
    }

    private static int RunAdd(CliConsole console, GraphStore store, ArticleBatch batch)
    {
        int failed = batch.Problems, added = 0, replaced = 0;
        // An article line already stored unchanged is not extracted again: re-adding a day's feed is cheap. The test
        // runs on this thread, the one that writes to the store.
        IEnumerable<ExtractCommand.Result> results = batch.Results(work =>
            work.Article is { Text: { } text, Id: { } id } line && store.IsStored(id, GraphStore.Hash(text, line.Date, line.Url, line.Title)));
        int unchanged = 0;
        try
        {
            foreach (ExtractCommand.Result result in results)
            {
                if (!result.Report(console))
                {
                    failed++;
                    continue;
                }
                switch (store.Add(result.Document))
                {
                    case StoreAddOutcome.Added:
                        added++;
                        break;
                    case StoreAddOutcome.Replaced:
                        replaced++;
                        break;
                    default:
                        unchanged++;
                        break;
                }
            }
        }
        catch (GraphStoreException ex)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            console.Error.WriteLine($"{added} document(s) added and {replaced} replaced before the error; they are committed.");
            return ExitCodes.UsageOrInputError;
        }
        unchanged += batch.Skipped;
        console.Error.WriteLine($"{added} added, {replaced} replaced, {unchanged} unchanged, {failed} failed; the store holds {store.DocumentCount} document(s).");
        if (failed == 0)
            return ExitCodes.Ok;
        return added + replaced + unchanged > 0 ? ExitCodes.PartialFailure : ExitCodes.UsageOrInputError;
    }

    private sealed record Filters(Option<string?> Entity, Option<string?> Type, Option<string?> From, Option<string?> To, Option<string?> Evidence)
    {
        public static Filters Create()
        {
            var filters = new Filters(
                new Option<string?>("--entity") { Description = "An entity by id (islamic_state), name or any name it was mentioned by (case-insensitive), as subject or object." },
                new Option<string?>("--type") { Description = "A relation type (captured, deployed_to, held_talks_with, attacked, located_in, affiliated_with...)." },
                new Option<string?>("--from") { Description = "First article date, inclusive (2014-06-01)." },
                new Option<string?>("--to") { Description = "Last article date, inclusive (2014-06-30)." },
                new Option<string?>("--evidence") { Description = "Text the evidence sentence contains." });
            foreach (Option<string?> date in new[] { filters.From, filters.To })
            {
                date.Validators.Add(result =>
                {
                    if (result.GetValueOrDefault<string?>() is { } text && !JsonLinesReader.TryParseDate(text, out _))
                        result.AddError($"{date.Name} takes a date such as 2014-06-01 (got '{text}').");
                });
            }
            return filters;
        }

        public IEnumerable<Option> All => [Entity, Type, From, To, Evidence];

        /// <summary>The query the filters describe; the validators have checked the dates.</summary>
        public GraphQuery Read(ParseResult parse, int limit) => new()
        {
            Entity = parse.GetValue(Entity),
            Type = parse.GetValue(Type),
            From = Day(parse.GetValue(From)),
            To = Day(parse.GetValue(To)),
            Evidence = parse.GetValue(Evidence),
            Limit = limit,
        };

        private static DateOnly? Day(string? text) => text is not null && JsonLinesReader.TryParseDate(text, out DateOnly day) ? day : null;
    }

    private static Command Query(CliConsole console)
    {
        Option<string> db = DbOption();
        Filters filters = Filters.Create();
        var format = new Option<string>("--format", "-f") { Description = "table (default), json or csv.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        var limit = new Option<int>("--limit") { Description = "At most this many rows (default 1000).", DefaultValueFactory = _ => 1000 };
        var command = new Command("query", "List relation statements from the store, one row per article and evidence sentence, by date.") { db, format, limit };
        foreach (Option option in filters.All)
            command.Add(option);
        command.SetAction(parse =>
        {
            GraphQuery query = filters.Read(parse, Math.Max(1, parse.GetValue(limit)));
            using GraphStore? store = OpenExisting(console, parse.GetValue(db)!);
            if (store is null)
                return ExitCodes.UsageOrInputError;
            IReadOnlyList<StoredRelation> rows;
            try
            {
                rows = store.Query(query);
            }
            catch (GraphStoreException ex)
            {
                console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.UsageOrInputError;
            }
            WriteRows(console.Out, rows, parse.GetValue(format) ?? "table");
            console.Error.WriteLine($"{rows.Count} row(s).");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteRows(TextWriter output, IReadOnlyList<StoredRelation> rows, string format)
    {
        static string Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;
        if (format == "json")
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                w.WriteStartArray();
                foreach (StoredRelation r in rows)
                {
                    w.WriteStartObject();
                    w.WriteString("date", r.Date is null ? null : Day(r.Date));
                    w.WriteString("type", r.Type);
                    w.WriteString("subject", r.SubjectId);
                    w.WriteString("subjectName", r.SubjectName);
                    w.WriteString("object", r.ObjectId);
                    w.WriteString("objectName", r.ObjectName);
                    w.WriteString("article", r.DocumentId);
                    w.WriteString("evidence", r.Sentence);
                    w.WriteNumber("sentenceStart", r.SentenceStart);
                    w.WriteNumber("sentenceEnd", r.SentenceEnd);
                    w.WriteNumber("confidence", r.Confidence);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            output.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            return;
        }
        if (format == "csv")
        {
            output.WriteLine("date,type,subject,subject_name,object,object_name,article,evidence");
            foreach (StoredRelation r in rows)
                output.WriteLine(string.Join(',', new[] { Day(r.Date), r.Type, r.SubjectId, r.SubjectName, r.ObjectId, r.ObjectName, r.DocumentId, r.Sentence }.Select(Csv)));
            return;
        }
        output.WriteLine("date        type             subject -> object                          article     evidence");
        foreach (StoredRelation r in rows)
        {
            string pair = $"{r.SubjectName} -> {r.ObjectName}";
            output.WriteLine($"{Day(r.Date),-11} {r.Type,-16} {pair,-42} {r.DocumentId,-11} {OneLine(r.Sentence)}");
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static string Csv(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    private static Command Export(CliConsole console)
    {
        Option<string> db = DbOption();
        Filters filters = Filters.Create();
        var format = new Option<string>("--format", "-f") { Description = "Graph format: json (entitygraph.graph/1), graphml or dot.", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "graphml", "dot");
        var output = new Option<string?>("--out", "-o") { Description = "Write the graph to this file instead of standard output." };
        var command = new Command("export", "Write the stored graph (or the part the filters select) as JSON, GraphML or DOT.") { db, format, output };
        foreach (Option option in filters.All)
            command.Add(option);
        command.SetAction(parse =>
        {
            GraphQuery query = filters.Read(parse, int.MaxValue);
            using GraphStore? store = OpenExisting(console, parse.GetValue(db)!);
            if (store is null)
                return ExitCodes.UsageOrInputError;
            KnowledgeGraph graph;
            try
            {
                graph = store.ToGraph(query);
            }
            catch (GraphStoreException ex)
            {
                console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.UsageOrInputError;
            }
            int code = GraphCommand.WriteGraph(console, graph, parse.GetValue(format) ?? "json", parse.GetValue(output));
            if (code == ExitCodes.Ok)
                console.Error.WriteLine($"{graph.DocumentCount} document(s), {graph.Nodes.Count} entities, {graph.Edges.Count} relations.");
            return code;
        });
        return command;
    }
}
