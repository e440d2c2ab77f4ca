using System.Buffers;

namespace EntityGraph.Entities;

/// <summary>
/// The named-entity recognizer as a pipeline stage: adds PER, ORG, LOC and MISC mentions. Spans an
/// <see cref="IEntityForcer"/> returns win over the model (source <c>dictionary</c>); model mentions have source
/// <c>model</c> and a confidence that grows with the decision margin (monotone, not a calibrated probability). In a
/// title-case headline the words the tagger reads as inflected verbs are kept out of names (<see cref="Headlines"/>).
/// </summary>
/// <param name="model">The model; null for the embedded default, loaded on first use.</param>
/// <param name="forcer">The rule layer, or null for none.</param>
public sealed class EntityRecognizerStage(EntityRecognizerModel? model = null, IEntityForcer? forcer = null) : PipelineStage
{
    /// <summary>The model; null for the embedded default.</summary>
    public EntityRecognizerModel? Model => model;

    /// <summary>The rule layer whose spans win over the model, or null.</summary>
    public IEntityForcer? Forcer => forcer;

    /// <summary>The same recognizer with another rule layer.</summary>
    internal EntityRecognizerStage WithForcer(IEntityForcer? other) => new(model, other);

    /// <inheritdoc />
    public override string Name => "ner";

    /// <inheritdoc />
    public override Annotations Requires => Annotations.Tokens | Annotations.Sentences | Annotations.PartOfSpeech;

    /// <inheritdoc />
    public override Annotations Assigns => Annotations.Mentions;

    /// <inheritdoc />
    public override void Process(Document document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        EntityRecognizerModel m = model ?? EntityRecognizerModel.Default;
        int total = document.TokenCount;
        if (total == 0)
            return;
        string text = document.Text;
        int before = document.Mentions.Count;
        ReadOnlySpan<TokenData> all = document.TokenData;
        var memory = new DocumentMemory();
        int sentences = document.SentenceCount;
        bool whole = sentences == 0;
        int count = whole ? 1 : sentences;
        for (int s = 0; s < count; s++)
        {
            SentenceData sentence = whole ? new SentenceData(0, total) : document.SentenceAt(s);
            memory.Observe(text, all.Slice(sentence.FirstToken, sentence.TokenCount));
        }
        ulong[] xpos = ArrayPool<ulong>.Shared.Rent(total);
        // [0, total): final labels; [total, 2 total): forced labels; [2 total, 3 total): first-stage labels of a two-stage model.
        int[] ints = ArrayPool<int>.Shared.Rent(3 * total);
        float[] margins = ArrayPool<float>.Shared.Rent(total);
        List<ForcedSpan>? forced = forcer is null ? null : [];
        // Whether any token has a fixed label (a dictionary name, or a headline verb kept out of names).
        bool anyFixed = forced is not null;
        try
        {
            var strings = document.Strings;
            for (int i = 0; i < total; i++)
                xpos[i] = EntityRecognizerModel.XposHash(strings.Get(all[i].Xpos));
            for (int s = 0; s < count; s++)
            {
                SentenceData sentence = whole ? new SentenceData(0, total) : document.SentenceAt(s);
                int first = sentence.FirstToken, n = sentence.TokenCount;
                if (n == 0)
                    continue;
                Span<int> fixedLabels = ints.AsSpan(total + first, n);
                fixedLabels.Fill(-1);
                if (forced is not null)
                {
                    forced.Clear();
                    forcer!.FindSpans(document, first, n, forced);
                    foreach (ForcedSpan span in forced)
                        Force(fixedLabels, span, first, n);
                }
                anyFixed |= Headlines.KeepVerbsOutOfNames(document, first, n, fixedLabels);
            }
            DocumentVotes? votes = null;
            if (m.Second is not null)
            {
                // First stage over the whole document, so the second sees its labels for every occurrence of a word.
                votes = new DocumentVotes();
                for (int s = 0; s < count; s++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    SentenceData sentence = whole ? new SentenceData(0, total) : document.SentenceAt(s);
                    int first = sentence.FirstToken, n = sentence.TokenCount;
                    if (n == 0)
                        continue;
                    Span<int> stage1 = ints.AsSpan(2 * total + first, n);
                    EntityRecognizerModel.Decode(m.Perceptron, null, m.Gazetteer, m.Clusters, m.NeverEntity, text, all.Slice(first, n), xpos.AsSpan(first, n),
                        anyFixed ? ints.AsSpan(total + first, n) : default, memory, stage1, default, default, beam: m.Beam, beamScale: m.BeamScale, beamMargin: m.BeamMargin);
                    votes.Add(text, all.Slice(first, n), stage1);
                }
                memory = new DocumentMemory();
                for (int s = 0; s < count; s++)
                {
                    SentenceData sentence = whole ? new SentenceData(0, total) : document.SentenceAt(s);
                    memory.Observe(text, all.Slice(sentence.FirstToken, sentence.TokenCount));
                }
            }
            for (int s = 0; s < count; s++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                SentenceData sentence = whole ? new SentenceData(0, total) : document.SentenceAt(s);
                int first = sentence.FirstToken, n = sentence.TokenCount;
                if (n == 0)
                    continue;
                Span<int> fixedLabels = anyFixed ? ints.AsSpan(total + first, n) : default;
                Span<int> result = ints.AsSpan(first, n);
                EntityRecognizerModel.Decode(m.Second ?? m.Perceptron, null, m.Gazetteer, m.Clusters, m.NeverEntity, text, all.Slice(first, n), xpos.AsSpan(first, n),
                    fixedLabels, memory, result, margins.AsSpan(first, n), default, votes is null ? default : ints.AsSpan(2 * total + first, n), votes, m.Beam, m.BeamScale, m.BeamMargin);
                AddMentions(document, result, fixedLabels, margins.AsSpan(first, n), first);
            }
            // Time zones are a difference of guidelines, like the forced names: CoNLL-2003 tags "GMT" MISC, ANNOTATION.md
            // does not count it as a name. Without the forced names (the recognizer alone, CoNLL's conventions) they stay.
            NameSpans.Apply(document, before, forcer is null ? NameSpans.Enabled & ~NameSpans.Rules.TimeZones : NameSpans.Enabled);
            DocumentConsistency.Apply(document, before, m, DocumentConsistency.Enabled);
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(xpos);
            ArrayPool<int>.Shared.Return(ints);
            ArrayPool<float>.Shared.Return(margins);
        }
    }

