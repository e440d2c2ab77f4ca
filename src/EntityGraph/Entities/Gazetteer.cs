using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using EntityGraph.Tagging;
using EntityGraph.Text;

namespace EntityGraph.Entities;

/// <summary>
/// Name lists as recognizer features: phrases of up to <see cref="MaxPhraseTokens"/> tokens, each in one or more
/// categories (city, country, leader, armed group...). Phrases are tokenized with the pipeline's own tokenizer and
/// matched case-insensitively on token hashes, so al-Qaeda in a list matches al - Qaeda in a text. Immutable after
/// loading and thread-safe.
/// </summary>
[SkipLocalsInit]
internal sealed class Gazetteer
{
    public const int MaxPhraseTokens = 8;
    private const uint PrefixFlag = 1u << 31;

    /// <summary>Category names; the index is the feature value, so the order is part of the model.</summary>
    public static readonly string[] Categories =
    [
        "petrarch-country", "petrarch-person", "petrarch-org", "wordnet-person", "wordnet-location", "wordnet-group",
        "wordnet-other", "city", "country", "region", "first-name", "demonym", "petrarch-international",
    ];

    private readonly Dictionary<ulong, uint> _entries = [];
    private readonly List<string>[] _phrases;

    public Gazetteer()
    {
        _phrases = new List<string>[Categories.Length];
        for (int i = 0; i < _phrases.Length; i++)
            _phrases[i] = [];
    }

    public static Gazetteer Empty { get; } = new();

    /// <summary>Number of phrases (all categories).</summary>
    public int Count { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong TokenHash(ReadOnlySpan<char> token) => FeatureHash.AddLower(FeatureHash.Start(0x6A2), token);

    private static ulong Extend(ulong phrase, ulong token) => WordShape.Combine(phrase, token);

    private static ulong Seed => FeatureHash.Start(0x6A3);

    /// <summary>Adds <paramref name="phrase"/> under <paramref name="category"/>; false when it is empty or too long.</summary>
    public bool Add(string phrase, int category)
    {
        if ((uint)category >= (uint)Categories.Length)
            throw new ArgumentOutOfRangeException(nameof(category));
        var sink = new HashSink();
        Tokenizer.Tokenize(phrase, ref sink);
        if (sink.Count == 0 || sink.Count > MaxPhraseTokens)
            return false;
        ulong h = Seed;
        for (int i = 0; i < sink.Count; i++)
        {
            h = Extend(h, sink.Hash(phrase, i));
            ref uint value = ref CollectionsMarshal.GetValueRefOrAddDefault(_entries, h, out _);
            if (i < sink.Count - 1)
                value |= PrefixFlag;
            else if ((value & (1u << category)) == 0)
            {
                value |= 1u << category;
                _phrases[category].Add(phrase);
                Count++;
            }
        }
        return true;
    }

    /// <summary>
    /// Marks every phrase match over the token hashes: for each token, the categories of matches it begins (B), continues (I),
    /// ends (L) or is alone (U).
    /// </summary>
    public void Match(ReadOnlySpan<ulong> tokens, Span<uint> begin, Span<uint> inside, Span<uint> last, Span<uint> unit)
    {
        begin[..tokens.Length].Clear();
        inside[..tokens.Length].Clear();
        last[..tokens.Length].Clear();
        unit[..tokens.Length].Clear();
        if (_entries.Count == 0)
            return;
        for (int i = 0; i < tokens.Length; i++)
        {
            ulong h = Seed;
            int max = Math.Min(MaxPhraseTokens, tokens.Length - i);
            for (int n = 1; n <= max; n++)
            {
                h = Extend(h, tokens[i + n - 1]);
                if (!_entries.TryGetValue(h, out uint value))
                    break;
                uint categories = value & ~PrefixFlag;
                if (categories != 0)
                {
                    if (n == 1)
                    {
                        unit[i] |= categories;
                    }
                    else
                    {
                        begin[i] |= categories;
                        for (int k = i + 1; k < i + n - 1; k++)
                            inside[k] |= categories;
                        last[i + n - 1] |= categories;
                    }
                }
                if ((value & PrefixFlag) == 0)
                    break;
            }
        }
    }

    internal void Write(BinaryWriter writer)
    {
        writer.Write(Categories.Length);
        for (int c = 0; c < Categories.Length; c++)
        {
            writer.Write(Categories[c]);
            writer.Write(_phrases[c].Count);
            foreach (string phrase in _phrases[c])
                writer.Write(phrase);
        }
    }

    internal static Gazetteer Read(BinaryReader reader, string source)
    {
        var gazetteer = new Gazetteer();
        int categories = reader.ReadInt32();
        if (categories != Categories.Length)
            Models.ModelFormat.Fail(source, $"the gazetteer has {categories} categories where this build knows {Categories.Length}");
        for (int c = 0; c < categories; c++)
        {
            string name = reader.ReadString();
            if (name != Categories[c])
                Models.ModelFormat.Fail(source, $"gazetteer category {c} is '{name}', expected '{Categories[c]}'");
            int count = reader.ReadInt32();
            if (count < 0)
                Models.ModelFormat.Fail(source, "negative gazetteer phrase count");
            for (int i = 0; i < count; i++)
                gazetteer.Add(reader.ReadString(), c);
        }
        return gazetteer;
    }

    private struct HashSink : Tokenizer.ISink
    {
        private (int Start, int Length)[]? _tokens;

        public int Count { get; private set; }

        public void Add(int start, int length, TokenKind kind)
        {
            _tokens ??= new (int, int)[MaxPhraseTokens + 1];
            if (Count < _tokens.Length)
                _tokens[Count] = (start, length);
            Count++;
        }

        public readonly ulong Hash(string text, int i) => TokenHash(text.AsSpan(_tokens![i].Start, _tokens[i].Length));
    }
}

/// <summary>Builds the recognizer's gazetteer from the shared data folder (gazetteers/ and petrarch/).</summary>
internal static class GazetteerBuilder
{
    private const int PetrarchCountry = 0, PetrarchPerson = 1, PetrarchOrg = 2, WordNetPerson = 3, WordNetLocation = 4, WordNetGroup = 5,
        WordNetOther = 6, City = 7, Country = 8, Region = 9, FirstName = 10, Demonym = 11, PetrarchInternational = 12;

