namespace EntityGraph.Tests.Relations;

/// <summary>
/// Constructions added after the first news-dev error analysis (issue 13): quantities and origins of forces, "its" and
/// "their" on what a party owns or does, nominal references to named features ("the crossing"), event nouns under
/// light verbs, ranks and leadership phrases, and the precision guards of the comma and possessive place patterns.
/// Sentences written for these tests.
/// </summary>
public class RelationConstructionTests2
{
    private static (string Type, string Subject, string Object, string Pattern)[] Triples(ParsedDocument parsed) => parsed.AssertedTriples();

    private static string[] Types((string Type, string, string, string)[] triples, string type) =>
        triples.Where(t => t.Type == type).Select(t => t.Item2 + ">" + t.Item3).Distinct().Order().ToArray();

    [Fact]
    public void QuantityOfAForce_Landed_DeployedTo()
    {
        var t = Triples(new ParsedDocument("Hundreds of Malian police landed in Gao.",
                "hundred NOUN 5 nsubj", "of ADP 4 case", "Malian ADJ 4 amod", "police NOUN 1 nmod", "land VERB 0 root", "in ADP 7 case", "Gao PROPN 5 obl", ". PUNCT 5 punct")
            .Mention("Malian", "MISC", "mali", "LOC").Mention("Gao", "LOC", "gao", "LOC"));
        Assert.Contains(("deployed_to", "mali", "gao", "force-entered"), t);
    }

    [Fact]
    public void ForceFromACountry_Arrived_DeployedTo_ButNotFromAUnit()
    {
        var t = Triples(new ParsedDocument("Soldiers from Chad arrived in Gao.",
                "soldier NOUN 4 nsubj", "from ADP 3 case", "Chad PROPN 1 nmod", "arrive VERB 0 root", "in ADP 6 case", "Gao PROPN 4 obl", ". PUNCT 4 punct")
            .Mention("Chad", "LOC", "chad", "LOC").Mention("Gao", "LOC", "gao", "LOC"));
        Assert.Contains(("deployed_to", "chad", "gao", "force-entered"), t);
        var unit = Triples(new ParsedDocument("Soldiers from Brigade arrived in Gao.",
                "soldier NOUN 4 nsubj", "from ADP 3 case", "Brigade PROPN 1 nmod", "arrive VERB 0 root", "in ADP 6 case", "Gao PROPN 4 obl", ". PUNCT 4 punct")
            .Mention("Brigade", "ORG", "brigade", "ORG").Mention("Gao", "LOC", "gao", "LOC"));
        Assert.Empty(Types(unit, "deployed_to")); // the unit sent is not the sender
    }

    [Fact]
    public void Its_OnAnEventNoun_IsTheParty_AndOutranksTheClauseSubject()
    {
        var t = Triples(new ParsedDocument("Mali backed Chad in its invasion of Niger.",
                "Mali PROPN 2 nsubj", "back VERB 0 root", "Chad PROPN 2 obj", "in ADP 6 case", "its PRON 6 nmod:poss", "invasion NOUN 2 obl", "of ADP 8 case",
                "Niger PROPN 6 nmod", ". PUNCT 2 punct")
            .Mention("Mali", "LOC", "mali", "LOC").Mention("Chad", "LOC", "chad", "LOC").Mention("Niger", "LOC", "niger", "LOC"));
        Assert.Equal(["chad>niger"], Types(t, "attacked"));
    }

    [Fact]
    public void Its_SkipsACityAndANationalityWord()
    {
        // "its" goes back to the group, not to the town just named nor to the nationality word on it.
        var t = Triples(new ParsedDocument("Hayat entered the Malian town of Gao as its fighters attacked Kidal.",
                "Hayat PROPN 2 nsubj", "enter VERB 0 root", "the DET 5 det", "Malian ADJ 5 amod", "town NOUN 2 obj", "of ADP 7 case", "Gao PROPN 5 nmod",
                "as SCONJ 11 mark", "its PRON 10 nmod:poss", "fighter NOUN 11 nsubj", "attack VERB 2 advcl", "Kidal PROPN 11 obj", ". PUNCT 2 punct")
            .Mention("Hayat", "ORG", "hayat", "ORG").Mention("Malian", "MISC", "mali", "LOC").Mention("Gao", "LOC", "gao", "LOC")
            .Mention("Kidal", "LOC", "kidal", "LOC"));
        Assert.Equal(["hayat>kidal"], Types(t, "attacked"));
    }

