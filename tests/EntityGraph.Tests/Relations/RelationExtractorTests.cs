using EntityGraph.Output;
using EntityGraph.Relations;

namespace EntityGraph.Tests.Relations;

public class RelationExtractorTests
{
    private static Document Extract(ParsedDocument parsed)
    {
        new RelationExtractorStage().Process(parsed.Document, CancellationToken.None);
        return parsed.Document;
    }

    private static (string Type, string Subject, string Object, string Pattern, string? Modality)[] Triples(Document d) =>
        d.Relations.Select(r => (r.Type, d.Entities[r.SubjectEntity].Id, d.Entities[r.ObjectEntity].Id, r.Evidence[0].Pattern, r.Evidence[0].Modality)).ToArray();

    [Fact]
    public void Active_SubjectVerbObject_Captured()
    {
        Document d = Extract(new ParsedDocument("ISIS captured Tal Afar.",
                "ISIS PROPN 2 nsubj", "capture VERB 0 root", "Tal PROPN 2 obj", "Afar PROPN 3 flat", ". PUNCT 2 punct")
            .Mention("ISIS", "ORG", "islamic_state", "ORG").Mention("Tal Afar", "LOC", "tal_afar", "LOC"));
        Assert.Equal([("captured", "islamic_state", "tal_afar", "active", (string?)null)], Triples(d));
        RelationEvidence ev = d.Relations[0].Evidence[0];
        Assert.Equal("captured", d.Text[ev.TriggerStart..ev.TriggerEnd]);
        Assert.Equal(0, ev.SentenceIndex);
    }

    [Fact]
    public void Passive_WithAgent_Captured()
    {
        Document d = Extract(new ParsedDocument("Tal Afar was taken by Isis.",
                "Tal PROPN 4 nsubj:pass", "Afar PROPN 1 flat", "be AUX 4 aux:pass", "take VERB 0 root", "by ADP 6 case", "Isis PROPN 4 obl:agent", ". PUNCT 4 punct")
            .Mention("Tal Afar", "LOC", "tal_afar", "LOC").Mention("Isis", "ORG", "islamic_state", "ORG"));
        Assert.Equal([("captured", "islamic_state", "tal_afar", "passive-agent", (string?)null)], Triples(d));
    }

    [Fact]
    public void Nominalisation_OfBy_Captured()
    {
        Document d = Extract(new ParsedDocument("The capture of Mosul by ISIS shocked Baghdad.",
                "the DET 2 det", "capture NOUN 7 nsubj", "of ADP 4 case", "Mosul PROPN 2 nmod", "by ADP 6 case", "ISIS PROPN 2 nmod", "shock VERB 0 root", "Baghdad PROPN 7 obj", ". PUNCT 7 punct")
            .Mention("Mosul", "LOC", "mosul", "LOC").Mention("ISIS", "ORG", "islamic_state", "ORG").Mention("Baghdad", "LOC", "baghdad", "LOC"));
        Assert.Contains(("captured", "islamic_state", "mosul", "nominal-of-by", (string?)null), Triples(d));
    }

    [Fact]
    public void Nominalisation_ByAttachedToTheOfObject_Captured()
    {
        Document d = Extract(new ParsedDocument("The capture of Mosul by ISIS was a disaster.",
                "the DET 2 det", "capture NOUN 9 nsubj", "of ADP 4 case", "Mosul PROPN 2 nmod", "by ADP 6 case", "ISIS PROPN 4 nmod", "be AUX 9 cop", "a DET 9 det", "disaster NOUN 0 root", ". PUNCT 9 punct")
            .Mention("Mosul", "LOC", "mosul", "LOC").Mention("ISIS", "ORG", "islamic_state", "ORG"));
        Assert.Equal([("captured", "islamic_state", "mosul", "nominal-of-by", (string?)null)], Triples(d));
    }

