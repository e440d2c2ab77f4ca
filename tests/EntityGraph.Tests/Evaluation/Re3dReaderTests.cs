using EntityGraph.Evaluation;

namespace EntityGraph.Tests.Evaluation;

public class Re3dReaderTests
{
    [Fact]
    public void ReadFolder_MapsTypesKeepsConfidentAnnotationsAndBuildsAliasClusters()
    {
        Re3dCorpus corpus = Re3dReader.ReadFolder(EvaluationFixtures.Path("re3d"));

        AnnotatedDocument doc = Assert.Single(corpus.Documents);
        Assert.Equal("source_a/D1", doc.Id);
        // Quarro's Organisation reading (confidence 0), "army" (0.3) and the Weapon are left out.
        Assert.Equal(
            [("Velko", "PER"), ("Arlo", "PER"), ("Quarro", "LOC"), ("Harlan Group", "ORG"), ("HG", "ORG"), ("Ostrian", "MISC")],
            doc.Mentions.Select(m => (m.Text, m.Tag)));
        Assert.NotNull(doc.Mentions[3].EntityKey);
        Assert.Equal(doc.Mentions[3].EntityKey, doc.Mentions[4].EntityKey);
        Assert.Null(doc.Mentions[0].EntityKey);
        // CommWith -> held_talks_with, BelongsTo PER -> ORG -> affiliated_with; CoLocated and the 0.2 CommWith are dropped.
        Assert.Equal([("held_talks_with", 0, 1), ("affiliated_with", 0, 3)], doc.Relations.Select(r => (r.Type, r.Arg1, r.Arg2)));
    }

    [Fact]
    public void ReadFolder_ReportsOffsetsOutsideTheTextAndSkipsTheDocument()
    {
        string entities = EvaluationFixtures.Path("re3d", "source_a", "entities.json");

        Re3dCorpus corpus = Re3dReader.ReadFolder(EvaluationFixtures.Path("re3d"));

        EvaluationProblem problem = Assert.Single(corpus.Problems);
        Assert.Equal((entities, 10), (problem.File, problem.Line));
        Assert.Contains("outside the text", problem.Message, StringComparison.Ordinal);
        Assert.Equal(["source_a/D2"], corpus.SkippedDocuments);
    }
}
