namespace EntityGraph.Tagging;

/// <summary>One sentence of a Universal Dependencies treebank (words only; multiword ranges and empty nodes skipped).</summary>
internal sealed record UdSentence(string[] Forms, string[] Upos, string[] Xpos, string[] Lemmas, int[] Heads, string[] Relations, int Line);

/// <summary>Reads CoNLL-U files strictly: a malformed line or an unknown UPOS tag is an error naming the file and line.</summary>
internal static class ConlluReader
{
    /// <summary>The 17 Universal POS tags.</summary>
    public static readonly HashSet<string> UposTags = new(StringComparer.Ordinal)
    {
        "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X",
    };

    public static List<UdSentence> Read(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, Path.GetFileName(path));
    }

    public static List<UdSentence> Read(TextReader reader, string source)
    {
        var sentences = new List<UdSentence>();
        var forms = new List<string>();
        var upos = new List<string>();
        var xpos = new List<string>();
        var lemmas = new List<string>();
        var heads = new List<int>();
        var relations = new List<string>();
        int lineNumber = 0;
        int start = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                if (forms.Count > 0)
                    sentences.Add(new UdSentence([.. forms], [.. upos], [.. xpos], [.. lemmas], [.. heads], [.. relations], start));
                forms.Clear();
                upos.Clear();
                xpos.Clear();
                lemmas.Clear();
                heads.Clear();
                relations.Clear();
                start = lineNumber + 1;
                continue;
            }
            if (line[0] == '#')
                continue;
            string[] columns = line.Split('\t');
            if (columns.Length != 10)
                throw Error(source, lineNumber, $"expected 10 tab-separated columns, found {columns.Length}");
            string id = columns[0];
            if (id.Contains('-', StringComparison.Ordinal) || id.Contains('.', StringComparison.Ordinal))
                continue;
            if (!int.TryParse(id, out int index) || index != forms.Count + 1)
                throw Error(source, lineNumber, $"word id '{id}' is not the next number in the sentence");
            if (!UposTags.Contains(columns[3]))
                throw Error(source, lineNumber, $"unknown UPOS tag '{columns[3]}'");
            if (columns[1].Length == 0 || columns[4].Length == 0)
                throw Error(source, lineNumber, "empty word form or XPOS column");
            int head = -1;
            if (columns[6] != "_" && !int.TryParse(columns[6], out head))
                throw Error(source, lineNumber, $"head '{columns[6]}' is not a number");
            forms.Add(columns[1]);
            upos.Add(columns[3]);
            xpos.Add(columns[4]);
            lemmas.Add(columns[2]);
            heads.Add(head);
            relations.Add(columns[7]);
        }
        if (forms.Count > 0)
            sentences.Add(new UdSentence([.. forms], [.. upos], [.. xpos], [.. lemmas], [.. heads], [.. relations], start));
        return sentences;
    }

    internal static InvalidDataException Error(string source, int line, string what) => new($"{source}:{line}: {what}.");
}

/// <summary>Lays words out as a text with one space between them, so training sees tokens the way the pipeline does: offsets into a string.</summary>
internal static class TokenLayout
{
    public static (string Text, TokenData[] Tokens) Join(IReadOnlyList<string> words)
    {
        int length = words.Count;
        foreach (string w in words)
            length += w.Length;
        var builder = new System.Text.StringBuilder(length);
        var tokens = new TokenData[words.Count];
        for (int i = 0; i < words.Count; i++)
        {
            if (i > 0)
                builder.Append(' ');
            tokens[i] = new TokenData(builder.Length, words[i].Length, TokenKind.Word);
            builder.Append(words[i]);
        }
        return (builder.ToString(), tokens);
    }
}
