using EntityGraph.Entities;

namespace EntityGraph.Aliases;

/// <summary>
/// Makes the recognizer tag the names of the alias-dictionary entries marked <c>force: true</c>: curators decide that
/// "ISIS" or "White House" is always an organisation, whatever the statistical model thinks. Names and acronyms are
/// matched case-sensitively (Isis the group, not isis); demonyms and metonyms are not forced, since "Iranian" and
/// "Washington" need their context.
/// </summary>
public sealed class AliasForcer : IEntityForcer
{
    private static readonly Lazy<AliasForcer> LazyDefault = new(() => new AliasForcer(AliasDictionary.Default) { IsDefault = true }, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly PhraseListForcer _phrases;

    /// <summary>Builds the forcer from the forced entries of <paramref name="dictionary"/>.</summary>
    /// <param name="dictionary">The alias dictionary.</param>
    public AliasForcer(AliasDictionary dictionary)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        var phrases = new List<(string, string)>();
        foreach (AliasEntry entry in dictionary.Entries)
        {
            if (!entry.Force)
                continue;
            foreach (AliasForm form in entry.Forms)
            {
                // "The Guardian": the guidelines keep a determiner outside the name, so such a form is not forced.
                if (form.Kind is AliasKind.Alias or AliasKind.Acronym && !form.Text.StartsWith("The ", StringComparison.OrdinalIgnoreCase))
                    phrases.Add((form.Text, entry.Type));
            }
        }
        PhraseCount = phrases.Count;
        _phrases = new PhraseListForcer(phrases, caseSensitive: true);
    }

    /// <summary>The forcer over the embedded default dictionaries.</summary>
    public static AliasForcer Default => LazyDefault.Value;

    /// <summary>Whether this is <see cref="Default"/>, which a pipeline with a user dictionary swaps for one over it.</summary>
    internal bool IsDefault { get; private init; }

    /// <summary>How many surface forms are forced.</summary>
    public int PhraseCount { get; }

    /// <inheritdoc />
    public void FindSpans(Document document, int firstToken, int tokenCount, ICollection<ForcedSpan> spans) =>
        _phrases.FindSpans(document, firstToken, tokenCount, spans);
}
