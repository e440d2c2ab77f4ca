using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using EntityGraph.Internals;

namespace EntityGraph.Tagging;

/// <summary>
/// A trained averaged perceptron, ready to score: a dense table of (bucket, class) weights quantized to signed bytes
/// with one scale per row (per feature bucket). A per-row scale keeps the small weights of rare features that a single
/// global scale would round to zero (measured: a global int8 scale cost 0.7 points of POS accuracy, per-row costs
/// none), and an all-zero row is skipped on its scale alone. Rows are padded to a multiple of eight classes so one
/// load sign-extends eight weights. Immutable and safe to share between threads.
/// </summary>
[SkipLocalsInit]
internal sealed class PerceptronModel
{
    /// <summary>The most features one decision may have (a guard against runaway templates).</summary>
    public const int MaxFeatures = 256;

    private readonly sbyte[] _weights;
    private readonly float[] _rowScales;
    private readonly string[] _labels;

    internal PerceptronModel(string[] labels, int bits, sbyte[] weights, float[] rowScales)
    {
        if (labels.Length is < 1 or > 255)
            ThrowHelper.Argument(nameof(labels), "A perceptron needs between 1 and 255 classes.");
        _labels = labels;
        Bits = bits;
        Stride = (labels.Length + 7) & ~7;
        if (weights.Length != (1 << bits) * Stride || rowScales.Length != 1 << bits)
            ThrowHelper.Argument(nameof(weights), "The weight table does not match the bucket and class counts.");
        _weights = weights;
        _rowScales = rowScales;
    }

    public int ClassCount => _labels.Length;

    /// <summary>log2 of the bucket count.</summary>
    public int Bits { get; }

    /// <summary>Classes per row, rounded up to a multiple of eight.</summary>
    public int Stride { get; }

    public IReadOnlyList<string> Labels => _labels;

    public string Label(int index) => _labels[index];

    /// <summary>Bytes of weights and scales held in memory.</summary>
    public long MemoryBytes => _weights.Length + 4L * _rowScales.Length;

    /// <summary>Number of non-zero weights (the model's real size).</summary>
    public int CountNonZero()
    {
        int n = 0;
        foreach (sbyte w in _weights)
        {
            if (w != 0)
                n++;
        }
        return n;
    }

