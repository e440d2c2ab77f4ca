using EntityGraph.Entities;

namespace EntityGraph.Tests.Entities;

public sealed class BratNerReaderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "eg-bratner-" + Guid.NewGuid().ToString("N"));

    public BratNerReaderTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Write(string name, string text, string annotations)
    {
        File.WriteAllText(Path.Combine(_folder, name + ".txt"), text);
        File.WriteAllText(Path.Combine(_folder, name + ".ann"), annotations);
    }

    private static string Mention(string id, string tag, string text, string name, int occurrence = 0)
    {
        int start = -1;
        for (int i = 0; i <= occurrence; i++)
            start = text.IndexOf(name, start + 1, StringComparison.Ordinal);
        return $"{id}\t{tag} {start} {start + name.Length}\t{name}\n";
    }

    private List<NerDocument> Read(out BratNerReader.Statistics statistics, params string[] skip) =>
        BratNerReader.Read(_folder, skip, out statistics);

    [Fact]
    public void Read_TagsTheRuntimeTokensOfEachMention_SentenceBySentence()
    {
        // Sentences of our own, in the layout of an annotated news corpus.
        const string text = "Maria Lindqvist met officials of the Nordic Water Board in Tromso. The talks ended on Friday.";
        Write("a", text, Mention("T1", "PER", text, "Maria Lindqvist") + Mention("T2", "ORG", text, "Nordic Water Board") + Mention("T3", "LOC", text, "Tromso"));

        NerDocument document = Assert.Single(Read(out BratNerReader.Statistics statistics));

        Assert.Equal(2, document.Sentences.Count);
        NerSentence first = document.Sentences[0];
        Assert.Equal(["Maria", "Lindqvist", "met", "officials", "of", "the", "Nordic", "Water", "Board", "in", "Tromso", "."], first.Tokens);
        Assert.Equal(["B-PER", "I-PER", "O", "O", "O", "O", "B-ORG", "I-ORG", "I-ORG", "O", "B-LOC", "O"], first.Tags);
        Assert.Equal(["B-PER", "L-PER", "O", "O", "O", "O", "B-ORG", "I-ORG", "L-ORG", "O", "U-LOC", "O"], first.Bilou);
        Assert.All(document.Sentences[1].Tags, static t => Assert.Equal("O", t));
        Assert.Equal(new BratNerReader.Statistics(1, 2, 3, 0, 0, 0, 0), statistics);
    }

    [Fact]
    public void Read_NestedMentions_KeepTheLongest()
    {
        const string text = "She studied at the University of Tromso last year.";
        Write("a", text, Mention("T1", "LOC", text, "Tromso") + Mention("T2", "ORG", text, "University of Tromso"));

        NerSentence sentence = Assert.Single(Assert.Single(Read(out BratNerReader.Statistics statistics)).Sentences);

        Assert.Equal(["O", "O", "O", "O", "B-ORG", "I-ORG", "I-ORG", "O", "O", "O"], sentence.Tags);
        Assert.Equal(1, statistics.NestedDropped);
        Assert.Equal(1, statistics.Mentions);
    }

    [Fact]
    public void Read_MentionBoundaryInsideAToken_LeavesItsSentenceOut()
    {
        // "Lindqvists" is one token: a mention of "Lindqvist" alone cannot be tagged, and the sentence must not teach "O" there.
        const string text = "The Lindqvists moved to Tromso. Maria Lindqvist stayed.";
        Write("a", text, Mention("T1", "PER", text, "Lindqvist") + Mention("T2", "LOC", text, "Tromso") + Mention("T3", "PER", text, "Maria Lindqvist"));

        NerSentence sentence = Assert.Single(Assert.Single(Read(out BratNerReader.Statistics statistics)).Sentences);

        Assert.Equal(["Maria", "Lindqvist", "stayed", "."], sentence.Tokens);
        Assert.Equal(1, statistics.MisalignedSentencesDropped);
        Assert.Equal(1, statistics.Mentions);
    }

    [Fact]
    public void Read_SkippedType_LeavesItsSentencesOut()
    {
        const string text = "Norwegian troops reached Tromso. Maria Lindqvist stayed in Oslo.";
        Write("a", text, Mention("T1", "MISC", text, "Norwegian") + Mention("T2", "LOC", text, "Tromso") + Mention("T3", "PER", text, "Maria Lindqvist")
            + Mention("T4", "LOC", text, "Oslo"));

        NerSentence sentence = Assert.Single(Assert.Single(Read(out BratNerReader.Statistics statistics, "MISC")).Sentences);

        Assert.Equal("Maria", sentence.Tokens[0]);
        Assert.Equal(1, statistics.SkippedTypeSentencesDropped);
        Assert.Equal(2, statistics.Mentions);
    }

    [Fact]
    public void Read_OtherTypes_AreNotNames()
    {
        const string text = "Maria Lindqvist paid 40 euros.";
        Write("a", text, Mention("T1", "PER", text, "Maria Lindqvist") + Mention("T2", "MONEY", text, "40 euros"));

        NerSentence sentence = Assert.Single(Assert.Single(Read(out BratNerReader.Statistics statistics)).Sentences);

        Assert.Equal(["B-PER", "I-PER", "O", "O", "O", "O"], sentence.Tags);
        Assert.Equal(1, statistics.UnknownTypeDropped);
    }

    [Fact]
    public void Read_MalformedAnnotation_NamesFileLineAndColumn()
    {
        Write("a", "Maria Lindqvist stayed.", "T1\tPER 0 15\tMaria Lindqvist\nT2\tPER zero 5\tMaria\n");

        var error = Assert.Throws<InvalidDataException>(() => Read(out _));

        Assert.Contains("a.ann:2:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FolderWithoutArticles_IsAnError()
    {
        var error = Assert.Throws<InvalidDataException>(() => Read(out _));

        Assert.Contains("no annotated articles", error.Message, StringComparison.Ordinal);
    }
}
