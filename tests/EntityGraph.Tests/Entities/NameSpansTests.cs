using EntityGraph.Entities;

namespace EntityGraph.Tests.Entities;

public class NameSpansTests
{
    private static Document Tokens(string text) => new PipelineBuilder().UseTokenizer().UseSentenceSplitter().Build().Process(text);

    private static void Add(Document d, string text, string label, int from = 0, string source = "model")
    {
        int start = d.Text.IndexOf(text, from, StringComparison.Ordinal);
        int first = d.TokenIndexAt(start), last = d.TokenIndexAt(start + text.Length - 1);
        d.AddMention(first, last - first + 1, label, source, 0.9);
    }

    private static string[] Mentions(Document d) => [.. d.Mentions.Select(m => m.Label + " " + m.Text)];

    [Fact]
    public void Ships_PrefixAndNameAreOneMisc()
    {
        Document d = Tokens("The carrier USS Harold T. Baxter left port with HMS Dauntless.");
        Add(d, "Harold T. Baxter", "PER");
        NameSpans.Apply(d, 0, NameSpans.Rules.Ships);
        Assert.Equal(["MISC USS Harold T. Baxter", "MISC HMS Dauntless"], Mentions(d));
    }

    [Fact]
    public void Units_OrdinalUnitIsOneOrganisation()
    {
        Document d = Tokens("Soldiers of the 12th Mountain Division and the Falcon Brigade moved north.");
        Add(d, "Mountain Division", "MISC");
        Add(d, "Falcon Brigade", "PER");
        NameSpans.Apply(d, 0, NameSpans.Rules.Units);
        Assert.Equal(["ORG 12th Mountain Division", "ORG Falcon Brigade"], Mentions(d));
    }

    [Fact]
    public void Bodies_CountryAndItsForcesAreOneOrganisation()
    {
        Document d = Tokens("The Ruritanian Armed Forces and the U.S. Embassy in Strelsau issued statements.");
        Add(d, "Ruritanian", "MISC");
        Add(d, "U.S.", "LOC");
        Add(d, "Embassy", "MISC");
        Add(d, "Strelsau", "LOC");
        NameSpans.Apply(d, 0, NameSpans.Rules.Bodies);
        Assert.Equal(["ORG Ruritanian Armed Forces", "ORG U.S. Embassy", "LOC Strelsau"], Mentions(d));
    }

    [Fact]
    public void Operations_NameAfterOperationIsMiscEverywhere()
    {
        Document d = Tokens("The army began Operation Quiet Harbour on Monday. Quiet Harbour ended soon.");
        Add(d, "Quiet Harbour", "PER");
        Add(d, "Quiet Harbour", "PER", from: 40);
        NameSpans.Apply(d, 0, NameSpans.Rules.Operations);
        Assert.Equal(["MISC Quiet Harbour", "MISC Quiet Harbour"], Mentions(d));
    }

    [Fact]
    public void IslamicState_InRunningTextButNotInACapitalsHeadline()
    {
        Document d = Tokens("WHO IS TO BLAME\n\nFighters of IS took the town.");
        NameSpans.Apply(d, 0, NameSpans.Rules.IslamicState);
        Assert.Equal(["ORG IS"], Mentions(d));
    }

    [Fact]
    public void OrganisationNames_OfAndForContinueAnOrganisation()
    {
        Document d = Tokens("The Nuclear Safety Authority of Ruritania met the Supreme Defence Council staff and the Office for Roads and Bridges.");
        Add(d, "Nuclear Safety Authority", "ORG");
        Add(d, "Ruritania", "LOC");
        Add(d, "Supreme Defence", "ORG");
        Add(d, "Council", "ORG");
        Add(d, "Office", "ORG");
        Add(d, "Roads", "ORG");
        Add(d, "Bridges", "ORG");
        NameSpans.Apply(d, 0, NameSpans.Rules.OrganisationNames);
        Assert.Equal(["ORG Nuclear Safety Authority of Ruritania", "ORG Supreme Defence Council", "ORG Office for Roads and Bridges"], Mentions(d));
    }

    [Fact]
    public void DictionaryNamesStay()
    {
        Document d = Tokens("The Ruritanian Army crossed.");
        Add(d, "Ruritanian", "MISC", source: "dictionary");
        NameSpans.Apply(d, 0, NameSpans.Rules.All);
        Assert.Equal(["MISC Ruritanian"], Mentions(d));
    }

