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
    private static readonly string[] PlaceNouns = ["city", "town", "village", "capital", "province", "region", "district", "area", "port", "stronghold"];

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
        for (int s = 0; s < document.SentenceCount; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Span span = document.Sentences[s];
            // One name is enough: the other argument may be a pronoun ("He met Zarif").
            if (!HasMention(mentionAt, span))
                continue;
            var sentence = new ParsedSentence(document, s);
            foreach (RelationType type in Schema.Types)
            {
                foreach (RelationPattern pattern in type.Patterns)
                {
                    if (pattern.Anchor == PatternAnchor.Trigger)
                    {
                        for (int t = 0; t < sentence.Count; t++)
                        {
                            if (!IsTrigger(sentence, t, type, pattern.TriggerKind!))
                                continue;
                            subjects.Clear();
                            objects.Clear();
                            Arguments(sentence, mentionAt, pattern.Subject!, t, tokens, subjects);
                            if (subjects.Count == 0)
                                continue;
                            if (pattern.Pairwise)
                                objects.AddRange(subjects);
                            else
                                Arguments(sentence, mentionAt, pattern.Object!, t, tokens, objects);
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
                    else
                    {
                        AnchoredAtSubject(document, sentence, mentionAt, relations, type, pattern, tokens, objects);
                    }
                }
            }
        }
        if (Model is not null)
            RelationScoring.Rescore(document, mentionAt, Schema, Model, MinConfidence, relations);
        foreach (Relation relation in relations.Values)
            document.AddRelation(relation);
    }

    private void AnchoredAtSubject(Document document, ParsedSentence sentence, int[] mentionAt, Dictionary<(string, int, int), Relation> relations,
        RelationType type, RelationPattern pattern, List<int> tokens, List<int> objects)
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

    private static bool IsTrigger(ParsedSentence sentence, int token, RelationType type, string kind)
    {
        string upos = sentence.Upos(token);
        bool verb = upos is "VERB" or "AUX";
        bool noun = upos is "NOUN" or "PROPN";
        if ((kind == "verb" && !verb) || (kind == "noun" && !noun) || (!verb && !noun))
            return false;
        string lemma = sentence.Lemma(token);
        foreach (Trigger trigger in type.Triggers)
        {
            if (trigger.Noun != noun || !string.Equals(trigger.Head, lemma, StringComparison.OrdinalIgnoreCase))
                continue;
            if (trigger.Children.Length == 0 || HasChildLemmas(sentence, token, trigger.Children))
                return true;
        }
        return false;
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
    private static void Arguments(ParsedSentence sentence, int[] mentionAt, DependencyPath path, int anchor, List<int> tokens, List<int> mentions)
    {
        tokens.Clear();
        path.Match(sentence, anchor, tokens);
        foreach (int token in tokens)
        {
            CollectNames(sentence, mentionAt, token, mentions, depth: 0);
            int named = mentionAt[sentence.First + token];
            foreach (int child in sentence.Children(token))
            {
                if (sentence.Label(child) != "conj")
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
            // A place noun is the place it names ("the city of Tel Afar") or the name it is in apposition to ("Mosul,
            // Iraq's second-largest city"); the names that modify it ("Iraq's", "a northern Iraqi city") contain it.
            foreach (int child in sentence.Children(token))
            {
                if (DependencyPath.LabelMatches("nmod", sentence.Label(child)) && HasCase(sentence, child, "of"))
                    CollectNames(sentence, mentionAt, child, mentions, depth + 1);
            }
            int head = sentence.Head(token);
            if (head >= 0 && sentence.Label(token) == "appos")
                CollectNames(sentence, mentionAt, head, mentions, depth + 1);
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
        int first = mention.FirstToken - sentence.First;
        int last = first + mention.TokenCount - 1;
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

    private static bool HasMention(int[] mentionAt, Span sentence)
    {
        for (int t = sentence.FirstToken; t < sentence.EndToken; t++)
        {
            if (mentionAt[t] >= 0)
                return true;
        }
        return false;
    }
}
