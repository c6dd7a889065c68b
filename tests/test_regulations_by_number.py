"""Acts, standards, schemes, public competitions and qualifications read by their shape (issue #14, branch regsedu):
the kinds of regulation and title the licensing pages of trades, care, law and the public sector name. Every sentence
was written for these tests."""

from __future__ import annotations

from tests.test_extract import facts_of
from tests.test_regulators import labels


def test_acts_and_standards_by_number_en(tmp_path):
    body = ("Drone operators follow Regulation (EU) 2019/947 and the Air Navigation Order 2016. Welded frames are "
            "checked to CSA W59, pressure work to ASME Section IX and loads to AS/NZS 1170. In Spain the Royal Decree "
            "1027/2007 sets heating rules.")
    regulations = labels(facts_of(tmp_path, "Drone Pilot", body, "en"), "regulation")
    assert {"Regulation (EU) 2019/947", "Air Navigation Order 2016", "CSA W59", "ASME Section IX", "AS/NZS 1170",
            "Royal Decree 1027/2007"} <= regulations
    assert "EU" not in regulations


def test_a_scheme_by_its_name_but_not_a_graduate_one_en(tmp_path):
    body = ("Installers can join the Approved Boiler Fitters Scheme. Breaches are reported under the Notifiable Data "
            "Breaches scheme. The Graduate Programme lasts two years, the Cycle Scheme saves tax and new nurses join the "
            "Nurse Residency Program.")
    regulations = labels(facts_of(tmp_path, "Heating Engineer", body, "en"), "regulation")
    assert {"Approved Boiler Fitters Scheme", "Notifiable Data Breaches scheme"} <= regulations
    assert not {"Graduate Programme", "Cycle Scheme", "Nurse Residency Program"} & regulations


def test_a_licence_from_an_acronym_names_its_issuer_en(tmp_path):
    body = "Bus drivers first get a provisional licence from the DVLA."
    assert "DVLA" in labels(facts_of(tmp_path, "Bus Driver", body, "en"), "regulator")


def test_titled_degrees_and_level_awards_en(tmp_path):
    body = ("Most audiologists hold a Bachelor of Science in Audiology or a Master of Clinical Audiology (MClinAud). "
            "Technicians also need an Award in the Safe Handling of Medicines.")
    qualifications = labels(facts_of(tmp_path, "Audiologist", body, "en"), "qualification")
    assert {"Bachelor of Science in Audiology", "Master of Clinical Audiology",
            "Award in the Safe Handling of Medicines"} <= qualifications


def test_decrees_by_date_and_abbreviation_it(tmp_path):
    body = ("L'attività resta disciplinata dal R.D. 3 marzo 1934, n. 383, dal D.M. 15 luglio 2003 e dal D.M. 1° marzo "
            "2019, n. 18; le etichette seguono il Reg. (UE) n. 1169/2011.")
    regulations = labels(facts_of(tmp_path, "Erborista", body, "it"), "regulation")
    assert {"R.D. 3 marzo 1934, n. 383", "D.M. 15 luglio 2003", "D.M. 1° marzo 2019, n. 18",
            "Reg. (UE) n. 1169/2011"} <= regulations


def test_public_competitions_but_not_an_internal_one_it(tmp_path):
    body = ("Si entra nella polizia locale per concorso pubblico. Il posto di titolare si ottiene con il concorso "
            "straordinario per le sedi vacanti. Per diventare ispettore serve un concorso interno.")
    regulations = labels(facts_of(tmp_path, "Agente di polizia locale", body, "it"), "regulation")
    assert {"concorso pubblico", "concorso straordinario per le sedi vacanti"} <= regulations
    assert not any("interno" in r for r in regulations)


def test_traineeships_by_length_and_a_title_that_ends_at_the_next_it(tmp_path):
    body = ("Serve la laurea magistrale a ciclo unico in Odontoiatria, poi un tirocinio di dodici mesi presso uno "
            "studio. In alternativa la qualifica di operatore meccanico o diploma di perito meccanico. Durante il "
            "tirocinio si impara molto.")
    qualifications = labels(facts_of(tmp_path, "Odontoiatra", body, "it"), "qualification")
    assert {"laurea magistrale a ciclo unico in Odontoiatria", "tirocinio di dodici mesi",
            "qualifica di operatore meccanico", "diploma di perito meccanico"} <= qualifications
    assert "tirocinio" not in qualifications



def test_the_workplaces_a_sector_lists_after_a_colon(tmp_path):
    body_it = "Lavora nel settore socioassistenziale: case di riposo, comunità e centri diurni."
    industries_it = labels(facts_of(tmp_path, "Educatore", body_it, "it"), "industry")
    assert {"case di riposo", "centri diurni"} <= industries_it
    body_en = "Porters work in the leisure sector: hotels, gyms and stadiums."
    industries_en = labels(facts_of(tmp_path, "Porter", body_en, "en"), "industry")
    assert {"hotels", "gyms", "stadiums"} <= industries_en


def test_the_body_that_holds_a_register_or_takes_the_registration(tmp_path):
    body_en = "Only people on the register held by Podiatry Council Scotland may use the title."
    assert "Podiatry Council Scotland" in labels(facts_of(tmp_path, "Podiatrist", body_en, "en"), "regulator")
    body_it = "Ci si iscrive all'albo presso l'Ordine TSRM e PSTRP della propria provincia."
    assert "Ordine TSRM e PSTRP" in labels(facts_of(tmp_path, "Ortottista", body_it, "it"), "regulator")


def test_a_second_exam_of_a_pass_and_foundation_training_en(tmp_path):
    body = ("Candidates must pass the written theory exam and the practical driving test. New dentists then complete "
            "dental foundation training.")
    facts = facts_of(tmp_path, "Dentist", body, "en")
    assert "practical driving test" in labels(facts, "regulation")
    assert "foundation training" in labels(facts, "qualification")


def test_fitness_checks_and_regional_laws_it(tmp_path):
    body = ("Servono l'idoneità psicofisica e attitudinale e il libretto previsto dalle leggi regionali. Vale anche la "
            "legge regionale n. 12 del 2005.")
    regulations = labels(facts_of(tmp_path, "Agente di polizia penitenziaria", body, "it"), "regulation")
    assert {"idoneità psicofisica e attitudinale", "leggi regionali"} <= regulations
    assert "legge regionale" not in regulations
