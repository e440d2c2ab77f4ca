namespace EntityGraph.Relations;

/// <summary>Options of the relation stage: which learned scorer judges the candidates, and where to cut.</summary>
public sealed record RelationExtractorOptions
{
    /// <summary>The scorer; null takes the embedded default model (<see cref="RelationModel.Default"/>).</summary>
    public RelationModel? Model { get; init; }

    /// <summary>False runs the schema's patterns alone, as before the learned scorer.</summary>
    public bool UseModel { get; init; } = true;

    /// <summary>
    /// The confidence in [0, 1] at or above which a scored statement is asserted; null takes the model's own
    /// <see cref="RelationModel.Threshold"/>. Lower it for recall, raise it for precision.
    /// </summary>
    public double? MinConfidence { get; init; }
}

/// <summary>
/// Replaces the pattern-only decision with the learned scorer's: every candidate statement of a type the model knows
/// gets a probability (a statement a pattern asserts gets at least the patterns' measured precision, so patterns stay
/// high-precision candidates); relations are the statements at or above the cut, with the patterns' evidence (pattern name,
/// trigger) where a pattern fired and the scorer's nearest trigger otherwise. Statements the patterns found negated
/// or hedged that the scorer does not assert stay as unasserted evidence, as before.
/// </summary>
internal static class RelationScoring
{
    /// <summary>The pattern name of evidence that no pattern produced.</summary>
    public const string ScorerPattern = "scorer";

    /// <summary>Scores each candidate as it is built: no row is kept, only the candidate and its probability.</summary>
    private readonly struct ScoringSink(RelationModel model, List<(RelationCandidate Candidate, double P)> scored) : RelationCandidates.ICandidateSink
    {
        public void Add(in RelationCandidate candidate, ReadOnlySpan<float> row) => scored.Add((candidate, model.Probability(row)));
    }

    public static void Rescore(Document document, int[] mentionAt, RelationSchema schema, RelationModel model, double minConfidence,
        Dictionary<(string Type, int Subject, int Object), Relation> relations, SentenceCache sentences)
    {
        RelationFeatures features = model.Features;
        var ruleEvidence = new Dictionary<(int Type, int Subject, int Object), List<RelationEvidence>>();
        var removed = new List<(string, int, int)>();
        foreach (((string typeName, int se, int oe), Relation relation) in relations)
        {
            if (features.TypeIndex(typeName) >= 0)
                removed.Add((typeName, se, oe));
        }
        List<RuleEvidence> rules = RulesOf(document, schema, features, relations.Values, ruleEvidence);
        foreach (var key in removed)
            relations.Remove(key);

        var scored = new List<(RelationCandidate Candidate, double P)>();
        var sink = new ScoringSink(model, scored);
        RelationCandidates.Build(document, mentionAt, schema, features, rules, sentences, ref sink);
        IReadOnlyList<Mention> mentions = document.Mentions;
        for (int i = 0; i < scored.Count; i++)
        {
            (RelationCandidate c, double p) = scored[i];
            if ((c.Rules & RuleHits.Asserted) != 0)
                p = Math.Max(p, model.PatternConfidence);
            bool asserted = p >= minConfidence;
            string typeName = features.Types[c.Type];
            RelationType definition = schema.Find(typeName)!;
            List<RelationEvidence>? rule = Rule(ruleEvidence, c, definition.Symmetric);
            bool unassertedRule = rule is not null && rule.Exists(static e => e.Modality is not null);
            if (!asserted && !unassertedRule)
                continue; // neither asserted by the scorer nor a pattern's unasserted statement worth showing
            int sm = c.SubjectMention, om = c.ObjectMention;
            int se = mentions[sm].EntityIndex, oe = mentions[om].EntityIndex;
            if (definition.Symmetric && se > oe)
                (se, oe, sm, om) = (oe, se, om, sm);
            var relationKey = (typeName, se, oe);
            if (!relations.TryGetValue(relationKey, out Relation? relation))
            {
                relation = new Relation(typeName, se, oe, definition.Symmetric);
                relations.Add(relationKey, relation);
            }
            double confidence = Math.Round(p, 4);
            if (rule is not null)
            {
                // Each pattern's own statement, as the patterns alone reported it, now with the scorer's confidence.
                foreach (RelationEvidence e in rule)
                {
                    if (asserted == (e.Modality is null))
                        AddOnce(relation, e with { Confidence = confidence });
                }
                if (!asserted || rule.Exists(static e => e.Modality is null))
                    continue;
            }
            int triggerStart = -1, triggerEnd = -1;
            if (c.Trigger >= 0)
            {
                ref TokenData t = ref document.TokenAt(document.SentenceAt(c.Sentence).FirstToken + c.Trigger);
                (triggerStart, triggerEnd) = (t.Start, t.End);
            }
            AddOnce(relation, new RelationEvidence(c.Sentence, triggerStart, triggerEnd, sm, om, ScorerPattern) { Confidence = confidence });
        }
    }

    private static void AddOnce(Relation relation, RelationEvidence evidence)
    {
        if (!relation.Evidence.Contains(evidence))
            relation.AddEvidence(evidence);
    }

    /// <summary>The patterns' evidence for the types <paramref name="features"/> knows, as the scorer's rule features read it.</summary>
    /// <param name="document">The document.</param>
    /// <param name="schema">The schema whose patterns produced <paramref name="relations"/>.</param>
    /// <param name="features">The scorer's features (their type list).</param>
    /// <param name="relations">The pattern-only relations.</param>
    /// <param name="byPair">Filled with the evidence per (type, subject mention, object mention), asserted first; may be null.</param>
    internal static List<RuleEvidence> RulesOf(Document document, RelationSchema schema, RelationFeatures features, IEnumerable<Relation> relations,
        Dictionary<(int Type, int Subject, int Object), List<RelationEvidence>>? byPair)
    {
        var rules = new List<RuleEvidence>();
        foreach (Relation relation in relations)
        {
            int type = features.TypeIndex(relation.Type);
            if (type < 0)
                continue;
            RelationType? definition = schema.Find(relation.Type);
            foreach (RelationEvidence evidence in relation.Evidence)
            {
                RuleHits hits = evidence.Modality is null ? RuleHits.Asserted : RuleHits.Unasserted;
                if (definition is not null && definition.IsSequencePattern(evidence.Pattern))
                    hits |= RuleHits.Sequence;
                int trigger = evidence.TriggerStart >= 0 ? document.TokenIndexAt(evidence.TriggerStart) - document.SentenceAt(evidence.SentenceIndex).FirstToken : -1;
                rules.Add(new RuleEvidence(type, evidence.SentenceIndex, evidence.SubjectMention, evidence.ObjectMention, trigger, hits));
                if (byPair is null)
                    continue;
                var key = (type, evidence.SubjectMention, evidence.ObjectMention);
                if (!byPair.TryGetValue(key, out List<RelationEvidence>? list))
                    byPair[key] = list = [];
                list.Add(evidence);
            }
        }
        return rules;
    }

    private static List<RelationEvidence>? Rule(Dictionary<(int, int, int), List<RelationEvidence>> rules, in RelationCandidate c, bool symmetric)
    {
        if (rules.TryGetValue((c.Type, c.SubjectMention, c.ObjectMention), out List<RelationEvidence>? e))
            return e;
        return symmetric && rules.TryGetValue((c.Type, c.ObjectMention, c.SubjectMention), out e) ? e : null;
    }
}
