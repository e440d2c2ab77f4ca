using System.Buffers;
using System.Runtime.CompilerServices;
using EntityGraph.Models;
using EntityGraph.Tagging;

namespace EntityGraph.Entities;

/// <summary>
/// The named-entity model: BILOU labels over PER, ORG, LOC and MISC, decoded greedily left to right by an averaged
/// perceptron under transition constraints, so no output can be invalid (no I- after O, no open entity at the end
/// of a sentence). Features: word, case, shape, affixes, neighbours, POS from our tagger, previous decisions, headline
/// (all-caps) context, gazetteer matches, and the types earlier sentences of the same document gave the same word.
/// Load the embedded default with <see cref="Default"/> or your own with <see cref="Load(string)"/>. Immutable and thread-safe.
/// </summary>
[SkipLocalsInit]
public sealed class EntityRecognizerModel
{
    internal const string Kind = "ner";

    /// <summary>The entity types, in label order.</summary>
    internal static readonly string[] Types = ConllNerReader.Types;

    // Feature templates: the numbers are hashed into shipped models, never renumber.
    private const int TBias = 1, TLower = 2, TRaw = 3, TShape = 4, TShort = 5, TSuffix = 6, TPrefix = 10, TLowerM1 = 14, TLowerM2 = 15,
        TLowerP1 = 16, TLowerP2 = 17, TRawM1 = 18, TRawP1 = 19, TShapeM1 = 20, TShapeP1 = 21, TShortTri = 22, TXpos = 23, TXposM1 = 24,
        TXposP1 = 25, TXposShort = 26, TPrev = 27, TPrev2 = 28, TPrevLower = 29, TPrevShape = 30, TInitial = 31, TCapsShape = 32,
        TGaz = 33, TGazM1 = 34, TGazP1 = 35, TDocument = 36, TBigramM1 = 37, TBigramP1 = 38, TKind = 39, TPrevXpos = 40, TGazLower = 41, TCase = 42, TCaseShort = 43, TRun = 44,
        TCluster = 45, TClusterM1 = 46, TClusterP1 = 47, TClusterM2 = 48, TClusterP2 = 49, TPrevCluster = 50,
        TStage1 = 51, TStage1Prev = 52, TStage1Near = 53, TVote = 54, TVoteMajority = 55;

    private static readonly Lazy<EntityRecognizerModel> DefaultModel = new(
        static () => Load(EmbeddedModels.Open(EmbeddedModels.Ner), EmbeddedModels.Ner), LazyThreadSafetyMode.ExecutionAndPublication);

    internal EntityRecognizerModel(PerceptronModel perceptron, Gazetteer gazetteer, HashSet<ulong> neverEntity, string name, string version,
        WordClusters? clusters = null, PerceptronModel? second = null)
    {
        Clusters = clusters ?? WordClusters.Empty;
        Second = second;
        if (second is not null && second.ClassCount != LabelCount)
            ModelFormat.Fail(name, $"the second-stage recognizer has {second.ClassCount} labels where BILOU over 4 types needs {LabelCount}");
        NeverEntity = neverEntity;
        if (perceptron.ClassCount != LabelCount)
            ModelFormat.Fail(name, $"the recognizer has {perceptron.ClassCount} labels where BILOU over 4 types needs {LabelCount}");
        Perceptron = perceptron;
        Gazetteer = gazetteer;
        Name = name;
        Version = version;
    }

    /// <summary>The embedded default model (CoNLL-2003 English with gazetteers), loaded on first use.</summary>
    public static EntityRecognizerModel Default => DefaultModel.Value;

    /// <summary>The model's name from its file header.</summary>
    public string Name { get; }

    /// <summary>The model's version from its file header.</summary>
    public string Version { get; }

    internal PerceptronModel Perceptron { get; }

    internal Gazetteer Gazetteer { get; }

    /// <summary>Word clusters computed from unlabeled text at training time (empty in models without them).</summary>
    internal WordClusters Clusters { get; }

    /// <summary>
    /// The second stage (null in single-stage models): the same features plus what the first stage predicted for the
    /// same word everywhere in the document (non-local features, Ratinov and Roth 2009), trained on first-stage
    /// predictions made by cross-validation so it does not learn to trust near-perfect first-pass labels.
    /// </summary>
    internal PerceptronModel? Second { get; }

