using System.Numerics;
using EntityGraph.Tagging;

namespace EntityGraph.Entities;

/// <summary>
/// An averaged perceptron for whole label sequences (Collins 2002): unlike <see cref="PerceptronTrainer"/>, whose
/// update moves one feature set towards one label and away from another, a sequence update adds the gold path's
/// features for the gold labels and subtracts the predicted path's features for the predicted labels, which differ
/// where the two histories differ. Lazy averaging as in <see cref="PerceptronTrainer"/>. The model it produces is
/// an ordinary <see cref="PerceptronModel"/>, built through the model file format so it does not depend on the
/// model's in-memory layout.
/// </summary>
internal sealed class SequencePerceptron
{
    private readonly float[] _weights;
    private readonly double[] _totals;
    private readonly int[] _stamps;
    private readonly string[] _labels;
    private int _time;

    public SequencePerceptron(string[] labels, int bits)
    {
        if (bits is < 4 or > 24)
            throw new ArgumentOutOfRangeException(nameof(bits), "The bucket count must be between 2^4 and 2^24.");
        _labels = labels;
        Bits = bits;
        int size = (1 << bits) * labels.Length;
        _weights = new float[size];
        _totals = new double[size];
        _stamps = new int[size];
    }

    public int Bits { get; }

    /// <summary>Scores with the current (not averaged) weights.</summary>
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

    /// <summary>Advances the averaging clock: once per training sequence, before its update.</summary>
    public void Tick() => _time++;

    /// <summary>Adds <paramref name="delta"/> to the weights of <paramref name="label"/> for every bucket.</summary>
    public void Bump(ReadOnlySpan<int> buckets, int label, float delta)
    {
        int n = _labels.Length;
        foreach (int bucket in buckets)
        {
            int index = bucket * n + label;
            _totals[index] += (double)(_time - _stamps[index]) * _weights[index];
            _stamps[index] = _time;
            _weights[index] += delta;
        }
    }

    private float Averaged(int index) =>
        _time == 0 ? 0f : (float)((_totals[index] + (double)(_time - _stamps[index]) * _weights[index]) / _time);

    /// <summary>The averaged weights as a scoring model (int8, one scale per row, as <see cref="PerceptronTrainer.ToModel"/>).</summary>
    public PerceptronModel ToModel()
    {
        int n = _labels.Length;
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            // The perceptron section of the model format: labels, bits, row count, then the non-zero rows.
            writer.Write(n);
            foreach (string label in _labels)
                writer.Write(label);
            writer.Write(Bits);
            var rows = new List<(int Bucket, float Scale, sbyte[] Row)>();
            float[] row = new float[n];
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
                var q = new sbyte[n];
                bool any = false;
                for (int c = 0; c < n; c++)
                {
                    q[c] = (sbyte)Math.Clamp(MathF.Round(row[c] / scale), -127f, 127f);
                    any |= q[c] != 0;
                }
                if (any)
                    rows.Add((b, scale, q));
            }
            writer.Write(rows.Count);
            int previous = -1;
            foreach ((int bucket, float scale, sbyte[] q) in rows)
            {
                writer.Write7BitEncodedInt(bucket - previous);
                previous = bucket;
                writer.Write(scale);
                int count = 0;
                foreach (sbyte w in q)
                {
                    if (w != 0)
                        count++;
                }
                writer.Write((byte)count);
                for (int c = 0; c < n; c++)
                {
                    if (q[c] != 0)
                    {
                        writer.Write((byte)c);
                        writer.Write(q[c]);
                    }
                }
            }
        }
        stream.Position = 0;
        using var reader = new BinaryReader(stream);
        return PerceptronModel.Read(reader, "sequence perceptron");
    }
}
