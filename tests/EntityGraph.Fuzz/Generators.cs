using System.Text;
using CsCheck;

namespace EntityGraph.Fuzz;

/// <summary>What a fuzz document is made of.</summary>
internal enum FuzzKind
{
    RandomBytes,
    RandomUnicode,
    PunctuationStorm,
    LongToken,
    DistinctNames,
    NewsLike,
    NoisyNews,
}

/// <summary>One generated input: text (decoded from <see cref="Bytes"/> when the kind is bytes).</summary>
internal sealed record FuzzCase(int Index, FuzzKind Kind, string? Text, byte[]? Bytes);

/// <summary>
/// The generator: a CsCheck <see cref="Gen{T}"/>, so a failing case can also be fed to CsCheck's shrinking, but driven
/// here from one PCG stream per document index, so document N of seed S is the same on every machine and run.
/// </summary>
internal sealed class FuzzGen : Gen<FuzzCase>
{
    private static readonly (FuzzKind Kind, int Weight)[] Weights =
    [
        (FuzzKind.RandomBytes, 120),
        (FuzzKind.RandomUnicode, 220),
        (FuzzKind.PunctuationStorm, 120),
        (FuzzKind.LongToken, 4),
        (FuzzKind.DistinctNames, 130),
        (FuzzKind.NewsLike, 220),
        (FuzzKind.NoisyNews, 186),
    ];

    /// <summary>Code point ranges sampled by the Unicode generator: scripts (LTR and RTL), combining marks, controls,
    /// format characters, separators, astral emoji and letters, private use and unassigned.</summary>
    private static readonly (int First, int Last)[] Blocks =
    [
        (0x20, 0x7E), (0x20, 0x7E), (0x00, 0x1F), (0x7F, 0x9F), (0xA0, 0xFF), (0x100, 0x24F), (0x300, 0x36F),
        (0x370, 0x3FF), (0x400, 0x4FF), (0x590, 0x5FF), (0x600, 0x6FF), (0x700, 0x74F), (0x900, 0x97F),
        (0xE00, 0xE7F), (0x1100, 0x11FF), (0x1E00, 0x1EFF), (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x214F),
        (0x2190, 0x21FF), (0x2500, 0x257F), (0x2600, 0x27BF), (0x3000, 0x303F), (0x3040, 0x30FF), (0x4E00, 0x9FFF),
        (0xAC00, 0xD7A3), (0xE000, 0xF8FF), (0xFB00, 0xFB4F), (0xFE00, 0xFE0F), (0xFE70, 0xFEFF), (0xFF00, 0xFFEF),
        (0xFFF0, 0xFFFF), (0x10000, 0x1007F), (0x1D400, 0x1D7FF), (0x1F1E6, 0x1F1FF), (0x1F300, 0x1F64F),
        (0x1F3FB, 0x1F3FF), (0x1F680, 0x1F6FF), (0x1F900, 0x1F9FF), (0x20000, 0x2A6DF), (0xE0000, 0xE007F),
        (0xF0000, 0xF00FF),
    ];

    private static readonly string[] Joiners = ["\u200D", "\uFE0F", "\u200C", "\u200B", "\u202E", "\u202C", "\u2066", "\u2069", "\u00AD", "\uFEFF", "\u0301", "\u20E3"];
    private static readonly string[] Emoji = ["😀", "👨‍👩‍👧", "🇺🇸", "🇫🇷", "❤️", "👍🏽", "🏴‍☠️", "1️⃣", "🤷‍♀️", "🏳️‍🌈", "𝐀", "𠀀"];
    private static readonly string[] Breaks = ["\n", "\r\n", "\r", "\n\n", "\u2028", "\u2029", "\u0085", "\v", "\f", "\t", "\u001C", "\u001E", " ", "  ", "\u00A0"];
    private const string Punctuation = "!?.,;:'\"()[]{}<>-–—…*/\\|@#$%^&_=+~`“”‘’«»¿¡•·§¶†‡′″";

