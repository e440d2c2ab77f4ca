using static EntityGraph.Tests.TestHelpers;

namespace EntityGraph.Tests.Text;

public class TokenizerTests
{
    [Fact]
    public void Tokenize_Empty_NoTokens() => AssertTokens("", []);

    [Fact]
    public void Tokenize_WhitespaceOnly_NoTokens() => AssertTokens(" \n\t\u00A0 \r\n", []);

    [Fact]
    public void Tokenize_Words_Offsets() =>
        AssertTokens("ISIS captured  Tal Afar", ["ISIS", "captured", "Tal", "Afar"], [0, 5, 15, 19], [4, 13, 18, 23]);

    [Theory]
    [InlineData("U.S. Embassy", new[] { "U.S.", "Embassy" })]
    [InlineData("Lt Gen Qassim", new[] { "Lt", "Gen", "Qassim" })]
    [InlineData("Gen. Petraeus", new[] { "Gen.", "Petraeus" })]
    [InlineData("Rear Adm. John Kirby", new[] { "Rear", "Adm.", "John", "Kirby" })]
    [InlineData("Mr. Obama", new[] { "Mr.", "Obama" })]
    [InlineData("No. 10 Downing", new[] { "No.", "10", "Downing" })]
    [InlineData("said No. Then", new[] { "said", "No", ".", "Then" })]
    [InlineData("6:20 p.m.: There", new[] { "6:20", "p.m.", ":", "There" })]
    [InlineData("the U.S.", new[] { "the", "U.S." })]
    [InlineData("J. Smith", new[] { "J.", "Smith" })]
    [InlineData("in 2011.", new[] { "in", "2011", "." })]
    public void Tokenize_Abbreviations_KeepPeriod(string text, string[] tokens) => AssertTokens(text, tokens);

    [Theory]
    [InlineData("al-Qaeda", new[] { "al", "-", "Qaeda" })]
    [InlineData("al-Maliki", new[] { "al", "-", "Maliki" })]
    [InlineData("Shiite-led", new[] { "Shiite", "-", "led" })]
    [InlineData("al-Qaida-inspired", new[] { "al", "-", "Qaida", "-", "inspired" })]
    [InlineData("the al-Qaeda-inspired group", new[] { "the", "al", "-", "Qaeda", "-", "inspired", "group" })]
    [InlineData("U.S.-led", new[] { "U.S.", "-", "led" })]
    [InlineData("1996-08-22", new[] { "1996-08-22" })]
    [InlineData("260-mile", new[] { "260", "-", "mile" })]
    [InlineData("pre- and post-war", new[] { "pre", "-", "and", "post", "-", "war" })]
    public void Tokenize_Hyphens_SplitBetweenLetters(string text, string[] tokens) => AssertTokens(text, tokens);

    [Theory]
    [InlineData("Iraq's", new[] { "Iraq", "'s" })]
    [InlineData("Iraq\u2019s", new[] { "Iraq", "\u2019s" })]
    [InlineData("Maliki\u2019s Shiites", new[] { "Maliki", "\u2019s", "Shiites" })]
    [InlineData("countries' leaders", new[] { "countries", "'", "leaders" })]
    [InlineData("won't", new[] { "wo", "n't" })]
    [InlineData("They're", new[] { "They", "'re" })]
    [InlineData("We\u2019re", new[] { "We", "\u2019re" })]
    [InlineData("I'm", new[] { "I", "'m" })]
    [InlineData("they'll", new[] { "they", "'ll" })]
    [InlineData("wouldn't", new[] { "would", "n't" })]
    [InlineData("O'Brien", new[] { "O'Brien" })]
    public void Tokenize_PossessivesAndContractions_SplitClitic(string text, string[] tokens) => AssertTokens(text, tokens);

    [Fact]
    public void Tokenize_Clitic_HasCliticKind()
    {
        Document document = Tokenize("Iraq's");
        Assert.Equal(TokenKind.Clitic, document.Tokens[1].Kind);
    }

    [Theory]
    [InlineData("\"not rule out anything\"", new[] { "\"", "not", "rule", "out", "anything", "\"" })]
    [InlineData("\u201CWe are open,\u201D said", new[] { "\u201C", "We", "are", "open", ",", "\u201D", "said" })]
    [InlineData("\u2018existential\u2019", new[] { "\u2018", "existential", "\u2019" })]
    [InlineData("constructive.\"", new[] { "constructive", ".", "\"" })]
    [InlineData("'liquidation'", new[] { "'", "liquidation", "'" })]
    public void Tokenize_Quotes_Separate(string text, string[] tokens) => AssertTokens(text, tokens);

    [Theory]
    [InlineData("\u2014 Donovan Slack", new[] { "\u2014", "Donovan", "Slack" })]
    [InlineData("Iraq\u2014again", new[] { "Iraq", "\u2014", "again" })]
    [InlineData("2010\u20132014", new[] { "2010", "\u2013", "2014" })]
    [InlineData("war--and", new[] { "war", "--", "and" })]
    public void Tokenize_Dashes_Separate(string text, string[] tokens) => AssertTokens(text, tokens);

