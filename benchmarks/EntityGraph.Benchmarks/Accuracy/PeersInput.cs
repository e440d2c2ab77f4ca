using System.Diagnostics;
using System.Globalization;

namespace EntityGraph.Benchmarks.Accuracy;

/// <summary>
/// <c>peers-input FILE [RUNS]</c>: throughput of the default pipeline on one big file (compare.sh feeds it the seeds
/// ×200, the same text the peers time). The file is processed whole, as one document; after a warm-up run it is
/// processed RUNS times (default 5) and the median is printed as <c>tokens/s N</c>. Then the same file goes through
/// tokenizer + sentences and tokenizer + sentences + POS tagger + recognizer, alternately, RUNS times each: the
/// difference of the medians is what the tagger and recognizer cost, printed as <c>tagger+ner tokens/s N</c>, the figure
/// to set beside OpenNLP's name finder (which compare.sh times on already tokenized text).
/// </summary>
internal static class PeersInput
{
    public static int Run(string[] args, TextWriter output)
    {
        if (args.Length is < 1 or > 2 || !File.Exists(args[0]))
        {
            output.WriteLine("usage: peers-input FILE [RUNS]   (FILE must exist)");
            return 2;
        }
        int runs = args.Length == 2 && int.TryParse(args[1], CultureInfo.InvariantCulture, out int r) && r > 0 ? r : 5;
        string text = File.ReadAllText(args[0]);
        Pipeline pipeline = Pipeline.CreateDefault();
        int tokens = pipeline.Process(text).Tokens.Count;
        var seconds = new double[runs];
        for (int i = 0; i < runs; i++)
            seconds[i] = Time(pipeline, text);
        double median = Median(seconds);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"entitygraph {string.Join('+', pipeline.Stages)}: {text.Length / 1048576.0:0.00} MiB, {tokens} tokens, median {median:0.000} s of {runs} runs"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tokens/s {tokens / median:0}"));
        // Whitespace-separated words are the same for every system, so words/s compares across tokenizers.
        int words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"words/s {words / median:0}"));

        Pipeline split = new PipelineBuilder().UseTokenizer().UseSentenceSplitter().Build();
        Pipeline tagged = new PipelineBuilder().UseTokenizer().UseSentenceSplitter().UsePartOfSpeech().UseEntityRecognizer().Build();
        tagged.Process(text);
        var splitSeconds = new double[runs];
        var taggedSeconds = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            // Alternate the two, so that a busy spell of the machine hits both alike.
            splitSeconds[i] = Time(split, text);
            taggedSeconds[i] = Time(tagged, text);
        }
        double cost = Median(taggedSeconds) - Median(splitSeconds);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"tokenizer+sentences median {Median(splitSeconds):0.000} s, +pos+ner median {Median(taggedSeconds):0.000} s of {runs} runs each"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tagger+ner tokens/s {tokens / cost:0}"));
        return 0;
    }

    private static double Time(Pipeline pipeline, string text)
    {
        var watch = Stopwatch.StartNew();
        pipeline.Process(text);
        return watch.Elapsed.TotalSeconds;
    }

    private static double Median(double[] values)
    {
        double[] sorted = [.. values];
        Array.Sort(sorted);
        return sorted[sorted.Length / 2];
    }
}
