namespace EntityGraph.Tests.Relations;

/// <summary>
/// How news states the six relations (issue 13): event nouns and light verbs, control states, place phrases, titles in
/// every position, forces named by their modifiers, nominal references, coordination. Sentences written for these tests.
/// </summary>
public class RelationConstructionTests
{
    private static (string Type, string Subject, string Object, string Pattern)[] Triples(ParsedDocument parsed) => parsed.AssertedTriples();

    private static string[] Types((string Type, string, string, string)[] triples, string type) =>
        triples.Where(t => t.Type == type).Select(t => t.Item2 + ">" + t.Item3).Distinct().ToArray();

    [Fact]
    public void FellTo_Captured()
    {
        var t = Triples(new ParsedDocument("Raqqa fell to the rebels' allies, Hayat.",
                "Raqqa PROPN 2 nsubj", "fall VERB 0 root", "to ADP 5 case", "the DET 5 det", "rebel NOUN 2 obl", "' PART 5 case", "ally NOUN 2 obl",
                ", PUNCT 9 punct", "Hayat PROPN 7 appos", ". PUNCT 2 punct")
            .Mention("Raqqa", "LOC", "raqqa", "LOC").Mention("Hayat", "ORG", "hayat", "ORG"));
        Assert.Empty(Types(t, "captured")); // "the rebels" names no group here
        var u = Triples(new ParsedDocument("Raqqa fell to Hayat.",
                "Raqqa PROPN 2 nsubj", "fall VERB 0 root", "to ADP 4 case", "Hayat PROPN 2 obl", ". PUNCT 2 punct")
            .Mention("Raqqa", "LOC", "raqqa", "LOC").Mention("Hayat", "ORG", "hayat", "ORG"));
        Assert.Contains(("captured", "hayat", "raqqa", "fell-to"), u);
    }

    [Fact]
    public void TookControlOf_LightVerb_Captured_ButLostControlIsNot()
    {
        var took = Triples(new ParsedDocument("Hayat took full control of Raqqa.",
                "Hayat PROPN 2 nsubj", "take VERB 0 root", "full ADJ 4 amod", "control NOUN 2 obj", "of ADP 6 case", "Raqqa PROPN 4 nmod", ". PUNCT 2 punct")
            .Mention("Hayat", "ORG", "hayat", "ORG").Mention("Raqqa", "LOC", "raqqa", "LOC"));
        Assert.Contains(("captured", "hayat", "raqqa", "light-verb-control"), took);
        var lost = Triples(new ParsedDocument("Hayat lost control of Raqqa.",
                "Hayat PROPN 2 nsubj", "lose VERB 0 root", "control NOUN 2 obj", "of ADP 5 case", "Raqqa PROPN 3 nmod", ". PUNCT 2 punct")
            .Mention("Hayat", "ORG", "hayat", "ORG").Mention("Raqqa", "LOC", "raqqa", "LOC"));
        Assert.Empty(Types(lost, "captured"));
    }

    [Fact]
    public void UnderControl_Captured()
    {
        var t = Triples(new ParsedDocument("Raqqa is under Hayat control.",
                "Raqqa PROPN 5 nsubj", "be AUX 5 cop", "under ADP 5 case", "Hayat PROPN 5 compound", "control NOUN 0 root", ". PUNCT 5 punct")
            .Mention("Raqqa", "LOC", "raqqa", "LOC").Mention("Hayat", "ORG", "hayat", "ORG"));
        Assert.Contains(("captured", "hayat", "raqqa", "under-control"), t);
    }

    [Fact]
    public void HeldPlace_Words_Captured()
    {
        var t = Triples(new ParsedDocument("Jets hit the Hayat held town of Raqqa.",
                "jet NOUN 2 nsubj", "hit VERB 0 root", "the DET 6 det", "Hayat PROPN 6 compound", "hold VERB 6 amod", "town NOUN 2 obj", "of ADP 8 case",
                "Raqqa PROPN 6 nmod", ". PUNCT 2 punct")
            .Mention("Hayat", "ORG", "hayat", "ORG").Mention("Raqqa", "LOC", "raqqa", "LOC"));
        Assert.Contains(("captured", "hayat", "raqqa", "held-place-words-unhyphenated"), t);
    }

