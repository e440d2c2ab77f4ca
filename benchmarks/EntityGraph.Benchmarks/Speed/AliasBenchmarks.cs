using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using EntityGraph.Aliases;

namespace EntityGraph.Benchmarks.Speed;

/// <summary>
/// Alias dictionary load time (embedded defaults; a generated 200,000-alias file) and the per-document cost of alias
/// resolution over the seed articles with their gold mentions, beside the same work without the resolver.
/// </summary>
[MemoryDiagnoser]
public class AliasLoadBenchmarks
{
    private string _largeFile = string.Empty;

    [GlobalSetup]
    public void Setup() => _largeFile = LargeDictionary.Write(200_000);

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_largeFile);

    [Benchmark(Baseline = true, Description = "load embedded defaults")]
    public int LoadDefaults() => AliasDictionary.LoadDefault().AliasCount;

    [Benchmark(Description = "load 200k-alias file")]
    public int LoadLarge() => AliasDictionary.Load(_largeFile).AliasCount;

    /// <summary>The floor: YamlDotNet's parser alone over the same 200k-alias file, building nothing.</summary>
    [Benchmark(Description = "YamlDotNet parse events only, 200k file")]
    public int ParseLargeOnly()
    {
        using var reader = new StreamReader(_largeFile);
        var parser = new YamlDotNet.Core.Parser(reader);
        int events = 0;
        while (parser.MoveNext())
            events++;
        return events;
    }
}

/// <summary>Per-document cost: both seed articles (301 gold mentions) tokenized, split, mentions added, resolved.</summary>
[MemoryDiagnoser]
public class AliasResolveBenchmarks
{
    private (string Text, List<(int Start, int End, string Label)> Mentions)[] _docs = [];
    private Pipeline _pipeline = null!;
    private AliasResolver _defaults = null!;
    private AliasResolver _large = null!;
    private AliasResolver _none = null!;

    [GlobalSetup]
    public void Setup()
    {
        string folder = Path.Combine(BenchmarkCorpus.RepoRoot(), "benchmarks", "corpus", "seeds");
        _docs = Directory.GetFiles(folder, "*.txt").Order(StringComparer.Ordinal)
            .Select(txt => (File.ReadAllText(txt), ReadMentions(Path.ChangeExtension(txt, ".ann"))))
            .ToArray();
        _pipeline = new PipelineBuilder().UseTokenizer().UseSentenceSplitter().Build();
        _defaults = new AliasResolver();
        _none = new AliasResolver(new AliasResolverOptions { Dictionary = AliasDictionary.Empty });
        string large = LargeDictionary.Write(200_000);
        try
        {
            // The large file on top of the defaults, as a user would add one.
            _large = new AliasResolver(new AliasResolverOptions { Dictionary = AliasDictionary.LoadDefault(large) });
        }
        finally
        {
            File.Delete(large);
        }
    }

    private static List<(int, int, string)> ReadMentions(string ann)
    {
        var list = new List<(int, int, string)>();
        foreach (string line in File.ReadLines(ann))
        {
            if (!line.StartsWith('T'))
                continue;
            string[] t = line.Split('\t')[1].Split(' ');
            list.Add((int.Parse(t[1], CultureInfo.InvariantCulture), int.Parse(t[^1], CultureInfo.InvariantCulture), t[0]));
        }
        list.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return list;
    }

    private int Run(AliasResolver? resolver)
    {
        int entities = 0;
        foreach ((string text, List<(int Start, int End, string Label)> mentions) in _docs)
        {
            Document doc = _pipeline.Process(text);
            foreach ((int start, int end, string label) in mentions)
            {
                int first = doc.TokenIndexAt(start), last = doc.TokenIndexAt(end - 1);
                doc.AddMention(first, last - first + 1, label);
            }
            resolver?.Resolve(doc);
            entities += doc.Entities.Count;
        }
        return entities;
    }

    [Benchmark(Baseline = true, Description = "tokenize + split + add mentions (no resolver)")]
    public int NoResolver() => Run(null);

    [Benchmark(Description = "+ resolve, in-document rules only")]
    public int ResolveNoDictionary() => Run(_none);

    [Benchmark(Description = "+ resolve, default dictionaries")]
    public int ResolveDefaults() => Run(_defaults);

    [Benchmark(Description = "+ resolve, defaults + 200k-alias file")]
    public int ResolveLarge() => Run(_large);
}

/// <summary>Writes a synthetic dictionary of <c>n</c> aliases (50,000 entities of four forms each, fixed seed).</summary>
internal static class LargeDictionary
{
    private static readonly string[] Syllables =
    [
        "ka", "ri", "mo", "ta", "lu", "ne", "sa", "bo", "di", "fa", "gu", "he", "jo", "ki", "la", "ma", "no", "pe", "qu", "ro",
        "si", "tu", "va", "we", "xi", "yo", "za", "an", "el", "ir", "or", "ul", "ash", "ben", "cor", "dal", "fen", "gar",
    ];

    private static readonly string[] Types = ["PER", "ORG", "LOC", "MISC"];

    public static string Write(int aliases)
    {
        var random = new Random(20261122);
        string path = Path.Combine(Path.GetTempPath(), $"eg-aliases-{aliases}-{Guid.NewGuid():N}.yaml");
        var b = new StringBuilder(aliases * 40);
        b.Append("entities:\n");
        var used = new HashSet<string>(StringComparer.Ordinal);
        int entities = aliases / 4;
        for (int e = 0; e < entities; e++)
        {
            string name = UniqueName(random, used, 2);
            b.Append("  - id: gen_").Append(e.ToString(CultureInfo.InvariantCulture)).Append('\n');
            b.Append("    name: \"").Append(name).Append("\"\n");
            b.Append("    type: ").Append(Types[e % 4]).Append('\n');
            b.Append("    aliases: [");
            for (int a = 0; a < 3; a++)
            {
                if (a > 0)
                    b.Append(", ");
                b.Append('"').Append(UniqueName(random, used, 1 + a % 3)).Append('"');
            }
            b.Append("]\n");
        }
        File.WriteAllText(path, b.ToString());
        return path;
    }

    private static string UniqueName(Random random, HashSet<string> used, int words)
    {
        while (true)
        {
            var b = new StringBuilder();
            for (int w = 0; w < words; w++)
            {
                if (w > 0)
                    b.Append(' ');
                int syllables = 2 + random.Next(3);
                for (int s = 0; s < syllables; s++)
                {
                    string syl = Syllables[random.Next(Syllables.Length)];
                    b.Append(s == 0 ? char.ToUpperInvariant(syl[0]) + syl[1..] : syl);
                }
            }
            string name = b.ToString();
            if (used.Add(name.ToLowerInvariant()))
                return name;
        }
    }
}
