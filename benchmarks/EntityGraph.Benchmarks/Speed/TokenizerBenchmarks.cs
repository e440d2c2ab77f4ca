using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using EntityGraph.Text;

namespace EntityGraph.Benchmarks.Speed;

/// <summary>
/// Tokenizer and sentence splitter over ~1 MB of seed text, beside two baselines measured in the same run: a
/// whitespace string.Split (allocates a string per token, as naive code does) and a typical regex tokenizer that only counts.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public partial class TokenizerBenchmarks
{
    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new TokensPerSecondColumn());
    }

    private string _text = string.Empty;
    private EntityGraph.Pipeline _pipeline = null!;

    [GeneratedRegex(@"\w+(?:[-'.]\w+)*|[^\w\s]", RegexOptions.CultureInvariant)]
    private static partial Regex WordRegex();

    [GlobalSetup]
    public void Setup()
    {
        _text = BenchmarkCorpus.OneMegabyte;
        _pipeline = new PipelineBuilder().UseTokenizer().UseSentenceSplitter().Build();
    }

    [Benchmark(Baseline = true, Description = "string.Split on whitespace")]
    public int WhitespaceSplit() => _text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    [Benchmark(Description = "regex tokenizer")]
    public int RegexTokenizer() => WordRegex().Count(_text);

    [Benchmark(Description = "tokenize")]
    public int Tokenize()
    {
        var document = new Document(_text);
        Tokenizer.Tokenize(document);
        return document.TokenCount;
    }

    [Benchmark(Description = "tokenize + split sentences")]
    public int TokenizeAndSplit() => _pipeline.Process(_text).Sentences.Count;
}