    [Fact]
    public void NonPartyPeople_AreNotTheirCountry()
    {
        var t = Triples(new ParsedDocument("Malian protesters attacked the Chadian embassy.",
                "Malian ADJ 2 amod", "protester NOUN 3 nsubj", "attack VERB 0 root", "the DET 6 det", "Chadian ADJ 6 amod", "embassy NOUN 3 obj", ". PUNCT 3 punct")
            .Mention("Malian", "MISC", "mali", "LOC").Mention("Chadian", "MISC", "chad", "LOC"));
        Assert.Empty(Types(t, "attacked"));
        var troops = Triples(new ParsedDocument("Malian troops attacked the Chadian embassy.",
                "Malian ADJ 2 amod", "troop NOUN 3 nsubj", "attack VERB 0 root", "the DET 6 det", "Chadian ADJ 6 amod", "embassy NOUN 3 obj", ". PUNCT 3 punct")
            .Mention("Malian", "MISC", "mali", "LOC").Mention("Chadian", "MISC", "chad", "LOC"));
        Assert.Equal(["mali>chad"], Types(troops, "attacked"));
    }

    [Fact]
    public void TheCrossing_IsThePlaceNamedWithThatWord()
    {
        var t = Triples(new ParsedDocument("Hayat seized the Kidal crossing near Gao. Chad had controlled the crossing.",
                "Hayat PROPN 2 nsubj", "seize VERB 0 root", "the DET 5 det", "Kidal PROPN 5 compound", "crossing NOUN 2 obj", "near ADP 7 case", "Gao PROPN 5 nmod", ". PUNCT 2 punct",
                "Chad PROPN 3 nsubj", "have AUX 3 aux", "control VERB 0 root", "the DET 5 det", "crossing NOUN 3 obj", ". PUNCT 3 punct")
            .Mention("Hayat", "ORG", "hayat", "ORG").Mention("Kidal", "LOC", "kidal", "LOC").Mention("Gao", "LOC", "gao", "LOC").Mention("Chad", "LOC", "chad", "LOC"));
        Assert.Contains(("captured", "chad", "kidal", "active"), t);
        Assert.DoesNotContain(t, x => x.Type == "captured" && x.Subject == "chad" && x.Object == "gao");
    }

    [Fact]
    public void OperationToCapture_TheOperationsAgentCaptured()
    {
        var t = Triples(new ParsedDocument("Hayat launched an offensive to capture Kidal.",
                "Hayat PROPN 2 nsubj", "launch VERB 0 root", "an DET 4 det", "offensive NOUN 2 obj", "to PART 6 mark", "capture VERB 4 acl", "Kidal PROPN 6 obj", ". PUNCT 2 punct")
            .Mention("Hayat", "ORG", "hayat", "ORG").Mention("Kidal", "LOC", "kidal", "LOC"));
        Assert.Contains(("captured", "hayat", "kidal", "active"), t);
    }

    [Fact]
    public void CompletedTheAnnexationOf_Captured_ButCondemnedIsNot()
    {
        var t = Triples(new ParsedDocument("Mali completed the annexation of Gao.",
                "Mali PROPN 2 nsubj", "complete VERB 0 root", "the DET 4 det", "annexation NOUN 2 obj", "of ADP 6 case", "Gao PROPN 4 nmod", ". PUNCT 2 punct")
            .Mention("Mali", "LOC", "mali", "LOC").Mention("Gao", "LOC", "gao", "LOC"));
        Assert.Contains(("captured", "mali", "gao", "nominal-clause-subject"), t);
        var condemned = Triples(new ParsedDocument("Chad condemned the annexation of Gao.",
                "Chad PROPN 2 nsubj", "condemn VERB 0 root", "the DET 4 det", "annexation NOUN 2 obj", "of ADP 6 case", "Gao PROPN 4 nmod", ". PUNCT 2 punct")
            .Mention("Chad", "LOC", "chad", "LOC").Mention("Gao", "LOC", "gao", "LOC"));
        Assert.Empty(Types(condemned, "captured"));
    }

    [Fact]
    public void EndOfTalksWith_HeldTalks()
    {
        var t = Triples(new ParsedDocument("Mali announced the end of talks with Hayat.",
                "Mali PROPN 2 nsubj", "announce VERB 0 root", "the DET 4 det", "end NOUN 2 obj", "of ADP 6 case", "talk NOUN 4 nmod", "with ADP 8 case",
                "Hayat PROPN 6 nmod", ". PUNCT 2 punct")
            .Mention("Mali", "LOC", "mali", "LOC").Mention("Hayat", "ORG", "hayat", "ORG"));
        Assert.Single(Types(t, "held_talks_with"));
    }

