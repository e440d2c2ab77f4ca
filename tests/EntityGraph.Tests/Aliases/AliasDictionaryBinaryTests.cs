using EntityGraph.Aliases;

namespace EntityGraph.Tests.Aliases;

public class AliasDictionaryBinaryTests
{
    private static List<AliasEntry> ReadYaml(string path, string name)
    {
        using var reader = new StreamReader(path);
        return AliasDictionaryReader.Read(reader, name);
    }

    private static void AssertSame(IReadOnlyList<AliasEntry> expected, IReadOnlyList<AliasEntry> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            AliasEntry e = expected[i], a = actual[i];
            Assert.Equal((e.Id, e.Name, e.Type, e.Source, e.Line, e.Column, e.Force, e.MinFuzzyRatio, e.ValidFrom, e.ValidUntil),
                (a.Id, a.Name, a.Type, a.Source, a.Line, a.Column, a.Force, a.MinFuzzyRatio, a.ValidFrom, a.ValidUntil));
            Assert.Equal(e.Forms.Count, a.Forms.Count);
            for (int k = 0; k < e.Forms.Count; k++)
            {
                AliasForm f = e.Forms[k], g = a.Forms[k];
                Assert.Equal((f.Text, f.Kind, f.CaseSensitive, f.ValidFrom, f.ValidUntil, f.Line, f.Column, f.FoldedKey, f.ExactKey),
                    (g.Text, g.Kind, g.CaseSensitive, g.ValidFrom, g.ValidUntil, g.Line, g.Column, g.FoldedKey, g.ExactKey));
            }
        }
    }

    [Fact]
    public void WriteRead_EveryFieldTheYamlReaderSets_RoundTrips()
    {
        // Our own entries, with every kind of field: dates, case-sensitive forms, force, a file's fuzzy threshold.
        const string yaml = """
            min_fuzzy_ratio: 0.92
            entities:
              - id: nordic_water_board
                name: Nordic Water Board
                type: ORG
                force: true
                valid_from: 2001-03-04
                aliases: [the Water Board]
                acronyms: [NWB]
              - id: norway
                name: Norway
                type: LOC
                valid_until: 2099-12-31
                aliases: [Norge, {text: NORGE, case_sensitive: true, valid_from: 1990-01-01, valid_until: 2005-12-31}]
                demonyms: [Norwegian]
                metonyms: [Oslo]
            """;
        List<AliasEntry> entries = AliasDictionaryReader.Read(new StringReader(yaml), "own.yaml");
        using var stream = new MemoryStream();
        AliasDictionaryBinary.Write(entries, stream);
        stream.Position = 0;

        AssertSame(entries, AliasDictionaryBinary.Read(stream, "own.bin"));
    }

    [Fact]
    public void EmbeddedCompiledDictionaries_AreTheRepositoryYaml()
    {
        // The build compiles models/aliases/*.yaml into the library; what it embedded must be what the YAML says.
        System.Reflection.Assembly library = typeof(AliasDictionary).Assembly;
        foreach (string name in AliasDictionary.DefaultFiles)
        {
            using Stream? compiled = library.GetManifestResourceStream("EntityGraph.Aliases." + Path.ChangeExtension(name, ".bin"));
            Assert.True(compiled is not null, $"the library does not embed the compiled form of {name}");
            AssertSame(ReadYaml(Path.Combine(TestHelpers.RepoRoot, "models", "aliases", name), name), AliasDictionaryBinary.Read(compiled, name));
        }
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { (byte)'E', (byte)'G', (byte)'A', (byte)'L', 9, 0, 0, 0 })]
    [InlineData(new byte[] { (byte)'E', (byte)'G', (byte)'A', (byte)'L', 1, 0, 0, 0, 5, 0, 0, 0, 3 })]
    public void Read_ForeignOrCutBytes_IsAClearError(byte[] bytes)
    {
        var error = Assert.Throws<InvalidDataException>(() => AliasDictionaryBinary.Read(new MemoryStream(bytes), "x.bin"));
        Assert.Contains("'x.bin'", error.Message, StringComparison.Ordinal);
    }
}
