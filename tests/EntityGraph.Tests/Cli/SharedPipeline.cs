namespace EntityGraph.Tests.Cli;

/// <summary>One default pipeline for the tests of a class that need it (loading takes a few seconds; it is thread-safe).</summary>
internal static class SharedPipeline
{
    private static readonly Lazy<Pipeline> Lazy = new(Pipeline.CreateDefault);

    public static Pipeline Instance => Lazy.Value;
}
