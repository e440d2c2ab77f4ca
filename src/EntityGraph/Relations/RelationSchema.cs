using System.Collections.Frozen;
using System.Reflection;
using EntityGraph.Internals;

namespace EntityGraph.Relations;

/// <summary>Where a pattern's paths start.</summary>
internal enum PatternAnchor
{
    /// <summary>At a trigger word (captured, talks); both arguments are paths from it.</summary>
    Trigger,
    /// <summary>At the subject mention's head token; the object is a path from it (appositions, titles).</summary>
    Subject,
    Sequence,
    /// <summary>In a headline (the article's first line): the names before a verb trigger and the first name after it.</summary>
    Headline,
}

/// <summary>A trigger word or phrase by lemma: "meet", or "hold talk" (a head lemma plus lemmas among its children).</summary>
internal sealed record Trigger(string Head, string[] Children, bool Noun);

/// <summary>One syntactic pattern of a relation type.</summary>
internal sealed record RelationPattern(string Name, PatternAnchor Anchor, string? TriggerKind, DependencyPath? Subject, DependencyPath? Object, bool Pairwise, int Line, TokenSequence? Sequence = null)
{
    /// <summary>Headline patterns: the verbs (lemmas) that may head the headline's statement.</summary>
    public string[]? HeadlineVerbs { get; init; }

    /// <summary>Headline patterns: the object follows one of these words ("sends troops to X"); null for any.</summary>
    public string[]? ObjectAfter { get; init; }

    /// <summary>Headline patterns: whether the object may be a name that modifies a noun ("2 US bases" is the US).</summary>
    public bool ObjectMayModify { get; init; }
}

