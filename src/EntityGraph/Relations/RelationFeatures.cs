using System.Runtime.CompilerServices;

namespace EntityGraph.Relations;

/// <summary>
/// The features the learned relation scorer reads for one candidate (a relation type and two argument mentions of one
/// sentence). They are deliberately unlexicalised: entity types, dependency roles, prepositions, trigger classes on the
/// path and between the arguments, the schema patterns that fired, modality, and position. No feature names an entity
/// or a word of one article, so what the scorer learns from a few dozen articles carries to news it has never seen.
/// The trigger classes come from word lists stored in the model file, so training and prediction read the same lists.
/// </summary>
internal sealed class RelationFeatures
{
    /// <summary>Dependency roles an argument can play (after climbing through the modifiers that put a name on a noun).</summary>
    private static readonly string[] Roles = ["nsubj", "nsubj:pass", "obj", "iobj", "obl", "nmod", "appos", "conj", "compound", "poss", "root", "other"];

    private static readonly string[] Cases = ["to", "in", "into", "on", "against", "of", "from", "by", "with", "at", "other", "none"];

    private static readonly string[] EntityTypes = ["PER", "ORG", "LOC", "MISC"];

    /// <summary>Labels through which a name modifies the noun that plays the role ("Israeli jets", "US officials", "Iran's army").</summary>
    private static readonly string[] ModifierLabels = ["compound", "amod", "nmod:poss", "flat", "fixed"];

    private readonly Dictionary<string, int> _triggerMask;
    // The lexicon's word lists (role, force, place, direction, distance, negator, modal, hedge) as one lookup: lemma ->
    // the WordClass bits of the lists that hold it. SentenceView reads each token once; the candidates of a sentence
    // (dozens per sentence) then test bits instead of hashing lemmas.
    private readonly Dictionary<string, int> _wordClasses;
    private readonly string[] _types;
    private readonly int _typeOffset, _subjectTypeOffset, _objectTypeOffset, _subjectRoleOffset, _objectRoleOffset, _subjectCaseOffset,
        _objectCaseOffset, _lcaTriggerOffset, _pathTriggerOffset, _betweenTriggerOffset, _sentenceTriggerOffset, _scalarOffset;

    /// <summary>Creates the feature set over <paramref name="lexicon"/>.</summary>
    /// <param name="lexicon">Word lists: one per relation type (its triggers, by lemma) and the shared lists below.</param>
    public RelationFeatures(RelationLexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        Lexicon = lexicon;
        _types = [.. lexicon.Types];
        if (_types.Length > 30)
            throw new ArgumentException("A relation model supports at most 30 types.", nameof(lexicon));
        _triggerMask = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int t = 0; t < _types.Length; t++)
        {
            foreach (string word in lexicon.Triggers[_types[t]])
            {
                _triggerMask.TryGetValue(word, out int mask);
                _triggerMask[word] = mask | (1 << t);
            }
        }
        _wordClasses = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        (string List, int Class)[] classes = [("role", WordClass.Role), ("force", WordClass.Force), ("place", WordClass.Place),
            ("direction", WordClass.Direction), ("distance", WordClass.Distance), ("negator", WordClass.Negator), ("modal", WordClass.Modal),
            ("hedge", WordClass.Hedge)];
        foreach ((string list, int bit) in classes)
        {
            foreach (string word in Set(lexicon.Words, list))
                _wordClasses[word] = _wordClasses.GetValueOrDefault(word) | bit;
        }

