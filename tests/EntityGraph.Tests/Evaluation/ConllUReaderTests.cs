using EntityGraph.Evaluation;

namespace EntityGraph.Tests.Evaluation;

public class ConllUReaderTests
{
    [Fact]
    public void Read_KeepsWordsAndTextAndSkipsMultiwordAndEmptyNodes()
    {
        ConllUCorpus corpus = ConllUReader.Read(EvaluationFixtures.Path("conllu", "small.conllu"));

        Assert.Empty(corpus.Problems);
        Assert.Equal(2, corpus.Sentences.Count);
        ConllUSentence s = corpus.Sentences[0];
        Assert.Equal(("doc-a", "a-1", "Velko didn't leave Quarro."), (s.DocumentId, s.SentenceId, s.Text));
        Assert.Equal(["Velko", "did", "n't", "leave", "Quarro", "."], s.Words.Select(w => w.Form));
        Assert.Equal(new ConllUMultiword(2, 3, "didn't", true), Assert.Single(s.Multiwords));
        ConllUWord leave = s.Words[3];
        Assert.Equal(("leave", "VERB", "VB", 0, "root"), (leave.Lemma, leave.Upos, leave.Xpos, leave.Head, leave.Deprel));
        Assert.False(s.Words[4].SpaceAfter);
        Assert.Equal("doc-a", corpus.Sentences[1].DocumentId);
        Assert.Equal(9, corpus.WordCount);
    }

    [Fact]
    public void AlignToText_FindsEachWordInTheSentenceText()
    {
        ConllUSentence s = ConllUReader.Read(EvaluationFixtures.Path("conllu", "small.conllu")).Sentences[0];

        Assert.Equal([0, 6, 9, 13, 19, 25], s.AlignToText()!);
    }

    [Fact]
    public void Read_BadLinesAreReportedAndTheirSentencesSkipped()
    {
        string path = EvaluationFixtures.Path("conllu", "bad.conllu");

        ConllUCorpus corpus = ConllUReader.Read(path);

        Assert.Equal([(path, 4, 22), (path, 9, 1), (path, 17, 0)], corpus.Problems.Select(p => (p.File, p.Line, p.Column)));
        Assert.Contains("head 'x'", corpus.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("10 tab-separated columns", corpus.Problems[1].Message, StringComparison.Ordinal);
        Assert.Contains("head 9", corpus.Problems[2].Message, StringComparison.Ordinal);
        Assert.Equal(3, corpus.SkippedSentences);
        Assert.Equal("b-4", Assert.Single(corpus.Sentences).SentenceId);
    }
}
