namespace EntityGraph.Parsing;

/// <summary>Attachment scores over a treebank: every word counts, punctuation included.</summary>
/// <param name="Words">Words scored.</param>
/// <param name="CorrectHeads">Words with the right head.</param>
/// <param name="CorrectLabelled">Words with the right head and relation.</param>
/// <param name="CorrectLabels">Words with the right relation, whatever the head.</param>
public readonly record struct AttachmentScores(int Words, int CorrectHeads, int CorrectLabelled, int CorrectLabels)
{
    /// <summary>Unlabelled attachment score.</summary>
    public double Uas => Words == 0 ? 0 : (double)CorrectHeads / Words;

    /// <summary>Labelled attachment score (relation subtypes such as nsubj:pass must match too).</summary>
    public double Las => Words == 0 ? 0 : (double)CorrectLabelled / Words;

    /// <summary>Label accuracy, whatever the head.</summary>
    public double La => Words == 0 ? 0 : (double)CorrectLabels / Words;

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"UAS {Uas:F4}  LAS {Las:F4}  LA {La:F4}  ({Words} words)");
}

/// <summary>Scores a parser against gold trees, with the tags the CoNLL-U file holds (gold or predicted by a tagger).</summary>
internal static class ParserEvaluation
{
    public static AttachmentScores Evaluate(DependencyParser parser, IReadOnlyList<ConllSentence> sentences)
    {
        using var state = new ParseState();
        using BeamSearch? beam = parser.CreateBeam();
        int words = 0, heads = 0, labelled = 0, labels = 0;
        foreach (ConllSentence sentence in sentences)
        {
            DependencyParser.Load(state, sentence, parser.Clusters);
            ParseState parse = parser.Parse(state, beam);
            ReadOnlySpan<int> predicted = parse.Heads;
            ReadOnlySpan<int> predictedLabels = parse.Labels;
            for (int i = 0; i < sentence.Length; i++)
            {
                words++;
                bool label = string.Equals(parser.LabelName(predictedLabels[i]), sentence.Relations[i], StringComparison.Ordinal);
                if (label)
                    labels++;
                if (predicted[i] == sentence.Heads[i])
                {
                    heads++;
                    if (label)
                        labelled++;
                }
            }
        }
        return new AttachmentScores(words, heads, labelled, labels);
    }
}
