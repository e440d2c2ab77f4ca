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

    private static string Sentence(int id, params (string Form, string Upos, string Xpos, int Head, string Rel)[] words)
    {
        var lines = new List<string> { $"# sent_id = {id}" };
        for (int i = 0; i < words.Length; i++)
            lines.Add($"{i + 1}\t{words[i].Form}\t{words[i].Form.ToLowerInvariant()}\t{words[i].Upos}\t{words[i].Xpos}\t_\t{words[i].Head}\t{words[i].Rel}\t_\t_");
        return string.Join('\n', lines) + "\n\n";
    }

    [Fact]
    public void RetagConllu_TwoFilesJackknifed_KeepsOrderAndEveryNonTagColumn()
    {
        using var temp = new Cli.TempFolder();
        // Two treebanks of the same kind of sentence; each fold's tagger learns from the other file's half.
        var a = new System.Text.StringBuilder();
        var b = new System.Text.StringBuilder();
        for (int i = 0; i < 6; i++)
        {
            a.Append(Sentence(i, ("Kerry", "PROPN", "NNP", 2, "nsubj"), ("met", "VERB", "VBD", 0, "root"), ("Zarif", "PROPN", "NNP", 2, "obj"), (".", "PUNCT", ".", 2, "punct")));
            b.Append(Sentence(100 + i, ("Obama", "PROPN", "NNP", 2, "nsubj"), ("met", "VERB", "VBD", 0, "root"), ("Rouhani", "PROPN", "NNP", 2, "obj"), (".", "PUNCT", ".", 2, "punct")));
        }
        string first = temp.File("a.conllu", a.ToString());
        string second = temp.File("b.conllu", b.ToString());
        string output = Path.Combine(temp.Path, "out.conllu");
        var progress = new List<string>();
        double accuracy = ModelTrainer.RetagConllu([first, second], output, model: null, jackknifeFolds: 2, devFile: null,
            iterations: 3, seed: 1, bits: 12, progress.Add);

        string[] expected = File.ReadAllLines(first).Concat(File.ReadAllLines(second)).ToArray();
        string[] lines = File.ReadAllLines(output);
        Assert.Equal(expected.Length, lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            string[] x = expected[i].Split('\t'), y = lines[i].Split('\t');
            Assert.Equal(x.Length, y.Length);
            if (x.Length < 10)
                Assert.Equal(expected[i], lines[i]);
            else
                Assert.Equal(x.Take(3).Concat(x.Skip(5)), y.Take(3).Concat(y.Skip(5)));
        }
        // Fold 1 (file a) is tagged by a tagger that saw only file b, and the reverse: "met" and "." are shared.
        Assert.Contains(progress, line => line.Contains("fold 2/2", StringComparison.Ordinal));
        Assert.InRange(accuracy, 0.5, 1.0);
        Assert.Equal("VBD", lines[2].Split('\t')[4]);
    }

    [Fact]
    public void RetagConllu_MissingInput_ClearError() =>
        Assert.ThrowsAny<Exception>(() => ModelTrainer.RetagConllu("/no/such.conllu", "/tmp/x.conllu"));
}
