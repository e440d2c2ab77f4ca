using EntityGraph.Models;
using EntityGraph.Relations;

namespace EntityGraph.Tests.Relations;

public class RelationModelTests
{
    private static RelationModel Default => RelationModel.Default ?? throw new InvalidOperationException("The build carries no relation model.");

    private static byte[] DefaultBytes()
    {
        using var stream = new MemoryStream();
        Default.Write(stream);
        return stream.ToArray();
    }

    [Fact]
    public void Default_IsEmbedded_WithTheSixTypes()
    {
        Assert.Equal(["captured", "deployed_to", "held_talks_with", "attacked", "located_in", "affiliated_with"], Default.Types);
        Assert.InRange(Default.Threshold, 0.01, 0.99);
        Assert.InRange(Default.PatternConfidence, 0.01, 0.99);
        Assert.Equal(Default.Features.Count, Default.Features.Names.Length);
        Assert.Equal(Default.Features.Count, Default.Features.Names.Distinct().Count());
    }

    [Fact]
    public void Write_Read_GivesTheSameProbabilities()
    {
        RelationModel read = RelationModel.Read(new MemoryStream(DefaultBytes()), "copy.egm");
        var random = new Random(7);
        var row = new float[Default.Features.Count];
        for (int n = 0; n < 200; n++)
        {
            for (int i = 0; i < row.Length; i++)
                row[i] = random.Next(3) == 0 ? random.Next(0, 6) : 0;
            Assert.Equal(Default.Probability(row), read.Probability(row));
        }
        Assert.Equal((Default.Threshold, Default.PatternConfidence, Default.Version), (read.Threshold, read.PatternConfidence, read.Version));
    }

    [Fact]
    public void RawScore_FeatureByFeature_IsTheTreeWalkBitForBit()
    {
        var random = new Random(11);
        var row = new float[Default.Features.Count];
        for (int n = 0; n < 2000; n++)
        {
            // Mostly zeros and small counts, as real rows are; some values land exactly on 0.5 and 1.5 (split points).
            for (int i = 0; i < row.Length; i++)
                row[i] = random.Next(4) switch { 0 => random.Next(0, 13), 1 => random.Next(0, 4) + 0.5f, _ => 0 };
            Assert.Equal(Default.WalkTrees(row), Default.RawScore(row));
            // A negative value (no feature has one) takes the path that does not start from the all-zero row.
            row[random.Next(row.Length)] = -random.Next(1, 3);
            Assert.Equal(Default.WalkTrees(row), Default.RawScore(row));
        }
    }

    [Fact]
    public void QuickScorer_RandomForests_AreTheTreeWalkBitForBit()
    {
        // Forests built here, so the check does not depend on the learner the shipped model's cross-validation chose.
        var random = new Random(23);
        for (int forest = 0; forest < 20; forest++)
        {
            var feature = new List<int>();
            var threshold = new List<float>();
            var left = new List<int>();
            var right = new List<int>();
            var leaves = new List<float>();
            int[] roots = [.. Enumerable.Range(0, random.Next(1, 40)).Select(_ => Grow(4))];
            double bias = random.NextDouble() - 0.5;
            QuickScorer scorer = QuickScorer.TryCreate(roots, [.. feature], [.. threshold], [.. left], [.. right], [.. leaves], bias)
                ?? throw new InvalidOperationException("a forest of small trees is always accepted");
            var row = new float[12];
            for (int n = 0; n < 300; n++)
            {
                for (int i = 0; i < row.Length; i++)
                    row[i] = random.Next(4) switch { 0 => random.Next(0, 6), 1 => random.Next(0, 4) + 0.5f, 2 => -random.Next(0, 2), _ => 0 };
                double walked = bias;
                foreach (int root in roots)
                {
                    int node = root;
                    while (node >= 0)
                        node = row[feature[node]] <= threshold[node] ? left[node] : right[node];
                    walked += leaves[~node];
                }
                Assert.Equal(walked, scorer.Score(row, bias));
            }

            int Grow(int depth)
            {
                if (depth == 0 || random.Next(4) == 0)
                {
                    leaves.Add((float)Math.Round(random.NextDouble() * 2 - 1, 3));
                    return ~(leaves.Count - 1);
                }
                int node = feature.Count;
                feature.Add(random.Next(12));
                threshold.Add(random.Next(0, 5) + 0.5f);
                left.Add(0);
                right.Add(0);
                left[node] = Grow(depth - 1);
                right[node] = Grow(depth - 1);
                return node;
            }
        }
    }

