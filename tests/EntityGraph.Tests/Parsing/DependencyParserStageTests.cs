using EntityGraph.Parsing;
using static EntityGraph.Tests.Parsing.ParserTestHelpers;

namespace EntityGraph.Tests.Parsing;

/// <summary>
/// The arcs relation extraction reads, on sentences from the seed articles, tagged by hand (gold-ish POS), parsed with
/// the shipped model.
/// </summary>
public class DependencyParserStageTests
{
    [Fact]
    public void Process_PassiveWithAgent_NsubjPassAndAgent()
    {
        Document document = Parse("Tal Afar was taken by the militants.",
            "PROPN/NNP PROPN/NNP AUX/VBD VERB/VBN ADP/IN DET/DT NOUN/NNS PUNCT/.");
        Token taken = Find(document, "taken");
        Assert.Equal(-1, taken.Head);
        Assert.Equal("root", taken.Dependency);
        // The subject phrase's head is Tal or Afar (flat or compound name), and it is the passive subject of taken.
        Token tal = Find(document, "Tal"), afar = Find(document, "Afar");
        Token nameHead = tal.Head == afar.Index ? afar : tal;
        Assert.True(nameHead.Dependency == "nsubj:pass" && nameHead.Head == taken.Index, Describe(document));
        AssertArc(document, "militants", "obl:agent", "taken");
        AssertArc(document, "by", "case", "militants");
        AssertArc(document, "was", "aux:pass", "taken");
    }

    [Fact]
    public void Process_CoordinatedModifiers_Conj()
    {
        Document document = Parse("US and Iranian officials held talks in Baghdad.",
            "PROPN/NNP CCONJ/CC ADJ/JJ NOUN/NNS VERB/VBD NOUN/NNS ADP/IN PROPN/NNP PUNCT/.");
        AssertArc(document, "Iranian", "conj", "US");
        AssertArc(document, "and", "cc", "Iranian");
        AssertArc(document, "officials", "nsubj", "held");
        AssertArc(document, "talks", "obj", "held");
        AssertArc(document, "Baghdad", "obl", "held");
    }

    [Fact]
    public void Process_CoordinatedSubjects_Conj()
    {
        Document document = Parse("The United States and Iran held talks.",
            "DET/DT PROPN/NNP PROPN/NNP CCONJ/CC PROPN/NNP VERB/VBD NOUN/NNS PUNCT/.");
        AssertArc(document, "Iran", "conj", "States");
        AssertArc(document, "States", "nsubj", "held");
        AssertArc(document, "talks", "obj", "held");
    }

    [Fact]
    public void Process_Apposition_Appos()
    {
        Document document = Parse("Militants seized Tal Afar, a northern Iraqi city, on Monday.",
            "NOUN/NNS VERB/VBD PROPN/NNP PROPN/NNP PUNCT/, DET/DT ADJ/JJ ADJ/JJ NOUN/NN PUNCT/, ADP/IN PROPN/NNP PUNCT/.");
        Token tal = Find(document, "Tal"), afar = Find(document, "Afar");
        Token nameHead = tal.Head == afar.Index ? afar : tal;
        Token city = Find(document, "city");
        Assert.True(city.Dependency == "appos" && city.Head == nameHead.Index, Describe(document));
        Assert.True(nameHead.Dependency == "obj", Describe(document));
        AssertArc(document, "Militants", "nsubj", "seized");
        AssertArc(document, "on", "case", "Monday");
    }

    [Fact]
    public void Process_SubjectVerbObject()
    {
        Document document = Parse("ISIS captured Tal Afar.", "PROPN/NNP VERB/VBD PROPN/NNP PROPN/NNP PUNCT/.");
        AssertArc(document, "ISIS", "nsubj", "captured");
        Token tal = Find(document, "Tal"), afar = Find(document, "Afar");
        Token nameHead = tal.Head == afar.Index ? afar : tal;
        Token other = nameHead.Index == tal.Index ? afar : tal;
        Assert.True(nameHead.Dependency == "obj" && document.Tokens[nameHead.Head].ToString() == "captured", Describe(document));
        Assert.True(other.Dependency is "flat" or "compound", Describe(document));
        AssertArc(document, ".", "punct", "captured");
    }

