"""The regulation side of an article: regulators, the laws and rules they issue, and the entity types both
govern, bound to each other by where they are named (the same sentence, paragraph or section)."""

from __future__ import annotations

import re
from functools import lru_cache

from kg import lexicon
from kg.extract.clauses import acceptable, clean, lower_label, split_items, trim
from kg.extract.context import (
    Authority,
    Context,
    compiled,
    families,
    group_of,
    named_entries,
    rejected,
)
from kg.extract.ruleset import Rule, RuleSet
from kg.language.analyse import LANGUAGES, analyse
from kg.language.profile import fold, head_first, pattern, profile, singular_role, singular_word, stopwords, word_set
from kg.read.article import Sentence


def regulator(ctx: Context, sentence: Sentence, rule: Rule, claimed: list) -> None:
    known = lexicon.find("authorities", sentence.text, ctx.rs.lang)
    for match in ctx.search(rule, sentence.text):
        if any(a <= match.start() < b for a, b in claimed):
            continue
        if rule.options.get("split"):
            claimed.append(match.span())
            _listed_bodies(ctx, sentence, rule, match)
            continue
        begin = match.start("name") if "name" in match.re.groupindex else match.start()
        if any(start == begin for _, start, _ in known) and not group_of(match, sentence.text, "acronym"):
            continue  # "dal Garante per la protezione dei dati personali": the lexicon names it whole
        if _counterparty(ctx, sentence.text, begin, match.end()):
            claimed.append(match.span())
            continue
        name = clean(group_of(match, sentence.text, "name"), ctx.rs)
        acronym = (group_of(match, sentence.text, "acronym") or "").rstrip(".")
        entry = (acronym and lexicon.lookup("authorities", acronym, ctx.rs.lang)) or lexicon.lookup("authorities", name, ctx.rs.lang)
        claimed.append(match.span())
        if acronym:
            ctx.add("regulator", acronym, sentence, rule, key=entry.id if entry else fold(acronym), alt=(name,))
            ctx.authorities.append(Authority(sentence, acronym, entry.id if entry else fold(acronym), match.start("name"), match.end()))
        elif entry is None:  # a known authority named in full is left to the lexicon below
            ctx.add("regulator", name, sentence, rule, key=fold(name))
            ctx.authorities.append(Authority(sentence, name, fold(name), match.start("name"), match.end("name")))
    for entry, start, end in known:
        if any(a <= start < b for a, b in claimed):
            continue
        claimed.append((start, end))
        if _counterparty(ctx, sentence.text, start, end):
            continue
        if entry.id in word_set(ctx.rs.lang, "territorial_authorities") and \
                (territory := pattern(ctx.rs.lang, "authority_territory").match(sentence.text[end:])):
            name = sentence.text[start:end + territory.end()]  # "l'ATS di Bergamo": one agency among many, by its name
            ctx.add("regulator", name, sentence, "regulator.known_authority", key=fold(name))
            ctx.authorities.append(Authority(sentence, name, fold(name), start, end + territory.end()))
            continue
        acronym = next((f for f in entry.forms if f.isupper()), None)
        written = sentence.text[start:end]  # "Collegio dei geometri": the words the article used stay a label
        ctx.add("regulator", acronym or entry.label(ctx.rs.lang), sentence, "regulator.known_authority",
                key=entry.id, alt=tuple(dict.fromkeys([label for _, label in entry.labels] + [written])))
        ctx.authorities.append(Authority(sentence, acronym or entry.label(ctx.rs.lang), entry.id, start, end))


def _listed_bodies(ctx: Context, sentence: Sentence, rule: Rule, match: re.Match) -> None:
    """"register with the Scottish Social Services Council, Social Care Wales or the Northern Ireland Social Care
    Council": each body of a list that one licensing phrase opens (a rule with `split`), a known one by its entry."""
    text, at = group_of(match, sentence.text, "name"), match.start("name")
    for a, b in split_items(text, ctx.rs, always=True):
        name = clean(text[a:b], ctx.rs)
        if not name:
            continue
        entry = lexicon.lookup("authorities", name, ctx.rs.lang)
        label = (next((f for f in entry.forms if f.isupper()), None) or entry.label(ctx.rs.lang)) if entry else name
        key = entry.id if entry else fold(name)
        ctx.add("regulator", label, sentence, rule, key=key, alt=(name,) if entry and name != label else ())
        ctx.authorities.append(Authority(sentence, label, key, at + a, at + b))


