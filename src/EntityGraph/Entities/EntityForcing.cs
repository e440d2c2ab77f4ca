using EntityGraph.Text;

namespace EntityGraph.Entities;

/// <summary>A token span that must be an entity of type <paramref name="Label"/>, whatever the model says.</summary>
/// <param name="FirstToken">Index of the first token in the document.</param>
/// <param name="TokenCount">Number of tokens.</param>
/// <param name="Label">PER, ORG, LOC or MISC.</param>
public readonly record struct ForcedSpan(int FirstToken, int TokenCount, string Label);

/// <summary>
/// The rule layer over the recognizer: finds spans that must be entities (dictionary entries configured to win over
/// the model). The recognizer decodes around them, so the model's labels stay valid next to a forced span.
/// Implementations must be thread-safe: one instance serves every document.
/// </summary>
public interface IEntityForcer
{
    /// <summary>Adds the forced spans found in the sentence [<paramref name="firstToken"/>, <paramref name="firstToken"/> + <paramref name="tokenCount"/>).</summary>
    /// <param name="document">The document (tokens, sentences and POS are set).</param>
    /// <param name="firstToken">The sentence's first token.</param>
    /// <param name="tokenCount">The sentence's token count.</param>
    /// <param name="spans">Receives non-overlapping spans inside the sentence.</param>
    void FindSpans(Document document, int firstToken, int tokenCount, ICollection<ForcedSpan> spans);
}

/// <summary>
/// An in-memory phrase list as an <see cref="IEntityForcer"/>: each phrase is tokenized like the text and matched
/// longest first. The YAML alias dictionaries plug in through the same interface.
/// </summary>
public sealed class PhraseListForcer : IEntityForcer
{
    private readonly Dictionary<string, List<string[]>> _byFirst;
    private readonly Dictionary<string, List<string[]>>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly Dictionary<string[], string> _labels = new(ReferenceEqualityComparer.Instance);
    private readonly StringComparison _comparison;

    /// <summary>Builds the matcher.</summary>
    /// <param name="phrases">Phrases and their labels (PER, ORG, LOC or MISC).</param>
    /// <param name="caseSensitive">Whether "Isis" must not match "ISIS".</param>
    /// <exception cref="ArgumentException">A phrase is empty or a label is not one of the four types.</exception>
    public PhraseListForcer(IEnumerable<(string Phrase, string Label)> phrases, bool caseSensitive = true)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        _comparison = caseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        _byFirst = new Dictionary<string, List<string[]>>(caseSensitive ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
        _lookup = _byFirst.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach ((string phrase, string label) in phrases)
        {
            if (Array.IndexOf(EntityRecognizerModel.Types, label) < 0)
                throw new ArgumentException($"Forced phrase '{phrase}' has label '{label}'; expected PER, ORG, LOC or MISC.", nameof(phrases));
            var document = new Document(phrase);
            Tokenizer.Tokenize(document);
            if (document.TokenCount == 0)
                throw new ArgumentException("A forced phrase is empty.", nameof(phrases));
            var tokens = new string[document.TokenCount];
            for (int i = 0; i < tokens.Length; i++)
                tokens[i] = document.Tokens[i].ToString();
            if (!_byFirst.TryGetValue(tokens[0], out List<string[]>? list))
                _byFirst[tokens[0]] = list = [];
            list.Add(tokens);
            list.Sort(static (a, b) => b.Length.CompareTo(a.Length));
            _labels[tokens] = label;
        }
    }

    /// <inheritdoc />
    public void FindSpans(Document document, int firstToken, int tokenCount, ICollection<ForcedSpan> spans)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(spans);
        int end = firstToken + tokenCount;
        TokenList tokens = document.Tokens;
        for (int i = firstToken; i < end;)
        {
            int matched = 0;
            if (_lookup.TryGetValue(tokens[i].Text, out List<string[]>? candidates))
            {
                foreach (string[] phrase in candidates)
                {
                    if (i + phrase.Length > end)
                        continue;
                    bool same = true;
                    for (int k = 1; k < phrase.Length && same; k++)
                        same = tokens[i + k].Text.Equals(phrase[k], _comparison);
                    if (same)
                    {
                        spans.Add(new ForcedSpan(i, phrase.Length, _labels[phrase]));
                        matched = phrase.Length;
                        break;
                    }
                }
            }
            i += Math.Max(1, matched);
        }
    }
}
