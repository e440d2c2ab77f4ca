using EntityGraph.Aliases;

namespace EntityGraph.Evaluation;

/// <summary>
/// Linking accuracy (issue 14): whether each system entity carries the gold entity's canonical name. B-cubed says
/// whether the right mentions were put together; this says whether the cluster was then named (linked) right. A
/// cluster of "Palmyra" mentions is perfect for B-cubed even when the resolver linked it to Palmira, a city in Colombia.
/// <para>
/// Each system entity with at least one mention whose span a gold mention also has is mapped to the gold entity that
/// holds most of those mentions (the first on a tie) by <see cref="RelationScorer.MapEntities"/>, as relations are.
/// Two names are the same when they are equal after alias normalisation (case, accents, dots and a leading "the" do
/// not count), or when their letters and digits alone are at least 90% alike by FuzzySharp's ratio: a
/// transliteration ("Nuri al Maliki", "Nouri al-Maliki") names the same person, while "Palmira" (0.86) is another
/// place than "Palmyra". A gold mention without an N line is an entity named by its own text. A wrong link whose
/// system name is the text of none of its mentions is a wrong dictionary link: the resolver renamed the entity to a
/// name the article never uses (a near-spelling of a far-away place, a capital for a country the gold does not mean).
/// </para>
/// </summary>
internal static class LinkingScorer
{
    public static LinkingScore Score(AnnotatedDocument gold, AnnotatedDocument predicted, List<LinkingError>? errors = null)
    {
        // The same system-to-gold mapping the relation scorer lifts triples with.
        Dictionary<string, string> mapping = RelationScorer.MapEntities(gold, predicted);
        var goldNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (AnnotatedMention g in gold.Mentions)
            goldNames.TryAdd(EntityScorer.EntityOf(g), g.CanonicalName ?? g.Text);
        var entities = new Dictionary<string, List<AnnotatedMention>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (AnnotatedMention m in predicted.Mentions)
        {
            string key = EntityScorer.EntityOf(m);
            if (!entities.TryGetValue(key, out List<AnnotatedMention>? list))
            {
                entities[key] = list = [];
                order.Add(key);
            }
            list.Add(m);
        }
        int scored = 0, correct = 0, wrongDictionary = 0;
        foreach (string key in order)
        {
            // An entity none of whose spans the gold has maps to no gold entity and is not scored.
            if (!goldNames.TryGetValue(mapping[key], out string? goldName))
                continue;
            List<AnnotatedMention> mentions = entities[key];
            string systemName = mentions[0].CanonicalName ?? mentions[0].Text;
            scored++;
            string folded = Fold(systemName);
            if (SameName(folded, Fold(goldName)))
            {
                correct++;
                continue;
            }
            bool renamed = mentions.TrueForAll(m => !string.Equals(Fold(m.Text), folded, StringComparison.Ordinal));
            if (renamed)
                wrongDictionary++;
            errors?.Add(new LinkingError(predicted.Id, systemName, goldName, [.. mentions.Select(static m => m.Text).Distinct(StringComparer.Ordinal)], renamed));
        }
        return new LinkingScore(scored, correct, wrongDictionary);
    }

    private static string Fold(string name) => AliasText.Normalize(name, fold: true);

    /// <summary>Whether two folded names are one name written two ways (see the class remarks).</summary>
    internal static bool SameName(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
            return true;
        string x = Compact(a), y = Compact(b);
        return x.Length > 0 && y.Length > 0 && (string.Equals(x, y, StringComparison.Ordinal) || FuzzySharp.Fuzz.Ratio(x, y) >= 90);
    }

    private static string Compact(string folded) => string.Concat(folded.Where(char.IsLetterOrDigit));
}

/// <summary>Linking accuracy counts, summed over documents.</summary>
/// <param name="Entities">System entities that share a mention span with the gold.</param>
/// <param name="Correct">Those whose canonical name is the gold entity's.</param>
/// <param name="WrongDictionaryLinks">Wrong ones named by none of their mentions' texts (a dictionary link to another entity).</param>
public readonly record struct LinkingScore(int Entities, int Correct, int WrongDictionaryLinks)
{
    /// <summary>The share of entities named as in the gold.</summary>
    public double Accuracy => Entities == 0 ? 0 : (double)Correct / Entities;

    /// <summary>The share of entities linked to a dictionary entity the gold does not mean.</summary>
    public double WrongDictionaryShare => Entities == 0 ? 0 : (double)WrongDictionaryLinks / Entities;

    /// <summary>Adds the counts of two sets of documents.</summary>
    public static LinkingScore operator +(LinkingScore left, LinkingScore right) =>
        new(left.Entities + right.Entities, left.Correct + right.Correct, left.WrongDictionaryLinks + right.WrongDictionaryLinks);
}

/// <summary>A system entity named otherwise than the gold entity it maps to.</summary>
/// <param name="Document">The document's name.</param>
/// <param name="SystemName">The canonical name the pipeline gave.</param>
/// <param name="GoldName">The gold canonical name.</param>
/// <param name="Mentions">The entity's distinct mention texts.</param>
/// <param name="Renamed">Whether the system name is the text of none of the mentions (a wrong dictionary link).</param>
public sealed record LinkingError(string Document, string SystemName, string GoldName, IReadOnlyList<string> Mentions, bool Renamed);