    private static void Force(Span<int> fixedLabels, ForcedSpan span, int first, int n)
    {
        int start = span.FirstToken - first;
        int type = Array.IndexOf(EntityRecognizerModel.Types, span.Label);
        if (type < 0 || span.TokenCount < 1 || start < 0 || start + span.TokenCount > n)
            throw new InvalidOperationException($"A forced span ({span}) is outside its sentence or has a label other than PER, ORG, LOC, MISC.");
        for (int k = start; k < start + span.TokenCount; k++)
        {
            if (fixedLabels[k] >= 0)
                return; // overlaps an earlier forced span: the first wins
        }
        int b = 1 + 4 * type;
        if (span.TokenCount == 1)
        {
            fixedLabels[start] = b + 3;
            return;
        }
        fixedLabels[start] = b;
        for (int k = start + 1; k < start + span.TokenCount - 1; k++)
            fixedLabels[k] = b + 1;
        fixedLabels[start + span.TokenCount - 1] = b + 2;
    }

    private static void AddMentions(Document document, ReadOnlySpan<int> labels, ReadOnlySpan<int> fixedLabels, ReadOnlySpan<float> margins, int first)
    {
        int start = -1;
        float weakest = float.PositiveInfinity;
        for (int i = 0; i < labels.Length; i++)
        {
            int label = labels[i];
            if (label <= 0)
                continue;
            int prefix = EntityRecognizerModel.Prefix(label);
            if (prefix is 0 or 3)
            {
                start = i;
                weakest = float.PositiveInfinity;
            }
            weakest = Math.Min(weakest, margins[i]);
            if (prefix is 2 or 3 && start >= 0)
            {
                bool dictionary = !fixedLabels.IsEmpty && fixedLabels[start] > 0;
                double confidence = dictionary ? 1.0 : weakest / (weakest + 1.0);
                AddTrimmed(document, first + start, first + i + 1, EntityRecognizerModel.Types[EntityRecognizerModel.TypeOf(label)],
                    dictionary ? "dictionary" : "model", confidence);
                start = -1;
            }
        }
    }

    /// <summary>
    /// Adds the tokens [<paramref name="start"/>, <paramref name="end"/>) as mentions, without the punctuation and clitics
    /// the model sometimes takes in at an edge ("-Sistani", "Isis.") and cut at brackets, quotes and commas inside
    /// ("Levant (Isis"): the guidelines never put those inside a name.
    /// </summary>
    private static void AddTrimmed(Document document, int start, int end, string type, string source, double confidence)
    {
        int segment = start;
        for (int k = start; k <= end; k++)
        {
            if (k < end && !IsBreak(document, k))
                continue;
            int a = segment, b = k;
            while (a < b && IsEdgeNoise(document, a))
                a++;
            while (b > a && IsEdgeNoise(document, b - 1))
                b--;
            bool onlyTitles = false;
            int titles = b > a ? Honorifics.LeadingTitles(document, a, b, out onlyTitles) : 0;
            if (titles > 0)
            {
                if (onlyTitles)
                    b = a; // "Rear Adm." alone names no one
                else
                    (a, type) = (a + titles, "PER");
            }
            if (b > a && type == "PER")
                a += Honorifics.LeadingRoyalTitles(document, a, b);
            if (b > a && type == "PER" && document.Mentions.Count > 0 && document.Mentions[^1] is { Label: "PER" } previous
                && document.TokenAt(previous.FirstToken).Sentence == document.TokenAt(a).Sentence
                && Honorifics.IsNameParticleGap(document, previous.FirstToken + previous.TokenCount, a))
            {
                document.RemoveMentions(m => ReferenceEquals(m, previous));
                (a, confidence) = (previous.FirstToken, Math.Min(confidence, previous.Confidence));
            }
            if (b > a)
                document.AddMention(a, b - a, type, source, confidence);
            segment = k + 1;
        }
    }

    private static bool IsEdgeNoise(Document document, int token) =>
        document.TokenAt(token).Kind is TokenKind.Punctuation or TokenKind.Symbol or TokenKind.Clitic;

    private static bool IsBreak(Document document, int token)
    {
        ref TokenData t = ref document.TokenAt(token);
        if (t.Kind != TokenKind.Punctuation || t.Length != 1)
            return false;
        char c = document.Text[t.Start];
        return c is '(' or ')' or '[' or ']' or '"' or ',' or ';' or '\u201C' or '\u201D';
    }
}
