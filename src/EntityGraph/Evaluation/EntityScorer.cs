namespace EntityGraph.Evaluation;

/// <summary>
/// Entity (alias cluster) scores of ANNOTATION.md section 5: B-cubed over the mentions both sides found, a mention
/// being "found" by both when the same character span is annotated on both sides (the tag may differ). A mention
/// with no entity key (a brat mention without an N line, a pipeline mention not resolved) is an entity of its own.
/// </summary>
internal static class EntityScorer
{
    public static BCubedScore BCubed(AnnotatedDocument gold, AnnotatedDocument predicted)
    {
        Dictionary<(int, int), string> goldEntities = EntitiesBySpan(gold);
        Dictionary<(int, int), string> predictedEntities = EntitiesBySpan(predicted);
        var common = new List<(string Gold, string Predicted)>();
        foreach (((int, int) span, string goldEntity) in goldEntities)
        {
            if (predictedEntities.TryGetValue(span, out string? predictedEntity))
                common.Add((goldEntity, predictedEntity));
        }
        double precision = 0, recall = 0;
        for (int i = 0; i < common.Count; i++)
        {
            int sameGold = 0, samePredicted = 0, both = 0;
            for (int j = 0; j < common.Count; j++)
            {
                bool g = string.Equals(common[i].Gold, common[j].Gold, StringComparison.Ordinal);
                bool p = string.Equals(common[i].Predicted, common[j].Predicted, StringComparison.Ordinal);
                if (g)
                    sameGold++;
                if (p)
                    samePredicted++;
                if (g && p)
                    both++;
            }
            precision += (double)both / samePredicted;
            recall += (double)both / sameGold;
        }
        return new BCubedScore(precision, recall, common.Count);
    }

    /// <summary>The entity key of a mention: its N-line key, or a key of its own (ids never contain a NUL).</summary>
    public static string EntityOf(AnnotatedMention mention) => mention.EntityKey ?? "\0" + mention.Id;

    /// <summary>Span to entity; when one span is annotated twice the first annotation wins.</summary>
    public static Dictionary<(int, int), string> EntitiesBySpan(AnnotatedDocument document)
    {
        var map = new Dictionary<(int, int), string>();
        foreach (AnnotatedMention m in document.Mentions)
            map.TryAdd((m.Start, m.End), EntityOf(m));
        return map;
    }
}
