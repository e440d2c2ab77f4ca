using EntityGraph.Output;
using EntityGraph.Text;

namespace EntityGraph.Tests.Pipelines;

public class PipelineTests
{
    private sealed class NeedsMentions : PipelineStage
    {
        public override string Name => "needs-mentions";
        public override Annotations Requires => Annotations.Mentions;
        public override Annotations Assigns => Annotations.Entities;
        public override void Process(Document document, CancellationToken cancellationToken) { }
    }

    [Fact]
    public void Build_StageBeforeItsRequirement_Refused()
    {
        var builder = new PipelineBuilder().UseSentenceSplitter().UseTokenizer();
        var ex = Assert.Throws<InvalidOperationException>(() => builder.Build());
        Assert.Contains("sentences", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Tokens", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_MissingProducer_RefusedNamingTheLayer()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new PipelineBuilder().UseTokenizer().Use(new NeedsMentions()).Build());
        Assert.Contains("Mentions", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Empty_Refused() => Assert.Throws<InvalidOperationException>(() => new PipelineBuilder().Build());

    [Fact]
    public void Builder_InsertBeforeAndReplace_ChangeOrder()
    {
        var builder = new PipelineBuilder().UseSentenceSplitter();
        builder.InsertBefore<SentenceSplitterStage>(new TokenizerStage());
        Assert.IsType<TokenizerStage>(builder.Stages[0]);
        var replacement = new SentenceSplitterStage();
        builder.Replace<SentenceSplitterStage>(replacement);
        Assert.Same(replacement, builder.Stages[1]);
        Assert.Throws<InvalidOperationException>(() => builder.Replace<NeedsMentions>(new TokenizerStage()));
        Assert.Equal(Annotations.Tokens | Annotations.Sentences, builder.Build().Assigns);
    }

    [Fact]
    public void Build_PipelineIsUnaffectedByLaterBuilderChanges()
    {
        var builder = new PipelineBuilder().UseTokenizer();
        EntityGraph.Pipeline pipeline = builder.Build();
        builder.UseSentenceSplitter();
        Assert.Single(pipeline.Stages);
    }

    [Fact]
    public void Process_SetsAnnotationsLayers()
    {
        Document document = EntityGraph.Pipeline.CreateDefault().Process("Kerry met Zarif. They talked.", "d1");
        Assert.True(document.Annotations.HasFlag(Annotations.Tokens | Annotations.Sentences));
        Assert.Equal("d1", document.Id);
        Assert.Equal(2, document.Sentences.Count);
    }

    [Fact]
    public void Process_ParallelUse_SameOutputAsSerial()
    {
        EntityGraph.Pipeline pipeline = EntityGraph.Pipeline.CreateDefault();
        string[] texts = Directory.GetFiles(TestHelpers.SeedCorpus, "*.txt").Select(File.ReadAllText)
            .SelectMany(t => Enumerable.Range(0, 8).Select(i => t[(i * 37)..])).ToArray();
        string[] serial = texts.Select(t => DocumentJson.ToJson(pipeline.Process(t), new DocumentJsonOptions { IncludeTokens = true })).ToArray();
        string[] parallel = new string[texts.Length];
        Parallel.For(0, texts.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 },
            i => parallel[i] = DocumentJson.ToJson(pipeline.Process(texts[i]), new DocumentJsonOptions { IncludeTokens = true }));
        Assert.Equal(serial, parallel);
    }

    [Fact]
    public async Task ProcessManyAsync_KeepsInputOrder()
    {
        EntityGraph.Pipeline pipeline = EntityGraph.Pipeline.CreateDefault();
        var inputs = Enumerable.Range(0, 50).Select(i => (Text: new string('x', (50 - i) * 100) + " end.", Id: $"doc{i}"));
        var ids = new List<string>();
        await foreach (Document document in pipeline.ProcessManyAsync(inputs, maxDegreeOfParallelism: 3))
            ids.Add(document.Id);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"doc{i}"), ids);
    }

    [Fact]
    public void ProcessMany_KeepsInputOrderAndMatchesSerial()
    {
        EntityGraph.Pipeline pipeline = EntityGraph.Pipeline.CreateDefault();
        var inputs = Enumerable.Range(0, 40).Select(i => (Text: $"Doc {i} says U.S. troops went to Iraq. Then {i} more.", Id: $"d{i}")).ToArray();
        Document[] many = pipeline.ProcessMany(inputs, 4).ToArray();
        Assert.Equal(inputs.Select(x => x.Id), many.Select(d => d.Id));
        for (int i = 0; i < inputs.Length; i++)
            Assert.Equal(DocumentJson.ToJson(pipeline.Process(inputs[i].Text, inputs[i].Id)), DocumentJson.ToJson(many[i]));
    }

    [Fact]
    public async Task ProcessManyAsync_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        EntityGraph.Pipeline pipeline = EntityGraph.Pipeline.CreateDefault();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (Document _ in pipeline.ProcessManyAsync([("a b c", "x")], cancellationToken: cts.Token))
            {
            }
        });
    }

    [Fact]
    public async Task ProcessManyAsync_ConsumerStopsEarly_DoesNotHang()
    {
        EntityGraph.Pipeline pipeline = EntityGraph.Pipeline.CreateDefault();
        var inputs = Enumerable.Range(0, 10_000).Select(i => (Text: "Kerry met Zarif.", Id: $"d{i}"));
        int seen = 0;
        await foreach (Document _ in pipeline.ProcessManyAsync(inputs, maxDegreeOfParallelism: 2))
        {
            if (++seen == 3)
                break;
        }
        Assert.Equal(3, seen);
    }
}
