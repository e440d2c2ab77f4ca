using EntityGraph.Evaluation;

namespace EntityGraph.Entities;

/// <summary>
/// Reads a folder of brat-annotated articles (<c>NAME.txt</c> + <c>NAME.ann</c>, ANNOTATION.md section 4, such as
/// ../shared/data/dwie/train) as recognizer training documents: the text is split by the runtime tokenizer and sentence
/// splitter, so training sees the tokens the pipeline makes, and each token takes the IOB2 tag of the mention that
/// covers it. The text stays in memory: nothing of it is written anywhere.
/// </summary>
/// <remarks>
/// CoNLL-style training needs flat, token-aligned names, and brat allows neither nesting nor boundaries inside a token:
/// of overlapping mentions the longest is kept ("University of Bonn" over its "Bonn", as CoNLL tags the outer name),
/// and a mention that starts or ends inside a token is left out with its whole sentence marked unusable, so that its
/// tokens are not taught as "O". Both are counted in <see cref="Statistics"/>.
/// </remarks>
internal static class BratNerReader
{
    /// <summary>What a read kept and left out.</summary>
    internal sealed record Statistics(int Documents, int Sentences, int Mentions, int NestedDropped, int MisalignedSentencesDropped, int UnknownTypeDropped,
        int SkippedTypeSentencesDropped);

    /// <summary>Reads every annotated article of <paramref name="directory"/>; a malformed annotation file stops the read with its file, line and column.</summary>
    /// <param name="directory">The corpus folder.</param>
    /// <param name="skipTypes">
    /// Types whose conventions differ from the main training data's: a sentence holding a mention of one is left out
    /// whole, so that the model learns those types from the main data only and is never taught "O" on them.
    /// </param>
    /// <param name="statistics">What was kept and left out.</param>
    /// <exception cref="InvalidDataException">An annotation file has an error, or the folder holds no annotated article.</exception>
    public static List<NerDocument> Read(string directory, ICollection<string> skipTypes, out Statistics statistics)
    {
        BratCorpus corpus = BratReader.ReadFolder(directory);
        // Training on a corpus that silently lost documents would be measured wrong: the first error stops the read.
        if (corpus.Problems.FirstOrDefault(static p => p.Severity == ProblemSeverity.Error) is { } p)
            throw new InvalidDataException($"{p.File}:{p.Line}:{p.Column}: {p.Message}");
        if (corpus.Documents.Count == 0)
            throw new InvalidDataException($"{directory}: no annotated articles (NAME.txt with NAME.ann) to train on.");
        Pipeline splitter = new PipelineBuilder().UseTokenizer().UseSentenceSplitter().Build();
        var documents = new List<NerDocument>(corpus.Documents.Count);
        int sentences = 0, mentions = 0, nested = 0, misaligned = 0, unknown = 0, skipped = 0;
        foreach (AnnotatedDocument annotated in corpus.Documents)
        {
            List<AnnotatedMention> flat = Flatten(annotated.Mentions, ref nested, ref unknown);
            Document document = splitter.Process(annotated.Text, annotated.Id);
            var result = new List<NerSentence>(document.SentenceCount);
            int next = 0; // the first mention not yet placed, in text order
            for (int s = 0; s < document.SentenceCount; s++)
            {
                Span sentence = document.Sentences[s];
                int first = sentence.FirstToken, end = sentence.EndToken;
                if (end <= first)
                    continue;
                int sentenceStart = document.TokenAt(first).Start, sentenceEnd = document.TokenAt(end - 1).End;
                var tokens = new string[end - first];
                var tags = new string[end - first];
                Array.Fill(tags, "O");
                for (int t = first; t < end; t++)
                    tokens[t - first] = annotated.Text[document.TokenAt(t).Start..document.TokenAt(t).End];
                bool usable = true, skip = false;
                int placed = 0;
                while (next < flat.Count && flat[next].Start < sentenceEnd)
                {
                    AnnotatedMention m = flat[next++];
                    if (m.End <= sentenceStart)
                        continue;
                    if (skipTypes.Contains(m.Tag))
                        skip = true;
                    else if (!Place(document, first, end, m, tags))
                        usable = false;
                    else
                        placed++;
                }
                if (!usable)
                {
                    misaligned++;
                    continue;
                }
                if (skip)
                {
                    skipped++;
                    continue;
                }
                mentions += placed;
                result.Add(new NerSentence(tokens, tags, s + 1));
            }
            sentences += result.Count;
            if (result.Count > 0)
                documents.Add(new NerDocument(result));
        }
        statistics = new Statistics(documents.Count, sentences, mentions, nested, misaligned, unknown, skipped);
        return documents;
    }

    /// <summary>The mentions of the four CoNLL types in text order, the longest of each overlapping group kept.</summary>
    private static List<AnnotatedMention> Flatten(IReadOnlyList<AnnotatedMention> mentions, ref int nested, ref int unknown)
    {
        var ordered = new List<AnnotatedMention>(mentions.Count);
        foreach (AnnotatedMention m in mentions)
        {
            if (Array.IndexOf(ConllNerReader.Types, m.Tag) < 0)
                unknown++;
            else
                ordered.Add(m);
        }
        // Longest first among equal starts, so that a kept mention's nested ones follow it and are dropped.
        ordered.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        var flat = new List<AnnotatedMention>(ordered.Count);
        foreach (AnnotatedMention m in ordered)
        {
            if (flat.Count > 0 && m.Start < flat[^1].End)
            {
                nested++;
                // A crossing mention that reaches further than the kept one is longer: it wins.
                if (m.End - m.Start > flat[^1].End - flat[^1].Start)
                    flat[^1] = m;
                continue;
            }
            flat.Add(m);
        }
        return flat;
    }

    /// <summary>Tags the tokens of <paramref name="mention"/>; false when its boundaries are not token boundaries.</summary>
    private static bool Place(Document document, int first, int end, AnnotatedMention mention, string[] tags)
    {
        int from = -1, to = -1;
        for (int t = first; t < end; t++)
        {
            ref TokenData token = ref document.TokenAt(t);
            if (token.End <= mention.Start)
                continue;
            if (token.Start >= mention.End)
                break;
            if (from < 0)
            {
                if (token.Start != mention.Start)
                    return false;
                from = t;
            }
            to = t;
        }
        if (from < 0 || document.TokenAt(to).End != mention.End)
            return false;
        for (int t = from; t <= to; t++)
            tags[t - first] = (t == from ? "B-" : "I-") + mention.Tag;
        return true;
    }
}
