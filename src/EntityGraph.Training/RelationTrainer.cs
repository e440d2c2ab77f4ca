using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EntityGraph.Evaluation;
using EntityGraph.Relations;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace EntityGraph.Training;

/// <summary>What <see cref="RelationTrainer.Train"/> reads and how it learns.</summary>
internal sealed record RelationTrainingOptions
{
    /// <summary>Annotated brat folders that are cross-validated by document (news-dev a and b).</summary>
    public required IReadOnlyList<string> Folds { get; init; }

    /// <summary>Extra annotated brat folders that are always in training (DWIE), or none.</summary>
    public IReadOnlyList<string> Extra { get; init; } = [];

    /// <summary>Weight of each extra-corpus candidate (DWIE's conventions differ from ours).</summary>
    public float ExtraWeight { get; init; } = 0.3f;

    /// <summary>Folders scored with the final model only, never trained on (the seeds).</summary>
    public IReadOnlyList<string> HeldOut { get; init; } = [];

    public int FoldCount { get; init; } = 5;

    public int Leaves { get; init; } = 16;

    /// <summary>Train positives only on the sentences the gold R lines point into (true) or on every co-occurrence.</summary>
    public bool SentenceLabels { get; init; } = true;

    public int Trees { get; init; } = 200;

    public double LearningRate { get; init; } = 0.05;

    public int MinLeaf { get; init; } = 10;

    /// <summary>auto (pick by cross-validation), lightgbm or logistic.</summary>
    public string Learner { get; init; } = "auto";

    /// <summary>The confidence cut stored in the model; 0 chooses it by cross-validation.</summary>
    public double Threshold { get; init; }

    /// <summary>The floor of a pattern-asserted statement's confidence (set by training: the patterns' precision).</summary>
    public double PatternConfidence { get; init; }

    public int Seed { get; init; } = 1;

    public required string Output { get; init; }

    /// <summary>The relation types the extra corpus annotates in our sense; its candidates of other types are left out.</summary>
    public IReadOnlyList<string> ExtraTypes { get; init; } = ["affiliated_with", "located_in"];

    /// <summary>Cap on extra-corpus documents (0: all), for quick runs.</summary>
    public int ExtraLimit { get; init; }
}

/// <summary>Document-level triple counts per relation type, as ANNOTATION.md section 5 scores them.</summary>
internal sealed class TripleCounts
{
    public Dictionary<string, (int Tp, int Fp, int Fn)> ByType { get; } = new(StringComparer.Ordinal);

    public TripleCounts Merge(IEnumerable<TripleCounts> others)
    {
        foreach (TripleCounts other in others)
        {
            foreach ((string type, (int tp, int fp, int fn)) in other.ByType)
                Add(type, tp, fp, fn);
        }
        return this;
    }

    public void Add(string type, int tp, int fp, int fn)
    {
        (int a, int b, int c) = ByType.GetValueOrDefault(type);
        ByType[type] = (a + tp, b + fp, c + fn);
    }

    public (double P, double R, double F1, int Tp, int Fp, int Fn) Total()
    {
        int tp = 0, fp = 0, fn = 0;
        foreach ((int a, int b, int c) in ByType.Values)
        {
            tp += a;
            fp += b;
            fn += c;
        }
        return Prf(tp, fp, fn);
    }

    public static (double P, double R, double F1, int Tp, int Fp, int Fn) Prf(int tp, int fp, int fn)
    {
        double p = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
        double r = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
        return (p, r, p + r == 0 ? 0 : 2 * p * r / (p + r), tp, fp, fn);
    }
}