    [Fact]
    public void FiredRocketsAt_AndAttacksFromAgainst_Attacked()
    {
        var fired = Triples(new ParsedDocument("Hayat fired rockets at Gao.",
                "Hayat PROPN 2 nsubj", "fire VERB 0 root", "rocket NOUN 2 obj", "at ADP 5 case", "Gao PROPN 3 nmod", ". PUNCT 2 punct")
            .Mention("Hayat", "ORG", "hayat", "ORG").Mention("Gao", "LOC", "gao", "LOC"));
        Assert.Contains(("attacked", "hayat", "gao", "active"), fired);
        var from = Triples(new ParsedDocument("Attacks from Chad against Mali resumed.",
                "attack NOUN 6 nsubj", "from ADP 3 case", "Chad PROPN 1 nmod", "against ADP 5 case", "Mali PROPN 1 nmod", "resume VERB 0 root", ". PUNCT 6 punct")
            .Mention("Chad", "LOC", "chad", "LOC").Mention("Mali", "LOC", "mali", "LOC"));
        Assert.Contains(("attacked", "chad", "mali", "nominal"), from);
    }

    [Fact]
    public void Defeated_Attacked()
    {
        var t = Triples(new ParsedDocument("The Malian army defeated Hayat.",
                "the DET 3 det", "Malian ADJ 3 amod", "army NOUN 4 nsubj", "defeat VERB 0 root", "Hayat PROPN 4 obj", ". PUNCT 4 punct")
            .Mention("Malian", "MISC", "mali", "LOC").Mention("Hayat", "ORG", "hayat", "ORG"));
        Assert.Contains(("attacked", "mali", "hayat", "active"), t);
    }

    // Sequence patterns read words and tags only: the parse below is flat on purpose.
    private static ParsedDocument Flat(string text, params string[] lemmaAndTag) =>
        new(text, lemmaAndTag.Select((x, i) => x + (i == 0 ? " 0 root" : " 1 dep")).ToArray());

    [Fact]
    public void CommaPlace_NotBeforeATitle_NorBeforeAPossessedOrganisation()
    {
        var title = Triples(Flat("Gao and Kidal, Malian Prime Minister Maiga said.",
                "Gao PROPN", "and CCONJ", "Kidal PROPN", ", PUNCT", "Malian ADJ", "Prime PROPN", "Minister PROPN", "Maiga PROPN", "say VERB", ". PUNCT")
            .Mention("Kidal", "LOC", "kidal", "LOC").Mention("Malian", "MISC", "mali", "LOC").Mention("Maiga", "PER", "maiga", "PER"));
        Assert.Empty(Types(title, "located_in"));
        var ministry = Triples(Flat("Allies in Sahel, Mali's Defence Ministry said.",
                "ally NOUN", "in ADP", "Sahel PROPN", ", PUNCT", "Mali PROPN", "'s PART", "Defence PROPN", "Ministry PROPN", "say VERB", ". PUNCT")
            .Mention("Sahel", "LOC", "sahel", "LOC").Mention("Mali", "LOC", "mali", "LOC"));
        Assert.Empty(Types(ministry, "located_in"));
        var city = Triples(Flat("They hit Gao, Mali's largest city.",
                "they PRON", "hit VERB", "Gao PROPN", ", PUNCT", "Mali PROPN", "'s PART", "large ADJ", "city NOUN", ". PUNCT")
            .Mention("Gao", "LOC", "gao", "LOC").Mention("Mali", "LOC", "mali", "LOC"));
        Assert.Contains(("located_in", "gao", "mali", "comma-possessive-place-words"), city);
    }

    [Fact]
    public void KindOfPlace_WithNounModifiers_AndRenamedInApposition()
    {
        var resort = Triples(Flat("Talks opened in Mali's lakeside resort town of Segou.",
                "talk NOUN", "open VERB", "in ADP", "Mali PROPN", "'s PART", "lakeside NOUN", "resort NOUN", "town NOUN", "of ADP", "Segou PROPN", ". PUNCT")
            .Mention("Mali", "LOC", "mali", "LOC").Mention("Segou", "LOC", "segou", "LOC"));
        Assert.Contains(("located_in", "segou", "mali", "kind-of-place-words"), resort);
        var renamed = Triples(Flat("They lost their main Malian stronghold, the northern city of Gao.",
                "they PRON", "lose VERB", "their PRON", "main ADJ", "Malian ADJ", "stronghold NOUN", ", PUNCT", "the DET", "northern ADJ", "city NOUN", "of ADP",
                "Gao PROPN", ". PUNCT")
            .Mention("Malian", "MISC", "mali", "LOC").Mention("Gao", "LOC", "gao", "LOC"));
        Assert.Contains(("located_in", "gao", "mali", "renamed-kind-of-place-words"), renamed);
    }

