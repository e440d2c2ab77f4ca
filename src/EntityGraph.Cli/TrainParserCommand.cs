using System.CommandLine;
using EntityGraph.Parsing;

namespace EntityGraph.Cli;

/// <summary>
/// <c>entitygraph train parser</c>: trains the dependency parser on CoNLL-U treebanks, or with <c>--eval-only</c> scores a
/// model on CoNLL-U files using the tags in their columns (gold, or a tagger's output written into the file).
/// </summary>
internal static class TrainParserCommand
{
    public static Command Create(CliConsole console)
    {
        var train = new Option<string[]>("--train")
        {
            Description = "A CoNLL-U training file (repeat for several, e.g. UD English-EWT train and GUM train).",
            AllowMultipleArgumentsPerToken = false,
        };
        var dev = new Option<string?>("--dev") { Description = "The CoNLL-U development file that picks the iteration (never a test file)." };
        var test = new Option<string[]>("--test") { Description = "CoNLL-U files scored once with the final model (repeatable); with --eval-only, the files to score." };
        var output = new Option<string?>("--out", "-o") { Description = "Where to write the model; the manifest goes beside it as NAME.manifest.json." };
        var iterations = new Option<int>("--iterations") { Description = "Training passes (the best on --dev is kept).", DefaultValueFactory = _ => 15 };
        var seed = new Option<int>("--seed") { Description = "Seed of the shuffling and exploration, for reproducible models.", DefaultValueFactory = _ => 1 };
        var transitionBits = new Option<int>("--transition-bits") { Description = "log2 of the transition classifier's feature table.", DefaultValueFactory = _ => 20 };
        var labelBits = new Option<int>("--label-bits") { Description = "log2 of the label classifier's feature table.", DefaultValueFactory = _ => 18 };
        var beam = new Option<int>("--beam") { Description = "Beam width: 1 trains a greedy parser (dynamic oracle); more trains with beam search.", DefaultValueFactory = _ => 1 };
        var margin = new Option<float>("--beam-margin") { Description = "Decoding: prune beam candidates scoring more than this below the best (0: full beam)." };
        var clusterData = new Option<string?>("--clusters") { Description = "Shared data folder (e.g. ../shared/data): word clusters from its allowed unlabeled text (CoNLL-2003 train, EWT train, GUM train, ECB+) become features and ship in the model." };
        var note = new Option<string?>("--note") { Description = "Free text recorded in the manifest (e.g. how the training files' tags were made)." };
        var evalOnly = new Option<bool>("--eval-only") { Description = "Do not train: score --model (or the embedded model) on each --test file." };
        var model = new Option<string?>("--model") { Description = "With --eval-only: the model file to score (default: the embedded model)." };
        var command = new Command("parser", "Train the dependency parser on CoNLL-U treebanks, or score a parser model (--eval-only).")
        {
            train, dev, test, output, iterations, seed, transitionBits, labelBits, beam, margin, clusterData, note, evalOnly, model,
        };
        command.SetAction(parse =>
        {
            string[] tests = parse.GetValue(test) ?? [];
            if (parse.GetValue(evalOnly))
                return Evaluate(console, parse.GetValue(model), tests, parse.GetResult(beam) is { Implicit: false } ? parse.GetValue(beam) : 0, parse.GetValue(margin));
            var options = new ParserTrainingOptions
            {
                DevFile = parse.GetValue(dev) ?? string.Empty,
                OutputFile = parse.GetValue(output) ?? string.Empty,
                Iterations = parse.GetValue(iterations),
                Seed = parse.GetValue(seed),
                TransitionBits = parse.GetValue(transitionBits),
                LabelBits = parse.GetValue(labelBits),
                BeamWidth = parse.GetValue(beam),
                BeamMargin = parse.GetValue(margin),
                Notes = parse.GetValue(note),
                ClusterDataDirectory = parse.GetValue(clusterData),
                Progress = console.Error.WriteLine,
            };
            foreach (string file in parse.GetValue(train) ?? [])
                options.TrainFiles.Add(file);
            foreach (string file in tests)
                options.TestFiles.Add(file);
            return Train(console, options);
        });
        return command;
    }

