using EntityGraph.Evaluation;

namespace EntityGraph.Tests.Evaluation;

public class PreTokenizedTests
{
    [Fact]
    public void Create_JoinsTokensWithSpacesAndSentencesWithLineBreaks()
    {
        Document doc = PreTokenized.Create([["Mara", "Velko", "won", "."], ["U.S.", "troops", "left"]], "d1");

        Assert.Equal("Mara Velko won .\nU.S. troops left", doc.Text);
        Assert.Equal(["Mara", "Velko", "won", ".", "U.S.", "troops", "left"], doc.Tokens.Select(t => t.ToString()));
        Assert.Equal([0, 5, 11, 15, 17, 22, 29], doc.Tokens.Select(t => t.Start));
        Assert.Equal([0, 4], doc.Sentences.Select(s => s.FirstToken));
        Assert.Equal(Annotations.Tokens | Annotations.Sentences, doc.Annotations);
        Assert.Equal(TokenKind.Punctuation, doc.Tokens[3].Kind);
    }

    [Fact]
    public void Create_TokenWithWhitespaceThrows()
    {
        Assert.Throws<ArgumentException>(() => PreTokenized.Create([["New York"]]));
    }

    [Fact]
    public void Process_KeepsTheGoldTokens()
    {
        Document doc = PreTokenized.Create([["al-Qaeda-inspired", "groups"]]);

        PreTokenized.Process(Pipeline.CreateDefault(), doc);

        Assert.Equal(2, doc.Tokens.Count);
        Assert.Single(doc.Sentences);
    }

    [Fact]
    public void MentionTags_WritesIob2()
    {
        Document doc = PreTokenized.Create([["Mara", "Velko", "met", "Tobin", "Arlo"]]);
        doc.AddMention(0, 2, "PER");
        doc.AddMention(3, 1, "PER");
        doc.AddMention(4, 1, "PER");

        Assert.Equal(["B-PER", "I-PER", "O", "B-PER", "B-PER"], PreTokenized.MentionTags(doc));
    }
}
