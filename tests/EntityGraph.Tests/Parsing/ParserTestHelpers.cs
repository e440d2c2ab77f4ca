using EntityGraph.Parsing;

namespace EntityGraph.Tests.Parsing;

/// <summary>Builds tagged documents by hand (the tagger is a separate stage) and reads arcs back.</summary>
internal static class ParserTestHelpers
{
    private static readonly Pipeline Splitter = new PipelineBuilder().UseTokenizer().UseSentenceSplitter().Build();

    /// <summary>
    /// Tokenizes and splits <paramref name="text"/>, then sets each token's tags from <paramref name="tags"/>
    /// ("UPOS/XPOS" per token, space-separated), as the tagger would.
    /// </summary>
    public static Document Tagged(string text, string tags)
    {
        Document document = Splitter.Process(text);
        string[] pairs = tags.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(pairs.Length == document.TokenCount,
            $"{pairs.Length} tags for {document.TokenCount} tokens: {string.Join(" | ", document.Tokens.Select(t => t.ToString()))}");
        for (int i = 0; i < pairs.Length; i++)
        {
            string[] parts = pairs[i].Split('/');
            ref TokenData token = ref document.TokenAt(i);
            token.Upos = document.Strings.Intern(parts[0]);
            token.Xpos = document.Strings.Intern(parts[1]);
        }
        document.Annotations |= Annotations.PartOfSpeech;
        return document;
    }

    public static Document Parse(string text, string tags)
    {
        Document document = Tagged(text, tags);
        new DependencyParserStage().Process(document, CancellationToken.None);
        return document;
    }

    public static Token Find(Document document, string word)
    {
        foreach (Token token in document.Tokens)
        {
            if (token.Text.SequenceEqual(word))
                return token;
        }
        throw new InvalidOperationException($"No token '{word}'.");
    }

    /// <summary>The parse as "word -rel-> head" lines, for failure messages.</summary>
    public static string Describe(Document document) =>
        string.Join(Environment.NewLine, document.Tokens.Select(t =>
            $"{t} -{t.Dependency}-> {(t.Head < 0 ? "ROOT" : document.Tokens[t.Head].ToString())}"));

    public static void AssertArc(Document document, string dependent, string relation, params string[] heads)
    {
        Token token = Find(document, dependent);
        string head = token.Head < 0 ? "ROOT" : document.Tokens[token.Head].ToString();
        Assert.True(heads.Contains(head) && token.Dependency == relation,
            $"expected {dependent} -{relation}-> {string.Join(" or ", heads)}; parse:{Environment.NewLine}{Describe(document)}");
    }
}
