using EntityGraph.Evaluation;

namespace EntityGraph.Tests.Evaluation;

public class EntityScorerTests
{
    private const string Text = "a b c d e";

    private static AnnotatedMention M(string id, int at, string? entity) => new(id, "PER", at, at + 1, Text[at..(at + 1)], entity);

    [Fact]
    public void BCubed_SplitClusterLosesRecallOnly()
    {
        var gold = new AnnotatedDocument("d", Text, [M("T1", 0, "x"), M("T2", 2, "x"), M("T3", 4, "x")], []);
        var system = new AnnotatedDocument("d", Text, [M("T1", 0, "p"), M("T2", 2, "p"), M("T3", 4, null)], []);

        BCubedScore s = EntityScorer.BCubed(gold, system);

        Assert.Equal(1.0, s.Precision, 12);
        Assert.Equal((2.0 / 3 + 2.0 / 3 + 1.0 / 3) / 3, s.Recall, 12);
    }

    [Fact]
    public void BCubed_MergedClustersLosePrecisionOnly()
    {
        var gold = new AnnotatedDocument("d", Text, [M("T1", 0, "x"), M("T2", 2, "x"), M("T3", 4, null)], []);
        var system = new AnnotatedDocument("d", Text, [M("T1", 0, "p"), M("T2", 2, "p"), M("T3", 4, "p")], []);

        BCubedScore s = EntityScorer.BCubed(gold, system);

        Assert.Equal((2.0 / 3 + 2.0 / 3 + 1.0 / 3) / 3, s.Precision, 12);
        Assert.Equal(1.0, s.Recall, 12);
    }

    [Fact]
    public void BCubed_CountsOnlyMentionsBothSidesFound()
    {
        // Gold puts a, c and e together, but the system did not find e: over a and c the clustering is perfect.
        var gold = new AnnotatedDocument("d", Text, [M("T1", 0, "x"), M("T2", 4, "x"), M("T3", 8, "x")], []);
        var system = new AnnotatedDocument("d", Text, [M("T1", 0, "p"), M("T2", 4, "p"), M("T9", 6, "p")], []);

        BCubedScore s = EntityScorer.BCubed(gold, system);

        Assert.Equal((2, 1.0, 1.0), (s.Mentions, s.Precision, s.Recall));
    }

    [Fact]
    public void BCubed_NoSharedMentionGivesZeroWithNoMentions()
    {
        var gold = new AnnotatedDocument("d", Text, [M("T1", 0, null)], []);
        var system = new AnnotatedDocument("d", Text, [M("T1", 2, null)], []);

        Assert.Equal(new BCubedScore(0, 0, 0), EntityScorer.BCubed(gold, system));
    }
}
