using System.Buffers;
using System.Runtime.CompilerServices;

namespace EntityGraph.Parsing;

/// <summary>
/// Remembers the classifier's answer for parser configurations already scored in the current sentence. Beam items that
/// differ only below what the features can see (deeper in the stack, inside finished subtrees) present the same
/// configuration to the classifier, and on news a large share of the transition and label decisions repeat one already
/// made in the sentence. The key is every value the features read (see
/// <see cref="ParseState.TransitionKey"/> and <see cref="ParseState.LabelKey"/>), compared in full, so a hit returns
/// bit for bit what scoring would: the parse is exactly the same with or without the cache.
/// Direct-mapped and bounded: a newer entry overwrites an older one in its slot, and a new sentence invalidates every
/// entry by moving to the next generation instead of clearing. One instance per <see cref="BeamSearch"/>, one thread; its
/// arrays are rented (a beam lives for one document), so dispose it.
/// </summary>
[SkipLocalsInit]
internal sealed class DecisionCache : IDisposable
{
    private const int Bits = 10;
    private const int Capacity = 1 << Bits;

    private readonly int _keyLength;
    private readonly int _valueLength;
    private int[] _keys;
    private float[] _values;
    private int[] _generations;
    private int _generation = 1;

    public DecisionCache(int keyLength, int valueLength)
    {
        _keyLength = keyLength;
        _valueLength = valueLength;
        _keys = ArrayPool<int>.Shared.Rent(Capacity * keyLength);
        _values = ArrayPool<float>.Shared.Rent(Capacity * valueLength);
        _generations = ArrayPool<int>.Shared.Rent(Capacity);
        // A rented array holds whatever its last user left: no slot may look current.
        Array.Clear(_generations);
    }

    /// <summary>Forgets every entry (a new sentence: its word indices mean other words).</summary>
    public void Clear()
    {
        if (++_generation == int.MaxValue)
        {
            Array.Clear(_generations);
            _generation = 1;
        }
    }

    /// <summary>The slot of <paramref name="key"/>; true when it holds that key's values (read them with <see cref="Values"/>).</summary>
    public bool Find(ReadOnlySpan<int> key, out int slot)
    {
        slot = SlotOf(key);
        return _generations[slot] == _generation && key.SequenceEqual(_keys.AsSpan(slot * _keyLength, _keyLength));
    }

    public ReadOnlySpan<float> Values(int slot) => _values.AsSpan(slot * _valueLength, _valueLength);

    /// <summary>Stores <paramref name="values"/> for <paramref name="key"/> in <paramref name="slot"/> (from <see cref="Find"/>).</summary>
    public void Store(int slot, ReadOnlySpan<int> key, ReadOnlySpan<float> values)
    {
        key.CopyTo(_keys.AsSpan(slot * _keyLength, _keyLength));
        values[.._valueLength].CopyTo(_values.AsSpan(slot * _valueLength, _valueLength));
        _generations[slot] = _generation;
    }

    public void Dispose()
    {
        if (_generations.Length == 0)
            return;
        ArrayPool<int>.Shared.Return(_keys);
        ArrayPool<float>.Shared.Return(_values);
        ArrayPool<int>.Shared.Return(_generations);
        _keys = _generations = [];
        _values = [];
    }

    private static int SlotOf(ReadOnlySpan<int> key)
    {
        ulong h = 0x9E3779B97F4A7C15UL;
        foreach (int k in key)
            h = (h ^ (uint)k) * 0xFF51AFD7ED558CCDUL;
        return (int)(h >> (64 - Bits));
    }
}
