using System.Globalization;
using System.Text.Json;

namespace EntityGraph.Graphs;

/// <summary>One place a graph entity is mentioned: the document and the exact character offsets.</summary>
/// <param name="DocumentId">The document's id.</param>
/// <param name="Start">Offset of the first character in that document's text.</param>
/// <param name="End">Offset just past the last character.</param>
/// <param name="Text">The mention's text.</param>
/// <param name="Label">The mention's tag (a demonym keeps MISC on a LOC entity).</param>
/// <param name="LinkReason">Why the mention joined its entity in its document.</param>
/// <param name="LinkScore">The strength of that link.</param>
/// <param name="Date">The document's publication day, when it has one.</param>
public readonly record struct GraphMention(string DocumentId, int Start, int End, string Text, string Label, string? LinkReason, double LinkScore, DateOnly? Date = null);

/// <summary>A document in a graph, with the metadata its source gave (JSON Lines input).</summary>
/// <param name="Id">The document id.</param>
/// <param name="Date">The publication day.</param>
/// <param name="Url">The address.</param>
/// <param name="Title">The headline.</param>
public sealed record GraphDocument(string Id, DateOnly? Date = null, string? Url = null, string? Title = null)
{
    internal bool HasMetadata => Date is not null || Url is not null || Title is not null;
}

/// <summary>A relation between two graph entities, with the documents that assert it.</summary>
public sealed class GraphEdge
{
    private readonly HashSet<string> _documents = new(StringComparer.Ordinal);
    private string[]? _sorted;

    internal GraphEdge(string type, string subjectId, string objectId, bool symmetric)
    {
        Type = type;
        SubjectId = subjectId;
        ObjectId = objectId;
        Symmetric = symmetric;
    }

    /// <summary>The relation type (captured, deployed_to...).</summary>
    public string Type { get; }

    /// <summary>Id of the subject node.</summary>
    public string SubjectId { get; }

    /// <summary>Id of the object node.</summary>
    public string ObjectId { get; }

    /// <summary>Whether the relation holds both ways.</summary>
    public bool Symmetric { get; }

    /// <summary>The documents that assert the relation, ordered by id (so a graph does not depend on the order documents came in).</summary>
    public IReadOnlyList<string> Documents => _sorted ??= Sorted(_documents);

    internal void AddDocument(string id)
    {
        if (_documents.Add(id))
            _sorted = null;
    }

    internal static string[] Sorted(HashSet<string> set)
    {
        string[] items = [.. set];
        Array.Sort(items, StringComparer.Ordinal);
        return items;
    }
}

/// <summary>One real-world entity across documents.</summary>
public sealed class GraphNode
{
    private readonly List<GraphMention> _mentions = [];
    private readonly HashSet<string> _documents = new(StringComparer.Ordinal);
    private string[]? _sortedDocuments;
    private bool _mentionsSorted = true;

    internal GraphNode(string id, string name, string type)
    {
        Id = id;
        Name = name;
        Type = type;
    }

    /// <summary>The stable id: the alias dictionary's id, else the deterministic key of name and type (john_mccain.per).</summary>
    public string Id { get; }

    /// <summary>The canonical name (the dictionary's, else the longest name seen; the first in ordinal order among equally long ones).</summary>
    public string Name { get; private set; }

    /// <summary>PER, ORG, LOC or MISC.</summary>
    public string Type { get; }

    /// <summary>Whether the id comes from an alias dictionary.</summary>
    public bool FromDictionary => !Id.Contains('.', StringComparison.Ordinal);

    /// <summary>Every mention, ordered by document id, then by text order within a document.</summary>
    public IReadOnlyList<GraphMention> Mentions
    {
        get
        {
            if (!_mentionsSorted)
            {
                _mentions.Sort(static (a, b) =>
                {
                    int c = string.CompareOrdinal(a.DocumentId, b.DocumentId);
                    if (c == 0)
                        c = a.Start.CompareTo(b.Start);
                    return c != 0 ? c : a.End.CompareTo(b.End);
                });
                _mentionsSorted = true;
            }
            return _mentions;
        }
    }

    /// <summary>The documents that mention the entity, ordered by id.</summary>
    public IReadOnlyList<string> Documents => _sortedDocuments ??= GraphEdge.Sorted(_documents);

    internal void Add(string documentId, Entity entity, Document document)
    {
        MergeName(entity.CanonicalName);
        AddDocument(documentId);
        foreach (int index in entity.MentionIndices)
        {
            Mention m = document.Mentions[index];
            AddMention(new GraphMention(documentId, m.Start, m.End, m.Text, m.Label, m.LinkReason, m.LinkScore, document.Date));
        }
    }