    [Fact]
    public void Recognizer_RoyalTitleIsLeftOutOfAPerson()
    {
        var forcer = new PhraseListForcer([("King Hamid", "PER"), ("Prince Edward Island", "LOC")]);
        Pipeline pipeline = new PipelineBuilder().UseTokenizer().UseSentenceSplitter().UsePartOfSpeech().UseEntityRecognizer(forcer: forcer).Build();
        Document d = pipeline.Process("King Hamid flew to Prince Edward Island.");
        Assert.Contains(d.Mentions, m => m.Text == "Hamid" && m.Label == "PER");
        Assert.Contains(d.Mentions, m => m.Text == "Prince Edward Island" && m.Label == "LOC");
    }

    [Fact]
    public void Places_NameAfterCityOf_IsAPlaceEverywhereInTheArticle()
    {
        Document d = Tokens("Rebels took the ancient city of Zenda. Zenda fell. Troops left Zenda.");
        Add(d, "Zenda", "LOC");
        Add(d, "Zenda", "PER", from: 38);
        Add(d, "Zenda", "ORG", from: 60);
        NameSpans.Apply(d, 0, NameSpans.Rules.Places);
        Assert.Equal(["LOC Zenda", "LOC Zenda", "LOC Zenda"], Mentions(d));
    }

    [Fact]
    public void Places_NoPersonsNameEndsInForceOrProvince()
    {
        Document d = Tokens("The Zenda Force deployed in Strelsau Province while Rudolf Rassendyll watched.");
        Add(d, "Zenda Force", "PER");
        Add(d, "Strelsau Province", "ORG");
        Add(d, "Rudolf Rassendyll", "PER");
        NameSpans.Apply(d, 0, NameSpans.Rules.Places);
        Assert.Equal(["ORG Zenda Force", "LOC Strelsau Province", "PER Rudolf Rassendyll"], Mentions(d));
    }

    [Fact]
    public void Bodies_ADepartmentWordInABareTitle_IsNoMention()
    {
        Document d = Tokens("Defense Secretary Rudolf Rassendyll spoke.");
        Add(d, "Defense", "ORG");
        Add(d, "Rudolf Rassendyll", "PER");
        NameSpans.Apply(d, 0, NameSpans.Rules.Bodies);
        Assert.Equal(["PER Rudolf Rassendyll"], Mentions(d));
    }

    [Fact]
    public void OrganisationNames_AModelNameBeforeADictionaryName_AreOneName()
    {
        Document d = Tokens("The Supreme National Security Council met.");
        Add(d, "Supreme National", "ORG");
        Add(d, "Security Council", "ORG", source: "dictionary");
        NameSpans.Apply(d, 0, NameSpans.Rules.OrganisationNames);
        Assert.Equal(["ORG Supreme National Security Council"], Mentions(d));
    }

    [Fact]
    public void Units_ANumberAfterAUnitWordIsPartOfTheName()
    {
        Document d = Tokens("Fighters overran Rifle Battalion 412 and the Joint Task Force 7 base, but not the Western Battalion in 2019.");
        Add(d, "Rifle Battalion", "ORG");
        Add(d, "Joint Task Force", "ORG");
        Add(d, "Western Battalion", "ORG");
        NameSpans.Apply(d, 0, NameSpans.Rules.Units);
        // A year after "in" is no unit number: only a number right after the unit word joins it.
        Assert.Equal(["ORG Rifle Battalion 412", "ORG Joint Task Force 7", "ORG Western Battalion"], Mentions(d));
    }

    [Theory]
    [InlineData("The blast came at 3:52 p.m. (0652 GMT) on Sunday.", "GMT")]
    [InlineData("It landed at 11:00am local time (1600 UTC).", "UTC")]
    public void TimeZones_AZoneAfterAClockTimeIsNoMention(string text, string zone)
    {
        Document d = Tokens(text);
        Add(d, zone, "MISC");
        NameSpans.Apply(d, 0, NameSpans.Rules.TimeZones);
        Assert.Empty(Mentions(d));
    }

    [Fact]
    public void TimeZones_TheSameLettersWithoutATimeStay()
    {
        // Not after a clock time: left to the recognizer (an acronym that happens to read like a zone).
        Document d = Tokens("Officials of the EAT union met CAT officials.");
        Add(d, "EAT", "ORG");
        Add(d, "CAT", "ORG");
        NameSpans.Apply(d, 0, NameSpans.Rules.TimeZones);
        Assert.Equal(["ORG EAT", "ORG CAT"], Mentions(d));
    }
}
