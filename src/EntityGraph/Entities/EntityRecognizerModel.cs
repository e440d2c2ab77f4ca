using System.Buffers;
using System.Runtime.CompilerServices;
using EntityGraph.Models;
using EntityGraph.Tagging;

namespace EntityGraph.Entities;

/// <summary>
/// The named-entity model: BILOU labels over PER, ORG, LOC and MISC, decoded left to right by an averaged perceptron
/// under transition constraints, so no output can be invalid (no I- after O, no open entity at the end of a sentence):
/// greedily, or by beam search for a model trained on whole sentences (<see cref="Beam"/>). Features: word, case,
/// shape, affixes, neighbours, POS from our tagger, the previous two labels, headline (all-caps) context, gazetteer
/// matches, and the labels earlier sentences of the same document gave the same word.
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
        WordClusters? clusters = null, PerceptronModel? second = null, int beam = 1, float beamScale = DefaultBeamScale, float beamMargin = float.PositiveInfinity)
    {
        if (!(beamMargin > 0f))
            ModelFormat.Fail(name, $"the beam margin {beamMargin} is not a positive number");
        BeamMargin = beamMargin;
        if (beam is < 1 or > MaxBeam)
            ModelFormat.Fail(name, $"the beam size {beam} is outside 1-{MaxBeam}");
        if (!(beamScale >= 0f) || !float.IsFinite(beamScale))
            ModelFormat.Fail(name, $"the beam score scale {beamScale} is not a number >= 0");
        Beam = beam;
        BeamScale = beamScale;
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

    /// <summary>The largest beam a model may ask for.</summary>
    internal const int MaxBeam = 64;

    /// <summary>Hypotheses kept by the decoder: 1 is constrained greedy decoding (models without a "decoding" section).</summary>
    internal int Beam { get; }

    /// <summary>
    /// The beam search adds log-probabilities: each decision's scores times this scale, normalised over the allowed
    /// labels (log-softmax). The perceptron is trained on local decisions, so its raw scores are not comparable between
    /// histories (inside an entity, the continuation labels score very high); the scale is chosen on dev. 0: the raw
    /// scores are added (a model trained on whole sequences by beam search).
    /// </summary>
    internal float BeamScale { get; }

    internal const float DefaultBeamScale = 0.04f;

    /// <summary>Hypotheses whose score is more than this behind the best are dropped (infinity: none).</summary>
    internal float BeamMargin { get; }

    /// <summary>The same model decoded with another beam size (and scale, when positive).</summary>
    internal EntityRecognizerModel WithBeam(int beam, float scale = -1f, float margin = 0f) =>
        new(Perceptron, Gazetteer, NeverEntity, Name, Version, Clusters, Second, beam, scale >= 0f ? scale : BeamScale, margin > 0f ? margin : BeamMargin);

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

    /// <summary><see cref="Allowed"/> for every label as a bit mask, indexed by (previous label + 1) * 2 + must-close.</summary>
    private static readonly int[] AllowedMasks = BuildAllowedMasks();

    private static int[] BuildAllowedMasks()
    {
        var masks = new int[(LabelCount + 1) * 2];
        for (int prev = -1; prev < LabelCount; prev++)
        {
            for (int close = 0; close < 2; close++)
            {
                for (int l = 0; l < LabelCount; l++)
                {
                    if (Allowed(prev, l, close == 1))
                        masks[(prev + 1) * 2 + close] |= 1 << l;
                }
            }
        }
        return masks;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int AllowedMask(int prev, bool mustClose) => AllowedMasks[(prev + 1) * 2 + (mustClose ? 1 : 0)];

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
        (int beam, float scale, float margin) = c.Sections.ContainsKey("decoding")
            ? c.Read("decoding", r => (r.ReadInt32(), r.ReadSingle(), r.BaseStream.Position < r.BaseStream.Length ? r.ReadSingle() : float.PositiveInfinity))
            : (1, DefaultBeamScale, float.PositiveInfinity);
        return new EntityRecognizerModel(c.ReadPerceptron("perceptron"), c.Read("gazetteer", r => Gazetteer.Read(r, name)), never, c.Name, c.Version, clusters, second, beam, scale, margin);
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
        if (Beam > 1)
            c.Add("decoding", w =>
            {
                w.Write(Beam);
                w.Write(BeamScale);
                w.Write(BeamMargin);
            });
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
        StaticFeatures(ref f, text, tokens, ref c, i, stage1, votes);
        HistoryFeatures(ref f, ref c, i, prev, prev2, stage1);
    }

    /// <summary>The features that depend on the labels already given (previous one or two decisions).</summary>
    internal static void HistoryFeatures(ref FeatureBuffer f, ref Context c, int i, int prev, int prev2, ReadOnlySpan<int> stage1)
    {
        PreviousFeatures(ref f, ref c, i, prev, stage1);
        f.Add(TPrev2, prev, prev2);
    }

    /// <summary>The history features that depend on the previous label alone.</summary>
    internal static void PreviousFeatures(ref FeatureBuffer f, ref Context c, int i, int prev, ReadOnlySpan<int> stage1)
    {
        int k = i + Pad;
        if (!stage1.IsEmpty)
            f.Add(TStage1Prev, stage1[i], prev);
        f.Add(TPrev, prev);
        f.Add(WordShape.Combine(FeatureHash.Add(FeatureHash.Start(TPrevLower), prev), c.Lower[k]));
        f.Add(WordShape.Combine(FeatureHash.Add(FeatureHash.Start(TPrevShape), prev), c.Short[k]));
        f.Add(WordShape.Combine(FeatureHash.Add(FeatureHash.Start(TPrevXpos), prev), c.Xpos[k]));
        if (c.Cluster[k] != 0)
            f.Add(TPrevCluster, prev, WordClusters.Prefix(c.Cluster[k], 6));
    }

    /// <summary>The features that do not depend on earlier decisions (scored once per token, whatever the beam).</summary>
    internal static void StaticFeatures(ref FeatureBuffer f, string text, ReadOnlySpan<TokenData> tokens, ref Context c, int i,
        ReadOnlySpan<int> stage1, DocumentVotes? votes)
    {
        if (!stage1.IsEmpty)
            AddStage1(ref f, text, tokens, ref c, i, stage1, votes);
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
        AddClusters(ref f, ref c, k);
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

    private static void AddStage1(ref FeatureBuffer f, string text, ReadOnlySpan<TokenData> tokens, ref Context c, int i,
        ReadOnlySpan<int> stage1, DocumentVotes? votes)
    {
        int own = stage1[i];
        f.Add(TStage1, own);
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

    private static void AddClusters(ref FeatureBuffer f, ref Context c, int k)
    {
        int code = c.Cluster[k];
        if (code != 0)
        {
            f.Add(TCluster, 4, WordClusters.Prefix(code, 4));
            f.Add(TCluster, 6, WordClusters.Prefix(code, 6));
            f.Add(TCluster, 10, WordClusters.Prefix(code, 10));
            f.Add(TCluster, 0, code);
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
        ReadOnlySpan<int> stage1 = default, DocumentVotes? votes = null, int beam = 1, float beamScale = DefaultBeamScale, float beamMargin = float.PositiveInfinity)
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
        if (beam > 1 && model is not null)
        {
            DecodeBeam(model, neverEntity, text, tokens, forced, ref c, scratch.Buckets, labels, margins, stage1, votes, beam, beamScale, beamMargin);
            n = 0; // labels are set; only the document memory below remains
        }
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
                bool mustClose = i == n - 1 || (!forced.IsEmpty && forced[i + 1] >= 0 && Prefix(forced[i + 1]) is -1 or 0 or 3);
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
            Remember(memory, text, tokens, ref c, labels);
    }

    /// <summary>Records the sentence's labels of capitalised words in the document memory, for the sentences after it.</summary>
    private static void Remember(DocumentMemory memory, string text, ReadOnlySpan<TokenData> tokens, ref Context c, ReadOnlySpan<int> labels)
    {
        for (int i = 0; i < tokens.Length; i++)
        {
            if (labels[i] > 0 && WordShape.IsTitle(text.AsSpan(tokens[i].Start, tokens[i].Length)))
                memory.Set(c.Lower[i + Pad], 1 + TypeOf(labels[i]));
        }
    }

    /// <summary>
    /// Beam search over the label sequence with the same features and constraints as the greedy decoder. The only
    /// history features are the previous two labels, so hypotheses with the same last two labels are merged
    /// (the better one is kept): with a beam of 17 x 17 this is exact second-order Viterbi. The features that do not
    /// depend on the history are scored once per token; each hypothesis adds its few history features.
    /// </summary>
    private static void DecodeBeam(PerceptronModel model, HashSet<ulong>? neverEntity, string text, ReadOnlySpan<TokenData> tokens, ReadOnlySpan<int> forced,
        ref Context c, Span<int> buckets, Span<int> labels, Span<float> margins, ReadOnlySpan<int> stage1, DocumentVotes? votes, int beam, float beamScale, float beamMargin)
    {
        int n = tokens.Length;
        int bits = model.Bits;
        int stride = model.Stride;
        int width = Math.Max(stride, 32);
        // Hypotheses: score, last two labels, and a back-pointer per position.
        Span<double> score = stackalloc double[beam];
        Span<int> last = stackalloc int[beam];
        Span<int> before = stackalloc int[beam];
        Span<double> nextScore = stackalloc double[beam];
        Span<int> nextLast = stackalloc int[beam];
        Span<int> nextBefore = stackalloc int[beam];
        Span<int> nextParent = stackalloc int[beam];
        Span<float> nextMargin = stackalloc float[beam];
        Span<float> fixedScores = stackalloc float[width];
        Span<float> pair = stackalloc float[width];
        // Scores of the features of the previous label alone, once per distinct previous label of the beam.
        Span<float> previousScores = stackalloc float[width * beam];
        Span<int> previousLabel = stackalloc int[beam];
        Span<float> total = stackalloc float[LabelCount];
        Span<int> ends = stackalloc int[beam + 1];
        int[] parents = ArrayPool<int>.Shared.Rent(n * beam);
        int[] chosen = ArrayPool<int>.Shared.Rent(n * beam);
        float[] localMargins = ArrayPool<float>.Shared.Rent(n * beam);
        try
        {
            int size = 1;
            score[0] = 0;
            last[0] = -1;
            before[0] = -1;
            for (int i = 0; i < n; i++)
            {
                int label = forced.IsEmpty ? -1 : forced[i];
                int count = 0;
                // As in greedy decoding: a frequent never-entity word in lower case is O without scoring after a closed entity.
                bool never = label < 0 && neverEntity is not null && tokens[i].Length > 0 && !char.IsUpper(text[tokens[i].Start]) && neverEntity.Contains(c.Lower[i + Pad]);
                if (never)
                {
                    bool allClosed = true;
                    for (int b = 0; b < size; b++)
                        allClosed &= Prefix(last[b]) is -1 or 2 or 3;
                    // Every hypothesis takes O: its score, common to all but for the few history features, is left out.
                    if (allClosed)
                        label = 0;
                }
                if (label >= 0)
                {
                    for (int b = 0; b < size; b++)
                        Insert(nextScore, nextLast, nextBefore, nextParent, nextMargin, ref count, beam, score[b], label, last[b], b, never ? 10f : 1f);
                }
                else
                {
                    bool mustClose = i == n - 1 || (!forced.IsEmpty && forced[i + 1] >= 0 && Prefix(forced[i + 1]) is -1 or 0 or 3);
                    // One scoring call for the token's own features and the previous-label features of every distinct
                    // previous label, so their (cache-missing) weight rows are fetched together; each previous label's
                    // rows are then summed again (now cached) and subtracted, leaving the token's own scores.
                    int distinct = 0;
                    var f = new FeatureBuffer(buckets, bits);
                    for (int b = 0; b < size; b++)
                    {
                        bool skip = never && Prefix(last[b]) is -1 or 2 or 3 && beamScale > 0f;
                        if (skip || previousLabel[..distinct].IndexOf(last[b]) >= 0)
                            continue;
                        if (distinct == 0)
                        {
                            StaticFeatures(ref f, text, tokens, ref c, i, stage1, votes);
                            ends[0] = f.Count;
                        }
                        if (f.Count + 8 > buckets.Length)
                            break;
                        previousLabel[distinct] = last[b];
                        PreviousFeatures(ref f, ref c, i, last[b], stage1);
                        ends[++distinct] = f.Count;
                    }
                    if (distinct > 0)
                    {
                        ReadOnlySpan<int> all = buckets[..f.Count];
                        model.Score(all, fixedScores);
                        for (int j = 0; j < distinct; j++)
                        {
                            Span<float> previous = previousScores.Slice(j * width, width);
                            model.Score(all[ends[j]..ends[j + 1]], previous);
                            for (int l = 0; l < LabelCount; l++)
                                fixedScores[l] -= previous[l];
                        }
                    }
                    for (int b = 0; b < size; b++)
                    {
                        bool onlyO = never && Prefix(last[b]) is -1 or 2 or 3;
                        if (onlyO && beamScale > 0f)
                        {
                            // Normalised scores: the only allowed label has log-probability 0.
                            Insert(nextScore, nextLast, nextBefore, nextParent, nextMargin, ref count, beam, score[b], 0, last[b], b, 10f);
                            continue;
                        }
                        int slot = previousLabel[..distinct].IndexOf(last[b]);
                        if (slot < 0)
                        {
                            // More previous labels than the feature buffer holds at once (very wide beams).
                            slot = distinct++;
                            previousLabel[slot] = last[b];
                            var h = new FeatureBuffer(buckets, bits);
                            PreviousFeatures(ref h, ref c, i, last[b], stage1);
                            model.Score(h.Buckets, previousScores.Slice(slot * width, width));
                        }
                        var p2 = new FeatureBuffer(buckets, bits);
                        p2.Add(TPrev2, last[b], before[b]);
                        model.Score(p2.Buckets, pair);
                        ReadOnlySpan<float> previous = previousScores.Slice(slot * width, LabelCount);
                        for (int l = 0; l < LabelCount; l++)
                            total[l] = fixedScores[l] + previous[l] + pair[l];
                        if (onlyO)
                        {
                            // Raw sequence scores: the O decision still adds its score, so paths stay comparable.
                            Insert(nextScore, nextLast, nextBefore, nextParent, nextMargin, ref count, beam, score[b] + total[0], 0, last[b], b, 10f);
                            continue;
                        }
                        int allowed = AllowedMask(last[b], mustClose);
                        float best = float.NegativeInfinity, second = float.NegativeInfinity;
                        for (int l = 0; l < LabelCount; l++)
                        {
                            if ((allowed & (1 << l)) == 0)
                                continue;
                            float s = total[l];
                            if (s > best)
                            {
                                second = best;
                                best = s;
                            }
                            else if (s > second)
                            {
                                second = s;
                            }
                        }
                        // Locally trained scores are not comparable between histories: normalise them (log-softmax) first.
                        double logZ = 0;
                        if (beamScale > 0f)
                        {
                            double z = 0;
                            for (int l = 0; l < LabelCount; l++)
                            {
                                if ((allowed & (1 << l)) != 0)
                                    z += Math.Exp((total[l] - best) * beamScale);
                            }
                            logZ = Math.Log(z);
                        }
                        // A label this far below the hypothesis' best would be dropped by the margin anyway (the beam's
                        // best is at least this hypothesis' best extension): skip it before it costs an insertion.
                        float floor = beamScale > 0f ? best - beamMargin / beamScale : best - beamMargin;
                        for (int l = 0; l < LabelCount; l++)
                        {
                            if ((allowed & (1 << l)) == 0)
                                continue;
                            float s = total[l];
                            if (s < floor)
                                continue;
                            // The local margin of the label against the best other label after the same history (0 when it is not the local best).
                            float m = s == best ? (float.IsFinite(second) ? best - second : 10f) : 0f;
                            Insert(nextScore, nextLast, nextBefore, nextParent, nextMargin, ref count, beam, score[b] + (beamScale > 0f ? (s - best) * beamScale - logZ : s), l, last[b], b, m);
                        }
                    }
                }
                double top = double.NegativeInfinity;
                for (int b = 0; b < count; b++)
                    top = Math.Max(top, nextScore[b]);
                // Hypotheses far behind the best are dropped: on most tokens one is left and the search costs what greedy decoding does.
                int kept = 0;
                for (int b = 0; b < count; b++)
                {
                    if (nextScore[b] < top - beamMargin)
                        continue;
                    score[kept] = nextScore[b];
                    last[kept] = nextLast[b];
                    before[kept] = nextBefore[b];
                    parents[i * beam + kept] = nextParent[b];
                    chosen[i * beam + kept] = nextLast[b];
                    localMargins[i * beam + kept] = nextMargin[b];
                    kept++;
                }
                size = kept;
            }
            int winner = 0;
            for (int b = 1; b < size; b++)
            {
                if (score[b] > score[winner])
                    winner = b;
            }
            for (int i = n - 1; i >= 0; i--)
            {
                labels[i] = chosen[i * beam + winner];
                if (!margins.IsEmpty)
                    margins[i] = localMargins[i * beam + winner];
                winner = parents[i * beam + winner];
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(parents);
            ArrayPool<int>.Shared.Return(chosen);
            ArrayPool<float>.Shared.Return(localMargins);
        }
    }

    /// <summary>
    /// One training step of the sequence (beam-trained) recognizer on a sentence: beam search with the trainer's current
    /// weights and the gold path scored alongside; the update is at the prefix where the best hypothesis beats the gold
    /// prefix by the most (max-violation, Huang et al. 2012), adding the gold path's features for its labels and
    /// subtracting the predicted path's. <paramref name="labels"/> receives the final best path (for the document memory).
    /// </summary>
    internal static void TrainBeam(PerceptronTrainer trainer, Gazetteer gazetteer, WordClusters clusters, string text, ReadOnlySpan<TokenData> tokens,
        ReadOnlySpan<ulong> xpos, DocumentMemory? memory, ReadOnlySpan<int> gold, Span<int> labels, int beam)
    {
        int n = tokens.Length;
        if (n == 0)
            return;
        using var scratch = new Scratch(n);
        Context c = scratch.Context;
        Prepare(gazetteer, clusters, text, tokens, xpos, memory, ref c, scratch.GazTokens);
        int bits = trainer.Bits;
        Span<int> buckets = scratch.Buckets;
        Span<double> score = stackalloc double[beam];
        Span<int> last = stackalloc int[beam];
        Span<int> before = stackalloc int[beam];
        Span<bool> isGold = stackalloc bool[beam];
        Span<double> nextScore = stackalloc double[beam];
        Span<int> nextLast = stackalloc int[beam];
        Span<int> nextBefore = stackalloc int[beam];
        Span<int> nextParent = stackalloc int[beam];
        Span<float> nextMargin = stackalloc float[beam];
        Span<float> fixedScores = stackalloc float[32];
        Span<float> history = stackalloc float[32];
        int[] parents = ArrayPool<int>.Shared.Rent(n * beam);
        int[] chosen = ArrayPool<int>.Shared.Rent(n * beam);
        int[] predicted = ArrayPool<int>.Shared.Rent(n);
        try
        {
            int size = 1;
            score[0] = 0;
            last[0] = -1;
            before[0] = -1;
            isGold[0] = true;
            double goldScore = 0, worst = double.NegativeInfinity;
            int at = -1, atHypothesis = 0;
            for (int i = 0; i < n; i++)
            {
                bool mustClose = i == n - 1;
                var f = new FeatureBuffer(buckets, bits);
                StaticFeatures(ref f, text, tokens, ref c, i, default, null);
                trainer.Score(f.Buckets, fixedScores);
                var g = new FeatureBuffer(buckets, bits);
                HistoryFeatures(ref g, ref c, i, i > 0 ? gold[i - 1] : -1, i > 1 ? gold[i - 2] : -1, default);
                trainer.Score(g.Buckets, history);
                goldScore += fixedScores[gold[i]] + history[gold[i]];
                int count = 0;
                for (int b = 0; b < size; b++)
                {
                    var h = new FeatureBuffer(buckets, bits);
                    HistoryFeatures(ref h, ref c, i, last[b], before[b], default);
                    trainer.Score(h.Buckets, history);
                    for (int l = 0; l < LabelCount; l++)
                    {
                        if (Allowed(last[b], l, mustClose))
                            Insert(nextScore, nextLast, nextBefore, nextParent, nextMargin, ref count, beam, score[b] + fixedScores[l] + history[l], l, last[b], b, 0f);
                    }
                }
                int top = 0;
                for (int b = 0; b < count; b++)
                {
                    int parent = nextParent[b];
                    // The parent's flag is read before this loop overwrites it: keep the new flags apart first.
                    nextMargin[b] = isGold[parent] && nextLast[b] == gold[i] ? 1f : 0f;
                }
                for (int b = 0; b < count; b++)
                {
                    score[b] = nextScore[b];
                    last[b] = nextLast[b];
                    before[b] = nextBefore[b];
                    isGold[b] = nextMargin[b] != 0f;
                    parents[i * beam + b] = nextParent[b];
                    chosen[i * beam + b] = nextLast[b];
                    if (score[b] > score[top])
                        top = b;
                }
                size = count;
                double violation = score[top] - goldScore;
                if (!isGold[top] && violation >= worst)
                {
                    worst = violation;
                    at = i;
                    atHypothesis = top;
                }
            }
            // The final best path, for the document memory.
            int final = 0;
            for (int b = 1; b < size; b++)
            {
                if (score[b] > score[final])
                    final = b;
            }
            for (int i = n - 1, b = final; i >= 0; i--)
            {
                labels[i] = chosen[i * beam + b];
                b = parents[i * beam + b];
            }
            trainer.Tick();
            if (at >= 0)
            {
                for (int i = at, b = atHypothesis; i >= 0; i--)
                {
                    predicted[i] = chosen[i * beam + b];
                    b = parents[i * beam + b];
                }
                for (int i = 0; i <= at; i++)
                {
                    int gp = i > 0 ? gold[i - 1] : -1, gp2 = i > 1 ? gold[i - 2] : -1;
                    int pp = i > 0 ? predicted[i - 1] : -1, pp2 = i > 1 ? predicted[i - 2] : -1;
                    if (predicted[i] == gold[i] && gp == pp && gp2 == pp2)
                        continue;
                    if (predicted[i] != gold[i])
                    {
                        var f = new FeatureBuffer(buckets, bits);
                        StaticFeatures(ref f, text, tokens, ref c, i, default, null);
                        trainer.Add(f.Buckets, gold[i], 1f);
                        trainer.Add(f.Buckets, predicted[i], -1f);
                    }
                    var hg = new FeatureBuffer(buckets, bits);
                    HistoryFeatures(ref hg, ref c, i, gp, gp2, default);
                    trainer.Add(hg.Buckets, gold[i], 1f);
                    var hp = new FeatureBuffer(buckets, bits);
                    HistoryFeatures(ref hp, ref c, i, pp, pp2, default);
                    trainer.Add(hp.Buckets, predicted[i], -1f);
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(parents);
            ArrayPool<int>.Shared.Return(chosen);
            ArrayPool<int>.Shared.Return(predicted);
        }
        if (memory is not null)
            Remember(memory, text, tokens, ref c, labels);
    }

    /// <summary>Adds a hypothesis to the next beam, merging with one that has the same last two labels and dropping the worst when full.</summary>
    private static void Insert(Span<double> scores, Span<int> last, Span<int> before, Span<int> parent, Span<float> margin, ref int count, int beam,
        double score, int label, int previous, int from, float localMargin)
    {
        for (int b = 0; b < count; b++)
        {
            if (last[b] == label && before[b] == previous)
            {
                if (score > scores[b])
                {
                    scores[b] = score;
                    parent[b] = from;
                    margin[b] = localMargin;
                }
                return;
            }
        }
        int slot;
        if (count < beam)
        {
            slot = count++;
        }
        else
        {
            slot = 0;
            for (int b = 1; b < count; b++)
            {
                if (scores[b] < scores[slot])
                    slot = b;
            }
            if (scores[slot] >= score)
                return;
        }
        scores[slot] = score;
        last[slot] = label;
        before[slot] = previous;
        parent[slot] = from;
        margin[slot] = localMargin;
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
