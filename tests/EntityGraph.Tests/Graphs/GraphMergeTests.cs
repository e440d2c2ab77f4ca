using CsCheck;
using EntityGraph.Graphs;
using EntityGraph.Tests.Cli;

namespace EntityGraph.Tests.Graphs;

public class GraphMergeTests
{
    private static KnowledgeGraph GraphOf(IEnumerable<Document> documents)
    {
        var graph = new KnowledgeGraph();
        foreach (Document d in documents)
            graph.Add(d);
        return graph;
    }

    /// <summary>Through a file and back, as a shard's graph travels between machines.</summary>
    private static KnowledgeGraph RoundTrip(KnowledgeGraph graph)
    {
        using var stream = new MemoryStream();
        graph.WriteJson(stream, indented: false);
        stream.Position = 0;
        return KnowledgeGraph.ReadJson(stream, "shard.json");
    }

    private static KnowledgeGraph Merged(params KnowledgeGraph[] graphs)
    {
        var merged = new KnowledgeGraph();
        foreach (KnowledgeGraph g in graphs)
            merged.Merge(g);
        return merged;
    }

    [Fact]
    public void Merge_AnySplitIntoShards_GivesTheGraphOfTheWholeCorpus()
    {
        Document[] documents = NewsCorpus.Documents;
        string whole = GraphOf(documents).ToJson();
        Assert.Contains("\"dates\"", whole, StringComparison.Ordinal);
        Gen.Select(Gen.Int[1, 5], Gen.Int[0, 4].Array[documents.Length], Gen.Int).Sample((shardCount, assignment, seed) =>
        {
            var random = new Random(seed);
            var shards = new List<KnowledgeGraph>();
            for (int s = 0; s < shardCount; s++)
            {
                // Documents come to a shard in any order; the shard's graph is written and read back.
                Document[] mine = [.. documents.Where((_, i) => assignment[i] % shardCount == s)];
                random.Shuffle(mine);
                shards.Add(RoundTrip(GraphOf(mine)));
            }
            KnowledgeGraph[] order = [.. shards];
            random.Shuffle(order);
            return Merged(order).ToJson() == whole;
        }, iter: 60);
    }

    [Fact]
    public void Merge_IsAssociativeAndCommutative()
    {
        Document[] documents = NewsCorpus.Documents;
        Gen.Int[0, 2].Array[documents.Length].Sample(assignment =>
        {
            KnowledgeGraph Part(int p) => GraphOf(documents.Where((_, i) => assignment[i] == p));
            string left = Merged(Merged(Part(0), Part(1)), Part(2)).ToJson();
            string right = Merged(Part(0), Merged(Part(1), Part(2))).ToJson();
            string swapped = Merged(Part(1), Part(0)).ToJson();
            return left == right && swapped == Merged(Part(0), Part(1)).ToJson();
        }, iter: 40);
    }

    [Fact]
    public void Merge_DocumentInTwoShards_IsRefused()
    {
        Document[] documents = NewsCorpus.Documents;
        KnowledgeGraph a = GraphOf(documents.Take(3));
        KnowledgeGraph b = GraphOf(documents.Skip(2).Take(2));
        var ex = Assert.Throws<ArgumentException>(() => Merged(a, b));
        Assert.Contains("'n03' is in both graphs", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadJson_NotAGraph_ClearMessage()
    {
        using var notJson = new MemoryStream("{\"schema\": oops"u8.ToArray());
        Assert.Contains("g.json: not JSON (line 1", Assert.Throws<InvalidDataException>(() => KnowledgeGraph.ReadJson(notJson, "g.json")).Message, StringComparison.Ordinal);
        using var other = new MemoryStream("{\"schema\": \"entitygraph/document@1\"}"u8.ToArray());
        Assert.Contains("g.json: not an EntityGraph graph", Assert.Throws<InvalidDataException>(() => KnowledgeGraph.ReadJson(other, "g.json")).Message, StringComparison.Ordinal);
    }

    /// <summary>Four shards extracted by four separate entitygraph processes, then merged by <c>graph merge</c>.</summary>
    [Fact]
    public void GraphMerge_FourShardsInSeparateProcesses_EqualsOneRun()
    {
        using var temp = new TempFolder();
        var articles = NewsCorpus.Articles;
        string all = temp.File("all.jsonl", NewsCorpus.JsonLines(articles));
        var processes = new List<System.Diagnostics.Process>();
        var shardFiles = new List<string>();
        for (int s = 0; s < 4; s++)
        {
            temp.File($"shard{s}.jsonl", NewsCorpus.JsonLines(articles.Where((_, i) => i % 4 == s)));
            shardFiles.Add(Path.Combine(temp.Path, $"shard{s}.json"));
            processes.Add(ChildProcess.Start(temp.Path, "graph", $"shard{s}.jsonl", "--format", "json", "--out", $"shard{s}.json", "--threads", "1"));
        }
        foreach (System.Diagnostics.Process p in processes)
        {
            using (p)
            {
                (int code, string error) = ChildProcess.Run(p, TimeSpan.FromMinutes(3));
                Assert.True(code == 0, error);
            }
        }
        CliRun merged = CliRun.Invoke(["graph", "merge", .. shardFiles]);
        Assert.Equal(0, merged.ExitCode);
        Assert.Contains("4 graph(s) merged: 10 document(s)", merged.Error, StringComparison.Ordinal);
        CliRun whole = CliRun.Invoke("graph", all, "--format", "json");
        Assert.Equal(0, whole.ExitCode);
        Assert.Equal(whole.Out, merged.Out);
    }

    [Fact]
    public void GraphMerge_BadFile_NamesIt()
    {
        using var temp = new TempFolder();
        string bad = temp.File("bad.json", "[1, 2");
        CliRun run = CliRun.Invoke("graph", "merge", bad);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("bad.json: not JSON", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Contains("no such file", CliRun.Invoke("graph", "merge", Path.Combine(temp.Path, "none.json")).Error, StringComparison.Ordinal);
    }
}
