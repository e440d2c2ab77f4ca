namespace EntityGraph;

/// <summary>A named-entity mention: a token span with a tag (PER, ORG, LOC, MISC) and exact character offsets.</summary>
public sealed class Mention
{
    private readonly Document _document;

    internal Mention(Document document, int index, int start, int end, int firstToken, int tokenCount, string label, string source, double confidence)
    {
        _document = document;
        Index = index;
        Start = start;
        End = end;
        FirstToken = firstToken;
        TokenCount = tokenCount;
        Label = label;
        Source = source;
        Confidence = confidence;
    }

    /// <summary>The mention's index in <see cref="Document.Mentions"/>.</summary>
    public int Index { get; internal set; }

    /// <summary>Offset of the first character in <see cref="Document.Text"/>.</summary>
    public int Start { get; }

    /// <summary>Offset just past the last character.</summary>
    public int End { get; }

    /// <summary>Index of the first token.</summary>
    public int FirstToken { get; }

    /// <summary>Number of tokens.</summary>
    public int TokenCount { get; }

    /// <summary>The tag: PER, ORG, LOC or MISC.</summary>
    public string Label { get; internal set; }

    /// <summary>What found the mention: <c>model</c>, <c>dictionary</c> or a user stage's name.</summary>
    public string Source { get; }

    /// <summary>The finder's confidence in [0, 1].</summary>
    public double Confidence { get; }

    /// <summary>Index in <see cref="Document.Entities"/> of the entity the mention belongs to, or -1 before alias resolution.</summary>
    public int EntityIndex { get; internal set; } = -1;

    /// <summary>Why the mention was linked to its entity (dictionary, acronym, name part, fuzzy, demonym, metonym), or null.</summary>
    public string? LinkReason { get; internal set; }

    /// <summary>The strength of that link in [0, 1].</summary>
    public double LinkScore { get; internal set; }

    /// <summary>The covered characters of the original text.</summary>
    public ReadOnlySpan<char> TextSpan => _document.Text.AsSpan(Start, End - Start);

    /// <summary>The covered text as a new string.</summary>
    public string Text => _document.Text.Substring(Start, End - Start);

    /// <summary>The mention's tokens.</summary>
    public Span Tokens => new(_document, FirstToken, TokenCount);

    /// <inheritdoc />
    public override string ToString() => $"{Label} [{Start},{End}) {Text}";
}

/// <summary>A real-world thing that one or more mentions name: Iran, Barack Obama, Islamic State.</summary>
public sealed class Entity
{
    private readonly List<int> _mentions = [];

    internal Entity(int index, string id, string canonicalName, string type)
    {
        Index = index;
        Id = id;
        CanonicalName = canonicalName;
        Type = type;
    }

    /// <summary>The entity's index in <see cref="Document.Entities"/>.</summary>
    public int Index { get; }

    /// <summary>A stable id: the dictionary id when the entity is in an alias dictionary, otherwise a key derived from its name and type.</summary>
    public string Id { get; }

    /// <summary>The name the entity is known by.</summary>
    public string CanonicalName { get; }

    /// <summary>The type: PER, ORG, LOC or MISC.</summary>
    public string Type { get; }

    /// <summary>Indices in <see cref="Document.Mentions"/> of the entity's mentions, in text order.</summary>
    public IReadOnlyList<int> MentionIndices => _mentions;

    internal void AddMention(int mentionIndex) => _mentions.Add(mentionIndex);

    /// <inheritdoc />
    public override string ToString() => $"{Type} {Id} '{CanonicalName}' ({_mentions.Count} mentions)";
}

/// <summary>Where the text asserts a relation: the sentence, the trigger and the two argument mentions.</summary>
/// <param name="SentenceIndex">Index of the sentence.</param>
/// <param name="TriggerStart">Offset of the trigger's first character (captured, talks), or -1 when the relation has no trigger word.</param>
/// <param name="TriggerEnd">Offset just past the trigger.</param>
/// <param name="SubjectMention">Index in <see cref="Document.Mentions"/> of the subject argument.</param>
/// <param name="ObjectMention">Index in <see cref="Document.Mentions"/> of the object argument.</param>
/// <param name="Pattern">The name of the pattern that fired.</param>
public sealed record RelationEvidence(int SentenceIndex, int TriggerStart, int TriggerEnd, int SubjectMention, int ObjectMention, string Pattern)
{
    /// <summary>Why this statement is not asserted (negated, modal, hedged, conditional), or null when the text asserts it.</summary>
    public string? Modality { get; init; }

    /// <summary>The probability the relation scorer gave this statement; 1 for rule-only extraction.</summary>
    public double Confidence { get; init; } = 1.0;
}

/// <summary>A typed relation between two entities (captured, deployed_to, held_talks_with...), with its evidence.</summary>
public sealed class Relation
{
    internal Relation(string type, int subjectEntity, int objectEntity, bool symmetric)
    {
        Type = type;
        SubjectEntity = subjectEntity;
        ObjectEntity = objectEntity;
        Symmetric = symmetric;
    }

    /// <summary>The relation type from the schema.</summary>
    public string Type { get; }

    /// <summary>Index in <see cref="Document.Entities"/> of the subject.</summary>
    public int SubjectEntity { get; }

    /// <summary>Index in <see cref="Document.Entities"/> of the object.</summary>
    public int ObjectEntity { get; }

    /// <summary>Whether the relation holds in both directions (held_talks_with).</summary>
    public bool Symmetric { get; }

    private readonly List<RelationEvidence> _evidence = [];

    /// <summary>Each place in the text that asserts the relation.</summary>
    public IReadOnlyList<RelationEvidence> Evidence => _evidence;

    /// <summary>Whether some evidence asserts the relation (rather than negating, hedging or supposing it).</summary>
    public bool IsAsserted => _evidence.Exists(static e => e.Modality is null);

    /// <summary>The highest confidence among the asserted evidence (among all evidence when none is asserted).</summary>
    public double Confidence
    {
        get
        {
            double asserted = -1, any = 0;
            foreach (RelationEvidence e in _evidence)
            {
                any = Math.Max(any, e.Confidence);
                if (e.Modality is null)
                    asserted = Math.Max(asserted, e.Confidence);
            }
            return asserted >= 0 ? asserted : any;
        }
    }

    internal void AddEvidence(RelationEvidence evidence) => _evidence.Add(evidence);
}