    /// <summary>Sums the rows of <paramref name="buckets"/> into <paramref name="scores"/> (one per class).</summary>
    public unsafe void Score(ReadOnlySpan<int> buckets, Span<float> scores)
    {
        if (buckets.Length > MaxFeatures)
            ThrowHelper.Argument(nameof(buckets), "Too many features for one decision.");
        int classes = _labels.Length;
        int stride = Stride;
        if (scores.Length < stride)
            ThrowHelper.Argument(nameof(scores), "The score buffer is shorter than the padded class count.");
        int bucketCount = _rowScales.Length;
        Span<float> sums = scores[..stride];
        sums.Clear();
        fixed (sbyte* table = _weights)
        fixed (float* output = sums)
        {
            if (Avx512F.IsSupported)
            {
                // Sixteen classes per instruction; a row of 8 * odd classes ends with one 8-wide step.
                foreach (int bucket in buckets)
                {
                    if ((uint)bucket < (uint)bucketCount)
                    {
                        byte* row = (byte*)(table + (nint)bucket * stride);
                        Sse.Prefetch0(row);
                        if (stride > 64)
                            Sse.Prefetch0(row + 64);
                    }
                }
                int wide = stride & ~15;
                foreach (int bucket in buckets)
                {
                    if ((uint)bucket >= (uint)bucketCount)
                        ThrowHelper.ArgumentOutOfRange(nameof(buckets), "A feature bucket is outside the weight table.");
                    float scale = _rowScales[bucket];
                    if (scale == 0f)
                        continue;
                    sbyte* row = table + (nint)bucket * stride;
                    Vector512<float> s16 = Vector512.Create(scale);
                    int c = 0;
                    for (; c < wide; c += 16)
                    {
                        Vector512<float> w = Avx512F.ConvertToVector512Single(Avx512F.ConvertToVector512Int32(Sse2.LoadVector128(row + c)));
                        Avx512F.Store(output + c, Avx512F.FusedMultiplyAdd(w, s16, Avx512F.LoadVector512(output + c)));
                    }
                    if (c < stride)
                    {
                        Vector256<float> w = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(row + c));
                        Avx.Store(output + c, Fma.MultiplyAdd(w, Vector256.Create(scale), Avx.LoadVector256(output + c)));
                    }
                }
            }
            else if (Avx2.IsSupported && Fma.IsSupported)
            {
                int vectors = stride >> 3;
                // The table is tens of megabytes, so each row is a cache miss: ask for all of them first and let the
                // misses overlap, instead of waiting for one row at a time.
                foreach (int bucket in buckets)
                {
                    if ((uint)bucket < (uint)bucketCount)
                    {
                        byte* row = (byte*)(table + (nint)bucket * stride);
                        Sse.Prefetch0(row);
                        if (stride > 64)
                            Sse.Prefetch0(row + 64);
                    }
                }
                foreach (int bucket in buckets)
                {
                    if ((uint)bucket >= (uint)bucketCount)
                        ThrowHelper.ArgumentOutOfRange(nameof(buckets), "A feature bucket is outside the weight table.");
                    float scale = _rowScales[bucket];
                    if (scale == 0f)
                        continue;
                    Vector256<float> s = Vector256.Create(scale);
                    sbyte* row = table + (nint)bucket * stride;
                    for (int v = 0; v < vectors; v++)
                    {
                        Vector256<float> w = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(row + (v << 3)));
                        Avx.Store(output + (v << 3), Fma.MultiplyAdd(w, s, Avx.LoadVector256(output + (v << 3))));
                    }
                }
            }
            else
            {
                foreach (int bucket in buckets)
                {
                    if ((uint)bucket >= (uint)bucketCount)
                        ThrowHelper.ArgumentOutOfRange(nameof(buckets), "A feature bucket is outside the weight table.");
                    float scale = _rowScales[bucket];
                    if (scale == 0f)
                        continue;
                    sbyte* row = table + (nint)bucket * stride;
                    for (int c = 0; c < classes; c++)
                        output[c] += row[c] * scale;
                }
            }
        }
    }

    /// <summary>The class with the highest score among those <paramref name="allowed"/> permits (all when empty); ties go to the lower index.</summary>
    public static int ArgMax(ReadOnlySpan<float> scores, ReadOnlySpan<bool> allowed)
    {
        int best = -1;
        float bestScore = float.NegativeInfinity;
        for (int c = 0; c < scores.Length; c++)
        {
            if (!allowed.IsEmpty && !allowed[c])
                continue;
            if (best < 0 || scores[c] > bestScore)
            {
                best = c;
                bestScore = scores[c];
            }
        }
        return best;
    }

    internal void Write(BinaryWriter writer)
    {
        writer.Write(_labels.Length);
        foreach (string label in _labels)
            writer.Write(label);
        writer.Write(Bits);
        // Rows that are all zero are skipped; a row is (bucket delta, scale, count, count x (class, weight)).
        int stride = Stride;
        int rows = 0;
        foreach (float scale in _rowScales)
        {
            if (scale != 0f)
                rows++;
        }
        writer.Write(rows);
        int previous = -1;
        for (int b = 0; b < _rowScales.Length; b++)
        {
            if (_rowScales[b] == 0f)
                continue;
            writer.Write7BitEncodedInt(b - previous);
            previous = b;
            writer.Write(_rowScales[b]);
            ReadOnlySpan<sbyte> row = _weights.AsSpan(b * stride, _labels.Length);
            int count = 0;
            foreach (sbyte w in row)
            {
                if (w != 0)
                    count++;
            }
            writer.Write((byte)count);
            for (int c = 0; c < row.Length; c++)
            {
                if (row[c] != 0)
                {
                    writer.Write((byte)c);
                    writer.Write(row[c]);
                }
            }
        }
    }

    internal static PerceptronModel Read(BinaryReader reader, string source)
    {
        int classCount = reader.ReadInt32();
        if (classCount is < 1 or > 255)
            Models.ModelFormat.Fail(source, $"the perceptron declares {classCount} classes (expected 1 to 255)");
        var labels = new string[classCount];
        for (int i = 0; i < classCount; i++)
            labels[i] = reader.ReadString();
        int bits = reader.ReadInt32();
        if (bits is < 4 or > 24)
            Models.ModelFormat.Fail(source, $"the perceptron declares 2^{bits} buckets (expected 2^4 to 2^24)");
        int stride = (classCount + 7) & ~7;
        var weights = new sbyte[(1 << bits) * stride];
        var scales = new float[1 << bits];
        int rows = reader.ReadInt32();
        if (rows < 0 || rows > 1 << bits)
            Models.ModelFormat.Fail(source, $"the perceptron declares {rows} rows for 2^{bits} buckets");
        int bucket = -1;
        for (int r = 0; r < rows; r++)
        {
            bucket += reader.Read7BitEncodedInt();
            if ((uint)bucket >= (uint)(1 << bits))
                Models.ModelFormat.Fail(source, $"weight row {r} points outside the table");
            float scale = reader.ReadSingle();
            if (!float.IsFinite(scale) || scale <= 0)
                Models.ModelFormat.Fail(source, $"weight row {r} has a bad scale");
            scales[bucket] = scale;
            int count = reader.ReadByte();
            for (int k = 0; k < count; k++)
            {
                int c = reader.ReadByte();
                if (c >= classCount)
                    Models.ModelFormat.Fail(source, $"weight row {r} names class {c} of {classCount}");
                weights[bucket * stride + c] = reader.ReadSByte();
            }
        }
        return new PerceptronModel(labels, bits, weights, scales);
    }
}

