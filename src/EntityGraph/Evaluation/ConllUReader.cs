using System.Globalization;

namespace EntityGraph.Evaluation;

/// <summary>A syntactic word of a CoNLL-U sentence; <c>Head</c> is the 1-based head word, 0 for the root, -1 when absent.</summary>
internal sealed record ConllUWord(int Id, string Form, string Lemma, string Upos, string Xpos, int Head, string Deprel, bool SpaceAfter, int Line);

/// <summary>A multiword token line (<c>1-2 don't</c>): the surface form of words First..Last.</summary>
internal sealed record ConllUMultiword(int First, int Last, string Form, bool SpaceAfter);

/// <summary>A CoNLL-U sentence: its words, comments of interest and multiword tokens.</summary>
internal sealed class ConllUSentence(int line)
{
    public int Line { get; } = line;

    public string? SentenceId { get; set; }

    /// <summary>The <c># text =</c> comment, when present.</summary>
    public string? Text { get; set; }

    /// <summary>The <c># newdoc id</c> in force.</summary>
    public string? DocumentId { get; set; }

    public List<ConllUWord> Words { get; } = [];

    public List<ConllUMultiword> Multiwords { get; } = [];

    /// <summary>
    /// The words' start offsets in <see cref="Text"/>, found by matching each form in order after optional
    /// whitespace; null when there is no text or a form does not match (so gold token boundaries are unknown).
    /// </summary>
    public int[]? AlignToText()
    {
        if (Text is null)
            return null;
        var starts = new int[Words.Count];
        int position = 0;
        for (int i = 0; i < Words.Count; i++)
        {
            while (position < Text.Length && char.IsWhiteSpace(Text[position]))
                position++;
            string form = Words[i].Form;
            if (string.CompareOrdinal(Text, position, form, 0, form.Length) != 0)
                return null;
            starts[i] = position;
            position += form.Length;
        }
        return starts;
    }
}

/// <summary>What <see cref="ConllUReader"/> read: clean sentences, problems, and how many sentences were skipped.</summary>
internal sealed record ConllUCorpus(string Path, List<ConllUSentence> Sentences, List<EvaluationProblem> Problems, int SkippedSentences)
{
    public int WordCount
    {
        get
        {
            int n = 0;
            foreach (ConllUSentence s in Sentences)
                n += s.Words.Count;
            return n;
        }
    }
}

/// <summary>
/// Reads CoNLL-U (UD English EWT, GUM): ten tab-separated columns per word. Multiword token lines
/// (<c>1-2</c>) are kept aside as surface forms, empty nodes (<c>1.1</c>) are skipped, <c># text =</c>,
/// <c># sent_id =</c> and <c># newdoc id =</c> are kept. A malformed line skips its sentence.
/// </summary>
internal static class ConllUReader
{
    public static ConllUCorpus Read(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(path, reader);
    }

    public static ConllUCorpus Parse(string path, TextReader reader)
    {
        var sentences = new List<ConllUSentence>();
        var problems = new List<EvaluationProblem>();
        int skipped = 0, lineNumber = 0;
        string? documentId = null;
        ConllUSentence? sentence = null;
        bool bad = false;

        void Close()
        {
            if (sentence is not null)
            {
                if (bad)
                {
                    skipped++;
                }
                else if (sentence.Words.Count > 0)
                {
                    ValidateHeads(path, sentence, problems, ref bad);
                    if (bad)
                        skipped++;
                    else
                        sentences.Add(sentence);
                }
            }
            sentence = null;
            bad = false;
        }

        void Fail(int column, string message)
        {
            problems.Add(new EvaluationProblem(path, lineNumber, column, message));
            bad = true;
        }

        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                Close();
                continue;
            }
            sentence ??= new ConllUSentence(lineNumber) { DocumentId = documentId };
            // One error per sentence: later lines would only repeat it (word ids shift after a bad line).
            if (bad)
                continue;
            if (line[0] == '#')
            {
                if (Comment(line, "newdoc id") is { } doc)
                {
                    documentId = doc;
                    sentence.DocumentId = doc;
                }
                else if (Comment(line, "text") is { } text)
                {
                    sentence.Text = text;
                }
                else if (Comment(line, "sent_id") is { } id)
                {
                    sentence.SentenceId = id;
                }
                continue;
            }
            string[] f = line.Split('\t');
            if (f.Length != 10)
            {
                Fail(1, $"a CoNLL-U word line has 10 tab-separated columns; found {f.Length}");
                continue;
            }
            if (f[0].Contains('.', StringComparison.Ordinal))
                continue;
            bool spaceAfter = !f[9].Contains("SpaceAfter=No", StringComparison.Ordinal);
            int dash = f[0].IndexOf('-', StringComparison.Ordinal);
            if (dash > 0)
            {
                if (int.TryParse(f[0].AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out int first)
                    && int.TryParse(f[0].AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int last) && last >= first)
                    sentence.Multiwords.Add(new ConllUMultiword(first, last, f[1], spaceAfter));
                else
                    Fail(1, $"'{f[0]}' is not a multiword token range such as 1-2");
                continue;
            }
            if (!int.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out int wordId) || wordId != sentence.Words.Count + 1)
            {
                Fail(1, $"word id '{f[0]}' should be {sentence.Words.Count + 1}");
                continue;
            }
            int head;
            if (f[6] == "_")
            {
                head = -1;
            }
            else if (!int.TryParse(f[6], NumberStyles.None, CultureInfo.InvariantCulture, out head))
            {
                Fail(ColumnOf(f, 6), $"head '{f[6]}' is not a word number");
                continue;
            }
            sentence.Words.Add(new ConllUWord(wordId, f[1], f[2], f[3], f[4], head, f[7], spaceAfter, lineNumber));
        }
        Close();
        return new ConllUCorpus(path, sentences, problems, skipped);
    }

    private static void ValidateHeads(string path, ConllUSentence sentence, List<EvaluationProblem> problems, ref bool bad)
    {
        foreach (ConllUWord w in sentence.Words)
        {
            if (w.Head > sentence.Words.Count)
            {
                problems.Add(new EvaluationProblem(path, w.Line, 0, $"head {w.Head} of word {w.Id} is past the sentence's {sentence.Words.Count} words"));
                bad = true;
            }
        }
    }

    private static int ColumnOf(string[] fields, int index)
    {
        int column = 1;
        for (int i = 0; i < index; i++)
            column += fields[i].Length + 1;
        return column;
    }

    private static string? Comment(string line, string key)
    {
        // "# key = value"; tolerate missing spaces around '='.
        ReadOnlySpan<char> rest = line.AsSpan(1).TrimStart();
        if (!rest.StartsWith(key, StringComparison.Ordinal))
            return null;
        rest = rest[key.Length..].TrimStart();
        if (rest.Length == 0 || rest[0] != '=')
            return null;
        return rest[1..].Trim().ToString();
    }
}