def _counterparty(ctx: Context, text: str, start: int, end: int) -> bool:
    """A body the role pays, files to, appears before or joins is no regulator of it: "versa i contributi
    all'INPS", "represents clients before the tribunal", "joins the Royal College of Nursing union", a pension
    fund, a trade union (`counterparty_before`, `counterparty_after`, `counterparty_names`)."""
    lang = ctx.rs.lang
    return bool(pattern(lang, "counterparty_before", flags=re.IGNORECASE).search(text[:start])
                or pattern(lang, "counterparty_after", flags=re.IGNORECASE).match(text[end:])
                or pattern(lang, "counterparty_names").search(text[start:end]))


def supervises(ctx: Context, sentence: Sentence, rule: Rule, claimed: list) -> None:
    """"La CONSOB vigila sulle SIM", "banks are supervised by the PRA": the entity types a regulator supervises,
    the regulator being the one named right before the verb (right after it for `agent: after`, a passive)."""
    spec = families()[rule.family]
    for match in ctx.search(rule, sentence.text):
        agents = _agents(ctx, sentence, rule, match)
        if not agents:
            continue
        captured = trim(group_of(match, sentence.text, "x"), ctx.rs, rule.options.get("trim", spec["trim"]))
        claimed.append((match.start("x"), match.start("x") + len(captured)))
        for a, b in split_items(captured, ctx.rs, always=True):
            item = trim(captured[a:b], ctx.rs, spec["item_trim"])
            at = match.start("x") + a
            nouns = noun_phrase(ctx.rs, sentence.text, at, at + len(item))
            for label, key, alt in entity_types(ctx, item, nouns=nouns):
                for agent in agents:
                    ctx.add("supervises", label, sentence, rule, subject=agent.label, subject_type="Regulator",
                            subject_key=agent.key, key=key, alt=alt)


_BRACKETED = re.compile(r"\([^()]*\)")


def _agents(ctx: Context, sentence: Sentence, rule: Rule, match: re.Match) -> list[Authority]:
    """Who supervises, in a passive ("sono vigilate dalla CONSOB e dalla Banca d'Italia"): every regulator right
    after the match; else the nearest right before the verb, with at most four words between and not the role
    ("La CONSOB, inoltre, vigila"); else, for a `near` rule, the last one named earlier in the paragraph."""
    named = sorted((a for a in ctx.authorities if a.sentence is sentence), key=lambda a: a.start)
    if rule.options.get("agent") == "after":
        agents, at = [], match.end()
        for authority in (a for a in named if a.start >= at):
            if not _agent_gap(ctx.rs.lang).fullmatch(sentence.text[at:authority.start]):
                break
            agents.append(authority)
            at = authority.end
        return agents
    before = [a for a in named if a.end <= match.start()]
    if before:
        gap = _BRACKETED.sub(" ", sentence.text[before[-1].end:match.start()])  # "the Financial Conduct Authority (FCA) supervises"
        if len(re.findall(r"\w+", gap)) <= 4 and not re.search(r"[;:]", gap) and not ctx.names_role(gap):
            return [before[-1]]
    if rule.options.get("near"):
        earlier = [a for a in ctx.authorities if a.sentence.block is sentence.block and a.sentence.start < sentence.start]
        return earlier[-1:]
    return []


@lru_cache(maxsize=None)
def _agent_gap(lang: str) -> re.Pattern:
    """What may stand between a passive verb and its agents, and between them ("by the PRA and the FCA")."""
    words = sorted(word_set(lang, "passive_agent_words", borrowed=True), key=lambda w: (-len(w), w))
    return re.compile(r"[\s,]*(?:(?:" + "|".join(map(re.escape, words)) + r")\s*)*", re.IGNORECASE)


@lru_cache(maxsize=None)
def _postmodifiers(lang: str) -> re.Pattern:
    """Prepositions that open a complement after a head-last noun ("firms in the City": the head is "firms")."""
    words = profile(lang).get("postmodifier_prepositions", [])
    return re.compile(r"\s+(?:" + "|".join(re.escape(str(w)) for w in words) + r")\s+" if words else "(?!)")


