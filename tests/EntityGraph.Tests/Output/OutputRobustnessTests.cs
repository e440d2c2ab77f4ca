using System.Text;
using EntityGraph.Evaluation;
using EntityGraph.Output;
using EntityGraph.Text;
using static EntityGraph.Tests.TestHelpers;

namespace EntityGraph.Tests.Output;

/// <summary>Issue 19, items 6, 8 and 9: brat counts code points, and smaller output defects.</summary>
public class OutputRobustnessTests
{
    private static Document Tokenized(string text, string id = "d") =>
        new PipelineBuilder().UseTokenizer().UseSentenceSplitter().Build().Process(text, id);

    /// <summary>The lines Python's str.splitlines() sees (brat and most scorers read .ann files that way).</summary>
    private static string[] PythonLines(string s) =>
        s.Split(['\n', '\r', '\v', '\f', '\u001C', '\u001D', '\u001E', '\u0085', '\u2028', '\u2029']);

    // ---- item 6: brat offsets are code points ----

    [Fact]
    public void Brat_AstralCharactersBeforeMention_OffsetsCountCodePoints()
    {
        // Each emoji is two UTF-16 units and one code point: Obama starts at unit 5 and at code point 3.
        Document document = Tokenized("😀😀 Obama visited 🇫🇷 Paris.");
        document.AddMention(2, 1, "PER");
        document.AddMention(5, 1, "LOC");
        Assert.Equal(5, document.Mentions[0].Start);
        string ann = BratWriter.ToAnn(document);
        Assert.Equal("T1\tPER 3 8\tObama\nT2\tLOC 20 25\tParis\n", ann);
        // Python: "😀😀 Obama visited 🇫🇷 Paris.".index("Paris") == 20.
    }

    [Fact]
    public void BratReader_CodePointOffsets_MapBackToUtf16Mentions()
    {
        const string Text = "😀😀 Obama visited 🇫🇷 Paris.";
        BratReadResult result = BratReader.Parse("d", Text, "T1\tPER 3 8\tObama\nT2\tLOC 20 25\tParis\n", "d.ann");
        Assert.Empty(result.Problems);
        AnnotatedDocument gold = Assert.IsType<AnnotatedDocument>(result.Document);
        Assert.Equal([(5, 10), (24, 29)], gold.Mentions.Select(m => (m.Start, m.End)));
        Assert.Equal(["Obama", "Paris"], gold.Mentions.Select(m => Text[m.Start..m.End]));
    }

    [Fact]
    public void Brat_WriteThenRead_RoundTripsWithAstralCharactersAndLineBreaks()
    {
        Document document = Tokenized("👩‍👩‍👧 Tal\r\nAfar 😀 and Tal\u2028Afar\u0085x");
        document.AddMention(1, 2, "LOC");
        document.AddMention(5, 2, "LOC");
        string ann = BratWriter.ToAnn(document);
        BratReadResult result = BratReader.Parse("d", document.Text, ann, "d.ann");
        Assert.Empty(result.Problems);
        Assert.Equal(document.Mentions.Select(m => (m.Start, m.End)), result.Document!.Mentions.Select(m => (m.Start, m.End)));
    }

    [Fact]
    public void CodePointMap_ConvertsBothWays()
    {
        var map = new CodePointMap("a😀b\uD800c");
        Assert.Equal(5, map.CodePointLength);
        Assert.Equal([0, 1, 2, 3, 4, 5], new[] { 0, 1, 3, 4, 5, 6 }.Select(map.ToCodePoint));
        Assert.Equal([0, 1, 3, 4, 5, 6], Enumerable.Range(0, 6).Select(map.ToUtf16));
        Assert.Equal(-1, map.ToUtf16(6));
    }

    // ---- item 8: smaller output defects ----

    [Fact]
    public void Brat_MentionAcrossCrlf_CoveredTextKeepsTheSpanLengthAndReadsBack()
    {
        Document document = Tokenized("Tal\r\nAfar");
        document.AddMention(0, 2, "LOC");
        string ann = BratWriter.ToAnn(document);
        Assert.Equal("T1\tLOC 0 3;5 9\tTal  Afar\n", ann);
        BratReadResult result = BratReader.Parse("d", document.Text, ann, "d.ann");
        Assert.Empty(result.Problems);
        Assert.Equal((0, 9), (result.Document!.Mentions[0].Start, result.Document.Mentions[0].End));
        // brat itself joins fragments with one space: that is read too.
        Assert.Empty(BratReader.Parse("d", document.Text, "T1\tLOC 0 3;5 9\tTal Afar\n", "d.ann").Problems);
    }

