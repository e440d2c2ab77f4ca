namespace EntityGraph.Relations;

/// <summary>
/// A pattern over the words of a sentence rather than its parse, for constructions whose wording is fixed but whose
/// parse is often wrong: titles before and after names ("Iraqi Prime Minister Nuri al-Maliki", "Bill Speaks, a
/// Pentagon spokesman"). Elements are separated by spaces:
/// <list type="bullet">
/// <item><c>subject</c>, <c>object</c>: a whole mention (it must start here; the match goes on after its last token).</item>
/// <item><c>{a, b}</c>: a word whose lemma or lower-cased form is in the list (sets expand: <c>{$role}</c>).</item>
/// <item><c>[ADJ, PROPN]</c>: a word with one of these universal POS tags.</item>
/// <item>anything else, e.g. <c>,</c> <c>'s</c> <c>of</c>: that word, ignoring case.</item>
/// <item><c>a|b</c>: either (no spaces); a trailing <c>?</c>, <c>*</c> or <c>+</c> repeats the element (at most eight times).</item>
/// <item><c>!x</c>: the word here is not <c>x</c> (or the sentence ends); it consumes nothing. As the first element it
/// tests the word before the match: <c>!{,} subject , object !{and,or}</c> is "X, Y" outside a list.</item>
/// </list>
/// Example: <c>object 's? [ADJ]|{$title}* {$role}+ ,? subject</c>.
/// </summary>
internal sealed class TokenSequence
{
    private const int MaxRepeat = 8;

    private enum AtomKind
    {
        Subject,
        Object,
        Lemmas,
        Tags,
        Word,
    }

    private readonly record struct Atom(AtomKind Kind, string[] Values)
    {
        // Long word lists ({$role}, {$honorific}: dozens of words) are tested at every word of every sentence: a hash
        // set with the same case-insensitive equality answers as the loop over Values does, in one lookup.
        public HashSet<string>? Set { get; } = Kind is AtomKind.Lemmas or AtomKind.Word && Values.Length > 4
            ? new HashSet<string>(Values, StringComparer.OrdinalIgnoreCase) : null;
    }

    private readonly record struct Element(Atom[] Alternatives, int Min, int Max, bool Negated = false)
    {
        public bool IsSlot => Alternatives[0].Kind is AtomKind.Subject or AtomKind.Object;
    }

    private readonly Element[] _elements;

    // Whether the first element that consumes a word is a slot (only zero-width tests before it): then a match can
    // start only where a mention starts, and Match skips the other words without walking from them.
    private readonly bool _startsWithSlot;

    private TokenSequence(Element[] elements, string text)
    {
        _elements = elements;
        Text = text;
        foreach (Element element in elements)
        {
            if (element.Negated)
                continue;
            _startsWithSlot = element.IsSlot;
            break;
        }
    }

    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; returns null and a message when it is malformed.</summary>
    public static TokenSequence? TryParse(string text, out string? error)
    {
        error = null;
        var elements = new List<Element>();
        int subjects = 0, objects = 0;
        foreach (string raw in SplitElements(text))
        {
            string item = raw;
            int min = 1, max = 1;
            bool negated = item.Length > 1 && item[0] == '!';
            if (negated)
                item = item[1..];
            if (!negated && item.Length > 1 && item[^1] is '?' or '*' or '+')
            {
                (min, max) = item[^1] switch { '?' => (0, 1), '*' => (0, MaxRepeat), _ => (1, MaxRepeat) };
                item = item[..^1];
            }
            var atoms = new List<Atom>();
            foreach (string alternative in SplitAlternatives(item))
            {
                Atom? atom = ParseAtom(alternative, out error);
                if (atom is null)
                {
                    error = $"{error} in sequence '{text}'";
                    return null;
                }
                atoms.Add(atom.Value);
            }
            bool slot = atoms.Exists(a => a.Kind is AtomKind.Subject or AtomKind.Object);
            if (slot && negated)
            {
                error = $"'!' cannot negate 'subject' or 'object' in sequence '{text}'";
                return null;
            }
            if (slot && (atoms.Count > 1 || min != 1 || max != 1))
            {
                error = $"'subject' and 'object' stand alone in sequence '{text}' (no '|', '?', '*' or '+' on them)";
                return null;
            }
            if (slot)
            {
                if (atoms[0].Kind == AtomKind.Subject)
                    subjects++;
                else
                    objects++;
            }
            elements.Add(new Element([.. atoms], min, max, negated));
        }
        if (subjects != 1 || objects != 1)
        {
            error = $"sequence '{text}' needs exactly one 'subject' and one 'object' (has {subjects} and {objects})";
            return null;
        }
        return new TokenSequence([.. elements], text);
    }

    // Spaces separate elements, except inside {...} and [...] where lists may have spaces after commas.
    private static List<string> SplitElements(string text)
    {
        var items = new List<string>();
        int depth = 0, start = -1;
        for (int i = 0; i <= text.Length; i++)
        {
            char c = i < text.Length ? text[i] : ' ';
            if (c is '{' or '[')
                depth++;
            else if (c is '}' or ']')
                depth = Math.Max(0, depth - 1);
            if (char.IsWhiteSpace(c) && (depth == 0 || i == text.Length))
            {
                if (start >= 0)
                    items.Add(text[start..i]);
                start = -1;
            }
            else if (start < 0)
            {
                start = i;
            }
        }
        return items;
    }

