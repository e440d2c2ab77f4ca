using EntityGraph.Cli;
using EntityGraph.Tests.Evaluation;

namespace EntityGraph.Tests.Cli;

public class EvaluateCommandTests
{
    private static (int Exit, string Out, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = CliApp.Run(args, new CliConsole(new StringReader(""), output, error));
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Evaluate_PredictionFolderPrintsPerDocumentAndTotal()
    {
        (int exit, string output, string error) = Run("evaluate", "--gold", EvaluationFixtures.Path("brat", "gold"), "--pred", EvaluationFixtures.Path("brat", "damaged"));

        Assert.Equal(0, exit);
        Assert.Contains("skipped 1 note line(s)", error, StringComparison.Ordinal);
        // alpha: mentions P 75.00 R 66.67 F1 70.59; total over both documents: P 80.00 R 72.73 F1 76.19.
        Assert.Matches(@"alpha\s*│\s*75\.00\s*│\s*66\.67\s*│\s*70\.59", output);
        Assert.Matches(@"total\s*│\s*80\.00\s*│\s*72\.73\s*│\s*76\.19", output);
        Assert.Matches(@"PER\s*│\s*100\.00\s*│\s*80\.00", output);
        Assert.DoesNotContain("\u001b[", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_Triples_PrintsPerTypeTableAndEachMissedOrSpuriousTriple()
    {
        (int exit, string output, _) = Run("evaluate", "--gold", EvaluationFixtures.Path("brat", "gold"), "--pred", EvaluationFixtures.Path("brat", "damaged"), "--triples");

        Assert.Equal(0, exit);
        Assert.Matches(@"captured\s*│\s*100\.00\s*│\s*100\.00\s*│\s*100\.00\s*│\s*1\s*│\s*1", output);
        Assert.Matches(@"held_talks_with\s*│\s*0\.00\s*│\s*0\.00\s*│\s*0\.00\s*│\s*1\s*│\s*1", output);
        Assert.Contains("missed   alpha: held_talks_with(Tobin Arlo, Mara Velko)", output, StringComparison.Ordinal);
        Assert.Contains("spurious alpha: held_talks_with(Ostrian officials, Mara Velko)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("captured(Harlan Group", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_GoldAgainstItselfScoresHundred()
    {
        (int exit, string output, _) = Run("evaluate", "--gold", EvaluationFixtures.Path("brat", "gold"), "--pred", EvaluationFixtures.Path("brat", "gold"));

        Assert.Equal(0, exit);
        Assert.Matches(@"total\s*│\s*100\.00\s*│\s*100\.00\s*│\s*100\.00\s*│\s*11\s*│\s*11\s*│\s*100\.00\s*│\s*100\.00", output);
    }

    [Fact]
    public void Evaluate_WithoutPredictionsRunsTheDefaultPipeline()
    {
        (int exit, string output, _) = Run("evaluate", "--gold", EvaluationFixtures.Path("brat", "gold"));

        Assert.Equal(0, exit);
        Assert.Contains("Default pipeline", output, StringComparison.Ordinal);
        Assert.Matches(@"total\s*│[^\n]*│\s*11\s*│", output);
    }

    [Fact]
    public void Evaluate_BadAnnotationIsReportedAndTheDocumentSkipped()
    {
        string folder = EvaluationFixtures.Path("brat", "bad");

        (int exit, string output, string error) = Run("evaluate", "--gold", folder, "--pred", folder);

        Assert.Equal(1, exit);
        Assert.Contains(Path.Combine(folder, "broken.ann") + ":2:8: error: offsets 17-40 are outside the text", error, StringComparison.Ordinal);
        Assert.Contains("skipped 1 document(s)", error, StringComparison.Ordinal);
        Assert.Contains("clean", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_MissingFolderIsAUsageError()
    {
        (int exit, _, string error) = Run("evaluate", "--gold", Path.Combine(Path.GetTempPath(), "no-such-folder-eg"));

        Assert.Equal(2, exit);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_FolderWithoutAnnFilesIsAUsageError()
    {
        (int exit, _, string error) = Run("evaluate", "--gold", EvaluationFixtures.Path("conll"));

        Assert.Equal(2, exit);
        Assert.Contains("has no .ann files", error, StringComparison.Ordinal);
    }
}
