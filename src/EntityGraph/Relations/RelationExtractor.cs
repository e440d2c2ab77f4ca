namespace EntityGraph.Relations;

/// <summary>
/// Reads typed relations off the dependency parse with the patterns of a <see cref="RelationSchema"/>: at each trigger
/// (or argument, for appositions and titles) it follows the pattern's paths to argument tokens, maps them to mentions
/// and their canonical entities, checks the entity types, and records the evidence. A relation stated under negation,
/// a modal, a hedge ("considering sending") or a condition is kept with its modality and is not asserted.
/// </summary>
public sealed class RelationExtractorStage : PipelineStage
{
    // Modifiers through which an argument token reaches the names on it: "US officials", "Iranian officials", "Isis fighters".
    private static readonly string[] ModifierLabels = ["compound", "amod", "nmod:poss", "flat"];

    private static readonly string[] RelativePronouns = ["which", "who", "whom", "that"];

    // Nouns that name a place by its kind: the names on them are where they are, not what they are.
    private static readonly string[] PlaceNouns = ["city", "town", "village", "capital", "province", "region", "district", "area", "port", "stronghold",
        "governorate", "state", "county", "township", "base", "airbase", "crossing", "peninsula", "island", "enclave", "territory", "strip"];

    // Words for a share of something: "most of", "parts of", "the outskirts of".
    private static readonly string[] Partitives = ["most", "part", "much", "half", "all", "rest", "majority", "bulk", "remainder", "some",
        "section", "swath", "swathe", "outskirts", "center", "centre", "neighbourhood", "neighborhood", "portion",
        // Quantities of a force: "hundreds of Kenyan police landed", "thousands of its fighters launched".
        "hundred", "thousand", "dozen", "score", "couple", "handful", "number", "batch", "contingent", "detachment"];

    // Nouns for people who are not a party's forces or officials: "Iranian protesters attacked the embassy" is not
    // an attack by Iran, "Palestinian civilians" are not the Palestinian side.
    private static readonly string[] NonPartyNouns = ["protester", "protestor", "demonstrator", "civilian", "student", "journalist", "reporter",
        "resident", "citizen", "refugee", "migrant", "worker", "tourist", "fan", "voter", "passenger", "hostage", "prisoner", "victim", "pilgrim",
        "child", "woman", "man", "people", "family", "national", "expatriate", "mob", "crowd", "supporter", "rioter", "settler", "farmer"];

    // Force nouns whose "from" phrase names the sending country: "soldiers from Chad", "officers from Kenya".
    private static readonly string[] ForceNouns = ["troop", "force", "soldier", "officer", "police", "policeman", "personnel", "marine",
        "paratrooper", "commando", "peacekeeper", "contingent", "unit", "jet", "warplane", "warship", "tank", "fighter"];

    // Place nouns whose name stands before them as a compound: "the Kunduz province" is Kunduz (but "a Ukraine base" is not Ukraine).
    private static readonly string[] AreaNouns = ["province", "region", "state", "governorate", "district", "county", "township", "city", "town", "village"];

    // Titles that stand before or around a person's name: "Venezuelan President Nicolas Maduro" is Maduro, not Venezuela.
    private static readonly string[] TitleNouns = ["president", "minister", "secretary", "counterpart", "leader", "chief", "king", "queen", "prince",
        "chancellor", "premier", "spokesman", "spokeswoman", "general", "commander", "ambassador", "envoy", "head", "emir", "sultan", "prime"];

    // Nouns for the people or forces of a party, whose "of" phrase names it: "the foreign ministers of Iran and Saudi Arabia".
    private static readonly string[] PartyNouns = ["minister", "leader", "official", "representative", "delegation", "delegate", "envoy",
        "president", "government", "force", "troop", "army", "military", "soldier", "head", "negotiator", "diplomat"];

    // How a person's name hangs on a title.
    private static readonly string[] NameChildLabels = ["flat", "appos", "compound", "nmod:desc", "conj", "nmod"];

    /// <summary>Creates the stage with <paramref name="schema"/> (the default schema when null).</summary>
    /// <param name="schema">The relation types to extract.</param>
    /// <param name="options">The learned scorer and the confidence cut; the embedded model and its own cut when null.</param>
    public RelationExtractorStage(RelationSchema? schema = null, RelationExtractorOptions? options = null)
    {
        Schema = schema ?? RelationSchema.Default;
        options ??= new RelationExtractorOptions();
        if (options.MinConfidence is double min && (double.IsNaN(min) || min < 0 || min > 1))
            throw new ArgumentOutOfRangeException(nameof(options), min, "MinConfidence must be between 0 and 1.");
        Model = options.UseModel ? options.Model ?? RelationModel.Default : null;
        MinConfidence = options.MinConfidence ?? Model?.Threshold ?? 0;
    }

    /// <summary>The relation types this stage extracts.</summary>
    public RelationSchema Schema { get; }

