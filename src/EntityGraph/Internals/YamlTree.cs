using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace EntityGraph.Internals;


/// <summary>
/// A YAML document read from YamlDotNet's parser events into a small tree that keeps every node's position, so
/// that configuration readers (alias dictionaries, relation schemas) can name the line and column of each error.
/// YamlDotNet's representation model would lose positions of scalars that readers flatten.
/// </summary>
internal static class YamlTree
{
    internal abstract class Node(Mark start)
    {
        public Mark Start { get; } = start;
        public int Line => (int)Math.Max(1, Start.Line);
        public int Column => (int)Math.Max(1, Start.Column);
    }

    internal sealed class Scalar(Mark start, string value, bool quoted) : Node(start)
    {
        public string Value { get; } = value;
        public bool Quoted { get; } = quoted;
        public bool IsEmpty => Value.Length == 0 && !Quoted;
    }

    internal sealed class Sequence(Mark start, List<Node> items) : Node(start)
    {
        public List<Node> Items { get; } = items;
    }

    internal sealed class Mapping(Mark start, List<KeyValuePair<Scalar, Node>> pairs) : Node(start)
    {
        public List<KeyValuePair<Scalar, Node>> Pairs { get; } = pairs;
    }

    /// <summary>Parses one YAML document; null for an empty stream.</summary>
    /// <exception cref="YamlFileException">Invalid YAML, several documents, anchors or non-scalar keys.</exception>
    public static Node? Read(TextReader reader, string file)
    {
        try
        {
            var parser = new Parser(reader);
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
                return null;
            parser.Consume<DocumentStart>();
            Node root = ReadNode(parser, file);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out DocumentStart? second))
                throw Error(file, second.Start, "the file holds one YAML document; remove the second '---'.");
            return root;
        }
        catch (YamlException ex)
        {
            throw Error(file, ex.Start, "invalid YAML: " + ex.Message, ex);
        }
    }

    /// <summary>Reads the node at the parser's position (scalar, sequence or mapping) with every position.</summary>
    public static Node ReadNode(IParser parser, string file)
    {
        if (parser.TryConsume<YamlDotNet.Core.Events.Scalar>(out var scalar))
            return new Scalar(scalar.Start, scalar.Value, scalar.Style is not ScalarStyle.Plain);
        if (parser.TryConsume<SequenceStart>(out SequenceStart? sequenceStart))
        {
            var items = new List<Node>();
            while (!parser.TryConsume<SequenceEnd>(out _))
                items.Add(ReadNode(parser, file));
            return new Sequence(sequenceStart.Start, items);
        }
        if (parser.TryConsume<MappingStart>(out MappingStart? mappingStart))
        {
            var pairs = new List<KeyValuePair<Scalar, Node>>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                Node key = ReadNode(parser, file);
                if (key is not Scalar scalarKey)
                    throw Error(file, key.Start, "a mapping key must be a plain name.");
                foreach (KeyValuePair<Scalar, Node> pair in pairs)
                {
                    if (pair.Key.Value == scalarKey.Value)
                        throw Error(file, key.Start, $"duplicate key '{scalarKey.Value}' (first at line {pair.Key.Line}, column {pair.Key.Column}).");
                }
                pairs.Add(new(scalarKey, ReadNode(parser, file)));
            }
            return new Mapping(mappingStart.Start, pairs);
        }
        if (parser.Accept<AnchorAlias>(out AnchorAlias? alias))
            throw Error(file, alias.Start, "YAML anchors and aliases (*name) are not supported in these files.");
        ParsingEvent? current = parser.Current;
        throw Error(file, current?.Start ?? Mark.Empty, $"unexpected YAML event {current?.GetType().Name}.");
    }

    public static YamlFileException Error(string file, Mark mark, string message, Exception? inner = null) =>
        new(file, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column), message, inner);

    public static YamlFileException Error(string file, Node node, string message) => Error(file, node.Start, message);

    /// <summary>Throws for a key that is not one of <paramref name="known"/>, listing the known ones.</summary>
    public static void CheckKnown(string file, Scalar key, IReadOnlyCollection<string> known, string where)
    {
        foreach (string k in known)
        {
            if (k == key.Value)
                return;
        }
        throw Error(file, key, $"unknown key '{key.Value}' in {where} (known keys: {string.Join(", ", known)}).");
    }

    public static string String(string file, Node node, string what) =>
        node is Scalar s ? s.Value : throw Error(file, node, $"'{what}' must be a string.");

    public static bool Bool(string file, Node node, string what)
    {
        if (node is Scalar { Quoted: false } s)
        {
            if (s.Value is "true" or "True" or "yes")
                return true;
            if (s.Value is "false" or "False" or "no")
                return false;
        }
        throw Error(file, node, $"'{what}' must be true or false.");
    }

    public static int Int(string file, Node node, string what) =>
        node is Scalar { Quoted: false } s && int.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw Error(file, node, $"'{what}' must be a whole number.");

    /// <summary>A list of strings; a single string is taken as a list of one.</summary>
    public static List<(string Value, Node Node)> Strings(string file, Node node, string what)
    {
        var result = new List<(string, Node)>();
        if (node is Scalar single)
        {
            if (!single.IsEmpty)
                result.Add((single.Value, single));
            return result;
        }
        if (node is not Sequence sequence)
            throw Error(file, node, $"'{what}' must be a list of strings.");
        foreach (Node item in sequence.Items)
            result.Add((String(file, item, what), item));
        return result;
    }
}
