using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EntityGraph.Relations;

/// <summary>
/// Scores a boosted tree ensemble feature by feature instead of tree by tree (QuickScorer, Lucchese et al., SIGIR 2015).
/// Each tree keeps a bit mask of its leaves, left to right; every node whose test fails (the value is above its threshold,
/// so the walk would go right) clears the leaves of its left subtree. The leaf a walk would reach is the leftmost leaf
/// still set. The nodes of one feature are sorted by threshold, so a row visits only its failing nodes, with no
/// data-dependent branch per node: the relation scorer walks about a thousand nodes per candidate otherwise, most of
/// them mispredicted. The leaves are then added in tree order, so the score is bit for bit the tree walk's.
/// </summary>
internal sealed class QuickScorer
{
    private readonly int _trees;
    private readonly int[] _features;       // the features some node splits on, ascending
    private readonly int[] _featureStart;   // per entry of _features: its first node in the arrays below (+1 sentinel)
    private readonly float[] _thresholds;   // per node, grouped by feature, ascending threshold within a feature
    private readonly int[] _tree;           // per node: its tree
    private readonly ulong[] _masks;        // per node: all leaves but those of its left subtree
    private readonly int[] _leafStart;      // per tree: its first leaf in _leafValues
    private readonly float[] _leafValues;   // per tree, its leaves left to right
    // Rows are mostly zeros (one-hot groups, absent flags): the masks of an all-zero row are kept, and a row with no
    // negative value only adds the nodes of its non-zero features whose threshold is not below zero.
    private readonly int[] _slotOf;         // per feature of a row: its entry in _features, or -1 when no node splits on it
    private readonly int[] _zeroStart;      // per entry of _features: its first node that an all-zero row passes
    private readonly ulong[] _aliveAtZero;  // per tree: its leaves after an all-zero row
    // Whether every partial sum of the bias and one leaf per tree is exact in a double (all are multiples of the smallest
    // leaf's last mantissa bit and stay below 2^53 of those): then the order of the additions cannot change the sum, and
    // Sum adds in four chains instead of one 300-long chain of dependent additions.
    private readonly bool _exactSums;

    private QuickScorer(int trees, int[] features, int[] featureStart, float[] thresholds, int[] tree, ulong[] masks, int[] leafStart, float[] leafValues,
        double bias)
    {
        _trees = trees;
        _features = features;
        _featureStart = featureStart;
        _thresholds = thresholds;
        _tree = tree;
        _masks = masks;
        _leafStart = leafStart;
        _leafValues = leafValues;
        int width = features.Length == 0 ? 0 : features[^1] + 1;
        _slotOf = new int[width];
        Array.Fill(_slotOf, -1);
        _zeroStart = new int[features.Length];
        _aliveAtZero = new ulong[trees];
        Array.Fill(_aliveAtZero, ulong.MaxValue);
        for (int f = 0; f < features.Length; f++)
        {
            _slotOf[features[f]] = f;
            int i = featureStart[f];
            for (; i < featureStart[f + 1] && !(0f <= thresholds[i]); i++)
                _aliveAtZero[tree[i]] &= masks[i];
            _zeroStart[f] = i;
        }
        _exactSums = SumsAreExact(bias, leafStart, leafValues);
    }

    private static bool SumsAreExact(double bias, int[] leafStart, float[] leafValues)
    {
        int lowest = int.MaxValue; // the exponent of the lowest set bit over all values
        double largest = Math.Abs(bias); // the largest |partial sum|: the bias and each tree's largest |leaf|
        for (int k = 0; k < leafStart.Length; k++)
        {
            int end = k + 1 < leafStart.Length ? leafStart[k + 1] : leafValues.Length;
            double most = 0;
            for (int i = leafStart[k]; i < end; i++)
                most = Math.Max(most, Math.Abs((double)leafValues[i]));
            largest += most;
        }
        foreach (double value in leafValues.Select(static v => (double)v).Append(bias))
        {
            if (!double.IsFinite(value))
                return false;
            if (value == 0)
                continue;
            long bits = BitConverter.DoubleToInt64Bits(value);
            int biased = (int)((bits >> 52) & 0x7FF);
            long mantissa = bits & 0xF_FFFF_FFFF_FFFFL;
            if (biased != 0)
                mantissa |= 1L << 52;
            lowest = Math.Min(lowest, (biased == 0 ? 1 : biased) - 1075 + BitOperations.TrailingZeroCount(mantissa));
        }
        return lowest == int.MaxValue || (lowest + 53 < 1024 && largest < Math.ScaleB(1.0, lowest + 53));
    }