    /// <summary>Cities this large or larger (GeoNames) go in; smaller towns are mostly noise for news.</summary>
    private const int MinCityPopulation = 15000;

    public static Gazetteer Build(string dataDirectory, List<string> usedFiles, Action<string>? progress)
    {
        var g = new Gazetteer();
        string gaz = Path.Combine(dataDirectory, "gazetteers");
        string pet = Path.Combine(dataDirectory, "petrarch", "dictionaries");
        string Use(string path)
        {
            if (!File.Exists(path))
                throw new FileNotFoundException($"Gazetteer file '{path}' is missing (expected under --data {dataDirectory}).", path);
            usedFiles.Add(path);
            return path;
        }

        Petrarch(g, Use(Path.Combine(pet, "Phoenix.Countries.actors.txt")), international: false);
        Petrarch(g, Use(Path.Combine(pet, "Phoenix.International.actors.txt")), international: true);
        foreach (string line in File.ReadLines(Use(Path.Combine(pet, "Phoenix.MilNonState.actors.txt"))))
        {
            string? name = PetrarchName(line);
            if (name is not null)
                g.Add(name, PetrarchOrg);
        }

        bool header = true;
        foreach (string line in File.ReadLines(Use(Path.Combine(gaz, "wordnet-instances", "wordnet30-instances.tsv"))))
        {
            if (header)
            {
                header = false;
                continue;
            }
            string[] cols = line.Split('\t');
            if (cols.Length < 3)
                continue;
            int category = cols[1] switch
            {
                "noun.person" => WordNetPerson,
                "noun.location" => WordNetLocation,
                "noun.group" => WordNetGroup,
                _ => WordNetOther,
            };
            foreach (string lemma in cols[2].Split('|'))
            {
                if (lemma.Length > 1 && char.IsUpper(lemma[0]))
                    g.Add(lemma, category);
            }
        }
        header = true;
        foreach (string line in File.ReadLines(Use(Path.Combine(gaz, "wordnet-instances", "wordnet30-demonyms.tsv"))))
        {
            if (header)
            {
                header = false;
                continue;
            }
            string[] cols = line.Split('\t');
            if (cols.Length >= 1 && cols[0].Length > 1)
                g.Add(cols[0], Demonym);
        }

        foreach (string line in File.ReadLines(Use(Path.Combine(gaz, "geonames-cities1000", "cities1000.txt"))))
        {
            string[] cols = line.Split('\t');
            if (cols.Length < 15 || !long.TryParse(cols[14], out long population) || population < MinCityPopulation)
                continue;
            g.Add(cols[1], City);
            if (cols[2] != cols[1])
                g.Add(cols[2], City);
        }

        using (JsonDocument countries = JsonDocument.Parse(File.ReadAllBytes(Use(Path.Combine(gaz, "world-countries", "countries.json")))))
        {
            foreach (JsonElement c in countries.RootElement.EnumerateArray())
            {
                JsonElement name = c.GetProperty("name");
                g.Add(name.GetProperty("common").GetString()!, Country);
                g.Add(name.GetProperty("official").GetString()!, Country);
                if (c.TryGetProperty("altSpellings", out JsonElement alt))
                {
                    foreach (JsonElement a in alt.EnumerateArray())
                    {
                        string s = a.GetString()!;
                        if (s.Length > 2)
                            g.Add(s, Country);
                    }
                }
                if (c.TryGetProperty("demonyms", out JsonElement demonyms) && demonyms.TryGetProperty("eng", out JsonElement eng))
                {
                    g.Add(eng.GetProperty("m").GetString()!, Demonym);
                    g.Add(eng.GetProperty("f").GetString()!, Demonym);
                }
            }
        }
        using (JsonDocument iso = JsonDocument.Parse(File.ReadAllBytes(Use(Path.Combine(gaz, "iso-codes", "iso_3166-1.json")))))
        {
            foreach (JsonElement c in iso.RootElement.GetProperty("3166-1").EnumerateArray())
            {
                foreach (string key in new[] { "name", "common_name", "official_name" })
                {
                    if (c.TryGetProperty(key, out JsonElement v))
                        g.Add(v.GetString()!, Country);
                }
            }
        }
        using (JsonDocument admin = JsonDocument.Parse(File.ReadAllBytes(Use(Path.Combine(gaz, "cities-json", "admin1.json")))))
        {
            foreach (JsonElement a in admin.RootElement.EnumerateArray())
                g.Add(a.GetProperty("name").GetString()!, Region);
        }
        foreach (string file in new[] { "male-first-names-en.txt", "female-first-names-en.txt" })
        {
            foreach (string line in File.ReadLines(Use(Path.Combine(gaz, "first-names", file))))
            {
                if (line.Length > 1)
                    g.Add(line.Trim(), FirstName);
            }
        }
        progress?.Invoke($"gazetteer: {g.Count} phrases in {Gazetteer.Categories.Length} categories");
        return g;
    }

