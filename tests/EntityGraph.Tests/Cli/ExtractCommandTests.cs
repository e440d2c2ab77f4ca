using System.Text;
using System.Text.Json;

namespace EntityGraph.Tests.Cli;

public class ExtractCommandTests
{
    private static string Seed(string name) => Path.Combine(TestHelpers.SeedCorpus, name);

    [Fact]
    public void Extract_SeedAsJson_PrintsValidJsonWithSentences()
    {
        CliRun run = CliRun.Invoke("extract", Seed("001_eebee293d901455e.txt"), "--format", "json");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        using JsonDocument json = JsonDocument.Parse(run.Out);
        Assert.Equal("001_eebee293d901455e", json.RootElement.GetProperty("id").GetString());
        Assert.True(json.RootElement.GetProperty("sentences").GetArrayLength() > 50);
    }

    [Fact]
    public void Extract_Brat_PrintsAnnText()
    {
        CliRun run = CliRun.Invoke("extract", Seed("000_02c660931d4fc233.txt"), "--format", "brat");
        Assert.Equal(0, run.ExitCode);
        Assert.All(run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.Matches(@"^([TNR]\d+\t|#\d+\tAnnotatorNotes R\d+\tpattern: )", line));
    }

    [Fact]
    public void Extract_ConllU_PrintsOneParsedBlockPerSentence()
    {
        CliRun run = CliRun.Invoke("extract", Seed("000_02c660931d4fc233.txt"), "--format", "conllu");
        Assert.Equal(0, run.ExitCode);
        string[] rows = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).ToArray();
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Matches(@"^\d+\t[^\t]+\t[^\t]+\t[A-Z]+\t[^\t]+\t_\t\d+\t[a-z:]+\t_\tTokenRange=\d+:\d+", row));
        Assert.Contains("NER=B-ORG", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_FolderToOut_WritesOneFilePerInputMirroringSubfolders()
    {
        using var temp = new TempFolder();
        temp.File("in/a.txt", "Kerry met Zarif in Vienna.");
        temp.File("in/sub/b.txt", "ISIS captured Tal Afar.");
        temp.File("in/notes.md", "not an article");
        string outDir = Path.Combine(temp.Path, "out");
        CliRun run = CliRun.Invoke("extract", Path.Combine(temp.Path, "in"), "--out", outDir, "--format", "brat");
        Assert.Equal(0, run.ExitCode);
        Assert.True(File.Exists(Path.Combine(outDir, "a.ann")));
        Assert.True(File.Exists(Path.Combine(outDir, "sub", "b.ann")));
        Assert.Equal("ISIS captured Tal Afar.", File.ReadAllText(Path.Combine(outDir, "sub", "b.txt")));
        Assert.False(File.Exists(Path.Combine(outDir, "notes.ann")));
        Assert.Contains("2 document(s) written, 0 failed", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_JsonToOut_WritesNameJson()
    {
        using var temp = new TempFolder();
        string file = temp.File("story.txt", "The US held talks with Iran.");
        string outDir = Path.Combine(temp.Path, "out");
        Assert.Equal(0, CliRun.Invoke("extract", file, "--out", outDir).ExitCode);
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "story.json")));
        Assert.Equal("story", json.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public void Extract_Jsonl_OneLinePerDocument()
    {
        CliRun run = CliRun.Invoke("extract", Seed("000_02c660931d4fc233.txt"), Seed("001_eebee293d901455e.txt"), "--format", "jsonl");
        Assert.Equal(0, run.ExitCode);
        string[] lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal("000_02c660931d4fc233", JsonDocument.Parse(lines[0]).RootElement.GetProperty("id").GetString());
        Assert.Equal("001_eebee293d901455e", JsonDocument.Parse(lines[1]).RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public void Extract_Stdin_Processed()
    {
        CliRun run = CliRun.WithInput("Obama sends troops back to Iraq.", "extract", "-", "--tokens");
        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = JsonDocument.Parse(run.Out);
        Assert.Equal(7, json.RootElement.GetProperty("tokens").GetArrayLength());
    }

    [Fact]
    public void Extract_MissingPath_ExitTwoWithMessage()
    {
        CliRun run = CliRun.Invoke("extract", "/no/such/article.txt");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("/no/such/article.txt: no such file or folder", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_MissingPathAmongGood_PartialFailureRestCompletes()
    {
        using var temp = new TempFolder();
        string good = temp.File("good.txt", "Kerry spoke.");
        string outDir = Path.Combine(temp.Path, "out");
        CliRun run = CliRun.Invoke("extract", good, "/no/such/file.txt", "--out", outDir);
        Assert.Equal(1, run.ExitCode);
        Assert.True(File.Exists(Path.Combine(outDir, "good.json")));
    }

    [Fact]
    public void Extract_EmptyAndWhitespaceFiles_WarnAndSucceed()
    {
        using var temp = new TempFolder();
        temp.File("in/empty.txt", "");
        temp.File("in/blank.txt", "  \n\n\t ");
        CliRun run = CliRun.Invoke("extract", Path.Combine(temp.Path, "in"), "--out", Path.Combine(temp.Path, "out"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("empty.txt: empty input", run.Error, StringComparison.Ordinal);
        Assert.Contains("blank.txt: input holds only whitespace", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_BinaryFile_ClearErrorExitTwo()
    {
        using var temp = new TempFolder();
        string file = temp.File("photo.txt", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46]);
        CliRun run = CliRun.Invoke("extract", file);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("photo.txt: binary data (NUL byte at byte offset 4)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_InvalidUtf8_WarnsAndKeepsGoing()
    {
        using var temp = new TempFolder();
        string file = temp.File("latin1.txt", [.. Encoding.ASCII.GetBytes("Caf"), 0xE9, .. Encoding.ASCII.GetBytes(" in Baghdad.")]);
        CliRun run = CliRun.Invoke("extract", file);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("latin1.txt:1:4: invalid UTF-8", run.Error, StringComparison.Ordinal);
        using JsonDocument json = JsonDocument.Parse(run.Out);
        Assert.Single(json.RootElement.GetProperty("warnings").EnumerateArray());
    }

    [Fact]
    public void Extract_FolderWithUnreadableFile_PartialFailureRestCompletes()
    {
        using var temp = new TempFolder();
        temp.File("in/good.txt", "Tal Afar is in Iraq.");
        // A dangling link is listed like a file but cannot be read, even by root.
        File.CreateSymbolicLink(Path.Combine(temp.Path, "in", "broken.txt"), Path.Combine(temp.Path, "gone.txt"));
        string outDir = Path.Combine(temp.Path, "out");
        CliRun run = CliRun.Invoke("extract", Path.Combine(temp.Path, "in"), "--out", outDir);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("broken.txt: cannot read", run.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(outDir, "good.json")));
        Assert.Contains("1 document(s) written, 1 failed", run.Error, StringComparison.Ordinal);
    }

    private static string WriteCopies(string path, long minimumBytes)
    {
        const string sentence = "The US is urgently deploying several hundred armed troops in and around Iraq.\n";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var writer = new StreamWriter(path))
        {
            for (long written = 0; written < minimumBytes; written += sentence.Length)
                writer.Write(sentence);
        }
        return path;
    }

    [Fact]
    public void Extract_HugeFile_RefusedWithClearMessageRestCompletes()
    {
        using var temp = new TempFolder();
        string huge = WriteCopies(Path.Combine(temp.Path, "in", "huge.txt"), 50L * 1024 * 1024);
        temp.File("in/small.txt", "Kerry met Zarif.");
        string outDir = Path.Combine(temp.Path, "out");
        CliRun run = CliRun.Invoke("extract", Path.Combine(temp.Path, "in"), "--out", outDir);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("huge.txt: 50.0 MB is larger than --max-size 20 MB", run.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(outDir, "small.json")));
        Assert.False(File.Exists(Path.Combine(outDir, "huge.json")));
        Assert.True(new FileInfo(huge).Length >= 50L * 1024 * 1024);
    }

    [Fact]
    public void Extract_LargeFileWithinMaxSize_Processed()
    {
        using var temp = new TempFolder();
        string path = WriteCopies(Path.Combine(temp.Path, "large.txt"), (3L * 1024 * 1024) / 2);
        string outDir = Path.Combine(temp.Path, "out");
        CliRun refused = CliRun.Invoke("extract", path, "--out", outDir, "--format", "brat", "--max-size", "1");
        Assert.Equal(2, refused.ExitCode);
        CliRun run = CliRun.Invoke("extract", path, "--out", outDir, "--format", "brat", "--max-size", "2");
        Assert.Equal(0, run.ExitCode);
        Assert.True(new FileInfo(Path.Combine(outDir, "large.ann")).Length > 0);
    }

    [Fact]
    public void Extract_SeveralInputsWithoutOut_UsageError()
    {
        CliRun run = CliRun.Invoke("extract", Seed("000_02c660931d4fc233.txt"), Seed("001_eebee293d901455e.txt"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--out DIR", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("extract", "--format", "xml", "a.txt")]
    [InlineData("extract")]
    [InlineData("frobnicate")]
    [InlineData("extract", "a.txt", "--threads", "0")]
    public void Extract_BadUsage_ExitTwo(params string[] args)
    {
        CliRun run = CliRun.Invoke(args);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_DescribesExtract()
    {
        CliRun run = CliRun.Invoke("extract", "--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--format", run.Out, StringComparison.Ordinal);
        Assert.Contains("--out", run.Out, StringComparison.Ordinal);
        Assert.Contains("standard input", run.Out, StringComparison.Ordinal);
    }

    private const string TwoRelations = "The Harlan Group captured Port Essa on Monday. Prime Minister Mara Velko met Tobin Arlo in Vienna, Austria.\n";

    [Theory]
    [InlineData("json")]
    [InlineData("brat")]
    public void Extract_MinConfidence_RaisingTheCutLeavesRelationsOut(string format)
    {
        CliRun all = CliRun.WithInput(TwoRelations, "extract", "-", "--format", format);
        CliRun strict = CliRun.WithInput(TwoRelations, "extract", "-", "--format", format, "--min-confidence", "1");

        Assert.Equal(0, strict.ExitCode);
        // Pattern statements carry the scorer's confidence (at least the patterns' measured precision, below 1).
        const string relation = "(captured Arg1:|\"type\": \"captured\")";
        Assert.Matches(relation, all.Out);
        Assert.DoesNotMatch(relation, strict.Out);
    }

    [Fact]
    public void Extract_MinConfidence_JsonCarriesTheConfidenceItFiltersOn()
    {
        CliRun run = CliRun.WithInput(TwoRelations, "extract", "-", "--format", "jsonl", "--min-confidence", "0.5");

        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = JsonDocument.Parse(run.Out);
        JsonElement[] relations = json.RootElement.GetProperty("relations").EnumerateArray().ToArray();
        Assert.NotEmpty(relations);
        Assert.All(relations, r => Assert.True(r.GetProperty("confidence").GetDouble() >= 0.5));
    }

    [Theory]
    [InlineData("-0.1")]
    [InlineData("1.5")]
    [InlineData("abc")]
    [InlineData("NaN")]
    [InlineData("0,5")]
    public void Extract_MinConfidence_OutsideZeroToOneIsAUsageError(string value)
    {
        CliRun run = CliRun.WithInput(TwoRelations, "extract", "-", "--min-confidence", value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"--min-confidence takes a number from 0 to 1, such as 0.5 (got '{value}')", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }
}