    /// <summary>
    /// Keeps the longest name, and the ordinal first of equally long ones, so the name does not depend on the order
    /// documents or shards are added in.
    /// </summary>
    internal void MergeName(string name)
    {
        if (!FromDictionary && (name.Length > Name.Length || (name.Length == Name.Length && string.CompareOrdinal(name, Name) < 0)))
            Name = name;
    }

    internal void AddDocument(string documentId)
    {
        if (_documents.Add(documentId))
            _sortedDocuments = null;
    }

    internal void AddMention(GraphMention mention)
    {
        _mentions.Add(mention);
        _mentionsSorted = false;
    }
}

/// <summary>
/// Entities from many documents merged into one graph by stable id. Safe to fill from several threads; read it once
/// filled. The graph is a set: nodes and edges are ordered by id, documents and mentions by document id, so the same
/// documents give the same graph whatever order (or shards, <see cref="Merge"/>) they came in.
/// </summary>
/// <example>
/// <code>
/// var graph = new KnowledgeGraph();
/// foreach (Document doc in pipeline.ProcessMany(inputs))
///     graph.Add(doc);
/// using var file = File.Create("graph.json");
/// graph.WriteJson(file);
/// </code>
/// </example>
public sealed class KnowledgeGraph
{
    /// <summary>The value of the JSON <c>schema</c> field.</summary>
    public const string Schema = "entitygraph.graph/1";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, GraphNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string, string), GraphEdge> _edges = [];
    private readonly Dictionary<string, GraphDocument> _documents = new(StringComparer.Ordinal);

    /// <summary>Number of documents added.</summary>
    public int DocumentCount
    {
        get
        {
            lock (_lock)
                return _documents.Count;
        }
    }

    /// <summary>The documents, ordered by id, with their metadata.</summary>
    public IReadOnlyList<GraphDocument> Documents
    {
        get
        {
            lock (_lock)
            {
                var documents = new List<GraphDocument>(_documents.Values);
                documents.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
                return documents;
            }
        }
    }

    /// <summary>A snapshot of the nodes, ordered by id.</summary>
    public IReadOnlyList<GraphNode> Nodes
    {
        get
        {
            lock (_lock)
            {
                var nodes = new List<GraphNode>(_nodes.Values);
                nodes.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
                return nodes;
            }
        }
    }

    /// <summary>A snapshot of the edges, ordered by type, subject and object.</summary>
    public IReadOnlyList<GraphEdge> Edges
    {
        get
        {
            lock (_lock)
            {
                var edges = new List<GraphEdge>(_edges.Values);
                edges.Sort(static (a, b) =>
                {
                    int c = string.CompareOrdinal(a.Type, b.Type);
                    if (c == 0)
                        c = string.CompareOrdinal(a.SubjectId, b.SubjectId);
                    return c != 0 ? c : string.CompareOrdinal(a.ObjectId, b.ObjectId);
                });
                return edges;
            }
        }
    }

    /// <summary>The node with <paramref name="id"/>.</summary>
    /// <returns>Whether it exists.</returns>
    public bool TryGetNode(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out GraphNode? node)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_lock)
            return _nodes.TryGetValue(id, out node);
    }

    /// <summary>Merges a resolved document's entities and relations into the graph.</summary>
    /// <param name="document">A document that went through alias resolution.</param>
    /// <exception cref="ArgumentException">The document has mentions but no entities (alias resolution did not run), or its id was already added.</exception>
    public void Add(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Mentions.Count > 0 && document.Entities.Count == 0)
            throw new ArgumentException($"Document '{document.Id}' has mentions but no entities: run alias resolution first (UseAliasResolver).", nameof(document));
        lock (_lock)
        {
            string id = document.Id.Length > 0 ? document.Id : "doc" + (_documents.Count + 1).ToString(CultureInfo.InvariantCulture);
            if (_documents.ContainsKey(id))
                throw new ArgumentException($"A document with id '{id}' is already in the graph; give each document a distinct id.", nameof(document));
            _documents[id] = new GraphDocument(id, document.Date, document.Url, document.Title);
            foreach (Entity entity in document.Entities)
                NodeFor(entity.Id, entity.CanonicalName, entity.Type).Add(id, entity, document);
            foreach (Relation relation in document.Relations)
            {
                // Negated, hedged or supposed statements stay in the document's JSON, not in the graph.
                if (!relation.IsAsserted)
                    continue;
                AddEdge(relation.Type, document.Entities[relation.SubjectEntity].Id, document.Entities[relation.ObjectEntity].Id, relation.Symmetric, id);
            }
        }
    }

    /// <summary>
    /// Adds every document, entity and relation of <paramref name="other"/> (a shard of the same corpus). Merging is
    /// associative and commutative, and merging the graphs of a corpus's shards gives the graph of the whole corpus.
    /// </summary>
    /// <param name="other">The graph to merge in; not changed.</param>
    /// <exception cref="ArgumentException">A document is in both graphs.</exception>
    public void Merge(KnowledgeGraph other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(other, this))
            throw new ArgumentException("A graph cannot be merged into itself.", nameof(other));
        IReadOnlyList<GraphDocument> documents = other.Documents;
        lock (_lock)
        {
            foreach (GraphDocument d in documents)
            {
                if (_documents.ContainsKey(d.Id))
                    throw new ArgumentException($"The document '{d.Id}' is in both graphs; each document must be in one shard only.", nameof(other));
            }
            foreach (GraphDocument d in documents)
                _documents[d.Id] = d;
            foreach (GraphNode source in other.Nodes)
            {
                GraphNode node = NodeFor(source.Id, source.Name, source.Type);
                node.MergeName(source.Name);
                foreach (string d in source.Documents)
                    node.AddDocument(d);
                foreach (GraphMention m in source.Mentions)
                    node.AddMention(m);
            }
            foreach (GraphEdge edge in other.Edges)
            {
                foreach (string d in edge.Documents)
                    AddEdge(edge.Type, edge.SubjectId, edge.ObjectId, edge.Symmetric, d);
            }
        }
    }

    internal void AddDocumentInfo(GraphDocument document)
    {
        lock (_lock)
            _documents[document.Id] = document;
    }

    /// <summary>The node <paramref name="id"/>, created with this name and type when new.</summary>
    internal GraphNode NodeFor(string id, string name, string type)
    {
        lock (_lock)
        {
            if (!_nodes.TryGetValue(id, out GraphNode? node))
                _nodes[id] = node = new GraphNode(id, name, type);
            return node;
        }
    }

    internal void AddEdge(string type, string subject, string obj, bool symmetric, string documentId)
    {
        lock (_lock)
        {
            if (symmetric && string.CompareOrdinal(subject, obj) > 0)
                (subject, obj) = (obj, subject);
            if (!_edges.TryGetValue((type, subject, obj), out GraphEdge? edge))
                _edges[(type, subject, obj)] = edge = new GraphEdge(type, subject, obj, symmetric);
            edge.AddDocument(documentId);
        }
    }

    /// <summary>Writes the graph as JSON (schema in models/aliases/README.md, "Graph JSON").</summary>
    /// <param name="stream">The destination; left open.</param>
    /// <param name="indented">Whether to indent.</param>
    public void WriteJson(Stream stream, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented });
        IReadOnlyList<GraphDocument> documents = Documents;
        IReadOnlyList<GraphNode> nodes = Nodes;
        IReadOnlyList<GraphEdge> edges = Edges;
        Dictionary<string, GraphDocument> byId;
        lock (_lock)
            byId = new Dictionary<string, GraphDocument>(_documents, StringComparer.Ordinal);
        w.WriteStartObject();
        w.WriteString("schema", Schema);
        w.WriteStartArray("documents");
        foreach (GraphDocument d in documents)
            w.WriteStringValue(d.Id);
        w.WriteEndArray();
        // Metadata only when some document has it, so graphs of plain text files keep their shape.
        if (documents.Any(static d => d.HasMetadata))
        {
            w.WriteStartArray("articles");
            foreach (GraphDocument d in documents)
            {
                if (!d.HasMetadata)
                    continue;
                w.WriteStartObject();
                w.WriteString("id", d.Id);
                if (d.Date is { } date)
                    w.WriteString("date", Iso(date));
                if (d.Url is not null)
                    w.WriteString("url", d.Url);
                if (d.Title is not null)
                    w.WriteString("title", d.Title);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteStartArray("nodes");
        foreach (GraphNode node in nodes)
        {
            w.WriteStartObject();
            w.WriteString("id", node.Id);
            w.WriteString("name", node.Name);
            w.WriteString("type", node.Type);
            w.WriteBoolean("dictionary", node.FromDictionary);
            w.WriteStartArray("documents");
            foreach (string d in node.Documents)
                w.WriteStringValue(d);
            w.WriteEndArray();
            w.WriteStartArray("mentions");
            foreach (GraphMention m in node.Mentions)
            {
                w.WriteStartObject();
                w.WriteString("doc", m.DocumentId);
                w.WriteNumber("start", m.Start);
                w.WriteNumber("end", m.End);
                w.WriteString("text", m.Text);
                w.WriteString("label", m.Label);
                if (m.LinkReason is not null)
                    w.WriteString("reason", m.LinkReason);
                w.WriteNumber("score", Math.Round(m.LinkScore, 4));
                if (m.Date is { } date)
                    w.WriteString("date", Iso(date));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("edges");
        foreach (GraphEdge edge in edges)
        {
            w.WriteStartObject();
            w.WriteString("type", edge.Type);
            w.WriteString("subject", edge.SubjectId);
            w.WriteString("object", edge.ObjectId);
            w.WriteBoolean("symmetric", edge.Symmetric);
            w.WriteStartArray("documents");
            foreach (string d in edge.Documents)
                w.WriteStringValue(d);
            w.WriteEndArray();
            var dates = new SortedSet<DateOnly>();
            foreach (string d in edge.Documents)
            {
                if (byId.TryGetValue(d, out GraphDocument? doc) && doc.Date is { } date)
                    dates.Add(date);
            }
            if (dates.Count > 0)
            {
                // The days the relation was reported on, so a graph answers questions about time.
                w.WriteStartArray("dates");
                foreach (DateOnly date in dates)
                    w.WriteStringValue(Iso(date));
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The graph as a JSON string.</summary>
    /// <param name="indented">Whether to indent.</param>
    /// <returns>The JSON text.</returns>
    public string ToJson(bool indented = true)
    {
        using var stream = new MemoryStream();
        WriteJson(stream, indented);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Reads a graph written by <see cref="WriteJson"/> (schema <c>entitygraph.graph/1</c>), for instance a shard's.</summary>
    /// <param name="stream">The JSON.</param>
    /// <param name="name">The source's name for messages (a path).</param>
    /// <returns>The graph.</returns>
    /// <exception cref="InvalidDataException">The text is not JSON or not an entitygraph graph; the message names the source and where.</exception>
    public static KnowledgeGraph ReadJson(Stream stream, string name = "graph")
    {
        ArgumentNullException.ThrowIfNull(stream);
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{name}: not JSON (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}): {ex.Message.Split(" Path:")[0]}", ex);
        }
        using (json)
        {
            try
            {
                return FromJson(json.RootElement, name);
            }
            catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException or FormatException)
            {
                throw new InvalidDataException($"{name}: not a complete {Schema} graph: {ex.Message}", ex);
            }
        }
    }

    private static KnowledgeGraph FromJson(JsonElement root, string name)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("schema", out JsonElement schema) || schema.GetString() != Schema)
            throw new InvalidDataException($"{name}: not an EntityGraph graph: the \"schema\" field must be \"{Schema}\" (write one with 'entitygraph graph ... --format json').");
        var graph = new KnowledgeGraph();
        foreach (JsonElement d in root.GetProperty("documents").EnumerateArray())
        {
            string id = d.GetString()!;
            graph._documents[id] = new GraphDocument(id);
        }
        if (root.TryGetProperty("articles", out JsonElement articles))
        {
            foreach (JsonElement a in articles.EnumerateArray())
            {
                string id = a.GetProperty("id").GetString()!;
                graph._documents[id] = new GraphDocument(id, OptionalDate(a, "date"), OptionalString(a, "url"), OptionalString(a, "title"));
            }
        }
        foreach (JsonElement n in root.GetProperty("nodes").EnumerateArray())
        {
            GraphNode node = graph.NodeFor(n.GetProperty("id").GetString()!, n.GetProperty("name").GetString()!, n.GetProperty("type").GetString()!);
            foreach (JsonElement d in n.GetProperty("documents").EnumerateArray())
                node.AddDocument(d.GetString()!);
            foreach (JsonElement m in n.GetProperty("mentions").EnumerateArray())
            {
                node.AddMention(new GraphMention(
                    m.GetProperty("doc").GetString()!, m.GetProperty("start").GetInt32(), m.GetProperty("end").GetInt32(),
                    m.GetProperty("text").GetString()!, m.GetProperty("label").GetString()!, OptionalString(m, "reason"),
                    m.GetProperty("score").GetDouble(), OptionalDate(m, "date")));
            }
        }
        foreach (JsonElement e in root.GetProperty("edges").EnumerateArray())
        {
            foreach (JsonElement d in e.GetProperty("documents").EnumerateArray())
            {
                graph.AddEdge(e.GetProperty("type").GetString()!, e.GetProperty("subject").GetString()!, e.GetProperty("object").GetString()!,
                    e.GetProperty("symmetric").GetBoolean(), d.GetString()!);
            }
        }
        return graph;
    }

    private static string? OptionalString(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static DateOnly? OptionalDate(JsonElement e, string name) =>
        OptionalString(e, name) is { } text ? DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
