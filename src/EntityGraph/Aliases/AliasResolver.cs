using System.Runtime.CompilerServices;

namespace EntityGraph.Aliases;

/// <summary>Why a mention was linked to its entity (<see cref="Mention.LinkReason"/>).</summary>
public static class LinkReasons
{
    /// <summary>The mention is an alias or acronym in the dictionary.</summary>
    public const string Dictionary = "dictionary";
    /// <summary>The mention is the acronym defined next to a full name ("... Levant (ISIL)"), or that full name.</summary>
    public const string Acronym = "acronym";
    /// <summary>A short form of a person's name seen in full in the document (Obama, Maliki).</summary>
    public const string NamePart = "name-part";
    /// <summary>The same name in another casing, same type (ISIS, Isis).</summary>
    public const string Case = "case";
    /// <summary>The same text and type as an earlier mention.</summary>
    public const string Exact = "exact";
    /// <summary>A spelling or transliteration variant (Tel Afar, Tal Afar; Nuri, Nouri).</summary>
    public const string Fuzzy = "fuzzy";
    /// <summary>A nationality adjective or noun that stands for a country (Iranian -> Iran).</summary>
    public const string Demonym = "demonym";
    /// <summary>A capital used as an actor for its country's government (Washington said).</summary>
    public const string Metonym = "metonym";
    /// <summary>The first mention of an entity that no rule linked to anything known.</summary>
    public const string New = "new";
}

/// <summary>Settings for <see cref="AliasResolver"/>.</summary>
public sealed class AliasResolverOptions
{
    /// <summary>The alias dictionary; defaults to the embedded <see cref="AliasDictionary.Default"/>.</summary>
    public AliasDictionary? Dictionary { get; init; }

    /// <summary>The date the documents speak of; dictionary forms outside their validity are then ignored.</summary>
    public DateOnly? ReferenceDate { get; init; }

    /// <summary>FuzzySharp ratio (0-1) above which two names in one document of one type are one entity.</summary>
    public double FuzzyThreshold { get; init; } = 0.85;

    /// <summary>Ratio above which a name matches a dictionary alias of its type with the same consonant skeleton (at least four consonants).</summary>
    public double DictionaryFuzzyThreshold { get; init; } = 0.65;

    /// <summary>Ratio for in-document names that share a consonant skeleton (Tal Afar, Telafer).</summary>
    public double SkeletonFuzzyThreshold { get; init; } = 0.6;

    /// <summary>
    /// Tests only: compare each new name with every earlier distinct name (the quadratic reference the indexes must
    /// agree with on real text).
    /// </summary>
    internal bool Exhaustive { get; init; }
}

/// <summary>
/// Groups a document's mentions into entities: dictionary aliases, acronym definitions, name parts, case variants,
/// fuzzy spelling variants, demonyms and capitals used as actors. Immutable and safe to share across threads.
/// </summary>
[SkipLocalsInit]
public sealed class AliasResolver
{
    private static readonly HashSet<string> PlacePrepositions = new(StringComparer.OrdinalIgnoreCase)
    {
        "in", "at", "to", "from", "near", "into", "outside", "around", "across", "via", "toward", "towards", "inside",
        "through", "throughout", "within", "over", "visit", "visited", "visiting", "reached", "entered", "left", "leaving",
    };

