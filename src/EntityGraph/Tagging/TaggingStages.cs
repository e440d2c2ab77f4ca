using System.Runtime.CompilerServices;

namespace EntityGraph.Tagging;

/// <summary>The part-of-speech tagger as a pipeline stage: sets each token's UPOS and XPOS.</summary>
/// <param name="model">The model; null for the embedded default, loaded on first use.</param>
public sealed class PartOfSpeechStage(PosTaggerModel? model = null) : PipelineStage
{
    /// <inheritdoc />
    public override string Name => "pos";

    /// <inheritdoc />
    public override Annotations Requires => Annotations.Tokens | Annotations.Sentences;

    /// <inheritdoc />
    public override Annotations Assigns => Annotations.PartOfSpeech;

    /// <inheritdoc />
    public override void Process(Document document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        (model ?? PosTaggerModel.Default).Tag(document, cancellationToken);
    }
}

/// <summary>The lemmatizer as a pipeline stage: sets each token's lemma from its form and POS tags.</summary>
/// <param name="lemmatizer">The lemmatizer; null for the embedded default, loaded on first use.</param>
[SkipLocalsInit]
public sealed class LemmatizerStage(Lemmatizer? lemmatizer = null) : PipelineStage
{
    /// <inheritdoc />
    public override string Name => "lemmas";

    /// <inheritdoc />
    public override Annotations Requires => Annotations.Tokens | Annotations.PartOfSpeech;

    /// <inheritdoc />
    public override Annotations Assigns => Annotations.Lemmas;

    /// <inheritdoc />
    public override void Process(Document document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        Lemmatizer l = lemmatizer ?? Lemmatizer.Default;
        var strings = document.Strings;
        Span<TokenData> tokens = document.MutableTokenData;
        Span<char> buffer = stackalloc char[80];
        string text = document.Text;
        for (int i = 0; i < tokens.Length; i++)
        {
            ref TokenData t = ref tokens[i];
            ReadOnlySpan<char> form = text.AsSpan(t.Start, t.Length);
            int length = l.Lemmatize(form, strings.Get(t.Upos) ?? "X", strings.Get(t.Xpos) ?? string.Empty, buffer, useLearned: true);
            t.Lemma = strings.Intern(length < 0 ? form : buffer[..length]);
        }
    }
}
