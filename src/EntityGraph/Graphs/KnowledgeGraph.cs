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
public readonly record struct GraphMention(string DocumentId, int Start, int End, string Text, string Label, string? LinkReason, double LinkScore);

/// <summary>A relation between two graph entities, with the documents that assert it.</summary>
public sealed class GraphEdge
{
    private readonly List<string> _documents = [];

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

    /// <summary>The documents that assert the relation, in the order they were added.</summary>
    public IReadOnlyList<string> Documents => _documents;

    internal void AddDocument(string id)
    {
        if (!_documents.Contains(id))
            _documents.Add(id);
    }
}

/// <summary>One real-world entity across documents.</summary>
public sealed class GraphNode
{
    private readonly List<GraphMention> _mentions = [];
    private readonly List<string> _documents = [];

    internal GraphNode(string id, string name, string type)
    {
        Id = id;
        Name = name;
        Type = type;
    }

    /// <summary>The stable id: the alias dictionary's id, else the deterministic key of name and type (john_mccain.per).</summary>
    public string Id { get; }

    /// <summary>The canonical name (the dictionary's, else the longest name seen).</summary>
    public string Name { get; private set; }

    /// <summary>PER, ORG, LOC or MISC.</summary>
    public string Type { get; }

    /// <summary>Whether the id comes from an alias dictionary.</summary>
    public bool FromDictionary => !Id.Contains('.', StringComparison.Ordinal);

    /// <summary>Every mention, in the order documents were added and text order within one.</summary>
    public IReadOnlyList<GraphMention> Mentions => _mentions;

    /// <summary>The documents that mention the entity.</summary>
    public IReadOnlyList<string> Documents => _documents;

    internal void Add(string documentId, Entity entity, Document document)
    {
        if (!FromDictionary && entity.CanonicalName.Length > Name.Length)
            Name = entity.CanonicalName;
        if (!_documents.Contains(documentId))
            _documents.Add(documentId);
        foreach (int index in entity.MentionIndices)
        {
            Mention m = document.Mentions[index];
            _mentions.Add(new GraphMention(documentId, m.Start, m.End, m.Text, m.Label, m.LinkReason, m.LinkScore));
        }
    }
}

/// <summary>
/// Entities from many documents merged into one graph by stable id. Safe to fill from several threads. Nodes and
/// edges are ordered by id; mentions and documents keep the order the documents were added in.
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
    private readonly List<string> _documents = [];

    /// <summary>Number of documents added.</summary>
    public int DocumentCount
    {
        get
        {
            lock (_lock)
                return _documents.Count;
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
            string id = document.Id.Length > 0 ? document.Id : "doc" + (_documents.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (_documents.Contains(id))
                throw new ArgumentException($"A document with id '{id}' is already in the graph; give each document a distinct id.", nameof(document));
            _documents.Add(id);
            foreach (Entity entity in document.Entities)
            {
                if (!_nodes.TryGetValue(entity.Id, out GraphNode? node))
                    _nodes[entity.Id] = node = new GraphNode(entity.Id, entity.CanonicalName, entity.Type);
                node.Add(id, entity, document);
            }
            foreach (Relation relation in document.Relations)
            {
                // Negated, hedged or supposed statements stay in the document's JSON, not in the graph.
                if (!relation.IsAsserted)
                    continue;
                string subject = document.Entities[relation.SubjectEntity].Id, obj = document.Entities[relation.ObjectEntity].Id;
                if (relation.Symmetric && string.CompareOrdinal(subject, obj) > 0)
                    (subject, obj) = (obj, subject);
                if (!_edges.TryGetValue((relation.Type, subject, obj), out GraphEdge? edge))
                    _edges[(relation.Type, subject, obj)] = edge = new GraphEdge(relation.Type, subject, obj, relation.Symmetric);
                edge.AddDocument(id);
            }
        }
    }

    /// <summary>Writes the graph as JSON (schema in models/aliases/README.md, "Graph JSON").</summary>
    /// <param name="stream">The destination; left open.</param>
    /// <param name="indented">Whether to indent.</param>
    public void WriteJson(Stream stream, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented });
        IReadOnlyList<GraphNode> nodes = Nodes;
        IReadOnlyList<GraphEdge> edges = Edges;
        w.WriteStartObject();
        w.WriteString("schema", Schema);
        w.WriteStartArray("documents");
        lock (_lock)
        {
            foreach (string d in _documents)
                w.WriteStringValue(d);
        }
        w.WriteEndArray();
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
}
