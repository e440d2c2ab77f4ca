using EntityGraph.Aliases;

namespace EntityGraph.Entities;

/// <summary>
/// Document-level decisions after the recognizer has labelled every sentence of an article (Krishnan and Manning 2006;
/// Ratinov and Roth 2009 aggregate the same evidence as features): one name keeps one type through the article, and
/// a name that is part of a person's full name is that person.
/// <list type="bullet">
/// <item>A name joined to a lower-case word by a hyphen ("US-led", "Gaza-based", "Cold War-era") is the name alone
/// (ANNOTATION.md section 1: a name used as a modifier is still tagged); two names joined by a hyphen that the article
/// also names apart ("Gaza-Egypt", "Obama-Castro") are two mentions.</item>
/// <item>A name whose words are the first or last words of a person's full name elsewhere in the article is that
/// person ("Lloyd Austin" ... "Austin"), whatever the sentence's own reading.</item>
/// <item>The same name (case-folded) with different types in one article takes the type that holds at least two
/// thirds of the confidence summed over its mentions ("Tikrit" MISC once next to LOC four times); dictionary names
/// weigh as much as two confident model ones.</item>
/// </list>
/// Only model mentions change; names forced by a dictionary stay as they are.
/// </summary>
internal static class DocumentConsistency
{
    /// <summary>Which rules run (tests and measurements switch them one by one).</summary>
    [Flags]
    internal enum Rules
    {
        None = 0,
        Hyphens = 1,
        NameParts = 2,
        Votes = 4,
        All = Hyphens | NameParts | Votes,
    }

    /// <summary>The rules the recognizer stage applies.</summary>
    internal const Rules Enabled = Rules.All;

    /// <summary>
    /// The share of the summed confidence the winning type needs before the other mentions of a name follow it: at
    /// 0.67, a city read as a sports team in a results table (LOC 0.99 next to ORG 0.99) stays as it is (CoNLL valid
    /// 0.9237 -> 0.9247 with votes alone; 0.9183 when every disagreement was settled by the larger sum).
    /// </summary>
    private const double VoteShare = 0.67;

    /// <summary>Applies the rules to the mentions [<paramref name="first"/>, end) the recognizer added.</summary>
    public static void Apply(Document document, int first, EntityRecognizerModel model, Rules rules)
    {
        if (document.Mentions.Count - first < 1 || rules == Rules.None)
            return;
        if ((rules & Rules.Hyphens) != 0)
            SplitHyphens(document, first, model);
        if ((rules & Rules.NameParts) != 0)
            NameParts(document, first);
        if ((rules & Rules.Votes) != 0)
            Votes(document, first);
    }

    private static ReadOnlySpan<char> Word(Document document, int token)
    {
        ref TokenData t = ref document.TokenAt(token);
        return document.Text.AsSpan(t.Start, t.Length);
    }

    /// <summary>A hyphen written without spaces around it, inside a word ("US-led").</summary>
    private static bool IsInnerHyphen(Document document, int token)
    {
        if (token <= 0 || token + 1 >= document.TokenCount)
            return false;
        ref TokenData t = ref document.TokenAt(token);
        if (t.Length != 1 || document.Text[t.Start] != '-')
            return false;
        return document.TokenAt(token - 1).End == t.Start && document.TokenAt(token + 1).Start == t.End;
    }

    private static string Folded(ReadOnlySpan<char> text) => AliasText.Normalize(text.ToString(), fold: true);

    private static void SplitHyphens(Document document, int first, EntityRecognizerModel model)
    {
        // Names the article gives on their own (folded text -> the mentions' types), to retype and to split by.
        var alone = new Dictionary<string, List<Mention>>(StringComparer.Ordinal);
        for (int i = first; i < document.Mentions.Count; i++)
        {
            Mention m = document.Mentions[i];
            string key = Folded(m.TextSpan);
            if (!alone.TryGetValue(key, out List<Mention>? list))
                alone[key] = list = [];
            list.Add(m);
        }
        var removed = new HashSet<Mention>(ReferenceEqualityComparer.Instance);
        var added = new List<(int First, int Count, string Label, double Confidence)>();
        for (int i = first; i < document.Mentions.Count; i++)
        {
            Mention m = document.Mentions[i];
            if (m.Source != "model" || m.TokenCount < 3)
                continue;
            int end = m.FirstToken + m.TokenCount;
            // "US-led": a name, a hyphen, then a known lower-case word that ends the mention.
            int last = end - 1;
            if (IsInnerHyphen(document, last - 1) && IsLowerWord(Word(document, last), model))
            {
                int head = last - 1 - m.FirstToken;
                if (head < 1 || !char.IsUpper(Word(document, m.FirstToken)[0]))
                    continue;
                string label = TypeOf(document, m.FirstToken, head, alone, m.Label);
                removed.Add(m);
                added.Add((m.FirstToken, head, label, m.Confidence));
                continue;
            }
            // "Gaza-Egypt": two names the article also gives apart.
            if (m.TokenCount == 3 && IsInnerHyphen(document, m.FirstToken + 1)
                && alone.TryGetValue(Folded(Word(document, m.FirstToken)), out List<Mention>? left)
                && alone.TryGetValue(Folded(Word(document, m.FirstToken + 2)), out List<Mention>? right))
            {
                removed.Add(m);
                added.Add((m.FirstToken, 1, Majority(left, m), m.Confidence));
                added.Add((m.FirstToken + 2, 1, Majority(right, m), m.Confidence));
            }
        }
        if (removed.Count == 0)
            return;
        document.RemoveMentions(removed.Contains);
        foreach ((int f, int n, string label, double confidence) in added)
            document.AddMention(f, n, label, "model", confidence);
        document.SortMentions();
    }

