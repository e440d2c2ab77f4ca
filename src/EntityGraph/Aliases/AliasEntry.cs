namespace EntityGraph.Aliases;

/// <summary>What an alias form stands for.</summary>
public enum AliasKind
{
    /// <summary>Another name of the entity (Islamic State, Daesh).</summary>
    Alias,
    /// <summary>An abbreviation (ISIL, U.S.); case-sensitive unless the file says otherwise.</summary>
    Acronym,
    /// <summary>A nationality adjective or noun that stands for a country (Iranian -> Iran); matched on MISC mentions.</summary>
    Demonym,
    /// <summary>A name that stands for the entity only when used as an actor (Washington -> United States).</summary>
    Metonym,
}

/// <summary>One surface form of an <see cref="AliasEntry"/>.</summary>
public sealed class AliasForm
{
    internal AliasForm(string text, AliasKind kind, bool caseSensitive, DateOnly? validFrom, DateOnly? validUntil, int line, int column)
    {
        Text = text;
        Kind = kind;
        CaseSensitive = caseSensitive;
        ValidFrom = validFrom;
        ValidUntil = validUntil;
        Line = line;
        Column = column;
        FoldedKey = AliasText.Normalize(text, fold: true);
        ExactKey = caseSensitive ? AliasText.Normalize(text, fold: false) : null;
    }

    /// <summary>The case-folded lookup key, computed once at load.</summary>
    internal string FoldedKey { get; }

    /// <summary>The exact lookup key of a case-sensitive form, else null.</summary>
    internal string? ExactKey { get; }

    /// <summary>The form as written in the dictionary.</summary>
    public string Text { get; }

    /// <summary>Alias, acronym, demonym or metonym.</summary>
    public AliasKind Kind { get; }

    /// <summary>Whether only this exact casing matches (Isis the group, not isis).</summary>
    public bool CaseSensitive { get; }

    /// <summary>First day the form names the entity, or null.</summary>
    public DateOnly? ValidFrom { get; }

    /// <summary>Last day the form names the entity, or null.</summary>
    public DateOnly? ValidUntil { get; }

    internal int Line { get; }

    internal int Column { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Kind} '{Text}'{(CaseSensitive ? " (case-sensitive)" : string.Empty)}";
}

/// <summary>One entity of an alias dictionary: a stable id, a canonical name, a type and its surface forms.</summary>
public sealed class AliasEntry
{
    internal AliasEntry(string id, string name, string type, IReadOnlyList<AliasForm> forms, DateOnly? validFrom, DateOnly? validUntil, string source, int line, int column)
    {
        Id = id;
        Name = name;
        Type = type;
        Forms = forms;
        ValidFrom = validFrom;
        ValidUntil = validUntil;
        Source = source;
        Line = line;
        Column = column;
    }

    /// <summary>The stable id (lower case letters, digits and underscores): islamic_state, united_states.</summary>
    public string Id { get; }

    /// <summary>The canonical name.</summary>
    public string Name { get; }

    /// <summary>PER, ORG, LOC or MISC.</summary>
    public string Type { get; }

    /// <summary>Every surface form, the canonical name first.</summary>
    public IReadOnlyList<AliasForm> Forms { get; }

    /// <summary>First day the entity exists under these names, or null.</summary>
    public DateOnly? ValidFrom { get; }

    /// <summary>Last day, or null.</summary>
    public DateOnly? ValidUntil { get; }

    /// <summary>The file (or resource) the entry came from.</summary>
    public string Source { get; }

    /// <summary>
    /// Whether the recognizer must tag this entity's names and acronyms wherever they occur, with this type, over
    /// what its model would say (YAML key <c>force: true</c>; the forms match case-sensitively).
    /// </summary>
    public bool Force { get; init; }

    /// <summary>
    /// The least FuzzySharp ratio (0-1) at which a mention that matches none of the entity's forms may still link to it
    /// by spelling (file key <c>min_fuzzy_ratio</c>), or null for the resolver's own threshold. A gazetteer of
    /// thousands of places the news rarely means sets it high: "Palmyra" is a near-spelling of Palmira, a city in
    /// Colombia, but not a reason to link them.
    /// </summary>
    public double? MinFuzzyRatio { get; internal set; }

    internal int Line { get; }

    internal int Column { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Type} {Id} '{Name}' ({Forms.Count} forms)";
}

/// <summary>A dictionary file is malformed: the message names the file, line and column.</summary>
public sealed class AliasDictionaryException : YamlFileException
{
    /// <summary>Creates the exception.</summary>
    public AliasDictionaryException()
        : this("The alias dictionary is invalid.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AliasDictionaryException(string message)
        : base(string.Empty, 0, 0, message, message, null)
    {
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public AliasDictionaryException(string message, Exception innerException)
        : base(string.Empty, 0, 0, message, message, innerException)
    {
    }

    internal AliasDictionaryException(string file, int line, int column, string problem, Exception? inner = null)
        : base(file, line, column, problem, inner)
    {
    }
}
