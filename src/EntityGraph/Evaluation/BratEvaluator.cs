using System.Collections.Frozen;

namespace EntityGraph.Evaluation;

/// <summary>
/// Scores system annotations against gold ones by ANNOTATION.md section 5: mentions (exact span and tag, micro and
/// per tag), entities (B-cubed over the mentions both sides found) and relations (document-level triples after
/// mapping each system entity to the gold entity holding most of its mentions).
/// </summary>
public static class BratEvaluator
{
    /// <summary>The relation types whose arguments may come in either order: held_talks_with.</summary>
    public static IReadOnlySet<string> DefaultSymmetricRelationTypes { get; } = new[] { "held_talks_with" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Scores each pair and the whole set.</summary>
    /// <param name="pairs">Gold and predicted annotations of the same texts.</param>
    /// <param name="symmetricRelationTypes">Relation types scored without direction; defaults to <see cref="DefaultSymmetricRelationTypes"/>.</param>
    /// <param name="argumentsWithinGold">
    /// Map a system mention to the gold mention whose span contains it, not only to the same span, when lifting
    /// relations to entities: for gold whose relation arguments are phrases ("Iraqi Prime Minister Nouri al-Maliki",
    /// re3d) rather than names.
    /// </param>
    /// <returns>Scores per document and in total.</returns>
    /// <exception cref="ArgumentException">A pair's texts differ, so offsets cannot be compared.</exception>
    public static EvaluationReport Evaluate(IEnumerable<(AnnotatedDocument Gold, AnnotatedDocument Predicted)> pairs, IReadOnlySet<string>? symmetricRelationTypes = null,
        bool argumentsWithinGold = false)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        symmetricRelationTypes ??= DefaultSymmetricRelationTypes;
        var documents = new List<EvaluationScores>();
        var totalByTag = new Dictionary<string, PrfScore>(StringComparer.Ordinal);
        var totalRelationsByType = new Dictionary<string, PrfScore>(StringComparer.Ordinal);
        var allTriples = new List<ScoredTriple>();
        PrfScore totalMentions = default, totalRelations = default;
        BCubedScore totalEntities = default;
        LinkingScore totalLinking = default;
        var linkingErrors = new List<LinkingError>();
        foreach ((AnnotatedDocument gold, AnnotatedDocument predicted) in pairs)
        {
            ArgumentNullException.ThrowIfNull(gold);
            ArgumentNullException.ThrowIfNull(predicted);
            if (!string.Equals(gold.Text, predicted.Text, StringComparison.Ordinal))
                throw new ArgumentException($"The gold and predicted texts of '{gold.Id}' differ, so their offsets cannot be compared.", nameof(pairs));
            var byTag = new Dictionary<string, PrfScore>(StringComparer.Ordinal);
            PrfScore mentions = MentionScorer.Score(gold.Mentions, predicted.Mentions, byTag);
            BCubedScore entities = EntityScorer.BCubed(gold, predicted);
            RelationComparison relations = RelationScorer.Compare(gold, predicted, symmetricRelationTypes, argumentsWithinGold);
            int errorsBefore = linkingErrors.Count;
            LinkingScore linking = LinkingScorer.Score(gold, predicted, linkingErrors);
            documents.Add(new EvaluationScores(gold.Id, mentions, Sorted(byTag), entities, relations.Score, relations.ByType, relations.Triples)
            {
                Linking = linking,
                LinkingErrors = linkingErrors[errorsBefore..],
            });
            totalLinking += linking;
            allTriples.AddRange(relations.Triples);
            foreach ((string type, PrfScore score) in relations.ByType)
                totalRelationsByType[type] = totalRelationsByType.GetValueOrDefault(type) + score;
            totalMentions += mentions;
            totalEntities += entities;
            totalRelations += relations.Score;
            foreach ((string tag, PrfScore score) in byTag)
                totalByTag[tag] = totalByTag.GetValueOrDefault(tag) + score;
        }
        return new EvaluationReport(documents, new EvaluationScores("total", totalMentions, Sorted(totalByTag), totalEntities, totalRelations, Sorted(totalRelationsByType), allTriples)
        {
            Linking = totalLinking,
            LinkingErrors = linkingErrors,
        });
    }

    private static SortedDictionary<string, PrfScore> Sorted(Dictionary<string, PrfScore> byTag) => new(byTag, StringComparer.Ordinal);
}

/// <summary>The scores of one document, or of a whole corpus.</summary>
public sealed class EvaluationScores
{
    internal EvaluationScores(string id, PrfScore mentions, IReadOnlyDictionary<string, PrfScore> mentionsByTag, BCubedScore entities, PrfScore relations,
        IReadOnlyDictionary<string, PrfScore> relationsByType, IReadOnlyList<ScoredTriple> relationTriples)
    {
        RelationsByType = relationsByType;
        RelationTriples = relationTriples;
        Id = id;
        Mentions = mentions;
        MentionsByTag = mentionsByTag;
        Entities = entities;
        Relations = relations;
    }

    /// <summary>The document's name, or <c>total</c>.</summary>
    public string Id { get; }

    /// <summary>Mentions on exact (start, end, tag), micro-averaged.</summary>
    public PrfScore Mentions { get; }

    /// <summary>Mentions per tag, ordered by tag.</summary>
    public IReadOnlyDictionary<string, PrfScore> MentionsByTag { get; }

    /// <summary>Entity B-cubed over the mentions both sides found.</summary>
    public BCubedScore Entities { get; }

    /// <summary>Linking accuracy: system entities named as the gold entity they map to: the share of entities that share a mention with the gold and carry the canonical name of the gold entity holding most of those mentions.</summary>
    public LinkingScore Linking { get; init; }

    /// <summary>The system entities named otherwise than the gold, in document order.</summary>
    public IReadOnlyList<LinkingError> LinkingErrors { get; init; } = [];

    /// <summary>Document-level relation triples.</summary>
    public PrfScore Relations { get; }

    /// <summary>Document-level relation triples per relation type, ordered by type.</summary>
    public IReadOnlyDictionary<string, PrfScore> RelationsByType { get; }

    /// <summary>Every triple compared, matched, missed or spurious, in document order (gold first, then system).</summary>
    public IReadOnlyList<ScoredTriple> RelationTriples { get; }
}

/// <summary>What <see cref="BratEvaluator.Evaluate"/> returns.</summary>
public sealed class EvaluationReport
{
    internal EvaluationReport(IReadOnlyList<EvaluationScores> documents, EvaluationScores total)
    {
        Documents = documents;
        Total = total;
    }

    /// <summary>Scores per document, in input order.</summary>
    public IReadOnlyList<EvaluationScores> Documents { get; }

    /// <summary>Scores over all documents: counts added up (micro-averaging).</summary>
    public EvaluationScores Total { get; }
}