    [Theory]
    [InlineData('\t')]
    [InlineData('\v')]
    [InlineData('\f')]
    [InlineData('\u001C')]
    [InlineData('\u001E')]
    [InlineData('\u0085')]
    [InlineData('\u2028')]
    [InlineData('\u2029')]
    public void Brat_And_ConllU_FieldAndLineBreakingCharacters_BecomeSpaces(char c)
    {
        string text = "Tal" + c + "afar fell.";
        Document document = Tokenized(text);
        int afar = document.Tokens.Count(t => t.End <= text.IndexOf("afar", StringComparison.Ordinal)) + 1;
        document.AddMention(0, afar, "LOC");
        string ann = BratWriter.ToAnn(document);
        Assert.Equal("T1\tLOC 0 8\tTal afar\n", ann);
        Assert.Single(PythonLines(ann.TrimEnd('\n')));

        string conllu = ConllUWriter.ToConllU(document);
        foreach (string line in PythonLines(conllu))
        {
            // Every line is a comment, a blank line or a token line of exactly ten fields.
            if (line.Length > 0 && !line.StartsWith('#'))
                Assert.Equal(10, line.Split('\t').Length);
        }
        Assert.Contains("# text = Tal afar fell.\n", conllu, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Family 👨‍👩‍👧 here", "👨‍👩‍👧")]
    [InlineData("Flag 🇺🇸 here", "🇺🇸")]
    [InlineData("Love ❤️ here", "❤️")]
    [InlineData("Thumbs 👍🏽 here", "👍🏽")]
    [InlineData("Pirate 🏴‍☠️ here", "🏴‍☠️")]
    public void Tokenizer_EmojiSequences_StayOneToken(string text, string emoji)
    {
        Document document = Tokenize(text);
        AssertInvariants(document);
        Assert.Equal([text[..text.IndexOf(' ', StringComparison.Ordinal)], emoji, "here"], document.Tokens.Select(t => t.ToString()));
        Assert.Equal(TokenKind.Symbol, document.Tokens[1].Kind);
    }

    [Fact]
    public void Tokenizer_AdjacentEmoji_AreSeparateTokens()
    {
        Document document = Tokenize("🇺🇸🇫🇷😀x");
        Assert.Equal(["🇺🇸", "🇫🇷", "😀", "x"], document.Tokens.Select(t => t.ToString()));
    }

    [Fact]
    public void Tagger_ZeroWidthJoinerAfterWord_DoesNotChangeItsTag()
    {
        Pipeline pipeline = Pipeline.CreateDefault();
        Document plain = pipeline.Process("ISIS captured Mosul on Monday.");
        Document joined = pipeline.Process("ISIS\u200D captured Mosul on Monday.");
        Assert.Equal("ISIS\u200D", joined.Tokens[0].ToString());
        Assert.Equal(plain.Tokens.Select(t => t.Upos), joined.Tokens.Select(t => t.Upos));
    }

    [Fact]
    public void SentenceSplitter_SentenceCutAtTheCap_AddsAWarningWithTheOffset()
    {
        string text = string.Join(' ', Enumerable.Repeat("word", 400)) + ".";
        Document document = Tokenized(text);
        Assert.Equal(2, document.Sentences.Count);
        string warning = Assert.Single(document.Warnings);
        Assert.Contains("300-token", warning, StringComparison.Ordinal);
        Assert.Contains($"offset {document.Tokens[299].End}", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void SentenceSplitter_OrdinarySentences_NoWarning() =>
        Assert.Empty(Tokenized("ISIS captured Mosul. Iran spoke.").Warnings);

    [Theory]
    [InlineData(false, "little-endian")]
    [InlineData(true, "big-endian")]
    public void ArticleReader_Utf16WithoutBom_SaysSo(bool bigEndian, string order)
    {
        byte[] bytes = (bigEndian ? Encoding.BigEndianUnicode : Encoding.Unicode).GetBytes("Barack Obama visited Paris on Monday.\n");
        InvalidDataException ex = Assert.Throws<InvalidDataException>(() => ArticleReader.Decode(bytes, "a", "a.txt"));
        Assert.Contains("looks like UTF-16 without a byte-order mark", ex.Message, StringComparison.Ordinal);
        Assert.Contains(order, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ArticleReader_BinaryData_NoUtf16Hint()
    {
        byte[] bytes = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0x3E, 0x00];
        InvalidDataException ex = Assert.Throws<InvalidDataException>(() => ArticleReader.Decode(bytes, "a", "a.bin"));
        Assert.DoesNotContain("UTF-16", ex.Message, StringComparison.Ordinal);
    }

    // ---- item 9: Relation.ToString ----

    [Fact]
    public void Relation_ToString_NamesTypeSubjectObjectAndAssertion()
    {
        var relation = new Relation("captured", 0, 3, symmetric: false);
        relation.AddEvidence(new RelationEvidence(0, 5, 13, 0, 1, "p"));
        Assert.Equal("captured(entity 0 -> entity 3, asserted)", relation.ToString());
        var talks = new Relation("held_talks_with", 1, 2, symmetric: true);
        talks.AddEvidence(new RelationEvidence(0, -1, -1, 0, 1, "p") { Modality = "negated" });
        Assert.Equal("held_talks_with(entity 1 <-> entity 2, not asserted)", talks.ToString());
    }
}
