namespace EntityGraph;

/// <summary>
/// Maps a sequence on several threads and yields the results in input order, with at most a fixed window of items in
/// flight: the source is read only as fast as results are consumed, so memory stays bounded whatever the input's length.
/// </summary>
internal static class OrderedBatch
{
    /// <summary>The result at the head of the queue; a cancelled batch stops here even when results are ready.</summary>
    private static TOut Next<TOut>(Queue<Task<TOut>> queue, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return queue.Dequeue().GetAwaiter().GetResult();
    }

    public static IEnumerable<TOut> Map<TIn, TOut>(IEnumerable<TIn> source, Func<TIn, TOut> map, int workers, int window, CancellationToken cancellationToken)
    {
        // The scheduler caps concurrency at the worker count; the window caps how many results wait to be consumed.
        TaskScheduler scheduler = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, workers).ConcurrentScheduler;
        var queue = new Queue<Task<TOut>>(window);
        try
        {
            foreach (TIn item in source)
            {
                cancellationToken.ThrowIfCancellationRequested();
                queue.Enqueue(Task.Factory.StartNew(() => map(item), CancellationToken.None, TaskCreationOptions.None, scheduler));
                // Yield what is done at the head at once, so a slow feed still streams out.
                while (queue.Count >= window || (queue.Count > 0 && queue.Peek().IsCompleted))
                    yield return Next(queue, cancellationToken);
            }
            while (queue.Count > 0)
                yield return Next(queue, cancellationToken);
        }
        finally
        {
            // Stopped early (an error, or the consumer broke off): let running work end before the caller moves on.
            foreach (Task<TOut> task in queue)
            {
                try
                {
                    task.Wait(CancellationToken.None);
                }
                catch (AggregateException)
                {
                }
            }
        }
    }
}
