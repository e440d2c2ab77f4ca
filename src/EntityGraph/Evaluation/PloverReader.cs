using System.Globalization;
using System.Text.Json;

namespace EntityGraph.Evaluation;

/// <summary>A PLOVER actor: its text in the sentence and its CAMEO country/sector code; Start is -1 when the text is not in the sentence.</summary>
internal sealed record PloverActor(string Text, string? Code, int Start);

/// <summary>One PLOVER gold-standard record: a news sentence, its event type and its source and target actors.</summary>
internal sealed record PloverRecord(string Id, string Event, string Text, string? EventText, IReadOnlyList<PloverActor> Sources, IReadOnlyList<PloverActor> Targets, int Line);

/// <summary>What <see cref="PloverReader"/> read.</summary>
internal sealed record PloverCorpus(string Path, List<PloverRecord> Records, List<EvaluationProblem> Problems, List<string> SkippedRecords);

/// <summary>
/// Reads the PLOVER gold-standard records (openeventdata/PLOVER <c>PLOVER_GSR_CAMEO</c>, a JSON array). Actors are
/// given as text, not offsets, so each is found in the sentence (first occurrence); an actor whose text is not in
/// the sentence is left out with a note. <see cref="ToAnnotated"/> maps events onto our relation types where the
/// mapping is honest (<see cref="EventMap"/>).
/// </summary>
internal static class PloverReader
{
    /// <summary>PLOVER event to our relation type. CONSULT (meet, visit, talk, telephone) is held_talks_with; FIGHT
    /// (conventional force) and ASSAULT are attacked; MOBILIZE is deployed_to, approximately: its target is the place
    /// forces go to only sometimes ("strengthened its forces in Lebanon") and the adversary at other times ("mobilized
    /// reservists for a war against Iraq"). COERCE (arrests, seizures) is not captured, so it and the rest are not
    /// mapped.</summary>
    public static readonly IReadOnlyDictionary<string, string> EventMap = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["CONSULT"] = "held_talks_with",
        ["FIGHT"] = "attacked",
        ["ASSAULT"] = "attacked",
        ["MOBILIZE"] = "deployed_to",
    };

    public static PloverCorpus Read(string path) => Parse(path, File.ReadAllBytes(path));

    public static PloverCorpus Parse(string path, byte[] utf8)
    {
        var records = new List<PloverRecord>();
        var problems = new List<EvaluationProblem>();
        var skipped = new List<string>();
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                problems.Add(new EvaluationProblem(path, 1, 1, "expected a JSON array of records"));
                return new PloverCorpus(path, records, problems, skipped);
            }
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                int line = LineAt(utf8, (int)reader.TokenStartIndex);
                using JsonDocument json = JsonDocument.ParseValue(ref reader);
                JsonElement root = json.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    problems.Add(new EvaluationProblem(path, line, 0, "a record must be a JSON object"));
                    continue;
                }
                string id = Re3dReader.Str(root, "id") ?? $"record at line {line.ToString(CultureInfo.InvariantCulture)}";
                string? ev = Re3dReader.Str(root, "event");
                string? text = Re3dReader.Str(root, "text");
                if (ev == "DOCUMENT")
                    continue;
                if (ev is null || text is null)
                {
                    problems.Add(new EvaluationProblem(path, line, 0, $"record '{id}' needs string fields event and text"));
                    skipped.Add(id);
                    continue;
                }
                List<PloverActor> sources = Actors(path, line, id, root, "source", text, problems);
                List<PloverActor> targets = Actors(path, line, id, root, "target", text, problems);
                records.Add(new PloverRecord(id, ev, text, Re3dReader.Str(root, "eventText"), sources, targets, line));
            }
        }
        catch (JsonException ex)
        {
            problems.Add(new EvaluationProblem(path, (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1, "invalid JSON: " + ex.Message));
        }
        return new PloverCorpus(path, records, problems, skipped);
    }

    private static List<PloverActor> Actors(string path, int line, string id, JsonElement root, string field, string text, List<EvaluationProblem> problems)
    {
        var actors = new List<PloverActor>();
        // An empty string, not an empty array, marks "no target" in this file.
        if (!root.TryGetProperty(field, out JsonElement list) || list.ValueKind != JsonValueKind.Array)
            return actors;
        foreach (JsonElement a in list.EnumerateArray())
        {
            string? actorText = a.ValueKind == JsonValueKind.Object ? Re3dReader.Str(a, "actorText") : null;
            if (string.IsNullOrWhiteSpace(actorText))
                continue;
            string trimmed = actorText.Trim();
            int start = text.IndexOf(trimmed, StringComparison.Ordinal);
            if (start < 0)
            {
                problems.Add(new EvaluationProblem(path, line, 0,
                    $"record '{id}': {field} actor '{trimmed}' is not in the sentence; it is left out", ProblemSeverity.Note));
            }
            actors.Add(new PloverActor(trimmed, Re3dReader.Str(a, "code"), start));
        }
        return actors;
    }

    /// <summary>
    /// The record as a scoring document: each actor found in the sentence is a mention (tag ACTOR; PLOVER actors
    /// are phrases such as "Macedonian army", not CoNLL names) and an entity of its own; mapped events become
    /// relations from each source to each target. A record with sources but no targets marks compound actors
    /// (SRC/TAR); for a symmetric type each pair of them is related.
    /// </summary>
    public static AnnotatedDocument ToAnnotated(PloverRecord record)
    {
        var mentions = new List<AnnotatedMention>();
        var sourceIndex = new List<int>();
        var targetIndex = new List<int>();
        void AddAll(IReadOnlyList<PloverActor> actors, List<int> into)
        {
            foreach (PloverActor a in actors)
            {
                if (a.Start < 0)
                    continue;
                into.Add(mentions.Count);
                mentions.Add(new AnnotatedMention("T" + (mentions.Count + 1).ToString(CultureInfo.InvariantCulture), "ACTOR", a.Start, a.Start + a.Text.Length, a.Text));
            }
        }
        AddAll(record.Sources, sourceIndex);
        AddAll(record.Targets, targetIndex);
        var relations = new List<AnnotatedRelation>();
        if (EventMap.TryGetValue(record.Event, out string? type))
        {
            if (targetIndex.Count > 0)
            {
                foreach (int s in sourceIndex)
                {
                    foreach (int t in targetIndex)
                        relations.Add(new AnnotatedRelation("R" + (relations.Count + 1).ToString(CultureInfo.InvariantCulture), type, s, t));
                }
            }
            else if (BratEvaluator.DefaultSymmetricRelationTypes.Contains(type))
            {
                for (int i = 0; i < sourceIndex.Count; i++)
                {
                    for (int j = i + 1; j < sourceIndex.Count; j++)
                        relations.Add(new AnnotatedRelation("R" + (relations.Count + 1).ToString(CultureInfo.InvariantCulture), type, sourceIndex[i], sourceIndex[j]));
                }
            }
        }
        return new AnnotatedDocument(record.Id, record.Text, mentions, relations);
    }

    private static int LineAt(byte[] utf8, int offset)
    {
        int line = 1;
        ReadOnlySpan<byte> before = utf8.AsSpan(0, Math.Min(offset, utf8.Length));
        line += before.Count((byte)'\n');
        return line;
    }
}
