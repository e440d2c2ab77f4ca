using System.Runtime.CompilerServices;
using System.Text;
using EntityGraph.Entities;
using EntityGraph.Models;
using EntityGraph.Tagging;

namespace EntityGraph.Parsing;

/// <summary>
/// A greedy arc-hybrid dependency parser: a transition classifier (shift, left, right) and a separate label classifier
/// that names each arc when it is added, both averaged perceptrons over hashed features. Splitting the two keeps the
/// weight tables small (3 classes x 2^bits and ~50 classes x 2^bits instead of ~100 labelled transitions x 2^bits).
/// Immutable and safe to share between threads; every call brings its own <see cref="ParseState"/>.
/// </summary>
[SkipLocalsInit]
internal sealed class DependencyParser
{
    public const string Kind = "parser";
    public const string DefaultName = "parser-en-ud";
    public const string ModelVersion = "1.1.0";
    public const string RootLabel = "root";

    /// <summary>
    /// Changes whenever the features change, so an old model is refused instead of parsing garbage. Version 3 adds the
    /// word-cluster features (and a <c>clusters</c> section); version 2 models, without them, still load and parse as before.
    /// </summary>
    public const int FeatureVersion = 3;

    /// <summary>The features of models without word clusters.</summary>
    public const int FeatureVersionWithoutClusters = 2;

    private const string ResourceName = "EntityGraph.Models." + DefaultName + ".egm";

    private static readonly Lazy<DependencyParser> DefaultParser = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly PerceptronModel _transitions;
    private readonly PerceptronModel _labels;

    public DependencyParser(PerceptronModel transitions, PerceptronModel labels, int beamWidth, string manifest, float beamMargin = 0, WordClusters? clusters = null)
    {
        if (transitions.ClassCount != Move.ClassCount)
            throw new ArgumentException("The transition classifier must have the three arc-hybrid moves and 'none'.", nameof(transitions));
        ArgumentOutOfRangeException.ThrowIfLessThan(beamWidth, 1);
        _transitions = transitions;
        _labels = labels;
        BeamWidth = beamWidth;
        BeamMargin = beamMargin > 0 && float.IsFinite(beamMargin) ? beamMargin : 0;
        Manifest = manifest;
        Clusters = clusters;
    }

    /// <summary>The word clusters whose features the model uses; null for a model without them (features version 2).</summary>
    internal WordClusters? Clusters { get; }

    /// <summary>The features version of this model.</summary>
    public int Features => Clusters is null ? FeatureVersionWithoutClusters : FeatureVersion;

    /// <summary>Beam candidates scoring more than this below the best are pruned; 0 keeps the full beam.</summary>
    public float BeamMargin { get; }

    /// <summary>Parses kept per step; 1 is greedy.</summary>
    public int BeamWidth { get; }

    /// <summary>The same weights with another beam width (for measuring speed against accuracy).</summary>
    public DependencyParser WithBeamWidth(int beamWidth, float beamMargin = 0) => new(_transitions, _labels, beamWidth, Manifest, beamMargin, Clusters);

    /// <summary>The parser embedded in the library, loaded on first use.</summary>
    public static DependencyParser Default => DefaultParser.Value;

    /// <summary>The manifest stored with the model (JSON).</summary>
    public string Manifest { get; }

    /// <summary>Relation labels other than root, in class order; index <see cref="LabelCount"/> is root.</summary>
    public IReadOnlyList<string> Relations => _labels.Labels;

    public int LabelCount => _labels.ClassCount;

    public string LabelName(int label) => label == LabelCount ? RootLabel : _labels.Label(label);

    public PerceptronModel TransitionModel => _transitions;

    public PerceptronModel LabelModel => _labels;

    /// <summary>Bytes of weights held in memory by both classifiers.</summary>
    public long MemoryBytes => _transitions.MemoryBytes + _labels.MemoryBytes;

    /// <summary>
    /// Scratch for <see cref="Parse(ParseState, BeamSearch?)"/>: null when the parser is greedy. <paramref name="verifyCache"/>
    /// (tests): score every decision afresh as well and fail where the beam's decision cache would answer otherwise.
    /// </summary>
    public BeamSearch? CreateBeam(bool verifyCache = false) => BeamWidth > 1 ? new BeamSearch(BeamWidth, BeamMargin) { VerifyCache = verifyCache } : null;

    /// <summary>
    /// Parses the sentence loaded into <paramref name="words"/> (after <see cref="ParseState.Begin"/> and
    /// <see cref="ParseState.SetWord"/>) and returns the state that holds the parse: read <see cref="ParseState.Heads"/>
    /// and <see cref="ParseState.Labels"/> (label <see cref="LabelCount"/> is root) from it.
    /// </summary>
    public ParseState Parse(ParseState words, BeamSearch? beam)
    {
        if (beam is null)
        {
            ParseGreedy(words);
            return words;
        }
        Span<int> buckets = stackalloc int[PerceptronModel.MaxFeatures];
        beam.Start(words);
        var moves = new ModelScorer(_transitions);
        var labels = new ModelScorer(_labels);
        for (int step = 0; beam.Step(step, moves, labels, LabelCount, buckets); step++)
        {
        }
        return beam.Item(0);
    }