    [Fact]
    public void Send_ObliqueTo_DeployedTo()
    {
        Document d = Extract(new ParsedDocument("Obama sends troops back to Iraq.",
                "Obama PROPN 2 nsubj", "send VERB 0 root", "troop NOUN 2 obj", "back ADV 2 advmod", "to ADP 6 case", "Iraq PROPN 2 obl", ". PUNCT 2 punct")
            .Mention("Obama", "PER", "barack_obama", "PER").Mention("Iraq", "LOC", "iraq", "LOC"));
        Assert.Equal([("deployed_to", "barack_obama", "iraq", "active-to", (string?)null)], Triples(d));
    }

    [Fact]
    public void CoordinatedModifiers_HeldTalks_Symmetric()
    {
        Document d = Extract(new ParsedDocument("US and Iranian officials held talks.",
                "US PROPN 4 compound", "and CCONJ 3 cc", "Iranian ADJ 1 conj", "official NOUN 5 nsubj", "hold VERB 0 root", "talk NOUN 5 obj", ". PUNCT 5 punct")
            .Mention("US", "LOC", "united_states", "LOC").Mention("Iranian", "MISC", "iran", "LOC"));
        var triple = Assert.Single(Triples(d));
        Assert.Equal("held_talks_with", triple.Type);
        Assert.Equal(["iran", "united_states"], new[] { triple.Subject, triple.Object }.Order());
        Assert.True(d.Relations[0].Symmetric);
    }

    [Fact]
    public void Negated_KeptWithFlag_NotAsserted_NotInBrat()
    {
        Document d = Extract(new ParsedDocument("The US won't send troops to Iraq.",
                "the DET 2 det", "US PROPN 5 nsubj", "will AUX 5 aux", "not PART 5 advmod", "send VERB 0 root", "troop NOUN 5 obj", "to ADP 8 case", "Iraq PROPN 5 obl", ". PUNCT 5 punct")
            .Mention("US", "LOC", "united_states", "LOC").Mention("Iraq", "LOC", "iraq", "LOC"));
        Relation relation = Assert.Single(d.Relations);
        Assert.False(relation.IsAsserted);
        Assert.Equal("negated", relation.Evidence[0].Modality);
        Assert.DoesNotContain("\nR", "\n" + BratWriter.ToAnn(d), StringComparison.Ordinal);
        Assert.Contains("\"asserted\": false", DocumentJson.ToJson(d), StringComparison.Ordinal);
    }

    [Fact]
    public void NoPlansToSend_NotAsserted()
    {
        Document d = Extract(new ParsedDocument("Obama said there are no plans for the US to send troops into Iraq.",
                "Obama PROPN 2 nsubj", "say VERB 0 root", "there PRON 4 expl", "be VERB 2 ccomp", "no DET 6 det", "plan NOUN 4 nsubj",
                "for SCONJ 9 mark", "the DET 9 det", "US PROPN 11 nsubj", "to PART 11 mark", "send VERB 6 acl", "troop NOUN 11 obj", "into ADP 14 case", "Iraq PROPN 11 obl", ". PUNCT 2 punct")
            .Mention("Obama", "PER", "barack_obama", "PER").Mention("US", "LOC", "united_states", "LOC").Mention("Iraq", "LOC", "iraq", "LOC"));
        Assert.All(d.Relations, r => Assert.False(r.IsAsserted));
        Assert.Contains(d.Relations, r => r.Type == "deployed_to");
    }

    [Fact]
    public void Considering_Hedged_NotAsserted()
    {
        Document d = Extract(new ParsedDocument("The US is considering sending forces to Iraq.",
                "the DET 2 det", "US PROPN 4 nsubj", "be AUX 4 aux", "consider VERB 0 root", "send VERB 4 xcomp", "force NOUN 5 obj", "to ADP 8 case", "Iraq PROPN 5 obl", ". PUNCT 4 punct")
            .Mention("US", "LOC", "united_states", "LOC").Mention("Iraq", "LOC", "iraq", "LOC"));
        Relation relation = Assert.Single(d.Relations);
        Assert.Equal("hedged", relation.Evidence[0].Modality);
    }

