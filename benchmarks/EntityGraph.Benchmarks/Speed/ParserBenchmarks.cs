using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using EntityGraph.Parsing;

namespace EntityGraph.Benchmarks.Speed;

/// <summary>
/// The dependency parser alone over ~1 MB of seed text, tokenized and split by our pipeline. The POS tagger is a
/// separate stage (another branch), so the setup sets placeholder tags from a small closed-class table and the word's
/// shape; the parser does the same work whatever the tags. Baseline: tokenize + split of the same text, in the same run.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class ParserBenchmarks
{
    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new TokensPerSecondColumn());
    }

    private static readonly Dictionary<string, (string Upos, string Xpos)> ClosedClass = new(StringComparer.OrdinalIgnoreCase)
    {
        ["the"] = ("DET", "DT"), ["a"] = ("DET", "DT"), ["an"] = ("DET", "DT"), ["this"] = ("DET", "DT"),
        ["of"] = ("ADP", "IN"), ["in"] = ("ADP", "IN"), ["on"] = ("ADP", "IN"), ["by"] = ("ADP", "IN"),
        ["for"] = ("ADP", "IN"), ["with"] = ("ADP", "IN"), ["at"] = ("ADP", "IN"), ["from"] = ("ADP", "IN"),
        ["to"] = ("PART", "TO"), ["and"] = ("CCONJ", "CC"), ["or"] = ("CCONJ", "CC"), ["but"] = ("CCONJ", "CC"),
        ["is"] = ("AUX", "VBZ"), ["was"] = ("AUX", "VBD"), ["were"] = ("AUX", "VBD"), ["are"] = ("AUX", "VBP"),
        ["has"] = ("AUX", "VBZ"), ["have"] = ("AUX", "VBP"), ["had"] = ("AUX", "VBD"), ["will"] = ("AUX", "MD"),
        ["said"] = ("VERB", "VBD"), ["says"] = ("VERB", "VBZ"), ["he"] = ("PRON", "PRP"), ["it"] = ("PRON", "PRP"),
        ["they"] = ("PRON", "PRP"), ["that"] = ("SCONJ", "IN"), ["which"] = ("PRON", "WDT"), ["not"] = ("PART", "RB"),
        ["'s"] = ("PART", "POS"),
    };

    private string _text = string.Empty;
    private EntityGraph.Pipeline _splitter = null!;
    private Document _document = null!;
    private DependencyParserStage _parser = null!;
    private DependencyParserStage _greedy = null!;

    [GlobalSetup]
    public void Setup()
    {
        _text = BenchmarkCorpus.OneMegabyte;
        _splitter = new PipelineBuilder().UseTokenizer().UseSentenceSplitter().Build();
        _document = _splitter.Process(_text);
        for (int i = 0; i < _document.TokenCount; i++)
        {
            ref TokenData token = ref _document.TokenAt(i);
            string word = _document.Text.Substring(token.Start, token.Length);
            (string upos, string xpos) = ClosedClass.TryGetValue(word, out var tags) ? tags
                : char.IsUpper(word[0]) ? ("PROPN", "NNP")
                : char.IsDigit(word[0]) ? ("NUM", "CD")
                : word.EndsWith("ed", StringComparison.Ordinal) ? ("VERB", "VBD")
                : word.EndsWith("ly", StringComparison.Ordinal) ? ("ADV", "RB")
                : char.IsLetter(word[0]) ? ("NOUN", "NN")
                : ("PUNCT", word == "," ? "," : ".");
            token.Upos = _document.Strings.Intern(upos);
            token.Xpos = _document.Strings.Intern(xpos);
        }
        _parser = new DependencyParserStage();
        _greedy = new DependencyParserStage(DependencyParser.Default.WithBeamWidth(1));
        // Load the embedded model outside the measurement.
        _parser.Process(_document, CancellationToken.None);
        Console.WriteLine($"// parser model: {ParserTraining.Describe(null)}; {_document.TokenCount} tokens, {_document.Sentences.Count} sentences");
    }

    [Benchmark(Baseline = true, Description = "tokenize + split sentences")]
    public int TokenizeAndSplit() => _splitter.Process(_text).Sentences.Count;

    [Benchmark(Description = "parse (parser stage alone, shipped beam)")]
    public int Parse()
    {
        _parser.Process(_document, CancellationToken.None);
        return _document.TokenAt(0).Head;
    }

    [Benchmark(Description = "parse, same weights decoded greedily (beam 1)")]
    public int ParseGreedy()
    {
        _greedy.Process(_document, CancellationToken.None);
        return _document.TokenAt(0).Head;
    }
}
