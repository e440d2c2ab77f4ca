namespace EntityGraph.Relations;

/// <summary>
/// Just enough anaphora resolution for relation arguments: news sentences often name the actor once and then say
/// "he", "they" or "the group" ("... William Burns. He was scheduled to meet Zarif"). A pronoun or a definite group
/// noun used as an argument is resolved to the nearest fitting mention before it, preferring the subject of the
/// sentence before. Deliberately narrow: only he/she (people), they (an organisation that was the previous sentence's
/// subject) and "the group / the militants" (organisations), never more than two sentences back.
/// </summary>
internal static class Anaphora
{
    private static readonly string[] PersonPronouns = ["he", "she"];
    private static readonly string[] GroupNouns = ["group", "militant", "insurgent", "jihadist", "rebel", "extremist", "organization", "organisation"];

    /// <summary>The mention that <paramref name="token"/> refers to, or -1 when it is not an anaphor or has no antecedent.</summary>
    public static int TryResolve(ParsedSentence sentence, int[] mentionAt, int token)
    {
        string lemma = sentence.Lemma(token);
        string upos = sentence.Upos(token);
        string label = sentence.Label(token);
        if (label == "nmod:poss")
            return -1; // "his team" is not the man
        if (upos == "PRON" && DependencyPath.Contains(PersonPronouns, lemma))
            return Find(sentence, mentionAt, token, "PER", sentencesBack: 2, subjectOnly: false);
        if (upos == "PRON" && lemma == "they")
            return Find(sentence, mentionAt, token, "ORG", sentencesBack: 1, subjectOnly: true);
        if (upos == "NOUN" && DependencyPath.Contains(GroupNouns, lemma) && HasDefiniteArticle(sentence, token) && !HasNameOn(sentence, mentionAt, token))
            return Find(sentence, mentionAt, token, "ORG", sentencesBack: 2, subjectOnly: false);
        return -1;
    }

    private static int Find(ParsedSentence sentence, int[] mentionAt, int token, string type, int sentencesBack, bool subjectOnly)
    {
        Document document = sentence.Document;
        // The same sentence first, nearest before the anaphor ("Obama said he ...").
        if (!subjectOnly)
        {
            for (int t = sentence.First + token - 1; t >= sentence.First; t--)
            {
                int m = mentionAt[t];
                if (m >= 0 && TypeOf(document, m) == type)
                    return m;
            }
        }
        for (int back = 1; back <= sentencesBack && sentence.Index - back >= 0; back++)
        {
            SentenceData previous = document.SentenceAt(sentence.Index - back);
            int nearest = -1;
            for (int t = previous.FirstToken; t < previous.FirstToken + previous.TokenCount; t++)
            {
                int m = mentionAt[t];
                if (m < 0 || TypeOf(document, m) != type)
                    continue;
                if (InMainSubject(document, t, previous))
                    return m;
                nearest = m;
            }
            if (subjectOnly)
                return -1;
            if (nearest >= 0)
                return nearest;
        }
        return -1;
    }

    /// <summary>The type of the mention's entity (after alias resolution), else its own tag.</summary>
    internal static string TypeOf(Document document, int mention)
    {
        Mention m = document.Mentions[mention];
        return m.EntityIndex >= 0 ? document.Entities[m.EntityIndex].Type : m.Label;
    }

    /// <summary>Whether the token lies in the subject phrase of the sentence's main verb.</summary>
    private static bool InMainSubject(Document document, int token, SentenceData sentence)
    {
        int end = sentence.FirstToken + sentence.TokenCount;
        for (int steps = 0; steps < 8 && token >= sentence.FirstToken && token < end; steps++)
        {
            ref TokenData t = ref document.TokenAt(token);
            if (t.Head < 0)
                return false;
            string? relation = document.Strings.Get(t.Dependency);
            if (relation is not null && relation.StartsWith("nsubj", StringComparison.Ordinal) && document.TokenAt(t.Head).Head < 0)
                return true;
            token = t.Head;
        }
        return false;
    }

    private static bool HasDefiniteArticle(ParsedSentence sentence, int token)
    {
        foreach (int child in sentence.Children(token))
        {
            if (sentence.Label(child) == "det" && sentence.Lemma(child) is "the" or "this")
                return true;
        }
        return false;
    }

    // "the Isis militants" names its group already; the modifier path handles it.
    private static bool HasNameOn(ParsedSentence sentence, int[] mentionAt, int token)
    {
        foreach (int child in sentence.Children(token))
        {
            if (mentionAt[sentence.First + child] >= 0)
                return true;
        }
        return false;
    }
}
