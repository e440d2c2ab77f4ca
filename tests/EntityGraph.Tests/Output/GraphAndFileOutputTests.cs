using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using EntityGraph.Cli;
using EntityGraph.Graphs;
using EntityGraph.Output;
using EntityGraph.Tests.Cli;

namespace EntityGraph.Tests.Output;

/// <summary>Issue 19, item 5: every writer carries any text, and files are written whole or not at all.</summary>
public class GraphAndFileOutputTests
{
    private static Document Tokenized(string text, string id = "d") =>
        new PipelineBuilder().UseTokenizer().UseSentenceSplitter().Build().Process(text, id);

    /// <summary>A document whose single entity (over the first <paramref name="tokens"/> tokens) has <paramref name="name"/>.</summary>
    private static Document WithEntity(string text, int tokens, string name, string id = "d")
    {
        Document document = Tokenized(text, id);
        Mention m = document.AddMention(0, tokens, "ORG");
        Entity e = document.AddEntity("e1", name, "ORG");
        m.EntityIndex = e.Index;
        e.AddMention(m.Index);
        return document;
    }

    // ---- item 5: characters a format cannot carry ----

    [Fact]
    public void GraphML_ControlCharacterInName_IsDroppedAndTheXmlParses()
    {
        var graph = new KnowledgeGraph();
        graph.Add(WithEntity("Ab x", 1, "Ab\u0001c\uD800d\uFFFE"));
        using var stream = new MemoryStream();
        GraphExport.WriteGraphML(graph, stream);
        XDocument xml = XDocument.Parse(Encoding.UTF8.GetString(stream.ToArray()));
        XNamespace ns = "http://graphml.graphdrawing.org/xmlns";
        Assert.Contains(xml.Descendants(ns + "data"), d => d.Value == "Abc\uFFFDd");
    }

    [Fact]
    public void Dot_ControlCharactersAndQuotes_AreEscapedOrDropped()
    {
        var graph = new KnowledgeGraph();
        graph.Add(WithEntity("Ab x", 1, "A\u0001\"b\\\tc\r\nd"));
        using var writer = new StringWriter();
        GraphExport.WriteDot(graph, writer);
        string dot = writer.ToString();
        Assert.Contains("label=\"A\\\"b\\\\ c\\nd\\nORG\"", dot, StringComparison.Ordinal);
        Assert.DoesNotContain('\u0001', dot);
        Assert.DoesNotContain('\t', dot);
    }

    [Fact]
    public void Json_LoneSurrogateAndControlCharacters_StayValidJson()
    {
        Document document = WithEntity("Ab\uD800x\u0001 said", 1, "Ab\uDC00\u0001");
        string json = DocumentJson.ToJson(document, new DocumentJsonOptions { IncludeTokens = true });
        using JsonDocument parsed = JsonDocument.Parse(json);
        Assert.Equal(document.Text.Length, parsed.RootElement.GetProperty("textLength").GetInt32());
    }

    [Fact]
    public void AtomicFile_WriteThatFails_LeavesTheOldFileAndNoTemporaryFile()
    {
        using var folder = new TempFolder();
        string target = folder.File("out.json", "old");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(target, stream =>
        {
            stream.Write("new, half"u8);
            throw new InvalidOperationException("interrupted");
        }));
        Assert.Equal("old", File.ReadAllText(target));
        Assert.Equal([target], Directory.GetFiles(folder.Path));

        AtomicFile.WriteAllText(target, "new");
        Assert.Equal("new", File.ReadAllText(target));
        Assert.Equal([target], Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void GraphCommand_GraphML_WithControlCharacterInText_WritesAWholeFile()
    {
        using var folder = new TempFolder();
        folder.File("a.txt", "Barack Obama met Angela Mer\u0001kel in Paris.\n");
        string output = Path.Combine(folder.Path, "graph.graphml");
        CliRun run = CliRun.Invoke("graph", folder.Path, "--format", "graphml", "--out", output);
        Assert.True(run.ExitCode == 0, run.Error);
        XDocument.Parse(File.ReadAllText(output));
        Assert.Equal(2, Directory.GetFiles(folder.Path).Length);
    }
}
