namespace EntityGraph.Text;

/// <summary>The tokenizer as a pipeline stage.</summary>
public sealed class TokenizerStage : PipelineStage
{
    /// <inheritdoc />
    public override string Name => "tokenizer";

    /// <inheritdoc />
    public override Annotations Requires => Annotations.None;

    /// <inheritdoc />
    public override Annotations Assigns => Annotations.Tokens;

    /// <inheritdoc />
    public override void Process(Document document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.ClearTokens();
        Tokenizer.Tokenize(document);
    }
}

/// <summary>The sentence splitter as a pipeline stage.</summary>
public sealed class SentenceSplitterStage : PipelineStage
{
    /// <inheritdoc />
    public override string Name => "sentences";

    /// <inheritdoc />
    public override Annotations Requires => Annotations.Tokens;

    /// <inheritdoc />
    public override Annotations Assigns => Annotations.Sentences;

    /// <inheritdoc />
    public override void Process(Document document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        SentenceSplitter.Split(document);
    }
}
