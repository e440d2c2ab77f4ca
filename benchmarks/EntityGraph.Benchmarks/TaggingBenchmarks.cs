using BenchmarkDotNet.Attributes;
using EntityGraph.Entities;
using EntityGraph.Models;
using EntityGraph.Tagging;

namespace EntityGraph.Benchmarks;

/// <summary>
/// Tagger and recognizer throughput on the seed articles repeated to about 1 MB (one document per article copy).
/// The baseline tokenizes and splits sentences only; the other methods add the POS tagger, then the recognizer,
/// so the differences are the cost of each stage. Tokens per second = <see cref="TokenCount"/> / mean time.
/// </summary>
[MemoryDiagnoser]
public class TaggingBenchmarks
{
    private string[] _texts = [];
    private Pipeline _tokens = null!;
    private Pipeline _pos = null!;
    private Pipeline _posNer = null!;
    private Pipeline _all = null!;

    /// <summary>Tokens in the whole corpus (printed in setup; the report's tokens/s uses it).</summary>
    public int TokenCount { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        string[] seeds = Corpus.SeedTexts();
        var texts = new List<string>();
        int chars = 0;
        while (chars < 1_000_000)
        {
            foreach (string s in seeds)
            {
                texts.Add(s);
                chars += s.Length;
            }
        }
        _texts = [.. texts];
        _tokens = new PipelineBuilder().UseTokenizer().UseSentenceSplitter().Build();
        _pos = new PipelineBuilder().UseTokenizer().UseSentenceSplitter().UsePartOfSpeech().Build();
        _posNer = new PipelineBuilder().UseTokenizer().UseSentenceSplitter().UsePartOfSpeech().UseEntityRecognizer().Build();
        _all = Pipeline.CreateDefault();
        foreach (string t in _texts)
            TokenCount += _tokens.Process(t).Tokens.Count;
        _posNer.Process(_texts[0]);
        Console.WriteLine($"// corpus: {_texts.Length} documents, {chars} chars, {TokenCount} tokens");
    }

    [Benchmark(Baseline = true)]
    public int TokenizeAndSplit() => Run(_tokens);

    [Benchmark]
    public int PartOfSpeech() => Run(_pos);

    [Benchmark]
    public int PartOfSpeechAndEntities() => Run(_posNer);

    [Benchmark]
    public int DefaultPipeline() => Run(_all);

    private int Run(Pipeline pipeline)
    {
        int n = 0;
        foreach (string t in _texts)
            n += pipeline.Process(t).Mentions.Count;
        return n;
    }
}

/// <summary>How long the embedded default models take to load (decompress, check, build tables) and what they allocate.</summary>
[MemoryDiagnoser]
public class ModelLoadBenchmarks
{
    [Benchmark]
    public object LoadPos() => PosTaggerModel.Load(EmbeddedModels.Open(EmbeddedModels.Pos), EmbeddedModels.Pos);

    [Benchmark]
    public object LoadNer() => EntityRecognizerModel.Load(EmbeddedModels.Open(EmbeddedModels.Ner), EmbeddedModels.Ner);

    [Benchmark]
    public object LoadLemmas() => Lemmatizer.Load(EmbeddedModels.Open(EmbeddedModels.Lemmas), EmbeddedModels.Lemmas);

    [Benchmark]
    public object LoadParser() => EntityGraph.Parsing.DependencyParser.LoadEmbedded();
}

internal static class Corpus
{
    /// <summary>The seed articles from benchmarks/corpus/seeds (found by walking up from the binaries).</summary>
    public static string[] SeedTexts()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string seeds = Path.Combine(dir.FullName, "benchmarks", "corpus", "seeds");
            if (Directory.Exists(seeds))
            {
                string[] files = Directory.GetFiles(seeds, "*.txt");
                Array.Sort(files, StringComparer.Ordinal);
                return Array.ConvertAll(files, File.ReadAllText);
            }
        }
        throw new DirectoryNotFoundException("benchmarks/corpus/seeds not found above " + AppContext.BaseDirectory);
    }
}