/// <summary>
/// Trains the relation scorer (issue 13): candidates and features come from the runtime's own code
/// (<see cref="RelationCandidates"/>), so training and prediction cannot drift apart. Labels are document-level: a
/// candidate is positive when its type and the gold entities of its two mentions form a gold triple. The news-dev
/// folders are cross-validated by document (a document is never scored by a model that saw it); the extra corpus
/// (DWIE) is always in training, down-weighted. The learner (LightGBM or logistic regression, both ML.NET) is picked
/// by the cross-validated F1, then trained on everything and exported into the runtime's compact scorer, checked
/// against ML.NET's own predictions row by row.
/// </summary>
internal static class RelationTrainer
{
    private sealed class Row
    {
        public bool Label { get; set; }

        public float Weight { get; set; }

        public float[] Features { get; set; } = [];
    }

    private sealed class Prediction
    {
        public float Score { get; set; }

        public float Probability { get; set; }
    }

    /// <summary>One annotated document, turned into candidates.</summary>
    internal sealed class DocumentCandidates
    {
        public required string Id { get; init; }

        public required string Set { get; init; }

        public required float[] Rows { get; init; }

        public required bool[] Labels { get; init; }

        /// <summary>
        /// Per candidate: whether it trains. A positive triple is annotated once per document (one R line), so only its
        /// annotated sentence is a sure positive; its other co-occurrences may or may not state it and are left out.
        /// </summary>
        public required bool[] Trains { get; init; }

        /// <summary>Per candidate: its sentence index (for error analysis).</summary>
        public required int[] Sentences { get; init; }

        /// <summary>Per candidate: its document-level triple in gold entity keys.</summary>
        public required (string Type, string Subject, string Object)[] Triples { get; init; }

        public required HashSet<(string Type, string Subject, string Object)> Gold { get; init; }
    }

    /// <summary>About one triple of news-dev's 244 in F1: smaller gains from a lower cut are noise.</summary>
    private const double CutTolerance = 0.005;

