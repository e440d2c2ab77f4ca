using EntityGraph.Text;

namespace EntityGraph.Tests.Text;

public class JsonLinesReaderTests
{
    private static List<JsonLinesArticle> Read(string text, long max = 1 << 20) => [.. JsonLinesReader.Read(new StringReader(text), "feed.jsonl", "feed", max)];

    [Fact]
    public void Read_GoodLines_KeepTextAndMetadata()
    {
        List<JsonLinesArticle> lines = Read("{\"id\":\"a1\",\"text\":\"Obama spoke.\",\"date\":\"2014-06-10\",\"url\":\"https://x.example/a\",\"title\":\"T\"}\r\n\n{\"text\":\"Kerry left.\",\"date\":\"2014-06-10T23:30:00-05:00\"}");
        Assert.Equal(2, lines.Count);
        Assert.Equal(("a1", "Obama spoke.", new DateOnly(2014, 6, 10), "https://x.example/a", "T"), (lines[0].Id, lines[0].Text, lines[0].Date, lines[0].Url, lines[0].Title));
        // The blank line counts: the second article is on line 3, and its day is the one written, not the UTC day.
        Assert.Equal((3L, "feed-3", new DateOnly(2014, 6, 10)), (lines[1].LineNumber, lines[1].Id, lines[1].Date));
        Document doc = lines[0].ToDocument();
        Assert.Equal(("a1", new DateOnly(2014, 6, 10), "T"), (doc.Id, doc.Date, doc.Title));
    }

    [Theory]
    [InlineData("not json", "feed.jsonl:1: not JSON")]
    [InlineData("{\"id\":\"a\"}", "feed.jsonl:1: the article text must be a string in \"text\"; there is no \"text\"")]
    [InlineData("{\"text\":5}", "\"text\" is a number")]
    [InlineData("[1,2]", "expected a JSON object")]
    [InlineData("{\"text\":\"x\",\"date\":\"10/06/2014\"}", "feed.jsonl:1: bad \"date\" \"10/06/2014\"")]
    [InlineData("{\"text\":\"x\",\"date\":\"2014-02-30\"}", "bad \"date\"")]
    [InlineData("{\"text\":\"x\",\"url\":3}", "\"url\" must be a string")]
    [InlineData("{\"text\":\"x\",\"id\":[]}", "\"id\" must be a non-empty string or a number")]
    public void Read_BadLine_ReportsLineAndProblem(string line, string expected)
    {
        JsonLinesArticle article = Assert.Single(Read(line));
        Assert.Null(article.Text);
        Assert.Contains(expected, article.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BadLineBetweenGoodOnes_OthersStillRead()
    {
        List<JsonLinesArticle> lines = Read("{\"id\":\"a\",\"text\":\"A.\"}\n{oops\n{\"id\":\"c\",\"text\":\"C.\"}\n");
        Assert.Equal(["a", null, "c"], lines.Select(l => l.Id));
        Assert.StartsWith("feed.jsonl:2: not JSON", lines[1].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LineLongerThanLimit_ReportedAndSkipped()
    {
        string huge = "{\"text\":\"" + new string('x', 5000) + "\"}";
        List<JsonLinesArticle> lines = Read(huge + "\n{\"id\":\"b\",\"text\":\"B.\"}", max: 1000);
        Assert.Contains("feed.jsonl:1: the line is longer than the limit", lines[0].Error, StringComparison.Ordinal);
        Assert.Equal("b", lines[1].Id);
    }

    [Fact]
    public void Read_Empty_NoArticles() => Assert.Empty(Read("\n \n"));
}
