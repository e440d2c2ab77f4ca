using EntityGraph.Aliases;
using static EntityGraph.Tests.Aliases.AliasTestDocuments;

namespace EntityGraph.Tests.Aliases;

public class AliasResolverTests
{
    private static readonly AliasResolver Test = TestResolver();

    [Fact]
    public void Resolve_AcronymDefinition_LinksUnknownAcronymToItsFullName()
    {
        Document doc = Resolve(EmptyResolver(),
            "The Free Syrian Army (FSA) said on Monday that the FSA had withdrawn.",
            ("Free Syrian Army", "ORG"), ("FSA", "ORG"), ("FSA", "ORG"));
        Assert.True(SameEntity(doc, "Free Syrian Army", "FSA"));
        Assert.Equal(LinkReasons.Acronym, M(doc, "FSA").LinkReason);
        Assert.Equal(LinkReasons.Exact, M(doc, "FSA", 1).LinkReason);
        Assert.Equal(doc.Entities[M(doc, "FSA", 1).EntityIndex], EntityOf(doc, "Free Syrian Army"));
        Assert.Equal("Free Syrian Army", EntityOf(doc, "FSA").CanonicalName);
        Assert.Equal("free_syrian_army.org", EntityOf(doc, "FSA").Id);
    }

    [Fact]
    public void Resolve_AcronymDefinition_KnownAcronymPullsInAnUnlistedFullName()
    {
        Document doc = Resolve(Test,
            "Fighters of the Islamic State in Iraq and the Levant (Isis) advanced.",
            ("Islamic State in Iraq and the Levant", "ORG"), ("Isis", "ORG"));
        Assert.Equal("islamic_state", EntityOf(doc, "Islamic State in Iraq and the Levant").Id);
        Assert.Equal(LinkReasons.Acronym, M(doc, "Islamic State in Iraq and the Levant").LinkReason);
        Assert.Equal(LinkReasons.Dictionary, M(doc, "Isis").LinkReason);
    }

    [Fact]
    public void Resolve_CountryAcronymTaggedMisc_LinksToTheCountryAndKeepsItsTag()
    {
        // The recognizer tags "US" in "the US secretary of state" MISC now and then: it is still the United States.
        Document doc = Resolve(Test, "John Kerry, the US secretary of state, spoke.", ("US", "MISC"));
        Document lower = Resolve(Test, "The us delegation left.", ("us", "MISC"));
        Assert.Equal("united_states", EntityOf(doc, "US").Id);
        Assert.Equal("MISC", M(doc, "US").Label);
        // Only a case-exact acronym: the lower-case word is not taken for the country.
        Assert.NotEqual("united_states", EntityOf(lower, "us").Id);
    }

    [Fact]
    public void Resolve_CountryTaggedOrg_BecomesLoc_ACityTaggedOrgStaysOrg()
    {
        // "a US official": the guidelines tag a country LOC in every use; the recognizer sometimes says ORG. A city
        // has no demonym in the dictionary and keeps the recognizer's ORG (a club named after its city is an ORG).
        Document doc = Resolve(Test, "A US official said Vienna had beaten Baghdad.", ("US", "ORG"), ("Vienna", "ORG"), ("Baghdad", "LOC"));
        Assert.Equal("LOC", M(doc, "US").Label);
        Assert.Equal("united_states", EntityOf(doc, "US").Id);
        Assert.Equal("ORG", M(doc, "Vienna").Label);
        Assert.Equal("LOC", M(doc, "Baghdad").Label);
    }

    [Fact]
    public void Resolve_AcronymThatDoesNotMatchTheInitials_StaysApart()
    {
        Document doc = Resolve(EmptyResolver(), "The Free Syrian Army (XYZ) said so.", ("Free Syrian Army", "ORG"), ("XYZ", "ORG"));
        Assert.False(SameEntity(doc, "Free Syrian Army", "XYZ"));
    }

