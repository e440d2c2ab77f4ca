using System.Buffers;
using System.Runtime.CompilerServices;
using EntityGraph.Internals;
using EntityGraph.Models;

namespace EntityGraph.Tagging;

/// <summary>
/// A part-of-speech model: predicts a joint (UPOS, XPOS) label per token, greedily left to right with an averaged
/// perceptron. One joint label rather than two models keeps the pair consistent (no PROPN with VBD) and costs one
/// scoring pass. Load the embedded default with <see cref="Default"/> or your own with <see cref="Load(string)"/>.
/// Immutable and thread-safe.
/// </summary>
[SkipLocalsInit]
public sealed class PosTaggerModel
{
    internal const string Kind = "pos";
    internal const int MaxWordLength = 48;

    // Feature templates: numbered once, never renumbered, because the numbers are hashed into shipped models.
    private const int TBias = 1, TWord = 2, TSuffix = 3, TPrefix = 7, TShape = 10, TShortShape = 11, TPrev = 12, TPrev2 = 13,
        TPrevWord = 14, TWordM1 = 15, TWordM2 = 16, TWordP1 = 17, TWordP2 = 18, TSuf3M1 = 19, TSuf3P1 = 20, TAmbP1 = 21,
        TAmbP2 = 22, TAmb = 23, TAmbM1 = 24, TInitialTitle = 25, TBigramM1 = 26, TBigramP1 = 27, TPrevAmb = 28,
        TShapeM1 = 29, TShapeP1 = 30, TRaw = 31, TWordM1P1 = 32, TPrevWordP1 = 33, TAmbP1Word = 34, TPrev2Word = 35;

    private static readonly Lazy<PosTaggerModel> DefaultModel = new(
        static () => Load(EmbeddedModels.Open(EmbeddedModels.Pos), EmbeddedModels.Pos), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, WordEntry> _words;
    private readonly Dictionary<string, WordEntry>.AlternateLookup<ReadOnlySpan<char>> _wordLookup;

    internal PosTaggerModel(PerceptronModel perceptron, Dictionary<string, WordEntry> words, string name, string version)
    {
        Perceptron = perceptron;
        _words = words;
        _wordLookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
        Name = name;
        Version = version;
        Upos = new string[perceptron.ClassCount];
        Xpos = new string[perceptron.ClassCount];
        for (int c = 0; c < perceptron.ClassCount; c++)
        {
            string label = perceptron.Label(c);
            int space = label.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0)
                ModelFormat.Fail(name, $"POS label '{label}' is not 'UPOS XPOS'");
            Upos[c] = label[..space];
            Xpos[c] = label[(space + 1)..];
        }
    }

    /// <summary>The embedded default model (UD English-EWT), loaded on first use.</summary>
    public static PosTaggerModel Default => DefaultModel.Value;

    /// <summary>The model's name from its file header.</summary>
    public string Name { get; }

    /// <summary>The model's version from its file header.</summary>
    public string Version { get; }

    internal PerceptronModel Perceptron { get; }

    internal string[] Upos { get; }

    internal string[] Xpos { get; }

    internal int WordCount => _words.Count;

    /// <summary>Loads a model file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The model.</returns>
    /// <exception cref="InvalidDataException">The file is not a POS model, or is truncated or damaged.</exception>
    public static PosTaggerModel Load(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Load(stream, path);
    }

    /// <summary>Loads a model from <paramref name="stream"/>.</summary>
    /// <param name="stream">The model bytes.</param>
    /// <param name="name">A name for error messages (often the file name).</param>
    /// <returns>The model.</returns>
    /// <exception cref="InvalidDataException">The data is not a POS model, or is truncated or damaged.</exception>
    public static PosTaggerModel Load(Stream stream, string name)
    {
        ModelContainer container = ModelFormat.Read(stream, name, Kind);
        PerceptronModel perceptron = container.ReadPerceptron("perceptron");
        Dictionary<string, WordEntry> words = container.Read("words", r =>
        {
            int count = r.ReadInt32();
            if (count < 0)
                ModelFormat.Fail(name, "negative word count");
            var d = new Dictionary<string, WordEntry>(count, StringComparer.Ordinal);
            for (int i = 0; i < count; i++)
            {
                string word = r.ReadString();
                int tag = r.ReadInt16();
                int ambiguity = r.ReadInt32();
                if (tag >= perceptron.ClassCount)
                    ModelFormat.Fail(name, $"word '{word}' has tag {tag} of {perceptron.ClassCount}");
                d[word] = new WordEntry(tag, ambiguity);
            }
            return d;
        });
        return new PosTaggerModel(perceptron, words, container.Name, container.Version);
    }

