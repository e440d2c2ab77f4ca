using System.Text.Json;
using EntityGraph.Output;

namespace EntityGraph.Tests.Output;

public class OutputTests
{
    /// <summary>A document built by hand: later stages' layers without their stages.</summary>
    private static Document HandBuilt()
    {
        Document document = new PipelineBuilder().UseTokenizer().UseSentenceSplitter().Build().Process("ISIS captured Tal Afar.\nIsis fighters fired rockets.", "hand");
        Mention isis = document.AddMention(0, 1, "ORG");
        Mention talAfar = document.AddMention(2, 2, "LOC");
        Mention isis2 = document.AddMention(5, 1, "ORG");
        Entity group = document.AddEntity("islamic_state", "Islamic State of Iraq and the Levant", "ORG");
        Entity place = document.AddEntity("tal_afar", "Tal Afar", "LOC");
        foreach (Mention m in new[] { isis, isis2 })
        {
            m.EntityIndex = group.Index;
            group.AddMention(m.Index);
        }
        talAfar.EntityIndex = place.Index;
        place.AddMention(talAfar.Index);
        var relation = new Relation("captured", group.Index, place.Index, symmetric: false);
        relation.AddEvidence(new RelationEvidence(0, 5, 13, isis.Index, talAfar.Index, "nsubj-verb-obj"));
        document.AddRelation(relation);
        return document;
    }

    [Fact]
    public void Brat_HandBuiltDocument_MatchesAnnotationFormat()
    {
        string ann = BratWriter.ToAnn(HandBuilt());
        Assert.Equal(
            "T1\tORG 0 4\tISIS\n" +
            "T2\tLOC 14 22\tTal Afar\n" +
            "T3\tORG 24 28\tIsis\n" +
            "N1\tReference T1 EG:islamic_state\tIslamic State of Iraq and the Levant\n" +
            "N2\tReference T2 EG:tal_afar\tTal Afar\n" +
            "N3\tReference T3 EG:islamic_state\tIslamic State of Iraq and the Levant\n" +
            "R1\tcaptured Arg1:T1 Arg2:T2\n",
            ann);
    }

    [Fact]
    public void ConllU_HandBuiltDocument_OneBlockPerSentenceWithOffsetsAndEntityTags()
    {
        Document document = HandBuilt();
        ref TokenData captured = ref document.TokenAt(1);
        captured.Lemma = document.Strings.Intern("capture");
        captured.Upos = document.Strings.Intern("VERB");
        captured.Head = -1;
        captured.Dependency = document.Strings.Intern("root");
        ref TokenData isis = ref document.TokenAt(0);
        isis.Head = 1;
        isis.Dependency = document.Strings.Intern("nsubj");

        string conllu = ConllUWriter.ToConllU(document);
        string[] blocks = conllu.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2, blocks.Length);
        Assert.StartsWith("# newdoc id = hand\n# sent_id = 1\n# text = ISIS captured Tal Afar.\n", conllu, StringComparison.Ordinal);
        Assert.Contains("1\tISIS\t_\t_\t_\t_\t2\tnsubj\t_\tTokenRange=0:4|NER=B-ORG\n", conllu, StringComparison.Ordinal);
        Assert.Contains("2\tcaptured\tcapture\tVERB\t_\t_\t0\troot\t_\tTokenRange=5:13\n", conllu, StringComparison.Ordinal);
        Assert.Contains("4\tAfar\t_\t_\t_\t_\t_\t_\t_\tTokenRange=18:22|SpaceAfter=No|NER=I-LOC\n", conllu, StringComparison.Ordinal);
        // Every TokenRange maps back to the token's exact text.
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(conllu, @"^\d+\t([^\t]+)\t.*TokenRange=(\d+):(\d+)", System.Text.RegularExpressions.RegexOptions.Multiline))
            Assert.Equal(m.Groups[1].Value, document.Text[int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)..int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture)]);
    }

    [Fact]
    public void Brat_MentionAcrossLineBreak_WritesFragments()
    {
        Document document = new PipelineBuilder().UseTokenizer().UseSentenceSplitter().Build().Process("Tal\nAfar");
        document.AddMention(0, 2, "LOC");
        Assert.Equal("T1\tLOC 0 3;4 8\tTal Afar\n", BratWriter.ToAnn(document));
    }

    [Fact]
    public void Json_HandBuiltDocument_HasOffsetsThatMapBack()
    {
        Document document = HandBuilt();
        using JsonDocument json = JsonDocument.Parse(DocumentJson.ToJson(document, new DocumentJsonOptions { IncludeTokens = true }));
        JsonElement root = json.RootElement;
        Assert.Equal(DocumentJson.Schema, root.GetProperty("schema").GetString());
        Assert.Equal("hand", root.GetProperty("id").GetString());
        foreach (JsonElement s in root.GetProperty("sentences").EnumerateArray())
            Assert.Equal(document.Text[s.GetProperty("start").GetInt32()..s.GetProperty("end").GetInt32()], s.GetProperty("text").GetString());
        foreach (JsonElement t in root.GetProperty("tokens").EnumerateArray())
            Assert.Equal(document.Text[t.GetProperty("start").GetInt32()..t.GetProperty("end").GetInt32()], t.GetProperty("text").GetString());
        JsonElement[] mentions = root.GetProperty("mentions").EnumerateArray().ToArray();
        Assert.Equal(3, mentions.Length);
        foreach (JsonElement m in mentions)
            Assert.Equal(document.Text[m.GetProperty("start").GetInt32()..m.GetProperty("end").GetInt32()], m.GetProperty("text").GetString());
        Assert.Equal(0, mentions[2].GetProperty("entity").GetInt32());
        JsonElement relation = root.GetProperty("relations")[0];
        Assert.Equal("captured", relation.GetProperty("type").GetString());
        Assert.Equal("islamic_state", relation.GetProperty("subjectId").GetString());
        Assert.Equal("captured", relation.GetProperty("evidence")[0].GetProperty("trigger").GetProperty("text").GetString());
    }

    [Fact]
    public void Json_WithoutTokensOption_OmitsTokens()
    {
        using JsonDocument json = JsonDocument.Parse(DocumentJson.ToJson(HandBuilt()));
        Assert.False(json.RootElement.TryGetProperty("tokens", out _));
        Assert.Equal(2, json.RootElement.GetProperty("sentences").GetArrayLength());
    }

    [Fact]
    public void Json_Compact_IsOneLine()
    {
        string json = DocumentJson.ToJson(HandBuilt(), new DocumentJsonOptions { Indented = false });
        Assert.DoesNotContain('\n', json);
    }

    [Fact]
    public void Json_EmptyDocument_IsValid()
    {
        Document document = EntityGraph.Pipeline.CreateDefault().Process("");
        using JsonDocument json = JsonDocument.Parse(DocumentJson.ToJson(document));
        Assert.Equal(0, json.RootElement.GetProperty("sentences").GetArrayLength());
    }
}
