"""English duties and skills as trade, care, legal and service articles write them: verbs the tagger misreads in a
coordinated series, a guide's "you might", lists announced by "you'll need to:" or by headings such as "The Role" and
"What Locksmiths Do", skills and qualities listed after a label or named by "good at", "an eye for", "people who are".
Sentences written for these tests (issue #14)."""

from __future__ import annotations

from kg.extract.engine import _holds
from tests.test_extract import facts_of, objects


def lowered(tmp_path, role: str, body: str, kind: str) -> set[str]:
    return {label.lower() for label in objects(facts_of(tmp_path, role, body, "en"), kind)}


def test_coordinated_duties_the_tagger_reads_as_nouns_are_one_fact_each(tmp_path):
    body = ("A paralegal drafts letters, updates client files and organises court bundles. You will greet visitors and "
            "book appointments.")
    duties = lowered(tmp_path, "Paralegal", body, "responsibility")
    assert {"draft letters", "update client files", "organise court bundles", "greet visitors", "book appointments"} <= duties
    assert not any(d.endswith("updates") or " and book" in d for d in duties)


def test_verbs_in_a_series_share_their_object_after_you_will(tmp_path):
    duties = lowered(tmp_path, "Line cook", "You'll prepare, cook and plate fresh meals.", "responsibility")
    assert "prepare, cook and plate fresh meals" in duties


def test_a_guide_tells_the_day_with_you_might_but_not_the_career(tmp_path):
    body = "After that, you might wash and condition hair. With experience you could progress to salon manager."
    duties = lowered(tmp_path, "Hairdresser", body, "responsibility")
    assert "wash and condition hair" in duties
    assert not any(d.startswith("progress") for d in duties)


def test_a_lead_ending_need_to_announces_duties_not_skills(tmp_path):
    body = "As a legal secretary, you'll need to:\n\n- type up dictation\n- file court documents\n"
    facts = facts_of(tmp_path, "Legal secretary", body, "en")
    assert {"type up dictation", "file court documents"} <= {d.lower() for d in objects(facts, "responsibility")}
    assert not objects(facts, "skill")


def test_role_and_job_headings_announce_duties(tmp_path):
    body = "## The Role\n\n- Running the pastry section\n- Ordering stock for the kitchen\n"
    assert {"running the pastry section", "ordering stock for the kitchen"} <= lowered(tmp_path, "Pastry chef", body, "responsibility")


def test_a_final_dollar_anchors_a_heading_cue_at_its_end():
    assert _holds("what locksmiths do", "what ... do$") and _holds("what do locksmiths do?", "what ... do$")
    assert not _holds("what qualifications do you need", "what ... do$")


def test_tasks_ranging_from_one_thing_to_another_are_two_duties(tmp_path):
    body = "A receptionist's tasks range from answering the phone to managing the diary."
    duties = lowered(tmp_path, "Receptionist", body, "responsibility")
    assert {"answering the phone", "managing the diary"} <= duties


def test_plumbers_called_out_to_fix_things_and_what_working_as_one_means(tmp_path):
    body = "Plumbers are often called out to fix burst pipes. Working as a plumber means fitting boilers and unblocking drains."
    facts = facts_of(tmp_path, "Plumber", body, "en")
    assert {"fix burst pipes", "fitting boilers", "unblocking drains"} <= {d.lower() for d in objects(facts, "responsibility")}
    assert not objects(facts, "alias")  # "often called out to" names no other name of the role


def test_skills_listed_after_a_label_are_one_skill_each(tmp_path):
    body = ("Skills: attention to detail, manual dexterity, a steady hand.\n\n"
            "What makes a good locksmith: patience and a good eye for security.")
    skills = lowered(tmp_path, "Locksmith", body, "skill")
    assert {"attention to detail", "manual dexterity", "steady hand", "patience"} <= skills
    assert any(s.endswith("eye for security") for s in skills)


def test_skills_named_by_good_at_an_eye_for_and_what_helps(tmp_path):
    body = ("You should be good at maths. Tilers need a keen eye for symmetry. Creativity and an interest in design help "
            "too. You will need to be patient and have a steady hand.")
    skills = lowered(tmp_path, "Tiler", body, "skill")
    assert {"maths", "creativity", "interest in design", "patient"} <= skills
    assert any(s.endswith("eye for symmetry") for s in skills)


def test_qualities_of_the_people_employers_want(tmp_path):
    body = "Employers want people who are patient, reliable and physically fit. Homes look for staff with a friendly manner."
    skills = lowered(tmp_path, "Care assistant", body, "skill")
    assert {"patient", "reliable", "physically fit", "friendly manner"} <= skills


def test_a_degree_sought_of_people_is_no_skill(tmp_path):
    body = "Some councils hire people with a bachelor's degree in geography or public administration."
    assert not lowered(tmp_path, "Town planner", body, "skill")


def test_being_able_alone_is_no_skill(tmp_path):
    body = "## Skills\n\n- Being able to stay calm under pressure\n"
    skills = lowered(tmp_path, "Paramedic", body, "skill")
    assert "being able" not in skills and "stay calm under pressure" in skills


def test_the_role_in_the_plural_and_verbs_the_tables_know(tmp_path):
    body = "Carpenters measure, cut and shape timber. Carpenters build staircases, fit kitchens and hang doors."
    duties = lowered(tmp_path, "Carpenter", body, "responsibility")
    assert {"measure, cut and shape timber", "build staircases", "fit kitchens", "hang doors"} <= duties


def test_a_colon_list_of_gerunds_after_a_time_of_day(tmp_path):
    body = "Afternoons are spent on admin: chasing suppliers, sending out invoices and archiving old files."
    duties = lowered(tmp_path, "Office assistant", body, "responsibility")
    assert {"chasing suppliers", "sending out invoices", "archiving old files"} <= duties


def test_a_quality_before_another_clause_and_a_noun_with_its_complement(tmp_path):
    body = "You have to be organised, and you need excellent grammar and a good memory for names."
    skills = lowered(tmp_path, "Court reporter", body, "skill")
    assert {"organised", "grammar", "memory for names"} <= skills


def test_qualities_of_the_good_ones_what_the_job_requires_and_what_one_must_have(tmp_path):
    body = ("Good carpenters are methodical and safety-conscious. The job requires patience, stamina and a steady hand. "
            "Carpenters should have good hand-eye coordination. Every firm must have enough resources.")
    skills = lowered(tmp_path, "Carpenter", body, "skill")
    assert {"methodical", "safety-conscious", "patience", "stamina", "steady hand", "hand-eye coordination"} <= skills
    assert "resources" not in skills and "enough resources" not in skills


def test_leads_that_announce_duties_or_qualities(tmp_path):
    body = ("What you'll be doing:\n\n- Serve hot drinks\n- Clean the coffee machine\n\n"
            "The ideal candidate will:\n\n- be friendly and reliable\n- have a passion for coffee\n")
    facts = facts_of(tmp_path, "Barista", body, "en")
    duties = {d.lower() for d in objects(facts, "responsibility")}
    assert {"serve hot drinks", "clean the coffee machine"} <= duties
    assert not any("friendly" in d or "passion" in d for d in duties)
