using BenchmarkDotNet.Attributes;

namespace EntityGraph.Benchmarks.Speed;

/// <summary>
/// Issue 19, item 1: the whole default pipeline on one 2 MB document in which almost every name is new
/// (<see cref="SyntheticNames"/>: "Bakuzo Temefa met Sorivek Dalumo in Kirapso on Monday, the Zemuko Group said.",
/// fixed seed), beside one 2 MB document of the seed articles repeated (benchmarks/corpus/seeds). Alias resolution
/// used to compare every new name with every earlier one, so the first took minutes; the target is under 3x the second.
/// </summary>
[MemoryDiagnoser]
public class DistinctNamesBenchmarks
{
    /// <summary>2 MB: 2^21 characters (the texts are ASCII, so as many bytes).</summary>
    public const int TargetChars = 2 << 20;

    private string _seeds = string.Empty;
    private string _names = string.Empty;
    private EntityGraph.Pipeline _pipeline = null!;

    [GlobalSetup]
    public void Setup()
    {
        _seeds = BenchmarkCorpus.SeedText(TargetChars)[..TargetChars];
        _names = SyntheticNames.Generate(TargetChars)[..TargetChars];
        _pipeline = EntityGraph.Pipeline.CreateDefault();
        // Load every embedded model and dictionary outside the measurement.
        _pipeline.Process("Barack Obama visited Paris, the White House said.");
        foreach ((string name, string text) in new[] { ("seeds", _seeds), ("names", _names) })
        {
            Document d = _pipeline.Process(text, name);
            Console.WriteLine($"// {name}: {text.Length:N0} characters, {d.Tokens.Count:N0} tokens, {d.Mentions.Count:N0} mentions, {d.Entities.Count:N0} entities, {d.Relations.Count:N0} relations");
        }
    }

    [Benchmark(Baseline = true, Description = "2 MB of the seed articles, one document")]
    public int Seeds() => _pipeline.Process(_seeds, "seeds").Entities.Count;

    [Benchmark(Description = "2 MB of distinct made-up names, one document")]
    public int DistinctNames() => _pipeline.Process(_names, "names").Entities.Count;
}
