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
            "R1\tcaptured Arg1:T1 Arg2:T2\n" +
            "#1\tAnnotatorNotes R1\tpattern: nsubj-verb-obj; confidence: 1; trigger: 5-13 \"captured\"; sentence: 0, 0-23\n",
            ann);
    }

    [Fact]
    public void Brat_RelationLine_UsesTheMostConfidentAssertedEvidenceAndNotesIt()
    {
        Document document = HandBuilt();
        var relation = new Relation("attacked", 0, 1, symmetric: false);
        // A weak statement in the first sentence, a stronger one in the second (no trigger word) and a still stronger hedged one.
        relation.AddEvidence(new RelationEvidence(0, 5, 13, 0, 1, "weak") { Confidence = 0.5 });
        relation.AddEvidence(new RelationEvidence(1, -1, -1, 2, 1, "learned") { Confidence = 0.875 });
        relation.AddEvidence(new RelationEvidence(1, 38, 43, 2, 1, "hedged") { Confidence = 0.99, Modality = "modal" });
        document.AddRelation(relation);

        string ann = BratWriter.ToAnn(document);

        Assert.EndsWith("R2\tattacked Arg1:T3 Arg2:T2\n#2\tAnnotatorNotes R2\tpattern: learned; confidence: 0.875; trigger: none; sentence: 1, 24-52\n", ann, StringComparison.Ordinal);
    }

    [Fact]
    public void Brat_MinRelationConfidence_LeavesOutWeakerRelations()
    {
        Document document = HandBuilt();
        var weak = new Relation("attacked", 0, 1, symmetric: false);
        weak.AddEvidence(new RelationEvidence(1, 38, 43, 2, 1, "learned") { Confidence = 0.4 });
        document.AddRelation(weak);

        string all = BratWriter.ToAnn(document);
        string strong = BratWriter.ToAnn(document, new BratWriterOptions { MinRelationConfidence = 0.5 });

        Assert.Contains("R2\tattacked Arg1:T3 Arg2:T2\n#2\tAnnotatorNotes R2\tpattern: learned; confidence: 0.4; trigger: 38-43 \"fired\";", all, StringComparison.Ordinal);
        Assert.DoesNotContain("attacked", strong, StringComparison.Ordinal);
        Assert.Contains("R1\tcaptured", strong, StringComparison.Ordinal);
    }

    [Fact]
    public void Brat_OwnOutput_ReadsBackWithRelationNotes()
    {
        Document document = HandBuilt();

        EntityGraph.Evaluation.BratReadResult read = EntityGraph.Evaluation.BratReader.Parse("hand", document.Text, BratWriter.ToAnn(document), "hand.ann");

        Assert.Empty(read.Problems);
        EntityGraph.Evaluation.AnnotatedRelation relation = Assert.Single(read.Document!.Relations);
        Assert.Equal("pattern: nsubj-verb-obj; confidence: 1; trigger: 5-13 \"captured\"; sentence: 0, 0-23", relation.Note);
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
    public void Json_Evidence_CarriesSentenceSpanTriggerModalityAndConfidence()
    {
        Document document = HandBuilt();
        document.Relations[0].AddEvidence(new RelationEvidence(1, -1, -1, 2, 1, "learned") { Confidence = 0.25, Modality = "negated" });

        using JsonDocument json = JsonDocument.Parse(DocumentJson.ToJson(document));

        JsonElement relation = json.RootElement.GetProperty("relations")[0];
        Assert.Equal(1.0, relation.GetProperty("confidence").GetDouble());
        JsonElement first = relation.GetProperty("evidence")[0];
        Assert.Equal(0, first.GetProperty("sentence").GetInt32());
        Assert.Equal(0, first.GetProperty("sentenceStart").GetInt32());
        Assert.Equal(23, first.GetProperty("sentenceEnd").GetInt32());
        Assert.Equal(5, first.GetProperty("triggerStart").GetInt32());
        Assert.Equal(13, first.GetProperty("triggerEnd").GetInt32());
        Assert.Equal("captured", first.GetProperty("triggerText").GetString());
        Assert.Equal("nsubj-verb-obj", first.GetProperty("pattern").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("modality").ValueKind);
        Assert.Equal(1.0, first.GetProperty("confidence").GetDouble());
        JsonElement second = relation.GetProperty("evidence")[1];
        Assert.Equal(24, second.GetProperty("sentenceStart").GetInt32());
        Assert.Equal(52, second.GetProperty("sentenceEnd").GetInt32());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("triggerStart").ValueKind);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("triggerEnd").ValueKind);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("triggerText").ValueKind);
        Assert.False(second.TryGetProperty("trigger", out _));
        Assert.Equal("negated", second.GetProperty("modality").GetString());
        Assert.Equal(0.25, second.GetProperty("confidence").GetDouble());
    }

    [Fact]
    public void Json_MinRelationConfidence_LeavesOutWeakerRelations()
    {
        Document document = HandBuilt();
        var weak = new Relation("attacked", 0, 1, symmetric: false);
        weak.AddEvidence(new RelationEvidence(1, 38, 43, 2, 1, "learned") { Confidence = 0.4 });
        document.AddRelation(weak);

        using JsonDocument all = JsonDocument.Parse(DocumentJson.ToJson(document));
        using JsonDocument strong = JsonDocument.Parse(DocumentJson.ToJson(document, new DocumentJsonOptions { MinRelationConfidence = 0.4001 }));

        Assert.Equal(2, all.RootElement.GetProperty("relations").GetArrayLength());
        Assert.Equal(0.4, all.RootElement.GetProperty("relations")[1].GetProperty("confidence").GetDouble());
        Assert.Equal("captured", Assert.Single(strong.RootElement.GetProperty("relations").EnumerateArray()).GetProperty("type").GetString());
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