/// <summary>
/// Trains an averaged perceptron (Collins 2002) over hashed features. Averages use the lazy trick: each weight
/// remembers when it last changed, so an update costs O(features) instead of O(table).
/// </summary>
internal sealed class PerceptronTrainer
{
    private readonly float[] _weights;
    private readonly double[] _totals;
    private readonly int[] _stamps;
    private readonly string[] _labels;
    private int _time;

    public PerceptronTrainer(string[] labels, int bits)
    {
        if (labels.Length is < 1 or > 255)
            ThrowHelper.Argument(nameof(labels), "A perceptron needs between 1 and 255 classes.");
        if (bits is < 4 or > 24)
            ThrowHelper.Argument(nameof(bits), "The bucket count must be between 2^4 and 2^24.");
        _labels = labels;
        Bits = bits;
        int size = (1 << bits) * labels.Length;
        _weights = new float[size];
        _totals = new double[size];
        _stamps = new int[size];
    }

    public int Bits { get; }

    public int ClassCount => _labels.Length;

    /// <summary>Number of examples seen (the clock of the averaging).</summary>
    public int Time => _time;

    /// <summary>Scores with the current (not averaged) weights, as training decisions must.</summary>
    public void Score(ReadOnlySpan<int> buckets, Span<float> scores)
    {
        int n = _labels.Length;
        Span<float> s = scores[..n];
        s.Clear();
        foreach (int bucket in buckets)
        {
            ReadOnlySpan<float> row = _weights.AsSpan(bucket * n, n);
            int c = 0;
            if (Vector.IsHardwareAccelerated)
            {
                for (; c <= n - Vector<float>.Count; c += Vector<float>.Count)
                    (new Vector<float>(s[c..]) + new Vector<float>(row[c..])).CopyTo(s[c..]);
            }
            for (; c < n; c++)
                s[c] += row[c];
        }
    }

    /// <summary>Scores with the averaged weights in full precision (to measure what quantization costs).</summary>
    public void ScoreAveraged(ReadOnlySpan<int> buckets, Span<float> scores)
    {
        int n = _labels.Length;
        scores[..n].Clear();
        foreach (int bucket in buckets)
        {
            for (int c = 0; c < n; c++)
                scores[c] += Averaged(bucket * n + c);
        }
    }

    /// <summary>Advances the clock: call once per training example, before its update.</summary>
    public void Tick() => _time++;

    /// <summary>Moves weight towards <paramref name="gold"/> and away from <paramref name="guess"/> when they differ.</summary>
    public void Update(ReadOnlySpan<int> buckets, int gold, int guess)
    {
        if (gold == guess)
            return;
        int n = _labels.Length;
        foreach (int bucket in buckets)
        {
            Bump(bucket * n + gold, 1f);
            Bump(bucket * n + guess, -1f);
        }
    }

    private void Bump(int index, float delta)
    {
        _totals[index] += (double)(_time - _stamps[index]) * _weights[index];
        _stamps[index] = _time;
        _weights[index] += delta;
    }

    private float Averaged(int index) =>
        _time == 0 ? 0f : (float)((_totals[index] + (double)(_time - _stamps[index]) * _weights[index]) / _time);

    /// <summary>
    /// The averaged weights, quantized to signed bytes with one scale per row (row maximum / 127).
    /// Does not change the trainer, so training can go on after a snapshot.
    /// </summary>
    public PerceptronModel ToModel()
    {
        int n = _labels.Length;
        int stride = (n + 7) & ~7;
        var weights = new sbyte[(1 << Bits) * stride];
        var scales = new float[1 << Bits];
        Span<float> row = stackalloc float[n];
        for (int b = 0; b < 1 << Bits; b++)
        {
            float max = 0f;
            for (int c = 0; c < n; c++)
            {
                row[c] = Averaged(b * n + c);
                max = Math.Max(max, Math.Abs(row[c]));
            }
            if (max == 0f)
                continue;
            float scale = max / 127f;
            bool any = false;
            for (int c = 0; c < n; c++)
            {
                sbyte q = (sbyte)Math.Clamp(MathF.Round(row[c] / scale), -127f, 127f);
                weights[b * stride + c] = q;
                any |= q != 0;
            }
            if (any)
                scales[b] = scale;
        }
        return new PerceptronModel(_labels, Bits, weights, scales);
    }

    /// <summary>Shuffles <paramref name="items"/> in place, the same way for the same seed on every machine.</summary>
    public static void Shuffle<T>(T[] items, Random random)
    {
        // Fisher-Yates with System.Random(seed), whose seeded sequence is fixed across .NET versions.
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
