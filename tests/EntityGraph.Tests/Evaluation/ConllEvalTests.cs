using EntityGraph.Evaluation;

namespace EntityGraph.Tests.Evaluation;

public class ConllEvalTests
{
    [Fact]
    public void Result_HandComputedIob2Example()
    {
        // gold: [Mara Velko]PER visited [Port Essa]LOC ; guess: [Mara Velko]PER visited [Port]LOC [Essa]ORG
        var eval = new ConllEval();
        eval.AddSentence(["B-PER", "I-PER", "O", "B-LOC", "I-LOC"], ["B-PER", "I-PER", "O", "B-LOC", "B-ORG"]);

        ConllEvalResult r = eval.Result;

        Assert.Equal(new PrfScore(1, 2, 1), r.Overall);
        Assert.Equal(1.0 / 3, r.Overall.Precision, 12);
        Assert.Equal(0.5, r.Overall.Recall, 12);
        Assert.Equal(0.4, r.Overall.F1, 12);
        Assert.Equal(new PrfScore(0, 1, 1), r.ByType["LOC"]);
        Assert.Equal(new PrfScore(0, 1, 0), r.ByType["ORG"]);
        Assert.Equal(new PrfScore(1, 0, 0), r.ByType["PER"]);
        Assert.Equal((5, 4), (r.Tokens, r.CorrectTags));
    }

    [Fact]
    public void Result_TrickySequenceMatchesConllevalPl()
    {
        // The counts below were produced by conlleval.pl's counting loop (version 2004-01-26) under perl on this
        // exact input: I- after O starts a chunk, B-X I-Y is two chunks, a sentence break closes chunks.
        string[][] gold =
        [
            ["O", "I-PER", "I-PER", "O", "B-ORG", "I-ORG", "O", "I-LOC", "I-LOC", "B-LOC", "I-MISC"],
            ["B-PER", "I-PER", "I-PER", "I-ORG", "I-ORG"],
        ];
        string[][] guess =
        [
            ["I-PER", "I-PER", "B-PER", "O", "B-ORG", "I-LOC", "O", "I-LOC", "I-LOC", "B-LOC", "I-MISC"],
            ["B-PER", "I-PER", "O", "B-ORG", "I-ORG"],
        ];
        var eval = new ConllEval();
        for (int i = 0; i < gold.Length; i++)
            eval.AddSentence(gold[i], guess[i]);

        ConllEvalResult r = eval.Result;

        // conlleval: "processed 16 tokens with 7 phrases; found: 9 phrases; correct: 4", 11 tags right.
        Assert.Equal(new PrfScore(4, 5, 3), r.Overall);
        Assert.Equal((16, 11), (r.Tokens, r.CorrectTags));
        Assert.Equal(new PrfScore(2, 1, 0), r.ByType["LOC"]);
        Assert.Equal(new PrfScore(1, 0, 0), r.ByType["MISC"]);
        Assert.Equal(new PrfScore(1, 1, 1), r.ByType["ORG"]);
        Assert.Equal(new PrfScore(0, 3, 2), r.ByType["PER"]);
    }

    [Fact]
    public void Result_GoldAgainstItselfIsPerfect()
    {
        var eval = new ConllEval();
        string[] tags = ["I-PER", "I-PER", "B-PER", "O", "I-LOC"];
        eval.AddSentence(tags, tags);

        Assert.Equal(new PrfScore(3, 0, 0), eval.Result.Overall);
        Assert.Equal(1.0, eval.Result.Overall.F1);
    }

    [Fact]
    public void Chunks_FollowConllevalBoundaries()
    {
        Assert.Equal(
            [(1, 2, "PER"), (3, 1, "PER"), (5, 1, "ORG"), (6, 1, "LOC")],
            ConllEval.Chunks(["O", "I-PER", "I-PER", "B-PER", "O", "B-ORG", "I-LOC"]));
    }

    [Fact]
    public void AddSentence_LengthMismatchThrows()
    {
        var eval = new ConllEval();

        Assert.Throws<ArgumentException>(() => eval.AddSentence(["O"], ["O", "O"]));
    }
}