    [Fact]
    public void Resolve_ShortFormOfPersonName_LinksToFullName()
    {
        Document doc = Resolve(EmptyResolver(),
            "President Barack Obama spoke. Later Obama met Nouri al-Maliki, and Maliki agreed. Michelle Obama was absent.",
            ("Barack Obama", "PER"), ("Obama", "PER"), ("Nouri al-Maliki", "PER"), ("Maliki", "PER"), ("Michelle Obama", "PER"));
        Assert.True(SameEntity(doc, "Obama", "Barack Obama"));
        Assert.Equal(LinkReasons.NamePart, M(doc, "Obama").LinkReason);
        Assert.True(SameEntity(doc, "Maliki", "Nouri al-Maliki"));
        Assert.Equal(LinkReasons.NamePart, M(doc, "Maliki").LinkReason);
        Assert.Equal("Nouri al-Maliki", EntityOf(doc, "Maliki").CanonicalName);
        Assert.False(SameEntity(doc, "Michelle Obama", "Barack Obama"));
        Assert.Equal("Nouri al-Maliki", M(doc, "Nouri al-Maliki").Text);
    }

    [Fact]
    public void Resolve_ShortFormBeforeTheFullName_StillLinks()
    {
        Document doc = Resolve(EmptyResolver(), "Kerry arrived. Secretary of State John Kerry said.", ("Kerry", "PER"), ("John Kerry", "PER"));
        Assert.True(SameEntity(doc, "Kerry", "John Kerry"));
    }

    [Fact]
    public void Resolve_NamePartNeedsAPerson()
    {
        Document doc = Resolve(EmptyResolver(), "Jordan Smith visited Jordan.", ("Jordan Smith", "PER"), ("Jordan", "LOC"));
        Assert.False(SameEntity(doc, "Jordan", "Jordan Smith"));
    }

    [Fact]
    public void Resolve_CaseVariantsOfOneType_Link()
    {
        Document doc = Resolve(EmptyResolver(), "HAMAS said. Hamas fighters and hamas supporters.", ("HAMAS", "ORG"), ("Hamas", "ORG"), ("hamas", "ORG"));
        Assert.True(SameEntity(doc, "HAMAS", "Hamas"));
        Assert.True(SameEntity(doc, "hamas", "Hamas"));
        Assert.Equal(LinkReasons.Case, M(doc, "Hamas").LinkReason);
    }

    [Fact]
    public void Resolve_CaseVariantsOfDifferentTypes_StayApart()
    {
        Document doc = Resolve(EmptyResolver(), "ISIS attacked. Isis was a goddess.", ("ISIS", "ORG"), ("Isis", "PER"));
        Assert.False(SameEntity(doc, "ISIS", "Isis"));
    }

    [Fact]
    public void Resolve_CaseSensitiveDictionaryForms()
    {
        Document doc = Resolve(Test, "ISIS and Isis fighters; ISIL too.", ("ISIS", "ORG"), ("Isis", "ORG"), ("ISIL", "ORG"));
        Assert.Equal("islamic_state", EntityOf(doc, "ISIS").Id);
        Assert.True(SameEntity(doc, "ISIS", "Isis"));
        Assert.True(SameEntity(doc, "ISIS", "ISIL"));
        Assert.All(doc.Mentions, m => Assert.Equal(LinkReasons.Dictionary, m.LinkReason));
    }

    [Fact]
    public void Resolve_FuzzyTransliterationVariants()
    {
        Document doc = Resolve(EmptyResolver(),
            "Tal Afar fell. Residents of Tel Afar and Telafer fled.",
            ("Tal Afar", "LOC"), ("Tel Afar", "LOC"), ("Telafer", "LOC"));
        Assert.True(SameEntity(doc, "Tal Afar", "Tel Afar"));
        Assert.True(SameEntity(doc, "Tal Afar", "Telafer"));
        Assert.Equal(LinkReasons.Fuzzy, M(doc, "Tel Afar").LinkReason);
        Assert.InRange(M(doc, "Tel Afar").LinkScore, 0.85, 1.0);
        Assert.Equal(LinkReasons.Fuzzy, M(doc, "Telafer").LinkReason);
    }

    [Fact]
    public void Resolve_FuzzyPersonNameSpellings()
    {
        Document doc = Resolve(EmptyResolver(), "Nuri al-Maliki spoke. Nouri al-Maliki later added.", ("Nuri al-Maliki", "PER"), ("Nouri al-Maliki", "PER"));
        Assert.True(SameEntity(doc, "Nuri al-Maliki", "Nouri al-Maliki"));
        Assert.Equal(LinkReasons.Fuzzy, M(doc, "Nouri al-Maliki").LinkReason);
    }

