using System.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using EntityGraph.Tagging;

namespace EntityGraph.Models;

/// <summary>What to train on and where to write the model (used by <c>entitygraph train</c>).</summary>
public sealed class TrainingOptions
{
    /// <summary>The training file (CoNLL-U for POS and lemmas, CoNLL-2003 columns for NER).</summary>
    public string TrainFile { get; set; } = string.Empty;

    /// <summary>The development file: picks the iteration. Never the test file.</summary>
    public string? DevFile { get; set; }

    /// <summary>Test files scored once with the final model and recorded in the manifest.</summary>
    public IList<string> TestFiles { get; } = [];

    /// <summary>Where to write the model; the manifest goes beside it as <c>NAME.manifest.json</c>.</summary>
    public string OutputFile { get; set; } = string.Empty;

    /// <summary>Training passes over the data (the best pass on dev is kept).</summary>
    public int Iterations { get; set; } = 12;

    /// <summary>Seed of the shuffling, for reproducible models.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>log2 of the weight-table size; 0 for the model's default.</summary>
    public int Bits { get; set; }

    /// <summary>The WordNet dictionary folder (lemmatizer data).</summary>
    public string? WordNetDirectory { get; set; }

    /// <summary>The shared data folder that holds gazetteers/ and petrarch/ (NER gazetteer features); null for none.</summary>
    public string? GazetteerDataDirectory { get; set; }

    /// <summary>More training files appended to <see cref="TrainFile"/> (the recognizer: train + valid for a final model; the tagger: GUM train beside EWT train).</summary>
    public IList<string> ExtraTrainFiles { get; } = [];

