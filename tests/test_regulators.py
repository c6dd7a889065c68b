"""Regulators, regulations and the kinds they govern read by their shape, in domains the tuning sets lack (trades, care,
law, hospitality, public sector; issue #14). Every sentence was written for these tests; the bodies named in them are
real, most of them in no lexicon."""

from __future__ import annotations

from tests.test_extract import facts_of


def labels(facts, kind: str) -> set[str]:
    return {label for f in facts if f.kind == kind for label in (f.object, *f.alt)}


def lowered(facts, kind: str) -> set[str]:
    return {label.lower() for label in labels(facts, kind)}


# ---------------------------------------------------------------- regulators, English

def test_bodies_named_by_capitals_as_agents_of_licensing_en(tmp_path):
    body = ("In New South Wales the contractor licence is issued by NSW Fair Trading. Plumbers must be registered with "
            "Water Safety Tasmania. In Victoria, Energy Safe Victoria licenses electricians.")
    regulators = labels(facts_of(tmp_path, "Electrician", body, "en"), "regulator")
    assert {"NSW Fair Trading", "Water Safety Tasmania", "Energy Safe Victoria"} <= regulators


def test_a_body_that_oversees_or_keeps_a_register_en(tmp_path):
    body = ("The Legal Services Board oversees the approved regulators. In Wales the Care Inspectorate Wales inspects "
            "nurseries. The register is run by Capita on behalf of the regulator. Ask whether your employer follows a code "
            "of practice such as the one run by the Hospitality Standards Association (HSA).")
    facts = facts_of(tmp_path, "Nursery Nurse", body, "en")
    assert {"Legal Services Board", "Care Inspectorate Wales", "Capita", "HSA"} <= labels(facts, "regulator")
    assert "Wales the Care Inspectorate Wales" not in labels(facts, "regulator")
    assert "code of practice" in lowered(facts, "regulation")


def test_an_acronym_whose_long_name_is_a_law_is_no_regulator_en(tmp_path):
    body = ("Operators must be approved by the Civil Aviation Authority, and in the EU the Drone Operations Directive (DOD) "
            "sets limits. The Authority's Remote Pilot Requirements (RPR) apply to commercial pilots.")
    facts = facts_of(tmp_path, "Drone Pilot", body, "en")
    assert not {"DOD", "RPR"} & labels(facts, "regulator")
    assert "DOD" in labels(facts, "regulation")


def test_a_body_named_by_what_it_issues_stays_out_en(tmp_path):
    body = "The course is certified by City Skills Group and accredited by Trade Training Partners."
    assert not labels(facts_of(tmp_path, "Plumber", body, "en"), "regulator")


# ---------------------------------------------------------------- regulations, English

def test_laws_with_a_bracket_in_the_title_and_a_bodys_rules_en(tmp_path):
    body = ("Landlords must follow the Gas Safety (Installation and Use) Regulations 1998. Firms that hold client money "
            "must follow the SRA Accounts Rules. The Senior Managers and Certification Regime (SM&CR) applies to banks.")
    regulations = labels(facts_of(tmp_path, "Gas Engineer", body, "en"), "regulation")
    assert {"Gas Safety (Installation and Use) Regulations 1998", "SRA Accounts Rules", "SM&CR"} <= regulations


def test_a_rule_number_or_a_titled_rule_is_no_acts_end_en(tmp_path):
    body = "Brokers follow FINRA Rule 2111 and the SEC's Regulation Best Interest."
    regulations = labels(facts_of(tmp_path, "Broker", body, "en"), "regulation")
    assert "Regulation Best Interest" in regulations
    assert not {"FINRA Rule", "SEC's Regulation"} & regulations


def test_exams_codes_and_bare_heads_en(tmp_path):
    body = ("You must pass its registration exams and the Capstone Assessment. Members follow a Code of Ethics. "
            "Contractors must hold a separate contractor licence. The licence is renewed every year.")
    regulations = lowered(facts_of(tmp_path, "Electrician", body, "en"), "regulation")
    assert {"registration exams", "capstone assessment", "code of ethics", "contractor licence"} <= regulations
    assert not {"licence", "separate contractor licence"} & regulations


# ---------------------------------------------------------------- regulated entities, English

def test_kinds_a_regulator_or_a_rule_governs_en(tmp_path):
    body = ("Opticians must be registered with the General Optical Council (GOC), the regulator for optometrists, "
            "dispensing opticians and optical businesses.\n\n"
            "Under the Licensing Act 2003, pubs and clubs also need a premises licence. Those working for them need "
            "a personal licence.\n\n"
            "The Childcare Act 2006 sets licensing requirements for childminders, and nurseries must be registered.")
    facts = facts_of(tmp_path, "Optician", body, "en")
    assert {"optometrist", "optical business"} <= lowered(facts, "supervises")
    governed = lowered(facts, "applies_to")
    assert {"pubs", "clubs", "childminders", "nurseries"} <= governed
    assert not {"those", "those working for them"} & governed  # people, no kind


