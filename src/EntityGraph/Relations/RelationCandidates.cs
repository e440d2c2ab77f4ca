namespace EntityGraph.Relations;

/// <summary>What the schema's patterns said about a candidate's mention pair.</summary>
[Flags]
internal enum RuleHits : byte
{
    None = 0,

    /// <summary>A pattern of the candidate's type matched and the statement is asserted.</summary>
    Asserted = 1,

    /// <summary>A pattern of the candidate's type matched under negation, a modal, a hedge or a condition.</summary>
    Unasserted = 2,

    /// <summary>The match was a word-sequence pattern (titles).</summary>
    Sequence = 4,

    /// <summary>A pattern of another type matched the same pair.</summary>
    OtherType = 8,
}

/// <summary>
/// One statement the scorer judges: a relation type and two argument mentions in one sentence. The argument tokens are
/// the mentions' head tokens in the sentence, or the anaphor ("he", "the group") that stands for a mention elsewhere,
/// or -1 when a pattern reached the mention by a way the sentence does not show.
/// </summary>
internal readonly record struct RelationCandidate(
    int Type, int Sentence, int SubjectMention, int ObjectMention, int SubjectToken, int ObjectToken, RuleHits Rules,
    int PairSentences, int Trigger, bool SubjectIsAnaphor, bool ObjectIsAnaphor);

/// <summary>Per-sentence facts shared by all of its candidates.</summary>
internal readonly struct SentenceView
{
    public SentenceView(ParsedSentence sentence, int[] mentionAt, int[] triggers, int[] words, bool negation, bool modal, bool hedge)
    {
        Sentence = sentence;
        MentionAt = mentionAt;
        Triggers = triggers;
        Words = words;
        foreach (int mask in triggers)
            SentenceTriggers |= mask;
        HasNegation = negation;
        HasModal = modal;
        HasHedge = hedge;
    }

    public ParsedSentence Sentence { get; }

    /// <summary>Mention index per document token, -1 where none.</summary>
    public int[] MentionAt { get; }

    /// <summary>Trigger-class bit mask per sentence token.</summary>
    public int[] Triggers { get; }

    /// <summary><see cref="RelationFeatures.WordClass"/> bits per sentence token (the lexicon lists its lemma is in).</summary>
    public int[] Words { get; }

    /// <summary>The union of <see cref="Triggers"/>: the trigger classes anywhere in the sentence (once per sentence, not per candidate).</summary>
    public int SentenceTriggers { get; }

    public bool HasNegation { get; }

    public bool HasModal { get; }

    public bool HasHedge { get; }
}

/// <summary>A rule's evidence for a mention pair, keyed for candidate lookup.</summary>
internal readonly record struct RuleEvidence(int Type, int Sentence, int SubjectMention, int ObjectMention, int Trigger, RuleHits Hits);

/// <summary>
/// Enumerates the candidates of a document: every ordered pair of mentions of different entities in one sentence, for
/// every relation type whose argument types the pair's entities fit (one order for symmetric types), plus the pairs
/// that a schema pattern reached through an anaphor. Fills one feature row per candidate.
/// </summary>
internal static class RelationCandidates
{
    // A sentence with more names than this is a list; pairs further apart in it rarely state anything.
    private const int MaxMentionGap = 12;

    /// <summary>Adds the candidates of <paramref name="document"/> to <paramref name="candidates"/> and their rows to <paramref name="features"/>.</summary>
    public static void Build(Document document, int[] mentionAt, RelationSchema schema, RelationFeatures featurizer,
        IReadOnlyList<RuleEvidence> rules, List<RelationCandidate> candidates, List<float> features)
    {
        var sink = new ListSink(candidates, features);
        Build(document, mentionAt, schema, featurizer, rules, new SentenceCache(document), ref sink);
    }

    /// <summary>Receives each candidate and its feature row (the row is reused for the next candidate).</summary>
    internal interface ICandidateSink
    {
        void Add(in RelationCandidate candidate, ReadOnlySpan<float> row);
    }

    private readonly struct ListSink(List<RelationCandidate> candidates, List<float> features) : ICandidateSink
    {
        public void Add(in RelationCandidate candidate, ReadOnlySpan<float> row)
        {
            candidates.Add(candidate);
            features.AddRange(row);
        }
    }