    [Fact]
    public void PlaceWithAdjectiveAndDash_LocatedIn()
    {
        var t = Triples(Flat("The Gao military base – located in eastern Mali – was hit.",
                "the DET", "Gao PROPN", "military ADJ", "base NOUN", "– PUNCT", "locate VERB", "in ADP", "eastern ADJ", "Mali PROPN", "– PUNCT", "be AUX", "hit VERB", ". PUNCT")
            .Mention("Gao", "LOC", "gao", "LOC").Mention("Mali", "LOC", "mali", "LOC"));
        Assert.Contains(("located_in", "gao", "mali", "in-place-words"), t);
    }

    [Fact]
    public void LedByAndUnder_Title_AffiliatedWith_ButNotAPlainUnder()
    {
        var led = Triples(Flat("The Government of Mali led by Prime Minister Maiga resigned.",
                "the DET", "Government PROPN", "of ADP", "Mali PROPN", "lead VERB", "by ADP", "Prime PROPN", "Minister PROPN", "Maiga PROPN", "resign VERB", ". PUNCT")
            .Mention("Government of Mali", "ORG", "gom", "ORG").Mention("Maiga", "PER", "maiga", "PER"));
        Assert.Contains(("affiliated_with", "maiga", "gom", "led-by-words"), led);
        var under = Triples(Flat("Forces of the Transition Council (TC) under President Goita advanced.",
                "force NOUN", "of ADP", "the DET", "Transition PROPN", "Council PROPN", "( PUNCT", "TC PROPN", ") PUNCT", "under ADP", "President PROPN", "Goita PROPN",
                "advance VERB", ". PUNCT")
            .Mention("Transition Council", "ORG", "tc", "ORG").Mention("TC", "ORG", "tc", "ORG").Mention("Goita", "PER", "goita", "PER"));
        Assert.Contains(("affiliated_with", "goita", "tc", "under-title-words"), under);
        var plain = Triples(Flat("The Transition Council under Goita advanced.",
                "the DET", "Transition PROPN", "Council PROPN", "under ADP", "Goita PROPN", "advance VERB", ". PUNCT")
            .Mention("Transition Council", "ORG", "tc", "ORG").Mention("Goita", "PER", "goita", "PER"));
        Assert.Empty(Types(plain, "affiliated_with"));
    }

    [Fact]
    public void MilitaryRankWithNationality_AffiliatedWith()
    {
        var t = Triples(Flat("Malian First Lieutenant Diarra spoke.",
                "Malian ADJ", "First PROPN", "Lieutenant PROPN", "Diarra PROPN", "speak VERB", ". PUNCT")
            .Mention("Malian", "MISC", "mali", "LOC").Mention("Diarra", "PER", "diarra", "PER"));
        Assert.Contains(("affiliated_with", "diarra", "mali", "title-words-before-name"), t);
    }

    [Fact]
    public void TitleBesideTheName_InAConjunct_IsThePerson()
    {
        // The parser hangs the name beside the title, not under it: the pair is the two people, not the nationality word.
        var t = Triples(new ParsedDocument("They held a call between Diarra and Chadian Defence Minister Deby.",
                "they PRON 2 nsubj", "hold VERB 0 root", "a DET 4 det", "call NOUN 2 obj", "between ADP 6 case", "Diarra PROPN 4 nmod", "and CCONJ 10 cc",
                "Chadian ADJ 10 amod", "Defence PROPN 10 compound", "Minister PROPN 6 conj", "Deby PROPN 6 conj", ". PUNCT 2 punct")
            .Mention("Diarra", "PER", "diarra", "PER").Mention("Chadian", "MISC", "chad", "LOC").Mention("Deby", "PER", "deby", "PER"));
        Assert.Equal(["deby>diarra"], Types(t, "held_talks_with").Select(p => string.Join('>', p.Split('>').Order())).ToArray());
    }

    [Fact]
    public void RetookFrom_AlsoAttackedTheFormerHolder()
    {
        var t = Triples(new ParsedDocument("The Malian army retook Kidal from Hayat.",
                "the DET 3 det", "Malian ADJ 3 amod", "army NOUN 4 nsubj", "retake VERB 0 root", "Kidal PROPN 4 obj", "from ADP 7 case", "Hayat PROPN 4 obl", ". PUNCT 4 punct")
            .Mention("Malian", "MISC", "mali", "LOC").Mention("Kidal", "LOC", "kidal", "LOC").Mention("Hayat", "ORG", "hayat", "ORG"));
        Assert.Contains(("attacked", "mali", "hayat", "taken-back-from"), t);
    }

