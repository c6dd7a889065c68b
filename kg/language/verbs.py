"""Duty verbs of a language: the forms a text writes ("gestisce", "reviews") mapped to the infinitive a label uses.

A rules file lists infinitives (`duty_infinitives`) and how the third person is made from them
(`language.conjugation`: infinitive ending -> third-person endings, longest ending first); irregular forms
are listed as they are (`duty_irregular`), and the explicit `duty_verbs` table wins over everything. Forms that
are more often nouns ("reports", "pratica") are dropped (`ambiguous_forms`). So a new language writes tables,
not code, and a list of a few hundred verbs stays a list.
"""

from __future__ import annotations


def conjugated(data: dict) -> dict[str, str]:
    """Every duty verb form of a rules file -> its infinitive; finite (third-person) forms only."""
    forms = _regular(data)
    for form in map(str, data.get("ambiguous_forms", [])):
        forms.pop(form, None)
    forms.update({str(k): str(v) for k, v in data.get("duty_verbs", {}).items()})
    return forms


def ambiguous(data: dict) -> dict[str, str]:
    """The forms left out for looking like nouns ("calls"), for contexts that show them to be verbs."""
    forms = _regular(data)
    return {form: forms[form] for form in map(str, data.get("ambiguous_forms", [])) if form in forms}


def _regular(data: dict) -> dict[str, str]:
    table = [(str(ending), [str(e) for e in endings]) for ending, endings in data["language"].get("conjugation", [])]
    isc = {str(v) for v in data.get("isc_verbs", [])}
    isc_endings = [str(e) for e in data["language"].get("isc_endings", [])]
    forms: dict[str, str] = {}
    for infinitive in map(str, data.get("duty_infinitives", [])):
        for ending, endings in table:
            if infinitive.endswith(ending):
                stem = infinitive[: len(infinitive) - len(ending)]
                for third in isc_endings if infinitive in isc and isc_endings else endings:
                    forms.setdefault(stem + third, infinitive)
                break
    forms.update({str(k): str(v) for k, v in data.get("duty_irregular", {}).items()})
    return forms
