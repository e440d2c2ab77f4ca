namespace EntityGraph.Text;

/// <summary>
/// Converts offsets of a text between UTF-16 code units (what <see cref="Document"/>, the JSON output and .NET strings
/// count) and Unicode code points (what brat, its tools and Python count). They differ only after characters outside
/// the Basic Multilingual Plane (emoji, many CJK extension characters), which take two UTF-16 units and one code
/// point. A surrogate that is not part of a pair counts as one code point, as Python counts it.
/// </summary>
/// <remarks>Costs nothing for text without surrogate pairs; otherwise one <see cref="int"/> per pair, and a binary
/// search per conversion.</remarks>
public sealed class CodePointMap
{
    /// <summary>UTF-16 offsets of the low surrogates of the text's surrogate pairs, ascending; empty for BMP-only text.</summary>
    private readonly int[] _pairLows;

    /// <summary>Builds the map of <paramref name="text"/>.</summary>
    /// <param name="text">The text whose offsets are converted.</param>
    public CodePointMap(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Utf16Length = text.Length;
        int first = text.AsSpan().IndexOfAnyInRange('\uD800', '\uDBFF');
        if (first < 0)
        {
            _pairLows = [];
            CodePointLength = text.Length;
            return;
        }
        var lows = new List<int>();
        for (int i = first; i + 1 < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && char.IsLowSurrogate(text[i + 1]))
            {
                lows.Add(i + 1);
                i++;
            }
        }
        _pairLows = [.. lows];
        CodePointLength = text.Length - _pairLows.Length;
    }

    /// <summary>The text's length in UTF-16 code units.</summary>
    public int Utf16Length { get; }

    /// <summary>The text's length in code points.</summary>
    public int CodePointLength { get; }

    /// <summary>Whether the two units agree everywhere (the text has no surrogate pairs).</summary>
    public bool IsIdentity => _pairLows.Length == 0;

    /// <summary>The code-point offset of UTF-16 offset <paramref name="utf16Offset"/> (0 to <see cref="Utf16Length"/>).</summary>
    /// <param name="utf16Offset">An offset in UTF-16 code units. One that falls inside a surrogate pair maps to the
    /// offset after the pair's character.</param>
    /// <returns>The offset in code points.</returns>
    public int ToCodePoint(int utf16Offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(utf16Offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(utf16Offset, Utf16Length);
        if (_pairLows.Length == 0)
            return utf16Offset;
        // Pairs whose low surrogate lies before the offset each take one unit more than one code point.
        int index = Array.BinarySearch(_pairLows, utf16Offset);
        int before = index >= 0 ? index : ~index;
        return utf16Offset - before;
    }

    /// <summary>The UTF-16 offset of code-point offset <paramref name="codePointOffset"/>, or -1 when it lies past the
    /// end of the text.</summary>
    /// <param name="codePointOffset">An offset in code points, 0 to <see cref="CodePointLength"/>.</param>
    /// <returns>The offset in UTF-16 code units, or -1.</returns>
    public int ToUtf16(int codePointOffset)
    {
        if (codePointOffset < 0 || codePointOffset > CodePointLength)
            return -1;
        if (_pairLows.Length == 0)
            return codePointOffset;
        // The k-th pair (0-based) starts at code point _pairLows[k] - 1 - k; count the pairs that start before the offset.
        int lo = 0, hi = _pairLows.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_pairLows[mid] - 1 - mid < codePointOffset)
                lo = mid + 1;
            else
                hi = mid;
        }
        return codePointOffset + lo;
    }
}
