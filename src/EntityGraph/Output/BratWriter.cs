using System.Globalization;
using EntityGraph.Text;

namespace EntityGraph.Output;

/// <summary>
/// Writes a document's annotations in brat standoff (<c>.ann</c>), the corpus format of the project: a <c>T</c> line per
/// mention, an <c>N</c> line per mention that belongs to an entity (<c>Reference Tn EG:id</c> and the canonical name),
/// and an <c>R</c> line per asserted relation (between the mentions of its first asserted evidence).
/// Offsets count Unicode code points, as brat, its tools and Python scorers do (not the UTF-16 units of
/// <see cref="Document"/> and the JSON output; they differ after emoji and other characters beyond U+FFFF).
/// </summary>
public static class BratWriter
{
    /// <summary>Writes the <c>.ann</c> text of <paramref name="document"/> to <paramref name="writer"/>.</summary>
    /// <param name="document">The annotated document.</param>
    /// <param name="writer">Where to write; lines end with '\n'.</param>
    public static void Write(Document document, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(writer);
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
        foreach (Relation relation in document.Relations)
        {
            // Only what the text asserts is annotated (negated and hedged statements are not relations in brat).
            RelationEvidence? ev = null;
            foreach (RelationEvidence candidate in relation.Evidence)
            {
                if (candidate.Modality is null)
                {
                    ev = candidate;
                    break;
                }
            }
            if (ev is null)
                continue;
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"R{r++}\t{relation.Type} Arg1:T{ev.SubjectMention + 1} Arg2:T{ev.ObjectMention + 1}\n"));
        }
    }

    /// <summary>Returns the <c>.ann</c> text of <paramref name="document"/>.</summary>
    /// <param name="document">The annotated document.</param>
    /// <returns>The standoff annotations.</returns>
    public static string ToAnn(Document document)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(document, writer);
        return writer.ToString();
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
