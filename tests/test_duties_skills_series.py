"""Duties and skills as articles in any domain write them (issue #14, branch duties): a series of short names is one
skill a member, in a list item, on a line under a skills heading or after a "Tools:" label; conditions of access and
the role itself are no skills; the people a role collaborates with are no duty; leads that announce duties or skills
without naming them. Sentences written for these tests, from the trades, care, kitchens, hotels and offices."""

from __future__ import annotations

from tests.test_extract import facts_of, objects


def lowered(facts, kind: str) -> set[str]:
    return {label.lower() for label in objects(facts, kind)}


def test_a_series_of_short_names_in_a_requirements_item_is_a_skill_each(tmp_path):
    it = lowered(facts_of(tmp_path, "Barista", "## Chi cerchiamo\n\n- Cortesia, velocità e precisione\n- Inglese tecnico, scritto e letto", "it"), "skill")
    assert {"cortesia", "velocità", "precisione", "inglese tecnico, scritto e letto"} <= it  # the adjectives share their noun
    en = lowered(facts_of(tmp_path, "Bank Teller", "## Requirements\n\n- Patience, accuracy and tact\n"
                          "- Availability for early shifts, weekends and holidays", "en"), "skill")
    assert {"patience", "accuracy", "tact"} <= en
    assert not {"weekends", "holidays"} & en  # a complement shared by the series keeps it whole


def test_a_line_of_short_names_under_a_skills_heading(tmp_path):
    body = ("## Skills\n\nManual dexterity, patience, problem solving, customer service.\n\n"
            "## Tools\n\nPython, TypeScript, Go, React, GitHub Actions.")
    en = lowered(facts_of(tmp_path, "Locksmith", body, "en"), "skill")
    assert {"manual dexterity", "patience", "problem solving", "customer service", "go", "react", "github actions"} <= en
    body = "## Competenze\n\nPazienza, empatia, capacità di lavorare in gruppo e resistenza fisica."
    it = lowered(facts_of(tmp_path, "Operatore socio-sanitario", body, "it"), "skill")
    assert {"pazienza", "empatia", "capacità di lavorare in gruppo", "resistenza fisica"} <= it


def test_a_line_of_short_names_elsewhere_is_no_skill(tmp_path):
    body = "## Where they work\n\nHotels, hospitals, schools and care homes."
    assert not lowered(facts_of(tmp_path, "Cleaner", body, "en"), "skill")


def test_a_label_of_tools_or_knowledge(tmp_path):
    it = facts_of(tmp_path, "Elettricista", "**Strumenti e tecnologie:** multimetro, pinza amperometrica, domotica KNX.\n\n"
                  "**Conoscenze:** norme CEI, schemi elettrici.", "it")
    assert {"multimetro", "pinza amperometrica", "domotica knx", "norme cei", "schemi elettrici"} <= lowered(it, "skill")
    en = facts_of(tmp_path, "Hotel Receptionist", "Informatic tools: Opera PMS, Protel, Microsoft Office.\n\n"
                  "Skills that matter most in my job: upselling, complaint handling.", "en")
    assert {"opera pms", "protel", "microsoft office", "upselling", "complaint handling"} <= lowered(en, "skill")


def test_leads_that_announce_skills(tmp_path):
    en = facts_of(tmp_path, "Air Traffic Controller", "Important are:\n\n- Spatial awareness and fast thinking\n- Multitasking", "en")
    assert {"spatial awareness", "fast thinking", "multitasking"} <= lowered(en, "skill")
    it = facts_of(tmp_path, "Logopedista", "Sono importanti:\n\n- pazienza\n- creatività", "it")
    assert {"pazienza", "creatività"} <= lowered(it, "skill")


def test_conditions_of_access_and_the_role_itself_are_no_skills(tmp_path):
    it = lowered(facts_of(tmp_path, "Panettiere", "## Requisiti\n\n- Cittadinanza italiana\n- Età tra 18 e 26 anni\n"
                          "- Esperienza di almeno due anni come panettiere\n- Precisione", "it"), "skill")
    assert "precisione" in it and not {"cittadinanza italiana", "età tra 18 e 26 anni", "panettiere",
                                       "esperienza di almeno due anni"} & it
    en = lowered(facts_of(tmp_path, "Dental Hygienist", "## Requirements\n\n- Right to work in the UK\n- Proof of identity\n"
                          "- Excellent communication skills", "en"), "skill")
    assert not {"right to work in the uk", "proof of identity"} & en and en


def test_the_people_a_role_collaborates_with_are_no_duty(tmp_path):
    it = lowered(facts_of(tmp_path, "Giardiniere", "Il giardiniere pota le siepi e collabora con architetti del paesaggio, "
                          "agronomi e vivaisti. Collabora con l'infermiere nella prevenzione delle cadute.", "it"), "responsibility")
    assert not any(label.startswith("collaborare con architetti") for label in it)
    assert any("prevenzione delle cadute" in label for label in it)  # a work in common with an aim stays
    en = lowered(facts_of(tmp_path, "Civil Engineer", "Civil engineers design bridges and work closely with architects. "
                          "Civil engineers work closely with clients on the budget.", "en"), "responsibility")
    assert "work closely with architects" not in en
    assert "work closely with clients on the budget" in en


def test_leads_that_announce_duties(tmp_path):
    body = ("Their work typically includes:\n\n- agreeing the brief with the client\n- inspecting work on site\n\n"
            "On a normal day I:\n\n- staff the reference desk\n- write grant applications\n\n"
            "On a typical shift a paramedic will:\n\n- assess and triage patients")
    duties = lowered(facts_of(tmp_path, "Architect", body, "en"), "responsibility")
    assert {"agreeing the brief with the client", "inspecting work on site", "staff the reference desk",
            "write grant applications", "assess and triage patients"} <= duties
