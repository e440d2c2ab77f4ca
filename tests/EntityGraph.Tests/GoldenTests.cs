using EntityGraph.Output;

namespace EntityGraph.Tests;

/// <summary>
/// The default pipeline's full JSON output (tokens included) for each seed article, compared with
/// Golden/NAME.expected.json. After an intended change, run the tests with UPDATE_GOLDEN=1 and review the diff like code.
/// </summary>
public class GoldenTests
{
    private static string GoldenFolder => Path.Combine(TestHelpers.RepoRoot, "tests", "EntityGraph.Tests", "Golden");

    public static TheoryData<string> Articles()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(TestHelpers.SeedCorpus, "*.txt").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileNameWithoutExtension(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Articles))]
    public void DefaultPipeline_SeedArticle_MatchesGolden(string name)
    {
        string text = File.ReadAllText(Path.Combine(TestHelpers.SeedCorpus, name + ".txt"));
        Document document = EntityGraph.Pipeline.CreateDefault().Process(text, name);
        string actual = DocumentJson.ToJson(document, new DocumentJsonOptions { IncludeTokens = true }) + "\n";
        string expectedPath = Path.Combine(GoldenFolder, name + ".expected.json");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(expectedPath, actual);
            return;
        }
        Assert.True(File.Exists(expectedPath), $"{expectedPath} is missing: run the tests with UPDATE_GOLDEN=1 and review the new file.");
        Assert.Equal(File.ReadAllText(expectedPath), actual);
    }
}
