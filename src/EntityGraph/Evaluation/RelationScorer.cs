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
    public static PrfScore Score(AnnotatedDocument gold, AnnotatedDocument predicted, IReadOnlySet<string> symmetricTypes, bool within = false)
    {
        var goldTriples = new HashSet<(string, string, string)>();
        foreach (AnnotatedRelation r in gold.Relations)
        {
            goldTriples.Add(Triple(r.Type, EntityScorer.EntityOf(gold.Mentions[r.Arg1]), EntityScorer.EntityOf(gold.Mentions[r.Arg2]), symmetricTypes));
        }
        Dictionary<string, string> mapping = MapEntities(gold, predicted, within);
        var predictedTriples = new HashSet<(string, string, string)>();
        foreach (AnnotatedRelation r in predicted.Relations)
        {
            string subject = mapping[EntityScorer.EntityOf(predicted.Mentions[r.Arg1])];
            string obj = mapping[EntityScorer.EntityOf(predicted.Mentions[r.Arg2])];
            predictedTriples.Add(Triple(r.Type, subject, obj, symmetricTypes));
        }
        int tp = 0;
        foreach (var t in predictedTriples)
        {
            if (goldTriples.Contains(t))
                tp++;
        }
        return new PrfScore(tp, predictedTriples.Count - tp, goldTriples.Count - tp);
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
