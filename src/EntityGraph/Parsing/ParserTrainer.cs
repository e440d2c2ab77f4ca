using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EntityGraph.Tagging;

namespace EntityGraph.Parsing;

/// <summary>What the dependency parser trains on and how (used by <c>entitygraph train parser</c>).</summary>
public sealed class ParserTrainingOptions
{
    /// <summary>CoNLL-U training files (UD English-EWT train, optionally GUM train).</summary>
    public IList<string> TrainFiles { get; } = [];

    /// <summary>The CoNLL-U development file that picks the iteration; never a test file.</summary>
    public string DevFile { get; set; } = string.Empty;

    /// <summary>CoNLL-U files scored once with the final model and recorded in the manifest.</summary>
    public IList<string> TestFiles { get; } = [];

    /// <summary>Where to write the model; the manifest goes beside it as <c>NAME.manifest.json</c>.</summary>
    public string OutputFile { get; set; } = string.Empty;

    /// <summary>Training passes; the best pass on the development file is kept.</summary>
    public int Iterations { get; set; } = 15;

    /// <summary>Seed of the shuffling and the exploration, for reproducible models.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>log2 of the transition classifier's feature table.</summary>
    public int TransitionBits { get; set; } = 20;

    /// <summary>log2 of the label classifier's feature table.</summary>
    public int LabelBits { get; set; } = 18;

    /// <summary>Beam width: 1 trains a greedy parser with the dynamic oracle; more trains globally (max-violation).</summary>
    public int BeamWidth { get; set; } = 1;

    /// <summary>Decoding: beam candidates scoring more than this below the best are pruned (0: full beam). Training always uses the full beam.</summary>
    public float BeamMargin { get; set; }

    /// <summary>After the first pass, the probability of following the model's own move instead of the oracle's.</summary>
    public double Explore { get; set; } = 0.9;

    /// <summary>
    /// Shared data folder (../shared/data): when set, word clusters are computed from its allowed unlabeled text
    /// (CoNLL-2003 train, UD English-EWT train, GUM train, ECB+) and used as features; they ship inside the model.
    /// </summary>
    public string? ClusterDataDirectory { get; set; }

    /// <summary>Free text recorded in the manifest (for example how the training files' tags were made).</summary>
    public string? Notes { get; set; }

    /// <summary>Receives progress lines.</summary>
    public Action<string>? Progress { get; set; }
}

/// <summary>The outcome of a parser training run.</summary>
/// <param name="ModelFile">The model written.</param>
/// <param name="ManifestFile">Its manifest.</param>
/// <param name="BestIteration">The pass kept (best labelled attachment on the development file).</param>
/// <param name="Scores">Named scores (dev and test UAS/LAS).</param>
/// <param name="ModelBytes">Size of the model file.</param>
/// <param name="MemoryBytes">Bytes of weights the loaded model holds in memory.</param>
public sealed record ParserTrainingReport(string ModelFile, string ManifestFile, int BestIteration, IReadOnlyDictionary<string, double> Scores, long ModelBytes, long MemoryBytes);

/// <summary>Training and scoring of the dependency parser, for the command line and the harness.</summary>
public static class ParserTraining
{
    /// <summary>Trains the parser and writes the model and its manifest.</summary>
    /// <param name="options">Files and settings.</param>
    /// <returns>The report.</returns>
    /// <exception cref="InvalidDataException">A data file has a malformed line (the message names file, line and column).</exception>
    public static ParserTrainingReport Train(ParserTrainingOptions options) => ParserTrainer.Train(options);

    /// <summary>Scores a parser model on CoNLL-U files, using the tags in their UPOS and XPOS columns.</summary>
    /// <param name="modelFile">The model file, or null for the model embedded in the library.</param>
    /// <param name="conllUFiles">The treebanks to score against.</param>
    /// <param name="beamWidth">Decode with this beam width instead of the model's (0: the model's).</param>
    /// <param name="beamMargin">With <paramref name="beamWidth"/>: the pruning margin (0: full beam).</param>
    /// <returns>Attachment scores per file over every word, punctuation included.</returns>
    /// <exception cref="InvalidDataException">The model or a treebank is unusable (the message names the file).</exception>
    public static IReadOnlyList<AttachmentScores> Evaluate(string? modelFile, IReadOnlyList<string> conllUFiles, int beamWidth = 0, float beamMargin = 0)
    {
        ArgumentNullException.ThrowIfNull(conllUFiles);
        DependencyParser parser = modelFile is null ? DependencyParser.Default : DependencyParser.LoadFile(modelFile);
        if (beamWidth > 0)
            parser = parser.WithBeamWidth(beamWidth, beamMargin);
        var scores = new List<AttachmentScores>(conllUFiles.Count);
        foreach (string file in conllUFiles)
            scores.Add(ParserEvaluation.Evaluate(parser, ConllUReader.ReadFile(file)));
        return scores;
    }

