using System.Collections.Frozen;
using EntityGraph.Aliases;

namespace EntityGraph.Relations;

/// <summary>
/// Just enough reference resolution for relation arguments: news sentences often name the actor once and then say
/// "he", "they", "the group" or "the city" ("... William Burns. He was scheduled to meet Zarif"). An argument that is
/// a pronoun or a definite nominal reference is resolved to a mention before it:
/// <list type="bullet">
/// <item>he/she: the nearest person (same sentence, else the subject of one of the two sentences before, else the
/// nearest there); they: an organisation that was the subject of the sentence before. "his"/"her"/"its" never.</item>
/// <item>nominal references (<see cref="NominalKind"/>): "the group", "the militants", "the rebels" (an organisation);
/// "the city", "the town", "the capital" (a place that is not a country); "the country", "the nation" (a country).
/// Definite ("the", "this") and bare of names ("the Isis militants" already names its group). Agreement: a
/// collective noun ("group", "organisation") is singular, a member noun ("militants", "rebels") must be plural
/// ("the militant" is one person). For the organisation kinds, an organisation the article has already called an
/// armed group ("Islamic State militants", "ISIS fighters") wins over a nearer one. Recency: the nearest fitting
/// mention before it, in its own sentence first, then
/// up to three sentences back, within its paragraph and the paragraph before (a line break between sentences starts
/// a paragraph; news paragraphs are often a single sentence).</item>
/// </list>
/// Deliberately narrow: a wrong antecedent makes a wrong relation, a missing one only a missed relation.
/// </summary>
internal static class Anaphora
{
    private static readonly string[] PersonPronouns = ["he", "she"];

    /// <summary>What a definite nominal reference can stand for.</summary>
    internal enum NominalKind
    {
        None,
        /// <summary>"the group", "the organisation": one organisation.</summary>
        Collective,
        /// <summary>"the militants", "the rebels": an organisation by its members (plural only).</summary>
        Members,
        /// <summary>"the city", "the town": a place that is not a country.</summary>
        Settlement,
        /// <summary>"the country", "the nation": a country.</summary>
        Country,
        /// <summary>"the crossing", "the base", "the strip", "the province": the place last named with that word ("the Rafah crossing").</summary>
        Feature,
    }

    private static readonly string[] CollectiveNouns = ["group", "organization", "organisation", "movement", "militia", "faction", "outfit"];
    private static readonly string[] MemberNouns = ["militant", "insurgent", "jihadist", "jihadi", "rebel", "extremist", "islamist", "guerrilla", "separatist"];
    private static readonly string[] SettlementNouns = ["city", "town", "village", "capital"];
    private static readonly string[] CountryNouns = ["country", "nation"];
    // Kinds of place a name is often given with ("the Rafah crossing", "Al-Watiya base", "the Gaza Strip", "Kunduz province"):
    // "the crossing" then stands for the place named with the same word, and for no other.
    private static readonly string[] FeatureNouns = ["crossing", "base", "airbase", "airport", "strip", "province", "region", "peninsula",
        "enclave", "territory", "district", "governorate", "port", "island", "camp", "dam", "refinery", "plant", "airfield"];
    private static readonly string[] RegionNouns = ["region", "territory", "enclave", "peninsula", "strip"];

    /// <summary>How many sentences back a nominal reference may look (within its paragraph).</summary>
    internal const int NominalSentencesBack = 3;

    /// <summary>The mention that <paramref name="token"/> refers to, or -1 when it is not an anaphor or has no antecedent.</summary>
    public static int TryResolve(ParsedSentence sentence, int[] mentionAt, int token)
    {
        string lemma = sentence.Lemma(token);
        string upos = sentence.Upos(token);
        string label = sentence.Label(token);
        if (label == "nmod:poss")
            return ResolvePossessive(sentence, mentionAt, token); // "his team" is not the man; "its fighters" is the group
        if (upos == "PRON" && DependencyPath.Contains(PersonPronouns, lemma))
            return Find(sentence, mentionAt, token, "PER", sentencesBack: 2, subjectOnly: false);
        if (upos == "PRON" && DependencyPath.Contains(ReportedPronouns, lemma) && ReportingSubject(sentence, mentionAt, token) is int speaker and >= 0)
            return speaker;
        if (upos == "PRON" && lemma == "they")
            return Find(sentence, mentionAt, token, "ORG", sentencesBack: 1, subjectOnly: true);
        NominalKind kind = Nominal(sentence, mentionAt, token);
        return kind == NominalKind.None ? -1 : ResolveNominal(sentence, mentionAt, token, kind);
    }

