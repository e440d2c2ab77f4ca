using System.Reflection;
using System.Runtime.CompilerServices;

namespace EntityGraph.Aliases;

/// <summary>
/// Alias dictionaries merged into one immutable, thread-safe lookup: per entity a stable id, canonical name, type,
/// aliases, acronyms, demonyms and metonyms. Files merge in the order given; an entity in a later file replaces the
/// entity with the same id from an earlier file, and a later file's alias takes the alias over from earlier files.
/// </summary>
/// <remarks>
/// Lookups are one hash probe on the normalised text (no scan over aliases); fuzzy candidates come from a bucket
/// keyed by the consonant skeleton. See models/aliases/README.md for the file format.
/// </remarks>
[SkipLocalsInit]
public sealed class AliasDictionary
{
    /// <summary>The default dictionary files embedded in the library, in merge order.</summary>
    public static IReadOnlyList<string> DefaultFiles { get; } = ["cities.yaml", "petrarch.yaml", "countries.yaml", "news.yaml"];

    private static readonly Lazy<AliasDictionary> DefaultInstance = new(() => LoadDefault([]));

    internal const int GroupAlias = 0;
    internal const int GroupDemonym = 1;
    internal const int GroupMetonym = 2;
    private const int GroupCount = 3;
    private const int MaxFuzzyCandidates = 48;

    /// <summary>One form in the lookup tables: a singly linked chain per folded key.</summary>
    internal struct Target
    {
        public int Entry;
        public string? Exact;
        public int ValidFrom;
        public int ValidUntil;
        public int Next;
        public int File;
        public bool Removed;
        public AliasForm Form;
    }

    private readonly AliasEntry[] _entries;
    private readonly Dictionary<string, int> _ids;
    private readonly Dictionary<string, int>[] _heads = new Dictionary<string, int>[GroupCount];
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>[] _headLookups = new Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>[GroupCount];
    private readonly Target[] _targets;
    private readonly Dictionary<int, int> _fuzzyHeads;
    private readonly (int Entry, string Folded, int Next, int Target)[] _fuzzy;

    private AliasDictionary(List<List<AliasEntry>> files)
    {
        // Later files replace entries with the same id.
        var winner = new Dictionary<string, (int File, int Position)>(StringComparer.Ordinal);
        for (int f = 0; f < files.Count; f++)
        {
            for (int i = 0; i < files[f].Count; i++)
                winner[files[f][i].Id] = (f, i);
        }
        var entries = new List<AliasEntry>(winner.Count);
        var entryFile = new List<int>(winner.Count);
        int formCount = 0;
        for (int f = 0; f < files.Count; f++)
        {
            for (int i = 0; i < files[f].Count; i++)
            {
                AliasEntry entry = files[f][i];
                if (winner[entry.Id] == (f, i))
                {
                    entries.Add(entry);
                    entryFile.Add(f);
                    formCount += entry.Forms.Count;
                }
            }
        }
        _entries = [.. entries];
        _ids = new Dictionary<string, int>(_entries.Length, StringComparer.Ordinal);
        for (int i = 0; i < _entries.Length; i++)
            _ids[_entries[i].Id] = i;

        for (int g = 0; g < GroupCount; g++)
        {
            _heads[g] = new Dictionary<string, int>(g == GroupAlias ? formCount : 256, StringComparer.Ordinal);
            _headLookups[g] = _heads[g].GetAlternateLookup<ReadOnlySpan<char>>();
        }
        var targets = new List<Target>(formCount);
        // Keyed by the skeleton's hash: a collision only adds candidates, which the ratio check then rejects.
        var fuzzyHeads = new Dictionary<int, int>(formCount);
        var fuzzy = new List<(int, string, int, int)>(formCount / 2);
        Span<char> skeleton = stackalloc char[AliasText.MaxLength];
        for (int e = 0; e < _entries.Length; e++)
        {
            AliasEntry entry = _entries[e];
            int file = entryFile[e];
            foreach (AliasForm form in entry.Forms)
            {
                int group = GroupOf(form.Kind);
                string folded = form.FoldedKey;
                string? exact = form.ExactKey;
                Dictionary<string, int> heads = _heads[group];
                int head = heads.TryGetValue(folded, out int h) ? h : -1;
                // A later file takes over the strings this form matches from earlier files.
                bool duplicate = false;
                for (int t = head; t >= 0; t = targets[t].Next)
                {
                    Target existing = targets[t];
                    if (existing.Removed)
                        continue;
                    if (existing.Entry == e && existing.Exact == exact)
                    {
                        duplicate = true;
                        break;
                    }
                    // Within one file two entities may not claim strings in common.
                    if (existing.File == file && existing.Entry != e && (exact is null || existing.Exact is null || existing.Exact == exact))
                    {
                        AliasEntry other = _entries[existing.Entry];
                        throw new AliasDictionaryException(entry.Source, form.Line, form.Column,
                            $"conflicting alias '{form.Text}': entity '{entry.Id}' and entity '{other.Id}' (line {existing.Form.Line}, column {existing.Form.Column}) both claim it. Keep it on one entity, or make both case-sensitive with different casing.");
                    }
                    if (existing.File < file && (exact is null || existing.Exact == exact))
                    {
                        existing.Removed = true;
                        targets[t] = existing;
                    }
                }
                if (duplicate)
                    continue;
                targets.Add(new Target
                {
                    Entry = e,
                    Exact = exact,
                    ValidFrom = DateKey(form.ValidFrom ?? entry.ValidFrom, 0),
                    ValidUntil = DateKey(form.ValidUntil ?? entry.ValidUntil, int.MaxValue),
                    Next = head,
                    File = file,
                    Form = form,
                });
                heads[folded] = targets.Count - 1;

                if (group == GroupAlias && !form.CaseSensitive && folded.Length >= 5)
                {
                    int s = AliasText.Skeleton(folded, skeleton);
                    if (s >= 4)
                    {
                        int key = string.GetHashCode(skeleton[..s]);
                        int fuzzyHead = fuzzyHeads.TryGetValue(key, out int fh) ? fh : -1;
                        fuzzy.Add((e, folded, fuzzyHead, targets.Count - 1));
                        fuzzyHeads[key] = fuzzy.Count - 1;
                    }
                }
            }
        }
        _targets = [.. targets];
        _fuzzyHeads = fuzzyHeads;
        _fuzzy = [.. fuzzy];
        AliasCount = _targets.Length;
    }

