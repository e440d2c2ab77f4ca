using System.Text.Json;
using EntityGraph.Aliases;
using EntityGraph.Graphs;
using static EntityGraph.Tests.Aliases.AliasTestDocuments;

namespace EntityGraph.Tests.Graphs;

public class KnowledgeGraphTests
{
    private static readonly AliasResolver Resolver = TestResolver();

    private static Document Doc(string id, string text, params (string, string)[] mentions)
    {
        Document built = Build(text, mentions);
        // Rebuild under the wanted id (the helper names every document "test").
        var doc = new PipelineBuilder().UseTokenizer().UseSentenceSplitter().Build().Process(new Document(text, id));
        foreach (Mention m in built.Mentions)
            doc.AddMention(m.FirstToken, m.TokenCount, m.Label);
        Resolver.Resolve(doc);
        return doc;
    }

    [Fact]
    public void Add_MergesEntitiesAcrossDocumentsByStableId()
    {
        var graph = new KnowledgeGraph();
        graph.Add(Doc("a", "ISIS took Mosul. Iranian officials met.", ("ISIS", "ORG"), ("Mosul", "LOC"), ("Iranian", "MISC")));
        graph.Add(Doc("b", "Isis left Mosul. Iran spoke.", ("Isis", "ORG"), ("Mosul", "LOC"), ("Iran", "LOC")));
        Assert.Equal(2, graph.DocumentCount);
        Assert.Equal(["iran", "islamic_state", "mosul.loc"], graph.Nodes.Select(n => n.Id));

        Assert.True(graph.TryGetNode("islamic_state", out GraphNode? isis));
        Assert.True(isis.FromDictionary);
        Assert.Equal(["a", "b"], isis.Documents);
        Assert.Equal([("a", 0, 4), ("b", 0, 4)], isis.Mentions.Select(m => (m.DocumentId, m.Start, m.End)));

        Assert.True(graph.TryGetNode("mosul.loc", out GraphNode? mosul));
        Assert.False(mosul.FromDictionary);
        Assert.Equal("Mosul", mosul.Name);
        Assert.Equal([("a", 10, 15), ("b", 10, 15)], mosul.Mentions.Select(m => (m.DocumentId, m.Start, m.End)));

        Assert.True(graph.TryGetNode("iran", out GraphNode? iran));
        Assert.Equal(["MISC", "LOC"], iran.Mentions.Select(m => m.Label));
        Assert.Equal(LinkReasons.Demonym, iran.Mentions[0].LinkReason);
    }

    [Fact]
    public void Add_KeepsTheLongestNameForUnlistedEntities()
    {
        var graph = new KnowledgeGraph();
        graph.Add(Doc("a", "Zarif spoke.", ("Zarif", "PER")));
        graph.Add(Doc("b", "Mohammad Javad Zarif spoke. Zarif left.", ("Mohammad Javad Zarif", "PER"), ("Zarif", "PER")));
        Assert.True(graph.TryGetNode("zarif.per", out GraphNode? shortForm));
        Assert.Single(shortForm.Mentions);
        Assert.True(graph.TryGetNode("mohammad_javad_zarif.per", out GraphNode? full));
        Assert.Equal(2, full.Mentions.Count);
    }

    [Fact]
    public void Add_RejectsUnresolvedDocumentsAndRepeatedIds()
    {
        var graph = new KnowledgeGraph();
        Document unresolved = Build("Iran spoke.", ("Iran", "LOC"));
        Assert.Throws<ArgumentException>(() => graph.Add(unresolved));
        Document doc = Doc("x", "Iran spoke.", ("Iran", "LOC"));
        graph.Add(doc);
        Assert.Throws<ArgumentException>(() => graph.Add(Doc("x", "Iraq spoke.", ("Iraq", "LOC"))));
    }

    [Fact]
    public void WriteJson_FollowsTheDocumentedSchema()
    {
        var graph = new KnowledgeGraph();
        graph.Add(Doc("a", "Relations between Washington and Tehran.", ("Washington", "LOC"), ("Tehran", "LOC")));
        using JsonDocument json = JsonDocument.Parse(graph.ToJson());
        JsonElement root = json.RootElement;
        Assert.Equal(KnowledgeGraph.Schema, root.GetProperty("schema").GetString());
        Assert.Equal("a", root.GetProperty("documents")[0].GetString());
        JsonElement us = root.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("id").GetString() == "united_states");
        Assert.Equal("United States", us.GetProperty("name").GetString());
        Assert.Equal("LOC", us.GetProperty("type").GetString());
        Assert.True(us.GetProperty("dictionary").GetBoolean());
        JsonElement mention = us.GetProperty("mentions")[0];
        Assert.Equal("a", mention.GetProperty("doc").GetString());
        Assert.Equal(18, mention.GetProperty("start").GetInt32());
        Assert.Equal(28, mention.GetProperty("end").GetInt32());
        Assert.Equal("Washington", mention.GetProperty("text").GetString());
        Assert.Equal("metonym", mention.GetProperty("reason").GetString());
        Assert.Equal(0, root.GetProperty("edges").GetArrayLength());
    }

    [Fact]
    public void Add_FromManyThreads_LosesNothing()
    {
        Document[] docs = Enumerable.Range(0, 40)
            .Select(i => Doc("d" + i, "ISIS and Iran and Mosul.", ("ISIS", "ORG"), ("Iran", "LOC"), ("Mosul", "LOC")))
            .ToArray();
        var parallel = new KnowledgeGraph();
        Parallel.ForEach(docs, d => parallel.Add(d));
        Assert.Equal(40, parallel.DocumentCount);
        Assert.All(parallel.Nodes, n => Assert.Equal(40, n.Mentions.Count));
        Assert.Equal(3, parallel.Nodes.Count);
    }
}
