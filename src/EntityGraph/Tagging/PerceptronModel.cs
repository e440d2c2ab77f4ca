using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using EntityGraph.Internals;

namespace EntityGraph.Tagging;

/// <summary>
/// A trained averaged perceptron, ready to score: a dense table of (bucket, class) weights quantized to signed bytes
/// with one scale per row (per feature bucket). A per-row scale keeps the small weights of rare features that a single
/// global scale would round to zero (measured: a global int8 scale cost 0.7 points of POS accuracy, per-row costs
/// none), and an all-zero row is skipped on its scale alone. Rows are padded to a multiple of eight classes so one
/// load sign-extends eight weights (a model of up to four classes has rows of four). Immutable and safe to share
/// between threads.
/// </summary>
/// <remarks>
/// Each row keeps its scale beside its weights (<c>[stride weights][float scale][padding]</c>, rows of 8, 16, 32, 64 or
/// a multiple of 64 bytes in a 64-byte-aligned pinned block), so a feature costs one cache miss, not two: the tables
/// are tens of megabytes, every lookup misses the cache, and the parser makes about 150 of them per decision. With a
/// separate scale array the parser spent about a third of its time waiting for scales.
/// </remarks>
[SkipLocalsInit]
internal sealed unsafe class PerceptronModel
{
    /// <summary>The most features one decision may have (a guard against runaway templates).</summary>
    public const int MaxFeatures = 256;

    private readonly byte[] _storage;
    private readonly int _offset;
    private readonly int _rowBytes;
    private readonly string[] _labels;

    /// <summary>Builds a model from a dense weight table (<c>2^bits x Stride</c>) and one scale per row.</summary>
    internal PerceptronModel(string[] labels, int bits, sbyte[] weights, float[] rowScales)
        : this(labels, bits)
    {
        if (weights.Length != (1 << bits) * Stride || rowScales.Length != 1 << bits)
            ThrowHelper.Argument(nameof(weights), "The weight table does not match the bucket and class counts.");
        for (int b = 0; b < rowScales.Length; b++)
        {
            if (rowScales[b] == 0f)
                continue;
            SetScale(b, rowScales[b]);
            weights.AsSpan(b * Stride, Stride).CopyTo(MemoryMarshal.Cast<byte, sbyte>(Row(b)));
        }
    }

    /// <summary>An all-zero model, filled by <see cref="Read"/> and <see cref="PerceptronTrainer.ToModel"/>.</summary>
    private PerceptronModel(string[] labels, int bits)
    {
        if (labels.Length is < 1 or > 255)
            ThrowHelper.Argument(nameof(labels), "A perceptron needs between 1 and 255 classes.");
        if (bits is < 4 or > 24)
            ThrowHelper.Argument(nameof(bits), "The bucket count must be between 2^4 and 2^24.");
        _labels = labels;
        Bits = bits;
        // Up to four classes (the parser's moves) fit a row of eight bytes with the scale: half the memory, and half
        // the cache lines, of padding them to eight classes.
        Stride = labels.Length <= 4 ? 4 : (labels.Length + 7) & ~7;
        _rowBytes = RowBytes(Stride);
        // Pinned, so the 64-byte alignment computed once stays true; the pinned heap never moves the array.
        _storage = GC.AllocateArray<byte>(checked((1 << bits) * _rowBytes + 64), pinned: true);
        fixed (byte* p = _storage)
            _offset = (int)((64 - ((nint)p & 63)) & 63);
    }

    /// <summary>Bytes per row: the weights and a float scale, rounded up so that rows never straddle more cache lines than they must.</summary>
    private static int RowBytes(int stride)
    {
        if (stride == 4)
            return 8;
        int bytes = (stride + sizeof(float) + 15) & ~15;
        return bytes <= 64 ? (int)BitOperations.RoundUpToPowerOf2((uint)bytes) : (bytes + 63) & ~63;
    }

    public int ClassCount => _labels.Length;

    /// <summary>log2 of the bucket count.</summary>
    public int Bits { get; }

    /// <summary>Classes per row: four for up to four classes, otherwise rounded up to a multiple of eight.</summary>
    public int Stride { get; }

    public IReadOnlyList<string> Labels => _labels;

    public string Label(int index) => _labels[index];