    /// <summary>
    /// The ensemble in QuickScorer form, or null when a tree has more than 64 leaves or the arrays are not proper trees
    /// (the caller then walks the trees).
    /// </summary>
    public static QuickScorer? TryCreate(int[] roots, int[] feature, float[] threshold, int[] left, int[] right, float[] leaves, double bias)
    {
        var nodes = new List<(int Feature, float Threshold, int Tree, ulong Mask)>();
        var leafStart = new int[roots.Length];
        var leafValues = new List<float>();
        int visited = 0;
        for (int k = 0; k < roots.Length; k++)
        {
            leafStart[k] = leafValues.Count;
            var treeLeaves = new List<float>();
            if (!Visit(roots[k], k, treeLeaves, out _, out _))
                return null;
            leafValues.AddRange(treeLeaves);
        }
        nodes.Sort(static (a, b) => a.Feature != b.Feature ? a.Feature.CompareTo(b.Feature) : a.Threshold.CompareTo(b.Threshold));
        var features = new List<int>();
        var featureStart = new List<int>();
        for (int i = 0; i < nodes.Count; i++)
        {
            if (i == 0 || nodes[i].Feature != nodes[i - 1].Feature)
            {
                features.Add(nodes[i].Feature);
                featureStart.Add(i);
            }
        }
        featureStart.Add(nodes.Count);
        return new QuickScorer(roots.Length, [.. features], [.. featureStart], [.. nodes.Select(static n => n.Threshold)],
            [.. nodes.Select(static n => n.Tree)], [.. nodes.Select(static n => n.Mask)], leafStart, [.. leafValues], bias);

        // In-order walk: numbers the leaves left to right and gives each node the mask that drops its left subtree.
        bool Visit(int node, int tree, List<float> treeLeaves, out int firstLeaf, out int lastLeaf)
        {
            firstLeaf = lastLeaf = 0;
            if (++visited > feature.Length + leaves.Length)
                return false; // a cycle or shared subtrees: not a forest of trees
            if (node < 0)
            {
                if (~node >= leaves.Length || treeLeaves.Count >= 64)
                    return false;
                firstLeaf = lastLeaf = treeLeaves.Count;
                treeLeaves.Add(leaves[~node]);
                return true;
            }
            if (node >= feature.Length || !Visit(left[node], tree, treeLeaves, out firstLeaf, out int leftLast)
                || !Visit(right[node], tree, treeLeaves, out _, out lastLeaf))
                return false;
            ulong leftLeaves = (leftLast - firstLeaf == 63 ? ulong.MaxValue : (1UL << (leftLast - firstLeaf + 1)) - 1) << firstLeaf;
            nodes.Add((feature[node], threshold[node], tree, ~leftLeaves));
            return true;
        }
    }

