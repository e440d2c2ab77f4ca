using System.Globalization;
using System.Text;
using EntityGraph.Evaluation;

namespace EntityGraph.Cli;

/// <summary>
/// <c>evaluate --triples</c>: each missed and spurious relation triple on plain lines, with the sentence it was judged
/// on. A spurious triple shows the system's evidence (pattern, trigger, modality, confidence) when the pipeline ran, or
/// the R line's AnnotatorNotes and its sentence when predictions were read from brat; a missed triple shows the gold R
/// line's sentence (both sentences when its mentions lie in two) and where it was lost.
/// </summary>
internal static class TripleListing
{
    private const int MaxSentenceLength = 320;

    public static void Print(TextWriter output, IReadOnlyList<(AnnotatedDocument Gold, AnnotatedDocument Predicted)> pairs,
        IReadOnlyDictionary<string, Document> documents, string? type)
    {
        output.WriteLine();
        output.WriteLine(type is null ? "Missed and spurious relations, with their sentences:" : $"Missed and spurious {type} relations, with their sentences:");
        Pipeline? splitter = null;
        int listed = 0;
        bool typeSeen = type is null;
        foreach ((AnnotatedDocument gold, AnnotatedDocument predicted) in pairs)
        {
            typeSeen |= gold.Relations.Any(r => r.Type == type) || predicted.Relations.Any(r => r.Type == type);
            if (!documents.TryGetValue(gold.Id, out Document? document))
            {
                // Predictions read from files carry no sentences: split the text as the pipeline would.
                splitter ??= new PipelineBuilder().UseTokenizer().UseSentenceSplitter().Build();
                document = splitter.Process(gold.Text, gold.Id);
            }
            var sentences = new List<(int Start, int End)>(document.Sentences.Count);
            foreach (Span s in document.Sentences)
                sentences.Add((s.Start, s.End));
            foreach (RelationError error in RelationErrors.Explain(gold, predicted, sentences))
            {
                if (type is not null && !string.Equals(error.Triple.Type, type, StringComparison.Ordinal))
                    continue;
                listed++;
                ScoredTriple t = error.Triple;
                bool missed = t.Outcome == TripleOutcome.Missed;
                string line = $"{(missed ? "missed  " : "spurious")} {t.DocumentId}: {t.Type}({t.Subject}, {t.Object})";
                output.WriteLine(error.Reason is { } reason ? line + " - " + ReasonText(reason) : line);
                AnnotatedDocument side = missed ? gold : predicted;
                foreach (RelationInstance instance in error.Instances)
                {
                    if (instance.Relation.Source is { } relation)
                        PrintEvidence(output, document, sentences, relation);
                    else
                        PrintRelationLine(output, gold.Text, side, sentences, instance);
                }
            }
        }
        if (listed == 0)
            output.WriteLine("  none");
        if (!typeSeen)
            output.WriteLine($"note: no relation of type '{type}' in gold or system output (types are written as in the .ann files: captured, deployed_to, ...).");
    }

    public static string ReasonText(MissReason reason) => reason switch
    {
        MissReason.SubjectNotFound => "subject entity not found",
        MissReason.ObjectNotFound => "object entity not found",
        MissReason.NeitherFound => "subject and object entities not found",
        MissReason.NeverInOneSentence => "both found, never in one sentence",
        _ => "both found in one sentence",
    };

    /// <summary>A relation from a brat file: its arguments, its AnnotatorNotes and the sentence(s) of its two mentions.</summary>
    private static void PrintRelationLine(TextWriter output, string text, AnnotatedDocument side, List<(int Start, int End)> sentences, RelationInstance instance)
    {
        AnnotatedRelation r = instance.Relation;
        AnnotatedMention subject = side.Mentions[r.Arg1], obj = side.Mentions[r.Arg2];
        output.WriteLine($"    {r.Id} \"{Flatten(subject.Text)}\" {subject.Start}-{subject.End} -> \"{Flatten(obj.Text)}\" {obj.Start}-{obj.End}"
            + (r.Note is null ? "" : "; note: " + r.Note));
        PrintSentence(output, text, sentences, instance.SubjectSentence);
        if (instance.ObjectSentence != instance.SubjectSentence)
            PrintSentence(output, text, sentences, instance.ObjectSentence);
    }

    /// <summary>A pipeline relation: every piece of its evidence, asserted or not, with its sentence.</summary>
    private static void PrintEvidence(TextWriter output, Document document, List<(int Start, int End)> sentences, Relation relation)
    {
        string text = document.Text;
        foreach (RelationEvidence ev in relation.Evidence)
        {
            Mention subject = document.Mentions[ev.SubjectMention], obj = document.Mentions[ev.ObjectMention];
            string trigger = ev.TriggerStart >= 0 && ev.TriggerEnd <= text.Length && ev.TriggerEnd >= ev.TriggerStart
                ? string.Create(CultureInfo.InvariantCulture, $"\"{Flatten(text[ev.TriggerStart..ev.TriggerEnd])}\" {ev.TriggerStart}-{ev.TriggerEnd}")
                : "none";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    evidence \"{Flatten(subject.Text)}\" -> \"{Flatten(obj.Text)}\": pattern {ev.Pattern}, trigger {trigger}, {ev.Modality ?? "asserted"}, confidence {ev.Confidence:0.###}"));
            PrintSentence(output, text, sentences, ev.SentenceIndex);
        }
    }

    private static void PrintSentence(TextWriter output, string text, List<(int Start, int End)> sentences, int index)
    {
        if (index < 0 || index >= sentences.Count)
        {
            output.WriteLine("      (no sentence)");
            return;
        }
        (int start, int end) = sentences[index];
        string sentence = Flatten(text[start..end]);
        if (sentence.Length > MaxSentenceLength)
            sentence = sentence[..(MaxSentenceLength - 3)] + "...";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"      sentence {index} [{start}-{end}]: {sentence}"));
    }

    /// <summary>The text on one line: runs of white space (line breaks included) become one space.</summary>
    private static string Flatten(string value)
    {
        var sb = new StringBuilder(value.Length);
        bool space = false;
        foreach (char c in value)
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }
            if (space && sb.Length > 0)
                sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }
}