def _head_words(lang: str, written: str) -> list[str]:
    """The words up to the head of a noun phrase: the first in a head-first language; else those before a
    prepositional complement or, as the tagger reads them, a clause on the noun ("businesses handling food",
    "firms that hold client money": the head is the noun before the verb or the relative pronoun)."""
    if head_first(lang):
        return written.split()[:1]
    words = _postmodifiers(lang).split(written)[0]
    if lang in LANGUAGES:
        tokens = analyse(words, lang)
        cut = next((t.start for before, t in zip(tokens, tokens[1:]) if before.pos == "NOUN" and t.pos in ("VERB", "PRON")), None)
        words = words[:cut] if cut is not None else words
    return words.split()


def entity_types(ctx: Context, item: str, nouns: bool = False) -> list[tuple[str, str, tuple[str, ...]]]:
    """(label, lexicon id, words written) of the entity types an item names: lexicon entries, else the words
    themselves when their head is an organisation noun (language.organisation_heads): "le fondazioni bancarie"
    are one, "i mercati" and the article's own role are not. Where a regulator is the agent, a noun phrase
    the tagger reads as one, headed by a plural (`nouns`), names a kind too: "Ofsted inspects childminders"."""
    if ctx.names_role(item):
        return []
    lang = ctx.rs.lang
    written = clean(item, ctx.rs)
    words = _head_words(lang, written)
    head = fold(words[-1]) if words else ""
    hits, _ = named_entries(ctx.rs, "entity_types", item)
    if any(head in fold(item[a:b]).split() for _, a, b in hits) or (hits and head not in word_set(lang, "organisation_heads")):
        return [(entry.label(lang), entry.id, _written(entry.label(lang), item[a:b])) for entry, a, b in hits]
    label = lower_label(singular_role(written, lang))  # "company service providers": the lexicon's "company" is no head
    if not (head in word_set(lang, "organisation_heads") or nouns) \
            or not acceptable(label, stopwords(lang)):
        return []
    return [(label, "", _written(label, written))]  # "casinos" stays a label of "casino": the text's own words


def noun_phrase(rs: RuleSet, text: str, start: int, end: int) -> bool:
    """The words text[start:end] are a short noun phrase, as the tagger reads the sentence, headed by a plural noun
    (its singular differs): "childminders", "new installations", not "how firms treat customers", "overtime", nor a
    duty verb's form the tagger reads as a noun ("and sets rules")."""
    lang = rs.lang
    if lang not in LANGUAGES or rs.duty_verb.match(clean(text[start:end], rs)):
        return False
    tokens = [t for t in analyse(text, lang) if start <= t.start and t.end <= end and t.pos != "PUNCT"]
    while tokens and (tokens[0].pos == "DET" or tokens[0].pos == "ADP" and not rs.lists["parallel"].fullmatch(tokens[0].lemma + " ")):
        tokens = tokens[1:]  # "ai centri estetici" is one ("delle Politiche Sociali" a complement, none)
    if not tokens or len(tokens) > 4 + _complement(rs, tokens):
        return False
    head = tokens[0] if head_first(lang) else tokens[-1]
    return head.pos == "NOUN" and singular_word(head.text, lang) != head.text.lower() \
        and all(t.pos in ("NOUN", "ADJ", "PROPN") for t in tokens[:len(tokens) - _complement(rs, tokens)])


def _complement(rs: RuleSet, tokens: list) -> int:
    """How many tokens close a head-first noun phrase as a complement on "di"/"of" (`lists.parallel`) and its
    noun: "saloni di acconciatura", "imprese del settore alimentare" are kinds of firm, their complement included."""
    at = next((i for i, t in enumerate(tokens) if i and t.pos == "ADP"), None)
    if not head_first(rs.lang) or at is None or not rs.lists["parallel"].fullmatch(tokens[at].lemma + " "):
        return 0
    rest = [t for t in tokens[at + 1:] if t.pos != "DET"]
    return len(tokens) - at if rest and rest[0].pos == "NOUN" and all(t.pos in ("NOUN", "ADJ") for t in rest) else 0


def _written(label: str, written: str) -> tuple[str, ...]:
    written = lower_label(written)
    return (written,) if fold(written) != fold(label) else ()