    [Fact]
    public void RetookFrom_GivesTheFormerHolder()
    {
        var t = Triples(new ParsedDocument("The army retook Raqqa from Hayat.",
                "the DET 2 det", "army NOUN 3 nsubj", "retake VERB 0 root", "Raqqa PROPN 3 obj", "from ADP 6 case", "Hayat PROPN 3 obl", ". PUNCT 3 punct")
            .Mention("Raqqa", "LOC", "raqqa", "LOC").Mention("Hayat", "ORG", "hayat", "ORG"));
        Assert.Contains(("captured", "hayat", "raqqa", "taken-back-from"), t);
    }

    [Fact]
    public void ForceNamedByDemonym_Entered_DeployedTo_ButAPersonArrivingIsNot()
    {
        var t = Triples(new ParsedDocument("Malian troops entered Gao.",
                "Malian ADJ 2 amod", "troop NOUN 3 nsubj", "enter VERB 0 root", "Gao PROPN 3 obj", ". PUNCT 3 punct")
            .Mention("Malian", "MISC", "mali", "LOC").Mention("Gao", "LOC", "gao", "LOC"));
        Assert.Contains(("deployed_to", "mali", "gao", "force-entered"), t);
        var person = Triples(new ParsedDocument("Keita arrived in Gao.",
                "Keita PROPN 2 nsubj", "arrive VERB 0 root", "in ADP 4 case", "Gao PROPN 2 obl", ". PUNCT 2 punct")
            .Mention("Keita", "PER", "keita", "PER").Mention("Gao", "LOC", "gao", "LOC"));
        Assert.Empty(Types(person, "deployed_to"));
    }

    [Fact]
    public void KilledInAStrike_TheStrikesModifierIsTheAttacker()
    {
        var t = Triples(new ParsedDocument("Dawud was killed in a French airstrike.",
                "Dawud PROPN 3 nsubj:pass", "be AUX 3 aux:pass", "kill VERB 0 root", "in ADP 7 case", "a DET 7 det", "French ADJ 7 amod", "airstrike NOUN 3 obl", ". PUNCT 3 punct")
            .Mention("Dawud", "PER", "dawud", "PER").Mention("French", "MISC", "france", "LOC"));
        Assert.Contains(("attacked", "france", "dawud", "killed-in-strike"), t);
    }

    [Fact]
    public void BarrageOfStrikesOn_LightVerb_Attacked()
    {
        var t = Triples(new ParsedDocument("Chad launched a wave of strikes on Gao.",
                "Chad PROPN 2 nsubj", "launch VERB 0 root", "a DET 4 det", "wave NOUN 2 obj", "of ADP 6 case", "strike NOUN 4 nmod", "on ADP 8 case", "Gao PROPN 6 nmod", ". PUNCT 2 punct")
            .Mention("Chad", "LOC", "chad", "LOC").Mention("Gao", "LOC", "gao", "LOC"));
        Assert.Contains(("attacked", "chad", "gao", "nominal-of-clause-subject"), t);
    }

    [Fact]
    public void SpokeTo_AndTitleStandsForThePerson_HeldTalks()
    {
        var t = Triples(new ParsedDocument("Lula spoke to Chilean President Boric.",
                "Lula PROPN 2 nsubj", "speak VERB 0 root", "to ADP 5 case", "Chilean ADJ 5 amod", "President PROPN 2 obl", "Boric PROPN 5 flat", ". PUNCT 2 punct")
            .Mention("Lula", "PER", "lula", "PER").Mention("Chilean", "MISC", "chile", "LOC").Mention("Boric", "PER", "boric", "PER"));
        Assert.Equal(["boric>lula"], Types(t, "held_talks_with").Select(p => string.Join('>', p.Split('>').Order())).ToArray());
    }

