using static EntityGraph.Tests.TestHelpers;

namespace EntityGraph.Tests.Text;

public class SentenceSplitterTests
{
    [Fact]
    public void Split_RunTogetherText_TwoSentences() =>
        Assert.Equal(["Baghdad struggles to repel a rampant insurgency.", "The US is urgently deploying troops."],
            Sentences("Baghdad struggles to repel a rampant insurgency.The US is urgently deploying troops."));

    [Fact]
    public void Split_AbbreviationBeforeName_OneSentence() =>
        Assert.Equal(["Up to 275 troops deploying to Iraq to protect U.S. Embassy in Baghdad."],
            Sentences("Up to 275 troops deploying to Iraq to protect U.S. Embassy in Baghdad."));

    [Fact]
    public void Split_AbbreviationAtSentenceEnd_SplitsBeforeOpener() =>
        Assert.Equal(["Troops went back to the U.S.", "The mission ended."],
            Sentences("Troops went back to the U.S. The mission ended."));

    [Fact]
    public void Split_Titles_NeverEndSentence() =>
        Assert.Equal(["Pentagon press secretary Rear Adm. John Kirby said so.", "Gen. Petraeus agreed."],
            Sentences("Pentagon press secretary Rear Adm. John Kirby said so. Gen. Petraeus agreed."));

    [Fact]
    public void Split_Initials_StayInSentence() =>
        Assert.Equal(["George W. Bush and J. K. Rowling met."], Sentences("George W. Bush and J. K. Rowling met."));

    [Fact]
    public void Split_QuoteAfterFullStop_StaysWithSentence() =>
        Assert.Equal(["He said \"not rule out anything.\"", "Kerry agreed."],
            Sentences("He said \"not rule out anything.\" Kerry agreed."));

    [Fact]
    public void Split_CurlyQuoteAfterFullStop_StaysWithSentence() =>
        Assert.Equal(["\u201CWe are open.\u201D", "Kerry said it."],
            Sentences("\u201CWe are open.\u201D Kerry said it."));

    [Fact]
    public void Split_Url_NotABoundary() =>
        Assert.Equal(["See t.co/x and http://t.co/tYCeEMbSEk now."],
            Sentences("See t.co/x and http://t.co/tYCeEMbSEk now."));

    [Fact]
    public void Split_EllipsisBeforeLowercase_OneSentence() =>
        Assert.Equal(["That...sounded pretty decisive.", "No plans to send troops into Iraq...again."],
            Sentences("That...sounded pretty decisive. No plans to send troops into Iraq...again."));

    [Fact]
    public void Split_LineBreaks_EndHeadlines() =>
        Assert.Equal(["U.S. Sending Troops to Defend the Embassy in Baghdad", "The possibility was nixed."],
            Sentences("U.S. Sending Troops to Defend the Embassy in Baghdad\nThe possibility was nixed."));

    [Fact]
    public void Split_WrappedLineContinuingLowercase_OneSentence() =>
        Assert.Equal(["The troops would fall under the\nauthority of the ambassador."],
            Sentences("The troops would fall under the\nauthority of the ambassador."));

    [Fact]
    public void Split_QuestionAndExclamation_Split() =>
        Assert.Equal(["Will Iran help?", "Yes!", "Yahoo! News said so."],
            Sentences("Will Iran help? Yes! Yahoo! News said so."));

    [Fact]
    public void Split_TimeAbbreviation_StaysWithClause() =>
        Assert.Equal(["6:20 p.m.: There will be boots on the ground in Iraq after all."],
            Sentences("6:20 p.m.: There will be boots on the ground in Iraq after all."));

    [Fact]
    public void Split_VeryLongRun_IsCapped()
    {
        string text = string.Join(' ', Enumerable.Repeat("word", 1000));
        Document document = Pipeline.CreateDefault().Process(text);
        AssertSentenceInvariants(document);
        Assert.All(document.Sentences, s => Assert.True(s.Count <= 300));
    }

    [Fact]
    public void Split_SeedArticle_SplitsAtKnownPlaces()
    {
        string text = File.ReadAllText(Path.Combine(SeedCorpus, "001_eebee293d901455e.txt"));
        string[] sentences = Sentences(text);
        Assert.Contains("The US is urgently deploying several hundred armed troops in and around Iraq and considering sending an additional contingent of special forces soldiers as Baghdad struggles to repel a rampant insurgency.", sentences);
        Assert.Contains(sentences, s => s.StartsWith("Pentagon press secretary Rear Adm. John Kirby said", StringComparison.Ordinal));
        Assert.Contains(sentences, s => s.StartsWith("However, all U.S. troops are allowed", StringComparison.Ordinal));
    }
}
