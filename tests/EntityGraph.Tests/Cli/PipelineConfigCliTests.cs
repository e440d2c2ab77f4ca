using System.Text.Json;

namespace EntityGraph.Tests.Cli;

/// <summary>Issue 15, item 4: the pipeline configured from the command line (aliases, relations, models, --config) and --max-size.</summary>
public class PipelineConfigCliTests
{
    private const string Aliases = """
        entities:
          - id: harlan_group
            name: Harlan Group
            type: ORG
            aliases: [Blue Tide]
            force: true
        """;

    private const string Schema = """
        version: 1
        relations:
          - type: visited
            description: an organisation or person visits a place
            subject: [ORG, PER]
            object: [LOC]
            triggers:
              verbs: [visit]
            patterns:
              - name: active
                trigger: verb
                subject: nsubj
                object: obj
        """;

    private const string Article = "The Harlan Group opened an office in Oslo. Blue Tide visited Vienna on Monday.\n";

    private static (string[] Names, string[] RelationTypes, string? VisitorId) Read(CliRun run)
    {
        Assert.True(run.ExitCode == 0, run.Error);
        using JsonDocument json = JsonDocument.Parse(run.Out);
        JsonElement root = json.RootElement;
        JsonElement[] mentions = [.. root.GetProperty("mentions").EnumerateArray()];
        JsonElement? harlan = root.GetProperty("entities").EnumerateArray().Cast<JsonElement?>().FirstOrDefault(e => e!.Value.GetProperty("id").GetString() == "harlan_group");
        string[] names = harlan is { } entity
            ? [.. entity.GetProperty("mentions").EnumerateArray().Select(m => mentions[m.GetInt32()].GetProperty("text").GetString()!)]
            : [];
        JsonElement[] relations = [.. root.GetProperty("relations").EnumerateArray()];
        string? visitor = relations.Where(r => r.GetProperty("type").GetString() == "visited").Select(r => r.GetProperty("subjectId").GetString()).FirstOrDefault();
        return (names, [.. relations.Select(r => r.GetProperty("type").GetString()!)], visitor);
    }

    [Fact]
    public void Extract_UserAliasesAndRelations_JoinTwoNamesAndAddTheRelationType()
    {
        using var temp = new TempFolder();
        string aliases = temp.File("my.yaml", Aliases);
        string schema = temp.File("my-schema.yaml", Schema);
        string article = temp.File("story.txt", Article);

        (string[] plainNames, string[] plainTypes, _) = Read(CliRun.Invoke("extract", article));
        (string[] names, string[] types, string? visitor) = Read(CliRun.Invoke("extract", article, "--aliases", aliases, "--relations", schema));

        Assert.Empty(plainNames);
        Assert.DoesNotContain("visited", plainTypes);
        // One entity for both names, and the user's relation type on it.
        Assert.Equal(["Harlan Group", "Blue Tide"], names);
        Assert.Contains("visited", types);
        Assert.Equal("harlan_group", visitor);
    }

    [Fact]
    public void Extract_ConfigFile_NamesTheSameFilesRelativeToItsFolder()
    {
        using var temp = new TempFolder();
        temp.File("conf/dicts/my.yaml", Aliases);
        temp.File("conf/my-schema.yaml", Schema);
        string config = temp.File("conf/entitygraph.yaml", "aliases: [dicts/my.yaml]\nrelations: my-schema.yaml\n");
        string article = temp.File("story.txt", Article);

        (string[] names, string[] types, string? visitor) = Read(CliRun.Invoke("extract", article, "--config", config));

        Assert.Equal(["Harlan Group", "Blue Tide"], names);
        Assert.Contains("visited", types);
        Assert.Equal("harlan_group", visitor);
    }

