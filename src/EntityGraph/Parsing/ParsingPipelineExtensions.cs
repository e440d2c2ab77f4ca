using EntityGraph.Parsing;

namespace EntityGraph;

/// <summary>The <c>UseXxx()</c> extension that adds the dependency parser.</summary>
public static class ParsingPipelineExtensions
{
    /// <summary>Adds the dependency parser (needs tokens, sentences and part-of-speech tags).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="modelFile">A parser model file; null for the model embedded in the library.</param>
    /// <returns>The builder.</returns>
    public static PipelineBuilder UseDependencyParser(this PipelineBuilder builder, string? modelFile = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(modelFile is null ? new DependencyParserStage() : new DependencyParserStage(modelFile));
    }
}
