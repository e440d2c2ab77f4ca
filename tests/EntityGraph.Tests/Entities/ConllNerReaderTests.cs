using EntityGraph.Entities;

namespace EntityGraph.Tests.Entities;

public class ConllNerReaderTests
{
    private static List<NerDocument> Read(string text) => ConllNerReader.Read(new StringReader(text), "sample.txt");

    [Fact]
    public void Read_HyphenatedEntity_IsResplitLikeTheTokenizer()
    {
        // Invented sample in the CoNLL layout (no CoNLL text in the repository).
        List<NerDocument> docs = Read("-DOCSTART- -X- -X- O\n\nal-Qaeda NNP B-NP B-ORG\nfighters NNS I-NP O\nleft VBD B-VP O\n");
        NerSentence s = Assert.Single(Assert.Single(docs).Sentences);
        Assert.Equal(["B-ORG", "I-ORG", "L-ORG", "O", "O"], s.Bilou);
        Assert.Equal([0, 0, 0, 1, 2], s.Origin);
        Assert.Equal("al", s.Text.Substring(s.Subtokens[0].Start, s.Subtokens[0].Length));
    }

    [Fact]
    public void Read_Iob1_BecomesIob2()
    {
        List<NerDocument> docs = Read("Tal I-LOC\nAfar I-LOC\nand O\nMosul I-LOC\n");
        Assert.Equal(["B-LOC", "I-LOC", "O", "B-LOC"], docs[0].Sentences[0].Tags);
    }

    [Fact]
    public void Read_UnknownTag_NamesFileAndLine()
    {
        var error = Assert.Throws<InvalidDataException>(() => Read("Kerry B-PER\nsaid O\nIraq B-GPE\n"));
        Assert.StartsWith("sample.txt:3:", error.Message, StringComparison.Ordinal);
        Assert.Contains("B-GPE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OneColumnLine_NamesFileAndLine()
    {
        var error = Assert.Throws<InvalidDataException>(() => Read("Kerry B-PER\nsaid\n"));
        Assert.StartsWith("sample.txt:2:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Spans_Bilou_GivesFirstAndCount() =>
        Assert.Equal([(0, 2, "PER"), (3, 1, "LOC")], Bio.Spans(["B-PER", "L-PER", "O", "U-LOC"]));
}
