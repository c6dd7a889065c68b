"""Bodies, acts and compulsory insurance read by the shape of their names (issue #14, branch regs, session 14): a body
noun and an acronym whose first letter is the name's, Italian bodies named by a head and lower-case words, regional laws
and acts with a short name before their number. Every sentence was written for these tests."""

from __future__ import annotations

from tests.test_extract import facts_of


def labels(facts, kind: str) -> set[str]:
    return {label for f in facts if f.kind == kind for label in (f.object, *f.alt)}


def objects(facts, kind: str) -> set[str]:
    return {f.object for f in facts if f.kind == kind}


# ---------------------------------------------------------------- English bodies with their acronym

def test_a_body_noun_and_its_acronym_en(tmp_path):
    body = ("Most keepers follow the guidance of the Irish Beekeepers Association (IBA). Landscape Professionals "
            "International (LPI) sets the standard for the trade. The Guild of Master Thatchers (GMT) vets new members. "
            "Outside Ireland the NAFB (National Alliance of Farm Beekeepers) publishes a code. Hives are inspected by the "
            "Kerry Board of Apiary Inspectors (BAI).")
    facts = facts_of(tmp_path, "Beekeeper", body, "en")
    assert {"IBA", "LPI", "GMT", "NAFB", "BAI"} <= objects(facts, "regulator")
    assert {"Irish Beekeepers Association", "Landscape Professionals International",
            "National Alliance of Farm Beekeepers"} <= labels(facts, "regulator")


def test_no_body_when_the_name_is_a_credential_a_register_or_another_letter_en(tmp_path):
    body = ("She holds the Certified Hive Inspector (CHI) credential and belongs to the American Institute of Certified "
            "Apiarists (AICA). Every apiary is listed on the National Register of Apiaries (NRA). The Bee Health Society "
            "(UK) runs courses.")
    regulators = objects(facts_of(tmp_path, "Beekeeper", body, "en"), "regulator")
    assert not {"CHI", "AICA", "NRA", "UK"} & regulators


def test_liability_insurance_and_a_registration_by_its_issuer_en(tmp_path):
    body = ("Before the first walk you need public liability insurance. Pilots of larger drones also need a CAA "
            "registration. Requirements: - employers' liability and professional indemnity insurance")
    regulations = objects(facts_of(tmp_path, "Dog Walker", body, "en"), "regulation")
    assert {"public liability insurance", "CAA registration", "professional indemnity insurance"} <= regulations


# ---------------------------------------------------------------- Italian bodies

def test_a_body_noun_and_its_acronym_it(tmp_path):
    body = ("I boschi sono controllati dal Corpo forestale regionale (CFR). La categoria è rappresentata dall'ANGA "
            "(Associazione Nazionale Guide Alpine). Le sanzioni spettano alle Commissioni tecniche provinciali di "
            "vigilanza (Co.Te.P.). La Cassa Nazionale di Previdenza delle Guide (CNPG) gestisce le pensioni.")
    facts = facts_of(tmp_path, "Guida alpina", body, "it")
    assert {"CFR", "ANGA", "Co.Te.P"} <= objects(facts, "regulator")
    assert "Associazione Nazionale Guide Alpine" in labels(facts, "regulator")
    assert "CNPG" not in objects(facts, "regulator")


def test_an_acronym_is_the_body_named_after_the_comma_it(tmp_path):
    body = ("Serve l'iscrizione all'Ordine provinciale dei veterinari, coordinato dalla Federazione Nazionale degli "
            "Ordini dei Veterinari Italiani (FNOVI).")
    facts = facts_of(tmp_path, "Veterinario", body, "it")
    assert "Federazione Nazionale degli Ordini dei Veterinari Italiani" in labels(facts, "regulator")
    assert not any(label.startswith("Ordine provinciale dei veterinari,") for label in labels(facts, "regulator"))


def test_a_body_by_its_head_and_lower_case_words_it(tmp_path):
    body = ("Il patentino è rilasciato dal Collegio provinciale delle guide di montagna del Cadore. Le domande passano "
            "dall'Ufficio tecnico regionale. In caso di violazioni decide il Consiglio di disciplina nazionale. Secondo il "
            "Collegio provinciale, i compensi crescono. L'Ordine verifica i crediti.")
    regulators = objects(facts_of(tmp_path, "Guida alpina", body, "it"), "regulator")
    assert {"Collegio provinciale delle guide di montagna del Cadore", "Ufficio tecnico regionale",
            "Consiglio di disciplina nazionale"} <= regulators
    assert not {"Collegio provinciale", "Ordine"} & regulators


def test_advice_that_opens_a_sentence_is_no_council_it(tmp_path):
    body = "Consiglio di leggere il bando con attenzione prima di iscriversi."
    assert not objects(facts_of(tmp_path, "Guida alpina", body, "it"), "regulator")