    /// <summary>Bytes of weights and scales held in memory.</summary>
    public long MemoryBytes => _storage.Length;

    private Span<byte> Row(int bucket) => _storage.AsSpan(_offset + bucket * _rowBytes, Stride);

    private float RowScale(int bucket) => Unsafe.ReadUnaligned<float>(ref _storage[_offset + bucket * _rowBytes + Stride]);

    private void SetScale(int bucket, float scale) => Unsafe.WriteUnaligned(ref _storage[_offset + bucket * _rowBytes + Stride], scale);

    /// <summary>An all-zero model for <see cref="PerceptronTrainer.ToModel"/> to fill with <see cref="SetRow"/> before anyone scores with it.</summary>
    internal static PerceptronModel Empty(string[] labels, int bits) => new(labels, bits);

    /// <summary>Sets one row while the model is being built (never after it is shared).</summary>
    internal void SetRow(int bucket, float scale, ReadOnlySpan<sbyte> weights)
    {
        SetScale(bucket, scale);
        MemoryMarshal.AsBytes(weights).CopyTo(Row(bucket));
    }

    /// <summary>Number of non-zero weights (the model's real size).</summary>
    public int CountNonZero()
    {
        int n = 0;
        for (int b = 0; b < 1 << Bits; b++)
        {
            if (RowScale(b) == 0f)
                continue;
            foreach (byte w in Row(b)[.._labels.Length])
            {
                if (w != 0)
                    n++;
            }
        }
        return n;
    }

