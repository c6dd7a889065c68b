"""Duty verbs conjugated from the tables of a rules file."""

from kg.language.verbs import conjugated


def test_italian_third_person_with_and_without_isc():
    data = {"language": {"conjugation": [["are", ["a", "ano"]], ["ere", ["e", "ono"]], ["ire", ["e", "ono"]]],
                         "isc_endings": ["isce", "iscono"]},
            "duty_infinitives": ["valutare", "redigere", "gestire", "seguire", "firmare"], "isc_verbs": ["gestire"],
            "duty_irregular": {"propone": "proporre"}, "ambiguous_forms": ["firma"], "duty_verbs": {"cura": "curare"}}
    forms = conjugated(data)
    assert forms["valuta"] == forms["valutano"] == "valutare"
    assert forms["redige"] == forms["redigono"] == "redigere"
    assert forms["gestisce"] == forms["gestiscono"] == "gestire" and "gestono" not in forms
    assert forms["segue"] == "seguire" and "seguisce" not in forms
    assert forms["propone"] == "proporre" and forms["cura"] == "curare"
    assert "firma" not in forms and forms["firmano"] == "firmare"


def test_english_present_forms_and_base():
    data = {"language": {"conjugation": [["ay", ["ays", "ay"]], ["y", ["ies", "y"]], ["ch", ["ches", "ch"]], ["", ["s", ""]]]},
            "duty_infinitives": ["apply", "pay", "reach", "review", "plan"], "ambiguous_forms": ["plans"]}
    forms = conjugated(data)
    assert forms["applies"] == forms["apply"] == "apply"
    assert forms["pays"] == "pay" and "paies" not in forms
    assert forms["reaches"] == "reach" and forms["reviews"] == "review"
    assert "plans" not in forms and forms["plan"] == "plan"


def test_noun_like_forms_are_kept_apart():
    from kg.language.verbs import ambiguous
    data = {"language": {"conjugation": [["", ["s", ""]]]}, "duty_infinitives": ["call", "review"], "ambiguous_forms": ["calls"]}
    assert ambiguous(data) == {"calls": "call"} and "calls" not in conjugated(data)
