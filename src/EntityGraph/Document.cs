using System.Runtime.CompilerServices;
using EntityGraph.Internals;

namespace EntityGraph;

/// <summary>
/// One article: the original text and everything the pipeline found in it, as flat arrays that every
/// view (<see cref="Token"/>, <see cref="Span"/>, <see cref="Mention"/>) indexes into. Every annotation keeps
/// exact character offsets into <see cref="Text"/>, which is never changed.
/// </summary>
/// <remarks>A document is filled by one thread at a time; once the pipeline returns it, it is only read.</remarks>
public sealed class Document
{
    private TokenData[] _tokens;
    private int _tokenCount;
    private readonly List<SentenceData> _sentences = [];
    private readonly List<Mention> _mentions = [];
    private readonly List<Entity> _entities = [];
    private readonly List<Relation> _relations = [];
    private readonly List<string> _warnings = [];
    private StringStore? _strings;

    /// <summary>Creates a document over <paramref name="text"/>.</summary>
    /// <param name="text">The article text, exactly as received.</param>
    /// <param name="id">A name for the document (often the file name without extension).</param>
    public Document(string text, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
        Id = id ?? string.Empty;
        // News prose averages about five characters per token; one allocation covers most articles.
        _tokens = new TokenData[Math.Max(16, text.Length / 5)];
    }

    /// <summary>The original text. Every offset in the document points into it.</summary>
    public string Text { get; }

    /// <summary>The document's name, empty when none was given.</summary>
    public string Id { get; }

    /// <summary>
    /// The day the article was published, when its source gave one (JSON Lines input's <c>date</c>). The graph and the
    /// store date each mention and relation with it, so questions about time can be asked.
    /// </summary>
    public DateOnly? Date { get; init; }

    /// <summary>Where the article was published, when its source gave an address.</summary>
    public string? Url { get; init; }

    /// <summary>The article's headline, when its source gave one.</summary>
    public string? Title { get; init; }

    /// <summary>The layers that the stages that ran have filled.</summary>
    public Annotations Annotations { get; internal set; }

    /// <summary>The tokens, in text order.</summary>
    public TokenList Tokens => new(this);

    /// <summary>The sentences, in text order.</summary>
    public SentenceList Sentences => new(this);

    /// <summary>The named-entity mentions, in text order.</summary>
    public IReadOnlyList<Mention> Mentions => _mentions;

    /// <summary>The entities that the mentions resolve to.</summary>
    public IReadOnlyList<Entity> Entities => _entities;

    /// <summary>The relations asserted between entities.</summary>
    public IReadOnlyList<Relation> Relations => _relations;

    /// <summary>Problems with the input that did not stop processing (for example replaced invalid bytes).</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    internal int TokenCount => _tokenCount;

    internal StringStore Strings => _strings ??= new StringStore();

    /// <summary>The raw token record at <paramref name="index"/>, by reference so stages can set fields.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref TokenData TokenAt(int index)
    {
        if ((uint)index >= (uint)_tokenCount)
            ThrowHelper.ArgumentOutOfRange(nameof(index), "Token index is outside the document.");
        return ref _tokens[index];
    }

    internal ReadOnlySpan<TokenData> TokenData => _tokens.AsSpan(0, _tokenCount);

    internal Span<TokenData> MutableTokenData => _tokens.AsSpan(0, _tokenCount);

    internal SentenceData SentenceAt(int index) => _sentences[index];

    internal int SentenceCount => _sentences.Count;

    /// <summary>Appends a token; tokens must come in text order and not overlap.</summary>
    internal void AddToken(int start, int length, TokenKind kind)
    {
        if (_tokenCount == _tokens.Length)
            Array.Resize(ref _tokens, _tokens.Length * 2);
        _tokens[_tokenCount++] = new TokenData(start, length, kind);
    }

    internal void ClearTokens()
    {
        _tokenCount = 0;
        _sentences.Clear();
    }

    /// <summary>Appends a sentence of <paramref name="tokenCount"/> tokens starting at <paramref name="firstToken"/>.</summary>
    internal void AddSentence(int firstToken, int tokenCount)
    {
        int index = _sentences.Count;
        _sentences.Add(new SentenceData(firstToken, tokenCount));
        Span<TokenData> tokens = _tokens.AsSpan(firstToken, tokenCount);
        for (int i = 0; i < tokens.Length; i++)
            tokens[i].Sentence = index;
    }

    /// <summary>Adds a mention over the tokens [<paramref name="firstToken"/>, <paramref name="firstToken"/> + <paramref name="tokenCount"/>).</summary>
    /// <param name="firstToken">Index of the mention's first token.</param>
    /// <param name="tokenCount">Number of tokens in the mention (at least one).</param>
    /// <param name="label">The tag: PER, ORG, LOC or MISC.</param>
    /// <param name="source">What found it, for example <c>model</c> or <c>dictionary</c>.</param>
    /// <param name="confidence">The finder's confidence in [0, 1].</param>
    /// <returns>The new mention.</returns>
    public Mention AddMention(int firstToken, int tokenCount, string label, string source = "model", double confidence = 1.0)
    {
        ArgumentException.ThrowIfNullOrEmpty(label);
        if (tokenCount < 1 || firstToken < 0 || firstToken + tokenCount > _tokenCount)
            ThrowHelper.ArgumentOutOfRange(nameof(firstToken), "The mention's tokens are outside the document.");
        int start = _tokens[firstToken].Start;
        int end = _tokens[firstToken + tokenCount - 1].End;
        var mention = new Mention(this, _mentions.Count, start, end, firstToken, tokenCount, label, source, confidence);
        _mentions.Add(mention);
        return mention;
    }

    /// <summary>Sorts mentions by text order and renumbers them; stages call it after adding out of order.</summary>
    internal void SortMentions()
    {
        _mentions.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        for (int i = 0; i < _mentions.Count; i++)
            _mentions[i].Index = i;
    }

    internal void RemoveMentions(Predicate<Mention> match)
    {
        _mentions.RemoveAll(match);
        for (int i = 0; i < _mentions.Count; i++)
            _mentions[i].Index = i;
    }

    internal Entity AddEntity(string id, string canonicalName, string type)
    {
        var entity = new Entity(_entities.Count, id, canonicalName, type);
        _entities.Add(entity);
        return entity;
    }

    internal void AddRelation(Relation relation) => _relations.Add(relation);

    /// <summary>Records a problem with the input that did not stop processing.</summary>
    public void AddWarning(string message) => _warnings.Add(message);

    /// <summary>Index of the sentence that holds the character at <paramref name="offset"/>, or -1.</summary>
    public int SentenceIndexAt(int offset)
    {
        int token = TokenIndexAt(offset);
        return token < 0 ? -1 : _tokens[token].Sentence;
    }

    /// <summary>Index of the token that covers the character at <paramref name="offset"/>, or -1 when none does.</summary>
    public int TokenIndexAt(int offset)
    {
        int lo = 0, hi = _tokenCount - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            ref TokenData t = ref _tokens[mid];
            if (offset < t.Start)
                hi = mid - 1;
            else if (offset >= t.End)
                lo = mid + 1;
            else
                return mid;
        }
        return -1;
    }

    /// <inheritdoc />
    public override string ToString() => $"Document '{Id}' ({Text.Length} chars, {_tokenCount} tokens, {_sentences.Count} sentences)";
}
