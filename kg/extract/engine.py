"""Applies a language's rule families to an article's sentences and list items.

What a rule reads and writes (the article's Context) is kg/extract/context.py; regulators, regulations and the
entity types they govern are bound in kg/extract/regulation.py.

Families that name things (regulators, regulations, entity types, roles in a promotion) run first and
claim their spans, so that a role named inside them ("consulenti di investimento") is not also taken
as a related role.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from kg import lexicon
from kg.extract.clauses import acceptable, clean, lower_label, names, software, split_items, trim, verb_clause_end
from kg.extract.context import (
    Context,
    compiled,
    families,
    group_of,
    named_entries,
    rejected,
)
from kg.extract.counterparts import served
from kg.extract.facts import Fact, kinds
from kg.extract.grades import ungraded
from kg.extract.ladders import ladder_lists
from kg.extract.naming import head_last_names, head_of, head_word, role_names, singular_acronym
from kg.extract.regulation import (
    bind_entity_types,
    entity_types,
    noun_phrase,
    regulation,
    regulation_before,
    regulator,
    supervises,
)
from kg.extract.ruleset import ROLE_MARK, Rule, RuleSet, ruleset
from kg.extract.salary import byline, figures
from kg.extract.syntax import may_match, read, tagged, token_rules
from kg.language.analyse import LANGUAGES, analyse
from kg.language.literal import holds_word
from kg.language.mentions import Mention, find_mentions
from kg.language.occurrences import word_key
from kg.language.precompiled import kept
from kg.language.profile import (
    fold,
    head_first,
    languages,
    pattern,
    profile,
    singular_role,
    singular_word,
    stopwords,
    word_set,
)
from kg.language.verbs import ambiguous
from kg.read.article import Article, Sentence

ORDER = ("alias", "regulator", "regulation", "supervises", "applies_to", "employed_by", "promotes_to", "promoted_from",
         "reports_to", "manages", "responsibility", "skill", "qualification", "industry", "location")


def rules_version() -> str:
    """Changes whenever a rules file changes: part of the cache key of extracted facts."""
    return "-".join(ruleset(lang).version for lang in languages())


def extract(article: Article) -> list[Fact]:
    """All facts of one article, in document order, without duplicates."""
    rs = ruleset(article.lang)
    ctx = Context(article, rs, [])
    ctx.set_names(role_names(article))
    ctx.said.dated = byline(article.blocks, rs)
    body = [s for s in article.sentences if s.block.kind not in ("heading", "description")]
    _title_aliases(ctx)
    described = [s for s in article.sentences if s.block.kind == "description"] + body
    for sentence in described:  # aliases first, the description's too: they name the role in every later rule
        for rule in _applicable(ctx, sentence, ORDER[:1]):
            _apply(ctx, sentence, rule, [])
    aliases = ctx.aliases()
    heads = [] if head_first(rs.lang) else [h for a in aliases for h in head_last_names(a.lower(), rs.lang)]
    ctx.set_names(ctx.names + aliases + heads)  # "registered rep" names the role, and so does "reps"
    _definition(ctx)
    for sentence in body:
        claimed: list[tuple[int, int]] = []
        _token_rules(ctx, sentence)
        for rule in _applicable(ctx, sentence, ORDER[1:]):
            _apply(ctx, sentence, rule, claimed)
        paid = _salaries(ctx, sentence)
        _compensation(ctx, sentence)
        _mentions(ctx, sentence, claimed, paid)
    _list_items(ctx, body)
    ladder_lists(ctx, body)
    bind_entity_types(ctx)
    _spell_out_acronyms(ctx)
    _relate_other_roles(ctx)
    return _unique(_without_inner(ctx.rs, ctx.facts))


def _applicable(ctx: Context, sentence: Sentence, order: tuple[str, ...]):
    """The rules of these families, in order, that may match the sentence; regulator rules always apply,
    since known authorities are looked up whatever the rule's pattern finds."""
    admitted = ctx.admitted(sentence.text)
    for family in order:
        for rule in ctx.rs.rules.get(family, []):
            if rule in admitted or family == "regulator":
                yield rule


def _token_rules(ctx: Context, sentence: Sentence) -> None:
    """Facts the token rules read (kg/extract/syntax.py); the words each took are the sentence's, for its family:
    a regular-expression rule's item that starts inside them is the same duty, read worse ("plan shifts, checks")."""
    ctx.token_spans = {}
    families_here = token_rules(ctx.rs.lang)
    if not families_here or not may_match(ctx.rs.lang, sentence.text, ctx.names_role(sentence.text)) \
            or _item_of_other_role(ctx, sentence):
        return
    for family in families_here:
        spec = _in_own_section(ctx, sentence, families()[family])
        if spec is None:
            continue
        for found in read(ctx.rs, sentence.text, _tagged(ctx, sentence), family, _trims(spec)):
            if spec.get("own_subject") and _specialised_at(ctx, sentence.text, found.subject) \
                    or spec.get("skip_negated") and _denied(ctx, sentence.text, found.start):
                continue
            before = len(ctx.facts)
            _emit_label(ctx, sentence, found.rule, spec, found.label)
            if len(ctx.facts) > before:  # a label the family rejects leaves the words to the other rules
                ctx.token_spans.setdefault(family, []).append((found.named if spec.get("claim_objects") else found.start, found.end))


def _in_own_section(ctx: Context, sentence: Sentence, spec: dict) -> dict | None:
    """The family spec a sentence's facts take, None when they are none: under a sub-heading that names another kind
    of fact only (the rules file's `sections`), "Where do they work?", "How to become one" say where or the way in, not
    what the role does, for a family with `own_sections`, unless the language's `prose_read_as` maps that kind to the
    kind its facts become there ("Skills that matter": "Good welders communicate well with fitters" is a skill). The
    title's heading alone names the article, not a section."""
    if not spec.get("own_sections") or len(sentence.section) < 2:
        return spec
    named = _family_of(sentence.section[-1:], ctx.rs.data["sections"], plain=True)
    if named is None or families()[named]["kind"] == spec["kind"]:
        return spec
    kind = profile(ctx.rs.lang).get("prose_read_as", {}).get(named)
    return {**spec, "kind": kind} if kind else None


def _tagged(ctx: Context, sentence: Sentence, imperative: bool = False):
    """The sentence as the token rules read it, tagged once per article (and once more as an imperative bullet)."""
    key = (sentence.start, imperative)
    span = ctx.tagged.get(key)
    if span is None:
        span = ctx.tagged[key] = tagged(sentence.text, ctx.masked(sentence.text), ctx.rs.role_ref, ctx.rs.lang, imperative)
    return span


def _lone_word_of(ctx: Context, sentence: Sentence, spec: dict, label: str, tags_key: str = "not_alone") -> bool:
    """A one-word label whose word the sentence uses as one of the family's `not_alone` tags ("friendly", an
    adjective, is no skill; "contributions", a bare noun, is no duty), except an action noun under a tag the family's
    `action_alone` names ("maintenance" is one); a language without the layer's models keeps it."""
    if not spec.get(tags_key) or " " in label.strip() or ctx.rs.lang not in LANGUAGES:
        return False
    word = fold(label.strip())
    action = ctx.rs.lists["action_noun"].search(word) is not None
    return any(fold(t.text) == word and t.pos in spec[tags_key] and not (action and t.pos in spec.get("action_alone", ()))
               for t in _tagged(ctx, sentence).tokens)


def _only_modifiers(ctx: Context, sentence: Sentence, spec: dict, label: str) -> bool:
    """A label of words the sentence uses as one of the family's `not_only` tags, joined by a conjunction ("scritta e
    parlata", "commerciale e tributario": what a list cut off its noun, no skill; "bilingual English/Spanish" stays); a
    language without the layer's models keeps it."""
    words = [fold(w) for w in re.findall(r"[^\W\d_]+", label)]
    if not spec.get("not_only") or len(words) < 2 or ctx.rs.lang not in LANGUAGES:
        return False
    tags: dict[str, set[str]] = {}
    for t in _tagged(ctx, sentence).tokens:
        tags.setdefault(fold(t.text), set()).add(t.pos)
    content = [w for w in words if "CCONJ" not in tags.get(w, set())]
    return 0 < len(content) < len(words) and all(tags.get(w) and tags[w] <= set(spec["not_only"]) for w in content)


def _trims(spec: dict) -> tuple[str, ...]:
    """The stop groups that end a family's captures and items: they end a token rule's object too."""
    return tuple(dict.fromkeys(spec.get("trim", []) + spec.get("item_trim", [])))


def _list_item_duties(ctx: Context, sentence: Sentence, family: str) -> bool:
    """"Gather documents and analyse the client's cash flow": a list item the family's list token rules read as two
    facts or more gives those facts, not the item whole; True when it did."""
    if family not in token_rules(ctx.rs.lang) or not may_match(ctx.rs.lang, sentence.text, False, list_item=True):
        return False
    spec = families()[family]
    found = read(ctx.rs, sentence.text, _tagged(ctx, sentence, bool(spec.get("imperative_items"))), family, _trims(spec), list_item=True)
    if len(found) < 2:
        return False
    kind = spec["kind"]  # what the other rules read inside one of these duties is that duty, read worse ("punto di contatto ...")
    ctx.facts[:] = [f for f in ctx.facts if not (f.kind == kind and f.evidence.start == sentence.start
                                                  and any(f.object.lower() in fact.label.lower() for fact in found))]
    for fact in found:
        _emit_label(ctx, sentence, fact.rule, spec, fact.label)
    return True


def _title_aliases(ctx: Context) -> None:
    """Acronyms the title gives in brackets and a second name after a slash are aliases; the title heading (if
    any) is their evidence. The slash's name is lower case as a role's name ("Paralegal / Legal Assistant")."""
    headings = [s for s in ctx.article.sentences if s.block.kind == "heading"]
    for alias in ctx.article.aliases:
        written = re.compile(rf"(?<!\w){re.escape(alias)}(?!\w)", 0 if alias != alias.lower() else re.IGNORECASE)
        quote = next((s for s in headings + ctx.article.sentences if written.search(s.text)), None)
        if quote is not None:
            ctx.add("alias", alias, quote, "alias.title")
        ctx.set_names(ctx.names + [alias])


