using System.Text.Json;
using System.Xml.Linq;
using EntityGraph.Tests.Graphs;

namespace EntityGraph.Tests.Cli;

public class GraphStoreCliTests
{
    [Fact]
    public void AddQueryExport_TheReadmeSession()
    {
        using var temp = new TempFolder();
        string feed = temp.File("news.jsonl", NewsCorpus.JsonLines(NewsCorpus.Articles));
        string db = Path.Combine(temp.Path, "news.db");
        CliRun add = CliRun.Invoke("graph", "add", TestHelpers.SeedCorpus, feed, "--db", db);
        Assert.True(add.ExitCode == 0, add.Error);
        Assert.Contains("12 added, 0 replaced, 0 unchanged, 0 failed", add.Error, StringComparison.Ordinal);
        CliRun again = CliRun.Invoke("graph", "add", feed, "--db", db);
        Assert.Contains("0 added, 0 replaced, 10 unchanged", again.Error, StringComparison.Ordinal);

        CliRun table = CliRun.Invoke("graph", "query", "--db", db, "--type", "captured", "--from", "2014-06-01", "--to", "2014-06-30");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("n01", table.Out, StringComparison.Ordinal);
        Assert.Contains("Islamic State fighters captured Mosul on Tuesday.", table.Out, StringComparison.Ordinal);

        CliRun json = CliRun.Invoke("graph", "query", "--db", db, "--entity", "ISIS", "--format", "json");
        using JsonDocument rows = JsonDocument.Parse(json.Out);
        Assert.All(rows.RootElement.EnumerateArray(), r => Assert.True(r.GetProperty("subject").GetString() == "islamic_state" || r.GetProperty("object").GetString() == "islamic_state"));

        CliRun csv = CliRun.Invoke("graph", "query", "--db", db, "--type", "held_talks_with", "--format", "csv");
        Assert.StartsWith("date,type,subject,subject_name,object,object_name,article,evidence", csv.Out, StringComparison.Ordinal);

        string graphml = Path.Combine(temp.Path, "news.graphml");
        CliRun export = CliRun.Invoke("graph", "export", "--db", db, "--format", "graphml", "--out", graphml);
        Assert.True(export.ExitCode == 0, export.Error);
        Assert.NotEmpty(XDocument.Load(graphml).Descendants(XName.Get("edge", "http://graphml.graphdrawing.org/xmlns")));
    }

    [Fact]
    public void Query_BadDateMissingStoreAndForeignFile_ClearErrors()
    {
        using var temp = new TempFolder();
        string db = Path.Combine(temp.Path, "none.db");
        CliRun missing = CliRun.Invoke("graph", "query", "--db", db);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no such store", missing.Error, StringComparison.Ordinal);
        string text = temp.File("notes.db", "these are my notes, not a database");
        CliRun foreign = CliRun.Invoke("graph", "export", "--db", text);
        Assert.Equal(2, foreign.ExitCode);
        Assert.Contains("not an EntityGraph store", foreign.Error, StringComparison.Ordinal);
        CliRun date = CliRun.Invoke("graph", "query", "--db", text, "--from", "June");
        Assert.Contains("--from takes a date such as 2014-06-01", date.Error, StringComparison.Ordinal);
        CliRun unwritable = CliRun.Invoke("graph", "add", TestHelpers.SeedCorpus, "--db", Path.Combine(temp.Path, "no", "such", "x.db"));
        Assert.Equal(2, unwritable.ExitCode);
        Assert.Contains("cannot create the store", unwritable.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", unwritable.Error + foreign.Error, StringComparison.Ordinal);
    }
}