    private static readonly string[] People = ["Barack Obama", "John Kerry", "Nouri al-Maliki", "Ali al-Sistani", "Mohammad Javad Zarif", "Catherine Ashton", "William Hague", "Josh Earnest", "Gen. David Petraeus", "Lt Gen Qassim al-Moussawi", "Angela Merkel", "Vladimir Putin"];
    private static readonly string[] Groups = ["ISIS", "Isis", "the Islamic State of Iraq and the Levant", "al-Qaeda", "the Pentagon", "the White House", "the State Department", "Reuters", "the U.S. Embassy", "the European Union", "Hezbollah", "the United Nations"];
    private static readonly string[] Places = ["Baghdad", "Mosul", "Tal Afar", "Iraq", "Iran", "Syria", "Kuwait", "Vienna", "Austria", "Washington", "Tehran", "the U.S.", "New York", "São Paulo", "Zürich"];
    private static readonly string[] Verbs = ["captured", "attacked", "met", "held talks with", "sent troops to", "deployed to", "did not attack", "may have captured", "spoke by telephone with", "condemned", "visited", "joined"];
    private static readonly string[] Tails = ["on Monday", "last week", "in 2014", "at 6:20 p.m.", "according to officials", "(Reuters)", "- AP", "on June 15, 2014", "by 3.5%", "for $1.2bn", "http://www.theguardian.com/world/2014/jun/16/iraq", "@WSJ", "#Iraq", "press@state.gov", "etc.", "i.e. today", "\"he said\"", "‘they said’"];
    private static readonly string[] Syllables = ["ba", "ku", "zo", "te", "me", "fa", "so", "ri", "vek", "da", "lu", "mo", "ki", "rap", "ze", "mu", "ko", "na", "ti", "lo", "gar", "shi", "wen", "dra", "ul", "ost"];

    public override FuzzCase Generate(PCG pcg, Size? min, out Size size)
    {
        size = new Size(0);
        return Make(pcg, -1);
    }

    /// <summary>Document <paramref name="index"/> of the run with <paramref name="seed"/>.</summary>
    public static FuzzCase ForIndex(ulong seed, int index) =>
        Make(new PCG((uint)index, seed * 0x9E3779B97F4A7C15UL + (ulong)index), index);

    private static FuzzCase Make(PCG pcg, int index)
    {
        FuzzKind kind = PickKind(pcg);
        return kind switch
        {
            FuzzKind.RandomBytes => new FuzzCase(index, kind, null, RandomBytes(pcg)),
            FuzzKind.RandomUnicode => new FuzzCase(index, kind, RandomUnicode(pcg, Int(pcg, 0, 3000)), null),
            FuzzKind.PunctuationStorm => new FuzzCase(index, kind, PunctuationStorm(pcg), null),
            FuzzKind.LongToken => new FuzzCase(index, kind, LongToken(pcg), null),
            FuzzKind.DistinctNames => new FuzzCase(index, kind, DistinctNames(pcg), null),
            FuzzKind.NewsLike => new FuzzCase(index, kind, News(pcg, Int(pcg, 1, 25)), null),
            _ => new FuzzCase(index, kind, Noisy(pcg, News(pcg, Int(pcg, 1, 20))), null),
        };
    }

    private static FuzzKind PickKind(PCG pcg)
    {
        int total = Weights.Sum(w => w.Weight);
        int r = Int(pcg, 0, total - 1);
        foreach ((FuzzKind kind, int weight) in Weights)
        {
            if (r < weight)
                return kind;
            r -= weight;
        }
        return FuzzKind.NewsLike;
    }

    /// <summary>A uniform integer in [lo, hi].</summary>
    private static int Int(PCG pcg, int lo, int hi) => lo + (int)pcg.Next((uint)(hi - lo + 1));

    private static T Pick<T>(PCG pcg, T[] items) => items[Int(pcg, 0, items.Length - 1)];

    private static bool Chance(PCG pcg, int percent) => Int(pcg, 0, 99) < percent;

