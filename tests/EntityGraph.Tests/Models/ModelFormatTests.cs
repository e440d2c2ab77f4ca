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

    private static byte[] PerceptronSection(int classes, int bits, int seed)
    {
        string[] labels = [.. Enumerable.Range(0, classes).Select(c => "c" + c)];
        var trainer = new PerceptronTrainer(labels, bits);
        var random = new Random(seed);
        for (int step = 0; step < 500; step++)
        {
            trainer.Tick();
            trainer.Update([random.Next(1 << bits), random.Next(1 << bits), random.Next(1 << bits)], random.Next(classes), random.Next(classes));
        }
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            trainer.ToModel().Write(writer);
        return stream.ToArray();
    }

    [Theory]
    [InlineData(4, 12)]   // compact rows, bucket deltas of one and two 7-bit bytes
    [InlineData(50, 16)]  // wide rows, deltas of up to three bytes
    public void ReadPerceptron_FromAModelSection_EqualsTheStreamReader(int classes, int bits)
    {
        // A section of a model file is parsed in place; any other stream is read to its end first: the same model.
        byte[] section = PerceptronSection(classes, bits, seed: classes);
        var container = new ModelContainer("test", "tiny", "0.1");
        container.Sections["p"] = section;
        PerceptronModel fromSection = container.ReadPerceptron("p");
        PerceptronModel fromStream;
        using (var reader = new BinaryReader(new UnbufferedStream(section)))
            fromStream = PerceptronModel.Read(reader, "stream");
        Assert.Equal(fromStream.CountNonZero(), fromSection.CountNonZero());
        float[] a = new float[fromStream.Stride], b = new float[fromStream.Stride];
        for (int bucket = 0; bucket < 1 << bits; bucket++)
        {
            fromStream.Score([bucket], a);
            fromSection.Score([bucket], b);
            Assert.Equal(a, b);
        }
    }

    [Fact]
    public void Read_NonSeekableStream_ReadsTheSameModel()
    {
        ModelContainer read = ModelFormat.Read(new UnbufferedStream(TinyModelBytes()), "piped.egm", "test");
        Assert.Equal(4, read.ReadPerceptron("perceptron").CountNonZero());
        Assert.Contains("'piped.egm'", Assert.Throws<InvalidDataException>(() => ModelFormat.Read(new UnbufferedStream(TinyModelBytes()[..^5]), "piped.egm", "test")).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void ReadPerceptron_SectionCutInsideARow_SaysTruncated()
    {
        byte[] section = PerceptronSection(50, 16, seed: 3);
        var container = new ModelContainer("test", "tiny", "0.1");
        container.Sections["p"] = section[..^3];
        var error = Assert.Throws<InvalidDataException>(() => container.ReadPerceptron("p"));
        Assert.Contains("'p' section is truncated", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A stream that is not a MemoryStream, so the reader takes its BinaryReader path.</summary>
    private sealed class UnbufferedStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _inner.Position; set => throw new NotSupportedException(); }

        public override void Flush() { }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public void Load_MissingFile_IsAnIOError() =>
        Assert.Throws<FileNotFoundException>(() => EntityRecognizerModel.Load(Path.Combine(Path.GetTempPath(), "no-such-model.egm")));
}
