namespace EntityGraph.Evaluation;

/// <summary>One token line of a CoNLL NER file: the word (first column) and its tag (last column).</summary>
internal readonly record struct ConllToken(string Form, string Tag, int Line);

/// <summary>A sentence of a CoNLL NER file.</summary>
internal sealed class ConllSentence(int line)
{
    public int Line { get; } = line;

    public List<ConllToken> Tokens { get; } = [];

    public string[] Forms()
    {
        var forms = new string[Tokens.Count];
        for (int i = 0; i < forms.Length; i++)
            forms[i] = Tokens[i].Form;
        return forms;
    }

    public string[] Tags()
    {
        var tags = new string[Tokens.Count];
        for (int i = 0; i < tags.Length; i++)
            tags[i] = Tokens[i].Tag;
        return tags;
    }
}

/// <summary>A document of a CoNLL NER file (the sentences between two <c>-DOCSTART-</c> lines).</summary>
internal sealed class ConllDocument(string id, int line)
{
    public string Id { get; } = id;

    public int Line { get; } = line;

    public List<ConllSentence> Sentences { get; } = [];

    public int TokenCount
    {
        get
        {
            int n = 0;
            foreach (ConllSentence s in Sentences)
                n += s.Tokens.Count;
            return n;
        }
    }
}

/// <summary>What <see cref="ConllReader"/> read: the clean documents, the problems and the documents skipped.</summary>
internal sealed record ConllCorpus(string Path, List<ConllDocument> Documents, List<EvaluationProblem> Problems, List<string> SkippedDocuments);

/// <summary>
/// Reads CoNLL NER files: CoNLL-2003 (<c>word POS chunk NER</c>, IOB1 or IOB2) and WikiGold (<c>word NER</c>,
/// IOB1). Columns are split on spaces or tabs; the first is the word and the last the tag, and every token line
/// must have as many columns as the first one (as conlleval demands). Blank lines end sentences;
/// <c>-DOCSTART-</c> lines start documents (text before the first one, as in WikiGold, is a document too).
/// Tags are kept as written: <see cref="ConllEval"/> reads IOB1 and IOB2 alike. A bad line skips its document.
/// </summary>
internal static class ConllReader
{
    public static ConllCorpus Read(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(path, reader);
    }

    public static ConllCorpus Parse(string path, TextReader reader)
    {
        var documents = new List<ConllDocument>();
        var problems = new List<EvaluationProblem>();
        var skipped = new List<string>();
        string name = System.IO.Path.GetFileNameWithoutExtension(path);
        ConllDocument? document = null;
        ConllSentence? sentence = null;
        bool documentBad = false;
        int columns = -1, lineNumber = 0;

        void CloseSentence()
        {
            if (sentence is { Tokens.Count: > 0 })
                document!.Sentences.Add(sentence);
            sentence = null;
        }

        void CloseDocument()
        {
            CloseSentence();
            if (document is null)
                return;
            if (documentBad)
                skipped.Add(document.Id);
            else if (document.Sentences.Count > 0)
                documents.Add(document);
            document = null;
            documentBad = false;
        }

        ConllDocument NewDocument(int line) =>
            new($"{name}#{(documents.Count + skipped.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)}", line);

        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                CloseSentence();
                continue;
            }
            string[] fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields[0] == "-DOCSTART-")
            {
                CloseDocument();
                document = NewDocument(lineNumber);
                continue;
            }
            document ??= NewDocument(lineNumber);
            if (fields.Length < 2)
            {
                problems.Add(new EvaluationProblem(path, lineNumber, 1, $"a token line needs at least two columns (word and tag); found '{line}'"));
                documentBad = true;
                continue;
            }
            if (columns < 0)
            {
                columns = fields.Length;
            }
            else if (fields.Length != columns)
            {
                problems.Add(new EvaluationProblem(path, lineNumber, 1, $"expected {columns} columns like the first token line; found {fields.Length}"));
                documentBad = true;
                continue;
            }
            string tag = fields[^1];
            if (!IsValidTag(tag))
            {
                problems.Add(new EvaluationProblem(path, lineNumber, line.LastIndexOf(tag, StringComparison.Ordinal) + 1,
                    $"'{tag}' is not a tag: expected O or B-/I-/E-/S- followed by a type"));
                documentBad = true;
                continue;
            }
            sentence ??= new ConllSentence(lineNumber);
            sentence.Tokens.Add(new ConllToken(fields[0], tag, lineNumber));
        }
        CloseDocument();
        return new ConllCorpus(path, documents, problems, skipped);
    }

    internal static bool IsValidTag(string tag) =>
        tag == "O" || (tag.Length > 2 && tag[1] == '-' && tag[0] is 'B' or 'I' or 'E' or 'S');
}
