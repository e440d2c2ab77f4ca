using EntityGraph.Relations;

namespace EntityGraph.Tests.Relations;

public class RelationSchemaTests
{
    [Fact]
    public void Default_HasTheSixTypes() =>
        Assert.Equal(["captured", "deployed_to", "held_talks_with", "attacked", "located_in", "affiliated_with"],
            RelationSchema.Default.Types.Select(t => t.Name));

    [Fact]
    public void Parse_UserType_AddedAfterDefaults()
    {
        RelationSchema schema = RelationSchema.Parse("""
            relations:
              - type: sanctioned
                subject: [LOC, ORG]
                object: [LOC, ORG, PER]
                triggers:
                  verbs: [sanction]
                patterns:
                  - name: active
                    trigger: verb
                    subject: nsubj
                    object: obj
            """, "user.yaml", includeDefault: true);
        Assert.Equal(7, schema.Types.Count);
        Assert.Equal("sanctioned", schema.Types[^1].Name);
    }

    [Fact]
    public void Parse_SameTypeInLaterFile_Replaces()
    {
        RelationSchema schema = RelationSchema.Parse("""
            relations:
              - type: captured
                subject: [ORG]
                object: [LOC]
                triggers: { verbs: [grab] }
                patterns: [{ name: active, subject: nsubj, object: obj }]
            """, "user.yaml", includeDefault: true);
        Assert.Equal(6, schema.Types.Count);
        Assert.Equal(["ORG"], schema.Types.Single(t => t.Name == "captured").SubjectTypes);
    }

