namespace EntityGraph.Evaluation;

/// <summary>
/// Chunk-level scores computed exactly as <c>conlleval</c> (CoNLL-2000/2003, version 2004-01-26) computes them, so
/// that our numbers compare with published ones. The same rules read IOB1 (I- starts a chunk after O or another
/// type), IOB2 (B- starts every chunk) and IOBE tags; a tag is split at its first hyphen into prefix and type, and
/// a tag without a hyphen (O) has the empty type. Feed tokens with <see cref="Add"/> and end each sentence with
/// <see cref="EndSentence"/>, then read <see cref="Result"/>.
/// </summary>
/// <remarks>
/// conlleval counts a <c>-DOCSTART-</c> line as a token (only its token accuracy notices); here documents are
/// split before scoring, so the token accuracy can differ from conlleval's by those lines. Chunk counts, and so
/// precision, recall and F1, are identical.
/// </remarks>
internal sealed class ConllEval
{
    private readonly Dictionary<string, int> _correctChunks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _foundCorrect = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _foundGuessed = new(StringComparer.Ordinal);
    private int _correctChunk, _foundCorrectTotal, _foundGuessedTotal, _correctTags, _tokens;
    private bool _inCorrect;
    private string _lastCorrect = "O", _lastCorrectType = string.Empty, _lastGuessed = "O", _lastGuessedType = string.Empty;

    /// <summary>Adds one token's gold and guessed tag.</summary>
    public void Add(string gold, string guessed)
    {
        (string correct, string correctType) = Split(gold);
        (string guess, string guessType) = Split(guessed);
        Step(correct, correctType, guess, guessType, boundary: false);
    }

    /// <summary>Adds a sentence.</summary>
    public void AddSentence(IReadOnlyList<string> gold, IReadOnlyList<string> guessed)
    {
        if (gold.Count != guessed.Count)
            throw new ArgumentException($"The sentence has {gold.Count} gold tags but {guessed.Count} guessed tags.", nameof(guessed));
        for (int i = 0; i < gold.Count; i++)
            Add(gold[i], guessed[i]);
        EndSentence();
    }

    /// <summary>A sentence break: conlleval's empty line, which closes every chunk.</summary>
    public void EndSentence() => Step("O", string.Empty, "O", string.Empty, boundary: true);

    /// <summary>The scores so far (including a chunk still open at the end).</summary>
    public ConllEvalResult Result
    {
        get
        {
            int correct = _correctChunk;
            var correctByType = new Dictionary<string, int>(_correctChunks, StringComparer.Ordinal);
            if (_inCorrect)
            {
                correct++;
                correctByType[_lastCorrectType] = correctByType.GetValueOrDefault(_lastCorrectType) + 1;
            }
            var byType = new SortedDictionary<string, PrfScore>(StringComparer.Ordinal);
            foreach (string type in _foundCorrect.Keys.Concat(_foundGuessed.Keys))
            {
                if (byType.ContainsKey(type))
                    continue;
                int c = correctByType.GetValueOrDefault(type);
                byType.Add(type, new PrfScore(c, _foundGuessed.GetValueOrDefault(type) - c, _foundCorrect.GetValueOrDefault(type) - c));
            }
            return new ConllEvalResult(new PrfScore(correct, _foundGuessedTotal - correct, _foundCorrectTotal - correct), byType, _tokens, _correctTags);
        }
    }

