using EntityGraph.Aliases;
using EntityGraph.Benchmarks.Speed;
using EntityGraph.Relations;

namespace EntityGraph.Tests.Aliases;

/// <summary>
/// Issue 19, item 1: alias resolution compared every new name with every earlier distinct name (quadratic). The
/// indexes (name parts by word, fuzzy candidates by word, first/last letters and skeleton) must keep the number of
/// comparisons about linear and must link real text exactly as the exhaustive comparison does.
/// </summary>
public class AliasResolverScalingTests
{
    private static readonly EntityGraph.Pipeline UpToParse =
        new PipelineBuilder().UseDefaults().Remove<AliasResolverStage>().Remove<RelationExtractorStage>().Build();

    [Fact]
    public void Resolve_ManyDistinctNames_ComparesEachNameWithFewOthers()
    {
        string text = SyntheticNames.Generate(60_000, seed: 3);
        Document document = UpToParse.Process(text, "synthetic");
        long comparisons = new AliasResolver().ResolveCountingComparisons(document);
        Assert.True(document.Entities.Count > 1500, $"{document.Entities.Count} entities");
        Assert.True(comparisons < 25L * document.Mentions.Count, $"{comparisons:N0} comparisons for {document.Mentions.Count:N0} mentions");
        // The exhaustive comparison (the resolver before the indexes) makes about entities^2 / 2.
        long exhaustive = new AliasResolver(new AliasResolverOptions { Exhaustive = true }).ResolveCountingComparisons(UpToParse.Process(text, "synthetic"));
        Assert.True(exhaustive > 20 * comparisons, $"{exhaustive:N0} exhaustive comparisons against {comparisons:N0}");
    }

    public static TheoryData<string> Texts()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(TestHelpers.SeedCorpus, "*.txt").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        data.Add("synthetic");
        return data;
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Resolve_Indexed_LinksAsTheExhaustiveComparison(string name)
    {
        string text = name == "synthetic" ? SyntheticNames.Generate(20_000, seed: 5) : File.ReadAllText(Path.Combine(TestHelpers.SeedCorpus, name));
        Document indexed = UpToParse.Process(text, name);
        Document exhaustive = UpToParse.Process(text, name);
        new AliasResolver().Resolve(indexed);
        new AliasResolver(new AliasResolverOptions { Exhaustive = true }).Resolve(exhaustive);
        Assert.Equal(Links(exhaustive), Links(indexed));
    }

    private static List<string> Links(Document document) =>
        document.Mentions.Select(m => $"{m.Text} {m.Label} -> {document.Entities[m.EntityIndex].Id} {m.LinkReason} {m.LinkScore:R}").ToList();
}