def _definition(ctx: Context) -> None:
    """The first sentence that defines the role; the frontmatter description only when the body has none."""
    ordered = [s for s in ctx.article.sentences if s.block.kind not in ("heading", "description")]
    ordered += [s for s in ctx.article.sentences if s.block.kind == "description"]
    for sentence in ordered:
        for rule in ctx.rs.rules.get("definition", []):
            if next(ctx.search(rule, sentence.text), None):
                ctx.add("definition", sentence.text, sentence, rule)
                return


def _apply(ctx: Context, sentence: Sentence, rule: Rule, claimed: list) -> None:
    spec = families()[rule.family]
    text = sentence.text
    if rule.family == "regulator":
        return regulator(ctx, sentence, rule, claimed)
    if rule.family == "regulation":
        return regulation(ctx, sentence, rule, claimed)
    if rule.family == "supervises":
        return supervises(ctx, sentence, rule, claimed)
    searched, pos = ctx.searched(rule, text), 0
    while (match := rule.search(searched, pos)) is not None:
        # A capture cut short by a clause stop leaves the rest of the sentence to the same rule: in "a bachelor's
        # degree in finance is common, although many start with a high school diploma" both are degrees.
        pos = max(match.start() + 1, min(match.end(), _apply_match(ctx, sentence, rule, spec, match, claimed)))


def _apply_match(ctx: Context, sentence: Sentence, rule: Rule, spec: dict, match: re.Match, claimed: list) -> int:
    """Facts of one match; returns where the text it used ends."""
    text = sentence.text
    used = match.end()
    if rule.options.get("require_role") and not _about_role(ctx, sentence, rule):
        return used
    if not _in_place(ctx, sentence, rule):
        return used
    if rule.options.get("standalone") and _inside_longer_name(text, match.start(), ctx.rs.lang):
        return used
    if spec.get("own_subject") and (_specialised_subject(ctx, text, match) or _item_of_other_role(ctx, sentence)):
        return used
    if not rule.options.get("any_section"):  # "The daily work includes ...": a rule that names the work itself reads it anywhere
        spec = _in_own_section(ctx, sentence, spec)
        if spec is None:
            return used
    if spec.get("skip_examples") and _in_example(ctx, sentence):
        return used  # "picture a startup selling to dental clinics": the clinics are not employers
    if spec.get("skip_questions") and text.rstrip().endswith("?"):
        return used  # "Servono davvero?", "Ha senso con tutto il cloud?": a question asks, it states no requirement
    if spec.get("skip_negated") and _denied(ctx, text, match.start("x") if match.groupdict().get("x") is not None else match.start()):
        return used
    if _yields(ctx, sentence, rule.options.get("yields_to", ()), match.start("x")):
        return used  # "an FAA medical certificate": the regulation's words hold no degree
    verb = group_of(match, text, "verb")
    # "came from equity research or credit analysis": no verb, a noun phrase; a later verb of the list still is one
    nominal = verb is not None and _noun_in_a_compound(ctx, sentence, match.start("verb"))
    if verb is not None and _object_of_a_verb(ctx, sentence, match.start()):
        return used  # "the agency that licenses pilots, certifies aircraft ...": the pilots do nothing here
    for group in ("x", "y"):  # y: a continuation such as "followed by ..."
        if group_of(match, text, group) is None:
            continue
        x_start = match.start(group)
        raw = group_of(match, text, group)
        if spec.get("examples") and not rule.options.get("lexicon"):  # a lexicon rule names its entries only
            raw = _examples(ctx, sentence, spec, raw, f"{rule.family}.{rule.id}")
        if spec.get("mask_brackets"):  # "head of reception (jefe de recepción) and later ...": a note, blanked in place
            raw = _mask_notes(ctx.rs, raw)
        # After a duty verb, each later ", <verb> ..." is its own duty, so a relative clause in one ("triage the
        # alerts that came in overnight, decide which ..., and open incidents") does not cut the others off.
        segments = _verb_segments(ctx.rs, raw) if verb else _gerund_segments(ctx.rs, raw) if spec.get("gerund_segments") else [(0, len(raw))]
        for start, end in segments:
            if nominal and group == "x" and start == 0:
                continue
            if verb and start and raw == group_of(match, text, group) and _another_subjects(ctx, sentence, verb, x_start + start):
                continue  # "must hold a certificate from the agency that licenses pilots, certifies aircraft": the agency's
            captured = trim(raw[start:end], ctx.rs, rule.options.get("trim", spec.get("trim", [])))
            if spec.get("verb_stops"):  # "reports to the chef and works with porters": the porters are no boss
                captured = captured[: verb_clause_end(captured, ctx.rs.lang, spec["verb_stops"])]
            if group == "x" and raw == group_of(match, text, group) and match.end(group) == match.end():
                used = x_start + start + len(captured)  # only a capture that ends the match leaves text after it
            if rule.options.get("claims", spec.get("claims")):
                claimed.append((x_start + start, x_start + start + len(captured)))
            for a, b in _items(captured, ctx.rs, rule, spec, verb is not None) if len(segments) == 1 or verb else [(0, len(captured))]:
                item = trim(captured[a:b], ctx.rs, rule.options.get("item_trim", spec.get("item_trim", [])))
                if rule.options.get("prefix"):  # "laurea in A, B o C": each item keeps the head
                    item = f"{group_of(match, text, rule.options['prefix'])} {clean(item, ctx.rs)}"
                _emit(ctx, sentence, rule, spec, item, x_start + start + a, verb, match.start())
    return used


_NOMINAL = ("NOUN", "PROPN", "ADJ")


def _object_of_a_verb(ctx: Context, sentence: Sentence, at: int) -> bool:
    """The role's name the tagger reads right after a verb is that verb's object ("the agency that licenses pilots,
    certifies aircraft"): what follows is not its action."""
    if ctx.rs.lang not in LANGUAGES:
        return False
    span = _tagged(ctx, sentence)
    index = next((i for i, token in enumerate(span.tokens) if token.start == at), 0)
    return index > 0 and "ROLE" in span.flags[index] and span.tokens[index - 1].pos == "VERB"


def _noun_in_a_compound(ctx: Context, sentence: Sentence, at: int) -> bool:
    """A duty verb's form the tagger reads as a noun or an adjective right after a noun, an adjective, a number or a
    determiner that is not the role's name is a word of a noun phrase in a head-last language ("equity research",
    "compliance reviews", "rider-operated lift trucks"); after the role it stays a verb ("the nurse plans shifts")."""
    if head_first(ctx.rs.lang) or ctx.rs.lang not in LANGUAGES:
        return False
    span = _tagged(ctx, sentence)
    index = next((i for i, token in enumerate(span.tokens) if token.start == at), 0)
    if index == 0 or span.tokens[index].pos not in _NOMINAL:
        return False
    before = span.tokens[index - 1]
    return before.pos in _NOMINAL + ("DET", "NUM") and "ROLE" not in span.flags[index - 1]


def _mask_notes(rs: RuleSet, text: str) -> str:
    """Brackets blanked in place, but one that opens on a conjunction, which gives another name ("director of finance
    (or director of FP&A)")."""
    conj = rs.lists["conjunction"]
    return _BRACKET.sub(lambda m: m.group(0) if conj.match(" " + m.group(0)[1:].lstrip()) else " " * len(m.group(0)), text)


def _token_read(ctx: Context, family: str, start: int, end: int) -> bool:
    """Whether a token rule of a family scored alike took the item's words: its start, or any of its words where that
    family claims only the words it names (`claim_objects`: the sector before "work in catering: pubs" is free)."""
    for alike in _scored_alike(family):
        overlap = families()[alike].get("claim_objects")
        if any(a < end and start < b if overlap else a <= start < b for a, b in ctx.token_spans.get(alike, ())):
            return True
    return False


@lru_cache(maxsize=None)
def _scored_alike(family: str) -> tuple[str, ...]:
    """The families whose facts are scored as this family's (an employer and an industry are both where one works)."""
    gold = kinds()[families()[family]["kind"]].get("gold")
    return tuple(f for f, spec in families().items() if f == family or gold and kinds()[spec["kind"]].get("gold") == gold)


def _yields(ctx: Context, sentence: Sentence, kinds_first: tuple[str, ...], at: int) -> bool:
    """Whether the words at `at` are inside the words of a fact of one of these kinds read from the sentence."""
    for fact in ctx.facts:
        if fact.kind in kinds_first and fact.evidence.start == sentence.start:
            for label in (fact.object, *fact.alt):
                found = sentence.text.find(label)
                if 0 <= found <= at < found + len(label):
                    return True
    return False


def _in_place(ctx: Context, sentence: Sentence, rule: Rule) -> bool:
    """A rule kept to running text (`prose`), to the sections of some families (`under`) or of some headings
    (`heading`), or to sentences no rule of another family read (`alone`): "empatia, precisione" under a skills
    heading are asked of the role, the same words in a story are not."""
    if rule.options.get("prose") and sentence.block.kind == "item":
        return False
    under = rule.options.get("under")
    if under and _family_of(sentence.section[::-1], ctx.rs.data["sections"], plain=True) not in under:
        return False
    heading = rule.options.get("heading")
    if heading and not (sentence.section and re.search(heading, sentence.section[-1], re.IGNORECASE)):
        return False
    if rule.options.get("alone"):  # "Banks employ most of them": the employers were read, no sector to add
        kind = families()[rule.family]["kind"]
        scored = kinds()[kind].get("gold")
        return not any(f.evidence.start == sentence.start and f.kind != kind and kinds()[f.kind].get("gold") == scored
                       for f in ctx.facts)
    return True


def _specialised_subject(ctx: Context, text: str, match: re.Match) -> bool:
    """"Consumer loan officers handle car loans": the role's name that opens the match heads a longer role (a
    specialisation, not a mere variant), whose duties are its own."""
    at = ctx.masked(text).find(ROLE_MARK, match.start(), match.end())
    return at == match.start() and _specialised_at(ctx, text, at)