    [Fact]
    public void Load_DamagedFile_NamesTheFileAndTheChecksum()
    {
        string path = Path.Combine(Path.GetTempPath(), $"eg-relations-{Guid.NewGuid():N}.egm");
        try
        {
            byte[] bytes = DefaultBytes();
            bytes[FindChecksumOffset(bytes)] ^= 0x01; // the header's checksum no longer matches the payload
            File.WriteAllBytes(path, bytes);
            var error = Assert.Throws<InvalidDataException>(() => RelationModel.Load(path));
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
            Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    // The checksum is the last header field before the compressed payload: magic, u16, three strings, three i32, u64.
    private static int FindChecksumOffset(byte[] file)
    {
        using var reader = new BinaryReader(new MemoryStream(file));
        reader.ReadBytes(8);
        reader.ReadUInt16();
        reader.ReadString();
        reader.ReadString();
        reader.ReadString();
        reader.ReadInt32();
        reader.ReadInt32();
        reader.ReadInt32();
        return (int)reader.BaseStream.Position;
    }

    [Fact]
    public void Load_AnotherKindOfModel_IsRefused()
    {
        string path = Path.Combine(Path.GetTempPath(), $"eg-pos-{Guid.NewGuid():N}.egm");
        try
        {
            using (Stream pos = EmbeddedModels.Open(EmbeddedModels.Pos))
            using (FileStream file = File.Create(path))
                pos.CopyTo(file);
            var error = Assert.Throws<InvalidDataException>(() => RelationModel.Load(path));
            Assert.Contains("'pos' model where a 'relations' model was expected", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Options_MinConfidenceOutsideZeroToOne_IsRefused(double value) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RelationExtractorStage(options: new RelationExtractorOptions { MinConfidence = value }));

    [Fact]
    public void MinConfidence_RaisingTheCut_KeepsASubsetOfTheAssertedRelations()
    {
        string text = File.ReadAllText(Path.Combine(TestHelpers.SeedCorpus, "001_eebee293d901455e.txt"));
        HashSet<(string, string, string)> Asserted(double cut)
        {
            Pipeline pipeline = new PipelineBuilder().UseDefaults()
                .Replace<RelationExtractorStage>(new RelationExtractorStage(options: new RelationExtractorOptions { MinConfidence = cut })).Build();
            Document d = pipeline.Process(text, "seed");
            return [.. d.Relations.Where(static r => r.IsAsserted).Select(r => (r.Type, d.Entities[r.SubjectEntity].Id, d.Entities[r.ObjectEntity].Id))];
        }
        HashSet<(string, string, string)> all = Asserted(0.0), usual = Asserted(Default.Threshold), strict = Asserted(0.99);
        Assert.Subset(all, usual);
        Assert.Subset(usual, strict);
        Assert.True(all.Count > usual.Count, "a cut of 0 asserts every candidate, so more than the default cut");
        Assert.NotEmpty(usual);
    }

    [Fact]
    public void UseModelFalse_GivesPatternEvidenceOnly_WithConfidenceOne()
    {
        string text = File.ReadAllText(Path.Combine(TestHelpers.SeedCorpus, "000_02c660931d4fc233.txt"));
        Pipeline pipeline = new PipelineBuilder().UseDefaults()
            .Replace<RelationExtractorStage>(new RelationExtractorStage(options: new RelationExtractorOptions { UseModel = false })).Build();
        Document d = pipeline.Process(text, "seed");
        Assert.NotEmpty(d.Relations);
        Assert.All(d.Relations.SelectMany(static r => r.Evidence), static e =>
        {
            Assert.NotEqual(RelationScoring.ScorerPattern, e.Pattern);
            Assert.Equal(1.0, e.Confidence);
        });
    }

    [Fact]
    public void DefaultPipeline_EveryEvidence_HasAConfidenceAndOffsetsInTheText()
    {
        string text = File.ReadAllText(Path.Combine(TestHelpers.SeedCorpus, "001_eebee293d901455e.txt"));
        Document d = Pipeline.CreateDefault().Process(text, "seed");
        Assert.Contains(d.Relations, static r => r.Evidence.Any(static e => e.Confidence < 1.0));
        foreach (RelationEvidence e in d.Relations.SelectMany(static r => r.Evidence))
        {
            Assert.InRange(e.Confidence, 0.0, 1.0);
            Span sentence = d.Sentences[e.SentenceIndex];
            if (e.TriggerStart >= 0)
                Assert.InRange(e.TriggerStart, sentence.Start, sentence.End - 1);
        }
    }

    [Fact]
    public void Features_ForceNounModifier_ReachesTheRoleOfTheNoun()
    {
        // "Israeli jets struck Haifa": Israeli is amod of jets, the subject of the attack verb.
        var parsed = new ParsedDocument("Israeli jets struck Haifa yesterday.",
                "israeli ADJ 2 amod", "jet NOUN 3 nsubj", "strike VERB 0 root", "Haifa PROPN 3 obj", "yesterday NOUN 3 obl:tmod", ". PUNCT 3 punct")
            .Mention("Israeli", "MISC", "israel", "LOC").Mention("Haifa", "LOC", "haifa", "LOC");
        Document d = parsed.Document;
        RelationFeatures features = Default.Features;
        var candidates = new List<RelationCandidate>();
        var rows = new List<float>();
        RelationCandidates.Build(d, RelationExtractorStage.MentionByToken(d), RelationSchema.Default, features, [], candidates, rows);
        int attacked = features.TypeIndex("attacked");
        int index = candidates.FindIndex(c => c.Type == attacked && c.SubjectMention == 0 && c.ObjectMention == 1);
        Assert.True(index >= 0, "Israeli -> Haifa is an attacked candidate");
        float[] row = [.. rows.Skip(index * features.Count).Take(features.Count)];
        float Feature(string name) => row[Array.IndexOf(features.Names, name)];
        Assert.Equal(1, Feature("subject.role=nsubj"));
        Assert.Equal(1, Feature("object.role=obj"));
        Assert.Equal(1, Feature("subject.force-noun"));
        Assert.Equal(1, Feature("subject.demonym"));
        Assert.Equal(1, Feature("own.trigger.lca"));
        Assert.Equal(1, Feature("own.trigger.governs-both"));
        Assert.Equal(3, Feature("path.length")); // Israeli -> jets -> struck -> Haifa
        Assert.Equal(0, Feature("rule.asserted"));
    }
}
