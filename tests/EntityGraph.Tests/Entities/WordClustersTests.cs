using EntityGraph.Entities;

namespace EntityGraph.Tests.Entities;

public class WordClustersTests
{
    private static List<string[]> Corpus()
    {
        var corpus = new List<string[]>();
        string[] people = ["Smith", "Jones", "Brown", "Taylor"];
        string[] places = ["Paris", "London", "Berlin", "Madrid"];
        for (int i = 0; i < 40; i++)
        {
            corpus.Add(["Mr", people[i % 4], "said", "on", "Monday", "."]);
            corpus.Add(["he", "flew", "to", places[i % 4], "yesterday", "."]);
        }
        return corpus;
    }

    [Fact]
    public void SimilarContextsShareLongerPrefixesThanDifferentOnes()
    {
        WordClusters clusters = WordClusters.Build(Corpus(), 3, null);
        int smith = clusters.Code("Smith"), jones = clusters.Code("jones"), paris = clusters.Code("Paris");
        Assert.NotEqual(0, smith);
        Assert.Equal(0, clusters.Code("Unseen"));
        Assert.Equal(WordClusters.Prefix(smith, 1), WordClusters.Prefix(jones, 1));
        Assert.NotEqual(WordClusters.Prefix(smith, 4), WordClusters.Prefix(paris, 4));
    }

    [Fact]
    public void PrefixKeepsTheLeadingBitsAndShortPathsWhole()
    {
        Assert.Equal(0b1_01, WordClusters.Prefix(0b1_0110, 2));
        Assert.Equal(0b1_0110, WordClusters.Prefix(0b1_0110, 10));
    }

    [Fact]
    public void RoundTripsThroughAModelSection()
    {
        WordClusters clusters = WordClusters.Build(Corpus(), 3, null);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            clusters.Write(writer);
        stream.Position = 0;
        using var reader = new BinaryReader(stream);
        WordClusters back = WordClusters.Read(reader, "test");
        Assert.Equal(clusters.Count, back.Count);
        Assert.Equal(clusters.Code("London"), back.Code("LONDON"));
    }

    [Fact]
    public void TheDefaultModelShipsClusters()
    {
        Assert.True(EntityRecognizerModel.Default.Clusters.Count > 10_000);
        Assert.NotEqual(0, EntityRecognizerModel.Default.Clusters.Code("government"));
    }
}
