using EntityGraph.Models;

namespace EntityGraph.Relations;

/// <summary>
/// A trained relation scorer: it gives each candidate statement (a relation type and two mentions in one sentence) a
/// calibrated probability that the text asserts it. The model is a gradient-boosted tree ensemble or a logistic
/// regression, trained with ML.NET (<c>entitygraph train relations</c>) and exported into this compact form, so that
/// scoring needs no ML.NET at run time and allocates nothing per candidate.
/// </summary>
/// <remarks>Immutable and safe to share across threads and pipelines.</remarks>
public sealed class RelationModel
{
    /// <summary>The model kind written into the file header.</summary>
    internal const string Kind = "relations";

    /// <summary>File name of the embedded default model.</summary>
    internal const string EmbeddedName = "relations-en-news.egm";

    private static readonly Lazy<RelationModel?> LazyDefault = new(LoadEmbedded);

    // Trees, flattened: node i splits on _feature[i] at _threshold[i]; children >= 0 are nodes, ~leaf otherwise.
    private readonly int[] _treeRoots;
    private readonly int[] _feature;
    private readonly float[] _threshold;
    private readonly int[] _left;
    private readonly int[] _right;
    private readonly float[] _leaves;

    // The same trees laid out feature by feature (null when they do not fit that layout): RawScore runs once per
    // candidate, several hundred candidates per article, so walking 300 trees node by node was the stage's largest cost.
    private readonly QuickScorer? _quick;

    // Logistic regression over standardised features.
    private readonly float[] _weights;
    private readonly float[] _means;
    private readonly float[] _scales;

    internal RelationModel(string name, string version, RelationLexicon lexicon, ScorerKind scorer, double bias, double slope, double offset,
        double threshold, double patternConfidence, TreeEnsemble? trees, LinearScorer? linear)
    {
        PatternConfidence = patternConfidence;
        Name = name;
        Version = version;
        Features = new RelationFeatures(lexicon);
        Scorer = scorer;
        Bias = bias;
        Slope = slope;
        Offset = offset;
        Threshold = threshold;
        if (scorer == ScorerKind.Trees)
        {
            ArgumentNullException.ThrowIfNull(trees);
            _treeRoots = trees.Roots;
            _feature = trees.Feature;
            _threshold = trees.Threshold;
            _left = trees.Left;
            _right = trees.Right;
            _leaves = trees.Leaves;
            _weights = _means = _scales = [];
            foreach (int f in _feature)
            {
                if ((uint)f >= (uint)Features.Count)
                    throw new InvalidDataException($"Model file '{name}' is not usable: a tree splits on feature {f} of {Features.Count}.");
            }
            _quick = QuickScorer.TryCreate(_treeRoots, _feature, _threshold, _left, _right, _leaves, bias);
        }
        else
        {
            ArgumentNullException.ThrowIfNull(linear);
            if (linear.Weights.Length != Features.Count || linear.Means.Length != Features.Count || linear.Scales.Length != Features.Count)
                throw new InvalidDataException($"Model file '{name}' is not usable: it has {linear.Weights.Length} weights for {Features.Count} features.");
            _weights = linear.Weights;
            _means = linear.Means;
            _scales = linear.Scales;
            _treeRoots = _feature = _left = _right = [];
            _threshold = _leaves = [];
        }
    }

    /// <summary>The model's name (for example <c>relations-en-news</c>).</summary>
    public string Name { get; }

    /// <summary>The model's version.</summary>
    public string Version { get; }

    /// <summary>The relation types the model scores; other types of a schema keep their pattern-only extraction.</summary>
    public IReadOnlyList<string> Types => Features.Types;

    /// <summary>
    /// The confidence at or above which a relation is asserted by default: the probability cut that training chose
    /// (users move it with <see cref="RelationExtractorOptions.MinConfidence"/> or <c>--min-confidence</c>).
    /// </summary>
    public double Threshold { get; }

