namespace EntityGraph.Evaluation;

/// <summary>
/// A text with mentions, entities and relations in the shape ANNOTATION.md describes: what a gold corpus holds
/// and what a system's output is turned into before scoring.
/// </summary>
public sealed class AnnotatedDocument
{
    /// <summary>Creates a document.</summary>
    /// <param name="id">The document's name (the file name without extension for brat).</param>
    /// <param name="text">The text every offset points into.</param>
    /// <param name="mentions">The mentions, in any order.</param>
    /// <param name="relations">The relations; their arguments index <paramref name="mentions"/>.</param>
    public AnnotatedDocument(string id, string text, IReadOnlyList<AnnotatedMention> mentions, IReadOnlyList<AnnotatedRelation> relations)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(mentions);
        ArgumentNullException.ThrowIfNull(relations);
        Id = id;
        Text = text;
        Mentions = mentions;
        Relations = relations;
    }

    /// <summary>The document's name.</summary>
    public string Id { get; }

    /// <summary>The text.</summary>
    public string Text { get; }

    /// <summary>The mentions.</summary>
    public IReadOnlyList<AnnotatedMention> Mentions { get; }

    /// <summary>The relations between mentions; scoring lifts them to the mentions' entities.</summary>
    public IReadOnlyList<AnnotatedRelation> Relations { get; }

    /// <summary>
    /// The pipeline's output for scoring: each mention with the entity it resolved to (none before alias
    /// resolution: every mention is then an entity of its own), and each relation between the first mentions of
    /// its two entities; only asserted relations, as in brat output.
    /// </summary>
    /// <param name="document">A processed document.</param>
    /// <returns>The annotations of <paramref name="document"/>.</returns>
    public static AnnotatedDocument FromDocument(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        IReadOnlyList<Mention> source = document.Mentions;
        IReadOnlyList<Entity> entities = document.Entities;
        var mentions = new AnnotatedMention[source.Count];
        for (int i = 0; i < source.Count; i++)
        {
            Mention m = source[i];
            Entity? entity = m.EntityIndex >= 0 && m.EntityIndex < entities.Count ? entities[m.EntityIndex] : null;
            mentions[i] = new AnnotatedMention(
                "T" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                m.Label, m.Start, m.End, m.Text,
                entity is null ? null : "e" + entity.Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                entity?.CanonicalName);
        }
        var relations = new List<AnnotatedRelation>(document.Relations.Count);
        foreach (Relation r in document.Relations)
        {
            // Negated, hedged and conditional statements are not relations by the guidelines (and brat output omits them).
            if (!r.IsAsserted)
                continue;
            int subject = FirstMention(entities, r.SubjectEntity);
            int obj = FirstMention(entities, r.ObjectEntity);
            // An entity without a mention cannot be matched to gold, so its relation could only ever be wrong
            // for a reason the scorer cannot show; such entities do not occur in pipeline output.
            if (subject >= 0 && obj >= 0)
                relations.Add(new AnnotatedRelation("R" + (relations.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), r.Type, subject, obj) { Source = r });
        }
        return new AnnotatedDocument(document.Id, document.Text, mentions, relations);
    }

    private static int FirstMention(IReadOnlyList<Entity> entities, int entity) =>
        entity >= 0 && entity < entities.Count && entities[entity].MentionIndices.Count > 0 ? entities[entity].MentionIndices[0] : -1;

    /// <inheritdoc />
    public override string ToString() => $"AnnotatedDocument '{Id}' ({Mentions.Count} mentions, {Relations.Count} relations)";
}

/// <summary>One mention: a tagged character span, and the entity it belongs to.</summary>
/// <param name="Id">The annotation id (brat <c>T1</c>).</param>
/// <param name="Tag">PER, ORG, LOC or MISC.</param>
/// <param name="Start">Offset of the first character.</param>
/// <param name="End">Offset just past the last character.</param>
/// <param name="Text">The covered text.</param>
/// <param name="EntityKey">The entity's key (brat N line <c>EG:key</c>); null when the mention is an entity of its own.</param>
/// <param name="CanonicalName">The entity's canonical name, when known.</param>
public sealed record AnnotatedMention(string Id, string Tag, int Start, int End, string Text, string? EntityKey = null, string? CanonicalName = null);

/// <summary>A relation between two mentions; for scoring it stands for a relation between their entities.</summary>
/// <param name="Id">The annotation id (brat <c>R1</c>).</param>
/// <param name="Type">captured, deployed_to, held_talks_with, attacked, located_in or affiliated_with.</param>
/// <param name="Arg1">Index in <see cref="AnnotatedDocument.Mentions"/> of the subject mention.</param>
/// <param name="Arg2">Index of the object mention.</param>
public sealed record AnnotatedRelation(string Id, string Type, int Arg1, int Arg2)
{
    /// <summary>
    /// The brat <c>AnnotatorNotes</c> text attached to the R line (EntityGraph's brat output notes the pattern,
    /// confidence, trigger and sentence there), or null.
    /// </summary>
    public string? Note { get; init; }

    /// <summary>The pipeline relation this was made from by <see cref="AnnotatedDocument.FromDocument"/>, with all its evidence; null when read from a file.</summary>
    public Relation? Source { get; init; }
}
