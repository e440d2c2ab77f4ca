using System.Text;

namespace EntityGraph.Relations;

/// <summary>
/// The word lists behind the relation scorer's trigger and cue features: per relation type, the lemmas that can state
/// it (verbs and event nouns alike: "captured", "capture", "seizure", "fell"), and shared cue lists (role nouns, force
/// nouns, place nouns, negators...). A trained model stores the lexicon it was trained with, so that a later edit of
/// the defaults cannot silently change what an old model's features mean.
/// </summary>
internal sealed class RelationLexicon
{
    public RelationLexicon(IReadOnlyList<string> types, IReadOnlyDictionary<string, string[]> triggers, IReadOnlyDictionary<string, string[]> words)
    {
        Types = types;
        Triggers = triggers;
        Words = words;
    }

    /// <summary>The relation types, in model order.</summary>
    public IReadOnlyList<string> Types { get; }

    /// <summary>Trigger lemmas per type.</summary>
    public IReadOnlyDictionary<string, string[]> Triggers { get; }

    /// <summary>Shared cue lists by name: role, force, place, direction, distance, negator, modal, hedge.</summary>
    public IReadOnlyDictionary<string, string[]> Words { get; }

    /// <summary>
    /// The lists the shipped model was trained with: the ways news states the six relation types of ANNOTATION.md,
    /// by lemma, gathered from the guidelines and from general English usage (not from any one article).
    /// </summary>
    public static RelationLexicon Default { get; } = new(
        ["captured", "deployed_to", "held_talks_with", "attacked", "located_in", "affiliated_with"],
        new Dictionary<string, string[]>
        {
            ["captured"] = ["capture", "recapture", "seize", "seizure", "take", "retake", "takeover", "overrun", "storm", "conquer", "conquest",
                "occupy", "occupation", "control", "controlled", "held", "hold", "fall", "liberate", "liberation", "regain", "run", "grab",
                "annex", "annexation", "captor", "stronghold", "besiege", "siege", "clear", "reclaim", "win"],
            ["deployed_to"] = ["deploy", "deployment", "redeploy", "send", "dispatch", "station", "move", "arrive", "arrival", "airlift",
                "reinforce", "reinforcement", "enter", "cross", "land", "position", "head", "troop", "base", "carrier", "rush", "order"],
            ["held_talks_with"] = ["meet", "meeting", "talk", "talks", "speak", "call", "phone", "telephone", "discuss", "discussion",
                "negotiate", "negotiation", "summit", "confer", "agree", "agreement", "deal", "visit", "host", "conversation", "consult",
                "consultation", "receive", "sign", "accord", "dialogue", "hold", "tell", "welcome"],
            ["attacked"] = ["attack", "strike", "airstrike", "bomb", "bombing", "bombard", "bombardment", "shell", "shelling", "hit",
                "target", "invade", "invasion", "offensive", "assault", "raid", "fire", "kill", "shoot", "launch", "pound", "ambush",
                "clash", "fight", "battle", "assassinate", "assassination", "missile", "rocket", "drone", "retaliate", "retaliation",
                "incursion", "storm", "besiege", "shoot down", "down", "destroy", "war", "operation"],
            ["located_in"] = ["city", "town", "village", "capital", "province", "region", "district", "governorate", "county", "state",
                "port", "near", "outskirt", "suburb", "neighbourhood", "neighborhood", "area", "base", "border"],
            ["affiliated_with"] = ["minister", "spokesman", "spokeswoman", "spokesperson", "president", "leader", "chief", "head",
                "commander", "secretary", "ambassador", "envoy", "official", "general", "prime", "king", "queen", "emir", "prince",
                "sheikh", "adviser", "advisor", "director", "member", "chairman", "governor", "mayor", "senator", "representative",
                "founder", "ceo", "premier", "deputy", "negotiator", "diplomat", "lawmaker", "militant", "fighter", "soldier",
                "officer", "foreign", "defense", "defence", "crown", "ayatollah", "chancellor", "monarch", "lieutenant", "colonel"],
        },
        new Dictionary<string, string[]>
        {
            ["role"] = ["minister", "spokesman", "spokeswoman", "spokesperson", "president", "leader", "chief", "head", "commander",
                "secretary", "ambassador", "envoy", "official", "general", "prime", "king", "queen", "emir", "prince", "sheikh", "adviser",
                "advisor", "director", "member", "chairman", "governor", "mayor", "senator", "representative", "founder", "premier",
                "deputy", "negotiator", "diplomat", "chancellor", "monarch", "ayatollah"],
            ["force"] = ["troop", "force", "jet", "fighter", "militant", "rebel", "soldier", "official", "warplane", "army", "military",
                "aircraft", "plane", "navy", "militia", "unit", "police", "insurgent", "gunman", "drone", "ship", "warship", "tank",
                "artillery", "government", "authority", "delegation", "diplomat", "leader", "minister"],
            ["place"] = ["city", "town", "village", "capital", "province", "region", "district", "governorate", "county", "state", "port",
                "country", "area", "suburb", "neighbourhood", "neighborhood"],
            ["direction"] = ["northern", "southern", "eastern", "western", "central", "north", "south", "east", "west", "northeastern",
                "northwestern", "southeastern", "southwestern", "northwest", "northeast", "southwest", "southeast"],
            ["distance"] = ["km", "kilometre", "kilometer", "mile", "border", "near", "outside", "from"],
            ["negator"] = ["not", "n't", "never", "no", "without", "deny"],
            ["modal"] = ["could", "would", "might", "may", "should", "can", "will", "shall", "must"],
            ["hedge"] = ["consider", "plan", "propose", "want", "threaten", "intend", "seek", "mull", "weigh", "contemplate", "prepare",
                "expect", "hope", "possibility", "option", "proposal", "offer", "vow", "warn", "urge", "call", "approve", "order", "ready"],
        });

    /// <summary>The lexicon as text lines (<c>trigger TAB type TAB words</c>, <c>words TAB name TAB words</c>).</summary>
    public byte[] Serialize()
    {
        var sb = new StringBuilder();
        foreach (string type in Types)
            sb.Append("trigger\t").Append(type).Append('\t').AppendJoin(' ', Triggers[type]).Append('\n');
        foreach ((string name, string[] list) in Words.OrderBy(static p => p.Key, StringComparer.Ordinal))
            sb.Append("words\t").Append(name).Append('\t').AppendJoin(' ', list).Append('\n');
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>Reads what <see cref="Serialize"/> wrote; <paramref name="source"/> names the file in errors.</summary>
    public static RelationLexicon Deserialize(byte[] bytes, string source)
    {
        var types = new List<string>();
        var triggers = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var words = new Dictionary<string, string[]>(StringComparer.Ordinal);
        int lineNumber = 0;
        foreach (string line in Encoding.UTF8.GetString(bytes).Split('\n'))
        {
            lineNumber++;
            if (line.Length == 0)
                continue;
            string[] parts = line.Split('\t');
            if (parts.Length != 3 || parts[1].Length == 0)
                throw new InvalidDataException($"Model file '{source}' is not usable: lexicon line {lineNumber} is malformed.");
            string[] list = parts[2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts[0] == "trigger")
            {
                types.Add(parts[1]);
                triggers[parts[1]] = list;
            }
            else if (parts[0] == "words")
            {
                words[parts[1]] = list;
            }
            else
            {
                throw new InvalidDataException($"Model file '{source}' is not usable: lexicon line {lineNumber} starts with '{parts[0]}'.");
            }
        }
        return new RelationLexicon(types, triggers, words);
    }
}
