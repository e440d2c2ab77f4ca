namespace EntityGraph.Evaluation;

/// <summary>
/// Tagging and attachment counts on gold tokenization: UPOS and XPOS accuracy, UAS (head right) and LAS (head and
/// full relation label right, subtypes such as nmod:poss included). Every word counts, punctuation included (as
/// the CoNLL 2018 shared task scores UD).
/// </summary>
internal struct SyntaxCounts
{
    public int Words;
    public int Upos;
    public int Xpos;
    public int Heads;
    public int Labeled;

    public readonly double UposAccuracy => Words == 0 ? 0 : (double)Upos / Words;
    public readonly double XposAccuracy => Words == 0 ? 0 : (double)Xpos / Words;
    public readonly double Uas => Words == 0 ? 0 : (double)Heads / Words;
    public readonly double Las => Words == 0 ? 0 : (double)Labeled / Words;
}

internal static class SyntaxScorer
{
    /// <summary>Adds one sentence whose words are the tokens [<paramref name="firstToken"/>, +gold word count) of <paramref name="document"/>.</summary>
    public static void Add(ConllUSentence gold, Document document, int firstToken, ref SyntaxCounts counts)
    {
        for (int i = 0; i < gold.Words.Count; i++)
        {
            ConllUWord w = gold.Words[i];
            Token t = document.Tokens[firstToken + i];
            counts.Words++;
            if (string.Equals(t.Upos, w.Upos, StringComparison.Ordinal))
                counts.Upos++;
            if (string.Equals(t.Xpos, w.Xpos, StringComparison.Ordinal))
                counts.Xpos++;
            int predictedHead = t.Head < 0 ? 0 : t.Head - firstToken + 1;
            if (predictedHead == w.Head)
            {
                counts.Heads++;
                if (string.Equals(t.Dependency, w.Deprel, StringComparison.Ordinal))
                    counts.Labeled++;
            }
        }
    }
}

/// <summary>
/// Our tokenizer against gold word boundaries: each sentence's <c># text</c> is tokenized alone and the token
/// spans are compared with the gold words' spans (exact start and end). Multiword tokens count as their words
/// (UD splits "don't" into do + n't, as our tokenizer does).
/// </summary>
internal static class TokenizationScorer
{
    /// <summary>Scores one sentence; false when the sentence has no text or its words do not line up with it.</summary>
    public static bool TryScore(ConllUSentence gold, out PrfScore score)
    {
        score = default;
        if (gold.AlignToText() is not { } starts)
            return false;
        var goldSpans = new HashSet<(int, int)>();
        for (int i = 0; i < starts.Length; i++)
            goldSpans.Add((starts[i], starts[i] + gold.Words[i].Form.Length));
        var document = new Document(gold.Text!);
        Text.Tokenizer.Tokenize(document);
        int tp = 0;
        ReadOnlySpan<TokenData> tokens = document.TokenData;
        foreach (ref readonly TokenData t in tokens)
        {
            if (goldSpans.Contains((t.Start, t.End)))
                tp++;
        }
        score = new PrfScore(tp, tokens.Length - tp, goldSpans.Count - tp);
        return true;
    }
}
