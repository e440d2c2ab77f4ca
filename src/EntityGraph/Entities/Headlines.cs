using EntityGraph.Tagging;

namespace EntityGraph.Entities;

/// <summary>
/// Title-case headlines ("U.S. Sending Troops to Defend the Embassy in Baghdad"), the first line of most news pages.
/// There capitalisation no longer marks names, and the recognizer, trained on CoNLL-2003 (whose headlines are in
/// capitals or sentence case), runs names on into the headline's verbs: "U.S. Sending Troops" as one ORG, "Kerry
/// Meets Zarif" as one PER. In such a line a capitalised word that the tagger reads as an inflected verb, and whose
/// ending agrees (-ing for VBG, -s for VBZ, -ed for VBD), is kept outside every name, and the recognizer decodes the
/// rest of the line around it. Base forms (VB, VBP) and participles (VBN: "United", "Allied") are left alone.
/// </summary>
internal static class Headlines
{
    /// <summary>Words of at least this many letters decide whether a line is in title case ("of", "the", "in" do not).</summary>
    private const int MinWordLength = 4;

    /// <summary>A headline is short; a long sentence of capitalised words is a list of names (a sports table).</summary>
    private const int MaxTokens = 30;

    /// <summary>
    /// Sets O (label 0) in <paramref name="fixedLabels"/> (the sentence's forced labels, -1 where free) for the headline
    /// verbs of the sentence of <paramref name="count"/> tokens at <paramref name="first"/>; returns whether it set any.
    /// </summary>
    public static bool KeepVerbsOutOfNames(Document document, int first, int count, Span<int> fixedLabels)
    {
        if (!IsTitleCase(document, first, count))
            return false;
        bool any = false;
        for (int k = 0; k < count; k++)
        {
            if (fixedLabels[k] >= 0)
                continue; // a dictionary name wins
            Token token = document.Tokens[first + k];
            if (IsHeadlineVerb(token.Text, token.Xpos))
            {
                fixedLabels[k] = 0;
                any = true;
            }
        }
        return any;
    }

    /// <summary>
    /// Whether at least 80 % of the sentence's words of four letters or more are capitalised (at least three such
    /// words, not all in capitals, at most <see cref="MaxTokens"/> tokens) while a short word is in lower case ("to",
    /// "in", "the"): title case lowercases its small words, and the lines of names that sports tables are made of
    /// ("Reading 0 Port Vale 1", "Racing Club 0 Rosario Central 2") have none.
    /// </summary>
    internal static bool IsTitleCase(Document document, int first, int count)
    {
        if (count > MaxTokens)
            return false;
        int words = 0, capitalised = 0;
        bool lowerLetter = false, functionWord = false;
        for (int k = first; k < first + count; k++)
        {
            ReadOnlySpan<char> text = document.Tokens[k].Text;
            if (text.Length < 2 || !IsLetters(text))
                continue;
            if (text.Length < MinWordLength)
            {
                functionWord |= char.IsLower(text[0]);
                continue;
            }
            words++;
            if (WordShape.IsTitle(text))
                capitalised++;
            if (text[1..].ContainsAnyInRange('a', 'z'))
                lowerLetter = true;
        }
        return words >= 3 && lowerLetter && functionWord && capitalised * 5 >= words * 4;
    }

    internal static bool IsHeadlineVerb(ReadOnlySpan<char> word, string? xpos)
    {
        if (word.Length < MinWordLength || !WordShape.IsTitle(word) || xpos is null)
            return false;
        return xpos switch
        {
            "VBG" => word.EndsWith("ing", StringComparison.OrdinalIgnoreCase),
            "VBZ" => word.EndsWith("s", StringComparison.OrdinalIgnoreCase),
            "VBD" => word.EndsWith("ed", StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }

    private static bool IsLetters(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (!char.IsLetter(c))
                return false;
        }
        return true;
    }
}
