using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace EntityGraph.Graphs;

/// <summary>What <see cref="GraphStore.Add"/> did with a document.</summary>
public enum StoreAddOutcome
{
    /// <summary>The document was new.</summary>
    Added,

    /// <summary>The same id with the same text and metadata was already stored: nothing changed.</summary>
    Unchanged,

    /// <summary>The id was stored with another text or metadata: its old contribution was replaced.</summary>
    Replaced,
}

/// <summary>Filters for <see cref="GraphStore.Query"/> and <see cref="GraphStore.ToGraph"/>; null means any.</summary>
public sealed record GraphQuery
{
    /// <summary>An entity by id (<c>islamic_state</c>), canonical name or any name it was mentioned by (case-insensitive), on either side.</summary>
    public string? Entity { get; init; }

    /// <summary>The relation type (<c>captured</c>).</summary>
    public string? Type { get; init; }

    /// <summary>The first article day (inclusive); relations of undated articles are left out when set.</summary>
    public DateOnly? From { get; init; }

    /// <summary>The last article day (inclusive).</summary>
    public DateOnly? To { get; init; }

    /// <summary>Text the evidence sentence contains (case-insensitive for ASCII).</summary>
    public string? Evidence { get; init; }

    /// <summary>The most rows returned (default 10,000).</summary>
    public int Limit { get; init; } = 10_000;
}

/// <summary>One statement of a relation in one article, with its evidence sentence.</summary>
/// <param name="Type">The relation type.</param>
/// <param name="SubjectId">The subject entity's id.</param>
/// <param name="SubjectName">Its canonical name.</param>
/// <param name="ObjectId">The object entity's id.</param>
/// <param name="ObjectName">Its canonical name.</param>
/// <param name="DocumentId">The article's id.</param>
/// <param name="Date">The article's day, when it has one.</param>
/// <param name="Sentence">The evidence sentence.</param>
/// <param name="SentenceStart">Its offset in the article's text.</param>
/// <param name="SentenceEnd">Its end offset.</param>
/// <param name="Confidence">The statement's confidence.</param>
public sealed record StoredRelation(string Type, string SubjectId, string SubjectName, string ObjectId, string ObjectName, string DocumentId, DateOnly? Date,
    string Sentence, int SentenceStart, int SentenceEnd, double Confidence);

/// <summary>A store that cannot be opened or used; the message says why and names the file.</summary>
public sealed class GraphStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GraphStoreException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public GraphStoreException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public GraphStoreException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

/// <summary>
/// A persistent cross-document graph in one SQLite file, grown article by article. <see cref="Add"/> is idempotent by
/// document id and a hash of the text and metadata, replaces what a changed article contributed, and runs in one
/// transaction per document, so a crash loses nothing committed and leaves no half-added document. The schema is
/// versioned (<see cref="SchemaVersion"/>, table <c>entitygraph_schema</c>) and documented in models/aliases/README.md.
/// </summary>
/// <remarks>One instance may be used from several threads; calls are serialized. Another process may read the file
/// while one writes.</remarks>
public sealed class GraphStore : IDisposable
{
    /// <summary>The schema version this library writes and reads.</summary>
    public const int SchemaVersion = 1;

    private const string Application = "entitygraph";

