"""Phrasings that unseen articles use and the first rules missed: nominal duty lists, "the job is to",
examples after "such as", short skill pairs, employer lists, gazetteer places. Sentences written for these tests."""

from __future__ import annotations

import pytest
import yaml

from kg.language.titles import role_of_title
from tests.conftest import DATA
from tests.test_extract import facts_of, objects

CASES = yaml.safe_load((DATA / "phrasings.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_phrasing(tmp_path, case):
    """One sentence or list of one phrasing family: the facts it must give (all of them when `exactly`) and
    the beginnings no label may have (tests/data/phrasings.yaml)."""
    found = objects(facts_of(tmp_path, case["title"], case["text"], case["lang"]), case["kind"], case.get("subject"))
    assert set(case["expect"]) == found if case.get("exactly") else set(case["expect"]) <= found
    assert not [f for f in found if f.startswith(tuple(case.get("absent_prefixes", ())))]


def test_tool_examples_are_skills_en(tmp_path):
    body = "## Skills\n\n- Comfort with tools such as Jira, Confluence or Trello\n- Negotiation and stakeholder management\n"
    found = objects(facts_of(tmp_path, "Project Coordinator", body, "en"), "skill")
    assert {"Jira", "Confluence", "Trello", "negotiation", "stakeholder management"} <= found
    assert not any("tools" in f for f in found)


def test_employers_look_for_lead_en(tmp_path):
    body = "Employers look for:\n\n- advanced Excel\n- attention to detail\n"
    found = {f.lower() for f in objects(facts_of(tmp_path, "Data Entry Clerk", body, "en"), "skill")}
    assert {"excel", "attention to detail"} <= found  # "advanced" is a modifier, not the skill


def test_known_places_need_a_capital(tmp_path):
    body = "In Texas a dispatcher works nights; demand is growing a nord and in the south of the city."
    found = objects(facts_of(tmp_path, "Dispatcher", body, "en"), "location")
    assert "Texas" in found and not any(f.lower() == "nord" for f in found)


def test_lexicon_match_keeps_the_words_written(tmp_path):
    facts = facts_of(tmp_path, "Infermiere", "L'infermiere lavora soprattutto nella sanità pubblica e negli ospedali.", "it")
    industry = next(f for f in facts if f.kind == "industry")
    assert industry.object == "sanità" and industry.alt == ("sanità pubblica",)


def test_ampersand_in_a_role_name(tmp_path):
    body = "The next step is FP&A manager, the first people-management role."
    assert "fp&a manager" in {f.lower() for f in objects(facts_of(tmp_path, "Budget Analyst", body, "en"), "promotes_to")}


def test_a_regulation_requires_entities_to_act_en(tmp_path):
    body = "The Bank Secrecy Act (BSA) requires banks and broker-dealers to report suspicious activity."
    facts = facts_of(tmp_path, "Compliance Officer", body, "en")
    assert {"bank", "broker-dealer"} <= objects(facts, "applies_to", "BSA")


def test_acronym_then_comma_names_a_law_it(tmp_path):
    body = "Lo prevede il Testo Unico Bancario (TUB, decreto legislativo 1 settembre 1993, n. 385)."
    assert "TUB" in objects(facts_of(tmp_path, "Bancario", body, "it"), "regulation")


def test_the_description_names_aliases(tmp_path):
    path_text = "---\ntitle: Informatore scientifico del farmaco\ndescription: L'informatore scientifico del farmaco (ISF) visita i medici.\nlang: it\n---\n\nLavora per un'azienda.\n"
    from kg.extract import extract
    from kg.read.reader import read_article
    from tests.conftest import write_article
    facts = extract(read_article(write_article(tmp_path, "isf.md", path_text), tmp_path))
    assert "ISF" in objects(facts, "alias")


def test_a_negated_verb_is_no_duty(tmp_path):
    it = facts_of(tmp_path, "Perito", "Il perito non decide il pagamento, ma redige la relazione.", "it")
    assert objects(it, "responsibility") == {"redigere la relazione"}
    en = facts_of(tmp_path, "Setter", "The setter does not close deals; the setter never signs contracts but books meetings.", "en")
    assert "close deals" not in objects(en, "responsibility") and "sign contracts" not in objects(en, "responsibility")


def test_skills_announced_by_their_name(tmp_path):
    en = facts_of(tmp_path, "Network Engineer", "Technical skills include routing, Linux administration and scripting in Python.", "en")
    assert {"routing", "Linux administration", "scripting in Python"} <= objects(en, "skill")
    it = facts_of(tmp_path, "Sistemista", "Le competenze tecniche comprendono il networking, la virtualizzazione e il backup.", "it")
    assert {"networking", "virtualizzazione", "backup"} <= objects(it, "skill")


def test_what_another_subject_oversees_is_not_a_duty(tmp_path):
    body = "The federal regulator oversees the exchanges. The broker takes care of client orders."
    found = objects(facts_of(tmp_path, "Broker", body, "en"), "responsibility")
    assert "client orders" in found and not any("exchanges" in f for f in found)


def test_sectors_listed_under_a_label_it(tmp_path):
    body = "- **Settori che assumono:** banche e assicurazioni, e-commerce, software house\n"
    facts = facts_of(tmp_path, "Sviluppatore backend", body, "it")
    found = objects(facts, "industry")
    assert {"e-commerce", "software house"} <= found | {a for f in facts for a in f.alt}
    assert any(f.key == "banking" for f in facts if f.kind == "industry")


def test_duty_list_items_keep_one_fact_per_verb_it(tmp_path):
    body = "## Cosa fa\n\n- Scrive test automatici e partecipa alle code review\n- Cura la sicurezza dei servizi\n"
    found = objects(facts_of(tmp_path, "Sviluppatore backend", body, "it"), "responsibility")
    assert {"scrivere test automatici", "partecipare alle code review", "curare la sicurezza dei servizi"} <= found
    assert not any(f.startswith(("scrive ", "cura ")) for f in found)


def test_irregular_infinitives_it(tmp_path):
    body = "Il primo compito è tradurre la strategia aziendale in politiche del personale."
    assert "tradurre la strategia aziendale in politiche del personale" in objects(facts_of(tmp_path, "HR Business Partner", body, "it"), "responsibility")


def test_a_degree_list_stops_at_the_next_clause_it(tmp_path):
    body = "Chi passa a coordinatore, che richiede un master in management, ottiene un'indennità aggiuntiva."
    found = objects(facts_of(tmp_path, "Infermiere", body, "it"), "qualification")
    assert found == {"master in management"}


def test_registers_named_with_an_acronym(tmp_path):
    it = facts_of(tmp_path, "Agente", "Serve l'iscrizione al Repertorio Economico Amministrativo (REA).", "it")
    assert "REA" in objects(it, "regulation")
    en = facts_of(tmp_path, "Broker", "Records sit in the Central Registration Depository (CRD). Reps pass the Securities Industry Essentials (SIE) exam.", "en")
    assert {"CRD", "Securities Industry Essentials (SIE) exam"} <= objects(en, "regulation")


def test_an_alternative_title_in_brackets_is_on_the_ladder(tmp_path):
    body = "From there, a manager can become director of finance (or director of FP&A), responsible for planning."
    found = {f.lower() for f in objects(facts_of(tmp_path, "Budget Analyst", body, "en"), "promotes_to")}
    assert {"director of finance", "director of fp&a"} <= found


def test_industries_under_a_where_they_work_heading(tmp_path):
    body = "## Where SDRs work\n\n- Also common in IT services, staffing agencies and B2B fintech\n"
    facts = facts_of(tmp_path, "Sales Development Representative (SDR)", body, "en")
    labels = {f.object for f in facts if f.kind in ("industry", "employed_by")} | {a for f in facts for a in f.alt}
    assert {"IT services", "staffing agencies"} <= labels or {"it services", "staffing agencies"} <= {l.lower() for l in labels}


def test_a_generic_employer_keeps_its_words(tmp_path):
    body = "Hospitals employ most coders, followed by outsourced coding companies."
    assert "outsourced coding company" in objects(facts_of(tmp_path, "Medical Coder", body, "en"), "employed_by")


def test_the_announcing_paragraph_outranks_the_heading(tmp_path):
    body = "## Dove si trovano\n\nLe abilità richieste includono quanto segue:\n\n- Competenze di vendita\n- Capacità di comunicazione\n"
    facts = facts_of(tmp_path, "Account executive", body, "it")
    assert {"competenze di vendita", "capacità di comunicazione"} <= objects(facts, "skill")
    assert objects(facts, "industry") == set()


def test_clients_in_an_illustration_are_not_employers(tmp_path):
    body = "## An illustration\n\n- Picture a startup selling software to hospitals and dental clinics\n"
    facts = facts_of(tmp_path, "Sales Development Representative", body, "en")
    assert objects(facts, "employed_by") == set() and objects(facts, "industry") == set()


def test_a_work_setting_label_lists_no_industries(tmp_path):
    body = "## Where they work\n\n- Work setting: open-plan floor, hybrid, or fully remote\n- Staffing agencies\n"
    facts = facts_of(tmp_path, "Recruiter", body, "en")
    labels = objects(facts, "industry") | objects(facts, "employed_by")
    assert not any("hybrid" in l or "remote" in l for l in labels)


def test_a_salary_guide_list_names_its_places(tmp_path):
    body = ("Molti guardano all'estero:\n\n"
            "- **Regno Unito**: un infermiere in Band 5 parte da 28.407 sterline l'anno.\n"
            "- **Svizzera**: nel Canton Ticino lo stipendio lordo medio si aggira sui 5.800 franchi al mese.\n")
    salaries = {dict(f.attrs)["currency"]: dict(f.attrs) for f in facts_of(tmp_path, "Infermiere", body, "it") if f.kind == "salary"}
    assert salaries["GBP"]["min"] == "28407" and salaries["GBP"]["period"] == "year" and salaries["GBP"]["place"] == "Regno Unito"
    assert salaries["CHF"]["average"] == "5800" and salaries["CHF"]["period"] == "month"


def test_a_sentence_that_continues_the_role_names_its_industries(tmp_path):
    body = "L'analista del credito valuta i fidi. Nelle società di leasing e di factoring svolge lo stesso mestiere."
    found = objects(facts_of(tmp_path, "Analista del credito", body, "it"), "industry")
    assert {"leasing", "factoring"} <= found
    other = "Il mercato cresce. Nelle società di leasing si lavora molto."
    assert objects(facts_of(tmp_path, "Analista del credito", other, "it"), "industry") == set()


def test_reaching_the_role_is_not_a_promotion_from_it(tmp_path):
    body = "Molti HRBP arrivano al ruolo dopo alcuni anni come HR generalist."
    facts = facts_of(tmp_path, "HR Business Partner", body, "it")
    assert not [f for f in facts if f.kind == "promotes_to" and f.subject == "hr business partner"]


def test_a_pronoun_is_no_part_of_a_role(tmp_path):
    body = "«Il medico ti concede dieci minuti.» L'informatore lavora con il farmacista."
    found = objects(facts_of(tmp_path, "Informatore scientifico", body, "it"), "related_role")
    assert "medico to" not in found and "medico ti" not in found


def test_the_announcing_sentence_decides_the_list_it(tmp_path):
    body = ("L'esercizio dell'attività è riservato agli iscritti all'albo. Per l'iscrizione servono:\n\n"
            "1. un diploma di scuola superiore;\n2. il superamento della prova valutativa;\n\n"
            "Tra gli obblighi principali:\n\n- consegnare al cliente la documentazione informativa;\n")
    facts = facts_of(tmp_path, "Consulente finanziario", body, "it")
    assert "consegnare al cliente la documentazione informativa" in objects(facts, "responsibility")
    assert "prova valutativa" in objects(facts, "regulation")
    assert not any("diploma" in f or "prova" in f for f in objects(facts, "responsibility"))


def test_a_relative_clause_does_not_cut_later_duties(tmp_path):
    body = '"Most mornings I triage the alerts that came in overnight, decide which ones are noise, and open incidents for the real ones."'
    found = objects(facts_of(tmp_path, "Security Analyst", body, "en"), "responsibility")
    assert {"triage the alerts", "open incidents for the real ones"} <= found
    body = "L'analista raccoglie i bilanci che il cliente consegna, li riclassifica e calcola gli indici di liquidità."
    found = objects(facts_of(tmp_path, "Analista del credito", body, "it"), "responsibility")
    assert {"raccogliere i bilanci", "calcolare gli indici di liquidità"} <= found


def test_only_the_item_that_announces_examples_is_dropped(tmp_path):
    body = "Technical skills include networking, Linux administration and familiarity with tools such as Splunk or Wireshark."
    found = objects(facts_of(tmp_path, "Security Analyst", body, "en"), "skill")
    assert {"networking", "Linux administration", "Splunk", "Wireshark"} <= found
    assert not any("tools" in f for f in found)


def test_what_others_do_or_must_not_do_is_no_duty_it(tmp_path):
    body = ("L'HR Business Partner, noto anche come HRBP, segue una divisione. In un gruppo che produce macchine da caffè, l'HRBP propone incentivi. "
            "Il consulente lavora con le società di consulenza, che prestano consulenza. Molti HRBP arrivano al ruolo dopo anni.\n\n"
            "Tra gli obblighi:\n\n- non ricevere denaro contante;\n- consegnare la documentazione.\n")
    found = objects(facts_of(tmp_path, "HR Business Partner", body, "it"), "responsibility")
    assert "proporre incentivi" in found and "consegnare la documentazione" in found
    assert not any(f.startswith(("produrre", "consulenza", "non ", "arriv")) for f in found)


def test_qualities_named_before_their_praise_it(tmp_path):
    body = "Il perito lavora con gli assicurati. Perciò la puntualità è molto apprezzata. Il prodotto richiede una preparazione scientifica solida."
    found = objects(facts_of(tmp_path, "Perito", body, "it"), "skill")
    assert "puntualità" in found and any(f.startswith("preparazione scientifica") for f in found)


def test_a_licence_is_a_regulation_not_a_degree(tmp_path):
    body = "Loan officers need a state license. In Florida you need the Community Association Manager license."
    facts = facts_of(tmp_path, "Loan Officer", body, "en")
    assert {"state license", "Community Association Manager license"} <= objects(facts, "regulation")
    assert not any("license" in f for f in objects(facts, "qualification"))


def test_a_head_that_needs_an_article_is_a_role_with_modifiers(tmp_path):
    body = "The usual next steps are security engineer or incident response lead. Analysts lead the triage."
    found = objects(facts_of(tmp_path, "Security Analyst", body, "en"), "promotes_to")
    assert {"security engineer", "incident response lead"} <= found and "lead" not in found


def test_an_acronym_given_once_names_the_role_later(tmp_path):
    body = "At the top sits the chief financial officer (CFO). For a few people the path continues to the CFO seat."
    facts = facts_of(tmp_path, "Financial Analyst", body, "en")
    assert "cfo" not in {f.lower() for f in objects(facts, "related_role") | objects(facts, "promotes_to")}
    assert any(f.object == "chief financial officer" and "CFO" in f.alt for f in facts) or \
        "chief financial officer" in objects(facts, "promotes_to")


def test_an_article_belongs_to_the_law_named_with_it_it(tmp_path):
    body = "Il perito applica gli articoli 156 e seguenti del Codice delle Assicurazioni Private. Chi passa al ruolo di coordinatore guadagna di più."
    found = objects(facts_of(tmp_path, "Perito assicurativo", body, "it"), "regulation")
    assert "Codice delle Assicurazioni Private articoli 156" in found
    assert not any(f.startswith("ruolo") for f in found)


def test_what_the_job_rewards_and_what_clients_do_are_not_duties(tmp_path):
    body = "The job rewards people who are comfortable with numbers. The SDR calls clinic owners and learns how they book patients."
    found = objects(facts_of(tmp_path, "Sales Development Representative (SDR)", body, "en"), "responsibility")
    assert not any("comfortable" in f or f.startswith("book patients") for f in found)


def test_a_denied_clause_gives_no_facts(tmp_path):
    body = ("Questo non significa che il perito lavora nel settore dei mobili; il suo settore rimane le assicurazioni. "
            "Il perito non deve sapere nulla di ristorazione. Il prodotto conta poco.")
    facts = facts_of(tmp_path, "Perito assicurativo", body, "it")
    assert not any("mobili" in f for f in objects(facts, "industry"))
    assert any("assicura" in f for f in objects(facts, "industry") | {a for f in facts for a in f.alt})
    assert not {"poco"} & objects(facts, "skill") and not any("ristorazione" in f for f in objects(facts, "skill"))


def test_the_field_of_a_career(tmp_path):
    en = facts_of(tmp_path, "Medical Coder", "It is one of the few healthcare careers you can enter without a degree.", "en")
    assert any(f.key == "healthcare" for f in en if f.kind == "industry")
    it = facts_of(tmp_path, "Infermiere", "Tra le professioni sanitarie, quella dell'infermiere è molto richiesta.", "it")
    assert any(f.key == "healthcare" for f in it if f.kind == "industry")


def test_the_manager_named_before_is_who_reports(tmp_path):
    body = "The next step is FP&A manager, the first people-management role. The manager runs the budget and reports to the director of finance."
    facts = facts_of(tmp_path, "Budget Analyst", body, "en")
    lines = {(f.subject, f.object) for f in facts if f.kind == "reports_to"}
    assert ("fp&a manager", "director of finance") in lines and ("budget analyst", "director of finance") not in lines


def test_a_salary_guide_by_state_and_a_weekly_figure_en(tmp_path):
    body = ("Registered nurses (RNs) earn well.\n\n## By state\n\n- **Hawaii**: $129,390\n- **Alabama**: $63,750\n\n"
            "Travel nurses can earn $3,000 a week on short contracts. Nurses in physicians' offices must pass the NCLEX-RN exam.")
    facts = facts_of(tmp_path, "Registered Nurse", body, "en")
    salaries = {dict(f.attrs).get("place"): dict(f.attrs) for f in facts if f.kind == "salary"}
    assert salaries["Hawaii"]["amount"] == "129390" and salaries["Alabama"]["amount"] == "63750"
    assert salaries[None]["period"] == "week"
    assert "RN" in objects(facts, "alias") and "physician" not in objects(facts, "related_role")
    assert not any("exam" in f for f in objects(facts, "responsibility"))


def test_only_the_first_rung_is_where_one_starts_en(tmp_path):
    body = "A new hire usually starts as a planning technician, becomes a project planner and later a lead designer."
    facts = facts_of(tmp_path, "Urban Planner", body, "en")
    starts = {f.subject for f in facts if f.kind == "promotes_to" and f.object == "urban planner"}
    assert starts == {"planning technician"}


@pytest.mark.parametrize("title, lang, role, aliases", [
    ('"I read the fine print": a day with a title examiner', "en", "title examiner", ()),
    ("A Day in the Life of a Paramedic", "en", "paramedic", ()),
    ("Interview with an Actuary: numbers and nerves", "en", "actuary", ()),
    ("Payroll Clerk (Part-Time) - Acme Logistics", "en", "payroll clerk", ()),
    ("Sales Development Representative (SDR)", "en", "sales development representative", ("SDR",)),
    ("Una giornata con un geometra: cantieri e catasto", "it", "geometra", ()),
    ("Addetto paghe (tempo determinato) - Studio Rossi", "it", "addetto paghe", ()),
    ("Da apprendista a capo reparto: la carriera del tornitore", "it", "tornitore", ()),
    ("Il mestiere dell'orologiaio", "it", "orologiaio", ()),
    ("Chi è e cosa fa il tecnico di laboratorio", "it", "tecnico di laboratorio", ()),
    ("Cosa fa un fabbro e quanto guadagna", "it", "fabbro", ()),
    ("Diventare notaio: esame, anni di pratica e guadagni", "it", "notaio", ()),
    ("Professione bibliotecario", "it", "bibliotecario", ()),
    ("Animatore/trice turistico/a", "it", "animatore turistico", ()),
    ("Surveyor / Building Inspector", "en", "surveyor", ("building inspector",)),
    ("Acme Logistics is seeking a Forklift Operator (Nights)", "en", "forklift operator", ()),
    ("We're looking for a Bus Driver", "en", "bus driver", ()),
    ("Nurse hiring event", "en", "nurse hiring event", ()),
    ("Cerchiamo 3 muratori a Verona", "it", "muratore", ()),
    ("Acme cerca un magazziniere", "it", "magazziniere", ()),
    ("Elettricista cercasi", "it", "elettricista", ()),
    ("Addetto alla ricerca e selezione", "it", "addetto alla ricerca e selezione", ()),
    # A job advert's segments: the role is the one with an occupation head, never the place or the employer.
    ("Electrician, Manchester", "en", "electrician", ()),
    ("Warehouse Operative, Northfield Distribution Centre, Coventry", "en", "warehouse operative", ()),
    ("Westbridge: Carpenter wanted", "en", "carpenter", ()),
    ("Nurse | St Anne's Hospital, Leeds", "en", "nurse", ()),
    ("Working as a Paramedic in Glasgow", "en", "paramedic", ()),
    ("Carpentiere – Cantieri Bergamo e provincia", "it", "carpentiere", ()),
    ("Cuoco - Trattoria Da Gino - Pavia", "it", "cuoco", ()),
    ("Trattoria Da Gino cerca cuoco", "it", "cuoco", ()),
    ("Lavorare come infermiere a Parma", "it", "infermiere", ()),
    ("Paralegal / Legal Assistant", "en", "paralegal", ("legal assistant",)),
])
def test_role_of_headline_and_posting_titles(title, lang, role, aliases):
    """Interview headlines name the role after "a day with"; a posting's "(Full-Time)" is no other name."""
    assert role_of_title(title, lang)[:2] == (role, aliases)


def test_started_as_then_can_become_keeps_directions_it(tmp_path):
    body = "Molti geometri iniziano come disegnatori tecnici o come assistenti di cantiere, e con il tempo possono diventare direttori dei lavori."
    steps = {(f.subject, f.object) for f in facts_of(tmp_path, "Geometra", body, "it") if f.kind == "promotes_to"}
    assert steps == {("disegnatore tecnico", "geometra"), ("assistente di cantiere", "geometra"), ("geometra", "direttore dei lavori")}


def test_a_numbered_regulation_named_alone_en(tmp_path):
    body = "Regulation 21 requires relevant persons to appoint a nominated officer."
    assert "regulation 21" in {f.lower() for f in objects(facts_of(tmp_path, "Compliance Officer", body, "en"), "regulation")}


@pytest.mark.parametrize("title, lang, body, starts", [
    ("Compliance Officer", "en", "Compliance officers usually come from roles such as paralegal, internal auditor or risk analyst.",
     {"paralegal", "internal auditor", "risk analyst"}),
    ("Compliance Officer", "en", "Most clients come from referrals, and many officers come from banking.", set()),
    ("Responsabile qualità", "it", "I responsabili qualità provengono spesso da ruoli come consulente tecnico o analista di processo.",
     {"consulente tecnico", "analista di processo"}),
    ("Responsabile qualità", "it", "Molti arrivano dal ruolo di assistente di produzione.", {"assistente di produzione"}),
])
def test_come_from_names_the_roles_below(tmp_path, title, lang, body, starts):
    facts = facts_of(tmp_path, title, body, lang)
    assert {f.subject for f in facts if f.kind == "promotes_to"} == starts


def test_reports_to_ends_at_the_next_verb_en(tmp_path):
    body = "You will report to the lab manager and work closely with our chemists and quality lead."
    assert objects(facts_of(tmp_path, "Lab Technician", body, "en"), "reports_to") == {"lab manager"}


def test_impersonal_career_steps_it(tmp_path):
    body = ("Si entra di solito come assistente tecnico in una società di brokeraggio; con l'esperienza si diventa "
            "account executive, poi account director. Come si diventa broker? Serve l'iscrizione al RUI.")
    steps = {(f.subject, f.object) for f in facts_of(tmp_path, "Broker", body, "it") if f.kind == "promotes_to"}
    assert steps == {("assistente tecnico", "broker"), ("broker", "account executive"), ("broker", "account director")}


@pytest.mark.parametrize("lang, title, body, below, above", [
    ("it", "Commesso", "## I gradini del negozio\n\n1. **Magazziniere** – riceve la merce.\n2. **Commesso** – serve i clienti.\n"
     "3. **Capo reparto** – organizza i turni.\n4. **Direttore di negozio** – risponde del fatturato.\n",
     {"magazziniere"}, {"capo reparto", "direttore di negozio"}),
    ("en", "Line Cook", "## The kitchen ladder\n\n- Prep cook: washes and cuts vegetables\n- Line cook: runs a station\n"
     "- Sous chef: runs the shift\n- Head chef: writes the menu\n", {"prep cook"}, {"sous chef", "head chef"}),
])
def test_a_ladder_list_gives_promotions_by_its_order(tmp_path, lang, title, body, below, above):
    facts = facts_of(tmp_path, title, body, lang)
    role = title.lower()
    assert below <= {f.subject for f in facts if f.kind == "promotes_to" and f.object == role}
    assert above <= objects(facts, "promotes_to")
    assert not {f.object for f in facts if f.kind == "related_role"} & (below | above)


def test_a_list_of_colleagues_is_no_ladder(tmp_path):
    body = "## Con chi lavora\n\n- infermiere\n- fisioterapista\n- medico di reparto\n"
    facts = facts_of(tmp_path, "Operatore socio-sanitario", body, "it")
    assert not objects(facts, "promotes_to")


@pytest.mark.parametrize("text, below", [
    ("Before qualifying, most registered nurses work as healthcare assistants on a ward.", "healthcare assistant"),
    ("Before that you will probably be a nursing associate.", "nursing associate"),
])
def test_the_job_held_before_the_role_en(tmp_path, text, below):
    facts = facts_of(tmp_path, "Registered Nurse", text, "en")
    assert (below, "registered nurse") in {(f.subject, f.object) for f in facts if f.kind == "promotes_to"}


def test_a_grade_numeral_after_the_role_en(tmp_path):
    body = "You can move from Surveyor I to Surveyor II, then chief surveyor."
    assert "chief surveyor" in objects(facts_of(tmp_path, "Surveyor", body, "en"), "promotes_to")


def test_the_job_held_before_reaching_a_service_or_served_first_en(tmp_path):
    body = ("Before joining a fire service, many firefighters work as lifeguards. Others have served first as retained "
            "firefighters or as paramedics.")
    facts = facts_of(tmp_path, "Firefighter", body, "en")
    below = {f.subject for f in facts if f.kind == "promotes_to" and f.object == "firefighter"}
    assert {"lifeguard", "paramedic"} <= below