    [Fact]
    public void Resolve_FuzzyNeedsTypeAgreementAndTheThreshold()
    {
        Document doc = Resolve(EmptyResolver(),
            "John Kerry met John Kirby. Tal Afar and the Tel Afar Brigade.",
            ("John Kerry", "PER"), ("John Kirby", "PER"), ("Tal Afar", "LOC"), ("Tel Afar Brigade", "ORG"));
        Assert.False(SameEntity(doc, "John Kerry", "John Kirby"));
        Assert.False(SameEntity(doc, "Tal Afar", "Tel Afar Brigade"));
        var strict = new AliasResolver(new AliasResolverOptions { Dictionary = AliasDictionary.Empty, FuzzyThreshold = 0.99, SkeletonFuzzyThreshold = 0.99 });
        doc = Resolve(strict, "Tal Afar fell. Tel Afar fled.", ("Tal Afar", "LOC"), ("Tel Afar", "LOC"));
        Assert.False(SameEntity(doc, "Tal Afar", "Tel Afar"));
    }

    [Fact]
    public void Resolve_FuzzyAgainstTheDictionaryUsesSkeletonBuckets()
    {
        AliasResolver resolver = TestResolver("entities:\n  - id: tal_afar\n    name: Tal Afar\n    type: LOC\n");
        Document doc = Resolve(resolver, "Residents of Telafer fled.", ("Telafer", "LOC"));
        Assert.Equal("tal_afar", EntityOf(doc, "Telafer").Id);
        Assert.Equal(LinkReasons.Fuzzy, M(doc, "Telafer").LinkReason);
    }

    [Theory]
    [InlineData("", "palmira")]
    [InlineData("min_fuzzy_ratio: 0.9\n", null)]
    public void Resolve_FuzzyToADictionaryWithMinFuzzyRatio_NeedsMoreThanANearSpelling(string fileKey, string? linked)
    {
        // Palmyra and Palmira are 0.86 alike: enough for the resolver's own threshold, not for a gazetteer's 0.9.
        AliasResolver resolver = TestResolver(fileKey + "entities:\n  - id: palmira\n    name: Palmira\n    type: LOC\n");
        Document doc = Resolve(resolver, "Fighters retook Palmyra on Sunday.", ("Palmyra", "LOC"));
        Assert.Equal(linked, EntityOf(doc, "Palmyra").Id == "palmira" ? "palmira" : null);
        // A closer spelling (0.92) still links to the same file's entity.
        doc = Resolve(resolver, "Fighters retook Palmirra on Sunday.", ("Palmirra", "LOC"));
        Assert.Equal("palmira", EntityOf(doc, "Palmirra").Id);
        Assert.Equal(LinkReasons.Fuzzy, M(doc, "Palmirra").LinkReason);
    }

    [Fact]
    public void Resolve_DemonymGoesToTheCountry_ReligiousAdjectiveStaysItsOwn()
    {
        Document doc = Resolve(Test,
            "Iranian officials met Iraqi and Shiite leaders in Iran. Iranians cheered.",
            ("Iranian", "MISC"), ("Iraqi", "MISC"), ("Shiite", "MISC"), ("Iran", "LOC"), ("Iranians", "MISC"));
        Assert.Equal("iran", EntityOf(doc, "Iranian").Id);
        Assert.Equal("LOC", EntityOf(doc, "Iranian").Type);
        Assert.Equal("MISC", M(doc, "Iranian").Label);
        Assert.Equal(LinkReasons.Demonym, M(doc, "Iranian").LinkReason);
        Assert.True(SameEntity(doc, "Iranian", "Iran"));
        Assert.True(SameEntity(doc, "Iranians", "Iran"));
        Assert.Equal("iraq", EntityOf(doc, "Iraqi").Id);
        Assert.Equal("shia", EntityOf(doc, "Shiite").Id);
        Assert.Equal("MISC", EntityOf(doc, "Shiite").Type);
    }

