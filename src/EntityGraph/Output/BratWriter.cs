using System.Globalization;
using EntityGraph.Text;

namespace EntityGraph.Output;

/// <summary>What <see cref="BratWriter"/> writes.</summary>
public sealed record BratWriterOptions
{
    /// <summary>
    /// Leave out relations whose <see cref="Relation.Confidence"/> is below this value (0 to 1; default 0 keeps every
    /// asserted relation).
    /// </summary>
    public double MinRelationConfidence { get; init; }
}

/// <summary>
/// Writes a document's annotations in brat standoff (<c>.ann</c>), the corpus format of the project: a <c>T</c> line per
/// mention, an <c>N</c> line per mention that belongs to an entity (<c>Reference Tn EG:id</c> and the canonical name),
/// an <c>R</c> line per asserted relation (between the mentions of its asserted evidence with the highest confidence)
/// and, after each <c>R</c> line, an <c>AnnotatorNotes</c> line with that evidence: pattern, confidence, trigger
/// offsets and text, sentence index and offsets
/// (<c>#1 AnnotatorNotes R1 pattern: P; confidence: 1; trigger: 120-128 "captured"; sentence: 4, 100-180</c>).
/// Offsets count Unicode code points, as brat, its tools and Python scorers do (not the UTF-16 units of
/// <see cref="Document"/> and the JSON output; they differ after emoji and other characters beyond U+FFFF).
/// </summary>
public static class BratWriter
{
    private static readonly BratWriterOptions DefaultOptions = new();

    /// <summary>Writes the <c>.ann</c> text of <paramref name="document"/> to <paramref name="writer"/>.</summary>
    /// <param name="document">The annotated document.</param>
    /// <param name="writer">Where to write; lines end with '\n'.</param>
    public static void Write(Document document, TextWriter writer) => Write(document, writer, DefaultOptions);

