using System.Text;
using EntityGraph.Text;

namespace EntityGraph.Tests.Text;

public class ArticleReaderTests
{
    [Fact]
    public void Decode_Utf8_Text() =>
        Assert.Equal("Tal Afar \u2019s", ArticleReader.Decode(Encoding.UTF8.GetBytes("Tal Afar \u2019s"), "a", "a.txt").Text);

    [Fact]
    public void Decode_Utf8Bom_Stripped()
    {
        ArticleText article = ArticleReader.Decode([0xEF, 0xBB, 0xBF, (byte)'I', (byte)'r', (byte)'a', (byte)'q'], "a", "a.txt");
        Assert.Equal("Iraq", article.Text);
        Assert.Empty(article.Warnings);
    }

    [Fact]
    public void Decode_Utf16WithBom_Decoded()
    {
        byte[] bytes = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("Kerry met Zarif.")];
        Assert.Equal("Kerry met Zarif.", ArticleReader.Decode(bytes, "a", "a.txt").Text);
    }

    [Fact]
    public void Decode_InvalidUtf8_ReplacedWithWarningNamingPlace()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("Iraq\nTal "), 0xC3, 0x28, .. Encoding.UTF8.GetBytes(" Afar "), 0xFF];
        ArticleText article = ArticleReader.Decode(bytes, "a", "bad.txt");
        Assert.Contains('\uFFFD', article.Text);
        Assert.StartsWith("Iraq\nTal ", article.Text, StringComparison.Ordinal);
        string warning = Assert.Single(article.Warnings);
        Assert.Contains("bad.txt:2:5", warning, StringComparison.Ordinal);
        Assert.Contains("byte offset 9", warning, StringComparison.Ordinal);
        Assert.Contains("2 bad sequence", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Binary_ClearError()
    {
        var ex = Assert.Throws<InvalidDataException>(() => ArticleReader.Decode([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01], "a", "image.png"));
        Assert.Contains("image.png", ex.Message, StringComparison.Ordinal);
        Assert.Contains("byte offset 4", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Empty_Warns() =>
        Assert.Contains("empty", Assert.Single(ArticleReader.Decode([], "a", "e.txt").Warnings), StringComparison.Ordinal);

    [Fact]
    public void Decode_WhitespaceOnly_Warns() =>
        Assert.Contains("only whitespace", Assert.Single(ArticleReader.Decode(" \n\t"u8, "a", "w.txt").Warnings), StringComparison.Ordinal);

    [Fact]
    public void Read_MissingFile_Throws() =>
        Assert.Throws<FileNotFoundException>(() => ArticleReader.Read(Path.Combine(Path.GetTempPath(), "entitygraph-missing-" + Guid.NewGuid() + ".txt")));

    [Fact]
    public void Read_EndlessStream_StopsAtTheLimit()
    {
        var stream = new EntityGraph.Tests.Cli.ReliabilityCliTests.EndlessStream("Barack Obama visited Paris.\n");
        var ex = Assert.Throws<ArticleTooLargeException>(() => ArticleReader.Read(stream, "stdin", 100_000));
        Assert.Equal(100_000, ex.Limit);
        Assert.Null(ex.Length);
        Assert.Equal("stdin: more than the limit of 100,000 bytes (reading stopped there).", ex.Message);
        Assert.InRange(stream.BytesRead, 100_001, 100_001 + 65_536);
    }

    [Fact]
    public void Read_StreamOfExactlyTheLimit_Accepted()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(new string('a', 70_000)));
        Assert.Equal(70_000, ArticleReader.Read(stream, "s", 70_000).Text.Length);
    }

    [Fact]
    public void Read_FileOverTheLimit_RefusedBeforeReading()
    {
        string path = Path.Combine(Path.GetTempPath(), "entitygraph-big-" + Guid.NewGuid() + ".txt");
        File.WriteAllText(path, new string('a', 5000));
        try
        {
            var ex = Assert.Throws<ArticleTooLargeException>(() => ArticleReader.Read(path, 4999));
            Assert.Equal(5000, ex.Length);
            Assert.Equal("a", ArticleReader.Read(path, 5000).Text[..1]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
