using EntityGraph.Tagging;

namespace EntityGraph.Tests.Tagging;

public class PerceptronTests
{
    // A tiny separable problem: class = which of three "word" features is present; a shared noise feature carries no signal.
    private static readonly (int[] Features, int Gold)[] Examples =
    [
        ([1, 9], 0), ([2, 9], 1), ([3, 9], 2), ([1, 4], 0), ([2, 4], 1), ([3, 4], 2), ([1, 9, 4], 0), ([3, 9, 4], 2),
    ];

    private static PerceptronTrainer Train(int seed)
    {
        var trainer = new PerceptronTrainer(["a", "b", "c"], bits: 4);
        var order = Examples.ToArray();
        var random = new Random(seed);
        float[] scores = new float[3];
        for (int epoch = 0; epoch < 5; epoch++)
        {
            PerceptronTrainer.Shuffle(order, random);
            foreach ((int[] features, int gold) in order)
            {
                trainer.Score(features, scores);
                int guess = Array.IndexOf(scores, scores.Max());
                trainer.Tick();
                trainer.Update(features, gold, guess);
            }
        }
        return trainer;
    }

    [Fact]
    public void Train_SeparableProblem_AveragedQuantizedModelClassifiesEveryExample()
    {
        PerceptronModel model = Train(seed: 7).ToModel();
        float[] scores = new float[model.Stride];
        foreach ((int[] features, int gold) in Examples)
        {
            model.Score(features, scores);
            Assert.Equal(gold, PerceptronModel.ArgMax(scores.AsSpan(0, model.ClassCount), default));
        }
    }

    [Theory]
    [InlineData(3)]  // up to four classes: compact rows of four weights and the scale
    [InlineData(4)]
    [InlineData(9)]  // padded to sixteen
    public void Score_QuantizedRows_MatchTheAveragedWeights(int classes)
    {
        string[] labels = Enumerable.Range(0, classes).Select(c => "c" + c).ToArray();
        var trainer = new PerceptronTrainer(labels, bits: 6);
        var random = new Random(5);
        float[] scores = new float[16];
        for (int step = 0; step < 400; step++)
        {
            int[] features = [random.Next(64), random.Next(64), random.Next(64)];
            int gold = random.Next(classes), guess = random.Next(classes);
            trainer.Tick();
            trainer.Update(features, gold, guess);
        }
        PerceptronModel model = trainer.ToModel();
        Assert.Equal(classes <= 4 ? 4 : 16, model.Stride);
        Assert.Equal((1L << 6) * (classes <= 4 ? 8 : 32) + 64, model.MemoryBytes);
        float[] expected = new float[classes];
        float[] row = new float[classes];
        bool meaningful = false;
        for (int probe = 0; probe < 50; probe++)
        {
            int[] features = [random.Next(64), random.Next(64), random.Next(64), random.Next(64)];
            model.Score(features, scores);
            trainer.ScoreAveraged(features, expected);
            // int8 with one scale per row: each row's weights are off by at most half a step (row max / 254).
            float tolerance = 1e-4f;
            foreach (int f in features)
            {
                trainer.ScoreAveraged([f], row);
                tolerance += row.Max(Math.Abs) / 254f;
            }
            for (int c = 0; c < classes; c++)
                Assert.InRange(scores[c], expected[c] - tolerance, expected[c] + tolerance);
            meaningful |= expected.Max(Math.Abs) > 10 * tolerance;
        }
        Assert.True(meaningful, "the probes' scores are too small for the check to tell anything");
    }

    [Theory]
    [InlineData(17)]  // the recognizer's BILOU classes: three vectors of eight
    [InlineData(50)]  // the parser's relations: seven vectors, a block of four and a block of three
    [InlineData(104)] // the tagger's joint tags: thirteen vectors
    [InlineData(130)] // more than four blocks
    public void Score_WideRows_AddEachClassRowByRowBitForBit(int classes)
    {
        // The vector path keeps up to 32 classes' sums in registers and makes one pass over the rows per block; each class
        // must still add its rows in bucket order, one fused multiply-add each (a plain multiply and add without FMA).
        string[] labels = Enumerable.Range(0, classes).Select(c => "c" + c).ToArray();
        const int bits = 8;
        int stride = (classes + 7) & ~7; // rows padded to a multiple of eight classes
        var random = new Random(classes);
        var weights = new sbyte[(1 << bits) * stride];
        var scales = new float[1 << bits];
        for (int b = 0; b < scales.Length; b++)
        {
            // Some rows all zero (skipped on their scale), the others with weights of every size and odd scales.
            scales[b] = b % 7 == 0 ? 0f : (float)(random.NextDouble() * 3e-3 + 1e-6);
            for (int c = 0; c < classes; c++)
                weights[b * stride + c] = scales[b] == 0f ? (sbyte)0 : (sbyte)random.Next(-127, 128);
        }
        var quantized = new PerceptronModel(labels, bits, weights, scales);
        Assert.Equal(stride, quantized.Stride);
        float[] scores = new float[stride];
        float[] expected = new float[stride];
        for (int trial = 0; trial < 200; trial++)
        {
            int[] buckets = [.. Enumerable.Range(0, random.Next(1, 60)).Select(_ => random.Next(1 << bits))];
            quantized.Score(buckets, scores);
            Array.Clear(expected);
            foreach (int b in buckets)
            {
                if (scales[b] == 0f)
                    continue;
                for (int c = 0; c < classes; c++)
                {
                    float w = weights[b * stride + c];
                    expected[c] = System.Runtime.Intrinsics.X86.Fma.IsSupported ? MathF.FusedMultiplyAdd(w, scales[b], expected[c]) : expected[c] + w * scales[b];
                }
            }
            for (int c = 0; c < classes; c++)
                Assert.Equal(BitConverter.SingleToInt32Bits(expected[c]), BitConverter.SingleToInt32Bits(scores[c]));
        }
    }

