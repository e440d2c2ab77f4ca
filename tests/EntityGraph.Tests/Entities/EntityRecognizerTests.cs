using EntityGraph.Entities;
using EntityGraph.Tagging;

namespace EntityGraph.Tests.Entities;

public class EntityRecognizerTests
{
    // Sentences from the seed articles (ours to use).
    private const string Seed =
        "Lo and behold, American Secretary of State John Kerry seemed to cautiously embrace the idea this morning, telling Yahoo News " +
        "that he would \"not rule out anything that would be constructive\" and that Washington was \"open for discussions.\"\n" +
        "The possibility of an alliance between Iran and the United States, who share a common enemy in the radical Sunni group ISIS, " +
        "has reportedly been nixed by the White House.\n" +
        "It was reported on Monday that they had taken Tal Afar, a northern Iraqi city.\n" +
        "Fighting in Tal Afar began on Sunday, with Iraqi government officials saying Isis fighters were firing rockets seized from " +
        "military arms depots in the Mosul area.";

    private static readonly Pipeline Default = Pipeline.CreateDefault();

    private static bool Has(Document doc, string text, string label) =>
        doc.Mentions.Any(m => m.Text == text && m.Label == label);

    [Fact]
    public void Default_SeedSentences_FindsKerryIsisAndTalAfar()
    {
        Document doc = Default.Process(Seed);
        Assert.True(Has(doc, "John Kerry", "PER"), string.Join("; ", doc.Mentions));
        Assert.True(Has(doc, "ISIS", "ORG"), string.Join("; ", doc.Mentions));
        Assert.True(Has(doc, "Tal Afar", "LOC"), string.Join("; ", doc.Mentions));
        Assert.True(Has(doc, "Iran", "LOC"), string.Join("; ", doc.Mentions));
        Assert.True(Has(doc, "Mosul", "LOC"), string.Join("; ", doc.Mentions));
        // The default pipeline forces curated dictionary names (force: true); everything else comes from the model.
        Assert.All(doc.Mentions, m => Assert.Contains(m.Source, new[] { "model", "dictionary" }));
        Assert.Contains(doc.Mentions, m => m.Source == "model");
        Assert.All(doc.Mentions, m => Assert.InRange(m.Confidence, 0.0, 1.0));
    }

    [Fact]
    public void Default_Mentions_HaveExactOffsets()
    {
        Document doc = Default.Process(Seed);
        Assert.NotEmpty(doc.Mentions);
        foreach (Mention m in doc.Mentions)
        {
            Assert.Equal(doc.Tokens[m.FirstToken].Start, m.Start);
            Assert.Equal(doc.Tokens[m.FirstToken + m.TokenCount - 1].End, m.End);
            Assert.Equal(Seed[m.Start..m.End], m.Text);
        }
    }

    [Fact]
    public void Process_InParallel_GivesTheSerialOutput()
    {
        string[] texts = Seed.Split('\n');
        string Render(Document d) =>
            string.Join("|", d.Mentions.Select(m => $"{m.Start}:{m.End}:{m.Label}:{m.Confidence:F6}")) + "#" +
            string.Join(" ", d.Tokens.Select(t => t.Xpos + "/" + t.Lemma));
        string[] serial = texts.Select(t => Render(Default.Process(t))).ToArray();
        var work = Enumerable.Range(0, 64).Select(i => texts[i % texts.Length]).ToArray();
        string[] parallel = new string[work.Length];
        Parallel.For(0, work.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = Render(Default.Process(work[i])));
        for (int i = 0; i < work.Length; i++)
            Assert.Equal(serial[i % texts.Length], parallel[i]);
    }

