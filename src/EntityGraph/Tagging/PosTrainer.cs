using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;

namespace EntityGraph.Tagging;

/// <summary>Trains a <see cref="PosTaggerModel"/> on CoNLL-U sentences, choosing the iteration by dev accuracy.</summary>
internal static class PosTrainer
{
    public sealed record Options(int Iterations = 12, int Seed = 1, int Bits = 18, string Name = "pos-en-ewt", string Version = "1.1.0");

    public sealed record Result(PosTaggerModel Model, int BestIteration, PosScores Dev, IReadOnlyList<string> Log);

    public static Result Train(List<UdSentence> train, List<UdSentence> dev, Options options, Action<string>? progress = null)
    {
        PosTaggerModel.CheckNotEmpty(train.Count, "training sentences");
        var log = new List<string>();
        void Say(string line)
        {
            log.Add(line);
            progress?.Invoke(line);
        }

        // Joint labels seen at least twice; a rarer pair (usually an annotation slip) becomes its XPOS's usual pair.
        var pairCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (UdSentence s in train)
        {
            for (int i = 0; i < s.Forms.Length; i++)
                CollectionsMarshal.GetValueRefOrAddDefault(pairCounts, s.Upos[i] + " " + s.Xpos[i], out _)++;
        }
        var labels = new List<string>();
        foreach ((string pair, int count) in pairCounts)
        {
            if (count >= 2)
                labels.Add(pair);
        }
        labels.Sort(StringComparer.Ordinal);
        var classOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < labels.Count; c++)
            classOf[labels[c]] = c;
        foreach ((string pair, int _) in pairCounts)
        {
            if (classOf.ContainsKey(pair))
                continue;
            string xpos = pair[(pair.IndexOf(' ', StringComparison.Ordinal) + 1)..];
            string upos = pair[..pair.IndexOf(' ', StringComparison.Ordinal)];
            int closest = -1, bestCount = -1;
            for (int c = 0; c < labels.Count; c++)
            {
                string l = labels[c];
                bool sameX = l.EndsWith(" " + xpos, StringComparison.Ordinal);
                bool sameU = l.StartsWith(upos + " ", StringComparison.Ordinal);
                int score = (sameX ? 1 << 24 : 0) + (sameU ? 1 << 23 : 0) + pairCounts[l];
                if ((sameX || sameU) && score > bestCount)
                {
                    closest = c;
                    bestCount = score;
                }
            }
            classOf[pair] = closest >= 0 ? closest : 0;
        }
        Say($"labels: {labels.Count} joint UPOS+XPOS classes ({pairCounts.Count} pairs in the data)");

        // Word statistics: the ambiguity class of every word seen twice, and a fixed tag for frequent unambiguous words.
        var wordCounts = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var examples = new (string Text, TokenData[] Tokens, int[] Gold)[train.Count];
        for (int e = 0; e < train.Count; e++)
        {
            UdSentence s = train[e];
            (string text, TokenData[] tokens) = TokenLayout.Join(s.Forms);
            int[] gold = new int[s.Forms.Length];
            for (int i = 0; i < gold.Length; i++)
            {
                gold[i] = classOf[s.Upos[i] + " " + s.Xpos[i]];
                string lower = s.Forms[i].ToLowerInvariant();
                ref int[]? counts = ref CollectionsMarshal.GetValueRefOrAddDefault(wordCounts, lower, out _);
                counts ??= new int[labels.Count];
                counts[gold[i]]++;
            }
            examples[e] = (text, tokens, gold);
        }
        var words = new Dictionary<string, PosTaggerModel.WordEntry>(StringComparer.Ordinal);
        int fixedWords = 0;
        foreach ((string word, int[] counts) in wordCounts)
        {
            int total = 0, top = 0, topClass = 0;
            for (int c = 0; c < counts.Length; c++)
            {
                total += counts[c];
                if (counts[c] > top)
                {
                    top = counts[c];
                    topClass = c;
                }
            }
            if (total < 2 || word.Length > PosTaggerModel.MaxWordLength)
                continue;
            ulong ambiguity = 0xA3B1UL;
            for (int c = 0; c < counts.Length; c++)
            {
                if (counts[c] * 20 >= total)
                    ambiguity = FeatureHash.Add(ambiguity, c);
            }
            bool unambiguous = total >= 20 && top >= 0.99 * total;
            if (unambiguous)
                fixedWords++;
            words[word] = new PosTaggerModel.WordEntry(unambiguous ? topClass : -1, (int)(ambiguity ^ (ambiguity >> 32)));
        }
        Say($"words: {words.Count} with ambiguity classes, {fixedWords} tagged from the dictionary");

