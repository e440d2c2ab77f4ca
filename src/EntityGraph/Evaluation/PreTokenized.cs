using EntityGraph.Internals;

namespace EntityGraph.Evaluation;

/// <summary>
/// Documents built from gold tokenization (CoNLL, CoNLL-U), so that later stages (tagger, parser, NER) are
/// scored on the gold tokens, as published results are. The text is the tokens joined by single spaces, with a
/// line break between sentences; token offsets are exact and token i of the input is token i of the document.
/// </summary>
internal static class PreTokenized
{
    public static Document Create(IReadOnlyList<IReadOnlyList<string>> sentences, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        int length = 0;
        foreach (IReadOnlyList<string> sentence in sentences)
        {
            foreach (string token in sentence)
                length += token.Length + 1;
        }
        var text = new System.Text.StringBuilder(length);
        var spans = new List<(int Start, int Length)>();
        var sentenceSizes = new List<int>(sentences.Count);
        foreach (IReadOnlyList<string> sentence in sentences)
        {
            if (sentence.Count == 0)
                continue;
            if (text.Length > 0)
                text.Append('\n');
            for (int i = 0; i < sentence.Count; i++)
            {
                string token = sentence[i];
                if (token.Length == 0 || token.AsSpan().ContainsAny(" \t\r\n"))
                    ThrowHelper.Argument(nameof(sentences), $"Token '{token}' is empty or holds whitespace, so it cannot be written back as one token.");
                if (i > 0)
                    text.Append(' ');
                spans.Add((text.Length, token.Length));
                text.Append(token);
            }
            sentenceSizes.Add(sentence.Count);
        }
        var document = new Document(text.ToString(), id);
        foreach ((int start, int tokenLength) in spans)
            document.AddToken(start, tokenLength, KindOf(document.Text.AsSpan(start, tokenLength)));
        int first = 0;
        foreach (int size in sentenceSizes)
        {
            document.AddSentence(first, size);
            first += size;
        }
        document.Annotations = Annotations.Tokens | Annotations.Sentences;
        return document;
    }

    /// <summary>Runs the stages of <paramref name="pipeline"/> that come after tokenization and sentence splitting.</summary>
    public static Document Process(Pipeline pipeline, Document document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(document);
        foreach (PipelineStage stage in pipeline.Stages)
        {
            // The tokenizer would clear the gold tokens; the splitter would redo the gold sentences.
            if ((stage.Assigns & (Annotations.Tokens | Annotations.Sentences)) != 0)
                continue;
            cancellationToken.ThrowIfCancellationRequested();
            stage.Process(document, cancellationToken);
            document.Annotations |= stage.Assigns;
        }
        return document;
    }

    /// <summary>Whether <paramref name="pipeline"/> has a stage, other than tokenizing, that assigns <paramref name="layer"/>.</summary>
    public static bool Assigns(Pipeline pipeline, Annotations layer) => (pipeline.Assigns & layer) == layer;

    /// <summary>IOB2 tags of the document's mentions, one per token (every mention starts with B-).</summary>
    public static string[] MentionTags(Document document)
    {
        var tags = new string[document.TokenCount];
        Array.Fill(tags, "O");
        foreach (Mention m in document.Mentions)
        {
            for (int i = 0; i < m.TokenCount; i++)
                tags[m.FirstToken + i] = (i == 0 ? "B-" : "I-") + m.Label;
        }
        return tags;
    }

    private static TokenKind KindOf(ReadOnlySpan<char> token)
    {
        bool letters = false, digits = false;
        foreach (char c in token)
        {
            if (char.IsLetter(c))
                letters = true;
            else if (char.IsDigit(c))
                digits = true;
        }
        if (letters)
            return TokenKind.Word;
        if (digits)
            return TokenKind.Number;
        return char.IsPunctuation(token[0]) ? TokenKind.Punctuation : TokenKind.Symbol;
    }
}