    public static int Train(RelationTrainingOptions options, TextWriter log)
    {
        RelationFeatures features = new(RelationLexicon.Default);
        Pipeline pipeline = new PipelineBuilder().UseDefaults()
            .Replace<RelationExtractorStage>(new RelationExtractorStage(options: new RelationExtractorOptions { UseModel = false })).Build();
        var started = DateTime.UtcNow;
        List<DocumentCandidates> pool = [];
        foreach (string folder in options.Folds)
            pool.AddRange(Read(pipeline, features, folder, 0, options.SentenceLabels, log));
        List<DocumentCandidates> extra = [];
        foreach (string folder in options.Extra)
            extra.AddRange(Read(pipeline, features, folder, options.ExtraLimit, options.SentenceLabels, log));
        List<DocumentCandidates> heldOut = [];
        foreach (string folder in options.HeldOut)
            heldOut.AddRange(Read(pipeline, features, folder, 0, options.SentenceLabels, log));
        int reachable = pool.Sum(static d => d.Gold.Count(t => d.Triples.Contains(t))), gold = pool.Sum(static d => d.Gold.Count);
        log.WriteLine($"gold triples with at least one candidate: {reachable} of {gold} (the recall ceiling of this candidate set)");
        log.WriteLine($"candidates: {Count(pool)} in {pool.Count} cross-validated documents ({Positives(pool)} positive), {Count(extra)} in {extra.Count} extra ({Positives(extra)} positive)");

        // The patterns alone, counted the same way: the floor every learner must beat.
        int ruleFeature = Array.IndexOf(features.Names, "rule.asserted");
        double[][] rulesOnly = [.. pool.Select(d => Enumerable.Range(0, d.Labels.Length).Select(i => (double)d.Rows[i * features.Count + ruleFeature]).ToArray())];
        double patternConfidence = Math.Round(new TripleCounts().Merge(Score(pool, rulesOnly, 0.5).Values).Total().P, 3);
        log.WriteLine($"pattern confidence (precision of the patterns alone over all cross-validated documents): {patternConfidence:F3}");
        options = options with { PatternConfidence = patternConfidence };
        foreach ((string set, TripleCounts c) in Score(pool, rulesOnly, 0.5).OrderBy(static p => p.Key, StringComparer.Ordinal))
        {
            var t = c.Total();
            log.WriteLine($"patterns alone {set}: P {t.P:F3} R {t.R:F3} F1 {t.F1:F3}; " + string.Join(", ", c.ByType.OrderBy(static p => p.Key, StringComparer.Ordinal).Select(static p => $"{p.Key} {TripleCounts.Prf(p.Value.Tp, p.Value.Fp, p.Value.Fn).F1:F2}")));
        }
        string[] learners = options.Learner == "auto" ? ["lightgbm", "logistic"] : [options.Learner];
        var cv = new Dictionary<string, Dictionary<string, TripleCounts>>(StringComparer.Ordinal);
        var cuts = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string learner in learners)
        {
            double[][] outOfFold = CrossValidate(features, pool, extra, options, learner);
            double[] sweepCuts = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
            var meanF1 = new double[sweepCuts.Length];
            for (int c = 0; c < sweepCuts.Length; c++)
            {
                Dictionary<string, TripleCounts> sweep = Score(pool, outOfFold, sweepCuts[c]);
                log.WriteLine($"  {learner} cut {sweepCuts[c]:F1}: " + string.Join("; ", sweep.OrderBy(static p => p.Key, StringComparer.Ordinal).Select(static p => $"{p.Key} P {p.Value.Total().P:F3} R {p.Value.Total().R:F3} F1 {p.Value.Total().F1:F3}")));
                meanF1[c] = sweep.Values.Average(static c => c.Total().F1);
            }
            // The highest cut whose mean cross-validated F1 is within CutTolerance of the best: a lower cut asserts
            // statements the patterns did not make, and news-dev is too small to trust a gain of one triple.
            double bestCut = options.Threshold;
            if (options.Threshold <= 0)
            {
                double best = meanF1.Max();
                for (int c = sweepCuts.Length - 1; c >= 0; c--)
                {
                    if (meanF1[c] >= best - CutTolerance)
                    {
                        bestCut = sweepCuts[c];
                        break;
                    }
                }
            }
            cuts[learner] = bestCut;
            log.WriteLine($"  {learner} cut: {bestCut:F1}" + (options.Threshold <= 0 ? $" (the highest within {CutTolerance} of the best mean cross-validated F1)" : " (given)"));
            Dictionary<string, TripleCounts> counts = Score(pool, outOfFold, bestCut);
            cv[learner] = counts;
            if (Environment.GetEnvironmentVariable("EG_RELATION_DEBUG") is string debugPath)
                Debug(pool, outOfFold, features, debugPath + "." + learner + ".tsv");
            foreach ((string set, TripleCounts c) in counts.OrderBy(static p => p.Key, StringComparer.Ordinal))
            {
                var t = c.Total();
                log.WriteLine($"{learner} {options.FoldCount}-fold {set}: P {t.P:F3} R {t.R:F3} F1 {t.F1:F3} ({t.Tp} tp, {t.Fp} fp, {t.Fn} fn)");
                log.WriteLine("    " + string.Join(", ", c.ByType.OrderBy(static p => p.Key, StringComparer.Ordinal).Select(static p => $"{p.Key} {TripleCounts.Prf(p.Value.Tp, p.Value.Fp, p.Value.Fn).F1:F2}")));
            }
        }
        string chosen = learners.OrderByDescending(l => cv[l].Values.Average(static c => c.Total().F1)).First();
        log.WriteLine($"chosen learner: {chosen}");
        options = options with { Threshold = cuts[chosen] };

