using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using EntityGraph.Benchmarks.Speed;

namespace EntityGraph.Benchmarks.Serve;

/// <summary>
/// The load test of <c>entitygraph serve</c> (issue 16), bounded in time and count: the service runs as its own process
/// on 127.0.0.1 (so its memory is its own), N clients post news articles to <c>/v1/extract</c> in phases below and above
/// its concurrency limit, and the report gives requests/s, p50/p99 latency, status counts and the service's resident
/// memory every second. It fails (exit 1) on any error below the limit, on anything but 200 or 429 above it, or when
/// memory after warm-up grows by more than a fifth.
/// </summary>
internal static class ServeLoad
{
    private sealed record Phase(string Name, int Clients, int Seconds, bool AboveLimit);

    private sealed class Tally
    {
        public readonly List<double> OkMs = [];
        public readonly List<double> RejectedMs = [];
        public readonly Dictionary<string, int> Errors = new(StringComparer.Ordinal);
        public int Ok, Rejected;
    }

    public static int Run(string[] args, TextWriter output)
    {
        string root = BenchmarkCorpus.RepoRoot();
        int limit = 4, seconds = 20, maxRequests = 20_000;
        string outFile = Path.Combine(root, "benchmarks", "results", "serve.md");
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--limit": limit = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--seconds": seconds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--max-requests": maxRequests = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--out": outFile = args[++i]; break;
                default:
                    output.WriteLine($"unknown argument '{args[i]}'. Usage: serve-load [--limit N] [--seconds S] [--max-requests N] [--out FILE]");
                    return 2;
            }
        }
        (string[] articles, string source) = LoadArticles(root);
        string cli = FindCli(root);
        int port = FreePort();
        Phase[] phases =
        [
            new("warm-up", 2, seconds, false),
            new("1 client", 1, seconds, false),
            new($"{limit} clients (= limit)", limit, seconds, false),
            new($"{limit * 4} clients (4 x limit)", limit * 4, seconds, true),
            new($"{limit} clients again", limit, seconds, false),
        ];

        using var server = Process.Start(new ProcessStartInfo("dotnet", [cli, "serve", "--port", port.ToString(CultureInfo.InvariantCulture), "--max-concurrency", limit.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("could not start the service");
        server.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.WriteLine("[serve] " + e.Data); };
        server.BeginErrorReadLine();
        server.BeginOutputReadLine();
        var memory = new List<(double Second, string Phase, double RssMb)>();
        // The machine may be shared (CI, training jobs): the report says how busy it was when the run began.
        string load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
        var results = new List<(Phase Phase, Tally Tally, double Seconds)>();
        string stopped;
        try
        {
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
            using var client = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
            WaitUntilUp(client);
            var clock = Stopwatch.StartNew();
            string current = "start";
            using var sampling = new CancellationTokenSource();
            Task sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    server.Refresh();
                    lock (memory)
                        memory.Add((clock.Elapsed.TotalSeconds, current, server.WorkingSet64 / 1048576.0));
                    try
                    {
                        await Task.Delay(1000, sampling.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }
            });
            int next = 0;
            foreach (Phase phase in phases)
            {
                current = phase.Name;
                output.WriteLine($"phase: {phase.Name} for {phase.Seconds} s");
                var tally = new Tally();
                var watch = Stopwatch.StartNew();
                int sent = 0;
                Task[] workers = [.. Enumerable.Range(0, phase.Clients).Select(worker => Task.Run(async () =>
                {
                    while (watch.Elapsed.TotalSeconds < phase.Seconds && Interlocked.Increment(ref sent) <= maxRequests)
                    {
                        string text = articles[(int)((uint)Interlocked.Increment(ref next) % (uint)articles.Length)];
                        long start = Stopwatch.GetTimestamp();
                        string outcome;
                        try
                        {
                            using var content = new StringContent(text, Encoding.UTF8, "text/plain");
                            using HttpResponseMessage response = await client.PostAsync(new Uri("/v1/extract", UriKind.Relative), content).ConfigureAwait(false);
                            _ = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                            bool problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
                            outcome = response.StatusCode switch
                            {
                                HttpStatusCode.OK => "200",
                                HttpStatusCode.TooManyRequests when problem => "429",
                                _ => $"{(int)response.StatusCode}{(problem ? string.Empty : " without a problem body")}",
                            };
                        }
                        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                        {
                            outcome = ex.GetType().Name;
                        }
                        double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                        lock (tally)
                        {
                            if (outcome == "200")
                            {
                                tally.Ok++;
                                tally.OkMs.Add(ms);
                            }
                            else if (outcome == "429" && phase.AboveLimit)
                            {
                                tally.Rejected++;
                                tally.RejectedMs.Add(ms);
                            }
                            else
                            {
                                tally.Errors[outcome] = tally.Errors.GetValueOrDefault(outcome) + 1;
                            }
                        }
                        // A rejected client waits as Retry-After asks, a little, rather than spinning on the socket.
                        if (outcome == "429")
                            await Task.Delay(10).ConfigureAwait(false);
                    }
                }))];
                Task.WaitAll(workers);
                results.Add((phase, tally, watch.Elapsed.TotalSeconds));
                output.WriteLine($"  {tally.Ok} ok, {tally.Rejected} 429, {tally.Errors.Values.Sum()} errors");
            }
            current = "end";
            Thread.Sleep(1500);
            sampling.Cancel();
            sampler.Wait();
        }
        finally
        {
            stopped = Stop(server);
        }
        return Report(output, outFile, results, memory, articles, source, limit, seconds, maxRequests, stopped, load);
    }

    private static int Report(TextWriter output, string outFile, List<(Phase Phase, Tally Tally, double Seconds)> results,
        List<(double Second, string Phase, double RssMb)> memory, string[] articles, string source, int limit, int seconds, int maxRequests, string stopped, string load)
    {
        var md = new StringBuilder();
        var ci = CultureInfo.InvariantCulture;
        md.AppendLine("# Load test of `entitygraph serve`");
        md.AppendLine();
        md.AppendLine("Made by (the service is built with the benchmarks and runs as its own process on 127.0.0.1):");
        md.AppendLine();
        md.AppendLine("```sh");
        md.AppendLine(ci, $"dotnet run -c Release --project benchmarks/EntityGraph.Benchmarks -- serve-load --limit {limit} --seconds {seconds} --max-requests {maxRequests}");
        md.AppendLine("```");
        md.AppendLine();
        md.AppendLine(string.Create(ci, $"Machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, load average {load} when the run began (the client runs on the same cores). " +
            $"The service: `entitygraph serve --max-concurrency {limit}` (requests beyond {limit} at once get 429 at once). " +
            $"Input: {articles.Length} news articles ({source}; {articles.Sum(a => a.Length) / articles.Length:N0} characters on average), posted as text/plain to `/v1/extract` in turn. " +
            $"Each client sends its next request as soon as the previous one is answered (10 ms later after a 429). Each phase is bounded by its time and by --max-requests."));
        md.AppendLine();
        md.AppendLine("| phase | clients | seconds | requests | 200 | 429 | errors | requests/s (200) | p50 ms | p99 ms | p50 ms of 429 |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        bool pass = true;
        var verdicts = new List<string>();
        foreach ((Phase phase, Tally tally, double secs) in results)
        {
            int errors = tally.Errors.Values.Sum();
            md.AppendLine(ci, $"| {phase.Name} | {phase.Clients} | {secs:F1} | {tally.Ok + tally.Rejected + errors} | {tally.Ok} | {tally.Rejected} | {errors} | {tally.Ok / secs:F1} | {Percentile(tally.OkMs, 0.50):F0} | {Percentile(tally.OkMs, 0.99):F0} | {(tally.RejectedMs.Count > 0 ? Percentile(tally.RejectedMs, 0.50).ToString("F1", ci) : "-")} |");
            if (errors > 0)
            {
                pass = false;
                verdicts.Add($"{phase.Name}: errors {string.Join(", ", tally.Errors.Select(e => $"{e.Key} x{e.Value}"))}");
            }
            if (phase.AboveLimit && tally.Rejected == 0)
                verdicts.Add($"{phase.Name}: no 429 at all (the limit was never reached)");
        }
        md.AppendLine();
        // Flat memory: after warm-up (JIT, tiering, caches and the GC's heap sizing settle there), the highest resident
        // size against the first one.
        double[] after = [.. memory.Where(m => m.Phase != "warm-up" && m.Phase != "start").Select(m => m.RssMb)];
        double first = after.DefaultIfEmpty(0).First(), peak = after.DefaultIfEmpty(0).Max(), last = after.DefaultIfEmpty(0).Last();
        double warmPeak = memory.Where(m => m.Phase == "warm-up").Select(m => m.RssMb).DefaultIfEmpty(0).Max();
        bool flat = first > 0 && peak <= first * 1.2;
        if (!flat)
        {
            pass = false;
            verdicts.Add($"memory grew from {first:F0} MB after warm-up to a peak of {peak:F0} MB");
        }
        md.Append(ci, $"Memory (the service's resident set): up to {warmPeak:F0} MB during warm-up; after it {first:F0} MB at first, peak {peak:F0} MB ({(peak / Math.Max(first, 1) - 1) * 100:+0.0;-0.0}%), {last:F0} MB at the end. ");
        md.AppendLine(flat ? "Flat: the peak is within 20% of the first figure after warm-up." : "NOT flat.");
        md.AppendLine();
        md.AppendLine(pass
            ? "Verdict: pass. No errors below the limit; above it every request got 200 or a 429 problem body; memory flat."
            : "Verdict: FAIL. " + string.Join("; ", verdicts) + ".");
        md.AppendLine();
        md.AppendLine(ci, $"Shutdown: {stopped}.");
        md.AppendLine();
        md.AppendLine("Resident memory, every 5 seconds:");
        md.AppendLine();
        md.AppendLine("| second | phase | MB |");
        md.AppendLine("|---:|---|---:|");
        for (int i = 0; i < memory.Count; i += 5)
            md.AppendLine(ci, $"| {memory[i].Second:F0} | {memory[i].Phase} | {memory[i].RssMb:F0} |");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outFile))!);
        File.WriteAllText(outFile, md.ToString());
        output.Write(md.ToString());
        return pass ? 0 : 1;
    }

    /// <summary>SIGTERM, as a container runtime or systemd sends it: the service finishes what it holds and exits 0.</summary>
    private static string Stop(Process server)
    {
        if (server.HasExited)
            return $"the service had already exited with code {server.ExitCode}";
        var watch = Stopwatch.StartNew();
        using (Process? kill = Process.Start("kill", ["-TERM", server.Id.ToString(CultureInfo.InvariantCulture)]))
            kill?.WaitForExit();
        if (server.WaitForExit(30_000))
            return $"SIGTERM; the service exited with code {server.ExitCode} after {watch.Elapsed.TotalSeconds:F1} s";
        server.Kill();
        return "SIGTERM; the service did not exit within 30 s and was killed";
    }

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
            return 0;
        values.Sort();
        return values[Math.Min(values.Count - 1, (int)Math.Ceiling(p * values.Count) - 1)];
    }

    /// <summary>The seed articles, and the 40 articles of news-dev when ../shared/data is there (they are not in the repository).</summary>
    private static (string[] Articles, string Source) LoadArticles(string root)
    {
        var files = Directory.GetFiles(Path.Combine(root, "benchmarks", "corpus", "seeds"), "*.txt").Order(StringComparer.Ordinal).ToList();
        string source = "the 2 seed articles";
        string newsDev = Path.Combine(root, "..", "shared", "data", "news-dev");
        if (Directory.Exists(newsDev))
        {
            string[] dev = [.. Directory.GetFiles(newsDev, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];
            files.AddRange(dev);
            source = $"the 2 seeds and the {dev.Length} of news-dev";
        }
        return ([.. files.Select(File.ReadAllText)], source);
    }

    private static string FindCli(string root)
    {
        foreach (string configuration in new[] { "Release", "Debug" })
        {
            string dll = Path.Combine(root, "src", "EntityGraph.Cli", "bin", configuration, "net10.0", "EntityGraph.Cli.dll");
            if (File.Exists(dll))
                return dll;
        }
        throw new InvalidOperationException("EntityGraph.Cli.dll not found: build it with dotnet build src/EntityGraph.Cli -c Release.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void WaitUntilUp(HttpClient client)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                using HttpResponseMessage response = client.GetAsync(new Uri("/health", UriKind.Relative)).GetAwaiter().GetResult();
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            Thread.Sleep(200);
        }
        throw new TimeoutException("the service did not answer /health within 60 s");
    }
}