def _specialised_at(ctx: Context, text: str, at: int) -> bool:
    """The role's name at `at` is inside a longer role's name that is neither the role nor a variant of it."""
    return any(m.start < at < m.end and not ctx.is_role(m.label) and not _variant_of_role(ctx, m.label)
               for m in _mentions_of(text, ctx.rs.lang))


@lru_cache(maxsize=4096)
def _mentions_of(text: str, lang: str, start_ok: bool = False) -> tuple[Mention, ...]:
    """find_mentions, kept per text: the duty checks ask it again for each match of a sentence."""
    return tuple(find_mentions(text, lang, start_ok=start_ok))


def _item_of_other_role(ctx: Context, sentence: Sentence) -> bool:
    """A list item that opens on another role's name ("**Branch manager.** Runs the branch ...", a rung of a
    career ladder): what it describes is that role's work."""
    if sentence.block.kind != "item":
        return False
    opening = _mentions_of(sentence.block.text[:80], ctx.rs.lang, start_ok=True)
    return bool(opening) and not sentence.block.text[:opening[0].start].strip(" *_-") and \
        not ctx.is_role(opening[0].label) and not _variant_of_role(ctx, opening[0].label)


def _denied(ctx: Context, text: str, at: int) -> bool:
    """The clause the words at `at` are in denies them: "non significa che lavori nel settore dei mobili; il suo
    settore rimane le assicurazioni" denies the first sector only."""
    begin = max(text.rfind(";", 0, at), text.rfind(":", 0, at)) + 1
    ends = [i for i in (text.find(";", at), text.find(":", at)) if i >= 0]
    clause = fold(text[begin:min(ends) if ends else len(text)])
    return any(marker in clause for marker in word_set(ctx.rs.lang, "negated_markers"))


def _verb_segments(rs: RuleSet, raw: str) -> list[tuple[int, int]]:
    """Where, after a duty verb, a separator or conjunction opens another duty verb's phrase."""
    bounds = [0]
    for m in _verb_boundary(rs.lang).finditer(raw):
        if _takes_back(rs, raw[m.end():]):
            continue
        # "opens and maintains accounts": one object, two verbs (the first segment holds no verb, the others open on one)
        if len(raw[bounds[-1]:m.start()].split()) > (1 if bounds[-1] else 0):
            bounds.append(m.end())
    bounds.append(len(raw))
    return [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1) if raw[bounds[i]:bounds[i + 1]].strip()]


def _another_subjects(ctx: Context, sentence: Sentence, verb: str, at: int) -> bool:
    """A later verb of a duty list that the tagger reads as a verb in an inflected form (the verb tables know it) after a
    first verb in its base form belongs to another subject ("must hold a certificate from the agency that licenses
    pilots, certifies aircraft"); a base form after a base form, or an inflected one after one, goes on the list."""
    verbs = ctx.rs.verbs
    if ctx.rs.lang not in LANGUAGES or verbs.get(verb.lower()) != verb.lower():
        return False
    token = next((t for t in _tagged(ctx, sentence).tokens if t.start >= at), None)
    word = token.text.lower() if token else ""
    return token is not None and token.pos == "VERB" and word in verbs and verbs[word] != word


def _gerund_segments(rs: RuleSet, raw: str) -> list[tuple[int, int]]:
    """In a list that opens on a gerund ("carrying out studies, checking drawings prepared by drafters, supervising
    contractors"), each later separator or conjunction before a gerund opens a duty of its own: the clause that ends one
    item ("prepared by ...") does not cut the others off, and each segment is one duty ("analysing site and survey data").
    A lone gerund shares the next one's object: "planning and reviewing care plans" is one duty."""
    if not rs.lists["gerund"].match(raw.lstrip()):
        return [(0, len(raw))]
    bounds = [0]
    for m in _gerund_boundary(rs.lang).finditer(raw):
        if len(re.findall(r"\w+", raw[bounds[-1]:m.start()])) > 1:
            bounds.append(m.end())
    bounds.append(len(raw))
    return [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1) if raw[bounds[i]:bounds[i + 1]].strip()]


@lru_cache(maxsize=None)
def _gerund_boundary(lang: str) -> re.Pattern:
    rs = ruleset(lang)
    return kept(f"gerund-boundary-{lang}", rf"(?:{rs.lists['separator'].pattern}|{rs.lists['conjunction'].pattern})(?={rs.lists['gerund'].pattern})",
                re.IGNORECASE)


def _takes_back(rs: RuleSet, text: str) -> bool:
    """A verb whose object is a pronoun for the one before ("... and pass it to an underwriter") continues that duty."""
    verb = rs.duty_verb.match(text)
    after = text[verb.end():].split() if verb else []
    return bool(after) and fold(after[0]) in word_set(rs.lang, "object_pronouns")


@lru_cache(maxsize=None)
def _verb_boundary(lang: str) -> re.Pattern:
    """A list separator or conjunction right before a duty verb ("..., calls the plumber": a noun-like form
    counts when an article follows it)."""
    rs = ruleset(lang)
    joint = f"(?:{rs.lists['separator'].pattern}|{rs.lists['conjunction'].pattern})"
    return kept(f"verb-boundary-{lang}", rf"{joint}(?=(?:{rs.duty_verb.pattern})|{_noun_like_verbs(lang)[1].pattern})", re.IGNORECASE)


@lru_cache(maxsize=None)
def _noun_like_verbs(lang: str) -> tuple[dict[str, str], re.Pattern]:
    """Verb forms that look like nouns ("calls", "stima") and a pattern that takes them only before an article."""
    rs = ruleset(lang)
    forms = ambiguous(rs.data)
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) or "(?!)"
    return forms, kept(f"noun-like-verbs-{lang}", rf"(?:{alternation})(?=\s+{rs.data['macros']['art']}\b)", re.IGNORECASE)


def _about_role(ctx: Context, sentence: Sentence, rule: Rule) -> bool:
    """The sentence names the role, follows one that does in its paragraph ("L'analista è ... In banca lavora
    nell'ufficio fidi"), or sits under a heading of the rule's kind ("Where SDRs work")."""
    if ctx.names_role(sentence.text):
        return True
    first = fold(sentence.text.split(" ", 1)[0])
    if first in word_set(ctx.rs.lang, "implied_subject_verbs") or first in ctx.rs.verbs:  # "Lavora in studi di progettazione"
        return True
    before = [s for s in ctx.article.sentences if s.block is sentence.block and s.end <= sentence.start]
    if before and ctx.names_role(before[-1].text):
        return True
    return _family_of(sentence.section[::-1], ctx.rs.data["sections"], plain=True) == rule.family


def _inside_longer_name(text: str, start: int, lang: str) -> bool:
    """True when a capitalised word that is not a function word runs into the match ("Chartered Financial ...", with
    its number: "Level 3 Diploma in ...")."""
    previous = re.search(r"\b([A-Z][\w-]*)(?:\s+\d+)?\s+$", text[:start])
    return bool(previous) and previous.group(1).lower() not in stopwords(lang) and text[start:start + 1].isupper()


def _items(captured: str, rs: RuleSet, rule: Rule, spec: dict, verb_led: bool) -> list[tuple[int, int]]:
    """List items; after a duty verb, an item starts only where another duty verb does
    ("negotiates prices, terms and conditions" stays whole, "meets X, explains Y" splits)."""
    if not rule.options.get("split", spec.get("split")):
        return [(0, len(captured))]
    spans = split_items(captured, rs, always=rule.options.get("conj", spec.get("conj")) == "always")
    if spec.get("object_lists") and rs.lists["nominal_head"].match(captured.strip()):
        spans = _head_objects(captured, rs, spans)
    named = (rule.options.get("lexicon"), rule.options.get("also_lexicon"),
             lexicon.for_class(kinds()[spec["kind"]].get("class", "")) if rule.options.get("open") else None)
    for name in dict.fromkeys(filter(None, named)):
        spans = _lexicon_forms_whole(captured, rs.lang, name, spans)
    if not verb_led and not rule.options.get("verb_first"):
        return spans
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        # An item that opens on an article is the verb's second object ("must coordinate the lease of the shop and
        # the lease of the flats"); after a duty verb, so is any item that does not open on a verb of its own, or
        # whose verb takes the previous object back ("put together a file and pass it to an underwriter").
        previous_bare = merged and len(captured[merged[-1][0]:merged[-1][1]].split()) == 1  # "opens and maintains accounts"
        bare = rs.lists["leading"].sub("", captured[a:b]).strip()
        joins = _article_first(rs.lang, captured[a:b]) or verb_led and (
            previous_bare or not rs.duty_verb.match(bare) or _takes_back(rs, bare))
        if merged and joins:
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


