using System.Collections;

namespace EntityGraph;

/// <summary>A view of one token of a <see cref="Document"/>: offsets, text and the labels stages assigned.</summary>
public readonly struct Token : IEquatable<Token>
{
    private readonly Document _document;

    internal Token(Document document, int index)
    {
        _document = document;
        Index = index;
    }

    /// <summary>The token's index in the document.</summary>
    public int Index { get; }

    /// <summary>The document the token belongs to.</summary>
    public Document Document => _document;

    private ref TokenData Data => ref _document.TokenAt(Index);

    /// <summary>Offset of the first character, in UTF-16 code units of <see cref="Document.Text"/>.</summary>
    public int Start => Data.Start;

    /// <summary>Offset just past the last character.</summary>
    public int End => Data.End;

    /// <summary>Number of characters.</summary>
    public int Length => Data.Length;

    /// <summary>What kind of characters the token holds.</summary>
    public TokenKind Kind => Data.Kind;

    /// <summary>The token's characters, without allocating.</summary>
    public ReadOnlySpan<char> Text => _document.Text.AsSpan(Data.Start, Data.Length);

    /// <summary>Index of the sentence that holds the token, or -1 before sentence splitting.</summary>
    public int SentenceIndex => Data.Sentence;

    /// <summary>Universal part-of-speech tag (NOUN, PROPN, VERB...), or null when not tagged.</summary>
    public string? Upos => _document.Strings.Get(Data.Upos);

    /// <summary>English Penn Treebank tag (NN, NNP, VBD...), or null when not tagged.</summary>
    public string? Xpos => _document.Strings.Get(Data.Xpos);

    /// <summary>The lemma (capture for captured), or null when not lemmatized.</summary>
    public string? Lemma => _document.Strings.Get(Data.Lemma);

    /// <summary>Index of the syntactic head token, or -1 for the root of a sentence or when not parsed.</summary>
    public int Head => Data.Head;

    /// <summary>Universal Dependencies relation to the head (nsubj, obj...), or null when not parsed.</summary>
    public string? Dependency => _document.Strings.Get(Data.Dependency);

    /// <summary>Whether whitespace follows the token in the text.</summary>
    public bool SpaceAfter
    {
        get
        {
            int end = Data.End;
            return end < _document.Text.Length && char.IsWhiteSpace(_document.Text[end]);
        }
    }

    /// <summary>The token's text as a new string.</summary>
    public override string ToString() => _document is null ? string.Empty : Text.ToString();

    /// <inheritdoc />
    public bool Equals(Token other) => ReferenceEquals(_document, other._document) && Index == other.Index;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Token other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_document, Index);

    /// <summary>Same document and index.</summary>
    public static bool operator ==(Token left, Token right) => left.Equals(right);

    /// <summary>Different document or index.</summary>
    public static bool operator !=(Token left, Token right) => !left.Equals(right);
}

/// <summary>The tokens of a document, without copying.</summary>
public readonly struct TokenList : IReadOnlyList<Token>
{
    private readonly Document _document;

    internal TokenList(Document document) => _document = document;

    /// <inheritdoc />
    public int Count => _document.TokenCount;

    /// <inheritdoc />
    public Token this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(index));
            return new Token(_document, index);
        }
    }

    /// <summary>Enumerates the tokens without allocating.</summary>
    public Enumerator GetEnumerator() => new(_document, 0, Count);

    IEnumerator<Token> IEnumerable<Token>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Enumerator over a token range.</summary>
    public struct Enumerator : IEnumerator<Token>
    {
        private readonly Document _document;
        private readonly int _end;
        private int _index;

        internal Enumerator(Document document, int start, int count)
        {
            _document = document;
            _index = start - 1;
            _end = start + count;
        }

        /// <inheritdoc />
        public readonly Token Current => new(_document, _index);

        readonly object IEnumerator.Current => Current;

        /// <inheritdoc />
        public bool MoveNext() => ++_index < _end;

        /// <inheritdoc />
        public readonly void Reset() => throw new NotSupportedException();

        /// <inheritdoc />
        public readonly void Dispose()
        {
        }
    }
}