    // Verbs whose object is an actor: one warns, urges or accuses a government, not a city ("warned Seoul").
    private static readonly HashSet<string> ActorObjectVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "warned", "warns", "warning", "urged", "urges", "urging", "accused", "accuses", "accusing", "told", "tells", "criticized",
        "criticised", "criticizes", "criticises", "blamed", "blames", "condemned", "condemns", "pressed", "pressured",
        "lambasted", "slammed", "thanked", "congratulated", "praised", "rebuked", "reassured",
    };

    // Words that say a company is a company: "Kia Motors" is Kia, "Hyundai Motor Group" is Hyundai (folded forms).
    private static readonly HashSet<string> CompanyWords = new(StringComparer.Ordinal)
    {
        "motor", "motors", "group", "corp", "corporation", "co", "company", "inc", "ltd", "limited", "plc", "holdings",
        "airlines", "airways", "industries", "llc", "ag", "gmbh",
    };

    // Verbs whose subject is an actor: a capital followed by one of them is its government.
    private static readonly HashSet<string> ActorVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "said", "says", "say", "has", "have", "had", "was", "is", "will", "would", "could", "should", "may", "might",
        "must", "can", "wants", "wanted", "announced", "announces", "dispatched", "dispatches", "sent", "sends", "warned",
        "warns", "struggles", "struggled", "accused", "accuses", "denied", "denies", "insisted", "insists", "agreed",
        "agrees", "rejected", "rejects", "refused", "refuses", "told", "tells", "believes", "believed", "hopes", "hoped",
        "fears", "feared", "urged", "urges", "called", "calls", "demanded", "demands", "threatened", "threatens", "sought",
        "seeks", "signed", "signs", "responded", "responds", "reacted", "condemned", "condemns", "welcomed", "welcomes",
        "supports", "supported", "backed", "backs", "opposed", "opposes", "decided", "decides", "plans", "planned",
        "intends", "declined", "declares", "declared", "claimed", "claims", "confirmed", "confirms", "stated", "argued",
        "argues", "acknowledged", "admitted", "did", "does", "continues", "continued", "needs", "needed", "launched",
        "ordered", "imposed", "approved", "recognised", "recognized", "expelled", "summoned", "protested", "blamed",
        "blames", "vowed", "vows", "pledged", "pledges", "promised", "promises", "offered", "offers", "asked", "asks",
        // A capital before a government noun is the government: "the Seoul government", "the Caracas regime".
        "government", "governments", "authorities", "regime", "administration", "leadership",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> PlaceWords = PlacePrepositions.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ActorWords = ActorVerbs.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ActorObjectWords = ActorObjectVerbs.GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly AliasDictionary _dictionary;
    private readonly int _date;
    private readonly double _fuzzyThreshold;
    private readonly double _dictionaryFuzzyThreshold;
    private readonly double _skeletonThreshold;
    private readonly bool _exhaustive;

    /// <summary>Skeletons at least this long are also indexed with each consonant left out (Baghdadi, Bagdadi).</summary>
    private const int MinSkeletonForDeletions = 3;

    /// <summary>Longer skeletons are indexed as they are only: their names have words to meet on.</summary>
    private const int MaxSkeletonForDeletions = 24;

    /// <summary>
    /// A fuzzy key (word, skeleton, first or last three letters) in more distinct names of a document than this
    /// ("Group" in a list of companies) does not make names candidates of each other; they still meet on other keys.
    /// </summary>
    private const int MaxNamesPerFuzzyKey = 100;

    /// <summary>Creates a resolver.</summary>
    /// <param name="options">Settings; null for the defaults (embedded dictionaries).</param>
    public AliasResolver(AliasResolverOptions? options = null)
    {
        options ??= new AliasResolverOptions();
        _dictionary = options.Dictionary ?? AliasDictionary.Default;
        _date = AliasDictionary.DateKey(options.ReferenceDate, 0);
        _fuzzyThreshold = options.FuzzyThreshold;
        _dictionaryFuzzyThreshold = options.DictionaryFuzzyThreshold;
        _skeletonThreshold = options.SkeletonFuzzyThreshold;
        _exhaustive = options.Exhaustive;
    }

    /// <summary>The dictionary in use.</summary>
    public AliasDictionary Dictionary => _dictionary;

    /// <summary>Per-mention facts computed once per call.</summary>
    private struct Info
    {
        public string Exact;
        public string Folded;
        public string[] Words;
        /// <summary>"#united_states embassy" for "US Embassy" and "American Embassy": the country word replaced by its id.</summary>
        public string? CountryKey;
        /// <summary>Consonant skeleton of <see cref="Folded"/> (fuzzy bucketing).</summary>
        public string Skeleton;
        /// <summary>Counts of a-z in <see cref="Folded"/>, then one slot for every other character: bounds the fuzzy ratio cheaply.</summary>
        public byte[]? Letters;
        /// <summary>The word of <see cref="Words"/> that fewest distinct names of the document contain (null without words).</summary>
        public string? RarestWord;
        /// <summary>
        /// The fuzzy index keys: each word ("w" + word), the first and last three letters ("p", "s"), the skeleton
        /// and, for mid-length skeletons, each one-consonant deletion of it ("k"). Only for names of four or more letters.
        /// </summary>
        public string[]? FuzzyKeys;
        public int Cluster;
        public string? Reason;
        public double Score;
    }

    private sealed class Cluster(int entry, string type, int first)
    {
        public int Entry { get; } = entry;
        public string Type { get; } = type;
        public int First { get; set; } = first;
        public List<int> Members { get; } = [];
    }

    /// <summary>Per-call state; never stored on the resolver, so one resolver serves many threads.</summary>
    private sealed class Scratch(Document document, IReadOnlyList<Mention> mentions)
    {
        public Document Document { get; } = document;
        public IReadOnlyList<Mention> Mentions { get; } = mentions;
        public Info[] Infos { get; } = new Info[mentions.Count];
        public List<Cluster> Clusters { get; } = [];
        public Dictionary<int, int> ByEntry { get; } = [];
        public Dictionary<(string, string), int> ByFolded { get; } = [];
        /// <summary>Organisations named with company words ("Kia Motors"), by the name without them ("kia").</summary>
        public Dictionary<string, int> ByCompanyCore { get; } = new(StringComparer.Ordinal);
        public HashSet<(string, string, int)> ExactSeen { get; } = [];
        /// <summary>One entry per distinct (name, label) already linked: what name parts and fuzzy matching compare against.</summary>
        public List<(int Mention, int Cluster)> Distinct { get; } = [];
        /// <summary>Positions in <see cref="Distinct"/> of person names by word: name-part candidates.</summary>
        public Dictionary<string, List<int>> PersonsByWord { get; } = new(StringComparer.Ordinal);
        /// <summary>Positions in <see cref="Distinct"/> of names of four or more characters by (fuzzy key, label): fuzzy candidates.</summary>
        public Dictionary<(string Key, string Label), List<int>> ByFuzzyKey { get; } = [];
        /// <summary>How many distinct names of four or more characters have each fuzzy key.</summary>
        public Dictionary<string, int> FuzzyKeyFrequency { get; } = new(StringComparer.Ordinal);
        /// <summary>Positions in <see cref="Distinct"/> of every person name (for the rare short name without any word).</summary>
        public List<int> Persons { get; } = [];
        /// <summary>How many distinct names of the document contain each word: picks the word whose index list is shortest.</summary>
        public Dictionary<string, int> WordFrequency { get; } = new(StringComparer.Ordinal);
        /// <summary>The first mention of each (folded name, label), linked or not: a place named later than its adjective.</summary>
        public Dictionary<(string, string), int> FirstMention { get; } = [];
        /// <summary>Reused candidate list (positions in <see cref="Distinct"/>, sorted before use).</summary>
        public List<int> Candidates { get; } = [];
        /// <summary>Earlier names a new name was compared with (name parts and fuzzy matching): what the indexes keep near-linear.</summary>
        public long Comparisons { get; set; }
        public Dictionary<int, int> ByFirstToken { get; } = [];
        public Dictionary<int, int> ByLastToken { get; } = [];
    }

    /// <summary>Links every mention of <paramref name="document"/> to an entity and adds the entities.</summary>
    /// <param name="document">A tokenized document with mentions and no entities yet.</param>
    /// <exception cref="InvalidOperationException">The document already has entities.</exception>
    public void Resolve(Document document) => ResolveCountingComparisons(document);

    /// <summary>
    /// <see cref="Resolve"/>, returning how many times a new name was compared with an earlier one (tests: the count
    /// must grow about linearly with the number of distinct names).
    /// </summary>
    internal long ResolveCountingComparisons(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Entities.Count > 0)
            throw new InvalidOperationException($"Document '{document.Id}' already has entities; resolve each document once.");
        IReadOnlyList<Mention> mentions = document.Mentions;
        if (mentions.Count == 0)
            return 0;
        var s = new Scratch(document, mentions);
        Prepare(s);
        for (int i = 0; i < mentions.Count; i++)
        {
            s.ByFirstToken.TryAdd(mentions[i].FirstToken, i);
            s.ByLastToken.TryAdd(mentions[i].FirstToken + mentions[i].TokenCount - 1, i);
        }

        // Multi-word person names in the document: their parts go to them before any dictionary surname.
        var fullNameWords = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < mentions.Count; i++)
        {
            if (mentions[i].Label == "PER" && s.Infos[i].Words.Length > 1)
            {
                foreach (string w in s.Infos[i].Words)
                    fullNameWords.Add(w);
            }
        }

        for (int i = 0; i < mentions.Count; i++)
        {
            s.Infos[i].CountryKey = CountryKey(s, i);
            LinkByDictionary(s, i, fullNameWords);
        }
        LinkAcronymDefinitions(s);

        // The rest, longest first, so that full names form entities before their parts are matched.
        int[] order = new int[mentions.Count];
        for (int i = 0; i < order.Length; i++)
            order[i] = i;
        Info[] infos = s.Infos;
        Array.Sort(order, (a, b) => infos[a].Words.Length != infos[b].Words.Length ? infos[b].Words.Length.CompareTo(infos[a].Words.Length) : a.CompareTo(b));
        foreach (int i in order)
        {
            if (infos[i].Cluster < 0)
                LinkInDocument(s, i);
        }
        Materialize(s);
        return s.Comparisons;
    }

    private static void Prepare(Scratch s)
    {
        Span<char> buffer = stackalloc char[AliasText.MaxLength];
        for (int i = 0; i < s.Mentions.Count; i++)
        {
            Mention m = s.Mentions[i];
            ReadOnlySpan<char> text = m.TextSpan;
            if (text.Length > AliasText.MaxLength)
                text = text[..AliasText.MaxLength];
            int n = AliasText.Normalize(text, buffer, fold: false);
            string exact = new(buffer[..n]);
            n = AliasText.Normalize(text, buffer, fold: true);
            string folded = new(buffer[..n]);
            n = AliasText.Skeleton(folded, buffer);
            s.Infos[i] = new Info { Exact = exact, Folded = folded, Words = SplitWords(folded), Skeleton = new string(buffer[..n]), Cluster = -1 };
        }
        var counted = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < s.Mentions.Count; i++)
        {
            s.FirstMention.TryAdd((s.Infos[i].Folded, s.Mentions[i].Label), i);
            if (s.Infos[i].Folded.Length >= 4)
                s.Infos[i].FuzzyKeys = FuzzyKeys(s.Infos[i]);
            if (!names.Add(s.Infos[i].Folded))
                continue;
            counted.Clear();
            foreach (string w in s.Infos[i].Words)
            {
                if (counted.Add(w))
                    s.WordFrequency[w] = s.WordFrequency.GetValueOrDefault(w) + 1;
            }
            foreach (string key in s.Infos[i].FuzzyKeys ?? [])
                s.FuzzyKeyFrequency[key] = s.FuzzyKeyFrequency.GetValueOrDefault(key) + 1;
        }
        for (int i = 0; i < s.Mentions.Count; i++)
        {
            ref Info info = ref s.Infos[i];
            int best = int.MaxValue;
            foreach (string w in info.Words)
            {
                int f = s.WordFrequency[w];
                if (f < best)
                {
                    best = f;
                    info.RarestWord = w;
                }
            }
        }
    }

    /// <summary>The fuzzy index keys of a name (see <see cref="Info.FuzzyKeys"/>), each once.</summary>
    private static string[] FuzzyKeys(in Info info)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (string w in info.Words)
            keys.Add("w" + w);
        keys.Add(string.Concat("p", info.Folded.AsSpan(0, 3)));
        keys.Add(string.Concat("s", info.Folded.AsSpan(info.Folded.Length - 3)));
        string skeleton = info.Skeleton;
        keys.Add("k" + skeleton);
        if (skeleton.Length >= MinSkeletonForDeletions && skeleton.Length <= MaxSkeletonForDeletions)
        {
            for (int k = 0; k < skeleton.Length; k++)
                keys.Add(string.Concat("k", skeleton.AsSpan(0, k), skeleton.AsSpan(k + 1)));
        }
        return [.. keys];
    }

    private static string[] SplitWords(string folded)
    {
        int count = 0;
        bool inWord = false;
        foreach (char c in folded)
        {
            bool letter = char.IsLetterOrDigit(c) || c == '\'';
            if (letter && !inWord)
                count++;
            inWord = letter;
        }
        string[] words = new string[count];
        int w = 0, start = -1;
        for (int i = 0; i <= folded.Length; i++)
        {
            bool letter = i < folded.Length && (char.IsLetterOrDigit(folded[i]) || folded[i] == '\'');
            if (letter && start < 0)
                start = i;
            else if (!letter && start >= 0)
            {
                words[w++] = folded[start..i];
                start = -1;
            }
        }
        return words;
    }

    private void LinkByDictionary(Scratch s, int i, HashSet<string> fullNameWords)
    {
        Mention m = s.Mentions[i];
        ref Info info = ref s.Infos[i];
        if (info.Folded.Length == 0)
            return;
        if (m.Label == "MISC")
        {
            int d = FindWithPlural(AliasDictionary.GroupDemonym, info, "MISC");
            if (d >= 0)
            {
                Assign(s, i, ClusterForEntry(s, d, i), LinkReasons.Demonym, 0.95);
                return;
            }
        }
        if (m.Label is "LOC" or "ORG")
        {
            int capital = _dictionary.Find(AliasDictionary.GroupMetonym, info.Exact, info.Folded, m.Label, _date, out _);
            if (capital >= 0)
            {
                double cue = ActorCue(s, i);
                if (cue > 0)
                {
                    Assign(s, i, ClusterForEntry(s, capital, i), LinkReasons.Metonym, cue);
                    return;
                }
            }
        }
        if (m.Label == "PER" && info.Words.Length == 1 && fullNameWords.Contains(info.Words[0]))
            return;
        int e = _dictionary.Find(AliasDictionary.GroupAlias, info.Exact, info.Folded, m.Label, _date, out bool caseExact);
        if (e < 0 && m.Label == "MISC")
            e = FindWithPlural(AliasDictionary.GroupAlias, info, "MISC");
        if (e < 0 && m.Label == "MISC")
        {
            // The recognizer tags a country or body used as a modifier MISC now and then ("the US secretary of
            // state"); a case-exact name of a place or organisation still says which entity it is (the tag stays).
            e = _dictionary.Find(AliasDictionary.GroupAlias, info.Exact, info.Folded, "LOC", _date, out caseExact);
            if (e < 0 || !caseExact)
                e = _dictionary.Find(AliasDictionary.GroupAlias, info.Exact, info.Folded, "ORG", _date, out caseExact);
            if (!caseExact)
                e = -1;
        }
        if (e < 0)
            return;
        // A country's name is a place in every use, even as a modifier ("a US official" -> US LOC, ANNOTATION.md
        // section 1; CoNLL-2003 tags countries LOC too), but the recognizer reads "US official" like "Pentagon official"
        // now and then and says ORG. The dictionary knows better: a place with a nationality adjective is a country.
        if (m.Label == "ORG" && IsCountry(_dictionary.EntryAt(e)))
            m.Label = "LOC";
        Assign(s, i, ClusterForEntry(s, e, i), LinkReasons.Dictionary, caseExact || info.Exact == info.Folded ? 1.0 : 0.97);
    }

    /// <summary>A place entry with a demonym: a country or a region (cities and organisations have none).</summary>
    private static bool IsCountry(AliasEntry entry)
    {
        if (entry.Type != "LOC")
            return false;
        foreach (AliasForm form in entry.Forms)
        {
            if (form.Kind == AliasKind.Demonym)
                return true;
        }
        return false;
    }

    /// <summary>Demonyms and group names come in plural too (Iranians, Shiites): try without the final s.</summary>
    private int FindWithPlural(int group, in Info info, string label)
    {
        int e = _dictionary.Find(group, info.Exact, info.Folded, label, _date, out _);
        if (e < 0 && info.Folded.Length > 3 && info.Folded[^1] == 's')
            e = _dictionary.Find(group, info.Exact.AsSpan(0, info.Exact.Length - 1), info.Folded.AsSpan(0, info.Folded.Length - 1), label, _date, out _);
        return e;
    }

    /// <summary>
    /// How strongly the text uses a capital as an actor: "between X and Y", coordination with another capital,
    /// "with X" / "against X", or a following reporting verb. 0 when it reads as a place (a preposition before it) or gives no cue.
    /// </summary>
    private double ActorCue(Scratch s, int i)
    {
        Document doc = s.Document;
        Mention m = s.Mentions[i];
        int before = m.FirstToken - 1;
        int after = m.FirstToken + m.TokenCount;
        ReadOnlySpan<char> prev = WordAt(doc, before);
        if (Is(prev, "and") || Is(prev, "or"))
        {
            // The second conjunct: read the cue before the first one ("between Washington and Tehran").
            int other = MentionEndingAt(s, before - 1);
            if (other >= 0 && IsCapitalOrCountry(s, other))
            {
                ReadOnlySpan<char> firstPrev = WordAt(doc, s.Mentions[other].FirstToken - 1);
                if (PlaceWords.Contains(firstPrev))
                    return 0;
                return Is(firstPrev, "between") ? 0.9 : 0.8;
            }
        }
        if (PlaceWords.Contains(prev))
            return 0;
        if (Is(prev, "between"))
            return 0.9;
        // One coordinates, talks or fights with an actor, not with a city.
        if (Is(prev, "with") || Is(prev, "against") || ActorObjectWords.Contains(prev))
            return 0.75;
        ReadOnlySpan<char> next = WordAt(doc, after);
        if (ActorWords.Contains(next))
            return 0.85;
        if (Is(next, "and") || Is(next, "or"))
        {
            int other = MentionStartingAt(s, after + 1);
            if (other >= 0 && IsCapitalOrCountry(s, other))
                return 0.8;
        }
        return 0;
    }

    private static bool Is(ReadOnlySpan<char> word, string value) => word.Equals(value, StringComparison.OrdinalIgnoreCase);

    private bool IsCapitalOrCountry(Scratch s, int mention)
    {
        ref Info info = ref s.Infos[mention];
        return _dictionary.Find(AliasDictionary.GroupMetonym, info.Exact, info.Folded, null, _date, out _) >= 0;
    }

    /// <summary>The token's characters, or empty outside the document.</summary>
    private static ReadOnlySpan<char> WordAt(Document doc, int token)
    {
        if (token < 0 || token >= doc.TokenCount)
            return [];
        ref TokenData t = ref doc.TokenAt(token);
        return doc.Text.AsSpan(t.Start, t.Length);
    }

    private static int MentionEndingAt(Scratch s, int token) => s.ByLastToken.TryGetValue(token, out int j) ? j : -1;

    private static int MentionStartingAt(Scratch s, int token) => s.ByFirstToken.TryGetValue(token, out int j) ? j : -1;

    /// <summary>"Full Name (ACR)": link the two, whichever side is known.</summary>
    private static void LinkAcronymDefinitions(Scratch s)
    {
        Document doc = s.Document;
        for (int j = 0; j < s.Mentions.Count; j++)
        {
            Mention acronym = s.Mentions[j];
            int open = acronym.FirstToken - 1, close = acronym.FirstToken + acronym.TokenCount;
            if (open < 1 || close >= doc.TokenCount || !IsChar(doc, open, '(') || !IsChar(doc, close, ')'))
                continue;
            int i = MentionEndingAt(s, open - 1);
            if (i < 0 || s.Mentions[i].Label != acronym.Label && !(s.Mentions[i].Label is "ORG" or "LOC" && acronym.Label is "ORG" or "LOC"))
                continue;
            ref Info full = ref s.Infos[i];
            ref Info shortForm = ref s.Infos[j];
            if (shortForm.Words.Length != 1 || full.Words.Length < 2)
                continue;
            bool initials = MatchesInitials(shortForm.Folded, full.Words);
            if (full.Cluster >= 0 && shortForm.Cluster < 0)
            {
                if (initials || s.Clusters[full.Cluster].Entry >= 0)
                    Assign(s, j, full.Cluster, LinkReasons.Acronym, initials ? 0.95 : 0.8);
            }
            else if (shortForm.Cluster >= 0 && full.Cluster < 0)
            {
                Assign(s, i, shortForm.Cluster, LinkReasons.Acronym, initials ? 0.95 : 0.8);
            }
            else if (full.Cluster < 0 && initials)
            {
                int c = NewCluster(s, -1, s.Mentions[i].Label, i);
                Assign(s, i, c, LinkReasons.New, 1.0);
                Assign(s, j, c, LinkReasons.Acronym, 0.95);
            }
        }
    }

    private static bool IsChar(Document doc, int token, char c)
    {
        ref TokenData t = ref doc.TokenAt(token);
        return t.Length == 1 && doc.Text[t.Start] == c;
    }

    /// <summary>Whether the acronym's letters are the initials of the name's words, in order (function words optional).</summary>
    private static bool MatchesInitials(string acronym, string[] words)
    {
        int a = 0;
        foreach (string w in words)
        {
            if (a < acronym.Length && w[0] == acronym[a])
                a++;
            else if (w is not ("of" or "the" or "and" or "in" or "for" or "de" or "al"))
                return false;
        }
        return a == acronym.Length && a >= 2;
    }

    private void LinkInDocument(Scratch s, int i)
    {
        Mention m = s.Mentions[i];
        ref Info info = ref s.Infos[i];
        if (s.ByFolded.TryGetValue((info.Folded, m.Label), out int same))
        {
            bool exact = s.ExactSeen.Contains((info.Exact, m.Label, same));
            Assign(s, i, same, exact ? LinkReasons.Exact : LinkReasons.Case, exact ? 1.0 : 0.95);
            return;
        }
        if (info.CountryKey is not null && s.ByFolded.TryGetValue((info.CountryKey, m.Label), out int sameOrgan))
        {
            Assign(s, i, sameOrgan, LinkReasons.Demonym, 0.85);
            return;
        }
        if (m.Label == "PER" && TryNamePart(s, i, out int person))
        {
            Assign(s, i, person, LinkReasons.NamePart, 0.9);
            return;
        }
        if (m.Label == "ORG" && TryCompanyName(s, i, out int company))
        {
            Assign(s, i, company, LinkReasons.NamePart, 0.85);
            return;
        }
        if (m.Label == "MISC" && TryRegionAdjective(s, i, out int region))
        {
            Assign(s, i, region, LinkReasons.Demonym, 0.8);
            return;
        }
        if (TryFuzzyInDocument(s, i, out int variant, out double score))
        {
            Assign(s, i, variant, LinkReasons.Fuzzy, score);
            return;
        }
        int e = _dictionary.FindFuzzy(info.Folded, m.Label, _dictionaryFuzzyThreshold, _date, out score);
        if (e >= 0)
        {
            Assign(s, i, ClusterForEntry(s, e, i), LinkReasons.Fuzzy, score);
            return;
        }
        Assign(s, i, NewCluster(s, -1, m.Label, i), LinkReasons.New, 1.0);
    }

    /// <summary>
    /// An organisation's name with or without the words that only say it is a company: "Kia" after "Kia Motors" (longer
    /// names are linked first), "Hyundai Motor Group" after "Hyundai".
    /// </summary>
    private static bool TryCompanyName(Scratch s, int i, out int cluster)
    {
        ref Info info = ref s.Infos[i];
        if (s.ByCompanyCore.TryGetValue(info.Folded, out cluster))
            return true;
        string? core = CompanyCore(info.Words);
        cluster = -1;
        return core is not null && s.ByFolded.TryGetValue((core, "ORG"), out cluster);
    }

    /// <summary>The name without its trailing company words, or null when it has none (or is nothing else).</summary>
    private static string? CompanyCore(string[] words)
    {
        int core = words.Length;
        while (core > 1 && CompanyWords.Contains(words[core - 1]))
            core--;
        return core == words.Length ? null : string.Join(' ', words, 0, core);
    }

    /// <summary>
    /// An adjective of a place named in the article stands for the place (ANNOTATION.md section 2: "Crimean" -> Crimea):
    /// "Tigrayan" after "Tigray", "Kashmiri" after "Kashmir". Only a place the article names, so "Roman" finds no Rome
    /// unless Rome is there.
    /// </summary>
    private bool TryRegionAdjective(Scratch s, int i, out int cluster)
    {
        cluster = -1;
        string word = s.Infos[i].Folded;
        if (s.Infos[i].Words.Length != 1 || word.Length < 5)
            return false;
        if (word[^1] == 's')
            word = word[..^1];
        // -an (Tigray-an), -n (Crimea-n), -ian (Bosnia-n), -i (Kashmir-i).
        return word.EndsWith("an", StringComparison.Ordinal) && TryPlace(s, word[..^2], out cluster)
            || word[^1] is 'n' or 'i' && TryPlace(s, word[..^1], out cluster);
    }

    /// <summary>The entity of a place the article names, linking that place first when it has not been linked yet.</summary>
    private bool TryPlace(Scratch s, string folded, out int cluster)
    {
        if (s.ByFolded.TryGetValue((folded, "LOC"), out cluster))
            return true;
        if (!s.FirstMention.TryGetValue((folded, "LOC"), out int place))
            return false;
        if (s.Infos[place].Cluster < 0)
            LinkInDocument(s, place);
        cluster = s.Infos[place].Cluster;
        return cluster >= 0;
    }

    /// <summary>Every word of the short name is a word of a longer person name: the nearest one before, else after.</summary>
    private bool TryNamePart(Scratch s, int i, out int cluster)
    {
        cluster = -1;
        string[] words = s.Infos[i].Words;
        int bestDistance = int.MaxValue;
        // Every candidate contains all the words, so the rarest word's index list holds them all.
        List<int>? positions = _exhaustive ? null
            : words.Length == 0 ? s.Persons
            : s.PersonsByWord.GetValueOrDefault(s.Infos[i].RarestWord!);
        int count = _exhaustive ? s.Distinct.Count : positions?.Count ?? 0;
        s.Comparisons += count;
        for (int p = 0; p < count; p++)
        {
            int j = s.Distinct[positions is null ? p : positions[p]].Mention;
            ref Info other = ref s.Infos[j];
            if (j == i || s.Mentions[j].Label != "PER" || other.Words.Length <= words.Length)
                continue;
            bool all = true;
            foreach (string w in words)
            {
                if (Array.IndexOf(other.Words, w) < 0)
                {
                    all = false;
                    break;
                }
            }
            if (!all)
                continue;
            // Prefer a full name earlier in the text (the usual order), then the closest.
            int distance = j < i ? i - j : s.Mentions.Count + j - i;
            if (distance < bestDistance)
            {
                bestDistance = distance;
                cluster = other.Cluster;
            }
        }
        return cluster >= 0;
    }

    /// <summary>
    /// The earlier distinct names of <paramref name="label"/> a fuzzy match of mention <paramref name="i"/> is looked
    /// for among, in the order they were linked: those that share a fuzzy key with it (a word, the first or last three
    /// letters, the skeleton, or the skeleton with one consonant left out on either side), leaving out keys of more
    /// than <see cref="MaxNamesPerFuzzyKey"/> distinct names.
    /// </summary>
    private List<int> FuzzyCandidates(Scratch s, int i, string label)
    {
        List<int> candidates = s.Candidates;
        candidates.Clear();
        if (_exhaustive)
        {
            for (int p = 0; p < s.Distinct.Count; p++)
                candidates.Add(p);
            s.Comparisons += candidates.Count;
            return candidates;
        }
        foreach (string key in s.Infos[i].FuzzyKeys!)
        {
            if (s.FuzzyKeyFrequency[key] <= MaxNamesPerFuzzyKey && s.ByFuzzyKey.TryGetValue((key, label), out List<int>? positions))
                candidates.AddRange(positions);
        }
        candidates.Sort();
        int n = 0;
        for (int k = 0; k < candidates.Count; k++)
        {
            if (n == 0 || candidates[k] != candidates[n - 1])
                candidates[n++] = candidates[k];
        }
        candidates.RemoveRange(n, candidates.Count - n);
        s.Comparisons += candidates.Count;
        return candidates;
    }

    private bool TryFuzzyInDocument(Scratch s, int i, out int cluster, out double score)
    {
        cluster = -1;
        score = 0;
        ref Info info = ref s.Infos[i];
        string label = s.Mentions[i].Label;
        if (info.Folded.Length < 4)
            return false;
        bool skeletonUsable = info.Skeleton.Length >= 4;
        foreach (int p in FuzzyCandidates(s, i, label))
        {
            int j = s.Distinct[p].Mention;
            ref Info other = ref s.Infos[j];
            if (s.Mentions[j].Label != label || other.Folded.Length < 4)
                continue;
            // A shared skeleton lowers the bar; the ratio is at most 2 min / (sum of lengths), so lengths alone rule most pairs out.
            bool sameSkeleton = skeletonUsable && info.Skeleton == other.Skeleton;
            double needed = sameSkeleton ? Math.Min(_skeletonThreshold, _fuzzyThreshold) : _fuzzyThreshold;
            int a = info.Folded.Length, b = other.Folded.Length;
            if (2.0 * Math.Min(a, b) / (a + b) < needed)
                continue;
            // Matching characters cannot exceed the shared multiset of characters: a second, tighter bound.
            if (2.0 * SharedCharacters(ref info, ref other) / (a + b) < needed)
                continue;
            if (label == "PER" && (other.Words.Length != info.Words.Length || !SameWord(info.Words[^1], other.Words[^1], _fuzzyThreshold)))
                continue;
            double ratio = FuzzySharp.Fuzz.Ratio(info.Folded, other.Folded) / 100.0;
            bool accept = ratio >= needed;
            if (accept && ratio > score)
            {
                score = ratio;
                cluster = other.Cluster;
            }
        }
        return cluster >= 0;
    }

    private static int SharedCharacters(ref Info x, ref Info y)
    {
        byte[] hx = x.Letters ??= CountLetters(x.Folded);
        byte[] hy = y.Letters ??= CountLetters(y.Folded);
        int shared = 0;
        for (int c = 0; c < hx.Length; c++)
            shared += Math.Min(hx[c], hy[c]);
        return shared;
    }

    private static byte[] CountLetters(string folded)
    {
        byte[] counts = new byte[27];
        foreach (char c in folded)
        {
            int slot = c is >= 'a' and <= 'z' ? c - 'a' : 26;
            if (counts[slot] < byte.MaxValue)
                counts[slot]++;
        }
        return counts;
    }

    private static bool SameWord(string a, string b, double threshold) =>
        a == b || FuzzySharp.Fuzz.Ratio(a, b) / 100.0 >= threshold;

    private static int NewCluster(Scratch s, int entry, string type, int first)
    {
        s.Clusters.Add(new Cluster(entry, type, first));
        return s.Clusters.Count - 1;
    }

    private int ClusterForEntry(Scratch s, int entry, int first)
    {
        if (!s.ByEntry.TryGetValue(entry, out int c))
        {
            c = NewCluster(s, entry, _dictionary.EntryAt(entry).Type, first);
            s.ByEntry.Add(entry, c);
        }
        return c;
    }

    private static void Assign(Scratch s, int i, int cluster, string reason, double score)
    {
        ref Info info = ref s.Infos[i];
        info.Cluster = cluster;
        info.Reason = reason;
        info.Score = score;
        Cluster c = s.Clusters[cluster];
        c.Members.Add(i);
        if (i < c.First)
            c.First = i;
        string label = s.Mentions[i].Label;
        if (s.ByFolded.TryAdd((info.Folded, label), cluster))
        {
            int position = s.Distinct.Count;
            s.Distinct.Add((i, cluster));
            Index(s, i, position, label);
        }
        s.ExactSeen.Add((info.Exact, label, cluster));
        if (label == "ORG" && CompanyCore(info.Words) is { } core)
            s.ByCompanyCore.TryAdd(core, cluster);
        if (info.CountryKey is not null)
            s.ByFolded.TryAdd((info.CountryKey, label), cluster);
    }

    /// <summary>Adds a new distinct name to the name-part and fuzzy indexes.</summary>
    private static void Index(Scratch s, int i, int position, string label)
    {
        ref Info info = ref s.Infos[i];
        if (label == "PER")
        {
            s.Persons.Add(position);
            foreach (string w in info.Words)
                AddPosition(s.PersonsByWord, w, position);
        }
        if (info.FuzzyKeys is not null)
        {
            foreach (string key in info.FuzzyKeys)
            {
                if (s.FuzzyKeyFrequency[key] <= MaxNamesPerFuzzyKey)
                    AddPosition(s.ByFuzzyKey, (key, label), position);
            }
        }
    }

    private static void AddPosition<TKey>(Dictionary<TKey, List<int>> index, TKey key, int position) where TKey : notnull
    {
        if (!index.TryGetValue(key, out List<int>? positions))
            index.Add(key, positions = []);
        // A word twice in one name, or two deletions that give the same key: one entry.
        if (positions.Count == 0 || positions[^1] != position)
            positions.Add(position);
    }

    /// <summary>
    /// For an organisation named after its country ("US Embassy", "American Embassy"), the name with the country
    /// word replaced by the country's id, so that the variants meet; null otherwise.
    /// </summary>
    private string? CountryKey(Scratch s, int i)
    {
        ref Info info = ref s.Infos[i];
        if (s.Mentions[i].Label is not ("ORG" or "LOC") || info.Words.Length < 2)
            return null;
        int space = info.Exact.IndexOf(' ', StringComparison.Ordinal);
        int foldedSpace = info.Folded.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || foldedSpace <= 0)
            return null;
        ReadOnlySpan<char> exactWord = info.Exact.AsSpan(0, space);
        ReadOnlySpan<char> foldedWord = info.Folded.AsSpan(0, foldedSpace);
        int e = _dictionary.Find(AliasDictionary.GroupDemonym, exactWord, foldedWord, "MISC", _date, out _);
        if (e < 0)
            e = _dictionary.Find(AliasDictionary.GroupAlias, exactWord, foldedWord, "LOC", _date, out _);
        if (e < 0 || _dictionary.EntryAt(e).Type != "LOC")
            return null;
        return "#" + _dictionary.EntryAt(e).Id + info.Folded[foldedSpace..];
    }

    private void Materialize(Scratch s)
    {
        // Entities in order of their first mention; the first mention of a cluster that only joined others keeps its reason.
        var clusters = new List<Cluster>(s.Clusters.Count);
        foreach (Cluster c in s.Clusters)
        {
            if (c.Members.Count > 0)
                clusters.Add(c);
        }
        clusters.Sort(static (a, b) => a.First.CompareTo(b.First));
        foreach (Cluster c in clusters)
        {
            c.Members.Sort();
            string id, name;
            if (c.Entry >= 0)
            {
                AliasEntry entry = _dictionary.EntryAt(c.Entry);
                id = entry.Id;
                name = entry.Name;
            }
            else
            {
                name = CanonicalName(s, c);
                id = DeterministicId(name, c.Type);
            }
            Entity entity = s.Document.AddEntity(id, name, c.Type);
            foreach (int i in c.Members)
            {
                Mention m = s.Mentions[i];
                entity.AddMention(i);
                m.EntityIndex = entity.Index;
                m.LinkReason = s.Infos[i].Reason;
                m.LinkScore = s.Infos[i].Score;
            }
        }
    }

    /// <summary>The longest name among the mentions (most words, then most characters, then earliest).</summary>
    private static string CanonicalName(Scratch s, Cluster c)
    {
        int best = c.Members[0];
        foreach (int i in c.Members)
        {
            int words = s.Infos[i].Words.Length, bestWords = s.Infos[best].Words.Length;
            if (words > bestWords || words == bestWords && s.Infos[i].Exact.Length > s.Infos[best].Exact.Length)
                best = i;
        }
        return s.Mentions[best].Text;
    }

    /// <summary>
    /// The id of an entity no dictionary knows: its normalised name and type ("john_mccain.per"); the dot keeps it
    /// apart from dictionary ids, which cannot contain one.
    /// </summary>
    public static string DeterministicId(string name, string type)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(type);
        string slug = AliasText.Slug(AliasText.Normalize(name, fold: true));
        return (slug.Length == 0 ? "x" : slug) + "." + type.ToLowerInvariant();
    }
}