    [Fact]
    public void Resolve_UnknownReligiousAdjective_IsItsOwnMiscEntity()
    {
        Document doc = Resolve(Test, "Sunni tribes and Iranian envoys.", ("Sunni", "MISC"), ("Iranian", "MISC"));
        Assert.Equal("MISC", EntityOf(doc, "Sunni").Type);
        Assert.Equal("sunni.misc", EntityOf(doc, "Sunni").Id);
        Assert.False(SameEntity(doc, "Sunni", "Iranian"));
    }

    [Theory]
    [InlineData("Washington said on Monday it would help.", "Washington", "united_states", LinkReasons.Metonym)]
    [InlineData("Washington has dispatched officials.", "Washington", "united_states", LinkReasons.Metonym)]
    [InlineData("Talks in Vienna resumed.", "Vienna", "vienna", LinkReasons.Dictionary)]
    [InlineData("The embassy in Baghdad was reinforced.", "Baghdad", "baghdad", LinkReasons.Dictionary)]
    [InlineData("Residents of Baghdad slept.", "Baghdad", "baghdad", LinkReasons.Dictionary)]
    [InlineData("He would not cooperate with Tehran.", "Tehran", "iran", LinkReasons.Metonym)]
    [InlineData("The force was sent as Baghdad struggles to repel the insurgency.", "Baghdad", "iraq", LinkReasons.Metonym)]
    [InlineData("The rebels warned Tehran on Friday.", "Tehran", "iran", LinkReasons.Metonym)]
    [InlineData("The envoy urged Washington to act.", "Washington", "united_states", LinkReasons.Metonym)]
    [InlineData("The Baghdad government denied it.", "Baghdad", "iraq", LinkReasons.Metonym)]
    [InlineData("Shelling hit Baghdad overnight.", "Baghdad", "baghdad", LinkReasons.Dictionary)]
    public void Resolve_CapitalIsTheGovernmentOnlyAsAnActor(string text, string capital, string id, string reason)
    {
        Document doc = Resolve(Test, text, (capital, "LOC"));
        Assert.Equal(id, EntityOf(doc, capital).Id);
        Assert.Equal(reason, M(doc, capital).LinkReason);
    }

    [Fact]
    public void Resolve_CompanyWithAndWithoutCompanyWords_IsOneOrganisation()
    {
        Document doc = Resolve(EmptyResolver(), "Orvane Motors opened a plant in March. Orvane said it would hire 900 people.",
            ("Orvane Motors", "ORG"), ("Orvane", "ORG"));
        Assert.True(SameEntity(doc, "Orvane Motors", "Orvane"));
        Assert.Equal(LinkReasons.NamePart, M(doc, "Orvane").LinkReason);

        // The short name known to a dictionary, the long one not: the long one joins it.
        AliasResolver resolver = TestResolver("entities:\n  - id: talvik\n    name: Talvik\n    type: ORG\n");
        doc = Resolve(resolver, "Talvik said that Talvik Holdings Ltd would expand.", ("Talvik", "ORG"), ("Talvik Holdings Ltd", "ORG"));
        Assert.Equal("talvik", EntityOf(doc, "Talvik Holdings Ltd").Id);

        // Only company words go: "Orvane Bank" is not Orvane.
        doc = Resolve(EmptyResolver(), "Orvane Bank lent Orvane the money.", ("Orvane Bank", "ORG"), ("Orvane", "ORG"));
        Assert.False(SameEntity(doc, "Orvane Bank", "Orvane"));
    }

    [Fact]
    public void Resolve_AdjectiveOfAPlaceTheArticleNames_IsThePlace()
    {
        Document doc = Resolve(EmptyResolver(), "Fighting spread across Varnistan. Varnistani forces and Tolmayan militias withdrew from Tolmay.",
            ("Varnistan", "LOC"), ("Varnistani", "MISC"), ("Tolmayan", "MISC"), ("Tolmay", "LOC"));
        Assert.True(SameEntity(doc, "Varnistani", "Varnistan"));
        Assert.Equal(LinkReasons.Demonym, M(doc, "Varnistani").LinkReason);
        Assert.Equal("MISC", M(doc, "Varnistani").Label);
        Assert.Equal("LOC", EntityOf(doc, "Varnistani").Type);
        // The place may come later in the text.
        Assert.True(SameEntity(doc, "Tolmayan", "Tolmay"));
        Assert.Equal(LinkReasons.New, M(doc, "Tolmay").LinkReason);

        // No such place in the article: the adjective is its own entity.
        doc = Resolve(EmptyResolver(), "Roman engineers built the bridge.", ("Roman", "MISC"));
        Assert.Equal(LinkReasons.New, M(doc, "Roman").LinkReason);
    }