    /// <summary>A dictionary with no entries.</summary>
    public static AliasDictionary Empty { get; } = new([]);

    /// <summary>The embedded default dictionaries (countries, cities, PETRARCH actors, news entities), loaded once.</summary>
    public static AliasDictionary Default => DefaultInstance.Value;

    /// <summary>The entities, in merge order.</summary>
    public IReadOnlyList<AliasEntry> Entries => _entries;

    /// <summary>Number of surface forms in the lookup tables.</summary>
    public int AliasCount { get; }

    /// <summary>Loads and merges dictionary files in the order given (later files override earlier ones).</summary>
    /// <param name="paths">YAML files.</param>
    /// <returns>The merged dictionary.</returns>
    /// <exception cref="AliasDictionaryException">A file is malformed; the message names file, line and column.</exception>
    public static AliasDictionary Load(params IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<List<AliasEntry>>();
        foreach (string path in paths)
        {
            using var reader = new StreamReader(path);
            files.Add(AliasDictionaryReader.Read(reader, path));
        }
        return new AliasDictionary(files);
    }

    /// <summary>The embedded defaults merged with <paramref name="paths"/>, which override them.</summary>
    /// <param name="paths">User YAML files, applied after the defaults in the order given.</param>
    /// <returns>The merged dictionary.</returns>
    /// <exception cref="AliasDictionaryException">A file is malformed.</exception>
    public static AliasDictionary LoadDefault(params IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<List<AliasEntry>>();
        Assembly assembly = typeof(AliasDictionary).Assembly;
        foreach (string name in DefaultFiles)
        {
            // The compiled form the build embeds (AliasDictionaryBinary); the YAML when a build lacks it.
            using (Stream? compiled = assembly.GetManifestResourceStream("EntityGraph.Aliases." + Path.ChangeExtension(name, ".bin")))
            {
                if (compiled is not null)
                {
                    files.Add(AliasDictionaryBinary.Read(compiled, name));
                    continue;
                }
            }
            using Stream stream = assembly.GetManifestResourceStream("EntityGraph.Aliases." + name)
                ?? throw new InvalidOperationException($"The embedded alias dictionary '{name}' is missing from the library.");
            using var reader = new StreamReader(stream);
            files.Add(AliasDictionaryReader.Read(reader, name));
        }
        foreach (string path in paths)
        {
            using var reader = new StreamReader(path);
            files.Add(AliasDictionaryReader.Read(reader, path));
        }
        return new AliasDictionary(files);
    }

    /// <summary>Parses dictionaries given as text, merged in order; <paramref name="sources"/> pairs a name (for errors) with YAML.</summary>
    /// <param name="sources">(name, YAML text) pairs.</param>
    /// <returns>The merged dictionary.</returns>
    /// <exception cref="AliasDictionaryException">A text is malformed.</exception>
    public static AliasDictionary Parse(params IEnumerable<(string Name, string Yaml)> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var files = new List<List<AliasEntry>>();
        foreach ((string name, string yaml) in sources)
        {
            using var reader = new StringReader(yaml);
            files.Add(AliasDictionaryReader.Read(reader, name));
        }
        return new AliasDictionary(files);
    }