    /// <summary>A one-line description of a parser model: table sizes, relations, memory.</summary>
    /// <param name="modelFile">The model file, or null for the model embedded in the library.</param>
    /// <returns>The description.</returns>
    public static string Describe(string? modelFile) =>
        DependencyParser.Describe(modelFile is null ? DependencyParser.Default : DependencyParser.LoadFile(modelFile));
}

/// <summary>
/// Trains the arc-hybrid parser with a dynamic oracle and error exploration (Goldberg and Nivre 2012, 2013): from the
/// second pass on, the parser mostly follows its own (possibly wrong) moves and learns the best move from there, so it
/// is trained on the states it will meet. Non-projective training trees are projectivized by lifting (the shortest
/// non-projective arc moves to its grandparent until none is left), because arc-hybrid only builds projective trees.
/// </summary>
internal static class ParserTrainer
{
    public static ParserTrainingReport Train(ParserTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TrainFiles.Count == 0)
            throw new ArgumentException("At least one training file is needed.", nameof(options));
        if (options.Iterations < 1)
            throw new ArgumentException("Iterations must be at least 1.", nameof(options));
        Action<string> progress = options.Progress ?? (_ => { });

        var train = new List<ConllSentence>();
        var dataInfo = new List<(string Path, int Sentences, int Words, int NonProjective, int Lifted)>();
        foreach (string file in options.TrainFiles)
        {
            List<ConllSentence> sentences = ConllUReader.ReadFile(file);
            int words = 0, nonProjective = 0, lifted = 0;
            foreach (ConllSentence s in sentences)
            {
                words += s.Length;
                int moved = Projectivize(s.Heads);
                if (moved > 0)
                {
                    nonProjective++;
                    lifted += moved;
                }
            }
            dataInfo.Add((file, sentences.Count, words, nonProjective, lifted));
            progress($"{file}: {sentences.Count} sentences, {words} words; {nonProjective} non-projective trees projectivized ({lifted} arcs lifted)");
            train.AddRange(sentences);
        }
        List<ConllSentence> dev = ConllUReader.ReadFile(options.DevFile);
        var clusterFiles = new List<string>();
        Entities.WordClusters? clusters = options.ClusterDataDirectory is null ? null
            : Models.ModelTrainer.BuildParserClusters(options.ClusterDataDirectory, clusterFiles, progress);

