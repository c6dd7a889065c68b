"""Property tests (hypothesis) over the reader, extractor and mapper: whatever an editor drops in source/,
the reader gives an Article or a KgError, the extractor never raises, and every built graph passes SHACL
and reads back from Turtle as the same triples.

Settings are derandomised with no example database, so every CI run tries the same inputs; each test
checks and prints how many inputs it tried (together over 10,000, in under a minute on one core).
"""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from rdflib import Graph, URIRef

import kg
from kg.errors import KgError
from kg.extract import extract
from kg.graph.namespaces import KG
from kg.read.article import Article
from kg.read.reader import read_article
from tests.conftest import write_article

TRIED: Counter[str] = Counter()


def fuzz(examples: int, shrink: bool = True):
    """Deterministic settings: the same inputs on every run, no deadline (CI machines vary), all of them run.
    Shrinking a failing corpus of dozens of articles takes minutes: there `shrink=False` reports it whole."""
    phases = [p for p in Phase if shrink or p not in (Phase.shrink, Phase.explain)]
    return settings(max_examples=examples, derandomize=True, database=None, deadline=None, print_blob=True,
                    suppress_health_check=list(HealthCheck), phases=phases)


# --- markdown-shaped articles -----------------------------------------------------------------------------

ROLES = ["Account Manager", "account executive", "Consulente finanziario", "Direttore commerciale",
         "Sales Development Representative (SDR)", "Cosa fa un agente immobiliare?", "What does a broker do?",
         "HR Business Partner", "Analista", "Caffè & Co.", "<img src=x onerror=alert(1)>", "\"Quoted\" 'role'",
         "Rôle – spécial: ünïcödé", "👩‍💼 emoji manager", "1234", "a", "%2e%2e/../etc", "javascript:alert(1)"]
PHRASES = [
    "Un {r} è responsabile della gestione dei clienti.", "An {r} is responsible for managing client accounts.",
    "Le competenze richieste includono la negoziazione e la comunicazione.", "The role requires strong communication skills.",
    "Secondo Indeed.com, lo stipendio medio è di $ 45.000 all'anno.", "According to Glassdoor, the average salary is $52,000 per year.",
    "La retribuzione va da 30 mila euro a € 45.000 lordi annui.", "Salaries range from $60K to $85K in 2023.",
    "Un {r} può essere promosso a direttore dei conti.", "An {r} can be promoted to account director.",
    "Il {r} riporta al direttore commerciale.", "The {r} reports to the sales manager.",
    "Serve una laurea in economia.", "A bachelor's degree in business is usually required.",
    "Il settore bancario e assicurativo assume molti {r}.", "Most jobs are in New York, Chicago and Milano.",
    "L'Autorità di regolamentazione del settore finanziario (FINRA) regola i broker.",
    "Brokers are regulated by the Securities and Exchange Commission (SEC) under the Securities Act of 1933.",
    "Il {r} è noto anche come account specialist.", "The {r}, also known as a client partner, works closely with sales.",
    "Bonus, commissioni e benefit fanno parte del pacchetto.", "U.S. firms pay 1.800,50 € al mese, ecc. e.g. more.",
]
HOSTILE = ["<script>alert(1)</script>", "</script><!--", "<img src=x onerror=alert(1)>", "&amp;&lt;&#0;&#xD800;",
           "javascript:alert(1)", "\u2028\u2029", "\ufeff", "\u200b", "\x0b\x0c", "\t", "\\", "`", "${x}", "{{x}}",
           "'; DROP ALL; --", "<http://x> .", "\"\"\"", "@prefix x: <y> .", "_:b0", "\U0001f600", "\u0301", "ß"]
WORD = st.text(st.characters(codec="utf-8"), max_size=10)
LINKS = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:x",
         "/returnoninvestment", "account-manager.md", "https://example.org/x y", "", "<>"]
# An article body is a flat run of tokens, prose fragments and block markup (headings past h6, lists and
# quotes nested 12 deep, fences, tables): few draws per article keep generation cheap for thousands of them.
FRAGMENTS = sorted({p.format(r=r.lower()) for p in PHRASES for r in ROLES} | set(HOSTILE)
                   | {f"[{w}]({t})" for w in ("click", "", "*x*") for t in LINKS} | {f"<{t}>" for t in LINKS}
                   | {"**bold**", "_em_", "`code`", '<a href="javascript:alert(1)">x</a>', "![img](x.png)", "\\*"})
MARKUP = ["\n\n", "\n", "\n\n# ", "\n\n## ", "\n\n### ", "\n\n######## ", "\n- ", "\n  - ", "\n    * ",
          "\n" + "  " * 12 + "- ", "\n1. ", "\n   2) ", "\n> ", "\n> > ", "\n" + "> " * 12, "\n> - ", "\n```\n",
          "\n| a | b |\n|---|---|\n| ", " | ", "\n---\n", "\n===\n", "\n\n    ", "<div>", "</div>", "\n- [ ] "]