    internal void Save(Stream stream)
    {
        var container = new ModelContainer(Kind, Name, Version);
        container.Add("perceptron", Perceptron.Write);
        container.Add("words", w =>
        {
            w.Write(_words.Count);
            foreach ((string word, WordEntry entry) in _words)
            {
                w.Write(word);
                w.Write((short)entry.Tag);
                w.Write(entry.Ambiguity);
            }
        });
        ModelFormat.Write(stream, container);
    }

    /// <summary>What the training data says about a (lower-cased) word.</summary>
    /// <param name="Tag">The class a frequent, unambiguous word always gets (the model is skipped), or -1.</param>
    /// <param name="Ambiguity">A hash of the set of classes seen with the word.</param>
    internal readonly record struct WordEntry(int Tag, int Ambiguity);

    /// <summary>Per-token values computed once per sentence, padded with two sentinels on each side.</summary>
    internal ref struct Context
    {
        public Span<ulong> Word;
        public Span<ulong> Suffix3;
        public Span<ulong> Shape;
        public Span<int> Ambiguity;
        public Span<int> Fixed;
    }

    internal const int Pad = 2;

    /// <summary>Fills the per-token values of <paramref name="tokens"/>; arrays must hold tokens.Length + 4.</summary>
    internal void Prepare(string text, ReadOnlySpan<TokenData> tokens, ref Context context) => Prepare(text, tokens, ref context, _wordLookup);

