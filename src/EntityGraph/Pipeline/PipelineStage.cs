namespace EntityGraph;

/// <summary>
/// One step of a <see cref="Pipeline"/>: reads the layers it <see cref="Requires"/> and fills the layers it
/// <see cref="Assigns"/>. A stage is shared by every thread that runs the pipeline, so it keeps no per-call state.
/// </summary>
public abstract class PipelineStage
{
    /// <summary>A short name for messages and the JSON output (tokenizer, sentences, ner...).</summary>
    public abstract string Name { get; }

    /// <summary>The layers that must be filled before this stage runs.</summary>
    public abstract Annotations Requires { get; }

    /// <summary>The layers this stage fills.</summary>
    public abstract Annotations Assigns { get; }

    /// <summary>Adds this stage's layers to <paramref name="document"/>.</summary>
    /// <param name="document">The document to annotate; only this call touches it.</param>
    /// <param name="cancellationToken">Stops long work early.</param>
    public abstract void Process(Document document, CancellationToken cancellationToken);

    /// <inheritdoc />
    public override string ToString() => Name;
}
