using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using EntityGraph.Evaluation;
using EntityGraph.Output;

namespace EntityGraph.Benchmarks.Accuracy;

/// <summary>What a run of the keyword floor gave: its scores, or why it did not run, and the problems met reading its output.</summary>
internal sealed record KeywordFloorResult(EvaluationScores? Scores, string? SkipReason, IReadOnlyList<EvaluationProblem> Problems);

/// <summary>
/// The relation floor of ../shared/peers/keyword_relations.py: it keeps our mentions and entity links (the T and N lines
/// of our brat output), drops our relations and adds relations by sentence-level keyword rules. Our brat output goes to a
/// temporary folder, the script runs on it with python3, and its .ann files are scored by <see cref="BratEvaluator"/>,
/// the same scorer as ours. A missing python3 or script is reported as the reason, never as a failure.
/// </summary>
internal static class KeywordFloor
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static KeywordFloorResult Run(string script, IReadOnlyList<(AnnotatedDocument Gold, Document System)> documents)
    {
        if (!File.Exists(script))
            return new KeywordFloorResult(null, $"{script} is missing", []);
        string root = Path.Combine(Path.GetTempPath(), "entitygraph-keyword-floor-" + Guid.NewGuid().ToString("N"));
        string predicted = Path.Combine(root, "ours"), output = Path.Combine(root, "floor");
        try
        {
            Directory.CreateDirectory(predicted);
            var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
            foreach ((AnnotatedDocument gold, Document system) in documents)
            {
                // The script reads TEXT_DIR/NAME.txt and PRED_DIR/NAME.ann: both are this folder, as `extract --format brat --out` writes it.
                File.WriteAllText(Path.Combine(predicted, gold.Id + ".txt"), gold.Text, utf8);
                File.WriteAllText(Path.Combine(predicted, gold.Id + ".ann"), BratWriter.ToAnn(system), utf8);
            }
            string? failure = RunPython(script, predicted, output);
            if (failure is not null)
                return new KeywordFloorResult(null, failure, []);
            var problems = new List<EvaluationProblem>();
            var pairs = new List<(AnnotatedDocument, AnnotatedDocument)>();
            foreach ((AnnotatedDocument gold, _) in documents)
            {
                string ann = Path.Combine(output, gold.Id + ".ann");
                if (!File.Exists(ann))
                {
                    problems.Add(new EvaluationProblem(ann, 0, 0, "keyword floor wrote no file: scored as finding nothing", ProblemSeverity.Note));
                    pairs.Add((gold, new AnnotatedDocument(gold.Id, gold.Text, [], [])));
                    continue;
                }
                BratReadResult read = BratReader.Parse(gold.Id, gold.Text, File.ReadAllText(ann), ann);
                problems.AddRange(read.Problems.Where(p => p.Severity == ProblemSeverity.Error));
                pairs.Add((gold, read.Document ?? new AnnotatedDocument(gold.Id, gold.Text, [], [])));
            }
            return new KeywordFloorResult(BratEvaluator.Evaluate(pairs).Total, null, problems);
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Runs <c>python3 SCRIPT TEXT_DIR PRED_DIR OUT_DIR</c>; returns why it failed, or null.</summary>
    private static string? RunPython(string script, string predicted, string output)
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { script, predicted, predicted, output })
            start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception("no process");
        }
        catch (Win32Exception)
        {
            return "python3 is not on the PATH";
        }
        using (process)
        {
            System.Threading.Tasks.Task<string> stderr = process.StandardError.ReadToEndAsync();
            System.Threading.Tasks.Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                return $"python3 {Path.GetFileName(script)} did not finish in {Timeout.TotalSeconds:0} s";
            }
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                string last = stderr.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
                return $"python3 {Path.GetFileName(script)} exited with {process.ExitCode}: {last}";
            }
            _ = stdout.Result;
        }
        return null;
    }
}