        RelationModel model = Fit(features, [.. pool, .. extra], pool.Count, options, chosen, verify: true);
        string? directory = Path.GetDirectoryName(Path.GetFullPath(options.Output));
        if (directory is not null)
            Directory.CreateDirectory(directory);
        using (FileStream stream = File.Create(options.Output))
            model.Write(stream);
        string sha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(options.Output)));

        var heldOutCounts = new Dictionary<string, TripleCounts>(StringComparer.Ordinal);
        foreach (DocumentCandidates doc in heldOut)
        {
            double[] p = Predict(model, doc.Rows);
            Count(heldOutCounts, doc, p, model.Threshold);
        }
        foreach ((string set, TripleCounts c) in heldOutCounts)
        {
            var t = c.Total();
            log.WriteLine($"held out {set} (final model, never trained on): P {t.P:F3} R {t.R:F3} F1 {t.F1:F3}");
        }
        WriteManifest(options, model, sha256, chosen, cv, heldOutCounts, pool, extra, started);
        log.WriteLine($"wrote {options.Output} (sha256 {sha256})");
        return 0;
    }

    private static int Count(List<DocumentCandidates> docs) => docs.Sum(static d => d.Labels.Length);

    private static int Positives(List<DocumentCandidates> docs) => docs.Sum(static d => d.Labels.Count(static l => l));

    /// <summary>Runs the rule-only pipeline over a brat folder and turns each document into labelled candidates.</summary>
    internal static List<DocumentCandidates> Read(Pipeline pipeline, RelationFeatures features, string folder, int limit, bool sentenceLabels, TextWriter log)
    {
        BratCorpus corpus = BratReader.ReadFolder(folder);
        if (corpus.Documents.Count == 0)
            throw new InvalidDataException($"'{folder}' holds no annotated brat documents (NAME.txt + NAME.ann).");
        foreach (EvaluationProblem problem in corpus.Problems.Take(5))
            log.WriteLine($"warning: {problem}");
        string set = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        string parent = Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder))) ?? string.Empty);
        set = parent + "/" + set;
        var symmetric = new HashSet<string>(RelationSchema.Default.Types.Where(static t => t.Symmetric).Select(static t => t.Name), StringComparer.Ordinal);
        IEnumerable<AnnotatedDocument> documents = corpus.Documents.OrderBy(static d => d.Id, StringComparer.Ordinal);
        if (limit > 0)
            documents = documents.Take(limit);
        var result = new List<DocumentCandidates>();
        foreach (AnnotatedDocument gold in documents)
        {
            Document document = pipeline.Process(gold.Text, gold.Id);
            int[] mentionAt = RelationExtractorStage.MentionByToken(document);
            List<RuleEvidence> rules = RelationScoring.RulesOf(document, RelationSchema.Default, features, document.Relations, null);
            var candidates = new List<RelationCandidate>();
            var rows = new List<float>();
            RelationCandidates.Build(document, mentionAt, RelationSchema.Default, features, rules, candidates, rows);
            AnnotatedDocument system = AnnotatedDocument.FromDocument(document);
            Dictionary<string, string> mapping = RelationScorer.MapEntities(gold, system);
            var goldTriples = new HashSet<(string, string, string)>();
            foreach (AnnotatedRelation r in gold.Relations)
                goldTriples.Add(Triple(r.Type, EntityScorer.EntityOf(gold.Mentions[r.Arg1]), EntityScorer.EntityOf(gold.Mentions[r.Arg2]), symmetric));
            // Sentences (by character span) that hold an annotated argument of each gold triple.
            var stated = new HashSet<((string, string, string) Triple, int Sentence)>();
            foreach (AnnotatedRelation r in gold.Relations)
            {
                var triple = Triple(r.Type, EntityScorer.EntityOf(gold.Mentions[r.Arg1]), EntityScorer.EntityOf(gold.Mentions[r.Arg2]), symmetric);
                foreach (int arg in (int[])[r.Arg1, r.Arg2])
                {
                    int sentence = document.SentenceIndexAt(gold.Mentions[arg].Start);
                    if (sentence >= 0)
                        stated.Add((triple, sentence));
                }
            }
            var labels = new bool[candidates.Count];
            var trains = new bool[candidates.Count];
            var triples = new (string, string, string)[candidates.Count];
            for (int i = 0; i < candidates.Count; i++)
            {
                RelationCandidate c = candidates[i];
                string subject = mapping[EntityScorer.EntityOf(system.Mentions[c.SubjectMention])];
                string obj = mapping[EntityScorer.EntityOf(system.Mentions[c.ObjectMention])];
                triples[i] = Triple(features.Types[c.Type], subject, obj, symmetric);
                labels[i] = goldTriples.Contains(triples[i]);
                trains[i] = !labels[i] || !sentenceLabels || stated.Contains((triples[i], c.Sentence));
            }
            result.Add(new DocumentCandidates
            {
                Id = gold.Id, Set = set, Rows = [.. rows], Labels = labels, Trains = trains, Sentences = [.. candidates.Select(static c => c.Sentence)], Triples = triples,
                Gold = [.. goldTriples.Where(t => features.TypeIndex(t.Item1) >= 0)],
            });
        }
        log.WriteLine($"read {result.Count} documents from {folder}");
        return result;
    }

    private static (string, string, string) Triple(string type, string subject, string obj, HashSet<string> symmetric) =>
        symmetric.Contains(type) && string.CompareOrdinal(subject, obj) > 0 ? (type, obj, subject) : (type, subject, obj);

    /// <summary>k-fold by document over the pool (the extra corpus always trains): each pool document's out-of-fold probabilities.</summary>
    internal static double[][] CrossValidate(RelationFeatures features, List<DocumentCandidates> pool,
        List<DocumentCandidates> extra, RelationTrainingOptions options, string learner)
    {
        var outOfFold = new double[pool.Count][];
        for (int fold = 0; fold < options.FoldCount; fold++)
        {
            var train = new List<DocumentCandidates>();
            for (int i = 0; i < pool.Count; i++)
            {
                if (i % options.FoldCount != fold)
                    train.Add(pool[i]);
            }
            int poolCount = train.Count;
            train.AddRange(extra);
            RelationModel model = Fit(features, train, poolCount, options, learner, verify: false);
            for (int i = 0; i < pool.Count; i++)
            {
                if (i % options.FoldCount == fold)
                    outOfFold[i] = Predict(model, pool[i].Rows);
            }
        }
        return outOfFold;
    }

    /// <summary>A table of every candidate of the pool: its triple, label, out-of-fold probability and non-zero features (for error analysis).</summary>
    private static void Debug(List<DocumentCandidates> pool, double[][] probabilities, RelationFeatures features, string path)
    {
        using var w = new StreamWriter(path);
        for (int d = 0; d < pool.Count; d++)
        {
            DocumentCandidates doc = pool[d];
            for (int i = 0; i < doc.Labels.Length; i++)
            {
                var nonZero = Enumerable.Range(0, features.Count).Where(f => doc.Rows[i * features.Count + f] != 0)
                    .Select(f => features.Names[f] + "=" + doc.Rows[i * features.Count + f].ToString(CultureInfo.InvariantCulture));
                w.WriteLine(string.Join('\t', doc.Id, doc.Sentences[i], doc.Triples[i].Type, doc.Triples[i].Subject, doc.Triples[i].Object,
                    doc.Labels[i] ? 1 : 0, doc.Trains[i] ? 1 : 0, probabilities[d][i].ToString("F3", CultureInfo.InvariantCulture), string.Join(' ', nonZero)));
            }
        }
    }

    /// <summary>Triple counts per set of the pool's out-of-fold probabilities at <paramref name="threshold"/>.</summary>
    internal static Dictionary<string, TripleCounts> Score(List<DocumentCandidates> pool, double[][] probabilities, double threshold)
    {
        var counts = new Dictionary<string, TripleCounts>(StringComparer.Ordinal);
        for (int i = 0; i < pool.Count; i++)
            Count(counts, pool[i], probabilities[i], threshold);
        return counts;
    }

    /// <summary>The probabilities the runtime gives (<see cref="RelationScoring"/>): a pattern's statement at least the pattern confidence.</summary>
    private static double[] Predict(RelationModel model, float[] rows)
    {
        int width = model.Features.Count;
        int rule = Array.IndexOf(model.Features.Names, "rule.asserted");
        var p = new double[rows.Length / width];
        for (int i = 0; i < p.Length; i++)
        {
            p[i] = model.Probability(rows.AsSpan(i * width, width));
            if (rows[i * width + rule] > 0)
                p[i] = Math.Max(p[i], model.PatternConfidence);
        }
        return p;
    }

    /// <summary>Adds a document's triple counts at <paramref name="threshold"/> (max over a triple's candidates).</summary>
    internal static void Count(Dictionary<string, TripleCounts> counts, DocumentCandidates doc, double[] probabilities, double threshold)
    {
        if (!counts.TryGetValue(doc.Set, out TripleCounts? c))
            counts[doc.Set] = c = new TripleCounts();
        var predicted = new HashSet<(string, string, string)>();
        for (int i = 0; i < probabilities.Length; i++)
        {
            if (probabilities[i] >= threshold)
                predicted.Add(doc.Triples[i]);
        }
        foreach (var t in predicted)
            c.Add(t.Item1, doc.Gold.Contains(t) ? 1 : 0, doc.Gold.Contains(t) ? 0 : 1, 0);
        foreach (var t in doc.Gold)
        {
            if (!predicted.Contains(t))
                c.Add(t.Item1, 0, 0, 1);
        }
    }

    /// <summary>Trains one learner on <paramref name="docs"/> (the first <paramref name="poolCount"/> at weight 1) and exports it.</summary>
    private static RelationModel Fit(RelationFeatures features, List<DocumentCandidates> docs, int poolCount, RelationTrainingOptions options,
        string learner, bool verify)
    {
        int width = features.Count;
        var rows = new List<Row>();
        for (int d = 0; d < docs.Count; d++)
        {
            float weight = d < poolCount ? 1f : options.ExtraWeight;
            DocumentCandidates doc = docs[d];
            for (int i = 0; i < doc.Labels.Length; i++)
            {
                // DWIE annotates some types only: its unannotated types would teach that they never occur.
                if (!doc.Trains[i] || (d >= poolCount && !options.ExtraTypes.Contains(doc.Triples[i].Type)))
                    continue;
                rows.Add(new Row { Label = doc.Labels[i], Weight = weight, Features = doc.Rows.AsSpan(i * width, width).ToArray() });
            }
        }
        var ml = new MLContext(options.Seed);
        SchemaDefinition schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return learner switch
        {
            "lightgbm" => FitTrees(ml, schema, rows, features, options, verify),
            "logistic" => FitLinear(ml, schema, rows, features, options, verify),
            _ => throw new ArgumentException($"Unknown learner '{learner}' (expected lightgbm, logistic or auto)."),
        };
    }

    private static RelationModel FitTrees(MLContext ml, SchemaDefinition schema, List<Row> rows, RelationFeatures features, RelationTrainingOptions options, bool verify)
    {
        IDataView data = ml.Data.LoadFromEnumerable(rows, schema);
        var trainer = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            LabelColumnName = nameof(Row.Label),
            FeatureColumnName = nameof(Row.Features),
            ExampleWeightColumnName = nameof(Row.Weight),
            NumberOfLeaves = options.Leaves,
            NumberOfIterations = options.Trees,
            LearningRate = options.LearningRate,
            MinimumExampleCountPerLeaf = options.MinLeaf,
            NumberOfThreads = 1,
            Seed = options.Seed,
            Verbose = false,
            Silent = true,
        });
        var fitted = trainer.Fit(data);
        CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator> parameters = fitted.Model;
        RegressionTreeEnsemble ensemble = parameters.SubModel.TrainedTreeEnsemble;
        var roots = new List<int>();
        var feature = new List<int>();
        var threshold = new List<float>();
        var left = new List<int>();
        var right = new List<int>();
        var leaves = new List<float>();
        for (int t = 0; t < ensemble.Trees.Count; t++)
        {
            RegressionTree tree = ensemble.Trees[t];
            double weight = ensemble.TreeWeights[t];
            int nodeOffset = feature.Count, leafOffset = leaves.Count;
            for (int n = 0; n < tree.NumberOfNodes; n++)
            {
                if (tree.CategoricalSplitFlags[n])
                    throw new InvalidOperationException("The relation features are numeric; a categorical split cannot be exported.");
                feature.Add(tree.NumericalSplitFeatureIndexes[n]);
                threshold.Add(tree.NumericalSplitThresholds[n]);
                left.Add(Child(tree.LeftChild[n], nodeOffset, leafOffset));
                right.Add(Child(tree.RightChild[n], nodeOffset, leafOffset));
            }
            foreach (double leaf in tree.LeafValues)
                leaves.Add((float)(leaf * weight));
            roots.Add(tree.NumberOfNodes == 0 ? ~leafOffset : nodeOffset);
        }
        var trees = new TreeEnsemble([.. roots], [.. feature], [.. threshold], [.. left], [.. right], [.. leaves]);
        PlattCalibrator calibrator = parameters.Calibrator;
        var model = new RelationModel("relations-en-news", "1.0.0", features.Lexicon, ScorerKind.Trees, ensemble.Bias,
            -calibrator.Slope, -calibrator.Offset, options.Threshold, options.PatternConfidence, trees, null);
        if (verify)
            Verify(ml, fitted.Transform(data), rows, model);
        return model;
    }

    private static int Child(int child, int nodeOffset, int leafOffset) => child >= 0 ? child + nodeOffset : ~(~child + leafOffset);

    private static RelationModel FitLinear(MLContext ml, SchemaDefinition schema, List<Row> rows, RelationFeatures features, RelationTrainingOptions options, bool verify)
    {
        // Standardise here, so that the exported weights apply to raw features through stored means and scales.
        int width = features.Count;
        var means = new float[width];
        var scales = new float[width];
        double totalWeight = rows.Sum(static r => (double)r.Weight);
        for (int f = 0; f < width; f++)
        {
            double mean = 0, square = 0;
            foreach (Row r in rows)
            {
                mean += r.Weight * r.Features[f];
                square += r.Weight * r.Features[f] * r.Features[f];
            }
            mean /= totalWeight;
            double variance = Math.Max(0, square / totalWeight - mean * mean);
            means[f] = (float)mean;
            scales[f] = variance > 1e-12 ? (float)(1 / Math.Sqrt(variance)) : 0f;
        }
        var standardised = rows.Select(r => new Row
        {
            Label = r.Label,
            Weight = r.Weight,
            Features = [.. r.Features.Select((x, f) => (x - means[f]) * scales[f])],
        }).ToList();
        IDataView data = ml.Data.LoadFromEnumerable(standardised, schema);
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = nameof(Row.Label),
            FeatureColumnName = nameof(Row.Features),
            ExampleWeightColumnName = nameof(Row.Weight),
            L2Regularization = 1f,
            L1Regularization = 0.1f,
            NumberOfThreads = 1,
        });
        var fitted = trainer.Fit(data);
        var parameters = fitted.Model;
        float[] weights = [.. parameters.SubModel.Weights];
        PlattCalibrator calibrator = parameters.Calibrator;
        var model = new RelationModel("relations-en-news", "1.0.0", features.Lexicon, ScorerKind.Linear, parameters.SubModel.Bias,
            -calibrator.Slope, -calibrator.Offset, options.Threshold, options.PatternConfidence, null, new LinearScorer(weights, means, scales));
        if (verify)
            Verify(ml, fitted.Transform(data), rows, model);
        return model;
    }

    /// <summary>The exported scorer must give ML.NET's own scores and probabilities, row by row.</summary>
    private static void Verify(MLContext ml, IDataView scored, List<Row> rows, RelationModel model)
    {
        List<Prediction> predictions = ml.Data.CreateEnumerable<Prediction>(scored, reuseRowObject: false).ToList();
        for (int i = 0; i < rows.Count; i++)
        {
            double raw = model.RawScore(rows[i].Features);
            double p = model.Probability(rows[i].Features);
            if (Math.Abs(raw - predictions[i].Score) > 1e-3 * Math.Max(1, Math.Abs(raw)) || Math.Abs(p - predictions[i].Probability) > 1e-3)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"The exported relation scorer disagrees with ML.NET on row {i}: score {raw} vs {predictions[i].Score}, probability {p} vs {predictions[i].Probability}."));
            }
        }
    }

    private static void WriteManifest(RelationTrainingOptions options, RelationModel model, string sha256, string chosen,
        Dictionary<string, Dictionary<string, TripleCounts>> cv, Dictionary<string, TripleCounts> heldOut, List<DocumentCandidates> pool,
        List<DocumentCandidates> extra, DateTime started)
    {
        static object Scores(TripleCounts c)
        {
            var total = c.Total();
            return new
            {
                p = Math.Round(total.P, 4), r = Math.Round(total.R, 4), f1 = Math.Round(total.F1, 4), tp = total.Tp, fp = total.Fp, fn = total.Fn,
                byType = c.ByType.OrderBy(static p => p.Key, StringComparer.Ordinal).ToDictionary(static p => p.Key, static p =>
                {
                    var s = TripleCounts.Prf(p.Value.Tp, p.Value.Fp, p.Value.Fn);
                    return new { p = Math.Round(s.P, 4), r = Math.Round(s.R, 4), f1 = Math.Round(s.F1, 4), tp = s.Tp, fp = s.Fp, fn = s.Fn };
                }),
            };
        }
        var manifest = new
        {
            name = model.Name,
            version = model.Version,
            kind = RelationModel.Kind,
            file = Path.GetFileName(options.Output),
            sha256,
            learner = chosen,
            threshold = model.Threshold,
            patternConfidence = model.PatternConfidence,
            features = model.Features.Count,
            data = new
            {
                crossValidated = options.Folds.Select(static f => Path.GetFullPath(f)).ToArray(),
                crossValidatedDocuments = pool.Count,
                extra = options.Extra.Select(static f => Path.GetFullPath(f)).ToArray(),
                extraDocuments = extra.Count,
                extraWeight = options.ExtraWeight,
                heldOut = options.HeldOut.Select(static f => Path.GetFullPath(f)).ToArray(),
                note = "news-dev (copyrighted) and DWIE (GPL-3.0 annotations, DW text) are read at training time only; no text is stored in the model.",
            },
            settings = new { folds = options.FoldCount, seed = options.Seed, learners = cv.Keys.ToArray(), lightgbm = new { trees = options.Trees, leaves = options.Leaves, learningRate = options.LearningRate, minPerLeaf = options.MinLeaf }, logistic = "L-BFGS, L2 1, L1 0.1, standardised features" },
            crossValidation = cv.ToDictionary(static p => p.Key, static p => p.Value.OrderBy(static q => q.Key, StringComparer.Ordinal).ToDictionary(static q => q.Key, q => Scores(q.Value))),
            heldOutScores = heldOut.ToDictionary(static p => p.Key, p => Scores(p.Value)),
            trainingSeconds = Math.Round((DateTime.UtcNow - started).TotalSeconds, 1),
            command = "dotnet run -c Release --project src/EntityGraph.Cli -- train relations (see models/README.md)",
        };
        string path = Path.ChangeExtension(options.Output, null) + ".manifest.json";
        File.WriteAllText(path, JsonSerializer.Serialize(manifest, new JsonSerializerOptions { WriteIndented = true }) + "\n", new UTF8Encoding(false));
    }
}
