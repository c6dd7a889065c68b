"""Every rule family, in Italian and English, on sentences written for these tests (not from a corpus)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kg.extract import extract
from kg.extract.ruleset import ruleset
from kg.extract.salary import figures
from kg.read.reader import read_article
from tests.conftest import write_article


def facts_of(tmp_path, title: str, body: str, lang: str):
    path = write_article(tmp_path, "a.md", f"---\ntitle: {title}\nlang: {lang}\n---\n\n{body}\n")
    return extract(read_article(path, tmp_path))


def objects(facts, kind: str, subject: str | None = None) -> set[str]:
    return {f.object for f in facts if f.kind == kind and (subject is None or f.subject == subject)}


# ---------------------------------------------------------------- definitions and duties

def test_definition_it(tmp_path):
    facts = facts_of(tmp_path, "Broker assicurativo", "Il broker assicurativo è un intermediario che rappresenta il cliente.", "it")
    assert objects(facts, "definition") == {"Il broker assicurativo è un intermediario che rappresenta il cliente."}


def test_definition_en(tmp_path):
    facts = facts_of(tmp_path, "Claims Adjuster", "A claims adjuster is a professional who investigates insurance claims.", "en")
    assert len(objects(facts, "definition")) == 1


def test_responsibilities_it(tmp_path):
    body = (
        "Il tecnico di laboratorio si occupa della preparazione dei campioni e della manutenzione degli strumenti. "
        "È responsabile dell'archiviazione dei referti. Ha il compito di verificare le scorte."
    )
    found = objects(facts_of(tmp_path, "Tecnico di laboratorio", body, "it"), "responsibility")
    assert {"preparazione dei campioni", "manutenzione degli strumenti", "archiviazione dei referti", "verificare le scorte"} <= found


def test_responsibilities_en(tmp_path):
    body = (
        "A payroll specialist is responsible for processing salaries, tax withholdings and year-end forms. "
        "The specialist is in charge of the payroll calendar. Their duties include auditing timesheets and answering employee questions."
    )
    found = objects(facts_of(tmp_path, "Payroll Specialist", body, "en"), "responsibility")
    assert {"processing salaries", "tax withholdings", "year-end forms", "payroll calendar", "auditing timesheets", "answering employee questions"} <= found


def test_duty_verbs_take_the_infinitive_it(tmp_path):
    body = "Il responsabile acquisti negozia i contratti con i fornitori e pianifica gli ordini."
    found = objects(facts_of(tmp_path, "Responsabile acquisti", body, "it"), "responsibility")
    assert "negoziare i contratti con i fornitori" in found


def test_list_under_duties_heading_en(tmp_path):
    body = "## Key responsibilities\n\n- Reconcile bank statements\n- Prepare monthly reports so that managers stay informed\n"
    found = objects(facts_of(tmp_path, "Bookkeeper", body, "en"), "responsibility")
    assert found == {"Reconcile bank statements", "Prepare monthly reports"} or found == {"reconcile bank statements", "prepare monthly reports"}


def test_compliance_is_not_a_duty(tmp_path):
    body = "I consulenti devono seguire le linee guida stabilite dall'autorità."
    assert objects(facts_of(tmp_path, "Consulente", body, "it"), "responsibility") == set()


# ---------------------------------------------------------------- skills and education

def test_skills_it(tmp_path):
    body = (
        "Servono ottime capacità di ascolto e una buona conoscenza dell'inglese. "
        "Le competenze richieste includono quanto segue:\n\n- Padronanza di Excel per gestire i dati\n- Doti organizzative"
    )
    found = objects(facts_of(tmp_path, "Assistente di direzione", body, "it"), "skill")
    assert {"capacità di ascolto", "conoscenza dell'inglese", "padronanza di Excel", "doti organizzative"} <= {f.lower() if f[0].isupper() else f for f in found} | found


def test_skills_en(tmp_path):
    body = "Recruiters need strong communication skills and a working knowledge of employment law. They must be able to read people quickly."
    found = objects(facts_of(tmp_path, "Recruiter", body, "en"), "skill")
    assert "strong communication skills" in found or "communication skills" in found
    assert any("knowledge of employment law" in f for f in found)


def test_qualifications(tmp_path):
    it = objects(facts_of(tmp_path, "Farmacista", "Serve una laurea magistrale in farmacia e l'iscrizione all'albo.", "it"), "qualification")
    assert "laurea magistrale in farmacia" in it
    en = objects(facts_of(tmp_path, "Actuary", "Most actuaries hold a bachelor's degree in mathematics or statistics.", "en"), "qualification")
    assert {"bachelor's degree in mathematics", "bachelor's degree in statistics"} <= en  # two fields, two degrees


# ---------------------------------------------------------------- regulators and regulations

def test_regulator_and_numbered_rule_it(tmp_path):
    body = "Il promotore rispetta l'articolo 21 della Commissione Nazionale per le Società e la Borsa (CONSOB), applicabile alle banche e alle società di gestione del risparmio."
    facts = facts_of(tmp_path, "Promotore finanziario", body, "it")
    assert objects(facts, "regulator") == {"CONSOB"}
    assert "CONSOB articolo 21" in objects(facts, "regulation")
    assert objects(facts, "issued_by", "CONSOB articolo 21") == {"CONSOB"}
    assert objects(facts, "applies_to", "CONSOB articolo 21") == {"banca", "società di gestione del risparmio"}


def test_regulator_and_rule_en(tmp_path):
    body = "Brokers must follow Rule 2111 of the Financial Industry Regulatory Authority (FINRA), which applies to broker-dealers and their associated persons."
    facts = facts_of(tmp_path, "Stockbroker", body, "en")
    assert objects(facts, "regulator") == {"FINRA"}
    assert "FINRA rule 2111" in objects(facts, "regulation")
    assert "broker-dealer" in objects(facts, "applies_to", "FINRA rule 2111")


def test_laws_registers_and_exams(tmp_path):
    body = (
        "La professione è regolata dalla legge 12 marzo 1985, n. 84 e dal D.Lgs. 231/2001. "
        "Occorre l'iscrizione all'albo dei geometri e il superamento dell'esame di abilitazione."
    )
    found = objects(facts_of(tmp_path, "Geometra", body, "it"), "regulation")
    assert {"legge 12 marzo 1985, n. 84", "D.Lgs. 231/2001", "albo dei geometri", "esame di abilitazione"} <= found
    en = objects(facts_of(tmp_path, "Broker", "Every broker must pass the Series 65 exam under the Investment Advisers Act of 1940.", "en"), "regulation")
    assert {"Series 65 exam", "Investment Advisers Act of 1940"} <= en


def test_unknown_authority_found_from_phrasing(tmp_path):
    body = "Gli ispettori seguono le regole dell'Agenzia Regionale per la Protezione Ambientale (ARPA)."
    facts = facts_of(tmp_path, "Ispettore ambientale", body, "it")
    regulator = next(f for f in facts if f.kind == "regulator")
    assert regulator.object == "ARPA" and "Agenzia Regionale per la Protezione Ambientale" in regulator.alt


# ---------------------------------------------------------------- careers

def test_promotions_it(tmp_path):
    body = "Con l'esperienza il contabile può diventare responsabile amministrativo o direttore finanziario."
    facts = facts_of(tmp_path, "Contabile", body, "it")
    assert objects(facts, "promotes_to", "contabile") == {"responsabile amministrativo", "direttore finanziario"}


def test_promotions_en(tmp_path):
    body = "A good paralegal may be promoted to senior paralegal and later to litigation support manager."
    facts = facts_of(tmp_path, "Paralegal", body, "en")
    assert {"senior paralegal", "litigation support manager"} <= objects(facts, "promotes_to", "paralegal")


def test_seniority_variants_form_a_ladder(tmp_path):
    facts = facts_of(tmp_path, "Data Engineer", "Junior data engineers usually assist the team lead.", "en")
    assert ("junior data engineer", "data engineer") in {(f.subject, f.object) for f in facts if f.kind == "promotes_to"}


def test_reports_to(tmp_path):
    it = facts_of(tmp_path, "Capo cantiere", "Il capo cantiere risponde al direttore dei lavori.", "it")
    assert objects(it, "reports_to") == {"direttore dei lavori"}
    en = facts_of(tmp_path, "Store Manager", "The store manager reports to the regional operations director.", "en")
    assert objects(en, "reports_to") == {"regional operations director"}


def test_related_roles_skip_predicates_and_entity_types(tmp_path):
    body = "L'ottico è un professionista sanitario. Collabora con l'oculista e con il tecnico ortopedico."
    found = objects(facts_of(tmp_path, "Ottico", body, "it"), "related_role")
    assert "professionista sanitario" not in found


# ---------------------------------------------------------------- where

def test_industries_need_the_role(tmp_path):
    body = "I data analyst lavorano soprattutto nelle telecomunicazioni e nella grande distribuzione. Le banche invece investono poco."
    facts = facts_of(tmp_path, "Data analyst", body, "it")
    assert objects(facts, "industry") == {"telecomunicazioni", "commercio al dettaglio"}


def test_locations_are_places_not_workplaces(tmp_path):
    body = "Most jobs are found in Boston, Denver and Austin. Nurses work at the patient's home or in the office."
    found = objects(facts_of(tmp_path, "Home Health Nurse", body, "en"), "location")
    assert found == {"Boston", "Denver", "Austin"}


@pytest.mark.parametrize(("lang", "body", "places"), [
    ("it", "Cerchiamo un elettricista a Dalmine (BG). Trasferte a Fasano (BR). Si applica il Regolamento (CE) 852/2004.",
     {"Dalmine", "Fasano"}),
    ("en", "Drivers are based at our yard in Joplin, MO and deliver to Tulsa, OK. Dr Lee, MD signs the medicals.",
     {"Joplin", "Tulsa"}),
])
def test_a_town_with_its_province_or_state_code_is_a_place(tmp_path, lang, body, places):
    assert objects(facts_of(tmp_path, "Autista" if lang == "it" else "Truck driver", body, lang), "location") == places


# ---------------------------------------------------------------- pay

@pytest.mark.parametrize(
    ("lang", "sentence", "expected"),
    [
        ("it", "Lo stipendio parte da € 32.000 lordi annui.", {"min": "32000", "currency": "EUR", "period": "year", "basis": "gross"}),
        ("it", "Un cassiere guadagna 1.800 euro netti al mese.", {"amount": "1800", "currency": "EUR", "period": "month", "basis": "net"}),
        ("it", "La retribuzione va da 28.000 a 35.000 euro.", {"min": "28000", "max": "35000", "currency": "EUR"}),
        ("it", "In media si guadagnano 30 mila euro all'anno.", {"average": "30000", "currency": "EUR", "period": "year"}),
        ("en", "Entry-level analysts earn between $40,000 and $55,000 a year.", {"min": "40000", "max": "55000", "currency": "USD", "level": "junior"}),
        ("en", "Top earners make $60K.", {"max": "60000", "currency": "USD"}),
        ("en", "The median salary was $72,300 per year as of May 2019, according to Payscale.", {"median": "72300", "as_of": "2019-05", "source": "Payscale"}),
        ("en", "Hourly pay averages £14.50 per hour in London.", {"average": "14.50", "currency": "GBP", "period": "hour", "place": "London"}),
    ],
)
def test_salary_formats(lang, sentence, expected):
    found = figures(sentence, ruleset(lang))
    assert len(found) == 1
    attrs = dict(found[0].attrs)
    assert {k: attrs.get(k) for k in expected} == expected


def test_salary_source_date_place_it():
    sentence = "Secondo i dati di JobPricing, nel 2023 la RAL media di un ingegnere in Italia era di 41.500 euro."
    attrs = dict(figures(sentence, ruleset("it"))[0].attrs)
    assert (attrs["source"], attrs["as_of"], attrs["place"], attrs["average"]) == ("JobPricing", "2023", "Italia", "41500")


@pytest.mark.parametrize(
    ("lang", "sentence", "source", "as_of"),
    [
        ("en", "The U.S. Bureau of Labor Statistics reports a median wage of $41,000 a year.", "U.S. Bureau of Labor Statistics", None),
        ("en", "In Acme's 2024 salary survey, certified welders reported an average of $52,000.", "Acme's 2024 salary survey", "2024"),
        ("en", "According to the 2025 Northgate compensation survey, a junior chef earns $38,000.", "Northgate compensation survey", "2025"),
        ("it", "Secondo il Rapporto 2024 della Fondazione Studi, un cuoco guadagna 26.000 euro l'anno.", "Fondazione Studi", "2024"),
        ("it", "Secondo i dati di Glassdoor del 2024 un cuoco guadagna 1.500 euro netti al mese.", "Glassdoor", "2024"),
        ("it", "Secondo il Conto annuale della Ragioneria generale dello Stato un cuoco guadagna 24.000 euro.",
         "Conto annuale della Ragioneria generale dello Stato", None),
        ("it", "Secondo il rapporto pubblicato dalla Cassa Edile nel marzo 2025 un muratore guadagna 1.600 euro al mese.", "Cassa Edile", "2025-03"),
        ("en", "The Roofing Trades Council's workforce survey put median pay for roofers at £31,000.", "Roofing Trades Council's workforce survey", None),
        ("en", "The State Employment Office indicates a median wage of $19.40 an hour for the year 2025.", "State Employment Office", "2025"),
    ],
)
def test_salary_sources_named_by_their_shape(lang, sentence, source, as_of):
    attrs = dict(figures(sentence, ruleset(lang))[0].attrs)
    assert (attrs.get("source"), attrs.get("as_of")) == (source, as_of)


def test_a_salary_takes_the_source_date_and_place_said_before_it(tmp_path):
    """Source and date hold for the rest of their section, a place for the rest of its paragraph; a sentence that
    only says where the figures come from counts too; another section starts afresh."""
    body = ("## Pay\n\nThe figures below come from the Welders Guild 2024 survey. Welders in Leeds earn £31,000 a year. "
            "The top tenth earn more than £45,000.\n\nNew starters earn £19,000.\n\n## Hours\n\nOvertime pays £20 an hour.")
    facts = facts_of(tmp_path, "Welder", body, "en")
    said = {dict(f.attrs).get("max", dict(f.attrs).get("amount", dict(f.attrs).get("min"))):
            tuple(dict(f.attrs).get(k) for k in ("source", "as_of", "place")) for f in facts if f.kind == "salary"}
    assert said == {"31000": ("Welders Guild 2024", "2024", "Leeds"), "45000": ("Welders Guild 2024", "2024", "Leeds"),
                    "19000": ("Welders Guild 2024", "2024", None), "20": (None, None, None)}


def test_a_figure_without_a_date_takes_the_article_s_byline_date(tmp_path):
    body = ("*Kestrel Staffing · Care careers · Last reviewed 3 March 2026*\n\n## Pay\n\nCare assistants earn £24,000 a "
            "year. In 2024 the average salary was £22,500.")
    facts = facts_of(tmp_path, "Care assistant", body, "en")
    dates = {dict(f.attrs).get("amount", dict(f.attrs).get("average")): dict(f.attrs).get("as_of") for f in facts if f.kind == "salary"}
    assert dates == {"24000": "2026-03", "22500": "2024"}


@pytest.mark.parametrize("lang, title, byline, figure, source", [
    ("en", "Care assistant", "*Kestrel Staffing · Care careers · Published March 2026*", "Care assistants earn £24,000 a year.",
     "Kestrel Staffing"),
    ("en", "Care assistant", "This guide, compiled by the recruitment firm Kestrel Staffing from 900 placements, sets out pay.",
     "Care assistants earn £24,000 a year.", "Kestrel Staffing"),
    ("en", "Care assistant", "This guide uses the Kestrel Care Pay Index 2025, published by Kestrel Staffing.",
     "Care assistants earn £24,000 a year.", "Kestrel Care Pay Index 2025"),
    ("en", "Care assistant", "By Jane Doe · Published March 2026", "Care assistants earn £24,000 a year.", None),
    ("it", "Assistente domiciliare", "*A cura dell'Osservatorio Lavoro Domestico, marzo 2026*",
     "Un assistente domiciliare guadagna 1.400 euro al mese.", "Osservatorio Lavoro Domestico"),
    ("it", "Assistente domiciliare", "Abbiamo analizzato i dati dell'Osservatorio Cura 2025, raccolti in 600 interviste.",
     "Un assistente domiciliare guadagna 1.400 euro al mese.", "Osservatorio Cura 2025"),
    ("en", "Care assistant", "*Kestrel Staffing · Care careers · Published March 2026*",
     "According to the Care Council, care assistants earn £24,000 a year.", "Care Council"),
])
def test_a_figure_without_a_source_takes_the_guide_s_publisher(tmp_path, lang, title, byline, figure, source):
    """Who publishes a salary guide, said near its top, is the source of the figures that name none; a person's
    byline names no source, and a figure's own source wins."""
    facts = facts_of(tmp_path, title, f"{byline}\n\n## Pay\n\n{figure}", lang)
    assert [dict(f.attrs).get("source") for f in facts if f.kind == "salary"] == [source]


