using System.Globalization;

namespace EntityGraph.Evaluation;

/// <summary>
/// Reads brat standoff annotation (<c>NAME.txt</c> + <c>NAME.ann</c>) as ANNOTATION.md section 4 describes:
/// <c>T</c> lines are mentions, <c>N</c> lines put a mention in an entity, <c>R</c> lines relate two mentions.
/// An <c>AnnotatorNotes</c> line on an R line (<c>#1 AnnotatorNotes R1 text</c>, as EntityGraph's brat output writes) is
/// kept as <see cref="AnnotatedRelation.Note"/>. Attribute (<c>A</c>, <c>M</c>), event (<c>E</c>), other note (<c>#</c>) and equivalence (<c>*</c>) lines are skipped
/// with a note. Offsets in the file count Unicode code points, as brat and Python tools write them; the mentions read
/// hold UTF-16 offsets, like <see cref="Document"/> (the two differ after characters beyond U+FFFF, such as emoji).
/// A span that brat wrote as fragments around line breaks ("0 3;4 8") is read as one mention; fragments with text
/// between them are refused.
/// </summary>
public static class BratReader
{
    /// <summary>Parses one document from its text and annotation lines.</summary>
    /// <param name="id">The document's name.</param>
    /// <param name="text">The text the offsets point into.</param>
    /// <param name="annotations">The content of the <c>.ann</c> file.</param>
    /// <param name="annotationPath">The <c>.ann</c> file's path, used in problems.</param>
    /// <returns>The document, or none when a line is wrong, and every problem found.</returns>
    public static BratReadResult Parse(string id, string text, string annotations, string annotationPath)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(annotations);
        ArgumentNullException.ThrowIfNull(annotationPath);
        return new Parser(id, text, annotationPath).Run(annotations);
    }

    /// <summary>Reads <paramref name="textPath"/> and the <c>.ann</c> file beside it.</summary>
    /// <param name="textPath">Path of the <c>.txt</c> file.</param>
    /// <param name="annotationPath">Path of the <c>.ann</c> file; defaults to the text's path with extension <c>.ann</c>.</param>
    /// <returns>The document, or none, and every problem found.</returns>
    public static BratReadResult ReadDocument(string textPath, string? annotationPath = null)
    {
        ArgumentNullException.ThrowIfNull(textPath);
        annotationPath ??= Path.ChangeExtension(textPath, ".ann");
        if (!File.Exists(textPath))
            return BratReadResult.Failed(new EvaluationProblem(annotationPath, 0, 0, $"the text file '{textPath}' is missing"));
        if (!File.Exists(annotationPath))
            return BratReadResult.Failed(new EvaluationProblem(textPath, 0, 0, $"the annotation file '{annotationPath}' is missing"));
        return Parse(Path.GetFileNameWithoutExtension(textPath), File.ReadAllText(textPath), File.ReadAllText(annotationPath), annotationPath);
    }

    /// <summary>Reads every <c>NAME.ann</c> of <paramref name="directory"/> (not its sub-folders) with its <c>NAME.txt</c>, in name order.</summary>
    /// <param name="directory">The corpus folder.</param>
    /// <returns>The documents that read cleanly, the problems, and the documents skipped because of them.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static BratCorpus ReadFolder(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"The folder '{directory}' does not exist.");
        string[] annotationFiles = Directory.GetFiles(directory, "*.ann");
        Array.Sort(annotationFiles, StringComparer.Ordinal);
        var documents = new List<AnnotatedDocument>();
        var problems = new List<EvaluationProblem>();
        var skipped = new List<string>();
        foreach (string ann in annotationFiles)
        {
            BratReadResult result = ReadDocument(Path.ChangeExtension(ann, ".txt"), ann);
            problems.AddRange(result.Problems);
            if (result.Document is null)
                skipped.Add(Path.GetFileNameWithoutExtension(ann));
            else
                documents.Add(result.Document);
        }
        string[] texts = Directory.GetFiles(directory, "*.txt");
        Array.Sort(texts, StringComparer.Ordinal);
        var unannotated = new List<string>();
        foreach (string txt in texts)
        {
            if (!File.Exists(Path.ChangeExtension(txt, ".ann")))
                unannotated.Add(Path.GetFileNameWithoutExtension(txt));
        }
        return new BratCorpus(directory, documents, problems, skipped, unannotated, annotationFiles.Length);
    }

    private sealed class Parser(string id, string text, string path)
    {
        private readonly List<EvaluationProblem> _problems = [];
        private readonly List<AnnotatedMention> _mentions = [];
        private readonly Dictionary<string, int> _mentionIndex = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
        private readonly List<PendingNormalization> _normalizations = [];
        private readonly List<PendingRelation> _relations = [];
        private readonly Dictionary<char, (int FirstLine, int Count)> _skipped = [];
        private readonly EntityGraph.Text.CodePointMap _codePoints = new(text);
        private readonly Dictionary<string, (int Line, string Text)> _relationNotes = new(StringComparer.Ordinal);

        public BratReadResult Run(string annotations)
        {
            int lineNumber = 0;
            foreach (ReadOnlySpan<char> rawLine in annotations.AsSpan().EnumerateLines())
            {
                lineNumber++;
                ReadOnlySpan<char> line = rawLine;
                if (line.IsWhiteSpace())
                    continue;
                string lineText = line.ToString();
                switch (line[0])
                {
                    case 'T':
                        ReadTextBound(lineText, lineNumber);
                        break;
                    case 'N':
                        ReadNormalization(lineText, lineNumber);
                        break;
                    case 'R':
                        ReadRelation(lineText, lineNumber);
                        break;
                    case '#' when TryReadRelationNote(lineText, lineNumber):
                        break;
                    case 'A' or 'M' or 'E' or '#' or '*':
                        _skipped[line[0]] = _skipped.TryGetValue(line[0], out var seen) ? (seen.FirstLine, seen.Count + 1) : (lineNumber, 1);
                        break;
                    default:
                        Error(lineNumber, 1, $"unknown annotation line '{Shorten(lineText)}': expected an id starting with T, N, R, A, M, E, # or *");
                        break;
                }
            }
            // A note on an R id the file does not have is skipped like any other note.
            foreach ((string target, (int line, _)) in _relationNotes)
            {
                if (!_relations.Exists(r => string.Equals(r.Id, target, StringComparison.Ordinal)))
                    _skipped['#'] = _skipped.TryGetValue('#', out var seen) ? (Math.Min(seen.FirstLine, line), seen.Count + 1) : (line, 1);
            }
            foreach ((char kind, (int firstLine, int count)) in _skipped)
            {
                _problems.Add(new EvaluationProblem(path, firstLine, 1,
                    $"skipped {count} {SkippedName(kind)} line(s) ('{kind}'); they are not scored", ProblemSeverity.Note));
            }
            var keys = new string?[_mentions.Count];
            var names = new string?[_mentions.Count];
            foreach (PendingNormalization n in _normalizations)
            {
                if (!_mentionIndex.TryGetValue(n.Target, out int target))
                {
                    Error(n.Line, n.Column, $"N line '{n.Id}' refers to '{n.Target}', which is not a T line of this file");
                    continue;
                }
                if (keys[target] is { } existing && existing != n.Key)
                {
                    Error(n.Line, n.Column, $"mention '{n.Target}' is already in entity '{existing}'; a mention belongs to one entity, not also '{n.Key}'");
                    continue;
                }
                keys[target] = n.Key;
                names[target] = n.Name ?? names[target];
            }
            var relations = new List<AnnotatedRelation>(_relations.Count);
            foreach (PendingRelation r in _relations)
            {
                bool ok = true;
                if (!_mentionIndex.TryGetValue(r.Arg1, out int a1))
                {
                    Error(r.Line, r.Column, $"relation '{r.Id}' argument Arg1 refers to '{r.Arg1}', which is not a T line of this file");
                    ok = false;
                }
                if (!_mentionIndex.TryGetValue(r.Arg2, out int a2))
                {
                    Error(r.Line, r.Column, $"relation '{r.Id}' argument Arg2 refers to '{r.Arg2}', which is not a T line of this file");
                    ok = false;
                }
                if (ok)
                    relations.Add(new AnnotatedRelation(r.Id, r.Type, a1, a2) { Note = _relationNotes.TryGetValue(r.Id, out var note) ? note.Text : null });
            }
            for (int i = 0; i < _mentions.Count; i++)
            {
                if (keys[i] is not null)
                    _mentions[i] = _mentions[i] with { EntityKey = keys[i], CanonicalName = names[i] };
            }
            bool failed = _problems.Exists(static p => p.Severity == ProblemSeverity.Error);
            return new BratReadResult(failed ? null : new AnnotatedDocument(id, text, _mentions, relations), _problems);
        }

        private static string SkippedName(char kind) => kind switch
        {
            'A' or 'M' => "attribute",
            'E' => "event",
            '#' => "note",
            _ => "equivalence",
        };

        private void Error(int line, int column, string message) => _problems.Add(new EvaluationProblem(path, line, column, message));

        private bool ClaimId(string annotationId, int line)
        {
            if (_ids.TryGetValue(annotationId, out int firstLine))
            {
                Error(line, 1, $"id '{annotationId}' is used twice (first at line {firstLine})");
                return false;
            }
            _ids.Add(annotationId, line);
            return true;
        }

        // T1<TAB>ORG 102 106<TAB>ISIS, or T1<TAB>LOC 0 3;4 8<TAB>Tal Afar for a span across a line break.
        private void ReadTextBound(string line, int lineNumber)
        {
            string[] fields = line.Split('\t');
            if (fields.Length != 3)
            {
                Error(lineNumber, 1, $"a T line has three tab-separated fields (id, 'TAG START END', covered text); found {fields.Length}: '{Shorten(line)}'");
                return;
            }
            int column = fields[0].Length + 2;
            int space = fields[1].IndexOf(' ', StringComparison.Ordinal);
            string tag = space > 0 ? fields[1][..space] : string.Empty;
            string[] fragments = space > 0 ? fields[1][(space + 1)..].Split(';') : [];
            if (tag.Length == 0 || fragments.Length == 0)
            {
                Error(lineNumber, column, $"expected 'TAG START END', found '{fields[1]}'");
                return;
            }
            int offsetColumn = column + tag.Length + 1;
            var spans = new (int Start, int End)[fragments.Length];
            for (int f = 0; f < fragments.Length; f++)
            {
                string[] parts = fragments[f].Split(' ');
                if (parts.Length != 2)
                {
                    Error(lineNumber, column, $"expected 'TAG START END', found '{fields[1]}'");
                    return;
                }
                if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int cpStart)
                    || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int cpEnd))
                {
                    Error(lineNumber, offsetColumn, $"offsets '{parts[0]} {parts[1]}' are not two non-negative integers");
                    return;
                }
                if (cpEnd <= cpStart)
                {
                    Error(lineNumber, offsetColumn, $"the span {cpStart}-{cpEnd} is empty or reversed");
                    return;
                }
                if (cpEnd > _codePoints.CodePointLength)
                {
                    Error(lineNumber, offsetColumn, $"offsets {cpStart}-{cpEnd} are outside the text ({_codePoints.CodePointLength} characters)");
                    return;
                }
                spans[f] = (_codePoints.ToUtf16(cpStart), _codePoints.ToUtf16(cpEnd));
                if (f > 0 && (spans[f].Start < spans[f - 1].End || !text.AsSpan(spans[f - 1].End, spans[f].Start - spans[f - 1].End).IsWhiteSpace()))
                {
                    Error(lineNumber, column, $"discontinuous span '{fields[1]}' is not supported: a mention is one (start, end) span (fragments may only be separated by line breaks)");
                    return;
                }
            }
            int start = spans[0].Start;
            int end = spans[^1].End;
            string covered = fields[2];
            if (!CoveredTextMatches(text.AsSpan(start, end - start), covered) && !FragmentsMatch(spans, covered))
            {
                Error(lineNumber, column + fields[1].Length + 1,
                    $"covered text '{Shorten(covered)}' does not match the text at {fields[1][(space + 1)..]}, which is '{Shorten(text.Substring(start, end - start))}'");
                return;
            }
            if (!ClaimId(fields[0], lineNumber))
                return;
            _mentionIndex.Add(fields[0], _mentions.Count);
            _mentions.Add(new AnnotatedMention(fields[0], tag, start, end, text.Substring(start, end - start)));
        }

        // The .ann line cannot hold a line break or a tab: writers put one space for each such character.
        private static bool CoveredTextMatches(ReadOnlySpan<char> source, ReadOnlySpan<char> covered)
        {
            if (source.Length != covered.Length)
                return false;
            for (int i = 0; i < source.Length; i++)
            {
                if (source[i] != covered[i] && !(covered[i] == ' ' && Output.BratWriter.LineBreaking.Contains(source[i])))
                    return false;
            }
            return true;
        }

        // brat itself joins the fragments' texts with one space.
        private bool FragmentsMatch((int Start, int End)[] spans, ReadOnlySpan<char> covered)
        {
            if (spans.Length < 2)
                return false;
            int at = 0;
            for (int f = 0; f < spans.Length; f++)
            {
                if (f > 0)
                {
                    if (at >= covered.Length || covered[at] != ' ')
                        return false;
                    at++;
                }
                ReadOnlySpan<char> part = text.AsSpan(spans[f].Start, spans[f].End - spans[f].Start);
                if (covered.Length - at < part.Length || !CoveredTextMatches(part, covered.Slice(at, part.Length)))
                    return false;
                at += part.Length;
            }
            return at == covered.Length;
        }

        // N1<TAB>Reference T1 EG:islamic_state<TAB>Islamic State of Iraq and the Levant
        private void ReadNormalization(string line, int lineNumber)
        {
            string[] fields = line.Split('\t');
            if (fields.Length is < 2 or > 3)
            {
                Error(lineNumber, 1, $"an N line has the fields id, 'Reference T1 DB:key' and an optional name; found {fields.Length}: '{Shorten(line)}'");
                return;
            }
            int column = fields[0].Length + 2;
            string[] parts = fields[1].Split(' ');
            if (parts.Length != 3 || parts[1].Length == 0 || parts[2].Length == 0 || !parts[2].Contains(':', StringComparison.Ordinal))
            {
                Error(lineNumber, column, $"expected 'Reference T1 DB:key', found '{fields[1]}'");
                return;
            }
            if (!ClaimId(fields[0], lineNumber))
                return;
            string? name = fields.Length == 3 && fields[2].Length > 0 ? fields[2] : null;
            _normalizations.Add(new PendingNormalization(fields[0], parts[1], parts[2], name, lineNumber, column + parts[0].Length + 1));
        }

        // #1<TAB>AnnotatorNotes R1<TAB>pattern: ...; confidence: 1; ...  (a note on a relation; notes on other lines are skipped)
        private bool TryReadRelationNote(string line, int lineNumber)
        {
            string[] fields = line.Split('\t');
            if (fields.Length != 3 || !fields[1].StartsWith("AnnotatorNotes R", StringComparison.Ordinal))
                return false;
            string target = fields[1]["AnnotatorNotes ".Length..];
            if (target.Contains(' ', StringComparison.Ordinal))
                return false;
            // Several notes on one relation are joined in file order.
            _relationNotes[target] = _relationNotes.TryGetValue(target, out var earlier) ? (earlier.Line, earlier.Text + " | " + fields[2]) : (lineNumber, fields[2]);
            return true;
        }

        // R1<TAB>captured Arg1:T1 Arg2:T2
        private void ReadRelation(string line, int lineNumber)
        {
            string[] fields = line.Split('\t');
            if (fields.Length is < 2 or > 3)
            {
                Error(lineNumber, 1, $"an R line has the fields id and 'TYPE Arg1:T1 Arg2:T2'; found {fields.Length}: '{Shorten(line)}'");
                return;
            }
            int column = fields[0].Length + 2;
            string[] parts = fields[1].Split(' ');
            string? arg1 = null, arg2 = null;
            if (parts.Length == 3 && parts[0].Length > 0)
            {
                for (int i = 1; i < 3; i++)
                {
                    if (parts[i].StartsWith("Arg1:", StringComparison.Ordinal))
                        arg1 = parts[i][5..];
                    else if (parts[i].StartsWith("Arg2:", StringComparison.Ordinal))
                        arg2 = parts[i][5..];
                }
            }
            if (string.IsNullOrEmpty(arg1) || string.IsNullOrEmpty(arg2))
            {
                Error(lineNumber, column, $"expected 'TYPE Arg1:T1 Arg2:T2', found '{fields[1]}'");
                return;
            }
            if (!ClaimId(fields[0], lineNumber))
                return;
            _relations.Add(new PendingRelation(fields[0], parts[0], arg1, arg2, lineNumber, column + parts[0].Length + 1));
        }

        private static string Shorten(string value) => value.Length <= 60 ? value : value[..57] + "...";
    }

    private readonly record struct PendingNormalization(string Id, string Target, string Key, string? Name, int Line, int Column);

    private readonly record struct PendingRelation(string Id, string Type, string Arg1, string Arg2, int Line, int Column);
}

/// <summary>The outcome of reading one brat document.</summary>
public sealed class BratReadResult
{
    internal BratReadResult(AnnotatedDocument? document, IReadOnlyList<EvaluationProblem> problems)
    {
        Document = document;
        Problems = problems;
    }

    internal static BratReadResult Failed(EvaluationProblem problem) => new(null, [problem]);

    /// <summary>The document, or null when an error made it unusable.</summary>
    public AnnotatedDocument? Document { get; }

    /// <summary>Errors (which skip the document) and notes (which do not).</summary>
    public IReadOnlyList<EvaluationProblem> Problems { get; }
}

/// <summary>A folder of brat documents as read by <see cref="BratReader.ReadFolder"/>.</summary>
public sealed class BratCorpus
{
    internal BratCorpus(string directory, IReadOnlyList<AnnotatedDocument> documents, IReadOnlyList<EvaluationProblem> problems,
        IReadOnlyList<string> skipped, IReadOnlyList<string> unannotated, int annotationFileCount)
    {
        Directory = directory;
        Documents = documents;
        Problems = problems;
        SkippedDocuments = skipped;
        UnannotatedTexts = unannotated;
        AnnotationFileCount = annotationFileCount;
    }

    /// <summary>The folder that was read.</summary>
    public string Directory { get; }

    /// <summary>The documents that read without errors, in file-name order.</summary>
    public IReadOnlyList<AnnotatedDocument> Documents { get; }

    /// <summary>Every problem, in file order.</summary>
    public IReadOnlyList<EvaluationProblem> Problems { get; }

    /// <summary>Names of the documents left out because of an error.</summary>
    public IReadOnlyList<string> SkippedDocuments { get; }

    /// <summary>Names of <c>.txt</c> files that have no <c>.ann</c> beside them.</summary>
    public IReadOnlyList<string> UnannotatedTexts { get; }

    /// <summary>How many <c>.ann</c> files the folder holds.</summary>
    public int AnnotationFileCount { get; }
}
