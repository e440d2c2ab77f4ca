using System.Runtime.CompilerServices;

namespace EntityGraph.Text;

/// <summary>
/// The news tokenizer. It never loses or invents a character: each token is a slice [start, end) of the input and
/// only whitespace lies between tokens. Splitting follows Universal Dependencies English (the parser's training
/// data): hyphens between letters are tokens of their own (al - Qaeda - inspired), clitics split off (Iraq 's,
/// wo n't), abbreviations keep their period (U.S., Gen.), and URLs, e-mail addresses, @handles and #hashtags
/// stay whole.
/// </summary>
/// <remarks>Stateless and allocation-free per token: one static method over the text.</remarks>
[SkipLocalsInit]
internal static class Tokenizer
{
    /// <summary>Receives tokens in text order.</summary>
    internal interface ISink
    {
        void Add(int start, int length, TokenKind kind);
    }

    /// <summary>Tokenizes <paramref name="text"/> into <paramref name="sink"/>.</summary>
    public static void Tokenize<TSink>(string text, ref TSink sink) where TSink : struct, ISink
    {
        var scanner = new Scanner<TSink>(text, ref sink);
        scanner.Run();
    }

    /// <summary>Tokenizes <paramref name="document"/>'s text into its token array.</summary>
    public static void Tokenize(Document document)
    {
        var sink = new DocumentSink(document);
        Tokenize(document.Text, ref sink);
    }

    private readonly struct DocumentSink(Document document) : ISink
    {
        public void Add(int start, int length, TokenKind kind) => document.AddToken(start, length, kind);
    }