    [Fact]
    public void MemberOfAForce_AndLeaderOfAPossessedOrganisation_AffiliatedWith()
    {
        var member = Triples(Flat("According to Diallo from the Malian army, mines were planted.",
                "accord VERB", "to ADP", "Diallo PROPN", "from ADP", "the DET", "Malian ADJ", "army NOUN", ", PUNCT", "mine NOUN", "be AUX", "plant VERB", ". PUNCT")
            .Mention("Diallo", "PER", "diallo", "PER").Mention("Malian", "MISC", "mali", "LOC"));
        Assert.Contains(("affiliated_with", "diallo", "mali", "member-of-force-words"), member);
        var leader = Triples(Flat("They killed Hamza, the leader of Mali's powerful Wagner Force.",
                "they PRON", "kill VERB", "Hamza PROPN", ", PUNCT", "the DET", "leader NOUN", "of ADP", "Mali PROPN", "'s PART", "powerful ADJ", "Wagner PROPN", "Force PROPN", ". PUNCT")
            .Mention("Hamza", "PER", "hamza", "PER").Mention("Mali", "LOC", "mali", "LOC").Mention("Wagner Force", "ORG", "wagner", "ORG"));
        Assert.Equal(["hamza>wagner"], Types(leader, "affiliated_with"));
    }

    [Fact]
    public void SaidItFiredTowards_AndDefeatedForcesOf_Attacked_WhenTheParseFails()
    {
        var fired = Triples(Flat("Chile said it fired tens of artillery rounds toward Peru.",
                "Chile PROPN", "say VERB", "it PRON", "fire VERB", "ten NOUN", "of ADP", "artillery NOUN", "round NOUN", "toward ADP", "Peru PROPN", ". PUNCT")
            .Mention("Chile", "LOC", "chile", "LOC").Mention("Peru", "LOC", "peru", "LOC"));
        Assert.Contains(("attacked", "chile", "peru", "fired-at-words"), fired);
        var forces = Triples(Flat("Hayat has defeated more than 1,000 forces of Diarra.",
                "Hayat PROPN", "have AUX", "defeat VERB", "more ADJ", "than ADP", "1,000 NUM", "force NOUN", "of ADP", "Diarra PROPN", ". PUNCT")
            .Mention("Hayat", "ORG", "hayat", "ORG").Mention("Diarra", "PER", "diarra", "PER"));
        Assert.Contains(("attacked", "hayat", "diarra", "force-of-words"), forces);
    }

    [Fact]
    public void TheRegion_WithNoPlaceNamedSo_IsTheNearestPlaceThatIsNotACountry()
    {
        var t = Triples(new ParsedDocument("Fighters entered Kidal in Mali. Chad condemned Hayat's seizure of the region.",
                "fighter NOUN 2 nsubj", "enter VERB 0 root", "Kidal PROPN 2 obj", "in ADP 5 case", "Mali PROPN 3 nmod", ". PUNCT 2 punct",
                "Chad PROPN 2 nsubj", "condemn VERB 0 root", "Hayat PROPN 5 nmod:poss", "'s PART 3 case", "seizure NOUN 2 obj", "of ADP 8 case", "the DET 8 det",
                "region NOUN 5 nmod", ". PUNCT 2 punct")
            .Mention("Kidal", "LOC", "kidal", "LOC").Mention("Mali", "LOC", "mali", "LOC").Mention("Chad", "LOC", "chad", "LOC").Mention("Hayat", "ORG", "hayat", "ORG"));
        Assert.Equal(["hayat>kidal"], Types(t, "captured"));
    }

    [Fact]
    public void ShotDown_ReadOffTheWords_WhenShotIsTaggedANoun()
    {
        var t = Triples(Flat("Chad shot down a Malian warplane.",
                "Chad PROPN", "shot NOUN", "down ADP", "a DET", "Malian ADJ", "warplane NOUN", ". PUNCT")
            .Mention("Chad", "LOC", "chad", "LOC").Mention("Malian", "MISC", "mali", "LOC"));
        Assert.Contains(("attacked", "chad", "mali", "shot-down-words"), t);
    }

    [Fact]
    public void SurvivedOrFledAnAttack_TheTargetIsWhoSurvived()
    {
        var t = Triples(new ParsedDocument("Diarra survived a Hayat attack.",
                "Diarra PROPN 2 nsubj", "survive VERB 0 root", "a DET 5 det", "Hayat PROPN 5 compound", "attack NOUN 2 obj", ". PUNCT 2 punct")
            .Mention("Diarra", "PER", "diarra", "PER").Mention("Hayat", "ORG", "hayat", "ORG"));
        Assert.Contains(("attacked", "hayat", "diarra", "survived-attack"), t);
        var launched = Triples(new ParsedDocument("Diarra launched a Hayat attack.",
                "Diarra PROPN 2 nsubj", "launch VERB 0 root", "a DET 5 det", "Hayat PROPN 5 compound", "attack NOUN 2 obj", ". PUNCT 2 punct")
            .Mention("Diarra", "PER", "diarra", "PER").Mention("Hayat", "ORG", "hayat", "ORG"));
        Assert.DoesNotContain(launched, x => x.Pattern == "survived-attack");
    }

