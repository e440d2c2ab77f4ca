using EntityGraph.Aliases;
using EntityGraph.Entities;
using EntityGraph.Tests.Cli;

namespace EntityGraph.Tests.Aliases;

public class AliasForcerTests
{
    private const string Yaml = """
        entities:
          - id: islamic_state
            name: Islamic State
            type: ORG
            force: true
            acronyms: [ISIS, {text: Isis, case_sensitive: true}]
          - id: guardian
            name: Guardian
            type: ORG
            force: true
            aliases: [The Guardian]
          - id: iran
            name: Iran
            type: LOC
            demonyms: [Iranian]
          - id: tal_afar
            name: Tal Afar
            type: LOC
        """;

    private static List<string> Forced(string text)
    {
        var forcer = new AliasForcer(AliasDictionary.Parse(("forced.yaml", Yaml)));
        Document document = new PipelineBuilder().UseTokenizer().UseSentenceSplitter().Build().Process(text);
        var spans = new List<ForcedSpan>();
        forcer.FindSpans(document, 0, document.Tokens.Count, spans);
        return spans.Select(s => $"{s.Label} {document.Tokens[s.FirstToken].Start}:{document.Text[document.Tokens[s.FirstToken].Start..document.Tokens[s.FirstToken + s.TokenCount - 1].End]}").ToList();
    }

    [Fact]
    public void FindSpans_ForcedEntries_CaseSensitiveNamesAndAcronyms() =>
        Assert.Equal(["ORG 0:ISIS", "ORG 11:Isis", "ORG 24:Islamic State"], Forced("ISIS, then Isis and the Islamic State, not isis."));

    [Fact]
    public void FindSpans_UnforcedEntriesAndDemonyms_NotForced() =>
        Assert.Empty(Forced("Iranian officials reached Tal Afar."));

    [Fact]
    public void FindSpans_FormWithDeterminer_NotForced() =>
        Assert.Equal(["ORG 4:Guardian"], Forced("The Guardian said so."));

    internal const string UserYaml = """
        entities:
          - id: acme_widgets
            name: acme widgets
            type: ORG
            force: true
        """;

    internal const string UserText = "The deal was signed by acme widgets on Monday.";

    /// <summary>Issue 19, item 7: force: true in a user's file had no effect in the default pipeline.</summary>
    [Fact]
    public void UseAliasResolverWithUserDictionary_ForcesItsEntries()
    {
        Assert.DoesNotContain(EntityGraph.Pipeline.CreateDefault().Process(UserText).Mentions, m => m.Text == "acme widgets");
        using var temp = new TempFolder();
        AliasDictionary dictionary = AliasDictionary.LoadDefault(temp.File("user.yaml", UserYaml));
        EntityGraph.Pipeline pipeline = new PipelineBuilder().UseDefaults().UseAliasResolver(new AliasResolverOptions { Dictionary = dictionary }).Build();
        Document document = pipeline.Process(UserText);
        Mention mention = Assert.Single(document.Mentions, m => m.Text == "acme widgets");
        Assert.Equal(("ORG", "dictionary", "acme_widgets"), (mention.Label, mention.Source, document.Entities[mention.EntityIndex].Id));
        // The defaults' forced names stay forced: LoadDefault holds them.
        Assert.Contains(pipeline.Process("Isis fighters fired rockets.").Mentions, m => m.Text == "Isis" && m.Source == "dictionary");
    }

    [Fact]
    public void DefaultPipeline_ForcesCuratedNames()
    {
        Document document = EntityGraph.Pipeline.CreateDefault().Process("Isis fighters were firing rockets, the Pentagon said.");
        Assert.Contains(document.Mentions, m => m.Text == "Isis" && m.Label == "ORG" && m.Source == "dictionary");
        Assert.Contains(document.Mentions, m => m.Text == "Pentagon" && m.Label == "ORG");
    }

    [Theory]
    [InlineData("Sub-Saharan Africa needs more vaccines.", "Sub-Saharan Africa")]
    [InlineData("Central America saw record migration.", "Central America")]
    [InlineData("Latin America's largest economy slowed.", "Latin America")]
    [InlineData("Central Asia is a growing market for Chinese goods.", "Central Asia")]
    public void DefaultPipeline_WorldRegionsArePlaces(string text, string region)
    {
        Document document = EntityGraph.Pipeline.CreateDefault().Process(text);
        Assert.Contains(document.Mentions, m => m.Text == region && m.Label == "LOC");
    }

    [Fact]
    public void Read_ForceNotABoolean_ErrorWithLineAndColumn()
    {
        var ex = Assert.ThrowsAny<Exception>(() => AliasDictionary.Parse(("bad.yaml", "entities:\n  - id: x\n    name: X\n    type: ORG\n    force: maybe\n")));
        Assert.Contains("bad.yaml:5:", ex.Message, StringComparison.Ordinal);
    }
}
