using System.Runtime.CompilerServices;
using System.Text;

namespace EntityGraph.Aliases;

/// <summary>
/// The one normalisation that dictionary aliases and mention texts both go through, so that a lookup is a single
/// hash probe: "U.S." and "US" meet, "al‑Maliki" and "al-Maliki" meet, runs of whitespace are one space.
/// </summary>
[SkipLocalsInit]
internal static class AliasText
{
    /// <summary>Longest mention text the resolver normalises; longer mentions are not names.</summary>
    public const int MaxLength = 256;

    // Latin-1 Supplement and Latin Extended-A letters folded to their ASCII base (InvariantGlobalization has no
    // Unicode decomposition to lean on). Index = code point - 0xC0.
    private const string LatinFold =
        "aaaaaaaceeeeiiii" + "dnooooo\u00d7ouuuuyps" + "aaaaaaaceeeeiiii" + "dnooooo\u00f7ouuuuypy" +
        "aaaaaaccccccccdd" + "ddeeeeeeeeeegggg" + "gggghhhhiiiiiiii" + "iijjjjkkklllllll" +
        "lllnnnnnnnnnoooo" + "oooorrrrrrssssss" + "ssttttttuuuuuuuu" + "uuuuwwyyyzzzzzzs";

    /// <summary>Whether the character is dropped from keys ("U.S." = "US", "Yahoo! News" = "Yahoo News").</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsDropped(char c) => c is '.' or '!' or ',' or '"' or '(' or ')' or '?' or '\u201c' or '\u201d' or ':' or ';';

    /// <summary>
    /// Writes the normalised form of <paramref name="source"/> into <paramref name="destination"/> (at least as long)
    /// and returns its length. With <paramref name="fold"/>, letters are lower-cased, accents removed, and a leading
    /// "the " dropped.
    /// </summary>
    public static int Normalize(ReadOnlySpan<char> source, Span<char> destination, bool fold)
    {
        int n = 0;
        bool pendingSpace = false;
        foreach (char raw in source)
        {
            char c = raw;
            if (char.IsWhiteSpace(c) || c == '_')
            {
                pendingSpace = n > 0;
                continue;
            }
            if (IsDropped(c))
                continue;
            if (c is '\u2018' or '\u2019' or '`' or '\u02bc')
                c = '\'';
            else if (c is '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014')
                c = '-';
            else if (fold)
                c = Fold(c);
            if (pendingSpace)
            {
                destination[n++] = ' ';
                pendingSpace = false;
            }
            destination[n++] = c;
        }
        if (fold && n > 4 && destination[0] == 't' && destination[1] == 'h' && destination[2] == 'e' && destination[3] == ' ')
        {
            destination[4..n].CopyTo(destination);
            n -= 4;
        }
        return n;
    }

    /// <summary>The normalised form as a string (load time only).</summary>
    public static string Normalize(string value, bool fold)
    {
        Span<char> buffer = value.Length <= MaxLength ? stackalloc char[MaxLength] : new char[value.Length];
        int n = Normalize(value, buffer, fold);
        return new string(buffer[..n]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static char Fold(char c)
    {
        if (c < 0x80)
            return c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
        if (c is >= '\u00c0' and <= '\u017f')
            return LatinFold[c - 0xc0];
        return char.ToLowerInvariant(c);
    }

    /// <summary>
    /// A transliteration key: the folded consonants with vowels, separators and doubled letters removed, so that
    /// Tal Afar, Tel Afar and Telafer all give "tlfr". Used only to bucket fuzzy candidates.
    /// </summary>
    public static int Skeleton(ReadOnlySpan<char> folded, Span<char> destination)
    {
        int n = 0;
        char last = '\0';
        foreach (char c in folded)
        {
            if (c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y' or ' ' or '-' or '\'' || !char.IsLetterOrDigit(c))
                continue;
            if (c == last)
                continue;
            destination[n++] = c;
            last = c;
        }
        return n;
    }

    /// <summary>A stable lower-case id from a name: "Nouri al-Maliki" -> "nouri_al_maliki".</summary>
    public static string Slug(string name)
    {
        var builder = new StringBuilder(name.Length);
        bool pendingUnderscore = false;
        foreach (char raw in name)
        {
            char c = Fold(raw);
            if (c == '+')
            {
                if (builder.Length > 0)
                    builder.Append('_');
                builder.Append("plus");
                pendingUnderscore = true;
                continue;
            }
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                if (pendingUnderscore && builder.Length > 0)
                    builder.Append('_');
                pendingUnderscore = false;
                builder.Append(c);
            }
            else if (c is not '\'' and not '.')
            {
                pendingUnderscore = true;
            }
        }
        return builder.ToString();
    }
}
