using System.Text.RegularExpressions;

namespace EntityGraph.Entities;

/// <summary>
/// Span rules after decoding for names with internal structure the recognizer (trained on CoNLL-2003) cuts or
/// mistypes in news (ANNOTATION.md sections 1 and 3a): ships ("USS Gerald R. Ford", MISC), numbered military units
/// ("82nd Airborne Division", ORG), a country's forces or bodies ("Turkish Armed Forces", "U.S. Embassy", ORG),
/// operations ("Operation Euphrates Shield": the name after "Operation", MISC), "IS" as the Islamic State (ORG) in
/// running text, and organisation names with "of" and "for" ("Atomic Energy Organisation of Iran").
/// </summary>
internal static partial class NameSpans
{
    [Flags]
    internal enum Rules
    {
        None = 0,
        Ships = 1,
        Units = 2,
        Bodies = 4,
        Operations = 8,
        IslamicState = 16,
        OrganisationNames = 32,
        Places = 64,
        TimeZones = 128,
        All = Ships | Units | Bodies | Operations | IslamicState | OrganisationNames | Places | TimeZones,
    }

    /// <summary>The rules the recognizer stage applies (each measured alone in models/README.md).</summary>
    internal const Rules Enabled = Rules.All;

    private static readonly HashSet<string> ShipPrefixes = new(StringComparer.Ordinal) { "USS", "HMS", "HMAS", "HMCS", "INS" };

