using System.Diagnostics;
using System.Globalization;
using EntityGraph.Evaluation;

namespace EntityGraph.Benchmarks.Accuracy;

/// <summary>What one corpus run produced: table rows, problems met, and why it was skipped (if it was).</summary>
internal sealed class CorpusResult(string name)
{
    public string Name { get; } = name;

    public List<AccuracyRow> Rows { get; } = [];

    public List<EvaluationProblem> Problems { get; } = [];

    public List<string> SkippedDocuments { get; } = [];

    public string? SkipReason { get; set; }

    public string? Source { get; set; }

    /// <summary>Relation scores of each system on this corpus (ours, then the keyword floor), for the side-by-side table.</summary>
    public List<RelationSummary> RelationSummaries { get; } = [];
}

/// <summary>One system's relation triples on one corpus: overall and per type.</summary>
internal sealed record RelationSummary(string System, PrfScore Total, IReadOnlyDictionary<string, PrfScore> ByType);

/// <summary>Each corpus of the harness: read it, run the pipeline, score what the pipeline can do today.</summary>
internal static class CorpusRuns
{
    private const string NoStage = "n/a (no stage)";

    /// <summary>The annotated seed corpus (brat): mentions, entities, relations.</summary>
    public static CorpusResult Seeds(Pipeline pipeline, string folder) => AnnotatedBrat(pipeline, "seeds", folder, keywordScript: null);

    /// <summary>
    /// One half of news-dev (../shared/data/news-dev/a or b, brat by ANNOTATION.md): scored like the seeds, plus the
    /// keyword relation floor (<paramref name="keywordScript"/>, run on our own brat output) beside our relations.
    /// </summary>
    public static CorpusResult NewsDev(Pipeline pipeline, string name, string folder, string keywordScript) =>
        AnnotatedBrat(pipeline, name, folder, keywordScript);

