using System.Runtime.CompilerServices;
using EntityGraph.Models;

namespace EntityGraph.Tagging;

/// <summary>
/// WordNet's morphy, guided by the POS tag: an exception list (took -> take, was -> be), then suffix rules whose
/// result must be a known WordNet lemma (captured -> capture, troops -> troop), plus a table of the treebank's own
/// conventions learned from UD English-EWT train (n't -> not, me -> I). Proper nouns keep their form.
/// Immutable and thread-safe. Data: WordNet 3.0 (Princeton WordNet licence) and UD English-EWT (CC BY-SA 4.0).
/// </summary>
[SkipLocalsInit]
public sealed class Lemmatizer
{
    internal const string Kind = "lemmas";
    private const int MaxWord = 64;

    private static readonly Lazy<Lemmatizer> DefaultLemmatizer = new(
        static () => Load(EmbeddedModels.Open(EmbeddedModels.Lemmas), EmbeddedModels.Lemmas), LazyThreadSafetyMode.ExecutionAndPublication);

    // Morphy's detachment rules per part of speech: (suffix, replacement).
    private static readonly (string Suffix, string Ending)[] NounRules =
        [("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"), ("ies", "y")];
    private static readonly (string Suffix, string Ending)[] VerbRules =
        [("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", "")];
    private static readonly (string Suffix, string Ending)[] AdjRules = [("er", ""), ("est", ""), ("er", "e"), ("est", "e")];

    internal readonly WordClass Noun;
    internal readonly WordClass Verb;
    internal readonly WordClass Adj;
    internal readonly WordClass Adv;
    private readonly Dictionary<string, string> _learned;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _learnedLookup;

    internal Lemmatizer(WordClass noun, WordClass verb, WordClass adj, WordClass adv, Dictionary<string, string> learned, string name, string version)
    {
        Noun = noun;
        Verb = verb;
        Adj = adj;
        Adv = adv;
        _learned = learned;
        _learnedLookup = learned.GetAlternateLookup<ReadOnlySpan<char>>();
        Name = name;
        Version = version;
    }

    /// <summary>The embedded default lemmatizer, loaded on first use.</summary>
    public static Lemmatizer Default => DefaultLemmatizer.Value;

    /// <summary>The data's name from its file header.</summary>
    public string Name { get; }

    /// <summary>The data's version from its file header.</summary>
    public string Version { get; }

    internal int LearnedCount => _learned.Count;

    /// <summary>Loads lemmatizer data from a model file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The lemmatizer.</returns>
    /// <exception cref="InvalidDataException">The file is not lemmatizer data, or is truncated or damaged.</exception>
    public static Lemmatizer Load(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Load(stream, path);
    }

    /// <summary>Loads lemmatizer data from <paramref name="stream"/>.</summary>
    /// <param name="stream">The model bytes.</param>
    /// <param name="name">A name for error messages.</param>
    /// <returns>The lemmatizer.</returns>
    /// <exception cref="InvalidDataException">The data is not lemmatizer data, or is truncated or damaged.</exception>
    public static Lemmatizer Load(Stream stream, string name)
    {
        ModelContainer c = ModelFormat.Read(stream, name, Kind);
        return new Lemmatizer(ReadClass(c, "noun"), ReadClass(c, "verb"), ReadClass(c, "adj"), ReadClass(c, "adv"),
            c.Read("learned", ReadPairs), c.Name, c.Version);
    }

    private static WordClass ReadClass(ModelContainer c, string pos) =>
        new(c.Read(pos + ".exc", ReadPairs), c.Read(pos + ".index", r =>
        {
            int count = r.ReadInt32();
            var set = new HashSet<string>(Math.Max(0, count), StringComparer.Ordinal);
            for (int i = 0; i < count; i++)
                set.Add(r.ReadString());
            return set;
        }));

