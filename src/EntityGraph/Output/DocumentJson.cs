using System.Text.Encodings.Web;
using System.Text.Json;

namespace EntityGraph.Output;

/// <summary>What <see cref="DocumentJson"/> writes.</summary>
public sealed record DocumentJsonOptions
{
    /// <summary>Whether to write every token (offsets, kind, tags, lemma, head). Off by default: tokens dominate the size.</summary>
    public bool IncludeTokens { get; init; }

    /// <summary>Whether to indent. Off gives one line per document (JSON Lines).</summary>
    public bool Indented { get; init; } = true;

    /// <summary>
    /// Leave out relations whose <see cref="Relation.Confidence"/> is below this value (0 to 1; default 0 keeps every
    /// relation).
    /// </summary>
    public double MinRelationConfidence { get; init; }
}

/// <summary>
/// Writes a <see cref="Document"/> as JSON (schema <c>entitygraph/document@1</c>, documented in the README): sentences,
/// mentions, entities and relations, each with character offsets into the original text, and optionally tokens.
/// </summary>
public static class DocumentJson
{
    /// <summary>The schema name written in every document.</summary>
    public const string Schema = "entitygraph/document@1";

    // The relaxed encoder keeps quotes and non-ASCII letters readable; the output is not embedded in HTML.
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions Compact = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes <paramref name="document"/> to <paramref name="stream"/> as UTF-8 JSON.</summary>
    /// <param name="document">The annotated document.</param>
    /// <param name="stream">Where to write.</param>
    /// <param name="options">What to include; defaults to indented, without tokens.</param>
    public static void Write(Document document, Stream stream, DocumentJsonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(stream);
        options ??= new DocumentJsonOptions();
        using var writer = new Utf8JsonWriter(stream, options.Indented ? Indented : Compact);
        Write(document, writer, options);
    }