def test_pay_structure_without_figure_gives_no_salary(tmp_path):
    body = "Il compenso è composto da uno stipendio base, provvigioni e un bonus annuale."
    facts = facts_of(tmp_path, "Agente di commercio", body, "it")
    assert objects(facts, "salary") == set()
    assert objects(facts, "compensation") == {"stipendio base", "commissione", "bonus"}


def test_several_figures_in_one_sentence(tmp_path):
    sentence = "A junior earns from 25.000 to 30.000 euro, while a senior reaches 50.000 euro."
    found = [dict(f.attrs) for f in figures(sentence, ruleset("en"))]
    assert [(f.get("min"), f.get("max"), f.get("level")) for f in found] == [("25000", "30000", "junior"), (None, "50000", "senior")]


def test_each_figure_of_a_list_takes_its_own_place_currency_and_the_stated_median():
    sentence = "In New York the median is $95,000; in Frankfurt €64,000; in Singapore S$88,000."
    found = [dict(f.attrs) for f in figures(sentence, ruleset("en"))]
    assert [(f["currency"], f.get("median"), f.get("place")) for f in found] == [
        ("USD", "95000", "New York"), ("EUR", "64000", "Frankfurt"), ("SGD", "88000", "Singapore")]
    sentence = "Starting pay is £34,000 in Manchester, €46,000 in Rotterdam and HK$360,000 in Hong Kong."
    assert [dict(f.attrs).get("place") for f in figures(sentence, ruleset("en"))] == ["Manchester", "Rotterdam", "Hong Kong"]