        var trainer = new PerceptronTrainer([.. labels], options.Bits);
        var lookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
        var random = new Random(options.Seed);
        int[] order = new int[examples.Length];
        for (int i = 0; i < order.Length; i++)
            order[i] = i;
        PosTaggerModel? best = null;
        PosScores bestScores = default;
        int bestIteration = 0;
        float[] scores = new float[labels.Count];
        int[] buckets = new int[PerceptronModel.MaxFeatures];
        for (int iteration = 1; iteration <= options.Iterations; iteration++)
        {
            PerceptronTrainer.Shuffle(order, random);
            int correct = 0, seen = 0;
            foreach (int e in order)
            {
                (string text, TokenData[] tokens, int[] gold) = examples[e];
                TrainSentence(trainer, lookup, text, tokens, gold, scores, buckets, ref correct, ref seen);
            }
            var model = new PosTaggerModel(trainer.ToModel(), words, options.Name, options.Version);
            PosScores devScores = PosEvaluation.Evaluate(model, dev, null);
            Say(string.Create(CultureInfo.InvariantCulture,
                $"iteration {iteration}: train {(double)correct / seen:F4}, dev UPOS {devScores.Upos:F4} XPOS {devScores.Xpos:F4}"));
            if (best is null || devScores.Upos > bestScores.Upos)
            {
                best = model;
                bestScores = devScores;
                bestIteration = iteration;
            }
        }
        Say($"best iteration on dev: {bestIteration}");
        return new Result(best!, bestIteration, bestScores, log);
    }

    private static void TrainSentence(PerceptronTrainer trainer, Dictionary<string, PosTaggerModel.WordEntry>.AlternateLookup<ReadOnlySpan<char>> lookup,
        string text, TokenData[] tokens, int[] gold, float[] scores, int[] buckets, ref int correct, ref int seen)
    {
        int n = tokens.Length;
        int size = n + 2 * PosTaggerModel.Pad;
        ulong[] hashes = ArrayPool<ulong>.Shared.Rent(size * 3);
        int[] ints = ArrayPool<int>.Shared.Rent(size * 2);
        try
        {
            var context = new PosTaggerModel.Context
            {
                Word = hashes.AsSpan(0, size),
                Suffix3 = hashes.AsSpan(size, size),
                Shape = hashes.AsSpan(2 * size, size),
                Ambiguity = ints.AsSpan(0, size),
                Fixed = ints.AsSpan(size, size),
            };
            PosTaggerModel.Prepare(text, tokens, ref context, lookup);
            int prev = -1, prev2 = -2;
            for (int i = 0; i < n; i++)
            {
                int guess = context.Fixed[i + PosTaggerModel.Pad];
                if (guess < 0)
                {
                    var features = new FeatureBuffer(buckets, trainer.Bits);
                    PosTaggerModel.Features(ref features, text, tokens, ref context, i, prev, prev2);
                    trainer.Score(features.Buckets, scores);
                    guess = 0;
                    for (int c = 1; c < trainer.ClassCount; c++)
                    {
                        if (scores[c] > scores[guess])
                            guess = c;
                    }
                    trainer.Tick();
                    trainer.Update(features.Buckets, gold[i], guess);
                }
                seen++;
                if (guess == gold[i])
                    correct++;
                prev2 = prev;
                prev = guess;
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(hashes);
            ArrayPool<int>.Shared.Return(ints);
        }
    }
}

/// <summary>Token accuracies of a tagger (and lemmatizer) against gold sentences.</summary>
internal readonly record struct PosScores(double Upos, double Xpos, double Lemma, int Tokens);

internal static class PosEvaluation
{
    public static PosScores Evaluate(PosTaggerModel model, List<UdSentence> sentences, Lemmatizer? lemmatizer)
    {
        int tokens = 0, upos = 0, xpos = 0, lemma = 0;
        foreach (UdSentence s in sentences)
        {
            (string text, TokenData[] data) = TokenLayout.Join(s.Forms);
            int[] classes = new int[data.Length];
            model.Tag(text, data, classes);
            for (int i = 0; i < data.Length; i++)
            {
                tokens++;
                if (model.Upos[classes[i]] == s.Upos[i])
                    upos++;
                if (model.Xpos[classes[i]] == s.Xpos[i])
                    xpos++;
                if (lemmatizer is not null && lemmatizer.Lemmatize(s.Forms[i], model.Upos[classes[i]], model.Xpos[classes[i]]) == s.Lemmas[i])
                    lemma++;
            }
        }
        return tokens == 0 ? default : new PosScores((double)upos / tokens, (double)xpos / tokens, (double)lemma / tokens, tokens);
    }
}