    [Fact]
    public void Forcer_PhraseList_WinsOverTheModel()
    {
        var forcer = new PhraseListForcer([("Yahoo News", "ORG"), ("boots on the ground", "MISC"), ("John Kerry", "ORG")]);
        Pipeline pipeline = new PipelineBuilder().UseTokenizer().UseSentenceSplitter().UsePartOfSpeech().UseEntityRecognizer(forcer: forcer).Build();
        Document doc = pipeline.Process("There will be boots on the ground, John Kerry told Yahoo News.");
        Mention boots = Assert.Single(doc.Mentions, m => m.Text == "boots on the ground");
        Assert.Equal(("MISC", "dictionary"), (boots.Label, boots.Source));
        Assert.Equal(("ORG", "dictionary"), (doc.Mentions.Single(m => m.Text == "John Kerry").Label, doc.Mentions.Single(m => m.Text == "John Kerry").Source));
        Assert.Contains(doc.Mentions, m => m.Text == "Yahoo News" && m.Source == "dictionary");
        Assert.DoesNotContain(doc.Mentions, m => m.Text.Contains("Kerry", StringComparison.Ordinal) && m.Text != "John Kerry");
    }

    [Fact]
    public void Forcer_CaseSensitive_LeavesOtherCasingsToTheModel()
    {
        var forcer = new PhraseListForcer([("Isis", "PER")], caseSensitive: true);
        var spans = new List<ForcedSpan>();
        Document doc = new PipelineBuilder().UseTokenizer().UseSentenceSplitter().Build().Process("ISIS and Isis.");
        forcer.FindSpans(doc, 0, doc.Tokens.Count, spans);
        Assert.Equal([new ForcedSpan(2, 1, "PER")], spans);
    }

    [Fact]
    public void Forcer_UnknownLabel_IsRejected() =>
        Assert.Throws<ArgumentException>(() => new PhraseListForcer([("Tal Afar", "GPE")]));

