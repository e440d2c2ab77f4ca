using EntityGraph.Entities;
using EntityGraph.Tagging;
using EntityGraph.Text;

namespace EntityGraph;

/// <summary>
/// Collects the stages of a <see cref="Pipeline"/>. Mutable and not thread-safe; <see cref="Build"/> checks the
/// order and returns an immutable pipeline to reuse.
/// </summary>
public sealed class PipelineBuilder
{
    private readonly List<PipelineStage> _stages = [];

    /// <summary>The stages in run order.</summary>
    public IReadOnlyList<PipelineStage> Stages => _stages;

    /// <summary>Appends <paramref name="stage"/>.</summary>
    /// <returns>This builder.</returns>
    public PipelineBuilder Use(PipelineStage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        _stages.Add(stage);
        return this;
    }

    /// <summary>Inserts <paramref name="stage"/> before the first stage of type <typeparamref name="T"/>.</summary>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">No stage of that type.</exception>
    public PipelineBuilder InsertBefore<T>(PipelineStage stage) where T : PipelineStage
    {
        ArgumentNullException.ThrowIfNull(stage);
        _stages.Insert(IndexOf<T>(), stage);
        return this;
    }

    /// <summary>Replaces the first stage of type <typeparamref name="T"/> with <paramref name="stage"/>.</summary>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">No stage of that type.</exception>
    public PipelineBuilder Replace<T>(PipelineStage stage) where T : PipelineStage
    {
        ArgumentNullException.ThrowIfNull(stage);
        _stages[IndexOf<T>()] = stage;
        return this;
    }

    /// <summary>Removes every stage of type <typeparamref name="T"/>.</summary>
    /// <returns>This builder.</returns>
    public PipelineBuilder Remove<T>() where T : PipelineStage
    {
        _stages.RemoveAll(static s => s is T);
        return this;
    }

    /// <summary>Whether a stage of type <typeparamref name="T"/> is present.</summary>
    public bool Contains<T>() where T : PipelineStage => _stages.Exists(static s => s is T);

    private int IndexOf<T>() where T : PipelineStage
    {
        int index = _stages.FindIndex(static s => s is T);
        if (index < 0)
            throw new InvalidOperationException($"The pipeline has no {typeof(T).Name} stage.");
        return index;
    }

    /// <summary>Checks that every stage's requirements are assigned by an earlier stage and returns the pipeline.</summary>
    /// <returns>An immutable pipeline that is safe to share across threads.</returns>
    /// <exception cref="InvalidOperationException">A stage runs before the stage that assigns what it needs.</exception>
    public Pipeline Build()
    {
        if (_stages.Count == 0)
            throw new InvalidOperationException("The pipeline has no stages: call UseTokenizer() or UseDefaults() first.");
        Annotations available = Annotations.None;
        foreach (PipelineStage stage in _stages)
        {
            Annotations missing = stage.Requires & ~available;
            if (missing != Annotations.None)
            {
                throw new InvalidOperationException(
                    $"Stage '{stage.Name}' requires {missing}, which no earlier stage assigns. Stages in order: {string.Join(", ", _stages)}.");
            }
            available |= stage.Assigns;
        }
        return new Pipeline([.. _stages]);
    }
}

/// <summary>The <c>UseXxx()</c> extensions that add the built-in stages.</summary>
public static class PipelineBuilderExtensions
{
    /// <summary>Adds the offset-exact news tokenizer.</summary>
    /// <returns>The builder.</returns>
    public static PipelineBuilder UseTokenizer(this PipelineBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(new TokenizerStage());
    }

    /// <summary>Adds the sentence splitter (needs tokens).</summary>
    /// <returns>The builder.</returns>
    public static PipelineBuilder UseSentenceSplitter(this PipelineBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(new SentenceSplitterStage());
    }

    /// <summary>Adds the part-of-speech tagger (needs sentences).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="model">A model of your own; null for the embedded default.</param>
    /// <returns>The builder.</returns>
    public static PipelineBuilder UsePartOfSpeech(this PipelineBuilder builder, PosTaggerModel? model = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(new PartOfSpeechStage(model));
    }

    /// <summary>Adds the lemmatizer (needs POS tags).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="lemmatizer">Lemmatizer data of your own; null for the embedded default.</param>
    /// <returns>The builder.</returns>
    public static PipelineBuilder UseLemmatizer(this PipelineBuilder builder, Lemmatizer? lemmatizer = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(new LemmatizerStage(lemmatizer));
    }

    /// <summary>Adds the named-entity recognizer (needs POS tags).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="model">A model of your own; null for the embedded default.</param>
    /// <param name="forcer">Spans that must be entities whatever the model says (dictionary entries), or null.</param>
    /// <returns>The builder.</returns>
    public static PipelineBuilder UseEntityRecognizer(this PipelineBuilder builder, EntityRecognizerModel? model = null, IEntityForcer? forcer = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(new EntityRecognizerStage(model, forcer));
    }

    /// <summary>Adds the best stages available with the embedded default models, in order.</summary>
    /// <returns>The builder.</returns>
    public static PipelineBuilder UseDefaults(this PipelineBuilder builder) =>
        builder.UseTokenizer().UseSentenceSplitter().UsePartOfSpeech().UseLemmatizer().UseEntityRecognizer(forcer: Aliases.AliasForcer.Default).UseDependencyParser()
            .UseDefaultAliasResolver().UseRelationExtractor();
}
