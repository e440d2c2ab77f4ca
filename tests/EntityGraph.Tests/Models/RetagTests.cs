using EntityGraph.Models;

namespace EntityGraph.Tests.Models;

public class RetagTests
{
    [Fact]
    public void RetagConllu_EmbeddedTagger_ReplacesOnlyPosColumns()
    {
        using var temp = new Cli.TempFolder();
        string input = temp.File("in.conllu", string.Join('\n',
            "# sent_id = 1",
            "# text = ISIS captured Tal Afar.",
            "1\tISIS\tISIS\tX\tXX\t_\t2\tnsubj\t2:nsubj\t_",
            "2\tcaptured\tcapture\tX\tXX\tTense=Past\t0\troot\t0:root\t_",
            "3\tTal\tTal\tX\tXX\t_\t2\tobj\t2:obj\t_",
            "4\tAfar\tAfar\tX\tXX\t_\t3\tflat\t3:flat\tSpaceAfter=No",
            "5\t.\t.\tX\tXX\t_\t2\tpunct\t2:punct\t_",
            "",
            "# sent_id = 2",
            "1-2\twon't\t_\t_\t_\t_\t_\t_\t_\t_",
            "1\two\twill\tX\tXX\t_\t3\taux\t3:aux\t_",
            "2\tn't\tnot\tX\tXX\t_\t3\tadvmod\t3:advmod\t_",
            "3\tgo\tgo\tX\tXX\t_\t0\troot\t0:root\t_",
            "", ""));
        string output = Path.Combine(temp.Path, "out.conllu");
        double accuracy = ModelTrainer.RetagConllu(input, output);
        Assert.Equal(0.0, accuracy); // the input's XX tags never match a real tag
        string[] lines = File.ReadAllLines(output);
        string[] original = File.ReadAllLines(input);
        Assert.Equal(original.Length, lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            string[] a = original[i].Split('\t'), b = lines[i].Split('\t');
            if (a.Length < 10 || a[0].Contains('-', StringComparison.Ordinal))
            {
                Assert.Equal(original[i], lines[i]);
                continue;
            }
            Assert.Equal(a.Take(3).Concat(a.Skip(5)), b.Take(3).Concat(b.Skip(5)));
            Assert.NotEqual("XX", b[4]);
        }
        Assert.StartsWith("VB", lines[3].Split("\t")[4], StringComparison.Ordinal);
        Assert.Equal("MD", lines[10].Split('\t')[4]);
    }

    [Fact]
    public void RetagConllu_MissingInput_ClearError() =>
        Assert.ThrowsAny<Exception>(() => ModelTrainer.RetagConllu("/no/such.conllu", "/tmp/x.conllu"));
}