def regulation(ctx: Context, sentence: Sentence, rule: Rule, claimed: list) -> None:
    if rule.options.get("lexicon"):
        return _known_regulations(ctx, sentence, rule, claimed)
    issuers = [f for f in ctx.facts if f.kind == "regulator" and f.evidence.start == sentence.start]
    lead = rule.options.get("lead")
    if lead and not (sentence.block.kind == "item" and re.search(lead, sentence.block.lead, re.IGNORECASE)):
        return  # "- non ricevere denaro contante" is a prohibition only in a list of obligations
    for match in ctx.search(rule, sentence.text):
        at = match.start("x") if match.groupdict().get("x") is not None else match.start()
        if _taken(match, at, claimed, rule.options.get("issuer_first", False)):
            continue
        if "acronym" in match.groupdict() and match.group("acronym") and \
                any(a <= match.start("acronym") and match.end("acronym") <= b for a, b in claimed):
            continue  # "Rule 2111 of the ... Authority (FINRA)": the acronym is the authority's, not a law's
        groups = {name: group_of(match, sentence.text, name) for name in match.groupdict()}
        if groups.get("x") and rule.options.get("trim"):
            groups["x"] = trim(groups["x"], ctx.rs, rule.options["trim"])
        issuer = issuers[0] if issuers else None
        alt: tuple[str, ...] = ()
        span = match.span()
        if "number" in groups:
            law = _nearest_law(ctx, sentence, match.start())
            if issuer is None and law is None and fold(groups["kind"]) not in rule.options.get("named_alone", ()):
                continue  # "article 31" alone names nothing; "article 148 of the Insurance Code", "Rule 2111" do
            prefix = law if law and (issuer is None or _law_follows(ctx, sentence, match.end(), law)) else issuer.object if issuer else ""
            number = groups["number"].rstrip(".,") + (f"-{groups['to']}" if groups.get("to") else "")
            label = rule.options["label"].format(issuer=prefix, kind=groups["kind"].lower(), number=number)  # "rule 17a-4" alone too
            alt = (f"{groups['kind']} {number}",) if prefix else ()  # "section 21A", as the text names it
        elif rule.options.get("label"):  # "divieto di {x}": the words the rule captured, in the rule's frame
            label = rule.options["label"].format_map({k: clean(v, ctx.rs) if v else "" for k, v in groups.items()})
        elif groups.get("acronym") and groups.get("name"):
            label, alt = groups["acronym"], (clean(groups["name"], ctx.rs),)
            alt, span = _same_law_in_brackets(sentence.text, match, alt)
        elif groups.get("acronym"):
            label, alt = groups["acronym"], (clean(groups["x"], ctx.rs),)
        else:
            label = clean(groups["x"], ctx.rs)
        label = re.sub(r"\s+", " ", label).strip()
        if not acceptable(label, stopwords(ctx.rs.lang)) or rejected(ctx.rs, "regulation", label):
            continue
        again = compiled(ctx.rs.lang, "appositive").search(sentence.text[span[1]:])
        if again:  # "the Series 7, the General Securities Representative Qualification Examination, ...": one exam
            alt, span = alt + (again.group("name"),), (span[0], span[1] + again.end())
        claimed.append(span)
        key = fold(label)
        known = lexicon.lookup("regulations", label)  # "the Gas Safe register": the licence the vocabulary knows
        if known is not None:
            written, label, key = label, known.label(ctx.rs.lang), known.id
            alt = tuple(dict.fromkeys(alt + ((written,) if fold(written) != fold(label) else ())))
        ctx.add("regulation", label, sentence, rule, key=key, alt=alt)
        ctx.regulations.append((sentence.start, label, key, match.start()))
        if issuer is not None and "number" in groups:
            ctx.add("issued_by", issuer.object, sentence, rule, subject=label, subject_type="Regulation",
                    subject_key=key, key=issuer.key, alt=issuer.alt)
        _provision(ctx, sentence, rule, match.start(), label, claimed)


def _taken(match: re.Match, at: int, claimed: list, issuer_first: bool) -> bool:
    """"recepisce la direttiva ...": the law may be read already; a rule that may open on a regulator ("the NMC
    Code", "must register with Social Work England") is taken only when a body's name covers the whole match."""
    if issuer_first:
        return any(a <= match.start() and match.end() <= b for a, b in claimed)
    return any(a <= at < b for a, b in claimed)