/// <summary>One relation type of the schema: argument types, direction, triggers and patterns.</summary>
public sealed class RelationType
{
    internal RelationType(string name, string description, string[] subjectTypes, string[] objectTypes, bool symmetric, Trigger[] triggers, RelationPattern[] patterns,
        bool subjectNotCountry = false)
    {
        SubjectNotCountry = subjectNotCountry;
        Name = name;
        Description = description;
        SubjectTypes = subjectTypes;
        ObjectTypes = objectTypes;
        Symmetric = symmetric;
        Triggers = triggers;
        Patterns = patterns;
        var byHead = new Dictionary<string, List<Trigger>>(StringComparer.OrdinalIgnoreCase);
        foreach (Trigger trigger in triggers)
        {
            if (!byHead.TryGetValue(trigger.Head, out List<Trigger>? list))
                byHead[trigger.Head] = list = [];
            list.Add(trigger);
        }
        TriggersByHead = byHead.ToFrozenDictionary(static p => p.Key, static p => p.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The type's name, as written in outputs (captured, deployed_to...).</summary>
    public string Name { get; }

    /// <summary>What the relation means.</summary>
    public string Description { get; }

    /// <summary>Entity types the subject may have (PER, ORG, LOC, MISC).</summary>
    public IReadOnlyList<string> SubjectTypes { get; }

    /// <summary>Entity types the object may have.</summary>
    public IReadOnlyList<string> ObjectTypes { get; }

    /// <summary>Whether the relation holds both ways (held_talks_with).</summary>
    public bool Symmetric { get; }

    internal Trigger[] Triggers { get; }

    /// <summary><see cref="Triggers"/> by head lemma (ignoring case), so a word is tested with one lookup, not a scan.</summary>
    internal FrozenDictionary<string, Trigger[]> TriggersByHead { get; }

    /// <summary>Whether a country never fills the subject (located_in: a country lies in no other named place).</summary>
    internal bool SubjectNotCountry { get; }

    internal RelationPattern[] Patterns { get; }

    /// <summary>Whether the pattern called <paramref name="name"/> reads word sequences (titles) rather than the parse.</summary>
    internal bool IsSequencePattern(string name)
    {
        foreach (RelationPattern pattern in Patterns)
        {
            if (pattern.Name == name)
                return pattern.Anchor == PatternAnchor.Sequence;
        }
        return false;
    }
}

/// <summary>Words that make a statement negated, hypothetical or only planned, so no relation is asserted.</summary>
internal sealed record ModalityLexicon(
    FrozenSet<string> Negators,
    FrozenSet<string> ModalAuxiliaries,
    FrozenSet<string> HedgeWords,
    FrozenSet<string> ConditionalMarks,
    FrozenSet<string> Factive);

/// <summary>
/// The relation schema: the relation types to extract, read from YAML files (the default ships in the package;
/// users add or override types with their own files). See models/relations/README.md for the format.
/// </summary>
public sealed class RelationSchema
{
    private const string DefaultResource = "EntityGraph.models.relations.default.yaml";
    private static readonly Lazy<RelationSchema> LazyDefault = new(LoadDefault, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly string[] FileKeys = ["version", "description", "sets", "modality", "relations"];
    private static readonly string[] TypeKeys = ["type", "description", "subject", "object", "symmetric", "triggers", "patterns", "subject_excludes"];
    private static readonly string[] TriggerKeys = ["verbs", "nouns"];
    private static readonly string[] PatternKeys = ["name", "trigger", "anchor", "subject", "object", "pairwise", "sequence", "headline", "object_after", "object_may_modify"];
    private static readonly string[] ModalityKeys = ["negators", "modal_auxiliaries", "hedges", "conditional_marks", "factive"];
    private static readonly string[] EntityTypes = ["PER", "ORG", "LOC", "MISC"];

    private RelationSchema(IReadOnlyList<RelationType> types, ModalityLexicon modality)
    {
        Types = types;
        Modality = modality;
    }

    /// <summary>The relation types, in schema order.</summary>
    public IReadOnlyList<RelationType> Types { get; }

    internal ModalityLexicon Modality { get; }

    /// <summary>The type called <paramref name="name"/>, or null.</summary>
    internal RelationType? Find(string name)
    {
        foreach (RelationType type in Types)
        {
            if (type.Name == name)
                return type;
        }
        return null;
    }

    /// <summary>The schema that ships with the package (the six types of the annotation guidelines).</summary>
    public static RelationSchema Default => LazyDefault.Value;

    /// <summary>
    /// Loads schema files in order: later files add relation types, and a type named again replaces the earlier one;
    /// modality word lists and named sets are merged.
    /// </summary>
    /// <param name="paths">YAML schema files.</param>
    /// <param name="includeDefault">Whether to start from the default schema.</param>
    /// <returns>The merged schema.</returns>
    /// <exception cref="YamlFileException">A file is malformed; the message names file, line and column.</exception>
    /// <exception cref="InvalidDataException">A file cannot be read.</exception>
    public static RelationSchema Load(IEnumerable<string> paths, bool includeDefault = true)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var builder = new Builder();
        if (includeDefault)
            builder.Add(ReadDefaultText(), "default.yaml (embedded)");
        foreach (string path in paths)
        {
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new InvalidDataException($"{path}: cannot read the relation schema: {ex.Message}", ex);
            }
            builder.Add(text, path);
        }
        return builder.Build();
    }

    /// <summary>Parses one schema from <paramref name="yaml"/>; <paramref name="source"/> names it in errors.</summary>
    /// <param name="yaml">The schema text.</param>
    /// <param name="source">A file name for messages.</param>
    /// <param name="includeDefault">Whether to start from the default schema.</param>
    /// <returns>The schema.</returns>
    /// <exception cref="YamlFileException">The text is malformed; the message names line and column.</exception>
    public static RelationSchema Parse(string yaml, string source = "<schema>", bool includeDefault = false)
    {
        var builder = new Builder();
        if (includeDefault)
            builder.Add(ReadDefaultText(), "default.yaml (embedded)");
        builder.Add(yaml, source);
        return builder.Build();
    }

    private static RelationSchema LoadDefault() => Parse(ReadDefaultText(), "default.yaml (embedded)");

    private static string ReadDefaultText()
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException($"The embedded relation schema '{DefaultResource}' is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed class Builder
    {
        private readonly List<RelationType> _types = [];
        private readonly Dictionary<string, string[]> _sets = new(StringComparer.Ordinal);
        private readonly HashSet<string> _negators = new(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _modals = new(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _hedges = new(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _conditionals = new(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _factive = new(StringComparer.OrdinalIgnoreCase);

        public RelationSchema Build() => new(
            [.. _types],
            new ModalityLexicon(_negators.ToFrozenSet(StringComparer.OrdinalIgnoreCase), _modals.ToFrozenSet(StringComparer.OrdinalIgnoreCase),
                _hedges.ToFrozenSet(StringComparer.OrdinalIgnoreCase), _conditionals.ToFrozenSet(StringComparer.OrdinalIgnoreCase),
                _factive.ToFrozenSet(StringComparer.OrdinalIgnoreCase)));

        public void Add(string yaml, string file)
        {
            YamlTree.Node? root = YamlTree.Read(new StringReader(yaml), file);
            if (root is null || root is YamlTree.Scalar { IsEmpty: true })
                return;
            if (root is not YamlTree.Mapping top)
                throw YamlTree.Error(file, root, "a relation schema is a mapping with a 'relations:' list.");
            YamlTree.Node? relations = null;
            foreach (KeyValuePair<YamlTree.Scalar, YamlTree.Node> pair in top.Pairs)
            {
                YamlTree.CheckKnown(file, pair.Key, FileKeys, "the schema file");
                switch (pair.Key.Value)
                {
                    case "version":
                        int version = YamlTree.Int(file, pair.Value, "version");
                        if (version != 1)
                            throw YamlTree.Error(file, pair.Value, $"schema version {version} is not supported (this build reads version 1).");
                        break;
                    case "sets":
                        ReadSets(file, pair.Value);
                        break;
                    case "modality":
                        ReadModality(file, pair.Value);
                        break;
                    case "relations":
                        relations = pair.Value;
                        break;
                    default:
                        YamlTree.String(file, pair.Value, pair.Key.Value);
                        break;
                }
            }
            if (relations is null)
                return;
            if (relations is not YamlTree.Sequence list)
                throw YamlTree.Error(file, relations, "'relations' must be a list of relation types.");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (YamlTree.Node item in list.Items)
            {
                RelationType type = ReadType(file, item);
                if (!seen.Add(type.Name))
                    throw YamlTree.Error(file, item, $"relation type '{type.Name}' is defined twice in this file.");
                int existing = _types.FindIndex(t => t.Name == type.Name);
                if (existing >= 0)
                    _types[existing] = type;
                else
                    _types.Add(type);
            }
        }

        private void ReadSets(string file, YamlTree.Node node)
        {
            if (node is not YamlTree.Mapping map)
                throw YamlTree.Error(file, node, "'sets' must map set names to lists of lemmas.");
            foreach (KeyValuePair<YamlTree.Scalar, YamlTree.Node> pair in map.Pairs)
            {
                if (!pair.Key.Value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
                    throw YamlTree.Error(file, pair.Key, $"set name '{pair.Key.Value}' may hold only letters, digits and '_'.");
                _sets[pair.Key.Value] = [.. YamlTree.Strings(file, pair.Value, pair.Key.Value).Select(s => s.Value)];
            }
        }

        private void ReadModality(string file, YamlTree.Node node)
        {
            if (node is not YamlTree.Mapping map)
                throw YamlTree.Error(file, node, "'modality' must be a mapping of word lists.");
            foreach (KeyValuePair<YamlTree.Scalar, YamlTree.Node> pair in map.Pairs)
            {
                YamlTree.CheckKnown(file, pair.Key, ModalityKeys, "modality");
                HashSet<string> target = pair.Key.Value switch
                {
                    "negators" => _negators,
                    "modal_auxiliaries" => _modals,
                    "hedges" => _hedges,
                    "conditional_marks" => _conditionals,
                    _ => _factive,
                };
                foreach ((string value, _) in YamlTree.Strings(file, pair.Value, pair.Key.Value))
                    target.Add(value);
            }
        }

        private RelationType ReadType(string file, YamlTree.Node node)
        {
            if (node is not YamlTree.Mapping map)
                throw YamlTree.Error(file, node, "each relation type is a mapping with 'type', 'subject', 'object' and 'patterns'.");
            string? name = null, description = string.Empty;
            string[]? subject = null, obj = null;
            bool symmetric = false, subjectNotCountry = false;
            var triggers = new List<Trigger>();
            List<RelationPattern>? patterns = null;
            YamlTree.Node? patternsNode = null;
            foreach (KeyValuePair<YamlTree.Scalar, YamlTree.Node> pair in map.Pairs)
            {
                YamlTree.CheckKnown(file, pair.Key, TypeKeys, "a relation type");
                switch (pair.Key.Value)
                {
                    case "type":
                        name = YamlTree.String(file, pair.Value, "type");
                        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
                            throw YamlTree.Error(file, pair.Value, $"relation type name '{name}' must be lowercase letters, digits and '_' (e.g. held_talks_with).");
                        break;
                    case "description":
                        description = YamlTree.String(file, pair.Value, "description");
                        break;
                    case "subject":
                        subject = ReadEntityTypes(file, pair.Value, "subject");
                        break;
                    case "object":
                        obj = ReadEntityTypes(file, pair.Value, "object");
                        break;
                    case "symmetric":
                        symmetric = YamlTree.Bool(file, pair.Value, "symmetric");
                        break;
                    case "triggers":
                        ReadTriggers(file, pair.Value, triggers);
                        break;
                    case "subject_excludes":
                        foreach ((string value, YamlTree.Node excluded) in YamlTree.Strings(file, pair.Value, "subject_excludes"))
                        {
                            if (value != "country")
                                throw YamlTree.Error(file, excluded, $"'subject_excludes' knows only 'country' (got '{value}').");
                            subjectNotCountry = true;
                        }
                        break;
                    default:
                        patternsNode = pair.Value;
                        break;
                }
            }
            if (name is null)
                throw YamlTree.Error(file, map, "a relation type needs a 'type' name.");
            if (subject is null || obj is null)
                throw YamlTree.Error(file, map, $"relation type '{name}' needs 'subject' and 'object' entity types.");
            if (patternsNode is null)
                throw YamlTree.Error(file, map, $"relation type '{name}' needs at least one pattern.");
            patterns = ReadPatterns(file, patternsNode, name, triggers.Count > 0);
            return new RelationType(name, description, subject, obj, symmetric, [.. triggers], [.. patterns], subjectNotCountry);
        }

        private static string[] ReadEntityTypes(string file, YamlTree.Node node, string what)
        {
            var types = new List<string>();
            foreach ((string value, YamlTree.Node item) in YamlTree.Strings(file, node, what))
            {
                if (Array.IndexOf(EntityTypes, value) < 0)
                    throw YamlTree.Error(file, item, $"unknown entity type '{value}' in '{what}' (use PER, ORG, LOC or MISC).");
                types.Add(value);
            }
            if (types.Count == 0)
                throw YamlTree.Error(file, node, $"'{what}' needs at least one entity type.");
            return [.. types];
        }

        private void ReadTriggers(string file, YamlTree.Node node, List<Trigger> triggers)
        {
            if (node is not YamlTree.Mapping map)
                throw YamlTree.Error(file, node, "'triggers' must be a mapping with 'verbs' and/or 'nouns' lists.");
            foreach (KeyValuePair<YamlTree.Scalar, YamlTree.Node> pair in map.Pairs)
            {
                YamlTree.CheckKnown(file, pair.Key, TriggerKeys, "triggers");
                bool noun = pair.Key.Value == "nouns";
                foreach ((string value, YamlTree.Node item) in YamlTree.Strings(file, pair.Value, pair.Key.Value))
                {
                    string[] words = value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (words.Length == 0)
                        throw YamlTree.Error(file, item, "an empty trigger.");
                    triggers.Add(new Trigger(words[0].ToLowerInvariant(), [.. words.Skip(1).Select(w => w.ToLowerInvariant())], noun));
                }
            }
        }

        private List<RelationPattern> ReadPatterns(string file, YamlTree.Node node, string typeName, bool hasTriggers)
        {
            if (node is not YamlTree.Sequence list || list.Items.Count == 0)
                throw YamlTree.Error(file, node, $"'patterns' of '{typeName}' must be a non-empty list.");
            var patterns = new List<RelationPattern>();
            foreach (YamlTree.Node item in list.Items)
            {
                if (item is not YamlTree.Mapping map)
                    throw YamlTree.Error(file, item, "a pattern is a mapping with 'name', 'subject' and 'object' paths.");
                string? name = null, triggerKind = null;
                PatternAnchor anchor = PatternAnchor.Trigger;
                DependencyPath? subject = null, obj = null;
                TokenSequence? sequence = null;
                bool pairwise = false, objectMayModify = false;
                string[]? headline = null, objectAfter = null;
                foreach (KeyValuePair<YamlTree.Scalar, YamlTree.Node> pair in map.Pairs)
                {
                    YamlTree.CheckKnown(file, pair.Key, PatternKeys, "a pattern");
                    switch (pair.Key.Value)
                    {
                        case "name":
                            name = YamlTree.String(file, pair.Value, "name");
                            break;
                        case "trigger":
                            triggerKind = YamlTree.String(file, pair.Value, "trigger");
                            if (triggerKind is not ("verb" or "noun" or "any"))
                                throw YamlTree.Error(file, pair.Value, $"'trigger' must be verb, noun or any (got '{triggerKind}').");
                            break;
                        case "anchor":
                            string anchorText = YamlTree.String(file, pair.Value, "anchor");
                            anchor = anchorText switch
                            {
                                "trigger" => PatternAnchor.Trigger,
                                "subject" => PatternAnchor.Subject,
                                _ => throw YamlTree.Error(file, pair.Value, $"'anchor' must be trigger or subject (got '{anchorText}')."),
                            };
                            break;
                        case "subject":
                            subject = ReadPath(file, pair.Value);
                            break;
                        case "object":
                            obj = ReadPath(file, pair.Value);
                            break;
                        case "sequence":
                            sequence = ReadSequence(file, pair.Value);
                            break;
                        case "headline":
                            headline = ReadLemmas(file, pair.Value, "headline");
                            break;
                        case "object_after":
                            objectAfter = ReadLemmas(file, pair.Value, "object_after");
                            break;
                        case "object_may_modify":
                            objectMayModify = YamlTree.Bool(file, pair.Value, "object_may_modify");
                            break;
                        default:
                            pairwise = YamlTree.Bool(file, pair.Value, "pairwise");
                            break;
                    }
                }
                name ??= $"{typeName}#{patterns.Count + 1}";
                if (headline is not null)
                {
                    if (subject is not null || obj is not null || sequence is not null || map.Pairs.Any(p => p.Key.Value is "trigger" or "anchor" or "pairwise"))
                        throw YamlTree.Error(file, map, $"pattern '{name}' reads a headline, so it takes no 'subject', 'object', 'sequence', 'trigger', 'anchor' or 'pairwise'.");
                    patterns.Add(new RelationPattern(name, PatternAnchor.Headline, null, null, null, false, map.Line)
                    {
                        HeadlineVerbs = headline,
                        ObjectAfter = objectAfter,
                        ObjectMayModify = objectMayModify,
                    });
                    continue;
                }
                if (objectAfter is not null || map.Pairs.Any(p => p.Key.Value == "object_may_modify"))
                    throw YamlTree.Error(file, map, $"pattern '{name}': 'object_after' and 'object_may_modify' go with 'headline'.");
                if (sequence is not null)
                {
                    if (subject is not null || obj is not null || map.Pairs.Any(p => p.Key.Value is "trigger" or "anchor" or "pairwise"))
                        throw YamlTree.Error(file, map, $"pattern '{name}' is a word sequence, so it takes no 'subject', 'object', 'trigger', 'anchor' or 'pairwise'.");
                    patterns.Add(new RelationPattern(name, PatternAnchor.Sequence, null, null, null, false, map.Line, sequence));
                    continue;
                }
                if (obj is null)
                    throw YamlTree.Error(file, map, $"pattern '{name}' needs an 'object' path.");
                if (anchor == PatternAnchor.Trigger)
                {
                    if (!hasTriggers)
                        throw YamlTree.Error(file, map, $"pattern '{name}' starts at a trigger, but '{typeName}' has no triggers (use 'anchor: subject' or add triggers).");
                    if (subject is null)
                        throw YamlTree.Error(file, map, $"pattern '{name}' needs a 'subject' path.");
                }
                else if (subject is not null)
                {
                    throw YamlTree.Error(file, map, $"pattern '{name}' is anchored at the subject, so it takes only an 'object' path.");
                }
                patterns.Add(new RelationPattern(name, anchor, anchor == PatternAnchor.Trigger ? triggerKind ?? "any" : null, subject, obj, pairwise, map.Line));
            }
            return patterns;
        }

        /// <summary>A list of lemmas; an item <c>$name</c> stands for the lemmas of that set.</summary>
        private string[] ReadLemmas(string file, YamlTree.Node node, string what)
        {
            var lemmas = new List<string>();
            foreach ((string value, YamlTree.Node item) in YamlTree.Strings(file, node, what))
            {
                if (value.StartsWith('$'))
                {
                    if (!_sets.TryGetValue(value[1..], out string[]? set))
                        throw YamlTree.Error(file, item, $"unknown set '{value}' (define it under 'sets:' before the relations).");
                    lemmas.AddRange(set);
                }
                else
                {
                    lemmas.Add(value);
                }
            }
            if (lemmas.Count == 0)
                throw YamlTree.Error(file, node, $"'{what}' needs at least one word.");
            return [.. lemmas];
        }

        private DependencyPath ReadPath(string file, YamlTree.Node node)
        {
            string text = ExpandSets(file, node, YamlTree.String(file, node, "path"));
            return DependencyPath.TryParse(text, out string? error) ?? throw YamlTree.Error(file, node, $"bad pattern: {error}.");
        }

        /// <summary>Replaces <c>$name</c> inside braces or parentheses with the lemmas of the named set.</summary>
        private TokenSequence ReadSequence(string file, YamlTree.Node node)
        {
            string text = ExpandSets(file, node, YamlTree.String(file, node, "sequence"));
            return TokenSequence.TryParse(text, out string? error) ?? throw YamlTree.Error(file, node, $"bad sequence: {error}.");
        }

        private string ExpandSets(string file, YamlTree.Node node, string text)
        {
            int dollar = text.IndexOf('$', StringComparison.Ordinal);
            while (dollar >= 0)
            {
                int end = dollar + 1;
                while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_'))
                    end++;
                string name = text[(dollar + 1)..end];
                if (!_sets.TryGetValue(name, out string[]? lemmas))
                    throw YamlTree.Error(file, node, $"unknown set '${name}' (define it under 'sets:' before the relations).");
                text = string.Concat(text.AsSpan(0, dollar), string.Join(',', lemmas), text.AsSpan(end));
                dollar = text.IndexOf('$', dollar);
            }
            return text;
        }
    }
}