    [Theory]
    [InlineData("relations:\n  - type: x\n    subjekt: [PER]\n", 3, 5, "unknown key 'subjekt'")]
    [InlineData("relations:\n  - type: x\n    subject: [PERSON]\n    object: [LOC]\n", 3, 15, "unknown entity type 'PERSON'")]
    [InlineData("relations:\n  - type: x\n    subject: [PER]\n    object: [LOC]\n    triggers: { verbs: [go] }\n    patterns:\n      - { subject: nsubj, object: 'obl(to' }\n", 7, 35, "bad pattern")]
    [InlineData("relations:\n  - type: x\n    subject: [PER]\n    object: [LOC]\n    triggers: { verbs: [go] }\n    patterns:\n      - { subject: nsubj, object: 'NSUBJ' }\n", 7, 35, "bad dependency label")]
    [InlineData("relations:\n  - type: x\n    subject: [PER]\n    object: [LOC]\n    patterns:\n      - { anchor: subject, object: 'appos{$nope}' }\n", 6, 36, "unknown set '$nope'")]
    [InlineData("relations:\n  - type: x\n    subject: [PER]\n    object: [LOC]\n    patterns:\n      - { name: p, subject: nsubj, object: obj }\n", 6, 9, "has no triggers")]
    [InlineData("relations:\n  - type: x\n    subject: [PER]\n    object: [LOC]\n    patterns:\n      - { name: p, anchor: subject }\n", 6, 9, "needs an 'object' path")]
    [InlineData("relations:\n  - type: x\n    subject: [PER]\n    object: [LOC]\n    patterns:\n      - { name: p, anchor: subject, subject: nsubj, object: appos }\n", 6, 9, "takes only an 'object' path")]
    [InlineData("relations:\n  - type: x\n    subject: [PER]\n    object: [LOC]\n    patterns: [{ anchor: subject, object: appos }]\n  - type: x\n    subject: [PER]\n    object: [LOC]\n    patterns: [{ anchor: subject, object: appos }]\n", 6, 5, "defined twice")]
    [InlineData("relations:\n  - type: x\n    subject: [PER]\n    object: [LOC]\n    patterns:\n      - { name: p, sequence: '!subject , object' }\n", 6, 30, "cannot negate")]
    [InlineData("relations:\n  - type: x\n    subject: [PER]\n    object: [LOC]\n    triggers: { verbs: [go] }\n    patterns:\n      - { subject: '<.{go}/nsubj', object: obj }\n", 7, 20, "'<.' makes no sense")]
    [InlineData("relations:\n  - type: x\n    subject: [LOC]\n    object: [LOC]\n    subject_excludes: [city]\n    patterns: [{ anchor: subject, object: appos }]\n", 5, 24, "knows only 'country'")]
    [InlineData("relations:\n  - type: x\n    subject: [PER]\n    object: [LOC]\n    patterns:\n      - { name: p, headline: [go], subject: nsubj }\n", 6, 9, "reads a headline")]
    [InlineData("relations:\n  - type: x\n    subject: [PER]\n    object: [LOC]\n    patterns:\n      - { name: p, headline: [$nope] }\n", 6, 31, "unknown set '$nope'")]
    [InlineData("version: 2\n", 1, 10, "version 2 is not supported")]
    [InlineData("relations:\n  - type: Bad Name\n", 2, 11, "must be lowercase")]
    [InlineData("relations:\n  - type: x\n    symmetric: maybe\n", 3, 16, "true or false")]
    [InlineData("relations: [\n", 2, 1, "invalid YAML")]
    [InlineData("relations:\n  - type: x\n    subject: [PER]\n", 2, 5, "needs 'subject' and 'object'")]
    [InlineData("relations:\n  - type: x\n    subject: [PER]\n    object: [LOC]\n    patterns:\n      - { name: p, sequence: 'subject , {$role}' }\n", 6, 30, "unknown set '$role'")]
    [InlineData("relations:\n  - type: x\n    subject: [PER]\n    object: [LOC]\n    patterns:\n      - { name: p, sequence: 'subject , [adj] object' }\n", 6, 30, "not a universal POS tag")]
    [InlineData("relations:\n  - type: x\n    subject: [PER]\n    object: [LOC]\n    patterns:\n      - { name: p, sequence: 'subject , object?' }\n", 6, 30, "stand alone")]
    [InlineData("relations:\n  - type: x\n    subject: [PER]\n    object: [LOC]\n    patterns:\n      - { name: p, sequence: 'subject , {spokesman object' }\n", 6, 30, "not closed")]
    [InlineData("relations:\n  - type: x\n    subject: [PER]\n    object: [LOC]\n    patterns:\n      - { name: p, sequence: 'subject , subject' }\n", 6, 30, "exactly one 'subject' and one 'object'")]
    [InlineData("relations:\n  - type: x\n    subject: [PER]\n    object: [LOC]\n    patterns:\n      - { name: p, sequence: 'subject object', object: appos }\n", 6, 9, "takes no 'subject', 'object'")]
    public void Parse_BadSchema_ErrorNamesFileLineColumn(string yaml, int line, int column, string problem)
    {
        var ex = Assert.Throws<YamlFileException>(() => RelationSchema.Parse(yaml, "bad.yaml"));
        Assert.Equal("bad.yaml", ex.File);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (ex.Line, ex.Column));
        Assert.StartsWith($"bad.yaml:{line}:{column}: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_ClearError()
    {
        var ex = Assert.Throws<InvalidDataException>(() => RelationSchema.Load(["/no/such/schema.yaml"]));
        Assert.Contains("/no/such/schema.yaml", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("object 's? [ADJ]|{$title}* {spokesman, minister}+ ,? subject", true)]
    [InlineData("subject , {a, the}? object {spokesman}", true)]
    [InlineData("subject object", true)]
    [InlineData("subject", false)]
    [InlineData("subject object object", false)]
    [InlineData("subject+ object", false)]
    [InlineData("subject|object object", false)]
    [InlineData("subject [ADJ object", false)]
    [InlineData("subject {} object", false)]
    [InlineData("subject x]y object", false)]
    public void TokenSequence_Parse(string text, bool valid) =>
        Assert.Equal(valid, TokenSequence.TryParse(text.Replace("{$title}", "{top}", StringComparison.Ordinal), out _) is not null);

    [Theory]
    [InlineData("obl:agent | obl(by)", true)]
    [InlineData("appos{city, town}/amod", true)]
    [InlineData("<xcomp/nsubj", true)]
    [InlineData("obl(to", false)]
    [InlineData("", false)]
    [InlineData("obj//nmod", false)]
    [InlineData("obj{}", false)]
    public void DependencyPath_Parse(string text, bool valid) =>
        Assert.Equal(valid, DependencyPath.TryParse(text, out _) is not null);

    [Theory]
    [InlineData("obl", "obl:tmod", true)]
    [InlineData("obl", "obl", true)]
    [InlineData("obl:agent", "obl", false)]
    [InlineData("nmod", "nmod:poss", true)]
    [InlineData("*", "anything", true)]
    [InlineData("obj", "iobj", false)]
    public void DependencyPath_LabelMatches(string pattern, string label, bool expected) =>
        Assert.Equal(expected, DependencyPath.LabelMatches(pattern, label));
}
