using System.Globalization;
using System.Text.Json;

namespace EntityGraph.Evaluation;

/// <summary>What <see cref="Re3dReader"/> read.</summary>
internal sealed record Re3dCorpus(string Path, List<AnnotatedDocument> Documents, List<EvaluationProblem> Problems, List<string> SkippedDocuments);

/// <summary>
/// Reads the re3d JSON export (dstl/re3d: per source folder <c>documents.json</c>, <c>entities.json</c> and
/// <c>relations.json</c>, one JSON object per line, character offsets into the document text). Only annotations
/// with confidence at least 0.5 are kept (as re3d's own CoNLL export does). The mapping onto ANNOTATION.md, and
/// how honest it is, is in <see cref="TagMap"/> and <see cref="RelationMap"/>; <c>IsSynonymOf</c> relations become
/// alias clusters (entities). A wrong line (bad JSON, offsets outside the text, text that does not match the
/// offsets) skips its document.
/// </summary>
internal static class Re3dReader
{
    /// <summary>re3d entity type to CoNLL tag. re3d marks more than names (titles in Person spans, "the army" as
    /// Organisation), so mention scores against re3d are approximate; other types (Weapon, Temporal...) are dropped.</summary>
    public static readonly IReadOnlyDictionary<string, string> TagMap = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Person"] = "PER",
        ["Organisation"] = "ORG",
        ["Location"] = "LOC",
        ["Nationality"] = "MISC",
    };

    /// <summary>re3d relation type to ours. CommWith (met, talked, but also quoted) and FightingAgainst (a state of
    /// conflict rather than one attack) are approximate; BelongsTo is mapped only from a person to an organisation or
    /// place. CoLocated, HasAttrOf, InChargeOf, AlliesOf, Likes, Dislikes and Apart have no counterpart.</summary>
    public static readonly IReadOnlyDictionary<string, string> RelationMap = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["CommWith"] = "held_talks_with",
        ["FightingAgainst"] = "attacked",
        ["BelongsTo"] = "affiliated_with",
    };

    private const double MinConfidence = 0.5;

    public static Re3dCorpus ReadFolder(string directory)
    {
        var documents = new List<AnnotatedDocument>();
        var problems = new List<EvaluationProblem>();
        var skipped = new List<string>();
        string[] sources = Directory.GetDirectories(directory);
        Array.Sort(sources, StringComparer.Ordinal);
        foreach (string source in sources)
        {
            if (File.Exists(System.IO.Path.Combine(source, "documents.json")))
                ReadSource(source, documents, problems, skipped);
        }
        return new Re3dCorpus(directory, documents, problems, skipped);
    }

    private sealed class Pending(string id, string text)
    {
        public string Id { get; } = id;
        public string Text { get; } = text;
        public bool Bad { get; set; }
        public Dictionary<(int, int), (string Tag, double Confidence)> Mentions { get; } = [];
        public List<(string Type, int S0, int S1, int T0, int T1)> Relations { get; } = [];
    }

    internal static void ReadSource(string folder, List<AnnotatedDocument> documents, List<EvaluationProblem> problems, List<string> skipped)
    {
        var byId = new Dictionary<string, Pending>(StringComparer.Ordinal);
        var order = new List<Pending>();
        string sourceName = System.IO.Path.GetFileName(folder);
        ForEachLine(System.IO.Path.Combine(folder, "documents.json"), problems, (path, line, root) =>
        {
            string? id = Str(root, "_id");
            string? text = Str(root, "text");
            if (id is null || text is null)
            {
                problems.Add(new EvaluationProblem(path, line, 0, "a document needs string fields _id and text"));
                return;
            }
            var p = new Pending(sourceName + "/" + id, text);
            if (byId.TryAdd(id, p))
                order.Add(p);
            else
                problems.Add(new EvaluationProblem(path, line, 0, $"document '{id}' appears twice"));
        });
        ForEachLine(System.IO.Path.Combine(folder, "entities.json"), problems, (path, line, root) =>
        {
            if (Find(path, line, root, byId, problems) is not { } doc)
                return;
            if (!Span(path, line, root, doc, "begin", "end", "value", problems, out int begin, out int end))
                return;
            double confidence = root.TryGetProperty("confidence", out JsonElement c) && c.ValueKind == JsonValueKind.Number ? c.GetDouble() : 1;
            if (confidence < MinConfidence || Str(root, "type") is not { } type || !TagMap.TryGetValue(type, out string? tag))
                return;
            if (!doc.Mentions.TryGetValue((begin, end), out var existing) || existing.Confidence < confidence)
                doc.Mentions[(begin, end)] = (tag, confidence);
        });
        ForEachLine(System.IO.Path.Combine(folder, "relations.json"), problems, (path, line, root) =>
        {
            if (Find(path, line, root, byId, problems) is not { } doc)
                return;
            if (!Span(path, line, root, doc, "sourceBegin", "sourceEnd", "source", problems, out int s0, out int s1)
                || !Span(path, line, root, doc, "targetBegin", "targetEnd", "target", problems, out int t0, out int t1))
                return;
            double confidence = root.TryGetProperty("confidence", out JsonElement c) && c.ValueKind == JsonValueKind.Number ? c.GetDouble() : 1;
            if (confidence >= MinConfidence && Str(root, "type") is { } type)
                doc.Relations.Add((type, s0, s1, t0, t1));
        });
        foreach (Pending p in order)
        {
            if (p.Bad)
                skipped.Add(p.Id);
            else
                documents.Add(Build(p));
        }
    }

    private static AnnotatedDocument Build(Pending p)
    {
        var spans = new List<(int Start, int End)>(p.Mentions.Keys);
        spans.Sort();
        var index = new Dictionary<(int, int), int>();
        for (int i = 0; i < spans.Count; i++)
            index.Add(spans[i], i);
        // IsSynonymOf links make alias clusters: union-find over mention indices.
        var parent = new int[spans.Count];
        for (int i = 0; i < parent.Length; i++)
            parent[i] = i;
        int Root(int i)
        {
            while (parent[i] != i)
                i = parent[i] = parent[parent[i]];
            return i;
        }
        var relations = new List<AnnotatedRelation>();
        foreach ((string type, int s0, int s1, int t0, int t1) in p.Relations)
        {
            if (!index.TryGetValue((s0, s1), out int a) || !index.TryGetValue((t0, t1), out int b))
                continue;
            if (type == "IsSynonymOf")
            {
                int ra = Root(a), rb = Root(b);
                if (ra != rb)
                    parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
                continue;
            }
            if (!RelationMap.TryGetValue(type, out string? ours))
                continue;
            if (ours == "affiliated_with" && !(p.Mentions[spans[a]].Tag == "PER" && p.Mentions[spans[b]].Tag is "ORG" or "LOC"))
                continue;
            relations.Add(new AnnotatedRelation("R" + (relations.Count + 1).ToString(CultureInfo.InvariantCulture), ours, a, b));
        }
        var clusterSize = new int[spans.Count];
        for (int i = 0; i < spans.Count; i++)
            clusterSize[Root(i)]++;
        var mentions = new AnnotatedMention[spans.Count];
        for (int i = 0; i < spans.Count; i++)
        {
            (int start, int end) = spans[i];
            int root = Root(i);
            string? key = clusterSize[root] > 1 ? "re3d:" + root.ToString(CultureInfo.InvariantCulture) : null;
            mentions[i] = new AnnotatedMention("T" + (i + 1).ToString(CultureInfo.InvariantCulture), p.Mentions[spans[i]].Tag, start, end,
                p.Text.Substring(start, end - start), key);
        }
        return new AnnotatedDocument(p.Id, p.Text, mentions, relations);
    }

    private static Pending? Find(string path, int line, JsonElement root, Dictionary<string, Pending> byId, List<EvaluationProblem> problems)
    {
        if (Str(root, "documentId") is { } id && byId.TryGetValue(id, out Pending? doc))
            return doc;
        problems.Add(new EvaluationProblem(path, line, 0, $"documentId '{Str(root, "documentId")}' is not in documents.json"));
        return null;
    }

    private static bool Span(string path, int line, JsonElement root, Pending doc, string beginName, string endName, string valueName,
        List<EvaluationProblem> problems, out int begin, out int end)
    {
        begin = end = 0;
        if (!Int(root, beginName, out begin) || !Int(root, endName, out end) || Str(root, valueName) is not { } value)
        {
            problems.Add(new EvaluationProblem(path, line, 0, $"expected integer fields {beginName}, {endName} and a string {valueName}"));
            doc.Bad = true;
            return false;
        }
        if (begin < 0 || end <= begin || end > doc.Text.Length)
        {
            problems.Add(new EvaluationProblem(path, line, 0, $"offsets {begin}-{end} are outside the text of '{doc.Id}' ({doc.Text.Length} characters)"));
            doc.Bad = true;
            return false;
        }
        if (value.Length != end - begin || string.CompareOrdinal(doc.Text, begin, value, 0, value.Length) != 0)
        {
            problems.Add(new EvaluationProblem(path, line, 0,
                $"{valueName} '{Visible(value)}' does not match the text at {begin}-{end}, which is '{Visible(doc.Text.Substring(begin, end - begin))}'"));
            doc.Bad = true;
            return false;
        }
        return true;
    }

    private static void ForEachLine(string path, List<EvaluationProblem> problems, Action<string, int, JsonElement> handle)
    {
        if (!File.Exists(path))
        {
            problems.Add(new EvaluationProblem(path, 0, 0, "the file is missing"));
            return;
        }
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            JsonDocument json;
            try
            {
                json = JsonDocument.Parse(line.TrimStart('\uFEFF'));
            }
            catch (JsonException ex)
            {
                problems.Add(new EvaluationProblem(path, lineNumber, (int)(ex.BytePositionInLine ?? 0) + 1, "not a JSON object: " + ex.Message));
                continue;
            }
            using (json)
            {
                if (json.RootElement.ValueKind != JsonValueKind.Object)
                    problems.Add(new EvaluationProblem(path, lineNumber, 1, "expected one JSON object per line"));
                else
                    handle(path, lineNumber, json.RootElement);
            }
        }
    }

    private static string Visible(string value) => value.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    internal static string? Str(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool Int(JsonElement root, string name, out int value)
    {
        value = 0;
        return root.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out value);
    }
}
