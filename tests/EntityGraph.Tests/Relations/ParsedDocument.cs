namespace EntityGraph.Tests.Relations;

/// <summary>Builds a tokenized document with a hand-written parse and hand-placed mentions and entities.</summary>
internal sealed class ParsedDocument
{
    private readonly Dictionary<string, Entity> _entities = new(StringComparer.Ordinal);

    /// <param name="text">One sentence, or several (the splitter's sentences).</param>
    /// <param name="rows">Per token: "lemma UPOS head deprel", head 1-based within the token's sentence, 0 for the root.</param>
    public ParsedDocument(string text, params string[] rows)
    {
        Document = new PipelineBuilder().UseTokenizer().UseSentenceSplitter().Build().Process(text);
        Assert.Equal(rows.Length, Document.Tokens.Count);
        for (int i = 0; i < rows.Length; i++)
        {
            string[] f = rows[i].Split(' ');
            ref TokenData t = ref Document.TokenAt(i);
            t.Lemma = Document.Strings.Intern(f[0]);
            t.Upos = Document.Strings.Intern(f[1]);
            int head = int.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture);
            int first = Document.SentenceAt(t.Sentence).FirstToken;
            t.Head = head == 0 ? -1 : first + head - 1;
            t.Dependency = Document.Strings.Intern(f[3]);
        }
        Document.Annotations |= Annotations.Tokens | Annotations.Sentences | Annotations.PartOfSpeech | Annotations.Lemmas | Annotations.Dependencies;
    }

    public Document Document { get; }

    /// <summary>Runs the default relation extractor; each asserted evidence as (type, subject id, object id, pattern).</summary>
    public (string Type, string Subject, string Object, string Pattern)[] AssertedTriples()
    {
        Document d = Document;
        new EntityGraph.Relations.RelationExtractorStage().Process(d, CancellationToken.None);
        return d.Relations.Where(r => r.Evidence.Any(e => e.Modality is null))
            .SelectMany(r => r.Evidence.Select(e => (r.Type, d.Entities[r.SubjectEntity].Id, d.Entities[r.ObjectEntity].Id, e.Pattern))).ToArray();
    }

    /// <summary>Adds a mention over the first occurrence of <paramref name="surface"/> and links it to entity <paramref name="entityId"/>.</summary>
    public ParsedDocument Mention(string surface, string label, string entityId, string entityType, int occurrence = 0)
    {
        int start = -1;
        for (int k = 0; k <= occurrence; k++)
            start = Document.Text.IndexOf(surface, start + 1, StringComparison.Ordinal);
        Assert.True(start >= 0, surface);
        int first = Document.TokenIndexAt(start);
        int last = Document.TokenIndexAt(start + surface.Length - 1);
        Mention mention = Document.AddMention(first, last - first + 1, label);
        if (!_entities.TryGetValue(entityId, out Entity? entity))
        {
            entity = Document.AddEntity(entityId, entityId, entityType);
            _entities.Add(entityId, entity);
        }
        mention.EntityIndex = entity.Index;
        entity.AddMention(mention.Index);
        Document.Annotations |= Annotations.Mentions | Annotations.Entities;
        return this;
    }
}
