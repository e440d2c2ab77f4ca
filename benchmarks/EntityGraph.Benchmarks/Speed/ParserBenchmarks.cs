using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using EntityGraph.Parsing;

namespace EntityGraph.Benchmarks.Speed;

/// <summary>
/// The dependency parser alone over ~1 MB of seed text, tokenized and split by our pipeline. The POS tagger is a
/// separate stage (another branch), so the setup sets stand-in tags: each word's most frequent tags in UD English-EWT
/// train when ../shared/data is present (a unigram tagger, about 90 % accurate), else a closed-class table and the
/// word's shape. Beam search prunes less when tags are poor, so the stand-in's quality matters for speed.
/// Baseline: tokenize + split of the same text, in the same run.
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
    private DependencyParserStage _beam4 = null!;

    [GlobalSetup]
    public void Setup()
    {
        _text = BenchmarkCorpus.OneMegabyte;
        _splitter = new PipelineBuilder().UseTokenizer().UseSentenceSplitter().Build();
        _document = _splitter.Process(_text);
        Dictionary<string, (string Upos, string Xpos)> lexicon = UnigramLexicon(out string tagSource);
        for (int i = 0; i < _document.TokenCount; i++)
        {
            ref TokenData token = ref _document.TokenAt(i);
            string word = _document.Text.Substring(token.Start, token.Length);
            (string upos, string xpos) = lexicon.TryGetValue(word, out var known) ? known
                : lexicon.TryGetValue(word.ToLowerInvariant(), out known) ? known
                : ClosedClass.TryGetValue(word, out var tags) ? tags
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
        _beam4 = new DependencyParserStage(DependencyParser.Default.WithBeamWidth(4, DependencyParser.Default.BeamMargin));
        // Load the embedded model outside the measurement.
        _parser.Process(_document, CancellationToken.None);
        Console.WriteLine($"// parser model: {ParserTraining.Describe(null)}; {_document.TokenCount} tokens, {_document.Sentences.Count} sentences; tags: {tagSource}");
    }

    /// <summary>Each form's most frequent (UPOS, XPOS) in EWT train, or an empty table when the data is absent.</summary>
    private static Dictionary<string, (string Upos, string Xpos)> UnigramLexicon(out string source)
    {
        string path = Path.Combine(BenchmarkCorpus.RepoRoot(), "..", "shared", "data", "ud-english-ewt", "en_ewt-ud-train.conllu");
        var lexicon = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            source = "closed-class table + word shape (../shared/data absent)";
            return lexicon;
        }
        var counts = new Dictionary<string, Dictionary<(string, string), int>>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(path))
        {
            if (line.Length == 0 || line[0] == '#')
                continue;
            string[] f = line.Split('	');
            if (f.Length < 5 || f[0].Contains('-', StringComparison.Ordinal) || f[0].Contains('.', StringComparison.Ordinal))
                continue;
            foreach (string form in new[] { f[1], f[1].ToLowerInvariant() })
            {
                if (!counts.TryGetValue(form, out var tags))
                    counts[form] = tags = [];
                tags[(f[3], f[4])] = tags.GetValueOrDefault((f[3], f[4])) + 1;
            }
        }
        foreach ((string form, var tags) in counts)
            lexicon[form] = tags.MaxBy(t => t.Value).Key;
        source = "most frequent tags per word in EWT train (unigram tagger), shape rules for unknown words";
        return lexicon;
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