    // Migration i brings a store from version i to i + 1; a new schema version appends one.
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE entitygraph_schema (application TEXT NOT NULL, version INTEGER NOT NULL);
        INSERT INTO entitygraph_schema (application, version) VALUES ('entitygraph', 0);
        CREATE TABLE documents (id TEXT PRIMARY KEY, hash TEXT NOT NULL, date TEXT, url TEXT, title TEXT,
            mention_count INTEGER NOT NULL, relation_count INTEGER NOT NULL);
        CREATE TABLE entities (id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL);
        CREATE TABLE mentions (document_id TEXT NOT NULL, entity_id TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            text TEXT NOT NULL, label TEXT NOT NULL, reason TEXT, score REAL NOT NULL);
        CREATE INDEX mentions_document ON mentions (document_id);
        CREATE INDEX mentions_entity ON mentions (entity_id);
        CREATE INDEX mentions_text ON mentions (text COLLATE NOCASE);
        CREATE TABLE relations (document_id TEXT NOT NULL, type TEXT NOT NULL, subject_id TEXT NOT NULL, object_id TEXT NOT NULL,
            symmetric INTEGER NOT NULL, date TEXT, confidence REAL NOT NULL, sentence TEXT NOT NULL, sentence_start INTEGER NOT NULL,
            sentence_end INTEGER NOT NULL, trigger_start INTEGER, trigger_end INTEGER);
        CREATE INDEX relations_document ON relations (document_id);
        CREATE INDEX relations_type_date ON relations (type, date);
        CREATE INDEX relations_subject ON relations (subject_id);
        CREATE INDEX relations_object ON relations (object_id);
        """,
    ];

    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();
    private readonly string _path;

    private GraphStore(SqliteConnection connection, string path)
    {
        _connection = connection;
        _path = path;
    }

    /// <summary>The store's file.</summary>
    public string Path => _path;

    /// <summary>
    /// Opens the store at <paramref name="path"/>, creating it when the file does not exist and migrating an older
    /// schema.
    /// </summary>
    /// <param name="path">The database file.</param>
    /// <param name="busyTimeout">How long to wait for another process's write to finish (default 5 s).</param>
    /// <returns>The open store.</returns>
    /// <exception cref="GraphStoreException">The file is not an EntityGraph store, has a newer schema, is locked, or cannot be created.</exception>
    public static GraphStore Open(string path, TimeSpan? busyTimeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = System.IO.Path.GetFullPath(path);
        string? folder = System.IO.Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder))
            throw new GraphStoreException($"{path}: cannot create the store: the folder {folder} does not exist.");
        if (Directory.Exists(full))
            throw new GraphStoreException($"{path}: is a folder; give a file name for the store, such as {System.IO.Path.Combine(path, "news.db")}.");
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = (int)Math.Max(1, Math.Ceiling((busyTimeout ?? TimeSpan.FromSeconds(5)).TotalSeconds)),
        };
        var connection = new SqliteConnection(builder.ToString());
        var store = new GraphStore(connection, path);
        try
        {
            connection.Open();
            store.Prepare();
            return store;
        }
        catch (SqliteException ex)
        {
            store.Dispose();
            throw store.Explain(ex);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    private void Prepare()
    {
        int tables = Convert.ToInt32(Scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table'"), CultureInfo.InvariantCulture);
        int version = 0;
        if (tables > 0)
        {
            if (Convert.ToInt64(Scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'entitygraph_schema'"), CultureInfo.InvariantCulture) == 0)
                throw new GraphStoreException($"{_path}: not an EntityGraph store: the SQLite database has other tables and no entitygraph_schema table. Give a new file name.");
            if (Scalar("SELECT application FROM entitygraph_schema") as string != Application)
                throw new GraphStoreException($"{_path}: not an EntityGraph store: its entitygraph_schema table names another application.");
            version = Convert.ToInt32(Scalar("SELECT version FROM entitygraph_schema"), CultureInfo.InvariantCulture);
            if (version > SchemaVersion)
                throw new GraphStoreException($"{_path}: the store has schema version {version}, newer than this entitygraph reads ({SchemaVersion}); use a newer entitygraph.");
        }
        // WAL: readers see the last committed state while a writer adds; NORMAL sync is safe against a killed process.
        Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = OFF;");
        for (int v = version; v < SchemaVersion; v++)
        {
            using SqliteTransaction transaction = _connection.BeginTransaction();
            Execute(Migrations[v], transaction);
            Execute($"UPDATE entitygraph_schema SET version = {v + 1}", transaction);
            transaction.Commit();
        }
    }

    /// <summary>Number of documents stored.</summary>
    public int DocumentCount
    {
        get
        {
            lock (_lock)
                return Guard(() => Convert.ToInt32(Scalar("SELECT count(*) FROM documents"), CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The hash <see cref="Add"/> compares: SHA-256 of the text and the metadata.</summary>
    /// <param name="text">The article text.</param>
    /// <param name="date">Its day.</param>
    /// <param name="url">Its address.</param>
    /// <param name="title">Its headline.</param>
    /// <returns>The hash, in hexadecimal.</returns>
    public static string Hash(string text, DateOnly? date, string? url, string? title)
    {
        ArgumentNullException.ThrowIfNull(text);
        string key = string.Join('\0', text, date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty, url ?? string.Empty, title ?? string.Empty);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    /// <summary>Whether the document <paramref name="id"/> is stored with this hash (so adding it again would change nothing).</summary>
    /// <param name="id">The document id.</param>
    /// <param name="hash">Its <see cref="Hash"/>.</param>
    /// <returns>Whether it is stored unchanged.</returns>
    public bool IsStored(string id, string hash)
    {
        lock (_lock)
        {
            return Guard(() =>
            {
                using SqliteCommand command = Command("SELECT hash FROM documents WHERE id = $id");
                command.Parameters.AddWithValue("$id", id);
                return command.ExecuteScalar() as string == hash;
            });
        }
    }

    /// <summary>Stores a resolved document's entities, mentions and asserted relations, in one transaction.</summary>
    /// <param name="document">A document that went through the pipeline (alias resolution at least).</param>
    /// <returns>Whether it was added, replaced or already there.</returns>
    /// <exception cref="GraphStoreException">The store is locked or cannot be written.</exception>
    public StoreAddOutcome Add(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Id.Length == 0)
            throw new ArgumentException("A stored document needs an id.", nameof(document));
        if (document.Mentions.Count > 0 && document.Entities.Count == 0)
            throw new ArgumentException($"Document '{document.Id}' has mentions but no entities: run alias resolution first (UseAliasResolver).", nameof(document));
        string hash = Hash(document.Text, document.Date, document.Url, document.Title);
        lock (_lock)
            return Guard(() => AddLocked(document, hash));
    }

    private StoreAddOutcome AddLocked(Document document, string hash)
    {
        using SqliteTransaction transaction = _connection.BeginTransaction();
        string? old;
        using (SqliteCommand find = Command("SELECT hash FROM documents WHERE id = $id", transaction))
        {
            find.Parameters.AddWithValue("$id", document.Id);
            old = find.ExecuteScalar() as string;
        }
        if (old == hash)
            return StoreAddOutcome.Unchanged;
        if (old is not null)
            Remove(document.Id, transaction);
        string? date = document.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        using (SqliteCommand entity = Command(
            """
            INSERT INTO entities (id, name, type) VALUES ($id, $name, $type)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name
            WHERE instr(entities.id, '.') > 0 AND (length(excluded.name) > length(entities.name)
                OR (length(excluded.name) = length(entities.name) AND excluded.name < entities.name))
            """, transaction))
        {
            SqliteParameter id = entity.Parameters.Add("$id", SqliteType.Text), name = entity.Parameters.Add("$name", SqliteType.Text), type = entity.Parameters.Add("$type", SqliteType.Text);
            foreach (Entity e in document.Entities)
            {
                (id.Value, name.Value, type.Value) = (e.Id, e.CanonicalName, e.Type);
                entity.ExecuteNonQuery();
            }
        }
        int mentions = 0;
        using (SqliteCommand mention = Command(
            "INSERT INTO mentions (document_id, entity_id, start, \"end\", text, label, reason, score) VALUES ($doc, $entity, $start, $end, $text, $label, $reason, $score)", transaction))
        {
            mention.Parameters.AddWithValue("$doc", document.Id);
            SqliteParameter entity = mention.Parameters.Add("$entity", SqliteType.Text), start = mention.Parameters.Add("$start", SqliteType.Integer),
                end = mention.Parameters.Add("$end", SqliteType.Integer), text = mention.Parameters.Add("$text", SqliteType.Text),
                label = mention.Parameters.Add("$label", SqliteType.Text), reason = mention.Parameters.Add("$reason", SqliteType.Text),
                score = mention.Parameters.Add("$score", SqliteType.Real);
            foreach (Mention m in document.Mentions)
            {
                if (m.EntityIndex < 0)
                    continue;
                (entity.Value, start.Value, end.Value, text.Value, label.Value) = (document.Entities[m.EntityIndex].Id, m.Start, m.End, m.Text, m.Label);
                (reason.Value, score.Value) = ((object?)m.LinkReason ?? DBNull.Value, Math.Round(m.LinkScore, 4));
                mention.ExecuteNonQuery();
                mentions++;
            }
        }
        int relations = 0;
        using (SqliteCommand relation = Command(
            """
            INSERT INTO relations (document_id, type, subject_id, object_id, symmetric, date, confidence, sentence, sentence_start, sentence_end, trigger_start, trigger_end)
            VALUES ($doc, $type, $subject, $object, $symmetric, $date, $confidence, $sentence, $sstart, $send, $tstart, $tend)
            """, transaction))
        {
            relation.Parameters.AddWithValue("$doc", document.Id);
            relation.Parameters.AddWithValue("$date", (object?)date ?? DBNull.Value);
            SqliteParameter type = relation.Parameters.Add("$type", SqliteType.Text), subject = relation.Parameters.Add("$subject", SqliteType.Text),
                obj = relation.Parameters.Add("$object", SqliteType.Text), symmetric = relation.Parameters.Add("$symmetric", SqliteType.Integer),
                confidence = relation.Parameters.Add("$confidence", SqliteType.Real), sentence = relation.Parameters.Add("$sentence", SqliteType.Text),
                sstart = relation.Parameters.Add("$sstart", SqliteType.Integer), send = relation.Parameters.Add("$send", SqliteType.Integer),
                tstart = relation.Parameters.Add("$tstart", SqliteType.Integer), tend = relation.Parameters.Add("$tend", SqliteType.Integer);
            // One row per relation and sentence: two patterns that read the same statement are one piece of evidence.
            var seen = new HashSet<(string, string, string, int)>();
            foreach (Relation r in document.Relations)
            {
                // As in the graph: negated, hedged or supposed statements are not facts to query.
                if (!r.IsAsserted)
                    continue;
                string s = document.Entities[r.SubjectEntity].Id, o = document.Entities[r.ObjectEntity].Id;
                if (r.Symmetric && string.CompareOrdinal(s, o) > 0)
                    (s, o) = (o, s);
                foreach (RelationEvidence e in r.Evidence)
                {
                    if (e.Modality is not null || !seen.Add((r.Type, s, o, e.SentenceIndex)))
                        continue;
                    Span span = document.Sentences[e.SentenceIndex];
                    (type.Value, subject.Value, obj.Value, symmetric.Value, confidence.Value) = (r.Type, s, o, r.Symmetric ? 1 : 0, Math.Round(e.Confidence, 4));
                    (sentence.Value, sstart.Value, send.Value) = (span.ToString(), span.Start, span.End);
                    (tstart.Value, tend.Value) = e.TriggerStart >= 0 ? ((object)e.TriggerStart, (object)e.TriggerEnd) : (DBNull.Value, DBNull.Value);
                    relation.ExecuteNonQuery();
                    relations++;
                }
            }
        }
        using (SqliteCommand insert = Command(
            "INSERT INTO documents (id, hash, date, url, title, mention_count, relation_count) VALUES ($id, $hash, $date, $url, $title, $m, $r)", transaction))
        {
            insert.Parameters.AddWithValue("$id", document.Id);
            insert.Parameters.AddWithValue("$hash", hash);
            insert.Parameters.AddWithValue("$date", (object?)date ?? DBNull.Value);
            insert.Parameters.AddWithValue("$url", (object?)document.Url ?? DBNull.Value);
            insert.Parameters.AddWithValue("$title", (object?)document.Title ?? DBNull.Value);
            insert.Parameters.AddWithValue("$m", mentions);
            insert.Parameters.AddWithValue("$r", relations);
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
        return old is null ? StoreAddOutcome.Added : StoreAddOutcome.Replaced;
    }

    private void Remove(string id, SqliteTransaction transaction)
    {
        using SqliteCommand remove = Command(
            """
            CREATE TEMP TABLE IF NOT EXISTS touched (id TEXT PRIMARY KEY);
            DELETE FROM touched;
            INSERT OR IGNORE INTO touched SELECT entity_id FROM mentions WHERE document_id = $id;
            DELETE FROM mentions WHERE document_id = $id;
            DELETE FROM relations WHERE document_id = $id;
            DELETE FROM documents WHERE id = $id;
            DELETE FROM entities WHERE id IN (SELECT id FROM touched) AND NOT EXISTS (SELECT 1 FROM mentions WHERE entity_id = entities.id);
            """, transaction);
        remove.Parameters.AddWithValue("$id", id);
        remove.ExecuteNonQuery();
    }

    /// <summary>The relation statements that match <paramref name="query"/>, by date, article and offset.</summary>
    /// <param name="query">The filters.</param>
    /// <returns>One row per statement, with its article and evidence sentence.</returns>
    public IReadOnlyList<StoredRelation> Query(GraphQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_lock)
        {
            return Guard(() =>
            {
                using SqliteCommand command = Command(
                    """
                    SELECT r.type, r.subject_id, coalesce(s.name, r.subject_id), r.object_id, coalesce(o.name, r.object_id), r.document_id, r.date,
                           r.sentence, r.sentence_start, r.sentence_end, r.confidence
                    FROM relations r LEFT JOIN entities s ON s.id = r.subject_id LEFT JOIN entities o ON o.id = r.object_id
                    """ + Where(query) + " ORDER BY r.date, r.document_id, r.sentence_start, r.type LIMIT $limit");
                Bind(command, query);
                command.Parameters.AddWithValue("$limit", query.Limit);
                var rows = new List<StoredRelation>();
                using SqliteDataReader reader = command.ExecuteReader();
                while (reader.Read())
                {
                    rows.Add(new StoredRelation(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                        reader.IsDBNull(6) ? null : DateOnly.ParseExact(reader.GetString(6), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                        reader.GetString(7), reader.GetInt32(8), reader.GetInt32(9), reader.GetDouble(10)));
                }
                return rows;
            });
        }
    }

    /// <summary>
    /// The stored graph as a <see cref="KnowledgeGraph"/> (to export as JSON, GraphML or DOT). With filters, only the
    /// matching relations, their two entities and the articles involved.
    /// </summary>
    /// <param name="query">Filters, or null for everything.</param>
    /// <returns>The graph.</returns>
    public KnowledgeGraph ToGraph(GraphQuery? query = null)
    {
        bool filtered = query is not null && (query.Entity ?? query.Type ?? query.Evidence) is not null || query?.From is not null || query?.To is not null;
        lock (_lock)
        {
            return Guard(() =>
            {
                var graph = new KnowledgeGraph();
                var documents = new HashSet<string>(StringComparer.Ordinal);
                HashSet<string>? entities = null;
                using (SqliteCommand edges = Command("SELECT r.type, r.subject_id, r.object_id, r.symmetric, r.document_id FROM relations r" + (filtered ? Where(query!) : string.Empty)))
                {
                    if (filtered)
                        Bind(edges, query!);
                    using SqliteDataReader reader = edges.ExecuteReader();
                    entities = filtered ? new HashSet<string>(StringComparer.Ordinal) : null;
                    while (reader.Read())
                    {
                        graph.AddEdge(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3) != 0, reader.GetString(4));
                        documents.Add(reader.GetString(4));
                        entities?.Add(reader.GetString(1));
                        entities?.Add(reader.GetString(2));
                    }
                }
                using (SqliteCommand mentions = Command(
                    """
                    SELECT m.entity_id, coalesce(e.name, m.entity_id), coalesce(e.type, m.label), m.document_id, m.start, m."end", m.text, m.label, m.reason, m.score, d.date
                    FROM mentions m LEFT JOIN entities e ON e.id = m.entity_id LEFT JOIN documents d ON d.id = m.document_id
                    """))
                {
                    using SqliteDataReader reader = mentions.ExecuteReader();
                    while (reader.Read())
                    {
                        string entity = reader.GetString(0), doc = reader.GetString(3);
                        // A filtered graph keeps the matching relations' entities, with their mentions in the matching articles.
                        if (entities is not null && (!entities.Contains(entity) || !documents.Contains(doc)))
                            continue;
                        GraphNode node = graph.NodeFor(entity, reader.GetString(1), reader.GetString(2));
                        node.AddDocument(doc);
                        node.AddMention(new GraphMention(doc, reader.GetInt32(4), reader.GetInt32(5), reader.GetString(6), reader.GetString(7),
                            reader.IsDBNull(8) ? null : reader.GetString(8), reader.GetDouble(9),
                            reader.IsDBNull(10) ? null : DateOnly.ParseExact(reader.GetString(10), "yyyy-MM-dd", CultureInfo.InvariantCulture)));
                    }
                }
                using (SqliteCommand docs = Command("SELECT id, date, url, title FROM documents"))
                {
                    using SqliteDataReader reader = docs.ExecuteReader();
                    while (reader.Read())
                    {
                        string id = reader.GetString(0);
                        if (filtered && !documents.Contains(id))
                            continue;
                        graph.AddDocumentInfo(new GraphDocument(id,
                            reader.IsDBNull(1) ? null : DateOnly.ParseExact(reader.GetString(1), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                            reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
                    }
                }
                return graph;
            });
        }
    }

    /// <summary>
    /// The WHERE clause of <paramref name="query"/>'s filters, and only of those given: a clause of the form
    /// "($type IS NULL OR r.type = $type)" for every filter kept SQLite from using any index, so every query scanned
    /// every relation (benchmarks/results/store.md: on 100,000 articles, "captured in June 2014" took 80.4 ms at the median, now 6.6 ms).
    /// </summary>
    private static string Where(GraphQuery query)
    {
        var conditions = new List<string>();
        if (query.Type is not null)
            conditions.Add("r.type = $type");
        if (query.From is not null)
            conditions.Add("r.date >= $from");
        if (query.To is not null)
            conditions.Add("r.date <= $to");
        if (query.Evidence is not null)
            conditions.Add("r.sentence LIKE '%' || $evidence || '%'");
        if (query.Entity is not null)
            // Rows by the subject and object indexes, then the other filters: an OR of the two tests scanned every row
            // of the relation type instead.
            conditions.Add("r.rowid IN (SELECT rowid FROM relations WHERE subject_id IN (SELECT id FROM named) UNION SELECT rowid FROM relations WHERE object_id IN (SELECT id FROM named))");
        return conditions.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", conditions);
    }

    /// <summary>Puts <paramref name="query"/>'s filters into <paramref name="command"/> (whose text ends with <see cref="Where"/>).</summary>
    private static void Bind(SqliteCommand command, GraphQuery query)
    {
        if (query.Entity is not null)
        {
            // The entity: its id, its canonical name, or any name a mention of it used (aliases seen in later articles included).
            command.CommandText = """
                WITH named (id) AS (SELECT id FROM entities WHERE id = $entity OR name = $entity COLLATE NOCASE
                                    UNION SELECT entity_id FROM mentions WHERE text = $entity COLLATE NOCASE)
                """ + command.CommandText;
            command.Parameters.AddWithValue("$entity", query.Entity);
        }
        if (query.Type is not null)
            command.Parameters.AddWithValue("$type", query.Type);
        if (query.From is not null)
            command.Parameters.AddWithValue("$from", query.From.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (query.To is not null)
            command.Parameters.AddWithValue("$to", query.To.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (query.Evidence is not null)
            command.Parameters.AddWithValue("$evidence", query.Evidence);
    }

    private T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (SqliteException ex)
        {
            throw Explain(ex);
        }
    }

    /// <summary>A message a user can act on, for SQLite's error codes.</summary>
    private GraphStoreException Explain(SqliteException ex) => ex.SqliteErrorCode switch
    {
        5 or 6 => new GraphStoreException($"{_path}: the store is locked by another process (another 'graph add'?); try again when it has finished.", ex),
        8 => new GraphStoreException($"{_path}: the store is read-only here; check the file's and the folder's permissions.", ex),
        14 => new GraphStoreException($"{_path}: cannot open or create the store: the folder is missing or not writable.", ex),
        26 or 11 => new GraphStoreException($"{_path}: not an EntityGraph store: the file is not a SQLite database (or is damaged).", ex),
        13 => new GraphStoreException($"{_path}: the disk is full.", ex),
        _ => new GraphStoreException($"{_path}: {ex.Message}", ex),
    };

    private SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        SqliteCommand command = _connection.CreateCommand();
#pragma warning disable CA2100 // Every statement is a constant of this class; values go through parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.Transaction = transaction;
        return command;
    }

    private object? Scalar(string sql)
    {
        using SqliteCommand command = Command(sql);
        return command.ExecuteScalar();
    }

    private void Execute(string sql, SqliteTransaction? transaction = null)
    {
        using SqliteCommand command = Command(sql, transaction);
        command.ExecuteNonQuery();
    }

    /// <summary>Closes the file.</summary>
    public void Dispose() => _connection.Dispose();
}
