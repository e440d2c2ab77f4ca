using System.Text;
using System.Text.Json;
using EntityGraph.Cli;
using EntityGraph.Tests.Graphs;

namespace EntityGraph.Tests.Cli;

public class JsonLinesCliTests
{
    [Fact]
    public void Extract_JsonLinesOnStandardInput_OneLinePerArticleInOrderWithMetadata()
    {
        string feed = NewsCorpus.JsonLines(NewsCorpus.Articles.Take(4));
        CliRun run = CliRun.WithInput(feed, "extract", "-", "--format", "jsonl", "--threads", "2");
        Assert.True(run.ExitCode == 0, run.Error);
        string[] lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["n01", "n02", "n03", "n04"], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()));
        using JsonDocument first = JsonDocument.Parse(lines[0]);
        Assert.Equal("2014-06-10", first.RootElement.GetProperty("date").GetString());
        Assert.Equal("https://news.example/n01", first.RootElement.GetProperty("url").GetString());
        Assert.Equal("Story n01", first.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public void Extract_JsonLinesAsBytes_WithBadLines_ReportsLineNumbersAndExitsOne()
    {
        string feed = "{\"id\":\"a\",\"text\":\"Obama visited Baghdad.\",\"date\":\"2014-06-10\"}\n"
            + "this is not json\n"
            + "{\"id\":\"c\",\"date\":\"2014-06-11\"}\n"
            + "{\"id\":\"d\",\"text\":\"Kerry met Zarif.\",\"date\":\"June 12\"}\n"
            + "{\"id\":\"e\",\"text\":\"Iran spoke.\"}\n";
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var stdin = new MemoryStream([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(feed)]);
        int code = CliApp.Run(["extract", "-", "--format", "jsonl"], new CliConsole(TextReader.Null, output, error, InputStream: stdin));
        Assert.Equal(1, code);
        string err = error.ToString();
        Assert.Contains("error: <stdin>:2: not JSON", err, StringComparison.Ordinal);
        Assert.Contains("error: <stdin>:3: the article text must be a string in \"text\"", err, StringComparison.Ordinal);
        Assert.Contains("error: <stdin>:4: bad \"date\" \"June 12\"", err, StringComparison.Ordinal);
        Assert.Contains("2 document(s) written, 3 failed", err, StringComparison.Ordinal);
        string[] ids = [.. output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()!)];
        Assert.Equal(["a", "e"], ids);
    }

    [Fact]
    public void Extract_PlainTextOnStandardInput_StillOneArticle()
    {
        CliRun run = CliRun.WithInput("  Obama sends troops back to Iraq.", "extract", "-", "--format", "jsonl");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("stdin", JsonDocument.Parse(run.Out.Trim()).RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public void Extract_JsonLinesFileToFolder_OneJsonPerArticle()
    {
        using var temp = new TempFolder();
        string file = temp.File("feed.jsonl", NewsCorpus.JsonLines(NewsCorpus.Articles.Take(2)) + "{\"id\":\"../x\",\"text\":\"Iran spoke.\"}\n");
        string outDir = Path.Combine(temp.Path, "out");
        CliRun run = CliRun.Invoke("extract", file, "--out", outDir);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.True(File.Exists(Path.Combine(outDir, "n01.json")));
        Assert.True(File.Exists(Path.Combine(outDir, ".._x.json")));
        Assert.Equal(2, CliRun.Invoke("extract", file).ExitCode);
    }

    [Fact]
    public void Extract_EmptyJsonLinesFile_NothingProcessedNoCrash()
    {
        using var temp = new TempFolder();
        string file = temp.File("empty.jsonl", "");
        CliRun run = CliRun.Invoke("extract", file, "--format", "jsonl");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public void Graph_JsonLines_CarriesArticlesAndDates()
    {
        using var temp = new TempFolder();
        string file = temp.File("news.jsonl", NewsCorpus.JsonLines(NewsCorpus.Articles.Take(3)));
        CliRun run = CliRun.Invoke("graph", file, "--format", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        using JsonDocument json = JsonDocument.Parse(run.Out);
        JsonElement root = json.RootElement;
        Assert.Equal(["n01", "n02", "n03"], root.GetProperty("documents").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("2014-06-16", root.GetProperty("articles")[1].GetProperty("date").GetString());
        JsonElement captured = root.GetProperty("edges").EnumerateArray().First(e => e.GetProperty("type").GetString() == "captured");
        Assert.NotEmpty(captured.GetProperty("dates").EnumerateArray());
        Assert.All(root.GetProperty("nodes").EnumerateArray().SelectMany(n => n.GetProperty("mentions").EnumerateArray()),
            m => Assert.True(m.TryGetProperty("date", out _)));
    }
}
