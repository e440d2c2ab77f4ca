using System.Diagnostics;
using System.Globalization;
using System.Text;
using EntityGraph.Graphs;

namespace EntityGraph.Benchmarks.Store;

/// <summary>
/// The scale test of the persistent graph store (issue 17): N synthetic news articles (recurring real actors and
/// places, made-up people, dates over ten years) go through the default pipeline and into one SQLite store. It reports
/// the add throughput on top of extraction (only the time spent in <see cref="GraphStore.Add"/> counts), the store's
/// size, and the latency (p50/p99) of the README's queries, run repeatedly on the full store.
/// </summary>
internal static class StoreLoad
{
    private static readonly string[] Groups = ["Islamic State", "Hezbollah", "Hamas", "the Taliban", "al-Shabab", "the Houthis", "Boko Haram", "the Kurdish Peshmerga"];

    private static readonly string[] Cities = ["Mosul", "Aleppo", "Kabul", "Tripoli", "Raqqa", "Sanaa", "Homs", "Idlib", "Benghazi", "Kirkuk", "Mogadishu", "Tikrit", "Fallujah", "Kandahar"];

    private static readonly string[] Countries = ["Iran", "Turkey", "Russia", "Syria", "Iraq", "Egypt", "Israel", "Saudi Arabia", "Qatar", "Jordan", "France", "Germany"];

    private static readonly string[] Demonyms = ["Iranian", "Turkish", "Russian", "Syrian", "Iraqi", "Egyptian", "Israeli", "Saudi", "Qatari", "Jordanian", "French", "German"];

    private static readonly string[] First = ["Amir", "Leila", "Omar", "Sofia", "Karim", "Nadia", "Yusuf", "Elena", "Tariq", "Mina", "Hassan", "Irina", "Farid", "Dina"];

    private static readonly string[] Last = ["Haddad", "Karimi", "Petrov", "Aksoy", "Mansour", "Rahimi", "Volkov", "Demir", "Nasser", "Saleh", "Ivanova", "Yilmaz", "Hamdan", "Tahir"];