    /// <summary>The sum of the leaves <paramref name="row"/> reaches, added in tree order to <paramref name="bias"/>.</summary>
    /// <param name="row">The feature row; every split feature index is below its length (the model checked it).</param>
    /// <param name="bias">The starting value of the sum.</param>
    [SkipLocalsInit]
    public double Score(ReadOnlySpan<float> row, double bias)
    {
        Span<ulong> alive = _trees <= 1024 ? stackalloc ulong[_trees] : new ulong[_trees];
        _aliveAtZero.CopyTo(alive);
        ref ulong aliveRef = ref MemoryMarshal.GetReference(alive);
        ref float thresholds = ref MemoryMarshal.GetArrayDataReference(_thresholds);
        ref int trees = ref MemoryMarshal.GetArrayDataReference(_tree);
        ref ulong masks = ref MemoryMarshal.GetArrayDataReference(_masks);
        int[] slots = _slotOf;
        int width = Math.Min(row.Length, slots.Length);
        for (int f = 0; f < width; f++)
        {
            float x = row[f];
            if (x == 0)
                continue; // -0 too: it compares with every threshold as 0 does
            if (!(x > 0))
                return ScoreFromAllOnes(row, bias); // a negative or NaN value fails fewer nodes than zero does
            int slot = slots[f];
            if (slot < 0)
                continue;
            int end = _featureStart[slot + 1];
            for (int i = _zeroStart[slot]; i < end && !(x <= Unsafe.Add(ref thresholds, i)); i++)
                Unsafe.Add(ref aliveRef, Unsafe.Add(ref trees, i)) &= Unsafe.Add(ref masks, i);
        }
        return Sum(alive, bias);
    }

    /// <summary>The score of any row: every split feature's failing nodes from the start.</summary>
    [SkipLocalsInit]
    private double ScoreFromAllOnes(ReadOnlySpan<float> row, double bias)
    {
        Span<ulong> alive = _trees <= 1024 ? stackalloc ulong[_trees] : new ulong[_trees];
        alive.Fill(ulong.MaxValue);
        ref float values = ref MemoryMarshal.GetReference(row);
        ref ulong aliveRef = ref MemoryMarshal.GetReference(alive);
        ref float thresholds = ref MemoryMarshal.GetArrayDataReference(_thresholds);
        ref int trees = ref MemoryMarshal.GetArrayDataReference(_tree);
        ref ulong masks = ref MemoryMarshal.GetArrayDataReference(_masks);
        int[] starts = _featureStart;
        int[] features = _features;
        for (int f = 0; f < features.Length; f++)
        {
            float x = Unsafe.Add(ref values, features[f]);
            int end = starts[f + 1];
            // A node's test "x <= threshold" fails for the nodes with the lowest thresholds first.
            for (int i = starts[f]; i < end && !(x <= Unsafe.Add(ref thresholds, i)); i++)
                Unsafe.Add(ref aliveRef, Unsafe.Add(ref trees, i)) &= Unsafe.Add(ref masks, i);
        }
        return Sum(alive, bias);
    }

    /// <summary>Adds, in tree order, the leftmost leaf still alive in each tree.</summary>
    private double Sum(ReadOnlySpan<ulong> alive, double bias)
    {
        ref ulong aliveRef = ref MemoryMarshal.GetReference(alive);
        double sum = bias;
        ref float leaves = ref MemoryMarshal.GetArrayDataReference(_leafValues);
        ref int leafStart = ref MemoryMarshal.GetArrayDataReference(_leafStart);
        int k = 0;
        if (_exactSums)
        {
            double sum1 = 0, sum2 = 0, sum3 = 0;
            for (; k + 4 <= _trees; k += 4)
            {
                sum += Unsafe.Add(ref leaves, Unsafe.Add(ref leafStart, k) + BitOperations.TrailingZeroCount(Unsafe.Add(ref aliveRef, k)));
                sum1 += Unsafe.Add(ref leaves, Unsafe.Add(ref leafStart, k + 1) + BitOperations.TrailingZeroCount(Unsafe.Add(ref aliveRef, k + 1)));
                sum2 += Unsafe.Add(ref leaves, Unsafe.Add(ref leafStart, k + 2) + BitOperations.TrailingZeroCount(Unsafe.Add(ref aliveRef, k + 2)));
                sum3 += Unsafe.Add(ref leaves, Unsafe.Add(ref leafStart, k + 3) + BitOperations.TrailingZeroCount(Unsafe.Add(ref aliveRef, k + 3)));
            }
            sum = (sum + sum1) + (sum2 + sum3);
        }
        for (; k < _trees; k++)
            sum += Unsafe.Add(ref leaves, Unsafe.Add(ref leafStart, k) + BitOperations.TrailingZeroCount(Unsafe.Add(ref aliveRef, k)));
        return sum;
    }
}
