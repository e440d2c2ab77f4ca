namespace EntityGraph.Relations;

/// <summary>
/// One parsed sentence seen from the relation extractor: sentence-relative heads, labels, lemmas and a child index,
/// built once per sentence from the document's flat token arrays.
/// </summary>
internal sealed class ParsedSentence
{
    private readonly Document _document;
    private readonly int[] _heads;
    private readonly string[] _labels;
    private readonly string[] _lemmas;
    private readonly string[] _upos;
    private readonly int[] _childStart;
    private readonly int[] _children;

    public ParsedSentence(Document document, int sentenceIndex)
    {
        _document = document;
        Index = sentenceIndex;
        Span span = document.Sentences[sentenceIndex];
        First = span.FirstToken;
        int n = span.Count;
        _heads = new int[n];
        _labels = new string[n];
        _lemmas = new string[n];
        _upos = new string[n];
        var counts = new int[n + 1];
        for (int i = 0; i < n; i++)
        {
            ref TokenData t = ref document.TokenAt(First + i);
            int head = t.Head < 0 ? -1 : t.Head - First;
            _heads[i] = (uint)head < (uint)n ? head : -1;
            _labels[i] = document.Strings.Get(t.Dependency) ?? string.Empty;
            _lemmas[i] = document.Strings.Get(t.Lemma) ?? document.Text.Substring(t.Start, t.Length).ToLowerInvariant();
            _upos[i] = document.Strings.Get(t.Upos) ?? string.Empty;
            if (_heads[i] >= 0)
                counts[_heads[i]]++;
        }
        _childStart = new int[n + 1];
        for (int i = 0; i < n; i++)
            _childStart[i + 1] = _childStart[i] + counts[i];
        _children = new int[_childStart[n]];
        var fill = new int[n];
        for (int i = 0; i < n; i++)
        {
            int head = _heads[i];
            if (head >= 0)
                _children[_childStart[head] + fill[head]++] = i;
        }
    }

    public Document Document => _document;

    /// <summary>The sentence's index in the document.</summary>
    public int Index { get; }

    /// <summary>Document index of the sentence's first token.</summary>
    public int First { get; }

    public int Count => _heads.Length;

    public int Head(int token) => _heads[token];

    public string Label(int token) => _labels[token];

    public string Lemma(int token) => _lemmas[token];

    public string Upos(int token) => _upos[token];

    public ReadOnlySpan<char> Text(int token)
    {
        ref TokenData t = ref _document.TokenAt(First + token);
        return _document.Text.AsSpan(t.Start, t.Length);
    }

    public ReadOnlySpan<int> Children(int token) => _children.AsSpan(_childStart[token], _childStart[token + 1] - _childStart[token]);

    /// <summary>Whether <paramref name="ancestor"/> dominates <paramref name="token"/> (or is it).</summary>
    public bool Dominates(int ancestor, int token)
    {
        for (int guard = 0; token >= 0 && guard <= Count; guard++)
        {
            if (token == ancestor)
                return true;
            token = _heads[token];
        }
        return false;
    }
}

/// <summary>
/// The document's <see cref="ParsedSentence"/>s, each built on first use: the patterns' pass and the scorer's candidates
/// read the same sentences, so each is built once per document rather than once per pass.
/// </summary>
internal sealed class SentenceCache(Document document)
{
    private readonly ParsedSentence?[] _sentences = new ParsedSentence?[document.SentenceCount];

    public ParsedSentence Get(int index) => _sentences[index] ??= new ParsedSentence(document, index);
}