    [Fact]
    public void CoordinatedParties_ReadOffTheWords_WhenTheParseFails()
    {
        // A dateline-like misparse: everything hangs on the first word.
        var t = Triples(new ParsedDocument("Lula and Chile's Boric held talks.",
                "Lula PROPN 0 root", "and CCONJ 1 cc", "Chile PROPN 1 conj", "'s PART 3 case", "Boric PROPN 1 list", "hold VERB 1 parataxis", "talk NOUN 6 obj", ". PUNCT 1 punct")
            .Mention("Lula", "PER", "lula", "PER").Mention("Chile", "LOC", "chile", "LOC").Mention("Boric", "PER", "boric", "PER"));
        Assert.Contains(("held_talks_with", "boric", "lula", "coordinated-parties-words"), t.Select(x => x.Item2 == "lula" ? (x.Type, x.Item3, x.Item2, x.Pattern) : x));
        Assert.Contains(("affiliated_with", "boric", "chile", "possessive-name-words"), t);
    }

    [Fact]
    public void CommaPlace_OutsideAList_LocatedIn()
    {
        var one = Triples(new ParsedDocument("Gunmen attacked Sevare, Mali.",
                "gunman NOUN 2 nsubj", "attack VERB 0 root", "Sevare PROPN 2 obj", ", PUNCT 5 punct", "Mali PROPN 3 appos", ". PUNCT 2 punct")
            .Mention("Sevare", "LOC", "sevare", "LOC").Mention("Mali", "LOC", "mali", "LOC"));
        Assert.Contains(("located_in", "sevare", "mali", "comma-place-words"), one);
        var list = Triples(new ParsedDocument("Envoys visited Gao, Mopti and Kidal.",
                "envoy NOUN 2 nsubj", "visit VERB 0 root", "Gao PROPN 2 obj", ", PUNCT 5 punct", "Mopti PROPN 3 conj", "and CCONJ 7 cc", "Kidal PROPN 3 conj", ". PUNCT 2 punct")
            .Mention("Gao", "LOC", "gao", "LOC").Mention("Mopti", "LOC", "mopti", "LOC").Mention("Kidal", "LOC", "kidal", "LOC"));
        Assert.Empty(Types(list, "located_in"));
    }

    [Fact]
    public void ACountryLiesInNoOtherPlace()
    {
        var t = Triples(new ParsedDocument("Envoys left Mali, Niger.",
                "envoy NOUN 2 nsubj", "leave VERB 0 root", "Mali PROPN 2 obj", ", PUNCT 5 punct", "Niger PROPN 3 appos", ". PUNCT 2 punct")
            .Mention("Mali", "LOC", "mali", "LOC").Mention("Niger", "LOC", "niger", "LOC"));
        Assert.Empty(Types(t, "located_in"));
    }

    [Fact]
    public void PossessivePlace_LocatedIn_ButNotWhenTheNameModifiesANoun()
    {
        var t = Triples(new ParsedDocument("Mali's Gao region is calm.",
                "Mali PROPN 4 nmod:poss", "'s PART 1 case", "Gao PROPN 4 compound", "region NOUN 6 nsubj", "be AUX 6 cop", "calm ADJ 0 root", ". PUNCT 6 punct")
            .Mention("Mali", "LOC", "mali", "LOC").Mention("Gao", "LOC", "gao", "LOC"));
        Assert.Contains(("located_in", "gao", "mali", "possessive-place-kind-words"), t);
        var policy = Triples(new ParsedDocument("Mali's Gao policy is calm.",
                "Mali PROPN 4 nmod:poss", "'s PART 1 case", "Gao PROPN 4 compound", "policy NOUN 6 nsubj", "be AUX 6 cop", "calm ADJ 0 root", ". PUNCT 6 punct")
            .Mention("Mali", "LOC", "mali", "LOC").Mention("Gao", "LOC", "gao", "LOC"));
        Assert.Empty(Types(policy, "located_in"));
    }

    [Fact]
    public void KindOfPlace_WithDemonym_LocatedIn()
    {
        var t = Triples(new ParsedDocument("They reached the northern Malian town of Gao.",
                "they PRON 2 nsubj", "reach VERB 0 root", "the DET 6 det", "northern ADJ 6 amod", "Malian ADJ 6 amod", "town NOUN 2 obj", "of ADP 8 case",
                "Gao PROPN 6 nmod", ". PUNCT 2 punct")
            .Mention("Malian", "MISC", "mali", "LOC").Mention("Gao", "LOC", "gao", "LOC"));
        Assert.Contains(("located_in", "gao", "mali", "kind-of-place-words"), t);
    }