    /// <summary>
    /// Hands the candidates of <paramref name="document"/> with their rows to <paramref name="sink"/>, in the order the
    /// list overload stores them; the sentences come from <paramref name="sentences"/> (shared with the patterns' pass).
    /// </summary>
    internal static void Build<TSink>(Document document, int[] mentionAt, RelationSchema schema, RelationFeatures featurizer,
        IReadOnlyList<RuleEvidence> rules, SentenceCache sentences, ref TSink sink)
        where TSink : struct, ICandidateSink
    {
        IReadOnlyList<Mention> mentions = document.Mentions;
        IReadOnlyList<string> modelTypes = featurizer.Types;
        var typeDefinitions = new RelationType?[modelTypes.Count];
        foreach (RelationType type in schema.Types)
        {
            int index = featurizer.TypeIndex(type.Name);
            if (index >= 0)
                typeDefinitions[index] = type;
        }
        // Rules by sentence, so each sentence finds its pattern hits without scanning every rule.
        var rulesBySentence = new Dictionary<int, List<RuleEvidence>>();
        foreach (RuleEvidence rule in rules)
        {
            if (!rulesBySentence.TryGetValue(rule.Sentence, out List<RuleEvidence>? list))
                rulesBySentence[rule.Sentence] = list = [];
            list.Add(rule);
        }
        Dictionary<(int, int), int> pairSentences = PairSentences(document, mentionAt);
        var inSentence = new List<int>();
        float[] row = new float[featurizer.Count];
        var seen = new HashSet<(int Type, int Subject, int Object)>();
        for (int s = 0; s < document.SentenceCount; s++)
        {
            Span span = document.Sentences[s];
            inSentence.Clear();
            int last = -1;
            for (int t = span.FirstToken; t < span.EndToken; t++)
            {
                int m = mentionAt[t];
                if (m >= 0 && m != last && mentions[m].EntityIndex >= 0)
                    inSentence.Add(m);
                last = m;
            }
            rulesBySentence.TryGetValue(s, out List<RuleEvidence>? sentenceRules);
            if (inSentence.Count < 2 && sentenceRules is null)
                continue;
            ParsedSentence sentence = sentences.Get(s);
            SentenceView view = View(sentence, mentionAt, featurizer);
            seen.Clear();
            for (int i = 0; i < inSentence.Count; i++)
            {
                for (int j = 0; j < inSentence.Count; j++)
                {
                    if (i == j || Math.Abs(i - j) > MaxMentionGap)
                        continue;
                    int a = inSentence[i], b = inSentence[j];
                    int ea = mentions[a].EntityIndex, eb = mentions[b].EntityIndex;
                    if (ea == eb)
                        continue;
                    for (int type = 0; type < typeDefinitions.Length; type++)
                    {
                        RelationType? definition = typeDefinitions[type];
                        if (definition is null || (definition.Symmetric && j < i))
                            continue;
                        if (!Fits(definition, document.Entities[ea].Type, document.Entities[eb].Type))
                            continue;
                        if (!seen.Add((type, a, b)))
                            continue;
                        (RuleHits hits, int trigger) = Hits(sentenceRules, type, a, b, definition.Symmetric);
                        int headA = RelationExtractorStage.HeadToken(mentions[a], sentence), headB = RelationExtractorStage.HeadToken(mentions[b], sentence);
                        if (trigger < 0)
                            trigger = NearestTrigger(view, type, headA, headB);
                        var candidate = new RelationCandidate(type, s, a, b, headA, headB, hits, pairSentences.GetValueOrDefault(Key(ea, eb)), trigger, false, false);
                        Add(featurizer, view, candidate, row, ref sink);
                    }
                }
            }
            if (sentenceRules is null)
                continue;
            // Pairs a pattern reached through an anaphor ("He met Zarif"): the mention lies outside this sentence.
            foreach (RuleEvidence rule in sentenceRules)
            {
                RelationType? definition = typeDefinitions[rule.Type];
                if (definition is null || seen.Contains((rule.Type, rule.SubjectMention, rule.ObjectMention))
                    || (definition.Symmetric && seen.Contains((rule.Type, rule.ObjectMention, rule.SubjectMention))))
                    continue;
                int ea = mentions[rule.SubjectMention].EntityIndex, eb = mentions[rule.ObjectMention].EntityIndex;
                if (ea < 0 || eb < 0 || ea == eb)
                    continue;
                seen.Add((rule.Type, rule.SubjectMention, rule.ObjectMention));
                (RuleHits hits, int trigger) = Hits(sentenceRules, rule.Type, rule.SubjectMention, rule.ObjectMention, definition.Symmetric);
                int subjectToken = InSentence(mentions[rule.SubjectMention], sentence) ? RelationExtractorStage.HeadToken(mentions[rule.SubjectMention], sentence) : -1;
                int objectToken = InSentence(mentions[rule.ObjectMention], sentence) ? RelationExtractorStage.HeadToken(mentions[rule.ObjectMention], sentence) : -1;
                var candidate = new RelationCandidate(rule.Type, s, rule.SubjectMention, rule.ObjectMention, subjectToken, objectToken, hits,
                    pairSentences.GetValueOrDefault(Key(ea, eb)), trigger, subjectToken < 0, objectToken < 0);
                Add(featurizer, view, candidate, row, ref sink);
            }
        }
    }

