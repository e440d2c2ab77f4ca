namespace EntityGraph.Text;

/// <summary>
/// Splits a tokenized document into sentences: after . ? ! and ellipses (with the closing quotes and brackets that
/// follow them), at line breaks, and never after a title (Gen.) or inside a URL. Abbreviations such as U.S. end a
/// sentence only when a typical sentence opener follows ("in the U.S. The ...", not "U.S. Embassy").
/// </summary>
internal static class SentenceSplitter
{
    /// <summary>Sentences longer than this are cut, so that garbage input cannot make later stages quadratic.</summary>
    public const int MaxSentenceTokens = 300;

    private static readonly HashSet<string> Openers = new(StringComparer.Ordinal)
    {
        "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "But", "And", "In", "On", "At", "This", "That",
        "These", "Those", "There", "His", "Her", "Its", "Their", "Our", "However", "Meanwhile", "Officials", "If", "When",
        "While", "After", "Before", "As", "Some", "Many", "Most", "No", "Yet", "So", "Still", "Now", "Last", "For",
        "What", "Why", "How", "Who", "Where", "Separately", "Earlier", "Later", "Also", "One", "Two", "Three",
    };

    public static void Split(Document document)
    {
        ReadOnlySpan<TokenData> tokens = document.TokenData;
        string text = document.Text;
        int first = 0;
        int cuts = 0;
        int firstCut = -1;
        for (int i = 0; i < tokens.Length; i++)
        {
            bool end = i + 1 == tokens.Length || i + 1 - first >= MaxSentenceTokens;
            if (end && i + 1 < tokens.Length && EndsSentenceAt(text, tokens, i) != i
                && !LineBreakBetween(text, tokens[i].End, tokens[i + 1].Start, out _))
            {
                // Cut at the cap where the text does not end a sentence.
                cuts++;
                if (firstCut < 0)
                    firstCut = tokens[i].End;
            }
            if (!end)
            {
                int afterClosing = EndsSentenceAt(text, tokens, i);
                if (afterClosing >= 0)
                {
                    i = afterClosing;
                    end = true;
                }
                else if (LineBreakBetween(text, tokens[i].End, tokens[i + 1].Start, out bool blankLine)
                    && (blankLine || !StartsLowercase(text, tokens[i + 1])))
                {
                    end = true;
                }
            }
            if (end)
            {
                document.AddSentence(first, i + 1 - first);
                first = i + 1;
            }
        }
        if (cuts > 0)
        {
            document.AddWarning(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{cuts} sentence(s) cut at the {MaxSentenceTokens}-token limit, the first at character offset {firstCut}; tags, parses and relations across the cut may be wrong."));
        }
    }

    /// <summary>
    /// If token <paramref name="i"/> ends a sentence, returns the index of the sentence's last token (after any closing
    /// quotes or brackets); otherwise -1.
    /// </summary>
    private static int EndsSentenceAt(string text, ReadOnlySpan<TokenData> tokens, int i)
    {
        TokenData t = tokens[i];
        ReadOnlySpan<char> s = text.AsSpan(t.Start, t.Length);
        bool terminal;
        bool abbreviation = false;
        if (t.Kind == TokenKind.Punctuation)
            terminal = s is "." or "?" or "!" || s[0] == '\u2026' || (s.Length >= 2 && (s[0] == '.' || s[0] == '!'));
        else if (t.Kind == TokenKind.Word && s.Length > 1 && s[^1] == '.')
        {
            terminal = !Abbreviations.IsTitle(s);
            abbreviation = true;
        }
        else
            terminal = false;
        if (!terminal)
            return -1;

        int last = i;
        // Closing quotes and brackets after the full stop stay with its sentence: ... Iran." That
        while (last + 1 < tokens.Length && tokens[last + 1].Length == 1 && IsClosingAfter(text, tokens, last + 1))
            last++;
        if (last + 1 >= tokens.Length)
            return -1;
        TokenData next = tokens[last + 1];
        char c = text[next.Start];
        if (abbreviation)
        {
            // U.S. Embassy stays together; "the U.S. The ..." splits only before a typical opener.
            ReadOnlySpan<char> nextText = text.AsSpan(next.Start, next.Length);
            bool lineBreak = LineBreakBetween(text, tokens[last].End, next.Start, out _);
            return lineBreak || Openers.GetAlternateLookup<ReadOnlySpan<char>>().Contains(nextText) ? last : -1;
        }
        // A lowercase continuation ("That...sounded", "Iraq...again") is the same sentence.
        if (CharClass.IsLower(c))
            return -1;
        // "2.5" never reaches here; a period followed by a digit or symbol-less token still ends a sentence.
        return last;
    }

    private static bool IsClosingAfter(string text, ReadOnlySpan<TokenData> tokens, int index)
    {
        char c = text[tokens[index].Start];
        if (!CharClass.IsClosing(c))
            return false;
        // A straight quote right after the full stop closes; one after whitespace opens the next sentence.
        if (c is '"' or '\'')
            return tokens[index].Start == tokens[index - 1].End;
        return true;
    }

    private static bool LineBreakBetween(string text, int from, int to, out bool blankLine)
    {
        int breaks = 0;
        for (int i = from; i < to; i++)
        {
            char c = text[i];
            if (c == '\n' || c == '\u2028' || c == '\u2029' || (c == '\r' && (i + 1 >= to || text[i + 1] != '\n')))
                breaks++;
        }
        blankLine = breaks >= 2;
        return breaks > 0;
    }

    private static bool StartsLowercase(string text, TokenData token) => CharClass.IsLower(text[token.Start]);
}