# ---------------------------------------------------------------- Italian acts and insurance

def test_regional_laws_and_acts_with_a_short_name_it(tmp_path):
    body = ("Il rifugio rispetta la Direttiva Habitat 92/43/CEE e la legge regionale 16/2004. In Toscana vale la L.R. "
            "Toscana 3 gennaio 2005, n. 1. Il cantiere segue il Piano di sicurezza e coordinamento (PSC).")
    facts = facts_of(tmp_path, "Gestore di rifugio", body, "it")
    assert {"Direttiva Habitat 92/43/CEE", "legge regionale 16/2004", "L.R. Toscana 3 gennaio 2005, n. 1",
            "PSC"} <= objects(facts, "regulation")
    assert "Piano di sicurezza e coordinamento" in labels(facts, "regulation")


def test_liability_insurance_the_law_imposes_not_the_policies_sold_it(tmp_path):
    body = "La legge impone l'assicurazione di responsabilità civile verso terzi."
    assert "assicurazione di responsabilità civile verso terzi" in objects(facts_of(tmp_path, "Guida alpina", body, "it"),
                                                                           "regulation")
    sold = "L'agente vende polizze di responsabilità civile alle imprese del territorio."
    assert not objects(facts_of(tmp_path, "Agente assicurativo", sold, "it"), "regulation")


def test_each_body_of_a_list_after_one_licensing_phrase_en(tmp_path):
    body = ("In the islands you must register separately with the Orkney Boatmen Council, Shetland Marine Safety or the "
            "Western Isles Harbour Board. Crane cards come from an accredited body: CPCS, NPORS or ALLMI.")
    regulators = objects(facts_of(tmp_path, "Boat Skipper", body, "en"), "regulator")
    assert {"Orkney Boatmen Council", "Shetland Marine Safety", "Western Isles Harbour Board", "CPCS", "NPORS",
            "ALLMI"} <= regulators


# ---------------------------------------------------------------- kinds a rule binds, named with "subject to"

def test_a_kind_subject_to_a_named_rule(tmp_path):
    body = "Every bakery is a food business subject to the Food Safety Act 1990. The post is subject to the approval of HR."
    entities = {f.object for f in facts_of(tmp_path, "Baker", body, "en") if f.kind == "applies_to"}
    assert "food business" in entities
    assert not any("post" in e or "approval" in e for e in entities)
    body = ("Ogni laboratorio è un'impresa alimentare soggetta al Regolamento (CE) 852/2004. Il negozio è un'attività "
            "soggetta ai controlli dell'ASL.")
    entities = {f.object for f in facts_of(tmp_path, "Panettiere", body, "it") if f.kind == "applies_to"}
    assert "impresa alimentare" in entities
    assert "attività" not in entities


def test_a_local_agency_with_its_territory_and_the_region_that_recognises_it(tmp_path):
    body = ("Le ispezioni sono svolte dall'ATS della Città Metropolitana di Brescia. Il bar segue le linee guida dell'ASL "
            "Città di Genova. Per i titoli esteri serve il riconoscimento del diploma da parte di Regione Liguria. Il "
            "laboratorio è accreditato con Regione Umbria. Le scuole devono essere autorizzate dalla Provincia autonoma "
            "di Bolzano.")
    regulators = objects(facts_of(tmp_path, "Barista", body, "it"), "regulator")
    assert {"ATS della Città Metropolitana di Brescia", "ASL Città di Genova", "Regione Liguria", "Regione Umbria",
            "Provincia autonoma di Bolzano"} <= regulators


def test_a_local_office_that_issues_a_permit_and_a_head_that_ends_its_word_en(tmp_path):
    body = ("Fireworks displays need permits from the local fire marshal. A kennel needs a licence under the Animal "
            "Welfare Act from the responsible veterinary office. Records are regulated by the Office of the Island "
            "Data Commissioner (OIDC).")
    regulators = labels(facts_of(tmp_path, "Event Planner", body, "en"), "regulator")
    assert {"local fire marshal", "responsible veterinary office", "OIDC"} <= regulators
    assert "Office of the Island Data Commission" not in regulators


def test_kinds_named_first_whose_work_a_named_rule_governs_en(tmp_path):
    body = ("In hospitals the Clinical Governance Standards apply, and in banks and insurers the work is shaped by the "
            "Island Governance Code. In London the Mayor sets the rules.")
    entities = {label for f in facts_of(tmp_path, "Auditor", body, "en") if f.kind == "applies_to" for label in (f.object, *f.alt)}
    assert {"banks", "insurers", "hospitals"} <= entities
    assert not any("london" in e.lower() or "mayor" in e.lower() for e in entities)