    /// <summary>
    /// Recognizer: entity types of the brat folders in <see cref="ExtraTrainFiles"/> whose conventions differ from
    /// CoNLL's; their sentences are left out (see <see cref="Entities.BratNerReader"/>).
    /// </summary>
    public ISet<string> BratSkipTypes { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Recognizer: cross-validation folds for the second stage's training labels (below 2: a single-stage model).</summary>
    public int Folds { get; set; } = 5;

    /// <summary>Recognizer: hypotheses kept by the decoder (1: constrained greedy decoding).</summary>
    public int Beam { get; set; } = 1;

    /// <summary>Recognizer: the decoder drops hypotheses this far behind the best (0: keeps all).</summary>
    public float BeamMargin { get; set; }

    /// <summary>Recognizer: train on whole sentences with this beam (max-violation updates); 0 trains greedily.</summary>
    public int TrainBeam { get; set; }

    /// <summary>
    /// Recognizer: copies trained side by side on different shufflings of the data (seeds Seed, Seed + 1, ...) whose
    /// weights are averaged into the one model; 1 trains a single copy.
    /// </summary>
    public int Shuffles { get; set; } = 1;

    /// <summary>Recognizer: the scale of the decision scores before the beam normalises them (0: the default).</summary>
    public float BeamScale { get; set; }

    /// <summary>Recognizer: training passes of the second stage; 0 for <see cref="Iterations"/>.</summary>
    public int SecondIterations { get; set; }

    /// <summary>The POS model whose predicted tags the recognizer uses as features; null for the embedded default.</summary>
    public string? PosModelFile { get; set; }

    /// <summary>Receives progress lines.</summary>
    public Action<string>? Progress { get; set; }
}

/// <summary>The outcome of a training run.</summary>
/// <param name="ModelFile">The model written.</param>
/// <param name="ManifestFile">Its manifest.</param>
/// <param name="Scores">Named scores (dev and test).</param>
public sealed record TrainingReport(string ModelFile, string ManifestFile, IReadOnlyDictionary<string, double> Scores);

/// <summary>Trains the models EntityGraph ships, reproducibly, and writes each with a JSON manifest.</summary>
public static partial class ModelTrainer
{
    /// <summary>Trains the part-of-speech tagger on a CoNLL-U treebank.</summary>
    /// <param name="options">Files and settings.</param>
    /// <returns>The report.</returns>
    /// <exception cref="InvalidDataException">A data file has a malformed line or an unknown tag (the message names file and line).</exception>
    public static TrainingReport TrainPartOfSpeech(TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<UdSentence> train = ConlluReader.Read(RequireFile(options.TrainFile, "--train"));
        if (train.Count == 0)
            throw new InvalidDataException($"{options.TrainFile}: no sentences to train on.");
        foreach (string extra in options.ExtraTrainFiles)
            train.AddRange(ConlluReader.Read(RequireFile(extra, "--also-train")));
        List<UdSentence> dev = options.DevFile is null ? [] : ConlluReader.Read(RequireFile(options.DevFile, "--dev"));
        options.Progress?.Invoke($"read {train.Count} training and {dev.Count} dev sentences");
        var settings = new PosTrainer.Options(options.Iterations, options.Seed, options.Bits > 0 ? options.Bits : 18);
        PosTrainer.Result result = PosTrainer.Train(train, dev.Count > 0 ? dev : train, settings, options.Progress);
        var scores = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["dev.upos"] = result.Dev.Upos,
            ["dev.xpos"] = result.Dev.Xpos,
        };
        Lemmatizer? lemmatizer = EmbeddedModels.Exists(EmbeddedModels.Lemmas) ? Lemmatizer.Default : null;
        foreach (string test in options.TestFiles)
        {
            PosScores s = PosEvaluation.Evaluate(result.Model, ConlluReader.Read(RequireFile(test, "--test")), lemmatizer);
            string key = "test." + Path.GetFileNameWithoutExtension(test);
            scores[key + ".upos"] = s.Upos;
            scores[key + ".xpos"] = s.Xpos;
            if (lemmatizer is not null)
                scores[key + ".lemma"] = s.Lemma;
            options.Progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"{test}: UPOS {s.Upos:F4} XPOS {s.Xpos:F4} lemma {s.Lemma:F4} ({s.Tokens} tokens)"));
        }
        WriteModel(options.OutputFile, result.Model.Save);
        var manifestSettings = new SortedDictionary<string, object>(StringComparer.Ordinal)
        {
            ["iterations"] = options.Iterations,
            ["bestIteration"] = result.BestIteration,
            ["seed"] = options.Seed,
            ["bits"] = settings.Bits,
            ["classes"] = result.Model.Perceptron.ClassCount,
            ["dictionaryWords"] = result.Model.WordCount,
            ["quantization"] = "int8, one scale per row (row max / 127); all-zero rows dropped",
        };
        List<string> inputs = [options.TrainFile, .. options.ExtraTrainFiles];
        if (options.DevFile is not null)
            inputs.Add(options.DevFile);
        return Finish(options, "pos", result.Model.Name, result.Model.Version, manifestSettings, result.Model.Perceptron.CountNonZero(), scores, result.Log,
            options.ExtraTrainFiles.Count == 0 ? "UD English-EWT (CC BY-SA 4.0)" : "UD English-EWT (CC BY-SA 4.0); GUM (CC BY 4.0 / CC BY-SA, see its LICENSE.txt) when used",
            inputs);
    }

    /// <summary>Builds the lemmatizer data from WordNet and the treebank's conventions.</summary>
    /// <param name="options">WordNetDirectory, TrainFile (CoNLL-U), optional TestFiles, OutputFile.</param>
    /// <returns>The report.</returns>
    public static TrainingReport TrainLemmatizer(TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string wordnet = options.WordNetDirectory ?? throw new ArgumentException("The WordNet folder (--wordnet) is required.", nameof(options));
        if (!Directory.Exists(wordnet))
            throw new DirectoryNotFoundException($"WordNet folder '{wordnet}' does not exist (expected noun.exc, index.noun...).");
        List<UdSentence> train = ConlluReader.Read(RequireFile(options.TrainFile, "--train"));
        Lemmatizer lemmatizer = Lemmatizer.Build(wordnet, train, "lemmas-en-wordnet", "1.0.0", options.Progress);
        var scores = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (string test in options.TestFiles)
        {
            // Gold POS here, so the figure isolates the lemmatizer; the POS trainer reports lemmas with predicted tags.
            int total = 0, correct = 0;
            foreach (UdSentence s in ConlluReader.Read(RequireFile(test, "--test")))
            {
                for (int i = 0; i < s.Forms.Length; i++)
                {
                    total++;
                    if (lemmatizer.Lemmatize(s.Forms[i], s.Upos[i], s.Xpos[i]) == s.Lemmas[i])
                        correct++;
                }
            }
            double accuracy = total == 0 ? 0 : (double)correct / total;
            scores["test." + Path.GetFileNameWithoutExtension(test) + ".lemma-goldpos"] = accuracy;
            options.Progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"{test}: lemma accuracy with gold POS {accuracy:F4}"));
        }
        WriteModel(options.OutputFile, lemmatizer.Save);
        var settings = new SortedDictionary<string, object>(StringComparer.Ordinal)
        {
            ["nounLemmas"] = lemmatizer.Noun.Lemmas.Count,
            ["verbLemmas"] = lemmatizer.Verb.Lemmas.Count,
            ["learnedConventions"] = lemmatizer.LearnedCount,
        };
        var inputs = new List<string>(options.TestFiles.Count + 9) { options.TrainFile };
        foreach (string f in new[] { "noun.exc", "verb.exc", "adj.exc", "adv.exc", "index.noun", "index.verb", "index.adj", "index.adv" })
            inputs.Add(Path.Combine(wordnet, f));
        return Finish(options, "lemmas", lemmatizer.Name, lemmatizer.Version, settings, 0, scores, [], "WordNet 3.0 (Princeton WordNet licence); UD English-EWT (CC BY-SA 4.0)", inputs);
    }

    private static string RequireFile(string path, string option)
    {
        if (string.IsNullOrEmpty(path))
            throw new ArgumentException($"{option} FILE is required.");
        if (!File.Exists(path))
            throw new FileNotFoundException($"{option}: file '{path}' does not exist.", path);
        return path;
    }

    private static void WriteModel(string path, Action<Stream> save)
    {
        if (string.IsNullOrEmpty(path))
            throw new ArgumentException("--out FILE is required.");
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
            Directory.CreateDirectory(directory);
        using FileStream stream = File.Create(path);
        save(stream);
    }

    private static TrainingReport Finish(TrainingOptions options, string kind, string name, string version, IDictionary<string, object> settings,
        int nonZeroWeights, IDictionary<string, double> scores, IReadOnlyList<string> log, string licence, List<string>? inputs = null)
    {
        inputs ??= options.DevFile is null ? [options.TrainFile] : [options.TrainFile, options.DevFile];
        string manifest = ManifestPath(options.OutputFile);
        using (FileStream stream = File.Create(manifest))
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("kind", kind);
            json.WriteString("version", version);
            json.WriteNumber("formatVersion", ModelFormat.FormatVersion);
            json.WriteString("file", Path.GetFileName(options.OutputFile));
            json.WriteNumber("sizeBytes", new FileInfo(options.OutputFile).Length);
            json.WriteString("sha256", Sha256(options.OutputFile));
            json.WriteString("dataLicences", licence);
            json.WriteStartArray("trainingData");
            foreach (string input in inputs)
            {
                json.WriteStartObject();
                json.WriteString("file", Path.GetFileName(input));
                json.WriteString("path", input);
                json.WriteString("sha256", Sha256(input));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("testData");
            foreach (string input in options.TestFiles)
            {
                json.WriteStartObject();
                json.WriteString("file", Path.GetFileName(input));
                json.WriteString("sha256", Sha256(input));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartObject("settings");
            foreach ((string key, object value) in settings)
            {
                if (value is int i)
                    json.WriteNumber(key, i);
                else
                    json.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture));
            }
            json.WriteEndObject();
            json.WriteNumber("nonZeroWeights", nonZeroWeights);
            json.WriteStartObject("scores");
            foreach ((string key, double value) in scores)
                json.WriteNumber(key, Math.Round(value, 4));
            json.WriteEndObject();
            json.WriteStartArray("trainingLog");
            foreach (string line in log)
                json.WriteStringValue(line);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return new TrainingReport(options.OutputFile, manifest, new Dictionary<string, double>(scores));
    }

    private static string ManifestPath(string modelFile)
    {
        string directory = Path.GetDirectoryName(modelFile) ?? string.Empty;
        return Path.Combine(directory, Path.GetFileNameWithoutExtension(modelFile) + ".manifest.json");
    }

    /// <summary>The SHA-256 of a file; of a folder (a brat corpus), the SHA-256 of its "name sha256" lines, one per file in name order.</summary>
    private static string Sha256(string path)
    {
        if (Directory.Exists(path))
        {
            string[] files = Directory.GetFiles(path);
            Array.Sort(files, StringComparer.Ordinal);
            var lines = new StringBuilder();
            foreach (string file in files)
                lines.Append(Path.GetFileName(file)).Append(' ').Append(Sha256(file)).Append('\n');
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(lines.ToString())));
        }
        using FileStream stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
