using System.CommandLine;
using System.Globalization;
using EntityGraph.Evaluation;
using Spectre.Console;

namespace EntityGraph.Cli;

/// <summary><c>entitygraph evaluate --gold DIR [--pred DIR]</c>: scores a brat corpus by ANNOTATION.md section 5.</summary>
internal static class EvaluateCommand
{
    public static Command Create(CliConsole console)
    {
        var gold = new Option<string>("--gold")
        {
            Description = "Folder of gold brat files (NAME.txt + NAME.ann).",
            Required = true,
        };
        var pred = new Option<string?>("--pred")
        {
            Description = "Folder of system brat files (NAME.ann, with NAME.txt or the gold text). Without it, the default pipeline annotates the gold texts.",
        };
        var triples = new Option<bool>("--triples")
        {
            Description = "Also list every relation triple that was missed (gold only) or spurious (system only), per document, each with its sentence: " +
                "for a spurious one the system's evidence (pattern, trigger, modality), for a missed one the gold R line's sentence(s) and where it was lost.",
        };
        var type = new Option<string?>("--type")
        {
            Description = "With --triples, list only relations of this type (captured, deployed_to, ...); implies --triples.",
        };
        var links = new Option<bool>("--links")
        {
            Description = "Also list every system entity whose canonical name is not the gold entity's (wrong or missing links), per document.",
        };
        var command = new Command("evaluate", "Score annotations against a gold brat corpus: mentions (exact, per tag), entities (B-cubed, linking accuracy), relations (triples, per type).")
        {
            gold,
            pred,
            triples,
            type,
            links,
        };
        command.SetAction(parseResult => Run(console, parseResult.GetValue(gold)!, parseResult.GetValue(pred), parseResult.GetValue(triples), parseResult.GetValue(type),
            parseResult.GetValue(links)));
        return command;
    }

    private static int Run(CliConsole console, string goldDir, string? predDir, bool listTriples, string? typeFilter, bool listLinks)
    {
        if (typeFilter is not null && (typeFilter.Length == 0 || typeFilter.Any(char.IsWhiteSpace)))
        {
            console.Error.WriteLine($"error: --type takes one relation type, such as captured (got '{typeFilter}').");
            return ExitCodes.UsageOrInputError;
        }
        listTriples |= typeFilter is not null;
        if (!Directory.Exists(goldDir))
        {
            console.Error.WriteLine($"error: the gold folder '{goldDir}' does not exist.");
            return ExitCodes.UsageOrInputError;
        }
        if (predDir is not null && !Directory.Exists(predDir))
        {
            console.Error.WriteLine($"error: the prediction folder '{predDir}' does not exist.");
            return ExitCodes.UsageOrInputError;
        }
        BratCorpus corpus = BratReader.ReadFolder(goldDir);
        if (corpus.AnnotationFileCount == 0)
        {
            console.Error.WriteLine($"error: the gold folder '{goldDir}' has no .ann files; expected brat standoff pairs NAME.txt + NAME.ann.");
            return ExitCodes.UsageOrInputError;
        }
        var problems = new List<EvaluationProblem>(corpus.Problems);
        var skipped = new List<string>(corpus.SkippedDocuments);
        var pairs = new List<(AnnotatedDocument Gold, AnnotatedDocument Predicted)>();
        // The pipeline's documents, kept for their sentences and relation evidence when triples are listed.
        var documents = new Dictionary<string, Document>(StringComparer.Ordinal);
        Pipeline? pipeline = predDir is null ? Pipeline.CreateDefault() : null;
        foreach (AnnotatedDocument goldDoc in corpus.Documents)
        {
            if (pipeline is not null)
            {
                Document document = pipeline.Process(goldDoc.Text, goldDoc.Id);
                if (listTriples)
                    documents[goldDoc.Id] = document;
                pairs.Add((goldDoc, AnnotatedDocument.FromDocument(document)));
                continue;
            }
            if (ReadPrediction(predDir!, goldDoc, problems) is { } predicted)
                pairs.Add((goldDoc, predicted));
            else
                skipped.Add(goldDoc.Id);
        }
        foreach (EvaluationProblem problem in problems)
            console.Error.WriteLine(problem.ToString());
        if (pairs.Count == 0)
        {
            console.Error.WriteLine("error: no document could be scored.");
            return ExitCodes.UsageOrInputError;
        }
        EvaluationReport report = BratEvaluator.Evaluate(pairs);
        Print(console, report, pipeline);
        if (listTriples)
            TripleListing.Print(console.Out, pairs, documents, typeFilter);
        if (listLinks)
            PrintLinkingErrors(console.Out, report.Total.LinkingErrors);
        if (pipeline is not null)
        {
            Annotations missing = (Annotations.Mentions | Annotations.Entities | Annotations.Relations) & ~pipeline.Assigns;
            if (missing != Annotations.None)
                console.Out.WriteLine($"note: the default pipeline has no stage for {missing} yet, so those scores are 0.");
        }
        if (skipped.Count > 0)
        {
            console.Error.WriteLine($"skipped {skipped.Count} document(s) because of the errors above: {string.Join(", ", skipped)}");
            return ExitCodes.PartialFailure;
        }
        return ExitCodes.Ok;
    }