    private static readonly string[] ReportedPronouns = ["it", "they", "we"];

    // Bodies that speak for their party: "the Israeli military said it ...", "the Turkish government says it ...".
    private static readonly string[] ReportingBodies = ["military", "army", "force", "government", "ministry", "navy", "administration",
        "authority", "police", "command", "leadership", "cabinet", "troop"];

    // Nouns a party owns or does, after "its" or "their": "thousands of its fighters", "Russia in its invasion of Ukraine".
    private static readonly string[] OwnedNouns = ["fighter", "force", "troop", "soldier", "militant", "army", "military", "jet", "warplane",
        "aircraft", "drone", "warship", "tank", "unit", "ally", "militia", "invasion", "attack", "offensive", "assault", "campaign", "strike",
        "airstrike", "bombardment", "bombing", "raid", "incursion", "occupation", "annexation", "capture", "seizure", "takeover", "control",
        "deployment", "operation", "war", "conflict", "fight", "battle", "struggle", "campaign"];

    /// <summary>
    /// "its"/"their" on a noun a party owns or does ("thousands of its fighters", "Russia in its invasion of Ukraine"): the
    /// nearest organisation or country named before it in the sentence (a city owns no army), else the organisation or
    /// country that was the main subject of the sentence before; -1 otherwise ("his", "her" stay unresolved).
    /// </summary>
    internal static int ResolvePossessive(ParsedSentence sentence, int[] mentionAt, int token)
    {
        if (sentence.Upos(token) != "PRON" || sentence.Lemma(token) is not ("its" or "their" or "it" or "they"))
            return -1;
        int head = sentence.Head(token);
        if (head < 0 || !DependencyPath.Contains(OwnedNouns, sentence.Lemma(head)))
            return -1;
        Document document = sentence.Document;
        for (int t = sentence.First + token - 1; t >= sentence.First; t--)
        {
            int m = mentionAt[t];
            if (m >= 0 && IsParty(document, m))
                return m;
        }
        if (sentence.Index == 0)
            return -1;
        SentenceData previous = document.SentenceAt(sentence.Index - 1);
        for (int t = previous.FirstToken; t < previous.FirstToken + previous.TokenCount; t++)
        {
            int m = mentionAt[t];
            if (m >= 0 && IsParty(document, m) && InMainSubject(document, t, previous))
                return m;
        }
        return -1;
    }

    // A nationality word modifies a noun ("the Somali town of X"); it is not what "its" goes back to.
    private static bool IsParty(Document document, int mention) => document.Mentions[mention].Label != "MISC" && TypeOf(document, mention) switch
    {
        "ORG" => true,
        "LOC" => IsCountry(document, document.Mentions[mention].EntityIndex),
        _ => false,
    };

    /// <summary>
    /// "Israel says it struck ...", "South Korea said it fired ...": the subject pronoun of a reported clause is the
    /// organisation or country that reports it (the named subject of the saying verb), or -1.
    /// </summary>
    private static int ReportingSubject(ParsedSentence sentence, int[] mentionAt, int token)
    {
        if (!sentence.Label(token).StartsWith("nsubj", StringComparison.Ordinal))
            return -1;
        int clause = sentence.Head(token);
        if (clause < 0 || !DependencyPath.LabelMatches("ccomp", sentence.Label(clause)))
            return -1;
        int say = sentence.Head(clause);
        if (say < 0)
            return -1;
        foreach (int child in sentence.Children(say))
        {
            if (!sentence.Label(child).StartsWith("nsubj", StringComparison.Ordinal))
                continue;
            int m = mentionAt[sentence.First + child];
            if (m >= 0)
                return TypeOf(sentence.Document, m) is "ORG" or "LOC" ? m : -1;
            // "The Israeli military said it killed ...": a force or government named by its modifier reports for its party.
            if (!DependencyPath.Contains(ReportingBodies, sentence.Lemma(child)))
                return -1;
            foreach (int modifier in sentence.Children(child))
            {
                if (sentence.Label(modifier) is "amod" or "compound" or "nmod:poss" && mentionAt[sentence.First + modifier] is int named and >= 0
                    && TypeOf(sentence.Document, named) is "ORG" or "LOC")
                    return named;
            }
            return -1;
        }
        return -1;
    }

