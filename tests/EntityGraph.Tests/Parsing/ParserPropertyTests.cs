using EntityGraph.Parsing;

namespace EntityGraph.Tests.Parsing;

/// <summary>Whatever the input, every sentence gets a tree: one head per token, one root, no cycle, heads inside the sentence.</summary>
public class ParserPropertyTests
{
    private static readonly string[] Words =
    [
        "ISIS", "captured", "Tal", "Afar", "the", "city", ",", ".", "and", "of", "by", "was", "troops", "to", "Iraq",
        "said", "\"", "(", ")", "Obama", "'s", "n't", "militants", "held", "talks", "in", "2014", "-", "U.S.", "?", "which",
    ];

    private static readonly string[] Tags =
    [
        "PROPN/NNP", "VERB/VBD", "DET/DT", "NOUN/NN", "PUNCT/,", "PUNCT/.", "CCONJ/CC", "ADP/IN", "AUX/VBD", "NOUN/NNS",
        "PART/TO", "NUM/CD", "PART/POS", "PUNCT/``", "PRON/WDT", "X/FW", "SYM/$", "ADJ/JJ", "ADV/RB",
    ];

    [Fact]
    public void Process_RandomTokenSequences_AlwaysWellFormedTrees()
    {
        var random = new Random(20140615);
        var stage = new DependencyParserStage();
        for (int round = 0; round < 300; round++)
        {
            int count = random.Next(1, round % 10 == 0 ? 180 : 40);
            var text = new System.Text.StringBuilder();
            var tags = new List<string>();
            for (int i = 0; i < count; i++)
            {
                text.Append(Words[random.Next(Words.Length)]).Append(' ');
                tags.Add(Tags[random.Next(Tags.Length)]);
            }
            Document document = new PipelineBuilder().UseTokenizer().UseSentenceSplitter().Build().Process(text.ToString());
            for (int i = 0; i < document.TokenCount; i++)
            {
                string[] parts = tags[i % tags.Count].Split('/');
                ref TokenData token = ref document.TokenAt(i);
                token.Upos = document.Strings.Intern(parts[0]);
                token.Xpos = document.Strings.Intern(parts[1]);
            }
            stage.Process(document, CancellationToken.None);
            AssertWellFormed(document);
        }
    }

    internal static void AssertWellFormed(Document document)
    {
        var roots = new int[document.Sentences.Count];
        foreach (Token token in document.Tokens)
        {
            Assert.NotNull(token.Dependency);
            if (token.Head < 0)
            {
                roots[token.SentenceIndex]++;
                Assert.Equal("root", token.Dependency);
                continue;
            }
            Assert.NotEqual(token.Index, token.Head);
            Assert.Equal(token.SentenceIndex, document.Tokens[token.Head].SentenceIndex);
            Assert.NotEqual("root", token.Dependency);
            // Following heads must reach the root within the sentence's length: no cycles.
            int node = token.Index;
            for (int steps = 0; node >= 0; steps++)
            {
                Assert.True(steps <= document.TokenCount, $"cycle through token {token.Index}");
                node = document.Tokens[node].Head;
            }
        }
        Assert.All(roots, r => Assert.Equal(1, r));
    }

    [Fact]
    public void Oracle_FollowingZeroCostMoves_RebuildsEveryProjectiveTree()
    {
        var random = new Random(7);
        using var state = new ParseState();
        Span<int> costs = stackalloc int[Move.Count];
        for (int round = 0; round < 500; round++)
        {
            int n = random.Next(1, 30);
            int[] heads = RandomProjectiveTree(random, n);
            state.Begin(n);
            for (int i = 0; i < n; i++)
                state.SetWord(i, "w", 1, 1);
            int[] gold = heads.Select(h => h < 0 ? n : h).ToArray();
            while (!state.IsTerminal)
            {
                state.Costs(gold, costs);
                int move = -1;
                for (int m = 0; m < Move.Count; m++)
                {
                    if (costs[m] == 0)
                    {
                        move = m;
                        break;
                    }
                }
                Assert.True(move >= 0, "no zero-cost move from a state reached by zero-cost moves");
                state.Apply(move, 0);
            }
            Assert.Equal(heads, state.Heads.ToArray());
        }
    }

    [Fact]
    public void Oracle_CostCountsLostArcs()
    {
        // Gold: 0 <- 1 -> 2, 1 is the root. After SHIFT 0, SHIFT 1 (0 unattached below 1), RIGHT would make 0 the head of 1.
        using var state = new ParseState();
        state.Begin(3);
        for (int i = 0; i < 3; i++)
            state.SetWord(i, "w", 1, 1);
        int[] gold = [1, 3, 1];
        Span<int> costs = stackalloc int[Move.Count];
        state.Apply(Move.Shift, -1);
        state.Costs(gold, costs);
        Assert.Equal(0, costs[Move.Left]);
        Assert.Equal(1, costs[Move.Shift]);
        state.Apply(Move.Shift, -1);
        state.Costs(gold, costs);
        // RIGHT attaches 1 to 0: loses 1's head (root, in the buffer) and its dependent 2 in the buffer.
        Assert.Equal(2, costs[Move.Right]);
    }

    [Fact]
    public void Projectivize_LiftsCrossingArc()
    {
        // The arc 0 -> 3 spans 1 (the root), which is not its descendant.
        int[] heads = [2, -1, 1, 0];
        Assert.True(ParserTrainer.Projectivize(heads) > 0);
        for (int d = 0; d < heads.Length; d++)
        {
            if (heads[d] < 0)
                continue;
            int from = Math.Min(d, heads[d]), to = Math.Max(d, heads[d]);
            for (int k = from + 1; k < to; k++)
            {
                int node = k;
                while (node >= 0 && node != heads[d])
                    node = heads[node];
                Assert.Equal(heads[d], node);
            }
        }
    }

    [Fact]
    public void Projectivize_ProjectiveTree_Unchanged()
    {
        int[] heads = [1, -1, 1, 4, 2];
        Assert.Equal(0, ParserTrainer.Projectivize(heads));
        Assert.Equal([1, -1, 1, 4, 2], heads);
    }

    /// <summary>A random projective tree: each span picks a head, whose left and right parts are built recursively.</summary>
    private static int[] RandomProjectiveTree(Random random, int n)
    {
        var heads = new int[n];
        Build(0, n, -1);
        return heads;

        void Build(int from, int to, int parent)
        {
            if (from >= to)
                return;
            int head = random.Next(from, to);
            heads[head] = parent;
            // Split each side into consecutive subtrees, all children of head.
            int start = from;
            while (start < head)
            {
                int end = random.Next(start + 1, head + 1);
                Build(start, end, head);
                start = end;
            }
            start = head + 1;
            while (start < to)
            {
                int end = random.Next(start + 1, to + 1);
                Build(start, end, head);
                start = end;
            }
        }
    }
}
