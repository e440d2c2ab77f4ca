using EntityGraph.Evaluation;

namespace EntityGraph.Tests.Evaluation;

public class BratReaderTests
{
    [Fact]
    public void ReadDocument_ReadsMentionsEntitiesAndRelations()
    {
        BratReadResult result = BratReader.ReadDocument(EvaluationFixtures.Path("brat", "gold", "alpha.txt"));

        AnnotatedDocument doc = Assert.IsType<AnnotatedDocument>(result.Document);
        Assert.Equal("alpha", doc.Id);
        Assert.Equal(9, doc.Mentions.Count);
        AnnotatedMention first = doc.Mentions[0];
        Assert.Equal(("T1", "PER", 0, 10, "Mara Velko", "EG:mara_velko", "Mara Velko"),
            (first.Id, first.Tag, first.Start, first.End, first.Text, first.EntityKey, first.CanonicalName));
        Assert.Null(doc.Mentions[1].EntityKey);
        Assert.Equal("Velko", doc.Text[doc.Mentions[8].Start..doc.Mentions[8].End]);
        Assert.Equal(3, doc.Relations.Count);
        Assert.Equal(new AnnotatedRelation("R3", "affiliated_with", 8, 7), doc.Relations[2]);
    }

    [Fact]
    public void ReadDocument_SkipsNoteLinesWithANote()
    {
        BratReadResult result = BratReader.ReadDocument(EvaluationFixtures.Path("brat", "gold", "alpha.txt"));

        EvaluationProblem note = Assert.Single(result.Problems);
        Assert.Equal(ProblemSeverity.Note, note.Severity);
        Assert.Equal(18, note.Line);
        Assert.Contains("note", note.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadDocument_ReportsEachBadLineWithFileLineAndColumn()
    {
        string ann = EvaluationFixtures.Path("brat", "bad", "broken.ann");

        BratReadResult result = BratReader.ReadDocument(EvaluationFixtures.Path("brat", "bad", "broken.txt"));

        Assert.Null(result.Document);
        var places = result.Problems.Select(p => (p.File, p.Line, p.Column)).ToList();
        Assert.Equal([(ann, 2, 8), (ann, 3, 14), (ann, 4, 1), (ann, 6, 1), (ann, 5, 16)], places);
        Assert.Contains("outside the text (22 characters)", result.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("'Varm' does not match", result.Problems[1].Message, StringComparison.Ordinal);
        Assert.Contains("'T9'", result.Problems[4].Message, StringComparison.Ordinal);
        Assert.All(result.Problems, p => Assert.Equal(ProblemSeverity.Error, p.Severity));
        Assert.StartsWith(ann + ":2:8: error: ", result.Problems[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFolder_SkipsBrokenDocumentsAndKeepsTheRest()
    {
        BratCorpus corpus = BratReader.ReadFolder(EvaluationFixtures.Path("brat", "bad"));

        Assert.Equal(2, corpus.AnnotationFileCount);
        Assert.Equal("clean", Assert.Single(corpus.Documents).Id);
        Assert.Equal(["broken"], corpus.SkippedDocuments);
        Assert.Equal(["unannotated"], corpus.UnannotatedTexts);
        Assert.Equal(5, corpus.Problems.Count);
    }

    [Fact]
    public void Parse_DuplicateIdAndConflictingEntitiesAreErrors()
    {
        const string text = "Aro met Bel.";
        const string ann = "T1\tPER 0 3\tAro\nT1\tPER 8 11\tBel\nN1\tReference T1 EG:a\tAro\nN2\tReference T1 EG:b\tAro\n";

        BratReadResult result = BratReader.Parse("d", text, ann, "d.ann");

        Assert.Null(result.Document);
        Assert.Equal([2, 4], result.Problems.Select(p => p.Line));
    }

    [Fact]
    public void Parse_CoveredTextMayShowALineBreakAsASpace()
    {
        BratReadResult result = BratReader.Parse("d", "Port\nEssa", "T1\tLOC 0 9\tPort Essa\r\n", "d.ann");

        Assert.Equal("Port\nEssa", Assert.Single(result.Document!.Mentions).Text);
    }

    [Fact]
    public void Parse_DiscontinuousSpanIsAnError()
    {
        BratReadResult result = BratReader.Parse("d", "Aro and Bel", "T1\tPER 0 3;8 11\tAro Bel\n", "d.ann");

        Assert.Contains("discontinuous", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FragmentsSplitOnlyByLineBreaksAreOneSpan()
    {
        BratReadResult result = BratReader.Parse("d", "In Port\r\nEssa today", "T1\tLOC 3 7;9 13\tPort  Essa\n", "d.ann");

        Assert.Empty(result.Problems);
        AnnotatedMention m = Assert.Single(result.Document!.Mentions);
        Assert.Equal((3, 13), (m.Start, m.End));
    }

    [Fact]
    public void Parse_RelationNoteIsKept_NoteOnAnUnknownRelationIsSkippedWithANote()
    {
        const string ann = "T1\tPER 0 3\tAro\nT2\tPER 8 11\tBel\nR1\theld_talks_with Arg1:T1 Arg2:T2\n" +
            "#1\tAnnotatorNotes R1\tpattern: meet; confidence: 1\n#2\tAnnotatorNotes R7\tstray\n";

        BratReadResult result = BratReader.Parse("d", "Aro met Bel.", ann, "d.ann");

        Assert.Equal("pattern: meet; confidence: 1", Assert.Single(result.Document!.Relations).Note);
        EvaluationProblem note = Assert.Single(result.Problems);
        Assert.Equal((ProblemSeverity.Note, 5), (note.Severity, note.Line));
    }
}
