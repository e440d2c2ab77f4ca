using EntityGraph.Text;

namespace EntityGraph.Entities;

/// <summary>
/// A CoNLL-style NER sentence: the original tokens and IOB2 tags, plus the same tokens re-split the way the
/// runtime tokenizer splits them (al-Qaeda -> al - Qaeda) with BILOU labels, so training and running see the same tokens.
/// </summary>
internal sealed class NerSentence
{
    public NerSentence(string[] tokens, string[] tags, int line)
    {
        Tokens = tokens;
        Tags = tags;
        Line = line;
        var text = new System.Text.StringBuilder();
        var subtokens = new List<TokenData>(tokens.Length + 4);
        var origin = new List<int>(tokens.Length + 4);
        var labels = new List<string>(tokens.Length + 4);
        for (int i = 0; i < tokens.Length; i++)
        {
            if (i > 0)
                text.Append(' ');
            int offset = text.Length;
            text.Append(tokens[i]);
            var sink = new ListSink(subtokens, offset);
            int before = subtokens.Count;
            Tokenizer.Tokenize(tokens[i], ref sink);
            if (subtokens.Count == before)
                subtokens.Add(new TokenData(offset, tokens[i].Length, TokenKind.Symbol));
            for (int k = before; k < subtokens.Count; k++)
            {
                origin.Add(i);
                // A B- token split in parts is B, I, I...; a hyphen inside an entity is I-.
                string tag = tags[i];
                labels.Add(k > before && tag.StartsWith("B-", StringComparison.Ordinal) ? "I-" + tag[2..] : tag);
            }
        }
        Text = text.ToString();
        Subtokens = [.. subtokens];
        Origin = [.. origin];
        Bilou = Bio.ToBilou(labels);
    }

    public string[] Tokens { get; }

    /// <summary>IOB2 tags of <see cref="Tokens"/>.</summary>
    public string[] Tags { get; }

    public int Line { get; }

    /// <summary>The original tokens joined by single spaces.</summary>
    public string Text { get; }

    /// <summary>The tokens as the runtime tokenizer makes them, with offsets into <see cref="Text"/>.</summary>
    public TokenData[] Subtokens { get; }

    /// <summary>Index of the original token each subtoken came from.</summary>
    public int[] Origin { get; }

    /// <summary>BILOU labels of the subtokens.</summary>
    public string[] Bilou { get; }

    private readonly struct ListSink(List<TokenData> tokens, int offset) : Tokenizer.ISink
    {
        public void Add(int start, int length, TokenKind kind) => tokens.Add(new TokenData(offset + start, length, kind));
    }
}

/// <summary>A document of a CoNLL file (between -DOCSTART- lines): the unit of document-level features.</summary>
internal sealed record NerDocument(List<NerSentence> Sentences);

/// <summary>Reads CoNLL-2003-style files (token first, NER tag last; 2 or 4 columns; IOB1 or IOB2) strictly.</summary>
internal static class ConllNerReader
{
    public static readonly string[] Types = ["PER", "ORG", "LOC", "MISC"];

    public static List<NerDocument> Read(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, Path.GetFileName(path));
    }

    public static List<NerDocument> Read(TextReader reader, string source)
    {
        var documents = new List<NerDocument>();
        var sentences = new List<NerSentence>();
        var tokens = new List<string>();
        var tags = new List<string>();
        int lineNumber = 0, start = 1;
        string? line;
        void EndSentence()
        {
            if (tokens.Count > 0)
                sentences.Add(new NerSentence([.. tokens], ToIob2(tags), start));
            tokens.Clear();
            tags.Clear();
        }
        void EndDocument()
        {
            EndSentence();
            if (sentences.Count > 0)
                documents.Add(new NerDocument([.. sentences]));
            sentences.Clear();
        }
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                EndSentence();
                start = lineNumber + 1;
                continue;
            }
            string[] columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (columns.Length == 1)
                columns = line.Split('\t', StringSplitOptions.RemoveEmptyEntries);
            if (columns.Length < 2)
                throw new InvalidDataException($"{source}:{lineNumber}: expected 'token ... tag' (at least 2 columns), found {columns.Length}.");
            if (columns[0] == "-DOCSTART-")
            {
                EndDocument();
                start = lineNumber + 1;
                continue;
            }
            string tag = columns[^1];
            if (!IsTag(tag))
                throw new InvalidDataException($"{source}:{lineNumber}: unknown NER tag '{tag}' (expected O, B-X or I-X with X in PER, ORG, LOC, MISC).");
            if (tokens.Count == 0)
                start = lineNumber;
            tokens.Add(columns[0]);
            tags.Add(tag);
        }
        EndDocument();
        return documents;
    }

    private static bool IsTag(string tag)
    {
        if (tag == "O")
            return true;
        if (tag.Length < 3 || tag[1] != '-' || (tag[0] != 'B' && tag[0] != 'I'))
            return false;
        return Array.IndexOf(Types, tag[2..]) >= 0;
    }

    /// <summary>IOB1 (I- may start an entity) to IOB2 (B- starts every entity); IOB2 input is unchanged.</summary>
    private static string[] ToIob2(List<string> tags)
    {
        var result = new string[tags.Count];
        for (int i = 0; i < tags.Count; i++)
        {
            string tag = tags[i];
            if (tag[0] == 'I' && (i == 0 || tags[i - 1] == "O" || tags[i - 1][2..] != tag[2..]))
                tag = "B-" + tag[2..];
            result[i] = tag;
        }
        return result;
    }
}

/// <summary>Conversions between IOB2 and BILOU label sequences, and span extraction.</summary>
internal static class Bio
{
    public static string[] ToBilou(List<string> iob)
    {
        var result = new string[iob.Count];
        for (int i = 0; i < iob.Count; i++)
        {
            string tag = iob[i];
            if (tag == "O")
            {
                result[i] = "O";
                continue;
            }
            string type = tag[2..];
            bool continues = i + 1 < iob.Count && iob[i + 1] == "I-" + type;
            result[i] = tag[0] == 'B' ? (continues ? "B-" : "U-") + type : (continues ? "I-" : "L-") + type;
        }
        return result;
    }

    /// <summary>The (first, count, type) spans of a BILOU sequence; a malformed run is closed where it breaks.</summary>
    public static List<(int First, int Count, string Type)> Spans(IReadOnlyList<string> bilou)
    {
        var spans = new List<(int, int, string)>();
        int start = -1;
        string type = string.Empty;
        for (int i = 0; i < bilou.Count; i++)
        {
            string t = bilou[i];
            char p = t[0];
            string ty = t.Length > 2 ? t[2..] : string.Empty;
            if (start >= 0 && (p is 'O' or 'B' or 'U' || ty != type))
            {
                spans.Add((start, i - start, type));
                start = -1;
            }
            if (p is 'B' or 'I' && start < 0)
            {
                start = i;
                type = ty;
            }
            else if (p == 'U')
            {
                spans.Add((i, 1, ty));
            }
            else if (p == 'L')
            {
                if (start < 0)
                    spans.Add((i, 1, ty));
                else
                    spans.Add((start, i - start + 1, type));
                start = -1;
            }
        }
        if (start >= 0)
            spans.Add((start, bilou.Count - start, type));
        return spans;
    }
}
