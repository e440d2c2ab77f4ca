using EntityGraph;
using EntityGraph.Output;

// Uses only the public API, as a developer who referenced the NuGet package would.
const string Article = "The US is urgently deploying troops to Iraq.The White House said Kerry met Zarif in Vienna, Austria.";
Pipeline pipeline = new PipelineBuilder().UseDefaults().Build();
Document document = pipeline.Process(Article, "consumer");
Console.WriteLine($"{document.Tokens.Count} tokens, {document.Sentences.Count} sentences, {document.Mentions.Count} mentions");
foreach (Span sentence in document.Sentences)
    Console.WriteLine($"  [{sentence.Start},{sentence.End}) {sentence}");
string json = DocumentJson.ToJson(document);
if (document.Sentences.Count != 2 || !json.Contains("\"schema\": \"entitygraph/document@1\"", StringComparison.Ordinal))
{
    Console.Error.WriteLine("package consumer check FAILED: unexpected output");
    return 1;
}
Console.WriteLine("package consumer check passed");
return 0;
