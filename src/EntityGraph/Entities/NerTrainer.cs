using System.Globalization;
using EntityGraph.Tagging;

namespace EntityGraph.Entities;

/// <summary>Trains an <see cref="EntityRecognizerModel"/> on CoNLL documents, keeping the iteration with the best dev F1.</summary>
internal static class NerTrainer
{
    public sealed record Options(int Iterations = 10, int Seed = 1, int Bits = 20, string Name = "ner-en-conll", string Version = "1.0.0", int Folds = 5, int SecondIterations = 0, int Beam = 1, float BeamScale = EntityRecognizerModel.DefaultBeamScale, int TrainBeam = 0, float BeamMargin = float.PositiveInfinity, int Shuffles = 1);

    public sealed record Result(EntityRecognizerModel Model, int BestIteration, int BestSecondIteration, NerScores Dev, IReadOnlyList<string> Log);

    public static Result Train(List<NerDocument> train, List<NerDocument> dev, PosTaggerModel pos, Gazetteer gazetteer, WordClusters clusters, Options options, Action<string>? progress)
    {
        if (train.Count == 0)
            throw new InvalidDataException("The NER training file has no sentences.");
        var log = new List<string>();
        void Say(string line)
        {
            log.Add(line);
            progress?.Invoke(line);
        }
        string[] labels = EntityRecognizerModel.LabelNames();
        var labelIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < labels.Length; i++)
            labelIndex[labels[i]] = i;

        var docs = new (NerSentence Sentence, ulong[] Xpos, int[] Gold)[train.Count][];
        int sentences = 0, tokens = 0;
        for (int d = 0; d < train.Count; d++)
        {
            var doc = new (NerSentence, ulong[], int[])[train[d].Sentences.Count];
            for (int s = 0; s < doc.Length; s++)
            {
                NerSentence sentence = train[d].Sentences[s];
                int[] gold = new int[sentence.Bilou.Length];
                for (int i = 0; i < gold.Length; i++)
                    gold[i] = labelIndex[sentence.Bilou[i]];
                doc[s] = (sentence, NerEvaluation.TagXpos(pos, sentence), gold);
                sentences++;
                tokens += gold.Length;
            }
            docs[d] = doc;
        }
        // Lower-case words seen often and never inside an entity: labelled O without scoring (see EntityRecognizerModel.NeverEntity).
        var seen = new Dictionary<ulong, (int Total, int InEntity)>();
        foreach (var doc in docs)
        {
            foreach ((NerSentence sentence, ulong[] _, int[] gold) in doc)
            {
                for (int i = 0; i < gold.Length; i++)
                {
                    ReadOnlySpan<char> w = sentence.Text.AsSpan(sentence.Subtokens[i].Start, sentence.Subtokens[i].Length);
                    ulong key = EntityRecognizerModel.LowerHash(w);
                    (int total, int inEntity) = seen.GetValueOrDefault(key);
                    seen[key] = (total + 1, inEntity + (gold[i] != 0 ? 1 : 0));
                }
            }
        }
        var never = new HashSet<ulong>();
        foreach ((ulong key, (int total, int inEntity)) in seen)
        {
            if (total >= 20 && inEntity == 0)
                never.Add(key);
        }
        Say($"lexicon: {never.Count} words never inside an entity (>= 20 occurrences)");
        Say($"training data: {train.Count} documents, {sentences} sentences, {tokens} tokens after re-splitting as the runtime tokenizer does");