    [Fact]
    public void Resolve_CapitalsBetweenXAndY_AreBothGovernments()
    {
        Document doc = Resolve(Test, "Relations between Washington and Tehran improved, but talks in Vienna and Baghdad stalled.",
            ("Washington", "LOC"), ("Tehran", "LOC"), ("Vienna", "LOC"), ("Baghdad", "LOC"));
        Assert.Equal("united_states", EntityOf(doc, "Washington").Id);
        Assert.Equal("iran", EntityOf(doc, "Tehran").Id);
        Assert.InRange(M(doc, "Tehran").LinkScore, 0.85, 1.0);
        Assert.Equal("vienna", EntityOf(doc, "Vienna").Id);
        Assert.Equal("baghdad", EntityOf(doc, "Baghdad").Id);
    }

    [Fact]
    public void Resolve_AllFormsOfTheUnitedStates_AreOneEntity()
    {
        Document doc = Resolve(Test, "US troops, U.S. officials, the United States and American diplomats; the USA.",
            ("US", "LOC"), ("U.S.", "LOC"), ("United States", "LOC"), ("American", "MISC"), ("USA", "LOC"));
        Entity us = EntityOf(doc, "US");
        Assert.Equal("united_states", us.Id);
        Assert.Equal("United States", us.CanonicalName);
        Assert.Equal(5, us.MentionIndices.Count);
        Assert.Single(doc.Entities);
    }

    [Fact]
    public void Resolve_OrganisationsNamedAfterTheCountry_Meet()
    {
        Document doc = Resolve(Test, "The American Embassy said the US Embassy would stay.", ("American Embassy", "ORG"), ("US Embassy", "ORG"));
        Assert.True(SameEntity(doc, "American Embassy", "US Embassy"));
    }

    [Fact]
    public void Resolve_EveryMentionGetsAnEntityReasonAndScore()
    {
        Document doc = Resolve(Test, "ISIS took Mosul. Isis fighters left Mosul for Tal Afar.",
            ("ISIS", "ORG"), ("Mosul", "LOC"), ("Isis", "ORG"), ("Mosul", "LOC"), ("Tal Afar", "LOC"));
        foreach (Mention m in doc.Mentions)
        {
            Assert.InRange(m.EntityIndex, 0, doc.Entities.Count - 1);
            Assert.NotNull(m.LinkReason);
            Assert.InRange(m.LinkScore, 0.5, 1.0);
            Assert.Contains(m.Index, doc.Entities[m.EntityIndex].MentionIndices);
        }
        Assert.Equal(LinkReasons.New, M(doc, "Mosul").LinkReason);
        Assert.Equal(LinkReasons.Exact, M(doc, "Mosul", 1).LinkReason);
        Assert.Equal(3, doc.Entities.Count);
    }

    [Fact]
    public void Resolve_TwiceThrows()
    {
        Document doc = Resolve(Test, "Iran spoke.", ("Iran", "LOC"));
        Assert.Throws<InvalidOperationException>(() => Test.Resolve(doc));
    }

    [Fact]
    public void Resolve_NoMentions_NoEntities()
    {
        Document doc = Resolve(Test, "Nothing here.");
        Assert.Empty(doc.Entities);
    }

    [Fact]
    public void DeterministicId_IsNormalisedNameAndType()
    {
        Assert.Equal("john_mccain.per", AliasResolver.DeterministicId("John  McCain", "PER"));
        Assert.Equal("nouri_al_maliki.per", AliasResolver.DeterministicId("Nouri al-Maliki", "PER"));
        Assert.Equal("p5_plus_1.org", AliasResolver.DeterministicId("P5+1", "ORG"));
    }

    [Fact]
    public void Pipeline_UseAliasResolver_AssignsEntities()
    {
        Pipeline pipeline = new PipelineBuilder().UseTokenizer().UseSentenceSplitter().Use(new MentionsFromCapitals()).UseAliasResolver(new AliasResolverOptions { Dictionary = AliasDictionary.Parse(("t.yaml", TestYaml)) }).Build();
        Document doc = pipeline.Process("Iran and Iraq.");
        Assert.True(doc.Annotations.HasFlag(Annotations.Entities));
        Assert.Equal(["iran", "iraq"], doc.Entities.Select(e => e.Id));
    }

