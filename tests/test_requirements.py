"""Skills and qualifications as requirements state them: list items under a requirements heading, "N years of"
experience, the noun phrases "you need", credentials of study with their field. Sentences written for these tests,
in domains the tuning sets lack (care, trades, kitchens)."""

from __future__ import annotations

from tests.test_extract import facts_of, objects


def lowered(facts, kind: str) -> set[str]:
    return {label.lower() for label in objects(facts, kind)}


def test_a_requirements_list_gives_skills_and_qualifications_en(tmp_path):
    body = ("## Requirements\n\n- Bachelor's degree in Nursing or equivalent\n- Excellent written and verbal communication\n"
            "- Mentorship qualification\n- Calm under pressure and a good sense of humour\n")
    facts = facts_of(tmp_path, "Staff Nurse", body, "en")
    skills, qualifications = lowered(facts, "skill"), lowered(facts, "qualification")
    assert "written and verbal communication" in skills and "written" not in skills  # one skill, not a lone adjective
    assert {"bachelor's degree in nursing or equivalent", "mentorship qualification"} <= qualifications
    assert not any("communication" in q or "humour" in q for q in qualifications)


def test_essential_and_desirable_are_requirement_headings_en(tmp_path):
    body = "## Essential\n\n- Mentoring certificate\n- Knife skills\n\n## Desirable\n\n- Pastry experience\n"
    facts = facts_of(tmp_path, "Commis Chef", body, "en")
    assert {"knife skills", "pastry experience"} <= lowered(facts, "skill")
    assert "mentoring certificate" in lowered(facts, "qualification")
    assert "mentoring certificate" not in lowered(facts, "skill")


def test_years_of_experience_name_what_they_were_spent_on_en(tmp_path):
    body = "## What you'll need\n\n- 2+ years of experience with Kubernetes\n- 1+ year of cash handling or customer service experience\n"
    skills = lowered(facts_of(tmp_path, "Site Reliability Engineer", body, "en"), "skill")
    assert {"kubernetes", "cash handling", "customer service experience"} <= skills
    assert not any(s[0].isdigit() or s.startswith("year") for s in skills)


def test_the_noun_phrases_you_need_are_skills_en(tmp_path):
    body = "To do the job well you'll need good numeracy, a steady hand and patience. You need a full driving licence."
    facts = facts_of(tmp_path, "Electrician", body, "en")
    skills = lowered(facts, "skill")
    assert {"numeracy", "steady hand", "patience"} <= skills
    assert not any("good" in s or "licence" in s for s in skills)  # no intensifier; a licence is no skill


def test_the_noun_phrases_the_role_needs_are_skills_en(tmp_path):
    body = "Chefs need creativity, stamina and a good palate. The rule requires kitchens and caterers to keep records."
    skills = lowered(facts_of(tmp_path, "Chef", body, "en"), "skill")
    assert {"creativity", "stamina", "palate"} <= skills and not {"kitchens", "caterers"} & skills


def test_a_degree_in_a_field_and_school_credentials_en(tmp_path):
    body = ("Employers look for candidates with a degree in civil engineering, a HND or a foundation degree. "
            "Most cooks have GCSEs in maths and English and an NVQ Level 3 in Professional Cookery. "
            "I started straight after my A-levels.")
    facts = facts_of(tmp_path, "Site Engineer", body, "en")
    qualifications = lowered(facts, "qualification")
    assert {"degree in civil engineering", "hnd", "foundation degree", "gcses in maths and english",
            "nvq level 3 in professional cookery"} <= qualifications
    assert not any("a-level" in q for q in qualifications)  # the writer's own, not the role's
    assert not any("candidate" in s for s in lowered(facts, "skill"))


def test_a_requisiti_list_gives_skills_and_qualifications_it(tmp_path):
    body = "## Requisiti\n\n- Laurea triennale in Logopedia\n- Disponibilità a turni notturni\n- Titolo preferenziale: inglese\n"
    facts = facts_of(tmp_path, "Logopedista", body, "it")
    assert "laurea triennale in logopedia" in lowered(facts, "qualification")
    assert "disponibilità a turni notturni" in lowered(facts, "skill")
    assert "disponibilità a turni notturni" not in lowered(facts, "qualification")


def test_an_apprenticeship_is_a_qualification_it(tmp_path):
    body = "Per diventare elettricista serve un apprendistato oppure un corso di formazione regionale."
    qualifications = lowered(facts_of(tmp_path, "Elettricista", body, "it"), "qualification")
    assert "apprendistato" in qualifications and any(q.startswith("corso di formazione") for q in qualifications)


def test_an_item_the_rules_read_whole_is_not_repeated_en(tmp_path):
    body = "## Skills\n\n- Proficiency in AutoCAD, Revit and SketchUp\n- Basic maths skills and strong attention to detail\n"
    skills = objects(facts_of(tmp_path, "Architectural Technician", body, "en"), "skill")
    assert {"Revit", "SketchUp", "attention to detail"} <= skills
    assert not any("," in s for s in skills)  # the first item is read as its three tools, not once more whole


def test_years_of_experience_name_what_they_were_spent_on_it(tmp_path):
    body = "## Requisiti\n\n- Almeno 2 anni di esperienza nella gestione del personale\n- 5 anni di esperienza in contabilità generale e bilancio\n"
    skills = lowered(facts_of(tmp_path, "Office manager", body, "it"), "skill")
    assert {"gestione del personale", "contabilità generale", "bilancio"} <= skills
    assert not any("anni" in s for s in skills)
