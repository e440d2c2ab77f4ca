using System.Text.Json;
using System.Text.RegularExpressions;
using EntityGraph.Cli.View;

namespace EntityGraph.Tests.Cli;

public partial class ViewCommandTests
{
    private const string Hostile = "Barack Obama met <script>alert(\"pwned\")</script> officials in Baghdad &amp; said 'ISIS' was \"dangerous\" </script><img src=x onerror=alert(1)>.\n";

    [Fact]
    public void View_SeedFolder_WritesOnePagePerArticleAndAnIndex()
    {
        using var temp = new TempFolder();
        string outDir = Path.Combine(temp.Path, "v");
        CliRun run = CliRun.Invoke("view", TestHelpers.SeedCorpus, "--out", outDir);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("2 page(s) written", run.Error, StringComparison.Ordinal);
        string[] pages = Directory.GetFiles(outDir, "*.html").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
        Assert.Equal(["000_02c660931d4fc233.html", "001_eebee293d901455e.html", "index.html"], pages);

        using JsonDocument index = ReadData(File.ReadAllText(Path.Combine(outDir, "index.html")));
        Assert.Equal("index", index.RootElement.GetProperty("mode").GetString());
        string[] hrefs = index.RootElement.GetProperty("articles").EnumerateArray().Select(a => a.GetProperty("href").GetString()!).ToArray();
        Assert.Equal(["000_02c660931d4fc233.html", "001_eebee293d901455e.html"], hrefs);
        JsonElement iran = index.RootElement.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("id").GetString() == "iran");
        Assert.Equal(2, iran.GetProperty("documents").GetArrayLength());
        Assert.True(iran.GetProperty("mentions").GetInt32() > 2);
        Assert.NotEqual(0, index.RootElement.GetProperty("edges").GetArrayLength());
    }

    [Fact]
    public void View_ArticlePage_IsSelfContained()
    {
        using var temp = new TempFolder();
        string outDir = Path.Combine(temp.Path, "v");
        string seed = Path.Combine(TestHelpers.SeedCorpus, "000_02c660931d4fc233.txt");
        Assert.Equal(0, CliRun.Invoke("view", seed, "--out", outDir).ExitCode);
        Assert.False(File.Exists(Path.Combine(outDir, "index.html")));
        string html = File.ReadAllText(Path.Combine(outDir, "000_02c660931d4fc233.html"));
        // Nothing is fetched: no external script, style sheet, image or frame, and a policy that forbids them.
        Assert.DoesNotMatch(@"<(script|img|link|iframe)[^>]*\s(src|href)=", html);
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);
        Assert.Equal(2, ScriptTag().Count(html));
    }

    [Fact]
    public void View_EmbeddedDocument_KeepsTheOffsetsOfTheOriginalText()
    {
        string text = File.ReadAllText(Path.Combine(TestHelpers.SeedCorpus, "001_eebee293d901455e.txt"));
        Document document = SharedPipeline.Instance.Process(text, "001");
        using JsonDocument data = ReadData(HtmlView.Article(document, null));
        Assert.Equal(text, data.RootElement.GetProperty("text").GetString());
        JsonElement doc = data.RootElement.GetProperty("doc");
        JsonElement[] mentions = [.. doc.GetProperty("mentions").EnumerateArray()];
        Assert.Equal(document.Mentions.Count, mentions.Length);
        Assert.All(mentions, m => Assert.Equal(m.GetProperty("text").GetString(), text[m.GetProperty("start").GetInt32()..m.GetProperty("end").GetInt32()]));
        Assert.NotEqual(0, doc.GetProperty("relations").GetArrayLength());
    }

    [Fact]
    public void View_ArticleWithMarkup_EscapesEverythingFromTheInput()
    {
        Document document = SharedPipeline.Instance.Process(Hostile, "evil</script><script>alert(2)</script>");
        string html = HtmlView.Article(document, null);
        // Exactly the page's own two script elements; the input's tags, entities and quotes appear only escaped.
        Assert.Equal(2, ScriptTag().Count(html));
        Assert.DoesNotContain("alert(\"pwned\")</script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("alert(2)</script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&amp;amp;", html, StringComparison.Ordinal);
        // The data block holds no '<' or '&' at all, so nothing in it can end the block or start a tag.
        string block = DataBlock(html);
        Assert.DoesNotContain('<', block);
        Assert.DoesNotContain('&', block);
        using JsonDocument data = JsonDocument.Parse(block);
        Assert.Equal(Hostile, data.RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public void View_MissingPath_ExitTwoNamingIt()
    {
        using var temp = new TempFolder();
        CliRun run = CliRun.Invoke("view", "/no/such/article.txt", "--out", Path.Combine(temp.Path, "v"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("/no/such/article.txt: no such file or folder", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void View_BinaryFile_ExitTwoNamingIt()
    {
        using var temp = new TempFolder();
        string file = temp.File("photo.txt", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46]);
        CliRun run = CliRun.Invoke("view", file, "--out", Path.Combine(temp.Path, "v"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("photo.txt: binary data (NUL byte at byte offset 4)", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void View_EmptyFile_WarnsNamingItAndWritesAnEmptyPage()
    {
        // As extract: an empty article is a warning that names the file, not a failure of the batch.
        using var temp = new TempFolder();
        string file = temp.File("empty.txt", "");
        string outDir = Path.Combine(temp.Path, "v");
        CliRun run = CliRun.Invoke("view", file, "--out", outDir);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("empty.txt: empty input", run.Error, StringComparison.Ordinal);
        using JsonDocument data = ReadData(File.ReadAllText(Path.Combine(outDir, "empty.html")));
        Assert.Equal(1, data.RootElement.GetProperty("doc").GetProperty("warnings").GetArrayLength());
    }

    [Fact]
    public void View_WithoutOut_IsAUsageError()
    {
        CliRun run = CliRun.Invoke("view", TestHelpers.SeedCorpus);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--out", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void View_SubFolders_LinkBackToTheIndex()
    {
        using var temp = new TempFolder();
        temp.File("in/a/one.txt", "Barack Obama visited Baghdad.");
        temp.File("in/two.txt", "John Kerry met officials in Iran.");
        string outDir = Path.Combine(temp.Path, "v");
        Assert.Equal(0, CliRun.Invoke("view", Path.Combine(temp.Path, "in"), "--out", outDir).ExitCode);
        using JsonDocument one = ReadData(File.ReadAllText(Path.Combine(outDir, "a", "one.html")));
        Assert.Equal("../index.html", one.RootElement.GetProperty("index").GetString());
        using JsonDocument index = ReadData(File.ReadAllText(Path.Combine(outDir, "index.html")));
        Assert.Equal(["a/one.html", "two.html"], index.RootElement.GetProperty("articles").EnumerateArray().Select(a => a.GetProperty("href").GetString()!).ToArray());
    }

    private static string DataBlock(string html)
    {
        string open = $"<script type=\"application/json\" id=\"{HtmlView.DataElementId}\">";
        int start = html.IndexOf(open, StringComparison.Ordinal) + open.Length;
        int end = html.IndexOf("</script>", start, StringComparison.Ordinal);
        return html[start..end];
    }

    private static JsonDocument ReadData(string html) => JsonDocument.Parse(DataBlock(html));

    [GeneratedRegex("<script[ >]", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();
}
