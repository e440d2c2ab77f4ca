namespace EntityGraph.Tests;

public class RelationTests
{
    private static Relation With(params RelationEvidence[] evidence)
    {
        var relation = new Relation("captured", 0, 1, symmetric: false);
        foreach (RelationEvidence e in evidence)
            relation.AddEvidence(e);
        return relation;
    }

    [Fact]
    public void Confidence_RuleOnlyEvidence_IsOne()
    {
        Assert.Equal(1.0, new RelationEvidence(0, 1, 2, 0, 1, "p").Confidence);
        Assert.Equal(1.0, With(new RelationEvidence(0, 1, 2, 0, 1, "p")).Confidence);
    }

    [Fact]
    public void Confidence_IsTheHighestAmongAssertedEvidence_HedgedOnesIgnored()
    {
        Relation relation = With(
            new RelationEvidence(0, 1, 2, 0, 1, "a") { Confidence = 0.3 },
            new RelationEvidence(1, 1, 2, 0, 1, "b") { Confidence = 0.95, Modality = "modal" },
            new RelationEvidence(2, 1, 2, 0, 1, "c") { Confidence = 0.6 });

        Assert.Equal(0.6, relation.Confidence);
        Assert.Equal("c", relation.BestAssertedEvidence!.Pattern);
    }

    [Fact]
    public void Confidence_NothingAsserted_IsTheHighestAmongAllEvidence()
    {
        Relation relation = With(
            new RelationEvidence(0, 1, 2, 0, 1, "a") { Confidence = 0.3, Modality = "negated" },
            new RelationEvidence(1, 1, 2, 0, 1, "b") { Confidence = 0.7, Modality = "modal" });

        Assert.Equal(0.7, relation.Confidence);
        Assert.Null(relation.BestAssertedEvidence);
    }

    [Fact]
    public void BestAssertedEvidence_Ties_KeepTheFirst()
    {
        Relation relation = With(new RelationEvidence(0, 1, 2, 0, 1, "first"), new RelationEvidence(1, 1, 2, 0, 1, "second"));

        Assert.Equal("first", relation.BestAssertedEvidence!.Pattern);
        Assert.Equal(0.0, new Relation("captured", 0, 1, symmetric: false).Confidence);
    }
}
