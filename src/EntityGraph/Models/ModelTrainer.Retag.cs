using System.Globalization;
using System.Text;
using EntityGraph.Evaluation;
using EntityGraph.Tagging;

namespace EntityGraph.Models;

public static partial class ModelTrainer
{
    /// <summary>
    /// Rewrites the UPOS and XPOS columns of a CoNLL-U file with predicted tags, keeping every other byte, so that the
    /// parser trains on the kind of tags it will see at run time. With <paramref name="jackknifeFolds"/> &gt; 1 the
    /// file is cut into that many contiguous blocks and each block is tagged by a tagger trained on the others
    /// (jackknifing); otherwise <paramref name="model"/> (the embedded tagger when null) tags the whole file.
    /// </summary>
    /// <param name="inputFile">A CoNLL-U treebank.</param>
    /// <param name="outputFile">Where to write the re-tagged copy.</param>
    /// <param name="model">The tagger for a plain re-tag; null for the embedded default.</param>
    /// <param name="jackknifeFolds">Folds for jackknifing; 0 or 1 for a plain re-tag.</param>
    /// <param name="devFile">Development file that picks each fold's iteration; null to keep the last.</param>
    /// <param name="iterations">Training passes of each fold's tagger.</param>
    /// <param name="seed">Shuffling seed of each fold's tagger.</param>
    /// <param name="progress">Receives progress lines; may be null.</param>
    /// <returns>The XPOS accuracy of the predicted tags against the file's own tags.</returns>
    public static double RetagConllu(string inputFile, string outputFile, PosTaggerModel? model = null, int jackknifeFolds = 0,
        string? devFile = null, int iterations = 8, int seed = 1, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(inputFile);
        return RetagConllu([inputFile], outputFile, model, jackknifeFolds, devFile, iterations, seed, 18, progress);
    }

    /// <summary>
    /// <see cref="RetagConllu(string, string, PosTaggerModel?, int, string?, int, int, Action{string}?)"/> over several
    /// treebanks read as one, in order (for a tagger trained on all of them, e.g. EWT + GUM): the folds cut across
    /// the concatenation, so each block is tagged by a tagger trained on the rest of every file, and the output holds
    /// every input's sentences in order.
    /// </summary>
    /// <param name="inputFiles">CoNLL-U treebanks, concatenated in this order.</param>
    /// <param name="outputFile">Where to write the re-tagged copy.</param>
    /// <param name="model">The tagger for a plain re-tag; null for the embedded default.</param>
    /// <param name="jackknifeFolds">Folds for jackknifing; 0 or 1 for a plain re-tag.</param>
    /// <param name="devFile">Development file that picks each fold's iteration; null to keep the last.</param>
    /// <param name="iterations">Training passes of each fold's tagger.</param>
    /// <param name="seed">Shuffling seed of each fold's tagger.</param>
    /// <param name="bits">log2 of each fold tagger's feature table (the shipped tagger's setting).</param>
    /// <param name="progress">Receives progress lines; may be null.</param>
    /// <returns>The XPOS accuracy of the predicted tags against the files' own tags.</returns>
    public static double RetagConllu(IReadOnlyList<string> inputFiles, string outputFile, PosTaggerModel? model, int jackknifeFolds,
        string? devFile, int iterations, int seed, int bits, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(inputFiles);
        ArgumentNullException.ThrowIfNull(outputFile);
        if (inputFiles.Count == 0)
            throw new ArgumentException("At least one input file is needed.", nameof(inputFiles));
        var sentences = new List<List<string>>();
        foreach (string inputFile in inputFiles)
        {
            List<List<string>> blocks = ReadSentenceBlocks(RequireFile(inputFile, "--input"));
            if (blocks.Count == 0)
                throw new InvalidDataException($"{inputFile}: no sentences to tag.");
            sentences.AddRange(blocks);
        }
        string inputName = string.Join(" + ", inputFiles);
        int correct = 0, total = 0;
        List<UdSentence> dev = devFile is null ? [] : ConlluReader.Read(RequireFile(devFile, "--dev"));
        if (jackknifeFolds > 1)
        {
            int size = (sentences.Count + jackknifeFolds - 1) / jackknifeFolds;
            for (int fold = 0; fold < jackknifeFolds; fold++)
            {
                int start = fold * size, end = Math.Min(sentences.Count, start + size);
                if (start >= end)
                    break;
                var rest = new StringBuilder();
                for (int s = 0; s < sentences.Count; s++)
                {
                    if (s >= start && s < end)
                        continue;
                    foreach (string line in sentences[s])
                        rest.Append(line).Append('\n');
                    rest.Append('\n');
                }
                List<UdSentence> train = ConlluReader.Read(new StringReader(rest.ToString()), $"{inputName} without fold {fold + 1}");
                PosTrainer.Result result = PosTrainer.Train(train, dev.Count > 0 ? dev : train, new PosTrainer.Options(iterations, seed, bits), null);
                Tag(sentences, start, end, result.Model, ref correct, ref total);
                progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"fold {fold + 1}/{jackknifeFolds}: sentences {start + 1}-{end} tagged by a tagger trained on the other folds"));
            }
        }
        else
        {
            Tag(sentences, 0, sentences.Count, model ?? PosTaggerModel.Default, ref correct, ref total);
        }
        var output = new StringBuilder();
        foreach (List<string> sentence in sentences)
        {
            foreach (string line in sentence)
                output.Append(line).Append('\n');
            output.Append('\n');
        }
        File.WriteAllText(outputFile, output.ToString(), new UTF8Encoding(false));
        double accuracy = total == 0 ? 0 : (double)correct / total;
        progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"{outputFile}: {sentences.Count} sentences, {total} words, predicted XPOS accuracy {accuracy:F4}"));
        return accuracy;
    }

    /// <summary>Every sentence as its raw lines (comments included), split at blank lines.</summary>
    private static List<List<string>> ReadSentenceBlocks(string path)
    {
        var sentences = new List<List<string>>();
        var current = new List<string>();
        foreach (string raw in File.ReadLines(path))
        {
            string line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                if (current.Count > 0)
                    sentences.Add(current);
                current = [];
                continue;
            }
            current.Add(line);
        }
        if (current.Count > 0)
            sentences.Add(current);
        return sentences;
    }

    private static void Tag(List<List<string>> sentences, int start, int end, PosTaggerModel model, ref int correct, ref int total)
    {
        var stage = new PartOfSpeechStage(model);
        for (int s = start; s < end; s++)
        {
            List<string> lines = sentences[s];
            var words = new List<int>();
            var forms = new List<string>();
            for (int i = 0; i < lines.Count; i++)
            {
                if (lines[i].StartsWith('#'))
                    continue;
                string[] columns = lines[i].Split('\t');
                // Word lines only: multiword ranges (1-2) and empty nodes (1.1) keep their columns.
                if (columns.Length >= 10 && int.TryParse(columns[0], NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    words.Add(i);
                    forms.Add(columns[1]);
                }
            }
            if (words.Count == 0)
                continue;
            Document document = PreTokenized.Create([forms]);
            stage.Process(document, CancellationToken.None);
            for (int w = 0; w < words.Count; w++)
            {
                string[] columns = lines[words[w]].Split('\t');
                Token token = document.Tokens[w];
                if (columns[4] == token.Xpos)
                    correct++;
                total++;
                columns[3] = token.Upos ?? columns[3];
                columns[4] = token.Xpos ?? columns[4];
                lines[words[w]] = string.Join('\t', columns);
            }
        }
    }
}
