using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace EntityGraph;

/// <summary>
/// An immutable sequence of stages that turns text into an annotated <see cref="Document"/>. Build one with
/// <see cref="PipelineBuilder"/> and reuse it: it is safe to call from many threads at once, and each call gives
/// the same output as a serial run.
/// </summary>
public sealed class Pipeline
{
    internal Pipeline(ImmutableArray<PipelineStage> stages)
    {
        Stages = stages;
        foreach (PipelineStage stage in stages)
            Assigns |= stage.Assigns;
    }

    /// <summary>A pipeline with every default stage (the one the CLI runs).</summary>
    /// <returns>A new pipeline.</returns>
    public static Pipeline CreateDefault() => new PipelineBuilder().UseDefaults().Build();

    /// <summary>The stages in run order.</summary>
    public ImmutableArray<PipelineStage> Stages { get; }

    /// <summary>Every layer some stage fills.</summary>
    public Annotations Assigns { get; }

    /// <summary>Annotates <paramref name="text"/>.</summary>
    /// <param name="text">The article text.</param>
    /// <param name="id">The document's name.</param>
    /// <param name="cancellationToken">Stops long work early.</param>
    /// <returns>The annotated document.</returns>
    public Document Process(string text, string? id = null, CancellationToken cancellationToken = default) =>
        Process(new Document(text, id), cancellationToken);

    /// <summary>Runs every stage over <paramref name="document"/>.</summary>
    /// <param name="document">A document no stage has touched yet.</param>
    /// <param name="cancellationToken">Stops long work early.</param>
    /// <returns>The same document.</returns>
    public Document Process(Document document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (PipelineStage stage in Stages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            stage.Process(document, cancellationToken);
            document.Annotations |= stage.Assigns;
        }
        return document;
    }

    /// <summary>
    /// Annotates many documents on all cores and yields them in input order as they finish, holding at most a few
    /// documents per core in memory, so a folder of any size streams through.
    /// </summary>
    /// <param name="inputs">The texts and their names; read lazily.</param>
    /// <param name="maxDegreeOfParallelism">Worker count; defaults to the processor count.</param>
    /// <param name="cancellationToken">Stops the batch.</param>
    /// <returns>The annotated documents in input order.</returns>
    public async IAsyncEnumerable<Document> ProcessManyAsync(
        IEnumerable<(string Text, string Id)> inputs,
        int maxDegreeOfParallelism = 0,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        int workers = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
        // A bounded channel of tasks keeps input order and limits how far ahead the workers run.
        var pending = Channel.CreateBounded<Task<Document>>(new BoundedChannelOptions(workers * 2) { SingleReader = true, SingleWriter = true });
        using var throttle = new SemaphoreSlim(workers);
        // Cancelled when the caller stops enumerating early, so the producer never waits on a full channel forever.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        CancellationToken token = stop.Token;
        Task producer = Task.Run(async () =>
        {
            try
            {
                foreach ((string text, string id) in inputs)
                {
                    await throttle.WaitAsync(token).ConfigureAwait(false);
                    Task<Document> work = Task.Run(() =>
                    {
                        try
                        {
                            return Process(text, id, token);
                        }
                        finally
                        {
                            throttle.Release();
                        }
                    }, token);
                    await pending.Writer.WriteAsync(work, token).ConfigureAwait(false);
                }
                pending.Writer.Complete();
            }
            catch (Exception ex)
            {
                pending.Writer.Complete(ex);
            }
        }, token);

        try
        {
            await foreach (Task<Document> work in pending.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                yield return await work.ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await producer.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    /// <summary>The synchronous form of <see cref="ProcessManyAsync"/>: yields documents in input order.</summary>
    /// <param name="inputs">The texts and their names.</param>
    /// <param name="maxDegreeOfParallelism">Worker count; defaults to the processor count.</param>
    /// <param name="cancellationToken">Stops the batch.</param>
    /// <returns>The annotated documents in input order.</returns>
    public IEnumerable<Document> ProcessMany(IEnumerable<(string Text, string Id)> inputs, int maxDegreeOfParallelism = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return inputs.AsParallel().AsOrdered()
            .WithDegreeOfParallelism(maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount)
            .WithCancellation(cancellationToken)
            .WithMergeOptions(ParallelMergeOptions.NotBuffered)
            .Select(input => Process(input.Text, input.Id, cancellationToken));
    }

    /// <summary>
    /// Annotates many inputs on several threads and yields, for each input in input order, its document or its error:
    /// one input that cannot be read or processed does not end the batch.
    /// </summary>
    /// <remarks>
    /// <paramref name="inputs"/> is enumerated lazily on the caller's thread, at most four inputs per worker ahead of
    /// what the caller has consumed, so a feed of any length streams through in bounded memory. <paramref name="load"/>
    /// runs on a worker (read the file there, so reading is parallel too) and returns a document no stage has touched.
    /// An exception from <paramref name="load"/> or from a stage becomes that input's <see cref="DocumentResult{TInput}.Error"/>;
    /// cancellation of <paramref name="cancellationToken"/> ends the enumeration with an
    /// <see cref="OperationCanceledException"/> instead. When the caller stops early, disposing the enumerator waits for
    /// the few inputs already started.
    /// </remarks>
    /// <typeparam name="TInput">What describes one document (a path, a record).</typeparam>
    /// <param name="inputs">The inputs, in order.</param>
    /// <param name="load">Makes the unprocessed document of an input (for example <c>new Document(text, id)</c>).</param>
    /// <param name="maxDegreeOfParallelism">Worker count; defaults to the processor count.</param>
    /// <param name="cancellationToken">Stops the batch.</param>
    /// <returns>One result per input, in input order.</returns>
    public IEnumerable<DocumentResult<TInput>> ProcessMany<TInput>(
        IEnumerable<TInput> inputs,
        Func<TInput, Document> load,
        int maxDegreeOfParallelism = 0,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(load);
        int workers = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
        return OrderedBatch.Map(inputs, input => ProcessOne(input, load, cancellationToken), workers, workers * 4, cancellationToken);
    }

    private DocumentResult<TInput> ProcessOne<TInput>(TInput input, Func<TInput, Document> load, CancellationToken cancellationToken)
    {
        try
        {
            Document document = load(input) ?? throw new InvalidOperationException("The load function returned null instead of a document.");
            Process(document, cancellationToken);
            return new DocumentResult<TInput>(input, document, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The point of this overload: any failure belongs to its input, and the batch goes on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new DocumentResult<TInput>(input, null, ex);
        }
    }
}
