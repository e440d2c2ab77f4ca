using EntityGraph.Cli;
using EntityGraph.Models;
using EntityGraph.Parsing;
using EntityGraph.Tests.Cli;

namespace EntityGraph.Tests.Parsing;

/// <summary>The shipped model, damaged model files, CoNLL-U input errors and the train parser command's checks (no training).</summary>
public class ParserModelTests
{
    private static byte[] EmbeddedBytes()
    {
        using Stream stream = typeof(DependencyParser).Assembly.GetManifestResourceStream("EntityGraph.Models.parser-en-ud.egm")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    [Fact]
    public void Default_LoadsWithManifestAndUdRelations()
    {
        DependencyParser parser = DependencyParser.Default;
        Assert.Same(parser, DependencyParser.Default);
        foreach (string relation in new[] { "nsubj", "nsubj:pass", "obj", "obl", "obl:agent", "nmod", "nmod:poss", "appos", "conj", "compound", "amod", "flat" })
            Assert.Contains(relation, parser.Relations);
        Assert.Contains("\"trainingData\"", parser.Manifest, StringComparison.Ordinal);
        Assert.Contains("en_ewt-ud-train", parser.Manifest, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FromBytes_SameParsesAsDefault()
    {
        DependencyParser copy = DependencyParser.Load(new MemoryStream(EmbeddedBytes()), "copy");
        Assert.NotSame(DependencyParser.Default, copy);
        Document a = ParserTestHelpers.Tagged("ISIS captured Tal Afar.", "PROPN/NNP VERB/VBD PROPN/NNP PROPN/NNP PUNCT/.");
        Document b = ParserTestHelpers.Tagged("ISIS captured Tal Afar.", "PROPN/NNP VERB/VBD PROPN/NNP PROPN/NNP PUNCT/.");
        new DependencyParserStage().Process(a, CancellationToken.None);
        new DependencyParserStage(copy).Process(b, CancellationToken.None);
        Assert.Equal(a.Tokens.Select(t => (t.Head, t.Dependency)), b.Tokens.Select(t => (t.Head, t.Dependency)));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.01)]
    public void LoadFile_Truncated_InvalidDataNamingFile(double keep)
    {
        using var folder = new TempFolder();
        byte[] bytes = EmbeddedBytes();
        string path = folder.File("parser.egm", bytes[..(int)(bytes.Length * keep)]);
        InvalidDataException error = Assert.Throws<InvalidDataException>(() => DependencyParser.LoadFile(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_Foreign_InvalidDataNamingFile()
    {
        using var folder = new TempFolder();
        string path = folder.File("parser.egm", "this is not a model\n");
        InvalidDataException error = Assert.Throws<InvalidDataException>(() => DependencyParser.LoadFile(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("magic", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_FlippedByte_InvalidData()
    {
        using var folder = new TempFolder();
        byte[] bytes = EmbeddedBytes();
        bytes[bytes.Length / 2] ^= 0x5A;
        string path = folder.File("parser.egm", bytes);
        InvalidDataException error = Assert.Throws<InvalidDataException>(() => DependencyParser.LoadFile(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_OtherKindOfModel_InvalidData()
    {
        using var folder = new TempFolder();
        var container = new ModelContainer("pos", "pos-test", "1.0.0");
        container.Add("labels", w => w.Write(1));
        string path = Path.Combine(folder.Path, "pos.egm");
        using (FileStream stream = File.Create(path))
            ModelFormat.Write(stream, container);
        InvalidDataException error = Assert.Throws<InvalidDataException>(() => DependencyParser.LoadFile(path));
        Assert.Contains("'pos' model", error.Message, StringComparison.Ordinal);
    }

    private const string Sentence = """
        # text = ISIS captured Mosul.
        1	ISIS	ISIS	PROPN	NNP	_	2	nsubj	_	_
        2-3	captured	_	_	_	_	_	_	_	_
        2	captured	capture	VERB	VBD	_	0	root	_	_
        3	Mosul	Mosul	PROPN	NNP	_	2	obj	_	SpaceAfter=No
        3.1	gone	go	VERB	VBN	_	_	_	2:conj	_
        4	.	.	PUNCT	.	_	2	punct	_	_

        """;

    [Fact]
    public void ConllU_SkipsMultiwordAndEmptyNodes()
    {
        List<ConllSentence> sentences = ConllUReader.Read(new StringReader(Sentence.Replace("2-3\t", "3-4\t", StringComparison.Ordinal)), "x.conllu");
        ConllSentence s = Assert.Single(sentences);
        Assert.Equal(["ISIS", "captured", "Mosul", "."], s.Forms);
        Assert.Equal([1, -1, 1, 1], s.Heads);
        Assert.Equal("obj", s.Relations[2]);
    }

    [Theory]
    [InlineData("2\tcaptured\tcapture\tVERB\tVBD\t_\t0\troot", "x.conllu:4: column 1")]
    [InlineData("4\t.\t.\tPUNCT\t.\t_\t9\tpunct\t_\t_", "x.conllu:7: column 7: HEAD 9 points past")]
    [InlineData("4\t.\t.\tPUNCT\t.\t_\tX\tpunct\t_\t_", "x.conllu:7: column 7: HEAD 'X'")]
    [InlineData("5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_", "x.conllu:7: column 1: ID 5 is out of sequence")]
    public void ConllU_BadLine_ErrorWithFileLineColumn(string line, string expected)
    {
        string text = Sentence;
        string original = line.StartsWith("2\t", StringComparison.Ordinal)
            ? "2\tcaptured\tcapture\tVERB\tVBD\t_\t0\troot\t_\t_"
            : "4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_";
        text = text.Replace(original, line, StringComparison.Ordinal);
        Assert.NotEqual(Sentence, text);
        InvalidDataException error = Assert.Throws<InvalidDataException>(() => ConllUReader.Read(new StringReader(text), "x.conllu"));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConllU_Cycle_Error()
    {
        string text = Sentence.Replace("1\tISIS\tISIS\tPROPN\tNNP\t_\t2", "1\tISIS\tISIS\tPROPN\tNNP\t_\t3", StringComparison.Ordinal)
            .Replace("3\tMosul\tMosul\tPROPN\tNNP\t_\t2", "3\tMosul\tMosul\tPROPN\tNNP\t_\t1", StringComparison.Ordinal);
        InvalidDataException error = Assert.Throws<InvalidDataException>(() => ConllUReader.Read(new StringReader(text), "x.conllu"));
        Assert.Contains("cycle", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainCommand_MalformedTrainingFile_ExitTwoWithFileAndLine()
    {
        using var folder = new TempFolder();
        string train = folder.File("train.conllu", Sentence.Replace("\t0\troot", "\t7\troot", StringComparison.Ordinal));
        string dev = folder.File("dev.conllu", Sentence);
        CliRun run = CliRun.Invoke("train", "parser", "--train", train, "--dev", dev, "--out", Path.Combine(folder.Path, "m.egm"));
        Assert.Equal(ExitCodes.UsageOrInputError, run.ExitCode);
        Assert.Contains(train + ":4: column 7", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainCommand_MissingOptions_ExitTwo()
    {
        CliRun run = CliRun.Invoke("train", "parser", "--iterations", "3");
        Assert.Equal(ExitCodes.UsageOrInputError, run.ExitCode);
        Assert.Contains("--train FILE is required", run.Error, StringComparison.Ordinal);
        Assert.Contains("--dev FILE is required", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void EvalOnly_EmbeddedModel_PrintsScores()
    {
        using var folder = new TempFolder();
        string test = folder.File("test.conllu", Sentence);
        CliRun run = CliRun.Invoke("train", "parser", "--eval-only", "--test", test);
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("UAS ", run.Out, StringComparison.Ordinal);
        Assert.Contains("(4 words)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void EvalOnly_DamagedModel_ExitTwoNamingFile()
    {
        using var folder = new TempFolder();
        string test = folder.File("test.conllu", Sentence);
        string model = folder.File("bad.egm", EmbeddedBytes()[..1000]);
        CliRun run = CliRun.Invoke("train", "parser", "--eval-only", "--model", model, "--test", test);
        Assert.Equal(ExitCodes.UsageOrInputError, run.ExitCode);
        Assert.Contains(model, run.Error, StringComparison.Ordinal);
    }
}
