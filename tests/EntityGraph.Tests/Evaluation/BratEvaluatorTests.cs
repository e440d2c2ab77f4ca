using EntityGraph.Evaluation;

namespace EntityGraph.Tests.Evaluation;

public class BratEvaluatorTests
{
    private static AnnotatedDocument Gold(string name) =>
        BratReader.ReadDocument(EvaluationFixtures.Path("brat", "gold", name + ".txt")).Document!;

    private static AnnotatedDocument Damaged(string name)
    {
        AnnotatedDocument gold = Gold(name);
        string ann = EvaluationFixtures.Path("brat", "damaged", name + ".ann");
        return BratReader.Parse(name, gold.Text, File.ReadAllText(ann), ann).Document!;
    }

    [Fact]
    public void Evaluate_GoldAgainstItselfScoresOne()
    {
        EvaluationReport report = BratEvaluator.Evaluate([(Gold("alpha"), Gold("alpha")), (Gold("beta"), Gold("beta"))]);

        EvaluationScores t = report.Total;
        Assert.Equal(new PrfScore(11, 0, 0), t.Mentions);
        Assert.Equal((1.0, 1.0, 1.0), (t.Entities.Precision, t.Entities.Recall, t.Entities.F1));
        Assert.Equal(11, t.Entities.Mentions);
        Assert.Equal(new PrfScore(3, 0, 0), t.Relations);
        Assert.All(t.MentionsByTag.Values, s => Assert.Equal(1.0, s.F1));
    }

    [Fact]
    public void Evaluate_DamagedCopyGivesTheHandComputedScores()
    {
        EvaluationReport report = BratEvaluator.Evaluate([(Gold("alpha"), Damaged("alpha")), (Gold("beta"), Damaged("beta"))]);

        EvaluationScores alpha = report.Documents[0];
        // Mentions: Tobin Arlo missed; Dunmore tagged ORG; "Ostrian officials" too long.
        Assert.Equal(new PrfScore(6, 2, 3), alpha.Mentions);
        Assert.Equal(12.0 / 17, alpha.Mentions.F1, 12);
        Assert.Equal(new PrfScore(3, 0, 1), alpha.MentionsByTag["PER"]);
        Assert.Equal(new PrfScore(1, 0, 1), alpha.MentionsByTag["LOC"]);
        Assert.Equal(new PrfScore(2, 1, 0), alpha.MentionsByTag["ORG"]);
        Assert.Equal(new PrfScore(0, 1, 1), alpha.MentionsByTag["MISC"]);
        // B-cubed over the 7 shared spans: per-mention precisions 1,1,1,1/3,2/3,2/3,1 and recalls 2/3,2/3,1/3,1,1,1,1.
        Assert.Equal(7, alpha.Entities.Mentions);
        Assert.Equal(17.0 / 21, alpha.Entities.Precision, 12);
        Assert.Equal(17.0 / 21, alpha.Entities.Recall, 12);
        // Relations: captured and affiliated_with survive the mapping; held_talks_with is missed, and the one
        // from the unmatched "Ostrian officials" is wrong.
        Assert.Equal(new PrfScore(2, 1, 1), alpha.Relations);
        Assert.Equal(new PrfScore(1, 0, 0), alpha.RelationsByType["captured"]);
        Assert.Equal(new PrfScore(1, 0, 0), alpha.RelationsByType["affiliated_with"]);
        Assert.Equal(new PrfScore(0, 1, 1), alpha.RelationsByType["held_talks_with"]);
        Assert.Equal(["affiliated_with", "captured", "held_talks_with"], alpha.RelationsByType.Keys);
        // Named by gold canonical names (or the text of a mention without one); symmetric pairs in a fixed order.
        Assert.Equal(
            [("held_talks_with", "Tobin Arlo", "Mara Velko", TripleOutcome.Missed), ("held_talks_with", "Ostrian officials", "Mara Velko", TripleOutcome.Spurious)],
            alpha.RelationTriples.Where(t => t.Outcome != TripleOutcome.Matched).Select(t => (t.Type, t.Subject, t.Object, t.Outcome)));
        Assert.Contains(new ScoredTriple("alpha", "captured", "Harlan Group", "Port Essa", TripleOutcome.Matched), alpha.RelationTriples);

        EvaluationScores total = report.Total;
        Assert.Equal(new PrfScore(8, 2, 3), total.Mentions);
        Assert.Equal(9, total.Entities.Mentions);
        Assert.Equal(23.0 / 27, total.Entities.F1, 12);
        Assert.Equal(new PrfScore(2, 1, 1), total.Relations);
        Assert.Equal(alpha.RelationsByType, total.RelationsByType);
        Assert.Equal(alpha.RelationTriples, total.RelationTriples);
        Assert.Equal(["alpha", "beta"], report.Documents.Select(d => d.Id));
    }

    [Fact]
    public void Evaluate_DifferentTextsThrow()
    {
        var a = new AnnotatedDocument("d", "one", [], []);
        var b = new AnnotatedDocument("d", "two", [], []);

        Assert.Throws<ArgumentException>(() => BratEvaluator.Evaluate([(a, b)]));
    }

    [Fact]
    public void FromDocument_UnresolvedMentionsAreSingletons()
    {
        Document doc = new PipelineBuilder().UseTokenizer().UseSentenceSplitter().Build().Process("Aro met Bel.");
        doc.AddMention(0, 1, "PER");
        doc.AddMention(2, 1, "PER");

        AnnotatedDocument annotated = AnnotatedDocument.FromDocument(doc);

        Assert.Equal([("Aro", "PER", (string?)null), ("Bel", "PER", null)], annotated.Mentions.Select(m => (m.Text, m.Tag, m.EntityKey)));
        Assert.Empty(annotated.Relations);
    }
}