    [Theory]
    [InlineData("--aliases", "entities:\n  - id: a\n    name: [x\n", 4)]
    [InlineData("--aliases", "entities:\n  - id: a\n    name: A\n    type: PERSON\n", 4)]
    [InlineData("--relations", "version: 1\nrelations:\n  - type: [x\n", 4)]
    [InlineData("--relations", "version: 1\nrelations:\n  - type: x\n    colour: red\n", 4)]
    [InlineData("--config", "aliases: [a.yaml]\nmodel:\n  ner: x.egm\n", 2)]
    [InlineData("--config", "relations: missing.yaml\n", 1)]
    [InlineData("--config", "models: [x\n", 2)]
    public void Extract_BadYaml_ReportsFileLineColumnAndExitsTwo(string option, string yaml, int line)
    {
        using var temp = new TempFolder();
        temp.File("a.yaml", Aliases);
        string bad = temp.File("bad.yaml", yaml);
        string article = temp.File("story.txt", Article);

        CliRun run = CliRun.Invoke("extract", article, option, bad);

        Assert.Equal(2, run.ExitCode);
        Assert.Matches($"^error: .*bad\\.yaml:{line}:[0-9]+: ", run.Error);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Theory]
    [InlineData("--aliases")]
    [InlineData("--relations")]
    [InlineData("--config")]
    [InlineData("--ner-model")]
    [InlineData("--parser-model")]
    public void Extract_MissingConfigurationFile_UsageErrorNamesIt(string option)
    {
        using var temp = new TempFolder();
        string article = temp.File("story.txt", Article);
        string missing = Path.Combine(temp.Path, "missing.file");

        CliRun run = CliRun.Invoke("extract", article, option, missing);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error: {missing}: no such file ({option}).", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--ner-model")]
    [InlineData("--pos-model")]
    [InlineData("--lemmatizer")]
    [InlineData("--parser-model")]
    public void Extract_ModelFileThatIsNoModel_ErrorNamesTheFile(string option)
    {
        using var temp = new TempFolder();
        string article = temp.File("story.txt", Article);
        string notModel = temp.File("not-a-model.egm", "just text\n");

        CliRun run = CliRun.Invoke("extract", article, option, notModel);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("not-a-model.egm", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_NerModelOption_TheEmbeddedModelsFileGivesTheSameOutput()
    {
        using var temp = new TempFolder();
        string article = temp.File("story.txt", "Kerry met Zarif in Vienna, the State Department said.\n");
        string model = Path.Combine(TestHelpers.RepoRoot, "models", "ner-en-conll.egm");

        CliRun plain = CliRun.Invoke("extract", article);
        CliRun withModel = CliRun.Invoke("extract", article, "--ner-model", model);

        Assert.Equal(0, withModel.ExitCode);
        Assert.Equal(plain.Out, withModel.Out);
    }

    /// <summary>Every command that reads articles takes --max-size (graph and graph add had a fixed 20 MB).</summary>
    [Theory]
    [InlineData("extract")]
    [InlineData("graph")]
    [InlineData("graph add")]
    [InlineData("view")]
    public void ArticleCommands_MaxSize_RefuseALargerInputWithAClearMessage(string command)
    {
        using var temp = new TempFolder();
        string large = temp.File("large.txt", new string('a', 1_100_000) + "\n");
        string[] args = [.. command.Split(' '), large, "--max-size", "1", .. Extra(command, temp)];

        CliRun run = CliRun.Invoke(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error: {large}: 1.0 MB is larger than --max-size 1 MB; raise --max-size to process it, or split the file.", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("extract")]
    [InlineData("graph")]
    [InlineData("graph add")]
    [InlineData("view")]
    public void ArticleCommands_MaxSizeAndThreadsBelowOne_AreUsageErrors(string command)
    {
        using var temp = new TempFolder();
        string article = temp.File("story.txt", Article);

        CliRun size = CliRun.Invoke([.. command.Split(' '), article, "--max-size", "0", .. Extra(command, temp)]);
        CliRun threads = CliRun.Invoke([.. command.Split(' '), article, "--threads", "0", .. Extra(command, temp)]);

        Assert.Equal(2, size.ExitCode);
        Assert.Contains("error: --max-size must be at least 1 (megabytes; got 0).", size.Error, StringComparison.Ordinal);
        Assert.Equal(2, threads.ExitCode);
        Assert.Contains("error: --threads must be at least 1 (got 0).", threads.Error, StringComparison.Ordinal);
    }

    private static string[] Extra(string command, TempFolder temp) => command switch
    {
        "graph add" => ["--db", Path.Combine(temp.Path, "graph.db")],
        "view" => ["--out", Path.Combine(temp.Path, "pages")],
        _ => [],
    };
}