    /// <summary>
    /// PETRARCH actor blocks: a head line, +synonyms, and [CODE date-range] lines. A bare three-letter code is a
    /// country (its synonyms include cities: +TAL_AFAR under Iraq); a code with dated roles is a person (leaders);
    /// anything else is an organisation (armies, ministries, IGOs).
    /// </summary>
    private static void Petrarch(Gazetteer g, string path, bool international)
    {
        var names = new List<string>();
        var codes = new List<string>();
        void Flush()
        {
            if (names.Count == 0)
                return;
            bool dated = false, country = false;
            foreach (string code in codes)
            {
                int space = code.IndexOf(' ', StringComparison.Ordinal);
                string baseCode = space < 0 ? code : code[..space];
                if (space >= 0 && code.AsSpan(space + 1).IndexOfAnyInRange('0', '9') >= 0)
                    dated = true;
                if (baseCode.Length == 3)
                    country = true;
            }
            int category = country && !international ? PetrarchCountry : dated ? PetrarchPerson : international ? PetrarchInternational : PetrarchOrg;
            foreach (string n in names)
                g.Add(n, category);
            names.Clear();
            codes.Clear();
        }

        foreach (string raw in File.ReadLines(path))
        {
            string line = raw;
            int hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
                line = line[..hash];
            if (line.Trim().Length == 0)
                continue;
            string trimmed = line.Trim();
            int bracket = trimmed.IndexOf('[', StringComparison.Ordinal);
            if (trimmed[0] == '[')
            {
                AddCodes(trimmed, codes);
                continue;
            }
            bool synonym = trimmed[0] == '+';
            if (!synonym)
                Flush();
            string? name = PetrarchName(trimmed);
            if (name is not null)
                names.Add(name);
            if (bracket > 0)
                AddCodes(trimmed[bracket..], codes);
        }
        Flush();
    }

    private static void AddCodes(string text, List<string> codes)
    {
        int start = text.IndexOf('[', StringComparison.Ordinal);
        while (start >= 0)
        {
            int end = text.IndexOf(']', start);
            if (end < 0)
                break;
            codes.Add(text[(start + 1)..end].Trim());
            start = text.IndexOf('[', end);
        }
    }

    /// <summary>ISLAMIC_STATE_OF_IRAQ_ -> Islamic State Of Iraq (case is irrelevant: matching lower-cases).</summary>
    private static string? PetrarchName(string line)
    {
        string s = line.Trim();
        if (s.Length == 0 || s[0] == '#')
            return null;
        if (s[0] == '+')
            s = s[1..];
        int cut = s.IndexOfAny(['[', '#', '\t', ' ']);
        if (cut >= 0)
            s = s[..cut];
        // Parenthesised acronyms such as _(AAIA)_ are separate aliases, not part of the name.
        int paren = s.IndexOf('(', StringComparison.Ordinal);
        if (paren >= 0)
            s = s[..paren];
        s = s.Replace('_', ' ').Trim();
        return s.Length < 2 || s.Contains('{', StringComparison.Ordinal) || s.Contains('&', StringComparison.Ordinal) ? null : s;
    }
}