    [Fact]
    public void LeaderOfGroupBeforeTheName_AffiliatedWith()
    {
        var t = Triples(new ParsedDocument("The leader of Hayat, Jawlani, spoke.",
                "the DET 2 det", "leader NOUN 8 nsubj", "of ADP 4 case", "Hayat PROPN 2 nmod", ", PUNCT 6 punct", "Jawlani PROPN 2 appos", ", PUNCT 6 punct", "speak VERB 0 root", ". PUNCT 8 punct")
            .Mention("Hayat", "ORG", "hayat", "ORG").Mention("Jawlani", "PER", "jawlani", "PER"));
        Assert.Contains(("affiliated_with", "jawlani", "hayat", "title-of-before-name-words"), t);
    }

    [Fact]
    public void NominalReferences_TheGroupAndTheTown_ResolveToTheNamesBefore()
    {
        var t = Triples(new ParsedDocument("Hayat fighters reached Kidal. The group captured the town.",
                "Hayat PROPN 2 compound", "fighter NOUN 3 nsubj", "reach VERB 0 root", "Kidal PROPN 3 obj", ". PUNCT 3 punct",
                "the DET 2 det", "group NOUN 3 nsubj", "capture VERB 0 root", "the DET 5 det", "town NOUN 3 obj", ". PUNCT 3 punct")
            .Mention("Hayat", "ORG", "hayat", "ORG").Mention("Kidal", "LOC", "kidal", "LOC"));
        Assert.Contains(("captured", "hayat", "kidal", "active"), t);
    }

    [Fact]
    public void NominalReferences_AgreeInNumberAndKind()
    {
        // "the militant" is one person, not the group; "the country" is not the town.
        var t = Triples(new ParsedDocument("Hayat reached Kidal. The militant captured the country.",
                "Hayat PROPN 2 nsubj", "reach VERB 0 root", "Kidal PROPN 2 obj", ". PUNCT 2 punct",
                "the DET 2 det", "militant NOUN 3 nsubj", "capture VERB 0 root", "the DET 5 det", "country NOUN 3 obj", ". PUNCT 3 punct")
            .Mention("Hayat", "ORG", "hayat", "ORG").Mention("Kidal", "LOC", "kidal", "LOC"));
        Assert.Empty(Types(t, "captured"));
    }

    [Fact]
    public void NominalReferences_StopAtTheParagraphBeforeLast()
    {
        var t = Triples(new ParsedDocument("Hayat reached Kidal.\n\nOthers waited.\n\nThe group captured Gao.",
                "Hayat PROPN 2 nsubj", "reach VERB 0 root", "Kidal PROPN 2 obj", ". PUNCT 2 punct",
                "other NOUN 2 nsubj", "wait VERB 0 root", ". PUNCT 2 punct",
                "the DET 2 det", "group NOUN 3 nsubj", "capture VERB 0 root", "Gao PROPN 3 obj", ". PUNCT 3 punct")
            .Mention("Hayat", "ORG", "hayat", "ORG").Mention("Kidal", "LOC", "kidal", "LOC").Mention("Gao", "LOC", "gao", "LOC"));
        Assert.Empty(Types(t, "captured"));
    }

    [Fact]
    public void Dateline_IsNoArgumentOfTheFirstClause()
    {
        var t = Triples(new ParsedDocument("BAMAKO — Keita met Boric.",
                "BAMAKO PROPN 4 nsubj", "— PUNCT 1 punct", "Keita PROPN 1 appos", "meet VERB 0 root", "Boric PROPN 4 obj", ". PUNCT 4 punct")
            .Mention("BAMAKO", "LOC", "bamako", "LOC").Mention("Keita", "PER", "keita", "PER").Mention("Boric", "PER", "boric", "PER"));
        Assert.DoesNotContain(t, x => x.Item2 == "bamako" || x.Item3 == "bamako");
    }