    /// <summary>
    /// Lower-case words (as <see cref="LowerHash"/>) that training saw at least 20 times and never inside an entity.
    /// Written in lower case outside an entity they are labelled O without scoring at run time (and in dev/test
    /// scoring, so reported figures include it). Training still scores them: skipping them there cost 0.5 dev F1.
    /// </summary>
    internal HashSet<ulong> NeverEntity { get; }

    internal const int LabelCount = 17;

    /// <summary>Label names: O, then B I L U for each type.</summary>
    internal static string[] LabelNames()
    {
        var labels = new string[LabelCount];
        labels[0] = "O";
        for (int t = 0; t < Types.Length; t++)
        {
            labels[1 + 4 * t] = "B-" + Types[t];
            labels[2 + 4 * t] = "I-" + Types[t];
            labels[3 + 4 * t] = "L-" + Types[t];
            labels[4 + 4 * t] = "U-" + Types[t];
        }
        return labels;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Prefix(int label) => label == 0 ? -1 : (label - 1) & 3; // 0 B, 1 I, 2 L, 3 U

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int TypeOf(int label) => (label - 1) >> 2;

    /// <summary>Whether <paramref name="label"/> may follow <paramref name="prev"/> (-1: sentence start).</summary>
    internal static bool Allowed(int prev, int label, bool mustClose)
    {
        int pp = prev <= 0 ? -1 : Prefix(prev);
        bool open = pp is 0 or 1;
        int lp = Prefix(label);
        if (mustClose && lp is 0 or 1)
            return false;
        if (open)
            return lp is 1 or 2 && TypeOf(label) == TypeOf(prev);
        return lp is -1 or 0 or 3;
    }

    /// <summary>Loads a model file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The model.</returns>
    /// <exception cref="InvalidDataException">The file is not a recognizer model, or is truncated or damaged.</exception>
    public static EntityRecognizerModel Load(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Load(stream, path);
    }

    /// <summary>Loads a model from <paramref name="stream"/>.</summary>
    /// <param name="stream">The model bytes.</param>
    /// <param name="name">A name for error messages.</param>
    /// <returns>The model.</returns>
    /// <exception cref="InvalidDataException">The data is not a recognizer model, or is truncated or damaged.</exception>
    public static EntityRecognizerModel Load(Stream stream, string name)
    {
        ModelContainer c = ModelFormat.Read(stream, name, Kind);
        HashSet<ulong> never = c.Read("lexicon", r =>
        {
            int count = r.ReadInt32();
            if (count < 0)
                ModelFormat.Fail(name, "negative lexicon size");
            var set = new HashSet<ulong>(count);
            for (int i = 0; i < count; i++)
                set.Add(r.ReadUInt64());
            return set;
        });
        WordClusters? clusters = c.Sections.ContainsKey("clusters") ? c.Read("clusters", r => WordClusters.Read(r, name)) : null;
        PerceptronModel? second = c.Sections.ContainsKey("perceptron2") ? c.ReadPerceptron("perceptron2") : null;
        return new EntityRecognizerModel(c.ReadPerceptron("perceptron"), c.Read("gazetteer", r => Gazetteer.Read(r, name)), never, c.Name, c.Version, clusters, second);
    }

    internal void Save(Stream stream)
    {
        var c = new ModelContainer(Kind, Name, Version);
        c.Add("perceptron", Perceptron.Write);
        c.Add("gazetteer", Gazetteer.Write);
        if (Clusters.Count > 0)
            c.Add("clusters", Clusters.Write);
        if (Second is not null)
            c.Add("perceptron2", Second.Write);
        c.Add("lexicon", w =>
        {
            var sorted = new List<ulong>(NeverEntity);
            sorted.Sort();
            w.Write(sorted.Count);
            foreach (ulong h in sorted)
                w.Write(h);
        });
        ModelFormat.Write(stream, c);
    }

    internal const int Pad = 2;

    /// <summary>Per-token values of one sentence, padded by <see cref="Pad"/> on each side.</summary>
    internal ref struct Context
    {
        public Span<ulong> Lower;
        public Span<ulong> Raw;
        public Span<ulong> Shape;
        public Span<ulong> Short;
        public Span<ulong> Xpos;
        public Span<uint> GazB;
        public Span<uint> GazI;
        public Span<uint> GazL;
        public Span<uint> GazU;
        public Span<int> DocType;
        public Span<int> Case;
        public Span<int> Run;
        public Span<int> Cluster;
        public bool AllCaps;
    }

    /// <summary>Scratch for one sentence, rented from the pool and returned by <see cref="Dispose"/>.</summary>
    internal struct Scratch : IDisposable
    {
        private ulong[]? _hashes;
        private uint[]? _gaz;
        private int[]? _ints;
        private float[]? _floats;
        private int _size;

        public Scratch(int tokens)
        {
            _size = tokens + 2 * Pad;
            _hashes = ArrayPool<ulong>.Shared.Rent(_size * 5 + tokens);
            _gaz = ArrayPool<uint>.Shared.Rent(_size * 4);
            _ints = ArrayPool<int>.Shared.Rent(4 * _size + PerceptronModel.MaxFeatures);
            _floats = ArrayPool<float>.Shared.Rent(32 + tokens);
        }

        public readonly Context Context => new()
        {
            Lower = _hashes.AsSpan(0, _size),
            Raw = _hashes.AsSpan(_size, _size),
            Shape = _hashes.AsSpan(2 * _size, _size),
            Short = _hashes.AsSpan(3 * _size, _size),
            Xpos = _hashes.AsSpan(4 * _size, _size),
            GazB = _gaz.AsSpan(0, _size),
            GazI = _gaz.AsSpan(_size, _size),
            GazL = _gaz.AsSpan(2 * _size, _size),
            GazU = _gaz.AsSpan(3 * _size, _size),
            DocType = _ints.AsSpan(0, _size),
            Case = _ints.AsSpan(_size, _size),
            Run = _ints.AsSpan(2 * _size, _size),
            Cluster = _ints.AsSpan(3 * _size, _size),
        };

        /// <summary>Gazetteer token hashes (unpadded).</summary>
        public readonly Span<ulong> GazTokens => _hashes.AsSpan(5 * _size, _size - 2 * Pad);

        public readonly Span<int> Buckets => _ints.AsSpan(4 * _size, PerceptronModel.MaxFeatures);

        public readonly Span<float> Scores => _floats.AsSpan(0, 32);

        public readonly Span<float> Margins => _floats.AsSpan(32, _size - 2 * Pad);

        public void Dispose()
        {
            if (_hashes is null)
                return;
            ArrayPool<ulong>.Shared.Return(_hashes);
            ArrayPool<uint>.Shared.Return(_gaz!);
            ArrayPool<int>.Shared.Return(_ints!);
            ArrayPool<float>.Shared.Return(_floats!);
            _hashes = null;
        }
    }

    internal static ulong LowerHash(ReadOnlySpan<char> word) => FeatureHash.AddLower(FeatureHash.Start(TLower), word);

    internal static ulong XposHash(string? xpos) => FeatureHash.Add(FeatureHash.Start(0x7A1), (xpos ?? string.Empty).AsSpan());

    /// <summary>Fills the context of one sentence. <paramref name="xpos"/> holds one <see cref="XposHash"/> per token.</summary>
    internal static void Prepare(Gazetteer gazetteer, WordClusters clusters, string text, ReadOnlySpan<TokenData> tokens, ReadOnlySpan<ulong> xpos, DocumentMemory? memory,
        ref Context c, Span<ulong> gazTokens)
    {
        int n = tokens.Length;
        for (int p = 0; p < Pad; p++)
        {
            Sentinel(c.Lower, n, p);
            Sentinel(c.Raw, n, p);
            Sentinel(c.Shape, n, p);
            Sentinel(c.Short, n, p);
            Sentinel(c.Xpos, n, p);
            c.GazB[p] = c.GazI[p] = c.GazL[p] = c.GazU[p] = 0;
            c.GazB[n + Pad + p] = c.GazI[n + Pad + p] = c.GazL[n + Pad + p] = c.GazU[n + Pad + p] = 0;
            c.DocType[p] = c.DocType[n + Pad + p] = 0;
            c.Case[p] = c.Case[n + Pad + p] = 0;
            c.Run[p] = c.Run[n + Pad + p] = 0;
            c.Cluster[p] = c.Cluster[n + Pad + p] = 0;
        }
        bool lowerSeen = false, letterSeen = false;
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<char> w = text.AsSpan(tokens[i].Start, tokens[i].Length);
            int k = i + Pad;
            ulong lower = FeatureHash.AddLower(FeatureHash.Start(TLower), w);
            c.Lower[k] = lower;
            c.Raw[k] = FeatureHash.Add(FeatureHash.Start(TRaw), w);
            c.Shape[k] = WordShape.Hash(w, collapse: false);
            c.Short[k] = WordShape.Hash(w, collapse: true);
            c.Xpos[k] = xpos[i];
            c.Cluster[k] = clusters.Code(w);
            gazTokens[i] = Gazetteer.TokenHash(w);
            c.DocType[k] = memory is not null && WordShape.IsTitle(w) ? memory.Get(lower) : 0;
            c.Case[k] = memory is not null && WordShape.IsTitle(w) ? memory.CaseProfile(lower) : 0;
            foreach (char ch in w)
            {
                if (char.IsLower(ch))
                    lowerSeen = true;
                else if (char.IsUpper(ch))
                    letterSeen = true;
            }
        }
        c.AllCaps = letterSeen && !lowerSeen && n > 2;
        // Runs of capitalised words: (length up to 5) * 4 + position (0 alone, 1 first, 2 inside, 3 last); 0 outside.
        for (int i = 0; i < n;)
        {
            if (!WordShape.IsTitle(text.AsSpan(tokens[i].Start, tokens[i].Length)))
            {
                c.Run[i + Pad] = 0;
                i++;
                continue;
            }
            int end = i + 1;
            while (end < n && WordShape.IsTitle(text.AsSpan(tokens[end].Start, tokens[end].Length)))
                end++;
            int length = Math.Min(5, end - i);
            for (int j = i; j < end; j++)
                c.Run[j + Pad] = 1 + length * 4 + (end - i == 1 ? 0 : j == i ? 1 : j == end - 1 ? 3 : 2);
            i = end;
        }
        gazetteer.Match(gazTokens[..n], c.GazB[Pad..(n + Pad)], c.GazI[Pad..(n + Pad)], c.GazL[Pad..(n + Pad)], c.GazU[Pad..(n + Pad)]);
    }

