namespace EntityGraph.Relations;

/// <summary>
/// A path over the dependency parse, from an anchor token (a trigger or an argument's head) to another token.
/// Syntax (one or more alternatives separated by <c>|</c>; steps separated by <c>/</c>):
/// <list type="bullet">
/// <item><c>obj</c>: a child attached as obj (a base label such as <c>obl</c> also matches <c>obl:tmod</c>; <c>obl:agent</c> matches only itself; <c>*</c> matches any).</item>
/// <item><c>&lt;xcomp</c>: up to the head, when this token is attached to it as xcomp (<c>&lt;advcl</c> only from a clause
/// without a subject of its own).</item>
/// <item><c>obl(to,into)</c>: the reached token must have a case or mark child with one of these lemmas.</item>
/// <item><c>appos{city,town}</c>: the reached token's lemma must be one of these.</item>
/// <item><c>.{retake,recapture}</c>, <c>.(under)</c>: stay on the current token, which must pass the filters (a test on the
/// trigger itself: <c>.{speak}/obl(to)</c>).</item>
/// </list>
/// Example: <c>obl:agent | obl(by)</c>; <c>obj/nmod(to)</c>; <c>&lt;nsubj/obj</c>.
/// </summary>
internal sealed class DependencyPath
{
    internal readonly record struct Step(bool Up, string Label, string[]? CaseLemmas, string[]? Lemmas);

    private readonly Step[][] _alternatives;

    private DependencyPath(Step[][] alternatives, string text)
    {
        _alternatives = alternatives;
        Text = text;
    }

    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; returns null and a message when it is malformed.</summary>
    public static DependencyPath? TryParse(string text, out string? error)
    {
        error = null;
        var alternatives = new List<Step[]>();
        foreach (string alternative in text.Split('|'))
        {
            string trimmed = alternative.Trim();
            if (trimmed.Length == 0)
            {
                error = $"empty alternative in path '{text}'";
                return null;
            }
            var steps = new List<Step>();
            foreach (string rawStep in trimmed.Split('/'))
            {
                Step? step = ParseStep(rawStep.Trim(), out error);
                if (step is null)
                {
                    error = $"{error} in path '{text}'";
                    return null;
                }
                steps.Add(step.Value);
            }
            alternatives.Add([.. steps]);
        }
        return new DependencyPath([.. alternatives], text);
    }

    private static Step? ParseStep(string s, out string? error)
    {
        error = null;
        bool up = s.StartsWith('<');
        if (up)
            s = s[1..];
        string[]? caseLemmas = null, lemmas = null;
        int paren = s.IndexOf('(');
        int brace = s.IndexOf('{');
        int labelEnd = s.Length;
        if (paren >= 0)
            labelEnd = Math.Min(labelEnd, paren);
        if (brace >= 0)
            labelEnd = Math.Min(labelEnd, brace);
        string label = s[..labelEnd];
        if (label == "." && up)
        {
            error = "'<.' makes no sense ('.' stays on the current token)";
            return null;
        }
        if (label.Length == 0 || !(label is "*" or "." || label.All(c => char.IsAsciiLetterLower(c) || c == ':' || c == '_')))
        {
            error = $"bad dependency label '{label}' (use a UD label such as nsubj, obl:agent, or *)";
            return null;
        }
        string rest = s[labelEnd..];
        while (rest.Length > 0)
        {
            char open = rest[0];
            char close = open == '(' ? ')' : open == '{' ? '}' : '\0';
            int end = close == '\0' ? -1 : rest.IndexOf(close);
            if (end < 0)
            {
                error = $"unclosed or unexpected '{open}' after '{label}'";
                return null;
            }
            string[] items = rest[1..end].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (items.Length == 0)
            {
                error = $"empty lemma list after '{label}'";
                return null;
            }
            if (open == '(')
                caseLemmas = items;
            else
                lemmas = items;
            rest = rest[(end + 1)..];
        }
        return new Step(up, label, caseLemmas, lemmas);
    }

    /// <summary>Adds to <paramref name="results"/> every token reached from <paramref name="anchor"/>.</summary>
    public void Match(ParsedSentence sentence, int anchor, List<int> results)
    {
        foreach (Step[] steps in _alternatives)
            Walk(sentence, anchor, steps, 0, results);
    }

    private static void Walk(ParsedSentence sentence, int token, Step[] steps, int index, List<int> results)
    {
        if (index == steps.Length)
        {
            if (!results.Contains(token))
                results.Add(token);
            return;
        }
        Step step = steps[index];
        if (step.Label == ".")
        {
            if (Filters(sentence, token, step))
                Walk(sentence, token, steps, index + 1, results);
            return;
        }
        if (step.Up)
        {
            int head = sentence.Head(token);
            // A clause with a subject of its own takes none from the clause above: "<advcl/nsubj" reads "India acted,
            // dispatching teams" but not "After Iran sent troops, Iraq protested".
            // Likewise a coordinated verb: "<conj/nsubj" reads "Turkish forces launched an operation and captured X".
            if (step.Label is "advcl" or "conj" && HasSubject(sentence, token))
                return;
            if (head >= 0 && LabelMatches(step.Label, sentence.Label(token)) && Filters(sentence, head, step))
                Walk(sentence, head, steps, index + 1, results);
            return;
        }
        foreach (int child in sentence.Children(token))
        {
            if (LabelMatches(step.Label, sentence.Label(child)) && Filters(sentence, child, step))
                Walk(sentence, child, steps, index + 1, results);
        }
    }

    private static bool HasSubject(ParsedSentence sentence, int token)
    {
        foreach (int child in sentence.Children(token))
        {
            if (LabelMatches("nsubj", sentence.Label(child)))
                return true;
        }
        return false;
    }

    private static bool Filters(ParsedSentence sentence, int token, Step step)
    {
        if (step.Lemmas is not null && !Contains(step.Lemmas, sentence.Lemma(token)))
            return false;
        if (step.CaseLemmas is null)
            return true;
        foreach (int child in sentence.Children(token))
        {
            string label = sentence.Label(child);
            if (label is "case" or "mark" && Contains(step.CaseLemmas, sentence.Lemma(child)))
                return true;
        }
        return false;
    }

    /// <summary>Whether <paramref name="value"/> is one of <paramref name="items"/>, ignoring case (lemma lists).</summary>
    internal static bool Contains(string[] items, string value)
    {
        foreach (string item in items)
        {
            if (string.Equals(item, value, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    /// <summary><c>obl</c> matches <c>obl</c> and <c>obl:tmod</c>; <c>obl:agent</c> matches only itself.</summary>
    internal static bool LabelMatches(string pattern, string label)
    {
        if (pattern == "*")
            return true;
        if (label.Length == 0)
            return false;
        if (pattern.Contains(':', StringComparison.Ordinal))
            return pattern == label;
        int colon = label.IndexOf(':');
        return colon < 0 ? pattern == label : label.AsSpan(0, colon).SequenceEqual(pattern);
    }
}
