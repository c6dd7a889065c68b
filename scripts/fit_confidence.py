"""Fits kg/extract/confidence.yaml on the tuning sets: run twice, the same bytes.

    python scripts/fit_confidence.py                                     # rewrites kg/extract/confidence.yaml
    python scripts/fit_confidence.py --set GOLD SOURCE ... -o out.yaml   # other sets (the tests use a tiny one)

Each fact `kg eval` scores is a true positive when the node it names was paired with a gold phrase
(kg.evaluate.judged, the scorer's own pairing), and a false positive otherwise. One logistic model is fitted on
them, the one kg/extract/confidence.py applies:

    log-odds = global + family + rule + sum over the fact's features of (weight + weight within the family)

Every term but the global one is pulled toward 0 by a ridge penalty, so a rule with few facts stays near its
family's precision, a family near the global one, and a feature seen on few facts near no effect. The two
penalties are chosen by leave-one-set-out cross-validation (log-loss) over a small grid: each set in turn is
scored by a model fitted on the others, as an unseen article would be.

tests/data/heldout8 to heldout11 and heldout13 are never fitted on: they are the untouched measures of what the
confidence is worth (heldout4 and heldout5 became tuning sets on 2026-12-07, heldout6 and heldout7 in the thirteenth
session, heldout12 in the fourteenth).
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections import Counter
from pathlib import Path
from typing import NamedTuple

os.environ["OPENBLAS_NUM_THREADS"] = "1"  # one thread sums in one order: the same bytes on every run
import numpy as np  # noqa: E402

from kg.evaluate import judged  # noqa: E402
from kg.extract.confidence import FEATURES, claim, family, features, probability, statements  # noqa: E402
from kg.extract.facts import Fact  # noqa: E402
from kg.pipeline.build import build  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
TUNING_SETS = ("corpus", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout12")
TUNING = [(DATA / name / lang, DATA / name / lang) for name in TUNING_SETS for lang in ("it", "en")]
TUNING.append((DATA / "sample-gold", ROOT / "source"))
UNTOUCHED = ("heldout8", "heldout9", "heldout10", "heldout11", "heldout13")
OUT = ROOT / "kg" / "extract" / "confidence.yaml"
PRIOR_PENALTIES = (3.0, 10.0, 30.0, 100.0)  # ridge on family and rule terms: about that many facts' worth of pull
WEIGHT_PENALTIES = (1.0, 3.0, 10.0)  # ridge on feature weights
MIN_SUPPORT = 5  # a weight within a family is fitted only when that many of its facts have the feature, and lack it
DECIMALS = 3


class Judged(NamedTuple):
    """A fact kg eval scored: the set it is in, whether it was a true positive, how many sentences state it."""

    set: str
    fact: Fact
    ok: bool
    stated: int


def judged_facts(sets: list[tuple[Path, Path]]) -> list[Judged]:
    """Every fact kg eval scores on the sets; the editors' curation left out, since it is the extractor's
    precision that is measured."""
    rows = []
    for gold, source in sets:
        touched = set(UNTOUCHED) & (set(gold.resolve().parts) | set(source.resolve().parts))
        if touched:
            sys.exit(f"refused: {min(touched)} is an untouched evaluation set, never fitted on")
        result = build(source, curate=False)
        stated = {slug: statements(facts) for slug, facts in result.facts.items()}
        rows += [Judged(_shown(gold), fact, ok, stated[fact.evidence.article][claim(fact)]) for fact, ok in judged(gold, result)]
    return rows


def _shown(path: Path) -> str:
    """A set's name as the YAML header gives it: relative to the repository when inside it."""
    path = path.resolve()
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.as_posix()


def columns(rows: list[Judged]) -> list[tuple[str, ...]]:
    """The model's terms: global, each family and rule seen, each feature seen on MIN_SUPPORT facts, and each
    feature within a family where it both holds and fails on MIN_SUPPORT facts."""
    by_family = Counter(family(r.fact.evidence.rule) for r in rows)
    having = Counter((feature, family(r.fact.evidence.rule)) for r in rows for feature in features(r.fact, r.stated))
    overall: Counter = Counter()
    for (feature, _), count in having.items():
        overall[feature] += count
    terms = [("global",)] + [("family", k) for k in sorted(by_family)]
    terms += [("rule", rule) for rule in sorted({r.fact.evidence.rule for r in rows})]
    for feature in FEATURES:
        if overall[feature] >= MIN_SUPPORT:
            terms.append(("weight", feature, "all"))
        terms += [("weight", feature, k) for k in sorted(by_family)
                  if MIN_SUPPORT <= having[feature, k] <= by_family[k] - MIN_SUPPORT]
    return terms


def fit(rows: list[Judged], prior_penalty: float, weight_penalty: float) -> dict:
    """Newton's method on the ridge-penalised log-likelihood; the result in confidence.yaml's layout."""
    terms = columns(rows)
    index = {term: i for i, term in enumerate(terms)}
    x = np.zeros((len(rows), len(terms)))
    for i, row in enumerate(rows):
        name = family(row.fact.evidence.rule)
        active = [("global",), ("family", name), ("rule", row.fact.evidence.rule)]
        active += [("weight", feature, scope) for feature in features(row.fact, row.stated) for scope in ("all", name)]
        for term in active:
            if term in index:
                x[i, index[term]] = 1.0
    y = np.array([1.0 if r.ok else 0.0 for r in rows])
    penalty = np.array([0.0 if t[0] == "global" else prior_penalty if t[0] in ("family", "rule") else weight_penalty for t in terms])
    beta = np.zeros(len(terms))
    for _ in range(100):
        p = 1 / (1 + np.exp(-(x @ beta)))
        gradient = x.T @ (y - p) - penalty * beta
        hessian = (x.T * (p * (1 - p))) @ x + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        beta += step
        if np.max(np.abs(step)) < 1e-12:
            break
    return table(dict(zip(terms, beta.tolist())))