    private static void Sentinel(Span<ulong> s, int n, int p)
    {
        s[p] = 0xB0B0UL + (ulong)p;
        s[n + Pad + p] = 0xE0E0UL + (ulong)p;
    }

    internal static void Features(ref FeatureBuffer f, string text, ReadOnlySpan<TokenData> tokens, ref Context c, int i, int prev, int prev2,
        ReadOnlySpan<int> stage1, DocumentVotes? votes)
    {
        if (!stage1.IsEmpty)
            AddStage1(ref f, text, tokens, ref c, i, prev, stage1, votes);
        ReadOnlySpan<char> w = text.AsSpan(tokens[i].Start, tokens[i].Length);
        int k = i + Pad;
        f.Add(FeatureHash.Start(TBias));
        f.Add(c.Lower[k]);
        f.Add(c.Raw[k]);
        f.Add(WordShape.Combine(FeatureHash.Start(TShape), c.Shape[k]));
        f.Add(WordShape.Combine(FeatureHash.Start(TShort), c.Short[k]));
        int max = Math.Min(4, w.Length);
        for (int s = 1; s <= max; s++)
        {
            f.AddLower(TSuffix + s - 1, w[^s..]);
            f.AddLower(TPrefix + s - 1, w[..s]);
        }
        f.Add(WordShape.Combine(FeatureHash.Start(TLowerM1), c.Lower[k - 1]));
        f.Add(WordShape.Combine(FeatureHash.Start(TLowerM2), c.Lower[k - 2]));
        f.Add(WordShape.Combine(FeatureHash.Start(TLowerP1), c.Lower[k + 1]));
        f.Add(WordShape.Combine(FeatureHash.Start(TLowerP2), c.Lower[k + 2]));
        f.Add(WordShape.Combine(FeatureHash.Start(TRawM1), c.Raw[k - 1]));
        f.Add(WordShape.Combine(FeatureHash.Start(TRawP1), c.Raw[k + 1]));
        f.Add(WordShape.Combine(FeatureHash.Start(TShapeM1), c.Shape[k - 1]));
        f.Add(WordShape.Combine(FeatureHash.Start(TShapeP1), c.Shape[k + 1]));
        f.Add(WordShape.Combine(WordShape.Combine(WordShape.Combine(FeatureHash.Start(TShortTri), c.Short[k - 1]), c.Short[k]), c.Short[k + 1]));
        f.Add(WordShape.Combine(FeatureHash.Start(TXpos), c.Xpos[k]));
        f.Add(WordShape.Combine(FeatureHash.Start(TXposM1), c.Xpos[k - 1]));
        f.Add(WordShape.Combine(FeatureHash.Start(TXposP1), c.Xpos[k + 1]));
        f.Add(WordShape.Combine(WordShape.Combine(FeatureHash.Start(TXposShort), c.Xpos[k]), c.Short[k]));
        f.Add(TPrev, prev);
        f.Add(TPrev2, prev, prev2);
        f.Add(WordShape.Combine(FeatureHash.Add(FeatureHash.Start(TPrevLower), prev), c.Lower[k]));
        f.Add(WordShape.Combine(FeatureHash.Add(FeatureHash.Start(TPrevShape), prev), c.Short[k]));
        f.Add(WordShape.Combine(FeatureHash.Add(FeatureHash.Start(TPrevXpos), prev), c.Xpos[k]));
        f.Add(TInitial, (i == 0 ? 2 : 0) + (WordShape.IsTitle(w) ? 1 : 0));
        if (c.AllCaps)
            f.Add(WordShape.Combine(FeatureHash.Start(TCapsShape), c.Short[k]));
        f.Add(WordShape.Combine(WordShape.Combine(FeatureHash.Start(TBigramM1), c.Lower[k - 1]), c.Lower[k]));
        f.Add(WordShape.Combine(WordShape.Combine(FeatureHash.Start(TBigramP1), c.Lower[k]), c.Lower[k + 1]));
        f.Add(TKind, (int)tokens[i].Kind);
        if (c.DocType[k] != 0)
            f.Add(TDocument, c.DocType[k]);
        if (c.Case[k] != 0)
        {
            int where = c.AllCaps ? 2 : i == 0 ? 1 : 0;
            f.Add(TCase, c.Case[k], where);
            f.Add(WordShape.Combine(FeatureHash.Add(FeatureHash.Add(FeatureHash.Start(TCaseShort), c.Case[k]), where), c.Short[k]));
        }
        if (c.Run[k] != 0)
            f.Add(TRun, c.Run[k], c.AllCaps ? 1 : 0);
        AddClusters(ref f, ref c, k, prev);
        AddGazetteer(ref f, TGaz, 0, c.GazB[k]);
        AddGazetteer(ref f, TGaz, 1, c.GazI[k]);
        AddGazetteer(ref f, TGaz, 2, c.GazL[k]);
        AddGazetteer(ref f, TGaz, 3, c.GazU[k]);
        uint any = c.GazB[k] | c.GazI[k] | c.GazL[k] | c.GazU[k];
        if (any != 0 && WordShape.IsTitle(w))
            AddGazetteer(ref f, TGazLower, 0, any);
        AddGazetteer(ref f, TGazM1, 0, c.GazB[k - 1] | c.GazI[k - 1] | c.GazL[k - 1] | c.GazU[k - 1]);
        AddGazetteer(ref f, TGazP1, 0, c.GazB[k + 1] | c.GazI[k + 1] | c.GazL[k + 1] | c.GazU[k + 1]);
    }

