using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using EntityGraph.Graphs;

namespace EntityGraph.Benchmarks.Speed;

/// <summary>
/// The whole default pipeline from raw text to the entity graph: every stage (tokens, sentences, POS, lemmas, entities,
/// parse, aliases, relations) on each article of ~1 MB of news (the seed articles repeated, one document per article,
/// as an analyst's folder would be), then each document added to a cross-document <see cref="KnowledgeGraph"/>.
/// Baseline: tokenize + split of the same articles, in the same run. One core (no ProcessMany).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class PipelineBenchmarks
{
    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new TokensPerSecondColumn());
    }

    private string[] _articles = [];
    private EntityGraph.Pipeline _splitter = null!;
    private EntityGraph.Pipeline _pipeline = null!;

    [GlobalSetup]
    public void Setup()
    {
        _articles = BenchmarkCorpus.Articles;
        _splitter = new PipelineBuilder().UseTokenizer().UseSentenceSplitter().Build();
        _pipeline = EntityGraph.Pipeline.CreateDefault();
        // Load every embedded model and dictionary outside the measurement; count tokens and words for the report.
        long tokens = 0, words = 0;
        foreach (string article in _articles)
        {
            Document d = _pipeline.Process(article);
            tokens += d.Tokens.Count;
            foreach (Token t in d.Tokens)
            {
                if (t.Kind is not (TokenKind.Punctuation or TokenKind.Symbol))
                    words++;
            }
        }
        Console.WriteLine($"// {_articles.Length} articles, {tokens:N0} tokens, {words:N0} words (tokens that are not punctuation or symbols)");
    }

    [Benchmark(Baseline = true, Description = "tokenize + split sentences")]
    public int Split()
    {
        int n = 0;
        foreach (string article in _articles)
            n += _splitter.Process(article).Tokens.Count;
        return n;
    }

    [Benchmark(Description = "raw text -> graph (default pipeline + KnowledgeGraph.Add)")]
    public int TextToGraph()
    {
        var graph = new KnowledgeGraph();
        for (int i = 0; i < _articles.Length; i++)
            graph.Add(_pipeline.Process(_articles[i], "a" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return graph.Edges.Count;
    }
}
