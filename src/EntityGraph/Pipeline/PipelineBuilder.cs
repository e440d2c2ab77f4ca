using EntityGraph.Aliases;
using EntityGraph.Entities;
using EntityGraph.Tagging;
using EntityGraph.Text;

namespace EntityGraph;

/// <summary>
/// Collects the stages of a <see cref="Pipeline"/>. Mutable and not thread-safe; <see cref="Build"/> checks the
/// order and returns an immutable pipeline to reuse.
/// </summary>
/// <remarks>
/// The stages <c>UseDefaults()</c> adds are defaults: a later <c>UseXxx()</c> (or <see cref="Use"/>) with a stage of
/// the same type replaces the default in its place, so <c>UseDefaults().UseAliasResolver(options)</c> runs one
/// resolver, yours. Any other two stages that assign the same layer are refused by <see cref="Build"/>: use
/// <see cref="Replace{T}"/> to put your own stage in place of another.
/// </remarks>
public sealed class PipelineBuilder
{
    private readonly List<PipelineStage> _stages = [];
    private readonly HashSet<PipelineStage> _defaults = new(ReferenceEqualityComparer.Instance);

    /// <summary>The stages in run order.</summary>
    public IReadOnlyList<PipelineStage> Stages => _stages;

    /// <summary>
    /// Appends <paramref name="stage"/>, or puts it in the place of a stage of the same type that
    /// <c>UseDefaults()</c> added.
    /// </summary>
    /// <returns>This builder.</returns>
    public PipelineBuilder Use(PipelineStage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        int index = _stages.FindIndex(s => s.GetType() == stage.GetType() && _defaults.Contains(s));
        if (index >= 0)
        {
            _defaults.Remove(_stages[index]);
            _stages[index] = stage;
        }
        else
        {
            _stages.Add(stage);
        }
        return this;
    }

    /// <summary>Marks the stages from <paramref name="first"/> on as defaults that a later stage of their type replaces.</summary>
    internal void MarkDefaults(int first)
    {
        for (int i = first; i < _stages.Count; i++)
            _defaults.Add(_stages[i]);
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
        int index = IndexOf<T>();
        _defaults.Remove(_stages[index]);
        _stages[index] = stage;
        return this;
    }

    /// <summary>Removes every stage of type <typeparamref name="T"/>.</summary>
    /// <returns>This builder.</returns>
    public PipelineBuilder Remove<T>() where T : PipelineStage
    {
        _stages.RemoveAll(static s => s is T);
        _defaults.RemoveWhere(static s => s is T);
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

    /// <summary>
    /// Checks that every stage's requirements are assigned by an earlier stage and that no two stages assign the same
    /// layer, and returns the pipeline. A recognizer that forces the default dictionary names
    /// (<see cref="AliasForcer.Default"/>, as <c>UseDefaults()</c> adds it) forces the names of the alias resolver's
    /// dictionary instead when the resolver has another one (<c>UseAliasResolver(options)</c> with your files).
    /// </summary>
    /// <returns>An immutable pipeline that is safe to share across threads.</returns>
    /// <exception cref="InvalidOperationException">A stage runs before the stage that assigns what it needs, or two stages assign one layer.</exception>
    public Pipeline Build()
    {
        if (_stages.Count == 0)
            throw new InvalidOperationException("The pipeline has no stages: call UseTokenizer() or UseDefaults() first.");
        Annotations available = Annotations.None;
        for (int i = 0; i < _stages.Count; i++)
        {
            PipelineStage stage = _stages[i];
            Annotations missing = stage.Requires & ~available;
            if (missing != Annotations.None)
            {
                throw new InvalidOperationException(
                    $"Stage '{stage.Name}' requires {missing}, which no earlier stage assigns. Stages in order: {string.Join(", ", _stages)}.");
            }
            Annotations twice = stage.Assigns & available;
            if (twice != Annotations.None)
            {
                PipelineStage first = _stages.Find(s => (s.Assigns & twice) != Annotations.None)!;
                throw new InvalidOperationException(
                    $"Stages '{first.Name}' and '{stage.Name}' both assign {twice}; each layer is assigned once. To run your stage instead of " +
                    $"'{first.Name}', call Replace<{first.GetType().Name}>(stage) rather than adding a second one. Stages in order: {string.Join(", ", _stages)}.");
            }
            available |= stage.Assigns;
        }
        List<PipelineStage> stages = [.. _stages];
        ForceResolverDictionary(stages);
        return new Pipeline([.. stages]);
    }

    /// <summary>
    /// User dictionaries force their <c>force: true</c> entries wherever the defaults do: a recognizer with the default
    /// forcer gets one over the alias resolver's dictionary when that is not the embedded default.
    /// </summary>
    private static void ForceResolverDictionary(List<PipelineStage> stages)
    {
        AliasDictionary? dictionary = null;
        foreach (PipelineStage stage in stages)
        {
            if (stage is AliasResolverStage resolver)
            {
                dictionary = resolver.Resolver.Dictionary;
                break;
            }
        }
        if (dictionary is null || ReferenceEquals(dictionary, AliasDictionary.Default))
            return;
        AliasForcer? forcer = null;
        for (int i = 0; i < stages.Count; i++)
        {
            if (stages[i] is EntityRecognizerStage { Forcer: AliasForcer { IsDefault: true } } recognizer)
                stages[i] = recognizer.WithForcer(forcer ??= new AliasForcer(dictionary));
        }
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

    /// <summary>
    /// Adds the best stages available with the embedded default models, in order. A later <c>UseXxx()</c> of the same
    /// kind replaces the default stage (<c>UseDefaults().UseAliasResolver(options)</c>).
    /// </summary>
    /// <returns>The builder.</returns>
    public static PipelineBuilder UseDefaults(this PipelineBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        LoadDefaultModels();
        int first = builder.Stages.Count;
        builder.UseTokenizer().UseSentenceSplitter().UsePartOfSpeech().UseLemmatizer().UseEntityRecognizer(forcer: AliasForcer.Default).UseDependencyParser()
            .UseDefaultAliasResolver().UseRelationExtractor();
        builder.MarkDefaults(first);
        return builder;
    }

    /// <summary>
    /// Loads the embedded models and dictionaries of the default stages side by side. Each is loaded once per process
    /// behind its own <see cref="Lazy{T}"/>, whichever thread asks first; loaded one after the other they made a
    /// user's first call wait for their sum (the parser's tables and the alias dictionaries take about the same
    /// time), in parallel it waits for about the largest on two cores. The largest are started first.
    /// </summary>
    private static void LoadDefaultModels()
    {
        try
        {
            Parallel.Invoke(
                static () => _ = Parsing.DependencyParser.Default,
                static () => _ = AliasForcer.Default,
                static () => _ = EntityRecognizerModel.Default,
                static () => _ = PosTaggerModel.Default,
                static () => _ = Lemmatizer.Default,
                static () => _ = Relations.RelationSchema.Default,
                static () => _ = Relations.RelationModel.Default);
        }
        catch (AggregateException)
        {
            // Each Lazy keeps its exception: the stage that needs that model rethrows it, unwrapped, as before.
        }
    }
}
