using System.CommandLine;
using EntityGraph.Training;

namespace EntityGraph.Cli;

/// <summary>
/// <c>entitygraph train relations</c>: the learned relation scorer (issue 13). Reads news-dev (cross-validated by
/// document) and DWIE (always in training) from the shared data folder, scores the seeds as held-out text.
/// </summary>
internal static class TrainRelationsCommand
{
    public static Command Create(CliConsole console)
    {
        var data = new Option<string?>("--data") { Description = "Shared data folder holding news-dev/a, news-dev/b and dwie/train (default: ../shared/data when present)." };
        var folds = new Option<string[]>("--cv") { Description = "Annotated brat folders cross-validated by document (default: DATA/news-dev/a and DATA/news-dev/b).", AllowMultipleArgumentsPerToken = true };
        var extra = new Option<string[]>("--extra") { Description = "Annotated brat folders always in training (default: DATA/dwie/train; 'none' for none).", AllowMultipleArgumentsPerToken = true };
        var extraWeight = new Option<float>("--extra-weight") { Description = "Weight of each extra-corpus candidate.", DefaultValueFactory = _ => 0.3f };
        var extraLimit = new Option<int>("--extra-limit") { Description = "Read at most this many extra documents (0: all)." };
        var heldOut = new Option<string[]>("--held-out") { Description = "Folders scored by the final model only (default: benchmarks/corpus/seeds).", AllowMultipleArgumentsPerToken = true };
        var foldCount = new Option<int>("--folds") { Description = "Cross-validation folds.", DefaultValueFactory = _ => 5 };
        var learner = new Option<string>("--learner") { Description = "auto (pick by cross-validated F1), lightgbm or logistic.", DefaultValueFactory = _ => "auto" };
        var threshold = new Option<double>("--threshold") { Description = "Default confidence cut stored in the model (0: chosen by cross-validation, the highest cut within 0.005 of the best mean F1 over the cross-validated sets).", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { Description = "Learner seed.", DefaultValueFactory = _ => 1 };
        var leaves = new Option<int>("--leaves") { Description = "LightGBM: leaves per tree.", DefaultValueFactory = _ => 16 };
        var trees = new Option<int>("--trees") { Description = "LightGBM: boosting rounds.", DefaultValueFactory = _ => 200 };
        var rate = new Option<double>("--learning-rate") { Description = "LightGBM: learning rate.", DefaultValueFactory = _ => 0.05 };
        var minLeaf = new Option<int>("--min-leaf") { Description = "LightGBM: fewest examples per leaf.", DefaultValueFactory = _ => 10 };
        var everyCooccurrence = new Option<bool>("--label-every-cooccurrence") { Description = "Train every co-occurrence of a gold triple's entities as positive (default: only the annotated sentence's)." };
        var output = new Option<string>("--out") { Description = "Model file to write; the manifest goes beside it.", DefaultValueFactory = _ => "models/relations-en-news.egm" };
        var command = new Command("relations", "Train the relation scorer (LightGBM or logistic regression, ML.NET) on annotated brat folders.")
        {
            data, folds, extra, extraWeight, extraLimit, heldOut, foldCount, learner, threshold, seed, leaves, trees, rate, minLeaf, everyCooccurrence, output,
        };
        command.SetAction(parse =>
        {
            string? dataDir = parse.GetValue(data);
            if (dataDir is null && Directory.Exists("../shared/data"))
                dataDir = "../shared/data";
            string[] cv = parse.GetValue(folds) is { Length: > 0 } given ? given
                : dataDir is null ? [] : [Path.Combine(dataDir, "news-dev", "a"), Path.Combine(dataDir, "news-dev", "b")];
            string[] extras = parse.GetValue(extra) is { Length: > 0 } e ? (e is ["none"] ? [] : e)
                : dataDir is null ? [] : [Path.Combine(dataDir, "dwie", "train")];
            string[] held = parse.GetValue(heldOut) is { Length: > 0 } h ? h : Directory.Exists("benchmarks/corpus/seeds") ? ["benchmarks/corpus/seeds"] : [];
            if (cv.Length == 0)
            {
                console.Error.WriteLine("error: no training data: ../shared/data is absent here; give --data DIR (the folder holding news-dev/ and dwie/) or --cv DIR...");
                return ExitCodes.UsageOrInputError;
            }
            foreach (string folder in cv.Concat(extras).Concat(held))
            {
                if (!Directory.Exists(folder))
                {
                    console.Error.WriteLine($"error: the folder '{folder}' does not exist.");
                    return ExitCodes.UsageOrInputError;
                }
            }
            string chosen = parse.GetValue(learner)!;
            if (chosen is not ("auto" or "lightgbm" or "logistic"))
            {
                console.Error.WriteLine($"error: --learner must be auto, lightgbm or logistic, not '{chosen}'.");
                return ExitCodes.UsageOrInputError;
            }
            if (parse.GetValue(foldCount) < 2 || parse.GetValue(threshold) is < 0 or > 1 || parse.GetValue(extraWeight) < 0)
            {
                console.Error.WriteLine("error: --folds must be at least 2, --threshold between 0 and 1, --extra-weight not negative.");
                return ExitCodes.UsageOrInputError;
            }
            try
            {
                return RelationTrainer.Train(new RelationTrainingOptions
                {
                    Folds = cv,
                    Extra = extras,
                    ExtraWeight = parse.GetValue(extraWeight),
                    ExtraLimit = parse.GetValue(extraLimit),
                    HeldOut = held,
                    FoldCount = parse.GetValue(foldCount),
                    Learner = chosen,
                    Threshold = parse.GetValue(threshold),
                    Seed = parse.GetValue(seed),
                    Leaves = parse.GetValue(leaves),
                    Trees = parse.GetValue(trees),
                    LearningRate = parse.GetValue(rate),
                    MinLeaf = parse.GetValue(minLeaf),
                    SentenceLabels = !parse.GetValue(everyCooccurrence),
                    Output = parse.GetValue(output)!,
                }, console.Out);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.UsageOrInputError;
            }
        });
        return command;
    }
}