    /// <summary>
    /// A brat corpus annotated by ANNOTATION.md: mentions (exact, per tag), entities (B-cubed), relations (overall
    /// and per type). With <paramref name="keywordScript"/>, the keyword floor's relations are scored too.
    /// </summary>
    private static CorpusResult AnnotatedBrat(Pipeline pipeline, string name, string folder, string? keywordScript)
    {
        var result = new CorpusResult(name) { Source = folder };
        if (!Directory.Exists(folder))
        {
            result.SkipReason = $"folder {folder} is missing";
            return result;
        }
        BratCorpus corpus = BratReader.ReadFolder(folder);
        result.Problems.AddRange(corpus.Problems);
        result.SkippedDocuments.AddRange(corpus.SkippedDocuments);
        if (corpus.AnnotationFileCount == 0)
        {
            result.SkipReason = "no .ann files yet (the hand annotation is not in the repository)";
            return result;
        }
        var pairs = new List<(AnnotatedDocument, AnnotatedDocument)>();
        var documents = new List<(AnnotatedDocument Gold, Document System)>();
        long tokens = 0;
        var watch = Stopwatch.StartNew();
        foreach (AnnotatedDocument gold in corpus.Documents)
        {
            Document doc = pipeline.Process(gold.Text, gold.Id);
            tokens += doc.Tokens.Count;
            pairs.Add((gold, AnnotatedDocument.FromDocument(doc)));
            documents.Add((gold, doc));
        }
        watch.Stop();
        double speed = tokens / Math.Max(watch.Elapsed.TotalSeconds, 1e-9);
        EvaluationReport report = BratEvaluator.Evaluate(pairs);
        int n = corpus.Documents.Count;
        EvaluationScores total = report.Total;
        if (PreTokenized.Assigns(pipeline, Annotations.Mentions))
        {
            result.Rows.Add(Prf(name, "mentions (exact)", total.Mentions, n, speed));
            foreach ((string tag, PrfScore score) in total.MentionsByTag)
                result.Rows.Add(Prf(name, "  mentions " + tag, score, n, null));
        }
        else
        {
            result.Rows.Add(new AccuracyRow(name, "mentions (exact)", null, null, null, n, speed, NoStage));
        }
        result.Rows.Add(PreTokenized.Assigns(pipeline, Annotations.Entities)
            ? new AccuracyRow(name, "entities (B-cubed)", total.Entities.Precision, total.Entities.Recall, total.Entities.F1, n, null)
            : new AccuracyRow(name, "entities (B-cubed)", null, null, null, n, null, NoStage));
        if (keywordScript is not null && PreTokenized.Assigns(pipeline, Annotations.Entities) && total.Linking.Entities > 0)
        {
            // news-dev's N lines carry canonical names (Wikipedia titles), so whether each cluster was also named
            // (linked) right can be scored there; the seeds' N lines name entities by one of their mentions instead.
            LinkingScore linking = total.Linking;
            result.Rows.Add(new AccuracyRow(name, $"entities linked: gold canonical name ({linking.Correct} of {linking.Entities})", null, null, linking.Accuracy, n, null, Accuracy: true));
            result.Rows.Add(new AccuracyRow(name, $"entities linked: wrong dictionary links ({linking.WrongDictionaryLinks} of {linking.Entities})", null, null,
                linking.WrongDictionaryShare, n, null, Accuracy: true));
        }
        if (PreTokenized.Assigns(pipeline, Annotations.Relations))
        {
            result.Rows.Add(Prf(name, "relations (triples)", total.Relations, n, null));
            AddPerType(result, name, total.RelationsByType, n);
            result.RelationSummaries.Add(new RelationSummary("EntityGraph", total.Relations, total.RelationsByType));
        }
        else
        {
            result.Rows.Add(new AccuracyRow(name, "relations (triples)", null, null, null, n, null, NoStage));
        }
        if (keywordScript is not null)
        {
            KeywordFloorResult floor = KeywordFloor.Run(keywordScript, documents);
            result.Problems.AddRange(floor.Problems);
            if (floor.Scores is { } scores)
            {
                result.Rows.Add(Prf(name, "relations (triples), keyword floor", scores.Relations, n, null));
                AddPerType(result, name, scores.RelationsByType, n, "keyword floor");
                result.RelationSummaries.Add(new RelationSummary("keyword floor", scores.Relations, scores.RelationsByType));
            }
            else
            {
                result.Rows.Add(new AccuracyRow(name, "relations (triples), keyword floor", null, null, null, n, null, "not run: " + floor.SkipReason));
                result.Problems.Add(new EvaluationProblem(keywordScript, 0, 0, "keyword floor not run: " + floor.SkipReason, ProblemSeverity.Note));
            }
        }
        return result;
    }

    /// <summary>
    /// A CoNLL NER file (CoNLL-2003 eng.testb, WikiGold): the pipeline after tokenization on the gold tokens, scored like
    /// conlleval. With <paramref name="recognizerAlone"/> (tagger + recognizer without the forced dictionary names), a
    /// second row scores the statistical model alone: forced names follow our guidelines ("White House" is ORG), which
    /// are not CoNLL's, so the model's own figure is the one to set beside other systems trained on the same data.
    /// </summary>
    public static CorpusResult ConllNer(Pipeline pipeline, string name, string path, Pipeline? recognizerAlone = null)
    {
        var result = new CorpusResult(name) { Source = path };
        if (!File.Exists(path))
        {
            result.SkipReason = $"{path} is missing";
            return result;
        }
        ConllCorpus corpus = ConllReader.Read(path);
        result.Problems.AddRange(corpus.Problems);
        result.SkippedDocuments.AddRange(corpus.SkippedDocuments);
        int n = corpus.Documents.Count;
        if (!PreTokenized.Assigns(pipeline, Annotations.Mentions))
        {
            result.Rows.Add(new AccuracyRow(name, "NER (conlleval)", null, null, null, n, null, NoStage));
            return result;
        }
        (ConllEvalResult r, double tokensPerSecond) = TagConll(pipeline, corpus);
        result.Rows.Add(Prf(name, "NER (conlleval)", r.Overall, n, tokensPerSecond));
        foreach ((string type, PrfScore score) in r.ByType)
            result.Rows.Add(Prf(name, "  NER " + type, score, n, null));
        if (recognizerAlone is not null)
        {
            (ConllEvalResult alone, double aloneSpeed) = TagConll(recognizerAlone, corpus);
            result.Rows.Add(Prf(name, "NER (conlleval), recognizer alone (no forced names)", alone.Overall, n, aloneSpeed));
        }
        return result;
    }

