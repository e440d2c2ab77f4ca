using EntityGraph.Aliases;

namespace EntityGraph.Tests.Aliases;

public class AliasResolverRandomTests
{
    private static readonly string[] Labels = ["PER", "ORG", "LOC", "MISC"];

    [Fact]
    public void Resolve_RandomMentionsOverSeedText_NeverThrowsAndKeepsInvariants()
    {
        string text = File.ReadAllText(Path.Combine(TestHelpers.SeedCorpus, "001_eebee293d901455e.txt"));
        var random = new Random(5);
        var resolver = new AliasResolver();
        Pipeline pipeline = new PipelineBuilder().UseTokenizer().UseSentenceSplitter().Build();
        for (int round = 0; round < 40; round++)
        {
            int start = random.Next(text.Length - 2000);
            Document doc = pipeline.Process(text.Substring(start, 2000));
            int token = 0;
            while (token < doc.Tokens.Count)
            {
                token += random.Next(1, 6);
                int length = random.Next(1, 5);
                if (token + length > doc.Tokens.Count)
                    break;
                doc.AddMention(token, length, Labels[random.Next(Labels.Length)]);
                token += length;
            }
            resolver.Resolve(doc);
            int linked = 0;
            foreach (Entity entity in doc.Entities)
            {
                Assert.False(string.IsNullOrEmpty(entity.Id));
                Assert.Contains(entity.Type, Labels);
                foreach (int i in entity.MentionIndices)
                {
                    Assert.Equal(entity.Index, doc.Mentions[i].EntityIndex);
                    linked++;
                }
            }
            Assert.Equal(doc.Mentions.Count, linked);
            Assert.All(doc.Mentions, m => Assert.InRange(m.LinkScore, 0.0, 1.0));
        }
    }
}