        // Stage 1: the single-pass recognizer.
        if (options.TrainBeam > 0)
            options = options with { Beam = Math.Max(options.Beam, options.TrainBeam), BeamScale = 0f, Folds = 1 };
        (PerceptronModel first, int firstIteration) = TrainStage(docs, null, options.Iterations, options.Seed, options.Bits, options.TrainBeam, options.Shuffles, labels, gazetteer, clusters,
            dev.Count > 0 ? dev : null,
            p => new EntityRecognizerModel(p, gazetteer, never, options.Name, options.Version, clusters, beam: options.Beam, beamScale: options.BeamScale, beamMargin: options.BeamMargin),
            pos, options.TrainBeam > 0 ? "stage 1 (beam-trained)" : "stage 1", Say);
        var single = new EntityRecognizerModel(first, gazetteer, never, options.Name, options.Version, clusters, beam: options.Beam, beamScale: options.BeamScale, beamMargin: options.BeamMargin);
        if (options.Folds < 2)
        {
            NerScores only = dev.Count > 0 ? NerEvaluation.Evaluate(single, dev, pos) : new NerScores();
            return new Result(single, firstIteration, 0, only, log);
        }
        // First-stage labels of the training documents by cross-validation (jackknifing): each fold is labelled by a
        // model that did not see it, as the second stage will see unseen text at run time.
        var stage1 = new int[docs.Length][][];
        for (int fold = 0; fold < options.Folds; fold++)
        {
            var inFold = new List<(NerSentence, ulong[], int[])[]>();
            for (int d = 0; d < docs.Length; d++)
            {
                if (d % options.Folds != fold)
                    inFold.Add(docs[d]);
            }
            (PerceptronModel part, _) = TrainStage([.. inFold], null, firstIteration, options.Seed + fold + 1, options.Bits, 0, 1, labels, gazetteer, clusters, null, null, pos, null, null);
            var partModel = new EntityRecognizerModel(part, gazetteer, never, options.Name, options.Version, clusters);
            for (int d = fold; d < docs.Length; d += options.Folds)
                stage1[d] = LabelFirstStage(partModel, docs[d]);
            Say($"jackknife fold {fold + 1}/{options.Folds}: trained on {inFold.Count} documents, labelled {(docs.Length - fold + options.Folds - 1) / options.Folds}");
        }
        // Stage 2: the same features plus the first stage's labels, of this token and of the same word elsewhere in the document.
        int secondIterations = options.SecondIterations > 0 ? options.SecondIterations : options.Iterations;
        (PerceptronModel second, int secondIteration) = TrainStage(docs, stage1, secondIterations, options.Seed, options.Bits, 0, options.Shuffles, labels, gazetteer, clusters, dev.Count > 0 ? dev : null,
            p => new EntityRecognizerModel(first, gazetteer, never, options.Name, options.Version, clusters, p, options.Beam, options.BeamScale, options.BeamMargin), pos, "stage 2", Say);
        var model = new EntityRecognizerModel(first, gazetteer, never, options.Name, options.Version, clusters, second, options.Beam, options.BeamScale, options.BeamMargin);
        NerScores scores = dev.Count > 0 ? NerEvaluation.Evaluate(model, dev, pos) : new NerScores();
        return new Result(model, firstIteration, secondIteration, scores, log);
    }

    /// <summary>
    /// Trains one stage; with <paramref name="dev"/> keeps the iteration with the best dev F1, otherwise the last. With
    /// <paramref name="trainBeam"/> above 0 (single stage only) each sentence is decoded by beam search with max-violation
    /// updates (<see cref="EntityRecognizerModel.TrainBeam"/>), so training decodes as the model will; otherwise greedily,
    /// decision by decision.
    /// </summary>
    private static (PerceptronModel Model, int Iteration) TrainStage((NerSentence Sentence, ulong[] Xpos, int[] Gold)[][] trainDocs, int[][][]? stage1,
        int iterations, int seed, int bits, int trainBeam, int shuffles, string[] labels, Gazetteer gazetteer, WordClusters clusters, List<NerDocument>? dev, Func<PerceptronModel, EntityRecognizerModel>? wrap, PosTaggerModel pos,
        string? stage, Action<string>? say)
    {
        // One trainer per shuffling seed (seed, seed + 1, ...); the model is the mean of their weights.
        var trainers = new PerceptronTrainer[Math.Max(1, shuffles)];
        var randoms = new Random[trainers.Length];
        var orders = new int[trainers.Length][];
        for (int k = 0; k < trainers.Length; k++)
        {
            trainers[k] = new PerceptronTrainer(labels, bits);
            randoms[k] = new Random(seed + k);
            orders[k] = new int[trainDocs.Length];
            for (int d = 0; d < trainDocs.Length; d++)
                orders[k][d] = d;
        }
        PerceptronModel? best = null;
        double bestF1 = -1;
        int bestIteration = 0;
        int[] predicted = new int[512];
        for (int iteration = 1; iteration <= iterations; iteration++)
        {
            for (int k = 0; k < trainers.Length; k++)
            {
                PerceptronTrainer trainer = trainers[k];
                int[] order = orders[k];
                PerceptronTrainer.Shuffle(order, randoms[k]);
                foreach (int d in order)
                {
                    var doc = trainDocs[d];
                    var memory = new DocumentMemory();
                    foreach ((NerSentence sentence, ulong[] _, int[] _) in doc)
                        memory.Observe(sentence.Text, sentence.Subtokens);
                    DocumentVotes? votes = stage1 is null ? null : Votes(doc, stage1[d]);
                    for (int s = 0; s < doc.Length; s++)
                    {
                        (NerSentence sentence, ulong[] xpos, int[] gold) = doc[s];
                        if (predicted.Length < gold.Length)
                            predicted = new int[gold.Length * 2];
                        if (trainBeam > 0)
                        {
                            EntityRecognizerModel.TrainBeam(trainer, gazetteer, clusters, sentence.Text, sentence.Subtokens, xpos, memory, gold,
                                predicted.AsSpan(0, gold.Length), trainBeam);
                            continue;
                        }
                        EntityRecognizerModel.Decode(null, trainer, gazetteer, clusters, null, sentence.Text, sentence.Subtokens,
                            xpos, default, memory, predicted.AsSpan(0, gold.Length), default, gold, stage1 is null ? default : stage1[d][s], votes);
                    }
                }
            }
            if (dev is null || wrap is null)
            {
                continue;
            }
            PerceptronModel snapshot = PerceptronTrainer.Average(trainers);
            NerScores scores = NerEvaluation.Evaluate(wrap(snapshot), dev, pos);
            say?.Invoke(string.Create(CultureInfo.InvariantCulture, $"{stage} iteration {iteration}: dev {scores}"));
            if (scores.F1 > bestF1)
            {
                best = snapshot;
                bestF1 = scores.F1;
                bestIteration = iteration;
            }
        }
        if (best is null)
        {
            best = PerceptronTrainer.Average(trainers);
            bestIteration = iterations;
            say?.Invoke($"{stage}: {iterations} iterations (no dev file: the last is kept)");
        }
        else
        {
            say?.Invoke($"{stage}: best iteration on dev {bestIteration}");
        }
        return (best, bestIteration);
    }

    private static DocumentVotes Votes((NerSentence Sentence, ulong[] Xpos, int[] Gold)[] doc, int[][] labels)
    {
        var votes = new DocumentVotes();
        for (int s = 0; s < doc.Length; s++)
            votes.Add(doc[s].Sentence.Text, doc[s].Sentence.Subtokens, labels[s]);
        return votes;
    }

    /// <summary>First-stage labels of one document, decoded as at run time (document memory, lexicon).</summary>
    private static int[][] LabelFirstStage(EntityRecognizerModel model, (NerSentence Sentence, ulong[] Xpos, int[] Gold)[] doc)
    {
        var memory = new DocumentMemory();
        foreach ((NerSentence sentence, ulong[] _, int[] _) in doc)
            memory.Observe(sentence.Text, sentence.Subtokens);
        var result = new int[doc.Length][];
        for (int s = 0; s < doc.Length; s++)
        {
            (NerSentence sentence, ulong[] xpos, int[] gold) = doc[s];
            result[s] = new int[gold.Length];
            EntityRecognizerModel.Decode(model.Perceptron, null, model.Gazetteer, model.Clusters, model.NeverEntity, sentence.Text, sentence.Subtokens, xpos, default,
                memory, result[s], default, default, beam: model.Beam, beamScale: model.BeamScale, beamMargin: model.BeamMargin);
        }
        return result;
    }
}