    [Fact]
    public void Headline_TelegraphicPresent_DeployedTo()
    {
        var t = Triples(new ParsedDocument("Chad Deploys Troops To Mali\nChad has sent troops.",
                "Chad PROPN 2 compound", "Deploys NOUN 0 root", "Troops NOUN 2 flat", "To ADP 5 case", "Mali PROPN 2 nmod",
                "Chad PROPN 3 nsubj", "have AUX 3 aux", "send VERB 0 root", "troop NOUN 3 obj", ". PUNCT 3 punct")
            .Mention("Chad", "LOC", "chad", "LOC").Mention("Mali", "LOC", "mali", "LOC"));
        Assert.Contains(("deployed_to", "chad", "mali", "headline"), t);
    }

    [Fact]
    public void Headline_Planned_IsNotAsserted()
    {
        var t = Triples(new ParsedDocument("Chad to send troops to Mali\nChad said so.",
                "Chad PROPN 3 nsubj", "to PART 3 mark", "send VERB 0 root", "troop NOUN 3 obj", "to ADP 6 case", "Mali PROPN 3 obl",
                "Chad PROPN 2 nsubj", "say VERB 0 root", "so ADV 2 advmod", ". PUNCT 2 punct")
            .Mention("Chad", "LOC", "chad", "LOC").Mention("Mali", "LOC", "mali", "LOC"));
        Assert.Empty(Types(t, "deployed_to"));
    }

    [Fact]
    public void Headline_ANameModifyingANoun_IsNotWhatWasTaken()
    {
        var t = Triples(new ParsedDocument("Malian troops seize Niger base\nThe base fell.",
                "Malian ADJ 2 amod", "troop NOUN 3 nsubj", "seize VERB 0 root", "Niger PROPN 5 compound", "base NOUN 3 obj",
                "the DET 2 det", "base NOUN 3 nsubj", "fall VERB 0 root", ". PUNCT 3 punct")
            .Mention("Malian", "MISC", "mali", "LOC").Mention("Niger", "LOC", "niger", "LOC"));
        Assert.Empty(Types(t, "captured"));
    }

    [Fact]
    public void Partitive_MostOfTheCity_Captured()
    {
        var t = Triples(new ParsedDocument("Hayat seized most of the city of Raqqa.",
                "Hayat PROPN 2 nsubj", "seize VERB 0 root", "most ADJ 2 obj", "of ADP 6 case", "the DET 6 det", "city NOUN 3 nmod", "of ADP 8 case",
                "Raqqa PROPN 6 nmod", ". PUNCT 2 punct")
            .Mention("Hayat", "ORG", "hayat", "ORG").Mention("Raqqa", "LOC", "raqqa", "LOC"));
        Assert.Contains(("captured", "hayat", "raqqa", "active"), t);
    }

    [Fact]
    public void Dateline_TheSubjectHungOnItIsReadThrough()
    {
        var t = Triples(new ParsedDocument("BAMAKO: President Keita met Boric.",
                "BAMAKO PROPN 5 nsubj", ": PUNCT 3 punct", "President PROPN 1 appos", "Keita PROPN 3 flat", "meet VERB 0 root", "Boric PROPN 5 obj", ". PUNCT 5 punct")
            .Mention("BAMAKO", "LOC", "bamako", "LOC").Mention("Keita", "PER", "keita", "PER").Mention("Boric", "PER", "boric", "PER"));
        Assert.Contains(t, x => x.Type == "held_talks_with" && new[] { x.Item2, x.Item3 }.Order().SequenceEqual(["boric", "keita"]));
    }

    [Fact]
    public void ListOfPeopleParsedAsAppositions_AllHoldTalks()
    {
        var t = Triples(new ParsedDocument("Lula, Boric and Petro held talks.",
                "Lula PROPN 6 nsubj", ", PUNCT 3 punct", "Boric PROPN 1 appos", "and CCONJ 5 cc", "Petro PROPN 3 conj", "hold VERB 0 root", "talk NOUN 6 obj", ". PUNCT 6 punct")
            .Mention("Lula", "PER", "lula", "PER").Mention("Boric", "PER", "boric", "PER").Mention("Petro", "PER", "petro", "PER"));
        Assert.Contains(t, x => x.Type == "held_talks_with" && new[] { x.Item2, x.Item3 }.Order().SequenceEqual(["boric", "lula"]));
    }