    [Fact]
    public void Average_TwoShuffles_ScoresTheMeanOfTheirAveragedWeights()
    {
        PerceptronTrainer a = Train(seed: 1), b = Train(seed: 2);
        PerceptronModel mean = PerceptronTrainer.Average([a, b]);
        float[] scores = new float[mean.Stride], sa = new float[3], sb = new float[3], row = new float[3];
        bool differ = false;
        for (int f = 0; f < 16; f++)
        {
            mean.Score([f], scores);
            a.ScoreAveraged([f], sa);
            b.ScoreAveraged([f], sb);
            for (int c = 0; c < 3; c++)
                row[c] = (sa[c] + sb[c]) / 2;
            float tolerance = row.Max(Math.Abs) / 254f + 1e-5f;
            for (int c = 0; c < 3; c++)
            {
                Assert.InRange(scores[c], row[c] - tolerance, row[c] + tolerance);
                differ |= Math.Abs(sa[c] - sb[c]) > 0.01f;
            }
        }
        Assert.True(differ, "the two shuffles learned the same weights, so the test shows nothing");
        // One trainer averages to itself: the single-model path is unchanged.
        using var single = new MemoryStream();
        using var itself = new MemoryStream();
        using (var w = new BinaryWriter(single, System.Text.Encoding.UTF8, leaveOpen: true))
            a.ToModel().Write(w);
        using (var w = new BinaryWriter(itself, System.Text.Encoding.UTF8, leaveOpen: true))
            PerceptronTrainer.Average([a]).Write(w);
        Assert.Equal(single.ToArray(), itself.ToArray());
    }

    [Fact]
    public void Average_DifferentTables_Refused() =>
        Assert.Throws<ArgumentException>(() => PerceptronTrainer.Average([new PerceptronTrainer(["a", "b"], 4), new PerceptronTrainer(["a", "b"], 5)]));

    [Fact]
    public void Update_LazyAverage_EqualsTheMeanOfWeightsOverTime()
    {
        // One update at t=1 (+1 to class 0, -1 to class 1 on feature 5), then three idle ticks: the average over
        // 4 steps is 1 for class 0 (weight 1 held at every step counted after the update) scaled by 4/4.
        var trainer = new PerceptronTrainer(["x", "y"], bits: 4);
        trainer.Tick();
        trainer.Update([5], gold: 0, guess: 1);
        trainer.Tick();
        trainer.Tick();
        trainer.Tick();
        float[] averaged = new float[2];
        trainer.ScoreAveraged([5], averaged);
        // Weight was 0 during step 1's scoring and 1 from then on: total = 0*1 + 1*3 = 3 over 4 steps.
        Assert.Equal(0.75f, averaged[0], 3);
        Assert.Equal(-0.75f, averaged[1], 3);
    }

    [Fact]
    public void Shuffle_SameSeed_SameOrder_DifferentSeed_DifferentOrder()
    {
        int[] a = Enumerable.Range(0, 50).ToArray();
        int[] b = Enumerable.Range(0, 50).ToArray();
        int[] c = Enumerable.Range(0, 50).ToArray();
        PerceptronTrainer.Shuffle(a, new Random(3));
        PerceptronTrainer.Shuffle(b, new Random(3));
        PerceptronTrainer.Shuffle(c, new Random(4));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Train_SameSeed_GivesIdenticalWeights()
    {
        using var first = new MemoryStream();
        using var second = new MemoryStream();
        using (var w = new BinaryWriter(first, System.Text.Encoding.UTF8, leaveOpen: true))
            Train(seed: 11).ToModel().Write(w);
        using (var w = new BinaryWriter(second, System.Text.Encoding.UTF8, leaveOpen: true))
            Train(seed: 11).ToModel().Write(w);
        Assert.Equal(first.ToArray(), second.ToArray());
    }

    [Fact]
    public void FeatureHash_LowerAndSpanForms_AgreeWithoutAllocating()
    {
        ulong a = FeatureHash.AddLower(FeatureHash.Start(3), "Captured");
        ulong b = FeatureHash.Add(FeatureHash.Start(3), "captured");
        ulong c = FeatureHash.Add(FeatureHash.Start(4), "captured");
        Assert.Equal(a, b);
        Assert.NotEqual(b, c);
    }
}