    [Fact]
    public void StrikesThatKilled_WithTheClauseOnTheVerb_Attacked()
    {
        var t = Triples(new ParsedDocument("Chad launched a flurry of strikes that killed Hayat fighters.",
                "Chad PROPN 2 nsubj", "launch VERB 0 root", "a DET 4 det", "flurry NOUN 2 obj", "of ADP 6 case", "strike NOUN 4 nmod", "that SCONJ 8 mark",
                "kill VERB 2 ccomp", "Hayat PROPN 10 compound", "fighter NOUN 8 obj", ". PUNCT 2 punct")
            .Mention("Chad", "LOC", "chad", "LOC").Mention("Hayat", "ORG", "hayat", "ORG"));
        Assert.Contains(("attacked", "chad", "hayat", "strike-that-killed"), t);
    }

    [Fact]
    public void TheMilitarySaidIt_ItIsTheMilitarysCountry()
    {
        var t = Triples(new ParsedDocument("The Malian military said it killed Hayat fighters.",
                "the DET 3 det", "Malian ADJ 3 amod", "military NOUN 4 nsubj", "say VERB 0 root", "it PRON 6 nsubj", "kill VERB 4 ccomp", "Hayat PROPN 8 compound",
                "fighter NOUN 6 obj", ". PUNCT 4 punct")
            .Mention("Malian", "MISC", "mali", "LOC").Mention("Hayat", "ORG", "hayat", "ORG"));
        Assert.Contains(("attacked", "mali", "hayat", "active"), t);
        var farmers = Triples(new ParsedDocument("The Malian farmers said it killed Hayat fighters.",
                "the DET 3 det", "Malian ADJ 3 amod", "farmer NOUN 4 nsubj", "say VERB 0 root", "it PRON 6 nsubj", "kill VERB 4 ccomp", "Hayat PROPN 8 compound",
                "fighter NOUN 6 obj", ". PUNCT 4 punct")
            .Mention("Malian", "MISC", "mali", "LOC").Mention("Hayat", "ORG", "hayat", "ORG"));
        Assert.Empty(Types(farmers, "attacked"));
    }

    [Fact]
    public void TheExtremists_PickTheGroupCalledSo_OverANearerArmedParty()
    {
        var t = Triples(new ParsedDocument("Hayat militants seized Gao. Ansar fighters reached Mopti. The extremists attacked Kidal.",
                "Hayat PROPN 2 compound", "militant NOUN 3 nsubj", "seize VERB 0 root", "Gao PROPN 3 obj", ". PUNCT 3 punct",
                "Ansar PROPN 2 compound", "fighter NOUN 3 nsubj", "reach VERB 0 root", "Mopti PROPN 3 obj", ". PUNCT 3 punct",
                "the DET 2 det", "extremist NOUN 3 nsubj", "attack VERB 0 root", "Kidal PROPN 3 obj", ". PUNCT 3 punct")
            .Mention("Hayat", "ORG", "hayat", "ORG").Mention("Gao", "LOC", "gao", "LOC").Mention("Ansar", "ORG", "ansar", "ORG")
            .Mention("Mopti", "LOC", "mopti", "LOC").Mention("Kidal", "LOC", "kidal", "LOC"));
        Assert.Equal(["hayat>kidal"], Types(t, "attacked"));
    }

    [Fact]
    public void CoordinatedVerb_TakesTheSubjectOfTheFirst_WhenItHasNone()
    {
        var t = Triples(new ParsedDocument("Chad launched an operation and captured Gao.",
                "Chad PROPN 2 nsubj", "launch VERB 0 root", "an DET 4 det", "operation NOUN 2 obj", "and CCONJ 6 cc", "capture VERB 2 conj", "Gao PROPN 6 obj", ". PUNCT 2 punct")
            .Mention("Chad", "LOC", "chad", "LOC").Mention("Gao", "LOC", "gao", "LOC"));
        Assert.Contains(("captured", "chad", "gao", "active"), t);
        var own = Triples(new ParsedDocument("Chad launched an operation and Mali captured Gao.",
                "Chad PROPN 2 nsubj", "launch VERB 0 root", "an DET 4 det", "operation NOUN 2 obj", "and CCONJ 7 cc", "Mali PROPN 7 nsubj", "capture VERB 2 conj",
                "Gao PROPN 7 obj", ". PUNCT 2 punct")
            .Mention("Chad", "LOC", "chad", "LOC").Mention("Mali", "LOC", "mali", "LOC").Mention("Gao", "LOC", "gao", "LOC"));
        Assert.Equal(["mali>gao"], Types(own, "captured"));
    }