    /// <summary>Random bytes; some start with a BOM, some are mostly ASCII with stray high bytes or NULs, some are
    /// UTF-16 without a BOM.</summary>
    private static byte[] RandomBytes(PCG pcg)
    {
        int n = Int(pcg, 0, 4096);
        var bytes = new byte[n];
        int style = Int(pcg, 0, 4);
        for (int i = 0; i < n; i++)
        {
            bytes[i] = style switch
            {
                0 => (byte)pcg.Next(256),
                1 => Chance(pcg, 97) ? (byte)Int(pcg, 0x20, 0x7E) : (byte)pcg.Next(256),
                2 => i % 2 == 1 ? (byte)0 : (byte)Int(pcg, 0x20, 0x7E),
                3 => Chance(pcg, 90) ? (byte)Int(pcg, 0x20, 0x7E) : (byte)Int(0x80, 0xFF, pcg),
                _ => (byte)Int(pcg, 0x80, 0xFF),
            };
        }
        int bom = Int(pcg, 0, 5);
        byte[] prefix = bom switch { 0 => [0xEF, 0xBB, 0xBF], 1 => [0xFF, 0xFE], 2 => [0xFE, 0xFF], _ => [] };
        return [.. prefix, .. bytes];
    }

    private static int Int(int lo, int hi, PCG pcg) => Int(pcg, lo, hi);

    /// <summary>Code points from many blocks, with words, spaces and line breaks mixed in; lone surrogates now and then.</summary>
    private static string RandomUnicode(PCG pcg, int length)
    {
        var sb = new StringBuilder(length + 16);
        while (sb.Length < length)
        {
            int r = Int(pcg, 0, 99);
            if (r < 15)
                sb.Append(' ');
            else if (r < 20)
                sb.Append(Pick(pcg, Breaks));
            else if (r < 26)
                sb.Append(Pick(pcg, Joiners));
            else if (r < 31)
                sb.Append(Pick(pcg, Emoji));
            else if (r < 38)
                sb.Append(Word(pcg, capital: Chance(pcg, 50)));
            else if (r < 39)
                sb.Append((char)Int(pcg, 0xD800, 0xDFFF));
            else
            {
                (int first, int last) = Pick(pcg, Blocks);
                int cp = Int(pcg, first, last);
                if (cp is >= 0xD800 and <= 0xDFFF)
                    cp = 0xFFFD;
                sb.Append(char.ConvertFromUtf32(cp));
            }
        }
        return sb.ToString();
    }

    private static string PunctuationStorm(PCG pcg)
    {
        int length = Int(pcg, 1, 3000);
        var sb = new StringBuilder(length + 16);
        while (sb.Length < length)
        {
            int r = Int(pcg, 0, 99);
            if (r < 70)
                sb.Append(Punctuation[Int(pcg, 0, Punctuation.Length - 1)]);
            else if (r < 80)
                sb.Append(' ');
            else if (r < 85)
                sb.Append(Pick(pcg, Breaks));
            else if (r < 95)
                sb.Append(Word(pcg, capital: Chance(pcg, 50)));
            else
                sb.Append(Int(pcg, 0, 99999));
        }
        return sb.ToString();
    }

    /// <summary>One token of about 10^5 characters (letters, digits, a URL, hyphenated or dotted parts, or a mix) in a
    /// sentence.</summary>
    private static string LongToken(PCG pcg)
    {
        int length = Int(pcg, 90_000, 110_000);
        var sb = new StringBuilder(length + 64);
        sb.Append("Barack Obama said ");
        int style = Int(pcg, 0, 5);
        if (style == 2)
            sb.Append("http://example.com/");
        int start = sb.Length;
        while (sb.Length - start < length)
        {
            switch (style)
            {
                case 0:
                    sb.Append((char)Int(pcg, 'a', 'z'));
                    break;
                case 1:
                    sb.Append((char)Int(pcg, '0', '9'));
                    break;
                case 2:
                    sb.Append(Chance(pcg, 10) ? '/' : (char)Int(pcg, 'a', 'z'));
                    break;
                case 3:
                    sb.Append(Word(pcg, capital: true)).Append('-');
                    break;
                case 4:
                    sb.Append((char)Int(pcg, 'A', 'Z')).Append('.');
                    break;
                default:
                    sb.Append(Chance(pcg, 80) ? (char)Int(pcg, 'a', 'z') : Punctuation[Int(pcg, 0, Punctuation.Length - 1)]);
                    break;
            }
        }
        sb.Append(" in Baghdad.\n");
        return sb.ToString();
    }