    /// <summary>Whether <paramref name="token"/> is a definite nominal reference, and of which kind.</summary>
    internal static NominalKind Nominal(ParsedSentence sentence, int[] mentionAt, int token)
    {
        if (sentence.Upos(token) != "NOUN" || mentionAt[sentence.First + token] >= 0)
            return NominalKind.None;
        string lemma = sentence.Lemma(token);
        bool plural = IsPlural(sentence, token);
        NominalKind kind = DependencyPath.Contains(CollectiveNouns, lemma) && !plural ? NominalKind.Collective
            : DependencyPath.Contains(MemberNouns, lemma) && plural ? NominalKind.Members
            : DependencyPath.Contains(SettlementNouns, lemma) && !plural ? NominalKind.Settlement
            : DependencyPath.Contains(CountryNouns, lemma) && !plural ? NominalKind.Country
            : DependencyPath.Contains(FeatureNouns, lemma) && !plural ? NominalKind.Feature
            : NominalKind.None;
        if (kind == NominalKind.None || !HasDefiniteArticle(sentence, token) || HasNameOn(sentence, mentionAt, token))
            return NominalKind.None;
        // "the city of Mosul" names its place; the extractor reads it.
        foreach (int child in sentence.Children(token))
        {
            if ((DependencyPath.LabelMatches("nmod", sentence.Label(child)) && HasCaseOf(sentence, child)) || sentence.Label(child) is "appos" or "flat")
                return NominalKind.None;
        }
        return kind;
    }

    /// <summary>
    /// The nearest mention before <paramref name="token"/> that fits <paramref name="kind"/>: in its sentence, then up to
    /// <see cref="NominalSentencesBack"/> sentences back within the paragraph and the one before; -1 when none fits.
    /// </summary>
    internal static int ResolveNominal(ParsedSentence sentence, int[] mentionAt, int token, NominalKind kind)
    {
        Document document = sentence.Document;
        // News paragraphs are often one sentence long, so the paragraph before is in scope too, but no further.
        int firstSentence = sentence.Index, breaks = 0;
        for (int back = 1; back <= NominalSentencesBack && firstSentence > 0; back++)
        {
            if (ParagraphBreakBefore(document, firstSentence) && ++breaks > 1)
                break;
            firstSentence--;
        }
        int stop = document.SentenceAt(firstSentence).FirstToken;
        int nearest = -1, armed = -1;
        // "the extremists", "the jihadists": words of creed pick out the group the article called so ("Islamic State
        // militants") over a nearer armed party it did not ("Kurdish Peshmerga troops").
        bool creed = kind is NominalKind.Collective or NominalKind.Members && IsCreedWord(sentence, token);
        for (int t = sentence.First + token - 1; t >= stop; t--)
        {
            int m = mentionAt[t];
            if (m < 0 || !Fits(document, m, kind))
                continue;
            if (kind == NominalKind.Feature)
            {
                if (NamedWith(document, document.Mentions[m], sentence.Lemma(token)))
                    return m;
                // "the Kremlin's annexation of the region": a region-like word with no place named with it is the
                // nearest place that is not a country and not a nationality word.
                if (nearest < 0 && DependencyPath.Contains(RegionNouns, sentence.Lemma(token)) && document.Mentions[m].Label == "LOC"
                    && TypeOf(document, m) == "LOC" && !IsCountry(document, document.Mentions[m].EntityIndex))
                    nearest = m;
                t = document.Mentions[m].FirstToken;
                continue;
            }
            // "the militants", "the jihadist group": an organisation the article has called an armed group ("Islamic
            // State militants") wins over a nearer one that it has not (a news agency, a rival's name).
            if (kind is not (NominalKind.Collective or NominalKind.Members))
                return m;
            int entity = document.Mentions[m].EntityIndex;
            if (creed && IsArmedGroup(document, mentionAt, entity, sentence.First + token, CreedNouns))
                return m;
            if (armed < 0 && IsArmedGroup(document, mentionAt, entity, sentence.First + token, ArmedNouns))
            {
                if (!creed)
                    return m;
                armed = m;
            }
            if (nearest < 0)
                nearest = m;
            t = document.Mentions[m].FirstToken;
        }
        return armed >= 0 ? armed : nearest;
    }

