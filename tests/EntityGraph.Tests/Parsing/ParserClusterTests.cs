using EntityGraph.Entities;
using EntityGraph.Models;
using EntityGraph.Parsing;
using EntityGraph.Tagging;
using EntityGraph.Tests.Cli;

namespace EntityGraph.Tests.Parsing;

/// <summary>Parser models with word clusters (features version 3): the section round-trips, old files still load (no training).</summary>
public class ParserClusterTests
{
    private static WordClusters SmallClusters()
    {
        var sentences = new List<string[]>();
        for (int i = 0; i < 20; i++)
        {
            sentences.Add(["ISIS", "captured", "Mosul", "."]);
            sentences.Add(["Rebels", "attacked", "Aleppo", "."]);
            sentences.Add(["the", "army", "captured", "the", "town", "."]);
        }
        return WordClusters.Build(sentences, 3, null);
    }

    /// <summary>A small parser whose weights are not all zero, so that the cluster features change the parse scores.</summary>
    private static DependencyParser SmallParser(WordClusters? clusters)
    {
        var moves = new PerceptronTrainer(Move.Names, 12);
        var labels = new PerceptronTrainer(["nsubj", "obj", "punct"], 12);
        var random = new Random(3);
        Span<int> buckets = stackalloc int[40];
        for (int k = 0; k < 200; k++)
        {
            for (int i = 0; i < buckets.Length; i++)
                buckets[i] = random.Next(1 << 12);
            moves.Tick();
            moves.Update(buckets, random.Next(3), Move.None);
            labels.Tick();
            labels.Update(buckets, random.Next(3), (k + 1) % 3);
        }
        return new DependencyParser(moves.ToModel(), labels.ToModel(), 4, "{}", 0, clusters);
    }

    private static (int Head, string? Dependency)[] Parse(DependencyParser parser)
    {
        Document document = ParserTestHelpers.Tagged("ISIS captured Mosul.", "PROPN/NNP VERB/VBD PROPN/NNP PUNCT/.");
        new DependencyParserStage(parser).Process(document, CancellationToken.None);
        return [.. document.Tokens.Select(t => (t.Head, t.Dependency))];
    }

    private static byte[] Bytes(DependencyParser parser)
    {
        using var stream = new MemoryStream();
        parser.Write(stream);
        return stream.ToArray();
    }

    [Fact]
    public void Clusters_RoundTripThroughModelFile()
    {
        WordClusters clusters = SmallClusters();
        Assert.True(clusters.Count > 5);
        DependencyParser parser = SmallParser(clusters);
        Assert.Equal(DependencyParser.FeatureVersion, parser.Features);
        DependencyParser copy = DependencyParser.Load(new MemoryStream(Bytes(parser)), "copy");
        Assert.NotNull(copy.Clusters);
        Assert.Equal(clusters.Count, copy.Clusters.Count);
        Assert.Equal(clusters.Code("Mosul"), copy.Clusters.Code("Mosul"));
        Assert.Equal(Parse(parser), Parse(copy));
    }

    [Fact]
    public void WithoutClusters_WritesVersionTwo_AndLoads()
    {
        DependencyParser parser = SmallParser(null);
        Assert.Equal(DependencyParser.FeatureVersionWithoutClusters, parser.Features);
        DependencyParser copy = DependencyParser.Load(new MemoryStream(Bytes(parser)), "copy");
        Assert.Null(copy.Clusters);
        Assert.Equal(Parse(parser), Parse(copy));
    }

    [Fact]
    public void VersionThreeWithoutClustersSection_InvalidDataNamingFile()
    {
        using var folder = new TempFolder();
        ModelContainer container = ModelFormat.Read(new MemoryStream(Bytes(SmallParser(SmallClusters()))), "x", DependencyParser.Kind);
        Assert.True(container.Sections.Remove("clusters"));
        string path = Path.Combine(folder.Path, "parser.egm");
        using (FileStream stream = File.Create(path))
            ModelFormat.Write(stream, container);
        InvalidDataException error = Assert.Throws<InvalidDataException>(() => DependencyParser.LoadFile(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("clusters", error.Message, StringComparison.Ordinal);
    }
}
