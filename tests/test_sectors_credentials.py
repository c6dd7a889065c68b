"""Sectors named as such, credentials named by their kind and a profession's own body (issue #14, branch edu):
the frames that introduce a workplace, a qualification or a governing body in any domain. Every sentence was
written for these tests."""

from __future__ import annotations

from tests.test_extract import facts_of
from tests.test_regulators import labels
from tests.test_workplaces import lowered


# ---------------------------------------------------------------- industries

def test_sectors_a_sentence_names_as_written_en(tmp_path):
    body = ("Our fastest-growing sectors are agritech, veterinary diagnostics and pet insurance. "
            "Sectors recruiting hardest this winter: ski resorts, ferry operators and the care sector. "
            "The industry is live events, which overlaps with broadcasting and tourism.")
    industries = lowered(facts_of(tmp_path, "Sound Engineer", body, "en"), "industry")
    assert {"agritech", "veterinary diagnostics", "pet insurance", "ski resorts", "ferry operators", "care sector",
            "live events", "broadcasting", "tourism"} <= industries
    assert not any(label.startswith(("our ", "fastest")) for label in industries)


def test_no_sector_from_what_the_industry_is_like_en(tmp_path):
    body = ("The industry is growing fast. The sectors are regulated by the Gambling Commission. "
            "Our busiest sector is small.")
    industries = lowered(facts_of(tmp_path, "Croupier", body, "en"), "industry")
    assert not industries & {"growing fast", "regulated by the gambling commission", "our busiest", "busiest"}


def test_posts_are_in_and_followed_by_en(tmp_path):
    body = "Most posts are in boutique hotels and country pubs, followed by golf clubs and spas."
    industries = lowered(facts_of(tmp_path, "Barista", body, "en"), "industry")
    assert {"boutique hotels", "country pubs", "golf clubs", "spas"} <= industries


def test_mining_named_alone_is_a_sector_en(tmp_path):
    body = "Surveyors find work in construction, mining and local government."
    assert "mining and quarrying" in lowered(facts_of(tmp_path, "Surveyor", body, "en"), "industry")


def test_what_the_sector_comprises_it(tmp_path):
    body = ("Il settore comprende vivai, garden center e manutenzione del verde; il lavoro è stagionale. "
            "Il settore comprende anche molte piccole imprese familiari.")
    industries = lowered(facts_of(tmp_path, "Giardiniere", body, "it"), "industry")
    assert {"vivai", "garden center", "manutenzione del verde"} <= industries
    assert not any("piccole imprese" in label for label in industries)


# ---------------------------------------------------------------- qualifications

def test_certificates_named_by_what_they_certify_en(tmp_path):
    body = ("Most deckhands hold a basic sea survival certificate and a powerboat handling certificate. "
            "Crane operators need a two-year slinger signaller certificate and a lifting supervisor (LS) certificate. "
            "Bring your birth certificate and a gas safety certificate for the flat.")
    qualifications = labels(facts_of(tmp_path, "Deckhand", body, "en"), "qualification")
    assert {"basic sea survival certificate", "powerboat handling certificate", "slinger signaller certificate",
            "lifting supervisor (LS) certificate"} <= qualifications
    assert not {"birth certificate", "gas safety certificate"} & qualifications


def test_no_certificate_from_a_clause_en(tmp_path):
    body = "The honest answer is certification. Candidates need a certain school leaving certificate."
    qualifications = labels(facts_of(tmp_path, "Museum Guide", body, "en"), "qualification")
    assert not any(label.startswith(("honest", "answer", "certain")) for label in qualifications)


def test_kinds_of_training_en(tmp_path):
    body = ("New guards complete induction training and conflict training, then refresher training every year. "
            "Cleaners also get COSHH training. The supervisor delivers induction training to new starters.")
    qualifications = labels(facts_of(tmp_path, "Security Guard", body, "en"), "qualification")
    assert {"induction training", "refresher training", "COSHH training"} <= qualifications
    assert "conflict training" not in qualifications  # a kind the rule does not know stays unread
    body = "Apprentices attend the NVQ Training Centre twice a week."
    assert "NVQ Training" not in labels(facts_of(tmp_path, "Glazier", body, "en"), "qualification")


def test_a_programme_one_completes_or_applies_to_en(tmp_path):
    body = ("Most midwives start by applying to a midwifery degree programme. Completion of an accredited dental "
            "hygiene program in oral health is required. Staff attend the same course every spring.")
    qualifications = labels(facts_of(tmp_path, "Midwife", body, "en"), "qualification")
    assert {"midwifery degree programme", "accredited dental hygiene program in oral health"} <= qualifications
    assert not any(label.startswith("same") for label in qualifications)


# ---------------------------------------------------------------- regulators

def test_the_profession_s_own_body_en(tmp_path):
    body = ("The Institute of Brewing and Distilling (IBD) is the main professional body for brewers. "
            "The Brewers Council, the statutory regulator of the trade, keeps a register. "
            "Unite is the main trade union, and Hopco is the leading professional services firm.")
    regulators = labels(facts_of(tmp_path, "Brewer", body, "en"), "regulator")
    assert {"IBD", "Brewers Council"} <= regulators
    assert not {"Unite", "Hopco"} & regulators


def test_ratings_endorsements_and_named_courses_en(tmp_path):
    body = ("Most skippers add a night sailing endorsement and a tidal waters rating. The café has a five-star hygiene "
            "rating and an ESRB rating on its menu app. The Floristry and Event Design Level 2 apprenticeship takes a "
            "year; many first take an RHS Practical Horticulture course or join the Graduate Entry Programme (GEP).")
    qualifications = labels(facts_of(tmp_path, "Skipper", body, "en"), "qualification")
    assert {"night sailing endorsement", "tidal waters rating", "Floristry and Event Design Level 2 apprenticeship",
            "RHS Practical Horticulture course", "Graduate Entry Programme"} <= qualifications
    assert not {"five-star hygiene rating", "hygiene rating", "ESRB rating"} & qualifications
    body = "Take an ABC Board-approved course or a City and Guilds Level 2 or 3 course."
    qualifications = labels(facts_of(tmp_path, "Florist", body, "en"), "qualification")
    assert not {"ABC Board-approved course", "3 course"} & qualifications


# ---------------------------------------------------------------- regulated entities

def test_kinds_named_by_what_they_do_en(tmp_path):
    body = ("Under the Scrap Metal Dealers Act 2013, every yard that buys scrap metal must hold a licence. "
            "Every welder that I know must work hard.")
    bound = labels(facts_of(tmp_path, "Scrap Dealer", body, "en"), "applies_to")
    assert any(label.startswith("yard that buy") for label in bound)
    assert not any("i know" in label for label in bound)


def test_kinds_a_rule_binds_by_example_or_as_its_object_it(tmp_path):
    body = ("Il D.P.R. 151/2011 elenca le attività soggette ai controlli, come discoteche, palestre e campeggi. "
            "Il bar, la gelateria e il chiosco sono tutti oggetto di questa regola. Il lavoro è soggetto a turni, come "
            "tutti sanno.")
    bound = labels(facts_of(tmp_path, "Ispettore antincendio", body, "it"), "applies_to")
    assert {"discoteca", "palestra", "campeggio", "bar", "gelateria", "chiosco"} <= {label.lower() for label in bound}
    assert not any(label.lower().startswith("tutt") for label in bound)
