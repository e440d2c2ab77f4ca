using EntityGraph.Internals;

namespace EntityGraph.Parsing;

/// <summary>
/// Parses every sentence and stores each token's head (a document token index, -1 for the sentence root) and its
/// Universal Dependencies relation (with subtypes such as <c>nsubj:pass</c>, <c>obl:agent</c>, <c>nmod:poss</c>).
/// Reads the XPOS and UPOS tags the tagger stage set. Safe to share between threads: all scratch state is per call.
/// </summary>
public sealed class DependencyParserStage : PipelineStage
{
    private readonly DependencyParser? _parser;
    private readonly bool _verifyCache;

    /// <summary>Creates the stage with the parser model embedded in the library (loaded once, on first use).</summary>
    public DependencyParserStage()
    {
    }

    /// <summary>Creates the stage with the parser model in <paramref name="modelFile"/>.</summary>
    /// <param name="modelFile">A model written by <c>entitygraph train parser</c>.</param>
    /// <exception cref="InvalidDataException">The file is truncated, damaged or not a parser model.</exception>
    public DependencyParserStage(string modelFile)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelFile);
        _parser = DependencyParser.LoadFile(modelFile);
    }

    internal DependencyParserStage(DependencyParser parser, bool verifyCache = false)
    {
        _parser = parser;
        _verifyCache = verifyCache;
    }

    /// <inheritdoc />
    public override string Name => "parser";

    /// <inheritdoc />
    public override Annotations Requires => Annotations.Tokens | Annotations.Sentences | Annotations.PartOfSpeech;

    /// <inheritdoc />
    public override Annotations Assigns => Annotations.Dependencies;

    /// <inheritdoc />
    public override void Process(Document document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        DependencyParser parser = _parser ?? DependencyParser.Default;
        using var state = new ParseState();
        using BeamSearch? beam = parser.CreateBeam(_verifyCache);
        Span<TokenData> tokens = document.MutableTokenData;
        StringStore strings = document.Strings;
        int rootLabel = parser.LabelCount;
        // Relation ids are interned once per document, not per token.
        Span<int> relationIds = stackalloc int[rootLabel + 1];
        relationIds.Fill(-1);
        string text = document.Text;
        for (int s = 0; s < document.SentenceCount; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            SentenceData sentence = document.SentenceAt(s);
            int first = sentence.FirstToken;
            int n = sentence.TokenCount;
            state.Begin(n, parser.Clusters);
            for (int i = 0; i < n; i++)
            {
                ref TokenData token = ref tokens[first + i];
                string? xpos = strings.Get(token.Xpos);
                string? upos = strings.Get(token.Upos);
                state.SetWord(i,
                    text.AsSpan(token.Start, token.Length),
                    ParseState.HashTag(xpos ?? upos),
                    ParseState.HashTag(upos ?? xpos));
            }
            ParseState parse = parser.Parse(state, beam);
            ReadOnlySpan<int> heads = parse.Heads;
            ReadOnlySpan<int> labels = parse.Labels;
            for (int i = 0; i < n; i++)
            {
                ref TokenData token = ref tokens[first + i];
                token.Head = heads[i] < 0 ? -1 : first + heads[i];
                int label = labels[i];
                if (relationIds[label] < 0)
                    relationIds[label] = strings.Intern(parser.LabelName(label));
                token.Dependency = relationIds[label];
            }
        }
    }
}
