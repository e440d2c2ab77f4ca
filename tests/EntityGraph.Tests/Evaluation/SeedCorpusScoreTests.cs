using EntityGraph.Evaluation;

namespace EntityGraph.Tests.Evaluation;

/// <summary>
/// The current pipeline on the hand-annotated seed corpus (benchmarks/corpus/seeds) must not fall below the
/// floors in <see cref="Floors"/>. Floors only go up: an issue that improves a task raises its floor here.
/// </summary>
public class SeedCorpusScoreTests
{
    /// <summary>Minimum F1 per task (B-cubed F1 for entities), set just under the scores of the pipeline that set them
    /// (recognizer with forced dictionary names, parser, alias resolver, relation extractor); raise them as it improves.</summary>
    public static TheoryData<string, double> Floors => new()
    {
        { "mentions", 0.96 },
        { "mentions PER", 0.96 },
        { "mentions ORG", 0.94 },
        { "mentions LOC", 0.98 },
        { "mentions MISC", 0.93 },
        { "entities", 0.98 },
        { "relations", 0.86 },
    };

    private static readonly Lazy<(BratCorpus Corpus, EvaluationReport Report)> Scored = new(Score);

    [Fact]
    public void SeedCorpus_EveryTextIsAnnotatedAndReadsCleanly()
    {
        BratCorpus corpus = Scored.Value.Corpus;

        Assert.DoesNotContain(corpus.Problems, p => p.Severity == ProblemSeverity.Error);
        Assert.Equal(corpus.AnnotationFileCount, corpus.Documents.Count);
    }

    [Fact]
    public void SeedCorpus_GoldAgainstItselfScoresOne()
    {
        BratCorpus corpus = Scored.Value.Corpus;

        EvaluationScores total = BratEvaluator.Evaluate(corpus.Documents.Select(d => (d, d))).Total;

        Assert.True(total.Mentions.Gold > 0, "the seed corpus has no mentions");
        Assert.Equal(1.0, total.Mentions.F1);
        Assert.Equal(1.0, total.Entities.F1, 12);
        Assert.Equal(total.Relations.Gold, total.Relations.TruePositives);
    }

    [Theory]
    [MemberData(nameof(Floors))]
    public void DefaultPipeline_StaysAboveTheFloor(string task, double floor)
    {
        EvaluationScores total = Scored.Value.Report.Total;

        double f1 = task switch
        {
            "mentions" => total.Mentions.F1,
            "entities" => total.Entities.F1,
            "relations" => total.Relations.F1,
            _ when task.StartsWith("mentions ", StringComparison.Ordinal) => total.MentionsByTag.GetValueOrDefault(task[9..]).F1,
            _ => throw new ArgumentException($"unknown task '{task}'", nameof(task)),
        };

        // A score equal to its floor passes even when its division rounds just below it (relations: 52/65 = 0.8).
        Assert.True(f1 >= floor - 1e-9, $"{task}: F1 {f1:P2} fell below the floor {floor:P2}");
    }

    private static (BratCorpus, EvaluationReport) Score()
    {
        string seeds = Path.Combine(RepoRoot(), "benchmarks", "corpus", "seeds");
        BratCorpus corpus = BratReader.ReadFolder(seeds);
        // Never pass vacuously: the folder holds the seed texts, so each must have its .ann.
        if (corpus.UnannotatedTexts.Count > 0 || corpus.AnnotationFileCount == 0)
        {
            throw new InvalidOperationException(
                $"{seeds}: {corpus.UnannotatedTexts.Count} text(s) have no .ann ({string.Join(", ", corpus.UnannotatedTexts)}); " +
                "the seed corpus must be annotated (issue 3) before its scores can be checked.");
        }
        Pipeline pipeline = Pipeline.CreateDefault();
        var pairs = new List<(AnnotatedDocument, AnnotatedDocument)>();
        foreach (AnnotatedDocument gold in corpus.Documents)
            pairs.Add((gold, AnnotatedDocument.FromDocument(pipeline.Process(gold.Text, gold.Id))));
        return (corpus, BratEvaluator.Evaluate(pairs));
    }

    private static string RepoRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EntityGraph.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("EntityGraph.sln not found above " + AppContext.BaseDirectory);
    }
}