    [Fact]
    public void ScheduledToMeet_Asserted()
    {
        Document d = Extract(new ParsedDocument("Burns was scheduled to meet Zarif.",
                "Burns PROPN 3 nsubj:pass", "be AUX 3 aux:pass", "schedule VERB 0 root", "to PART 5 mark", "meet VERB 3 xcomp", "Zarif PROPN 5 obj", ". PUNCT 3 punct")
            .Mention("Burns", "PER", "william_burns", "PER").Mention("Zarif", "PER", "zarif", "PER"));
        Relation relation = Assert.Single(d.Relations);
        Assert.Equal("held_talks_with", relation.Type);
        Assert.True(relation.IsAsserted);
    }

    [Fact]
    public void Apposition_NorthernIraqiCity_LocatedIn()
    {
        Document d = Extract(new ParsedDocument("Tal Afar, a northern Iraqi city, fell.",
                "Tal PROPN 9 nsubj", "Afar PROPN 1 flat", ", PUNCT 7 punct", "a DET 7 det", "northern ADJ 7 amod", "Iraqi ADJ 7 amod", "city NOUN 1 appos", ", PUNCT 7 punct", "fall VERB 0 root", ". PUNCT 9 punct")
            .Mention("Tal Afar", "LOC", "tal_afar", "LOC").Mention("Iraqi", "MISC", "iraq", "LOC"));
        Assert.Equal([("located_in", "tal_afar", "iraq", "apposition-place", (string?)null)], Triples(d));
    }

    [Fact]
    public void CityCommaCountry_LocatedIn()
    {
        Document d = Extract(new ParsedDocument("Talks took place in Vienna, Austria.",
                "talk NOUN 2 nsubj", "take VERB 0 root", "place NOUN 2 obj", "in ADP 5 case", "Vienna PROPN 2 obl", ", PUNCT 7 punct", "Austria PROPN 5 appos", ". PUNCT 2 punct")
            .Mention("Vienna", "LOC", "vienna", "LOC").Mention("Austria", "LOC", "austria", "LOC"));
        Assert.Equal([("located_in", "vienna", "austria", "comma-place", (string?)null)], Triples(d));
    }

    [Fact]
    public void TitleBeforeName_AffiliatedWith()
    {
        Document d = Extract(new ParsedDocument("White House spokesman Josh Earnest said so.",
                "White PROPN 2 compound", "House PROPN 3 compound", "spokesman NOUN 4 compound", "Josh PROPN 6 nsubj", "Earnest PROPN 4 flat", "say VERB 0 root", "so ADV 6 advmod", ". PUNCT 6 punct")
            .Mention("White House", "ORG", "white_house", "ORG").Mention("Josh Earnest", "PER", "josh_earnest", "PER"));
        Assert.Equal([("affiliated_with", "josh_earnest", "white_house", "title-before-name", (string?)null)], Triples(d));
    }

    [Fact]
    public void PossessiveTitle_AffiliatedWith()
    {
        Document d = Extract(new ParsedDocument("He met Iran's foreign minister Mohammad Javad Zarif.",
                "he PRON 2 nsubj", "meet VERB 0 root", "Iran PROPN 6 nmod:poss", "'s PART 3 case", "foreign ADJ 6 amod", "minister NOUN 7 compound",
                "Mohammad PROPN 2 obj", "Javad PROPN 7 flat", "Zarif PROPN 7 flat", ". PUNCT 2 punct")
            .Mention("Iran", "LOC", "iran", "LOC").Mention("Mohammad Javad Zarif", "PER", "zarif", "PER"));
        Assert.Contains(("affiliated_with", "zarif", "iran", "title-before-name", (string?)null), Triples(d));
    }

    [Fact]
    public void WrongEntityTypes_NoRelation()
    {
        // located_in needs two places: the comma pattern matches "Kerry, Boston", but Kerry is a person.
        Document d = Extract(new ParsedDocument("Kerry, Boston, spoke.",
                "Kerry PROPN 5 nsubj", ", PUNCT 3 punct", "Boston PROPN 1 appos", ", PUNCT 3 punct", "speak VERB 0 root", ". PUNCT 5 punct")
            .Mention("Kerry", "PER", "john_kerry", "PER").Mention("Boston", "LOC", "boston", "LOC"));
        Assert.DoesNotContain(d.Relations, r => r.Type == "located_in");
    }

