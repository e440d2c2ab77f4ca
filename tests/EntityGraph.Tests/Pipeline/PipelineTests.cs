using EntityGraph.Aliases;
using EntityGraph.Entities;
using EntityGraph.Output;
using EntityGraph.Relations;
using EntityGraph.Tests.Cli;
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

    [Fact(Timeout = 30_000)]
    public async Task ProcessManyAsync_ConsumerStopsEarly_ProducerStopsPullingInputs()
    {
        // Issue 15, item 6: the producer must stop soon after the consumer breaks off. Were it to ignore the break, it
        // would pull every input (or wait forever on the full channel, which the timeout turns into a failure).
        EntityGraph.Pipeline pipeline = new PipelineBuilder().UseTokenizer().UseSentenceSplitter().Build();
        const int workers = 2;
        int pulled = 0;
        IEnumerable<(string Text, string Id)> Inputs()
        {
            for (int i = 0; i < 10_000; i++)
            {
                Interlocked.Increment(ref pulled);
                yield return ("Kerry met Zarif.", $"d{i}");
            }
        }
        int seen = 0;
        await foreach (Document _ in pipeline.ProcessManyAsync(Inputs(), maxDegreeOfParallelism: workers))
        {
            if (++seen == 3)
                break;
        }
        // Leaving the loop disposed the enumerator, which waited for the producer: nothing is pulled after this point.
        int pulledAtBreak = Volatile.Read(ref pulled);
        await Task.Delay(200);
        Assert.Equal(pulledAtBreak, Volatile.Read(ref pulled));
        // At most the consumed documents, the bounded channel (two per worker), the running work and one in hand.
        Assert.InRange(pulledAtBreak, 3, 3 + (4 * workers) + 1);
    }

    private sealed class FailsOn(string text) : PipelineStage
    {
        public override string Name => "fails-on";
        public override Annotations Requires => Annotations.Tokens;
        public override Annotations Assigns => Annotations.None;
        public override void Process(Document document, CancellationToken cancellationToken)
        {
            if (document.Text == text)
                throw new InvalidOperationException("stage failed on " + document.Id);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task ProcessMany_WithLoad_YieldsEachInputsDocumentOrErrorInOrder()
    {
        EntityGraph.Pipeline pipeline = new PipelineBuilder().UseTokenizer().Use(new FailsOn("bad stage")).Build();
        string[] inputs = [.. Enumerable.Range(0, 200).Select(i => i % 7 == 3 ? "unreadable" : i % 11 == 5 ? "bad stage" : $"Text number {i}.")];

        List<DocumentResult<string>> results = await Task.Run(() => pipeline.ProcessMany(
            inputs,
            text => text == "unreadable" ? throw new IOException("cannot read") : new Document(text, text),
            maxDegreeOfParallelism: 3).ToList());

        Assert.Equal(inputs, results.Select(r => r.Input));
        for (int i = 0; i < inputs.Length; i++)
        {
            DocumentResult<string> result = results[i];
            switch (inputs[i])
            {
                case "unreadable":
                    Assert.False(result.Succeeded);
                    Assert.Null(result.Document);
                    Assert.Equal("cannot read", Assert.IsType<IOException>(result.Error).Message);
                    break;
                case "bad stage":
                    Assert.False(result.Succeeded);
                    Assert.IsType<InvalidOperationException>(result.Error);
                    break;
                default:
                    Assert.True(result.Succeeded);
                    Assert.Null(result.Error);
                    Assert.Equal(inputs[i], result.Document.Id);
                    Assert.NotEmpty(result.Document.Tokens);
                    break;
            }
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task ProcessMany_WithLoad_ReadsInputsOnlyAsFarAsConsumedAndStopsWhenCancelled()
    {
        EntityGraph.Pipeline pipeline = new PipelineBuilder().UseTokenizer().Build();
        int pulled = 0;
        IEnumerable<int> Inputs()
        {
            for (int i = 0; i < 100_000; i++)
            {
                Interlocked.Increment(ref pulled);
                yield return i;
            }
        }
        using var cancel = new CancellationTokenSource();
        int seen = 0;
        await Task.Run(() =>
        {
            Assert.Throws<OperationCanceledException>(() =>
            {
                foreach (DocumentResult<int> result in pipeline.ProcessMany(Inputs(), i => new Document("Kerry met Zarif.", $"d{i}"), 2, cancel.Token))
                {
                    Assert.Equal(seen, result.Input);
                    if (++seen == 5)
                    {
                        // The window: four inputs per worker ahead of what was consumed.
                        Assert.InRange(Volatile.Read(ref pulled), 5, 5 + (4 * 2));
                        cancel.Cancel();
                    }
                }
            });
        });
        Assert.Equal(5, seen);
        Assert.InRange(pulled, 5, 5 + (4 * 2) + 1);
    }

    private sealed class OtherLinker : PipelineStage
    {
        public override string Name => "other-linker";
        public override Annotations Requires => Annotations.Mentions;
        public override Annotations Assigns => Annotations.Entities;
        public override void Process(Document document, CancellationToken cancellationToken) { }
    }

    private static string Seed(string name) => File.ReadAllText(Path.Combine(TestHelpers.SeedCorpus, name));

    /// <summary>Issue 19, item 2: the sample of models/aliases/README.md threw on every document.</summary>
    [Fact]
    public void UseDefaultsThenUseAliasResolver_ReadmeSample_ReplacesTheDefaultResolver()
    {
        using var temp = new TempFolder();
        string file = temp.File("my-entities.yaml", """
            entities:
              - id: kerry_secretary
                name: John Kerry
                type: PER
            """);
        AliasDictionary dictionary = AliasDictionary.LoadDefault(file);   // defaults, then yours
        EntityGraph.Pipeline pipeline = new PipelineBuilder()
            .UseDefaults()
            .UseAliasResolver(new AliasResolverOptions { Dictionary = dictionary, ReferenceDate = new DateOnly(2014, 6, 17) })
            .Build();
        AliasResolverStage resolver = Assert.Single(pipeline.Stages.OfType<AliasResolverStage>());
        Assert.Same(dictionary, resolver.Resolver.Dictionary);
        Assert.IsType<RelationExtractorStage>(pipeline.Stages[^1]);
        Document document = pipeline.Process("John Kerry met Zarif in Vienna. Kerry said talks went well.", "x");
        Assert.Contains(document.Entities, e => e.Id == "kerry_secretary" && e.MentionIndices.Count == 2);
    }

    [Fact]
    public void UseDefaultsThenUseRelationExtractor_ReportsEachRelationOnce()
    {
        string text = Seed("001_eebee293d901455e.txt");
        Document expected = EntityGraph.Pipeline.CreateDefault().Process(text, "x");
        EntityGraph.Pipeline pipeline = new PipelineBuilder().UseDefaults().UseRelationExtractor(RelationSchema.Default).Build();
        Assert.Single(pipeline.Stages.OfType<RelationExtractorStage>());
        Document document = pipeline.Process(text, "x");
        Assert.NotEmpty(expected.Relations);
        Assert.Equal(expected.Relations.Count, document.Relations.Count);
    }

    [Fact]
    public void UseDefaultsThenUseSameKind_KeepsThePlaceInTheChain()
    {
        var builder = new PipelineBuilder().UseDefaults();
        string[] names = builder.Stages.Select(s => s.Name).ToArray();
        var recognizer = new EntityRecognizerStage();
        builder.UseEntityRecognizer().UseDependencyParser().UseTokenizer();
        Assert.Equal(names, builder.Stages.Select(s => s.Name).ToArray());
        builder.Use(recognizer);   // the default was replaced already: a second recognizer is refused at Build
        var ex = Assert.Throws<InvalidOperationException>(() => builder.Build());
        Assert.Contains("Mentions", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_TwoStagesAssignOneLayer_RefusedSayingToUseReplace()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new PipelineBuilder().UseDefaults().Use(new OtherLinker()).Build());
        Assert.Contains("'aliases' and 'other-linker' both assign Entities", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Replace<AliasResolverStage>(stage)", ex.Message, StringComparison.Ordinal);

        // Explicit stages are never replaced silently.
        ex = Assert.Throws<InvalidOperationException>(() => new PipelineBuilder().UseTokenizer().UseTokenizer().Build());
        Assert.Contains("both assign Tokens", ex.Message, StringComparison.Ordinal);

        // Replace<T>() is the way to run your own stage.
        EntityGraph.Pipeline pipeline = new PipelineBuilder().UseDefaults().Replace<AliasResolverStage>(new OtherLinker()).Remove<RelationExtractorStage>().Build();
        Assert.Contains(pipeline.Stages, s => s is OtherLinker);
    }
}
