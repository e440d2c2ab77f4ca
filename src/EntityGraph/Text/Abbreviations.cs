namespace EntityGraph.Text;

/// <summary>
/// Words whose final period belongs to the word (Gen., Mr., U.S.), and which of them may end a sentence.
/// </summary>
internal static class Abbreviations
{
    // Titles never end a sentence: a name always follows them. Lookups ignore the trailing period.
    private static readonly HashSet<string> Titles = new(StringComparer.Ordinal)
    {
        "Mr", "Mrs", "Ms", "Mssrs", "Messrs", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Cpt", "Cmdr", "Cdr", "Sgt",
        "Cpl", "Pvt", "Adm", "Brig", "Gov", "Sen", "Rep", "Reps", "Sens", "Rev", "Hon", "Pres", "Supt", "Insp", "Det",
        "Fr", "Sr", "Jr", "St", "Mt", "Ft", "Pt", "Amb", "Atty", "Asst", "Lieut", "Sec", "Secy", "Gens", "Msgr", "Mme", "Mlle",
    };

    private static readonly HashSet<string> Others = new(StringComparer.Ordinal)
    {
        "Co", "Corp", "Inc", "Ltd", "Bros", "Plc", "Cos", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
        "Oct", "Nov", "Dec", "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "vs", "etc", "approx",
        "est", "Ave", "Blvd", "Rd", "Dept", "Univ", "Assn", "Ariz", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill",
        "Ind", "Kan", "Kans", "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla",
        "Ore", "Pa", "Penn", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo", "Ala", "Ark", "Alta", "Ont", "Que",
        "al", "cf", "viz", "ca", "Ph", "Esq", "Gov't", "Govt", "Intl", "Natl", "Mfg", "Nos", "Vol", "vol", "pp", "Fig",
        "fig", "Eq", "eq", "Ch", "ch", "Sq", "sq", "ft", "mi", "oz", "lb", "lbs", "kg", "km", "min", "sec", "hr", "hrs",
    };

    /// <summary>Whether <paramref name="word"/> (which ends with '.') keeps its period.</summary>
    /// <param name="word">The candidate token, including the final period.</param>
    /// <param name="nextStartsWithDigit">Whether the next token starts with a digit ("No. 10").</param>
    public static bool KeepsPeriod(ReadOnlySpan<char> word, bool nextStartsWithDigit)
    {
        if (word.Length < 2 || word[^1] != '.')
            return false;
        ReadOnlySpan<char> stem = word[..^1];
        // A single letter: an initial (J. Smith) or part of a spelled acronym.
        if (stem.Length == 1)
            return CharClass.IsLetter(stem[0]);
        // Letters with inner periods: U.S, e.g, a.m, U.S.A.
        if (HasInnerPeriods(stem))
            return true;
        if (stem is "No" or "no" or "Nr" or "Art" or "art")
            return nextStartsWithDigit;
        var lookup = Titles.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.Contains(stem))
            return true;
        return Others.GetAlternateLookup<ReadOnlySpan<char>>().Contains(stem);
    }

    /// <summary>Whether an abbreviation token is a title (Gen., Mr.), which never ends a sentence.</summary>
    public static bool IsTitle(ReadOnlySpan<char> word)
    {
        if (word.Length > 1 && word[^1] == '.')
            word = word[..^1];
        return Titles.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);
    }

    /// <summary>Single letters joined by periods: U.S, e.g, a.m (the final period already removed).</summary>
    private static bool HasInnerPeriods(ReadOnlySpan<char> stem)
    {
        if (stem.Length < 3)
            return false;
        for (int i = 0; i < stem.Length; i++)
        {
            bool letterSlot = (i & 1) == 0;
            if (letterSlot ? !CharClass.IsLetter(stem[i]) : stem[i] != '.')
                return false;
        }
        return (stem.Length & 1) == 1;
    }
}
