using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EntityGraph.Tagging;

/// <summary>
/// FNV-1a over UTF-16 code units, seeded by a feature template id, so that a feature such as
/// "suffix3=ing" becomes one 64-bit number without building the string. The top bits of a multiplicative mix
/// select the weight-table bucket, because FNV's low bits are the weakest.
/// </summary>
internal static class FeatureHash
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Start(int template) => (Offset ^ (uint)template) * Prime;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Add(ulong hash, int value)
    {
        hash = (hash ^ (uint)(value & 0xFFFF)) * Prime;
        return (hash ^ (uint)(value >>> 16)) * Prime;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Add(ulong hash, char c) => (hash ^ c) * Prime;

    public static ulong Add(ulong hash, ReadOnlySpan<char> text)
    {
        foreach (char c in text)
            hash = (hash ^ c) * Prime;
        // A terminator keeps ("ab","c") and ("a","bc") apart when two spans follow each other.
        return (hash ^ 0xFFFF) * Prime;
    }

    /// <summary>Adds <paramref name="text"/> lower-cased (invariant, per code unit), as if it had been lowered first.</summary>
    public static ulong AddLower(ulong hash, ReadOnlySpan<char> text)
    {
        foreach (char c in text)
            hash = (hash ^ ToLower(c)) * Prime;
        return (hash ^ 0xFFFF) * Prime;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static char ToLower(char c) => c < 128 ? (uint)(c - 'A') <= 'Z' - 'A' ? (char)(c | 0x20) : c : char.ToLowerInvariant(c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Bucket(ulong hash, int bits) => (int)((hash * 0x9E3779B97F4A7C15UL) >> (64 - bits));
}

/// <summary>
/// The hashed features of one decision, written into a caller's (rented) buffer: each <see cref="Add(ulong)"/> stores the
/// bucket of one feature hash. The learner only ever sees bucket ids.
/// </summary>
internal ref struct FeatureBuffer
{
    private readonly Span<int> _buckets;
    private readonly int _bits;
    private int _count;

    public FeatureBuffer(Span<int> buckets, int bits)
    {
        _buckets = buckets;
        _bits = bits;
        _count = 0;
    }

    public readonly int Count => _count;

    public readonly ReadOnlySpan<int> Buckets => _buckets[.._count];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(ulong hash)
    {
        // Templates are bounded per model, so running out of room is a programming error, not bad input.
        if ((uint)_count < (uint)_buckets.Length)
            _buckets[_count++] = FeatureHash.Bucket(hash, _bits);
    }

    public void Add(int template, ReadOnlySpan<char> text) => Add(FeatureHash.Add(FeatureHash.Start(template), text));

    public void AddLower(int template, ReadOnlySpan<char> text) => Add(FeatureHash.AddLower(FeatureHash.Start(template), text));

    public void Add(int template, int value) => Add(FeatureHash.Add(FeatureHash.Start(template), value));

    public void Add(int template, int a, int b) => Add(FeatureHash.Add(FeatureHash.Add(FeatureHash.Start(template), a), b));

    public void Reset() => _count = 0;

    /// <summary>A writer for the next <paramref name="needed"/> features at most; <see cref="Commit"/> its count back.</summary>
    public readonly BucketWriter Writer(int needed) => new(_buckets[_count..], _bits, needed);

    /// <summary>Counts the features <paramref name="writer"/> wrote.</summary>
    public void Commit(in BucketWriter writer) => _count += writer.Count;

    /// <summary>Drops features added after <paramref name="count"/>, so per-label features can be rebuilt.</summary>
    public void Truncate(int count) => _count = Math.Min(_count, count);
}

/// <summary>
/// Writes feature buckets with its position in a register: for the parser's ~150 features per decision, adding through
/// a <see cref="FeatureBuffer"/> by reference stored and reloaded the count at every feature.
/// </summary>
internal ref struct BucketWriter
{
    private readonly ref int _first;
    private readonly int _room;
    private readonly int _shift;
    private int _count;

    public BucketWriter(Span<int> free, int bits, int needed)
    {
        if (free.Length < needed)
            throw new InvalidOperationException("The feature buffer has no room for a decision's features.");
        _first = ref MemoryMarshal.GetReference(free);
        _room = needed;
        _shift = 64 - bits;
        _count = 0;
    }

    public readonly int Count => _count;

    /// <summary>Stores the bucket of <paramref name="hash"/> (as <see cref="FeatureHash.Bucket"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(ulong hash)
    {
        if ((uint)_count >= (uint)_room)
            Overflow();
        Unsafe.Add(ref _first, _count++) = (int)((hash * 0x9E3779B97F4A7C15UL) >> _shift);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Overflow() => throw new InvalidOperationException("A decision has more features than its writer was given room for.");
}

/// <summary>Word-level helpers shared by the tagger and the recognizer: shapes and cheap character tests, all over spans.</summary>
internal static class WordShape
{
    /// <summary>Hash of the word's shape: X for upper, x for lower, d for digit, other characters kept; <paramref name="collapse"/> merges runs.</summary>
    public static ulong Hash(ReadOnlySpan<char> word, bool collapse)
    {
        ulong h = FeatureHash.Start(collapse ? 0x5A1 : 0x5A2);
        char last = '\0';
        int run = 0;
        foreach (char c in word)
        {
            char s = char.IsUpper(c) ? 'X' : char.IsLower(c) ? 'x' : char.IsDigit(c) ? 'd' : c;
            if (s == last)
            {
                run++;
                // Long shapes keep up to four repeats (Xxxxx ~ Xxxxxxxx); short shapes keep one.
                if (collapse || run >= 4)
                    continue;
            }
            else
            {
                run = 0;
            }
            last = s;
            h = FeatureHash.Add(h, s);
        }
        return h;
    }

    public static bool IsTitle(ReadOnlySpan<char> word) => word.Length > 0 && char.IsUpper(word[0]);

    public static bool IsAllCaps(ReadOnlySpan<char> word)
    {
        bool letter = false;
        foreach (char c in word)
        {
            if (char.IsLower(c))
                return false;
            letter |= char.IsUpper(c);
        }
        return letter;
    }

    public static bool HasDigit(ReadOnlySpan<char> word)
    {
        foreach (char c in word)
        {
            if (char.IsDigit(c))
                return true;
        }
        return false;
    }

    public static bool HasLetter(ReadOnlySpan<char> word)
    {
        foreach (char c in word)
        {
            if (char.IsLetter(c))
                return true;
        }
        return false;
    }

    /// <summary>Mixes a value hash into a template hash (for features built from per-token hashes computed once).</summary>
    // Inlined: the parser combines a few hundred values per decision, and the call cost more than the mixing.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Combine(ulong hash, ulong value)
    {
        hash = (hash ^ value) * 0x9E3779B97F4A7C15UL;
        return hash ^ (hash >> 31);
    }

    /// <summary>Lower-cases <paramref name="word"/> into <paramref name="buffer"/>; false when it does not fit.</summary>
    public static bool TryLower(ReadOnlySpan<char> word, Span<char> buffer, out int length)
    {
        length = word.Length;
        if (word.Length > buffer.Length)
            return false;
        for (int i = 0; i < word.Length; i++)
            buffer[i] = FeatureHash.ToLower(word[i]);
        return true;
    }
}