    private static AnnotatedDocument? ReadPrediction(string predDir, AnnotatedDocument gold, List<EvaluationProblem> problems)
    {
        string ann = Path.Combine(predDir, gold.Id + ".ann");
        if (!File.Exists(ann))
        {
            // A system that found nothing may write no file; score it as empty rather than fail.
            problems.Add(new EvaluationProblem(ann, 0, 0, "no prediction file: scored as finding nothing", ProblemSeverity.Note));
            return new AnnotatedDocument(gold.Id, gold.Text, [], []);
        }
        string txt = Path.Combine(predDir, gold.Id + ".txt");
        if (File.Exists(txt) && !string.Equals(File.ReadAllText(txt), gold.Text, StringComparison.Ordinal))
        {
            problems.Add(new EvaluationProblem(txt, 0, 0, "the text differs from the gold text, so offsets cannot be compared"));
            return null;
        }
        BratReadResult result = BratReader.Parse(gold.Id, gold.Text, File.ReadAllText(ann), ann);
        problems.AddRange(result.Problems);
        return result.Document;
    }

    private static void Print(CliConsole console, EvaluationReport report, Pipeline? pipeline)
    {
        // Colours only on a real terminal: a file, a pipe or a test's StringWriter gets plain text.
        bool terminal = ReferenceEquals(console.Out, Console.Out) && !Console.IsOutputRedirected;
        IAnsiConsole ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(console.Out),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        ansi.Profile.Width = Math.Max(ansi.Profile.Width, 110);
        string title = pipeline is null ? "Predictions against gold" : $"Default pipeline ({string.Join(", ", pipeline.Stages)}) against gold";
        var table = new Table().Title(Markup.Escape(title));
        table.AddColumns("document", "mentions P", "R", "F1", "gold", "found", "entities B3 F1", "relations P", "R", "F1");
        for (int i = 1; i < 10; i++)
            table.Columns[i].RightAligned();
        foreach (EvaluationScores d in report.Documents)
            AddRow(table, d, Markup.Escape(d.Id));
        AddRow(table, report.Total, "[bold]total[/]");
        ansi.Write(table);

        ansi.Write(PrfTable("Mentions per tag (all documents)", "tag", report.Total.MentionsByTag));
        ansi.Write(PrfTable("Relations per type (all documents)", "type", report.Total.RelationsByType));
        LinkingScore linking = report.Total.Linking;
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Linking: {Pct(linking.Accuracy)}% of {linking.Entities} system entities carry the gold canonical name; wrong dictionary links (named by none of their mentions) {Pct(linking.WrongDictionaryShare)}% ({linking.WrongDictionaryLinks})."));
        console.Out.WriteLine("Scores in percent. Mentions: exact start, end and tag. Entities: B-cubed over the mentions both sides found " +
            "(a mention without an N line is an entity of its own). Relations: document-level triples after mapping each system entity " +
            "to the gold entity holding most of its mentions; held_talks_with in either order.");
    }

    private static void PrintLinkingErrors(TextWriter output, IReadOnlyList<LinkingError> errors)
    {
        output.WriteLine();
        output.WriteLine($"Entities named otherwise than the gold ({errors.Count}); 'renamed': a dictionary link to a name none of the mentions use:");
        foreach (LinkingError e in errors)
        {
            output.WriteLine($"  {e.Document}: '{e.SystemName}' for gold '{e.GoldName}'{(e.Renamed ? " (renamed)" : string.Empty)}; mentions: " +
                string.Join(" | ", e.Mentions));
        }
    }

    private static Table PrfTable(string title, string key, IReadOnlyDictionary<string, PrfScore> scores)
    {
        var table = new Table().Title(title);
        table.AddColumns(key, "P", "R", "F1", "gold", "found");
        for (int i = 1; i < 6; i++)
            table.Columns[i].RightAligned();
        foreach ((string name, PrfScore s) in scores)
            table.AddRow(Markup.Escape(name), Pct(s.Precision), Pct(s.Recall), Pct(s.F1), Num(s.Gold), Num(s.Predicted));
        return table;
    }

    private static void AddRow(Table table, EvaluationScores s, string name) =>
        table.AddRow(name, Pct(s.Mentions.Precision), Pct(s.Mentions.Recall), Pct(s.Mentions.F1), Num(s.Mentions.Gold), Num(s.Mentions.Predicted),
            s.Entities.Mentions == 0 ? "-" : Pct(s.Entities.F1), Pct(s.Relations.Precision), Pct(s.Relations.Recall), Pct(s.Relations.F1));

    private static string Pct(double value) => (100 * value).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);
}
