using EntityGraph.Evaluation;

namespace EntityGraph.Tests.Evaluation;

public class PloverReaderTests
{
    [Fact]
    public void Read_FindsActorsInTheSentence()
    {
        PloverCorpus corpus = PloverReader.Read(EvaluationFixtures.Path("plover", "records.json"));

        Assert.Equal(["CONSULT-1", "CONSULT-2", "FIGHT-1", "AGREE-1"], corpus.Records.Select(r => r.Id));
        PloverRecord consult = corpus.Records[0];
        Assert.Equal(new PloverActor("Ostrian envoys", "OST", 0), Assert.Single(consult.Sources));
        Assert.Equal(19, Assert.Single(consult.Targets).Start);
        Assert.Empty(corpus.Records[1].Targets);
    }

    [Fact]
    public void Read_ActorNotInTheSentenceIsANoteWithTheRecordsLine()
    {
        string path = EvaluationFixtures.Path("plover", "records.json");

        PloverCorpus corpus = PloverReader.Read(path);

        EvaluationProblem note = Assert.Single(corpus.Problems);
        Assert.Equal((path, 40, ProblemSeverity.Note), (note.File, note.Line, note.Severity));
        Assert.Contains("'Port Essa'", note.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_InvalidJsonIsReportedWithItsLine()
    {
        PloverCorpus corpus = PloverReader.Parse("x.json", "[\n{\"id\": \"A\", \"event\": \"FIGHT\", \"text\": \"t\"},\n{\"id\": \n"u8.ToArray());

        Assert.Single(corpus.Records);
        Assert.Equal(("x.json", 4), (corpus.Problems[0].File, corpus.Problems[0].Line));
    }

    [Fact]
    public void ToAnnotated_MapsHonestEventsOnly()
    {
        PloverCorpus corpus = PloverReader.Read(EvaluationFixtures.Path("plover", "records.json"));

        AnnotatedDocument consult = PloverReader.ToAnnotated(corpus.Records[0]);
        AnnotatedDocument compound = PloverReader.ToAnnotated(corpus.Records[1]);
        AnnotatedDocument fight = PloverReader.ToAnnotated(corpus.Records[2]);
        AnnotatedDocument agree = PloverReader.ToAnnotated(corpus.Records[3]);

        Assert.Equal(new AnnotatedRelation("R1", "held_talks_with", 0, 1), Assert.Single(consult.Relations));
        Assert.Equal(new AnnotatedRelation("R1", "held_talks_with", 0, 1), Assert.Single(compound.Relations));
        Assert.Equal(("attacked", "Harlan Group fighters", "Varn"), (Assert.Single(fight.Relations).Type, fight.Mentions[0].Text, fight.Mentions[1].Text));
        Assert.Empty(agree.Relations);
    }
}