def _lexicon_forms_whole(captured: str, lang: str, name: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Items a vocabulary form runs across are one where the halves name nothing on their own: "oil and gas",
    "petrolio e gas" name one entry; "hospitality and catering" stays two, each half an entry of its own."""
    for _, a, b in lexicon.find(name, captured, lang):
        inside = [k for k, (x, y) in enumerate(spans) if x < b and a < y]
        if len(inside) > 1 and not any(lexicon.find(name, captured[max(a, spans[k][0]):min(b, spans[k][1])], lang) for k in inside):
            first, last = inside[0], inside[-1]
            spans = spans[:first] + [(spans[first][0], spans[last][1])] + spans[last + 1:]
    return spans


def _head_objects(captured: str, rs: RuleSet, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """"acquisto di materie prime, semilavorati e servizi": bare nouns after "<noun> di ..." are more objects of
    that one head, up to the first item that opens on an article, a verb or an action noun of its own, or that is a
    head with a complement itself ("rilevazione degli incidenti, controllo della velocità")."""
    end = 1
    while end < len(spans) and _bare_object(rs, captured[spans[end][0]:spans[end][1]]) \
            and not rs.lists["nominal_head"].match(captured[spans[end][0]:spans[end][1]].strip()):
        end += 1
    return [(spans[0][0], spans[end - 1][1])] + spans[end:]


def _bare_object(rs: RuleSet, item: str, actions: bool = False) -> bool:
    """A list item that can only be one more object: a noun with no article, preposition or verb of its own;
    after a verb an action noun is an object too ("negoziare prezzi, condizioni"), after a noun head it is not."""
    bare = item.strip()
    words = bare.split()
    return bool(words) and not rs.lists["leading"].match(bare) and not rs.duty_verb.match(bare) \
        and not rs.lists["verb_first"].match(bare) and (actions or not rs.lists["action_noun"].search(fold(words[0])))


def _emit(ctx: Context, sentence: Sentence, rule: Rule, spec: dict, item: str, offset: int, verb, match_start: int) -> None:
    """Turn one captured item into facts of the family's kind."""
    if _token_read(ctx, rule.family, offset, offset + len(item)):
        return  # a token rule read this item already, as a fact scored the same ("employed by care homes": one workplace)
    kind = spec["kind"]
    lang = ctx.rs.lang
    if kind == "promotes_to" and not spec.get("reverse") and _sideways(ctx, sentence):
        kind = "related_role"  # "Alternatively, they can become ...": another path, not a rung above
    if spec.get("roles"):
        for mention in find_mentions(clean(item, ctx.rs), lang, start_ok=True, role_slot=True):  # "più avanti, responsabile vendite"
            if ctx.is_role(mention.label):
                continue
            if spec.get("reverse"):
                ctx.add(kind, ctx.article.role, sentence, rule, subject=mention.label)
            elif spec.get("subject") == "mention":
                subject = _subject_mention(ctx, sentence.text[:match_start])
                ctx.add(kind, mention.label, sentence, rule, subject=subject)
            else:
                ctx.add(kind, mention.label, sentence, rule)
        return
    lexicon_name = rule.options.get("lexicon")
    if lexicon_name is None and (spec.get("entity") or rule.options.get("open")):
        lexicon_name = lexicon.for_class(kinds()[kind].get("class", ""))
    if lexicon_name and not rule.options.get("keep_words"):  # "federally insured banks": a class the law draws
        hits, generic = named_entries(ctx.rs, lexicon_name, item)
        if spec.get("keep_case"):  # proper names: "in Georgia", not "in georgia" nor "a nord"
            hits = [(entry, a, b) for entry, a, b in hits if item[a:a + 1].isupper()]
        if not hits and rule.options.get("also_lexicon"):  # "employed by care homes": no employer, a sector
            other = lexicon.class_of(rule.options["also_lexicon"])
            kind_of_other = next(k for k, v in kinds().items() if v.get("class") == other)
            for entry, a, b in named_entries(ctx.rs, rule.options["also_lexicon"], item)[0]:
                if _heads(ctx.rs, item, a, b):
                    _emit_label(ctx, sentence, rule, families()[kind_of_other], entry.label(lang), key=entry.id, written=item[a:b])
        for entry, a, b in hits:  # the words the article used stay as an alternative label
            if rule.options.get("written"):
                _emit_written(ctx, sentence, rule, spec, item[a:b], offset + a)
            else:
                _emit_label(ctx, sentence, rule, spec, entry.label(lang), key=entry.id, written=item[a:b])
        if hits or not (generic or rule.options.get("open", not rule.options.get("lexicon"))):
            if not hits and spec.get("subject") == "regulation":  # "le stazioni appaltanti": an organisation noun heads it
                nouns = bool(rule.options.get("noun_phrases")) and noun_phrase(ctx.rs, sentence.text, offset, offset + len(item))
                for label, _, written in entity_types(ctx, item, nouns=nouns):
                    _emit_label(ctx, sentence, rule, spec, label, written=next(iter(written), ""))
            return
    if rule.options.get("capitalized"):
        for match in _capitalised().finditer(item):
            place = match.group(0)
            if place.split()[0] in lexicon.not_places() or fold(place) in {fold(m) for m in profile(lang)["months"]}:
                continue
            entry = lexicon.lookup("places", place)
            if entry is None and len(place) <= 2:
                continue  # "Joplin, MO": a state's or province's code the gazetteer does not know names no place alone
            _emit_label(ctx, sentence, rule, spec, entry.label(lang) if entry else place, key=entry.id if entry else "")
        return
    if verb:
        follows = re.search(rf"\b{re.escape(verb)}\s*$", sentence.text[:offset], re.IGNORECASE) is not None
        label = _with_infinitive(ctx.rs, verb, item, follows)
    else:
        label = clean(item, ctx.rs, word_set(lang, "skill_modifiers") if spec.get("modifiers") else frozenset())
    written = ""
    if spec.get("entity"):  # "food businesses" is the entity type "food business", the words written stay a label
        written, label = label, singular_role(label, lang)
    # Only a phrase that opens the sentence owes its capital to the sentence: "Linux administration" keeps its own.
    _emit_label(ctx, sentence, rule, spec, label if sentence.text[:offset].strip() else lower_label(label), written=written)


def _heads(rs: RuleSet, item: str, start: int, end: int) -> bool:
    """The words item[start:end] are where the item's head is: its first words in a head-first language
    ("cliniche private"), its last in a head-last one ("nursing homes"), not a word inside a clause run on
    ("... and they handle claims for commercial property as well as ...")."""
    if head_first(rs.lang):
        return not rs.lists["leading"].sub("", item[:start]).strip()
    return not item[end:].strip(" ,;.")


def _emit_written(ctx: Context, sentence: Sentence, rule: Rule, spec: dict, words: str, offset: int) -> None:
    """A lexicon hit named as written ("empatia", "strong communication" -> "communication"), unless a fact of
    the same kind already read from the sentence holds it ("capacità di lavorare in team e sotto pressione") or
    it stands in brackets, an example of what precedes ("languages (German, French)", "ERP (SAP)")."""
    before = sentence.text[:offset]
    if before.count("(") > before.count(")"):
        return
    held = fold(words)
    if any(f.kind == spec["kind"] and f.evidence.start == sentence.start and holds_word(fold(f.object), held) for f in ctx.facts):
        return
    if _part_of_longer_noun(ctx.rs.lang, sentence.text, offset, offset + len(words)):
        return
    _emit_label(ctx, sentence, rule, spec, words if sentence.text[:offset].strip() else lower_label(words))


def _part_of_longer_noun(lang: str, text: str, start: int, end: int) -> bool:
    """"l'affidabilità dei clienti", "the precision of the model": a complement makes the word another thing; in a
    head-last language so does an adjective before it ("medical coding") or a noun after it ("coding assistants")."""
    after = re.match(r"\s*([\w']+)", text[end:])
    if after and fold(after.group(1)).split("'")[0] in word_set(lang, "complement_markers", borrowed=True):
        return True
    if head_first(lang):
        return False
    free = stopwords(lang) | word_set(lang, "skill_modifiers")
    before = re.search(r"([\w'-]+)\s+$", text[:start])
    if before and fold(before.group(1)) not in free and compiled(lang, "adjective_endings").search(fold(before.group(1))):
        return True
    noun_after = re.match(r"\s+([a-z][\w'-]*)", text[end:])
    return noun_after is not None and fold(noun_after.group(1)) not in free


@lru_cache(maxsize=1)
def _capitalised() -> re.Pattern:
    """Capitalised words, with the lower-case particles a place name may hold ("Isle of Man")."""
    particles = "|".join(lexicon.place_particles())
    return re.compile(rf"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|{particles}))*(?<![\s.])")


def _with_infinitive(rs: RuleSet, verb: str, item: str, follows: bool) -> str:
    """"negozia i contratti, pianifica gli ordini": each item keeps its own verb, as an infinitive. Right after
    the verb (`follows`) the item is its object ("files reports"), unless a conjunction adds a second verb."""
    verbs = rs.verbs
    bare = clean(item, rs)  # "and he prepares the lease": the item's own verb
    noun_like, before_article = _noun_like_verbs(rs.lang)
    by_singular = profile(rs.lang).get("verb_base_from_singular")  # "prospects" -> "prospect"
    infinitive = verbs.get(verb.lower()) or noun_like.get(verb.lower()) or (singular_word(verb, rs.lang) if by_singular else verb.lower())
    direct = item.lstrip(" ,;.\"'“”«»").startswith(bare.split(" ", 1)[0])  # nothing stripped: no "to", no "and"
    noun = _article_first(rs.lang, item) or (follows and direct)  # "the lease of ...", "files reports": a noun
    own = None if noun else rs.duty_verb.match(bare) or before_article.match(bare)
    if own and own.end() >= len(bare.rstrip(" ,;.")):
        return ""  # a verb with its object cut off ("decide which ones ..."): no duty to name
    if own and bare[own.end():own.end() + 1] == " ":
        rest = _later_verbs(rs, " " + rs.lists['trailing'].sub('', bare[own.end() + 1:]))
        label = f"{verbs.get(own.group(0).lower()) or noun_like[own.group(0).lower()]}{rest}"
        joint = rs.lists["conjunction"].match(" " + item.lstrip())  # the matched verb shares the object: "opens and maintains accounts"
        return f"{infinitive}{joint.group(0)}{label}" if joint else label
    item = item.strip(" ,;.\"'“”«»")  # else the object keeps its preposition: "prospects for clients"
    return f"{infinitive}{_later_verbs(rs, ' ' + rs.lists['trailing'].sub('', item))}"


@lru_cache(maxsize=None)
def _joined_verb(lang: str) -> re.Pattern:
    rs = ruleset(lang)
    return kept(f"joined-verb-{lang}", rf"({rs.lists['conjunction'].pattern})({rs.duty_verb.pattern})(?=\s)", re.IGNORECASE)


def _later_verbs(rs: RuleSet, text: str) -> str:
    """"opens and maintains accounts", "prepares the offer and sends it": verbs joined on take the infinitive too."""
    return _joined_verb(rs.lang).sub(lambda m: m.group(1) + rs.verbs[m.group(2).lower()], text)


@lru_cache(maxsize=None)
def _article_first_pattern(lang: str) -> re.Pattern:
    rs = ruleset(lang)
    return re.compile(rf"(?:{rs.lists['conjunction'].pattern}|\s+){rs.data['macros']['art']}\b", re.IGNORECASE)


def _article_first(lang: str, text: str) -> bool:
    """An item that opens on an article ("and the lease of the flats") names a thing, whatever its noun looks like."""
    return bool(_article_first_pattern(lang).match(" " + text.lstrip(" ,;")))


def _emit_label(ctx: Context, sentence: Sentence, rule: Rule | str, spec: dict, label: str, key: str = "", written: str = "") -> None:
    label = label.strip()
    written = written if spec.get("keep_case") else lower_label(written)
    alt = (written,) if written and fold(written) != fold(label) else ()
    if not acceptable(label, stopwords(ctx.rs.lang)) or rejected(ctx.rs, spec["kind"], label) or _lone_word_of(ctx, sentence, spec, label) \
            or _only_modifiers(ctx, sentence, spec, label):
        return
    if key and not alt and _lone_word_of(ctx, sentence, spec, label, "name_not_as"):
        return  # the entry's own name used as another word: "retribuzione media" (average) is no media sector
    if spec["kind"] == "alias":
        label = pattern(ctx.rs.lang, "gender_slash").sub("", label)  # "segretario/a di direzione"
        label = singular_role(label, ctx.rs.lang) if label == label.lower() else label  # "HR partner" keeps its capitals
        label = singular_acronym(label, ctx.rs.lang)
        if ctx.is_role(label) or _acronym_of_a_longer_name(ctx, sentence, label):
            return
        ctx.add("alias", label, sentence, rule)
        return
    if spec.get("subject") == "regulation":
        regulation = regulation_before(ctx, sentence)
        if regulation is None:
            if rule.options.get("near"):
                ctx.unbound.append((sentence, rule, label, key, alt))
            return
        ctx.add(spec["kind"], label, sentence, rule, subject=regulation[1], subject_type="Regulation",
                subject_key=regulation[2], key=key, alt=alt)
        return
    ctx.add(spec["kind"], label, sentence, rule, key=key, alt=alt)


def _acronym_of_a_longer_name(ctx: Context, sentence: Sentence, label: str) -> bool:
    """"Corpo nazionale dei vigili del fuoco (CNVVF)", "Board of Registered Nurses (BRN)": the acronym after the role's
    name stands for a capitalised longer name that ends on it, not for the role ("business development
    representative (BDR)" in an article on sales development representatives is one of its names)."""
    if not label.isupper():
        return False
    bracket = re.search(rf"\(\s*{re.escape(label)}\s*\)", sentence.text)
    if bracket is None:
        return False
    before = sentence.text[: bracket.start()].rstrip()
    named = [m for m in ctx.role_names.finditer(before) if m.end() == len(before)]
    if not named or fold(named[-1].group(0))[:1] == fold(label)[:1]:
        return False
    longer = re.compile(rf"\b{re.escape(label[0])}[\w'’]*(?:[\s'’]+[\w'’]+){{0,7}}?[\s'’]*$")  # "Corpo nazionale dei "
    return longer.search(before[: named[-1].start()]) is not None


def _subject_mention(ctx: Context, before: str) -> str:
    """The role a reporting clause is about: the last role named before the verb in its clause, unless a
    preposition makes it a complement ("teachers work with assistants and report to ...": the teachers report)."""
    clause = re.split(r"[.;:]", before)[-1]
    mentions = [m for m in find_mentions(clause, ctx.rs.lang) if not _after_preposition(clause, m.start, ctx.rs.lang)]
    if mentions:  # "Receptionists ... report to" in an article on hotel receptionists: the role, by a shorter name
        return ctx.article.role if ctx.is_role(mentions[-1].label) else mentions[-1].label
    for match in re.finditer(rf"\b{ctx.rs.data['macros']['art']}\s*(\w+)", clause, re.IGNORECASE):
        head = fold(singular_word(match.group(1), ctx.rs.lang))
        if head in ctx.by_head and not ctx.is_role(match.group(1)):  # "The manager ... reports to": the manager named before
            return ctx.by_head[head]
    return ctx.article.role


def _after_preposition(text: str, start: int, lang: str) -> bool:
    """Whether the noun phrase at `start` follows a preposition, across its determiners and adjectives and the
    members of a list before it ("with paralegals and barristers")."""
    if lang not in LANGUAGES:
        return False
    before = [t for t in analyse(text, lang) if t.end <= start]
    while True:
        while before and before[-1].pos in ("DET", "ADJ", "NUM"):
            before.pop()
        if not (before and (before[-1].pos == "CCONJ" or before[-1].text == ",")):
            return bool(before) and before[-1].pos == "ADP"
        before.pop()
        while before and before[-1].pos in ("NOUN", "PROPN", "ADJ", "DET"):
            before.pop()


def _salaries(ctx: Context, sentence: Sentence) -> bool:
    """The pay figures the sentence states, as facts of the role unless they are another role's; whether it states any."""
    found = figures(sentence.text, ctx.rs, sentence.block.lead if sentence.block.kind == "item" else "", ctx.said.before(sentence))
    ctx.said.note(sentence, ctx.rs, bool(found))
    if found and _another_roles_row(ctx, sentence):
        return True
    for index, figure in enumerate(found):
        if _another_roles_pay(ctx, sentence.text[found[index - 1].end if index else 0 : figure.start], index > 0):
            continue
        values = dict(figure.attrs)
        label = " ".join(f"{k}={values[k]}" for k in ("min", "max", "median", "average", "amount", "currency", "period") if k in values)
        ctx.add("salary", label, sentence, "salary.figure", attrs=figure.attrs)
    return bool(found)


def _another_roles_row(ctx: Context, sentence: Sentence) -> bool:
    """A list item or table row labelled with another role ("Head of HR: London 95,000, ..." in a salary guide on HR
    business partners): its figures are that role's pay. A grade of the role itself ("Senior HR Business Partner",
    "Tecnico di radiologia, neoassunto") keeps its head noun and stays, as does a row named by its level ("Junior /
    praticante")."""
    label, colon, _ = sentence.text.partition(":")
    if sentence.block.kind != "item" or not colon or len(label.split()) > 6:
        return False
    graded = any(re.search(level, label, re.IGNORECASE) for level in ctx.rs.data["salary"]["levels"].values())
    mentions = find_mentions(label, ctx.rs.lang, start_ok=True)
    own = head_of(ctx.article.role.split(), ctx.rs.lang)
    if (graded or any(not ctx.is_role(m.label) and head_of(m.label.split(), ctx.rs.lang) == own for m in mentions)) \
            and not ctx.is_role(label.strip()) and _own_row_beside(ctx, sentence.block):
        return True  # "Senior UX designer" in a table with a "UX designer" row: another rung's pay
    if graded:
        return False
    return bool(mentions) and not any(ctx.is_role(m.label) or head_of(m.label.split(), ctx.rs.lang) == own for m in mentions)


def _another_roles_pay(ctx: Context, stretch: str, after_figure: bool) -> bool:
    """Does the stretch before a figure open on another role as its subject ("Sergeants earn £51,600 ... and
    inspectors £60,500", "1.600 euro, mentre un commis parte da 1.300": after an earlier figure, its own clause)? A
    role named deeper in it ("the pay scale for a constable runs from", "According to the BLS, medical records
    specialists earned") is not the figure's subject, and a grade of the role itself ("junior plumbers") is the role."""
    clause = re.split(r"[,;:]\s", stretch)[-1] if after_figure else stretch
    mentions = find_mentions(clause, ctx.rs.lang, start_ok=True)
    if not mentions or ctx.is_role(mentions[0].label) or ctx.rs.lang not in LANGUAGES:
        return False
    opening = [t for t in analyse(clause, ctx.rs.lang) if t.end <= mentions[0].start]
    return all(t.pos in ("DET", "CCONJ", "SCONJ", "PUNCT") for t in opening) \
        and head_of(mentions[0].label.split(), ctx.rs.lang) != head_of(ctx.article.role.split(), ctx.rs.lang)


def _own_row_beside(ctx: Context, block) -> bool:
    """Is there, in the list or table this item belongs to, a row labelled with the role's own name alone?"""
    return any(other.kind == "item" and other.section == block.section and other.lead == block.lead
               and other.depth == block.depth and ctx.is_role(other.text.partition(":")[0].strip())
               for other in ctx.article.blocks)


def _compensation(ctx: Context, sentence: Sentence) -> None:
    for rule in ctx.rs.rules.get("compensation", []):
        if not next(ctx.search(rule, sentence.text), None):
            continue
        for entry, _, _ in lexicon.find(rule.options["lexicon"], sentence.text):
            ctx.add("compensation", entry.label(ctx.rs.lang), sentence, rule, key=entry.id)


def _mentions(ctx: Context, sentence: Sentence, claimed: list, paid: bool = False) -> None:
    """Other roles the sentence names: junior/senior variants of the role form its ladder, the rest are related.
    `paid`: the sentence states pay figures."""
    if sentence.block.kind == "item" and _family_of(sentence.section[::-1], ctx.rs.data["sections"], plain=True) == "alias":
        return  # "Examples of job titles": the role's other names, read as aliases, not other roles
    predicate = compiled(ctx.rs.lang, "predicate_before")
    possessives = tuple(word_set(ctx.rs.lang, "possessive_endings", borrowed=True))
    illustrative = _in_example(ctx, sentence) or _in_example(ctx, sentence, "history_markers")
    if compiled(ctx.rs.lang, "byline").match(sentence.text):
        return  # "By Jane Roe, Senior Editor": who wrote the article, not who works with the role
    for mention in _mentions_of(sentence.text, ctx.rs.lang):
        if ctx.is_role(mention.label):
            continue
        words = mention.label.split()
        if len(words) > 1:  # "fp&a manager" -> manager, "director of finance" -> director, "capo area" -> capo
            ctx.by_head[fold(head_of(words, ctx.rs.lang))] = mention.label
        step = _seniority_step(ctx, mention)
        if step == "below":
            ctx.add("promotes_to", ctx.article.role, sentence, "promotes_to.seniority", subject=mention.label)
            continue
        if step == "above":
            ctx.add("promotes_to", mention.label, sentence, "promotes_to.seniority")
            continue
        if sentence.text.startswith(possessives, mention.end):
            continue  # "physicians' offices", "the client's lawyer": a possessive names a place or someone's, not a role
        if any(a.sentence is sentence and a.start <= mention.start < a.end for a in ctx.authorities):
            continue  # "the Energy Ombudsman", "the Board of Nursing": a regulator's name, not a role
        before = sentence.text[: mention.start]
        if any(a <= mention.start < b for a, b in claimed) or predicate.search(before) or compiled(ctx.rs.lang, "other_name_before").search(before):
            continue
        if illustrative or _variant_of_role(ctx, mention.label) or _qualified_role(ctx, sentence, mention):
            continue
        if compiled(ctx.rs.lang, "narrator_after").match(sentence.text, mention.end) \
                or compiled(ctx.rs.lang, "speaker_before").search(before) or compiled(ctx.rs.lang, "own_job_before").search(before):
            continue  # "a recruiter once told me", "says Tom Hughes, a trainer", "I'm a teacher": the story's characters and voices
        if served(sentence.text, mention, ctx.rs.lang):
            continue  # "advises first-time buyers": the people the role serves
        if _credential_name(ctx, sentence.text, mention):
            continue  # "a student pilot certificate", "AWS Certified DevOps Engineer": a credential's name, no job
        if paid and (_kind_of_role(ctx, mention.label) or _row_label(sentence, mention)):
            continue  # "pipeline welders often earn over $100,000", "Head chef: £38,000": the pay of a kind or rung
        label = ungraded(mention.label, ctx.rs.lang)
        if not label or label != mention.label and (ctx.is_role(label) or _variant_of_role(ctx, label)):
            continue  # "senior managers", "first-year associates" in an article on associates: no other job
        ctx.add("related_role", label, sentence, "related_role.mention")


def _row_label(sentence: Sentence, mention: Mention) -> bool:
    """Is the mention the label of a list item or table row ("Wine director / beverage director: Median £68,000")?"""
    colon = sentence.text.find(":")
    return sentence.block.kind == "item" and colon >= mention.end


def _kind_of_role(ctx: Context, label: str) -> bool:
    """Does the name hold the head noun of the role ("regional drivers" in an article on truck drivers, "coordinatore
    degli igienisti" in one on dental hygienists)? Where pay is compared, such a name is a grade, a kind or a statistics
    category of the role itself, not another job one works beside or moves to. (Not an alias's head: "financial
    advisers" beside a mortgage adviser are the broader job the text relates it to.)"""
    lang = ctx.rs.lang
    head = word_key(fold(head_of(ctx.article.role.split(), lang)), lang)
    return any(word_key(fold(w), lang) == head for w in label.split())


def _credential_name(ctx: Context, text: str, mention: Mention) -> bool:
    """A role's name inside a credential's, an exam's or a body's name ("the TExES School Counselor exam", "Air Line
    Pilots Association", "Tableau Certified Data Analyst"): the words after it or before it say so."""
    lang = ctx.rs.lang
    return compiled(lang, "credential_after").match(text, mention.end) is not None \
        or compiled(lang, "credential_before").search(text[:mention.start]) is not None \
        or compiled(lang, "credential_inside").search(text, mention.start, mention.end) is not None


def _sideways(ctx: Context, sentence: Sentence) -> bool:
    """A sentence that opens on an alternative ("In alternativa", "Alternatively,"): the roles it names are
    other paths, not rungs above."""
    return compiled(ctx.rs.lang, "sideways_before").match(sentence.text) is not None


def _in_example(ctx: Context, sentence: Sentence, key: str = "example_markers") -> bool:
    """A paragraph or section that opens with "for example": its roles only illustrate (with `history_markers`, a
    section or paragraph on the profession's past: its people are no colleagues)."""
    markers = word_set(ctx.rs.lang, key)
    opening = fold(sentence.block.text[:40])
    return any(opening.startswith(m) for m in markers) or any(m in fold(h) for h in sentence.section[-1:] for m in markers)


_BRACKET = re.compile(r"\([^()]*\)")
_ACRONYM_AFTER = re.compile(r"\s*\(\s*([A-Z][A-Za-z&]{1,7})\s*\)")


def _variant_of_role(ctx: Context, label: str) -> bool:
    """"security analyst" in an article on information security analysts, "infermiere del pubblico" in one on
    nurses: the role itself, shortened or qualified, not another role."""
    stop = stopwords(ctx.rs.lang) | word_set(ctx.rs.lang, "variant_modifiers")
    lang = ctx.rs.lang
    words = {word_key(fold(w), lang) for w in re.findall(r"[\w&'-]+", label) if fold(w) not in stop}
    for name in (ctx.article.role, *ctx.aliases()):  # "promotore" after "l'ex promotore finanziario"
        role = {word_key(fold(w), lang) for w in re.findall(r"[\w&'-]+", name) if fold(w) not in stop}
        if words and role and words <= role:  # "l'infermiere o l'infermiera": the role in its other gender too
            return True
    return False


def _qualified_role(ctx: Context, sentence: Sentence, mention: Mention) -> bool:
    """"registered architects", "salaried dentists": the role's whole name with only adjectives or participles
    added says which of its holders, not another job; a noun added ("landscape architect") names a specialism, and
    a name that keeps only the role's head ("external auditor" beside internal auditors) another role."""
    lang = ctx.rs.lang
    if lang not in LANGUAGES:
        return False
    label = {word_key(fold(w), lang) for w in mention.label.split()}
    for name in (ctx.article.role, *ctx.aliases()):
        role = {word_key(fold(w), lang) for w in singular_role(name, lang).split()}
        if not role <= label:
            continue
        extra = [t for t in analyse(sentence.text, lang) if mention.start <= t.start < mention.end
                 and word_key(fold(t.text), lang) not in role and re.match(r"\w", t.text)]
        if extra and all(t.pos in ("ADJ", "VERB") for t in extra):
            return True
    return False


def _spell_out_acronyms(ctx: Context) -> None:
    """"chief financial officer (CFO)" once, "the CFO seat" later: one role, its acronym an alternative label."""
    long_names: dict[str, str] = {}
    for sentence in ctx.article.sentences:
        if "(" not in sentence.text:
            continue  # no acronym after any name: the roles of the sentence need not be found
        for mention in _mentions_of(sentence.text, ctx.rs.lang):
            acronym = _ACRONYM_AFTER.match(sentence.text, mention.end)
            if acronym:
                long_names.setdefault(fold(acronym.group(1)), mention.label)
    if not long_names:
        return
    role_kinds = {"promotes_to", "reports_to", "related_role"}
    for index, fact in enumerate(ctx.facts):
        if fact.kind not in role_kinds:
            continue
        subject, obj = long_names.get(fold(fact.subject)), long_names.get(fold(fact.object))
        if subject or obj:
            ctx.facts[index] = replace(fact, subject=subject or fact.subject, object=obj or fact.object,
                                       alt=fact.alt + ((fact.object,) if obj else ()))


def _qualifies_alias(label: str, aliases: set[str]) -> bool:
    """"inglese tax advisor" beside the alias "tax advisor": a word before another name of the role is no other role."""
    return any(label.endswith(" " + a) for a in aliases)


def _relate_other_roles(ctx: Context) -> None:
    """Roles linked only to each other ("associates report to the lead") are still related to the article's
    role; a role on its ladder or reporting line, or one of its other names, is not also "related", wherever
    else it was named."""
    chain = ("promotes_to", "reports_to")
    ladder = {fold(f.subject) for f in ctx.facts if f.kind in chain and ctx.is_role(f.object)}
    ladder |= {fold(f.object) for f in ctx.facts if f.kind in chain and ctx.is_role(f.subject)}
    names = {fold(singular_role(a, ctx.rs.lang)) for a in ctx.aliases()}
    ladder |= names | {fold(a) for f in ctx.facts if f.kind in chain for a in f.alt}
    rungs = {r for r in ladder if " " in r}  # "Level Flight paramedic", a ladder table's row with its column name
    ctx.facts = [f for f in ctx.facts if f.kind != "related_role" or fold(f.object) not in ladder
                 and not _qualifies_alias(fold(f.object), names | rungs)]
    linked = set(ladder)
    for fact in list(ctx.facts):
        if fact.kind not in chain or ctx.is_role(fact.subject) or ctx.is_role(fact.object):
            continue
        for label in (fact.subject, fact.object):
            if fold(label) not in linked:
                linked.add(fold(label))
                ctx.facts.append(replace(fact, kind="related_role", subject=ctx.article.role, object=label))


def _seniority_step(ctx: Context, mention: Mention) -> str | None:
    data = profile(ctx.rs.lang)
    words = [fold(singular_word(w, ctx.rs.lang)) for w in mention.label.split()]  # "analista crediti junior"
    role = [fold(singular_word(w, ctx.rs.lang)) for w in ctx.article.role.split()]
    rest = [w for w in words if w not in role]
    head = head_word(words, ctx.rs.lang)
    if len(rest) != 1 or head not in (role[-1], role[0]) and not (rest[0] == words[0] and set(role) <= set(words)):
        return None  # the role's head graded, or a grade word before the whole name ("capo panettiere", "praticante notaio")
    if rest[0] in [w.lower() for w in data.get("seniority_below", [])]:
        return "below"
    if rest[0] in [w.lower() for w in data.get("seniority_above", [])]:
        return "above"
    return None


def _list_items(ctx: Context, body: list[Sentence]) -> None:
    """List items under a duties/skills/education/career heading, after a paragraph that announces them, or
    written as "Label: a, b, c" where the label names the kind ("Linguaggi: Java, Python")."""
    data = ctx.rs.data
    for sentence in body:
        block = sentence.block
        if block.kind != "item" or sentence.start != block.start:
            continue
        label_part, _, values = sentence.text.partition(":")
        if block.label:  # "**Negotiation**: you haggle ...", "**Excel.** Pivot tables": the bold words are the label
            label_part, values = block.label, sentence.text[len(block.label):].lstrip(" :.-–—")
        labelled = bool(values.strip()) and len(label_part.split()) <= 5 and not ctx.rs.duty_verb.match(label_part)
        # ("Run outbound sequences: cold calls, emails" is one duty with its examples, not a labelled list)
        if labelled and any(m in fold(label_part) for m in word_set(ctx.rs.lang, "aside_labels")):
            continue  # "Work setting: hybrid or remote" describes the job, it lists no facts
        lead = block.lead if block.lead.rstrip().endswith(":") else ""  # only a paragraph that announces a list
        by_label = _family_of((label_part,), data["sections"], plain=True) if labelled else None
        by_section = _family_of(block.section[::-1], data["sections"], plain=True)
        by_lead = _family_of((_announcing(ctx.rs, lead),), data["leads"])  # the paragraph that announces the list is nearer than the heading
        family = by_label or by_lead or by_section
        if family is None:
            continue
        if family in _REQUIREMENTS and not labelled and not block.label:
            family = _requirement_family(ctx.rs, sentence.text)
        named = block.label and family not in ("responsibility", "qualification") and not families()[family].get("roles") \
            and not (by_label and ("," in values or _only_kind(ctx.rs, family, block.label)))
        explained = family == "responsibility" and _explains_label(ctx.rs, block.label, values)  # else the label is the duty
        listed: list[str] = []  # the item's names ("Python, SQL and Spark"), kept as written
        if named:  # "**Negotiation**: you haggle with suppliers" under Skills: the bold label is the skill
            rule_id, texts = f"{family}.bold_label", [block.label]
        elif labelled and (explained or not block.label or family != "responsibility") and \
                (by_label or "," in values or families()[family].get("roles")):
            verb_led = bool(ctx.rs.lists["verb_first"].match(values.strip()))  # "dire sì o no": one phrase
            spans = split_items(values, ctx.rs, always=not verb_led)
            if families()[family].get("object_lists") and ctx.rs.lists["nominal_head"].match(values.strip()):
                spans = _head_objects(values, ctx.rs, spans)  # "Polizia amministrativa: controlli su commercio, esercizi pubblici e mercati"
            rule_id, texts = f"{family}.labelled_item", [values[a:b] for a, b in spans]
        else:
            rule_id = f"{family}.{'lead_list' if by_lead else 'section_list'}"
            rated = labelled and _RATING.match(values)  # a table row "Economia e contabilità | 71": the first cell whole
            text = label_part if rated else values if explained else sentence.text
            if families()[family].get("examples"):
                text = _examples(ctx, sentence, families()[family], text, rule_id)
            text = trim(text, ctx.rs, ["clause", "purpose"])
            long = len(text.split()) > 8 and not _object_list(ctx.rs, text)
            listed = names(text, ctx.rs)
            if rated or _title_case_entry(ctx.rs, text):
                texts = listed or [text]
            else:
                texts = listed or _short_conjuncts(ctx.rs, trim(text, ctx.rs, ["item_comma"]) if long else text,
                                                   families()[family].get("item_conj", 0))
            skills = _only_skills(ctx.rs, text) if family in ("skill", "qualification") else []
            if family == "qualification" and any(software(name) for name in listed):
                family, rule_id = "skill", "skill.named_tools"  # "Python, SQL and Spark" under Requirements
            elif skills:  # "Precisione e pazienza" under Requisiti: skills, one a member
                family, rule_id, texts = "skill", "skill.named_skills" if family == "qualification" else rule_id, skills
        spec = families()[family]
        if rule_id.endswith("_list") and not listed and not block.label and _list_item_duties(ctx, sentence, family):
            continue
        if any(f.kind in spec.get("rules_first", ()) and f.evidence.start == sentence.start for f in ctx.facts):
            continue  # "Scrive test e partecipa alle code review": the rules already gave each duty its verb
        if _read_whole(ctx, sentence, spec["kind"]):
            continue  # "Proficiency in AutoCAD, Revit and SketchUp": the rules named each skill, the item adds none
        for text in texts:
            _list_fact(ctx, sentence, family, spec, text, rule_id, as_written=bool(listed))


def _announcing(rs: RuleSet, lead: str) -> str:
    """The sentence of a lead paragraph that announces its list: the last one, or the one before when the last only
    takes it back ("The tasks are many. Among them:", "These include:")."""
    sentences = re.split(r"(?<=[.!?])\s+", lead.strip())
    words = re.findall(r"\w+", fold(sentences[-1]))
    if len(sentences) > 1 and len(words) <= _TAKING_BACK_WORDS and set(words) & word_set(rs.lang, "object_pronouns"):
        return f"{sentences[-2]} {sentences[-1]}"
    return sentences[-1]


_TAKING_BACK_WORDS = 4  # "To them belong:", "Among these are:": a sentence that only points back


# A rating in a table's other column ("Importanza (0-100) 78", "85", "4/5"): the row's first cell is the item.
_RATING = re.compile(r"^\s*(?:[^\W\d_]+\s*){0,2}(?:\([\d\s./-]+\)\s*)?\d+(?:[.,]\d+)?\s*(?:%|/\s*\d+)?\s*$")


def _title_case_entry(rs: RuleSet, text: str) -> bool:
    """A classification's entry, its words capitalised but the function words, with a conjunction ("Judgment and
    Decision Making", "Customer and Personal Service"): one item, not two."""
    words = text.split()
    markers = word_set(rs.lang, "complement_markers")
    joins = [w for w in words if not w[:1].isupper()]
    return len(words) >= 3 and bool(rs.lists["conjunction"].search(text)) \
        and all(w in markers or not w.isalpha() or rs.lists["conjunction"].fullmatch(f" {w} ") for w in joins) \
        and all(w[1:].islower() for w in words if w not in joins)


def _read_whole(ctx: Context, sentence: Sentence, kind: str) -> bool:
    """Whether the facts of this kind the rules read from a list item hold every content word of it (bar
    modifiers such as "strong"): the item read whole would only repeat them as one more, longer fact."""
    read = [f.object for f in ctx.facts if f.kind == kind and f.evidence.start == sentence.start]
    if not read:
        return False
    ignored = stopwords(ctx.rs.lang) | word_set(ctx.rs.lang, "skill_modifiers")
    covered = {w for label in read for w in re.findall(r"\w+", fold(label))}
    return not set(re.findall(r"\w+", fold(sentence.text))) - covered - ignored


_REQUIREMENTS = ("skill", "qualification")


def _requirement_family(rs: RuleSet, text: str) -> str:
    """A requirements list mixes credentials and skills under one heading ("Requirements", "What you'll need",
    "Essential"): an item that names a credential (`language.credential_words`: degree, licence, laurea) is a
    qualification, any other a skill, whichever of the two the heading named."""
    words = word_set(rs.lang, "credential_words")
    return "qualification" if any(holds_word(fold(text), w) for w in words) else "skill"


def _only_skills(rs: RuleSet, text: str) -> list[str]:
    """The skills of an item whose every word, bar function words and modifiers ("ottima", "strong"), belongs
    to a skill of the vocabulary (kg/lexicon/skills.yaml), as written; else none. Such an item asks for skills,
    not for a qualification, and names one per member."""
    hits = lexicon.find("skills", text)
    rest = fold(text)
    for _, a, b in hits:
        rest = rest[:a] + " " * (b - a) + rest[b:]
    left = set(re.findall(r"\w+", rest)) - stopwords(rs.lang) - word_set(rs.lang, "skill_modifiers")
    return [] if left else [text[a:b] for _, a, b in hits]


def _explains_label(rs: RuleSet, label: str, values: str) -> bool:
    """"**Prospecting**: find businesses ...": the duty is the words after a one-word or verbless bold label;
    "**Getting Information** — Observing, receiving ..." names the duty in the label itself."""
    return bool(label and values.strip()) and (len(label.split()) == 1 or bool(rs.duty_verb.match(values)))


def _only_kind(rs: RuleSet, family: str, label: str) -> bool:
    """"Education", "Competenze": a label that only names the kind of what follows it, not a fact itself."""
    rest = fold(label)
    for words in rs.data["sections"][family]:
        rest = rest.replace(fold(words), " ")
    return not set(re.findall(r"\w+", rest)) - stopwords(rs.lang)


def _examples(ctx: Context, sentence: Sentence, spec: dict, text: str, rule_id: str) -> str:
    """"tools such as Salesforce or HubSpot": each example is a fact; the phrase before them stays, unless it
    only announces examples (its last word is an example head). Returns that phrase ("" when dropped)."""
    match = ctx.rs.stops["examples"].search(text)
    if not match:
        return text
    tail = trim(text[match.end():], ctx.rs, ["clause", "purpose"])
    for a, b in split_items(tail, ctx.rs, always=True):
        label = clean(tail[a:b], ctx.rs)
        if acceptable(label, stopwords(ctx.rs.lang)) and not rejected(ctx.rs, spec["kind"], label) \
                and not _lone_word_of(ctx, sentence, spec, label):
            ctx.add(spec["kind"], label, sentence, rule_id)
    head = text[:match.start()]
    words = re.findall(r"[\w'-]+", fold(head))
    if not words or words[-1] not in word_set(ctx.rs.lang, "example_heads"):
        return head
    items = split_items(head, ctx.rs)  # "Linux, scripting and familiarity with tools such as ...": the last item goes
    return head[:items[-1][0]] if len(items) > 1 else ""


def _object_list(rs: RuleSet, text: str) -> bool:
    """"Negoziare prezzi, condizioni di pagamento e tempi di consegna": a verb, then bare nouns (no article, no
    verb of their own) after each comma: the objects of that one verb, one duty, not a sentence to cut."""
    if not rs.lists["verb_first"].match(text.strip()):
        return False
    later = [text[a:b] for a, b in split_items(text, rs)][1:]
    return bool(later) and all((len(item.split()) <= 4 or index == len(later) - 1)  # the last may take a complement
                               and _bare_object(rs, item, actions=True) for index, item in enumerate(later))


def _short_conjuncts(rs: RuleSet, text: str, most: int) -> list[str]:
    """"Active listening and objection handling": two items when each side has at most `most` words; not
    "conoscenza matematica e statistica", where a lone adjective shares the head noun before it. A series of short
    names ("Manualità, precisione e rapidità") is one item a member."""
    if most and "," in text.rstrip(" ,;."):
        return _short_series(rs, text) or [text]
    parts = [text[a:b] for a, b in split_items(text, rs, always=True)] if most else [text]
    shared = len(parts) == 2 and len(parts[1].split()) == 1 and len(parts[0].split()) > 1 \
        and rs.lists["adjective"].search(fold(parts[1].strip(" .;")))
    return parts if len(parts) > 1 and not shared and not _adjective_shares_head(rs, text, parts) \
        and all(len(p.split()) <= most for p in parts) else [text]


_SERIES_WORDS = 3  # a member of a series of names: "resolution of problems", "calm under pressure"


def _short_series(rs: RuleSet, text: str) -> list[str]:
    """The members of a comma series closed by a conjunction whose members are all short, none opening on a function
    word, the first holding none, so no head or complement is shared ("knowledge of Excel, Word and Access",
    "availability for shifts, weekends and holidays", "communication, in person and on the phone" stay whole), nor
    is a noun the later members qualify ("Inglese tecnico, scritto e letto"); else none."""
    parts = [text[a:b].strip(" .;") for a, b in split_items(text, rs, always=True)]
    if len(parts) < 3 or any(not p or len(p.split()) > _SERIES_WORDS for p in parts):
        return []
    function_words = stopwords(rs.lang)
    if set(re.findall(r"\w+", fold(parts[0]))) & function_words \
            or any(fold(p).split()[0] in function_words for p in parts[1:]):
        return []
    if len(parts[0].split()) > 1 and rs.lang in LANGUAGES:
        lone = {fold(p) for p in parts[1:] if len(p.split()) == 1}
        if any(t.pos in ("ADJ", "VERB") and fold(t.text) in lone for t in analyse(text, rs.lang)):
            return []
    return parts


def _adjective_shares_head(rs: RuleSet, text: str, parts: list[str]) -> bool:
    """"Excellent written and verbal communication", "strong analytical and problem-solving skills": in a head-last
    language a lone lower-case word before the conjunction modifies the noun after it when it or the word after the
    conjunction is an adjective (by its tag, or by its ending where the tagger reads "written" as a noun), so the
    phrase is one skill; not "Python and relational databases", "active listening and quick objection handling",
    "patience and a steady hand"."""
    if len(parts) != 2 or head_first(rs.lang) or rs.lang not in LANGUAGES:
        return False
    tokens = analyse(text, rs.lang)
    cut = text.index(parts[1])
    left = [t for t in tokens if t.end <= cut and t.pos != "CCONJ"]
    right = [t for t in tokens if t.start >= cut]
    modifiers = word_set(rs.lang, "skill_modifiers")
    while len(left) > 1 and (left[0].pos == "ADJ" or fold(left[0].text) in modifiers):
        left = left[1:]
    if len(left) != 1 or not left[0].text.islower() or len(right) < 2 or right[-1].pos not in ("NOUN", "PROPN") \
            or right[0].pos == "DET":
        return False
    pair = (left[0], right[0])
    return any(compiled(rs.lang, "adjective_endings").search(fold(t.text)) for t in pair) \
        or all(t.pos in ("ADJ", "VERB") for t in pair)


def _list_fact(ctx: Context, sentence: Sentence, family: str, spec: dict, text: str, rule_id: str, as_written: bool = False) -> None:
    if spec.get("roles"):
        mentions = find_mentions(text, ctx.rs.lang, start_ok=True, role_slot=True)
        if not mentions and family == "promotes_to" and lexicon.find(lexicon.for_class(kinds()["industry"]["class"]), text):
            # "Ospedali e cliniche private" under "Sbocchi": an outlet that is a workplace, not a rung
            return _list_fact(ctx, sentence, "industry", families()["industry"], text, "industry" + rule_id[len(family):], as_written)
        for mention in mentions:
            if not ctx.is_role(mention.label):
                below = spec["kind"] == "promotes_to" and _seniority_step(ctx, mention) == "below"  # a ladder's first rung
                subject, obj = (mention.label, ctx.article.role) if spec.get("reverse") or below else (ctx.article.role, mention.label)
                ctx.add(spec["kind"], obj, sentence, rule_id, subject=subject)
        return
    modifiers = word_set(ctx.rs.lang, "skill_modifiers") if family == "skill" else frozenset()
    label = clean(text if as_written else lower_label(clean(text, ctx.rs)), ctx.rs, modifiers)  # "advanced Excel" keeps the name's capital
    if len(label.split()) > spec.get("list_words", len(label.split())):
        return  # a sentence, not a name: the rules read it
    if spec["kind"] == "alias":  # "Examples of job titles": other names of the role
        return _emit_label(ctx, sentence, rule_id, spec, label)
    if spec.get("not_places") and lexicon.lookup("places", label):
        return  # "Dove cerchiamo: Milano, Torino" under a where-it-works label: places, the location rules' own
    if acceptable(label, stopwords(ctx.rs.lang)) and not rejected(ctx.rs, spec["kind"], label) \
            and not _lone_word_of(ctx, sentence, spec, label):
        name = lexicon.for_class(kinds()[spec["kind"]].get("class", ""))
        hits = lexicon.find(name, label) if name else []
        for entry, a, b in hits:  # "banche e assicurazioni" under "Settori che assumono": two lexicon industries
            written = label if len(hits) == 1 else label[a:b]
            if spec.get("written_items") and rule_id.endswith("_list") and fold(written) != fold(entry.label(ctx.rs.lang)):
                ctx.add(spec["kind"], written, sentence, rule_id)  # "Care homes", "Hospices" under "Where you'll work": two places
                continue
            ctx.add(spec["kind"], entry.label(ctx.rs.lang), sentence, rule_id, key=entry.id,
                    alt=(written,) if fold(written) != fold(entry.label(ctx.rs.lang)) else ())
        if not hits:
            ctx.add(spec["kind"], label, sentence, rule_id)


def _family_of(texts, table: dict, plain: bool = False) -> str | None:
    for text in texts:
        if not text:
            continue
        if plain:  # only the nearest heading counts
            return _plain_family(fold(text), _folded_cues(table))
        for family, patterns in table.items():
            for cue in patterns:
                if re.search(cue, text, re.IGNORECASE):
                    return family
    return None


_CUES: dict[int, tuple[dict, tuple]] = {}  # id of a table of cues -> (the table, its cues folded)


def _folded_cues(table: dict) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A table's cues folded once: the tables are the rules files' (`sections`), asked about every sentence."""
    held = _CUES.get(id(table))
    if held is None or held[0] is not table:
        held = _CUES[id(table)] = (table, tuple((family, tuple(fold(cue) for cue in cues)) for family, cues in table.items()))
    return held[1]


@lru_cache(maxsize=4096)
def _plain_family(text: str, cues: tuple[tuple[str, tuple[str, ...]], ...]) -> str | None:
    """The first family one of whose folded cues the folded heading holds (kept per heading: a section's sentences
    all ask)."""
    for family, words in cues:
        for cue in words:
            if _holds(text, cue):
                return family
    return None


def _holds(text: str, words: str) -> bool:
    """The heading holds the words, "..." standing for any words between ("what ... does": "What a broker does"), a
    final "$" for the heading's end ("what ... do$": "What Locksmiths Do", not "What qualifications do you need"), a
    leading space for a word's start (" abilità": not "contabilità")."""
    text = " " + text
    end = words.endswith("$")
    if end:
        words, text = words[:-1], text.rstrip(" ?!.:")
    parts = [part.strip() for part in words.split("...")] if "..." in words else [words]
    at = 0
    for index, part in enumerate(parts):
        at = (text.rfind if end and index == len(parts) - 1 else text.find)(part, at)
        if at < 0:
            return False
        at += len(part)
    return not end or at == len(text)


def _without_inner(rs: RuleSet, facts: list[Fact]) -> list[Fact]:
    """A fact a vocabulary rule (one with a `lexicon`) named, of a family with `drop_inner`, is dropped where its label
    is the head of a longer label of the same kind read from the same sentence that lists nothing (no separator, no
    conjunction): "sound written English" holds "English", "calm decision-making" its "decision-making"; "fluency with
    GIS and spreadsheets" keeps "GIS" and "spreadsheets"."""
    kinds_dropping = {spec["kind"] for spec in families().values() if spec.get("drop_inner")}
    by_lexicon = {f"{rs.lang}.{rule.family}.{rule.id}" for rules in rs.rules.values() for rule in rules if rule.options.get("lexicon")}
    phrases: dict[tuple[str, int], list[str]] = {}
    for fact in facts:
        label = fold(fact.object)
        if fact.kind in kinds_dropping and not rs.lists["separator"].search(label) and not rs.lists["conjunction"].search(label):
            phrases.setdefault((fact.kind, fact.evidence.start), []).append(label)

    # where the head stands: "sound written English" ends on its head, "patience with callers" opens on it, and there
    # "patience" is the skill, not a word of a longer one
    at = (r"^{}(?!\w)" if head_first(rs.lang) else r"(?<!\w){}$")

    def inner(fact: Fact) -> bool:
        label = fold(fact.object)
        return fact.evidence.rule in by_lexicon and any(
            len(other) > len(label) and re.search(at.format(re.escape(label)), other)
            for other in phrases.get((fact.kind, fact.evidence.start), ()))
    return [f for f in facts if f.kind not in kinds_dropping or not inner(f)]


def _unique(facts: list[Fact]) -> list[Fact]:
    seen, out = set(), []
    for fact in facts:
        key = (fact.kind, fold(fact.subject), fold(fact.object), fact.key, fact.evidence.start, fact.attrs)
        if key not in seen:
            seen.add(key)
            out.append(fact)
    return out