    [Fact]
    public void SameTripleTwice_OneRelationTwoEvidences()
    {
        Document d = Extract(new ParsedDocument("ISIS captured Mosul and ISIS seized Mosul.",
                "ISIS PROPN 2 nsubj", "capture VERB 0 root", "Mosul PROPN 2 obj", "and CCONJ 6 cc", "ISIS PROPN 6 nsubj", "seize VERB 2 conj", "Mosul PROPN 6 obj", ". PUNCT 2 punct")
            .Mention("ISIS", "ORG", "islamic_state", "ORG").Mention("Mosul", "LOC", "mosul", "LOC")
            .Mention("ISIS", "ORG", "islamic_state", "ORG", occurrence: 1).Mention("Mosul", "LOC", "mosul", "LOC", occurrence: 1));
        Relation relation = Assert.Single(d.Relations);
        // One evidence per statement and pattern (the word-sequence fallback "active-words" reads both statements too).
        Assert.Equal(2, relation.Evidence.Count(e => e.Pattern == "active"));
    }

    [Fact]
    public void TitleWords_BeforeName_AffiliatedEvenWithABadParse()
    {
        // The parse of the title is deliberately wrong (as our parser gets it): the word pattern does not need it.
        Document d = Extract(new ParsedDocument("Pentagon press secretary Rear Adm. John Kirby said so.",
                "Pentagon PROPN 2 compound", "press PROPN 3 compound", "secretary NOUN 8 nsubj", "Rear PROPN 5 compound", "Adm. NOUN 6 nmod:desc",
                "John PROPN 3 appos", "Kirby PROPN 6 flat", "say VERB 0 root", "so ADV 8 advmod", ". PUNCT 8 punct")
            .Mention("Pentagon", "ORG", "pentagon", "ORG").Mention("John Kirby", "PER", "john_kirby", "PER"));
        Relation r = Assert.Single(d.Relations, r => r.Type == "affiliated_with");
        Assert.Equal(("john_kirby", "pentagon"), (d.Entities[r.SubjectEntity].Id, d.Entities[r.ObjectEntity].Id));
        Assert.Contains(r.Evidence, e => e.Pattern == "title-words-before-name" && e.Modality is null);
    }

    [Fact]
    public void TitleWords_AfterName_Affiliated()
    {
        Document d = Extract(new ParsedDocument("Bill Speaks, a Pentagon spokesman, told reporters.",
                "Bill PROPN 8 nsubj", "Speaks PROPN 1 flat", ", PUNCT 6 punct", "a DET 6 det", "Pentagon PROPN 6 compound", "spokesman NOUN 8 obl",
                ", PUNCT 6 punct", "tell VERB 0 root", "reporter NOUN 8 obj", ". PUNCT 8 punct")
            .Mention("Bill Speaks", "PER", "bill_speaks", "PER").Mention("Pentagon", "ORG", "pentagon", "ORG"));
        Assert.Equal([("affiliated_with", "bill_speaks", "pentagon", "title-words-after-name", (string?)null)], Triples(d));
    }

    [Fact]
    public void TitleWords_NoRoleWord_NoRelation()
    {
        Document d = Extract(new ParsedDocument("Pentagon workers met John Kirby.",
                "Pentagon PROPN 2 compound", "worker NOUN 3 nsubj", "meet VERB 0 root", "John PROPN 3 obj", "Kirby PROPN 4 flat", ". PUNCT 3 punct")
            .Mention("Pentagon", "ORG", "pentagon", "ORG").Mention("John Kirby", "PER", "john_kirby", "PER"));
        Assert.DoesNotContain(d.Relations, r => r.Type == "affiliated_with");
    }