    private void Step(string correct, string correctType, string guessed, string guessedType, bool boundary)
    {
        if (_inCorrect)
        {
            bool correctEnds = EndOfChunk(_lastCorrect, correct, _lastCorrectType, correctType);
            bool guessedEnds = EndOfChunk(_lastGuessed, guessed, _lastGuessedType, guessedType);
            if (correctEnds && guessedEnds && _lastGuessedType == _lastCorrectType)
            {
                _inCorrect = false;
                _correctChunk++;
                _correctChunks[_lastCorrectType] = _correctChunks.GetValueOrDefault(_lastCorrectType) + 1;
            }
            else if (correctEnds != guessedEnds || guessedType != correctType)
            {
                _inCorrect = false;
            }
        }
        bool correctStarts = StartOfChunk(_lastCorrect, correct, _lastCorrectType, correctType);
        bool guessedStarts = StartOfChunk(_lastGuessed, guessed, _lastGuessedType, guessedType);
        if (correctStarts && guessedStarts && guessedType == correctType)
            _inCorrect = true;
        if (correctStarts)
        {
            _foundCorrectTotal++;
            _foundCorrect[correctType] = _foundCorrect.GetValueOrDefault(correctType) + 1;
        }
        if (guessedStarts)
        {
            _foundGuessedTotal++;
            _foundGuessed[guessedType] = _foundGuessed.GetValueOrDefault(guessedType) + 1;
        }
        if (!boundary)
        {
            if (correct == guessed && guessedType == correctType)
                _correctTags++;
            _tokens++;
        }
        _lastGuessed = guessed;
        _lastCorrect = correct;
        _lastGuessedType = guessedType;
        _lastCorrectType = correctType;
    }

    /// <summary>conlleval's split: prefix before the first hyphen, type after it; no hyphen means no type.</summary>
    internal static (string Prefix, string Type) Split(string tag)
    {
        int hyphen = tag.IndexOf('-', StringComparison.Ordinal);
        return hyphen < 0 ? (tag, string.Empty) : (tag[..hyphen], tag[(hyphen + 1)..]);
    }

    internal static bool EndOfChunk(string prevTag, string tag, string prevType, string type)
    {
        bool end = (prevTag, tag) is ("B", "B") or ("B", "O") or ("I", "B") or ("I", "O") or ("E", "E") or ("E", "I") or ("E", "O");
        if (prevTag != "O" && prevTag != "." && prevType != type)
            end = true;
        if (prevTag is "]" or "[")
            end = true;
        return end;
    }

    internal static bool StartOfChunk(string prevTag, string tag, string prevType, string type)
    {
        bool start = (prevTag, tag) is ("B", "B") or ("I", "B") or ("O", "B") or ("O", "I") or ("E", "E") or ("E", "I") or ("O", "E");
        if (tag != "O" && tag != "." && prevType != type)
            start = true;
        if (tag is "[" or "]")
            start = true;
        return start;
    }

    /// <summary>The chunks of one tag sequence as conlleval sees them: (first token, token count, type).</summary>
    public static List<(int First, int Count, string Type)> Chunks(IReadOnlyList<string> tags)
    {
        var chunks = new List<(int, int, string)>();
        string lastTag = "O", lastType = string.Empty;
        int open = -1;
        string openType = string.Empty;
        for (int i = 0; i <= tags.Count; i++)
        {
            (string tag, string type) = i < tags.Count ? Split(tags[i]) : ("O", string.Empty);
            if (open >= 0 && EndOfChunk(lastTag, tag, lastType, type))
            {
                chunks.Add((open, i - open, openType));
                open = -1;
            }
            if (i < tags.Count && StartOfChunk(lastTag, tag, lastType, type))
            {
                // Odd tags (such as '[') can start a chunk without ending the open one; close it so chunks never nest.
                if (open >= 0)
                    chunks.Add((open, i - open, openType));
                open = i;
                openType = type;
            }
            lastTag = tag;
            lastType = type;
        }
        return chunks;
    }
}

/// <summary>conlleval's numbers: chunk counts overall and per type, and token tag accuracy.</summary>
/// <param name="Overall">Chunks: true positives = correct chunks, false positives = guessed minus correct, false negatives = gold minus correct.</param>
/// <param name="ByType">The same per chunk type, ordered by type.</param>
/// <param name="Tokens">Tokens scored (sentence breaks excluded).</param>
/// <param name="CorrectTags">Tokens whose guessed tag equals the gold tag.</param>
internal sealed record ConllEvalResult(PrfScore Overall, IReadOnlyDictionary<string, PrfScore> ByType, int Tokens, int CorrectTags)
{
    public double Accuracy => Tokens == 0 ? 0 : (double)CorrectTags / Tokens;
}