@pytest.mark.parametrize(("lang", "row"), [
    ("it", "Senior: Anni di esperienza 6-10, RAL minima 40.000 €, RAL massima 55.000 €"),
    ("en", "Senior: Min salary $40,000, Max salary $55,000"),
])
def test_a_least_and_a_most_column_are_one_range(lang, row):
    found = [dict(f.attrs) for f in figures(row, ruleset(lang))]
    assert [(f.get("min"), f.get("max")) for f in found] == [("40000", "55000")]


@pytest.mark.parametrize(("lang", "row", "median"), [
    ("en", "London: 25th percentile £24,000, Median £27,500, 75th percentile £31,000", "27500"),
    ("it", "Milano: primo quartile 24.000 €, mediana 27.500 €, terzo quartile 31.000 €", "27500"),
])
def test_a_row_of_percentiles_is_one_band(lang, row, median):
    """A salary guide's percentile columns describe one distribution: one observation with its min, median and max."""
    found = [dict(f.attrs) for f in figures(row, ruleset(lang))]
    assert [(f.get("min"), f.get("median"), f.get("max")) for f in found] == [("24000", median, "31000")]


def test_a_table_row_takes_the_pay_word_and_source_from_the_paragraph_before_it():
    lead = "Bakers in the UK earn the following, according to the Acme Pay Survey."
    found = [dict(f.attrs) for f in figures("Trainee: Minimum £18,000, Maximum £21,000", ruleset("en"), lead)]
    assert [(f.get("min"), f.get("max"), f.get("source")) for f in found] == [("18000", "21000", "Acme Pay Survey")]
    assert figures("Trainee: Minimum £18,000, Maximum £21,000", ruleset("en")) == []


