using System.Numerics;
using EntityGraph.Tagging;

namespace EntityGraph.Entities;

/// <summary>
/// A hierarchical word clustering, like Brown clusters: every known word has a bit path from the root of a binary tree,
/// and the recognizer uses prefixes of the path (coarse to fine classes) as features, so a name seen only in unlabeled
/// text still shares weights with the names of its class (Ratinov and Roth 2009). Words are keyed lower-cased with
/// digits folded to 0. Immutable and thread-safe.
/// </summary>
internal sealed class WordClusters
{
    /// <summary>Deepest path (bits).</summary>
    public const int MaxDepth = 16;

    private readonly Dictionary<ulong, int> _codes;

    private WordClusters(Dictionary<ulong, int> codes) => _codes = codes;

    public static WordClusters Empty { get; } = new([]);

    /// <summary>Number of words with a path.</summary>
    public int Count => _codes.Count;

    /// <summary>The word's path as 1 followed by its bits (0 for an unknown word).</summary>
    public int Code(ReadOnlySpan<char> word) => _codes.Count == 0 ? 0 : _codes.GetValueOrDefault(Key(word));

    /// <summary>The first <paramref name="length"/> bits of a path <paramref name="code"/> (the whole path when shorter).</summary>
    public static int Prefix(int code, int length)
    {
        int depth = 31 - BitOperations.LeadingZeroCount((uint)code);
        return depth <= length ? code : code >> (depth - length);
    }

    public static ulong Key(ReadOnlySpan<char> word)
    {
        ulong h = FeatureHash.Start(0xC1C1);
        foreach (char ch in word)
            h = FeatureHash.Add(h, char.IsAsciiDigit(ch) ? '0' : FeatureHash.ToLower(ch));
        return FeatureHash.Add(h, '\uFFFF');
    }

    public void Write(BinaryWriter writer)
    {
        var keys = new List<ulong>(_codes.Keys);
        keys.Sort();
        writer.Write(keys.Count);
        foreach (ulong key in keys)
        {
            writer.Write(key);
            writer.Write7BitEncodedInt(_codes[key]);
        }
    }

    public static WordClusters Read(BinaryReader reader, string source)
    {
        int count = reader.ReadInt32();
        if (count < 0)
            Models.ModelFormat.Fail(source, "negative word-cluster count");
        var codes = new Dictionary<ulong, int>(count);
        for (int i = 0; i < count; i++)
        {
            ulong key = reader.ReadUInt64();
            int code = reader.Read7BitEncodedInt();
            if (code <= 0)
                Models.ModelFormat.Fail(source, $"word-cluster entry {i} has a bad path");
            codes[key] = code;
        }
        return new WordClusters(codes);
    }