    private static (ConllEvalResult Result, double TokensPerSecond) TagConll(Pipeline pipeline, ConllCorpus corpus)
    {
        var eval = new ConllEval();
        long tokens = 0;
        var watch = new Stopwatch();
        foreach (ConllDocument d in corpus.Documents)
        {
            var sentences = new List<IReadOnlyList<string>>(d.Sentences.Count);
            foreach (ConllSentence s in d.Sentences)
                sentences.Add(s.Forms());
            Document doc = PreTokenized.Create(sentences, d.Id);
            watch.Start();
            PreTokenized.Process(pipeline, doc);
            watch.Stop();
            tokens += doc.Tokens.Count;
            string[] predicted = PreTokenized.MentionTags(doc);
            int at = 0;
            foreach (ConllSentence s in d.Sentences)
            {
                eval.AddSentence(s.Tags(), new ArraySegment<string>(predicted, at, s.Tokens.Count));
                at += s.Tokens.Count;
            }
        }
        return (eval.Result, tokens / Math.Max(watch.Elapsed.TotalSeconds, 1e-9));
    }

    /// <summary>A UD treebank: our tokenizer against the gold words, then tagging and parsing on gold words once those stages exist.</summary>
    public static CorpusResult Treebank(Pipeline pipeline, string name, string path)
    {
        var result = new CorpusResult(name) { Source = path };
        if (!File.Exists(path))
        {
            result.SkipReason = $"{path} is missing";
            return result;
        }
        ConllUCorpus corpus = ConllUReader.Read(path);
        result.Problems.AddRange(corpus.Problems);
        if (corpus.SkippedSentences > 0)
            result.SkippedDocuments.Add($"{corpus.SkippedSentences} sentence(s)");
        var documents = new List<List<ConllUSentence>>();
        string? current = null;
        foreach (ConllUSentence s in corpus.Sentences)
        {
            if (documents.Count == 0 || s.DocumentId != current)
            {
                documents.Add([]);
                current = s.DocumentId;
            }
            documents[^1].Add(s);
        }
        int n = documents.Count;

        PrfScore tokenization = default;
        int unaligned = 0;
        long characters = 0;
        var watch = Stopwatch.StartNew();
        foreach (ConllUSentence s in corpus.Sentences)
        {
            if (TokenizationScorer.TryScore(s, out PrfScore score))
            {
                tokenization += score;
                characters += s.Text!.Length;
            }
            else
            {
                unaligned++;
            }
        }
        watch.Stop();
        string? note = unaligned > 0 ? $"{unaligned} sentence(s) without alignable # text left out" : null;
        if (note is not null)
            result.Problems.Add(new EvaluationProblem(path, 0, 0, note, ProblemSeverity.Note));
        // Tokens/s here counts our tokens per second of tokenizing sentence by sentence (scoring included).
        result.Rows.Add(new AccuracyRow(name, "tokenization (boundaries)", tokenization.Precision, tokenization.Recall, tokenization.F1, n,
            tokenization.Predicted / Math.Max(watch.Elapsed.TotalSeconds, 1e-9)));

        bool pos = PreTokenized.Assigns(pipeline, Annotations.PartOfSpeech);
        bool deps = PreTokenized.Assigns(pipeline, Annotations.Dependencies);
        if (!pos)
        {
            result.Rows.Add(new AccuracyRow(name, "UPOS accuracy", null, null, null, n, null, NoStage));
            result.Rows.Add(new AccuracyRow(name, "XPOS accuracy", null, null, null, n, null, NoStage));
        }
        if (!deps)
            result.Rows.Add(new AccuracyRow(name, "UAS / LAS", null, null, null, n, null, NoStage));
        if (!pos && !deps)
            return result;

        var counts = new SyntaxCounts();
        long tokens = 0;
        var stageWatch = new Stopwatch();
        foreach (List<ConllUSentence> d in documents)
        {
            var sentences = new List<IReadOnlyList<string>>(d.Count);
            foreach (ConllUSentence s in d)
            {
                var forms = new string[s.Words.Count];
                for (int i = 0; i < forms.Length; i++)
                    forms[i] = s.Words[i].Form.Replace(' ', '_');
                sentences.Add(forms);
            }
            Document doc = PreTokenized.Create(sentences, d[0].DocumentId);
            stageWatch.Start();
            PreTokenized.Process(pipeline, doc);
            stageWatch.Stop();
            tokens += doc.Tokens.Count;
            int first = 0;
            foreach (ConllUSentence s in d)
            {
                SyntaxScorer.Add(s, doc, first, ref counts);
                first += s.Words.Count;
            }
        }
        double speed = tokens / Math.Max(stageWatch.Elapsed.TotalSeconds, 1e-9);
        if (pos)
        {
            result.Rows.Add(new AccuracyRow(name, "UPOS accuracy", null, null, counts.UposAccuracy, n, speed, Accuracy: true));
            result.Rows.Add(new AccuracyRow(name, "XPOS accuracy", null, null, counts.XposAccuracy, n, null, Accuracy: true));
        }
        if (deps)
        {
            result.Rows.Add(new AccuracyRow(name, "UAS (punct. incl.)", null, null, counts.Uas, n, pos ? null : speed, Accuracy: true));
            result.Rows.Add(new AccuracyRow(name, "LAS (punct. incl.)", null, null, counts.Las, n, null, Accuracy: true));
        }
        return result;
    }

