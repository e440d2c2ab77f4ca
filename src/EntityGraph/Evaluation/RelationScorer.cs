namespace EntityGraph.Evaluation;

/// <summary>
/// Relation scores of ANNOTATION.md section 5: each relation becomes the document-level triple (type, subject
/// entity, object entity), counted once. A system entity is first mapped to the gold entity that holds most of its
/// mentions (exact span matches; a tie goes to the gold entity met first in text order); a system entity none of
/// whose mentions is in gold maps to nothing, so its triples can only be false positives. For symmetric types
/// (held_talks_with) the two entities are put in a fixed order, so either argument order matches.
/// </summary>
internal static class RelationScorer
{
    // within: match a system mention to a gold mention whose span contains it, not only to the same span, for gold
    // whose arguments are phrases ("Macedonian army", PLOVER) rather than names.
    public static PrfScore Score(AnnotatedDocument gold, AnnotatedDocument predicted, IReadOnlySet<string> symmetricTypes, bool within = false) =>
        Compare(gold, predicted, symmetricTypes, within).Score;

    /// <summary>
    /// The triples of both sides, each marked matched, missed (gold only) or spurious (system only), with the gold
    /// entities' names, so that a report can say which relations were missed and score each type.
    /// </summary>
    public static RelationComparison Compare(AnnotatedDocument gold, AnnotatedDocument predicted, IReadOnlySet<string> symmetricTypes, bool within = false)
    {
        TripleSets sets = Collect(gold, predicted, symmetricTypes, within);
        var triples = new List<ScoredTriple>(sets.Gold.Count + sets.Predicted.Count);
        foreach (var t in sets.Gold.Keys)
            triples.Add(sets.Scored(gold.Id, t, sets.Predicted.ContainsKey(t) ? TripleOutcome.Matched : TripleOutcome.Missed));
        foreach (var t in sets.Predicted.Keys)
        {
            if (!sets.Gold.ContainsKey(t))
                triples.Add(sets.Scored(gold.Id, t, TripleOutcome.Spurious));
        }
        return new RelationComparison(triples);
    }

    /// <summary>
    /// Both sides' triples, each with the relations (R lines) that state it, in the order first met; the entity
    /// mapping; and the names a report prints.
    /// </summary>
    internal static TripleSets Collect(AnnotatedDocument gold, AnnotatedDocument predicted, IReadOnlySet<string> symmetricTypes, bool within = false)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (AnnotatedMention m in gold.Mentions)
            names.TryAdd(EntityScorer.EntityOf(m), m.CanonicalName ?? m.Text);
        var goldTriples = new Dictionary<(string, string, string), List<AnnotatedRelation>>();
        foreach (AnnotatedRelation r in gold.Relations)
        {
            var key = Triple(r.Type, EntityScorer.EntityOf(gold.Mentions[r.Arg1]), EntityScorer.EntityOf(gold.Mentions[r.Arg2]), symmetricTypes);
            Add(goldTriples, key, r);
        }
        Dictionary<string, string> mapping = MapEntities(gold, predicted, within);
        var predictedTriples = new Dictionary<(string, string, string), List<AnnotatedRelation>>();
        foreach (AnnotatedRelation r in predicted.Relations)
        {
            AnnotatedMention subjectMention = predicted.Mentions[r.Arg1], objectMention = predicted.Mentions[r.Arg2];
            string subject = mapping[EntityScorer.EntityOf(subjectMention)];
            string obj = mapping[EntityScorer.EntityOf(objectMention)];
            // An unmapped system entity is named by its own text, so a report shows what the system linked.
            names.TryAdd(subject, subjectMention.CanonicalName ?? subjectMention.Text);
            names.TryAdd(obj, objectMention.CanonicalName ?? objectMention.Text);
            Add(predictedTriples, Triple(r.Type, subject, obj, symmetricTypes), r);
        }
        return new TripleSets(goldTriples, predictedTriples, mapping, names);