    private static int Train(CliConsole console, ParserTrainingOptions options)
    {
        var problems = new List<string>();
        if (options.TrainFiles.Count == 0)
            problems.Add("--train FILE is required (a CoNLL-U treebank, e.g. ../shared/data/ud-english-ewt/en_ewt-ud-train.conllu).");
        if (options.DevFile.Length == 0)
            problems.Add("--dev FILE is required (e.g. en_ewt-ud-dev.conllu); it picks the iteration.");
        if (options.OutputFile.Length == 0)
            problems.Add("--out FILE is required.");
        if (options.Iterations is < 1 or > 100)
            problems.Add($"--iterations must be between 1 and 100 (got {options.Iterations}).");
        if (options.BeamMargin < 0 || !float.IsFinite(options.BeamMargin))
            problems.Add("--beam-margin must be a non-negative number.");
        if (options.BeamWidth is < 1 or > 64)
            problems.Add($"--beam must be between 1 and 64 (got {options.BeamWidth}).");
        if (options.TransitionBits is < 12 or > 24 || options.LabelBits is < 12 or > 22)
            problems.Add("--transition-bits must be 12 to 24 and --label-bits 12 to 22.");
        if (options.ClusterDataDirectory is not null && !Directory.Exists(options.ClusterDataDirectory))
            problems.Add($"--clusters folder '{options.ClusterDataDirectory}' does not exist (it is ../shared/data in the development checkout).");
        foreach (string file in options.TrainFiles.Concat([options.DevFile]).Concat(options.TestFiles))
        {
            if (file.Length > 0 && !File.Exists(file))
                problems.Add($"'{file}' does not exist (the treebanks live in ../shared/data when present; give their path).");
        }
        if (problems.Count > 0)
        {
            foreach (string problem in problems)
                console.Error.WriteLine($"error: {problem}");
            return ExitCodes.UsageOrInputError;
        }
        ParserTrainingReport report = ParserTraining.Train(options);
        console.Out.WriteLine($"model: {report.ModelFile}");
        console.Out.WriteLine($"manifest: {report.ManifestFile}");
        console.Out.WriteLine($"best iteration: {report.BestIteration}");
        foreach (KeyValuePair<string, double> score in report.Scores)
            console.Out.WriteLine(FormattableString.Invariant($"{score.Key}: {score.Value:F4}"));
        return ExitCodes.Ok;
    }

    private static int Evaluate(CliConsole console, string? modelFile, string[] tests, int beamWidth, float beamMargin)
    {
        if (tests.Length == 0)
        {
            console.Error.WriteLine("error: --eval-only needs at least one --test FILE (CoNLL-U with the tags to use in columns 4 and 5).");
            return ExitCodes.UsageOrInputError;
        }
        foreach (string file in tests)
        {
            if (!File.Exists(file))
            {
                console.Error.WriteLine($"error: '{file}' does not exist.");
                return ExitCodes.UsageOrInputError;
            }
        }
        if (modelFile is not null && !File.Exists(modelFile))
        {
            console.Error.WriteLine($"error: model file '{modelFile}' does not exist.");
            return ExitCodes.UsageOrInputError;
        }
        console.Out.WriteLine($"model: {modelFile ?? "embedded"} ({ParserTraining.Describe(modelFile)})");
        if (beamWidth > 0)
            console.Out.WriteLine(FormattableString.Invariant($"decoding with beam {beamWidth}, margin {beamMargin}"));
        console.Out.WriteLine("scores: every word counts, punctuation included; tags from the file's UPOS/XPOS columns");
        IReadOnlyList<AttachmentScores> scores = ParserTraining.Evaluate(modelFile, tests, beamWidth, beamMargin);
        for (int i = 0; i < tests.Length; i++)
            console.Out.WriteLine($"{tests[i]}: {scores[i]}");
        return ExitCodes.Ok;
    }
}
