namespace EntityGraph.Aliases;

/// <summary>The pipeline stage that runs an <see cref="AliasResolver"/> over each document's mentions.</summary>
public sealed class AliasResolverStage : PipelineStage
{
    /// <summary>Creates the stage.</summary>
    /// <param name="resolver">The resolver; null for one over the embedded default dictionaries.</param>
    public AliasResolverStage(AliasResolver? resolver = null) => Resolver = resolver ?? new AliasResolver();

    /// <summary>The resolver the stage runs.</summary>
    public AliasResolver Resolver { get; }

    /// <inheritdoc />
    public override string Name => "aliases";

    /// <inheritdoc />
    public override Annotations Requires => Annotations.Tokens | Annotations.Mentions;

    /// <inheritdoc />
    public override Annotations Assigns => Annotations.Entities;

    /// <inheritdoc />
    public override void Process(Document document, CancellationToken cancellationToken) => Resolver.Resolve(document);
}
