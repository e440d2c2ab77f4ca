using EntityGraph.Aliases;

namespace EntityGraph.Tests.Aliases;

public class AliasDictionaryTests
{
    private static AliasDictionaryException Fails(string yaml, string file = "bad.yaml") =>
        Assert.Throws<AliasDictionaryException>(() => AliasDictionary.Parse((file, yaml)));

    [Theory]
    [InlineData("min_fuzzy_ratio: high\n")]
    [InlineData("min_fuzzy_ratio: 0.2\n")]
    [InlineData("min_fuzzy_ratio: [0.9]\n")]
    public void Parse_BadMinFuzzyRatio_NamesFileLineAndColumn(string line)
    {
        AliasDictionaryException ex = Fails("source: test\n" + line + "entities: []\n");
        Assert.Equal((2, 18), (ex.Line, ex.Column));
        Assert.Contains("min_fuzzy_ratio", ex.Message, StringComparison.Ordinal);
        Assert.Contains("bad.yaml", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MinFuzzyRatio_AppliesToEveryEntityOfTheFile()
    {
        AliasDictionary d = AliasDictionary.Parse(("g.yaml", "entities:\n  - id: a\n    name: Aleppo\n    type: LOC\nmin_fuzzy_ratio: 0.95\n"),
            ("h.yaml", "entities:\n  - id: b\n    name: Homs\n    type: LOC\n"));
        Assert.Equal(0.95, d.Entries.Single(e => e.Id == "a").MinFuzzyRatio);
        Assert.Null(d.Entries.Single(e => e.Id == "b").MinFuzzyRatio);
    }

    [Fact]
    public void Parse_ReadsEveryKind()
    {
        AliasDictionary d = AliasDictionary.Parse(("t.yaml", AliasTestDocuments.TestYaml));
        Assert.True(d.TryGetEntry("united_states", out AliasEntry? us));
        Assert.Equal("United States", us.Name);
        Assert.Equal("LOC", us.Type);
        Assert.Contains(us.Forms, f => f.Kind == AliasKind.Acronym && f.Text == "US" && f.CaseSensitive);
        Assert.Contains(us.Forms, f => f.Kind == AliasKind.Demonym && f.Text == "American");
        Assert.Contains(us.Forms, f => f.Kind == AliasKind.Metonym && f.Text == "Washington");
        Assert.Equal("united_states", d.Lookup("U.S.")?.Id);
        Assert.Equal("united_states", d.Lookup("united states of america")?.Id);
        Assert.Equal("united_states", d.Lookup("American", AliasKind.Demonym)?.Id);
        Assert.Null(d.Lookup("American"));
    }

    [Fact]
    public void Lookup_CaseSensitiveFormsMatchOnlyTheirCasing()
    {
        AliasDictionary d = AliasDictionary.Parse(("t.yaml", AliasTestDocuments.TestYaml));
        Assert.Equal("islamic_state", d.Lookup("ISIS")?.Id);
        Assert.Equal("islamic_state", d.Lookup("Isis")?.Id);
        Assert.Equal("isis_goddess", d.Lookup("isis")?.Id);
        Assert.Null(d.Lookup("us"));
        Assert.Equal("islamic_state", d.Lookup("daesh")?.Id);
    }

    [Fact]
    public void Load_LaterFileReplacesEntityWithSameId()
    {
        AliasDictionary d = AliasDictionary.Parse(
            ("a.yaml", "entities:\n  - id: x\n    name: Old Name\n    type: ORG\n    aliases: [Oldie]\n"),
            ("b.yaml", "entities:\n  - id: x\n    name: New Name\n    type: ORG\n"));
        Assert.True(d.TryGetEntry("x", out AliasEntry? x));
        Assert.Equal("New Name", x.Name);
        Assert.Equal("b.yaml", x.Source);
        Assert.Null(d.Lookup("Oldie"));
        Assert.Single(d.Entries);
    }

    [Fact]
    public void Load_LaterFileTakesOverAnAlias()
    {
        AliasDictionary d = AliasDictionary.Parse(
            ("a.yaml", "entities:\n  - id: georgia_state\n    name: Georgia State\n    type: LOC\n    aliases: [Georgia]\n"),
            ("b.yaml", "entities:\n  - id: georgia\n    name: Georgia\n    type: LOC\n"));
        Assert.Equal("georgia", d.Lookup("Georgia")?.Id);
        Assert.Equal("georgia_state", d.Lookup("Georgia State")?.Id);
        Assert.Equal(2, d.Entries.Count);
    }

    [Fact]
    public void Load_SameAliasInOneFileWithDifferentCasingIsNoConflict()
    {
        AliasDictionary d = AliasDictionary.Parse(("a.yaml", """
            entities:
              - id: group
                name: Group
                type: ORG
                aliases: [{text: Isis, case_sensitive: true}]
              - id: goddess
                name: Goddess
                type: PER
                aliases: [{text: ISIS, case_sensitive: true}]
            """));
        Assert.Equal("group", d.Lookup("Isis")?.Id);
        Assert.Equal("goddess", d.Lookup("ISIS")?.Id);
        Assert.Null(d.Lookup("isis"));
    }

    [Fact]
    public void Lookup_HonoursValidityDatesThroughTheResolver()
    {
        const string yaml = """
            entities:
              - id: old_group
                name: Old Group
                type: ORG
                valid_until: 2005-12-31
                aliases: [The Front]
              - id: new_group
                name: New Group
                type: ORG
                aliases: [{text: Front Movement, valid_from: 2010-01-01}]
            """;
        AliasDictionary d = AliasDictionary.Parse(("t.yaml", yaml));
        AliasEntry old = d.Entries[0];
        Assert.Equal(new DateOnly(2005, 12, 31), old.ValidUntil);
        Assert.Equal(new DateOnly(2010, 1, 1), d.Entries[1].Forms[1].ValidFrom);

        var in2014 = new AliasResolver(new AliasResolverOptions { Dictionary = d, ReferenceDate = new DateOnly(2014, 6, 1) });
        Document doc = AliasTestDocuments.Resolve(in2014, "The Front and Front Movement met.", ("Front", "ORG"), ("Front Movement", "ORG"));
        Assert.Equal("new_group", AliasTestDocuments.EntityOf(doc, "Front Movement").Id);
        Assert.NotEqual("old_group", AliasTestDocuments.EntityOf(doc, "Front").Id);

        var in2000 = new AliasResolver(new AliasResolverOptions { Dictionary = d, ReferenceDate = new DateOnly(2000, 6, 1) });
        doc = AliasTestDocuments.Resolve(in2000, "The Front and Front Movement met.", ("Front", "ORG"), ("Front Movement", "ORG"));
        Assert.Equal("old_group", AliasTestDocuments.EntityOf(doc, "Front").Id);
        Assert.NotEqual("new_group", AliasTestDocuments.EntityOf(doc, "Front Movement").Id);
    }

    [Fact]
    public void Error_DuplicateId_NamesFileLineColumn()
    {
        AliasDictionaryException ex = Fails("entities:\n  - id: a\n    name: A\n    type: ORG\n  - id: a\n    name: B\n    type: ORG\n");
        Assert.Equal("bad.yaml", ex.File);
        Assert.Equal(5, ex.Line);
        Assert.Equal(5, ex.Column);
        Assert.Contains("duplicate id 'a'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("bad.yaml:5:5: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_ConflictingAlias_NamesBothEntities()
    {
        AliasDictionaryException ex = Fails("entities:\n  - id: a\n    name: A\n    type: ORG\n    aliases: [Shared]\n  - id: b\n    name: B\n    type: ORG\n    aliases: [Other, shared]\n");
        Assert.Equal(9, ex.Line);
        Assert.Equal(22, ex.Column);
        Assert.Contains("conflicting alias 'shared'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'a'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_CaseSensitiveAliasInsideAnInsensitiveOne_IsAConflict()
    {
        AliasDictionaryException ex = Fails("entities:\n  - id: a\n    name: A\n    type: ORG\n    acronyms: [ISIS]\n  - id: b\n    name: B\n    type: ORG\n    aliases: [isis]\n");
        Assert.Equal(9, ex.Line);
        Assert.Contains("conflicting alias 'isis'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("entities:\n  - id: a\n    name: A\n    type: ORG\n    nickname: x\n", 5, 5, "unknown key 'nickname' in an entity")]
    [InlineData("entitys: []\n", 1, 1, "unknown key 'entitys' in file")]
    [InlineData("entities:\n  - id: a\n    name: A\n    type: ORG\n    aliases: [{text: x, case: true}]\n", 5, 25, "unknown key 'case' in an alias")]
    public void Error_UnknownKey(string yaml, int line, int column, string message)
    {
        AliasDictionaryException ex = Fails(yaml);
        Assert.Equal((line, column), (ex.Line, ex.Column));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("entities:\n  - id: a\n    name: A\n    type: PERSON\n", 4, 11, "type 'PERSON' must be one of PER, ORG, LOC, MISC")]
    [InlineData("entities:\n  - id: a\n    name: A\n    type: ORG\n    aliases: Daesh\n", 5, 14, "'aliases' must be a list")]
    [InlineData("entities:\n  - id: a\n    name: A\n    type: ORG\n    case_sensitive: yes\n", 5, 21, "'case_sensitive' must be true or false")]
    [InlineData("entities:\n  - id: a\n    name: A\n    type: ORG\n    valid_from: 2014/01/01\n", 5, 17, "'valid_from' must be a date written YYYY-MM-DD")]
    [InlineData("entities:\n  - id: Bad-Id\n    name: A\n    type: ORG\n", 2, 9, "must be lower-case letters, digits and underscores")]
    [InlineData("entities:\n  - id: a\n    name: [A, B]\n    type: ORG\n", 3, 11, "'name' must be a string, not a list")]
    [InlineData("entities:\n  - id: a\n    name: A\n    type: ORG\n    aliases: [[x]]\n", 5, 15, "an alias must be a string or a mapping")]
    [InlineData("entities: {a: 1}\n", 1, 11, "'entities' must be a list")]
    [InlineData("entities:\n  - just a string\n", 2, 5, "each entity must be a mapping")]
    [InlineData("- id: a\n", 1, 1, "the file must be a mapping")]
    [InlineData("entities:\n  - id: a\n    name: A\n    type: ORG\n    aliases: ['', x]\n", 5, 15, "an alias must not be empty")]
    [InlineData("entities:\n  - id: a\n    name: A\n    type: ORG\n    valid_from: 2015-01-01\n    valid_until: 2014-01-01\n", 2, 5, "valid_from is after valid_until")]
    public void Error_WrongType(string yaml, int line, int column, string message)
    {
        AliasDictionaryException ex = Fails(yaml);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (ex.Line, ex.Column));
    }

    [Theory]
    [InlineData("entities:\n  - name: A\n    type: ORG\n", 2, 5, "missing key 'id'")]
    [InlineData("entities:\n  - id: a\n    type: ORG\n", 2, 5, "missing key 'name'")]
    [InlineData("entities:\n  - id: a\n    name: A\n", 2, 5, "missing key 'type'")]
    [InlineData("source: x\n", 1, 1, "missing key 'entities'")]
    [InlineData("entities:\n  - id: a\n    name: A\n    type: ORG\n    aliases: [{case_sensitive: true}]\n", 5, 15, "needs 'text'")]
    public void Error_MissingKey(string yaml, int line, int column, string message)
    {
        AliasDictionaryException ex = Fails(yaml);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (ex.Line, ex.Column));
    }

    [Theory]
    [InlineData("entities:\n  - id: a\n    name: A\n    name: B\n    type: ORG\n", 4, 5, "duplicate key 'name'")]
    [InlineData("entities:\n  - id: a\n    name: \"A\n    type: ORG\n", 3, 11, "invalid YAML")]
    [InlineData("entities:\n  - &e\n    id: a\n    name: A\n    type: ORG\n  - *e\n", 6, 5, "anchors and aliases")]
    [InlineData("entities: []\n---\nentities: []\n", 2, 1, "one YAML document")]
    public void Error_BadYaml(string yaml, int line, int column, string message)
    {
        AliasDictionaryException ex = Fails(yaml);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Equal(line, ex.Line);
        Assert.Equal(column, ex.Column);
    }

    [Fact]
    public void Load_ErrorNamesThePathOfTheFile()
    {
        string path = Path.Combine(Path.GetTempPath(), $"eg-aliases-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "entities:\n  - id: a\n    name: A\n    type: ORG\n    colour: red\n");
        try
        {
            AliasDictionaryException ex = Assert.Throws<AliasDictionaryException>(() => AliasDictionary.Load(path));
            Assert.Equal(path, ex.File);
            Assert.StartsWith(path + ":5:5: unknown key 'colour'", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Parse_EmptyFileHasNoEntities()
    {
        Assert.Empty(AliasDictionary.Parse(("empty.yaml", "")).Entries);
        Assert.Empty(AliasDictionary.Parse(("empty.yaml", "# nothing\n")).Entries);
    }

    [Fact]
    public void Default_EmbeddedDictionariesLoadWithTheNewsEntities()
    {
        AliasDictionary d = AliasDictionary.Default;
        Assert.True(d.Entries.Count > 1000);
        Assert.Equal("islamic_state", d.Lookup("ISIL")?.Id);
        Assert.Equal("islamic_state", d.Lookup("Islamic State in Iraq and the Levant")?.Id);
        Assert.Equal("islamic_state", d.Lookup("Daesh")?.Id);
        Assert.Equal("united_states", d.Lookup("U.S.")?.Id);
        Assert.Equal("united_states", d.Lookup("American", AliasKind.Demonym)?.Id);
        Assert.Equal("iran", d.Lookup("Tehran", AliasKind.Metonym)?.Id);
        Assert.Equal("united_kingdom", d.Lookup("British", AliasKind.Demonym)?.Id);
        Assert.Equal("nato", d.Lookup("North Atlantic Treaty Organization")?.Id);
        Assert.Equal("barack_obama", d.Lookup("Barack Obama")?.Id);
    }

    [Fact]
    public void LoadDefault_UserFileOverridesTheDefaults()
    {
        string path = Path.Combine(Path.GetTempPath(), $"eg-aliases-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "entities:\n  - id: islamic_state\n    name: Islamic State\n    type: ORG\n    aliases: [IS]\n");
        try
        {
            AliasDictionary d = AliasDictionary.LoadDefault(path);
            Assert.True(d.TryGetEntry("islamic_state", out AliasEntry? e));
            Assert.Equal("Islamic State", e.Name);
            Assert.Null(d.Lookup("Daesh"));
            Assert.Equal("united_states", d.Lookup("USA")?.Id);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void NormalizeAlias_UnifiesPunctuationCaseAndArticle()
    {
        Assert.Equal("us", AliasDictionary.NormalizeAlias("U.S."));
        Assert.Equal("US", AliasDictionary.NormalizeAlias("U.S.", foldCase: false));
        Assert.Equal("al-maliki", AliasDictionary.NormalizeAlias("al\u2011Maliki"));
        Assert.Equal("guardian", AliasDictionary.NormalizeAlias("The  Guardian"));
        Assert.Equal("yahoo news", AliasDictionary.NormalizeAlias("Yahoo! News"));
        Assert.Equal("zurich", AliasDictionary.NormalizeAlias("Z\u00fcrich"));
    }
}
