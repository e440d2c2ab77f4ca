using EntityGraph.Parsing;

namespace EntityGraph.Tests.Parsing;

/// <summary>
/// The beam's decision cache (<see cref="DecisionCache"/>) answers only for configurations whose features are equal, so
/// the parse is the same with it as without: checked decision by decision, not just on the final trees.
/// </summary>
public class ParserDecisionCacheTests
{
    // Sentences written for this test: long ones with coordination, apposition and attachment ambiguity keep several
    // beam items alive, which is where configurations repeat.
    private const string Written =
        "The ministers of France, Germany and Italy, who met in Rome on Tuesday, said that the talks with the rebels " +
        "would resume in Geneva after the ceasefire, which both sides had signed in May, was extended by a month.\n" +
        "Soldiers from the 3rd Brigade, backed by jets and drones, pushed into the old city, where fighters loyal to the " +
        "group had dug tunnels under the houses, the schools and the market.\n" +
        "\"We will not leave,\" said a commander, adding that his men, some of whom had fought for years, were ready.";

    private static IEnumerable<string> Texts()
    {
        yield return Written;
        foreach (string file in Directory.GetFiles(TestHelpers.SeedCorpus, "*.txt").Order(StringComparer.Ordinal))
            yield return File.ReadAllText(file);
    }

    [Fact]
    public void EveryRememberedDecision_IsWhatScoringGives_AndTheParsesAreTheSame()
    {
        Pipeline tagger = new PipelineBuilder().UseTokenizer().UseSentenceSplitter().UsePartOfSpeech().Build();
        var verifying = new DependencyParserStage(DependencyParser.Default, verifyCache: true);
        var cached = new DependencyParserStage(DependencyParser.Default);
        Assert.True(DependencyParser.Default.BeamWidth > 1, "the default parser searches a beam (the cache is the beam's)");
        int tokens = 0;
        foreach (string text in Texts())
        {
            Document fresh = tagger.Process(text);
            Document remembered = tagger.Process(text);
            // Throws where a remembered transition or label differs from the one scored afresh.
            verifying.Process(fresh, CancellationToken.None);
            cached.Process(remembered, CancellationToken.None);
            Assert.Equal(fresh.Tokens.Select(t => (t.Head, t.Dependency)), remembered.Tokens.Select(t => (t.Head, t.Dependency)));
            tokens += fresh.Tokens.Count;
        }
        Assert.True(tokens > 1000, $"only {tokens} tokens were parsed");
    }

    [Fact]
    public void Cache_ForgetsTheSentenceBefore()
    {
        using var cache = new DecisionCache(2, 1);
        int[] key = [3, 4];
        Assert.False(cache.Find(key, out int slot));
        cache.Store(slot, key, [7f]);
        Assert.True(cache.Find(key, out slot));
        Assert.Equal(7f, cache.Values(slot)[0]);
        Assert.False(cache.Find([3, 5], out _));
        cache.Clear();
        Assert.False(cache.Find(key, out _));
    }
}