    /// <summary>
    /// Clusters the words seen at least <paramref name="minCount"/> times in <paramref name="sentences"/>: each word is
    /// described by the positive PMI of its left and right neighbours (the 1,000 most frequent words, plus "rare" and
    /// "boundary"), projected to 96 dimensions by a seeded random matrix, then split in two recursively by spherical
    /// 2-means (bisecting k-means), which gives each word a bit path. Single-threaded scalar arithmetic, so the result
    /// is the same on every machine. About a second per million tokens.
    /// </summary>
    public static WordClusters Build(IEnumerable<IReadOnlyList<string>> sentences, int minCount, Action<string>? progress)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var corpus = new List<string[]>();
        long tokens = 0;
        foreach (IReadOnlyList<string> sentence in sentences)
        {
            var s = new string[sentence.Count];
            for (int i = 0; i < s.Length; i++)
            {
                s[i] = Normalize(sentence[i]);
                counts[s[i]] = counts.GetValueOrDefault(s[i]) + 1;
            }
            tokens += s.Length;
            corpus.Add(s);
        }
        var vocabulary = new List<string>();
        foreach ((string word, int count) in counts)
        {
            if (count >= minCount)
                vocabulary.Add(word);
        }
        vocabulary.Sort((a, b) => counts[b] != counts[a] ? counts[b].CompareTo(counts[a]) : string.CompareOrdinal(a, b));
        var index = new Dictionary<string, int>(vocabulary.Count, StringComparer.Ordinal);
        for (int i = 0; i < vocabulary.Count; i++)
            index[vocabulary[i]] = i;
        const int contexts = 1000, dims = 96;
        int side = contexts + 2; // context words, "rare", "boundary"
        int width = 2 * side;
        var pairs = new Dictionary<long, int>();
        var rowSums = new double[vocabulary.Count];
        var columnSums = new double[width];
        foreach (string[] s in corpus)
        {
            for (int i = 0; i < s.Length; i++)
            {
                if (!index.TryGetValue(s[i], out int w))
                    continue;
                int left = i == 0 ? contexts + 1 : ContextOf(index, s[i - 1], contexts);
                int right = i == s.Length - 1 ? contexts + 1 : ContextOf(index, s[i + 1], contexts);
                Increment(pairs, (long)w * width + left);
                Increment(pairs, (long)w * width + side + right);
                rowSums[w] += 2;
                columnSums[left]++;
                columnSums[side + right]++;
            }
        }
        double total = 0;
        foreach (double c in columnSums)
            total += c;
        // Context distribution smoothing (power 0.75) keeps rare contexts from dominating PMI.
        var smoothed = new double[width];
        double smoothedTotal = 0;
        for (int j = 0; j < width; j++)
        {
            smoothed[j] = Math.Pow(columnSums[j], 0.75);
            smoothedTotal += smoothed[j];
        }
        var random = new Random(20090601);
        var projection = new float[width * dims];
        for (int i = 0; i < projection.Length; i++)
            projection[i] = (float)(random.NextDouble() * 2 - 1);
        var vectors = new float[vocabulary.Count * dims];
        var keys = new List<long>(pairs.Keys);
        keys.Sort();
        foreach (long key in keys)
        {
            int w = (int)(key / width), j = (int)(key % width);
            double pmi = Math.Log(pairs[key] / rowSums[w] / (smoothed[j] / smoothedTotal));
            if (pmi <= 0)
                continue;
            for (int d = 0; d < dims; d++)
                vectors[w * dims + d] += (float)pmi * projection[j * dims + d];
        }
        for (int w = 0; w < vocabulary.Count; w++)
            Normalise(vectors.AsSpan(w * dims, dims));
        var codes = new int[vocabulary.Count];
        var members = new int[vocabulary.Count];
        for (int i = 0; i < members.Length; i++)
            members[i] = i;
        Split(vectors, dims, members, 1, 0, codes);
        var result = new Dictionary<ulong, int>(vocabulary.Count);
        for (int w = 0; w < vocabulary.Count; w++)
            result[Key(vocabulary[w])] = codes[w];
        progress?.Invoke($"word clusters: {vocabulary.Count} words (seen >= {minCount} times) from {tokens} tokens in {corpus.Count} sentences");
        return new WordClusters(result);
    }

    private static string Normalize(string word)
    {
        return string.Create(word.Length, word, static (span, w) =>
        {
            for (int i = 0; i < w.Length; i++)
                span[i] = char.IsAsciiDigit(w[i]) ? '0' : FeatureHash.ToLower(w[i]);
        });
    }

    private static int ContextOf(Dictionary<string, int> index, string word, int contexts) =>
        index.TryGetValue(word, out int c) && c < contexts ? c : contexts;

    private static void Increment(Dictionary<long, int> pairs, long key) => pairs[key] = pairs.GetValueOrDefault(key) + 1;

    private static void Normalise(Span<float> v)
    {
        double sum = 0;
        foreach (float x in v)
            sum += x * x;
        if (sum == 0)
            return;
        float scale = (float)(1 / Math.Sqrt(sum));
        for (int i = 0; i < v.Length; i++)
            v[i] *= scale;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float s = 0;
        for (int i = 0; i < a.Length; i++)
            s += a[i] * b[i];
        return s;
    }

    private static void Split(float[] vectors, int dims, int[] members, int code, int depth, int[] codes)
    {
        if (depth == MaxDepth || members.Length < 2)
        {
            foreach (int w in members)
                codes[w] = code;
            return;
        }
        var mean = new float[dims];
        foreach (int w in members)
        {
            for (int d = 0; d < dims; d++)
                mean[d] += vectors[w * dims + d];
        }
        // Seeds: the member least like the mean, then the member least like that one.
        int a = Farthest(vectors, dims, members, mean);
        int b = Farthest(vectors, dims, members, vectors.AsSpan(a * dims, dims));
        var ca = vectors.AsSpan(a * dims, dims).ToArray();
        var cb = vectors.AsSpan(b * dims, dims).ToArray();
        var side = new bool[members.Length];
        for (int round = 0; round < 8; round++)
        {
            bool changed = false;
            for (int m = 0; m < members.Length; m++)
            {
                ReadOnlySpan<float> v = vectors.AsSpan(members[m] * dims, dims);
                bool right = Dot(v, cb) > Dot(v, ca);
                changed |= right != side[m];
                side[m] = right;
            }
            if (!changed && round > 0)
                break;
            Array.Clear(ca);
            Array.Clear(cb);
            for (int m = 0; m < members.Length; m++)
            {
                float[] c = side[m] ? cb : ca;
                for (int d = 0; d < dims; d++)
                    c[d] += vectors[members[m] * dims + d];
            }
            Normalise(ca);
            Normalise(cb);
        }
        int rightCount = 0;
        foreach (bool r in side)
            rightCount += r ? 1 : 0;
        if (rightCount == 0 || rightCount == members.Length)
        {
            foreach (int w in members)
                codes[w] = code;
            return;
        }
        var left = new int[members.Length - rightCount];
        var rightMembers = new int[rightCount];
        int l = 0, r2 = 0;
        for (int m = 0; m < members.Length; m++)
        {
            if (side[m])
                rightMembers[r2++] = members[m];
            else
                left[l++] = members[m];
        }
        Split(vectors, dims, left, code << 1, depth + 1, codes);
        Split(vectors, dims, rightMembers, (code << 1) | 1, depth + 1, codes);
    }

    private static int Farthest(float[] vectors, int dims, int[] members, ReadOnlySpan<float> from)
    {
        int best = members[0];
        float bestDot = float.PositiveInfinity;
        foreach (int w in members)
        {
            float d = Dot(vectors.AsSpan(w * dims, dims), from);
            if (d < bestDot)
            {
                bestDot = d;
                best = w;
            }
        }
        return best;
    }
}
