"""Reads one markdown article into an Article: frontmatter, blocks with heading paths, sentences, links."""

from __future__ import annotations

import hashlib
import html
import itertools
import os
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import frontmatter
import yaml
from markdown_it import MarkdownIt

from kg.errors import KgError
from kg.language.analyse import LANGUAGES, analyse
from kg.language.literal import occurrences
from kg.language.mentions import find_mentions
from kg.language.occurrences import own_occurrences
from kg.language.profile import (
    detect_language,
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
from kg.language.sentences import split_sentences
from kg.language.titles import TITLE_BREAK, TitleRole, role_of_title, spells, status_words, without_status
from kg.read.article import BOLD_LEVEL, Article, Block, Link, Sentence

MAX_BYTES = 2_000_000
_MD = MarkdownIt("commonmark").enable("table")  # salary guides put their figures in tables
_SPACE = re.compile(r"\s+")
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_article(path: Path, root: Path | None = None) -> Article:
    """Parse `path`; raise KgError naming file and line when it cannot be an article."""
    raw = _read_text(path)
    meta, body, body_line, header_warnings = _split_frontmatter(raw, path)
    blocks = _blocks(body, body_line)
    title = _title(meta, blocks, path)
    description = _clean(html.unescape(str(meta.get("description") or "")))
    lang = str(meta.get("lang") or "").strip().lower() or detect_language(
        " ".join([title, description] + [b.text for b in blocks[:40]])
    )
    if lang not in languages():
        line = next((i for i, text in enumerate(raw.splitlines(), 1) if text.startswith("lang:")), 1)
        raise KgError(f"no rules for language '{lang}' (have: {', '.join(languages())})", path, line)
    text, blocks = _place_blocks(blocks)
    if description:
        blocks.append(Block("description", description, ("description",), 1, len(text) + 2 if text else 0))
        text = f"{text}\n\n{description}" if text else description
    sentences = [s for block in blocks for s in _sentences(block, lang)]
    rel = path.relative_to(root) if root and path.is_relative_to(root) else Path(path.name)
    role, aliases = _role(title, blocks, lang)
    warnings = header_warnings + (["the title spans several lines; they were joined"] if "\n" in str(meta.get("title") or "").strip() else [])
    return Article(
        path=rel,
        slug=_slug_of(rel),
        title=title,
        role=role,
        aliases=aliases,
        lang=lang,
        description=description,
        keywords=_keywords(meta.get("keywords")),
        text=text,
        blocks=blocks,
        sentences=sentences,
        digest=hashlib.sha256(raw.encode("utf-8")).hexdigest(),
        warnings=warnings,
    )


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise KgError("is a directory, not an article file", path) from None
    except OSError as exc:
        raise KgError(f"cannot read file: {exc.strerror or exc}", path) from None
    if len(data) > MAX_BYTES:
        raise KgError(f"file is {len(data):,} bytes, over the {MAX_BYTES:,}-byte limit", path)
    if not data.strip():
        raise KgError("empty file", path)
    if b"\x00" in data[:4096]:
        raise KgError("binary file, not a markdown article", path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise KgError(f"not UTF-8 (byte 0x{data[exc.start]:02x}); {_guess_encoding(data)}", path, line) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _guess_encoding(data: bytes) -> str:
    """Name the likely encoding so the editor knows what to convert from."""
    for encoding in ("cp1252", "latin-1"):
        try:
            data.decode(encoding)
            return f"looks like {encoding}: convert it to UTF-8"
        except UnicodeDecodeError:
            continue
    return "convert it to UTF-8"


def _split_frontmatter(raw: str, path: Path) -> tuple[dict, str, int, list[str]]:
    """Return metadata, body, the 1-based line where the body starts, and doubts about the header.

    python-frontmatter splits the header; the YAML is loaded here so that a header that is not a mapping
    is reported instead of silently dropped.
    """
    handler = frontmatter.YAMLHandler()
    if not handler.detect(raw):
        return {}, raw, 1, []
    try:
        header, body = handler.split(raw)
    except ValueError:  # an opening "---" with no closing one
        raise KgError("frontmatter has no closing '---' line", path, 1) from None
    warnings = []
    try:
        meta = _load_yaml(header)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1  # the header text starts on the "---" line
        problem = getattr(exc, "problem", None) or "invalid YAML"
        meta = _plain_lines(header) if problem == _COLON_IN_VALUE else None
        if meta is None:
            raise KgError(f"frontmatter is not valid YAML: {problem}", path, line) from None
        warnings.append(f"frontmatter line {line} is not valid YAML ({problem}: a value holds ': '); "
                        "each line was read as 'key: text'; quote the value to silence this")
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise KgError("frontmatter is not a mapping of keys to values", path, 2)
    offset = raw.find(body) if body else len(raw)
    return meta, body, raw[:offset].count("\n") + 1, warnings


_COLON_IN_VALUE = "mapping values are not allowed here"  # PyYAML's words for "description: Pay: what you earn"
_PLAIN_LINE = re.compile(r"(?P<key>[A-Za-z_][\w-]*):[ \t]+(?P<value>.*\S)[ \t]*")


def _plain_lines(header: str) -> dict | None:
    """A header whose every line is `key: text` read as such, when a colon inside a text made it invalid YAML
    (the most common slip of hand-written frontmatter); None when it is not that simple, so the error stands."""
    meta = {}
    for text in header.splitlines():
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        match = _PLAIN_LINE.fullmatch(text)
        if not match or match["key"] in meta:
            return None
        try:
            value = yaml.safe_load(match["value"])  # "[a, b]", "'quoted'", a number: as YAML reads them
        except yaml.YAMLError:
            value = None
        meta[match["key"]] = match["value"] if value is None or isinstance(value, dict) else value
    return meta


def _load_yaml(header: str):
    """libyaml reads a header ~20x faster; the pure loader, which names the problem and line of a bad header
    the way the messages expect, reads the headers libyaml refuses."""
    try:
        return yaml.load(header, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        return yaml.safe_load(header)


def _blocks(body: str, first_line: int) -> list[Block]:
    """Walk markdown-it tokens into blocks carrying their heading path and list lead-in."""
    blocks: list[Block] = []
    headings: list[tuple[int, str]] = []
    kinds: list[str] = []
    leads: list[str] = []
    last_paragraph = ""
    header: list[str] = []  # the column names of the table being read
    row: list[str] = []
    tokens = _MD.parse(body)
    for i, token in enumerate(tokens):
        if token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            if tokens[i - 1].type == "th_close":
                header = row
            elif any(row):
                line = first_line + (tokens[_row_start(tokens, i)].map or [0])[0]
                blocks.append(Block("item", _row_text(header, row), tuple(h for _, h in headings), line, 0, 1, last_paragraph))
        elif token.type == "inline" and i > 0 and tokens[i - 1].type in ("th_open", "td_open"):
            row.append(_inline_text(token)[0])
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            leads.append(last_paragraph)
            kinds.append("list")
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            leads.pop()
            kinds.pop()
        elif token.type == "blockquote_open":
            kinds.append("quote")
        elif token.type == "blockquote_close":
            kinds.pop()
        elif token.type == "inline" and i > 0:
            text, links = _inline_text(token)
            if not text:
                continue
            line = first_line + (token.map[0] if token.map else 0)
            opener = tokens[i - 1]
            kind = "item" if "list" in kinds else "quote" if "quote" in kinds else "paragraph"
            bold = _bold_opening(token)
            level = int(opener.tag[1]) if opener.type == "heading_open" else BOLD_LEVEL if kind == "paragraph" and _bold_heading(text, bold) else 0
            if level:
                last_paragraph = ""
                headings = [h for h in headings if h[0] < level] + [(level, text.rstrip(" :") if level == BOLD_LEVEL else text)]
                blocks.append(Block("heading", headings[-1][1], tuple(h for _, h in headings), line, 0, level, links=links))
                continue
            lead = leads[-1] if kind == "item" and leads else ""
            depth = kinds.count("list")
            label = bold.rstrip(" :.") if kind == "item" and len(bold) < len(text) else ""
            blocks.append(Block(kind, text, tuple(h for _, h in headings), line, 0, depth, lead, links, label))
            if kind != "item":
                last_paragraph = text
    return blocks


def _bold_opening(token) -> str:
    """The bold words an inline token opens with ("**Negotiation**: ..." -> "Negotiation"), else ""."""
    children = [c for c in token.children or [] if not (c.type == "text" and not c.content.strip())]
    if len(children) < 3 or children[0].type != "strong_open":
        return ""
    close = next((j for j, c in enumerate(children) if c.type == "strong_close"), 0)
    return _clean("".join(c.content for c in children[1:close] if c.type in ("text", "code_inline")))


def _bold_heading(text: str, bold: str) -> bool:
    """A short paragraph that is only bold words ("**What the job involves**", "**Competenze:**") heads what
    follows as a heading would; a bold sentence ("**Never sign unlicensed.**") stays a paragraph."""
    return bool(bold) and text.rstrip(" :") == bold.rstrip(" :") and len(bold.split()) <= 12 and not bold.endswith((".", "!"))


_UNIT = re.compile(r"\s*\(([A-Z]{3}|[^()\s\w])\)$")  # a currency's code or sign: "(AUD)", "(€)"


def _row_start(tokens, close: int) -> int:
    return next(j for j in range(close, -1, -1) if tokens[j].type == "tr_open")


def _row_text(header: list[str], row: list[str]) -> str:
    """A table row as the sentence a writer would have made of it: "Junior analyst: Annual salary $45,000", the
    unit a column's name gives in brackets before its cell ("Base salary (AUD)" -> "Base salary AUD 70,000")."""
    names = [_UNIT.sub(r" \1", name) for name in header[1:]]
    first, rest = row[0], [f"{name} {cell}".strip() if name else cell for name, cell in zip(names + [""] * len(row), row[1:]) if cell]
    return f"{first}: {', '.join(rest)}" if first and rest else first or ", ".join(rest)


def _inline_text(token) -> tuple[str, tuple[Link, ...]]:
    """Plain text of an inline token, with links located in that text."""
    parts: list[str] = []
    links: list[Link] = []
    href, link_start = None, 0
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "link_open":
            href, link_start = child.attrs.get("href", ""), len("".join(parts))
        elif child.type == "link_close" and href is not None:
            joined = "".join(parts)
            links.append(Link(joined[link_start:], str(href), link_start, len(joined)))
            href = None
        elif child.type == "image":
            parts.append(child.content)
    raw = "".join(parts)
    text = _clean(html.unescape(raw))
    if text != raw:  # offsets of links must follow the cleaned text
        links = [Link(_clean(l.text), l.target, *_span(text, _clean(l.text))) for l in links]
    return text, tuple(links)


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.find(part)
    return (start, start + len(part)) if start >= 0 else (0, 0)


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _place_blocks(blocks: list[Block]) -> tuple[str, list[Block]]:
    """Join block texts into the article text and give each block its offset there."""
    placed, offset = [], 0
    for block in blocks:
        placed.append(replace(block, start=offset))
        offset += len(block.text) + 2
    return "\n\n".join(b.text for b in placed), placed


def _sentences(block: Block, lang: str) -> list[Sentence]:
    if block.kind == "heading":
        return [Sentence(block.text, block.start, block.start + len(block.text), block)]
    return [
        Sentence(block.text[a:b], block.start + a, block.start + b, block)
        for a, b in split_sentences(block.text, lang)
    ]


def _title(meta: dict, blocks: list[Block], path: Path) -> str:
    title = meta.get("title")
    if isinstance(title, (list, dict)):
        raise KgError("title must be text, not a list or mapping", path, 2)
    if title is not None and str(title).strip():
        return _clean(html.unescape(str(title)))
    for block in blocks:
        if block.kind == "heading" and len(block.section) == 1 and block.depth < BOLD_LEVEL:
            return block.text
    raise KgError("no title in the frontmatter and no '# heading' in the text", path)


def _role(title: str, blocks: list[Block], lang: str) -> tuple[str, tuple[str, ...]]:
    """The role the title names, checked against the body: an article names its role again and again, a
    headline's other words ("Quanto guadagna", "Hiring now", "career path explained") it does not. When the
    title's reading is neither a role name whole nor named in the body twice, the longest phrase of the title
    that the body names twice is the role."""
    role, aliases, qualified, others = _titled_role(title, blocks, lang)
    body = " ".join(b.text for b in blocks if b.kind != "heading")  # headings often repeat the title
    role, voted = _body_reading(role, others, aliases, body, lang)
    named = Counter(m.label for m in find_mentions(body, lang))
    folded = fold(body).replace("-", " ")  # "operatore socio-sanitario" names the "Operatore Socio Sanitario"
    role = role if voted else _body_gender(role, named, folded, lang)
    if qualified and _times(role, named, folded, lang) < 2:  # an advert's "Regional Truck Driver", the body's "truck driver"
        shorter = [c for c in _shortenings(role, lang) if _times(c, named, folded, lang) >= 2]
        if shorter:
            return shorter[0], aliases
    head = _before_complement(role, body, lang)
    if head and not _times(role, named, folded, lang) and _times(head, named, folded, lang) >= 2:
        return head, aliases  # "Orafo di Valenza" over a body on the orafo: where, not which job
    kin = [label for label in named if _kin(label, title) and _times(label, named, folded) >= 2]
    if kin and not voted and not _times(role, named, folded):  # "Odontotecnica" over a body on the odontotecnico
        return max(kin, key=lambda c: (len(c.split()), _times(c, named, folded))), aliases
    agent = None if voted else _agent_of_field(role, body, lang, named, folded)
    if agent:  # "Court Interpreting": the court interpreter; "Close Protection": the close protection officer
        return agent, aliases
    if voted or _times(role, named, folded, lang) >= 2 or any(m.label == role for m in find_mentions(role, lang, start_ok=True, role_slot=True)):
        return role, aliases  # named in the body, or a role name whole ("responsabile acquisti", an agent noun: "exam invigilator")
    if _opens_on(role, blocks, lang):  # "Hospital chaplain" over "Hospital chaplains offer ...": the body's subject
        return role, aliases
    candidates = {m.label for segment in _segments(title) for m in find_mentions(segment, lang, start_ok=True)}
    candidates |= {name for phrase in _phrases(title, lang) if len(name := singular_role(phrase, lang)) > 2}  # not "chi" -> "co"
    candidates |= set(kin)  # "Dental nursing": the body's "dental nurses"
    named_twice = [c for c in sorted(candidates) if _times(c, named, folded, lang) >= 2]  # the longest: "registered nurse", not "nurse"
    # a role's name the title asks about counts when the body names it once ("Anyone here work as a piano tuner?")
    asked = {m.label for segment in _segments(title) for m in find_mentions(segment, lang, start_ok=True, role_slot=True)}
    roles_twice = [c for c in named_twice if c in asked]  # but not over a shorter role named twice ("perito agrario")
    named_twice += [c for c in sorted(asked - set(named_twice)) if _times(c, named, folded, lang) and not any(r in c for r in roles_twice)]
    best = max(named_twice, key=lambda c: (len(c.split()), _times(c, named, folded, lang)), default=role)
    # the body's role that the title's word begins ("court" of "court interpreter"), a role's name only when the body
    # never names it alone ("road gritters" of "road gritter driver"; "perito agrario" kept beside "... laureato")
    longer = [label for label in named if label.startswith(f"{best} ") and (times := _times(label, named, folded, lang)) >= 2
              and (best not in asked or times >= _times(best, named, folded, lang))]
    best = max(longer, key=lambda c: (_times(c, named, folded, lang), c), default=best)
    if fold(best) in {fold(a) for a in aliases}:
        return role, aliases  # "Operatore Socio Sanitario (OSS)" and a body of OSS: the long name, OSS its alias
    if not _names_a_role(best, blocks, lang):  # "Una vita tra i fornelli": "Il cuoco è ..."
        # "Behind the bar": the bartender, not the bar; a headline the body never repeats may open on a scene
        best = _body_subject(blocks, lang, named, folded, scene=not _times(best, named, folded)) \
            or (_headline(best, lang) and next(iter(_stated_roles(_opening(blocks, lang, OPENING_SENTENCES), lang)), None)) or best
    return best, aliases  # a headline's scene names the job a person does: "Pioggia o sole, ...": "Ahmed fa il rider"


def _headline(reading: str, lang: str) -> bool:
    """Whether a title's reading is a sentence or a headline rather than a name: it opens on a function word, holds a
    mark or a function word other than a complement's marker ("di" of "tecnico di laboratorio"), or runs longer than
    a job's name ("il sole sui tetti della brianza", "pioggia o sole, la cena arriva ...", "pane caldo alle quattro")."""
    words = [fold(w) for w in reading.split()]
    stops, markers = stopwords(lang), word_set(lang, "complement_markers")
    return not words or words[0] in stops or any(not c.isalnum() and c not in " '’-" for c in reading) \
        or any(w in stops and w not in markers for w in words) or len(words) > STATED_WORDS


def _body_gender(role: str, named: Counter, folded: str, lang: str) -> str:
    """The title's role in the other gender when the body names the job so more often ("Maestra" over a body on the
    maestro): the words before the complement take each other ending of `gender_forms`; ties keep the title's."""
    words = role.split()
    cut = next((i for i, w in enumerate(words) if fold(w) in stopwords(lang)), len(words))
    forms = [(re.compile(a), b) for a, b in profile(lang).get("gender_forms", [])]
    options = [{w} | ({p.sub(b, w) for p, b in forms} if i < cut else set()) for i, w in enumerate(words[:4])] + [{w} for w in words[4:]]
    readings = {" ".join(c) for c in itertools.product(*options)} - {role}
    best = max((r for r in readings if named[r]), key=lambda r: (_times(r, named, folded, lang), r), default=None)
    return best if best and _times(best, named, folded, lang) > _times(role, named, folded, lang) else role


def _before_complement(role: str, body: str, lang: str) -> str | None:
    """The role's name without the complement after its first function word, when that is a role's name itself and
    the complement a proper name, which the body writes with a capital only ("orafo" of "orafo di Valenza"; not
    "insegnante" of "insegnante di sostegno")."""
    words = role.split()
    cut = next((i for i, w in enumerate(words) if i and fold(w) in stopwords(lang)), len(words))
    head = " ".join(words[:cut])
    names = [w for w in words[cut:] if fold(w) not in stopwords(lang)]
    proper = bool(names) and all(re.search(rf"(?<!\w){re.escape(w.capitalize())}(?!\w)", body) and
                                 not re.search(rf"(?<!\w){re.escape(w)}(?!\w)", body) for w in names)
    return head if proper and any(m.label == head for m in find_mentions(head, lang, start_ok=True, role_slot=True)) else None


def _agent_of_field(field: str, body: str, lang: str, named: Counter, folded: str) -> str | None:
    """The person of a title that names a field or an activity, not a person ("Court Interpreting", "Beekeeping",
    "Close Protection", "Doratura"): the role the body names whose words are the field's turned into an agent
    noun ("court interpreter") or, in a head-last language, the field's with a head after it ("close protection
    officer"); the longest, then the one named most. None when the title's reading names a role itself."""
    if find_mentions(field, lang, start_ok=True, role_slot=True):
        return None
    agents = {m.label for m in find_mentions(body, lang, role_slot=True)}
    words = fold(field).split()  # the field's words before its complement ("potatura" of "potatura degli olivi")
    content = words[: next((i for i, w in enumerate(words) if w in stopwords(lang)), len(words))]
    turned = [a for a in agents if content and _kin(a, field) and all(any(_common_stem(w, v) for v in a.split()) for w in content)]
    # a head-first language puts the field after the head as a complement, where a person stands too ("ausiliaria di ottico")
    headed = [] if head_first(lang) else [a for a in agents if a.startswith(f"{field} ")]
    return max(turned or headed, key=lambda a: (len(a.split()), _times(a, named, folded), a), default=None)


def _body_reading(role: str, others: tuple[str, ...], aliases: tuple[str, ...], body: str, lang: str) -> tuple[str, bool]:
    """The title's role with or without its status words ("qualified plumber", "plumber"), or the other role a frame
    names ("From Apprentice to Electrician"): the one the body names most by itself, its short names counting for
    it ("the trainee" for "trainee solicitor", the title's "(LPN)" for "licensed practical nurse"); on a tie a rung
    ("trainee solicitor") or the name the title's acronym spells, else the name without status words, then the
    title's order. Whether the body voted: it named the winner of two names or more, and the winner is a role's name
    (not "tips" of "Freelance tips")."""
    names = list(dict.fromkeys([without_status(role, lang), role] + [n for other in others for n in (without_status(other, lang), other)
                                                                       if find_mentions(n, lang, start_ok=True, role_slot=True)]))
    if len(names) < 2:
        return role, False
    shorts = {name: [s for s in (_status_noun(name, lang), *_acronyms_of(name, aliases, lang)) if s and s not in names] for name in names}
    counts = own_occurrences(names + [s for short in shorts.values() for s in short], body, lang, status_words(lang))
    votes = {name: counts[name] + sum(counts[s] for s in shorts[name]) for name in names}
    # "trainee solicitor" is a rung, "certified nursing assistant" the name the title's "(CNA)" spells: each keeps a tie
    rung = {name: bool(_status_noun(name, lang) or _acronyms_of(name, aliases, lang)) for name in names}
    best = max(names, key=lambda n: (votes[n], rung[n]))
    return best, votes[best] > 0 and bool(find_mentions(best, lang, start_ok=True, role_slot=True))


def _status_noun(name: str, lang: str) -> str:
    """The status word of a name when it names the role alone ("trainee" of "trainee solicitor", "praticante")."""
    kept = without_status(name, lang)
    rest = " ".join(w for w in name.split() if w not in kept.split())
    person = rest in word_set(lang, "seniority_below") or find_mentions(rest, lang, start_ok=True, role_slot=True)
    return rest if rest and " " not in rest and person else ""


def _acronyms_of(name: str, aliases: tuple[str, ...], lang: str) -> list[str]:
    """The title's acronyms spelt by the name's initials ("LPN" of "licensed practical nurse")."""
    return [a for a in aliases if a.isupper() and spells(a, name, lang)]


def _body_subject(blocks: list[Block], lang: str, named: Counter, folded: str, scene: bool = False) -> str | None:
    """The role of an article whose title names none: the first role its first sentence names, when the body names
    it again, else the role the body names most (twice at least), else, under a headline that may open on a `scene`,
    the first role its next sentences name that the body names again ("Dalla vigna alla bottiglia": "Alle sei di
    mattina Marco assaggia i mosti. È l'enologo di ...")."""
    label, times = max(named.items(), key=lambda kv: (kv[1], len(kv[0])), default=(None, 0))
    first = _first_named(blocks, lang, named, folded, 1)
    stated = _stated_roles(_opening(blocks, lang, OPENING_SENTENCES), lang)
    longer = next((s for s in stated if first and first != s and first in s), None)  # "now he is a solar panel installer"
    return longer or first or (label if times >= 2 else None) \
        or (_first_named(blocks, lang, named, folded, OPENING_SENTENCES) if scene else None)


_WORD_OR_MARK = re.compile(r"[\w'’-]+|[^\w\s]")
STATED_WORDS = 6  # the longest job's name a statement gives ("installatore di impianti fotovoltaici")


def _stated_roles(text: str, lang: str) -> list[str]:
    """The jobs people are said to do (`role_statements`), in the text's order, those they did before (`past`) last."""
    found = sorted(pattern(lang, "role_statements", flags=re.IGNORECASE).finditer(text), key=lambda m: bool(m.groupdict().get("past")))
    return [role for match in found if (role := _stated_role(text, match.end(), lang))]


def _stated_role(text: str, start: int, lang: str) -> str | None:
    """The job a statement ending at `start` names ("fa il rider da due anni" -> "rider", "he is a solar panel
    installer, mounting ..." -> "solar panel installer"): the words up to a mark or a function word, a complement's
    marker going on to the words it joins ("installatore di impianti")."""
    stops, markers = stopwords(lang), word_set(lang, "complement_markers")
    words: list[str] = []
    tokens = [t.group(0) for t in _WORD_OR_MARK.finditer(text, start)][: STATED_WORDS + 2]
    for i, token in enumerate(tokens):
        low = fold(token)
        joins = low in markers and words and i + 1 < len(tokens) and fold(tokens[i + 1]) not in stops and tokens[i + 1][0].isalnum()
        if not token[0].isalnum() or (low in stops and not joins) or len(words) == STATED_WORDS:
            break
        words.append(token)
    while words and fold(words[-1]) in stops:
        words.pop()
    return singular_role(" ".join(words), lang) if words else None


def _first_named(blocks: list[Block], lang: str, named: Counter, folded: str, sentences: int) -> str | None:
    """The first role the body's first `sentences` name that the body names again."""
    opening = [m.label for m in find_mentions(_opening(blocks, lang, sentences), lang, start_ok=True, role_slot=True)]
    return next((c for c in opening if _times(c, named, folded) >= 2), None)


def _names_a_role(label: str, blocks: list[Block], lang: str) -> bool:
    """Whether a title's phrase names the role: a role's noun phrase, or words the body's first sentence uses too
    ("La guida turistica è ...": a name the mention finder does not know)."""
    return bool(find_mentions(label, lang, start_ok=True, role_slot=True)) or \
        re.search(rf"(?<!\w){re.escape(fold(label))}(?!\w)", fold(_opening(blocks, lang))) is not None


def _opens_on(role: str, blocks: list[Block], lang: str) -> bool:
    """Whether the body's first sentence opens on the role's name, after a function word at most ("Il tecnico di
    laboratorio biomedico esegue ...", "Hospital chaplains offer ..."): the encyclopedia's subject, whatever the lexicon
    knows of it; a common noun's words, not a proper name's (an employer opening an advert)."""
    words = fold(role).replace("-", " ").split()
    text = _opening(blocks, lang)
    opening = fold(text).replace("-", " ")
    first = opening.split(" ", 1)[0]
    start = len(first) + 1 if first in stopwords(lang) else 0
    phrase = " ".join(words)
    elided = bool(words) and "'" in words[0] and any(w.startswith(words[0].split("'")[0]) for w in stopwords(lang))  # "l'igienista"
    if not words or elided or len(opening) != len(text) or not opening.startswith(phrase, start):
        return False
    common = not any(w[:1].isupper() for w in text[start:start + len(phrase)].split()[1:])  # not "Swindon Borough Council"
    return common and _plural_of(opening, start + len(phrase), words, lang)


OPENING_SENTENCES = 3  # where an article whose title names no role names it first


def _opening(blocks: list[Block], lang: str, sentences: int = 1) -> str:
    """The body's first sentences (one by default), where an article most often names its role as the subject."""
    texts = [b.text for b in blocks if b.kind != "heading"]
    found = [t[a:b] for t in texts[:sentences] for a, b in split_sentences(t, lang)]
    return " ".join(found[:sentences])


def _shortenings(role: str, lang: str) -> list[str]:
    """The role's name without its outer modifiers, longest first, each keeping the head and a word beside it
    ("truck driver" of "regional truck driver"; a bare "driver" is too vague to name an advert's role)."""
    words = role.split()
    cuts = [words[:j] for j in range(len(words) - 1, 1, -1)] if head_first(lang) else [words[i:] for i in range(1, len(words) - 1)]
    return [" ".join(cut) for cut in cuts if cut[-1] not in stopwords(lang) and cut[0] not in stopwords(lang)]  # never "tecnico di"


def _segments(title: str) -> list[str]:
    """A headline's parts: what stands between question marks, colons, bars and dashes."""
    return [s for s in TITLE_BREAK.split(title) if s.strip()]


def _phrases(title: str, lang: str) -> list[str]:
    """Runs of one to five words of a title's parts that open and close on a content word."""
    stop = stopwords(lang)
    found = []
    for segment in _segments(title):
        words = segment.split()
        for i in range(len(words)):
            for j in range(i + 1, min(i + 5, len(words)) + 1):
                run = words[i:j]
                if all(w.isalpha() for w in run) and fold(run[0]) not in stop and fold(run[-1]) not in stop:
                    found.append(" ".join(run))
    return found


def _kin(label: str, title: str) -> bool:
    """Does every word of a role's name share its stem with a word of the title, one at least not the same word? A
    title may name the field, not the person ("Dental nursing", "Locksmithing", "Estetica", "Falegnameria")."""
    words = re.findall(r"\w+", fold(title))
    return all(any(_common_stem(w, t) for t in words) for w in label.split()) and not set(label.split()) <= set(words)


def _common_stem(a: str, b: str) -> bool:
    """One word, or two that share a stem of four letters at least, the shorter ending in four more at most
    ("grooming", "groomer"; "dog" is kin to "dog" only; not "odontotecnica", "odontoiatra")."""
    shared = len(os.path.commonprefix([a, b]))
    return a == b or shared >= 4 and shared >= min(len(a), len(b)) - 4


def _times(label: str, named: Counter, folded_body: str, lang: str = "") -> int:
    """How often the body names `label`: as a role mention, or as the words themselves (a plural's too: "nurses";
    with `lang`, each word's ending free when the phrase is the label made plural, "tecnici di laboratorio biomedico")."""
    words = fold(label).replace("-", " ").split()
    literal = sum(1 for _ in occurrences(folded_body, " ".join(words), right=False))
    if lang and len(words) > 1:
        loose = r"\s+".join(re.escape(w[:-1]) + r"\w{0,2}" if len(w) > 3 else re.escape(w) for w in words)
        plurals = [m for m in re.findall(rf"(?<!\w){loose}(?!\w)", folded_body) if fold(singular_role(m, lang)) == " ".join(words)]
        literal = max(literal, len(plurals))
    return max(named[label], literal)


def _plural_of(folded_body: str, end: int, words: list[str], lang: str) -> bool:
    """Whether the phrase found in the body ending at `end` is the label itself or its plural ("chaplains"), not the
    start of a longer word ("chaplaincy")."""
    rest = re.match(r"\w*", folded_body[end:]).group()
    return not rest or fold(singular_word(words[-1] + rest, lang)) == words[-1]


def _titled_role(title: str, blocks: list[Block], lang: str) -> TitleRole:
    """The role the article is about, its aliases, whether the title qualified it as a posting does and the other
    role a frame names: the title's, unless the title is a headline around it ("10 domande sul credit manager",
    "Five years as an energy broker") or the first heading names it shorter ("# Private Banker" under "Private
    Banker in Switzerland: ...")."""
    read = role_of_title(title, lang)
    heading = next((b.text for b in blocks if b.kind == "heading" and len(b.section) == 1 and b.depth < BOLD_LEVEL), None)
    if heading and heading != title:
        named, more, _, _ = role_of_title(heading, lang)
        if named != read.role and f" {named} " in f" {read.role} ":
            return read._replace(role=named, aliases=read.aliases + tuple(a for a in more if a not in read.aliases))
    for text in (read.role, title.lower()):  # "Inside the 90-hour week: what it takes to be a private equity associate"
        mentions = find_mentions(text, lang, start_ok=True)
        if mentions:
            before = text[: mentions[0].start].split()
            if any(w.isdigit() or w in stopwords(lang) for w in before):  # a headline, not a modifier ("trade ...")
                return read._replace(role=mentions[0].label)
            if not before and _complement_follows(text, mentions[0].end, lang):  # "maestra alla primaria": where, not who
                return read._replace(role=mentions[0].label)
            return read
    return read


def _complement_follows(text: str, end: int, lang: str) -> bool:
    """Whether a preposition the role's name did not take in follows its noun: the mention finder grows a name by the
    language's grammar ("addetto alle vendite", "tecnico di radiologia"), so what it leaves out ("alla primaria", "in
    a care home") says where or for whom the role works. After a participle the preposition is the participle's
    ("consulente finanziario abilitato all'offerta fuori sede" is one legal name)."""
    tokens = analyse(text, lang) if lang in LANGUAGES else []
    last = [t for t in tokens if t.end <= end][-1:]
    following = [t for t in tokens if t.start >= end][:1]
    return bool(last and following) and last[0].pos in ("NOUN", "PROPN") and following[0].pos == "ADP"


def _keywords(value) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(k.strip() for k in value.split(",") if k.strip())
    if isinstance(value, list):
        return tuple(str(k).strip() for k in value if str(k).strip())
    return ()


def _slug_of(rel: Path) -> str:
    return re.sub(r"[^a-z0-9]+", "-", rel.with_suffix("").as_posix().lower()).strip("-") or "article"