    private static void AddStage1(ref FeatureBuffer f, string text, ReadOnlySpan<TokenData> tokens, ref Context c, int i, int prev,
        ReadOnlySpan<int> stage1, DocumentVotes? votes)
    {
        int own = stage1[i];
        f.Add(TStage1, own);
        f.Add(TStage1Prev, own, prev);
        f.Add(TStage1Near, i > 0 ? stage1[i - 1] : -1, i < stage1.Length - 1 ? stage1[i + 1] : -1);
        if (votes is null || !WordShape.IsTitle(text.AsSpan(tokens[i].Start, tokens[i].Length)))
            return;
        ReadOnlySpan<int> v = votes.Get(c.Lower[i + Pad]);
        if (v.IsEmpty)
            return;
        int self = own > 0 ? 1 + TypeOf(own) : 0;
        int others = 0, majority = 0, most = 0;
        for (int t = 0; t < DocumentVotes.Width; t++)
        {
            int n = v[t] - (t == self ? 1 : 0);
            others += n;
            if (n > most)
            {
                most = n;
                majority = t;
            }
        }
        if (others == 0)
            return;
        for (int t = 0; t < DocumentVotes.Width; t++)
        {
            int n = v[t] - (t == self ? 1 : 0);
            if (n > 0)
                f.Add(TVote, t, Math.Min(3, 4 * n / others));
        }
        f.Add(TVoteMajority, majority, self);
    }

