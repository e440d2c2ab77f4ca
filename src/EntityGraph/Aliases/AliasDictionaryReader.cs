using System.Globalization;
using YamlDotNet.Core;
using EntityGraph.Internals;
using YamlDotNet.Core.Events;

namespace EntityGraph.Aliases;

/// <summary>
/// Reads one alias dictionary file from YamlDotNet's parser events, so that every error can name its line and
/// column (the representation model would lose the positions of scalars inside lists we flatten).
/// </summary>
internal static class AliasDictionaryReader
{
    private static readonly string[] FileKeys = ["entities", "source", "licence", "license", "description", "min_fuzzy_ratio"];
    private static readonly string[] EntityKeys = ["id", "name", "type", "aliases", "acronyms", "demonyms", "metonyms", "case_sensitive", "valid_from", "valid_until", "note", "force"];
    private static readonly string[] FormKeys = ["text", "case_sensitive", "valid_from", "valid_until"];
    private static readonly string[] Types = ["PER", "ORG", "LOC", "MISC"];

    /// <summary>Parses <paramref name="reader"/>; <paramref name="file"/> names it in errors.</summary>
    public static List<AliasEntry> Read(TextReader reader, string file)
    {
        try
        {
            var parser = new Parser(reader);
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
                return [];
            parser.Consume<DocumentStart>();
            List<AliasEntry> result = ReadFile(parser, file);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out DocumentStart? second))
                throw Error(file, second.Start, "a dictionary file holds one YAML document; remove the second '---'.");
            return result;
        }
        catch (YamlException ex)
        {
            throw Error(file, ex.Start, "invalid YAML: " + ex.Message, ex);
        }
    }

    /// <summary>One node from the shared position-keeping YAML reader, with its errors as dictionary errors.</summary>
    private static YamlTree.Node ReadNode(IParser parser, string file)
    {
        try
        {
            return YamlTree.ReadNode(parser, file);
        }
        catch (YamlFileException ex)
        {
            throw new AliasDictionaryException(ex.File, ex.Line, ex.Column, ex.Problem, ex);
        }
    }

    private static AliasDictionaryException Error(string file, Mark mark, string message, Exception? inner = null) =>
        new(file, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column), message, inner);

    /// <summary>
    /// Reads the top-level mapping, streaming the entity list: each entity's small node tree is converted and dropped
    /// at once, so a 200k-alias file never holds a tree of every scalar.
    /// </summary>
    private static List<AliasEntry> ReadFile(IParser parser, string file)
    {
        if (!parser.TryConsume<MappingStart>(out MappingStart? top))
        {
            YamlTree.Node root = ReadNode(parser, file);
            if (root is YamlTree.Scalar { Value.Length: 0, Quoted: false })
                return [];
            throw Error(file, root.Start, "the file must be a mapping with an 'entities:' list.");
        }
        var result = new List<AliasEntry>();
        var ids = new Dictionary<string, AliasEntry>(StringComparer.Ordinal);
        var keys = new List<YamlTree.Scalar>();
        bool sawEntities = false;
        double? minFuzzyRatio = null;
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            YamlTree.Node keyNode = ReadNode(parser, file);
            if (keyNode is not YamlTree.Scalar key)
                throw Error(file, keyNode.Start, "a mapping key must be a plain name.");
            foreach (YamlTree.Scalar seen in keys)
            {
                if (seen.Value == key.Value)
                    throw Error(file, key.Start, $"duplicate key '{key.Value}' (first at line {seen.Start.Line}, column {seen.Start.Column}).");
            }
            keys.Add(key);
            CheckKnown(file, key, FileKeys, "file");
            if (key.Value == "min_fuzzy_ratio")
            {
                YamlTree.Node value = ReadNode(parser, file);
                if (value is not YamlTree.Scalar { Quoted: false } number
                    || !double.TryParse(number.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double ratio)
                    || ratio is < 0.5 or > 1.0)
                    throw Error(file, value.Start, "'min_fuzzy_ratio' must be a number from 0.5 to 1 (1: spelling variants never link to this file's entities).");
                minFuzzyRatio = ratio;
                continue;
            }
            if (key.Value != "entities")
            {
                YamlTree.Node value = ReadNode(parser, file);
                if (value is not YamlTree.Scalar)
                    throw Error(file, value.Start, $"'{key.Value}' must be a string.");
                continue;
            }
            sawEntities = true;
            if (!parser.TryConsume<SequenceStart>(out _))
                throw Error(file, ReadNode(parser, file).Start, "'entities' must be a list of entities.");
            // Alias conflicts within the file are found while the lookup index is built (one hash probe per form).
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                AliasEntry entry = ReadEntity(ReadNode(parser, file), file);
                if (ids.TryGetValue(entry.Id, out AliasEntry? first))
                    throw new AliasDictionaryException(file, entry.Line, entry.Column, $"duplicate id '{entry.Id}' (first defined at line {first.Line}, column {first.Column}).");
                ids.Add(entry.Id, entry);
                result.Add(entry);
            }
        }
        if (!sawEntities)
            throw Error(file, top.Start, "missing key 'entities'.");
        if (minFuzzyRatio is { } min)
        {
            foreach (AliasEntry entry in result)
                entry.MinFuzzyRatio = min;
        }
        return result;
    }

    private static void CheckKnown(string file, YamlTree.Scalar key, string[] known, string where)
    {
        if (Array.IndexOf(known, key.Value) < 0)
            throw Error(file, key.Start, $"unknown key '{key.Value}' in {where} (allowed: {string.Join(", ", known)}).");
    }

    private static AliasEntry ReadEntity(YamlTree.Node node, string file)
    {
        if (node is not YamlTree.Mapping map)
            throw Error(file, node.Start, "each entity must be a mapping with id, name and type.");
        string? id = null, name = null, type = null;
        bool? caseSensitive = null;
        bool force = false;
        DateOnly? validFrom = null, validUntil = null;
        var formNodes = new List<(AliasKind Kind, YamlTree.Sequence Node)>();
        foreach (KeyValuePair<YamlTree.Scalar, YamlTree.Node> pair in map.Pairs)
        {
            CheckKnown(file, pair.Key, EntityKeys, "an entity");
            switch (pair.Key.Value)
            {
                case "id":
                    id = String(file, pair);
                    if (id.Length == 0 || !IsId(id))
                        throw Error(file, pair.Value.Start, $"id '{id}' must be lower-case letters, digits and underscores (e.g. islamic_state).");
                    break;
                case "name":
                    name = String(file, pair);
                    if (name.Trim().Length == 0)
                        throw Error(file, pair.Value.Start, "'name' must not be empty.");
                    break;
                case "type":
                    type = String(file, pair);
                    if (Array.IndexOf(Types, type) < 0)
                        throw Error(file, pair.Value.Start, $"type '{type}' must be one of PER, ORG, LOC, MISC.");
                    break;
                case "case_sensitive":
                    caseSensitive = Bool(file, pair);
                    break;
                case "valid_from":
                    validFrom = Date(file, pair);
                    break;
                case "valid_until":
                    validUntil = Date(file, pair);
                    break;
                case "note":
                    String(file, pair);
                    break;
                case "force":
                    force = Bool(file, pair);
                    break;
                default:
                    var kind = pair.Key.Value switch
                    {
                        "aliases" => AliasKind.Alias,
                        "acronyms" => AliasKind.Acronym,
                        "demonyms" => AliasKind.Demonym,
                        _ => AliasKind.Metonym,
                    };
                    formNodes.Add((kind, pair.Value as YamlTree.Sequence ?? throw Error(file, pair.Value.Start, $"'{pair.Key.Value}' must be a list.")));
                    break;
            }
        }
        if (id is null)
            throw Error(file, map.Start, "missing key 'id'.");
        if (name is null)
            throw Error(file, map.Start, $"entity '{id}': missing key 'name'.");
        if (type is null)
            throw Error(file, map.Start, $"entity '{id}': missing key 'type'.");
        if (validFrom > validUntil)
            throw Error(file, map.Start, $"entity '{id}': valid_from is after valid_until.");

        bool aliasDefault = caseSensitive ?? false;
        var forms = new List<AliasForm> { new(name, AliasKind.Alias, aliasDefault, null, null, map.Start.Line > 0 ? (int)map.Start.Line : 1, (int)Math.Max(1, map.Start.Column)) };
        foreach ((AliasKind kind, YamlTree.Sequence list) in formNodes)
        {
            bool defaultCase = kind == AliasKind.Acronym ? caseSensitive ?? true : aliasDefault;
            foreach (YamlTree.Node item in list.Items)
                forms.Add(ReadForm(item, kind, defaultCase, file));
        }
        return new AliasEntry(id, name, type, forms, validFrom, validUntil, file, (int)Math.Max(1, map.Start.Line), (int)Math.Max(1, map.Start.Column)) { Force = force };
    }

    private static AliasForm ReadForm(YamlTree.Node node, AliasKind kind, bool defaultCase, string file)
    {
        int line = (int)Math.Max(1, node.Start.Line), column = (int)Math.Max(1, node.Start.Column);
        if (node is YamlTree.Scalar scalar)
            return new AliasForm(CheckText(file, scalar), kind, defaultCase, null, null, line, column);
        if (node is not YamlTree.Mapping map)
            throw Error(file, node.Start, "an alias must be a string or a mapping with 'text'.");
        string? text = null;
        bool caseSensitive = defaultCase;
        DateOnly? validFrom = null, validUntil = null;
        foreach (KeyValuePair<YamlTree.Scalar, YamlTree.Node> pair in map.Pairs)
        {
            CheckKnown(file, pair.Key, FormKeys, "an alias");
            switch (pair.Key.Value)
            {
                case "text":
                    text = pair.Value is YamlTree.Scalar s ? CheckText(file, s) : throw Error(file, pair.Value.Start, "'text' must be a string.");
                    break;
                case "case_sensitive":
                    caseSensitive = Bool(file, pair);
                    break;
                case "valid_from":
                    validFrom = Date(file, pair);
                    break;
                default:
                    validUntil = Date(file, pair);
                    break;
            }
        }
        if (text is null)
            throw Error(file, map.Start, "an alias mapping needs 'text'.");
        if (validFrom > validUntil)
            throw Error(file, map.Start, $"alias '{text}': valid_from is after valid_until.");
        return new AliasForm(text, kind, caseSensitive, validFrom, validUntil, line, column);
    }

    private static string CheckText(string file, YamlTree.Scalar scalar)
    {
        if (!HasKeyCharacter(scalar.Value))
            throw Error(file, scalar.Start, "an alias must not be empty.");
        if (scalar.Value.Length > AliasText.MaxLength)
            throw Error(file, scalar.Start, $"an alias must be at most {AliasText.MaxLength} characters.");
        return scalar.Value;
    }

    private static string String(string file, KeyValuePair<YamlTree.Scalar, YamlTree.Node> pair) =>
        pair.Value is YamlTree.Scalar s ? s.Value : throw Error(file, pair.Value.Start, $"'{pair.Key.Value}' must be a string, not a {(pair.Value is YamlTree.Sequence ? "list" : "mapping")}.");

    private static bool Bool(string file, KeyValuePair<YamlTree.Scalar, YamlTree.Node> pair)
    {
        if (pair.Value is YamlTree.Scalar { Quoted: false } s)
        {
            if (s.Value is "true" or "True" or "TRUE")
                return true;
            if (s.Value is "false" or "False" or "FALSE")
                return false;
        }
        throw Error(file, pair.Value.Start, $"'{pair.Key.Value}' must be true or false.");
    }

    private static DateOnly Date(string file, KeyValuePair<YamlTree.Scalar, YamlTree.Node> pair)
    {
        if (pair.Value is YamlTree.Scalar s && DateOnly.TryParseExact(s.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date))
            return date;
        throw Error(file, pair.Value.Start, $"'{pair.Key.Value}' must be a date written YYYY-MM-DD.");
    }

    /// <summary>Whether normalisation leaves anything (not only spaces and dropped punctuation).</summary>
    private static bool HasKeyCharacter(string value)
    {
        Span<char> buffer = stackalloc char[AliasText.MaxLength];
        return value.Length > AliasText.MaxLength || AliasText.Normalize(value, buffer, fold: false) > 0;
    }

    private static bool IsId(string id)
    {
        foreach (char c in id)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
                return false;
        }
        return true;
    }
}
