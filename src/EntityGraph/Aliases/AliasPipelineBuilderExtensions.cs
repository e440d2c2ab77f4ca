using EntityGraph.Aliases;

namespace EntityGraph;

/// <summary>The <c>UseAliasResolver()</c> extensions.</summary>
public static class AliasPipelineBuilderExtensions
{
    /// <summary>Adds alias resolution (needs mentions): groups mentions into entities with stable ids.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">Dictionary and thresholds; null for the embedded default dictionaries.</param>
    /// <returns>The builder.</returns>
    public static PipelineBuilder UseAliasResolver(this PipelineBuilder builder, AliasResolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(new AliasResolverStage(new AliasResolver(options)));
    }

    /// <summary>
    /// Adds the default resolver when an earlier stage assigns mentions, so the default chain still builds while
    /// no recognizer is configured.
    /// </summary>
    internal static PipelineBuilder UseDefaultAliasResolver(this PipelineBuilder builder)
    {
        foreach (PipelineStage stage in builder.Stages)
        {
            if ((stage.Assigns & Annotations.Mentions) != 0)
                return builder.UseAliasResolver();
        }
        return builder;
    }
}
