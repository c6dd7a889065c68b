"""kg/review/decisions.py: each decision becomes the documented curation.yaml entry, dated, and the file keeps
everything a person wrote in it."""

from __future__ import annotations

import difflib

import pytest

from kg.resolve import curation
from kg.review.decisions import Decision, NoSuchFact, edit
from tests.conftest import REVIEW_DAY

AM = {"article": "account-manager", "subject": "account manager", "article_role": "account manager"}
HAND = """\
# Corrections for the sample corpus.
remove:
  # wrong everywhere
  - {role: account manager, kind: responsibility, object: numero di account più piccoli}

# renames, by hand
rename:
  - kind: responsibility
    from: punto di contatto
    to: punto di contatto per il cliente
add: []
"""


def decide(text: str, action: str, **fields) -> str:
    return edit(text, Decision(action, **{**AM, **fields}), REVIEW_DAY)


def entries(text: str) -> dict[str, list[dict]]:
    return {section: found for section, found in curation.parse(text).items() if found}


def test_each_decision_is_its_documented_entry_with_its_date():
    text = decide("", "accept", kind="skill", object="background finanziario o commerciale")
    text = decide(text, "reject", kind="location", object="Atlanta")
    text = decide(text, "rename", kind="responsibility", object="upselling", label="vendita di servizi aggiuntivi")
    text = decide(text, "add", kind="skill", object="", label="negoziazione", quote="Sa negoziare: è \"bravo\".")
    assert entries(text) == {
        "reviewed": [{"article": "account-manager", "kind": "skill", "object": "background finanziario o commerciale", "date": REVIEW_DAY}],
        "remove": [{"article": "account-manager", "kind": "location", "object": "Atlanta", "date": REVIEW_DAY}],
        "rename": [{"article": "account-manager", "kind": "responsibility", "from": "upselling",
                    "to": "vendita di servizi aggiuntivi", "date": REVIEW_DAY}],
        "add": [{"article": "account-manager", "kind": "skill", "object": "negoziazione",
                 "quote": "Sa negoziare: è \"bravo\".", "date": REVIEW_DAY}],
    }
    assert text.startswith("# Editors' corrections")
    assert list(curation.parse(text)) == list(curation.SECTIONS)  # every section, in the documented order
    assert "  - {article: account-manager, kind: location, object: Atlanta, date: 2026-03-02}\n" in text  # one line each


def test_a_later_decision_on_a_fact_replaces_the_earlier_one():
    text = decide("", "reject", kind="location", object="Atlanta")
    text = decide(text, "accept", kind="location", object="atlanta")  # labels compare without case
    assert entries(text) == {"reviewed": [{"article": "account-manager", "kind": "location", "object": "atlanta", "date": REVIEW_DAY}]}
    text = decide(text, "rename", kind="location", object="Atlanta", label="Atlanta, Georgia")
    assert list(entries(text)) == ["rename"]
    text = decide(text, "rename", kind="location", object="Atlanta", label="atlanta")  # back to the extracted label
    assert list(entries(text)) == ["reviewed"]
    text = decide(text, "reject", kind="location", object="Atlanta")
    assert list(entries(text)) == ["remove"]


def test_accepting_keeps_the_facts_new_label():
    text = decide("", "rename", kind="location", object="Atlanta", label="Atlanta, Georgia")
    text = decide(text, "accept", kind="location", object="Atlanta")
    assert sorted(entries(text)) == ["rename", "reviewed"]


def test_the_same_decision_twice_changes_nothing():
    once = decide("", "accept", kind="skill", object="x")
    assert decide(once, "accept", kind="skill", object="x") == once
    rejected = decide(once, "reject", kind="skill", object="x")
    assert decide(rejected, "reject", kind="skill", object="x") == rejected
    added = decide(once, "add", kind="skill", object="", label="y", quote="Q.")
    assert decide(added, "add", kind="skill", object="", label="Y", quote="Q.") == added