/// <summary>Entity-level precision, recall and F1 (conlleval: a mention counts only with exact boundaries and type).</summary>
internal sealed class NerScores
{
    private readonly Dictionary<string, (int Tp, int Fp, int Fn)> _counts = new(StringComparer.Ordinal);

    public void Add(string type, int tp, int fp, int fn)
    {
        (int a, int b, int c) = _counts.GetValueOrDefault(type);
        _counts[type] = (a + tp, b + fp, c + fn);
    }

    public (int Tp, int Fp, int Fn) Total
    {
        get
        {
            int tp = 0, fp = 0, fn = 0;
            foreach ((int a, int b, int c) in _counts.Values)
            {
                tp += a;
                fp += b;
                fn += c;
            }
            return (tp, fp, fn);
        }
    }

    public double F1 => F(Total);

    private static double P((int Tp, int Fp, int Fn) c) => c.Tp + c.Fp == 0 ? 0 : (double)c.Tp / (c.Tp + c.Fp);

    private static double R((int Tp, int Fp, int Fn) c) => c.Tp + c.Fn == 0 ? 0 : (double)c.Tp / (c.Tp + c.Fn);

    private static double F((int Tp, int Fp, int Fn) c) => P(c) + R(c) == 0 ? 0 : 2 * P(c) * R(c) / (P(c) + R(c));

    public Dictionary<string, double> ToDictionary(string prefix)
    {
        var d = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [prefix + ".f1"] = F(Total),
            [prefix + ".precision"] = P(Total),
            [prefix + ".recall"] = R(Total),
        };
        foreach ((string type, (int, int, int) c) in _counts)
            d[prefix + "." + type + ".f1"] = F(c);
        return d;
    }

    public override string ToString()
    {
        var text = new System.Text.StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"F1 {F(Total):F4} (P {P(Total):F4} R {R(Total):F4})");
        foreach (string type in EntityRecognizerModel.Types)
        {
            if (_counts.TryGetValue(type, out var c))
                text.Append(CultureInfo.InvariantCulture, $" {type} {F(c):F4}");
        }
        return text.ToString();
    }
}