    private static void AddClusters(ref FeatureBuffer f, ref Context c, int k, int prev)
    {
        int code = c.Cluster[k];
        if (code != 0)
        {
            f.Add(TCluster, 4, WordClusters.Prefix(code, 4));
            f.Add(TCluster, 6, WordClusters.Prefix(code, 6));
            f.Add(TCluster, 10, WordClusters.Prefix(code, 10));
            f.Add(TCluster, 0, code);
            f.Add(TPrevCluster, prev, WordClusters.Prefix(code, 6));
        }
        if (c.Cluster[k - 1] != 0)
        {
            f.Add(TClusterM1, 4, WordClusters.Prefix(c.Cluster[k - 1], 4));
            f.Add(TClusterM1, 0, c.Cluster[k - 1]);
        }
        if (c.Cluster[k + 1] != 0)
        {
            f.Add(TClusterP1, 4, WordClusters.Prefix(c.Cluster[k + 1], 4));
            f.Add(TClusterP1, 0, c.Cluster[k + 1]);
        }
        if (c.Cluster[k - 2] != 0)
            f.Add(TClusterM2, WordClusters.Prefix(c.Cluster[k - 2], 6));
        if (c.Cluster[k + 2] != 0)
            f.Add(TClusterP2, WordClusters.Prefix(c.Cluster[k + 2], 6));
    }