def table(beta: dict[tuple[str, ...], float]) -> dict:
    """Coefficients -> confidence.yaml: priors as probabilities (global, global + family, global + family +
    rule), weights as log-odds."""
    def sigmoid(z: float) -> float:
        return 1 / (1 + math.exp(-z))

    base = beta[("global",)]
    families = {t[1]: base + v for t, v in beta.items() if t[0] == "family"}
    out: dict = {"global": sigmoid(base), "families": {k: sigmoid(v) for k, v in families.items()}, "rules": {}, "weights": {}}
    for term, value in beta.items():
        if term[0] == "rule":
            out["rules"][term[1]] = sigmoid(families[family(term[1])] + value)
        elif term[0] == "weight":
            out["weights"].setdefault(term[1], {})[term[2]] = value
    return _rounded(out)


def _rounded(value):
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return round(value, DECIMALS) + 0.0  # + 0.0: no "-0.0"


def log_loss(params: dict, rows: list[Judged]) -> float:
    total = 0.0
    for r in rows:
        p = min(max(probability(r.fact, params, r.stated), 1e-6), 1 - 1e-6)
        total -= math.log(p if r.ok else 1 - p)
    return total


def choose_penalties(rows: list[Judged]) -> tuple[float, float, dict]:
    """The penalties whose models, each fitted without one set, scored the left-out sets best."""
    sets = sorted({r.set for r in rows})
    losses = {}
    for prior_penalty in PRIOR_PENALTIES:
        for weight_penalty in WEIGHT_PENALTIES:
            loss = 0.0
            for left_out in sets:
                params = fit([r for r in rows if r.set != left_out], prior_penalty, weight_penalty)
                loss += log_loss(params, [r for r in rows if r.set == left_out])
            losses[prior_penalty, weight_penalty] = loss / len(rows)
    best = min(losses, key=lambda k: (round(losses[k], 9), k))
    return best[0], best[1], losses


def render(params: dict, rows: list[Judged], sets: list[tuple[Path, Path]], penalties: tuple[float, float],
           losses: dict) -> str:
    """The YAML, with the counts behind each prior as comments, so a reader sees what each number rests on."""
    counts: Counter = Counter()
    for r in rows:
        for key in (family(r.fact.evidence.rule), r.fact.evidence.rule):
            counts[key, "n"] += 1
            counts[key, "tp"] += r.ok
    tp = sum(r.ok for r in rows)
    baseline = log_loss({"global": tp / len(rows), "families": {}, "rules": {}, "weights": {}}, rows) / len(rows)
    lines = [
        "# How far to trust a fact (kg/extract/confidence.py). Written by scripts/fit_confidence.py: do not edit, rerun it.",
        "# Fitted on " + ", ".join(_shown(gold) for gold, _ in sets) + ";",
        f"# {len(rows)} scored facts, {tp} true positives. Ridge penalties chosen by leave-one-set-out log-loss:",
        f"# prior {penalties[0]:g}, weight {penalties[1]:g}: {losses[penalties]:.4f} per fact (one rate for every fact, fitted on all sets: {baseline:.4f}).",
        "# A prior is the probability for a fact with none of the features (its comment: true positives / scored facts);",
        "# a weight is log-odds added for each feature a fact has, in every family (all) and within one.",
        f"global: {params['global']}",
        "families:",
        *(f"  {k}: {v}  # {counts[k, 'tp']}/{counts[k, 'n']}" for k, v in sorted(params["families"].items())),
        "rules:",
        *(f"  {k}: {v}  # {counts[k, 'tp']}/{counts[k, 'n']}" for k, v in sorted(params["rules"].items())),
        "weights:",
    ]
    for feature in FEATURES:
        weights = params["weights"].get(feature)
        if weights:
            lines.append(f"  {feature}: {{{', '.join(f'{k}: {v}' for k, v in weights.items())}}}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", nargs=2, action="append", metavar=("GOLD", "SOURCE"), type=Path,
                        help="a gold folder and its articles (default: the tuning sets)")
    parser.add_argument("-o", "--out", type=Path, default=OUT, help=f"where to write (default: {OUT})")
    args = parser.parse_args(argv)
    sets = [tuple(pair) for pair in args.set] if args.set else TUNING
    if len(sets) < 2:
        parser.error("cross-validation leaves one set out at a time: give at least two sets")
    rows = judged_facts(sets)
    prior_penalty, weight_penalty, losses = choose_penalties(rows)
    params = fit(rows, prior_penalty, weight_penalty)
    text = render(params, rows, sets, (prior_penalty, weight_penalty), losses)
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.out}: {len(rows)} facts, penalties {prior_penalty:g}/{weight_penalty:g}, "
          f"log-loss {losses[prior_penalty, weight_penalty]:.4f} per left-out fact")


if __name__ == "__main__":
    main()
