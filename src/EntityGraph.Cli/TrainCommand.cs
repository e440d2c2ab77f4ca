using System.CommandLine;
using System.Globalization;
using EntityGraph.Models;
using EntityGraph.Tagging;

namespace EntityGraph.Cli;

/// <summary><c>entitygraph train pos|lemmas|ner|parser</c>: reproduces the shipped models (commands in models/README.md).</summary>
internal static class TrainCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("train", "Train a model: pos (UD CoNLL-U), lemmas (WordNet + CoNLL-U), ner (CoNLL-2003 columns) or parser (UD CoNLL-U).");
        command.Add(Sub(console, "pos", "Train the part-of-speech tagger on a CoNLL-U treebank.", ModelTrainer.TrainPartOfSpeech, ner: false, lemmas: false));
        command.Add(Sub(console, "lemmas", "Build the lemmatizer from WordNet (--wordnet DIR) and a CoNLL-U treebank's conventions.", ModelTrainer.TrainLemmatizer, ner: false, lemmas: true));
        command.Add(Sub(console, "ner", "Train the named-entity recognizer on CoNLL-2003-style files (token ... tag, IOB1 or IOB2).", ModelTrainer.TrainEntityRecognizer, ner: true, lemmas: false));
        command.Add(TrainParserCommand.Create(console));
        command.Add(Retag(console));
        command.Add(TrainRelationsCommand.Create(console));

        return command;
    }

    /// <summary><c>train retag</c>: predicted POS columns for parser training (jackknifed or by a given tagger).</summary>
    private static Command Retag(CliConsole console)
    {
        var input = new Option<string[]>("--input") { Description = "CoNLL-U file to re-tag (repeatable: several files are read as one, in order, and written to one output).", Required = true };
        var output = new Option<string>("--out") { Description = "Where to write the re-tagged copy.", Required = true };
        var folds = new Option<int>("--jackknife") { Description = "Folds: each block is tagged by a tagger trained on the others (0: tag with --pos-model or the embedded tagger)." };
        var dev = new Option<string?>("--dev") { Description = "Development file that picks each fold tagger's iteration." };
        var iterations = new Option<int>("--iterations") { Description = "Training passes of each fold's tagger.", DefaultValueFactory = _ => 8 };
        var seed = new Option<int>("--seed") { Description = "Shuffling seed.", DefaultValueFactory = _ => 1 };
        var model = new Option<string?>("--pos-model") { Description = "POS model file for a plain re-tag (default: embedded)." };
        var bits = new Option<int>("--bits") { Description = "log2 of each fold tagger's feature table (as the shipped tagger's).", DefaultValueFactory = _ => 18 };
        var command = new Command("retag", "Replace the UPOS/XPOS columns of a CoNLL-U file with predicted tags (the parser's training data).")
        {
            input, output, folds, dev, iterations, seed, model, bits,
        };
        command.SetAction(parse =>
        {
            try
            {
                string? modelFile = parse.GetValue(model);
                if (parse.GetValue(bits) is < 10 or > 24)
                    return Usage(console, "--bits must be between 10 and 24.");
                ModelTrainer.RetagConllu(parse.GetValue(input)!, parse.GetValue(output)!, modelFile is null ? null : PosTaggerModel.Load(modelFile),
                    parse.GetValue(folds), parse.GetValue(dev), parse.GetValue(iterations), parse.GetValue(seed), parse.GetValue(bits), console.Out.WriteLine);
                return ExitCodes.Ok;
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.UsageOrInputError;
            }
        });
        return command;
    }

    private static Command Sub(CliConsole console, string name, string description, Func<TrainingOptions, TrainingReport> train, bool ner, bool lemmas)
    {
        var command = new Command(name, description);
        var trainFile = new Option<string?>("--train") { Description = "Training file." };
        var devFile = new Option<string?>("--dev") { Description = "Development file (chooses the iteration)." };
        var test = new Option<string[]>("--test") { Description = "Test file(s) scored once with the final model (repeatable).", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string?>("--out") { Description = "Model file to write; the manifest goes beside it." };
        var iterations = new Option<int>("--iterations") { Description = "Training passes (the best on dev is kept).", DefaultValueFactory = _ => ner ? 10 : 12 };
        var seed = new Option<int>("--seed") { Description = "Shuffling seed.", DefaultValueFactory = _ => 1 };
        var bits = new Option<int>("--bits") { Description = "log2 of the weight-table size (0: model default)." };
        var wordnet = new Option<string?>("--wordnet") { Description = "WordNet dictionary folder (*.exc, index.*)." };
        var data = new Option<string?>("--data") { Description = "Shared data folder with gazetteers/ and petrarch/ (gazetteer features)." };
        var pos = new Option<string?>("--pos-model") { Description = "POS model for the recognizer's tag features (default: embedded)." };
        var alsoTrain = new Option<string[]>("--also-train") { Description = ner
            ? "More training files (for a final model on train + valid, with the iterations chosen on valid before), or folders of brat-annotated articles (e.g. DWIE train), tokenized as the runtime tokenizes."
            : "More training treebanks read after --train (e.g. GUM train beside EWT train)." };
        var bratSkip = new Option<string[]>("--brat-skip-types") { Description = "Recognizer: types (PER, ORG, LOC, MISC) whose sentences are left out of the brat folders given to --also-train (their conventions differ from CoNLL's).", AllowMultipleArgumentsPerToken = true };
        var folds = new Option<int>("--folds") { Description = "Recognizer: cross-validation folds for the second stage (below 2: one stage).", DefaultValueFactory = _ => 5 };
        var secondIterations = new Option<int>("--second-iterations") { Description = "Recognizer: passes of the second stage (0: --iterations)." };
        var beam = new Option<int>("--beam") { Description = "Recognizer: hypotheses kept by the decoder (1: greedy); with --evaluate, overrides the model's (0: the model's).", DefaultValueFactory = _ => 0 };
        var beamScale = new Option<float>("--beam-scale") { Description = "Recognizer: scale of the decision scores in the beam's log-softmax (0: default)." };
        var trainBeam = new Option<int>("--train-beam") { Description = "Recognizer: train on whole sentences with this beam (max-violation updates, one stage; 0: greedy training)." };
        var shuffles = new Option<int>("--shuffles") { Description = "Recognizer: train this many copies on different shufflings (seeds --seed, --seed + 1, ...) and average their weights into one model.", DefaultValueFactory = _ => 1 };
        var beamMargin = new Option<float>("--beam-margin") { Description = "Recognizer: drop hypotheses this far behind the best (0: keep all; with --evaluate: the model's)." };
        var evaluate = new Option<string?>("--evaluate") { Description = "Do not train: score this model file ('default' for the embedded one) on the --test files." };
        command.Add(trainFile);
        command.Add(devFile);
        command.Add(test);
        command.Add(output);
        command.Add(iterations);
        command.Add(seed);
        command.Add(bits);
        if (lemmas)
            command.Add(wordnet);
        if (!lemmas)
            command.Add(alsoTrain);
        if (ner)
        {
            command.Add(data);
            command.Add(pos);
            command.Add(evaluate);
            command.Add(folds);
            command.Add(secondIterations);
            command.Add(beam);
            command.Add(beamScale);
            command.Add(trainBeam);
            command.Add(beamMargin);
            command.Add(shuffles);
            command.Add(bratSkip);
        }
        command.SetAction(parse =>
        {
            string[] tests = parse.GetValue(test) ?? [];
            if (ner && parse.GetValue(evaluate) is string model)
            {
                if (tests.Length == 0)
                    return Usage(console, "--evaluate needs at least one --test FILE.");
                return Guard(console, () =>
                {
                    ModelTrainer.EvaluateEntityRecognizer(model == "default" ? null : model, tests, console.Out.WriteLine, parse.GetValue(beam), parse.GetValue(beamScale), parse.GetValue(beamMargin));
                    return ExitCodes.Ok;
                });
            }
            string? trainPath = parse.GetValue(trainFile);
            string? outPath = parse.GetValue(output);
            if (trainPath is null || outPath is null)
                return Usage(console, "--train FILE and --out FILE are required.");
            if (parse.GetValue(iterations) < 1)
                return Usage(console, "--iterations must be at least 1.");
            var options = new TrainingOptions
            {
                TrainFile = trainPath,
                DevFile = parse.GetValue(devFile),
                OutputFile = outPath,
                Iterations = parse.GetValue(iterations),
                Seed = parse.GetValue(seed),
                Bits = parse.GetValue(bits),
                WordNetDirectory = lemmas ? parse.GetValue(wordnet) : null,
                GazetteerDataDirectory = ner ? parse.GetValue(data) : null,
                PosModelFile = ner ? parse.GetValue(pos) : null,
                Progress = console.Out.WriteLine,
            };
            foreach (string t in tests)
                options.TestFiles.Add(t);
            if (!lemmas)
            {
                foreach (string t in parse.GetValue(alsoTrain) ?? [])
                    options.ExtraTrainFiles.Add(t);
            }
            if (ner)
            {
                options.Folds = parse.GetValue(folds);
                options.SecondIterations = parse.GetValue(secondIterations);
                options.Beam = Math.Max(1, parse.GetValue(beam));
                options.BeamScale = parse.GetValue(beamScale);
                options.TrainBeam = parse.GetValue(trainBeam);
                options.BeamMargin = parse.GetValue(beamMargin);
                options.Shuffles = parse.GetValue(shuffles);
                foreach (string type in parse.GetValue(bratSkip) ?? [])
                {
                    if (type is not ("PER" or "ORG" or "LOC" or "MISC"))
                        return Usage(console, $"--brat-skip-types: unknown type '{type}' (expected PER, ORG, LOC or MISC).");
                    options.BratSkipTypes.Add(type);
                }
                if (options.Shuffles < 1)
                    return Usage(console, "--shuffles must be at least 1.");
            }
            if (options.GazetteerDataDirectory is not null && !Directory.Exists(options.GazetteerDataDirectory))
                return Usage(console, $"--data folder '{options.GazetteerDataDirectory}' does not exist (it is ../shared/data in the development checkout).");
            return Guard(console, () =>
            {
                TrainingReport report = train(options);
                console.Out.WriteLine($"wrote {report.ModelFile} and {report.ManifestFile}");
                foreach ((string key, double value) in report.Scores)
                    console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {key} = {value:F4}"));
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static int Usage(CliConsole console, string message)
    {
        console.Error.WriteLine($"error: {message}");
        return ExitCodes.UsageOrInputError;
    }

    private static int Guard(CliConsole console, Func<int> run)
    {
        try
        {
            return run();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException)
        {
            // Data errors already name file and line; no stack trace for bad input.
            console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.UsageOrInputError;
        }
    }
}
