"""Bodies, acts, compulsory insurance and the kinds a rule binds, read by the shape of their names (issue #14, branch
regs, session 14): a body noun and an acronym whose first letter is the name's, a list of bodies after one licensing
phrase, Italian bodies named by a head and lower-case words, a local agency with its territory, regional laws and acts
with a short name before their number. Every sentence was written for these tests; labels are compared lower-cased,
alternatives included (tests/test_sectors_credentials.py `check`)."""

from __future__ import annotations

import pytest

from tests.test_sectors_credentials import Case, check

CASES = {
    # ------------------------------------------------------------ English bodies
    "a_body_noun_and_its_acronym_en": Case(
        "Beekeeper", "en", "regulator",
        "Most keepers follow the guidance of the Irish Beekeepers Association (IBA). Landscape Professionals "
        "International (LPI) sets the standard for the trade. The Guild of Master Thatchers (GMT) vets new members. "
        "Outside Ireland the NAFB (National Alliance of Farm Beekeepers) publishes a code. Hives are inspected by the "
        "Kerry Board of Apiary Inspectors (BAI).",
        frozenset({"iba", "irish beekeepers association", "lpi", "landscape professionals international", "gmt", "nafb",
                   "national alliance of farm beekeepers", "bai"})),
    "no_body_from_a_credential_a_register_or_another_letter_en": Case(
        "Beekeeper", "en", "regulator",
        "She holds the Certified Hive Inspector (CHI) credential and belongs to the American Institute of Certified "
        "Apiarists (AICA). Every apiary is listed on the National Register of Apiaries (NRA). The Bee Health Society (UK) "
        "runs courses.",
        absent=frozenset({"chi", "aica", "nra", "uk"})),
    "each_body_of_a_list_after_one_licensing_phrase_en": Case(
        "Boat Skipper", "en", "regulator",
        "In the islands you must register separately with the Orkney Boatmen Council, Shetland Marine Safety or the "
        "Western Isles Harbour Board. Crane cards come from an accredited body: CPCS, NPORS or ALLMI.",
        frozenset({"orkney boatmen council", "shetland marine safety", "western isles harbour board", "cpcs", "npors",
                   "allmi"})),
    "a_local_office_that_issues_a_permit_and_a_head_that_ends_its_word_en": Case(
        "Event Planner", "en", "regulator",
        "Fireworks displays need permits from the local fire marshal. A kennel needs a licence under the Animal Welfare "
        "Act from the responsible veterinary office. Records are regulated by the Office of the Island Data "
        "Commissioner (OIDC).",
        frozenset({"local fire marshal", "responsible veterinary office", "oidc"}),
        frozenset({"office of the island data commission"})),
    # ------------------------------------------------------------ English regulations and kinds bound
    "liability_insurance_and_a_registration_by_its_issuer_en": Case(
        "Dog Walker", "en", "regulation",
        "Before the first walk you need public liability insurance. Pilots of larger drones also need a CAA "
        "registration. Requirements: - employers' liability and professional indemnity insurance",
        frozenset({"public liability insurance", "caa registration", "professional indemnity insurance"})),
    "an_issuers_acronym_opens_a_test_or_a_registration_en": Case(
        "Courier", "en", "regulation",
        "Every new courier must pass a DOT pre-employment drug test. Vets need their own DEA registration. The depot "
        "holds a wholesale distribution authorisation and works to EU Good Distribution Practice (GDP); trials follow "
        "Good Clinical Practice. It is good practice to label boxes.",
        frozenset({"dot pre-employment drug test", "dea registration", "wholesale distribution authorisation", "gdp",
                   "eu good distribution practice", "good clinical practice"}), absent_parts=("label boxes",)),
    "a_kind_subject_to_a_named_rule_en": Case(
        "Baker", "en", "applies_to",
        "Every bakery is a food business subject to the Food Safety Act 1990. The post is subject to the approval of HR.",
        frozenset({"food business"}), absent_parts=("post", "approval")),
    "kinds_named_first_whose_work_a_named_rule_governs_en": Case(
        "Auditor", "en", "applies_to",
        "In hospitals the Clinical Governance Standards apply, and in banks and insurers the work is shaped by the "
        "Island Governance Code. In London the Mayor sets the rules.",
        frozenset({"banks", "insurers", "hospitals"}), absent_parts=("london", "mayor")),
    # ------------------------------------------------------------ Italian bodies
    "a_body_noun_and_its_acronym_it": Case(
        "Guida alpina", "it", "regulator",
        "I boschi sono controllati dal Corpo forestale regionale (CFR). La categoria è rappresentata dall'ANGA "
        "(Associazione Nazionale Guide Alpine). Le sanzioni spettano alle Commissioni tecniche provinciali di vigilanza "
        "(Co.Te.P.). La Cassa Nazionale di Previdenza delle Guide (CNPG) gestisce le pensioni.",
        frozenset({"cfr", "anga", "associazione nazionale guide alpine", "co.te.p"}), frozenset({"cnpg"})),
    "an_acronym_is_the_body_named_after_the_comma_it": Case(
        "Veterinario", "it", "regulator",
        "Serve l'iscrizione all'Ordine provinciale dei veterinari, coordinato dalla Federazione Nazionale degli Ordini "
        "dei Veterinari Italiani (FNOVI).",
        frozenset({"federazione nazionale degli ordini dei veterinari italiani"}),
        absent_parts=("veterinari, coordinato",)),
    "a_body_by_its_head_and_lower_case_words_it": Case(
        "Guida alpina", "it", "regulator",
        "Il patentino è rilasciato dal Collegio provinciale delle guide di montagna del Cadore. Le domande passano "
        "dall'Ufficio tecnico regionale. In caso di violazioni decide il Consiglio di disciplina nazionale. Secondo il "
        "Collegio provinciale, i compensi crescono. L'Ordine verifica i crediti.",
        frozenset({"collegio provinciale delle guide di montagna del cadore", "ufficio tecnico regionale",
                   "consiglio di disciplina nazionale"}), frozenset({"collegio provinciale", "ordine"})),
    "advice_that_opens_a_sentence_is_no_council_it": Case(
        "Guida alpina", "it", "regulator", "Consiglio di leggere il bando con attenzione prima di iscriversi.",
        absent_parts=("consiglio",)),
    "a_local_agency_with_its_territory_and_the_region_that_recognises_it": Case(
        "Barista", "it", "regulator",
        "Le ispezioni sono svolte dall'ATS della Città Metropolitana di Brescia. Il bar segue le linee guida dell'ASL "
        "Città di Genova. Per i titoli esteri serve il riconoscimento del diploma da parte di Regione Liguria. Il "
        "laboratorio è accreditato con Regione Umbria. Le scuole devono essere autorizzate dalla Provincia autonoma di "
        "Bolzano. Il corso è tenuto da un ente accreditato dalla Regione.",
        frozenset({"ats della città metropolitana di brescia", "asl città di genova", "regione liguria", "regione umbria",
                   "provincia autonoma di bolzano"}), frozenset({"regione"})),
    # ------------------------------------------------------------ Italian acts, insurance and kinds bound
    "regional_laws_and_acts_with_a_short_name_it": Case(
        "Gestore di rifugio", "it", "regulation",
        "Il rifugio rispetta la Direttiva Habitat 92/43/CEE e la legge regionale 16/2004. In Toscana vale la L.R. Toscana "
        "3 gennaio 2005, n. 1. Il cantiere segue il Piano di sicurezza e coordinamento (PSC).",
        frozenset({"direttiva habitat 92/43/cee", "legge regionale 16/2004", "l.r. toscana 3 gennaio 2005, n. 1", "psc",
                   "piano di sicurezza e coordinamento"})),
    "liability_insurance_the_law_imposes_it": Case(
        "Guida alpina", "it", "regulation", "La legge impone l'assicurazione di responsabilità civile verso terzi.",
        frozenset({"assicurazione di responsabilità civile verso terzi"})),
    "not_the_policies_an_agent_sells_it": Case(
        "Agente assicurativo", "it", "regulation",
        "L'agente vende polizze di responsabilità civile alle imprese del territorio.",
        absent_parts=("responsabilità civile",)),
    "a_kind_subject_to_a_named_rule_it": Case(
        "Panettiere", "it", "applies_to",
        "Ogni laboratorio è un'impresa alimentare soggetta al Regolamento (CE) 852/2004. Il negozio è un'attività "
        "soggetta ai controlli dell'ASL.",
        frozenset({"impresa alimentare"}), frozenset({"attività"})),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_case(tmp_path, name):
    check(tmp_path, CASES[name])
