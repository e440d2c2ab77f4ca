using System.Globalization;
using System.Text;
using System.Xml;

namespace EntityGraph.Graphs;

/// <summary>Writes a <see cref="KnowledgeGraph"/> as GraphML (yEd, Gephi, NetworkX) or Graphviz DOT.</summary>
/// <remarks>Characters a format cannot carry are dropped: control characters (XML 1.0 has no way to write U+0001,
/// even as a reference), U+FFFE and U+FFFF; an unpaired surrogate becomes U+FFFD.</remarks>
public static class GraphExport
{
    /// <summary>Writes GraphML: one node per entity (name, type, mention and document counts), one edge per relation.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="output">Where to write (UTF-8).</param>
    public static void WriteGraphML(KnowledgeGraph graph, Stream output)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(output);
        using var xml = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) });
        const string Ns = "http://graphml.graphdrawing.org/xmlns";
        xml.WriteStartDocument();
        xml.WriteStartElement("graphml", Ns);
        Key(xml, "name", "node", "name", "string");
        Key(xml, "type", "node", "type", "string");
        Key(xml, "mentions", "node", "mentions", "int");
        Key(xml, "documents", "node", "documents", "int");
        Key(xml, "relation", "edge", "relation", "string");
        Key(xml, "symmetric", "edge", "symmetric", "boolean");
        Key(xml, "edocuments", "edge", "documents", "int");
        xml.WriteStartElement("graph", Ns);
        xml.WriteAttributeString("id", "entitygraph");
        xml.WriteAttributeString("edgedefault", "directed");
        foreach (GraphNode node in graph.Nodes)
        {
            xml.WriteStartElement("node", Ns);
            xml.WriteAttributeString("id", XmlSafe(node.Id));
            Data(xml, "name", node.Name);
            Data(xml, "type", node.Type);
            Data(xml, "mentions", node.Mentions.Count.ToString(CultureInfo.InvariantCulture));
            Data(xml, "documents", node.Documents.Count.ToString(CultureInfo.InvariantCulture));
            xml.WriteEndElement();
        }
        int e = 0;
        foreach (GraphEdge edge in graph.Edges)
        {
            xml.WriteStartElement("edge", Ns);
            xml.WriteAttributeString("id", "e" + (e++).ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("source", XmlSafe(edge.SubjectId));
            xml.WriteAttributeString("target", XmlSafe(edge.ObjectId));
            Data(xml, "relation", edge.Type);
            Data(xml, "symmetric", edge.Symmetric ? "true" : "false");
            Data(xml, "edocuments", edge.Documents.Count.ToString(CultureInfo.InvariantCulture));
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void Key(XmlWriter xml, string id, string target, string name, string type)
    {
        xml.WriteStartElement("key", "http://graphml.graphdrawing.org/xmlns");
        xml.WriteAttributeString("id", id);
        xml.WriteAttributeString("for", target);
        xml.WriteAttributeString("attr.name", name);
        xml.WriteAttributeString("attr.type", type);
        xml.WriteEndElement();
    }

    private static void Data(XmlWriter xml, string key, string value)
    {
        xml.WriteStartElement("data", "http://graphml.graphdrawing.org/xmlns");
        xml.WriteAttributeString("key", key);
        xml.WriteString(XmlSafe(value));
        xml.WriteEndElement();
    }

    /// <summary>Writes Graphviz DOT: entities as nodes labelled with their names, relations as labelled edges
    /// (symmetric ones without an arrow head).</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="output">Where to write.</param>
    public static void WriteDot(KnowledgeGraph graph, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(output);
        output.Write("digraph entitygraph {\n  node [shape=box];\n");
        foreach (GraphNode node in graph.Nodes)
            output.Write($"  {Quote(node.Id)} [label={Quote(node.Name + "\n" + node.Type)}];\n");
        foreach (GraphEdge edge in graph.Edges)
        {
            string arrow = edge.Symmetric ? ", dir=none" : string.Empty;
            output.Write($"  {Quote(edge.SubjectId)} -> {Quote(edge.ObjectId)} [label={Quote(edge.Type)}{arrow}];\n");
        }
        output.Write("}\n");
    }

    /// <summary>A DOT string literal: quotes and backslashes escaped, line breaks as \n, tabs as spaces, other control
    /// characters dropped, unpaired surrogates as U+FFFD.</summary>
    private static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        sb.Append('"');
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            switch (c)
            {
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\n' or '\u2028' or '\u2029' or '\u0085':
                    sb.Append("\\n");
                    break;
                case '\t':
                    sb.Append(' ');
                    break;
                default:
                    if (char.IsSurrogate(c))
                    {
                        if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                            sb.Append(c).Append(s[++i]);
                        else
                            sb.Append('\uFFFD');
                    }
                    else if (!char.IsControl(c) && c is not '\uFFFE' and not '\uFFFF')
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    /// <summary><paramref name="s"/> without the characters XML 1.0 cannot hold (see the class remarks).</summary>
    internal static string XmlSafe(string s)
    {
        int i = 0;
        for (; i < s.Length; i++)
        {
            char c = s[i];
            if (c < 0x20 ? c is not '\t' and not '\n' and not '\r' : c >= 0xD800 && (char.IsSurrogate(c) || c >= 0xFFFE))
                break;
        }
        if (i == s.Length)
            return s;
        var sb = new StringBuilder(s.Length);
        sb.Append(s, 0, i);
        for (; i < s.Length; i++)
        {
            char c = s[i];
            if (c < 0x20)
            {
                if (c is '\t' or '\n' or '\r')
                    sb.Append(c);
            }
            else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                sb.Append(c).Append(s[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                sb.Append('\uFFFD');
            }
            else if (c is not '\uFFFE' and not '\uFFFF')
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}