    private ref struct Scanner<TSink> where TSink : struct, ISink
    {
        private readonly string _text;
        private readonly ref TSink _sink;

        public Scanner(string text, ref TSink sink)
        {
            _text = text;
            _sink = ref sink;
        }

        public void Run()
        {
            string text = _text;
            int n = text.Length;
            int i = 0;
            while (i < n)
            {
                if (CharClass.IsWhiteSpace(text[i]))
                {
                    i++;
                    continue;
                }
                int end = i + 1;
                bool plain = CharClass.IsLetter(text[i]);
                while (end < n)
                {
                    char c = text[end];
                    if (CharClass.IsWhiteSpace(c))
                        break;
                    plain &= c < 128 && CharClass.IsLetter(c);
                    end++;
                }
                // Most chunks are plain words: one token, no further look.
                if (plain)
                    _sink.Add(i, end - i, TokenKind.Word);
                else
                    Chunk(i, end);
                i = end;
            }
        }

        /// <summary>A whitespace-delimited chunk: cut at hard splitters, keep URLs and handles whole.</summary>
        private void Chunk(int start, int end)
        {
            string text = _text;
            int pieceStart = start;
            int p = start;
            while (p < end)
            {
                if (p == pieceStart)
                {
                    int special = MatchSpecial(p, end, out TokenKind kind);
                    if (special > p)
                    {
                        _sink.Add(p, special - p, kind);
                        p = pieceStart = special;
                        continue;
                    }
                }
                int hard = HardSplitLength(p, end);
                if (hard > 0)
                {
                    Piece(pieceStart, p);
                    _sink.Add(p, hard, HardKind(text[p]));
                    p += hard;
                    pieceStart = p;
                    continue;
                }
                p++;
            }
            Piece(pieceStart, end);
        }

        private static TokenKind HardKind(char c) =>
            c is '*' or '|' or '=' or '^' or '~' or '\\' or '<' or '>' || char.IsControl(c) || char.IsSurrogate(c)
            || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.OtherSymbol or System.Globalization.UnicodeCategory.MathSymbol
                or System.Globalization.UnicodeCategory.PrivateUse or System.Globalization.UnicodeCategory.OtherNotAssigned
                ? TokenKind.Symbol
                : TokenKind.Punctuation;

        /// <summary>Length of a splitter at <paramref name="p"/> that is a token wherever it stands, or 0.</summary>
        private readonly int HardSplitLength(int p, int end)
        {
            string text = _text;
            char c = text[p];
            if (c == '.' || c == '-')
            {
                // Ellipsis "..." (any run of two or more periods) and the typewriter dash "--".
                int q = p + 1;
                while (q < end && text[q] == c)
                    q++;
                return q - p >= 2 ? q - p : 0;
            }
            if (c == '!' && p + 1 < end && text[p + 1] == '!')
            {
                int q = p + 1;
                while (q < end && text[q] == '!')
                    q++;
                return q - p;
            }
            if (c < 128)
                return CharClass.IsHardSplit(c) ? 1 : 0;
            if (!CharClass.IsHardSplit(c))
                return 0;
            // Emoji, flags and other symbols: one token per grapheme cluster (a ZWJ sequence, a flag's two regional
            // indicators, a keycap or a skin-tone modifier stays whole). Only non-ASCII hard splitters pay for this.
            if (char.IsHighSurrogate(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.OtherSymbol)
                return Math.Max(1, System.Globalization.StringInfo.GetNextTextElementLength(text.AsSpan(p, end - p)));
            return 1;
        }

        /// <summary>URL, e-mail, @handle or #hashtag starting at <paramref name="p"/>: returns its end, or -1.</summary>
        private readonly int MatchSpecial(int p, int end, out TokenKind kind)
        {
            string text = _text;
            char c = text[p];
            kind = TokenKind.Word;
            if (c == '@')
            {
                int q = p + 1;
                while (q < end && (CharClass.IsLetterOrDigit(text[q]) || text[q] == '_'))
                    q++;
                kind = TokenKind.Handle;
                return q - p >= 2 ? q : -1;
            }
            if (c == '#')
            {
                int q = p + 1;
                bool letter = false;
                while (q < end && (CharClass.IsLetterOrDigit(text[q]) || text[q] == '_'))
                {
                    letter |= CharClass.IsLetter(text[q]);
                    q++;
                }
                kind = TokenKind.Hashtag;
                return letter ? q : -1;
            }
            if (!CharClass.IsLetterOrDigit(c))
                return -1;
            ReadOnlySpan<char> rest = text.AsSpan(p, end - p);
            if (StartsWithScheme(rest) || rest.StartsWith("www.", StringComparison.OrdinalIgnoreCase) || IsBareDomain(rest))
            {
                kind = TokenKind.Url;
                return TrimUrlEnd(p, end);
            }
            int at = rest.IndexOf('@');
            if (at > 0 && IsEmail(rest, at, out int emailLength))
            {
                kind = TokenKind.Email;
                return p + emailLength;
            }
            return -1;
        }

        private static bool StartsWithScheme(ReadOnlySpan<char> s) =>
            s.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || s.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || s.StartsWith("ftp://", StringComparison.OrdinalIgnoreCase);

        /// <summary>t.co/x, example.com/path or example.com: host labels, a lowercase top-level domain, then a path or a known TLD.</summary>
        private static bool IsBareDomain(ReadOnlySpan<char> s)
        {
            int i = 0;
            int dots = 0;
            int lastLabelStart = 0;
            while (i < s.Length)
            {
                char c = s[i];
                if (c is >= 'a' and <= 'z' || c is >= 'A' and <= 'Z' || c is >= '0' and <= '9' || c == '-')
                {
                    i++;
                    continue;
                }
                if (c == '.' && i > 0 && s[i - 1] != '.')
                {
                    dots++;
                    lastLabelStart = i + 1;
                    i++;
                    continue;
                }
                break;
            }
            if (dots == 0)
                return false;
            ReadOnlySpan<char> tld = s[lastLabelStart..i];
            if (tld.Length < 2 || tld.Length > 6)
                return false;
            foreach (char c in tld)
            {
                if (c is < 'a' or > 'z')
                    return false;
            }
            if (i < s.Length && s[i] == '/' && i + 1 < s.Length && !CharClass.IsWhiteSpace(s[i + 1]))
                return true;
            // Without a path only well-known endings count, so that "etc.but" stays words.
            bool atEnd = i == s.Length || (i < s.Length && s[i] is '.' or ',' or ')' or ';' or ':' or '"' or '\u201D' or '\'' or '\u2019' or '!' or '?');
            return atEnd && tld is "com" or "org" or "net" or "gov" or "edu" or "mil" or "int" or "io" or "uk" or "info" or "biz" or "us" or "eu";
        }

        private static bool IsEmail(ReadOnlySpan<char> s, int at, out int length)
        {
            length = 0;
            for (int i = 0; i < at; i++)
            {
                char c = s[i];
                if (!(CharClass.IsLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-'))
                    return false;
            }
            int q = at + 1;
            int lastDot = -1;
            while (q < s.Length && (CharClass.IsLetterOrDigit(s[q]) || s[q] is '.' or '-'))
            {
                if (s[q] == '.')
                    lastDot = q;
                q++;
            }
            // Drop a trailing period: it ends the sentence, not the address.
            while (q > at + 1 && s[q - 1] == '.')
            {
                q--;
                lastDot = s[..q].LastIndexOf('.');
            }
            if (lastDot <= at + 1 || q - lastDot - 1 < 2)
                return false;
            length = q;
            return true;
        }

        /// <summary>A URL runs to the end of the chunk, less the punctuation that closes the sentence around it.</summary>
        private readonly int TrimUrlEnd(int p, int end)
        {
            string text = _text;
            int q = end;
            while (q > p + 1)
            {
                char c = text[q - 1];
                if (c is '.' or ',' or ';' or ':' or '!' or '?' or '"' or '\'' or '\u201D' or '\u2019' or ']' or '}' or '>' or '\u2026')
                {
                    q--;
                    continue;
                }
                // Keep a closing parenthesis only when the URL opened one (Wikipedia links).
                if (c == ')' && text.AsSpan(p, q - p).IndexOf('(') < 0)
                {
                    q--;
                    continue;
                }
                break;
            }
            return q;
        }

        /// <summary>A piece between hard splitters: peel leading and trailing punctuation, then split inside.</summary>
        private void Piece(int start, int end)
        {
            if (start >= end)
                return;
            string text = _text;

            // Leading: an opening single quote, a currency sign or a dash that is not a minus sign.
            while (start < end)
            {
                char c = text[start];
                if (CharClass.IsApostrophe(c) && start + 1 < end && !IsLeadingClitic(start, end))
                {
                    _sink.Add(start, 1, TokenKind.Punctuation);
                    start++;
                    continue;
                }
                if (c is '$' or '\u00A3' or '\u20AC' or '\u00A5' && start + 1 < end)
                {
                    _sink.Add(start, 1, TokenKind.Symbol);
                    start++;
                    continue;
                }
                if ((CharClass.IsHyphen(c) || c is ',' or ':' or '!' or '/' or '&' or '+' or '%' or '\'' or '\u2019') && start + 1 < end && !CharClass.IsDigit(text[start + 1]))
                {
                    _sink.Add(start, 1, CharClass.IsHyphen(c) || c is ',' or ':' or '!' or '\'' or '\u2019' ? TokenKind.Punctuation : TokenKind.Symbol);
                    start++;
                    continue;
                }
                break;
            }

            // Trailing punctuation, found from the end and emitted after the core.
            Span<int> trailing = stackalloc int[16];
            int trailingCount = 0;
            int coreEnd = end;
            while (coreEnd > start && trailingCount < trailing.Length)
            {
                char c = text[coreEnd - 1];
                bool split;
                if (c == '.')
                    split = coreEnd - 1 > start && !Abbreviations.KeepsPeriod(LastWord(start, coreEnd), NextStartsWithDigit(end));
                else if (c == '!')
                    split = coreEnd - 1 > start && !IsExclaimedName(start, coreEnd);
                else if (c is ',' or ':' or '\u2019' or '\'')
                    split = coreEnd - 1 > start;
                else if (c == '%')
                    split = coreEnd - 1 > start && CharClass.IsDigit(text[coreEnd - 2]);
                else if (CharClass.IsHyphen(c) || c is '/' or '&' or '+')
                    split = coreEnd - 1 > start;
                else
                    split = false;
                if (!split)
                    break;
                // A trailing apostrophe after s is the plural possessive (countries').
                if (CharClass.IsApostrophe(c) && coreEnd - 2 >= start && text[coreEnd - 2] is 's' or 'S' && coreEnd - 2 > start)
                {
                    trailing[trailingCount++] = coreEnd - 1;
                    coreEnd--;
                    break;
                }
                trailing[trailingCount++] = coreEnd - 1;
                coreEnd--;
            }

            Core(start, coreEnd);

            for (int t = trailingCount - 1; t >= 0; t--)
            {
                int at = trailing[t];
                char c = text[at];
                TokenKind kind = c is '%' or '/' or '&' or '+' ? TokenKind.Symbol
                    : CharClass.IsApostrophe(c) && at > 0 && text[at - 1] is 's' or 'S' && t == trailingCount - 1 ? TokenKind.Clitic
                    : TokenKind.Punctuation;
                _sink.Add(at, 1, kind);
            }
        }

        /// <summary>'em, 'til, '90s, 'n': an apostrophe that belongs to the word after it.</summary>
        private readonly bool IsLeadingClitic(int start, int end)
        {
            string text = _text;
            if (CharClass.IsDigit(text[start + 1]))
                return true;
            ReadOnlySpan<char> rest = text.AsSpan(start + 1, end - start - 1);
            return rest.Equals("em", StringComparison.OrdinalIgnoreCase) || rest.Equals("til", StringComparison.OrdinalIgnoreCase)
                || rest.Equals("n", StringComparison.OrdinalIgnoreCase) || rest.Equals("cause", StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>The last hyphen-free word of [start, end), so "U.S.-based" looks at "based" and "Gen." at "Gen.".</summary>
        private readonly ReadOnlySpan<char> LastWord(int start, int end)
        {
            string text = _text;
            int s = end - 1;
            while (s > start && !CharClass.IsHyphen(text[s - 1]) && text[s - 1] != '/')
                s--;
            return text.AsSpan(s, end - s);
        }

        private readonly bool NextStartsWithDigit(int end)
        {
            string text = _text;
            int q = end;
            while (q < text.Length && CharClass.IsWhiteSpace(text[q]))
                q++;
            return q < text.Length && CharClass.IsDigit(text[q]);
        }

        /// <summary>Names whose exclamation mark is part of the name.</summary>
        private readonly bool IsExclaimedName(int start, int end)
        {
            ReadOnlySpan<char> word = _text.AsSpan(start, end - start);
            return word is "Yahoo!" or "Jeopardy!" or "Oklahoma!" or "Wham!" or "Panic!";
        }

        /// <summary>The core of a piece: split at hyphens next to letters, non-numeric commas and colons, run-together sentences and clitics.</summary>
        private void Core(int start, int end)
        {
            if (start >= end)
                return;
            string text = _text;
            int word = start;
            for (int k = start; k < end; k++)
            {
                char c = text[k];
                if (CharClass.IsHyphen(c))
                {
                    if (k == word || k + 1 >= end)
                        continue;
                    char left = text[k - 1];
                    char right = text[k + 1];
                    // Hyphens between digits stay (1996-08-22, 3-1); between letters they split, as in UD English.
                    if ((CharClass.IsLetter(left) || CharClass.IsLetter(right) || left == '.') && CharClass.IsLetterOrDigit(right))
                    {
                        Word(word, k);
                        _sink.Add(k, 1, TokenKind.Punctuation);
                        word = k + 1;
                    }
                }
                else if (c is ',' or ':')
                {
                    if (k > word && k + 1 < end && CharClass.IsDigit(text[k - 1]) && CharClass.IsDigit(text[k + 1]))
                        continue;
                    Word(word, k);
                    _sink.Add(k, 1, TokenKind.Punctuation);
                    word = k + 1;
                }
                else if (c == '.')
                {
                    // "insurgency.The": a lowercase word, a period, then a capitalised word is a missing space.
                    if (k - word >= 2 && k + 2 < end && CharClass.IsLower(text[k - 1]) && CharClass.IsLower(text[k - 2])
                        && CharClass.IsUpper(text[k + 1]) && CharClass.IsLower(text[k + 2])
                        && !Abbreviations.KeepsPeriod(text.AsSpan(word, k + 1 - word), false))
                    {
                        Word(word, k);
                        _sink.Add(k, 1, TokenKind.Punctuation);
                        word = k + 1;
                    }
                }
                else if (c == '!' && k > word && k + 1 < end)
                {
                    Word(word, k);
                    _sink.Add(k, 1, TokenKind.Punctuation);
                    word = k + 1;
                }
            }
            Word(word, end);
        }

        /// <summary>Emits a word, splitting an English clitic off its end: Iraq 's, wo n't, They 're.</summary>
        private void Word(int start, int end)
        {
            if (start >= end)
                return;
            string text = _text;
            int length = end - start;
            if (length >= 3)
            {
                int clitic = CliticLength(start, end);
                if (clitic > 0 && clitic < length)
                {
                    _sink.Add(start, length - clitic, Classify(start, end - clitic));
                    _sink.Add(end - clitic, clitic, TokenKind.Clitic);
                    return;
                }
            }
            _sink.Add(start, length, Classify(start, end));
        }

        private readonly int CliticLength(int start, int end)
        {
            string text = _text;
            char last = char.ToLowerInvariant(text[end - 1]);
            char prev = text[end - 2];
            // 's 'd 'm
            if (CharClass.IsApostrophe(prev) && last is 's' or 'd' or 'm' && CharClass.IsLetterOrDigit(text[end - 3]))
                return 2;
            if (end - start < 4)
                return 0;
            char prev2 = text[end - 3];
            // n't
            if (last == 't' && CharClass.IsApostrophe(prev) && char.ToLowerInvariant(prev2) == 'n' && CharClass.IsLetter(text[end - 4]))
                return 3;
            // 're 've 'll
            if (CharClass.IsApostrophe(prev2) && CharClass.IsLetter(text[end - 4])
                && ((char.ToLowerInvariant(prev) == 'r' && last == 'e') || (char.ToLowerInvariant(prev) == 'v' && last == 'e') || (char.ToLowerInvariant(prev) == 'l' && last == 'l')))
                return 3;
            return 0;
        }

        private readonly TokenKind Classify(int start, int end)
        {
            string text = _text;
            char first = text[start];
            if (CharClass.IsDigit(first) || (first is '-' or '+' && end - start > 1 && CharClass.IsDigit(text[start + 1])))
            {
                for (int i = start + 1; i < end; i++)
                {
                    char c = text[i];
                    if (!(CharClass.IsDigit(c) || c is ',' or '.' or ':' or '/' or '-'))
                        return TokenKind.Word;
                }
                return TokenKind.Number;
            }
            if (end - start == 1 && !CharClass.IsLetterOrDigit(first))
                return first is '.' or ',' or ':' or '!' or '?' or '\'' or '\u2019' or '-' ? TokenKind.Punctuation : TokenKind.Symbol;
            if (!CharClass.IsLetterOrDigit(first) && !CharClass.IsApostrophe(first))
            {
                for (int i = start + 1; i < end; i++)
                {
                    if (CharClass.IsLetterOrDigit(text[i]))
                        return TokenKind.Word;
                }
                return TokenKind.Symbol;
            }
            return TokenKind.Word;
        }
    }
}
