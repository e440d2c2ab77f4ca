using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EntityGraph.Aliases;

namespace EntityGraph.Cli;

/// <summary>
/// <c>entitygraph aliases build|check|eval</c>: generates the default alias dictionaries from ../shared/data,
/// validates dictionary files, and scores alias resolution (entity B-cubed) on gold mentions.
/// </summary>
internal static class AliasesCommand
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static Command Create(CliConsole console)
    {
        var command = new Command("aliases", "Build, check and evaluate alias dictionaries (YAML).");
        command.Add(CreateBuild(console));
        command.Add(CreateCheck(console));
        command.Add(CreateEval(console));
        return command;
    }

    private static Command CreateBuild(CliConsole console)
    {
        var data = new Option<string>("--data") { Description = "The shared data folder (holds gazetteers/ and petrarch/).", DefaultValueFactory = _ => "../shared/data" };
        var outDir = new Option<string>("--out", "-o") { Description = "Where to write countries.yaml, cities.yaml and petrarch.yaml.", DefaultValueFactory = _ => "models/aliases" };
        var minPopulation = new Option<int>("--min-population") { Description = "Smallest city (GeoNames population) to include.", DefaultValueFactory = _ => 200_000 };
        var build = new Command("build", "Generate the default dictionaries from GeoNames, world-countries, ISO 3166, WordNet demonyms and PETRARCH actors.") { data, outDir, minPopulation };
        build.SetAction(parse => AliasDictionaryBuilder.Run(console, parse.GetValue(data)!, parse.GetValue(outDir)!, parse.GetValue(minPopulation)));
        return build;
    }

    private static Command CreateCheck(CliConsole console)
    {
        var files = new Argument<string[]>("FILE") { Description = "Dictionary files, merged in this order.", Arity = ArgumentArity.OneOrMore };
        var withDefaults = new Option<bool>("--with-defaults") { Description = "Merge the files on top of the embedded defaults." };
        var check = new Command("check", "Validate alias dictionaries: report the first error with file, line and column.") { files, withDefaults };
        check.SetAction(parse =>
        {
            string[] paths = parse.GetValue(files) ?? [];
            foreach (string path in paths)
            {
                if (!File.Exists(path))
                {
                    console.Error.WriteLine($"error: {path}: no such file.");
                    return ExitCodes.UsageOrInputError;
                }
            }
            try
            {
                AliasDictionary dictionary = parse.GetValue(withDefaults) ? AliasDictionary.LoadDefault(paths) : AliasDictionary.Load(paths);
                console.Out.WriteLine($"ok: {paths.Length} file(s), {dictionary.Entries.Count:N0} entities, {dictionary.AliasCount:N0} forms.");
                return ExitCodes.Ok;
            }
            catch (AliasDictionaryException ex)
            {
                console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.UsageOrInputError;
            }
        });
        return check;
    }

    private static Command CreateEval(CliConsole console)
    {
        var seeds = new Option<string?>("--seeds") { Description = "A folder of brat .txt/.ann files with T and N lines (e.g. benchmarks/corpus/seeds)." };
        var redocred = new Option<string?>("--redocred") { Description = "Re-DocRED JSON (e.g. ../shared/data/re-docred/dev_revised.json): vertexSet clusters of named mentions." };
        var dictionaries = new Option<string[]>("--dictionary") { Description = "Extra dictionary files on top of the defaults.", Arity = ArgumentArity.ZeroOrMore };
        var noDefaults = new Option<bool>("--no-defaults") { Description = "Leave out the embedded dictionaries (in-document evidence and --dictionary files only)." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "List every mention whose B-cubed precision or recall is below 1." };
        var eval = new Command("eval", "Entity B-cubed of alias resolution on gold mentions, overall and per link reason.") { seeds, redocred, dictionaries, noDefaults, verbose };
        eval.SetAction(parse => AliasEvaluation.Run(console, parse.GetValue(seeds), parse.GetValue(redocred), parse.GetValue(dictionaries) ?? [], parse.GetValue(noDefaults), parse.GetValue(verbose)));
        return eval;
    }

    /// <summary>Quotes a YAML scalar (always double-quoted, so no value is read as a number, bool or null).</summary>
    internal static string Quote(string value)
    {
        var b = new StringBuilder(value.Length + 2).Append('"');
        foreach (char c in value)
        {
            if (c is '"' or '\\')
                b.Append('\\').Append(c);
            else if (c < ' ')
                b.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
            else
                b.Append(c);
        }
        return b.Append('"').ToString();
    }

    internal static void WriteFile(string path, string header, IEnumerable<GeneratedEntry> entries)
    {
        using AtomicFile.AtomicStream file = AtomicFile.Create(path);
        using (var writer = new StreamWriter(file, Utf8NoBom, leaveOpen: true))
            WriteEntries(writer, header, entries);
        file.Commit();
    }

    private static void WriteEntries(StreamWriter writer, string header, IEnumerable<GeneratedEntry> entries)
    {
        writer.NewLine = "\n";
        writer.Write(header);
        writer.WriteLine("entities:");
        foreach (GeneratedEntry e in entries)
        {
            writer.WriteLine($"  - id: {e.Id}");
            writer.WriteLine($"    name: {Quote(e.Name)}");
            writer.WriteLine($"    type: {e.Type}");
            WriteList(writer, "aliases", e.Aliases);
            WriteList(writer, "acronyms", e.Acronyms);
            WriteList(writer, "demonyms", e.Demonyms);
            WriteList(writer, "metonyms", e.Metonyms);
        }
    }

    private static void WriteList(StreamWriter writer, string key, List<string> values)
    {
        if (values.Count == 0)
            return;
        writer.Write($"    {key}: [");
        for (int i = 0; i < values.Count; i++)
        {
            if (i > 0)
                writer.Write(", ");
            writer.Write(Quote(values[i]));
        }
        writer.WriteLine("]");
    }

    internal sealed class GeneratedEntry(string id, string name, string type)
    {
        public string Id { get; } = id;
        public string Name { get; } = name;
        public string Type { get; } = type;
        public List<string> Aliases { get; } = [];
        public List<string> Acronyms { get; } = [];
        public List<string> Demonyms { get; } = [];
        public List<string> Metonyms { get; } = [];
    }

    internal static JsonDocument ReadJson(string path) => JsonDocument.Parse(File.ReadAllBytes(path));
}
