namespace EntityGraph;

/// <summary>
/// The flat per-token record a <see cref="Document"/> stores (spaCy's TokenC). Labels and lemmas are ids into
/// the document's string store; -1 means "not assigned yet".
/// </summary>
internal struct TokenData
{
    public int Start;
    public int Length;
    public TokenKind Kind;
    public int Sentence;
    public int Upos;
    public int Xpos;
    public int Lemma;
    /// <summary>Index of the head token in the document, or -1 for a sentence root or no parse.</summary>
    public int Head;
    public int Dependency;

    public TokenData(int start, int length, TokenKind kind)
    {
        Start = start;
        Length = length;
        Kind = kind;
        Sentence = -1;
        Upos = Xpos = Lemma = Dependency = -1;
        Head = -1;
    }

    public readonly int End => Start + Length;
}

/// <summary>A sentence as a token range (first token, token count) in the document's token array.</summary>
internal readonly record struct SentenceData(int FirstToken, int TokenCount);