    [Fact]
    public void KilledFollowingAWaveOfStrikes_Attacked()
    {
        var t = Triples(new ParsedDocument("Dawud was killed following a wave of French strikes.",
                "Dawud PROPN 3 nsubj:pass", "be AUX 3 aux:pass", "kill VERB 0 root", "following ADP 6 case", "a DET 6 det", "wave NOUN 3 obl", "of ADP 9 case",
                "French ADJ 9 amod", "strike NOUN 6 nmod", ". PUNCT 3 punct")
            .Mention("Dawud", "PER", "dawud", "PER").Mention("French", "MISC", "france", "LOC"));
        Assert.Contains(("attacked", "france", "dawud", "killed-in-strike"), t);
    }

    [Fact]
    public void NationalityWordParsedAsHead_ThePersonOnItIsTheArgument()
    {
        var t = Triples(new ParsedDocument("Lula spoke with Chilean President Boric.",
                "Lula PROPN 2 nsubj", "speak VERB 0 root", "with ADP 4 case", "Chilean PROPN 2 obl", "President PROPN 6 nmod:desc", "Boric PROPN 4 flat", ". PUNCT 2 punct")
            .Mention("Lula", "PER", "lula", "PER").Mention("Chilean", "MISC", "chile", "LOC").Mention("Boric", "PER", "boric", "PER"));
        Assert.Equal(["boric>lula"], Types(t, "held_talks_with").Select(p => string.Join('>', p.Split('>').Order())).ToArray());
    }

    [Fact]
    public void Dateline_ConjoinedSubject_PeopleBeforeNationalityWords()
    {
        var t = Triples(new ParsedDocument("BAMAKO — Malian President Keita met Boric.",
                "BAMAKO PROPN 6 nsubj", "— PUNCT 3 punct", "Malian ADJ 1 conj", "President PROPN 5 nmod:desc", "Keita PROPN 1 conj", "meet VERB 0 root", "Boric PROPN 6 obj", ". PUNCT 6 punct")
            .Mention("BAMAKO", "LOC", "bamako", "LOC").Mention("Malian", "MISC", "mali", "LOC").Mention("Keita", "PER", "keita", "PER").Mention("Boric", "PER", "boric", "PER"));
        Assert.Equal(["boric>keita"], Types(t, "held_talks_with").Select(p => string.Join('>', p.Split('>').Order())).ToArray());
    }

    [Fact]
    public void ReportedPronoun_IsTheReporter()
    {
        var t = Triples(new ParsedDocument("Chad says it struck Hayat.",
                "Chad PROPN 2 nsubj", "say VERB 0 root", "it PRON 4 nsubj", "strike VERB 2 ccomp", "Hayat PROPN 4 obj", ". PUNCT 2 punct")
            .Mention("Chad", "LOC", "chad", "LOC").Mention("Hayat", "ORG", "hayat", "ORG"));
        Assert.Contains(("attacked", "chad", "hayat", "active"), t);
    }

    [Fact]
    public void TitleAfterName_NotWhenTheNextPersonsTitleFollows()
    {
        var t = Triples(new ParsedDocument("Lula, Chilean President Boric and others came.",
                "Lula PROPN 8 nsubj", ", PUNCT 5 punct", "Chilean ADJ 4 amod", "President PROPN 5 nmod:desc", "Boric PROPN 1 conj", "and CCONJ 7 cc", "other NOUN 1 conj",
                "come VERB 0 root", ". PUNCT 8 punct")
            .Mention("Lula", "PER", "lula", "PER").Mention("Chilean", "MISC", "chile", "LOC").Mention("Boric", "PER", "boric", "PER"));
        Assert.DoesNotContain(t, x => x.Type == "affiliated_with" && x.Item2 == "lula");
    }