    [Fact]
    public void Process_SendTroopsToPlace_ObjAndObl()
    {
        Document document = Parse("Obama sends troops back to Iraq.",
            "PROPN/NNP VERB/VBZ NOUN/NNS ADV/RB ADP/IN PROPN/NNP PUNCT/.");
        AssertArc(document, "Obama", "nsubj", "sends");
        AssertArc(document, "troops", "obj", "sends");
        AssertArc(document, "to", "case", "Iraq");
        // UD attaches "to Iraq" to the verb or to "back"; relation extraction follows advmod up to the verb.
        AssertArc(document, "Iraq", "obl", "sends", "back");
    }

    [Fact]
    public void Process_TwoSentences_HeadsStayInTheirSentence()
    {
        Document document = Parse("ISIS captured Mosul. Obama sent troops.",
            "PROPN/NNP VERB/VBD PROPN/NNP PUNCT/. PROPN/NNP VERB/VBD NOUN/NNS PUNCT/.");
        Assert.Equal(2, document.Sentences.Count);
        AssertArc(document, "troops", "obj", "sent");
        AssertArc(document, "Obama", "nsubj", "sent");
        foreach (Token token in document.Tokens)
        {
            if (token.Head >= 0)
                Assert.Equal(token.SentenceIndex, document.Tokens[token.Head].SentenceIndex);
        }
    }

    [Fact]
    public void Process_NoTags_StillOneTreePerSentence()
    {
        // Without a tagger the stage must not crash; the parse is poor but well formed.
        Document document = new PipelineBuilder().UseTokenizer().UseSentenceSplitter().Build().Process("ISIS captured Mosul in June.");
        new DependencyParserStage().Process(document, CancellationToken.None);
        ParserPropertyTests.AssertWellFormed(document);
    }

    [Fact]
    public void Build_WithTaggerMissing_RefusesOrder()
    {
        var builder = new PipelineBuilder().UseTokenizer().UseSentenceSplitter().UseDependencyParser();
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => builder.Build());
        Assert.Contains("PartOfSpeech", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stage_DeclaresLayers()
    {
        var stage = new DependencyParserStage();
        Assert.Equal("parser", stage.Name);
        Assert.Equal(Annotations.Tokens | Annotations.Sentences | Annotations.PartOfSpeech, stage.Requires);
        Assert.Equal(Annotations.Dependencies, stage.Assigns);
    }

    [Fact]
    public void Process_ParallelEqualsSerial()
    {
        string[] texts = Directory.GetFiles(TestHelpers.SeedCorpus, "*.txt").Select(File.ReadAllText).ToArray();
        Assert.NotEmpty(texts);
        var pipeline = new PipelineBuilder().UseTokenizer().UseSentenceSplitter().Build();
        var stage = new DependencyParserStage();
        // Crude placeholder tags (the tagger is another stage): enough to exercise every code path.
        Document[] serial = texts.Select(t => PlaceholderTagged(pipeline, t)).ToArray();
        foreach (Document document in serial)
            stage.Process(document, CancellationToken.None);
        Document[] parallel = texts.Concat(texts).Concat(texts).Select(t => PlaceholderTagged(pipeline, t)).ToArray();
        Parallel.ForEach(parallel, new ParallelOptions { MaxDegreeOfParallelism = 4 }, d => stage.Process(d, CancellationToken.None));
        for (int i = 0; i < parallel.Length; i++)
        {
            Document expected = serial[i % serial.Length];
            Document actual = parallel[i];
            Assert.Equal(expected.Tokens.Select(t => (t.Head, t.Dependency)), actual.Tokens.Select(t => (t.Head, t.Dependency)));
        }
    }

    internal static Document PlaceholderTagged(Pipeline pipeline, string text)
    {
        Document document = pipeline.Process(text);
        for (int i = 0; i < document.TokenCount; i++)
        {
            ref TokenData token = ref document.TokenAt(i);
            ReadOnlySpan<char> word = document.Text.AsSpan(token.Start, token.Length);
            (string upos, string xpos) = char.IsUpper(word[0]) ? ("PROPN", "NNP")
                : char.IsDigit(word[0]) ? ("NUM", "CD")
                : char.IsLetter(word[0]) ? ("NOUN", "NN")
                : ("PUNCT", ".");
            token.Upos = document.Strings.Intern(upos);
            token.Xpos = document.Strings.Intern(xpos);
        }
        return document;
    }
}