    private static void AddGazetteer(ref FeatureBuffer f, int template, int position, uint categories)
    {
        while (categories != 0)
        {
            int bit = System.Numerics.BitOperations.TrailingZeroCount(categories);
            categories &= categories - 1;
            f.Add(template, position, bit);
        }
    }

    /// <summary>
    /// Labels one sentence. With a <paramref name="trainer"/>, scores with its current weights and (when <paramref name="gold"/>
    /// is given) updates towards it at every decision (predicted history, as at run time); otherwise scores with
    /// <paramref name="model"/>. <paramref name="forced"/> holds a fixed label per token or -1.
    /// </summary>
    internal static void Decode(PerceptronModel? model, PerceptronTrainer? trainer, Gazetteer gazetteer, WordClusters clusters, HashSet<ulong>? neverEntity, string text, ReadOnlySpan<TokenData> tokens,
        ReadOnlySpan<ulong> xpos, ReadOnlySpan<int> forced, DocumentMemory? memory, Span<int> labels, Span<float> margins, ReadOnlySpan<int> gold,
        ReadOnlySpan<int> stage1 = default, DocumentVotes? votes = null)
    {
        int n = tokens.Length;
        if (n == 0)
            return;
        using var scratch = new Scratch(n);
        Context c = scratch.Context;
        Prepare(gazetteer, clusters, text, tokens, xpos, memory, ref c, scratch.GazTokens);
        int bits = model?.Bits ?? trainer!.Bits;
        Span<float> scores = scratch.Scores;
        int prev = -1, prev2 = -1;
        for (int i = 0; i < n; i++)
        {
            int label = forced.IsEmpty ? -1 : forced[i];
            float margin = 1f;
            if (label < 0 && neverEntity is not null && Prefix(prev) is -1 or 2 or 3 && tokens[i].Length > 0
                && !char.IsUpper(text[tokens[i].Start]) && neverEntity.Contains(c.Lower[i + Pad]))
            {
                label = 0;
                margin = 10f;
            }
            if (label < 0)
            {
                bool mustClose = i == n - 1 || (!forced.IsEmpty && forced[i + 1] >= 0 && Prefix(forced[i + 1]) is 0 or 3);
                var f = new FeatureBuffer(scratch.Buckets, bits);
                Features(ref f, text, tokens, ref c, i, prev, prev2, stage1, votes);
                if (trainer is not null)
                    trainer.Score(f.Buckets, scores);
                else
                    model!.Score(f.Buckets, scores);
                float best = float.NegativeInfinity, second = float.NegativeInfinity;
                for (int l = 0; l < LabelCount; l++)
                {
                    if (!Allowed(prev, l, mustClose))
                        continue;
                    float s = scores[l];
                    if (label < 0 || s > best)
                    {
                        second = best;
                        best = s;
                        label = l;
                    }
                    else if (s > second)
                    {
                        second = s;
                    }
                }
                margin = float.IsFinite(second) ? best - second : 10f;
                if (trainer is not null && !gold.IsEmpty)
                {
                    trainer.Tick();
                    trainer.Update(f.Buckets, gold[i], label);
                }
            }
            labels[i] = label;
            if (!margins.IsEmpty)
                margins[i] = margin;
            prev2 = prev;
            prev = label;
        }
        if (memory is not null)
        {
            for (int i = 0; i < n; i++)
            {
                if (labels[i] > 0 && WordShape.IsTitle(text.AsSpan(tokens[i].Start, tokens[i].Length)))
                    memory.Set(c.Lower[i + Pad], 1 + TypeOf(labels[i]));
            }
        }
    }
}

