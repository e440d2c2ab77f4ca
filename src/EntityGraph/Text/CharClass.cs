using System.Runtime.CompilerServices;

namespace EntityGraph.Text;

/// <summary>Character tests for the tokenizer: an ASCII table first, Unicode categories only past it.</summary>
internal static class CharClass
{
    [Flags]
    private enum Bits : byte
    {
        None = 0,
        Letter = 1,
        Digit = 2,
        Upper = 4,
        Lower = 8,
        Space = 16,
        /// <summary>Splits a token wherever it occurs (quotes, brackets, ; ? and so on).</summary>
        Hard = 32,
    }

    private static readonly Bits[] Ascii = BuildAscii();

    private static Bits[] BuildAscii()
    {
        var table = new Bits[128];
        for (int c = 0; c < 128; c++)
        {
            Bits b = Bits.None;
            if (c is >= 'a' and <= 'z')
                b |= Bits.Letter | Bits.Lower;
            else if (c is >= 'A' and <= 'Z')
                b |= Bits.Letter | Bits.Upper;
            else if (c is >= '0' and <= '9')
                b |= Bits.Digit;
            else if (c is ' ' or '\t' or '\n' or '\r' or '\v' or '\f')
                b |= Bits.Space;
            if (c is '"' or '(' or ')' or '[' or ']' or '{' or '}' or '<' or '>' or ';' or '?' or '*' or '|' or '=' or '^' or '`' or '~' or '\\')
                b |= Bits.Hard;
            table[c] = b;
        }
        return table;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsWhiteSpace(char c) => c < 128 ? (Ascii[c] & Bits.Space) != 0 : char.IsWhiteSpace(c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsLetter(char c) => c < 128 ? (Ascii[c] & Bits.Letter) != 0 : char.IsLetter(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsDigit(char c) => c < 128 ? (Ascii[c] & Bits.Digit) != 0 : char.IsDigit(c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsLetterOrDigit(char c) => c < 128 ? (Ascii[c] & (Bits.Letter | Bits.Digit)) != 0 : IsLetter(c) || char.IsDigit(c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsUpper(char c) => c < 128 ? (Ascii[c] & Bits.Upper) != 0 : char.IsUpper(c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsLower(char c) => c < 128 ? (Ascii[c] & Bits.Lower) != 0 : char.IsLower(c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u02BC';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsHyphen(char c) => c is '-' or '\u2010' or '\u2011';

    /// <summary>Em dash, en dash, horizontal bar, minus sign: always tokens of their own.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsDash(char c) => c is '\u2014' or '\u2013' or '\u2015' or '\u2012' or '\u2212';

    /// <summary>Characters that are a token of their own wherever they stand.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsHardSplit(char c)
    {
        if (c < 128)
            return (Ascii[c] & Bits.Hard) != 0;
        return c is '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u00AB' or '\u00BB' or '\u2018' or '\u201A' or '\u2039' or '\u203A'
            or '\u2026' or '\u00BF' or '\u00A1' or '\u2022' or '\u00B7' or '\u00A7' or '\u00B6' or '\u2020' or '\u2021'
            || IsDash(c) || char.IsControl(c) || char.IsSurrogate(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.OtherSymbol or System.Globalization.UnicodeCategory.PrivateUse or System.Globalization.UnicodeCategory.OtherNotAssigned;
    }

    /// <summary>Opening quotes and brackets: a sentence can start with them.</summary>
    public static bool IsOpening(char c) => c is '"' or '\'' or '(' or '[' or '{' or '\u201C' or '\u2018' or '\u00AB' or '\u201E';

    /// <summary>Closing quotes and brackets: they stay with the sentence they close.</summary>
    public static bool IsClosing(char c) => c is '"' or '\'' or ')' or ']' or '}' or '\u201D' or '\u2019' or '\u00BB';
}
