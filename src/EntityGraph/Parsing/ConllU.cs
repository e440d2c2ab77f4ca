using System.Globalization;

namespace EntityGraph.Parsing;

/// <summary>
/// One CoNLL-U sentence as the parser needs it: syntactic words (multiword-token ranges and empty nodes left out),
/// tags, gold heads (0-based word index, -1 for the root) and relations.
/// </summary>
internal sealed class ConllSentence(string[] forms, string[] upos, string[] xpos, int[] heads, string[] relations, int line)
{
    public string[] Forms { get; } = forms;

    public string[] Upos { get; } = upos;

    public string[] Xpos { get; } = xpos;

    /// <summary>Head of each word: a 0-based word index, or -1 for the sentence root.</summary>
    public int[] Heads { get; } = heads;

    public string[] Relations { get; } = relations;

    /// <summary>1-based line of the sentence's first word, for messages.</summary>
    public int Line { get; } = line;

    public int Length => Forms.Length;
}

/// <summary>Reads CoNLL-U treebanks (UD English-EWT, GUM); any malformed line is an error naming file, line and column.</summary>
internal static class ConllUReader
{
    private const int Columns = 10;

    public static List<ConllSentence> ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"CoNLL-U file '{path}' does not exist.", path);
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    public static List<ConllSentence> Read(TextReader reader, string source)
    {
        var sentences = new List<ConllSentence>();
        var forms = new List<string>();
        var upos = new List<string>();
        var xpos = new List<string>();
        var heads = new List<int>();
        var headLines = new List<int>();
        var relations = new List<string>();
        var fields = new string[Columns];
        int lineNumber = 0;
        int firstLine = 0;
        string? line;
        while (true)
        {
            line = reader.ReadLine();
            lineNumber++;
            if (line is null || line.Length == 0 || IsBlank(line))
            {
                if (forms.Count > 0)
                {
                    sentences.Add(Finish(source, firstLine, forms, upos, xpos, heads, headLines, relations));
                    forms.Clear();
                    upos.Clear();
                    xpos.Clear();
                    heads.Clear();
                    headLines.Clear();
                    relations.Clear();
                }
                if (line is null)
                    break;
                continue;
            }
            if (line[0] == '#')
                continue;
            int count = Split(line, fields);
            if (count != Columns)
                Fail(source, lineNumber, 1, $"expected {Columns} tab-separated columns, found {count}");
            string id = fields[0];
            // Multiword tokens (1-2) and empty nodes (1.1) are not syntactic words of the basic tree.
            if (id.Contains('-', StringComparison.Ordinal) || id.Contains('.', StringComparison.Ordinal))
                continue;
            if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
                Fail(source, lineNumber, 1, $"ID '{id}' is not a word number");
            if (index != forms.Count + 1)
                Fail(source, lineNumber, 1, $"ID {index} is out of sequence (expected {forms.Count + 1})");
            if (forms.Count == 0)
                firstLine = lineNumber;
            if (!int.TryParse(fields[6], NumberStyles.None, CultureInfo.InvariantCulture, out int head))
                Fail(source, lineNumber, 7, $"HEAD '{fields[6]}' is not a word number");
            if (fields[7].Length == 0 || fields[7] == "_")
                Fail(source, lineNumber, 8, "DEPREL is empty");
            if (fields[1].Length == 0)
                Fail(source, lineNumber, 2, "FORM is empty");
            forms.Add(fields[1]);
            upos.Add(fields[3]);
            xpos.Add(fields[4] == "_" ? fields[3] : fields[4]);
            heads.Add(head - 1);
            headLines.Add(lineNumber);
            relations.Add(fields[7]);
        }
        return sentences;
    }

    private static ConllSentence Finish(string source, int firstLine, List<string> forms, List<string> upos, List<string> xpos, List<int> heads, List<int> headLines, List<string> relations)
    {
        int n = forms.Count;
        int[] h = [.. heads];
        for (int i = 0; i < n; i++)
        {
            if (h[i] >= n)
                Fail(source, headLines[i], 7, $"HEAD {h[i] + 1} points past the sentence's last word ({n})");
            if (h[i] == i)
                Fail(source, headLines[i], 7, "HEAD points at the word itself");
        }
        // A cycle would make the tree unusable as a training target.
        for (int i = 0; i < n; i++)
        {
            int node = i;
            for (int steps = 0; node >= 0; steps++)
            {
                if (steps > n)
                    Fail(source, headLines[i], 7, "the heads of this sentence form a cycle");
                node = h[node];
            }
        }
        return new ConllSentence([.. forms], [.. upos], [.. xpos], h, [.. relations], firstLine);
    }

    private static bool IsBlank(string line)
    {
        foreach (char c in line)
        {
            if (!char.IsWhiteSpace(c))
                return false;
        }
        return true;
    }

    private static int Split(string line, string[] fields)
    {
        int count = 0;
        int start = 0;
        while (true)
        {
            int tab = line.IndexOf('\t', start);
            int end = tab < 0 ? line.Length : tab;
            if (count < fields.Length)
                fields[count] = line[start..end];
            count++;
            if (tab < 0)
                return count;
            start = tab + 1;
        }
    }

    private static void Fail(string source, int line, int column, string what) =>
        throw new InvalidDataException($"{source}:{line}: column {column}: {what}.");
}
