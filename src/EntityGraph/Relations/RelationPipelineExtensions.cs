using EntityGraph.Relations;

namespace EntityGraph;

/// <summary>The <c>UseRelationExtractor()</c> extension.</summary>
public static class RelationPipelineExtensions
{
    /// <summary>Adds relation extraction (needs lemmas, the dependency parse and resolved entities).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="schema">The relation types; the embedded default schema when null.</param>
    /// <returns>The builder.</returns>
    public static PipelineBuilder UseRelationExtractor(this PipelineBuilder builder, RelationSchema? schema = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(new RelationExtractorStage(schema));
    }
}