    /// <summary>
    /// The confidence a statement that a schema pattern asserts has at least: the patterns' own precision measured
    /// at training. Patterns stay high-precision candidates; the scorer adds what they miss and can raise, never
    /// lower, a pattern's statement below this floor.
    /// </summary>
    public double PatternConfidence { get; }

    internal RelationFeatures Features { get; }

    internal ScorerKind Scorer { get; }

    internal double Bias { get; }

    internal double Slope { get; }

    internal double Offset { get; }

    /// <summary>The embedded default model, or null when this build carries none.</summary>
    public static RelationModel? Default => LazyDefault.Value;

    /// <summary>Loads a model file written by <c>entitygraph train relations</c>.</summary>
    /// <param name="path">The .egm file.</param>
    /// <returns>The model.</returns>
    /// <exception cref="InvalidDataException">The file is not a relation model, is of another format version, or is damaged (the message names the file).</exception>
    public static RelationModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using FileStream stream = File.OpenRead(path);
        return Read(stream, path);
    }

    internal static RelationModel Read(Stream stream, string source)
    {
        ModelContainer container = ModelFormat.Read(stream, source, Kind);
        RelationLexicon lexicon = container.Read("lexicon", r => RelationLexicon.Deserialize(r.ReadBytes((int)r.BaseStream.Length), source));
        (ScorerKind kind, double bias, double slope, double offset, double threshold, double patternConfidence, int featureCount) = container.Read("scorer", r =>
        {
            byte k = r.ReadByte();
            if (k > 1)
                ModelFormat.Fail(source, $"scorer kind {k} is unknown");
            return ((ScorerKind)k, r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadInt32());
        });
        var features = new RelationFeatures(lexicon);
        if (featureCount != features.Count)
            ModelFormat.Fail(source, $"it was trained on {featureCount} features and this build computes {features.Count} (retrain it with this version)");
        TreeEnsemble? trees = kind == ScorerKind.Trees ? container.Read("trees", TreeEnsemble.Read) : null;
        LinearScorer? linear = kind == ScorerKind.Linear ? container.Read("linear", LinearScorer.Read) : null;
        return new RelationModel(container.Name, container.Version, lexicon, kind, bias, slope, offset, threshold, patternConfidence, trees, linear);
    }

    /// <summary>Writes the model in the EntityGraph model format.</summary>
    internal void Write(Stream stream)
    {
        var container = new ModelContainer(Kind, Name, Version);
        container.Sections["lexicon"] = Features.Lexicon.Serialize();
        container.Add("scorer", w =>
        {
            w.Write((byte)Scorer);
            w.Write(Bias);
            w.Write(Slope);
            w.Write(Offset);
            w.Write(Threshold);
            w.Write(PatternConfidence);
            w.Write(Features.Count);
        });
        if (Scorer == ScorerKind.Trees)
            container.Add("trees", w => new TreeEnsemble(_treeRoots, _feature, _threshold, _left, _right, _leaves).Write(w));
        else
            container.Add("linear", w => new LinearScorer(_weights, _means, _scales).Write(w));
        ModelFormat.Write(stream, container);
    }

    /// <summary>The raw (uncalibrated) score of one feature row.</summary>
    internal double RawScore(ReadOnlySpan<float> row)
    {
        if (Scorer == ScorerKind.Trees)
        {
            // The constructor checked that every split feature is below Features.Count.
            return _quick is not null && row.Length >= Features.Count ? _quick.Score(row, Bias) : WalkTrees(row);
        }
        double sum = Bias;
        for (int i = 0; i < _weights.Length; i++)
            sum += _weights[i] * ((row[i] - _means[i]) * _scales[i]);
        return sum;
    }

    /// <summary>The tree score by walking each tree from its root (the reference that <see cref="QuickScorer"/> matches).</summary>
    internal double WalkTrees(ReadOnlySpan<float> row)
    {
        double sum = Bias;
        foreach (int root in _treeRoots)
        {
            int node = root;
            while (node >= 0)
                node = row[_feature[node]] <= _threshold[node] ? _left[node] : _right[node];
            sum += _leaves[~node];
        }
        return sum;
    }

    /// <summary>The calibrated probability that the candidate of <paramref name="row"/> is asserted.</summary>
    internal double Probability(ReadOnlySpan<float> row) => 1.0 / (1.0 + Math.Exp(-(Slope * RawScore(row) + Offset)));

    private static RelationModel? LoadEmbedded()
    {
        if (!EmbeddedModels.Exists(EmbeddedName))
            return null;
        using Stream stream = EmbeddedModels.Open(EmbeddedName);
        return Read(stream, EmbeddedName);
    }
}