def test_a_range_s_second_figure_takes_the_first_s_currency():
    found = [dict(f.attrs) for f in figures("Locum vets earn NZD 700 to 900 a day.", ruleset("en"))]
    assert [(f.get("min"), f.get("max"), f["currency"]) for f in found] == [("700", "900", "NZD")]


@pytest.mark.parametrize(("place", "currency"), [("Ontario", "CAD"), ("Queensland", "AUD"), ("Texas", "USD")])
def test_a_bare_dollar_is_the_dollar_of_the_figure_s_place(place, currency):
    found = figures(f"In {place} the median wage for roofers is $31.20 an hour.", ruleset("en"))
    assert [dict(f.attrs)["currency"] for f in found] == [currency]


def test_table_rows_take_the_currency_their_lead_states_and_their_columns_places():
    lead = "Median pay for new hires, £ per year."
    found = [dict(f.attrs) for f in figures("Groundskeeper: Leeds 24,500, Glasgow 23,800, Years 2", ruleset("en"), lead)]
    assert [(f.get("amount"), f["currency"], f.get("place")) for f in found] == [("24500", "GBP", "Leeds"), ("23800", "GBP", "Glasgow")]


def test_a_salary_table_s_rows_of_other_roles_are_not_the_role_s_pay(tmp_path):
    body = ("## Pay\n\n| Figura | Stipendio lordo annuo (€) |\n|---|---|\n| Cuoco | 26.000 |\n| Cuoco junior | 21.000 |\n"
            "| Capo partita | 29.000 |\n| Lombardia | 28.000 |\n")
    facts = facts_of(tmp_path, "Cuoco", body, "it")  # beside the role's own row, its junior row is another rung's
    assert sorted(dict(f.attrs).get("amount") for f in facts if f.kind == "salary") == ["26000", "28000"]


