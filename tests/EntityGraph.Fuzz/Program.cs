using System.Diagnostics;
using System.Globalization;
using System.Text;
using EntityGraph.Text;

namespace EntityGraph.Fuzz;

/// <summary>
/// The fuzz harness: generates documents (random bytes, random Unicode from many blocks, punctuation storms, 10^5-character
/// tokens, many distinct names, news-like and noisy news text), runs the default pipeline on each, and checks offsets,
/// the JSON, brat, CoNLL-U, GraphML and DOT outputs, and time per megabyte. Exit code 0 when nothing failed, 1 otherwise.
/// Usage: <c>dotnet run -c Release --project tests/EntityGraph.Fuzz -- [--count N] [--seed S] [--threads T]
/// [--only INDEX] [--save DIR]</c>; FUZZ_COUNT and FUZZ_SEED set the defaults.
/// </summary>
internal static class Program
{
    /// <summary>The time bound: a document may take this much per megabyte of text, plus a fixed allowance.</summary>
    private const double MaxSecondsPerMegabyte = 20.0;
    private const double AllowanceSeconds = 2.0;

    private static int Main(string[] args)
    {
        int count = int.Parse(Environment.GetEnvironmentVariable("FUZZ_COUNT") ?? "10000", CultureInfo.InvariantCulture);
        ulong seed = ulong.Parse(Environment.GetEnvironmentVariable("FUZZ_SEED") ?? "20261203", CultureInfo.InvariantCulture);
        int threads = Environment.ProcessorCount;
        int only = -1;
        string? save = null;
        for (int i = 0; i < args.Length; i++)
        {
            string value = i + 1 < args.Length ? args[i + 1] : string.Empty;
            switch (args[i])
            {
                case "--count": count = int.Parse(value, CultureInfo.InvariantCulture); i++; break;
                case "--seed": seed = ulong.Parse(value, CultureInfo.InvariantCulture); i++; break;
                case "--threads": threads = int.Parse(value, CultureInfo.InvariantCulture); i++; break;
                case "--only": only = int.Parse(value, CultureInfo.InvariantCulture); i++; break;
                case "--save": save = value; i++; break;
                default:
                    Console.Error.WriteLine($"error: unknown argument '{args[i]}'. Usage: [--count N] [--seed S] [--threads T] [--only INDEX] [--save DIR]");
                    return 2;
            }
        }

        Pipeline pipeline = Pipeline.CreateDefault();
        pipeline.Process("Warm-up: Barack Obama visited Baghdad.");
        var stats = new Stats();
        var failures = new List<string>();
        var wall = Stopwatch.StartNew();
        IEnumerable<int> indices = only >= 0 ? [only] : Enumerable.Range(0, count);
        Parallel.ForEach(indices, new ParallelOptions { MaxDegreeOfParallelism = threads }, index =>
        {
            FuzzCase fuzz = FuzzGen.ForIndex(seed, index);
            List<string> problems = Run(pipeline, fuzz, stats);
            if (problems.Count == 0)
                return;
            lock (failures)
            {
                foreach (string problem in problems)
                    failures.Add($"seed {seed} document {index} ({fuzz.Kind}): {problem}");
            }
            if (save is not null)
            {
                Directory.CreateDirectory(save);
                string path = Path.Combine(save, $"fuzz-{seed}-{index}.{(fuzz.Bytes is null ? "txt" : "bin")}");
                if (fuzz.Bytes is not null)
                    File.WriteAllBytes(path, fuzz.Bytes);
                else
                    File.WriteAllText(path, fuzz.Text, new UTF8Encoding(false));
            }
        });
        wall.Stop();

        double megabytes = stats.Chars / 1e6; // millions of UTF-16 characters
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"fuzz: seed {seed}, {stats.Documents:N0} documents on {threads} thread(s)");
        report.AppendLine(CultureInfo.InvariantCulture, $"  by kind: {string.Join(", ", stats.ByKind.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value:N0}"))}");
        report.AppendLine(CultureInfo.InvariantCulture, $"  refused as binary (expected for random bytes): {stats.Refused:N0}");
        report.AppendLine(CultureInfo.InvariantCulture, $"  text: {megabytes:F2} M characters ({stats.Utf8Bytes / 1048576.0:F2} MB as UTF-8), {stats.Tokens:N0} tokens, {stats.Mentions:N0} mentions, {stats.Relations:N0} relations");
        report.AppendLine(CultureInfo.InvariantCulture, $"  time: {wall.Elapsed.TotalSeconds:F1} s wall; pipeline {stats.PipelineSeconds:F1} s {(ThreadCpu.IsAvailable ? "CPU" : "wall")} ({stats.PipelineSeconds / Math.Max(stats.Utf8Bytes / 1048576.0, 1e-9):F2} s per MB), checks and writers {stats.CheckSeconds:F1} s wall");
        report.AppendLine(CultureInfo.InvariantCulture, $"  pipeline s per MB by kind: {string.Join(", ", stats.SecondsByKind.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value.Seconds / Math.Max(k.Value.Bytes / 1048576.0, 1e-9):F1} ({k.Value.Bytes / 1048576.0:F2} MB)"))}");
        report.AppendLine(CultureInfo.InvariantCulture, $"  slowest document: {stats.SlowestSeconds:F2} s ({stats.SlowestIndex}, {stats.SlowestKind}, {stats.SlowestChars:N0} characters); worst {stats.WorstSecondsPerMegabyte:F2} s per MB among documents of 64 KB or more");
        report.AppendLine(CultureInfo.InvariantCulture, $"  bound: {AllowanceSeconds} s + {MaxSecondsPerMegabyte} s per MB per document");
        report.AppendLine(CultureInfo.InvariantCulture, $"  failures: {failures.Count}");
        Console.Write(report.ToString());
        foreach (string failure in failures.Take(50))
            Console.WriteLine("FAIL " + failure);
        if (failures.Count > 50)
            Console.WriteLine($"... and {failures.Count - 50} more");
        return failures.Count == 0 ? 0 : 1;
    }

    private static List<string> Run(Pipeline pipeline, FuzzCase fuzz, Stats stats)
    {
        var problems = new List<string>();
        string text;
        if (fuzz.Bytes is not null)
        {
            try
            {
                text = ArticleReader.Decode(fuzz.Bytes, "bytes", "bytes").Text;
            }
            catch (InvalidDataException)
            {
                stats.Add(fuzz, 0, 0, null, 0, refused: true);
                return problems;
            }
        }
        else
        {
            text = fuzz.Text!;
        }
        var clock = Stopwatch.StartNew();
        double cpuStart = ThreadCpu.Seconds();
        Document document;
        try
        {
            document = pipeline.Process(new Document(text, "fuzz" + fuzz.Index.ToString(CultureInfo.InvariantCulture)));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            problems.Add($"pipeline threw {ex.GetType().Name}: {ex.Message} {ex.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}");
            return problems;
        }
        // CPU time of this thread, so that other processes on a busy machine do not count against the document.
        double seconds = ThreadCpu.IsAvailable ? ThreadCpu.Seconds() - cpuStart : clock.Elapsed.TotalSeconds;
        clock.Restart();
        try
        {
            Checks.Document(document, problems);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            problems.Add($"a writer or check threw {ex.GetType().Name}: {ex.Message} {ex.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}");
        }
        double checkSeconds = clock.Elapsed.TotalSeconds;
        long bytes = Encoding.UTF8.GetByteCount(text);
        double bound = AllowanceSeconds + MaxSecondsPerMegabyte * bytes / 1048576.0;
        if (seconds > bound)
            problems.Add($"took {seconds:F2} s for {bytes:N0} bytes, over the bound of {bound:F2} s");
        stats.Add(fuzz, text.Length, bytes, document, seconds, refused: false, checkSeconds);
        return problems;
    }

    /// <summary>The calling thread's CPU time (Linux clock_gettime(CLOCK_THREAD_CPUTIME_ID)); elsewhere unavailable.</summary>
    private static class ThreadCpu
    {
        public static readonly bool IsAvailable = OperatingSystem.IsLinux() && Probe();

        public static double Seconds()
        {
            if (!IsAvailable)
                return 0;
            _ = clock_gettime(3, out TimeSpec t);
            return t.Seconds + t.Nanoseconds / 1e9;
        }

        private static bool Probe()
        {
            try
            {
                return clock_gettime(3, out _) == 0;
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                return false;
            }
        }

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
        private static extern int clock_gettime(int clock, out TimeSpec time);

        [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
        private struct TimeSpec
        {
            public long Seconds;
            public long Nanoseconds;
        }
    }

    private sealed class Stats
    {
        public int Documents;
        public int Refused;
        public long Chars;
        public long Utf8Bytes;
        public long Tokens;
        public long Mentions;
        public long Relations;
        public double PipelineSeconds;
        public double CheckSeconds;
        public double SlowestSeconds;
        public int SlowestIndex;
        public FuzzKind SlowestKind;
        public int SlowestChars;
        public double WorstSecondsPerMegabyte;
        public Dictionary<FuzzKind, int> ByKind { get; } = [];
        public Dictionary<FuzzKind, (double Seconds, long Bytes)> SecondsByKind { get; } = [];

        public void Add(FuzzCase fuzz, int chars, long bytes, Document? document, double seconds, bool refused, double checkSeconds = 0)
        {
            lock (this)
            {
                Documents++;
                ByKind[fuzz.Kind] = ByKind.GetValueOrDefault(fuzz.Kind) + 1;
                if (refused)
                {
                    Refused++;
                    return;
                }
                Chars += chars;
                Utf8Bytes += bytes;
                Tokens += document!.Tokens.Count;
                Mentions += document.Mentions.Count;
                Relations += document.Relations.Count;
                PipelineSeconds += seconds;
                (double s0, long b0) = SecondsByKind.GetValueOrDefault(fuzz.Kind);
                SecondsByKind[fuzz.Kind] = (s0 + seconds, b0 + bytes);
                CheckSeconds += checkSeconds;
                if (seconds > SlowestSeconds)
                {
                    SlowestSeconds = seconds;
                    SlowestIndex = fuzz.Index;
                    SlowestKind = fuzz.Kind;
                    SlowestChars = chars;
                }
                if (bytes >= 65536)
                    WorstSecondsPerMegabyte = Math.Max(WorstSecondsPerMegabyte, seconds / (bytes / 1048576.0));
            }
        }
    }
}