    [Fact]
    public void Nominal_GovernedByClauseSubject_Attacked()
    {
        Document d = Extract(new ParsedDocument("The US joined the fight against the Taliban.",
                "the DET 2 det", "US PROPN 3 nsubj", "join VERB 0 root", "the DET 5 det", "fight NOUN 3 obj", "against ADP 8 case", "the DET 8 det",
                "Taliban PROPN 5 nmod", ". PUNCT 3 punct")
            .Mention("US", "LOC", "united_states", "LOC").Mention("Taliban", "ORG", "taliban", "ORG"));
        Assert.Equal([("attacked", "united_states", "taliban", "nominal-of-clause-subject", (string?)null)], Triples(d));
    }

    [Fact]
    public void Coordination_ConjunctOfAnotherKind_IsNotAnArgument()
    {
        // The parser attaches "EU" (of "EU chief Ashton") as a conjunct of Zarif: a name of another kind is left out.
        Document d = Extract(new ParsedDocument("Burns met Zarif and EU chief Ashton.",
                "Burns PROPN 2 nsubj", "meet VERB 0 root", "Zarif PROPN 2 obj", "and CCONJ 5 cc", "EU PROPN 3 conj", "chief NOUN 7 compound",
                "Ashton PROPN 3 conj", ". PUNCT 2 punct")
            .Mention("Burns", "PER", "william_burns", "PER").Mention("Zarif", "PER", "zarif", "PER")
            .Mention("EU", "ORG", "european_union", "ORG").Mention("Ashton", "PER", "catherine_ashton", "PER"));
        string[] partners = d.Relations.Where(r => r.Type == "held_talks_with")
            .Select(r => d.Entities[r.SubjectEntity].Id == "william_burns" ? d.Entities[r.ObjectEntity].Id : d.Entities[r.SubjectEntity].Id).Order().ToArray();
        Assert.Equal(["catherine_ashton", "zarif"], partners);
    }

    [Fact]
    public void Pronoun_He_ResolvedToPersonOfPreviousSentence()
    {
        Document d = Extract(new ParsedDocument("The envoy is William Burns. He met Zarif on Monday.",
                "the DET 2 det", "envoy NOUN 5 nsubj", "be AUX 5 cop", "William PROPN 0 root", "Burns PROPN 4 flat", ". PUNCT 4 punct",
                "he PRON 2 nsubj", "meet VERB 0 root", "Zarif PROPN 2 obj", "on ADP 5 case", "Monday PROPN 2 obl", ". PUNCT 2 punct")
            .Mention("William Burns", "PER", "william_burns", "PER").Mention("Zarif", "PER", "zarif", "PER"));
        Assert.Equal([("held_talks_with", "william_burns", "zarif", "meet-object", (string?)null)], Triples(d));
        // The evidence names the sentence that states the meeting; the subject mention is the antecedent.
        Assert.Equal(1, d.Relations[0].Evidence[0].SentenceIndex);
    }

    [Fact]
    public void Pronoun_They_OnlyAnOrganisationThatWasTheSubject()
    {
        Document subject = Extract(new ParsedDocument("Isis fighters advanced. They took Tal Afar.",
                "Isis PROPN 2 compound", "fighter NOUN 3 nsubj", "advance VERB 0 root", ". PUNCT 3 punct",
                "they PRON 2 nsubj", "take VERB 0 root", "Tal PROPN 2 obj", "Afar PROPN 3 flat", ". PUNCT 2 punct")
            .Mention("Isis", "ORG", "islamic_state", "ORG").Mention("Tal Afar", "LOC", "tal_afar", "LOC"));
        Assert.Equal([("captured", "islamic_state", "tal_afar", "active", (string?)null)], Triples(subject));

        Document notSubject = Extract(new ParsedDocument("Soldiers fought Isis. They took Tal Afar.",
                "soldier NOUN 2 nsubj", "fight VERB 0 root", "Isis PROPN 2 obj", ". PUNCT 2 punct",
                "they PRON 2 nsubj", "take VERB 0 root", "Tal PROPN 2 obj", "Afar PROPN 3 flat", ". PUNCT 2 punct")
            .Mention("Isis", "ORG", "islamic_state", "ORG").Mention("Tal Afar", "LOC", "tal_afar", "LOC"));
        Assert.Empty(notSubject.Relations);
    }

