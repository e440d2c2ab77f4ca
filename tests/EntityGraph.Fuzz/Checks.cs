using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using EntityGraph.Evaluation;
using EntityGraph.Graphs;
using EntityGraph.Output;

namespace EntityGraph.Fuzz;

/// <summary>The properties every processed document must have; each failure is one message.</summary>
internal static class Checks
{
    /// <summary>Characters after which Python's str.splitlines() starts a new line.</summary>
    private static readonly char[] PythonBreaks = ['\n', '\r', '\v', '\f', '\u001C', '\u001D', '\u001E', '\u0085', '\u2028', '\u2029'];

    public static void Document(Document document, List<string> failures)
    {
        string text = document.Text;
        void Fail(string message)
        {
            if (failures.Count < 20)
                failures.Add(message);
        }

        // Tokens: in bounds, in order, non-empty, their text is the source's, only whitespace between them.
        int previousEnd = 0;
        foreach (Token token in document.Tokens)
        {
            if (token.Start < previousEnd || token.Length <= 0 || token.End > text.Length)
            {
                Fail($"token {token.Index} [{token.Start},{token.End}) out of order or bounds (previous end {previousEnd}, length {text.Length})");
                return;
            }
            for (int i = previousEnd; i < token.Start; i++)
            {
                if (!IsTokenizerSpace(text[i]))
                {
                    Fail($"non-whitespace U+{(int)text[i]:X4} at {i} lies between tokens");
                    break;
                }
            }
            if (!token.Text.SequenceEqual(text.AsSpan(token.Start, token.Length)))
                Fail($"token {token.Index} text differs from the source");
            if (token.Start > 0 && char.IsLowSurrogate(text[token.Start]) && char.IsHighSurrogate(text[token.Start - 1]))
                Fail($"token {token.Index} starts inside a surrogate pair at {token.Start}");
            previousEnd = token.End;
        }
        for (int i = previousEnd; i < text.Length; i++)
        {
            if (!IsTokenizerSpace(text[i]))
            {
                Fail($"non-whitespace U+{(int)text[i]:X4} at {i} after the last token");
                break;
            }
        }

        // Sentences: cover every token once, in order; offsets and text match.
        int next = 0;
        foreach (Span sentence in document.Sentences)
        {
            if (sentence.FirstToken != next || sentence.Count <= 0)
                Fail($"sentence at token {sentence.FirstToken} does not follow token {next} or is empty");
            if (sentence.Start < 0 || sentence.End > text.Length || sentence.Start > sentence.End)
                Fail($"sentence [{sentence.Start},{sentence.End}) out of bounds");
            else if (!sentence.Text.SequenceEqual(text.AsSpan(sentence.Start, sentence.End - sentence.Start)))
                Fail("sentence text differs from the source");
            next = sentence.EndToken;
        }
        if (next != document.Tokens.Count)
            Fail($"sentences cover {next} of {document.Tokens.Count} tokens");

        // Mentions, entities, relations and their evidence.
        foreach (Mention m in document.Mentions)
        {
            if (m.Start < 0 || m.End > text.Length || m.Start >= m.End || m.FirstToken < 0 || m.FirstToken + m.TokenCount > document.Tokens.Count)
            {
                Fail($"mention {m.Index} [{m.Start},{m.End}) tokens {m.FirstToken}+{m.TokenCount} out of bounds");
                continue;
            }
            if (document.Tokens[m.FirstToken].Start != m.Start || document.Tokens[m.FirstToken + m.TokenCount - 1].End != m.End)
                Fail($"mention {m.Index} offsets are not its tokens' offsets");
            if (!m.TextSpan.SequenceEqual(text.AsSpan(m.Start, m.End - m.Start)))
                Fail($"mention {m.Index} text differs from the source");
            if (m.EntityIndex >= document.Entities.Count)
                Fail($"mention {m.Index} points to entity {m.EntityIndex} of {document.Entities.Count}");
        }
        foreach (Entity e in document.Entities)
        {
            foreach (int mi in e.MentionIndices)
            {
                if (mi < 0 || mi >= document.Mentions.Count || document.Mentions[mi].EntityIndex != e.Index)
                    Fail($"entity {e.Index} lists mention {mi}, which does not point back");
            }
        }
        foreach (Relation r in document.Relations)
        {
            if (r.SubjectEntity < 0 || r.SubjectEntity >= document.Entities.Count || r.ObjectEntity < 0 || r.ObjectEntity >= document.Entities.Count)
                Fail($"relation {r} has an entity out of range");
            foreach (RelationEvidence ev in r.Evidence)
            {
                if (ev.SubjectMention < 0 || ev.SubjectMention >= document.Mentions.Count || ev.ObjectMention < 0 || ev.ObjectMention >= document.Mentions.Count)
                    Fail($"relation {r} evidence has a mention out of range");
                if (ev.SentenceIndex < 0 || ev.SentenceIndex >= document.Sentences.Count)
                    Fail($"relation {r} evidence has sentence {ev.SentenceIndex} of {document.Sentences.Count}");
                if (ev.TriggerStart >= 0 && (ev.TriggerEnd > text.Length || ev.TriggerEnd <= ev.TriggerStart))
                    Fail($"relation {r} trigger [{ev.TriggerStart},{ev.TriggerEnd}) out of bounds");
            }
        }

        Json(document, Fail);
        Brat(document, Fail);
        ConllU(document, Fail);
        Graph(document, Fail);
    }

