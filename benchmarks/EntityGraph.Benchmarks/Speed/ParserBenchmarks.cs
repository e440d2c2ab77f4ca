using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using EntityGraph.Parsing;

namespace EntityGraph.Benchmarks.Speed;

/// <summary>
/// The dependency parser alone over ~1 MB of seed text, tokenized, split and POS-tagged by our pipeline in the setup
/// (the parser reads the tagger's tags, and beam search prunes more when the tags are good, so real tags matter for
/// speed). Baseline: tokenize + split of the same text, in the same run.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class ParserBenchmarks
{
    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new TokensPerSecondColumn());
    }

    private string _text = string.Empty;
    private EntityGraph.Pipeline _splitter = null!;
    private Document _document = null!;
    private DependencyParserStage _parser = null!;
    private DependencyParserStage _greedy = null!;
    private DependencyParserStage _beam4 = null!;

    [GlobalSetup]
    public void Setup()
    {
        _text = BenchmarkCorpus.OneMegabyte;
        _splitter = new PipelineBuilder().UseTokenizer().UseSentenceSplitter().Build();
        _document = new PipelineBuilder().UseTokenizer().UseSentenceSplitter().UsePartOfSpeech().Build().Process(_text);
        _parser = new DependencyParserStage();
        _greedy = new DependencyParserStage(DependencyParser.Default.WithBeamWidth(1));
        _beam4 = new DependencyParserStage(DependencyParser.Default.WithBeamWidth(4, DependencyParser.Default.BeamMargin));
        // Load the embedded model outside the measurement.
        _parser.Process(_document, CancellationToken.None);
        Console.WriteLine($"// parser model: {ParserTraining.Describe(null)}; {_document.TokenCount} tokens, {_document.Sentences.Count} sentences; tags: pos-en-ewt (the default tagger)");
    }

    [Benchmark(Baseline = true, Description = "tokenize + split sentences")]
    public int TokenizeAndSplit() => _splitter.Process(_text).Sentences.Count;

    [Benchmark(Description = "parse (parser stage alone, shipped beam)")]
    public int Parse()
    {
        _parser.Process(_document, CancellationToken.None);
        return _document.TokenAt(0).Head;
    }

    [Benchmark(Description = "parse, same weights with beam 4 (same margin)")]
    public int ParseBeam4()
    {
        _beam4.Process(_document, CancellationToken.None);
        return _document.TokenAt(0).Head;
    }

    [Benchmark(Description = "parse, same weights decoded greedily (beam 1)")]
    public int ParseGreedy()
    {
        _greedy.Process(_document, CancellationToken.None);
        return _document.TokenAt(0).Head;
    }
}
