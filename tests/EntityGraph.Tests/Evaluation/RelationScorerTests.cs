using EntityGraph.Evaluation;

namespace EntityGraph.Tests.Evaluation;

public class RelationScorerTests
{
    // "Aro Bel Cam Dov": four one-letter-per-word names at 0, 4, 8, 12.
    private const string Text = "Aro Bel Cam Dov";

    private static AnnotatedMention M(string id, int at, string? entity) => new(id, "PER", at, at + 3, Text[at..(at + 3)], entity);

    [Fact]
    public void Score_SymmetricTypeMatchesEitherOrder()
    {
        var gold = new AnnotatedDocument("d", Text, [M("T1", 0, null), M("T2", 4, null)], [new("R1", "held_talks_with", 0, 1)]);
        var system = new AnnotatedDocument("d", Text, [M("T1", 0, null), M("T2", 4, null)], [new("R1", "held_talks_with", 1, 0)]);

        Assert.Equal(new PrfScore(1, 0, 0), RelationScorer.Score(gold, system, BratEvaluator.DefaultSymmetricRelationTypes));
    }

    [Fact]
    public void Score_DirectedTypeInTheWrongOrderIsWrong()
    {
        var gold = new AnnotatedDocument("d", Text, [M("T1", 0, null), M("T2", 4, null)], [new("R1", "captured", 0, 1)]);
        var system = new AnnotatedDocument("d", Text, [M("T1", 0, null), M("T2", 4, null)], [new("R1", "captured", 1, 0)]);

        Assert.Equal(new PrfScore(0, 1, 1), RelationScorer.Score(gold, system, BratEvaluator.DefaultSymmetricRelationTypes));
    }

    [Fact]
    public void Score_RelationsAreDocumentLevelTriplesCountedOnce()
    {
        // Gold: Aro and Cam are one entity; the system states the relation twice, once from each of its mentions.
        var gold = new AnnotatedDocument("d", Text, [M("T1", 0, "a"), M("T2", 4, null), M("T3", 8, "a")], [new("R1", "attacked", 0, 1)]);
        var system = new AnnotatedDocument("d", Text, [M("T1", 0, "s"), M("T2", 4, null), M("T3", 8, "s")],
            [new("R1", "attacked", 0, 1), new("R2", "attacked", 2, 1)]);

        Assert.Equal(new PrfScore(1, 0, 0), RelationScorer.Score(gold, system, BratEvaluator.DefaultSymmetricRelationTypes));
    }

    [Fact]
    public void MapEntities_MajorityWinsAndTiesGoToTheEarliestGoldEntity()
    {
        var gold = new AnnotatedDocument("d", Text, [M("T1", 0, "x"), M("T2", 4, "y"), M("T3", 8, "y"), M("T4", 12, "z")], []);
        var system = new AnnotatedDocument("d", Text, [M("T1", 0, "big"), M("T2", 4, "big"), M("T3", 8, "big"), M("T4", 12, null)], []);
        var tie = new AnnotatedDocument("d", Text, [M("T1", 0, "t"), M("T2", 4, "t")], []);

        Dictionary<string, string> mapping = RelationScorer.MapEntities(gold, system);

        Assert.Equal("y", mapping["big"]);
        Assert.Equal("z", mapping[EntityScorer.EntityOf(system.Mentions[3])]);
        Assert.Equal("x", RelationScorer.MapEntities(gold, tie)["t"]);
    }

    [Fact]
    public void Score_UnmatchedSystemEntityOnlyMakesFalsePositives()
    {
        var gold = new AnnotatedDocument("d", Text, [M("T1", 0, null), M("T2", 4, null)], [new("R1", "attacked", 0, 1)]);
        var system = new AnnotatedDocument("d", Text, [new("T1", "PER", 0, 2, "Ar"), M("T2", 4, null)], [new("R1", "attacked", 0, 1)]);

        Assert.Equal(new PrfScore(0, 1, 1), RelationScorer.Score(gold, system, BratEvaluator.DefaultSymmetricRelationTypes));
    }

    [Fact]
    public void Score_WithinMatchesAMentionInsideAGoldPhrase()
    {
        var gold = new AnnotatedDocument("d", Text, [new("T1", "ACTOR", 0, 7, "Aro Bel"), M("T2", 12, null)], [new("R1", "attacked", 0, 1)]);
        var system = new AnnotatedDocument("d", Text, [M("T1", 0, null), M("T2", 12, null)], [new("R1", "attacked", 0, 1)]);

        Assert.Equal(new PrfScore(0, 1, 1), RelationScorer.Score(gold, system, BratEvaluator.DefaultSymmetricRelationTypes));
        Assert.Equal(new PrfScore(1, 0, 0), RelationScorer.Score(gold, system, BratEvaluator.DefaultSymmetricRelationTypes, within: true));
    }
}
