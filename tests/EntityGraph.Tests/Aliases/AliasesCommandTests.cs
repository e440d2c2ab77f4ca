using EntityGraph.Tests.Cli;

namespace EntityGraph.Tests.Aliases;

public class AliasesCommandTests
{
    [Fact]
    public void Check_ValidFile_ReportsCounts()
    {
        using var temp = new TempFolder();
        string file = temp.File("ok.yaml", AliasTestDocuments.TestYaml);
        CliRun run = CliRun.Invoke("aliases", "check", file);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("ok: 1 file(s), 11 entities", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_BadFile_NamesFileLineColumnWithoutStackTrace()
    {
        using var temp = new TempFolder();
        string file = temp.File("bad.yaml", "entities:\n  - id: a\n    name: A\n    type: PERSON\n");
        CliRun run = CliRun.Invoke("aliases", "check", file);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error: {file}:4:11: type 'PERSON' must be one of PER, ORG, LOC, MISC", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ConflictAcrossFilesIsAnOverrideNotAnError()
    {
        using var temp = new TempFolder();
        string a = temp.File("a.yaml", "entities:\n  - id: a\n    name: A\n    type: ORG\n    aliases: [Shared]\n");
        string b = temp.File("b.yaml", "entities:\n  - id: b\n    name: B\n    type: ORG\n    aliases: [Shared]\n");
        Assert.Equal(0, CliRun.Invoke("aliases", "check", a, b).ExitCode);
    }

    [Fact]
    public void Check_MissingFile_IsAUsageError()
    {
        CliRun run = CliRun.Invoke("aliases", "check", "/no/such/file.yaml");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no such file", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_Seeds_ReportsBCubedPerLinkReason()
    {
        CliRun run = CliRun.Invoke("aliases", "eval", "--seeds", TestHelpers.SeedCorpus);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("| link reason | mentions | B-cubed P | B-cubed R | B-cubed F1 |", run.Out, StringComparison.Ordinal);
        Assert.Contains("| dictionary |", run.Out, StringComparison.Ordinal);
        string all = run.Out.Split('\n').Single(l => l.StartsWith("| **all** |", StringComparison.Ordinal));
        double f1 = double.Parse(all.Split('|')[5].Trim().Trim('*'), System.Globalization.CultureInfo.InvariantCulture);
        // The bar; the score only goes up.
        Assert.True(f1 >= 0.95, all);
    }

    [Fact]
    public void Build_WithoutSharedData_SaysSo()
    {
        using var temp = new TempFolder();
        CliRun run = CliRun.Invoke("aliases", "build", "--data", temp.Path, "--out", temp.Path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not the shared data folder", run.Error, StringComparison.Ordinal);
    }
}