    /// <summary>Lines like "Bakuzo Temefa met Sorivek Dalumo in Kirapso on Monday, the Zemuko Group said." with
    /// made-up names, nearly all distinct.</summary>
    private static string DistinctNames(PCG pcg)
    {
        int lines = Int(pcg, 1, 40);
        var sb = new StringBuilder();
        for (int i = 0; i < lines; i++)
        {
            sb.Append(Name(pcg)).Append(' ').Append(Name(pcg)).Append(" met ").Append(Name(pcg)).Append(' ').Append(Name(pcg))
              .Append(" in ").Append(Name(pcg)).Append(" on Monday, the ").Append(Name(pcg)).Append(" Group said.")
              .Append(Chance(pcg, 20) ? "\r\n" : "\n");
        }
        return sb.ToString();
    }

    private static string Name(PCG pcg)
    {
        var sb = new StringBuilder();
        int n = Int(pcg, 2, 4);
        for (int i = 0; i < n; i++)
            sb.Append(Pick(pcg, Syllables));
        sb[0] = char.ToUpperInvariant(sb[0]);
        return sb.ToString();
    }

    private static string Word(PCG pcg, bool capital)
    {
        string w = Pick(pcg, Syllables) + Pick(pcg, Syllables);
        return capital ? char.ToUpperInvariant(w[0]) + w[1..] : w;
    }

    /// <summary>News-like sentences from real names, verbs and tails, with quotes, headlines and paragraph breaks.</summary>
    private static string News(PCG pcg, int sentences)
    {
        var sb = new StringBuilder();
        string newline = Chance(pcg, 25) ? "\r\n" : "\n";
        if (Chance(pcg, 40))
            sb.Append(Pick(pcg, People)).Append(' ').Append(Pick(pcg, Verbs)).Append(' ').Append(Pick(pcg, Places)).Append(newline).Append(newline);
        for (int i = 0; i < sentences; i++)
        {
            string subject = Chance(pcg, 50) ? Pick(pcg, People) : Pick(pcg, Groups);
            string obj = Chance(pcg, 60) ? Pick(pcg, Places) : Chance(pcg, 50) ? Pick(pcg, People) : Pick(pcg, Groups);
            string sentence = $"{subject} {Pick(pcg, Verbs)} {obj} {Pick(pcg, Tails)}.";
            if (Chance(pcg, 15))
                sentence = $"\u201C{sentence}\u201D {Pick(pcg, People)} said.";
            if (Chance(pcg, 10))
                sentence = sentence.ToUpperInvariant();
            if (Chance(pcg, 10))
                sentence = Pick(pcg, Emoji) + " " + sentence;
            sb.Append(char.ToUpperInvariant(sentence[0])).Append(sentence, 1, sentence.Length - 1);
            sb.Append(Chance(pcg, 20) ? newline + (Chance(pcg, 50) ? newline : string.Empty) : " ");
        }
        return sb.ToString();
    }

    /// <summary>News with random characters inserted: controls, joiners, emoji, breaks and Unicode noise.</summary>
    private static string Noisy(PCG pcg, string text)
    {
        var sb = new StringBuilder(text.Length + 64);
        int rate = Int(pcg, 1, 20);
        foreach (char c in text)
        {
            sb.Append(c);
            if (Int(pcg, 0, 99) < rate)
            {
                int r = Int(pcg, 0, 5);
                sb.Append(r switch
                {
                    0 => Pick(pcg, Joiners),
                    1 => Pick(pcg, Emoji),
                    2 => Pick(pcg, Breaks),
                    3 => ((char)Int(pcg, 0, 0x1F)).ToString(),
                    4 => RandomUnicode(pcg, 1),
                    _ => Punctuation[Int(pcg, 0, Punctuation.Length - 1)].ToString(),
                });
            }
        }
        return sb.ToString();
    }
}