    [Fact]
    public void Possessive_His_IsNotTheMan()
    {
        Document d = Extract(new ParsedDocument("Obama spoke. His team met Zarif.",
                "Obama PROPN 2 nsubj", "speak VERB 0 root", ". PUNCT 2 punct",
                "he PRON 2 nmod:poss", "team NOUN 3 nsubj", "meet VERB 0 root", "Zarif PROPN 3 obj", ". PUNCT 3 punct")
            .Mention("Obama", "PER", "barack_obama", "PER").Mention("Zarif", "PER", "zarif", "PER"));
        Assert.Empty(d.Relations);
    }

    [Fact]
    public void TheGroup_ResolvedToOrganisation_CityOfX_IsX()
    {
        Document d = Extract(new ParsedDocument("ISIS advanced. The group captured the city of Tel Afar.",
                "ISIS PROPN 2 nsubj", "advance VERB 0 root", ". PUNCT 2 punct",
                "the DET 2 det", "group NOUN 3 nsubj", "capture VERB 0 root", "the DET 5 det", "city NOUN 3 obj", "of ADP 8 case", "Tel PROPN 8 compound",
                "Afar PROPN 5 nmod", ". PUNCT 3 punct")
            .Mention("ISIS", "ORG", "islamic_state", "ORG").Mention("Tel Afar", "LOC", "tal_afar", "LOC"));
        Assert.Equal([("captured", "islamic_state", "tal_afar", "active", (string?)null)], Triples(d));
    }

    [Fact]
    public void RelativeClause_OnAppositivePlaceNoun_IsTheNamedPlace_NotItsCountry()
    {
        Document d = Extract(new ParsedDocument("Mosul, Iraq's largest city, which was taken by ISIS forces, fell.",
                "Mosul PROPN 15 nsubj", ", PUNCT 6 punct", "Iraq PROPN 6 nmod:poss", "'s PART 3 case", "large ADJ 6 amod", "city NOUN 1 appos",
                ", PUNCT 10 punct", "which PRON 10 nsubj:pass", "be AUX 10 aux:pass", "take VERB 6 acl:relcl", "by ADP 13 case", "ISIS PROPN 13 amod",
                "force NOUN 10 obl:agent", ", PUNCT 10 punct", "fall VERB 0 root", ". PUNCT 15 punct")
            .Mention("Mosul", "LOC", "mosul", "LOC").Mention("Iraq", "LOC", "iraq", "LOC").Mention("ISIS", "ORG", "islamic_state", "ORG"));
        (string, string, string, string, string?)[] triples = Triples(d);
        Assert.Contains(("captured", "islamic_state", "mosul", "passive-agent", (string?)null), triples);
        Assert.DoesNotContain(triples, t => t.Item1 == "captured" && t.Item3 == "iraq");
    }
}

public class RelationGraphTests
{
    [Fact]
    public void KnowledgeGraph_NegatedRelation_NotAnEdge()
    {
        var parsed = new ParsedDocument("The US won't send troops to Iraq.",
                "the DET 2 det", "US PROPN 5 nsubj", "will AUX 5 aux", "not PART 5 advmod", "send VERB 0 root", "troop NOUN 5 obj", "to ADP 8 case", "Iraq PROPN 5 obl", ". PUNCT 5 punct")
            .Mention("US", "LOC", "united_states", "LOC").Mention("Iraq", "LOC", "iraq", "LOC");
        new RelationExtractorStage().Process(parsed.Document, CancellationToken.None);
        Assert.Single(parsed.Document.Relations);
        // Scored as the guidelines annotate: a negated statement is no relation.
        Assert.Empty(EntityGraph.Evaluation.AnnotatedDocument.FromDocument(parsed.Document).Relations);
        var graph = new EntityGraph.Graphs.KnowledgeGraph();
        graph.Add(parsed.Document);
        Assert.Empty(graph.Edges);
        Assert.Equal(2, graph.Nodes.Count);
    }
}
