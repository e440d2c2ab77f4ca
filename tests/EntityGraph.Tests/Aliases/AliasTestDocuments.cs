using EntityGraph.Aliases;

namespace EntityGraph.Tests.Aliases;

/// <summary>Documents with hand-placed mentions (no recognizer needed): mark a name by its text and occurrence.</summary>
internal static class AliasTestDocuments
{
    private static readonly Pipeline Tokenize = new PipelineBuilder().UseTokenizer().UseSentenceSplitter().Build();

    /// <summary>Tokenizes <paramref name="text"/> and adds a mention for each (surface, label), in text order; a surface
    /// repeated in the list marks its next occurrence.</summary>
    public static Document Build(string text, params (string Surface, string Label)[] mentions)
    {
        Document doc = Tokenize.Process(text, "test");
        var spans = new List<(int Start, int End, string Label)>();
        var next = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach ((string surface, string label) in mentions)
        {
            int from = next.GetValueOrDefault(surface);
            int start = IndexOfWord(text, surface, from);
            Assert.True(start >= 0, $"'{surface}' not found after offset {from}");
            next[surface] = start + surface.Length;
            spans.Add((start, start + surface.Length, label));
        }
        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        foreach ((int start, int end, string label) in spans)
        {
            int first = doc.TokenIndexAt(start), last = doc.TokenIndexAt(end - 1);
            Assert.Equal(start, doc.Tokens[first].Start);
            Assert.Equal(end, doc.Tokens[last].End);
            doc.AddMention(first, last - first + 1, label);
        }
        return doc;
    }

    private static int IndexOfWord(string text, string surface, int from)
    {
        for (int i = text.IndexOf(surface, from, StringComparison.Ordinal); i >= 0; i = text.IndexOf(surface, i + 1, StringComparison.Ordinal))
        {
            bool leftOk = i == 0 || !char.IsLetterOrDigit(text[i - 1]);
            int end = i + surface.Length;
            bool rightOk = end == text.Length || !char.IsLetterOrDigit(text[end]);
            if (leftOk && rightOk)
                return i;
        }
        return -1;
    }

    public static Document Resolve(AliasResolver resolver, string text, params (string Surface, string Label)[] mentions)
    {
        Document doc = Build(text, mentions);
        resolver.Resolve(doc);
        return doc;
    }

    /// <summary>The mention with this text (the n-th occurrence among mentions).</summary>
    public static Mention M(Document doc, string text, int occurrence = 0)
    {
        int seen = 0;
        foreach (Mention m in doc.Mentions)
        {
            if (m.Text == text && seen++ == occurrence)
                return m;
        }
        throw new InvalidOperationException($"No mention '{text}' #{occurrence}");
    }

    public static Entity EntityOf(Document doc, string text, int occurrence = 0) => doc.Entities[M(doc, text, occurrence).EntityIndex];

    public static bool SameEntity(Document doc, string a, string b) => M(doc, a).EntityIndex == M(doc, b).EntityIndex;

    /// <summary>A small dictionary for tests that must not depend on the generated defaults.</summary>
    public const string TestYaml = """
        entities:
          - id: islamic_state
            name: Islamic State of Iraq and the Levant
            type: ORG
            aliases: [Islamic State, Daesh]
            acronyms: [ISIS, ISIL, {text: Isis, case_sensitive: true}]
          - id: united_states
            name: United States
            type: LOC
            aliases: [United States of America]
            acronyms: [US, USA]
            demonyms: [American]
            metonyms: [Washington]
          - id: iran
            name: Iran
            type: LOC
            demonyms: [Iranian]
            metonyms: [Tehran]
          - id: iraq
            name: Iraq
            type: LOC
            demonyms: [Iraqi]
            metonyms: [Baghdad]
          - id: austria
            name: Austria
            type: LOC
            demonyms: [Austrian]
            metonyms: [Vienna]
          - id: baghdad
            name: Baghdad
            type: LOC
          - id: vienna
            name: Vienna
            type: LOC
          - id: washington_dc
            name: Washington, D.C.
            type: LOC
            aliases: [Washington]
          - id: tehran
            name: Tehran
            type: LOC
          - id: shia
            name: Shia
            type: MISC
            aliases: [Shiite]
          - id: isis_goddess
            name: Isis (goddess)
            type: PER
            aliases: [{text: isis, case_sensitive: true}]
        """;

    public static AliasResolver TestResolver(string? yaml = null) =>
        new(new AliasResolverOptions { Dictionary = AliasDictionary.Parse(("test.yaml", yaml ?? TestYaml)) });

    public static AliasResolver EmptyResolver() => new(new AliasResolverOptions { Dictionary = AliasDictionary.Empty });
}