    [Theory]
    [InlineData(1, 0.04f)]
    [InlineData(4, 0.04f)]
    [InlineData(4, 0f)]
    [InlineData(64, 0f)]
    public void Decode_RandomWeights_NeverProducesAnInvalidSequence(int beam, float beamScale)
    {
        // A hand-built model with random weights: whatever it scores, the constraints must hold.
        var random = new Random(42);
        const int bits = 10;
        int stride = (EntityRecognizerModel.LabelCount + 7) & ~7;
        var weights = new sbyte[(1 << bits) * stride];
        random.NextBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(weights.AsSpan()));
        var scales = Enumerable.Repeat(0.1f, 1 << bits).ToArray();
        var perceptron = new PerceptronModel(EntityRecognizerModel.LabelNames(), bits, weights, scales);
        var model = new EntityRecognizerModel(perceptron, Gazetteer.Empty, [], "random", "0", beam: beam, beamScale: beamScale);
        Pipeline pipeline = new PipelineBuilder().UseTokenizer().UseSentenceSplitter().UsePartOfSpeech().UseEntityRecognizer(model).Build();
        string[] words = ["Iraq", "the", "ISIS", "captured", "Tal", "Afar", ",", "U.S.", "troops", "Kerry", "said", "-", "al", "Qaeda"];
        string[] names = EntityRecognizerModel.LabelNames();
        for (int trial = 0; trial < 200; trial++)
        {
            int n = random.Next(1, 25);
            string text = string.Join(" ", Enumerable.Range(0, n).Select(_ => words[random.Next(words.Length)])) + " .";
            Document doc = pipeline.Process(text);
            var tokens = new List<ReadOnlyMemory<char>>();
            int[] labels = new int[doc.Tokens.Count];
            var xpos = new ulong[labels.Length];
            EntityRecognizerModel.Decode(perceptron, null, Gazetteer.Empty, WordClusters.Empty, null, text, doc.TokenData, xpos, default, null, labels, default, default,
                beam: beam, beamScale: beamScale);
            int prev = -1;
            for (int i = 0; i < labels.Length; i++)
            {
                Assert.True(EntityRecognizerModel.Allowed(prev, labels[i], i == labels.Length - 1),
                    $"{(prev < 0 ? "start" : names[prev])} -> {names[labels[i]]} at {i} of {labels.Length} in '{text}'");
                prev = labels[i];
            }
            foreach (Mention m in doc.Mentions)
                Assert.True(m.TokenCount >= 1 && m.End <= text.Length);
        }
    }

    [Fact]
    public void BeamSettings_SurviveSaveAndLoad()
    {
        EntityRecognizerModel model = EntityRecognizerModel.Default.WithBeam(3, 0f, 150f);
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        EntityRecognizerModel back = EntityRecognizerModel.Load(stream, "round trip");
        Assert.Equal(3, back.Beam);
        Assert.Equal(0f, back.BeamScale);
        Assert.Equal(150f, back.BeamMargin);
    }

    [Fact]
    public void BeamSearch_WithAWideBeam_ScoresAtLeastAsHighAsGreedy()
    {
        // Raw scores (scale 0): the beam's path must score at least as high as the greedy path under the same weights.
        var random = new Random(7);
        const int bits = 10;
        int stride = (EntityRecognizerModel.LabelCount + 7) & ~7;
        var weights = new sbyte[(1 << bits) * stride];
        random.NextBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(weights.AsSpan()));
        var perceptron = new PerceptronModel(EntityRecognizerModel.LabelNames(), bits, weights, Enumerable.Repeat(0.1f, 1 << bits).ToArray());
        Pipeline pipeline = new PipelineBuilder().UseTokenizer().UseSentenceSplitter().Build();
        string[] words = ["Iraq", "the", "ISIS", "captured", "Tal", "Afar", ",", "troops", "Kerry", "said", "al", "Qaeda"];
        for (int trial = 0; trial < 50; trial++)
        {
            string text = string.Join(" ", Enumerable.Range(0, random.Next(2, 15)).Select(_ => words[random.Next(words.Length)]));
            Document doc = pipeline.Process(text);
            int n = doc.Tokens.Count;
            var xpos = new ulong[n];
            int[] greedy = new int[n], beam = new int[n];
            EntityRecognizerModel.Decode(perceptron, null, Gazetteer.Empty, WordClusters.Empty, null, text, doc.TokenData, xpos, default, null, greedy, default, default);
            EntityRecognizerModel.Decode(perceptron, null, Gazetteer.Empty, WordClusters.Empty, null, text, doc.TokenData, xpos, default, null, beam, default, default,
                beam: 64, beamScale: 0f);
            Assert.True(PathScore(perceptron, text, doc, xpos, beam) >= PathScore(perceptron, text, doc, xpos, greedy) - 1e-3, text);
        }
    }

    private static double PathScore(PerceptronModel perceptron, string text, Document doc, ulong[] xpos, int[] labels)
    {
        int n = labels.Length;
        using var scratch = new EntityRecognizerModel.Scratch(n);
        EntityRecognizerModel.Context c = scratch.Context;
        EntityRecognizerModel.Prepare(Gazetteer.Empty, WordClusters.Empty, text, doc.TokenData, xpos, null, ref c, scratch.GazTokens);
        Span<float> scores = stackalloc float[32];
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            var f = new FeatureBuffer(scratch.Buckets, perceptron.Bits);
            EntityRecognizerModel.Features(ref f, text, doc.TokenData, ref c, i, i > 0 ? labels[i - 1] : -1, i > 1 ? labels[i - 2] : -1, default, null);
            perceptron.Score(f.Buckets, scores);
            total += scores[labels[i]];
        }
        return total;
    }

    [Theory]
    [InlineData(-1, "I-PER", false)]
    [InlineData(0, "I-PER", false)]
    [InlineData(0, "L-LOC", false)]
    [InlineData(0, "B-ORG", true)]
    [InlineData(0, "U-ORG", true)]
    [InlineData(1, "I-PER", true)]
    [InlineData(1, "L-PER", true)]
    [InlineData(1, "L-ORG", false)]
    [InlineData(1, "O", false)]
    public void Allowed_Transitions(int prev, string label, bool allowed) =>
        Assert.Equal(allowed, EntityRecognizerModel.Allowed(prev, Array.IndexOf(EntityRecognizerModel.LabelNames(), label), mustClose: false));

    [Fact]
    public void Allowed_AtTheEnd_OnlyClosingLabels()
    {
        int bPer = Array.IndexOf(EntityRecognizerModel.LabelNames(), "B-PER");
        int lPer = Array.IndexOf(EntityRecognizerModel.LabelNames(), "L-PER");
        Assert.False(EntityRecognizerModel.Allowed(-1, bPer, mustClose: true));
        Assert.True(EntityRecognizerModel.Allowed(bPer, lPer, mustClose: true));
    }
}
