namespace EntityGraph.Cli.Serve;

/// <summary>Where the service listens and the limits it keeps.</summary>
internal sealed record ServeOptions
{
    /// <summary>The address to bind: localhost only unless the user asks for more (a container passes 0.0.0.0).</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The TCP port; 0 picks a free one (tests).</summary>
    public int Port { get; init; } = 5000;

    /// <summary>The largest request body in bytes. A news article is a few KB; a batch for /v1/graph a few hundred.</summary>
    public long MaxRequestBytes { get; init; } = 4L * 1024 * 1024;

    /// <summary>Requests processed at once; the next one gets 429 at once rather than waiting in a queue that grows without bound.</summary>
    public int MaxConcurrency { get; init; } = Math.Max(2, Environment.ProcessorCount * 2);

    /// <summary>The longest a request may take (reading, extraction, answer) before it gets 503.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The most documents in one /v1/graph batch.</summary>
    public int MaxBatchDocuments { get; init; } = 500;

    /// <summary>Whether to log warnings and errors to standard error (the command does; tests stay quiet).</summary>
    public bool LogToConsole { get; init; }
}