    /// <summary>re3d: mentions (approximate: re3d tags more than names), entities from IsSynonymOf, mapped relations.</summary>
    public static CorpusResult Re3d(Pipeline pipeline, string folder)
    {
        var result = new CorpusResult("re3d") { Source = folder };
        if (!Directory.Exists(folder))
        {
            result.SkipReason = $"{folder} is missing";
            return result;
        }
        Re3dCorpus corpus = Re3dReader.ReadFolder(folder);
        result.Problems.AddRange(corpus.Problems);
        result.SkippedDocuments.AddRange(corpus.SkippedDocuments);
        // re3d's relation arguments are phrases ("Iraqi Prime Minister Nouri al-Maliki"): a name inside one stands for it.
        ScoreBrat(pipeline, "re3d", corpus.Documents, result, argumentsWithinGold: true);
        return result;
    }

    /// <summary>PLOVER: relations only (CONSULT, FIGHT, ASSAULT mapped), actors matched by containment.</summary>
    public static CorpusResult Plover(Pipeline pipeline, string path)
    {
        var result = new CorpusResult("plover") { Source = path };
        if (!File.Exists(path))
        {
            result.SkipReason = $"{path} is missing";
            return result;
        }
        PloverCorpus corpus = PloverReader.Read(path);
        result.Problems.AddRange(corpus.Problems);
        result.SkippedDocuments.AddRange(corpus.SkippedRecords);
        var gold = new List<AnnotatedDocument>();
        foreach (PloverRecord r in corpus.Records)
        {
            if (PloverReader.EventMap.ContainsKey(r.Event))
                gold.Add(PloverReader.ToAnnotated(r));
        }
        int n = gold.Count;
        if (!PreTokenized.Assigns(pipeline, Annotations.Relations))
        {
            result.Rows.Add(new AccuracyRow("plover", "relations (mapped events)", null, null, null, n, null, NoStage));
            return result;
        }
        PrfScore total = default;
        var byType = new SortedDictionary<string, PrfScore>(StringComparer.Ordinal);
        long tokens = 0;
        var watch = Stopwatch.StartNew();
        foreach (AnnotatedDocument g in gold)
        {
            Document doc = pipeline.Process(g.Text, g.Id);
            tokens += doc.Tokens.Count;
            RelationComparison compared = RelationScorer.Compare(g, AnnotatedDocument.FromDocument(doc), BratEvaluator.DefaultSymmetricRelationTypes, within: true);
            total += compared.Score;
            foreach ((string type, PrfScore score) in compared.ByType)
                byType[type] = byType.GetValueOrDefault(type) + score;
        }
        watch.Stop();
        result.Rows.Add(Prf("plover", "relations (mapped events)", total, n, tokens / Math.Max(watch.Elapsed.TotalSeconds, 1e-9)));
        AddPerType(result, "plover", byType, n);
        return result;
    }

