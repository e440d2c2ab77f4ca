using EntityGraph.Evaluation;

namespace EntityGraph.Tests.Evaluation;

public class SyntaxScorerTests
{
    [Fact]
    public void Add_CountsTagsHeadsAndLabelsIncludingPunctuation()
    {
        // Gold: Lenhart/PROPN/NNP <-nsubj- waved/VERB/VBD (root), ./PUNCT/. <-punct- waved.
        ConllUSentence gold = ConllUReader.Read(EvaluationFixtures.Path("conllu", "small.conllu")).Sentences[1];
        Document doc = PreTokenized.Create([["Aro"], gold.Words.Select(w => w.Form).ToArray()]);
        Set(doc, 1, "PROPN", "NNP", head: 2, "nsubj");
        Set(doc, 2, "VERB", "VBN", head: -1, "root");
        Set(doc, 3, "PUNCT", ".", head: 1, "punct");
        var counts = new SyntaxCounts();

        SyntaxScorer.Add(gold, doc, firstToken: 1, ref counts);

        Assert.Equal((3, 3, 2, 2, 2), (counts.Words, counts.Upos, counts.Xpos, counts.Heads, counts.Labeled));
        Assert.Equal(2.0 / 3, counts.Uas, 12);
        Assert.Equal(2.0 / 3, counts.XposAccuracy, 12);
    }

    [Fact]
    public void Add_RightHeadWrongLabelCountsForUasOnly()
    {
        ConllUSentence gold = ConllUReader.Read(EvaluationFixtures.Path("conllu", "small.conllu")).Sentences[1];
        Document doc = PreTokenized.Create([gold.Words.Select(w => w.Form).ToArray()]);
        Set(doc, 0, "PROPN", "NNP", head: 1, "obj");
        Set(doc, 1, "VERB", "VBD", head: -1, "root");
        Set(doc, 2, "PUNCT", ".", head: 1, "punct");
        var counts = new SyntaxCounts();

        SyntaxScorer.Add(gold, doc, firstToken: 0, ref counts);

        Assert.Equal((1.0, 2.0 / 3), (counts.Uas, counts.Las));
    }

    private static void Set(Document doc, int token, string upos, string xpos, int head, string dep)
    {
        ref TokenData t = ref doc.TokenAt(token);
        t.Upos = doc.Strings.Intern(upos);
        t.Xpos = doc.Strings.Intern(xpos);
        t.Head = head;
        t.Dependency = doc.Strings.Intern(dep);
    }
}

public class TokenizationScorerTests
{
    [Fact]
    public void TryScore_ComparesOurTokensWithTheGoldWords()
    {
        ConllUSentence gold = ConllUReader.Read(EvaluationFixtures.Path("conllu", "small.conllu")).Sentences[0];

        Assert.True(TokenizationScorer.TryScore(gold, out PrfScore score));

        // "Velko didn't leave Quarro." -> Velko did n't leave Quarro . on both sides.
        Assert.Equal(new PrfScore(6, 0, 0), score);
    }

    [Fact]
    public void TryScore_DifferentBoundariesCostPrecisionAndRecall()
    {
        var gold = new ConllUSentence(1) { Text = "Aro-Bel left." };
        gold.Words.Add(new ConllUWord(1, "Aro-Bel", "_", "_", "_", 2, "nsubj", true, 2));
        gold.Words.Add(new ConllUWord(2, "left", "_", "_", "_", 0, "root", false, 3));
        gold.Words.Add(new ConllUWord(3, ".", "_", "_", "_", 2, "punct", false, 4));

        Assert.True(TokenizationScorer.TryScore(gold, out PrfScore score));

        // Our tokenizer splits the hyphen between letters (as UD English usually does): Aro - Bel left .
        Assert.Equal(new PrfScore(2, 3, 1), score);
    }

    [Fact]
    public void TryScore_WordsThatDoNotMatchTheTextAreNotScored()
    {
        var gold = new ConllUSentence(1) { Text = "Aro left." };
        gold.Words.Add(new ConllUWord(1, "Bel", "_", "_", "_", 0, "root", true, 2));

        Assert.False(TokenizationScorer.TryScore(gold, out _));
    }
}