    [Fact]
    public void ParticipleClause_TakesTheMainSubject_OnlyWithoutItsOwn()
    {
        var t = Triples(new ParsedDocument("Chad acted, sending troops to Mali.",
                "Chad PROPN 2 nsubj", "act VERB 0 root", ", PUNCT 4 punct", "send VERB 2 advcl", "troop NOUN 4 obj", "to ADP 7 case", "Mali PROPN 4 obl", ". PUNCT 2 punct")
            .Mention("Chad", "LOC", "chad", "LOC").Mention("Mali", "LOC", "mali", "LOC"));
        Assert.Contains(("deployed_to", "chad", "mali", "active-to"), t);
        var own = Triples(new ParsedDocument("Chad protested after Niger sent troops to Mali.",
                "Chad PROPN 2 nsubj", "protest VERB 0 root", "after SCONJ 5 mark", "Niger PROPN 5 nsubj", "send VERB 2 advcl", "troop NOUN 5 obj", "to ADP 8 case", "Mali PROPN 5 obl", ". PUNCT 2 punct")
            .Mention("Chad", "LOC", "chad", "LOC").Mention("Niger", "LOC", "niger", "LOC").Mention("Mali", "LOC", "mali", "LOC"));
        Assert.Equal(["niger>mali"], Types(own, "deployed_to"));
    }

    [Fact]
    public void AndItsAllies_ReadOffTheWords_WhenTheVerbIsMistagged()
    {
        var t = Triples(new ParsedDocument("Hayat and its allies overran the city of Raqqa.",
                "Hayat PROPN 4 nmod:poss", "and CCONJ 4 cc", "its PRON 4 nmod:poss", "ally NOUN 6 compound", "overran ADJ 6 amod", "the DET 7 det", "city NOUN 0 root",
                "of ADP 9 case", "Raqqa PROPN 7 nmod", ". PUNCT 7 punct")
            .Mention("Hayat", "ORG", "hayat", "ORG").Mention("Raqqa", "LOC", "raqqa", "LOC"));
        Assert.Contains(("captured", "hayat", "raqqa", "active-words"), t);
    }

    [Fact]
    public void NominalReferences_PreferAnOrganisationCalledAnArmedGroup()
    {
        // Amaq is nearer, but only Hayat has been called militants.
        var t = Triples(new ParsedDocument("Hayat militants reached Kidal. Amaq said the militants seized Gao.",
                "Hayat PROPN 2 compound", "militant NOUN 3 nsubj", "reach VERB 0 root", "Kidal PROPN 3 obj", ". PUNCT 3 punct",
                "Amaq PROPN 2 nsubj", "say VERB 0 root", "the DET 4 det", "militant NOUN 5 nsubj", "seize VERB 2 ccomp", "Gao PROPN 5 obj", ". PUNCT 2 punct")
            .Mention("Hayat", "ORG", "hayat", "ORG").Mention("Kidal", "LOC", "kidal", "LOC").Mention("Amaq", "ORG", "amaq", "ORG").Mention("Gao", "LOC", "gao", "LOC"));
        Assert.Equal(["hayat>gao"], Types(t, "captured"));
    }

    [Fact]
    public void Dateline_WithADate_IsNoArgument()
    {
        var t = Triples(new ParsedDocument("Bamako, May 2: Malian troops retook Gao.",
                "Bamako PROPN 8 nsubj", ", PUNCT 3 punct", "May PROPN 1 appos", "2 NUM 3 nummod", ": PUNCT 1 punct", "Malian ADJ 7 amod", "troop NOUN 8 nsubj",
                "retake VERB 0 root", "Gao PROPN 8 obj", ". PUNCT 8 punct")
            .Mention("Bamako", "LOC", "bamako", "LOC").Mention("Malian", "MISC", "mali", "LOC").Mention("Gao", "LOC", "gao", "LOC"));
        Assert.Equal(["mali>gao"], Types(t, "captured"));
    }

    [Fact]
    public void InTouchWith_HeldTalks()
    {
        var t = Triples(new ParsedDocument("Lula was in touch with Boric.",
                "Lula PROPN 4 nsubj", "be AUX 4 cop", "in ADP 4 case", "touch NOUN 0 root", "with ADP 6 case", "Boric PROPN 4 nmod", ". PUNCT 4 punct")
            .Mention("Lula", "PER", "lula", "PER").Mention("Boric", "PER", "boric", "PER"));
        Assert.Contains(t, x => x.Type == "held_talks_with" && x.Pattern == "nominal-with-clause-subject");
    }