    [Fact]
    public void ApprovedAResolutionToSend_IsNotADeployment()
    {
        var t = Triples(new ParsedDocument("Parliament approved a resolution to send troops to Mali.",
                "Parliament PROPN 2 nsubj", "approve VERB 0 root", "a DET 4 det", "resolution NOUN 2 obj", "to PART 6 mark", "send VERB 2 advcl", "troop NOUN 6 obj",
                "to ADP 9 case", "Mali PROPN 6 obl", ". PUNCT 2 punct")
            .Mention("Parliament", "ORG", "parliament", "ORG").Mention("Mali", "LOC", "mali", "LOC"));
        Assert.Empty(Types(t, "deployed_to"));
    }

    [Fact]
    public void GroupRunPlace_Captured_ButNotAGroupRunAgency()
    {
        var t = Triples(Flat("The Hayat-run Kidal was calm.",
                "the DET", "Hayat PROPN", "- PUNCT", "run VERB", "Kidal PROPN", "be AUX", "calm ADJ", ". PUNCT")
            .Mention("Hayat", "ORG", "hayat", "ORG").Mention("Kidal", "LOC", "kidal", "LOC"));
        Assert.Contains(("captured", "hayat", "kidal", "run-place-words"), t);
        var agency = Triples(Flat("The Hayat-run Saba news agency said so.",
                "the DET", "Hayat PROPN", "- PUNCT", "run VERB", "Saba PROPN", "news NOUN", "agency NOUN", "say VERB", "so ADV", ". PUNCT")
            .Mention("Hayat", "ORG", "hayat", "ORG").Mention("Saba", "ORG", "saba", "ORG"));
        Assert.Empty(Types(agency, "captured"));
    }

    [Fact]
    public void KilledFollowingAWaveOfStrikes_TheStrikesModifierAttacked()
    {
        var t = Triples(new ParsedDocument("Diarra was killed following a wave of Chadian airstrikes.",
                "Diarra PROPN 3 nsubj:pass", "be AUX 3 aux:pass", "kill VERB 0 root", "follow VERB 6 case", "a DET 6 det", "wave NOUN 3 obl", "of ADP 9 case",
                "Chadian ADJ 9 amod", "airstrike NOUN 6 nmod", ". PUNCT 3 punct")
            .Mention("Diarra", "PER", "diarra", "PER").Mention("Chadian", "MISC", "chad", "LOC"));
        Assert.Contains(("attacked", "chad", "diarra", "killed-in-strike"), t);
    }

    [Fact]
    public void ArrivedAtATownsBase_DeployedToTheTown_ButACountrysBaseIsNotTheCountry()
    {
        var t = Triples(new ParsedDocument("Chadian troops arrived at Gao military base.",
                "Chadian ADJ 2 amod", "troop NOUN 3 nsubj", "arrive VERB 0 root", "at ADP 7 case", "Gao PROPN 7 compound", "military ADJ 7 amod", "base NOUN 3 obl",
                ". PUNCT 3 punct")
            .Mention("Chadian", "MISC", "chad", "LOC").Mention("Gao", "LOC", "gao", "LOC"));
        Assert.Contains(("deployed_to", "chad", "gao", "force-entered"), t);
        var country = Triples(new ParsedDocument("Chadian troops arrived at a Mali base.",
                "Chadian ADJ 2 amod", "troop NOUN 3 nsubj", "arrive VERB 0 root", "at ADP 7 case", "a DET 7 det", "Mali PROPN 7 compound", "base NOUN 3 obl",
                ". PUNCT 3 punct")
            .Mention("Chadian", "MISC", "chad", "LOC").Mention("Mali", "LOC", "mali", "LOC"));
        Assert.Empty(Types(country, "deployed_to"));
    }

    [Fact]
    public void WhoWasTheTargetOfAStrike_ReadOffTheWords()
    {
        var t = Triples(Flat("They confirmed the death of Diarra, who was the target of a Chadian airstrike Monday.",
                "they PRON", "confirm VERB", "the DET", "death NOUN", "of ADP", "Diarra PROPN", ", PUNCT", "who PRON", "be AUX", "the DET", "target NOUN", "of ADP",
                "a DET", "Chadian ADJ", "airstrike NOUN", "Monday PROPN", ". PUNCT")
            .Mention("Diarra", "PER", "diarra", "PER").Mention("Chadian", "MISC", "chad", "LOC"));
        Assert.Contains(("attacked", "chad", "diarra", "target-of-words"), t);
    }