    internal static void Prepare(string text, ReadOnlySpan<TokenData> tokens, ref Context context, Dictionary<string, WordEntry>.AlternateLookup<ReadOnlySpan<char>> lookup)
    {
        Span<char> lower = stackalloc char[MaxWordLength];
        int n = tokens.Length;
        for (int p = 0; p < Pad; p++)
        {
            context.Word[p] = 0x57A47UL + (ulong)p;
            context.Word[n + Pad + p] = 0xE4DUL + (ulong)p;
            context.Suffix3[p] = context.Suffix3[n + Pad + p] = 0;
            context.Shape[p] = context.Shape[n + Pad + p] = 0;
            context.Ambiguity[p] = -2 - p;
            context.Ambiguity[n + Pad + p] = -4 - p;
            context.Fixed[p] = context.Fixed[n + Pad + p] = -1;
        }
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<char> word = text.AsSpan(tokens[i].Start, tokens[i].Length);
            int k = i + Pad;
            context.Word[k] = NormalizedWordHash(word);
            context.Suffix3[k] = FeatureHash.AddLower(FeatureHash.Start(TSuffix + 2), word[Math.Max(0, word.Length - 3)..]);
            context.Shape[k] = WordShape.Hash(word, collapse: false);
            int ambiguity = -1;
            int tag = -1;
            if (WordShape.TryLower(word, lower, out int length) && lookup.TryGetValue(lower[..length], out WordEntry entry))
            {
                ambiguity = entry.Ambiguity;
                tag = entry.Tag;
            }
            context.Ambiguity[k] = ambiguity;
            context.Fixed[k] = tag;
        }
    }

    /// <summary>Digits are the noise in numbers: 1,700 and 2,300 share one feature.</summary>
    private static ulong NormalizedWordHash(ReadOnlySpan<char> word)
    {
        if (word.Length > 0 && char.IsDigit(word[0]))
            return WordShape.Hash(word, collapse: true) ^ 0xD161UL;
        return FeatureHash.AddLower(FeatureHash.Start(TWord), word);
    }

    internal static void Features(ref FeatureBuffer f, string text, ReadOnlySpan<TokenData> tokens, ref Context c, int i, int prev, int prev2)
    {
        ReadOnlySpan<char> word = text.AsSpan(tokens[i].Start, tokens[i].Length);
        int k = i + Pad;
        f.Add(FeatureHash.Start(TBias));
        f.Add(c.Word[k]);
        int max = Math.Min(4, word.Length);
        for (int s = 1; s <= max; s++)
            f.AddLower(TSuffix + s - 1, word[^s..]);
        for (int p = 1; p <= Math.Min(3, word.Length); p++)
            f.AddLower(TPrefix + p - 1, word[..p]);
        f.Add(WordShape.Combine(FeatureHash.Start(TShape), c.Shape[k]));
        f.Add(WordShape.Combine(FeatureHash.Start(TShortShape), WordShape.Hash(word, collapse: true)));
        f.Add(TPrev, prev);
        f.Add(TPrev2, prev, prev2);
        f.Add(WordShape.Combine(FeatureHash.Add(FeatureHash.Start(TPrevWord), prev), c.Word[k]));
        f.Add(WordShape.Combine(FeatureHash.Start(TWordM1), c.Word[k - 1]));
        f.Add(WordShape.Combine(FeatureHash.Start(TWordM2), c.Word[k - 2]));
        f.Add(WordShape.Combine(FeatureHash.Start(TWordP1), c.Word[k + 1]));
        f.Add(WordShape.Combine(FeatureHash.Start(TWordP2), c.Word[k + 2]));
        f.Add(WordShape.Combine(FeatureHash.Start(TSuf3M1), c.Suffix3[k - 1]));
        f.Add(WordShape.Combine(FeatureHash.Start(TSuf3P1), c.Suffix3[k + 1]));
        f.Add(TAmbP1, c.Ambiguity[k + 1]);
        f.Add(TAmbP2, c.Ambiguity[k + 2]);
        f.Add(TAmb, c.Ambiguity[k]);
        f.Add(TAmbM1, c.Ambiguity[k - 1]);
        f.Add(TInitialTitle, (i == 0 ? 2 : 0) + (WordShape.IsTitle(word) ? 1 : 0));
        f.Add(WordShape.Combine(WordShape.Combine(FeatureHash.Start(TBigramM1), c.Word[k - 1]), c.Word[k]));
        f.Add(WordShape.Combine(WordShape.Combine(FeatureHash.Start(TBigramP1), c.Word[k]), c.Word[k + 1]));
        f.Add(TPrevAmb, prev, c.Ambiguity[k]);
        f.Add(WordShape.Combine(FeatureHash.Start(TShapeM1), c.Shape[k - 1]));
        f.Add(WordShape.Combine(FeatureHash.Start(TShapeP1), c.Shape[k + 1]));
        f.Add(TRaw, word);
        f.Add(WordShape.Combine(WordShape.Combine(FeatureHash.Start(TWordM1P1), c.Word[k - 1]), c.Word[k + 1]));
        f.Add(WordShape.Combine(FeatureHash.Add(FeatureHash.Start(TPrevWordP1), prev), c.Word[k + 1]));
        f.Add(WordShape.Combine(FeatureHash.Add(FeatureHash.Start(TAmbP1Word), c.Ambiguity[k + 1]), c.Word[k]));
        f.Add(WordShape.Combine(FeatureHash.Add(FeatureHash.Start(TPrev2Word), prev2), c.Word[k]));
    }

    /// <summary>Tags one sentence: writes a class index per token into <paramref name="classes"/>.</summary>
    internal void Tag(string text, ReadOnlySpan<TokenData> tokens, Span<int> classes)
    {
        int n = tokens.Length;
        if (n == 0)
            return;
        int size = n + 2 * Pad;
        ulong[] hashes = ArrayPool<ulong>.Shared.Rent(size * 3);
        int[] ints = ArrayPool<int>.Shared.Rent(size * 2 + PerceptronModel.MaxFeatures);
        float[] scoreBuffer = ArrayPool<float>.Shared.Rent(Perceptron.Stride);
        try
        {
            var context = new Context
            {
                Word = hashes.AsSpan(0, size),
                Suffix3 = hashes.AsSpan(size, size),
                Shape = hashes.AsSpan(2 * size, size),
                Ambiguity = ints.AsSpan(0, size),
                Fixed = ints.AsSpan(size, size),
            };
            Prepare(text, tokens, ref context);
            Span<int> buckets = ints.AsSpan(2 * size, PerceptronModel.MaxFeatures);
            Span<float> scores = scoreBuffer.AsSpan(0, Perceptron.Stride);
            int prev = -1, prev2 = -2;
            for (int i = 0; i < n; i++)
            {
                int tag = context.Fixed[i + Pad];
                if (tag < 0)
                {
                    var features = new FeatureBuffer(buckets, Perceptron.Bits);
                    Features(ref features, text, tokens, ref context, i, prev, prev2);
                    Perceptron.Score(features.Buckets, scores);
                    tag = PerceptronModel.ArgMax(scores[..Perceptron.ClassCount], default);
                }
                classes[i] = tag;
                prev2 = prev;
                prev = tag;
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(hashes);
            ArrayPool<int>.Shared.Return(ints);
            ArrayPool<float>.Shared.Return(scoreBuffer);
        }
    }

    /// <summary>Tags every sentence of <paramref name="document"/>, setting UPOS and XPOS.</summary>
    internal void Tag(Document document, CancellationToken cancellationToken)
    {
        ReadOnlySpan<TokenData> all = document.TokenData;
        int[] classes = ArrayPool<int>.Shared.Rent(Math.Max(1, all.Length));
        try
        {
            int sentences = document.SentenceCount;
            if (sentences == 0 && all.Length > 0)
            {
                TagRange(document, 0, all.Length, classes);
            }
            for (int s = 0; s < sentences; s++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                SentenceData sentence = document.SentenceAt(s);
                TagRange(document, sentence.FirstToken, sentence.TokenCount, classes);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(classes);
        }
    }

    private void TagRange(Document document, int first, int count, int[] classes)
    {
        string text = document.Text;
        ReadOnlySpan<TokenData> sentence = document.TokenData.Slice(first, count);
        if (count > 0 && text.AsSpan(sentence[0].Start, sentence[^1].End - sentence[0].Start).ContainsAny(FormatCharacters))
            Tag(WithoutFormatCharacters(text, sentence, out TokenData[] cleaned), cleaned, classes.AsSpan(0, count));
        else
            Tag(text, sentence, classes.AsSpan(0, count));
        Span<TokenData> tokens = document.MutableTokenData.Slice(first, count);
        var strings = document.Strings;
        for (int i = 0; i < count; i++)
        {
            tokens[i].Upos = strings.Intern(Upos[classes[i]]);
            tokens[i].Xpos = strings.Intern(Xpos[classes[i]]);
        }
    }

    /// <summary>Invisible format characters (zero-width joiner and non-joiner, soft hyphen, bidi marks, BOM): the
    /// tagger looks through them, so "ISIS" followed by U+200D is tagged like "ISIS".</summary>
    private static readonly SearchValues<char> FormatCharacters = SearchValues.Create(
        Enumerable.Range(0, 0x10000).Select(static c => (char)c)
            .Where(static c => char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format).ToArray());

    /// <summary>A copy of the sentence's token texts without format characters, and tokens that point into it (a token
    /// made only of format characters keeps them).</summary>
    private static string WithoutFormatCharacters(string text, ReadOnlySpan<TokenData> tokens, out TokenData[] cleaned)
    {
        var sb = new System.Text.StringBuilder();
        cleaned = tokens.ToArray();
        for (int i = 0; i < cleaned.Length; i++)
        {
            ReadOnlySpan<char> word = text.AsSpan(tokens[i].Start, tokens[i].Length);
            int start = sb.Length;
            foreach (char c in word)
            {
                if (!FormatCharacters.Contains(c))
                    sb.Append(c);
            }
            if (sb.Length == start)
                sb.Append(word);
            cleaned[i].Start = start;
            cleaned[i].Length = sb.Length - start;
            sb.Append(' ');
        }
        return sb.ToString();
    }

    internal static void CheckNotEmpty(int count, string what)
    {
        if (count == 0)
            ThrowHelper.InvalidOperation($"No {what} to train on.");
    }
}