        var names = new List<string>();
        _typeOffset = Add(names, "type=", _types);
        _subjectTypeOffset = Add(names, "subject.type=", EntityTypes);
        _objectTypeOffset = Add(names, "object.type=", EntityTypes);
        _subjectRoleOffset = Add(names, "subject.role=", Roles);
        _objectRoleOffset = Add(names, "object.role=", Roles);
        _subjectCaseOffset = Add(names, "subject.case=", Cases);
        _objectCaseOffset = Add(names, "object.case=", Cases);
        _lcaTriggerOffset = Add(names, "trigger.lca=", _types);
        _pathTriggerOffset = Add(names, "trigger.path=", _types);
        _betweenTriggerOffset = Add(names, "trigger.between=", _types);
        _sentenceTriggerOffset = Add(names, "trigger.sentence=", _types);
        _scalarOffset = Add(names, string.Empty, ScalarNames);
        Names = [.. names];
    }

    private static readonly string[] ScalarNames =
    [
        "subject.demonym", "object.demonym", "subject.first", "distance.tokens", "distance.mentions", "distance.commas",
        "path.length", "path.none", "own.trigger.lca", "own.trigger.path", "own.trigger.between", "own.trigger.sentence",
        "own.trigger.governs-both", "own.trigger.distance", "role.between", "role.next-to-subject", "role.next-to-object",
        "possessive.between", "possessive.after-object", "place.between", "direction.between", "distance-word.between",
        "rule.asserted", "rule.unasserted", "rule.sequence", "rule.other-type", "keyword.own", "modality.negation",
        "modality.modal", "modality.hedge", "modality.lca-governed", "position.first-sentence", "position.sentence",
        "position.no-final-punct", "sentence.length", "subject.mentions", "object.mentions", "pair.sentences",
        "coordinated", "subject.force-noun", "object.force-noun", "subject.anaphor", "object.anaphor", "type.fits-rule-types",
    ];

    private const int SubjectDemonym = 0, ObjectDemonym = 1, SubjectFirst = 2, DistanceTokens = 3, DistanceMentions = 4, DistanceCommas = 5,
        PathLength = 6, PathNone = 7, OwnLca = 8, OwnPath = 9, OwnBetween = 10, OwnSentence = 11, OwnGoverns = 12, OwnDistance = 13,
        RoleBetween = 14, RoleNextToSubject = 15, RoleNextToObject = 16, PossessiveBetween = 17, PossessiveAfterObject = 18,
        PlaceBetween = 19, DirectionBetween = 20, DistanceWordBetween = 21, RuleAsserted = 22, RuleUnasserted = 23, RuleSequence = 24,
        RuleOtherType = 25, KeywordOwn = 26, Negation = 27, Modal = 28, Hedge = 29, LcaGoverned = 30, FirstSentence = 31,
        SentencePosition = 32, NoFinalPunct = 33, SentenceLength = 34, SubjectMentions = 35, ObjectMentions = 36, PairSentences = 37,
        Coordinated = 38, SubjectForce = 39, ObjectForce = 40, SubjectAnaphor = 41, ObjectAnaphor = 42, FitsRuleTypes = 43;

    /// <summary>The word lists the features read.</summary>
    public RelationLexicon Lexicon { get; }

    /// <summary>The relation types the features (and a model over them) know, in model order.</summary>
    public IReadOnlyList<string> Types => _types;

    /// <summary>One name per feature, in vector order (for manifests and debugging).</summary>
    public string[] Names { get; }

    /// <summary>Length of a feature vector.</summary>
    public int Count => Names.Length;

    /// <summary>Index of <paramref name="type"/> among <see cref="Types"/>, or -1.</summary>
    public int TypeIndex(string type) => Array.IndexOf(_types, type);

    /// <summary>The trigger classes of a token: bit t is set when its lemma (or a "-held" style suffix) triggers type t.</summary>
    public int TriggerMask(ParsedSentence sentence, int token)
    {
        int mask = _triggerMask.GetValueOrDefault(sentence.Lemma(token));
        ReadOnlySpan<char> text = sentence.Text(token);
        int dash = text.LastIndexOf('-');
        if (dash > 0 && dash < text.Length - 1)
        {
            // "ISIL-held", "Houthi-controlled", "Saudi-led": the part after the hyphen carries the trigger.
            var lookup = _triggerMask.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(text[(dash + 1)..], out int suffix))
                mask |= suffix;
        }
        return mask;
    }

    /// <summary>Bits of <see cref="WordClasses(string)"/>: which of the lexicon's word lists hold a lemma.</summary>
    internal static class WordClass
    {
        public const int Role = 1, Force = 2, Place = 4, Direction = 8, Distance = 16, Negator = 32, Modal = 64, Hedge = 128;
    }

    /// <summary>The <see cref="WordClass"/> bits of <paramref name="lemma"/> (the lists compare ignoring case).</summary>
    public int WordClasses(string lemma) => _wordClasses.GetValueOrDefault(lemma);

    /// <summary>Fills <paramref name="features"/> for one candidate.</summary>
    public void Extract(in SentenceView view, in RelationCandidate candidate, Span<float> features)
    {
        features.Clear();
        ParsedSentence sentence = view.Sentence;
        Document document = sentence.Document;
        int type = candidate.Type;
        features[_typeOffset + type] = 1;
        Mention subject = document.Mentions[candidate.SubjectMention];
        Mention obj = document.Mentions[candidate.ObjectMention];
        Entity subjectEntity = document.Entities[subject.EntityIndex];
        Entity objectEntity = document.Entities[obj.EntityIndex];
        SetOneHot(features, _subjectTypeOffset, EntityTypes, subjectEntity.Type);
        SetOneHot(features, _objectTypeOffset, EntityTypes, objectEntity.Type);
        Span<float> scalars = features[_scalarOffset..];
        scalars[SubjectDemonym] = subject.Label == "MISC" && subjectEntity.Type == "LOC" ? 1 : 0;
        scalars[ObjectDemonym] = obj.Label == "MISC" && objectEntity.Type == "LOC" ? 1 : 0;
        scalars[SubjectMentions] = Math.Min(subjectEntity.MentionIndices.Count, 20);
        scalars[ObjectMentions] = Math.Min(objectEntity.MentionIndices.Count, 20);
        scalars[PairSentences] = Math.Min(candidate.PairSentences, 10);
        scalars[RuleAsserted] = (candidate.Rules & RuleHits.Asserted) != 0 ? 1 : 0;
        scalars[RuleUnasserted] = (candidate.Rules & RuleHits.Unasserted) != 0 ? 1 : 0;
        scalars[RuleSequence] = (candidate.Rules & RuleHits.Sequence) != 0 ? 1 : 0;
        scalars[RuleOtherType] = (candidate.Rules & RuleHits.OtherType) != 0 ? 1 : 0;
        scalars[FitsRuleTypes] = 1;
        scalars[FirstSentence] = sentence.Index == 0 ? 1 : 0;
        scalars[SentencePosition] = Math.Min(sentence.Index, 30);
        scalars[SentenceLength] = Math.Min(sentence.Count, 100);
        scalars[NoFinalPunct] = sentence.Count > 0 && sentence.Upos(sentence.Count - 1) != "PUNCT" ? 1 : 0;

        int s = candidate.SubjectToken, o = candidate.ObjectToken;
        scalars[SubjectAnaphor] = candidate.SubjectIsAnaphor ? 1 : 0;
        scalars[ObjectAnaphor] = candidate.ObjectIsAnaphor ? 1 : 0;
        int typeBit = 1 << type;
        SetBits(features, _sentenceTriggerOffset, view.SentenceTriggers);
        scalars[OwnSentence] = features[_sentenceTriggerOffset + type];
        scalars[Negation] = view.HasNegation ? 1 : 0;
        scalars[Modal] = view.HasModal ? 1 : 0;
        scalars[Hedge] = view.HasHedge ? 1 : 0;
        if (s < 0 || o < 0)
        {
            // An argument found through an anaphor or a relative clause outside this sentence: only the rule says why.
            scalars[PathNone] = 1;
            scalars[PathLength] = 12;
            scalars[OwnDistance] = 12;
            features[_subjectRoleOffset + Roles.Length - 1] = 1;
            features[_objectRoleOffset + Roles.Length - 1] = 1;
            features[_subjectCaseOffset + Cases.Length - 1] = 1;
            features[_objectCaseOffset + Cases.Length - 1] = 1;
            return;
        }
        int subjectFirst = subject.FirstToken - sentence.First, subjectLast = subjectFirst + subject.TokenCount - 1;
        int objectFirst = obj.FirstToken - sentence.First, objectLast = objectFirst + obj.TokenCount - 1;
        if (candidate.SubjectIsAnaphor)
            subjectFirst = subjectLast = s;
        if (candidate.ObjectIsAnaphor)
            objectFirst = objectLast = o;
        bool subjectFirstInText = subjectFirst < objectFirst;
        scalars[SubjectFirst] = subjectFirstInText ? 1 : 0;
        int gapStart = subjectFirstInText ? subjectLast + 1 : objectLast + 1;
        int gapEnd = subjectFirstInText ? objectFirst : subjectFirst;
        scalars[DistanceTokens] = Math.Min(Math.Max(gapEnd - gapStart, 0), 60);
        int commas = 0, mentionsBetween = 0;
        int lastMention = -1;
        for (int t = gapStart; t < gapEnd; t++)
        {
            ReadOnlySpan<char> text = sentence.Text(t);
            if (text is ",")
                commas++;
            int m = view.MentionAt[sentence.First + t];
            if (m >= 0 && m != lastMention)
            {
                mentionsBetween++;
                lastMention = m;
            }
            int words = view.Words[t];
            if ((words & WordClass.Role) != 0)
                scalars[RoleBetween] = 1;
            if ((words & WordClass.Place) != 0)
                scalars[PlaceBetween] = 1;
            if ((words & WordClass.Direction) != 0)
                scalars[DirectionBetween] = 1;
            if ((words & WordClass.Distance) != 0)
                scalars[DistanceWordBetween] = 1;
            if (sentence.Lemma(t) == "'s" || text is "'s" or "\u2019s")
                scalars[PossessiveBetween] = 1;
            SetBits(features, _betweenTriggerOffset, view.Triggers[t]);
        }
        scalars[OwnBetween] = features[_betweenTriggerOffset + type];
        scalars[DistanceCommas] = Math.Min(commas, 6);
        scalars[DistanceMentions] = Math.Min(mentionsBetween, 8);
        scalars[RoleNextToSubject] = RoleNear(view, subjectFirst, subjectLast) ? 1 : 0;
        scalars[RoleNextToObject] = RoleNear(view, objectFirst, objectLast) ? 1 : 0;
        scalars[PossessiveAfterObject] = objectLast + 1 < sentence.Count && sentence.Text(objectLast + 1) is "'s" or "\u2019s" or "'" ? 1 : 0;

        int subjectRole = Effective(sentence, s);
        int objectRole = Effective(sentence, o);
        SetOneHot(features, _subjectRoleOffset, Roles, RoleOf(sentence, subjectRole));
        SetOneHot(features, _objectRoleOffset, Roles, RoleOf(sentence, objectRole));
        SetOneHot(features, _subjectCaseOffset, Cases, CaseOf(sentence, subjectRole, s));
        SetOneHot(features, _objectCaseOffset, Cases, CaseOf(sentence, objectRole, o));
        scalars[SubjectForce] = (view.Words[subjectRole] & WordClass.Force) != 0 ? 1 : 0;
        scalars[ObjectForce] = (view.Words[objectRole] & WordClass.Force) != 0 ? 1 : 0;
        scalars[Coordinated] = IsConjunct(sentence, s, o) || IsConjunct(sentence, subjectRole, objectRole) ? 1 : 0;

        // The dependency path between the two argument heads, through their lowest common ancestor.
        int lca = LowestCommonAncestor(sentence, s, o, out int length);
        if (lca < 0)
        {
            scalars[PathNone] = 1;
            scalars[PathLength] = 12;
        }
        else
        {
            scalars[PathLength] = Math.Min(length, 12);
            SetBits(features, _lcaTriggerOffset, view.Triggers[lca]);
            PathTriggers(sentence, view, s, lca, features);
            PathTriggers(sentence, view, o, lca, features);
            scalars[OwnLca] = features[_lcaTriggerOffset + type];
            scalars[OwnPath] = features[_pathTriggerOffset + type];
            scalars[LcaGoverned] = Governed(view, lca) ? 1 : 0;
        }
        // The nearest trigger of the candidate's own type, and whether one dominates both arguments.
        int nearest = 12;
        for (int t = 0; t < sentence.Count; t++)
        {
            if ((view.Triggers[t] & typeBit) == 0)
                continue;
            int d = Math.Min(Math.Abs(t - s), Math.Abs(t - o));
            nearest = Math.Min(nearest, d);
            if (sentence.Dominates(t, s) && sentence.Dominates(t, o))
                scalars[OwnGoverns] = 1;
            if (Keyword(view, t, candidate))
                scalars[KeywordOwn] = 1;
        }
        scalars[OwnDistance] = nearest;
    }

    /// <summary>
    /// The keyword floor's reading (a trigger with the subject the nearest name before it and the object the nearest
    /// suitable name after it), as one feature among many rather than as a rule.
    /// </summary>
    private static bool Keyword(in SentenceView view, int trigger, in RelationCandidate candidate)
    {
        ParsedSentence sentence = view.Sentence;
        int before = -1, after = -1;
        for (int t = trigger - 1; t >= 0 && before < 0; t--)
            before = view.MentionAt[sentence.First + t];
        for (int t = trigger + 1; t < sentence.Count && after < 0; t++)
            after = view.MentionAt[sentence.First + t];
        return before == candidate.SubjectMention && after == candidate.ObjectMention;
    }

    private void PathTriggers(ParsedSentence sentence, in SentenceView view, int from, int lca, Span<float> features)
    {
        for (int t = sentence.Head(from), guard = 0; t >= 0 && t != lca && guard < 64; t = sentence.Head(t), guard++)
        {
            SetBits(features, _pathTriggerOffset, view.Triggers[t]);
        }
    }

    private static bool RoleNear(in SentenceView view, int first, int last)
    {
        for (int t = Math.Max(0, first - 3); t <= Math.Min(view.Sentence.Count - 1, last + 4); t++)
        {
            if ((t < first || t > last) && (view.Words[t] & WordClass.Role) != 0)
                return true;
        }
        return false;
    }

    /// <summary>Whether the clause at <paramref name="token"/> or one governing it has a modal, hedge or negation child.</summary>
    private static bool Governed(in SentenceView view, int token)
    {
        ParsedSentence sentence = view.Sentence;
        for (int level = 0, t = token; level < 3 && t >= 0; level++, t = sentence.Head(t))
        {
            if (level > 0 && (view.Words[t] & WordClass.Hedge) != 0)
                return true;
            foreach (int child in sentence.Children(t))
            {
                int words = view.Words[child];
                if ((words & WordClass.Negator) != 0 || ((words & WordClass.Modal) != 0 && sentence.Label(child).StartsWith("aux", StringComparison.Ordinal)))
                    return true;
            }
        }
        return false;
    }

    /// <summary>The noun a name modifies, climbing "Israeli" -> "jets", "US" -> "officials", "Iran('s)" -> "army".</summary>
    private static int Effective(ParsedSentence sentence, int token)
    {
        int current = token;
        for (int guard = 0; guard < 4; guard++)
        {
            int head = sentence.Head(current);
            if (head < 0 || Array.IndexOf(ModifierLabels, sentence.Label(current)) < 0 && !sentence.Label(current).StartsWith("nmod:poss", StringComparison.Ordinal))
                break;
            string upos = sentence.Upos(head);
            if (upos is not ("NOUN" or "PROPN"))
                break;
            current = head;
        }
        return current;
    }

    private static string RoleOf(ParsedSentence sentence, int token)
    {
        string label = sentence.Label(token);
        if (sentence.Head(token) < 0 || label == "root")
            return "root";
        return label switch
        {
            "nsubj" or "csubj" => "nsubj",
            "nsubj:pass" or "csubj:pass" => "nsubj:pass",
            "obj" => "obj",
            "iobj" => "iobj",
            "nmod:poss" => "poss",
            "compound" or "flat" or "amod" => "compound",
            _ when label.StartsWith("obl", StringComparison.Ordinal) => "obl",
            _ when label.StartsWith("nmod", StringComparison.Ordinal) => "nmod",
            "appos" => "appos",
            "conj" => "conj",
            _ => "other",
        };
    }

    private static string CaseOf(ParsedSentence sentence, int role, int head)
    {
        foreach (int token in (ReadOnlySpan<int>)[role, head])
        {
            foreach (int child in sentence.Children(token))
            {
                if (sentence.Label(child) != "case")
                    continue;
                string lemma = sentence.Lemma(child);
                return Array.IndexOf(Cases, lemma) >= 0 && lemma is not ("other" or "none") ? lemma : "other";
            }
        }
        return "none";
    }

    private static bool IsConjunct(ParsedSentence sentence, int a, int b) =>
        (sentence.Head(a) == b && sentence.Label(a) == "conj") || (sentence.Head(b) == a && sentence.Label(b) == "conj")
        || (sentence.Head(a) >= 0 && sentence.Head(a) == sentence.Head(b) && sentence.Label(a) == "conj" && sentence.Label(b) == "conj");

    private static int LowestCommonAncestor(ParsedSentence sentence, int a, int b, out int length)
    {
        int up = 0;
        for (int t = a, guard = 0; t >= 0 && guard < 64; t = sentence.Head(t), guard++, up++)
        {
            if (sentence.Dominates(t, b))
            {
                int down = 0;
                for (int u = b; u != t && u >= 0 && down < 64; u = sentence.Head(u))
                    down++;
                length = up + down;
                return t;
            }
        }
        length = 0;
        return -1;
    }

    /// <summary>Sets feature <paramref name="offset"/> + k for every bit k of a trigger-class mask.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SetBits(Span<float> features, int offset, int mask)
    {
        for (int k = 0; mask != 0; k++, mask >>= 1)
        {
            if ((mask & 1) != 0)
                features[offset + k] = 1;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SetOneHot(Span<float> features, int offset, string[] values, string value)
    {
        int i = Array.IndexOf(values, value);
        features[offset + (i < 0 ? values.Length - 1 : i)] = 1;
    }

    private static int Add(List<string> names, string prefix, IEnumerable<string> values)
    {
        int offset = names.Count;
        foreach (string value in values)
            names.Add(prefix + value);
        return offset;
    }

    private static HashSet<string> Set(IReadOnlyDictionary<string, string[]> words, string name) =>
        new(words.TryGetValue(name, out string[]? list) ? list : [], StringComparer.OrdinalIgnoreCase);

}
