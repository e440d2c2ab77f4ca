namespace EntityGraph.Entities;

/// <summary>
/// Military ranks and honorifics that the recognizer sometimes takes into a name ("Lt Gen Qassim al-Moussawi" as
/// ORG, "Rear Adm." as ORG): the guidelines (as CoNLL) keep titles out of a name, and a rank before a name says the
/// name is a person's.
/// </summary>
internal static class Honorifics
{
    private static readonly string[] Titles =
    [
        "Lt", "Lt.", "Lieut.", "Gen", "Gen.", "Col", "Col.", "Maj", "Maj.", "Capt", "Capt.", "Sgt", "Sgt.", "Cpl", "Cpl.",
        "Adm", "Adm.", "Brig", "Brig.", "Cmdr", "Cmdr.", "Ayatollah", "Dr", "Dr.", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.",
    ];

    // Titles of royals and rulers: kept out of a person's name ("King Abdullah" -> Abdullah, ANNOTATION.md section 1),
    // but only when the model already reads a person ("Prince Edward Island" and "King's College" are not persons).
    private static readonly string[] RoyalTitles = ["King", "Queen", "Prince", "Princess", "Crown", "Sheikh", "Emir", "Sultan"];

    /// <summary>How many royal titles lead the person name [<paramref name="start"/>, <paramref name="end"/>), leaving at least one token.</summary>
    public static int LeadingRoyalTitles(Document document, int start, int end)
    {
        int k = start;
        while (k < end - 1 && Is(document, k, RoyalTitles))
            k++;
        return k - start;
    }

    // Only a title when another follows: "Rear Adm.", "Grand Ayatollah" (but "Grand Rapids").
    private static readonly string[] Prefixes = ["Rear", "Vice", "Grand"];

    /// <summary>
    /// How many tokens at <paramref name="start"/> are titles, leaving at least one token of [start, end); 0 when none.
    /// <paramref name="all"/> is true when the whole span is titles (a mention of nothing).
    /// </summary>
    public static int LeadingTitles(Document document, int start, int end, out bool all)
    {
        int k = start;
        while (k < end)
        {
            if (Is(document, k, Titles))
            {
                k++;
                continue;
            }
            if (k + 1 < end + 1 && Is(document, k, Prefixes) && k + 1 < document.TokenCount && Is(document, k + 1, Titles))
            {
                k += 2;
                continue;
            }
            break;
        }
        all = k >= end && k > start;
        return Math.Min(k, end) - start;
    }

    private static bool Is(Document document, int token, string[] words)
    {
        ref TokenData t = ref document.TokenAt(token);
        ReadOnlySpan<char> text = document.Text.AsSpan(t.Start, t.Length);
        foreach (string w in words)
        {
            if (text.SequenceEqual(w))
                return true;
        }
        return false;
    }

    private static readonly string[] NameParticles = ["al", "el", "bin", "ibn", "abu", "bint", "-"];

    /// <summary>
    /// Whether the tokens [<paramref name="from"/>, <paramref name="to"/>) are only the particles that join the parts of
    /// an Arabic name ("Ali al-Sistani" read as "Ali" and "Sistani"), so the two person names around them are one.
    /// </summary>
    public static bool IsNameParticleGap(Document document, int from, int to)
    {
        if (to <= from || to - from > 3)
            return false;
        for (int k = from; k < to; k++)
        {
            if (!Is(document, k, NameParticles))
                return false;
        }
        return true;
    }
}