        string[] relations = CollectRelations(train);
        var relationIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < relations.Length; i++)
            relationIndex[relations[i]] = i;
        progress($"{relations.Length} relations + root: {string.Join(' ', relations)}");

        var moves = new PerceptronTrainer(Move.Names, options.TransitionBits);
        var labels = new PerceptronTrainer(relations, options.LabelBits);
        ConllSentence[] order = [.. train];
        var shuffle = new Random(options.Seed);
        var explore = new Random(options.Seed + 1);
        DependencyParser? best = null;
        AttachmentScores bestDev = default;
        int bestIteration = 0;
        var devHistory = new List<AttachmentScores>();
        using var state = new ParseState();
        using var beam = options.BeamWidth > 1 ? new BeamSearch(options.BeamWidth) : null;
        using var goldState = new ParseState();
        using var replay = new ParseState();
        int[] history = new int[4 * 130];
        int[] gold = new int[64];
        int[] goldLabels = new int[64];
        var clock = Stopwatch.StartNew();

        for (int iteration = 1; iteration <= options.Iterations; iteration++)
        {
            PerceptronTrainer.Shuffle(order, shuffle);
            long decisions = 0, errors = 0;
            foreach (ConllSentence sentence in order)
            {
                int n = sentence.Length;
                if (gold.Length < n)
                {
                    gold = new int[n * 2];
                    goldLabels = new int[n * 2];
                }
                for (int i = 0; i < n; i++)
                {
                    gold[i] = sentence.Heads[i] < 0 ? n : sentence.Heads[i];
                    goldLabels[i] = relationIndex.GetValueOrDefault(sentence.Relations[i], -1);
                }
                DependencyParser.Load(state, sentence, clusters);
                if (beam is not null)
                {
                    if (history.Length < 8 * n + 8)
                        history = new int[16 * n + 16];
                    errors += TrainSentenceGlobal(state, beam, goldState, replay, gold.AsSpan(0, n), goldLabels.AsSpan(0, n), moves, labels, history) ? 1 : 0;
                    decisions++;
                    continue;
                }
                (long d, long e) = TrainSentence(state, gold.AsSpan(0, n), goldLabels.AsSpan(0, n), moves, labels, iteration > 1 ? options.Explore : 0, explore);
                decisions += d;
                errors += e;
            }
            var parser = new DependencyParser(moves.ToModel(), labels.ToModel(), options.BeamWidth, string.Empty, options.BeamMargin, clusters);
            AttachmentScores scores = ParserEvaluation.Evaluate(parser, dev);
            devHistory.Add(scores);
            string unit = beam is null ? "move errors" : "sentences updated";
            progress(FormattableString.Invariant($"iteration {iteration}: train {unit} {(double)errors / decisions:P2}; dev {scores}; {clock.Elapsed.TotalSeconds:F0}s"));
            if (best is null || scores.Las > bestDev.Las)
            {
                best = parser;
                bestDev = scores;
                bestIteration = iteration;
            }
        }

        var scoreTable = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["dev.uas"] = Math.Round(bestDev.Uas, 4),
            ["dev.las"] = Math.Round(bestDev.Las, 4),
        };
        foreach (string testFile in options.TestFiles)
        {
            AttachmentScores test = ParserEvaluation.Evaluate(best!, ConllUReader.ReadFile(testFile));
            string name = Path.GetFileNameWithoutExtension(testFile);
            scoreTable[$"{name}.uas"] = Math.Round(test.Uas, 4);
            scoreTable[$"{name}.las"] = Math.Round(test.Las, 4);
            progress($"{testFile}: {test}");
        }

        string manifest = BuildManifest(options, dataInfo, clusterFiles, relations, bestIteration, devHistory, scoreTable, best!, includeFile: null);
        var final = new DependencyParser(best!.TransitionModel, best.LabelModel, options.BeamWidth, manifest, options.BeamMargin, clusters);
        string outFile = Path.GetFullPath(options.OutputFile);
        Directory.CreateDirectory(Path.GetDirectoryName(outFile)!);
        using (FileStream stream = File.Create(outFile))
            final.Write(stream);
        string manifestFile = Path.ChangeExtension(outFile, ".manifest.json");
        string sidecar = BuildManifest(options, dataInfo, clusterFiles, relations, bestIteration, devHistory, scoreTable, final, includeFile: outFile);
        File.WriteAllText(manifestFile, sidecar + "\n");
        long size = new FileInfo(outFile).Length;
        progress($"wrote {outFile} ({size / 1024.0 / 1024.0:F1} MB; {DependencyParser.Describe(final)}), best iteration {bestIteration}");
        return new ParserTrainingReport(outFile, manifestFile, bestIteration, scoreTable, size, final.MemoryBytes);
    }

    /// <summary>One pass over one sentence; returns (transition decisions, decisions the model got wrong).</summary>
    private static (long Decisions, long Errors) TrainSentence(ParseState state, ReadOnlySpan<int> gold, ReadOnlySpan<int> goldLabels,
        PerceptronTrainer moves, PerceptronTrainer labels, double explore, Random random)
    {
        Span<int> buckets = stackalloc int[PerceptronModel.MaxFeatures];
        Span<float> moveScores = stackalloc float[Move.ClassCount];
        Span<float> labelScores = stackalloc float[labels.ClassCount];
        Span<int> costs = stackalloc int[Move.Count];
        int n = state.Length;
        long decisions = 0, errors = 0;
        while (!state.IsTerminal)
        {
            var features = new FeatureBuffer(buckets, moves.Bits);
            state.TransitionFeatures(ref features);
            moves.Score(features.Buckets, moveScores);
            state.Costs(gold, costs);
            int predicted = -1, best = -1, minCost = int.MaxValue;
            for (int m = 0; m < Move.Count; m++)
            {
                if (costs[m] == int.MaxValue)
                    continue;
                if (predicted < 0 || moveScores[m] > moveScores[predicted])
                    predicted = m;
                minCost = Math.Min(minCost, costs[m]);
            }
            for (int m = 0; m < Move.Count; m++)
            {
                if (costs[m] == minCost && (best < 0 || moveScores[m] > moveScores[best]))
                    best = m;
            }
            moves.Tick();
            decisions++;
            if (costs[predicted] > minCost)
            {
                errors++;
                moves.Update(features.Buckets, best, predicted);
            }
            int move = explore > 0 && random.NextDouble() < explore ? predicted : best;
            int label = -1;
            if (move != Move.Shift)
            {
                (int head, int dependent) = state.ArcOf(move);
                if (head == n)
                {
                    label = labels.ClassCount;
                }
                else
                {
                    var labelFeatures = new FeatureBuffer(buckets, labels.Bits);
                    state.LabelFeatures(head, dependent, ref labelFeatures);
                    labels.Score(labelFeatures.Buckets, labelScores);
                    label = 0;
                    for (int c = 1; c < labels.ClassCount; c++)
                    {
                        if (labelScores[c] > labelScores[label])
                            label = c;
                    }
                    // Labels are learned only on arcs that are right: a wrong arc has no gold label.
                    if (gold[dependent] == head && goldLabels[dependent] >= 0)
                    {
                        labels.Tick();
                        labels.Update(labelFeatures.Buckets, goldLabels[dependent], label);
                    }
                }
            }
            state.Apply(move, label);
        }
        return (decisions, errors);
    }

    /// <summary>
    /// Global training of one sentence with max-violation updates (Huang, Fayong and Guo 2012): the beam runs to the
    /// end beside the gold sequence (a static oracle: the first zero-cost move in the order left, right, shift), and
    /// the perceptron is updated at the step where the best item outscores the gold prefix by the most. Labels are
    /// trained locally along the gold sequence. Returns whether the sentence caused an update.
    /// </summary>
    private static bool TrainSentenceGlobal(ParseState words, BeamSearch beam, ParseState gold, ParseState replay,
        ReadOnlySpan<int> goldHeads, ReadOnlySpan<int> goldLabels, PerceptronTrainer moves, PerceptronTrainer labels, int[] history)
    {
        Span<int> buckets = stackalloc int[PerceptronModel.MaxFeatures];
        Span<float> moveScores = stackalloc float[Move.ClassCount];
        Span<float> labelScores = stackalloc float[64];
        Span<int> costs = stackalloc int[Move.Count];
        int n = words.Length;
        int steps = 2 * n;
        Span<int> goldMoves = history.AsSpan(0, steps);
        Span<int> goldMoveLabels = history.AsSpan(steps, steps);
        Span<int> predictedMoves = history.AsSpan(2 * steps, steps);
        Span<int> predictedLabels = history.AsSpan(3 * steps, steps);
        var moveScorer = new TrainerScorer(moves);
        var labelScorer = new TrainerScorer(labels);
        int labelCount = labels.ClassCount;
        beam.Start(words);
        gold.CopyFrom(words);
        float goldScore = 0, maxViolation = float.NegativeInfinity;
        int violationStep = -1;
        for (int t = 0; t < steps; t++)
        {
            gold.Costs(goldHeads, costs);
            int goldMove = costs[Move.Left] == 0 ? Move.Left : costs[Move.Right] == 0 ? Move.Right : costs[Move.Shift] == 0 ? Move.Shift : -1;
            if (goldMove < 0)
            {
                // Only a tree the system cannot build (several roots) gets here: take the cheapest move.
                goldMove = Move.Shift;
                for (int m = 0; m < Move.Count; m++)
                {
                    if (costs[m] < costs[goldMove])
                        goldMove = m;
                }
            }
            var features = new FeatureBuffer(buckets, moves.Bits);
            gold.TransitionFeatures(ref features);
            moves.Score(features.Buckets, moveScores);
            goldScore += moveScores[goldMove];
            int goldLabel = -1;
            if (goldMove != Move.Shift)
            {
                goldLabel = BeamSearch.ChooseLabel(gold, goldMove, labelScorer, labelCount, buckets, labelScores);
                (int head, int dependent) = gold.ArcOf(goldMove);
                if (head != n && goldHeads[dependent] == head && goldLabels[dependent] >= 0)
                {
                    var labelFeatures = new FeatureBuffer(buckets, labels.Bits);
                    gold.LabelFeatures(head, dependent, ref labelFeatures);
                    labels.Tick();
                    labels.Update(labelFeatures.Buckets, goldLabels[dependent], goldLabel);
                }
            }
            goldMoves[t] = goldMove;
            goldMoveLabels[t] = goldLabel;
            gold.Apply(goldMove, goldLabel);
            beam.Step(t, moveScorer, labelScorer, labelCount, buckets, goldMove);
            // A tie counts: with equal scores the gold sequence must still be made to win.
            float violation = beam.Score(0) - goldScore;
            if (!beam.BestIsGold && violation >= 0 && violation > maxViolation)
            {
                maxViolation = violation;
                violationStep = t;
            }
        }
        moves.Tick();
        if (violationStep < 0)
            return false;
        beam.History(violationStep, 0, predictedMoves, predictedLabels);
        // The shared prefix produces identical states whose updates cancel: start where the sequences part.
        int first = 0;
        while (first <= violationStep && goldMoves[first] == predictedMoves[first] && goldMoveLabels[first] == predictedLabels[first])
            first++;
        Replay(words, replay, goldMoves, goldMoveLabels, first, violationStep, moves, buckets, toward: true);
        Replay(words, replay, predictedMoves, predictedLabels, first, violationStep, moves, buckets, toward: false);
        return true;
    }

    private static void Replay(ParseState words, ParseState state, ReadOnlySpan<int> sequence, ReadOnlySpan<int> labels, int first, int last,
        PerceptronTrainer moves, Span<int> buckets, bool toward)
    {
        state.CopyFrom(words);
        for (int t = 0; t <= last; t++)
        {
            if (t >= first)
            {
                var features = new FeatureBuffer(buckets, moves.Bits);
                state.TransitionFeatures(ref features);
                if (toward)
                    moves.Update(features.Buckets, sequence[t], Move.None);
                else
                    moves.Update(features.Buckets, Move.None, sequence[t]);
            }
            state.Apply(sequence[t], labels[t]);
        }
    }

    private static string[] CollectRelations(List<ConllSentence> sentences)
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (ConllSentence s in sentences)
        {
            foreach (string relation in s.Relations)
            {
                if (relation != DependencyParser.RootLabel)
                    set.Add(relation);
            }
        }
        if (set.Count > 63)
            throw new InvalidDataException($"The training data has {set.Count} relations; the parser supports at most 63 (besides root).");
        return [.. set];
    }

    /// <summary>Lifts non-projective arcs until the tree is projective; returns how many lifts it took.</summary>
    internal static int Projectivize(int[] heads)
    {
        int lifts = 0;
        while (true)
        {
            int worst = -1, worstSpan = int.MaxValue;
            for (int d = 0; d < heads.Length; d++)
            {
                int h = heads[d];
                if (h < 0)
                    continue;
                int span = Math.Abs(h - d);
                if (span < worstSpan && !IsProjective(heads, h, d))
                {
                    worst = d;
                    worstSpan = span;
                }
            }
            if (worst < 0)
                return lifts;
            heads[worst] = heads[heads[worst]];
            lifts++;
        }
    }

    private static bool IsProjective(int[] heads, int head, int dependent)
    {
        int from = Math.Min(head, dependent), to = Math.Max(head, dependent);
        for (int k = from + 1; k < to; k++)
        {
            int node = k;
            while (node >= 0 && node != head)
                node = heads[node];
            if (node != head)
                return false;
        }
        return true;
    }

    private static string BuildManifest(ParserTrainingOptions options, List<(string Path, int Sentences, int Words, int NonProjective, int Lifted)> data,
        List<string> clusterFiles, string[] relations, int bestIteration, List<AttachmentScores> devHistory, IDictionary<string, double> scores, DependencyParser parser, string? includeFile)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("name", DependencyParser.DefaultName);
            w.WriteString("kind", DependencyParser.Kind);
            w.WriteString("version", DependencyParser.ModelVersion);
            w.WriteNumber("formatVersion", Models.ModelFormat.FormatVersion);
            if (includeFile is not null)
            {
                w.WriteString("file", Path.GetFileName(includeFile));
                w.WriteNumber("sizeBytes", new FileInfo(includeFile).Length);
                w.WriteString("sha256", Sha256(includeFile));
            }
            if (options.Notes is not null)
                w.WriteString("notes", options.Notes);
            w.WriteString("dataLicences", "UD English-EWT (CC BY-SA 4.0); GUM (CC BY 4.0 / CC BY-SA, see its LICENSE.txt) when used");
            w.WriteStartArray("trainingData");
            foreach (var d in data)
            {
                w.WriteStartObject();
                w.WriteString("file", Path.GetFileName(d.Path));
                w.WriteString("sha256", Sha256(d.Path));
                w.WriteNumber("sentences", d.Sentences);
                w.WriteNumber("words", d.Words);
                w.WriteNumber("nonProjectiveTrees", d.NonProjective);
                w.WriteNumber("liftedArcs", d.Lifted);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (parser.Clusters is not null)
            {
                w.WriteStartObject("wordClusters");
                w.WriteNumber("words", parser.Clusters.Count);
                w.WriteString("method", $"bisecting spherical 2-means over PPMI neighbour vectors, depth up to {Entities.WordClusters.MaxDepth}, words seen at least {Models.ModelTrainer.WordClusterMinCount} times (lower-cased, digits folded to 0); the model holds the derived word-to-path map (64-bit word hashes), no text");
                w.WriteStartArray("text");
                foreach (string file in clusterFiles)
                {
                    w.WriteStartObject();
                    w.WriteString("file", Path.GetFileName(file));
                    w.WriteString("sha256", Sha256(file));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteStartObject("devData");
            w.WriteString("file", Path.GetFileName(options.DevFile));
            w.WriteString("sha256", Sha256(options.DevFile));
            w.WriteEndObject();
            w.WriteStartArray("testData");
            foreach (string test in options.TestFiles)
            {
                w.WriteStartObject();
                w.WriteString("file", Path.GetFileName(test));
                w.WriteString("sha256", Sha256(test));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("settings");
            w.WriteString("system", options.BeamWidth > 1
                ? "arc-hybrid, root at the end, beam search with global max-violation training; projectivized by lifting"
                : "arc-hybrid, root at the end, greedy; dynamic oracle with error exploration; projectivized by lifting");
            w.WriteNumber("beamWidth", options.BeamWidth);
            w.WriteNumber("beamMargin", options.BeamMargin);
            w.WriteNumber("iterations", options.Iterations);
            w.WriteNumber("bestIteration", bestIteration);
            w.WriteNumber("seed", options.Seed);
            w.WriteNumber("explore", options.Explore);
            w.WriteNumber("transitionBits", options.TransitionBits);
            w.WriteNumber("labelBits", options.LabelBits);
            w.WriteNumber("featureVersion", parser.Features);
            w.WriteString("tags", "XPOS and UPOS from the training files' columns (see notes)");
            w.WriteEndObject();
            w.WriteStartArray("relations");
            foreach (string r in relations)
                w.WriteStringValue(r);
            w.WriteEndArray();
            w.WriteNumber("transitionNonZeroWeights", parser.TransitionModel.CountNonZero());
            w.WriteNumber("labelNonZeroWeights", parser.LabelModel.CountNonZero());
            w.WriteNumber("memoryBytes", parser.MemoryBytes);
            w.WriteStartObject("scores");
            w.WriteString("note", "attachment scores over all words, punctuation included; gold tokenisation and the tags in the files");
            foreach (KeyValuePair<string, double> pair in scores)
                w.WriteNumber(pair.Key, pair.Value);
            w.WriteEndObject();
            w.WriteStartArray("devHistory");
            foreach (AttachmentScores s in devHistory)
                w.WriteStringValue(s.ToString());
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Sha256(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