    /// <summary>A lower-case word the cluster text or the never-an-entity lexicon knows (led, based, run, era; not "jeou" of "Ying-jeou").</summary>
    private static bool IsLowerWord(ReadOnlySpan<char> w, EntityRecognizerModel model)
    {
        if (w.Length < 2)
            return false;
        foreach (char c in w)
        {
            if (!char.IsLower(c))
                return false;
        }
        // A modifier suffix ("-led", "-backed", "-based", "-era"), not any known word: "Ban Ki-moon" keeps its "moon".
        if (!w.EndsWith("ed", StringComparison.Ordinal) && !ModifierSuffixes.Contains(w.ToString()))
            return false;
        return model.Clusters.Code(w) != 0 || model.NeverEntity.Contains(EntityRecognizerModel.LowerHash(w));
    }

    private static readonly HashSet<string> ModifierSuffixes = new(StringComparer.Ordinal)
    {
        "era", "style", "type", "wide", "born", "run", "made", "held", "led", "owned", "funded", "friendly", "proof", "free", "speaking",
        "class", "bound", "centric", "linked", "allied", "aligned", "inspired", "brokered", "sponsored", "supported", "dominated", "occupied",
    };

    /// <summary>The type of the name [<paramref name="start"/>, +<paramref name="count"/>): as the article types it elsewhere, else <paramref name="fallback"/>.</summary>
    private static string TypeOf(Document document, int start, int count, Dictionary<string, List<Mention>> alone, string fallback)
    {
        string key = Folded(document.Text.AsSpan(document.TokenAt(start).Start, document.TokenAt(start + count - 1).End - document.TokenAt(start).Start));
        return alone.TryGetValue(key, out List<Mention>? list) ? Majority(list, null) : fallback;
    }

    private static string Majority(List<Mention> mentions, Mention? except) => Majority(mentions, except, out _);

    /// <summary>The type with the most summed weight; <paramref name="share"/> is its part of the total.</summary>
    private static string Majority(List<Mention> mentions, Mention? except, out double share)
    {
        Span<double> weight = stackalloc double[EntityRecognizerModel.Types.Length];
        foreach (Mention m in mentions)
        {
            if (ReferenceEquals(m, except))
                continue;
            int t = Array.IndexOf(EntityRecognizerModel.Types, m.Label);
            if (t >= 0)
                weight[t] += Weight(m);
        }
        int best = 0;
        for (int t = 1; t < weight.Length; t++)
        {
            if (weight[t] > weight[best])
                best = t;
        }
        double total = 0;
        foreach (double w in weight)
            total += w;
        share = total > 0 ? weight[best] / total : 0;
        return EntityRecognizerModel.Types[best];
    }

    private static double Weight(Mention m) => m.Source == "model" ? m.Confidence : 2.0;

    private static readonly HashSet<string> Particles = new(StringComparer.Ordinal) { "al", "el", "bin", "ibn", "abu", "bint", "de", "van", "von", "the" };

    private static string[] Words(Mention m)
    {
        var words = new List<string>();
        foreach (string w in Folded(m.TextSpan).Split([' ', '-', '.', '\''], StringSplitOptions.RemoveEmptyEntries))
            words.Add(w);
        return [.. words];
    }

    private static void NameParts(Document document, int first)
    {
        var persons = new List<string[]>();
        for (int i = first; i < document.Mentions.Count; i++)
        {
            Mention m = document.Mentions[i];
            if (m.Label == "PER")
            {
                string[] w = Words(m);
                if (w.Length > 1)
                    persons.Add(w);
            }
        }
        if (persons.Count == 0)
            return;
        for (int i = first; i < document.Mentions.Count; i++)
        {
            Mention m = document.Mentions[i];
            if (m.Label == "PER" || m.Source != "model")
                continue;
            string[] words = Words(m);
            if (words.Length == 0 || Array.TrueForAll(words, Particles.Contains))
                continue;
            // An acronym is not a name part: "UN" beside "Kim Jong Un", "IS" beside "Ali Is".
            if (IsAcronym(m.TextSpan))
                continue;
            foreach (string[] p in persons)
            {
                if (p.Length > words.Length && (IsAt(p, words, 0) || IsAt(p, words, p.Length - words.Length)))
                {
                    m.Label = "PER";
                    break;
                }
            }
        }
    }

    private static bool IsAcronym(ReadOnlySpan<char> text)
    {
        if (text.Length > 6)
            return false;
        foreach (char c in text)
        {
            if (char.IsLower(c))
                return false;
        }
        return true;
    }

    private static bool IsAt(string[] name, string[] part, int at)
    {
        for (int k = 0; k < part.Length; k++)
        {
            if (name[at + k] != part[k])
                return false;
        }
        return true;
    }

    private static void Votes(Document document, int first)
    {
        var groups = new Dictionary<string, List<Mention>>(StringComparer.Ordinal);
        for (int i = first; i < document.Mentions.Count; i++)
        {
            Mention m = document.Mentions[i];
            string key = Folded(m.TextSpan);
            if (!groups.TryGetValue(key, out List<Mention>? list))
                groups[key] = list = [];
            list.Add(m);
        }
        foreach (List<Mention> list in groups.Values)
        {
            if (list.Count < 2 || list.TrueForAll(m => m.Label == list[0].Label))
                continue;
            string label = Majority(list, null, out double share);
            if (share < VoteShare)
                continue;
            foreach (Mention m in list)
            {
                if (m.Source == "model")
                    m.Label = label;
            }
        }
    }
}
