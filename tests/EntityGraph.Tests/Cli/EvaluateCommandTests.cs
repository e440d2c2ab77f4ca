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

    // A small corpus of invented sentences: one gold document, and predictions that lose each relation in a different place.
    private const string DeltaText = "Mara Velko met Tobin Arlo in Dunmore on Tuesday. The Harlan Group took Port Essa. Kessa Lund spoke later.\nRavi Okon praised Dunmore.\n";

    private static string Mention(int id, string tag, string name, int occurrence = 0)
    {
        int start = -1;
        for (int i = 0; i <= occurrence; i++)
            start = DeltaText.IndexOf(name, start + 1, StringComparison.Ordinal);
        return $"T{id}\t{tag} {start} {start + name.Length}\t{name}\n";
    }

    private static TempFolder DeltaCorpus()
    {
        var folder = new TempFolder();
        folder.File("gold/delta.txt", DeltaText);
        folder.File("gold/delta.ann",
            Mention(1, "PER", "Mara Velko") + Mention(2, "PER", "Tobin Arlo") + Mention(3, "LOC", "Dunmore") + Mention(4, "ORG", "Harlan Group") +
            Mention(5, "LOC", "Port Essa") + Mention(6, "PER", "Kessa Lund") + Mention(7, "PER", "Ravi Okon") + Mention(8, "LOC", "Dunmore", 1) +
            "N1\tReference T3 EG:dunmore\tDunmore\nN2\tReference T8 EG:dunmore\tDunmore\n" +
            "R1\theld_talks_with Arg1:T1 Arg2:T2\n" +
            "R2\tcaptured Arg1:T4 Arg2:T5\n" +
            "R3\taffiliated_with Arg1:T6 Arg2:T4\n" +
            "R4\theld_talks_with Arg1:T6 Arg2:T7\n");
        // The system found every name but Harlan Group, no gold relation, and one relation of its own.
        folder.File("pred/delta.ann",
            Mention(1, "PER", "Mara Velko") + Mention(2, "PER", "Tobin Arlo") + Mention(3, "LOC", "Dunmore") +
            Mention(4, "LOC", "Port Essa") + Mention(5, "PER", "Kessa Lund") + Mention(6, "PER", "Ravi Okon") + Mention(7, "LOC", "Dunmore", 1) +
            "N1\tReference T3 EG:dunmore\tDunmore\nN2\tReference T7 EG:dunmore\tDunmore\n" +
            "R1\tlocated_in Arg1:T4 Arg2:T3\n" +
            "#1\tAnnotatorNotes R1\tpattern: comma-place; confidence: 0.5; trigger: none; sentence: 1, 49-81\n");
        return folder;
    }

    [Fact]
    public void Evaluate_Triples_MissedShowsTheGoldSentenceAndWhereItWasLost()
    {
        using TempFolder corpus = DeltaCorpus();

        (int exit, string output, string error) = Run("evaluate", "--gold", Path.Combine(corpus.Path, "gold"), "--pred", Path.Combine(corpus.Path, "pred"), "--triples");

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error);
        Assert.Contains(
            "missed   delta: held_talks_with(Mara Velko, Tobin Arlo) - both found in one sentence\n" +
            "    R1 \"Mara Velko\" 0-10 -> \"Tobin Arlo\" 15-25\n" +
            "      sentence 0 [0-48]: Mara Velko met Tobin Arlo in Dunmore on Tuesday.\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("missed   delta: captured(Harlan Group, Port Essa) - subject entity not found\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("      sentence 1 [49-81]: The Harlan Group took Port Essa.", output, StringComparison.Ordinal);
        Assert.Contains("missed   delta: affiliated_with(Kessa Lund, Harlan Group) - object entity not found", output, StringComparison.Ordinal);
        // The two mentions lie in two sentences: both are shown.
        Assert.Contains(
            "missed   delta: held_talks_with(Kessa Lund, Ravi Okon) - both found, never in one sentence\n" +
            "    R4 \"Kessa Lund\" 82-92 -> \"Ravi Okon\" 106-115\n" +
            "      sentence 2 [82-105]: Kessa Lund spoke later.\n" +
            "      sentence 3 [106-132]: Ravi Okon praised Dunmore.\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_Triples_SpuriousFromBratShowsItsNoteAndSentences()
    {
        using TempFolder corpus = DeltaCorpus();

        (_, string output, _) = Run("evaluate", "--gold", Path.Combine(corpus.Path, "gold"), "--pred", Path.Combine(corpus.Path, "pred"), "--triples");

        Assert.Contains(
            "spurious delta: located_in(Port Essa, Dunmore)\n" +
            "    R1 \"Port Essa\" 71-80 -> \"Dunmore\" 29-36; note: pattern: comma-place; confidence: 0.5; trigger: none; sentence: 1, 49-81\n" +
            "      sentence 1 [49-81]: The Harlan Group took Port Essa.\n" +
            "      sentence 0 [0-48]: Mara Velko met Tobin Arlo in Dunmore on Tuesday.\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("│", output[output.IndexOf("Missed and spurious", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_Type_ListsOnlyThatTypeAndImpliesTriples()
    {
        using TempFolder corpus = DeltaCorpus();

        (int exit, string output, _) = Run("evaluate", "--gold", Path.Combine(corpus.Path, "gold"), "--pred", Path.Combine(corpus.Path, "pred"), "--type", "held_talks_with");

        Assert.Equal(0, exit);
        Assert.Contains("Missed and spurious held_talks_with relations", output, StringComparison.Ordinal);
        Assert.Contains("missed   delta: held_talks_with(Mara Velko, Tobin Arlo)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("delta: captured(", output, StringComparison.Ordinal);
        Assert.DoesNotContain("delta: located_in(", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_Type_UnknownTypeSaysSo()
    {
        using TempFolder corpus = DeltaCorpus();

        (int exit, string output, _) = Run("evaluate", "--gold", Path.Combine(corpus.Path, "gold"), "--pred", Path.Combine(corpus.Path, "pred"), "--type", "captures");

        Assert.Equal(0, exit);
        Assert.Contains("  none", output, StringComparison.Ordinal);
        Assert.Contains("note: no relation of type 'captures' in gold or system output", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_Triples_PipelineSpuriousShowsEvidenceWithPatternTriggerAndModality()
    {
        using var corpus = new TempFolder();
        const string text = "The Harlan Group captured Port Essa on Monday.\n";
        corpus.File("gold/echo.txt", text);
        // Gold names the two organisations but states no relation, so the pipeline's capture is spurious.
        corpus.File("gold/echo.ann", "T1\tORG 4 16\tHarlan Group\nT2\tLOC 26 35\tPort Essa\n");

        (int exit, string output, _) = Run("evaluate", "--gold", Path.Combine(corpus.Path, "gold"), "--triples");

        Assert.Equal(0, exit);
        Assert.Matches("spurious echo: captured\\(Harlan Group, Port Essa\\)\\r?\\n" +
            "    evidence \"Harlan Group\" -> \"Port Essa\": pattern [^,]+, trigger \"captured\" 17-25, asserted, confidence (1|0\\.[0-9]+)\\r?\\n" +
            "      sentence 0 \\[0-46\\]: The Harlan Group captured Port Essa on Monday\\.", output);
    }
}