    /// <summary>The learned scorer that judges each candidate statement, or null for pattern-only extraction.</summary>
    public RelationModel? Model { get; }

    /// <summary>The confidence at or above which a scored relation is asserted.</summary>
    public double MinConfidence { get; }

    /// <inheritdoc />
    public override string Name => "relations";

    /// <inheritdoc />
    public override Annotations Requires => Annotations.Sentences | Annotations.Lemmas | Annotations.Dependencies | Annotations.Entities;

    /// <inheritdoc />
    public override Annotations Assigns => Annotations.Relations;

    /// <inheritdoc />
    public override void Process(Document document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Mentions.Count < 2)
            return;
        var relations = new Dictionary<(string Type, int Subject, int Object), Relation>();
        int[] mentionAt = MentionByToken(document);
        var subjects = new List<int>();
        var objects = new List<int>();
        var tokens = new List<int>();
        var pairs = new List<(int, int)>();
        var sentences = new SentenceCache(document);
        var triggerKinds = new List<byte>();
        for (int s = 0; s < document.SentenceCount; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Span span = document.Sentences[s];
            // One name is enough: the other argument may be a pronoun ("He met Zarif"); with none, both may be references
            // ("The group captured the town"), whose antecedents lie at most a few sentences back.
            if (!HasMention(mentionAt, span) && (s == 0 || !HasMention(mentionAt, document.Sentences[Math.Max(0, s - Anaphora.NominalSentencesBack)].FirstToken, span.FirstToken)))
                continue;
            ParsedSentence sentence = sentences.Get(s);
            int dateline = sentence.First + DatelineEnd(sentence, mentionAt);
            foreach (RelationType type in Schema.Types)
            {
                // The type's trigger words in this sentence, read once for all of its trigger patterns.
                bool triggersRead = false;
                foreach (RelationPattern pattern in type.Patterns)
                {
                    if (pattern.Anchor == PatternAnchor.Trigger)
                    {
                        if (!triggersRead)
                        {
                            TriggerKinds(sentence, type, triggerKinds);
                            triggersRead = true;
                        }
                        for (int t = 0; t < sentence.Count; t++)
                        {
                            if (!KindMatches(triggerKinds[t], pattern.TriggerKind!))
                                continue;
                            subjects.Clear();
                            objects.Clear();
                            Arguments(sentence, mentionAt, pattern.Subject!, t, tokens, subjects, dateline - sentence.First);
                            RemoveDateline(document, subjects, sentence.First, dateline);
                            if (pattern.TriggerKind == "noun" && !pattern.Pairwise)
                                KeepPossessor(sentence, mentionAt, t, subjects, tokens);
                            if (subjects.Count == 0)
                                continue;
                            if (pattern.Pairwise)
                                objects.AddRange(subjects);
                            else
                                Arguments(sentence, mentionAt, pattern.Object!, t, tokens, objects, dateline - sentence.First);
                            RemoveDateline(document, objects, sentence.First, dateline);
                            string? modality = Modality(sentence, t, Schema.Modality);
                            Add(document, relations, type, pattern, sentence, t, subjects, objects, modality);
                        }
                    }
                    else if (pattern.Anchor == PatternAnchor.Sequence)
                    {
                        pairs.Clear();
                        pattern.Sequence!.Match(sentence, mentionAt, document.Mentions, pairs);
                        foreach ((int subject, int obj) in pairs)
                        {
                            subjects.Clear();
                            objects.Clear();
                            subjects.Add(subject);
                            objects.Add(obj);
                            // A title states a standing fact; a modal elsewhere in the sentence does not govern it.
                            Add(document, relations, type, pattern, sentence, -1, subjects, objects, modality: null);
                        }
                    }
                    else if (pattern.Anchor == PatternAnchor.Headline)
                    {
                        if (s == 0 && IsHeadline(document))
                            Headline(document, sentence, mentionAt, relations, type, pattern, subjects, objects);
                    }
                    else
                    {
                        AnchoredAtSubject(document, sentence, mentionAt, relations, type, pattern, tokens, objects, dateline);
                    }
                }
            }
        }
        if (Model is not null)
            RelationScoring.Rescore(document, mentionAt, Schema, Model, MinConfidence, relations, sentences);
        foreach (Relation relation in relations.Values)
            document.AddRelation(relation);
    }

    /// <summary>Whether the first sentence is a headline: a line of its own, not closed by a full stop, before the story.</summary>
    private static bool IsHeadline(Document document)
    {
        if (document.SentenceCount < 2 || !Anaphora.ParagraphBreakBefore(document, 1))
            return false;
        SentenceData first = document.SentenceAt(0);
        ref TokenData last = ref document.TokenAt(first.FirstToken + first.TokenCount - 1);
        return document.Text.AsSpan(last.Start, last.Length) is not ("." or "!" or "?");
    }

    // Words before a headline verb that make it future, planned or negated: "US to send troops", "Iran won't attend".
    private static readonly string[] HeadlineModals = ["to", "will", "would", "could", "may", "might", "should", "must", "plans", "mulls", "weighs",
        "considers", "not", "n't", "never", "won't", "wants", "threatens", "vows", "seeks"];

    // Words that end the headline's object phrase: "Israel sends troops to Gaza after Hamas attack".
    private static readonly string[] HeadlineStops = ["after", "as", "amid", "despite", "while", "following", "ahead", "before", "since", "but",
        "says", "said", "claims", "in", "at", "near", "from", ":", ";", "—", "–", "|"];

    /// <summary>
    /// Reads a telegraphic headline ("Taliban seize most of northern city of Kunduz", "Rwanda deploys troops to Mozambique"):
    /// the subject is the names of the phrase just before the first verb trigger, the object the first name after it
    /// (after one of <see cref="RelationPattern.ObjectAfter"/> when given) that is not a nationality word, a possessor
    /// ("Egypt's Sisi" is Sisi) or, unless the pattern allows it, a modifier of a noun ("Ukraine base" is not Ukraine).
    /// Headline parses are poor (title case, no articles, verbs tagged as nouns), so this reads words and tags only.
    /// </summary>
    private static void Headline(Document document, ParsedSentence sentence, int[] mentionAt, Dictionary<(string, int, int), Relation> relations,
        RelationType type, RelationPattern pattern, List<int> subjects, List<int> objects)
    {
        for (int t = 1; t < sentence.Count; t++)
        {
            if (mentionAt[sentence.First + t] >= 0 || !IsHeadlineVerb(sentence, t, pattern.HeadlineVerbs!))
                continue;
            subjects.Clear();
            objects.Clear();
            for (int b = t - 1, steps = 0; b >= 0 && steps < 8; b--, steps++)
            {
                int m = mentionAt[sentence.First + b];
                if (m >= 0)
                {
                    Mention mention = document.Mentions[m];
                    if (!IsPossessor(sentence, mention) && !subjects.Contains(m))
                        subjects.Add(m);
                    b = mention.FirstToken - sentence.First;
                    continue;
                }
                if (sentence.Text(b) is "and" or "," or "&" or "-" || IsPossessive(sentence.Text(b)) || sentence.Upos(b) is "ADJ" or "NOUN" or "PROPN" or "NUM" or "DET")
                    continue;
                break;
            }
            if (subjects.Count == 0)
                return;
            bool after = pattern.ObjectAfter is null;
            for (int a = t + 1; a < sentence.Count && a <= t + 12; a++)
            {
                int m = mentionAt[sentence.First + a];
                if (m < 0)
                {
                    string word = sentence.Text(a).ToString().ToLowerInvariant();
                    if (pattern.ObjectAfter is not null && DependencyPath.Contains(pattern.ObjectAfter, word))
                    {
                        after = true;
                        continue;
                    }
                    if (DependencyPath.Contains(HeadlineStops, word))
                        break;
                    continue;
                }
                Mention mention = document.Mentions[m];
                a = mention.FirstToken - sentence.First + mention.TokenCount - 1;
                if (!after || mention.Label == "MISC" || IsPossessor(sentence, mention))
                    continue;
                if (!pattern.ObjectMayModify && a + 1 < sentence.Count && sentence.Upos(a + 1) == "NOUN" && mentionAt[sentence.First + a + 1] < 0
                    && !DependencyPath.Contains(AreaNouns, sentence.Lemma(a + 1)))
                    continue;
                objects.Add(m);
                break;
            }
            if (objects.Count == 0)
            {
                if (!type.Symmetric || subjects.Count < 2)
                    return;
                objects.AddRange(subjects);
            }
            string? modality = DependencyPath.Contains(HeadlineModals, sentence.Text(t - 1).ToString().ToLowerInvariant()) ? "modal" : null;
            Add(document, relations, type, pattern, sentence, t, subjects, objects, modality);
            return;
        }
    }

    private static bool IsHeadlineVerb(ParsedSentence sentence, int token, string[] verbs)
    {
        if (sentence.Upos(token) is "ADP" or "DET" or "PRON" or "PUNCT" or "CCONJ" or "NUM")
            return false;
        if (DependencyPath.Contains(verbs, sentence.Lemma(token)))
            return true;
        // Title case and headline tagging hide the verb: "Seizes", "Deploys" tagged as nouns with themselves as lemma.
        ReadOnlySpan<char> text = sentence.Text(token);
        foreach (string verb in verbs)
        {
            if (text.Equals(verb, StringComparison.OrdinalIgnoreCase)
                || (text.Length == verb.Length + 1 && (text[^1] is 's' or 'S') && text.StartsWith(verb, StringComparison.OrdinalIgnoreCase)))
                return true;
        }
        return false;
    }

    private static bool IsPossessive(ReadOnlySpan<char> word) => word is "'s" or "’s" or "'" or "’";

    private static bool IsPossessor(ParsedSentence sentence, Mention mention)
    {
        int next = mention.FirstToken - sentence.First + mention.TokenCount;
        return next < sentence.Count && IsPossessive(sentence.Text(next));
    }

    /// <summary>
    /// Where a dateline ends ("MOSCOW —", "KABUL, Afghanistan (AP) —", "CAIRO:", "Baghdad, April 2:"): the sentence-relative index of its dash or
    /// colon, or 0 when the sentence has none. The names in a dateline say where the story was filed; parsers often make
    /// them the subject of the first clause, so trigger patterns take no arguments there.
    /// </summary>
    private static int DatelineEnd(ParsedSentence sentence, int[] mentionAt)
    {
        int first = mentionAt[sentence.First];
        if (first < 0)
            return 0;
        Mention m = sentence.Document.Mentions[first];
        bool upper = IsUpperName(m.Text);
        int limit = Math.Min(sentence.Count - 1, 14);
        // Only names, dates and punctuation between the place and the mark: "Baghdad, April 2:", "KABUL, Afghanistan (AP) —".
        bool plain = true;
        for (int t = m.TokenCount; t <= limit; t++)
        {
            ReadOnlySpan<char> text = sentence.Text(t);
            bool mark = text is "—" or "–" or "--" or ":" || (text is "-" && t > m.TokenCount);
            if (mark)
                return upper || t == m.TokenCount || (plain && t > m.TokenCount) ? t : 0;
            plain &= sentence.Upos(t) is "PUNCT" or "NUM" or "PROPN";
        }
        return 0;
    }

    private static bool IsUpperName(string text)
    {
        int letters = 0;
        foreach (char c in text)
        {
            if (char.IsLetter(c))
            {
                if (!char.IsUpper(c))
                    return false;
                letters++;
            }
        }
        return letters >= 3;
    }

    private static void RemoveDateline(Document document, List<int> mentions, int sentenceStart, int datelineEnd)
    {
        if (datelineEnd <= sentenceStart)
            return;
        for (int i = mentions.Count - 1; i >= 0; i--)
        {
            int first = document.Mentions[mentions[i]].FirstToken;
            if (first >= sentenceStart && first < datelineEnd)
                mentions.RemoveAt(i);
        }
    }

    private void AnchoredAtSubject(Document document, ParsedSentence sentence, int[] mentionAt, Dictionary<(string, int, int), Relation> relations,
        RelationType type, RelationPattern pattern, List<int> tokens, List<int> objects, int dateline)
    {
        IReadOnlyList<Mention> mentions = document.Mentions;
        for (int t = 0; t < sentence.Count; t++)
        {
            int m = mentionAt[sentence.First + t];
            if (m < 0 || HeadToken(document, mentions[m], sentence) != t)
                continue;
            objects.Clear();
            Arguments(sentence, mentionAt, pattern.Object!, t, tokens, objects);
            objects.Remove(m);
            // A name in the dateline modifies nothing after it ("SINGAPORE, Nov 7 – Chinese President Xi Jinping").
            if (mentions[m].FirstToken >= dateline)
                RemoveDateline(document, objects, sentence.First, dateline);
            if (objects.Count == 0)
                continue;
            Add(document, relations, type, pattern, sentence, -1, [m], objects, Modality(sentence, t, Schema.Modality, anchoredOnArgument: true));
        }
    }

    private static void Add(Document document, Dictionary<(string, int, int), Relation> relations, RelationType type, RelationPattern pattern,
        ParsedSentence sentence, int trigger, List<int> subjects, List<int> objects, string? modality)
    {
        IReadOnlyList<Mention> mentions = document.Mentions;
        foreach (int sm in subjects)
        {
            foreach (int om in objects)
            {
                int se = mentions[sm].EntityIndex, oe = mentions[om].EntityIndex;
                if (se < 0 || oe < 0 || se == oe)
                    continue;
                if (!Allows(type.SubjectTypes, document.Entities[se].Type) || !Allows(type.ObjectTypes, document.Entities[oe].Type))
                    continue;
                if (type.SubjectNotCountry && Anaphora.IsCountry(document, se))
                    continue;
                (int subjectEntity, int objectEntity, int subjectMention, int objectMention) = (se, oe, sm, om);
                if (type.Symmetric && se > oe)
                    (subjectEntity, objectEntity, subjectMention, objectMention) = (oe, se, om, sm);
                var key = (type.Name, subjectEntity, objectEntity);
                if (!relations.TryGetValue(key, out Relation? relation))
                {
                    relation = new Relation(type.Name, subjectEntity, objectEntity, type.Symmetric);
                    relations.Add(key, relation);
                }
                int triggerStart = -1, triggerEnd = -1;
                if (trigger >= 0)
                {
                    ref TokenData t = ref document.TokenAt(sentence.First + trigger);
                    triggerStart = t.Start;
                    triggerEnd = t.End;
                }
                var evidence = new RelationEvidence(sentence.Index, triggerStart, triggerEnd, subjectMention, objectMention, pattern.Name) { Modality = modality };
                if (!relation.Evidence.Contains(evidence))
                    relation.AddEvidence(evidence);
            }
        }
    }

    private static bool Allows(IReadOnlyList<string> types, string type)
    {
        foreach (string t in types)
        {
            if (t == type)
                return true;
        }
        return false;
    }

    private const byte VerbTrigger = 1, NounTrigger = 2;

    /// <summary>
    /// Fills <paramref name="kinds"/> with, per token, <see cref="VerbTrigger"/> or <see cref="NounTrigger"/> when it is
    /// a trigger of <paramref name="type"/> as a verb (VERB, AUX) or a noun (NOUN, PROPN), else 0.
    /// </summary>
    private static void TriggerKinds(ParsedSentence sentence, RelationType type, List<byte> kinds)
    {
        kinds.Clear();
        for (int token = 0; token < sentence.Count; token++)
            kinds.Add(TriggerKindOf(sentence, token, type));
    }

    private static bool KindMatches(byte found, string kind) => found != 0 && kind switch
    {
        "verb" => found == VerbTrigger,
        "noun" => found == NounTrigger,
        _ => true,
    };

    private static byte TriggerKindOf(ParsedSentence sentence, int token, RelationType type)
    {
        string upos = sentence.Upos(token);
        bool verb = upos is "VERB" or "AUX";
        bool noun = upos is "NOUN" or "PROPN";
        if (!verb && !noun)
            return 0;
        if (!type.TriggersByHead.TryGetValue(sentence.Lemma(token), out Trigger[]? triggers))
            return 0;
        foreach (Trigger trigger in triggers)
        {
            if (trigger.Noun != noun)
                continue;
            if (trigger.Children.Length == 0 || HasChildLemmas(sentence, token, trigger.Children))
                return noun ? NounTrigger : VerbTrigger;
        }
        return 0;
    }

    private static bool HasChildLemmas(ParsedSentence sentence, int token, string[] lemmas)
    {
        foreach (string lemma in lemmas)
        {
            bool found = false;
            foreach (int child in sentence.Children(token))
            {
                if (string.Equals(sentence.Lemma(child), lemma, StringComparison.OrdinalIgnoreCase))
                {
                    found = true;
                    break;
                }
            }
            if (!found)
                return false;
        }
        return true;
    }

    /// <summary>The mentions a path reaches: names on the reached tokens, on their modifiers, and on their conjuncts.</summary>
    private static void Arguments(ParsedSentence sentence, int[] mentionAt, DependencyPath path, int anchor, List<int> tokens, List<int> mentions,
        int datelineEnd = 0)
    {
        tokens.Clear();
        path.Match(sentence, anchor, tokens);
        foreach (int token in tokens)
        {
            // "CAIRO: US Secretary of State Antony Blinken met", "MOSCOW — Russian President Vladimir Putin spoke": the
            // parser hangs the real subject on the dateline; read the names after the dash, people first.
            if (token < datelineEnd)
            {
                int before = mentions.Count;
                foreach (int child in sentence.Children(token))
                {
                    if (child > datelineEnd && sentence.Label(child) is "appos" or "list" or "dep" or "parataxis" or "conj")
                        CollectNames(sentence, mentionAt, child, mentions, depth: 0);
                }
                bool anyPerson = false;
                for (int i = before; i < mentions.Count; i++)
                    anyPerson |= Anaphora.TypeOf(sentence.Document, mentions[i]) == "PER";
                for (int i = mentions.Count - 1; anyPerson && i >= before; i--)
                {
                    if (Anaphora.TypeOf(sentence.Document, mentions[i]) != "PER")
                        mentions.RemoveAt(i);
                }
                continue;
            }
            CollectNames(sentence, mentionAt, token, mentions, depth: 0);
            int named = mentionAt[sentence.First + token];
            bool person = named >= 0 && Anaphora.TypeOf(sentence.Document, named) == "PER";
            foreach (int child in sentence.Children(token))
            {
                string label = sentence.Label(child);
                // "Putin, Ukraine's Poroshenko, Hollande and Merkel held talks": a list of people parsed as appositions.
                if (person && label == "appos" && mentionAt[sentence.First + child] is int listed and >= 0
                    && Anaphora.TypeOf(sentence.Document, listed) == "PER")
                {
                    if (!mentions.Contains(listed))
                        mentions.Add(listed);
                    continue;
                }
                // "X, Y, Z and W held talks": the parser may join the middle names to the first with "list" instead of "conj".
                if (label is not ("conj" or "list"))
                    continue;
                // Names coordinated with a name are of its kind ("Zarif and Ashton", "Iran and the US"); a conjunct of
                // another kind is usually a misattached modifier ("Zarif and EU foreign policy chief Ashton").
                int conjunct = mentionAt[sentence.First + child];
                if (named >= 0 && conjunct >= 0 && Anaphora.TypeOf(sentence.Document, conjunct) != Anaphora.TypeOf(sentence.Document, named))
                    continue;
                CollectNames(sentence, mentionAt, child, mentions, depth: 0);
            }
        }
    }

    private static void CollectNames(ParsedSentence sentence, int[] mentionAt, int token, List<int> mentions, int depth)
    {
        int m = mentionAt[sentence.First + token];
        if (m >= 0)
        {
            // "spoke with Venezuelan President Nicolas Maduro", parsed with the nationality word as the head: the person.
            if (sentence.Document.Mentions[m].Label == "MISC" && AddPersonOnTitle(sentence, mentionAt, token, mentions))
                return;
            if (!mentions.Contains(m))
                mentions.Add(m);
            return;
        }
        if (depth > 0)
            return;
        string lemma = sentence.Lemma(token);
        // "Mosul, Iraq's second-largest city, which was taken": a relative pronoun stands for the noun its clause modifies.
        if (sentence.Upos(token) == "PRON" && DependencyPath.Contains(RelativePronouns, lemma))
        {
            // "ISIS, which took the city": a relative after a comma stands for the name just before it, wherever the
            // parser attached its clause.
            if (token >= 2 && sentence.Text(token - 1) is "," && mentionAt[sentence.First + token - 2] is int named and >= 0)
            {
                if (!mentions.Contains(named))
                    mentions.Add(named);
                return;
            }
            int clause = sentence.Head(token);
            if (clause >= 0 && DependencyPath.LabelMatches("acl", sentence.Label(clause)) && sentence.Head(clause) >= 0)
                CollectNames(sentence, mentionAt, sentence.Head(clause), mentions, depth);
            return;
        }
        if (Anaphora.TryResolve(sentence, mentionAt, token) is int antecedent and >= 0)
        {
            if (!mentions.Contains(antecedent))
                mentions.Add(antecedent);
            return;
        }
        if (DependencyPath.Contains(PlaceNouns, lemma))
        {
            // A place noun is the place it names ("the city of Tel Afar", "the Kunduz province", "Mekelle, the capital")
            // or the name it is in apposition to ("Mosul, Iraq's second-largest city"); the names that modify it
            // otherwise ("Iraq's", "a northern Iraqi city") contain it.
            foreach (int child in sentence.Children(token))
            {
                string childLabel = sentence.Label(child);
                // "the northern districts of the town of Rutbah": a place noun of a place noun reads on.
                if (DependencyPath.LabelMatches("nmod", childLabel) && HasCase(sentence, child, "of") && mentionAt[sentence.First + child] < 0
                    && DependencyPath.Contains(PlaceNouns, sentence.Lemma(child)) && depth == 0)
                    CollectNames(sentence, mentionAt, child, mentions, depth);
                else if ((DependencyPath.LabelMatches("nmod", childLabel) && HasCase(sentence, child, "of")) || childLabel is "appos" or "flat"
                    || (childLabel == "compound" && DependencyPath.Contains(AreaNouns, lemma) && IsLocation(sentence, mentionAt, child))
                    // "arrived at Rzeszow military base": a town's name on a base or airport is where it is (but "a
                    // Ukraine base" is not Ukraine).
                    || (childLabel == "compound" && IsLocation(sentence, mentionAt, child)
                        && !Anaphora.IsCountry(sentence.Document, sentence.Document.Mentions[mentionAt[sentence.First + child]].EntityIndex)))
                    CollectNames(sentence, mentionAt, child, mentions, depth + 1);
            }
            int head = sentence.Head(token);
            if (head >= 0 && sentence.Label(token) == "appos")
                CollectNames(sentence, mentionAt, head, mentions, depth + 1);
            return;
        }
        // "most of the city of Kunduz", "parts of Mosul": a share of a place is taken, attacked or entered with it.
        if (DependencyPath.Contains(Partitives, lemma))
        {
            foreach (int child in sentence.Children(token))
            {
                if (DependencyPath.LabelMatches("nmod", sentence.Label(child)) && HasCase(sentence, child, "of"))
                    CollectNames(sentence, mentionAt, child, mentions, depth);
            }
            return;
        }
        if (DependencyPath.Contains(NonPartyNouns, lemma))
            return;
        // "soldiers from Chad arrived": the country a force comes from sent it (a unit it comes from is not the sender).
        if (DependencyPath.Contains(ForceNouns, lemma))
        {
            foreach (int child in sentence.Children(token))
            {
                if (DependencyPath.LabelMatches("nmod", sentence.Label(child)) && HasCase(sentence, child, "from")
                    && mentionAt[sentence.First + child] is int origin and >= 0 && Anaphora.TypeOf(sentence.Document, origin) == "LOC"
                    && !mentions.Contains(origin))
                    mentions.Add(origin);
            }
        }
        // "Venezuelan President Nicolas Maduro", "his Turkish counterpart Tayyip Erdogan": the title stands for the person.
        if (DependencyPath.Contains(TitleNouns, lemma) && AddPersonOnTitle(sentence, mentionAt, token, mentions))
            return;
        // "the foreign ministers of Iran and Saudi Arabia", "forces of the Kurdish government": the party is the "of" phrase.
        if (DependencyPath.Contains(PartyNouns, lemma))
        {
            foreach (int child in sentence.Children(token))
            {
                if (DependencyPath.LabelMatches("nmod", sentence.Label(child)) && HasCase(sentence, child, "of"))
                {
                    CollectNames(sentence, mentionAt, child, mentions, depth + 1);
                    foreach (int grandchild in sentence.Children(child))
                    {
                        if (sentence.Label(grandchild) == "conj")
                            CollectNames(sentence, mentionAt, grandchild, mentions, depth + 1);
                    }
                }
            }
        }
        // A noun renamed in apposition is that name: "Tigray's ruling party, the TPLF" is the TPLF, not Tigray.
        if (depth == 0)
        {
            bool renamed = false;
            foreach (int child in sentence.Children(token))
            {
                if (sentence.Label(child) == "appos" && mentionAt[sentence.First + child] is int appositive and >= 0)
                {
                    if (!mentions.Contains(appositive))
                        mentions.Add(appositive);
                    renamed = true;
                }
            }
            if (renamed)
                return;
        }
        // A common noun stands for the names on it: "US and Iranian officials", "Isis fighters".
        foreach (int child in sentence.Children(token))
        {
            string label = sentence.Label(child);
            foreach (string modifier in ModifierLabels)
            {
                if (DependencyPath.LabelMatches(modifier, label))
                {
                    // "its fighters", "their troops": the possessor party, when the noun is one a party owns.
                    if (label == "nmod:poss" && Anaphora.ResolvePossessive(sentence, mentionAt, child) is int owner and >= 0)
                    {
                        if (!mentions.Contains(owner))
                            mentions.Add(owner);
                        break;
                    }
                    // "the Saudi-led coalition", "US-led airstrikes": the leader's name hangs on "led", and the leader acts
                    // through what it leads ("US-backed rebels" are not the US: only "led").
                    if (label == "amod" && sentence.Lemma(child) == "lead" && mentionAt[sentence.First + child] < 0)
                    {
                        foreach (int leader in sentence.Children(child))
                        {
                            if (leader < child && mentionAt[sentence.First + leader] >= 0)
                                CollectNames(sentence, mentionAt, leader, mentions, depth + 1);
                        }
                        break;
                    }
                    CollectNames(sentence, mentionAt, child, mentions, depth + 1);
                    foreach (int grandchild in sentence.Children(child))
                    {
                        if (sentence.Label(grandchild) == "conj")
                            CollectNames(sentence, mentionAt, grandchild, mentions, depth + 1);
                    }
                    break;
                }
            }
        }
    }

    /// <summary>
    /// An event noun with a possessor names its agent there: "Russia in its invasion of Ukraine" was invaded by Russia, not
    /// by the clause's subject ("Iran, which backed Russia in its invasion of Ukraine"). When the trigger's possessor
    /// stands for names, subjects reached by other paths are dropped.
    /// </summary>
    private static void KeepPossessor(ParsedSentence sentence, int[] mentionAt, int trigger, List<int> subjects, List<int> scratch)
    {
        if (subjects.Count == 0)
            return;
        scratch.Clear();
        foreach (int child in sentence.Children(trigger))
        {
            if (sentence.Label(child) != "nmod:poss")
                continue;
            if (Anaphora.ResolvePossessive(sentence, mentionAt, child) is int owner and >= 0)
                scratch.Add(owner);
            else
                CollectNames(sentence, mentionAt, child, scratch, depth: 0);
        }
        if (scratch.Count == 0)
            return;
        for (int i = subjects.Count - 1; i >= 0; i--)
        {
            if (!scratch.Contains(subjects[i]))
                subjects.RemoveAt(i);
        }
    }

    private static bool IsLocation(ParsedSentence sentence, int[] mentionAt, int token)
    {
        int m = mentionAt[sentence.First + token];
        return m >= 0 && Anaphora.TypeOf(sentence.Document, m) == "LOC" && sentence.Document.Mentions[m].Label == "LOC";
    }

    private static bool AddPersonOnTitle(ParsedSentence sentence, int[] mentionAt, int token, List<int> mentions)
    {
        foreach (int child in sentence.Children(token))
        {
            if (!DependencyPath.Contains(NameChildLabels, sentence.Label(child)))
                continue;
            int m = mentionAt[sentence.First + child];
            if (m >= 0 && Anaphora.TypeOf(sentence.Document, m) == "PER")
            {
                if (!mentions.Contains(m))
                    mentions.Add(m);
                return true;
            }
        }
        // "between Austin and Israeli Defense Minister Yoav Gallant", parsed with the name beside the title rather than
        // under it: a person's name right after the title (ranks between) is the person.
        int next = token + 1;
        while (next < sentence.Count && DependencyPath.Contains(RankWords, sentence.Text(next).ToString().ToLowerInvariant()))
            next++;
        if (next < sentence.Count && mentionAt[sentence.First + next] is int adjacent and >= 0
            && sentence.Document.Mentions[adjacent].FirstToken == sentence.First + next && Anaphora.TypeOf(sentence.Document, adjacent) == "PER")
        {
            if (!mentions.Contains(adjacent))
                mentions.Add(adjacent);
            return true;
        }
        return false;
    }

    // Ranks and honorifics between a title and a name: "Defense Minister Lt. Gen. X".
    private static readonly string[] RankWords = ["lt", "lt.", "gen", "gen.", "col", "col.", "maj", "maj.", "adm", "adm.", "rear", "brig", "brig.",
        "dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "sheikh", "prince", "general", "colonel", "major", "admiral", "sir"];

    private static bool HasMarkTo(ParsedSentence sentence, int token)
    {
        foreach (int child in sentence.Children(token))
        {
            if (sentence.Label(child) == "mark" && sentence.Lemma(child) == "to")
                return true;
        }
        return false;
    }

    private static bool HasCase(ParsedSentence sentence, int token, string lemma)
    {
        foreach (int child in sentence.Children(token))
        {
            if (sentence.Label(child) == "case" && string.Equals(sentence.Lemma(child), lemma, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    /// <summary>
    /// Why the statement at <paramref name="token"/> is not asserted (negated, modal, hedged, conditional), or null.
    /// Looks at the token and up to three governing clauses ("considering sending", "no plans to send").
    /// </summary>
    private static string? Modality(ParsedSentence sentence, int token, ModalityLexicon lexicon, bool anchoredOnArgument = false)
    {
        if (anchoredOnArgument)
            return null;
        int current = token;
        for (int level = 0; level < 4 && current >= 0; level++)
        {
            // A root infinitive is the headline future: "US to send troops to Israel".
            if (sentence.Head(current) < 0 && HasMarkTo(sentence, current))
                return "modal";
            if (level > 0 && lexicon.Factive.Contains(sentence.Lemma(current)))
                return null;
            if (level > 0 && lexicon.HedgeWords.Contains(sentence.Lemma(current)))
                return "hedged";
            // Negation outranks a modal: "won't send" is negated, not merely possible.
            string? found = null;
            foreach (int child in sentence.Children(current))
            {
                string label = sentence.Label(child);
                string lemma = sentence.Lemma(child);
                if ((label is "det" or "neg" || DependencyPath.LabelMatches("advmod", label)) && lexicon.Negators.Contains(lemma))
                    return "negated";
                if (DependencyPath.LabelMatches("aux", label) && lexicon.ModalAuxiliaries.Contains(lemma))
                    found ??= "modal";
                else if (label == "mark" && lexicon.ConditionalMarks.Contains(lemma))
                    found ??= "conditional";
            }
            if (found is not null)
                return found;
            string relation = sentence.Label(current);
            if (!(DependencyPath.LabelMatches("xcomp", relation) || DependencyPath.LabelMatches("ccomp", relation)
                || DependencyPath.LabelMatches("acl", relation) || DependencyPath.LabelMatches("advcl", relation)))
                break;
            current = sentence.Head(current);
        }
        return null;
    }

    private static int HeadToken(Document document, Mention mention, ParsedSentence sentence) => HeadToken(mention, sentence);

    /// <summary>The sentence-relative token of <paramref name="mention"/> whose head lies outside the mention.</summary>
    internal static int HeadToken(Mention mention, ParsedSentence sentence)
    {
        // Clipped to the sentence: a custom stage may add a mention that crosses a sentence boundary.
        int first = Math.Max(0, mention.FirstToken - sentence.First);
        int last = Math.Min(sentence.Count - 1, mention.FirstToken - sentence.First + mention.TokenCount - 1);
        for (int t = first; t <= last; t++)
        {
            int head = sentence.Head(t);
            if (head < first || head > last)
                return t;
        }
        return first;
    }

    internal static int[] MentionByToken(Document document)
    {
        var at = new int[document.TokenCount];
        Array.Fill(at, -1);
        foreach (Mention m in document.Mentions)
        {
            for (int t = m.FirstToken; t < m.FirstToken + m.TokenCount; t++)
                at[t] = m.Index;
        }
        return at;
    }

    private static bool HasMention(int[] mentionAt, Span sentence) => HasMention(mentionAt, sentence.FirstToken, sentence.EndToken);

    private static bool HasMention(int[] mentionAt, int first, int end)
    {
        for (int t = first; t < end; t++)
        {
            if (mentionAt[t] >= 0)
                return true;
        }
        return false;
    }
}