    private static void ScoreBrat(Pipeline pipeline, string name, List<AnnotatedDocument> gold, CorpusResult result, bool argumentsWithinGold = false)
    {
        int n = gold.Count;
        bool mentions = PreTokenized.Assigns(pipeline, Annotations.Mentions);
        bool entities = PreTokenized.Assigns(pipeline, Annotations.Entities);
        bool relations = PreTokenized.Assigns(pipeline, Annotations.Relations);
        if (!mentions && !entities && !relations)
        {
            result.Rows.Add(new AccuracyRow(name, "mentions (approx.)", null, null, null, n, null, NoStage));
            result.Rows.Add(new AccuracyRow(name, "entities (B-cubed)", null, null, null, n, null, NoStage));
            result.Rows.Add(new AccuracyRow(name, "relations (mapped)", null, null, null, n, null, NoStage));
            return;
        }
        var pairs = new List<(AnnotatedDocument, AnnotatedDocument)>();
        long tokens = 0;
        var watch = Stopwatch.StartNew();
        foreach (AnnotatedDocument g in gold)
        {
            Document doc = pipeline.Process(g.Text, g.Id);
            tokens += doc.Tokens.Count;
            pairs.Add((g, AnnotatedDocument.FromDocument(doc)));
        }
        watch.Stop();
        EvaluationScores total = BratEvaluator.Evaluate(pairs, argumentsWithinGold: argumentsWithinGold).Total;
        double speed = tokens / Math.Max(watch.Elapsed.TotalSeconds, 1e-9);
        result.Rows.Add(mentions ? Prf(name, "mentions (approx.)", total.Mentions, n, speed) : new AccuracyRow(name, "mentions (approx.)", null, null, null, n, speed, NoStage));
        result.Rows.Add(entities
            ? new AccuracyRow(name, "entities (B-cubed)", total.Entities.Precision, total.Entities.Recall, total.Entities.F1, n, null)
            : new AccuracyRow(name, "entities (B-cubed)", null, null, null, n, null, NoStage));
        result.Rows.Add(relations ? Prf(name, "relations (mapped)", total.Relations, n, null) : new AccuracyRow(name, "relations (mapped)", null, null, null, n, null, NoStage));
        if (relations)
            AddPerType(result, name, total.RelationsByType, n);
    }

    /// <summary>One row per relation type, with its gold and found counts (a type the gold never uses has gold 0).</summary>
    private static void AddPerType(CorpusResult result, string corpus, IReadOnlyDictionary<string, PrfScore> byType, int documents, string what = "relations")
    {
        foreach ((string type, PrfScore score) in byType)
        {
            result.Rows.Add(Prf(corpus, string.Create(CultureInfo.InvariantCulture, $"  {what} {type} (gold {score.Gold}, found {score.Predicted})"),
                score, documents, null));
        }
    }

    private static AccuracyRow Prf(string corpus, string task, PrfScore s, int documents, double? speed) =>
        new(corpus, task, s.Precision, s.Recall, s.F1, documents, speed);
}
