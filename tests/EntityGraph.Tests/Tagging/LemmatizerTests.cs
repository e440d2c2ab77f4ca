using EntityGraph.Tagging;

namespace EntityGraph.Tests.Tagging;

public class LemmatizerTests
{
    [Theory]
    [InlineData("captured", "VERB", "VBD", "capture")]
    [InlineData("capturing", "VERB", "VBG", "capture")]
    [InlineData("capture", "VERB", "VB", "capture")]
    [InlineData("captures", "VERB", "VBZ", "capture")]
    [InlineData("sent", "VERB", "VBD", "send")]
    [InlineData("sending", "VERB", "VBG", "send")]
    [InlineData("troops", "NOUN", "NNS", "troop")]
    [InlineData("took", "VERB", "VBD", "take")]
    [InlineData("taken", "VERB", "VBN", "take")]
    [InlineData("was", "AUX", "VBD", "be")]
    [InlineData("were", "AUX", "VBD", "be")]
    [InlineData("stopped", "VERB", "VBD", "stop")]
    [InlineData("cities", "NOUN", "NNS", "city")]
    [InlineData("militias", "NOUN", "NNS", "militia")]
    [InlineData("men", "NOUN", "NNS", "man")]
    [InlineData("larger", "ADJ", "JJR", "large")]
    [InlineData("Captured", "VERB", "VBD", "capture")]
    [InlineData("news", "NOUN", "NN", "news")]
    [InlineData("n't", "PART", "RB", "not")]
    [InlineData("Baghdad", "PROPN", "NNP", "Baghdad")]
    public void Lemmatize_Cases(string form, string upos, string xpos, string lemma) =>
        Assert.Equal(lemma, Lemmatizer.Default.Lemmatize(form, upos, xpos));

    [Fact]
    public void Lemmatize_UnknownPastTense_StripsTheInflection() =>
        Assert.Equal("tweet", Lemmatizer.Default.Lemmatize("tweeted", "VERB", "VBD"));
}