    /// <summary>The last word of a military unit's name.</summary>
    private static readonly HashSet<string> UnitWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "Brigade", "Division", "Battalion", "Regiment", "Corps", "Army", "Fleet", "Squadron", "Wing", "Company", "Group",
    };

    // Span lookups: the rules read every token of every article, and a string per token is an allocation per token.
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ShipPrefix = ShipPrefixes.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> UnitWord = UnitWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Unit words a number may follow as part of the name: "Light Infantry Battalion 289", "Task Force 58".</summary>
    private static readonly HashSet<string> NumberedUnitWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "Brigade", "Division", "Battalion", "Regiment", "Corps", "Fleet", "Squadron", "Wing", "Command", "Center", "Centre",
        "Force", "Flotilla", "Unit", "Group",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NumberedUnitWord = NumberedUnitWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Time zones, which follow a clock time in news ("0652 GMT") and name no entity.</summary>
    private static readonly HashSet<string> TimeZoneNames = new(StringComparer.Ordinal)
    {
        "GMT", "UTC", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "CET", "CEST", "BST", "JST", "KST", "AEST", "AEDT",
        "EAT", "WAT", "CAT", "SAST", "MSK", "HKT",
    };

    /// <summary>A country's bodies named after it: "Turkish Armed Forces", "Indian Air Force", "U.S. Embassy".</summary>
    private static readonly string[][] Bodies =
    [
        ["Armed", "Forces"], ["Air", "Force"], ["Army"], ["Navy"], ["Parliament"], ["Embassy"], ["Coast", "Guard"],
        ["Marine", "Corps"], ["Marines"], ["Special", "Forces"], ["Defence", "Forces"], ["Defense", "Forces"], ["Consulate"],
    ];

    /// <summary>The last word of an organisation's name that an "of" or "for" phrase can continue.</summary>
    private static readonly HashSet<string> OrganisationHeads = new(StringComparer.Ordinal)
    {
        "Organisation", "Organization", "Authority", "Council", "Agency", "Ministry", "Commission", "Committee",
        "Institute", "Office", "Union", "Association", "Federation", "Front", "Movement", "Coalition", "Department",
        "League", "Alliance", "Corporation", "Bureau", "Directorate", "Administration", "Board", "Service", "Guard",
    };

    /// <summary>The last word of a place's name, which no person's name ends in: "Lakatia Province" read as PER.</summary>
    private static readonly HashSet<string> PlaceHeads = new(StringComparer.Ordinal)
    {
        "Province", "Governorate", "District", "Region", "County", "Oblast", "Prefecture", "Township", "Municipality", "Valley", "Island",
    };

    /// <summary>Kinds of place whose "of" phrase names one: "the city of Palmyra", "the town of Rutbah".</summary>
    private static readonly HashSet<string> PlaceKinds = new(StringComparer.OrdinalIgnoreCase)
    {
        "city", "town", "village", "capital", "province", "district", "port", "governorate", "region", "township",
    };

    [GeneratedRegex("^[0-9]+(st|nd|rd|th)$")]
    private static partial Regex Ordinal();

    /// <summary>Applies the rules to the mentions [<paramref name="first"/>, end) the recognizer added; dictionary names stay.</summary>
    public static void Apply(Document document, int first, Rules rules)
    {
        if (rules == Rules.None || document.TokenCount == 0)
            return;
        JoinAndDrop(document, first, rules);
        var spans = new List<(int First, int Count, string Label)>();
        var relabel = new List<(Mention Mention, string Label)>();
        int sentences = Math.Max(1, document.SentenceCount);
        for (int s = 0; s < sentences; s++)
        {
            SentenceData sentence = document.SentenceCount == 0 ? new SentenceData(0, document.TokenCount) : document.SentenceAt(s);
            int start = sentence.FirstToken, end = start + sentence.TokenCount;
            bool caps = IsAllCaps(document, start, end);
            for (int i = start; i < end; i++)
            {
                ReadOnlySpan<char> w = Word(document, i);
                if ((rules & Rules.Ships) != 0 && ShipPrefix.Contains(w) && i + 1 < end && IsCapitalised(document, i + 1))
                {
                    int j = i + 1;
                    while (j < end && IsCapitalised(document, j))
                        j++;
                    spans.Add((i, j - i, "MISC"));
                    i = j - 1;
                    continue;
                }
                if ((rules & Rules.Units) != 0 && Ordinal().IsMatch(w))
                {
                    // "82nd Airborne Division", "1st Separate Marine battalion": up to five words, the last a unit word.
                    int j = i + 1;
                    int unitEnd = -1;
                    while (j < end && j - i <= 5 && (IsCapitalised(document, j) || UnitWord.Contains(Word(document, j))))
                    {
                        if (UnitWord.Contains(Word(document, j)))
                            unitEnd = j + 1;
                        j++;
                    }
                    if (unitEnd > i + 1)
                    {
                        spans.Add((i, unitEnd - i, "ORG"));
                        i = unitEnd - 1;
                        continue;
                    }
                }
                if ((rules & Rules.IslamicState) != 0 && !caps && w.SequenceEqual("IS"))
                    spans.Add((i, 1, "ORG"));
            }
        }
        IReadOnlyList<Mention> mentions = document.Mentions;
        for (int k = first; k < mentions.Count; k++)
        {
            Mention m = mentions[k];
            if (m.Source != "model")
                continue;
            int end = m.FirstToken + m.TokenCount;
            // A unit's number is part of its name: "Operations Command Center 19".
            if ((rules & Rules.Units) != 0 && m.Label is "ORG" or "PER" && end < document.TokenCount && NumberedUnitWord.Contains(Word(document, end - 1))
                && IsCardinal(Word(document, end)))
                spans.Add((m.FirstToken, m.TokenCount + 1, "ORG"));
            // A person's name does not end in "Brigade": "Givati Brigade" read as PER.
            if ((rules & Rules.Units) != 0 && m.Label == "PER" && UnitWord.Contains(Word(document, end - 1)))
                relabel.Add((m, "ORG"));
            // Nor in "Force" or "Council" ("Quds Force" read as PER), nor in "Province".
            else if ((rules & Rules.Places) != 0 && m.Label is "PER" or "ORG" && m.TokenCount > 1)
            {
                string last = Word(document, end - 1).ToString();
                if (m.Label == "PER" && (OrganisationHeads.Contains(last) || last is "Force" or "Forces" or "Party"))
                    relabel.Add((m, "ORG"));
                // An organisation may end in "County" (football's "Notts County"), not in "Province".
                else if (PlaceHeads.Contains(last) && (m.Label == "PER" || last is "Province" or "Governorate" or "Oblast" or "Prefecture"))
                    relabel.Add((m, "LOC"));
            }
            // "the ancient city of Palmyra": a place, and so every mention of that name in the article.
            if ((rules & Rules.Places) != 0 && m.Label is "PER" or "ORG" or "LOC" && AfterPlaceKind(document, m.FirstToken))
            {
                for (int o = first; o < mentions.Count; o++)
                {
                    if (mentions[o].Source == "model" && mentions[o].Label is "PER" or "ORG" && mentions[o].TextSpan.SequenceEqual(m.TextSpan))
                        relabel.Add((mentions[o], "LOC"));
                }
            }
            if ((rules & Rules.Operations) != 0 && m.Label != "MISC" && AfterOperation(document, m.FirstToken))
            {
                // Every mention of the operation's name, also those without "Operation" before them.
                for (int o = first; o < mentions.Count; o++)
                {
                    if (mentions[o].Source == "model" && mentions[o].TextSpan.SequenceEqual(m.TextSpan))
                        relabel.Add((mentions[o], "MISC"));
                }
            }
            if ((rules & Rules.Bodies) != 0 && m.Label is "LOC" or "MISC")
            {
                int body = BodyLength(document, end);
                if (body > 0)
                    spans.Add((m.FirstToken, m.TokenCount + body, "ORG"));
            }
            if ((rules & Rules.OrganisationNames) != 0 && m.Label == "ORG")
            {
                int length = OrganisationLength(document, m, k);
                if (length > m.TokenCount)
                    spans.Add((m.FirstToken, length, "ORG"));
                // "Supreme National" + "Security Council": two organisation names with nothing between are one.
                else if (k + 1 < mentions.Count && mentions[k + 1] is { Label: "ORG", Source: "model" } next && next.FirstToken == end
                    && document.TokenAt(end).Sentence == document.TokenAt(m.FirstToken).Sentence)
                    spans.Add((m.FirstToken, m.TokenCount + next.TokenCount, "ORG"));
            }
        }
        foreach ((Mention m, string label) in relabel)
            m.Label = label;
        if (spans.Count == 0)
            return;
        // Rule spans replace the model mentions they overlap (the first rule span wins where two overlap).
        spans.Sort(static (a, b) => a.First != b.First ? a.First.CompareTo(b.First) : b.Count.CompareTo(a.Count));
        var kept = new List<(int First, int Count, string Label)>();
        foreach (var span in spans)
        {
            if (kept.Count > 0 && kept[^1].First + kept[^1].Count > span.First)
                continue;
            // A name never crosses a sentence boundary (the fuzz harness found one): later stages read mentions
            // sentence by sentence.
            if (document.SentenceCount > 0
                && document.TokenAt(span.First).Sentence != document.TokenAt(span.First + span.Count - 1).Sentence)
                continue;
            kept.Add(span);
        }
        var covered = new List<(int First, int Count, string Label)>();
        foreach (var span in kept)
        {
            bool dictionary = false, same = false;
            for (int k = first; k < mentions.Count; k++)
            {
                Mention m = mentions[k];
                if (m.FirstToken < span.First + span.Count && span.First < m.FirstToken + m.TokenCount)
                {
                    dictionary |= m.Source != "model";
                    same |= m.FirstToken == span.First && m.TokenCount == span.Count;
                }
            }
            if (dictionary)
                continue;
            if (same)
            {
                foreach (Mention m in mentions)
                {
                    if (m.FirstToken == span.First && m.TokenCount == span.Count)
                        m.Label = span.Label;
                }
                continue;
            }
            covered.Add(span);
        }
        if (covered.Count == 0)
            return;
        document.RemoveMentions(m => m.Index >= first && m.Source == "model" && covered.Exists(c => m.FirstToken < c.First + c.Count && c.First < m.FirstToken + m.TokenCount));
        foreach (var span in covered)
            document.AddMention(span.First, span.Count, span.Label, "model", 1.0);
        document.SortMentions();
    }

    /// <summary>Department words of bare titles: "Defense Secretary Lloyd Austin" names no organisation (ANNOTATION.md 3a).</summary>
    private static readonly HashSet<string> TitleDepartments = new(StringComparer.Ordinal)
    {
        "Defense", "Defence", "Interior", "Foreign", "Finance", "Justice", "Energy", "Commerce", "Treasury", "Health", "Home", "Trade",
        "Labour", "Labor", "Agriculture", "Education", "Transport", "Homeland",
    };

    private static readonly HashSet<string> TitleRoles = new(StringComparer.OrdinalIgnoreCase) { "Secretary", "Minister", "Chief", "Spokesman", "Spokeswoman" };

    /// <summary>
    /// Drops a department word the recognizer tagged in a bare title ("Defense Secretary X"), and joins a model
    /// organisation name to a dictionary one right after it ("Supreme National" + "Security Council"): the dictionary's
    /// "Security Council" is the UN's, but preceded by more of a name it is another body's.
    /// </summary>
    private static void JoinAndDrop(Document document, int first, Rules rules)
    {
        IReadOnlyList<Mention> mentions = document.Mentions;
        var drop = new HashSet<Mention>(ReferenceEqualityComparer.Instance);
        var joined = new List<(int First, int Count)>();
        for (int k = first; k < mentions.Count; k++)
        {
            Mention m = mentions[k];
            if (m.Source != "model")
                continue;
            int end = m.FirstToken + m.TokenCount;
            if ((rules & Rules.Bodies) != 0 && m.TokenCount == 1 && end < document.TokenCount && TitleDepartments.Contains(m.Text)
                && TitleRoles.Contains(Word(document, end).ToString()))
            {
                drop.Add(m);
                continue;
            }
            // "at 3:52 p.m. (0652 GMT)": a time zone after a clock time is no organisation or event.
            if ((rules & Rules.TimeZones) != 0 && m.TokenCount == 1 && m.FirstToken > 0 && TimeZoneNames.Contains(m.Text)
                && IsClockTime(Word(document, m.FirstToken - 1)))
            {
                drop.Add(m);
                continue;
            }
            if ((rules & Rules.OrganisationNames) != 0 && m.Label == "ORG" && k + 1 < mentions.Count && mentions[k + 1] is { Label: "ORG" } next
                && next.Source != "model" && next.FirstToken == end && document.TokenAt(end).Sentence == document.TokenAt(m.FirstToken).Sentence
                && AllCapitalised(document, m.FirstToken, end))
            {
                drop.Add(m);
                drop.Add(next);
                joined.Add((m.FirstToken, m.TokenCount + next.TokenCount));
                k++;
            }
        }
        if (drop.Count == 0)
            return;
        document.RemoveMentions(drop.Contains);
        foreach ((int f, int n) in joined)
            document.AddMention(f, n, "ORG", "model", 1.0);
        document.SortMentions();
    }

    /// <summary>A number of up to four digits (a unit's number, not a year-like or longer figure).</summary>
    private static bool IsCardinal(ReadOnlySpan<char> word) => word.Length is > 0 and <= 4 && !word.ContainsAnyExceptInRange('0', '9');

    /// <summary>A clock time or its part: "0652", "3:52", "11:00am", "p.m.", "pm".</summary>
    private static bool IsClockTime(ReadOnlySpan<char> word) =>
        word is "a.m." or "p.m." or "am" or "pm" or "AM" or "PM" or "a.m" or "p.m"
        || word.Length is >= 3 and <= 7 && char.IsAsciiDigit(word[0]) && (word.Length == 4 && !word.ContainsAnyExceptInRange('0', '9') || word.Contains(':'));

    private static bool AllCapitalised(Document document, int start, int end)
    {
        for (int i = start; i < end; i++)
        {
            if (!IsCapitalised(document, i))
                return false;
        }
        return true;
    }

    /// <summary>"Operation Euphrates Shield", "operation “Euphrates Shield”": the word before the name, an opening quote aside.</summary>
    private static bool AfterPlaceKind(Document document, int token) =>
        token >= 2 && Word(document, token - 1).SequenceEqual("of") && PlaceKinds.Contains(Word(document, token - 2).ToString());

    private static bool AfterOperation(Document document, int token)
    {
        int k = token - 1;
        if (k >= 0 && Word(document, k) is ['"' or '\u201C' or '\''])
            k--;
        return k >= 0 && Word(document, k).Equals("operation", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A sentence without a lower-case letter: a headline in capitals, where "IS" is a verb.</summary>
    private static bool IsAllCaps(Document document, int start, int end)
    {
        for (int i = start; i < end; i++)
        {
            foreach (char c in Word(document, i))
            {
                if (char.IsLower(c))
                    return false;
            }
        }
        return true;
    }

    private static ReadOnlySpan<char> Word(Document document, int token)
    {
        ref TokenData t = ref document.TokenAt(token);
        return document.Text.AsSpan(t.Start, t.Length);
    }

    /// <summary>A capitalised word or an initial ("R."), not punctuation.</summary>
    private static bool IsCapitalised(Document document, int token)
    {
        ReadOnlySpan<char> w = Word(document, token);
        return w.Length > 0 && char.IsUpper(w[0]);
    }

    /// <summary>How many tokens after <paramref name="at"/> name a country's body ("Armed Forces"); 0 when none.</summary>
    private static int BodyLength(Document document, int at)
    {
        foreach (string[] body in Bodies)
        {
            if (at + body.Length > document.TokenCount)
                continue;
            bool match = true;
            for (int k = 0; k < body.Length && match; k++)
                match = Word(document, at + k).SequenceEqual(body[k]) && document.TokenAt(at + k).Sentence == document.TokenAt(at).Sentence;
            // "Air Force One" is a plane; "Army Public School" is longer than the body: leave those to the model.
            if (match && (at + body.Length >= document.TokenCount || !IsCapitalised(document, at + body.Length)))
                return body.Length;
        }
        return 0;
    }

    /// <summary>
    /// The token count of an organisation's name continued by "of" or "for" and capitalised words, with "and" between
    /// them ("General Authority for Crossings and Borders"); the mention's own length when it is not continued.
    /// </summary>
    private static int OrganisationLength(Document document, Mention m, int index)
    {
        int end = m.FirstToken + m.TokenCount;
        if (!OrganisationHeads.Contains(Word(document, end - 1).ToString()))
            return m.TokenCount;
        int sentence = document.TokenAt(m.FirstToken).Sentence;
        int j = end;
        if (j + 1 >= document.TokenCount || document.TokenAt(j + 1).Sentence != sentence)
            return m.TokenCount;
        ReadOnlySpan<char> joiner = Word(document, j);
        if (!joiner.SequenceEqual("of") && !joiner.SequenceEqual("for"))
            return m.TokenCount;
        int last = -1;
        j++;
        while (j < document.TokenCount && document.TokenAt(j).Sentence == sentence)
        {
            if (IsCapitalised(document, j))
            {
                last = j;
                j++;
                continue;
            }
            if (Word(document, j).SequenceEqual("and") && last == j - 1 && j + 1 < document.TokenCount && IsCapitalised(document, j + 1))
            {
                j++;
                continue;
            }
            break;
        }
        // The continuation must be a name the model found (the place or the words after "of"), not a person.
        if (last < 0 || PersonAt(document, end + 1, last + 1))
            return m.TokenCount;
        return last + 1 - m.FirstToken;
    }

    private static bool PersonAt(Document document, int from, int to)
    {
        foreach (Mention m in document.Mentions)
        {
            if (m.FirstToken < to && from < m.FirstToken + m.TokenCount && m.Label == "PER")
                return true;
        }
        return false;
    }
}