@pytest.mark.parametrize(("lang", "sentence"), [
    ("en", "Registration costs £163 and the pay is good."),
    ("en", "The application fee is £163 per year."),
    ("it", "L'iscrizione all'albo costa 180 euro all'anno."),
])
def test_fees_and_costs_are_no_pay(lang, sentence):
    assert [f for f in figures(sentence, ruleset(lang)) if "163" in str(f.attrs) or "180" in str(f.attrs)] == []


def test_amount_parsing_formats():
    from kg.extract.salary import _number
    assert _number("45.000", ",") == Decimal("45000")
    assert _number("52,000", ".") == Decimal("52000")
    assert _number("1.800,50", ",") == Decimal("1800.50")
    assert _number("72,300.75", ".") == Decimal("72300.75")


# ---------------------------------------------------------------- aliases

def test_aliases(tmp_path):
    it = facts_of(tmp_path, "Responsabile della protezione dei dati", "Il responsabile della protezione dei dati, noto anche come DPO, vigila sul trattamento.", "it")
    assert objects(it, "alias") == {"DPO"}
    en = facts_of(tmp_path, "Human Resources Business Partner", "The human resources business partner (HRBP) advises leaders.", "en")
    assert objects(en, "alias") == {"HRBP"}


def test_evidence_points_at_the_sentence(tmp_path):
    facts = facts_of(tmp_path, "Broker", "## Duties\n\nA broker is responsible for client orders.", "en")
    fact = next(f for f in facts if f.kind == "responsibility")
    assert fact.evidence.quote == "A broker is responsible for client orders."
    assert fact.evidence.section == "Duties"
    assert fact.evidence.rule == "en.responsibility.responsible_for"
    assert fact.evidence.line == 8