    /// <summary>Returns <paramref name="document"/> as a JSON string.</summary>
    /// <param name="document">The annotated document.</param>
    /// <param name="options">What to include; defaults to indented, without tokens.</param>
    /// <returns>The JSON text.</returns>
    public static string ToJson(Document document, DocumentJsonOptions? options = null)
    {
        using var buffer = new MemoryStream();
        Write(document, buffer, options);
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Writes <paramref name="document"/> as one JSON object to <paramref name="writer"/>.</summary>
    /// <param name="document">The annotated document.</param>
    /// <param name="writer">An open JSON writer.</param>
    /// <param name="options">What to include.</param>
    public static void Write(Document document, Utf8JsonWriter writer, DocumentJsonOptions options)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(options);
        string text = document.Text;
        writer.WriteStartObject();
        writer.WriteString("schema", Schema);
        writer.WriteString("id", document.Id);
        // Written only when the source gave them, so documents from plain text files keep their exact shape.
        if (document.Date is { } date)
            writer.WriteString("date", date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        if (document.Url is not null)
            writer.WriteString("url", document.Url);
        if (document.Title is not null)
            writer.WriteString("title", document.Title);
        writer.WriteNumber("textLength", text.Length);
        writer.WriteStartArray("annotations");
        foreach (Annotations layer in Enum.GetValues<Annotations>())
        {
            if (layer != Annotations.None && document.Annotations.HasFlag(layer))
                writer.WriteStringValue(JsonNamingPolicy.CamelCase.ConvertName(layer.ToString()));
        }
        writer.WriteEndArray();
        writer.WriteStartArray("warnings");
        foreach (string warning in document.Warnings)
            writer.WriteStringValue(warning);
        writer.WriteEndArray();

        writer.WriteStartArray("sentences");
        SentenceList sentences = document.Sentences;
        for (int i = 0; i < sentences.Count; i++)
        {
            Span s = sentences[i];
            writer.WriteStartObject();
            writer.WriteNumber("index", i);
            writer.WriteNumber("start", s.Start);
            writer.WriteNumber("end", s.End);
            writer.WriteNumber("firstToken", s.FirstToken);
            writer.WriteNumber("tokenCount", s.Count);
            writer.WriteString("text", s.Text);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();

        if (options.IncludeTokens)
            WriteTokens(document, writer);

        writer.WriteStartArray("mentions");
        foreach (Mention m in document.Mentions)
        {
            writer.WriteStartObject();
            writer.WriteNumber("index", m.Index);
            writer.WriteNumber("start", m.Start);
            writer.WriteNumber("end", m.End);
            writer.WriteString("text", m.TextSpan);
            writer.WriteString("label", m.Label);
            writer.WriteNumber("firstToken", m.FirstToken);
            writer.WriteNumber("tokenCount", m.TokenCount);
            writer.WriteNumber("sentence", document.TokenAt(m.FirstToken).Sentence);
            if (m.EntityIndex >= 0)
                writer.WriteNumber("entity", m.EntityIndex);
            else
                writer.WriteNull("entity");
            writer.WriteString("source", m.Source);
            writer.WriteNumber("confidence", Math.Round(m.Confidence, 4));
            if (m.LinkReason is not null)
            {
                writer.WriteString("linkReason", m.LinkReason);
                writer.WriteNumber("linkScore", Math.Round(m.LinkScore, 4));
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();

        writer.WriteStartArray("entities");
        foreach (Entity e in document.Entities)
        {
            writer.WriteStartObject();
            writer.WriteNumber("index", e.Index);
            writer.WriteString("id", e.Id);
            writer.WriteString("name", e.CanonicalName);
            writer.WriteString("type", e.Type);
            writer.WriteStartArray("mentions");
            foreach (int mention in e.MentionIndices)
                writer.WriteNumberValue(mention);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();

        writer.WriteStartArray("relations");
        foreach (Relation r in document.Relations)
        {
            double confidence = r.Confidence;
            if (confidence < options.MinRelationConfidence)
                continue;
            writer.WriteStartObject();
            writer.WriteString("type", r.Type);
            writer.WriteNumber("subject", r.SubjectEntity);
            writer.WriteNumber("object", r.ObjectEntity);
            writer.WriteString("subjectId", document.Entities[r.SubjectEntity].Id);
            writer.WriteString("objectId", document.Entities[r.ObjectEntity].Id);
            writer.WriteBoolean("symmetric", r.Symmetric);
            writer.WriteBoolean("asserted", r.IsAsserted);
            writer.WriteNumber("confidence", Math.Round(confidence, 4));
            writer.WriteStartArray("evidence");
            foreach (RelationEvidence ev in r.Evidence)
                WriteEvidence(writer, text, sentences, ev);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
    }

    /// <summary>
    /// One piece of evidence, with everything a reader needs to check it against the text: the sentence and its span,
    /// the trigger's span and text (null when the pattern has no trigger word), the argument mentions, the pattern,
    /// the modality (null when asserted) and the confidence. The <c>trigger</c> object of earlier output is kept.
    /// </summary>
    private static void WriteEvidence(Utf8JsonWriter writer, string text, SentenceList sentences, RelationEvidence ev)
    {
        writer.WriteStartObject();
        writer.WriteNumber("sentence", ev.SentenceIndex);
        if (ev.SentenceIndex >= 0 && ev.SentenceIndex < sentences.Count)
        {
            Span sentence = sentences[ev.SentenceIndex];
            writer.WriteNumber("sentenceStart", sentence.Start);
            writer.WriteNumber("sentenceEnd", sentence.End);
        }
        else
        {
            writer.WriteNull("sentenceStart");
            writer.WriteNull("sentenceEnd");
        }
        bool trigger = ev.TriggerStart >= 0 && ev.TriggerEnd >= ev.TriggerStart && ev.TriggerEnd <= text.Length;
        if (trigger)
        {
            writer.WriteNumber("triggerStart", ev.TriggerStart);
            writer.WriteNumber("triggerEnd", ev.TriggerEnd);
            writer.WriteString("triggerText", text.AsSpan(ev.TriggerStart, ev.TriggerEnd - ev.TriggerStart));
            writer.WriteStartObject("trigger");
            writer.WriteNumber("start", ev.TriggerStart);
            writer.WriteNumber("end", ev.TriggerEnd);
            writer.WriteString("text", text.AsSpan(ev.TriggerStart, ev.TriggerEnd - ev.TriggerStart));
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("triggerStart");
            writer.WriteNull("triggerEnd");
            writer.WriteNull("triggerText");
        }
        writer.WriteNumber("subjectMention", ev.SubjectMention);
        writer.WriteNumber("objectMention", ev.ObjectMention);
        writer.WriteString("pattern", ev.Pattern);
        if (ev.Modality is not null)
            writer.WriteString("modality", ev.Modality);
        else
            writer.WriteNull("modality");
        writer.WriteNumber("confidence", Math.Round(ev.Confidence, 4));
        writer.WriteEndObject();
    }

    private static void WriteTokens(Document document, Utf8JsonWriter writer)
    {
        writer.WriteStartArray("tokens");
        ReadOnlySpan<TokenData> tokens = document.TokenData;
        string text = document.Text;
        var strings = document.Strings;
        for (int i = 0; i < tokens.Length; i++)
        {
            TokenData t = tokens[i];
            writer.WriteStartObject();
            writer.WriteNumber("start", t.Start);
            writer.WriteNumber("end", t.End);
            writer.WriteString("text", text.AsSpan(t.Start, t.Length));
            writer.WriteString("kind", KindName(t.Kind));
            writer.WriteNumber("sentence", t.Sentence);
            if (t.Upos >= 0)
                writer.WriteString("upos", strings.Get(t.Upos));
            if (t.Xpos >= 0)
                writer.WriteString("xpos", strings.Get(t.Xpos));
            if (t.Lemma >= 0)
                writer.WriteString("lemma", strings.Get(t.Lemma));
            if (t.Dependency >= 0)
            {
                writer.WriteNumber("head", t.Head);
                writer.WriteString("dep", strings.Get(t.Dependency));
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static string KindName(TokenKind kind) => kind switch
    {
        TokenKind.Word => "word",
        TokenKind.Number => "number",
        TokenKind.Punctuation => "punct",
        TokenKind.Symbol => "symbol",
        TokenKind.Url => "url",
        TokenKind.Email => "email",
        TokenKind.Handle => "handle",
        TokenKind.Hashtag => "hashtag",
        TokenKind.Clitic => "clitic",
        _ => "other",
    };
}