    [Fact]
    public void AttackInTheCityOf_TheTownIsTheTarget()
    {
        var t = Triples(new ParsedDocument("Hayat carried out an attack in the city of Gao.",
                "Hayat PROPN 2 nsubj", "carry VERB 0 root", "out ADP 2 compound:prt", "an DET 5 det", "attack NOUN 2 obj", "in ADP 8 case", "the DET 8 det",
                "city NOUN 5 nmod", "of ADP 10 case", "Gao PROPN 8 nmod", ". PUNCT 2 punct")
            .Mention("Hayat", "ORG", "hayat", "ORG").Mention("Gao", "LOC", "gao", "LOC"));
        Assert.Contains(("attacked", "hayat", "gao", "attack-in-place"), t);
    }

    [Fact]
    public void LaunchedAShellTowardA_ReadOffTheWords()
    {
        var t = Triples(Flat("Chile launched a shell toward a Peruvian post.",
                "Chile PROPN", "launch VERB", "a DET", "shell NOUN", "toward ADP", "a DET", "Peruvian ADJ", "post NOUN", ". PUNCT")
            .Mention("Chile", "LOC", "chile", "LOC").Mention("Peruvian", "MISC", "peru", "LOC"));
        Assert.Contains(("attacked", "chile", "peru", "fired-at-words"), t);
    }

    [Fact]
    public void DeployedAtACountrysBaseIn_DeployedTo()
    {
        var t = Triples(new ParsedDocument("The system was deployed at a Chadian base in Mali.",
                "the DET 2 det", "system NOUN 4 nsubj:pass", "be AUX 4 aux:pass", "deploy VERB 0 root", "at ADP 8 case", "a DET 8 det", "Chadian ADJ 8 amod",
                "base NOUN 4 obl", "in ADP 10 case", "Mali PROPN 8 nmod", ". PUNCT 4 punct")
            .Mention("Chadian", "MISC", "chad", "LOC").Mention("Mali", "LOC", "mali", "LOC"));
        Assert.Contains(("deployed_to", "chad", "mali", "deployed-at-base"), t);
    }

    [Fact]
    public void LeaderOfAnXLedForce_IsTheActor_ButNotTheBackerOfAnXBackedOne()
    {
        var led = Triples(new ParsedDocument("The Ruritanian-led coalition bombed Strelsau.",
                "the DET 5 det", "Ruritanian ADJ 4 compound", "- PUNCT 2 punct", "lead VERB 5 amod", "coalition NOUN 6 nsubj", "bomb VERB 0 root",
                "Strelsau PROPN 6 obj", ". PUNCT 6 punct")
            .Mention("Ruritanian", "MISC", "ruritania", "LOC").Mention("Strelsau", "LOC", "strelsau", "LOC"));
        Assert.Equal(["ruritania>strelsau"], Types(led, "attacked"));
        var backed = Triples(new ParsedDocument("The Ruritanian-backed coalition bombed Strelsau.",
                "the DET 5 det", "Ruritanian ADJ 4 compound", "- PUNCT 2 punct", "back VERB 5 amod", "coalition NOUN 6 nsubj", "bomb VERB 0 root",
                "Strelsau PROPN 6 obj", ". PUNCT 6 punct")
            .Mention("Ruritanian", "MISC", "ruritania", "LOC").Mention("Strelsau", "LOC", "strelsau", "LOC"));
        Assert.Empty(Types(backed, "attacked"));
    }

    [Fact]
    public void NamesJoinedByList_AreCoordinatedParties()
    {
        // The parser joins the middle names of "A, B, C and D" to the first with "list" as often as with "conj".
        var t = Triples(new ParsedDocument("Rassendyll, Firefly, Berg and Petrov held talks.",
                "Rassendyll PROPN 8 nsubj", ", PUNCT 3 punct", "Firefly PROPN 1 list", ", PUNCT 5 punct", "Berg PROPN 1 list", "and CCONJ 7 cc",
                "Petrov PROPN 1 conj", "hold VERB 0 root", "talk NOUN 8 obj", ". PUNCT 8 punct")
            .Mention("Rassendyll", "PER", "rassendyll", "PER").Mention("Firefly", "PER", "firefly", "PER")
            .Mention("Berg", "PER", "berg", "PER").Mention("Petrov", "PER", "petrov", "PER"));
        string[] pairs = [.. t.Where(x => x.Type == "held_talks_with")
            .Select(x => string.CompareOrdinal(x.Subject, x.Object) < 0 ? x.Subject + "+" + x.Object : x.Object + "+" + x.Subject).Distinct().Order()];
        Assert.Equal(["berg+firefly", "berg+petrov", "berg+rassendyll", "firefly+petrov", "firefly+rassendyll", "petrov+rassendyll"], pairs);
    }
}