    private static readonly string[] CreedNouns = ["militant", "insurgent", "jihadist", "jihadi", "extremist", "terrorist", "islamist"];

    private static bool IsCreedWord(ParsedSentence sentence, int token)
    {
        if (DependencyPath.Contains(CreedNouns, sentence.Lemma(token)))
            return true;
        foreach (int child in sentence.Children(token))
        {
            if (sentence.Label(child) == "amod" && DependencyPath.Contains(CreedNouns, sentence.Lemma(child)))
                return true;
        }
        return false;
    }

    private static readonly string[] ArmedNouns = ["militant", "insurgent", "jihadist", "jihadi", "rebel", "extremist", "fighter", "gunman",
        "guerrilla", "militia", "group", "terrorist"];

    /// <summary>Whether a mention of <paramref name="entity"/> before <paramref name="before"/> modifies a word for armed members ("ISIS fighters").</summary>
    private static bool IsArmedGroup(Document document, int[] mentionAt, int entity, int before, string[] nouns)
    {
        if (entity < 0)
            return false;
        foreach (int index in document.Entities[entity].MentionIndices)
        {
            Mention mention = document.Mentions[index];
            if (mention.FirstToken >= before)
                break;
            int last = mention.FirstToken + mention.TokenCount - 1;
            int head = document.TokenAt(last).Head;
            if (head < 0 || mentionAt[head] >= 0 || head == last)
                continue;
            string? lemma = document.Strings.Get(document.TokenAt(head).Lemma);
            if (lemma is not null && DependencyPath.Contains(nouns, lemma))
                return true;
        }
        return false;
    }

    private static bool Fits(Document document, int mention, NominalKind kind)
    {
        Mention m = document.Mentions[mention];
        string type = TypeOf(document, mention);
        return kind switch
        {
            NominalKind.Collective or NominalKind.Members => type == "ORG",
            // A demonym ("Iraqi") names a country, not a city; only a LOC-tagged name can be "the city".
            NominalKind.Settlement => type == "LOC" && m.Label == "LOC" && !IsCountry(document, m.EntityIndex),
            NominalKind.Country => type == "LOC" && IsCountry(document, m.EntityIndex),
            NominalKind.Feature => type is "LOC" or "ORG" && m.Label is "LOC" or "ORG",
            _ => false,
        };
    }