    private static Dictionary<string, string> ReadPairs(BinaryReader r)
    {
        int count = r.ReadInt32();
        var d = new Dictionary<string, string>(Math.Max(0, count), StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
            d[r.ReadString()] = r.ReadString();
        return d;
    }

    internal void Save(Stream stream)
    {
        var c = new ModelContainer(Kind, Name, Version);
        foreach ((string pos, WordClass wc) in new[] { ("noun", Noun), ("verb", Verb), ("adj", Adj), ("adv", Adv) })
        {
            c.Add(pos + ".exc", w => WritePairs(w, wc.Exceptions));
            c.Add(pos + ".index", w =>
            {
                var sorted = new List<string>(wc.Lemmas);
                sorted.Sort(StringComparer.Ordinal);
                w.Write(sorted.Count);
                foreach (string s in sorted)
                    w.Write(s);
            });
        }
        c.Add("learned", w => WritePairs(w, _learned));
        ModelFormat.Write(stream, c);
    }

    private static void WritePairs(BinaryWriter w, Dictionary<string, string> pairs)
    {
        var keys = new List<string>(pairs.Keys);
        keys.Sort(StringComparer.Ordinal);
        w.Write(keys.Count);
        foreach (string k in keys)
        {
            w.Write(k);
            w.Write(pairs[k]);
        }
    }

    /// <summary>The lemma of <paramref name="form"/> tagged <paramref name="upos"/>/<paramref name="xpos"/>.</summary>
    /// <param name="form">The word as written.</param>
    /// <param name="upos">Its Universal POS tag.</param>
    /// <param name="xpos">Its Penn Treebank tag (may be empty).</param>
    /// <returns>The lemma.</returns>
    public string Lemmatize(string form, string upos, string xpos)
    {
        ArgumentNullException.ThrowIfNull(form);
        Span<char> buffer = stackalloc char[MaxWord + 8];
        int length = Lemmatize(form, upos, xpos, buffer, useLearned: true);
        return length < 0 ? form : buffer[..length].ToString();
    }

    /// <summary>Writes the lemma into <paramref name="output"/> and returns its length, or -1 when the lemma is the form itself.</summary>
    internal int Lemmatize(ReadOnlySpan<char> form, string upos, string xpos, Span<char> output, bool useLearned)
    {
        if (form.Length == 0 || form.Length > MaxWord)
            return -1;
        Span<char> lower = output[..form.Length];
        for (int i = 0; i < form.Length; i++)
            lower[i] = FeatureHash.ToLower(form[i]);
        if (useLearned && _learned.Count > 0)
        {
            Span<char> key = stackalloc char[MaxWord + 16];
            if (form.Length + 1 + xpos.Length <= key.Length)
            {
                lower.CopyTo(key);
                key[form.Length] = '\t';
                xpos.AsSpan().CopyTo(key[(form.Length + 1)..]);
                if (_learnedLookup.TryGetValue(key[..(form.Length + 1 + xpos.Length)], out string? learned))
                {
                    learned.AsSpan().CopyTo(output);
                    return learned.Length;
                }
            }
        }
        switch (upos)
        {
            case "PROPN":
                return -1;
            case "NOUN":
                return xpos is "NN" ? form.Length : Morphy(Noun, NounRules, output, form.Length);
            case "VERB":
            case "AUX":
                return xpos is "VB" ? form.Length : Morphy(Verb, VerbRules, output, form.Length);
            case "ADJ":
                return xpos is "JJ" ? form.Length : Morphy(Adj, AdjRules, output, form.Length);
            case "ADV":
                return Morphy(Adv, [], output, form.Length);
            default:
                return form.Length;
        }
    }

    /// <summary>Rewrites the lower-cased word at the start of <paramref name="buffer"/> into its lemma; returns the new length.</summary>
    private static int Morphy(WordClass wc, (string Suffix, string Ending)[] rules, Span<char> buffer, int length)
    {
        ReadOnlySpan<char> word = buffer[..length];
        if (wc.ExceptionLookup.TryGetValue(word, out string? exception))
        {
            exception.AsSpan().CopyTo(buffer);
            return exception.Length;
        }
        // An inflected tag asks for the base form first: "troops" is itself a WordNet noun, but NNS troops is troop.
        bool known = wc.LemmaLookup.Contains(word);
        Span<char> candidate = stackalloc char[MaxWord + 8];
        int fallback = -1;
        foreach ((string suffix, string ending) in rules)
        {
            if (length <= suffix.Length || !word.EndsWith(suffix, StringComparison.Ordinal))
                continue;
            int stem = length - suffix.Length;
            word[..stem].CopyTo(candidate);
            ending.AsSpan().CopyTo(candidate[stem..]);
            int n = stem + ending.Length;
            if (wc.LemmaLookup.Contains(candidate[..n]))
            {
                candidate[..n].CopyTo(buffer);
                return n;
            }
            // captured/stopped: a doubled final consonant (stopp-ed) is undone when that gives a known lemma.
            if (ending.Length == 0 && stem >= 3 && word[stem - 1] == word[stem - 2] && !IsVowel(word[stem - 1])
                && wc.LemmaLookup.Contains(candidate[..(stem - 1)]))
            {
                candidate[..(stem - 1)].CopyTo(buffer);
                return stem - 1;
            }
            if (fallback < 0 && ending.Length == 0)
                fallback = stem;
        }
        if (known)
            return length;
        // An unknown word: strip the inflection anyway (googled -> googl is rarer than tweeted -> tweet).
        return fallback > 1 ? fallback : length;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    /// <summary>One part of speech's WordNet data: irregular forms and the set of known lemmas.</summary>
    internal sealed class WordClass
    {
        public WordClass(Dictionary<string, string> exceptions, HashSet<string> lemmas)
        {
            Exceptions = exceptions;
            Lemmas = lemmas;
            ExceptionLookup = exceptions.GetAlternateLookup<ReadOnlySpan<char>>();
            LemmaLookup = lemmas.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public Dictionary<string, string> Exceptions { get; }

        public HashSet<string> Lemmas { get; }

        public Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> ExceptionLookup { get; }

        public HashSet<string>.AlternateLookup<ReadOnlySpan<char>> LemmaLookup { get; }
    }

    /// <summary>Builds the data from a WordNet dictionary folder (*.exc, index.*) and, optionally, treebank conventions from UD sentences.</summary>
    internal static Lemmatizer Build(string wordnetDirectory, List<UdSentence>? train, string name, string version, Action<string>? progress)
    {
        WordClass Load(string pos)
        {
            var exceptions = new Dictionary<string, string>(StringComparer.Ordinal);
            string exc = Path.Combine(wordnetDirectory, pos + ".exc");
            int line = 0;
            foreach (string text in File.ReadLines(exc))
            {
                line++;
                string[] parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length < 2)
                    throw new InvalidDataException($"{exc}:{line}: expected 'form lemma'.");
                if (!parts[0].Contains('_', StringComparison.Ordinal))
                    exceptions.TryAdd(parts[0], parts[1]);
            }
            var lemmas = new HashSet<string>(StringComparer.Ordinal);
            string index = Path.Combine(wordnetDirectory, "index." + pos);
            foreach (string text in File.ReadLines(index))
            {
                if (text.Length == 0 || text[0] == ' ')
                    continue;
                int space = text.IndexOf(' ', StringComparison.Ordinal);
                string lemma = space < 0 ? text : text[..space];
                if (!lemma.Contains('_', StringComparison.Ordinal))
                    lemmas.Add(lemma);
            }
            return new WordClass(exceptions, lemmas);
        }

        var lemmatizer = new Lemmatizer(Load("noun"), Load("verb"), Load("adj"), Load("adv"), new Dictionary<string, string>(StringComparer.Ordinal), name, version);
        if (train is null)
            return lemmatizer;
        // Learn the treebank's conventions where the rules disagree with it consistently (>= 3 times, >= 90%).
        var counts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (UdSentence s in train)
        {
            for (int i = 0; i < s.Forms.Length; i++)
            {
                if (s.Upos[i] == "PROPN" || s.Forms[i].Length > MaxWord)
                    continue;
                string key = s.Forms[i].ToLowerInvariant() + "\t" + s.Xpos[i];
                if (!counts.TryGetValue(key, out Dictionary<string, int>? lemmas))
                    counts[key] = lemmas = new Dictionary<string, int>(StringComparer.Ordinal);
                lemmas[s.Lemmas[i]] = lemmas.GetValueOrDefault(s.Lemmas[i]) + 1;
                lemmas["\0upos:" + s.Upos[i]] = 1;
            }
        }
        var learned = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string key, Dictionary<string, int> lemmas) in counts)
        {
            string? best = null;
            int bestCount = 0, total = 0;
            string upos = "X";
            foreach ((string lemma, int count) in lemmas)
            {
                if (lemma.StartsWith("\0upos:", StringComparison.Ordinal))
                {
                    upos = lemma[6..];
                    continue;
                }
                total += count;
                if (count > bestCount || (count == bestCount && string.CompareOrdinal(lemma, best) < 0))
                {
                    best = lemma;
                    bestCount = count;
                }
            }
            if (best is null || bestCount < 3 || bestCount < 0.9 * total)
                continue;
            int tab = key.IndexOf('\t', StringComparison.Ordinal);
            string rule = lemmatizer.Lemmatize(key[..tab], upos, key[(tab + 1)..]);
            // EWT keeps some plurals whole (troops -> troops); later stages match "troop", so the singular wins there.
            if (upos == "NOUN" && best == key[..tab])
                continue;
            if (rule != best)
                learned[key] = best;
        }
        progress?.Invoke($"lemmas: {learned.Count} treebank conventions learned where the WordNet rules disagree");
        return new Lemmatizer(lemmatizer.Noun, lemmatizer.Verb, lemmatizer.Adj, lemmatizer.Adv, learned, name, version);
    }
}