    /// <summary>Sums the rows of <paramref name="buckets"/> into <paramref name="scores"/> (one per class).</summary>
    public void Score(ReadOnlySpan<int> buckets, Span<float> scores)
    {
        if (buckets.Length > MaxFeatures)
            ThrowHelper.Argument(nameof(buckets), "Too many features for one decision.");
        int classes = _labels.Length;
        int stride = Stride;
        if (scores.Length < stride)
            ThrowHelper.Argument(nameof(scores), "The score buffer is shorter than the padded class count.");
        uint bucketCount = 1u << Bits;
        foreach (int bucket in buckets)
        {
            if ((uint)bucket >= bucketCount)
                ThrowHelper.ArgumentOutOfRange(nameof(buckets), "A feature bucket is outside the weight table.");
        }
        Span<float> sums = scores[..stride];
        sums.Clear();
        nint rowBytes = _rowBytes;
        fixed (byte* storage = _storage)
        fixed (float* output = sums)
        {
            byte* table = storage + _offset;
            // Every row is a cache miss: ask for all of them first and let the misses overlap, instead of waiting for
            // one row at a time (x86 only: the intrinsic throws elsewhere, e.g. on ARM64).
            if (Sse.IsSupported)
            {
                foreach (int bucket in buckets)
                {
                    byte* row = table + bucket * rowBytes;
                    Sse.Prefetch0(row);
                    if (rowBytes > 64)
                        Sse.Prefetch0(row + 64);
                }
            }
            // Compact rows (up to four classes) have no eight-wide step: the vector paths below assume one.
            bool compact = stride == 4;
            if (compact && Sse41.IsSupported && Fma.IsSupported)
            {
                // Sign-extend four weights, one multiply-add per row, the sums in a register.
                Vector128<float> sum = Vector128<float>.Zero;
                foreach (int bucket in buckets)
                {
                    sbyte* row = (sbyte*)(table + bucket * rowBytes);
                    float scale = *(float*)(row + 4);
                    if (scale == 0f)
                        continue;
                    Vector128<float> w = Sse2.ConvertToVector128Single(Sse41.ConvertToVector128Int32(row));
                    sum = Fma.MultiplyAdd(w, Vector128.Create(scale), sum);
                }
                Sse.Store(output, sum);
            }
            else if (!compact && Avx512F.IsSupported)
            {
                // Sixteen classes per instruction; a row of 8 * odd classes ends with one 8-wide step.
                int wide = stride & ~15;
                foreach (int bucket in buckets)
                {
                    sbyte* row = (sbyte*)(table + bucket * rowBytes);
                    float scale = *(float*)(row + stride);
                    if (scale == 0f)
                        continue;
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
            else if (!compact && Avx2.IsSupported && Fma.IsSupported)
            {
                // Up to 32 classes at a time, their sums in registers over all rows: summing into memory row by row
                // made every multiply-add wait for the previous row's store of the same classes. The rows of one
                // decision stay in L1 between blocks. Each class still adds its rows in bucket order, one fused
                // multiply-add each, so the sums are bit for bit the same.
                for (int c = 0; c < stride; c += 32)
                    SumBlock(table, rowBytes, buckets, stride, c, Math.Min(4, (stride - c) >> 3), output);
            }
            else
            {
                foreach (int bucket in buckets)
                {
                    sbyte* row = (sbyte*)(table + bucket * rowBytes);
                    float scale = *(float*)(row + stride);
                    if (scale == 0f)
                        continue;
                    for (int c = 0; c < classes; c++)
                        output[c] += row[c] * scale;
                }
            }
        }
    }

    /// <summary>
    /// Sums classes <paramref name="first"/> to <paramref name="first"/> + 8 x <paramref name="vectors"/> - 1 of the rows
    /// of <paramref name="buckets"/> into <paramref name="output"/> (AVX2 and FMA; 1 to 4 vectors of eight classes).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SumBlock(byte* table, nint rowBytes, ReadOnlySpan<int> buckets, int stride, int first, int vectors, float* output)
    {
        Vector256<float> a0 = Vector256<float>.Zero, a1 = a0, a2 = a0, a3 = a0;
        foreach (int bucket in buckets)
        {
            sbyte* row = (sbyte*)(table + bucket * rowBytes);
            float scale = *(float*)(row + stride);
            if (scale == 0f)
                continue;
            Vector256<float> s = Vector256.Create(scale);
            row += first;
            a0 = Fma.MultiplyAdd(Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(row)), s, a0);
            if (vectors > 1)
                a1 = Fma.MultiplyAdd(Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(row + 8)), s, a1);
            if (vectors > 2)
                a2 = Fma.MultiplyAdd(Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(row + 16)), s, a2);
            if (vectors > 3)
                a3 = Fma.MultiplyAdd(Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(row + 24)), s, a3);
        }
        float* o = output + first;
        Avx.Store(o, a0);
        if (vectors > 1)
            Avx.Store(o + 8, a1);
        if (vectors > 2)
            Avx.Store(o + 16, a2);
        if (vectors > 3)
            Avx.Store(o + 24, a3);
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
        int rows = 0;
        for (int b = 0; b < 1 << Bits; b++)
        {
            if (RowScale(b) != 0f)
                rows++;
        }
        writer.Write(rows);
        int previous = -1;
        for (int b = 0; b < 1 << Bits; b++)
        {
            float scale = RowScale(b);
            if (scale == 0f)
                continue;
            writer.Write7BitEncodedInt(b - previous);
            previous = b;
            writer.Write(scale);
            ReadOnlySpan<sbyte> row = MemoryMarshal.Cast<byte, sbyte>(Row(b))[.._labels.Length];
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
        var model = new PerceptronModel(labels, bits);
        int rows = reader.ReadInt32();
        if (rows < 0 || rows > 1 << bits)
            Models.ModelFormat.Fail(source, $"the perceptron declares {rows} rows for 2^{bits} buckets");
        // The rows are parsed from bytes, never through BinaryReader: its tens of millions of one-byte reads of the
        // parser's tables were most of its load time. A model file's section is already in memory; any other stream
        // holds a perceptron as its last item (a section holds nothing else), so the rest of it is the rows.
        if (reader.BaseStream is MemoryStream memory && memory.TryGetBuffer(out ArraySegment<byte> buffer))
        {
            int start = checked((int)memory.Position);
            memory.Position = start + ReadRows(model, buffer.AsSpan(start), rows, classCount, bits, source);
            return model;
        }
        using var rest = new MemoryStream();
        reader.BaseStream.CopyTo(rest);
        int used = ReadRows(model, rest.GetBuffer().AsSpan(0, checked((int)rest.Length)), rows, classCount, bits, source);
        if (used != rest.Length)
            Models.ModelFormat.Fail(source, $"{rest.Length - used} bytes follow the perceptron's rows");
        return model;
    }

    /// <summary>Reads <paramref name="rows"/> sparse rows (as <see cref="Write"/> writes them) from <paramref name="bytes"/>; returns the bytes used.</summary>
    /// <exception cref="EndOfStreamException">The bytes end inside a row.</exception>
    private static int ReadRows(PerceptronModel model, ReadOnlySpan<byte> bytes, int rows, int classCount, int bits, string source)
    {
        int at = 0, bucket = -1;
        for (int r = 0; r < rows; r++)
        {
            // The bucket delta, 7 bits per byte, low bits first (BinaryWriter.Write7BitEncodedInt).
            uint delta = 0;
            for (int shift = 0; ; shift += 7)
            {
                if (shift > 28)
                    Models.ModelFormat.Fail(source, $"weight row {r} has a malformed bucket delta");
                byte b = Next(bytes, ref at);
                delta |= (uint)(b & 0x7F) << shift;
                if (b < 0x80)
                    break;
            }
            bucket += (int)delta;
            if ((uint)bucket >= (uint)(1 << bits))
                Models.ModelFormat.Fail(source, $"weight row {r} points outside the table");
            if (bytes.Length - at < sizeof(float) + 1)
                throw new EndOfStreamException();
            float scale = BitConverter.Int32BitsToSingle(System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(bytes[at..]));
            at += sizeof(float);
            if (!float.IsFinite(scale) || scale <= 0)
                Models.ModelFormat.Fail(source, $"weight row {r} has a bad scale");
            model.SetScale(bucket, scale);
            int count = bytes[at++];
            if (bytes.Length - at < 2 * count)
                throw new EndOfStreamException();
            Span<byte> row = model.Row(bucket);
            for (int k = 0; k < count; k++, at += 2)
            {
                int c = bytes[at];
                if (c >= classCount)
                    Models.ModelFormat.Fail(source, $"weight row {r} names class {c} of {classCount}");
                row[c] = bytes[at + 1];
            }
        }
        return at;

        static byte Next(ReadOnlySpan<byte> bytes, ref int at) => at < bytes.Length ? bytes[at++] : throw new EndOfStreamException();
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

    /// <summary>
    /// Adds <paramref name="delta"/> to the weight of <paramref name="label"/> in every bucket: the structured update
    /// of beam training (Collins 2002), which adds the gold path's features for its labels and subtracts the predicted
    /// path's for its labels, where the two histories (and so the features) differ.
    /// </summary>
    public void Add(ReadOnlySpan<int> buckets, int label, float delta)
    {
        int n = _labels.Length;
        foreach (int bucket in buckets)
            Bump(bucket * n + label, delta);
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
    public PerceptronModel ToModel() => Average([this]);

    /// <summary>
    /// One model whose weights are the mean of the trainers' averaged weights (same labels and table size), quantized
    /// as <see cref="ToModel"/> does. Trainers that saw the same data in different orders make different errors; their
    /// mean is a steadier model than any one of them (the spread between shuffling seeds is several tenths of F1).
    /// </summary>
    public static PerceptronModel Average(IReadOnlyList<PerceptronTrainer> trainers)
    {
        PerceptronTrainer first = trainers[0];
        foreach (PerceptronTrainer t in trainers)
        {
            if (t.Bits != first.Bits || !t._labels.AsSpan().SequenceEqual(first._labels))
                ThrowHelper.Argument(nameof(trainers), "Averaged trainers need the same labels and table size.");
        }
        int n = first._labels.Length;
        int bits = first.Bits;
        var model = PerceptronModel.Empty(first._labels, bits);
        Span<float> row = stackalloc float[n];
        Span<sbyte> quantized = stackalloc sbyte[n];
        for (int b = 0; b < 1 << bits; b++)
        {
            float max = 0f;
            for (int c = 0; c < n; c++)
            {
                float sum = 0f;
                foreach (PerceptronTrainer t in trainers)
                    sum += t.Averaged(b * n + c);
                row[c] = sum / trainers.Count;
                max = Math.Max(max, Math.Abs(row[c]));
            }
            if (max == 0f)
                continue;
            float scale = max / 127f;
            bool any = false;
            for (int c = 0; c < n; c++)
            {
                quantized[c] = (sbyte)Math.Clamp(MathF.Round(row[c] / scale), -127f, 127f);
                any |= quantized[c] != 0;
            }
            if (any)
                model.SetRow(b, scale, quantized);
        }
        return model;
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
