using EntityGraph.Entities;

namespace EntityGraph.Tests.Entities;

public class DocumentConsistencyTests
{
    private static Document Tokens(string text) => new PipelineBuilder().UseTokenizer().UseSentenceSplitter().Build().Process(text);

    /// <summary>Adds a model mention over the first occurrence (from <paramref name="from"/>) of <paramref name="text"/>.</summary>
    private static void Add(Document d, string text, string label, double confidence = 0.9, int from = 0, string source = "model")
    {
        int start = d.Text.IndexOf(text, from, StringComparison.Ordinal);
        int first = d.TokenIndexAt(start), last = d.TokenIndexAt(start + text.Length - 1);
        d.AddMention(first, last - first + 1, label, source, confidence);
    }

    private static string[] Mentions(Document d) => [.. d.Mentions.Select(m => m.Label + " " + m.Text)];

    private static void Apply(Document d, DocumentConsistency.Rules rules) =>
        DocumentConsistency.Apply(d, 0, EntityRecognizerModel.Default, rules);

    [Fact]
    public void Hyphens_NameBeforeALowerCaseWord_IsTheNameWithItsTypeInTheArticle()
    {
        Document d = Tokens("The UN-backed council met. The UN said so.");
        Add(d, "UN-backed", "MISC");
        Add(d, "UN", "ORG", from: 20);
        Apply(d, DocumentConsistency.Rules.Hyphens);
        Assert.Equal(["ORG UN", "ORG UN"], Mentions(d));
    }

    [Fact]
    public void Hyphens_UnknownTail_StaysOneName()
    {
        // "jeou" is not a word the recognizer's cluster text knows: part of a name, not a modifier.
        Document d = Tokens("Ma Ying-jeou arrived.");
        Add(d, "Ma Ying-jeou", "PER");
        Apply(d, DocumentConsistency.Rules.Hyphens);
        Assert.Equal(["PER Ma Ying-jeou"], Mentions(d));
    }

    [Fact]
    public void Hyphens_TwoNamesTheArticleGivesApart_AreSplit()
    {
        Document d = Tokens("The Gaza-Egypt border was shut. Gaza waited while Egypt talked.");
        Add(d, "Gaza-Egypt", "MISC");
        Add(d, "Gaza", "LOC", from: 30);
        Add(d, "Egypt", "LOC", from: 45);
        Apply(d, DocumentConsistency.Rules.Hyphens);
        Assert.Equal(["LOC Gaza", "LOC Egypt", "LOC Gaza", "LOC Egypt"], Mentions(d));
    }

    [Fact]
    public void Hyphens_TwoNamesNotGivenApart_StayOneName()
    {
        Document d = Tokens("An Arleigh-Burke destroyer sailed.");
        Add(d, "Arleigh-Burke", "MISC");
        Apply(d, DocumentConsistency.Rules.Hyphens);
        Assert.Equal(["MISC Arleigh-Burke"], Mentions(d));
    }

    [Fact]
    public void NameParts_SurnameOfAPersonInTheArticle_IsThatPerson()
    {
        Document d = Tokens("Defense Secretary Lloyd Austin spoke on Monday. Austin said the ships had sailed.");
        Add(d, "Lloyd Austin", "PER");
        Add(d, "Austin", "LOC", from: 40);
        Apply(d, DocumentConsistency.Rules.NameParts);
        Assert.Equal(["PER Lloyd Austin", "PER Austin"], Mentions(d));
    }

    [Fact]
    public void NameParts_DictionaryNamesAndMiddleWordsStay()
    {
        Document d = Tokens("John Paul Jones spoke. Paul met him in Jones.");
        Add(d, "John Paul Jones", "PER");
        Add(d, "Paul", "LOC", from: 20);
        Add(d, "Jones", "LOC", from: 30, source: "dictionary");
        Apply(d, DocumentConsistency.Rules.NameParts);
        Assert.Equal(["PER John Paul Jones", "LOC Paul", "LOC Jones"], Mentions(d));
    }

    [Fact]
    public void Votes_ClearMajority_WinsAndACloseCallStays()
    {
        Document d = Tokens("Tikrit fell. Forces entered Tikrit. Tikrit is calm. Texas beat Ohio. Texas is large.");
        Add(d, "Tikrit", "MISC", 0.8);
        Add(d, "Tikrit", "LOC", 0.95, from: 10);
        Add(d, "Tikrit", "LOC", 0.9, from: 30);
        Add(d, "Texas", "ORG", 0.95);
        Add(d, "Texas", "LOC", 0.95, from: 60);
        Apply(d, DocumentConsistency.Rules.Votes);
        Assert.Equal(["LOC Tikrit", "LOC Tikrit", "LOC Tikrit", "ORG Texas", "LOC Texas"], Mentions(d));
    }

    [Fact]
    public void Hyphens_AKnownWordThatIsNoModifierSuffix_StaysInTheName()
    {
        // "moon" is a common word, but "-moon" is no modifier suffix like "-led" or "-based".
        Document d = Tokens("Ban Ki-moon arrived.");
        Add(d, "Ban Ki-moon", "PER");
        Apply(d, DocumentConsistency.Rules.Hyphens);
        Assert.Equal(["PER Ban Ki-moon"], Mentions(d));
    }

    [Fact]
    public void NameParts_AnAcronymIsNoPartOfAPersonsName()
    {
        Document d = Tokens("Kim Jong Un spoke. The UN answered.");
        Add(d, "Kim Jong Un", "PER");
        Add(d, "UN", "ORG", from: 18);
        Apply(d, DocumentConsistency.Rules.NameParts);
        Assert.Equal(["PER Kim Jong Un", "ORG UN"], Mentions(d));
    }
}
