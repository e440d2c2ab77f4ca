using System.Globalization;
using EntityGraph.Tagging;

namespace EntityGraph.Entities;

/// <summary>Trains an <see cref="EntityRecognizerModel"/> on CoNLL documents, keeping the iteration with the best dev F1.</summary>
internal static class NerTrainer
{
    public sealed record Options(int Iterations = 10, int Seed = 1, int Bits = 20, string Name = "ner-en-conll", string Version = "1.0.0");

    public sealed record Result(EntityRecognizerModel Model, int BestIteration, NerScores Dev, IReadOnlyList<string> Log);

    public static Result Train(List<NerDocument> train, List<NerDocument> dev, PosTaggerModel pos, Gazetteer gazetteer, Options options, Action<string>? progress)
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

        var trainer = new PerceptronTrainer(labels, options.Bits);
        var random = new Random(options.Seed);
        EntityRecognizerModel? best = null;
        NerScores bestScores = new();
        int bestIteration = 0;
        int[] predicted = new int[512];
        for (int iteration = 1; iteration <= options.Iterations; iteration++)
        {
            PerceptronTrainer.Shuffle(docs, random);
            foreach (var doc in docs)
            {
                var memory = new DocumentMemory();
                foreach ((NerSentence sentence, ulong[] _, int[] _) in doc)
                    memory.Observe(sentence.Text, sentence.Subtokens);
                foreach ((NerSentence sentence, ulong[] xpos, int[] gold) in doc)
                {
                    if (predicted.Length < gold.Length)
                        predicted = new int[gold.Length * 2];
                    EntityRecognizerModel.Decode(null, trainer, gazetteer, null, sentence.Text, sentence.Subtokens, xpos, default, memory,
                        predicted.AsSpan(0, gold.Length), default, gold);
                }
            }
            var model = new EntityRecognizerModel(trainer.ToModel(), gazetteer, never, options.Name, options.Version);
            NerScores scores = dev.Count > 0 ? NerEvaluation.Evaluate(model, dev, pos) : new NerScores();
            Say(string.Create(CultureInfo.InvariantCulture, $"iteration {iteration}: dev {scores}"));
            if (best is null || scores.F1 > bestScores.F1)
            {
                best = model;
                bestScores = scores;
                bestIteration = iteration;
            }
        }
        Say($"best iteration on dev: {bestIteration}");
        return new Result(best!, bestIteration, bestScores, log);
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

    /// <summary>Predicted IOB2 tags on the original tokens of <paramref name="sentence"/>.</summary>
    public static string[] Predict(EntityRecognizerModel model, PosTaggerModel pos, NerSentence sentence, DocumentMemory memory)
    {
        int n = sentence.Subtokens.Length;
        int[] labels = new int[n];
        EntityRecognizerModel.Decode(model.Perceptron, null, model.Gazetteer, model.NeverEntity, sentence.Text, sentence.Subtokens, TagXpos(pos, sentence), default, memory, labels, default, default);
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
            var memory = new DocumentMemory();
            foreach (NerSentence sentence in doc.Sentences)
                memory.Observe(sentence.Text, sentence.Subtokens);
            foreach (NerSentence sentence in doc.Sentences)
            {
                string[] predicted = Predict(model, pos, sentence, memory);
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
