namespace EntityGraph.Evaluation;

/// <summary>Mention scores of ANNOTATION.md section 5: exact (start, end, tag) matches, overall and per tag.</summary>
internal static class MentionScorer
{
    /// <summary>Adds the comparison of <paramref name="gold"/> and <paramref name="predicted"/> to <paramref name="byTag"/> and returns the overall counts.</summary>
    /// <remarks>Mentions are sets: a span annotated twice with the same tag counts once.</remarks>
    public static PrfScore Score(IReadOnlyList<AnnotatedMention> gold, IReadOnlyList<AnnotatedMention> predicted, Dictionary<string, PrfScore> byTag)
    {
        var goldSet = new HashSet<(int, int, string)>();
        foreach (AnnotatedMention m in gold)
            goldSet.Add((m.Start, m.End, m.Tag));
        var predictedSet = new HashSet<(int, int, string)>();
        foreach (AnnotatedMention m in predicted)
            predictedSet.Add((m.Start, m.End, m.Tag));
        var total = new PrfScore();
        foreach ((int start, int end, string tag) in predictedSet)
        {
            PrfScore one = goldSet.Contains((start, end, tag)) ? new PrfScore(1, 0, 0) : new PrfScore(0, 1, 0);
            total += one;
            byTag[tag] = byTag.GetValueOrDefault(tag) + one;
        }
        foreach ((int start, int end, string tag) in goldSet)
        {
            if (predictedSet.Contains((start, end, tag)))
                continue;
            var one = new PrfScore(0, 0, 1);
            total += one;
            byTag[tag] = byTag.GetValueOrDefault(tag) + one;
        }
        return total;
    }
}
