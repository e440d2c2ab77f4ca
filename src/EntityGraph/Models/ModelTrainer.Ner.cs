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
        var bratLog = new List<string>();
        foreach (string extra in options.ExtraTrainFiles)
        {
            // A folder is a brat corpus (e.g. DWIE's train split), tokenized as the runtime tokenizes.
            if (Directory.Exists(extra))
            {
                train.AddRange(BratNerReader.Read(extra, options.BratSkipTypes, out BratNerReader.Statistics read));
                string line = $"{extra} (brat): {read.Documents} documents, {read.Sentences} sentences, {read.Mentions} mentions; left out: "
                    + $"{read.NestedDropped} nested or crossing mentions (the longest kept), {read.MisalignedSentencesDropped} sentences with a "
                    + $"mention boundary inside a token, {read.UnknownTypeDropped} mentions of other types"
                    + (options.BratSkipTypes.Count > 0 ? $", {read.SkippedTypeSentencesDropped} sentences with a {string.Join(" or ", options.BratSkipTypes)} mention (--brat-skip-types)" : string.Empty);
                bratLog.Add(line);
                options.Progress?.Invoke(line);
            }
            else
            {
                train.AddRange(ConllNerReader.Read(RequireFile(extra, "--also-train")));
            }
        }
        List<NerDocument> dev = options.DevFile is null ? [] : ConllNerReader.Read(RequireFile(options.DevFile, "--dev"));
        if (train.Count == 0)
            throw new InvalidDataException($"{options.TrainFile}: no sentences to train on.");
        var gazetteerFiles = new List<string>();
        Gazetteer gazetteer = options.GazetteerDataDirectory is null ? Gazetteer.Empty : GazetteerBuilder.Build(options.GazetteerDataDirectory, gazetteerFiles, options.Progress);
        var clusterFiles = new List<string>();
        WordClusters clusters = options.GazetteerDataDirectory is null ? WordClusters.Empty
            : WordClusters.Build(ClusterText(train, options.GazetteerDataDirectory, clusterFiles, options.Progress), ClusterMinCount, options.Progress);
        var settings = new NerTrainer.Options(options.Iterations, options.Seed, options.Bits > 0 ? options.Bits : 20, Folds: options.Folds, SecondIterations: options.SecondIterations, Beam: options.Beam, BeamScale: options.BeamScale > 0 ? options.BeamScale : EntityRecognizerModel.DefaultBeamScale, TrainBeam: options.TrainBeam, BeamMargin: options.BeamMargin > 0 ? options.BeamMargin : float.PositiveInfinity, Shuffles: Math.Max(1, options.Shuffles));
        NerTrainer.Result result = NerTrainer.Train(train, dev, pos, gazetteer, clusters, settings, options.Progress);
        var scores = new SortedDictionary<string, double>(StringComparer.Ordinal);
        if (dev.Count > 0)
        {
            foreach ((string key, double value) in result.Dev.ToDictionary("dev"))
                scores[key] = value;
        }
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
            ["secondStage"] = result.Model.Second is null ? "none"
                : $"two-stage: the second stage sees the first stage's labels (this token, its neighbours, the same word elsewhere in the document); its training labels come from {settings.Folds}-fold cross-validation by document (jackknifing)",
            ["secondStageIterations"] = settings.SecondIterations > 0 ? settings.SecondIterations : options.Iterations,
            ["bestSecondStageIteration"] = result.BestSecondIteration,
            ["trainFiles"] = string.Join(" + ", new[] { options.TrainFile }.Concat(options.ExtraTrainFiles).Select(Path.GetFileName)),
            ["iterationChoice"] = options.DevFile is null ? "fixed (no dev file: the last iteration of each stage is kept)" : "best dev F1 per stage",
            ["seed"] = options.Seed,
            ["shuffles"] = settings.Shuffles == 1 ? "1 (one model)" : $"{settings.Shuffles}: copies trained on shuffles with seeds {options.Seed}-{options.Seed + settings.Shuffles - 1}, weights averaged",
            ["bits"] = settings.Bits,
            ["encoding"] = result.Model.Beam <= 1 ? "BILOU, constrained greedy decoding"
                : settings.TrainBeam > 0 ? $"BILOU, constrained beam search (beam {result.Model.Beam}, hypotheses with the same last two labels merged), trained on whole sentences with beam {settings.TrainBeam} and max-violation updates"
                : $"BILOU, constrained beam search (beam {result.Model.Beam}, hypotheses with the same last two labels merged; log-softmax of the greedy-trained scores times {result.Model.BeamScale})",
            ["beam"] = result.Model.Beam,
            ["beamScale"] = (double)result.Model.BeamScale,
            ["trainBeam"] = settings.TrainBeam,
            ["beamMargin"] = float.IsFinite(result.Model.BeamMargin) ? (double)result.Model.BeamMargin : 0.0,
            ["posModel"] = pos.Name + " " + pos.Version,
            ["gazetteerPhrases"] = result.Model.Gazetteer.Count,
            ["wordClusters"] = clusters.Count == 0 ? "none" : $"{clusters.Count} words, bisecting spherical 2-means over PPMI neighbour vectors, depth up to {WordClusters.MaxDepth}, words seen at least {ClusterMinCount} times in the CoNLL training files and {string.Join(", ", clusterFiles.ConvertAll(Path.GetFileName))} (a derived word-to-path map; no text ships)",
            ["quantization"] = "int8, one scale per row (row max / 127); all-zero rows dropped",
        };
        var inputs = new List<string> { options.TrainFile };
        inputs.AddRange(options.ExtraTrainFiles);
        if (options.DevFile is not null)
            inputs.Add(options.DevFile);
        inputs.AddRange(gazetteerFiles);
        inputs.AddRange(clusterFiles);
        return Finish(options, "ner", result.Model.Name, result.Model.Version, manifestSettings, result.Model.Perceptron.CountNonZero(), scores, [.. bratLog, .. result.Log],
            "CoNLL-2003 English (Reuters RCV1, research use: the model ships, the data does not)"
            + (bratLog.Count > 0 ? "; brat corpora given with --also-train (DWIE: annotations GPL-3.0, Deutsche Welle text, development use: the model ships, the text does not)" : string.Empty)
            + "; gazetteers: GeoNames (CC BY), world-countries (ODbL), WordNet 3.0, PETRARCH dictionaries (MIT), Moby first names", inputs);
    }

    private const int ClusterMinCount = 3;

    /// <summary>
    /// The word clusters of the dependency parser: the same allowed unlabeled text as the recognizer's (CoNLL-2003
    /// train, UD English-EWT train, GUM train, ECB+ articles under <paramref name="data"/>; never an evaluation-only
    /// corpus) and the same settings. <paramref name="files"/> receives the files read.
    /// </summary>
    internal static WordClusters BuildParserClusters(string data, List<string> files, Action<string>? progress)
    {
        string conll = Path.Combine(data, "conll2003", "train.txt");
        List<NerDocument> train = [];
        if (File.Exists(conll))
        {
            files.Add(conll);
            train = ConllNerReader.Read(conll);
        }
        else
        {
            progress?.Invoke($"word clusters: {conll} not found, skipped");
        }
        return WordClusters.Build(ClusterText(train, data, files, progress), ClusterMinCount, progress);
    }

    /// <summary>Minimum count of a word in the cluster text to get a path.</summary>
    internal static int WordClusterMinCount => ClusterMinCount;

    /// <summary>
    /// The unlabeled text the word clusters are computed from: the CoNLL training sentences (as the runtime tokenizer
    /// splits them), and the training splits of UD English-EWT and GUM and the ECB+ news articles when present under
    /// <paramref name="data"/>. Evaluation-only corpora (WikiGold, UNER, re3d, PLOVER, Re-DocRED) are never read.
    /// </summary>
    private static IEnumerable<IReadOnlyList<string>> ClusterText(List<NerDocument> train, string data, List<string> files, Action<string>? progress)
    {
        foreach (NerDocument doc in train)
        {
            foreach (NerSentence sentence in doc.Sentences)
            {
                var words = new string[sentence.Subtokens.Length];
                for (int i = 0; i < words.Length; i++)
                    words[i] = sentence.Text.Substring(sentence.Subtokens[i].Start, sentence.Subtokens[i].Length);
                yield return words;
            }
        }
        foreach (string relative in (string[])["ud-english-ewt/en_ewt-ud-train.conllu", "gum/gum-train.conllu"])
        {
            string path = Path.Combine(data, relative);
            if (!File.Exists(path))
            {
                progress?.Invoke($"word clusters: {path} not found, skipped");
                continue;
            }
            files.Add(path);
            foreach (UdSentence sentence in ConlluReader.Read(path))
                yield return sentence.Forms;
        }
        string ecb = Path.Combine(data, "ecbplus", "ECBplus-xml.tar.gz");
        if (!File.Exists(ecb))
        {
            progress?.Invoke($"word clusters: {ecb} not found, skipped");
            yield break;
        }
        files.Add(ecb);
        foreach (List<string> sentence in EcbSentences(ecb))
            yield return sentence;
    }

    /// <summary>The token elements of the ECB+ XML files, grouped by their sentence attribute, in archive order.</summary>
    private static IEnumerable<List<string>> EcbSentences(string path)
    {
        using FileStream file = File.OpenRead(path);
        using var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress);
        using var tar = new System.Formats.Tar.TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.DataStream is null || !entry.Name.EndsWith(".xml", StringComparison.Ordinal))
                continue;
            var sentence = new List<string>();
            string? current = null;
            using var xml = System.Xml.XmlReader.Create(entry.DataStream, new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit });
            xml.Read();
            while (!xml.EOF)
            {
                if (xml.NodeType != System.Xml.XmlNodeType.Element || xml.Name != "token")
                {
                    xml.Read();
                    continue;
                }
                string? number = xml.GetAttribute("sentence");
                string word = xml.ReadElementContentAsString();
                if (number != current && sentence.Count > 0)
                {
                    yield return sentence;
                    sentence = [];
                }
                current = number;
                if (word.Length > 0)
                    sentence.Add(word);
            }
            if (sentence.Count > 0)
                yield return sentence;
        }
    }

    /// <summary>Scores an existing recognizer on CoNLL-style files (for example WikiGold) without training.</summary>
    /// <param name="modelFile">The model, or null for the embedded default.</param>
    /// <param name="testFiles">The files.</param>
    /// <param name="progress">Receives one line per file.</param>
    /// <returns>Named scores.</returns>
    /// <param name="beam">Decode with this beam instead of the model's own (0: the model's).</param>
    /// <param name="beamScale">With <paramref name="beam"/>, the beam's score scale (0: the model's).</param>
    /// <param name="beamMargin">With <paramref name="beam"/>, the beam's pruning margin (0: the model's).</param>
    public static IReadOnlyDictionary<string, double> EvaluateEntityRecognizer(string? modelFile, IEnumerable<string> testFiles, Action<string>? progress, int beam = 0, float beamScale = 0f,
        float beamMargin = 0f)
    {
        ArgumentNullException.ThrowIfNull(testFiles);
        EntityRecognizerModel model = modelFile is null ? EntityRecognizerModel.Default : EntityRecognizerModel.Load(modelFile);
        if (beam > 0)
            model = model.WithBeam(beam, beamScale > 0 ? beamScale : -1f, beamMargin);
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
