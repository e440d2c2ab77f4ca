using EntityGraph.Entities;
using EntityGraph.Models;
using EntityGraph.Tagging;

namespace EntityGraph.Tests.Models;

public class ModelFormatTests
{
    private static byte[] TinyModelBytes()
    {
        var trainer = new PerceptronTrainer(["x", "y"], bits: 4);
        trainer.Tick();
        trainer.Update([1, 2], gold: 0, guess: 1);
        trainer.Tick();
        var container = new ModelContainer("test", "tiny", "0.1");
        container.Add("perceptron", trainer.ToModel().Write);
        using var stream = new MemoryStream();
        ModelFormat.Write(stream, container);
        return stream.ToArray();
    }

    private static InvalidDataException ReadFails(byte[] bytes, string name = "broken.egm") =>
        Assert.Throws<InvalidDataException>(() => ModelFormat.Read(new MemoryStream(bytes), name, "test"));

    [Fact]
    public void Write_Read_RoundTripsThePerceptron()
    {
        ModelContainer read = ModelFormat.Read(new MemoryStream(TinyModelBytes()), "tiny.egm", "test");
        Assert.Equal("tiny", read.Name);
        Assert.Equal("0.1", read.Version);
        PerceptronModel model = read.ReadPerceptron("perceptron");
        float[] scores = new float[model.Stride];
        model.Score([1, 2], scores);
        Assert.True(scores[0] > 0 && scores[1] < 0);
        Assert.Equal(4, model.CountNonZero());
    }

    [Fact]
    public void Read_EmptyFile_NamesTheFile() =>
        Assert.Contains("'empty.egm'", ReadFails([], "empty.egm").Message, StringComparison.Ordinal);

    [Fact]
    public void Read_WrongMagic_SaysSo()
    {
        byte[] bytes = TinyModelBytes();
        bytes[1] = (byte)'X';
        Assert.Contains("magic", ReadFails(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TextFile_IsNotAModel() =>
        Assert.Contains("wrong magic", ReadFails("EU NNP B-NP B-ORG\n"u8.ToArray()).Message, StringComparison.Ordinal);

    [Fact]
    public void Read_WrongVersion_SaysWhichVersion()
    {
        byte[] bytes = TinyModelBytes();
        bytes[8] = 99;
        InvalidDataException error = ReadFails(bytes);
        Assert.Contains("version 99", error.Message, StringComparison.Ordinal);
        Assert.Contains("broken.egm", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(20)]
    [InlineData(40)]
    public void Read_Truncated_SaysTruncated(int keep)
    {
        byte[] bytes = TinyModelBytes()[..keep];
        Assert.Contains("truncated", ReadFails(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TruncatedPayload_IsAClearError()
    {
        byte[] full = TinyModelBytes();
        InvalidDataException error = ReadFails(full[..(full.Length - 3)]);
        Assert.Contains("broken.egm", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DamagedPayload_FailsTheChecksumOrDecompression()
    {
        byte[] bytes = TinyModelBytes();
        bytes[^2] ^= 0x5A;
        Assert.Contains("broken.egm", ReadFails(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WrongKind_SaysWhatWasExpected()
    {
        var error = Assert.Throws<InvalidDataException>(() => PosTaggerModel.Load(EmbeddedModels.Open(EmbeddedModels.Ner), "ner.egm"));
        Assert.Contains("'ner' model where a 'pos' model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PosModelFromAPath_RoundTripsTheEmbeddedDefault()
    {
        string path = Path.Combine(Path.GetTempPath(), $"eg-pos-{Guid.NewGuid():N}.egm");
        try
        {
            using (var file = File.Create(path))
                PosTaggerModel.Default.Save(file);
            PosTaggerModel copy = PosTaggerModel.Load(path);
            Assert.Equal(PosTaggerModel.Default.Perceptron.CountNonZero(), copy.Perceptron.CountNonZero());
            Assert.Equal(PosTaggerModel.Default.Upos, copy.Upos);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_MissingFile_IsAnIOError() =>
        Assert.Throws<FileNotFoundException>(() => EntityRecognizerModel.Load(Path.Combine(Path.GetTempPath(), "no-such-model.egm")));
}
