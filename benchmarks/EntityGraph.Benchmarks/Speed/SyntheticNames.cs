using System.Text;

namespace EntityGraph.Benchmarks.Speed;

/// <summary>
/// News-like text in which almost every name is new: "Bakuzo Temefa met Sorivek Dalumo in Kirapso on Monday, the
/// Zemuko Group said." with made-up names of random syllables (issue 19: alias resolution must stay near-linear in
/// the number of distinct names). Deterministic for a seed. The tests link this file too.
/// </summary>
internal static class SyntheticNames
{
    private static readonly string[] Onsets =
        ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "ch", "sh", "dr", "kr", "tr", "br", "j", "h"];

    private static readonly string[] Vowels = ["a", "e", "i", "o", "u", "a", "o"];

    private static readonly string[] Codas = ["", "", "", "", "", "n", "r", "k", "s", "l", "m"];

    private static readonly string[] Days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    private static readonly string[] Bodies = ["Group", "Council", "Party", "Company", "Front", "Bank", "Institute"];

    /// <summary>About <paramref name="targetChars"/> characters of sentences, five to a paragraph.</summary>
    public static string Generate(int targetChars, int seed = 19)
    {
        var random = new Random(seed);
        var text = new StringBuilder(targetChars + 400);
        var recent = new List<string>();
        while (text.Length < targetChars)
        {
            for (int k = 0; k < 5; k++)
            {
                if (k > 0)
                    text.Append(' ');
                string a = Person(random, recent), b = Person(random, recent);
                string place = Name(random, 2, 3), body = Name(random, 2, 3) + " " + Bodies[random.Next(Bodies.Length)];
                string day = Days[random.Next(Days.Length)];
                switch (random.Next(5))
                {
                    case 0:
                    case 1:
                        text.Append(a).Append(" met ").Append(b).Append(" in ").Append(place).Append(" on ").Append(day)
                            .Append(", the ").Append(body).Append(" said.");
                        break;
                    case 2:
                        text.Append(a).Append(" told reporters in ").Append(place).Append(" that the ").Append(body)
                            .Append(" would open an office in ").Append(Name(random, 2, 3)).Append('.');
                        break;
                    case 3:
                        // A surname alone, for a person named in full a little earlier (a name-part link).
                        string earlier = recent[random.Next(Math.Max(0, recent.Count - 8), recent.Count)];
                        text.Append(earlier[(earlier.IndexOf(' ', StringComparison.Ordinal) + 1)..]).Append(" said the talks with ")
                            .Append(b).Append(" in ").Append(place).Append(" were useful.");
                        break;
                    default:
                        text.Append("The ").Append(body).Append(" and ").Append(a).Append(" signed an agreement in ")
                            .Append(place).Append(" on ").Append(day).Append('.');
                        break;
                }
            }
            text.Append("\n\n");
        }
        return text.ToString();
    }

    private static string Person(Random random, List<string> recent)
    {
        string name = Name(random, 2, 3) + " " + Name(random, 2, 3);
        recent.Add(name);
        return name;
    }

    private static string Name(Random random, int minSyllables, int maxSyllables)
    {
        var name = new StringBuilder();
        int syllables = random.Next(minSyllables, maxSyllables + 1);
        for (int s = 0; s < syllables; s++)
        {
            name.Append(Onsets[random.Next(Onsets.Length)]).Append(Vowels[random.Next(Vowels.Length)]);
            if (s == syllables - 1)
                name.Append(Codas[random.Next(Codas.Length)]);
        }
        name[0] = char.ToUpperInvariant(name[0]);
        return name.ToString();
    }
}
