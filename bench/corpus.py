"""Realistic corpora of any size: roles "<head> <domain>" in Italian and English that share skills,
duties, industries, regulators and places, written with the phrasing the extraction rules read.

The text comes from templates.yaml and vocabulary.yaml beside this module; the same size and seed give
the same files, so benchmarks compare like with like.
"""

from __future__ import annotations

import random
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

LANGUAGES = ("it", "en")


@lru_cache(maxsize=None)
def _data(name: str) -> dict:
    return yaml.safe_load(resources.files("bench").joinpath(name).read_text(encoding="utf-8"))


def roles(lang: str) -> list[str]:
    """Every role of a language: each head with each domain (English puts the domain first)."""
    words = _data("vocabulary.yaml")[lang]
    if lang == "it":
        return [f"{head} {domain}" for domain in words["domains"] for head in words["heads"]]
    return [f"{domain} {head}" for domain in words["domains"] for head in words["heads"]]


def article(index: int, seed: int = 0) -> tuple[str, str]:
    """(file name, markdown) of the index-th article of a corpus."""
    lang = LANGUAGES[index % 2]
    pool = roles(lang)
    role = pool[(index // 2) % len(pool)]
    words = _data("vocabulary.yaml")[lang]
    rng = random.Random(f"{seed}:{index}")
    duties, skills = rng.sample(words["duties"], 4), rng.sample(words["skills"], 4)
    industries, places = rng.sample(words["industries"], 2), rng.sample(words["places"], 2)
    regulator, acronym = rng.choice(words["regulators"])
    fields = {
        "role": role, "Role": role[0].upper() + role[1:],
        "duty1": duties[0], "duty2": duties[1], "duty3": duties[2], "duty4": duties[3],
        "skill1": skills[0], "skill2": skills[1], "skill3": skills[2], "skill4": skills[3],
        "Skill3": skills[2][0].upper() + skills[2][1:], "Skill4": skills[3][0].upper() + skills[3][1:],
        "qualification": rng.choice(words["qualifications"]), "regulator": regulator, "acronym": acronym,
        "number": rng.randrange(100, 4000), "entity": rng.choice(words["entities"]),
        "promotion": rng.choice(pool), "promotion2": rng.choice(pool), "boss": rng.choice(pool),
        **{key: value[0].upper() + value[1:] for key, value in (("Related", rng.choice(pool)), ("Related2", rng.choice(pool)))},
        "industry": industries[0], "industry2": industries[1], "place": places[0], "place2": places[1],
        "year": rng.randrange(2015, 2025), "salary": _amount(rng.randrange(25, 90) * 1000, lang),
        "source": rng.choice(words["sources"]),
    }
    name = f"{lang}/{index:05d}-{role.replace(' ', '-').replace(chr(39), '')}.md"
    return name, _data("templates.yaml")[lang].format(**fields)


def _amount(value: int, lang: str) -> str:
    text = f"{value:,}"
    return text.replace(",", ".") if lang == "it" else text


def write_corpus(folder: Path | str, size: int, seed: int = 0) -> Path:
    """Write `size` articles under `folder` (created), replacing what was there."""
    folder = Path(folder)
    for old in folder.rglob("*.md") if folder.is_dir() else ():
        old.unlink()
    for index in range(size):
        name, text = article(index, seed)
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder
