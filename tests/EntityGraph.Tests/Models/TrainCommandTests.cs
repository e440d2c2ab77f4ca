using System.Diagnostics;

namespace EntityGraph.Tests.Models;

public class TrainCommandTests
{
    // The CLI's types are internal to it, so the tool runs as a process, as users run it.
    private static (int Code, string Error) Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "EntityGraph.Cli.dll"));
        foreach (string a in args)
            start.ArgumentList.Add(a);
        using Process process = Process.Start(start)!;
        string error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error);
    }

    [Fact]
    public void TrainNer_UnknownTag_ExitsWith2AndNamesFileAndLine()
    {
        string dir = Directory.CreateTempSubdirectory("eg-train").FullName;
        try
        {
            string train = Path.Combine(dir, "bad.txt");
            File.WriteAllText(train, "Kerry NNP B-NP B-PER\nvisited VBD B-VP O\nBaghdad NNP B-NP B-CITY\n");
            (int code, string error) = Run("train", "ner", "--train", train, "--out", Path.Combine(dir, "m.egm"));
            Assert.Equal(2, code);
            Assert.Contains("bad.txt:3:", error, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(dir, "m.egm")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void TrainPos_MalformedLine_ExitsWith2AndNamesFileAndLine()
    {
        string dir = Directory.CreateTempSubdirectory("eg-train").FullName;
        try
        {
            string train = Path.Combine(dir, "bad.conllu");
            File.WriteAllText(train, "# text = Kerry left\n1\tKerry\tKerry\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n2\tleft\tleave\tVERB\n");
            (int code, string error) = Run("train", "pos", "--train", train, "--out", Path.Combine(dir, "m.egm"));
            Assert.Equal(2, code);
            Assert.Contains("bad.conllu:3:", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void TrainPos_AlsoTrain_ReadsBothTreebanksAndNamesThemInTheManifest()
    {
        string dir = Directory.CreateTempSubdirectory("eg-train").FullName;
        try
        {
            string first = Path.Combine(dir, "ewt.conllu"), second = Path.Combine(dir, "gum.conllu");
            File.WriteAllText(first, "1\tKerry\tKerry\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\t_\n\n");
            File.WriteAllText(second, "1\tThey\tthey\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\t_\n\n");
            string model = Path.Combine(dir, "m.egm");
            (int code, string error) = Run("train", "pos", "--train", first, "--also-train", second, "--out", model, "--iterations", "2", "--bits", "12");
            Assert.True(code == 0, error);
            string manifest = File.ReadAllText(Path.Combine(dir, "m.manifest.json"));
            Assert.Contains("ewt.conllu", manifest, StringComparison.Ordinal);
            Assert.Contains("gum.conllu", manifest, StringComparison.Ordinal);
            // Both files' sentences were read: a label needs two occurrences, and each file has one VERB VBD.
            Assert.Contains("VERB VBD", EntityGraph.Tagging.PosTaggerModel.Load(model).Perceptron.Labels);

            (code, error) = Run("train", "pos", "--train", first, "--also-train", Path.Combine(dir, "missing.conllu"), "--out", model);
            Assert.Equal(2, code);
            Assert.Contains("missing.conllu", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("ner", "--shuffles", "0", "--shuffles must be at least 1")]
    [InlineData("retag", "--bits", "5", "--bits must be between 10 and 24")]
    public void Train_OutOfRangeSetting_ExitsWith2AndSaysWhich(string sub, string option, string value, string message)
    {
        string dir = Directory.CreateTempSubdirectory("eg-train").FullName;
        try
        {
            string train = Path.Combine(dir, "t.txt");
            File.WriteAllText(train, "Kerry B-PER\n");
            string[] args = sub == "ner"
                ? ["train", "ner", "--train", train, "--out", Path.Combine(dir, "m.egm"), option, value]
                : ["train", "retag", "--input", train, "--out", Path.Combine(dir, "o.conllu"), option, value];
            (int code, string error) = Run(args);
            Assert.Equal(2, code);
            Assert.Contains(message, error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void TrainPos_MissingTrainFile_ExitsWith2()
    {
        (int code, string error) = Run("train", "pos", "--train", "/no/such/file.conllu", "--out", "x.egm");
        Assert.Equal(2, code);
        Assert.Contains("/no/such/file.conllu", error, StringComparison.Ordinal);
    }
}

public class TrainCommandEmptyFileTests
{
    [Fact]
    public void TrainNer_EmptyFile_ExitsWith2AndNamesTheFile()
    {
        string dir = Directory.CreateTempSubdirectory("eg-train").FullName;
        try
        {
            string train = Path.Combine(dir, "empty.txt");
            File.WriteAllText(train, "-DOCSTART- -X- -X- O\n\n");
            var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (string a in new[] { Path.Combine(AppContext.BaseDirectory, "EntityGraph.Cli.dll"), "train", "ner", "--train", train, "--out", Path.Combine(dir, "m.egm") })
                start.ArgumentList.Add(a);
            using var process = System.Diagnostics.Process.Start(start)!;
            string error = process.StandardError.ReadToEnd();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.Equal(2, process.ExitCode);
            Assert.Contains("empty.txt: no sentences", error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