    private static List<string> SplitAlternatives(string item)
    {
        var parts = new List<string>();
        int depth = 0, start = 0;
        for (int i = 0; i < item.Length; i++)
        {
            char c = item[i];
            if (c is '{' or '[')
                depth++;
            else if (c is '}' or ']')
                depth = Math.Max(0, depth - 1);
            else if (c == '|' && depth == 0 && i > start)
            {
                parts.Add(item[start..i]);
                start = i + 1;
            }
        }
        parts.Add(item[start..]);
        return parts;
    }

    private static Atom? ParseAtom(string s, out string? error)
    {
        error = null;
        if (s.Length == 0)
        {
            error = "an empty alternative";
            return null;
        }
        if (s == "subject")
            return new Atom(AtomKind.Subject, []);
        if (s == "object")
            return new Atom(AtomKind.Object, []);
        if (s[0] is '{' or '[')
        {
            char close = s[0] == '{' ? '}' : ']';
            if (s[^1] != close || s.Length < 3)
            {
                error = $"'{s}' is not closed by '{close}'";
                return null;
            }
            string[] values = s[1..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (values.Length == 0)
            {
                error = $"'{s}' lists nothing";
                return null;
            }
            if (close == ']')
            {
                foreach (string tag in values)
                {
                    if (!tag.All(char.IsAsciiLetterUpper))
                    {
                        error = $"'{tag}' is not a universal POS tag (ADJ, NOUN, PROPN...)";
                        return null;
                    }
                }
                return new Atom(AtomKind.Tags, values);
            }
            return new Atom(AtomKind.Lemmas, values);
        }
        if (s.IndexOfAny(['{', '}', '[', ']']) >= 0)
        {
            error = $"'{s}' mixes a word with a bracket";
            return null;
        }
        return new Atom(AtomKind.Word, [s]);
    }

    /// <summary>
    /// Adds to <paramref name="matches"/> the (subject mention, object mention) of every match that starts at a word of
    /// <paramref name="sentence"/>; <paramref name="mentionAt"/> maps a document token to its mention or -1.
    /// </summary>
    public void Match(ParsedSentence sentence, int[] mentionAt, IReadOnlyList<Mention> mentions, List<(int Subject, int Object)> matches)
    {
        for (int start = 0; start < sentence.Count; start++)
        {
            if (_startsWithSlot && (mentionAt[sentence.First + start] is int m && (m < 0 || mentions[m].FirstToken != sentence.First + start)))
                continue;
            Walk(sentence, mentionAt, mentions, 0, start, -1, -1, matches);
        }
    }

    private void Walk(ParsedSentence sentence, int[] mentionAt, IReadOnlyList<Mention> mentions, int index, int token, int subject, int obj,
        List<(int, int)> matches)
    {
        if (index == _elements.Length)
        {
            if (!matches.Contains((subject, obj)))
                matches.Add((subject, obj));
            return;
        }
        Element element = _elements[index];
        if (element.Negated)
        {
            // Zero width: first element looks at the word before the match, any other at the word here.
            int at = index == 0 ? token - 1 : token;
            if (at >= 0 && at < sentence.Count && Matches(sentence, at, element.Alternatives))
                return;
            Walk(sentence, mentionAt, mentions, index + 1, token, subject, obj, matches);
            return;
        }
        if (element.IsSlot)
        {
            if (token >= sentence.Count)
                return;
            int m = mentionAt[sentence.First + token];
            if (m < 0 || mentions[m].FirstToken != sentence.First + token)
                return;
            int next = token + mentions[m].TokenCount;
            if (element.Alternatives[0].Kind == AtomKind.Subject)
                Walk(sentence, mentionAt, mentions, index + 1, next, m, obj, matches);
            else
                Walk(sentence, mentionAt, mentions, index + 1, next, subject, m, matches);
            return;
        }
        // Greedy: the longest run first, then shorter ones, so "foreign policy chief" is taken whole when it can be.
        int run = 0;
        while (run < element.Max && token + run < sentence.Count && Matches(sentence, token + run, element.Alternatives))
            run++;
        for (int take = run; take >= element.Min; take--)
            Walk(sentence, mentionAt, mentions, index + 1, token + take, subject, obj, matches);
    }

    private static bool Matches(ParsedSentence sentence, int token, Atom[] alternatives)
    {
        foreach (Atom atom in alternatives)
        {
            switch (atom.Kind)
            {
                case AtomKind.Tags:
                    if (Array.IndexOf(atom.Values, sentence.Upos(token)) >= 0)
                        return true;
                    break;
                case AtomKind.Lemmas or AtomKind.Word when atom.Set is { } set:
                    if (set.Contains(sentence.Lemma(token)) || set.GetAlternateLookup<ReadOnlySpan<char>>().Contains(sentence.Text(token)))
                        return true;
                    break;
                case AtomKind.Lemmas:
                case AtomKind.Word:
                    foreach (string value in atom.Values)
                    {
                        if (string.Equals(value, sentence.Lemma(token), StringComparison.OrdinalIgnoreCase)
                            || sentence.Text(token).Equals(value.AsSpan(), StringComparison.OrdinalIgnoreCase))
                            return true;
                    }
                    break;
            }
        }
        return false;
    }
}