    private void ParseGreedy(ParseState state)
    {
        Span<int> buckets = stackalloc int[PerceptronModel.MaxFeatures];
        Span<float> moveScores = stackalloc float[_transitions.Stride];
        Span<float> labelScores = stackalloc float[_labels.Stride];
        int rootLabel = LabelCount;
        while (!state.IsTerminal)
        {
            var features = new FeatureBuffer(buckets, _transitions.Bits);
            state.TransitionFeatures(ref features);
            _transitions.Score(features.Buckets, moveScores);
            int best = -1;
            for (int m = 0; m < Move.Count; m++)
            {
                if (state.IsValid(m) && (best < 0 || moveScores[m] > moveScores[best]))
                    best = m;
            }
            int label = -1;
            if (best != Move.Shift)
            {
                (int head, int dependent) = state.ArcOf(best);
                label = head == state.Length ? rootLabel : PredictLabel(state, head, dependent, buckets, labelScores);
            }
            state.Apply(best, label);
        }
    }

    private int PredictLabel(ParseState state, int head, int dependent, Span<int> buckets, Span<float> scores)
    {
        var features = new FeatureBuffer(buckets, _labels.Bits);
        state.LabelFeatures(head, dependent, ref features);
        _labels.Score(features.Buckets, scores);
        int best = 0;
        for (int c = 1; c < LabelCount; c++)
        {
            if (scores[c] > scores[best])
                best = c;
        }
        return best;
    }

    public void Write(Stream stream)
    {
        var container = new ModelContainer(Kind, DefaultName, ModelVersion);
        container.Add("manifest", w => w.Write(Manifest));
        container.Add("features", w => w.Write(Features));
        if (Clusters is not null)
            container.Add("clusters", Clusters.Write);
        container.Add("search", w =>
        {
            w.Write(BeamWidth);
            w.Write(BeamMargin);
        });
        container.Add("transitions", _transitions.Write);
        container.Add("labels", _labels.Write);
        ModelFormat.Write(stream, container);
    }

    /// <summary>Loads a parser model; a truncated, damaged or foreign file fails with an <see cref="InvalidDataException"/> naming it.</summary>
    public static DependencyParser Load(Stream stream, string source)
    {
        ModelContainer container = ModelFormat.Read(stream, source, Kind);
        int version = container.Read("features", r => r.ReadInt32());
        if (version != FeatureVersion && version != FeatureVersionWithoutClusters)
            ModelFormat.Fail(source, $"it was trained with parser features version {version}; this build reads versions {FeatureVersionWithoutClusters} and {FeatureVersion} (retrain with 'entitygraph train parser')");
        WordClusters? clusters = null;
        if (version == FeatureVersion)
        {
            if (!container.Sections.ContainsKey("clusters"))
                ModelFormat.Fail(source, $"it uses parser features version {version}, which needs word clusters, but it has no 'clusters' section");
            clusters = container.Read("clusters", r => WordClusters.Read(r, source));
        }
        string manifest = container.Read("manifest", r => r.ReadString());
        (int beamWidth, float beamMargin) = container.Read("search", r => (r.ReadInt32(), r.BaseStream.Length > 4 ? r.ReadSingle() : 0f));
        if (beamWidth is < 1 or > 64)
            ModelFormat.Fail(source, $"the beam width {beamWidth} is outside 1 to 64");
        if (!float.IsFinite(beamMargin) || beamMargin < 0)
            ModelFormat.Fail(source, "the beam margin is not a finite non-negative number");
        PerceptronModel transitions = container.ReadPerceptron("transitions");
        PerceptronModel labels = container.ReadPerceptron("labels");
        if (transitions.ClassCount != Move.ClassCount)
            ModelFormat.Fail(source, $"the transition classifier has {transitions.ClassCount} classes instead of {Move.ClassCount}");
        if (labels.ClassCount > 63)
            ModelFormat.Fail(source, $"the label classifier has {labels.ClassCount} relations (at most 63 are supported)");
        return new DependencyParser(transitions, labels, beamWidth, manifest, beamMargin, clusters);
    }

    public static DependencyParser LoadFile(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Load(stream, path);
    }

    /// <summary>Loads the embedded default model afresh (<see cref="Default"/> loads it once; the load benchmark each time).</summary>
    internal static DependencyParser LoadEmbedded()
    {
        using Stream? stream = typeof(DependencyParser).Assembly.GetManifestResourceStream(ResourceName);
        if (stream is null)
            throw new InvalidDataException($"Model file '{DefaultName}.egm' is not usable: it is not embedded in the EntityGraph library (build with models/{DefaultName}.egm present).");
        return Load(stream, DefaultName + ".egm (embedded)");
    }

    /// <summary>Loads a CoNLL-U sentence's words and tags into <paramref name="state"/> (with the model's <paramref name="clusters"/>, if any).</summary>
    public static void Load(ParseState state, ConllSentence sentence, WordClusters? clusters)
    {
        state.Begin(sentence.Length, clusters);
        for (int i = 0; i < sentence.Length; i++)
            state.SetWord(i, sentence.Forms[i], ParseState.HashTag(sentence.Xpos[i]), ParseState.HashTag(sentence.Upos[i]));
    }

    internal static string Describe(DependencyParser parser)
    {
        var text = new StringBuilder();
        text.Append("beam ").Append(parser.BeamWidth).Append(" (margin ").Append(parser.BeamMargin.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Append("), transitions: 2^").Append(parser._transitions.Bits).Append(" x ").Append(parser._transitions.Stride)
            .Append(", labels: 2^").Append(parser._labels.Bits).Append(" x ").Append(parser._labels.Stride)
            .Append(" (").Append(parser.LabelCount).Append(" relations + root), ")
            .Append(parser.Clusters is null ? "no word clusters, " : $"{parser.Clusters.Count} word clusters, ")
            .Append((parser.MemoryBytes / (1024.0 * 1024.0)).ToString("F1", System.Globalization.CultureInfo.InvariantCulture)).Append(" MB in memory");
        return text.ToString();
    }
}
