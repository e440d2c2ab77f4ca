using System.Globalization;

namespace EntityGraph.Output;

/// <summary>
/// Writes a document as CoNLL-U: one block per sentence with ID, FORM, LEMMA, UPOS, XPOS, HEAD and DEPREL, so a parse
/// can be read or compared with UD tools. MISC carries what CoNLL-U has no column for: the token's character range in
/// the original text (<c>TokenRange=start:end</c>), <c>SpaceAfter=No</c>, and the entity tag in BIO form
/// (<c>NER=B-PER</c>).
/// </summary>
public static class ConllUWriter
{
    /// <summary>Writes the CoNLL-U text of <paramref name="document"/> to <paramref name="writer"/>.</summary>
    /// <param name="document">The annotated document; unset columns are written as <c>_</c>.</param>
    /// <param name="writer">Where to write; lines end with '\n'.</param>
    public static void Write(Document document, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(writer);
        string[] entityTags = EntityTags(document);
        writer.Write(string.Create(CultureInfo.InvariantCulture, $"# newdoc id = {Flatten(document.Id)}\n"));
        foreach (Span sentence in document.Sentences)
        {
            int first = sentence.FirstToken;
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"# sent_id = {sentence[0].SentenceIndex + 1}\n"));
            writer.Write("# text = ");
            writer.Write(Flatten(sentence.Text.ToString()));
            writer.Write('\n');
            for (int i = 0; i < sentence.Count; i++)
            {
                Token token = sentence[i];
                // Heads outside the sentence cannot be written in CoNLL-U; they only occur if a stage misbehaves.
                int head = token.Head < 0 ? 0 : token.Head - first + 1;
                if (head < 0 || head > sentence.Count)
                    head = 0;
                string misc = string.Create(CultureInfo.InvariantCulture, $"TokenRange={token.Start}:{token.End}");
                if (!token.SpaceAfter)
                    misc += "|SpaceAfter=No";
                if (entityTags[token.Index] is { } tag)
                    misc += "|NER=" + tag;
                bool parsed = token.Dependency is not null;
                writer.Write(string.Create(CultureInfo.InvariantCulture,
                    $"{i + 1}\t{Field(token.Text.ToString())}\t{Field(token.Lemma)}\t{Field(token.Upos)}\t{Field(token.Xpos)}\t_\t{(parsed ? head.ToString(CultureInfo.InvariantCulture) : "_")}\t{Field(token.Dependency)}\t_\t{misc}\n"));
            }
            writer.Write('\n');
        }
    }

    /// <summary>The CoNLL-U text of <paramref name="document"/>.</summary>
    /// <param name="document">The annotated document.</param>
    /// <returns>The text, one block per sentence.</returns>
    public static string ToConllU(Document document)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(document, writer);
        return writer.ToString();
    }

    private static string[] EntityTags(Document document)
    {
        var tags = new string[document.TokenCount];
        foreach (Mention m in document.Mentions)
        {
            for (int t = 0; t < m.TokenCount; t++)
                tags[m.FirstToken + t] = (t == 0 ? "B-" : "I-") + m.Label;
        }
        return tags;
    }

    // CoNLL-U fields cannot hold tabs or line breaks of any kind (line-based readers split at \v, \x1c, \x85 and
    // U+2028 too): each becomes one space, so the text keeps its length. An empty field is '_'.
    private static string Field(string? value) =>
        string.IsNullOrEmpty(value) ? "_" : BratWriter.Flatten(value);

    private static string Flatten(string value) => BratWriter.Flatten(value);
}
