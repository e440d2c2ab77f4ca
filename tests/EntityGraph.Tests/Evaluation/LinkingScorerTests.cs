using EntityGraph.Evaluation;

namespace EntityGraph.Tests.Evaluation;

/// <summary>Linking accuracy: whether each system cluster carries the gold entity's canonical name.</summary>
public class LinkingScorerTests
{
    // 0         1         2         3         4         5
    // 0123456789012345678901234567890123456789012345678901234
    private const string Text = "Palmyra fell. The U.S. said Palmyra was lost. Obama and Kerry spoke.";

    private static AnnotatedMention M(string id, string tag, string text, int occurrence, string? key, string? name)
    {
        int at = -1;
        for (int i = 0; i <= occurrence; i++)
            at = Text.IndexOf(text, at + 1, StringComparison.Ordinal);
        return new AnnotatedMention(id, tag, at, at + text.Length, text, key, name);
    }

    private static AnnotatedDocument Gold() => new("d", Text,
    [
        M("T1", "LOC", "Palmyra", 0, "EG:palmyra", "Palmyra"),
        M("T2", "LOC", "U.S.", 0, "EG:us", "United States"),
        M("T3", "LOC", "Palmyra", 1, "EG:palmyra", "Palmyra"),
        M("T4", "PER", "Obama", 0, null, null),
        M("T5", "PER", "Kerry", 0, "EG:kerry", "John Kerry"),
    ], []);

    [Fact]
    public void Score_CountsNamesAsTheGold_AndRenamedClustersAsWrongDictionaryLinks()
    {
        var system = new AnnotatedDocument("d", Text,
        [
            // A near-spelling of another place: the right cluster, the wrong name, used by no mention.
            M("T1", "LOC", "Palmyra", 0, "e0", "Palmira"),
            M("T3", "LOC", "Palmyra", 1, "e0", "Palmira"),
            // Dots and case do not count: "the United States" is "United States".
            M("T2", "LOC", "U.S.", 0, "e1", "the United States"),
            // A gold mention without an N line is named by its text.
            M("T4", "PER", "Obama", 0, null, null),
            // Not linked to the full name: wrong, but named by its own mention, so not a dictionary link.
            M("T5", "PER", "Kerry", 0, "e2", "Kerry"),
        ], []);
        var errors = new List<LinkingError>();

        LinkingScore score = LinkingScorer.Score(Gold(), system, errors);

        Assert.Equal(new LinkingScore(4, 2, 1), score);
        Assert.Equal(0.5, score.Accuracy, 12);
        Assert.Equal(0.25, score.WrongDictionaryShare, 12);
        Assert.Equal(2, errors.Count);
        Assert.Equal(("Palmira", "Palmyra", true), (errors[0].SystemName, errors[0].GoldName, errors[0].Renamed));
        Assert.Equal(["Palmyra"], errors[0].Mentions);
        Assert.Equal(("Kerry", "John Kerry", false), (errors[1].SystemName, errors[1].GoldName, errors[1].Renamed));
    }

    [Fact]
    public void Score_SkipsClustersWithNoGoldSpan_AndMapsToTheMajorityGoldEntity()
    {
        var system = new AnnotatedDocument("d", Text,
        [
            // Two Palmyra mentions and the U.S. merged: the cluster is Palmyra's by majority, and so named.
            M("T1", "LOC", "Palmyra", 0, "e0", "Palmyra"),
            M("T3", "LOC", "Palmyra", 1, "e0", "Palmyra"),
            M("T2", "LOC", "U.S.", 0, "e0", "Palmyra"),
            // "fell" is not a gold mention: this cluster is not scored.
            new AnnotatedMention("T9", "MISC", 8, 12, "fell", "e5", "Fell"),
        ], []);

        Assert.Equal(new LinkingScore(1, 1, 0), LinkingScorer.Score(Gold(), system));
    }

    [Fact]
    public void Evaluate_SumsLinkingOverDocuments()
    {
        var system = new AnnotatedDocument("d", Text, [M("T1", "LOC", "Palmyra", 0, "e0", "Palmira")], []);

        EvaluationReport report = BratEvaluator.Evaluate([(Gold(), system), (Gold(), system)]);

        Assert.Equal(new LinkingScore(2, 0, 2), report.Total.Linking);
        Assert.Equal(2, report.Total.LinkingErrors.Count);
        Assert.Single(report.Documents[0].LinkingErrors);
    }

    [Theory]
    [InlineData("nuri al maliki", "nouri al-maliki", true)]
    [InlineData("washington d c", "washington dc", true)]
    [InlineData("abdel fattah el sisi", "abdel fattah el-sisi", true)]
    [InlineData("palmira", "palmyra", false)]
    [InlineData("newark", "new york city", false)]
    [InlineData("turkiye", "turkey", false)]
    public void SameName_AllowsSpellingsOfOneName_NotNearbyNames(string a, string b, bool same) =>
        Assert.Equal(same, LinkingScorer.SameName(a, b));
}
