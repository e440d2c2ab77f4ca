using EntityGraph.Entities;

namespace EntityGraph.Tests.Entities;

public class HeadlinesTests
{
    private static readonly Pipeline Tokens = new PipelineBuilder().UseTokenizer().UseSentenceSplitter().Build();
    private static readonly Pipeline Recognizer = new PipelineBuilder().UseTokenizer().UseSentenceSplitter().UsePartOfSpeech().UseEntityRecognizer().Build();

    private static bool TitleCase(string line)
    {
        Document doc = Tokens.Process(line);
        return Headlines.IsTitleCase(doc, 0, doc.TokenCount);
    }

    [Theory]
    [InlineData("U.S. Sending Troops to Defend the Embassy in Baghdad", true)]
    [InlineData("Kerry Meets Zarif in Vienna as Talks Resume", true)]
    [InlineData("The possibility of an alliance between Iran and the United States has been nixed by the White House.", false)]
    [InlineData("U.S. SENDING TROOPS TO DEFEND THE EMBASSY IN BAGHDAD", false)] // all capitals: the CoNLL style the model knows
    [InlineData("Reading 0 Port Vale 1", false)]                               // a sports table: names, no small words
    [InlineData("Racing Club 0 Rosario Central 2", false)]
    [InlineData("Kerry and Zarif", false)]                                      // too few words to tell
    public void IsTitleCase_TellsHeadlinesFromSentencesAndTables(string line, bool expected) =>
        Assert.Equal(expected, TitleCase(line));

    [Theory]
    [InlineData("Sending", "VBG", true)]
    [InlineData("Meets", "VBZ", true)]
    [InlineData("Captured", "VBD", true)]
    [InlineData("United", "VBN", false)]  // participles name things: United States, Allied Forces
    [InlineData("Defend", "VB", false)]   // base forms are left alone
    [InlineData("Sjeng", "VBG", false)]   // the ending must agree with the tag
    [InlineData("sending", "VBG", false)] // only capitalised words are at risk
    public void IsHeadlineVerb_NeedsTagAndEndingToAgree(string word, string xpos, bool expected) =>
        Assert.Equal(expected, Headlines.IsHeadlineVerb(word, xpos));

    [Fact]
    public void Recognizer_TitleCaseHeadline_KeepsTheVerbOutOfTheName()
    {
        const string text = "U.S. Sending Troops to Defend the Embassy in Baghdad\nThe decision was announced on Monday.";
        Document doc = Recognizer.Process(text);
        Assert.Equal("VBG", doc.Tokens[1].Xpos); // the rule reads the tagger's verdict
        Assert.DoesNotContain(doc.Mentions, m => m.Text.Contains("Sending", StringComparison.Ordinal));
        Assert.Contains(doc.Mentions, m => m.Text == "U.S.");
        Assert.Contains(doc.Mentions, m => m.Text == "Baghdad" && m.Label == "LOC");
    }

    [Fact]
    public void KeepVerbsOutOfNames_DictionaryNameWins()
    {
        Document doc = Recognizer.Process("Islamic State Sending Fighters to the Border in Syria");
        // The rule must be live on this line, or the test would pass without it doing anything.
        Assert.True(Headlines.IsTitleCase(doc, 0, doc.TokenCount));
        Assert.True(Headlines.IsHeadlineVerb(doc.Tokens[2].Text, doc.Tokens[2].Xpos));
        Span<int> fixedLabels = new int[doc.TokenCount];
        fixedLabels.Fill(-1);
        fixedLabels[2] = 5; // a forced name over "Sending"
        Headlines.KeepVerbsOutOfNames(doc, 0, doc.TokenCount, fixedLabels);
        Assert.Equal(5, fixedLabels[2]);
    }
}