def test_a_person_s_file_keeps_its_comments_entries_and_layout():
    text = decide(HAND, "reject", kind="location", object="Atlanta")
    text = decide(text, "add", kind="skill", object="", label="negoziazione", quote="Q.")
    text = decide(text, "accept", kind="skill", object="x")
    changes = [line for line in difflib.ndiff(HAND.splitlines(), text.splitlines()) if line[:1] in "+-"]
    assert [c for c in changes if c.startswith("-")] == ["- add: []"]  # an empty flow list becomes a block
    assert all(line in text for line in HAND.splitlines() if line != "add: []")
    found = entries(text)
    assert found["remove"][0] == {"role": "account manager", "kind": "responsibility", "object": "numero di account più piccoli"}
    assert found["remove"][1]["object"] == "Atlanta" and found["rename"][0]["to"] == "punto di contatto per il cliente"
    assert text.index("  - {article: account-manager, kind: location") < text.index("# renames, by hand")
    assert text.rstrip().endswith("- {article: account-manager, kind: skill, object: x, date: 2026-03-02}")


def test_a_general_entry_is_never_taken_back():
    """Accepting a fact a general entry removes adds the article's decision; the entry for every article stays."""
    text = decide(HAND, "accept", kind="responsibility", object="numero di account più piccoli")
    assert entries(text)["remove"] == entries(HAND)["remove"]
    assert entries(text)["reviewed"][0]["object"] == "numero di account più piccoli"


def test_the_last_entry_of_a_section_leaves_an_empty_list():
    text = decide("remove:\n  - {article: account-manager, kind: skill, object: x}\n", "accept", kind="skill", object="x")
    assert text.startswith("remove: []\n")


def test_a_fact_about_another_role_names_it():
    text = decide("", "reject", kind="promotes_to", object="account manager", subject="account manager associato")
    assert entries(text)["remove"] == [{"article": "account-manager", "role": "account manager associato", "kind": "promotes_to",
                                        "object": "account manager", "date": REVIEW_DAY}]
    other = decide(text, "accept", kind="promotes_to", object="account manager")  # the same label, the article's own role
    assert len(entries(other)["remove"]) == 1 and len(entries(other)["reviewed"]) == 1


def test_a_new_type_is_a_removal_and_an_addition_with_the_quote():
    text = decide("", "retype", kind="responsibility", object="upselling", new_kind="skill", label="upselling", quote="Fa upselling.")
    assert entries(text) == {
        "remove": [{"article": "account-manager", "kind": "responsibility", "object": "upselling", "date": REVIEW_DAY}],
        "add": [{"article": "account-manager", "kind": "skill", "object": "upselling", "quote": "Fa upselling.", "date": REVIEW_DAY}],
    }


def test_an_added_fact_is_edited_in_its_add_entry():
    text = decide("", "add", kind="skill", object="", label="negoziare", quote="Q.")
    renamed = decide(text, "rename", kind="skill", object="negoziare", label="negoziazione", added=True)
    assert [(e["kind"], e["object"], e["quote"]) for e in entries(renamed)["add"]] == [("skill", "negoziazione", "Q.")]
    retyped = decide(renamed, "retype", kind="skill", object="negoziazione", new_kind="responsibility", added=True)
    assert [(e["kind"], e["object"]) for e in entries(retyped)["add"]] == [("responsibility", "negoziazione")]
    assert decide(retyped, "accept", kind="responsibility", object="negoziazione", added=True) == retyped
    assert entries(decide(retyped, "reject", kind="responsibility", object="negoziazione", added=True)) == {}
    with pytest.raises(NoSuchFact):
        decide(retyped, "reject", kind="skill", object="nothing", added=True)


def test_an_unforeseen_layout_is_written_whole_from_its_entries():
    odd = "remove:\n  -\n    kind: skill\n    object: x\n    article: account-manager\n  - {kind: skill, object: y}\n"
    text = decide(odd, "accept", kind="skill", object="x")  # a line edit would leave a bare "-" behind
    assert text.startswith("# Editors' corrections")
    assert entries(text) == {"remove": [{"kind": "skill", "object": "y"}],
                             "reviewed": [{"article": "account-manager", "kind": "skill", "object": "x", "date": REVIEW_DAY}]}


@pytest.mark.parametrize("action, fields, message", [
    ("rename", {"label": "  "}, "a label cannot be empty"),
    ("retype", {"new_kind": "skill"}, "a new type must differ"),
    ("dance", {}, "unknown action 'dance'"),
])
def test_bad_decisions_are_refused(action, fields, message):
    with pytest.raises(Exception, match=message):
        decide("", action, kind="skill", object="x", **fields)