    /// <summary>Whether the mention's last word, or the word after it, is <paramref name="lemma"/>: "the Gaza Strip", "the Rafah crossing".</summary>
    private static bool NamedWith(Document document, Mention mention, string lemma)
    {
        int last = mention.FirstToken + mention.TokenCount - 1;
        for (int t = last; t <= last + 1 && t < document.TokenCount; t++)
        {
            string? word = document.Strings.Get(document.TokenAt(t).Lemma);
            if (word is not null && string.Equals(word, lemma, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    /// <summary>
    /// Whether the entity is a country of the default alias dictionary (countries.yaml): by its dictionary id, else by
    /// its name ("Turkey" is the short form of "Republic of Turkey").
    /// </summary>
    internal static bool IsCountry(Document document, int entity)
    {
        if (entity < 0)
            return false;
        Entity e = document.Entities[entity];
        if (e.Type != "LOC")
            return false;
        if (AliasDictionary.Default.TryGetEntry(e.Id, out AliasEntry? entry) && entry.Source.EndsWith("countries.yaml", StringComparison.Ordinal))
            return true;
        return CountryNames.Value.Contains(e.CanonicalName);
    }

    private static readonly string[] StatePrefixes = ["Republic of ", "Kingdom of ", "State of ", "Federal Republic of ", "Islamic Republic of ",
        "People's Republic of ", "Democratic Republic of ", "Commonwealth of ", "Principality of ", "Grand Duchy of ", "Sultanate of "];

    private static readonly Lazy<FrozenSet<string>> CountryNames = new(() =>
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (AliasEntry entry in AliasDictionary.Default.Entries)
        {
            if (entry.Type != "LOC" || !entry.Source.EndsWith("countries.yaml", StringComparison.Ordinal))
                continue;
            names.Add(entry.Name);
            foreach (AliasForm form in entry.Forms)
            {
                if (form.Kind != AliasKind.Alias)
                    continue;
                names.Add(form.Text);
                foreach (string prefix in StatePrefixes)
                {
                    if (form.Text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                        names.Add(form.Text[prefix.Length..]);
                }
            }
        }
        return names.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    });

    /// <summary>Whether a line break separates sentence <paramref name="index"/> from the one before (a new paragraph, or the headline).</summary>
    internal static bool ParagraphBreakBefore(Document document, int index)
    {
        if (index <= 0)
            return true;
        SentenceData previous = document.SentenceAt(index - 1);
        SentenceData current = document.SentenceAt(index);
        int from = document.TokenAt(previous.FirstToken + previous.TokenCount - 1).End;
        int to = document.TokenAt(current.FirstToken).Start;
        return from < to && document.Text.AsSpan(from, to - from).Contains('\n');
    }

    private static bool IsPlural(ParsedSentence sentence, int token)
    {
        ReadOnlySpan<char> text = sentence.Text(token);
        return text.Length > 1 && (text[^1] is 's' or 'S') && !sentence.Lemma(token).EndsWith('s');
    }

    private static int Find(ParsedSentence sentence, int[] mentionAt, int token, string type, int sentencesBack, bool subjectOnly)
    {
        Document document = sentence.Document;
        // The same sentence first, nearest before the anaphor ("Obama said he ...").
        if (!subjectOnly)
        {
            for (int t = sentence.First + token - 1; t >= sentence.First; t--)
            {
                int m = mentionAt[t];
                if (m >= 0 && TypeOf(document, m) == type)
                    return m;
            }
        }
        for (int back = 1; back <= sentencesBack && sentence.Index - back >= 0; back++)
        {
            SentenceData previous = document.SentenceAt(sentence.Index - back);
            int nearest = -1;
            for (int t = previous.FirstToken; t < previous.FirstToken + previous.TokenCount; t++)
            {
                int m = mentionAt[t];
                if (m < 0 || TypeOf(document, m) != type)
                    continue;
                if (InMainSubject(document, t, previous))
                    return m;
                nearest = m;
            }
            if (subjectOnly)
                return -1;
            if (nearest >= 0)
                return nearest;
        }
        return -1;
    }

    /// <summary>The type of the mention's entity (after alias resolution), else its own tag.</summary>
    internal static string TypeOf(Document document, int mention)
    {
        Mention m = document.Mentions[mention];
        return m.EntityIndex >= 0 ? document.Entities[m.EntityIndex].Type : m.Label;
    }

    /// <summary>Whether the token lies in the subject phrase of the sentence's main verb.</summary>
    private static bool InMainSubject(Document document, int token, SentenceData sentence)
    {
        int end = sentence.FirstToken + sentence.TokenCount;
        for (int steps = 0; steps < 8 && token >= sentence.FirstToken && token < end; steps++)
        {
            ref TokenData t = ref document.TokenAt(token);
            if (t.Head < 0)
                return false;
            string? relation = document.Strings.Get(t.Dependency);
            if (relation is not null && relation.StartsWith("nsubj", StringComparison.Ordinal) && document.TokenAt(t.Head).Head < 0)
                return true;
            token = t.Head;
        }
        return false;
    }

    private static bool HasDefiniteArticle(ParsedSentence sentence, int token)
    {
        foreach (int child in sentence.Children(token))
        {
            if (sentence.Label(child) == "det" && sentence.Lemma(child) is "the" or "this")
                return true;
        }
        return false;
    }

    // "the Isis militants" names its group already; the modifier path handles it.
    // Only modifiers name the noun itself: "the city from ISIS" (retaken from) is still a reference to a city.
    private static bool HasNameOn(ParsedSentence sentence, int[] mentionAt, int token)
    {
        foreach (int child in sentence.Children(token))
        {
            if (mentionAt[sentence.First + child] >= 0 && sentence.Label(child) is "compound" or "amod" or "nmod:poss" or "flat" or "appos" or "nmod:desc")
                return true;
        }
        return false;
    }

    private static bool HasCaseOf(ParsedSentence sentence, int token)
    {
        foreach (int child in sentence.Children(token))
        {
            if (sentence.Label(child) == "case" && sentence.Lemma(child) == "of")
                return true;
        }
        return false;
    }
}
