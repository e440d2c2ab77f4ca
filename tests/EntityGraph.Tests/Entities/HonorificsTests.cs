using EntityGraph.Entities;

namespace EntityGraph.Tests.Entities;

public class HonorificsTests
{
    private static Document Tokens(string text) => new PipelineBuilder().UseTokenizer().UseSentenceSplitter().Build().Process(text);

    [Theory]
    [InlineData("Lt Gen Qassim al-Moussawi", 2, false)]
    [InlineData("Rear Adm. John Kirby", 2, false)]
    [InlineData("Grand Ayatollah Ali al-Sistani", 2, false)]
    [InlineData("Rear Adm.", 2, true)]
    [InlineData("Grand Rapids", 0, false)]
    [InlineData("General Motors", 0, false)]
    [InlineData("Qassim al-Moussawi", 0, false)]
    public void LeadingTitles_CountsRanksBeforeAName(string text, int titles, bool all)
    {
        Document d = Tokens(text);
        Assert.Equal(titles, Honorifics.LeadingTitles(d, 0, d.Tokens.Count, out bool onlyTitles));
        Assert.Equal(all, onlyTitles);
    }

    [Theory]
    [InlineData("Ali al-Sistani", 1, 3, true)]
    [InlineData("Osama bin Laden", 1, 2, true)]
    [InlineData("Ali and Sistani", 1, 2, false)]
    [InlineData("Ali Sistani", 1, 1, false)]
    public void IsNameParticleGap_OnlyJoiningParticles(string text, int from, int to, bool expected) =>
        Assert.Equal(expected, Honorifics.IsNameParticleGap(Tokens(text), from, to));

    [Fact]
    public void Recognizer_RankInsideAName_IsLeftOutAndTheNameIsAPerson()
    {
        // Forced ORG over the whole span stands in for the model's mistake; the stage trims it the same way.
        var forcer = new PhraseListForcer([("Lt Gen Qassim al-Moussawi", "ORG"), ("Rear Adm.", "ORG")]);
        Pipeline pipeline = new PipelineBuilder().UseTokenizer().UseSentenceSplitter().UsePartOfSpeech().UseEntityRecognizer(forcer: forcer).Build();
        Document d = pipeline.Process("Lt Gen Qassim al-Moussawi met Rear Adm. Kirby.");
        Assert.Contains(d.Mentions, m => m.Text == "Qassim al-Moussawi" && m.Label == "PER");
        Assert.DoesNotContain(d.Mentions, m => m.Text.Contains("Adm.", StringComparison.Ordinal) || m.Text.StartsWith("Lt", StringComparison.Ordinal));
    }
}