    /// <summary>The entry with <paramref name="id"/>.</summary>
    /// <returns>Whether it exists.</returns>
    public bool TryGetEntry(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out AliasEntry? entry)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (_ids.TryGetValue(id, out int index))
        {
            entry = _entries[index];
            return true;
        }
        entry = null;
        return false;
    }

    /// <summary>The entity whose alias or acronym is <paramref name="text"/> (any type), or null.</summary>
    /// <param name="text">A name as it appears in text.</param>
    /// <param name="kind">Which forms to look in: alias/acronym, demonym or metonym.</param>
    /// <returns>The entry, or null.</returns>
    public AliasEntry? Lookup(string text, AliasKind kind = AliasKind.Alias)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > AliasText.MaxLength)
            return null;
        Span<char> exact = stackalloc char[AliasText.MaxLength];
        Span<char> folded = stackalloc char[AliasText.MaxLength];
        int ne = AliasText.Normalize(text, exact, fold: false);
        int nf = AliasText.Normalize(text, folded, fold: true);
        int e = Find(GroupOf(kind), exact[..ne], folded[..nf], null, 0, out _);
        return e < 0 ? null : _entries[e];
    }

    /// <summary>
    /// The key a form or mention text is looked up by: periods and quotes dropped, dashes unified, whitespace
    /// collapsed; with <paramref name="foldCase"/> also lower-cased, accents removed and a leading "the" dropped.
    /// </summary>
    /// <param name="text">A name.</param>
    /// <param name="foldCase">Whether to fold case (how case-insensitive forms are keyed).</param>
    /// <returns>The normalised key.</returns>
    public static string NormalizeAlias(string text, bool foldCase = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        return AliasText.Normalize(text, foldCase);
    }

    internal AliasEntry EntryAt(int index) => _entries[index];

    internal static int GroupOf(AliasKind kind) => kind switch
    {
        AliasKind.Demonym => GroupDemonym,
        AliasKind.Metonym => GroupMetonym,
        _ => GroupAlias,
    };

    /// <summary>
    /// Whether a mention tagged <paramref name="label"/> may name an entity of <paramref name="type"/>: people only
    /// people; ORG and LOC interchange (a country acts, a ministry is a place); demonyms turn MISC into countries.
    /// </summary>
    internal static bool TypesAgree(int group, string label, string type)
    {
        if (group == GroupDemonym)
            return label == "MISC";
        if (label == type)
            return true;
        return label is "ORG" or "LOC" && type is "ORG" or "LOC";
    }

    internal static int DateKey(DateOnly? date, int missing) => date is { } d ? d.Year * 10000 + d.Month * 100 + d.Day : missing;

    /// <summary>
    /// The best entry for a normalised text: a case-sensitive exact form beats a case-insensitive one; forms outside
    /// their validity at <paramref name="date"/> (yyyymmdd, 0 = any) and entries whose type does not agree with the
    /// mention <paramref name="label"/> are skipped.
    /// </summary>
    internal int Find(int group, ReadOnlySpan<char> exact, ReadOnlySpan<char> folded, string? label, int date, out bool caseExact)
    {
        caseExact = false;
        if (!_headLookups[group].TryGetValue(folded, out int t))
            return -1;
        int best = -1;
        for (; t >= 0; t = _targets[t].Next)
        {
            ref readonly Target target = ref _targets[t];
            if (target.Removed)
                continue;
            if (date != 0 && (date < target.ValidFrom || date > target.ValidUntil))
                continue;
            if (label is not null && !TypesAgree(group, label, _entries[target.Entry].Type))
                continue;
            if (target.Exact is not null)
            {
                if (!exact.SequenceEqual(target.Exact))
                    continue;
                caseExact = true;
                return target.Entry;
            }
            if (best < 0)
                best = target.Entry;
        }
        return best;
    }

    /// <summary>Fuzzy candidates: aliases whose consonant skeleton equals that of <paramref name="folded"/>.</summary>
    internal int FindFuzzy(ReadOnlySpan<char> folded, string type, double threshold, int date, out double score)
    {
        score = 0;
        Span<char> skeleton = stackalloc char[AliasText.MaxLength];
        int s = AliasText.Skeleton(folded, skeleton);
        if (s < 4 || folded.Length < 5 || !_fuzzyHeads.TryGetValue(string.GetHashCode(skeleton[..s]), out int f))
            return -1;
        string? text = null;
        int best = -1;
        for (int seen = 0; f >= 0 && seen < MaxFuzzyCandidates; f = _fuzzy[f].Next, seen++)
        {
            (int entry, string candidate, _, int target) = _fuzzy[f];
            ref readonly Target t = ref _targets[target];
            if (_entries[entry].Type != type || t.Removed || date != 0 && (date < t.ValidFrom || date > t.ValidUntil))
                continue;
            text ??= folded.ToString();
            double ratio = FuzzySharp.Fuzz.Ratio(text, candidate) / 100.0;
            // A far-away entity (a file's own min_fuzzy_ratio) needs more than the near-spelling that links a variant.
            if (ratio >= Math.Max(threshold, _entries[entry].MinFuzzyRatio ?? 0) && ratio > score)
            {
                score = ratio;
                best = entry;
            }
        }
        return best;
    }
}
