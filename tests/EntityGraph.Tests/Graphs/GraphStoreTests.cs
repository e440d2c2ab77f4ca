using EntityGraph.Graphs;
using EntityGraph.Tests.Cli;
using Microsoft.Data.Sqlite;

namespace EntityGraph.Tests.Graphs;

public class GraphStoreTests
{
    private static string Db(TempFolder temp) => Path.Combine(temp.Path, "news.db");

    [Fact]
    public void Add_IsIdempotentAndAChangedArticleReplacesItsContribution()
    {
        using var temp = new TempFolder();
        using GraphStore store = GraphStore.Open(Db(temp));
        foreach (Document d in NewsCorpus.Documents)
            Assert.Equal(StoreAddOutcome.Added, store.Add(d));
        Assert.Equal(StoreAddOutcome.Unchanged, store.Add(NewsCorpus.Documents[0]));
        Assert.Equal(10, store.DocumentCount);
        int capturedBefore = store.Query(new GraphQuery { Type = "captured" }).Count;
        Assert.Contains(store.Query(new GraphQuery { Type = "captured" }), r => r.DocumentId == "n01" && r.ObjectId == "mosul");

        // n01 is corrected: Mosul is no longer captured in it.
        Document changed = EntityGraph.Pipeline.CreateDefault().Process(new Document("Kurdish officials met in Erbil on Tuesday.", "n01") { Date = new DateOnly(2014, 6, 10) });
        Assert.Equal(StoreAddOutcome.Replaced, store.Add(changed));
        Assert.Equal(10, store.DocumentCount);
        Assert.DoesNotContain(store.Query(new GraphQuery { Type = "captured" }), r => r.DocumentId == "n01");
        Assert.True(store.Query(new GraphQuery { Type = "captured" }).Count < capturedBefore);
    }

    [Fact]
    public void Query_FiltersByEntityAliasTypeDateAndEvidence()
    {
        using var temp = new TempFolder();
        using GraphStore store = GraphStore.Open(Db(temp));
        foreach (Document d in NewsCorpus.Documents)
            store.Add(d);
        IReadOnlyList<StoredRelation> june = store.Query(new GraphQuery { Type = "captured", From = new DateOnly(2014, 6, 1), To = new DateOnly(2014, 6, 30) });
        Assert.NotEmpty(june);
        Assert.All(june, r => Assert.Equal(6, r.Date!.Value.Month));
        Assert.All(june, r => Assert.Equal(r.Sentence, NewsCorpus.Documents.Single(d => d.Id == r.DocumentId).Text[r.SentenceStart..r.SentenceEnd]));
        // By id, by canonical name, and by a name only a mention used (the alias "ISIS").
        int byId = store.Query(new GraphQuery { Entity = "islamic_state" }).Count;
        Assert.True(byId > 0);
        Assert.Equal(byId, store.Query(new GraphQuery { Entity = "isis" }).Count);
        Assert.Equal(byId, store.Query(new GraphQuery { Entity = "Islamic State of Iraq and the Levant" }).Count);
        Assert.All(store.Query(new GraphQuery { Evidence = "Vienna" }), r => Assert.Contains("Vienna", r.Sentence, StringComparison.Ordinal));
        Assert.Empty(store.Query(new GraphQuery { Entity = "nobody at all" }));
    }

    [Fact]
    public void ToGraph_EqualsTheInMemoryGraph()
    {
        using var temp = new TempFolder();
        using GraphStore store = GraphStore.Open(Db(temp));
        var graph = new KnowledgeGraph();
        foreach (Document d in NewsCorpus.Documents)
        {
            store.Add(d);
            graph.Add(d);
        }
        Assert.Equal(graph.ToJson(), store.ToGraph().ToJson());
        KnowledgeGraph captured = store.ToGraph(new GraphQuery { Type = "captured" });
        Assert.All(captured.Edges, e => Assert.Equal("captured", e.Type));
        Assert.NotEmpty(captured.Nodes);
    }

