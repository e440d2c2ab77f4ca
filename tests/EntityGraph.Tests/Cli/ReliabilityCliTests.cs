using System.Diagnostics;
using System.Text;
using System.Text.Json;
using EntityGraph.Cli;
using EntityGraph.Tests.Aliases;

namespace EntityGraph.Tests.Cli;

/// <summary>Issue 19, items 3 and 4: inputs of unknown size, non-regular files, unknown options, --relations.</summary>
public class ReliabilityCliTests
{
    /// <summary>A stream that never ends ("yes" on standard input).</summary>
    internal sealed class EndlessStream(string line) : Stream
    {
        private readonly byte[] _line = Encoding.UTF8.GetBytes(line);
        private long _position;

        public long BytesRead => _position;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            for (int i = 0; i < count; i++)
                buffer[offset + i] = _line[(_position + i) % _line.Length];
            _position += count;
            return count;
        }
    }

    /// <summary>A text reader that never ends (standard input read as text).</summary>
    private sealed class EndlessReader(string line) : TextReader
    {
        private long _position;

        public override int Read(char[] buffer, int index, int count)
        {
            for (int i = 0; i < count; i++)
                buffer[index + i] = line[(int)((_position + i) % line.Length)];
            _position += count;
            return count;
        }
    }

    private static CliRun RunWithin(TimeSpan limit, CliConsole console, params string[] args)
    {
        var task = Task.Run(() => CliApp.Run(args, console));
        Assert.True(task.Wait(limit), $"entitygraph {string.Join(' ', args)} did not end within {limit.TotalSeconds} s");
        return new CliRun(task.Result, console.Out.ToString()!, console.Error.ToString()!);
    }

    [Fact]
    public void Extract_EndlessStandardInput_StopsAtMaxSizeWithExitTwo()
    {
        var stdin = new EndlessStream("Barack Obama visited Paris.\n");
        using var output = new StringWriter();
        using var error = new StringWriter();
        CliRun run = RunWithin(TimeSpan.FromSeconds(60), new CliConsole(TextReader.Null, output, error, InputStream: stdin), "extract", "-", "--max-size", "1");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("<stdin>: more than --max-size 1 MB (reading stopped there)", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected", run.Error, StringComparison.Ordinal);
        // Bounded: reading stopped just past the limit.
        Assert.InRange(stdin.BytesRead, 1L << 20, (1L << 20) + (1 << 17));
    }

    [Fact]
    public void Extract_EndlessStandardInputAsText_StopsAtMaxSizeWithExitTwo()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        CliRun run = RunWithin(TimeSpan.FromSeconds(60), new CliConsole(new EndlessReader("Barack Obama visited Paris.\n"), output, error), "extract", "-", "--max-size", "1");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("more than --max-size 1 MB", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_StandardInputStream_DecodedLikeAFile()
    {
        using var stdin = new MemoryStream([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("Obama sends troops back to Iraq.")]);
        using var output = new StringWriter();
        using var error = new StringWriter();
        CliRun run = RunWithin(TimeSpan.FromSeconds(60), new CliConsole(TextReader.Null, output, error, InputStream: stdin), "extract", "-");
        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = JsonDocument.Parse(run.Out);
        Assert.Equal("stdin", json.RootElement.GetProperty("id").GetString());
        Assert.Equal("Obama sends troops back to Iraq.".Length, json.RootElement.GetProperty("textLength").GetInt32());   // BOM dropped
    }

    private static bool MakeFifo(string path)
    {
        if (!OperatingSystem.IsLinux())
            return false;
        using var process = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        process.WaitForExit();
        return process.ExitCode == 0;
    }

    /// <summary>Unblocks a reader stuck on the FIFO, should the test fail.</summary>
    private static void ReleaseFifo(string path)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void Extract_FifoInInputFolder_SkippedWithWarning()
    {
        using var temp = new TempFolder();
        temp.File("in/a.txt", "Kerry met Zarif in Vienna.");
        string fifo = Path.Combine(temp.Path, "in", "x.txt");
        if (!MakeFifo(fifo))
            return; // Linux only
        try
        {
            string outDir = Path.Combine(temp.Path, "out");
            using var output = new StringWriter();
            using var error = new StringWriter();
            CliRun run = RunWithin(TimeSpan.FromSeconds(60), new CliConsole(TextReader.Null, output, error), "extract", Path.Combine(temp.Path, "in"), "--out", outDir);
            Assert.Equal(0, run.ExitCode);
            Assert.Contains($"warning: {fifo}: skipped: a FIFO (named pipe), not a regular file", run.Error, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(outDir, "a.json")));
            Assert.False(File.Exists(Path.Combine(outDir, "x.json")));

            using var error2 = new StringWriter();
            CliRun alone = RunWithin(TimeSpan.FromSeconds(60), new CliConsole(TextReader.Null, new StringWriter(), error2), "extract", fifo);
            Assert.Equal(2, alone.ExitCode);
            Assert.Contains("nothing to process", alone.Error, StringComparison.Ordinal);
        }
        finally
        {
            ReleaseFifo(fifo);
        }
    }

    [Fact]
    public void Extract_DevZero_SkippedWithExitTwo()
    {
        if (!OperatingSystem.IsLinux())
            return;
        using var error = new StringWriter();
        CliRun run = RunWithin(TimeSpan.FromSeconds(60), new CliConsole(TextReader.Null, new StringWriter(), error), "extract", "/dev/zero");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("/dev/zero: skipped: a character device", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_UnknownOption_UsageErrorNamingIt()
    {
        using var temp = new TempFolder();
        string article = temp.File("a.txt", "Kerry met Zarif.");
        CliRun run = CliRun.Invoke("extract", article, "--bogus");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown option '--bogus' for 'extract'", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("no such file", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);

        run = CliRun.Invoke("graph", article, "-x");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown option '-x' for 'graph'", run.Error, StringComparison.Ordinal);

        // After "--", a word that starts with a dash is a file name.
        run = CliRun.Invoke("extract", "--", "--bogus");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--bogus: no such file or folder", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_NegativeNumberAsOptionValue_NotAnUnknownOption()
    {
        CliRun run = CliRun.Invoke("extract", "-", "--threads", "-1");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--threads must be at least 1 (got -1)", run.Error, StringComparison.Ordinal);
    }

    private const string VisitSchema = """
        version: 1
        relations:
          - type: visited
            description: a person visits a place
            subject: [PER]
            object: [LOC]
            triggers:
              verbs: [visit]
            patterns:
              - name: active
                trigger: verb
                subject: nsubj
                object: obj
        """;

    [Fact]
    public void Extract_RelationsFile_AddsItsTypes()
    {
        using var temp = new TempFolder();
        string schema = temp.File("visit.yaml", VisitSchema);
        string article = temp.File("a.txt", "Barack Obama visited Paris on Monday.");
        Assert.DoesNotContain("\"visited\"", CliRun.Invoke("extract", article).Out, StringComparison.Ordinal);
        CliRun run = CliRun.Invoke("extract", article, "--relations", schema);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"visited\"", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_BadRelationsOrAliasesFile_ExitTwoWithFileLineColumn()
    {
        using var temp = new TempFolder();
        string bad = temp.File("bad.yaml", "version: 1\nrelations:\n  - type: [x\n");
        string article = temp.File("a.txt", "Kerry met Zarif.");
        CliRun run = CliRun.Invoke("extract", article, "--relations", bad);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("bad.yaml:", run.Error, StringComparison.Ordinal);
        run = CliRun.Invoke("extract", article, "--aliases", bad);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("bad.yaml:", run.Error, StringComparison.Ordinal);
        run = CliRun.Invoke("extract", article, "--aliases", Path.Combine(temp.Path, "missing.yaml"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("missing.yaml", run.Error, StringComparison.Ordinal);
    }

    /// <summary>Issue 19, item 7: --aliases FILE feeds the resolver and the recognizer's forced names.</summary>
    [Fact]
    public void Extract_AliasesFile_ForcesItsEntries()
    {
        using var temp = new TempFolder();
        string yaml = temp.File("user.yaml", AliasForcerTests.UserYaml);
        string article = temp.File("story.txt", AliasForcerTests.UserText);
        CliRun run = CliRun.Invoke("extract", article, "--aliases", yaml);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"acme_widgets\"", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("acme_widgets", CliRun.Invoke("extract", article).Out, StringComparison.Ordinal);
    }
}