        static void Add(Dictionary<(string, string, string), List<AnnotatedRelation>> triples, (string, string, string) key, AnnotatedRelation r)
        {
            if (!triples.TryGetValue(key, out List<AnnotatedRelation>? list))
            {
                list = [];
                triples.Add(key, list);
            }
            list.Add(r);
        }
    }

    /// <summary>System entity key to gold entity key (or to a key no gold entity has).</summary>
    public static Dictionary<string, string> MapEntities(AnnotatedDocument gold, AnnotatedDocument predicted, bool within = false)
    {
        Dictionary<(int, int), string> goldBySpan = EntityScorer.EntitiesBySpan(gold);
        var ordered = new List<AnnotatedMention>(predicted.Mentions);
        ordered.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));
        // Votes per system entity, kept in the order gold entities are first met so ties resolve to the earliest.
        var votes = new Dictionary<string, List<(string GoldEntity, int Count)>>(StringComparer.Ordinal);
        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (AnnotatedMention m in ordered)
        {
            string system = EntityScorer.EntityOf(m);
            if (!votes.TryGetValue(system, out var list))
            {
                list = [];
                votes.Add(system, list);
            }
            if (!goldBySpan.TryGetValue((m.Start, m.End), out string? goldEntity) && (!within || (goldEntity = Containing(gold, m)) is null))
                continue;
            int at = list.FindIndex(v => string.Equals(v.GoldEntity, goldEntity, StringComparison.Ordinal));
            if (at < 0)
                list.Add((goldEntity, 1));
            else
                list[at] = (goldEntity, list[at].Count + 1);
        }
        foreach ((string system, var list) in votes)
        {
            string target = "\u0001unmapped:" + system;
            int best = 0;
            foreach ((string goldEntity, int count) in list)
            {
                if (count > best)
                {
                    best = count;
                    target = goldEntity;
                }
            }
            mapping.Add(system, target);
        }
        return mapping;
    }

    private static string? Containing(AnnotatedDocument gold, AnnotatedMention m)
    {
        foreach (AnnotatedMention g in gold.Mentions)
        {
            if (g.Start <= m.Start && m.End <= g.End)
                return EntityScorer.EntityOf(g);
        }
        return null;
    }

    private static (string, string, string) Triple(string type, string subject, string obj, IReadOnlySet<string> symmetricTypes) =>
        symmetricTypes.Contains(type) && string.CompareOrdinal(subject, obj) > 0 ? (type, obj, subject) : (type, subject, obj);
}

/// <summary>Whether a document-level triple was found by both sides, by gold only or by the system only.</summary>
public enum TripleOutcome
{
    /// <summary>In gold and in the system output.</summary>
    Matched,

    /// <summary>In gold only: a false negative.</summary>
    Missed,

    /// <summary>In the system output only: a false positive.</summary>
    Spurious,
}

/// <summary>One document-level relation triple with its outcome; the arguments are gold entity names where mapped.</summary>
/// <param name="DocumentId">The document.</param>
/// <param name="Type">The relation type.</param>
/// <param name="Subject">The subject entity's name (for a symmetric type, the first in a fixed order).</param>
/// <param name="Object">The object entity's name.</param>
/// <param name="Outcome">Matched, missed or spurious.</param>
public sealed record ScoredTriple(string DocumentId, string Type, string Subject, string Object, TripleOutcome Outcome);

/// <summary>What <see cref="RelationScorer.Collect"/> gathers: each side's triples with the relations stating them.</summary>
internal sealed record TripleSets(
    Dictionary<(string, string, string), List<AnnotatedRelation>> Gold,
    Dictionary<(string, string, string), List<AnnotatedRelation>> Predicted,
    Dictionary<string, string> Mapping,
    Dictionary<string, string> Names)
{
    public ScoredTriple Scored(string documentId, (string Type, string Subject, string Object) t, TripleOutcome outcome) =>
        new(documentId, t.Type, Names[t.Subject], Names[t.Object], outcome);
}

/// <summary>Every triple of one document compared, with the overall and per-type scores they give.</summary>
internal sealed class RelationComparison
{
    public RelationComparison(IReadOnlyList<ScoredTriple> triples)
    {
        Triples = triples;
        var byType = new SortedDictionary<string, PrfScore>(StringComparer.Ordinal);
        PrfScore total = default;
        foreach (ScoredTriple t in triples)
        {
            PrfScore one = t.Outcome switch
            {
                TripleOutcome.Matched => new PrfScore(1, 0, 0),
                TripleOutcome.Missed => new PrfScore(0, 0, 1),
                _ => new PrfScore(0, 1, 0),
            };
            total += one;
            byType[t.Type] = byType.GetValueOrDefault(t.Type) + one;
        }
        Score = total;
        ByType = byType;
    }

    public IReadOnlyList<ScoredTriple> Triples { get; }

    public PrfScore Score { get; }

    public IReadOnlyDictionary<string, PrfScore> ByType { get; }
}