    [Fact]
    public void Open_SurvivesReopeningAndRejectsForeignNewerAndLockedStores()
    {
        using var temp = new TempFolder();
        string path = Db(temp);
        using (GraphStore store = GraphStore.Open(path))
            store.Add(NewsCorpus.Documents[0]);
        using (GraphStore again = GraphStore.Open(path))
            Assert.Equal(1, again.DocumentCount);

        string text = temp.File("text.db", "just some text, not a database at all, long enough to be read");
        Assert.Contains("not an EntityGraph store: the file is not a SQLite database", Assert.Throws<GraphStoreException>(() => GraphStore.Open(text)).Message, StringComparison.Ordinal);

        string foreign = Path.Combine(temp.Path, "foreign.db");
        Sql(foreign, "CREATE TABLE people (name TEXT)");
        Assert.Contains("not an EntityGraph store: the SQLite database has other tables", Assert.Throws<GraphStoreException>(() => GraphStore.Open(foreign)).Message, StringComparison.Ordinal);

        string newer = Path.Combine(temp.Path, "newer.db");
        using (GraphStore.Open(newer))
        {
        }
        Sql(newer, "UPDATE entitygraph_schema SET version = 99");
        Assert.Contains("schema version 99, newer than this entitygraph reads (1)", Assert.Throws<GraphStoreException>(() => GraphStore.Open(newer)).Message, StringComparison.Ordinal);

        Assert.Contains("the folder", Assert.Throws<GraphStoreException>(() => GraphStore.Open(Path.Combine(temp.Path, "missing", "x.db"))).Message, StringComparison.Ordinal);

        using var holder = new SqliteConnection($"Data Source={path};Pooling=False");
        holder.Open();
        using (SqliteCommand lockIt = holder.CreateCommand())
        {
            lockIt.CommandText = "BEGIN EXCLUSIVE";
            lockIt.ExecuteNonQuery();
        }
        var ex = Assert.Throws<GraphStoreException>(() =>
        {
            using GraphStore locked = GraphStore.Open(path, TimeSpan.FromSeconds(1));
            locked.Add(NewsCorpus.Documents[1]);
        });
        Assert.Contains("locked by another process", ex.Message, StringComparison.Ordinal);
    }

    private static void Sql(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// A child process adding a feed is killed in the middle; every document the store holds is complete (its mention
    /// and relation rows match the counts committed with it) and no rows belong to a document that is not there.
    /// Adding the feed again completes the store.
    /// </summary>
    [Fact]
    public void GraphAdd_KilledMidBatch_LeavesNoHalfAddedDocument()
    {
        using var temp = new TempFolder();
        // Enough articles that the child is still adding when it is killed (it adds a few hundred short ones a second).
        var articles = Enumerable.Range(0, 3000).Select(i =>
        {
            (string id, string date, string text) = NewsCorpus.Articles[i % NewsCorpus.Articles.Length];
            return ($"{id}-{i:D4}", date, text + $" Officials in Baghdad said {i} people fled.");
        }).ToArray();
        string feed = temp.File("feed.jsonl", NewsCorpus.JsonLines(articles));
        string db = Path.Combine(temp.Path, "news.db");
        using (System.Diagnostics.Process child = ChildProcess.Start(temp.Path, "graph", "add", "feed.jsonl", "--db", "news.db", "--threads", "1"))
        {
            var waited = System.Diagnostics.Stopwatch.StartNew();
            // The write-ahead log grows with each committed article: kill once a few are in (without opening the file meanwhile).
            string wal = db + "-wal";
            while (!(File.Exists(wal) && new FileInfo(wal).Length > 150_000) && !child.HasExited && waited.Elapsed < TimeSpan.FromMinutes(2))
                Thread.Sleep(5);
            Assert.False(child.HasExited, "the child finished before it could be killed");
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
        }
        long stored = Count(db, "SELECT count(*) FROM documents");
        Assert.InRange(stored, 1, articles.Length - 1);
        Assert.Equal(0, Count(db, "SELECT count(*) FROM documents d WHERE d.mention_count != (SELECT count(*) FROM mentions m WHERE m.document_id = d.id) OR d.relation_count != (SELECT count(*) FROM relations r WHERE r.document_id = d.id)"));
        Assert.Equal(0, Count(db, "SELECT count(*) FROM mentions WHERE document_id NOT IN (SELECT id FROM documents)"));
        Assert.Equal(0, Count(db, "SELECT count(*) FROM relations WHERE document_id NOT IN (SELECT id FROM documents)"));

        // Adding again goes on where the child stopped: the stored articles (the first ones, added in order) are unchanged.
        string head = temp.File("head.jsonl", NewsCorpus.JsonLines(articles.Take((int)stored + 20)));
        CliRun rest = CliRun.Invoke("graph", "add", head, "--db", db);
        Assert.True(rest.ExitCode == 0, rest.Error);
        Assert.Contains($"20 added, 0 replaced, {stored} unchanged, 0 failed", rest.Error, StringComparison.Ordinal);
    }

    private static long Count(string path, string sql)
    {
        if (!File.Exists(path))
            return 0;
        try
        {
            using var connection = new SqliteConnection($"Data Source={path};Mode=ReadWrite;Pooling=False;Default Timeout=1");
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = sql;
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return 0; // not created yet
        }
    }
}
