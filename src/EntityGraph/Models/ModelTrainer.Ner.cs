using EntityGraph.Entities;
using EntityGraph.Tagging;

namespace EntityGraph.Models;

/// <summary>The recognizer half of the trainer.</summary>
public static partial class ModelTrainer
{
    /// <summary>Trains the named-entity recognizer on CoNLL-2003-style column files.</summary>
    /// <param name="options">Files and settings.</param>
    /// <returns>The report.</returns>
    /// <exception cref="InvalidDataException">A data file has a malformed line or an unknown tag (the message names file and line).</exception>
    public static TrainingReport TrainEntityRecognizer(TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        PosTaggerModel pos = options.PosModelFile is null ? PosTaggerModel.Default : PosTaggerModel.Load(options.PosModelFile);
        List<NerDocument> train = ConllNerReader.Read(RequireFile(options.TrainFile, "--train"));
        List<NerDocument> dev = options.DevFile is null ? [] : ConllNerReader.Read(RequireFile(options.DevFile, "--dev"));
        if (train.Count == 0)
            throw new InvalidDataException($"{options.TrainFile}: no sentences to train on.");
        var gazetteerFiles = new List<string>();
        Gazetteer gazetteer = options.GazetteerDataDirectory is null ? Gazetteer.Empty : GazetteerBuilder.Build(options.GazetteerDataDirectory, gazetteerFiles, options.Progress);
        var settings = new NerTrainer.Options(options.Iterations, options.Seed, options.Bits > 0 ? options.Bits : 20);
        NerTrainer.Result result = NerTrainer.Train(train, dev, pos, gazetteer, settings, options.Progress);
        var scores = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach ((string key, double value) in result.Dev.ToDictionary("dev"))
            scores[key] = value;
        foreach (string test in options.TestFiles)
        {
            NerScores s = NerEvaluation.Evaluate(result.Model, ConllNerReader.Read(RequireFile(test, "--test")));
            foreach ((string key, double value) in s.ToDictionary("test." + Path.GetFileNameWithoutExtension(test)))
                scores[key] = value;
            options.Progress?.Invoke($"{test}: {s}");
        }
        WriteModel(options.OutputFile, result.Model.Save);
        var manifestSettings = new SortedDictionary<string, object>(StringComparer.Ordinal)
        {
            ["iterations"] = options.Iterations,
            ["bestIteration"] = result.BestIteration,
            ["seed"] = options.Seed,
            ["bits"] = settings.Bits,
            ["encoding"] = "BILOU, constrained greedy decoding",
            ["posModel"] = pos.Name + " " + pos.Version,
            ["gazetteerPhrases"] = result.Model.Gazetteer.Count,
            ["quantization"] = "int8, one scale per row (row max / 127); all-zero rows dropped",
        };
        var inputs = new List<string> { options.TrainFile };
        if (options.DevFile is not null)
            inputs.Add(options.DevFile);
        inputs.AddRange(gazetteerFiles);
        return Finish(options, "ner", result.Model.Name, result.Model.Version, manifestSettings, result.Model.Perceptron.CountNonZero(), scores, result.Log,
            "CoNLL-2003 English (Reuters RCV1, research use: the model ships, the data does not); gazetteers: GeoNames (CC BY), world-countries (ODbL), WordNet 3.0, PETRARCH dictionaries (MIT), Moby first names", inputs);
    }

    /// <summary>Scores an existing recognizer on CoNLL-style files (for example WikiGold) without training.</summary>
    /// <param name="modelFile">The model, or null for the embedded default.</param>
    /// <param name="testFiles">The files.</param>
    /// <param name="progress">Receives one line per file.</param>
    /// <returns>Named scores.</returns>
    public static IReadOnlyDictionary<string, double> EvaluateEntityRecognizer(string? modelFile, IEnumerable<string> testFiles, Action<string>? progress)
    {
        ArgumentNullException.ThrowIfNull(testFiles);
        EntityRecognizerModel model = modelFile is null ? EntityRecognizerModel.Default : EntityRecognizerModel.Load(modelFile);
        var scores = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (string test in testFiles)
        {
            NerScores s = NerEvaluation.Evaluate(model, ConllNerReader.Read(RequireFile(test, "--test")));
            foreach ((string key, double value) in s.ToDictionary(Path.GetFileNameWithoutExtension(test)))
                scores[key] = value;
            progress?.Invoke($"{test}: {s}");
        }
        return scores;
    }

}