# ---------------------------------------------------------------- Italian

def test_offices_that_license_or_check_it(tmp_path):
    body = ("Le agenzie operano con licenza della Questura. I controlli sono svolti dalle ASL e dai Carabinieri del NAS. "
            "Bisogna presentare la SCIA allo Sportello Unico per l'Edilizia (SUE) e iscriversi alla Camera di commercio. "
            "La vigilanza è della Consob.")
    regulators = labels(facts_of(tmp_path, "Agente di viaggio", body, "it"), "regulator")
    assert {"Questura", "ASL", "NAS", "SUE", "Camera di commercio", "Consob"} <= regulators


def test_a_course_recognised_by_the_region_names_no_regulator_it(tmp_path):
    body = "Serve un corso di formazione riconosciuto dalla Regione."
    assert "Regione" not in labels(facts_of(tmp_path, "Estetista", body, "it"), "regulator")


def test_regulations_by_shape_it(tmp_path):
    body = ("Superato l'esame ci si iscrive all'albo. Gli architetti devono stipulare una polizza di responsabilità civile "
            "professionale. Servono il regolamento DORA, il Codice in materia di protezione dei dati personali, l'IFRS 16 e "
            "la legge di bilancio 2025. I bar devono rispettare i regolamenti comunali sull'igiene. La legge 28 dicembre "
            "2015, n. 208 (legge di stabilità 2016) cambia il nome. La direttiva IDD (2016/97/UE) è recepita.")
    regulations = labels(facts_of(tmp_path, "Architetto", body, "it"), "regulation")
    assert {"iscrizione all'albo", "polizza di responsabilità civile professionale", "regolamento DORA",
            "Codice in materia di protezione dei dati personali", "IFRS 16", "legge di bilancio 2025",
            "regolamenti comunali sull'igiene", "IDD"} <= regulations
    assert not {"legge di stabilità 2016", "direttiva IDD"} & regulations


def test_a_policy_is_a_regulation_only_when_the_law_requires_it_it(tmp_path):
    listed = "Il candidato deve:\n\n- possedere il diploma;\n- stipulare una polizza di responsabilità civile professionale;\n"
    assert "polizza di responsabilità civile professionale" in labels(facts_of(tmp_path, "Broker", listed, "it"), "regulation")
    sold = "Il broker aiuta il cliente a stipulare una polizza incendio."
    assert not labels(facts_of(tmp_path, "Broker", sold, "it"), "regulation")


def test_a_person_on_the_register_is_no_registration_it(tmp_path):
    body = "Il tirocinio si svolge presso un consulente iscritto all'albo da almeno due anni."
    assert "iscrizione all'albo" not in labels(facts_of(tmp_path, "Consulente del lavoro", body, "it"), "regulation")


def test_kinds_bound_by_an_obligation_it(tmp_path):
    body = ("Secondo il D.Lgs. 81/2008 le imprese edili sono tenute a redigere il piano di sicurezza. Il decreto si applica "
            "a tutti i datori di lavoro e impone la formazione sulla sicurezza.")
    bound = lowered(facts_of(tmp_path, "Muratore", body, "it"), "applies_to")
    assert {"imprese edili", "datori di lavoro"} <= bound
    assert not any(label.startswith("impone") for label in bound)


def test_the_local_council_that_licenses_and_permits_by_their_issuer_en(tmp_path):
    body = ("Takeaways must register with their local authority before they open, and venues need a premises licence from "
            "the local council. A CSCS card is required on most sites; an annual gas safety check is a legal requirement. "
            "You need a GCSE certificate in maths.")
    facts = facts_of(tmp_path, "Kitchen Porter", body, "en")
    assert {"local authority", "local council"} <= labels(facts, "regulator")
    regulations = lowered(facts, "regulation")
    assert {"cscs card", "annual gas safety check"} <= regulations
    assert not any("gcse" in label for label in regulations)


def test_kinds_a_rule_is_compulsory_for_it(tmp_path):
    body = ("Il D.Lgs. 81/2008 riguarda le imprese edili. Il DVR è obbligatorio per tutti i datori di lavoro. La norma "
            "riguarda la sicurezza dei cantieri.")
    bound = lowered(facts_of(tmp_path, "Muratore", body, "it"), "applies_to")
    assert {"imprese edili", "datori di lavoro"} <= bound
    assert not any("sicurezza" in label for label in bound)
