using EntityGraph.Text;

namespace EntityGraph.Tests;

/// <summary>Shared assertions and paths.</summary>
internal static class TestHelpers
{
    /// <summary>The repository root (the folder holding EntityGraph.sln).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string SeedCorpus => Path.Combine(RepoRoot, "benchmarks", "corpus", "seeds");

    private static string FindRepoRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "EntityGraph.sln")))
            dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("EntityGraph.sln not found above " + AppContext.BaseDirectory);
    }

    public static Document Tokenize(string text)
    {
        var document = new Document(text);
        Tokenizer.Tokenize(document);
        return document;
    }

    /// <summary>
    /// Lucene's assertTokenStreamContents for our tokenizer: the token texts, optionally their offsets, and the
    /// invariants every tokenization must keep (slices of the input, only whitespace between them).
    /// </summary>
    public static void AssertTokens(string text, string[] tokens, int[]? starts = null, int[]? ends = null)
    {
        Document document = Tokenize(text);
        AssertInvariants(document);
        string[] actual = document.Tokens.Select(t => t.ToString()).ToArray();
        Assert.Equal(tokens, actual);
        if (starts is not null)
            Assert.Equal(starts, document.Tokens.Select(t => t.Start).ToArray());
        if (ends is not null)
            Assert.Equal(ends, document.Tokens.Select(t => t.End).ToArray());
    }

    /// <summary>Offsets in bounds and increasing, tokens non-empty, and nothing but whitespace between tokens.</summary>
    public static void AssertInvariants(Document document)
    {
        string text = document.Text;
        int previousEnd = 0;
        foreach (Token token in document.Tokens)
        {
            Assert.True(token.Start >= previousEnd, $"token {token.Index} starts at {token.Start} before the previous end {previousEnd}");
            Assert.True(token.Length > 0, $"token {token.Index} is empty");
            Assert.True(token.End <= text.Length, $"token {token.Index} ends past the text");
            for (int i = previousEnd; i < token.Start; i++)
                Assert.True(char.IsWhiteSpace(text[i]), $"non-whitespace U+{(int)text[i]:X4} at {i} lies between tokens");
            previousEnd = token.End;
        }
        for (int i = previousEnd; i < text.Length; i++)
            Assert.True(char.IsWhiteSpace(text[i]), $"non-whitespace U+{(int)text[i]:X4} at {i} after the last token");
    }

    /// <summary>Sentences cover every token once, in order.</summary>
    public static void AssertSentenceInvariants(Document document)
    {
        int next = 0;
        foreach (Span sentence in document.Sentences)
        {
            Assert.Equal(next, sentence.FirstToken);
            Assert.True(sentence.Count > 0);
            foreach (Token token in sentence)
                Assert.Equal(sentence.FirstToken, document.Sentences[token.SentenceIndex].FirstToken);
            next = sentence.EndToken;
        }
        Assert.Equal(document.Tokens.Count, next);
    }

    public static string[] Sentences(string text)
    {
        Document document = Pipeline.CreateDefault().Process(text);
        AssertSentenceInvariants(document);
        return document.Sentences.Select(s => s.ToString()).ToArray();
    }
}