# ---------------------------------------------------------------- lists, credentials and laws (later rules)

def test_labelled_list_items_split_their_values(tmp_path):
    body = "## Strumenti\n\n- Linguaggi: Rust, Kotlin e Swift\n\n## Carriera\n\n- Dopo tre anni: capo reparto o direttore tecnico\n"
    facts = facts_of(tmp_path, "Programmatore", body, "it")
    assert {"rust", "kotlin", "swift"} <= {f.lower() for f in objects(facts, "skill")}
    assert {"capo reparto", "direttore tecnico"} <= objects(facts, "promotes_to", "programmatore")


def test_verb_led_duties_split_only_at_verbs(tmp_path):
    body = "The buyer negotiates prices, terms and conditions, reviews supplier audits and tracks deliveries."
    found = objects(facts_of(tmp_path, "Buyer", body, "en"), "responsibility")
    assert {"negotiate prices, terms and conditions", "review supplier audits", "track deliveries"} <= found


def test_no_duty_across_a_relative_clause(tmp_path):
    body = "Tellers who build a loyal clientele may be promoted to head teller."
    facts = facts_of(tmp_path, "Teller", body, "en")
    assert not any(f.startswith("build") for f in objects(facts, "responsibility"))
    assert "head teller" in objects(facts, "promotes_to", "teller")


def test_credentials_and_acts_with_acronyms(tmp_path):
    body = "Many coders hold the Certified Professional Coder (CPC) credential and follow the Health Insurance Portability and Accountability Act of 1996 (HIPAA)."
    facts = facts_of(tmp_path, "Coder", body, "en")
    assert "Certified Professional Coder (CPC)" in objects(facts, "qualification")
    hipaa = next(f for f in facts if f.kind == "regulation" and f.object == "HIPAA")
    assert hipaa.alt == ("Health Insurance Portability and Accountability Act of 1996",)


def test_distributed_degrees_it(tmp_path):
    body = "Serve una laurea in biologia, chimica o farmacia."
    assert {"laurea in biologia", "laurea in chimica", "laurea in farmacia"} <= objects(facts_of(tmp_path, "Biologo", body, "it"), "qualification")


def test_entities_bound_by_a_regulation(tmp_path):
    body = "Dal 2022 le banche applicano le Linee guida sulla concessione dei prestiti (LG/2022/01)."
    facts = facts_of(tmp_path, "Analista", body, "it")
    assert objects(facts, "applies_to", "LG/2022/01") == {"banca"}
