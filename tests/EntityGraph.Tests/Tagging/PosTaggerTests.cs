using EntityGraph.Tagging;

namespace EntityGraph.Tests.Tagging;

public class PosTaggerTests
{
    private static Document Tag(string text) =>
        new PipelineBuilder().UseTokenizer().UseSentenceSplitter().UsePartOfSpeech().UseLemmatizer().Build().Process(text);

    [Fact]
    public void Default_SeedSentence_TagsVerbsNounsAndNames()
    {
        Document doc = Tag("It was reported on Monday that they had taken Tal Afar, a northern Iraqi city.");
        var byWord = doc.Tokens.ToDictionary(t => t.ToString(), t => (t.Upos, t.Xpos, t.Lemma));
        Assert.Equal(("AUX", "VBD", "be"), byWord["was"]);
        Assert.Equal("VERB", byWord["taken"].Upos);
        Assert.Equal("take", byWord["taken"].Lemma);
        Assert.Equal("PROPN", byWord["Tal"].Upos);
        Assert.Equal("PROPN", byWord["Afar"].Upos);
        Assert.Equal("NOUN", byWord["city"].Upos);
        Assert.Equal("PUNCT", byWord["."].Upos);
    }

    [Fact]
    public void Default_EveryToken_GetsBothTags()
    {
        Document doc = Tag("U.S. Sending Troops to Defend the Embassy in Baghdad. ISIS captured several towns.");
        foreach (Token t in doc.Tokens)
        {
            Assert.NotNull(t.Upos);
            Assert.NotNull(t.Xpos);
            Assert.NotNull(t.Lemma);
        }
        Assert.Contains(doc.Tokens, t => t.ToString() == "captured" && t.Lemma == "capture");
        Assert.Contains(doc.Tokens, t => t.ToString() == "towns" && t.Lemma == "town");
    }

    [Fact]
    public void Load_DefaultTwice_ReturnsTheSameInstance()
    {
        Assert.Same(PosTaggerModel.Default, PosTaggerModel.Default);
        Assert.Same(Lemmatizer.Default, Lemmatizer.Default);
    }
}