    [Fact]
    public void ParticipleTravellingForTalksWith_HeldTalks()
    {
        var t = Triples(new ParsedDocument("Officials saw Lula travelling to Quito for talks with Boric.",
                "official NOUN 2 nsubj", "see VERB 0 root", "Lula PROPN 2 obj", "travel VERB 3 acl", "to ADP 6 case", "Quito PROPN 4 obl", "for ADP 8 case",
                "talk NOUN 4 obl", "with ADP 10 case", "Boric PROPN 8 nmod", ". PUNCT 2 punct")
            .Mention("Lula", "PER", "lula", "PER").Mention("Quito", "LOC", "quito", "LOC").Mention("Boric", "PER", "boric", "PER"));
        Assert.Contains(t, x => x.Type == "held_talks_with" && new[] { x.Item2, x.Item3 }.Order().SequenceEqual(["boric", "lula"]));
    }

    [Fact]
    public void StrikeThatKilled_Attacked()
    {
        var t = Triples(new ParsedDocument("A French strike that killed Dawud hit Gao.",
                "a DET 3 det", "French ADJ 3 amod", "strike NOUN 7 nsubj", "that PRON 5 nsubj", "kill VERB 3 acl:relcl", "Dawud PROPN 5 obj", "hit VERB 0 root",
                "Gao PROPN 7 obj", ". PUNCT 7 punct")
            .Mention("French", "MISC", "france", "LOC").Mention("Dawud", "PER", "dawud", "PER").Mention("Gao", "LOC", "gao", "LOC"));
        Assert.Contains(("attacked", "france", "dawud", "strike-that-killed"), t);
    }

    [Fact]
    public void NounRenamedInApposition_IsThatName()
    {
        var t = Triples(new ParsedDocument("Keita ordered operations against Mali's ruling party, Rally.",
                "Keita PROPN 2 nsubj", "order VERB 0 root", "operation NOUN 2 obj", "against ADP 8 case", "Mali PROPN 8 nmod:poss", "'s PART 5 case", "ruling NOUN 8 compound",
                "party NOUN 3 nmod", ", PUNCT 10 punct", "Rally PROPN 8 appos", ". PUNCT 2 punct")
            .Mention("Keita", "PER", "keita", "PER").Mention("Mali", "LOC", "mali", "LOC").Mention("Rally", "ORG", "rally", "ORG"));
        Assert.Equal(["keita>rally"], Types(t, "attacked"));
    }

    [Fact]
    public void TargetOfAStrike_Attacked()
    {
        var t = Triples(new ParsedDocument("Dawud was the target of a French strike.",
                "Dawud PROPN 4 nsubj", "be AUX 4 cop", "the DET 4 det", "target NOUN 0 root", "of ADP 8 case", "a DET 8 det", "French ADJ 8 amod", "strike NOUN 4 nmod", ". PUNCT 4 punct")
            .Mention("Dawud", "PER", "dawud", "PER").Mention("French", "MISC", "france", "LOC"));
        Assert.Contains(("attacked", "france", "dawud", "nominal"), t);
    }

    [Fact]
    public void RelativeAfterAComma_IsTheNameBeforeIt_AndTheCityFromXIsStillAReference()
    {
        // The parser attaches the relative clause to "city"; the words say it is about Hayat.
        var t = Triples(new ParsedDocument("Troops reached Kidal. They freed the city from Hayat, which took the city in May.",
                "troop NOUN 2 nsubj", "reach VERB 0 root", "Kidal PROPN 2 obj", ". PUNCT 2 punct",
                "they PRON 2 nsubj", "free VERB 0 root", "the DET 4 det", "city NOUN 2 obj", "from ADP 6 case", "Hayat PROPN 4 nmod", ", PUNCT 9 punct",
                "which PRON 9 nsubj", "take VERB 4 acl:relcl", "the DET 11 det", "city NOUN 9 obj", "in ADP 13 case", "May PROPN 9 obl", ". PUNCT 2 punct")
            .Mention("Kidal", "LOC", "kidal", "LOC").Mention("Hayat", "ORG", "hayat", "ORG"));
        Assert.Contains(("captured", "hayat", "kidal", "active"), t);
        Assert.Contains(("captured", "hayat", "kidal", "taken-back-from"), t);
    }
}
