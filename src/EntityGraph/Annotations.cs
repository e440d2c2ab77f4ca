namespace EntityGraph;

/// <summary>The layers of a <see cref="Document"/> that pipeline stages read and write.</summary>
[Flags]
public enum Annotations
{
    /// <summary>No layer.</summary>
    None = 0,
    /// <summary>Tokens with character offsets.</summary>
    Tokens = 1 << 0,
    /// <summary>Sentence boundaries.</summary>
    Sentences = 1 << 1,
    /// <summary>Part-of-speech tags (UPOS and English XPOS).</summary>
    PartOfSpeech = 1 << 2,
    /// <summary>Lemmas.</summary>
    Lemmas = 1 << 3,
    /// <summary>Dependency heads and labels.</summary>
    Dependencies = 1 << 4,
    /// <summary>Named-entity mentions (PER, ORG, LOC, MISC).</summary>
    Mentions = 1 << 5,
    /// <summary>Mentions grouped into canonical entities (alias resolution).</summary>
    Entities = 1 << 6,
    /// <summary>Typed relations between entities.</summary>
    Relations = 1 << 7,
}
