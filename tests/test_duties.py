"""Duties read from list items as job adverts write them: imperative bullets the tagger alone reads as nouns, verbs or
adjectives coordinated in a series that shares one object, Italian bullets that coordinate two action nouns. Sentences
written for these tests, in domains the tuning sets lack (care, trades, kitchens, offices)."""

from __future__ import annotations

from kg.language.analyse import analyse
from tests.test_extract import facts_of, objects


def duties(tmp_path, role: str, body: str, lang: str) -> set[str]:
    return {label.lower() for label in objects(facts_of(tmp_path, role, body, lang), "responsibility")}


def test_a_duty_bullet_opens_on_a_verb_where_its_first_word_can_be_one():
    assert [t.pos for t in analyse("Plan shifts", "en")][0] == "NOUN"  # the model alone: a compound noun
    assert [t.pos for t in analyse("Plan shifts", "en", imperative=True)][0] == "VERB"
    assert [t.pos for t in analyse("Monitor stock levels", "en", imperative=True)][0] == "VERB"
    assert [t.pos for t in analyse("Customer service", "en", imperative=True)][0] == "NOUN"  # no verb reading: unchanged
    assert [t.pos for t in analyse("Controllo delle consegne", "it", imperative=True)][0] == "NOUN"  # no base form


def test_imperative_bullets_with_two_verb_phrases_are_two_duties_en(tmp_path):
    body = "## What you'll do\n\n- Plan rotas and order fresh stock\n- Mentor junior cooks and check deliveries\n"
    found = duties(tmp_path, "Kitchen Supervisor", body, "en")
    assert {"plan rotas", "order fresh stock", "mentor junior cooks", "check deliveries"} <= found
    assert not any(d.startswith("plan rotas and") for d in found)


def test_verbs_in_a_series_share_their_object_en(tmp_path):
    body = ("## Responsibilities\n\n- Install, test and certify domestic wiring, keeping records for every job on site\n"
            "- Explain fixed, variable and tracker rates in plain English to every customer who calls\n")
    found = duties(tmp_path, "Electrician", body, "en")
    assert "install, test and certify domestic wiring" in found
    assert "explain fixed, variable and tracker rates in plain english to every customer who calls" in found \
        or "explain fixed, variable and tracker rates in plain english to every customer" in found
    assert "install" not in found and "explain fixed" not in found


def test_a_long_bullet_still_ends_at_a_comma_that_opens_a_new_clause_en(tmp_path):
    body = "## Duties\n\n- Prepare the daily reports, attend the morning meeting with the unit manager and answer calls\n"
    assert "prepare the daily reports" in duties(tmp_path, "Ward Clerk", body, "en")


def test_verbs_in_a_series_share_their_object_it(tmp_path):
    body = "## Mansioni\n\n- Pulire, sanificare e riordinare la cucina, seguendo le procedure previste dal piano di autocontrollo\n"
    found = duties(tmp_path, "Aiuto cuoco", body, "it")
    assert "pulire, sanificare e riordinare la cucina" in found and "pulire" not in found


def test_a_bullet_of_two_action_nouns_is_two_duties_it(tmp_path):
    body = ("## Attività principali\n\n- Gestione dei turni del reparto e verifica delle scorte di farmaci\n"
            "- Stima e accertamento dei danni\n- Redazione di verbali e relazioni\n")
    found = duties(tmp_path, "Coordinatore infermieristico", body, "it")
    assert {"gestione dei turni del reparto", "verifica delle scorte di farmaci"} <= found
    assert "stima e accertamento dei danni" in found  # one complement shared: one duty
    assert "redazione di verbali e relazioni" in found  # a second object, not a second action


def test_a_link_between_several_parties_is_one_duty_it(tmp_path):
    body = "La segretaria di studio fa da punto di contatto tra i medici, i pazienti e i fornitori."
    found = duties(tmp_path, "Segretaria di studio", body, "it")
    assert "punto di contatto tra i medici, i pazienti e i fornitori" in found
    assert "pazienti" not in found and "fornitori" not in found


def test_a_duty_naming_a_rule_stays_when_an_action_opens_it_it(tmp_path):
    body = ("## Cosa fa\n\n- sorvegliare l'osservanza del regolamento aziendale e delle procedure interne;\n"
            "- rispettare il Codice deontologico e la normativa di settore;\n")
    found = duties(tmp_path, "Responsabile della sicurezza", body, "it")
    assert any(d.startswith("sorvegliare l'osservanza del regolamento") for d in found)
    assert not any(d.startswith("rispettare") for d in found)  # to respect a code is no duty


def test_what_the_employer_does_for_the_reader_is_no_duty_en(tmp_path):
    body = "Our pharmacy technicians dispense prescriptions. We pay all exam fees and give you study leave."
    found = duties(tmp_path, "Pharmacy Technician", body, "en")
    assert "dispense prescriptions" in found and not any("study leave" in d for d in found)


def test_a_whose_clause_stays_with_its_object_en(tmp_path):
    body = "## Responsibilities\n\n- find landlords whose boilers are due for their annual service\n"
    assert "find landlords whose boilers are due for their annual service" in duties(tmp_path, "Gas Engineer", body, "en")


def test_exams_requirements_and_benefits_are_no_duties_en(tmp_path):
    body = ("Pharmacists must pass the registration assessment before they practise.\n\n"
            "## What you'll do\n\n- Competitive salary and 25 days holiday\n- Check, label and dispense medicines\n")
    found = duties(tmp_path, "Pharmacist", body, "en")
    assert found == {"check, label and dispense medicines"}


def test_exams_requirements_and_benefits_are_no_duties_it(tmp_path):
    body = ("Per fare il cuoco serve un apprendistato in cucina. Il cuoco deve superare l'esame HACCP.\n\n"
            "## Mansioni\n\n- Buoni pasto e assicurazione sanitaria\n- Servire i clienti al tavolo\n")
    found = duties(tmp_path, "Cuoco", body, "it")
    assert found == {"servire i clienti al tavolo"}


def test_what_you_will_do_is_a_duty_en(tmp_path):
    body = "You'll also train new staff and order stock. If you want to progress, you will need a Level 3 diploma. You will be paid weekly."
    found = duties(tmp_path, "Cook", body, "en")
    assert {"train new staff", "order stock"} <= found
    assert not any("diploma" in d or "paid" in d for d in found)


def test_what_you_will_take_care_of_is_a_duty_it(tmp_path):
    body = "Nel nostro ristorante ti occuperai della preparazione dei piatti e della gestione degli ordini."
    assert {"preparazione dei piatti", "gestione degli ordini"} <= duties(tmp_path, "Cuoco", body, "it")


def test_a_question_word_before_to_opens_no_purpose_en(tmp_path):
    body = "The dispatcher decides whether to send an ambulance crew."
    assert "decide whether to send an ambulance crew" in duties(tmp_path, "Dispatcher", body, "en")