/// <summary>How a relation model turns features into a score.</summary>
internal enum ScorerKind : byte
{
    /// <summary>Gradient-boosted regression trees (LightGBM).</summary>
    Trees = 0,

    /// <summary>Logistic regression.</summary>
    Linear = 1,
}

/// <summary>The trees of a boosted ensemble in flat arrays (all trees' nodes in one array; roots index into it).</summary>
internal sealed record TreeEnsemble(int[] Roots, int[] Feature, float[] Threshold, int[] Left, int[] Right, float[] Leaves)
{
    public void Write(BinaryWriter w)
    {
        WriteInts(w, Roots);
        WriteInts(w, Feature);
        WriteFloats(w, Threshold);
        WriteInts(w, Left);
        WriteInts(w, Right);
        WriteFloats(w, Leaves);
    }

    public static TreeEnsemble Read(BinaryReader r)
    {
        var e = new TreeEnsemble(ReadInts(r), ReadInts(r), ReadFloats(r), ReadInts(r), ReadInts(r), ReadFloats(r));
        int nodes = e.Feature.Length;
        if (e.Threshold.Length != nodes || e.Left.Length != nodes || e.Right.Length != nodes)
            throw new FormatException("tree arrays differ in length");
        foreach (int child in e.Left.Concat(e.Right).Concat(e.Roots))
        {
            if (child >= nodes || (child < 0 && ~child >= e.Leaves.Length))
                throw new FormatException("a tree points outside its arrays");
        }
        return e;
    }

    internal static void WriteInts(BinaryWriter w, int[] values)
    {
        w.Write(values.Length);
        foreach (int v in values)
            w.Write(v);
    }

    internal static void WriteFloats(BinaryWriter w, float[] values)
    {
        w.Write(values.Length);
        foreach (float v in values)
            w.Write(v);
    }

    internal static int[] ReadInts(BinaryReader r)
    {
        int n = r.ReadInt32();
        if (n < 0 || n > 1 << 24)
            throw new FormatException("bad array length");
        var values = new int[n];
        for (int i = 0; i < n; i++)
            values[i] = r.ReadInt32();
        return values;
    }

    internal static float[] ReadFloats(BinaryReader r)
    {
        int n = r.ReadInt32();
        if (n < 0 || n > 1 << 24)
            throw new FormatException("bad array length");
        var values = new float[n];
        for (int i = 0; i < n; i++)
            values[i] = r.ReadSingle();
        return values;
    }
}

/// <summary>Logistic-regression weights over standardised features: score = bias + sum w_i (x_i - mean_i) scale_i.</summary>
internal sealed record LinearScorer(float[] Weights, float[] Means, float[] Scales)
{
    public void Write(BinaryWriter w)
    {
        TreeEnsemble.WriteFloats(w, Weights);
        TreeEnsemble.WriteFloats(w, Means);
        TreeEnsemble.WriteFloats(w, Scales);
    }

    public static LinearScorer Read(BinaryReader r) => new(TreeEnsemble.ReadFloats(r), TreeEnsemble.ReadFloats(r), TreeEnsemble.ReadFloats(r));
}
