namespace EntityGraph.Internals;

/// <summary>
/// Interns strings to dense int ids (spaCy's StringStore). Labels and lemmas are stored on tokens as ids so
/// that a token stays a small blittable struct; span lookups avoid allocating for strings already seen.
/// Not thread-safe: each <see cref="Document"/> owns one and a document is processed by one thread at a time.
/// </summary>
internal sealed class StringStore
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _spanIds;
    private readonly List<string> _strings = [];

    public StringStore() => _spanIds = _ids.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Count => _strings.Count;

    public int Intern(string value)
    {
        if (_ids.TryGetValue(value, out int id))
            return id;
        id = _strings.Count;
        _strings.Add(value);
        _ids.Add(value, id);
        return id;
    }

    public int Intern(ReadOnlySpan<char> value)
    {
        if (_spanIds.TryGetValue(value, out int id))
            return id;
        return Intern(value.ToString());
    }

    /// <summary>Returns the string for <paramref name="id"/>, or null for a negative id (not set).</summary>
    public string? Get(int id) => id < 0 ? null : _strings[id];
}