/// <summary>The first stage's labels for each capitalised word over a whole document: occurrences outside (0) and inside each type (1-4).</summary>
internal sealed class DocumentVotes
{
    public const int Width = 5;

    private readonly Dictionary<ulong, int[]> _votes = [];

    /// <summary>Adds the first-stage <paramref name="labels"/> of one sentence.</summary>
    public void Add(string text, ReadOnlySpan<TokenData> sentence, ReadOnlySpan<int> labels)
    {
        for (int i = 0; i < sentence.Length; i++)
        {
            ReadOnlySpan<char> w = text.AsSpan(sentence[i].Start, sentence[i].Length);
            if (!WordShape.IsTitle(w))
                continue;
            ulong key = EntityRecognizerModel.LowerHash(w);
            if (!_votes.TryGetValue(key, out int[]? v))
                _votes[key] = v = new int[Width];
            v[labels[i] > 0 ? 1 + EntityRecognizerModel.TypeOf(labels[i]) : 0]++;
        }
    }

    public ReadOnlySpan<int> Get(ulong word) => _votes.TryGetValue(word, out int[]? v) ? v : default;
}

/// <summary>What earlier sentences of a document labelled each capitalised word (non-local features, Ratinov and Roth 2009).</summary>
internal sealed class DocumentMemory
{
    private readonly Dictionary<ulong, int> _types = [];
    private readonly Dictionary<ulong, int> _case = [];

    /// <summary>
    /// Records how each word is written in the sentence (call for every sentence before decoding): lower case inside a
    /// sentence (1), capitalised inside a sentence (2), capitalised at a sentence start (4). A capitalised word that
    /// the same article also writes in lower case is probably not a name; a headline word written Title-case in the
    /// body probably is.
    /// </summary>
    public void Observe(string text, ReadOnlySpan<TokenData> sentence)
    {
        bool allCaps = true;
        foreach (TokenData t in sentence)
        {
            foreach (char ch in text.AsSpan(t.Start, t.Length))
            {
                if (char.IsLower(ch))
                {
                    allCaps = false;
                    break;
                }
            }
        }
        if (allCaps)
            return;
        for (int i = 0; i < sentence.Length; i++)
        {
            ReadOnlySpan<char> w = text.AsSpan(sentence[i].Start, sentence[i].Length);
            if (w.Length == 0 || !char.IsLetter(w[0]))
                continue;
            int bit = char.IsLower(w[0]) ? (i == 0 ? 0 : 1) : i == 0 ? 4 : 2;
            if (bit == 0)
                continue;
            ulong key = EntityRecognizerModel.LowerHash(w);
            _case[key] = _case.GetValueOrDefault(key) | bit;
        }
    }

    public int CaseProfile(ulong word) => _case.GetValueOrDefault(word);

    public int Get(ulong word) => _types.GetValueOrDefault(word);

    public void Set(ulong word, int type) => _types[word] = type;
}
