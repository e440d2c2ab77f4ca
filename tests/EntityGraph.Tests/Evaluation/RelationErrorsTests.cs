using EntityGraph.Evaluation;

namespace EntityGraph.Tests.Evaluation;

public class RelationErrorsTests
{
    // Invented text: two sentences, [0-25) and [26-57).
    private const string Text = "Arlo Penn met Vera Quist. Then Odo Rell visited Lakemoor.";

    private static AnnotatedMention M(string id, string tag, string name) =>
        new(id, tag, Text.IndexOf(name, StringComparison.Ordinal), Text.IndexOf(name, StringComparison.Ordinal) + name.Length, name);

    private static readonly (int, int)[] Sentences = [(0, 25), (26, 57)];

    [Fact]
    public void Explain_NeitherArgumentFound_SaysSo()
    {
        var gold = new AnnotatedDocument("g", Text, [M("T1", "PER", "Arlo Penn"), M("T2", "PER", "Vera Quist")], [new AnnotatedRelation("R1", "held_talks_with", 0, 1)]);
        var predicted = new AnnotatedDocument("g", Text, [M("T1", "PER", "Odo Rell")], []);

        RelationError error = Assert.Single(RelationErrors.Explain(gold, predicted, Sentences));

        Assert.Equal(TripleOutcome.Missed, error.Triple.Outcome);
        Assert.Equal(MissReason.NeitherFound, error.Reason);
        RelationInstance instance = Assert.Single(error.Instances);
        Assert.Equal((0, 0), (instance.SubjectSentence, instance.ObjectSentence));
    }

    [Fact]
    public void Explain_MatchedTriplesAreLeftOut_SpuriousOnesHaveNoReason()
    {
        AnnotatedMention[] mentions = [M("T1", "PER", "Arlo Penn"), M("T2", "PER", "Vera Quist"), M("T3", "PER", "Odo Rell"), M("T4", "LOC", "Lakemoor")];
        var gold = new AnnotatedDocument("g", Text, mentions, [new AnnotatedRelation("R1", "held_talks_with", 0, 1)]);
        var predicted = new AnnotatedDocument("g", Text, mentions,
            [new AnnotatedRelation("R1", "held_talks_with", 1, 0), new AnnotatedRelation("R2", "deployed_to", 2, 3) { Note = "pattern: p" }]);

        RelationError error = Assert.Single(RelationErrors.Explain(gold, predicted, Sentences));

        Assert.Equal(new ScoredTriple("g", "deployed_to", "Odo Rell", "Lakemoor", TripleOutcome.Spurious), error.Triple);
        Assert.Null(error.Reason);
        Assert.Equal("pattern: p", Assert.Single(error.Instances).Relation.Note);
        Assert.Equal((1, 1), (error.Instances[0].SubjectSentence, error.Instances[0].ObjectSentence));
    }
}