def _known_regulations(ctx: Context, sentence: Sentence, rule: Rule, claimed: list) -> None:
    """Licences, exams and registers known by their own name ("NCLEX-RN", "Gas Safe Register", kg/lexicon/
    regulations.yaml), wherever the sentence names them; the words written stay a label."""
    if next(ctx.search(rule, sentence.text), None) is None:
        return
    for entry, start, end in lexicon.find(rule.options["lexicon"], sentence.text):
        if any(a <= start < b for a, b in claimed):
            continue
        claimed.append((start, end))
        label = entry.label(ctx.rs.lang)
        alt = [other for _, other in entry.labels] + [sentence.text[start:end]]
        ctx.add("regulation", label, sentence, rule, key=entry.id,
                alt=tuple(dict.fromkeys(a for a in alt if fold(a) != fold(label))))
        ctx.regulations.append((sentence.start, label, entry.id, start))


def _same_law_in_brackets(text: str, match: re.Match, alt: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[int, int]]:
    """"Testo Unico Bancario (TUB, decreto legislativo ... n. 385)": what follows the acronym in its brackets is
    the same law by its number, another label of it, not a second law."""
    if not match.group(0).endswith(","):
        return alt, match.span()
    close = text.find(")", match.end())
    inner = text[match.end():close].strip() if close > 0 else ""
    if not inner or "(" in inner:
        return alt, match.span()
    return alt + (inner,), (match.start(), close + 1)


def _provision(ctx: Context, sentence: Sentence, rule: Rule, at: int, law: str, claimed: list) -> None:
    """"the ability-to-repay requirement in Regulation Z", "i requisiti di onorabilità fissati dal decreto ...":
    a requirement named with its law is a regulation of its own; a short law name stays in its label."""
    found = compiled(ctx.rs.lang, "provision_before").search(sentence.text[:at])
    if found is None or any(a <= found.start() < b for a, b in claimed):
        return
    what = clean(found.group("what"), ctx.rs)
    label = f"{what} ({law})" if len(law.split()) <= 5 else what
    if not acceptable(what, stopwords(ctx.rs.lang)) or rejected(ctx.rs, "regulation", what):
        return
    claimed.append((found.start(), at))
    ctx.add("regulation", label, sentence, f"{rule.family}.provision", key=fold(label))  # not a law articles belong to


def _nearest_law(ctx: Context, sentence: Sentence, at: int) -> str | None:
    """The law named nearest an article number in its sentence (the rule that names articles runs last)."""
    laws = [(abs(r[3] - at), r[1]) for r in ctx.regulations if r[0] == sentence.start]
    if laws:
        return min(laws)[1]
    same = re.search(profile(ctx.rs.lang).get("same_law", "(?!)"), sentence.text, re.IGNORECASE)
    if same is None:
        return None
    noun = fold(same.group("law"))  # "l'articolo 148 dello stesso Codice": the last code named before
    earlier = [r[1] for r in ctx.regulations if r[0] < sentence.start and noun in fold(r[1]) and not _NUMBERED.search(r[1])]
    return earlier[-1] if earlier else None


def _law_follows(ctx: Context, sentence: Sentence, at: int, law: str) -> bool:
    """"articoli 156 e seguenti del Codice ...": the law right after the number is whose article it is."""
    return any(r[0] == sentence.start and r[1] == law and 0 <= r[3] - at <= 40 for r in ctx.regulations)


def regulation_before(ctx: Context, sentence: Sentence) -> tuple[int, str, str, int] | None:
    same = [r for r in ctx.regulations if r[0] == sentence.start]
    return same[-1] if same else None


def bind_entity_types(ctx: Context) -> None:
    """"un soggetto abilitato, cioè una banca o una SIM" names no rule: the rule is the one its paragraph
    names, else one its section names; the one the sentence names by its first word, else the nearest."""
    where = {s.start: s for s in ctx.article.sentences}
    for sentence, rule, label, key, alt in ctx.unbound:
        near = [r for r in ctx.regulations if where[r[0]].block is sentence.block] or \
            [r for r in ctx.regulations if where[r[0]].section == sentence.section]
        if not near:
            continue
        named = [r for r in near if fold(r[1].split()[0]) in re.findall(r"\w+", fold(sentence.text))]  # "L'albo prevede ...": that register
        regulation = min(named or near, key=lambda r: abs(r[0] + r[3] - sentence.start))
        ctx.add("applies_to", label, sentence, rule, subject=regulation[1], subject_type="Regulation",
                subject_key=regulation[2], key=key, alt=alt)


_NUMBERED = re.compile(r"\s\S+\s+\d[\w/.-]*$")  # "<law> <kind> <number>": an article's label, not a law's