TOKENS = FRAGMENTS + MARKUP * (len(FRAGMENTS) // len(MARKUP) // 2)  # about one token in three is markup


def _yaml_text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


HEADERS = ["---\n{good}\n---\n"] * 8 + [
    "", "---\n---\n", "---\n- a\n- b\n---\n", "---\ntitle: [a\n---\n", "---\n{good}\n",  # not closed
    "---\ntitle: 42\n---\n", "---\ntitle: {{a: b}}\n---\n", "---\ntitle: ''\n---\n", "---\n&a [*a]\n---\n",
    "+++\n{good}\n+++\n", "---\n!!python/object:os.system ls\n---\n"]
EXTRA = ["", "", "keywords: Careers, Sales", "keywords: [a, 1, null]", "description: null", "date: 2024-01-01",
         "description: \"Un account manager &egrave; responsabile dell&#39;account.\"", "lang: it", "lang: en", "lang: fr"]


@st.composite
def article_text(draw) -> str:
    """An article as editors and CMS exports write them, good and bad: header, optional H1, body, line ends."""
    title = draw(st.sampled_from(ROLES + [r + "\nsecond line" for r in ROLES[:3]] + FRAGMENTS))
    good = f"title: {_yaml_text(title)}\n{draw(st.sampled_from(EXTRA))}"
    head = draw(st.sampled_from(HEADERS)).format(good=good)
    h1 = draw(st.sampled_from(["", "# {}\n\n".format(draw(st.sampled_from(ROLES)))]))
    body = draw(st.lists(st.sampled_from(TOKENS), max_size=30)) + draw(st.lists(WORD, max_size=2))
    text = head + "\n" + h1 + " ".join(body) + "\n"
    return draw(st.sampled_from(["", "\ufeff"])) + text.replace("\n", draw(st.sampled_from(["\n", "\n", "\r\n", "\r"])))


def read(text: bytes, folder: Path) -> Article | None:
    """The reader's answer for a file holding `text`: an Article, or None when it raised KgError."""
    path = folder / "article.md"
    path.write_bytes(text)
    try:
        return read_article(path, folder)
    except KgError as error:
        assert error.message and "\n" not in str(error)
        return None


def check_offsets(article: Article) -> None:
    """Offsets are what evidence cites: every sentence is exactly the text at its span."""
    for sentence in article.sentences:
        assert article.text[sentence.start : sentence.end] == sentence.text


# --- the properties -----------------------------------------------------------------------------------------

def test_reader_on_arbitrary_bytes(tmp_path):
    @fuzz(6000)
    @given(st.one_of(st.binary(max_size=600), st.text(max_size=600).map(lambda t: t.encode("utf-8", "surrogatepass"))))
    @example(b"\xff\xfe" + "title".encode("utf-16-le"))
    @example(b"---\n---\n---\n")
    def reads(data: bytes):
        TRIED["reader, arbitrary bytes"] += 1
        article = read(data, tmp_path)
        if article is not None:
            check_offsets(article)

    reads()
    report("reader, arbitrary bytes", 6000)


def test_reader_on_markdown_shaped_text(tmp_path):
    @fuzz(2500)
    @given(article_text())
    @example('---\ntitle: "Account Manager"\n\n\n')  # no closing "---": python-frontmatter raised ValueError
    def reads(text: str):
        TRIED["reader, markdown"] += 1
        article = read(text.encode("utf-8"), tmp_path)
        if article is not None:
            check_offsets(article)
            assert article.title and "\n" not in article.title

    reads()
    report("reader, markdown", 2500)


def test_extractor_on_generated_articles(tmp_path):
    @fuzz(1000)
    @given(article_text())
    def extracts(text: str):
        TRIED["extractor, markdown"] += 1
        article = read(text.encode("utf-8"), tmp_path)
        if article is None:
            return
        for fact in extract(article):
            assert fact.object.strip(), fact
            assert article.text[fact.evidence.start : fact.evidence.end] == fact.evidence.quote

    extracts()
    report("extractor, markdown", 1000)


def test_every_built_graph_passes_shacl_and_round_trips_through_turtle():
    @fuzz(20, shrink=False)
    @given(st.lists(article_text(), min_size=40, max_size=60))
    def builds(texts: list[str]):
        TRIED["build+SHACL, corpora"] += 1
        TRIED["build+SHACL, articles"] += len(texts)
        with tempfile.TemporaryDirectory() as parent:  # the extraction cache goes beside the source folder
            folder = Path(parent) / "source"
            folder.mkdir()
            for n, text in enumerate(texts):
                (folder / f"a{n:02d}.md").write_text(text, encoding="utf-8", newline="")
            result = kg.build(folder)
        assert result.violations == [], "\n".join(map(str, result.violations))
        turtle = result.graph.serialize(format="turtle", encoding="utf-8")
        assert set(Graph().parse(data=turtle, format="turtle")) == set(result.graph)

    builds()
    report("build+SHACL, corpora", 20)
    print(f"  ({TRIED['build+SHACL, articles']} articles built; {sum(TRIED.values()) - TRIED['build+SHACL, corpora']} "
          "inputs generated so far in this session)")


def test_a_role_reported_to_and_promoted_to_keeps_both(tmp_path):
    """Found by the fuzzer: promotion and reporting line to one role broke the shapes (they were declared
    disjoint), so nothing at all was written. People are promoted to the role they report to: both stay."""
    write_article(tmp_path, "a.md", "---\ntitle: Account Manager\n---\n\nAn account manager can be promoted to "
                                    "account director. An account manager reports to the account director.\n")
    result = kg.build(tmp_path)
    assert result.violations == []
    manager, director = (URIRef(f"https://w3id.org/careerkg/id/role/{s}") for s in ("account-manager", "account-director"))
    assert (manager, KG.promotesTo, director) in result.graph
    assert (manager, KG.reportsTo, director) in result.graph


def report(name: str, expected: int) -> None:
    print(f"\nfuzz: {name}: {TRIED[name]} inputs")
    assert TRIED[name] >= expected