    [Fact]
    public void Pipeline_Defaults_ResolveAfterTheRecognizer()
    {
        Pipeline pipeline = Pipeline.CreateDefault();
        int resolver = pipeline.Stages.IndexOf(pipeline.Stages.Single(s => s is AliasResolverStage));
        int recognizer = pipeline.Stages.IndexOf(pipeline.Stages.Single(s => s is EntityGraph.Entities.EntityRecognizerStage));
        Assert.True(resolver > recognizer);
        // Without any stage that assigns mentions, the default resolver is left out rather than failing the build.
        Pipeline textOnly = new PipelineBuilder().UseTokenizer().UseSentenceSplitter().UseDefaultAliasResolver().Build();
        Assert.DoesNotContain(textOnly.Stages, s => s is AliasResolverStage);
        Pipeline withMentions = new PipelineBuilder().UseTokenizer().Use(new MentionsFromCapitals()).UseDefaultAliasResolver().Build();
        Assert.Contains(withMentions.Stages, s => s is AliasResolverStage);
    }

    [Fact]
    public void Pipeline_ResolverBeforeMentions_FailsToBuild()
    {
        Assert.Throws<InvalidOperationException>(() => new PipelineBuilder().UseTokenizer().UseAliasResolver().Build());
    }

    [Fact]
    public void Resolve_SharedResolverInParallel_GivesTheSerialOutput()
    {
        AliasResolver resolver = new();
        string[] texts =
        [
            "Barack Obama said ISIS fighters had taken Tal Afar. Obama and Isis and Tel Afar.",
            "Relations between Washington and Tehran. Iranian officials met US envoys in Vienna.",
            "Nouri al-Maliki said Maliki and Nuri al-Maliki are one. The Islamic State of Iraq and the Levant (ISIL) grew.",
        ];
        (string, string)[][] marks =
        [
            [("Barack Obama", "PER"), ("ISIS", "ORG"), ("Tal Afar", "LOC"), ("Obama", "PER"), ("Isis", "ORG"), ("Tel Afar", "LOC")],
            [("Washington", "LOC"), ("Tehran", "LOC"), ("Iranian", "MISC"), ("US", "LOC"), ("Vienna", "LOC")],
            [("Nouri al-Maliki", "PER"), ("Maliki", "PER"), ("Nuri al-Maliki", "PER"), ("Islamic State of Iraq and the Levant", "ORG"), ("ISIL", "ORG")],
        ];
        static string Describe(Document d) => string.Join("|", d.Mentions.Select(m => $"{m.Text}>{d.Entities[m.EntityIndex].Id}:{m.LinkReason}:{m.LinkScore:F3}"));
        string[] serial = new string[texts.Length];
        for (int i = 0; i < texts.Length; i++)
            serial[i] = Describe(Resolve(resolver, texts[i], marks[i]));
        Document[] docs = new Document[300];
        for (int i = 0; i < docs.Length; i++)
            docs[i] = Build(texts[i % texts.Length], marks[i % texts.Length]);
        Parallel.For(0, docs.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => resolver.Resolve(docs[i]));
        for (int i = 0; i < docs.Length; i++)
            Assert.Equal(serial[i % texts.Length], Describe(docs[i]));
        Assert.Contains("Tel Afar>", serial[0], StringComparison.Ordinal);
        Assert.Contains("Washington>united_states:metonym", serial[1], StringComparison.Ordinal);
    }

    /// <summary>A stand-in recognizer for pipeline tests: every capitalised word is a LOC.</summary>
    private sealed class MentionsFromCapitals : PipelineStage
    {
        public override string Name => "capitals";
        public override Annotations Requires => Annotations.Tokens;
        public override Annotations Assigns => Annotations.Mentions;

        public override void Process(Document document, CancellationToken cancellationToken)
        {
            for (int i = 0; i < document.Tokens.Count; i++)
            {
                if (char.IsUpper(document.Tokens[i].Text[0]))
                    document.AddMention(i, 1, "LOC");
            }
        }
    }
}
