"""Skills, qualifications and industries as articles outside finance write them (issue #14): a sector's workplaces
after a colon, what employers look for, a line of qualities under a skills heading, a second cue noun, an
apprenticeship with its trade. Sentences written for these tests, from kitchens, care, the trades and the public
sector."""

from __future__ import annotations

from tests.test_extract import facts_of, objects


def lowered(facts, kind: str) -> set[str]:
    return {label.lower() for label in objects(facts, kind)}


def test_a_sectors_workplaces_after_a_colon_are_industries_not_duties_en(tmp_path):
    body = "Commis chefs work in hospitality and catering: restaurants, hotels, pubs and contract caterers."
    facts = facts_of(tmp_path, "Commis Chef", body, "en")
    assert {"restaurants", "hotels", "pubs", "contract caterers", "hospitality"} <= lowered(facts, "industry")
    assert not lowered(facts, "responsibility")


def test_a_sectors_workplaces_after_a_colon_it(tmp_path):
    body = "Il cuoco trova lavoro nella ristorazione: ristoranti, alberghi e mense aziendali."
    facts = facts_of(tmp_path, "Cuoco", body, "it")
    assert {"ristoranti", "alberghi", "mense aziendali", "ristorazione"} <= lowered(facts, "industry")
    assert not lowered(facts, "responsibility")


def test_the_employers_named_after_a_sector_en_it(tmp_path):
    en = facts_of(tmp_path, "Crane Operator", "Most operators work in construction, for contractors and plant hire companies.", "en")
    assert {"construction", "contractors", "plant hire companies"} <= lowered(en, "industry")
    it = facts_of(tmp_path, "Muratore", "Il muratore lavora nell'edilizia, per imprese edili. Lavora in cantiere, per ore.", "it")
    assert {"edilizia", "imprese edili"} <= lowered(it, "industry") and "ore" not in lowered(it, "industry")


def test_what_employers_look_for_en(tmp_path):
    body = ("Employers look for speed, stamina and a passion for food. Clients value a friendly manner. "
            "Most employers prefer a bachelor's degree in business, finance or real estate.")
    skills = lowered(facts_of(tmp_path, "Commis Chef", body, "en"), "skill")
    assert {"speed", "stamina", "passion for food", "friendly manner"} <= skills
    assert not {"finance", "real estate"} & skills  # the fields of a degree asked for are no skills


def test_experience_of_doing_and_a_second_cue_noun_en(tmp_path):
    body = ("Employers ask for experience operating tower cranes. Knowledge of colour chemistry and experience using "
            "clippers are useful. Strong written communication and negotiation skills are essential, along with knowledge "
            "of planning law and confidence using GIS software.")
    skills = lowered(facts_of(tmp_path, "Planner", body, "en"), "skill")
    assert {"experience operating tower cranes", "knowledge of colour chemistry", "experience using clippers",
            "knowledge of planning law", "confidence using gis software"} <= skills
    assert "essential" not in skills


def test_a_list_that_opens_the_sentence_and_a_line_of_qualities_en(tmp_path):
    body = ("Kindness, patience and a good sense of humour matter more than qualifications. In this job, patience matters.\n\n"
            "## About you\n\nPhysically fit, comfortable working at heights. Calm, organised and good with nervous patients.\n\n"
            "## Pay\n\nWeekly, monthly or annual.")
    skills = lowered(facts_of(tmp_path, "Care Assistant", body, "en"), "skill")
    assert {"kindness", "patience", "sense of humour", "physically fit", "comfortable working at heights", "calm",
            "organised"} <= skills
    assert not {"in this job", "weekly", "monthly"} & skills


def test_italian_requirements_name_skills_not_duties(tmp_path):
    body = ("All'elettricista si chiedono manualità, attenzione alla sicurezza e problem solving. Serve la conoscenza "
            "della norma CEI 64-8. Aiutano la conoscenza dell'inglese e la capacità di gestire lo stress.")
    facts = facts_of(tmp_path, "Elettricista", body, "it")
    assert {"manualità", "attenzione alla sicurezza", "problem solving", "conoscenza dell'inglese",
            "capacità di gestire lo stress"} <= lowered(facts, "skill")
    assert not any(d.startswith(("servire", "aiutare")) for d in lowered(facts, "responsibility"))


def test_no_bare_verb_negation_or_bonus_is_a_skill_it(tmp_path):
    body = ("Conta saper leggere le persone e non prendersela. Il promotore deve inoltre sapere che le società operano "
            "con licenza. Un promotore con esperienza ne prende 90, più qualche premio legato al venduto.")
    skills = lowered(facts_of(tmp_path, "Promotore commerciale", body, "it"), "skill")
    assert "saper leggere le persone" in skills
    assert not {"non prendersela", "sapere"} & skills and not any("premio" in s for s in skills)


def test_apprenticeships_and_courses_with_their_trade(tmp_path):
    en = lowered(facts_of(tmp_path, "Commis Chef", "You can start with a commis chef apprenticeship. You will complete the "
                          "Care Certificate in your first twelve weeks. Many go on to a Level 3 Diploma in Adult Care.", "en"),
                 "qualification")
    assert {"commis chef apprenticeship", "care certificate", "level 3 diploma in adult care"} <= en
    assert "apprenticeship" not in en and "diploma in adult care" not in en
    it = lowered(facts_of(tmp_path, "Operatore socio-sanitario", "Serve l'attestato rilasciato al termine di un corso "
                          "regionale di 1000 ore. Ha frequentato un corso di pasticceria. Nel corso di tre anni ha imparato.", "it"),
                 "qualification")
    assert {"corso regionale di 1000 ore", "corso di pasticceria"} <= it and not any("tre anni" in q for q in it)


def test_a_rated_table_row_and_a_title_case_entry_are_one_skill(tmp_path):
    it = ("## Conoscenze\n\n| Conoscenza | Importanza (0-100) |\n|---|---|\n| Economia e contabilità | 71 |\n"
          "| Legislazione e istituzioni | 58 |\n\n## Contabilità e bilancio\n\n- Fatture e registri\n")
    skills = lowered(facts_of(tmp_path, "Responsabile acquisti", it, "it"), "skill")
    assert {"economia e contabilità", "legislazione e istituzioni"} <= skills
    assert not any("importanza" in s or s in ("istituzioni", "fatture") for s in skills)  # "contabilità" names no skills heading
    en = "## Knowledge\n\n- Customer and Personal Service\n- Building and Construction\n\n## Skills\n\n- Patience and empathy\n"
    skills = lowered(facts_of(tmp_path, "Claims Adjuster", en, "en"), "skill")
    assert {"customer and personal service", "building and construction", "patience", "empathy"} <= skills
