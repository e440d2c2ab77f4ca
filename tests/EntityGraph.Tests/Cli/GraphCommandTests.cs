using System.Text.Json;
using System.Xml.Linq;

namespace EntityGraph.Tests.Cli;

public class GraphCommandTests
{
    private static string Seeds => TestHelpers.SeedCorpus;

    [Fact]
    public void Graph_SeedFolderAsJson_MergesEntitiesAcrossDocuments()
    {
        CliRun run = CliRun.Invoke("graph", Seeds, "--format", "json");
        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = JsonDocument.Parse(run.Out);
        string text = run.Out;
        Assert.Contains("\"united_states\"", text, StringComparison.Ordinal);
        Assert.Contains("2 document(s) in the graph", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Graph_GraphML_IsValidXmlWithNodesAndEdges()
    {
        CliRun run = CliRun.Invoke("graph", Seeds, "--format", "graphml");
        Assert.Equal(0, run.ExitCode);
        XDocument xml = XDocument.Parse(run.Out);
        XNamespace ns = "http://graphml.graphdrawing.org/xmlns";
        var nodes = xml.Descendants(ns + "node").Select(n => (string)n.Attribute("id")!).ToHashSet();
        Assert.Contains("iran", nodes);
        var edges = xml.Descendants(ns + "edge").ToList();
        Assert.NotEmpty(edges);
        Assert.All(edges, e => Assert.Contains((string)e.Attribute("source")!, nodes));
        Assert.All(edges, e => Assert.Contains((string)e.Attribute("target")!, nodes));
    }

    [Fact]
    public void Graph_Dot_WritesDigraphToFile()
    {
        using var temp = new TempFolder();
        string file = Path.Combine(temp.Path, "g.dot");
        CliRun run = CliRun.Invoke("graph", Seeds, "--format", "dot", "--out", file);
        Assert.Equal(0, run.ExitCode);
        string dot = File.ReadAllText(file);
        Assert.StartsWith("digraph entitygraph {", dot, StringComparison.Ordinal);
        Assert.Contains("\"iran\" [label=\"Iran\\nLOC\"];", dot, StringComparison.Ordinal);
        Assert.Contains("-> ", dot, StringComparison.Ordinal);
    }

    [Fact]
    public void Graph_MissingFolder_ExitTwo()
    {
        CliRun run = CliRun.Invoke("graph", "/no/such/folder");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no such file or folder", run.Error, StringComparison.Ordinal);
    }
}
