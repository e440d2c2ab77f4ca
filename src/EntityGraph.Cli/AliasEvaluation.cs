using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EntityGraph.Aliases;

namespace EntityGraph.Cli;

/// <summary>
/// Scores alias resolution alone: gold mentions go in (so recognizer errors do not count), the resolver clusters
/// them, and entity B-cubed compares the clusters with the gold ones (ANNOTATION.md section 5), overall and per
/// link reason (a mention's precision and recall averaged over the mentions with that reason).
/// </summary>
internal static class AliasEvaluation
{
    private sealed record GoldMention(int Start, int End, string Label, string Cluster);

    private sealed class Scores
    {
        public Dictionary<string, (double P, double R, int N)> ByReason { get; } = new(StringComparer.Ordinal);
        public double P { get; set; }
        public double R { get; set; }
        public int N { get; set; }
        public int Skipped { get; set; }
        public int Documents { get; set; }

        public void Add(string reason, double p, double r)
        {
            P += p;
            R += r;
            N++;
            (double P, double R, int N) x = ByReason.GetValueOrDefault(reason);
            ByReason[reason] = (x.P + p, x.R + r, x.N + 1);
        }
    }

    public static int Run(CliConsole console, string? seeds, string? redocred, string[] dictionaries, bool noDictionary, bool verbose)
    {
        if (seeds is null && redocred is null)
        {
            console.Error.WriteLine("error: give --seeds DIR and/or --redocred FILE.");
            return ExitCodes.UsageOrInputError;
        }
        AliasDictionary dictionary;
        try
        {
            var load = Stopwatch.StartNew();
            dictionary = noDictionary ? AliasDictionary.Load(dictionaries) : dictionaries.Length == 0 ? AliasDictionary.Default : AliasDictionary.LoadDefault(dictionaries);
            console.Out.WriteLine($"Dictionary: {dictionary.Entries.Count:N0} entities, {dictionary.AliasCount:N0} forms, loaded in {load.Elapsed.TotalMilliseconds:F0} ms.");
        }
        catch (AliasDictionaryException ex)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.UsageOrInputError;
        }
        var resolver = new AliasResolver(new AliasResolverOptions { Dictionary = dictionary });
        Pipeline pipeline = new PipelineBuilder().UseTokenizer().UseSentenceSplitter().Build();
        int code = ExitCodes.Ok;
        if (seeds is not null)
        {
            if (!Directory.Exists(seeds))
            {
                console.Error.WriteLine($"error: {seeds}: no such folder.");
                return ExitCodes.UsageOrInputError;
            }
            var scores = new Scores();
            foreach (string txt in Directory.GetFiles(seeds, "*.txt").Order(StringComparer.Ordinal))
            {
                string ann = Path.ChangeExtension(txt, ".ann");
                if (!File.Exists(ann))
                    continue;
                string text = File.ReadAllText(txt);
                Score(pipeline, resolver, text, Path.GetFileNameWithoutExtension(txt), ReadBrat(ann, text), scores, console, verbose);
            }
            Report(console, $"Seed corpus ({seeds})", scores);
        }
        if (redocred is not null)
        {
            if (!File.Exists(redocred))
            {
                console.Error.WriteLine($"error: {redocred}: no such file. Re-DocRED lives in ../shared/data/re-docred/ (not in a clone).");
                return ExitCodes.UsageOrInputError;
            }
            var scores = new Scores();
            using JsonDocument json = JsonDocument.Parse(File.ReadAllBytes(redocred));
            foreach (JsonElement doc in json.RootElement.EnumerateArray())
            {
                (string text, List<GoldMention> gold) = ReadReDocRed(doc);
                Score(pipeline, resolver, text, doc.GetProperty("title").GetString() ?? string.Empty, gold, scores, console, verbose);
            }
            Report(console, $"Re-DocRED dev ({redocred}), named mentions (PER, ORG, LOC, MISC)", scores);
        }
        return code;
    }

    /// <summary>T and N lines of a brat file; offsets there count code points, the mentions hold UTF-16 offsets.</summary>
    private static List<GoldMention> ReadBrat(string path, string text)
    {
        var codePoints = new EntityGraph.Text.CodePointMap(text);
        var mentions = new Dictionary<string, GoldMention>(StringComparer.Ordinal);
        var clusters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(path))
        {
            string[] f = line.Split('\t');
            if (line.StartsWith('T') && f.Length >= 2)
            {
                string[] t = f[1].Split(' ');
                mentions[f[0]] = new GoldMention(codePoints.ToUtf16(int.Parse(t[1], CultureInfo.InvariantCulture)), codePoints.ToUtf16(int.Parse(t[^1], CultureInfo.InvariantCulture)), t[0], f[0]);
            }
            else if (line.StartsWith('N') && f.Length >= 2)
            {
                string[] n = f[1].Split(' ');
                clusters[n[1]] = n[2];
            }
        }
        var result = new List<GoldMention>();
        foreach ((string id, GoldMention m) in mentions)
            result.Add(m with { Cluster = clusters.GetValueOrDefault(id, "singleton:" + id) });
        return result;
    }

    private static (string Text, List<GoldMention> Gold) ReadReDocRed(JsonElement doc)
    {
        var text = new StringBuilder();
        var starts = new List<List<int>>();
        var ends = new List<List<int>>();
        foreach (JsonElement sentence in doc.GetProperty("sents").EnumerateArray())
        {
            var s = new List<int>();
            var e = new List<int>();
            foreach (JsonElement token in sentence.EnumerateArray())
            {
                if (text.Length > 0)
                    text.Append(' ');
                s.Add(text.Length);
                text.Append(token.GetString());
                e.Add(text.Length);
            }
            starts.Add(s);
            ends.Add(e);
        }
        var gold = new List<GoldMention>();
        int cluster = 0;
        foreach (JsonElement vertex in doc.GetProperty("vertexSet").EnumerateArray())
        {
            foreach (JsonElement m in vertex.EnumerateArray())
            {
                string type = m.GetProperty("type").GetString() ?? string.Empty;
                if (type is not ("PER" or "ORG" or "LOC" or "MISC"))
                    continue;
                int sent = m.GetProperty("sent_id").GetInt32();
                JsonElement pos = m.GetProperty("pos");
                int first = pos[0].GetInt32(), last = pos[1].GetInt32() - 1;
                gold.Add(new GoldMention(starts[sent][first], ends[sent][last], type, "v" + cluster.ToString(CultureInfo.InvariantCulture)));
            }
            cluster++;
        }
        return (text.ToString(), gold);
    }

    private static void Score(Pipeline pipeline, AliasResolver resolver, string text, string id, List<GoldMention> gold, Scores scores, CliConsole console, bool verbose)
    {
        Document doc = pipeline.Process(text, id);
        gold.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        var used = new List<GoldMention>();
        int lastEnd = -1;
        foreach (GoldMention g in gold)
        {
            int first = doc.TokenIndexAt(g.Start), last = doc.TokenIndexAt(g.End - 1);
            // A mention must cover whole tokens, and mentions must not overlap (one entity per mention).
            if (first < 0 || last < 0 || doc.Tokens[first].Start != g.Start || doc.Tokens[last].End != g.End || g.Start < lastEnd)
            {
                scores.Skipped++;
                continue;
            }
            doc.AddMention(first, last - first + 1, g.Label, "gold");
            used.Add(g);
            lastEnd = g.End;
        }
        resolver.Resolve(doc);
        scores.Documents++;
        var goldSize = new Dictionary<string, int>(StringComparer.Ordinal);
        var systemSize = new Dictionary<int, int>();
        var both = new Dictionary<(string, int), int>();
        for (int i = 0; i < used.Count; i++)
        {
            int e = doc.Mentions[i].EntityIndex;
            goldSize[used[i].Cluster] = goldSize.GetValueOrDefault(used[i].Cluster) + 1;
            systemSize[e] = systemSize.GetValueOrDefault(e) + 1;
            both[(used[i].Cluster, e)] = both.GetValueOrDefault((used[i].Cluster, e)) + 1;
        }
        for (int i = 0; i < used.Count; i++)
        {
            Mention m = doc.Mentions[i];
            int overlap = both[(used[i].Cluster, m.EntityIndex)];
            double p = (double)overlap / systemSize[m.EntityIndex];
            double r = (double)overlap / goldSize[used[i].Cluster];
            scores.Add(m.LinkReason ?? "none", p, r);
            if (verbose && (p < 1 || r < 1))
                console.Out.WriteLine($"  {id} [{m.Start},{m.End}) {m.Label} '{m.Text}' -> {doc.Entities[m.EntityIndex].Id} ({m.LinkReason} {m.LinkScore:F2}); gold {used[i].Cluster}; P {p:F2} R {r:F2}");
        }
    }

    private static void Report(CliConsole console, string title, Scores s)
    {
        static double F(double p, double r) => p + r == 0 ? 0 : 2 * p * r / (p + r);
        console.Out.WriteLine();
        console.Out.WriteLine($"## {title}");
        console.Out.WriteLine();
        console.Out.WriteLine($"{s.Documents} documents, {s.N:N0} gold mentions scored ({s.Skipped:N0} skipped: not on token boundaries or overlapping).");
        console.Out.WriteLine();
        console.Out.WriteLine("| link reason | mentions | B-cubed P | B-cubed R | B-cubed F1 |");
        console.Out.WriteLine("|---|---:|---:|---:|---:|");
        foreach ((string reason, (double p, double r, int n)) in s.ByReason.OrderByDescending(x => x.Value.N))
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {reason} | {n:N0} | {p / n:F3} | {r / n:F3} | {F(p / n, r / n):F3} |"));
        if (s.N > 0)
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| **all** | {s.N:N0} | {s.P / s.N:F3} | {s.R / s.N:F3} | **{F(s.P / s.N, s.R / s.N):F3}** |"));
    }
}
