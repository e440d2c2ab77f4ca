using EntityGraph.Evaluation;

namespace EntityGraph.Tests.Evaluation;

public class ConllReaderTests
{
    [Theory]
    [InlineData("iob1.txt")]
    [InlineData("iob2.txt")]
    public void Read_SplitsDocumentsAndSentences(string file)
    {
        ConllCorpus corpus = ConllReader.Read(EvaluationFixtures.Path("conll", file));

        Assert.Empty(corpus.Problems);
        Assert.Equal(2, corpus.Documents.Count);
        Assert.Equal([2, 1], corpus.Documents.Select(d => d.Sentences.Count));
        Assert.Equal(["Mara", "Velko", "visited", "Port", "Essa", "."], corpus.Documents[0].Sentences[0].Forms());
        Assert.Equal(3, corpus.Documents[0].Sentences[0].Tokens[0].Line);
    }

    [Fact]
    public void Read_Iob1AndIob2GiveTheSameChunks()
    {
        ConllCorpus iob1 = ConllReader.Read(EvaluationFixtures.Path("conll", "iob1.txt"));
        ConllCorpus iob2 = ConllReader.Read(EvaluationFixtures.Path("conll", "iob2.txt"));

        var eval = new ConllEval();
        for (int d = 0; d < 2; d++)
        {
            for (int s = 0; s < iob1.Documents[d].Sentences.Count; s++)
                eval.AddSentence(iob2.Documents[d].Sentences[s].Tags(), iob1.Documents[d].Sentences[s].Tags());
        }

        // "Ostrian Tobin Arlo" is I-MISC I-PER I-PER in IOB1: the type change starts the PER chunk.
        Assert.Equal(new PrfScore(5, 0, 0), eval.Result.Overall);
    }

    [Fact]
    public void Read_WikiGoldTwoColumnsWithTextBeforeTheFirstDocstart()
    {
        ConllCorpus corpus = ConllReader.Read(EvaluationFixtures.Path("conll", "wikigold.txt"));

        Assert.Empty(corpus.Problems);
        Assert.Equal(2, corpus.Documents.Count);
        Assert.Equal(["I-PER", "I-PER", "O", "I-ORG", "I-ORG", "O"], corpus.Documents[1].Sentences[0].Tags());
        Assert.Equal(
            [(0, 1, "LOC"), (5, 1, "LOC")],
            ConllEval.Chunks(corpus.Documents[0].Sentences[0].Tags()));
    }

    [Fact]
    public void Read_BadLinesAreReportedAndTheirDocumentsSkipped()
    {
        string path = EvaluationFixtures.Path("conll", "bad.txt");

        ConllCorpus corpus = ConllReader.Read(path);

        Assert.Equal([(path, 4, 16), (path, 10, 1)], corpus.Problems.Select(p => (p.File, p.Line, p.Column)));
        Assert.Contains("'X-PER' is not a tag", corpus.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("expected 4 columns", corpus.Problems[1].Message, StringComparison.Ordinal);
        Assert.Equal(["bad#1", "bad#2"], corpus.SkippedDocuments);
        Assert.Equal("bad#3", Assert.Single(corpus.Documents).Id);
    }
}