    /// <summary>The tokenizer's whitespace: the ASCII spaces, and char.IsWhiteSpace beyond ASCII.</summary>
    private static bool IsTokenizerSpace(char c) => c < 128 ? c is ' ' or '\t' or '\n' or '\r' or '\v' or '\f' : char.IsWhiteSpace(c);

    /// <summary>The JSON parses, and every offset in it maps to the text it states (lone surrogates read as U+FFFD).</summary>
    private static void Json(Document document, Action<string> fail)
    {
        string json = DocumentJson.ToJson(document, new DocumentJsonOptions { IncludeTokens = true, Indented = false });
        if (json.Contains('\n', StringComparison.Ordinal))
            fail("compact JSON holds a line break (breaks JSON Lines)");
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            fail($"JSON does not parse: {ex.Message}");
            return;
        }
        using (parsed)
        {
            string text = document.Text;
            JsonElement root = parsed.RootElement;
            if (root.GetProperty("textLength").GetInt32() != text.Length)
                fail("JSON textLength differs from the text's length");
            foreach (string array in new[] { "tokens", "sentences", "mentions" })
            {
                foreach (JsonElement item in root.GetProperty(array).EnumerateArray())
                {
                    int start = item.GetProperty("start").GetInt32(), end = item.GetProperty("end").GetInt32();
                    if (start < 0 || end > text.Length || start > end)
                    {
                        fail($"JSON {array} offsets [{start},{end}) out of bounds");
                        return;
                    }
                    if (item.GetProperty("text").GetString() != WellFormed(text[start..end]))
                    {
                        fail($"JSON {array} text at [{start},{end}) differs from the source");
                        return;
                    }
                }
            }
        }
    }

    /// <summary>The .ann has one line per annotation for any line-splitting reader, reads back with the same
    /// mentions, and its T offsets, counted as code points by hand, cover the mention's text.</summary>
    private static void Brat(Document document, Action<string> fail)
    {
        string text = document.Text;
        string ann = BratWriter.ToAnn(document);
        if (ann.AsSpan().Count('\n') != CountAny(ann, PythonBreaks))
            fail("a brat line holds a character that line-based readers split at");
        BratReadResult read = BratReader.Parse(document.Id, text, ann, document.Id + ".ann");
        foreach (EvaluationProblem problem in read.Problems)
            fail($"brat read-back: {problem.Message}");
        if (read.Document is { } gold)
        {
            if (gold.Mentions.Count != document.Mentions.Count)
                fail($"brat read-back has {gold.Mentions.Count} mentions, the document {document.Mentions.Count}");
            else
            {
                for (int i = 0; i < gold.Mentions.Count; i++)
                {
                    if (gold.Mentions[i].Start != document.Mentions[i].Start || gold.Mentions[i].End != document.Mentions[i].End || gold.Mentions[i].Tag != document.Mentions[i].Label)
                    {
                        fail($"brat read-back mention {i} is [{gold.Mentions[i].Start},{gold.Mentions[i].End}), the document's [{document.Mentions[i].Start},{document.Mentions[i].End})");
                        break;
                    }
                }
            }
        }
        // Independent of CodePointMap: walk the text by code point (Rune) and compare with the T lines.
        int[] utf16OfCodePoint = CodePointStarts(text);
        foreach (string line in ann.Split('\n'))
        {
            if (!line.StartsWith('T'))
                continue;
            string[] fields = line.Split('\t');
            string offsets = fields[1][(fields[1].IndexOf(' ', StringComparison.Ordinal) + 1)..];
            string[] fragments = offsets.Split(';');
            int first = int.Parse(fragments[0].Split(' ')[0], CultureInfo.InvariantCulture);
            int last = int.Parse(fragments[^1].Split(' ')[1], CultureInfo.InvariantCulture);
            if (last >= utf16OfCodePoint.Length)
            {
                fail($"brat {fields[0]} ends at code point {last}, past the text");
                continue;
            }
            int index = int.Parse(fields[0].AsSpan(1), CultureInfo.InvariantCulture) - 1;
            Mention m = document.Mentions[index];
            if (utf16OfCodePoint[first] != m.Start || utf16OfCodePoint[last] != m.End)
                fail($"brat {fields[0]} code points {first}-{last} are not the mention's [{m.Start},{m.End})");
        }
    }

    /// <summary>CoNLL-U: no stray line breaks, ten fields per word line, TokenRange maps to the token, and the
    /// library's CoNLL-U reader takes it without problems.</summary>
    private static void ConllU(Document document, Action<string> fail)
    {
        string text = document.Text;
        string conllu = ConllUWriter.ToConllU(document);
        if (conllu.AsSpan().Count('\n') != CountAny(conllu, PythonBreaks))
            fail("a CoNLL-U line holds a character that line-based readers split at");
        int tokenIndex = 0;
        foreach (string line in conllu.Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            string[] fields = line.Split('\t');
            if (fields.Length != 10)
            {
                fail($"CoNLL-U line with {fields.Length} fields");
                return;
            }
            string misc = fields[9];
            int at = misc.IndexOf("TokenRange=", StringComparison.Ordinal);
            int bar = misc.IndexOf('|', at);
            string[] range = misc[(at + 11)..(bar < 0 ? misc.Length : bar)].Split(':');
            int start = int.Parse(range[0], CultureInfo.InvariantCulture), end = int.Parse(range[1], CultureInfo.InvariantCulture);
            Token token = document.Tokens[tokenIndex++];
            if (start != token.Start || end != token.End)
                fail($"CoNLL-U TokenRange {start}:{end} is not token {token.Index} [{token.Start},{token.End})");
            else if (fields[1] != BratWriter.Flatten(text.AsSpan(start, end - start)))
                fail($"CoNLL-U FORM at {start}:{end} differs from the source");
        }
        if (tokenIndex != document.Tokens.Count)
            fail($"CoNLL-U has {tokenIndex} word lines for {document.Tokens.Count} tokens");
        ConllUCorpus corpus = ConllUReader.Parse(document.Id + ".conllu", new StringReader(conllu));
        foreach (EvaluationProblem problem in corpus.Problems)
            fail($"CoNLL-U read-back: {problem.Message}");
        if (corpus.SkippedSentences > 0 || corpus.Sentences.Count != document.Sentences.Count)
            fail($"CoNLL-U read-back has {corpus.Sentences.Count} sentences ({corpus.SkippedSentences} skipped), the document {document.Sentences.Count}");
    }

    /// <summary>The document as a one-document graph: GraphML parses as XML, the graph JSON parses, DOT has no raw
    /// control characters.</summary>
    private static void Graph(Document document, Action<string> fail)
    {
        var graph = new KnowledgeGraph();
        graph.Add(document);
        using var xml = new MemoryStream();
        GraphExport.WriteGraphML(graph, xml);
        try
        {
            XDocument.Parse(Encoding.UTF8.GetString(xml.GetBuffer(), 0, (int)xml.Length));
        }
        catch (System.Xml.XmlException ex)
        {
            fail($"GraphML does not parse: {ex.Message}");
        }
        try
        {
            using JsonDocument json = JsonDocument.Parse(graph.ToJson(indented: false));
        }
        catch (JsonException ex)
        {
            fail($"graph JSON does not parse: {ex.Message}");
        }
        using var dot = new StringWriter();
        GraphExport.WriteDot(graph, dot);
        foreach (char c in dot.ToString())
        {
            if (char.IsControl(c) && c != '\n')
            {
                fail($"DOT holds control character U+{(int)c:X4}");
                break;
            }
        }
    }

    private static int CountAny(string s, char[] chars)
    {
        int n = 0;
        foreach (char c in s)
        {
            if (Array.IndexOf(chars, c) >= 0)
                n++;
        }
        return n;
    }

    /// <summary>UTF-16 offset of each code point, plus the text's length at the end.</summary>
    private static int[] CodePointStarts(string text)
    {
        var starts = new List<int>(text.Length + 1);
        int i = 0;
        while (i < text.Length)
        {
            starts.Add(i);
            i += char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
        }
        starts.Add(text.Length);
        return [.. starts];
    }

    /// <summary>The text with unpaired surrogates as U+FFFD, as JSON writers and UTF-8 encoders give it.</summary>
    private static string WellFormed(string s)
    {
        if (!s.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'))
            return s;
        var sb = new StringBuilder(s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                sb.Append(c).Append(s[++i]);
            else
                sb.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
        }
        return sb.ToString();
    }
}