    public static int Run(string[] args, TextWriter output)
    {
        int documents = 100_000, repeats = 200;
        bool queriesOnly = false;
        string db = Path.Combine(Path.GetTempPath(), "entitygraph-store-load.db");
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--documents": documents = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--repeats": repeats = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--db": db = args[++i]; break;
                case "--queries-only": queriesOnly = true; break;
                default:
                    output.WriteLine($"unknown argument '{args[i]}'. Usage: store-load [--documents N] [--repeats N] [--db FILE] [--queries-only]");
                    return 2;
            }
        }
        // --queries-only: time the queries on the store a previous run left (after a change to the queries alone).
        if (queriesOnly)
        {
            using GraphStore existing = GraphStore.Open(db);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"store {existing.DocumentCount:N0} documents, {new FileInfo(db).Length / 1048576.0:F1} MB (queries only)"));
            output.Write(TimeQueries(existing, repeats));
            return 0;
        }
        foreach (string file in new[] { db, db + "-wal", db + "-shm" })
            File.Delete(file);
        Pipeline pipeline = Pipeline.CreateDefault();
        var random = new Random(17);
        var start = new DateOnly(2014, 1, 1);
        const int batch = 2_000;
        long extractTicks = 0, addTicks = 0, mentions = 0, relations = 0, tokens = 0;
        var wall = Stopwatch.StartNew();
        using (GraphStore store = GraphStore.Open(db))
        {
            for (int first = 0; first < documents; first += batch)
            {
                int count = Math.Min(batch, documents - first);
                var inputs = new Document[count];
                for (int k = 0; k < count; k++)
                    inputs[k] = new Document(Article(random), "n" + (first + k).ToString("D6", CultureInfo.InvariantCulture)) { Date = start.AddDays(random.Next(3_650)) };
                long t0 = Stopwatch.GetTimestamp();
                Parallel.ForEach(inputs, d => pipeline.Process(d));
                long t1 = Stopwatch.GetTimestamp();
                foreach (Document d in inputs)
                {
                    if (store.Add(d) != StoreAddOutcome.Added)
                        throw new InvalidOperationException($"{d.Id} was not added");
                    mentions += d.Mentions.Count;
                    relations += d.Relations.Count;
                    tokens += d.Tokens.Count;
                }
                extractTicks += t1 - t0;
                addTicks += Stopwatch.GetTimestamp() - t1;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{first + count,7:N0} documents: add {count / Seconds(Stopwatch.GetTimestamp() - t1):N0} documents/s in this batch, {wall.Elapsed.TotalSeconds:F0} s so far"));
            }
            double addSeconds = Seconds(addTicks), extractSeconds = Seconds(extractTicks);
            var report = new StringBuilder();
            report.AppendLine(CultureInfo.InvariantCulture, $"documents {documents:N0}, tokens {tokens:N0}, mentions {mentions:N0}, relations (document-level) {relations:N0}; store {store.DocumentCount:N0} documents, {new FileInfo(db).Length / 1048576.0:F1} MB (+ WAL {(File.Exists(db + "-wal") ? new FileInfo(db + "-wal").Length / 1048576.0 : 0):F1} MB)");
            report.AppendLine(CultureInfo.InvariantCulture, $"extraction (pipeline, {Environment.ProcessorCount} threads): {extractSeconds:F1} s, {documents / extractSeconds:N0} documents/s");
            report.AppendLine(CultureInfo.InvariantCulture, $"store add (one writer, one transaction per document): {addSeconds:F1} s, {documents / addSeconds:N0} documents/s, {addSeconds * 1e6 / documents:F0} us per document");
            report.Append(TimeQueries(store, repeats));
            output.Write(report.ToString());
        }
        return 0;
    }

    /// <summary>The README's kinds of question, each run <paramref name="repeats"/> times on the full store: rows, p50 and p99.</summary>
    private static string TimeQueries(GraphStore store, int repeats)
    {
        var report = new StringBuilder();
        (string Name, GraphQuery Query)[] queries =
        [
            ("captured, June 2014", new GraphQuery { Type = "captured", From = new DateOnly(2014, 6, 1), To = new DateOnly(2014, 6, 30) }),
            ("held_talks_with Iran, all dates", new GraphQuery { Entity = "Iran", Type = "held_talks_with" }),
            ("entity Mosul, 2016", new GraphQuery { Entity = "Mosul", From = new DateOnly(2016, 1, 1), To = new DateOnly(2016, 12, 31) }),
            ("evidence 'airstrike', first 100", new GraphQuery { Evidence = "airstrike", Limit = 100 }),
        ];
        foreach ((string name, GraphQuery query) in queries)
        {
            var times = new double[repeats];
            int rows = 0;
            for (int r = 0; r < repeats; r++)
            {
                long q0 = Stopwatch.GetTimestamp();
                rows = store.Query(query).Count;
                times[r] = Seconds(Stopwatch.GetTimestamp() - q0) * 1000;
            }
            Array.Sort(times);
            report.AppendLine(CultureInfo.InvariantCulture,
                $"query {name}: {rows:N0} rows, p50 {times[repeats / 2]:F2} ms, p99 {times[Math.Min(repeats - 1, (int)(repeats * 0.99))]:F2} ms ({repeats} runs)");
        }
        return report.ToString();
    }

    private static double Seconds(long ticks) => ticks / (double)Stopwatch.Frequency;

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    /// <summary>A short news item of our own making, from templates that state the relation types.</summary>
    private static string Article(Random random)
    {
        string group = Pick(random, Groups), city = Pick(random, Cities), city2 = Pick(random, Cities);
        int c = random.Next(Countries.Length), c2 = (c + 1 + random.Next(Countries.Length - 1)) % Countries.Length;
        string person = Pick(random, First) + " " + Pick(random, Last), person2 = Pick(random, First) + " " + Pick(random, Last);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{group} fighters captured {city} on {DayOfWeek(random)}, officials said. ");
        text.Append(CultureInfo.InvariantCulture, $"{Demonyms[c]} Foreign Minister {person} held talks with {person2}, the {Demonyms[c2]} envoy, in {city2}. ");
        switch (random.Next(3))
        {
            case 0: text.Append(CultureInfo.InvariantCulture, $"{Countries[c]} deployed troops to {city} after an airstrike on {group} positions."); break;
            case 1: text.Append(CultureInfo.InvariantCulture, $"{Countries[c2]} attacked {group} near {city2}, a city in {Countries[random.Next(Countries.Length)]}."); break;
            default: text.Append(CultureInfo.InvariantCulture, $"{person2} said {group} had withdrawn from parts of {city}."); break;
        }
        return text.ToString();
    }

    private static string DayOfWeek(Random random) => ((DayOfWeek)random.Next(7)).ToString();
}