    [Theory]
    [InlineData("That...sounded", new[] { "That", "...", "sounded" })]
    [InlineData("Iraq...again.", new[] { "Iraq", "...", "again", "." })]
    [InlineData("wait\u2026", new[] { "wait", "\u2026" })]
    public void Tokenize_Ellipses_Separate(string text, string[] tokens) => AssertTokens(text, tokens);

    [Theory]
    [InlineData("http://t.co/tYCeEMbSEk", new[] { "http://t.co/tYCeEMbSEk" }, TokenKind.Url)]
    [InlineData("at http://www.theguardian.com/world/2014/jun/17/barack-obama-sends-troops.", new[] { "at", "http://www.theguardian.com/world/2014/jun/17/barack-obama-sends-troops", "." }, TokenKind.Url)]
    [InlineData("t.co/x", new[] { "t.co/x" }, TokenKind.Url)]
    [InlineData("(see theguardian.com)", new[] { "(", "see", "theguardian.com", ")" }, TokenKind.Url)]
    [InlineData("(@DonovanSlack)", new[] { "(", "@DonovanSlack", ")" }, TokenKind.Handle)]
    [InlineData("@WSJ", new[] { "@WSJ" }, TokenKind.Handle)]
    [InlineData("#Iraq!", new[] { "#Iraq", "!" }, TokenKind.Hashtag)]
    [InlineData("mail press@example.org.", new[] { "mail", "press@example.org", "." }, TokenKind.Email)]
    public void Tokenize_WebTokens_StayWhole(string text, string[] tokens, TokenKind kind)
    {
        AssertTokens(text, tokens);
        Document document = Tokenize(text);
        Assert.Contains(document.Tokens, t => t.Kind == kind);
    }

    [Theory]
    [InlineData("1,700 Shiite", new[] { "1,700", "Shiite" })]
    [InlineData("2.5 million", new[] { "2.5", "million" })]
    [InlineData("post 9/11 fight", new[] { "post", "9/11", "fight" })]
    [InlineData("200,000 people", new[] { "200,000", "people" })]
    [InlineData("$5.2 billion", new[] { "$", "5.2", "billion" })]
    [InlineData("40% of", new[] { "40", "%", "of" })]
    [InlineData("3:31 p.m.", new[] { "3:31", "p.m." })]
    public void Tokenize_Numbers_StayWhole(string text, string[] tokens)
    {
        AssertTokens(text, tokens);
        Assert.Contains(Tokenize(text).Tokens, t => t.Kind == TokenKind.Number);
    }

    [Theory]
    [InlineData("\"P5+1\".", new[] { "\"", "P5+1", "\"", "." })]
    [InlineData("Yahoo! News", new[] { "Yahoo!", "News" })]
    [InlineData("Wow! News", new[] { "Wow", "!", "News" })]
    [InlineData("AT&T", new[] { "AT&T" })]
    public void Tokenize_NamesWithSymbols_StayWhole(string text, string[] tokens) => AssertTokens(text, tokens);

    [Theory]
    [InlineData("(surreally) likening", new[] { "(", "surreally", ")", "likening" })]
    [InlineData("[the Department of Defense]", new[] { "[", "the", "Department", "of", "Defense", "]" })]
    [InlineData("(Benghazi)", new[] { "(", "Benghazi", ")" })]
    [InlineData("Iraq, Syria; Iran?", new[] { "Iraq", ",", "Syria", ";", "Iran", "?" })]
    public void Tokenize_Brackets_Separate(string text, string[] tokens) => AssertTokens(text, tokens);

    [Theory]
    [InlineData("insurgency.The US", new[] { "insurgency", ".", "The", "US" })]
    [InlineData("relationship.\"Additional", new[] { "relationship", ".", "\"", "Additional" })]
    [InlineData("fighting.While Obama", new[] { "fighting", ".", "While", "Obama" })]
    public void Tokenize_RunTogetherSentences_SplitAtPeriod(string text, string[] tokens) => AssertTokens(text, tokens);

    [Fact]
    public void Tokenize_NonBmpAndControl_NeverLosesCharacters()
    {
        Document document = Tokenize("Iraq\U0001F600ok \u0001x \uFFFDz");
        AssertInvariants(document);
        Assert.Equal(string.Concat("Iraq\U0001F600ok \u0001x \uFFFDz".Where(c => !char.IsWhiteSpace(c))),
            string.Concat(document.Tokens.Select(t => t.ToString())));
    }

    [Fact]
    public void Tokenize_SeedArticles_KeepInvariants()
    {
        foreach (string file in Directory.GetFiles(SeedCorpus, "*.txt"))
        {
            Document document = Tokenize(File.ReadAllText(file));
            AssertInvariants(document);
            Assert.True(document.Tokens.Count > 500, file);
        }
    }
}