    private static void Add<TSink>(RelationFeatures featurizer, in SentenceView view, in RelationCandidate candidate, float[] row, ref TSink sink)
        where TSink : struct, ICandidateSink
    {
        featurizer.Extract(view, candidate, row);
        sink.Add(candidate, row);
    }

    /// <summary>The trigger of <paramref name="type"/> nearest to either argument, for the evidence of a scorer-only relation.</summary>
    private static int NearestTrigger(in SentenceView view, int type, int a, int b)
    {
        int best = -1, bestDistance = int.MaxValue;
        for (int t = 0; t < view.Triggers.Length; t++)
        {
            if ((view.Triggers[t] & (1 << type)) == 0)
                continue;
            int d = Math.Min(Math.Abs(t - a), Math.Abs(t - b));
            if (d < bestDistance)
                (best, bestDistance) = (t, d);
        }
        return best;
    }

    private static SentenceView View(ParsedSentence sentence, int[] mentionAt, RelationFeatures featurizer)
    {
        int[] triggers = new int[sentence.Count];
        int[] words = new int[sentence.Count];
        bool negation = false, modal = false, hedge = false;
        for (int t = 0; t < sentence.Count; t++)
        {
            // A word inside a name is not a trigger: "Islamic State" holds "state", "Al Asad Airbase" holds "base".
            if (mentionAt[sentence.First + t] < 0)
                triggers[t] = featurizer.TriggerMask(sentence, t);
            int classes = words[t] = featurizer.WordClasses(sentence.Lemma(t));
            negation |= (classes & RelationFeatures.WordClass.Negator) != 0;
            modal |= (classes & RelationFeatures.WordClass.Modal) != 0 && sentence.Upos(t) == "AUX";
            hedge |= (classes & RelationFeatures.WordClass.Hedge) != 0;
        }
        return new SentenceView(sentence, mentionAt, triggers, words, negation, modal, hedge);
    }

    private static (RuleHits Hits, int Trigger) Hits(List<RuleEvidence>? rules, int type, int subject, int obj, bool symmetric)
    {
        RuleHits hits = RuleHits.None;
        int trigger = -1;
        if (rules is null)
            return (hits, trigger);
        foreach (RuleEvidence rule in rules)
        {
            bool samePair = (rule.SubjectMention == subject && rule.ObjectMention == obj)
                || ((symmetric || rule.Type != type) && rule.SubjectMention == obj && rule.ObjectMention == subject);
            if (!samePair)
                continue;
            if (rule.Type != type)
            {
                hits |= RuleHits.OtherType;
                continue;
            }
            hits |= rule.Hits;
            if (trigger < 0 && (rule.Hits & RuleHits.Asserted) != 0)
                trigger = rule.Trigger;
        }
        return (hits, trigger);
    }

    private static bool InSentence(Mention mention, ParsedSentence sentence) =>
        mention.FirstToken >= sentence.First && mention.FirstToken < sentence.First + sentence.Count;

    private static bool Fits(RelationType type, string subject, string obj)
    {
        bool s = false, o = false;
        foreach (string t in type.SubjectTypes)
            s |= t == subject;
        foreach (string t in type.ObjectTypes)
            o |= t == obj;
        return s && o;
    }

    private static (int, int) Key(int a, int b) => a < b ? (a, b) : (b, a);

    /// <summary>For each pair of entities, in how many sentences both are named.</summary>
    private static Dictionary<(int, int), int> PairSentences(Document document, int[] mentionAt)
    {
        var counts = new Dictionary<(int, int), int>();
        var entities = new List<int>();
        for (int s = 0; s < document.SentenceCount; s++)
        {
            Span span = document.Sentences[s];
            entities.Clear();
            for (int t = span.FirstToken; t < span.EndToken; t++)
            {
                int m = mentionAt[t];
                if (m >= 0 && document.Mentions[m].EntityIndex is int e and >= 0 && !entities.Contains(e))
                    entities.Add(e);
            }
            if (entities.Count > 40)
                continue;
            for (int i = 0; i < entities.Count; i++)
            {
                for (int j = i + 1; j < entities.Count; j++)
                {
                    var key = Key(entities[i], entities[j]);
                    counts[key] = counts.GetValueOrDefault(key) + 1;
                }
            }
        }
        return counts;
    }
}