    /// <summary>Writes the <c>.ann</c> text of <paramref name="document"/> to <paramref name="writer"/>.</summary>
    /// <param name="document">The annotated document.</param>
    /// <param name="writer">Where to write; lines end with '\n'.</param>
    /// <param name="options">Which relations to write.</param>
    public static void Write(Document document, TextWriter writer, BratWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(options);
        string text = document.Text;
        var codePoints = new CodePointMap(text);
        IReadOnlyList<Mention> mentions = document.Mentions;
        for (int i = 0; i < mentions.Count; i++)
        {
            Mention m = mentions[i];
            writer.Write('T');
            writer.Write((i + 1).ToString(CultureInfo.InvariantCulture));
            writer.Write('\t');
            writer.Write(m.Label);
            writer.Write(' ');
            WriteFragments(writer, text, codePoints, m.Start, m.End);
            writer.Write('\t');
            writer.Write(Flatten(m.TextSpan));
            writer.Write('\n');
        }
        int n = 1;
        for (int i = 0; i < mentions.Count; i++)
        {
            Mention m = mentions[i];
            if (m.EntityIndex < 0)
                continue;
            Entity e = document.Entities[m.EntityIndex];
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"N{n++}\tReference T{i + 1} EG:{e.Id}\t{Flatten(e.CanonicalName)}\n"));
        }
        int r = 1;
        SentenceList sentences = document.Sentences;
        foreach (Relation relation in document.Relations)
        {
            // Only what the text asserts is annotated (negated and hedged statements are not relations in brat).
            RelationEvidence? ev = relation.BestAssertedEvidence;
            if (ev is null || relation.Confidence < options.MinRelationConfidence)
                continue;
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"R{r}\t{relation.Type} Arg1:T{ev.SubjectMention + 1} Arg2:T{ev.ObjectMention + 1}\n"));
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"#{r}\tAnnotatorNotes R{r}\t{Note(text, codePoints, sentences, ev, relation.Confidence)}\n"));
            r++;
        }
    }

    /// <summary>Returns the <c>.ann</c> text of <paramref name="document"/>.</summary>
    /// <param name="document">The annotated document.</param>
    /// <returns>The standoff annotations.</returns>
    public static string ToAnn(Document document) => ToAnn(document, DefaultOptions);

    /// <summary>Returns the <c>.ann</c> text of <paramref name="document"/>.</summary>
    /// <param name="document">The annotated document.</param>
    /// <param name="options">Which relations to write.</param>
    /// <returns>The standoff annotations.</returns>
    public static string ToAnn(Document document, BratWriterOptions options)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(document, writer, options);
        return writer.ToString();
    }

    /// <summary>The AnnotatorNotes text of an R line: where the statement is, so a reader can check it (offsets in code points, as the T lines).</summary>
    private static string Note(string text, CodePointMap codePoints, SentenceList sentences, RelationEvidence ev, double confidence)
    {
        string trigger = ev.TriggerStart >= 0 && ev.TriggerEnd >= ev.TriggerStart && ev.TriggerEnd <= text.Length
            ? string.Create(CultureInfo.InvariantCulture, $"{codePoints.ToCodePoint(ev.TriggerStart)}-{codePoints.ToCodePoint(ev.TriggerEnd)} \"{Flatten(text.AsSpan(ev.TriggerStart, ev.TriggerEnd - ev.TriggerStart))}\"")
            : "none";
        string sentence = ev.SentenceIndex >= 0 && ev.SentenceIndex < sentences.Count
            ? string.Create(CultureInfo.InvariantCulture, $"{ev.SentenceIndex}, {codePoints.ToCodePoint(sentences[ev.SentenceIndex].Start)}-{codePoints.ToCodePoint(sentences[ev.SentenceIndex].End)}")
            : ev.SentenceIndex.ToString(CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"pattern: {Flatten(ev.Pattern)}; confidence: {Math.Round(confidence, 4).ToString("0.####", CultureInfo.InvariantCulture)}; trigger: {trigger}; sentence: {sentence}");
    }

    /// <summary>brat cannot hold a line break inside a span: split the span into fragments around breaks.</summary>
    private static void WriteFragments(TextWriter writer, string text, CodePointMap codePoints, int start, int end)
    {
        int fragmentStart = start;
        bool first = true;
        for (int i = start; i <= end; i++)
        {
            bool isBreak = i < end && text[i] is '\n' or '\r';
            if (i == end || isBreak)
            {
                int fragmentEnd = i;
                if (fragmentEnd > fragmentStart)
                {
                    if (!first)
                        writer.Write(';');
                    writer.Write(string.Create(CultureInfo.InvariantCulture, $"{codePoints.ToCodePoint(fragmentStart)} {codePoints.ToCodePoint(fragmentEnd)}"));
                    first = false;
                }
                fragmentStart = i + 1;
            }
        }
    }

    /// <summary>
    /// The covered text on one line, the same length as the span: each character that a line-based reader (brat,
    /// Python's <c>splitlines</c>, .NET's <c>ReadLine</c>) takes as a line or field break becomes one space, so a CRLF
    /// becomes two spaces and offsets still line up with the covered text.
    /// </summary>
    internal static string Flatten(ReadOnlySpan<char> s)
    {
        if (s.IndexOfAny(LineBreaking) < 0)
            return s.ToString();
        return string.Create(s.Length, s.ToString(), static (dst, src) =>
        {
            for (int i = 0; i < src.Length; i++)
                dst[i] = LineBreaking.Contains(src[i]) ? ' ' : src[i];
        });
    }

    /// <summary>Characters that break a line or a tab-separated field somewhere: tab, LF, VT, FF, CR, the
    /// information separators U+001C-U+001E, NEL, and the line and paragraph separators.</summary>
    internal static readonly System.Buffers.SearchValues<char> LineBreaking =
        System.Buffers.SearchValues.Create("\t\n\v\f\r\u001C\u001D\u001E\u0085\u2028\u2029");
}
