namespace EntityGraph.Evaluation;

/// <summary>
/// Where a missed gold relation was lost, judged from the system's entities (after mapping each to the gold entity
/// holding most of its mentions, as the relation scorer does) and the sentences of the text.
/// </summary>
public enum MissReason
{
    /// <summary>No system entity maps to the gold subject (Arg1) entity: the recognizer or alias stage lost it.</summary>
    SubjectNotFound,

    /// <summary>No system entity maps to the gold object (Arg2) entity.</summary>
    ObjectNotFound,

    /// <summary>Neither argument's entity was found.</summary>
    NeitherFound,

    /// <summary>Both entities were found, but no sentence holds a system mention of each: a relation across sentences.</summary>
    NeverInOneSentence,

    /// <summary>Both entities were found with mentions in one sentence: the relation stage lost it.</summary>
    InOneSentence,
}

/// <summary>One relation (an R line) that states a triple, with the sentences of its two argument mentions.</summary>
/// <param name="Relation">The relation, from the gold side for a missed triple and from the system side for a spurious one.</param>
/// <param name="SubjectSentence">Index of the sentence holding the subject mention's start, or -1.</param>
/// <param name="ObjectSentence">Index of the sentence holding the object mention's start, or -1.</param>
public sealed record RelationInstance(AnnotatedRelation Relation, int SubjectSentence, int ObjectSentence);

/// <summary>A missed or spurious triple, the relations that state it, and (when missed) where it was lost.</summary>
/// <param name="Triple">The triple, with gold entity names where mapped.</param>
/// <param name="Instances">Each R line stating it, in file order.</param>
/// <param name="Reason">For a missed triple, where it was lost; null for a spurious one.</param>
public sealed record RelationError(ScoredTriple Triple, IReadOnlyList<RelationInstance> Instances, MissReason? Reason);

/// <summary>
/// Lists the relation triples of one document that the system missed or added, each with its R lines and their
/// sentences, so a developer can read the text a relation was judged on (<c>entitygraph evaluate --triples</c>).
/// </summary>
public static class RelationErrors
{
    /// <summary>The missed triples (in gold order), then the spurious ones (in system order).</summary>
    /// <param name="gold">The gold annotations.</param>
    /// <param name="predicted">The system's annotations of the same text.</param>
    /// <param name="sentences">The sentences of the text as (start, end) character offsets, in order.</param>
    /// <param name="symmetricRelationTypes">Types scored without direction; defaults to <see cref="BratEvaluator.DefaultSymmetricRelationTypes"/>.</param>
    /// <returns>One entry per triple that is not matched.</returns>
    /// <exception cref="ArgumentException">The two texts differ.</exception>
    public static IReadOnlyList<RelationError> Explain(AnnotatedDocument gold, AnnotatedDocument predicted, IReadOnlyList<(int Start, int End)> sentences,
        IReadOnlySet<string>? symmetricRelationTypes = null)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(sentences);
        if (!string.Equals(gold.Text, predicted.Text, StringComparison.Ordinal))
            throw new ArgumentException($"The gold and predicted texts of '{gold.Id}' differ, so their offsets cannot be compared.", nameof(predicted));
        TripleSets sets = RelationScorer.Collect(gold, predicted, symmetricRelationTypes ?? BratEvaluator.DefaultSymmetricRelationTypes);

        // The sentences where each gold entity has a system mention (through the system entity that maps to it).
        var systemSentences = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        foreach (AnnotatedMention m in predicted.Mentions)
        {
            string goldEntity = sets.Mapping[EntityScorer.EntityOf(m)];
            int sentence = SentenceOf(sentences, m.Start);
            if (sentence < 0)
                continue;
            if (!systemSentences.TryGetValue(goldEntity, out HashSet<int>? set))
            {
                set = [];
                systemSentences.Add(goldEntity, set);
            }
            set.Add(sentence);
        }

        var errors = new List<RelationError>();
        foreach ((var triple, List<AnnotatedRelation> relations) in sets.Gold)
        {
            if (sets.Predicted.ContainsKey(triple))
                continue;
            AnnotatedRelation first = relations[0];
            MissReason reason = Reason(systemSentences, EntityScorer.EntityOf(gold.Mentions[first.Arg1]), EntityScorer.EntityOf(gold.Mentions[first.Arg2]));
            errors.Add(new RelationError(sets.Scored(gold.Id, triple, TripleOutcome.Missed), Instances(gold, relations, sentences), reason));
        }
        foreach ((var triple, List<AnnotatedRelation> relations) in sets.Predicted)
        {
            if (!sets.Gold.ContainsKey(triple))
                errors.Add(new RelationError(sets.Scored(gold.Id, triple, TripleOutcome.Spurious), Instances(predicted, relations, sentences), null));
        }
        return errors;
    }

    private static MissReason Reason(Dictionary<string, HashSet<int>> systemSentences, string subject, string obj)
    {
        bool hasSubject = systemSentences.TryGetValue(subject, out HashSet<int>? subjectSentences);
        bool hasObject = systemSentences.TryGetValue(obj, out HashSet<int>? objectSentences);
        if (!hasSubject || !hasObject)
            return hasSubject ? MissReason.ObjectNotFound : hasObject ? MissReason.SubjectNotFound : MissReason.NeitherFound;
        return subjectSentences!.Overlaps(objectSentences!) ? MissReason.InOneSentence : MissReason.NeverInOneSentence;
    }

    private static List<RelationInstance> Instances(AnnotatedDocument document, List<AnnotatedRelation> relations, IReadOnlyList<(int Start, int End)> sentences)
    {
        var instances = new List<RelationInstance>(relations.Count);
        foreach (AnnotatedRelation r in relations)
        {
            instances.Add(new RelationInstance(r, SentenceOf(sentences, document.Mentions[r.Arg1].Start), SentenceOf(sentences, document.Mentions[r.Arg2].Start)));
        }
        return instances;
    }

    /// <summary>The index of the sentence whose span holds <paramref name="offset"/> (the last one starting at or before it), or -1.</summary>
    private static int SentenceOf(IReadOnlyList<(int Start, int End)> sentences, int offset)
    {
        int lo = 0, hi = sentences.Count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sentences[mid].Start <= offset)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return found >= 0 && offset < sentences[found].End ? found : -1;
    }
}