internal static class NerEvaluation
{
    public static ulong[] TagXpos(PosTaggerModel pos, NerSentence sentence)
    {
        int[] classes = new int[sentence.Subtokens.Length];
        pos.Tag(sentence.Text, sentence.Subtokens, classes);
        var xpos = new ulong[classes.Length];
        for (int i = 0; i < classes.Length; i++)
            xpos[i] = EntityRecognizerModel.XposHash(pos.Xpos[classes[i]]);
        return xpos;
    }

    /// <summary>Predicted IOB2 tags on the original tokens of each sentence of <paramref name="doc"/>, with both stages when the model has two.</summary>
    public static List<string[]> Predict(EntityRecognizerModel model, PosTaggerModel pos, NerDocument doc)
    {
        int count = doc.Sentences.Count;
        var xpos = new ulong[count][];
        var first = new int[count][];
        var memory = new DocumentMemory();
        foreach (NerSentence sentence in doc.Sentences)
            memory.Observe(sentence.Text, sentence.Subtokens);
        for (int s = 0; s < count; s++)
        {
            NerSentence sentence = doc.Sentences[s];
            xpos[s] = TagXpos(pos, sentence);
            first[s] = new int[sentence.Subtokens.Length];
            EntityRecognizerModel.Decode(model.Perceptron, null, model.Gazetteer, model.Clusters, model.NeverEntity, sentence.Text, sentence.Subtokens, xpos[s], default,
                memory, first[s], default, default, beam: model.Beam, beamScale: model.BeamScale, beamMargin: model.BeamMargin);
        }
        int[][] final = first;
        if (model.Second is not null)
        {
            var votes = new DocumentVotes();
            for (int s = 0; s < count; s++)
                votes.Add(doc.Sentences[s].Text, doc.Sentences[s].Subtokens, first[s]);
            var memory2 = new DocumentMemory();
            foreach (NerSentence sentence in doc.Sentences)
                memory2.Observe(sentence.Text, sentence.Subtokens);
            final = new int[count][];
            for (int s = 0; s < count; s++)
            {
                NerSentence sentence = doc.Sentences[s];
                final[s] = new int[sentence.Subtokens.Length];
                EntityRecognizerModel.Decode(model.Second, null, model.Gazetteer, model.Clusters, model.NeverEntity, sentence.Text, sentence.Subtokens, xpos[s], default,
                    memory2, final[s], default, default, first[s], votes, model.Beam, model.BeamScale, model.BeamMargin);
            }
        }
        var result = new List<string[]>(count);
        for (int s = 0; s < count; s++)
            result.Add(ToTags(doc.Sentences[s], final[s]));
        return result;
    }

    private static string[] ToTags(NerSentence sentence, int[] labels)
    {
        int n = sentence.Subtokens.Length;
        string[] names = EntityRecognizerModel.LabelNames();
        var bilou = new string[n];
        for (int i = 0; i < n; i++)
            bilou[i] = names[labels[i]];
        // Map sub-token spans back to the original tokens so the score is comparable with published CoNLL figures.
        var tags = new string[sentence.Tokens.Length];
        Array.Fill(tags, "O");
        foreach ((int first, int count, string type) in Bio.Spans(bilou))
        {
            int a = sentence.Origin[first], b = sentence.Origin[first + count - 1];
            bool free = true;
            for (int t = a; t <= b; t++)
                free &= tags[t] == "O";
            if (!free)
                continue;
            for (int t = a; t <= b; t++)
                tags[t] = (t == a ? "B-" : "I-") + type;
        }
        return tags;
    }

    public static NerScores Evaluate(EntityRecognizerModel model, List<NerDocument> documents, PosTaggerModel? pos = null)
    {
        pos ??= PosTaggerModel.Default;
        var scores = new NerScores();
        foreach (NerDocument doc in documents)
        {
            List<string[]> predictions = Predict(model, pos, doc);
            for (int s = 0; s < doc.Sentences.Count; s++)
            {
                NerSentence sentence = doc.Sentences[s];
                string[] predicted = predictions[s];
                var gold = new HashSet<(int, int, string)>(Spans(sentence.Tags));
                var guess = new HashSet<(int, int, string)>(Spans(predicted));
                foreach (var span in guess)
                {
                    if (gold.Contains(span))
                        scores.Add(span.Item3, 1, 0, 0);
                    else
                        scores.Add(span.Item3, 0, 1, 0);
                }
                foreach (var span in gold)
                {
                    if (!guess.Contains(span))
                        scores.Add(span.Item3, 0, 0, 1);
                }
            }
        }
        return scores;
    }

    private static List<(int, int, string)> Spans(string[] iob2)
    {
        var bilou = Bio.ToBilou([.. iob2]);
        var spans = new List<(int, int, string)>();
        foreach ((int first, int count, string type) in Bio.Spans(bilou))
            spans.Add((first, count, type));
        return spans;
    }
}
