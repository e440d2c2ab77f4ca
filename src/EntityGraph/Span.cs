using System.Collections;

namespace EntityGraph;

/// <summary>A run of consecutive tokens of a <see cref="Document"/>, such as a sentence.</summary>
public readonly struct Span : IReadOnlyList<Token>, IEquatable<Span>
{
    private readonly Document _document;

    internal Span(Document document, int firstToken, int tokenCount)
    {
        _document = document;
        FirstToken = firstToken;
        Count = tokenCount;
    }

    /// <summary>Index of the first token.</summary>
    public int FirstToken { get; }

    /// <summary>Number of tokens.</summary>
    public int Count { get; }

    /// <summary>Index just past the last token.</summary>
    public int EndToken => FirstToken + Count;

    /// <summary>Offset of the first character.</summary>
    public int Start => Count == 0 ? 0 : _document.TokenAt(FirstToken).Start;

    /// <summary>Offset just past the last character.</summary>
    public int End => Count == 0 ? 0 : _document.TokenAt(FirstToken + Count - 1).End;

    /// <summary>The covered characters of the original text, including inner whitespace.</summary>
    public ReadOnlySpan<char> Text => _document.Text.AsSpan(Start, End - Start);

    /// <summary>The token at <paramref name="index"/> within the span.</summary>
    public Token this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(index));
            return new Token(_document, FirstToken + index);
        }
    }

    /// <summary>Enumerates the tokens without allocating.</summary>
    public TokenList.Enumerator GetEnumerator() => new(_document, FirstToken, Count);

    IEnumerator<Token> IEnumerable<Token>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The covered text as a new string.</summary>
    public override string ToString() => _document is null ? string.Empty : Text.ToString();

    /// <inheritdoc />
    public bool Equals(Span other) => ReferenceEquals(_document, other._document) && FirstToken == other.FirstToken && Count == other.Count;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Span other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_document, FirstToken, Count);

    /// <summary>Same document and token range.</summary>
    public static bool operator ==(Span left, Span right) => left.Equals(right);

    /// <summary>Different document or token range.</summary>
    public static bool operator !=(Span left, Span right) => !left.Equals(right);
}

/// <summary>The sentences of a document, as token spans.</summary>
public readonly struct SentenceList : IReadOnlyList<Span>
{
    private readonly Document _document;

    internal SentenceList(Document document) => _document = document;

    /// <inheritdoc />
    public int Count => _document.SentenceCount;

    /// <inheritdoc />
    public Span this[int index]
    {
        get
        {
            SentenceData s = _document.SentenceAt(index);
            return new Span(_document, s.FirstToken, s.TokenCount);
        }
    }

    /// <inheritdoc />
    public IEnumerator<Span> GetEnumerator()
    {
        for (int i = 0; i < Count; i++)
            yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
