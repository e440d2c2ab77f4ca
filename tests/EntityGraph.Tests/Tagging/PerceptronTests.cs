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
