"""The reader: frontmatter, sections, list items with their lead-in, links, sentences, role from the title."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import KgError
from kg.language.sentences import split_sentences
from kg.read.reader import read_article
from tests.conftest import SAMPLE, write_article


def test_sample_article_header_and_role():
    article = read_article(SAMPLE / "account-manager.md", SAMPLE)
    assert article.title == "Account Manager"
    assert article.role == "account manager"
    assert article.lang == "it"
    assert "dell'account" in article.description  # &#39; decoded
    assert article.keywords == ("Careers",)


def test_sections_links_and_offsets():
    article = read_article(SAMPLE / "account-executive.md", SAMPLE)
    sentence = next(s for s in article.sentences if "regola 3220" in s.text)
    assert sentence.section == ("Account Executive", "Capire l'Account Executive", "Si applicano i regolamenti")
    assert article.text[sentence.start : sentence.end] == sentence.text
    assert sentence.line == 24
    assert {link.target for link in article.links} >= {"/finra", "/broker-dealer", "/investmentadvisor"}
    link = next(l for l in article.links if l.target == "/finra")
    block = sentence.block
    assert block.text[link.start : link.end] == "FINRA"


def test_list_items_keep_their_lead(tmp_path):
    path = write_article(tmp_path, "a.md", "---\ntitle: Analyst\n---\n\nSkills include the following:\n\n- Excel\n- SQL\n")
    article = read_article(path, tmp_path)
    items = [b for b in article.blocks if b.kind == "item"]
    assert [b.text for b in items] == ["Excel", "SQL"]
    assert items[0].lead == "Skills include the following:"


def test_sentences_survive_abbreviations_and_domains(tmp_path):
    text = "---\ntitle: Loan Officer\n---\n\nAccording to Indeed.com, pay is high in the U.S. and e.g. in Canada. A second sentence follows.\n"
    article = read_article(write_article(tmp_path, "a.md", text), tmp_path)
    body = [s.text for s in article.sentences if s.block.kind == "paragraph"]
    assert body == ["According to Indeed.com, pay is high in the U.S. and e.g. in Canada.", "A second sentence follows."]


@pytest.mark.parametrize(
    ("lang", "text", "sentences"),
    [
        ("en", "Under Art. 14 of the Act (see Sec. 5), firms must report. J. Smith agrees.",
         ["Under Art. 14 of the Act (see Sec. 5), firms must report.", "J. Smith agrees."]),
        ("it", "Lo prevede il D.P.R. 445/2000, art. 2 co. 3. Il comma vale per tutti.",
         ["Lo prevede il D.P.R. 445/2000, art. 2 co. 3.", "Il comma vale per tutti."]),
        ("it", "Serve la licenza prevista dall'art. 134 (d.lgs. 14/2019). Poi si lavora.",
         ["Serve la licenza prevista dall'art. 134 (d.lgs. 14/2019).", "Poi si lavora."]),
    ],
)
def test_legal_references_do_not_end_a_sentence_but_a_final_number_does(lang, text, sentences):
    assert [text[a:b] for a, b in split_sentences(text, lang)] == sentences


@pytest.mark.parametrize(
    ("title", "lang", "role", "aliases"),
    [
        ("Agenti immobiliari", "it", "agente immobiliare", ()),
        ("Quanto guadagna un infermiere", "it", "infermiere", ()),
        ("Loan Officers", "en", "loan officer", ()),
        ("Sales Development Representative (SDR)", "en", "sales development representative", ("SDR",)),
        ("Medical Coder Salary Guide", "en", "medical coder", ()),
        ("Analisti finanziari", "it", "analista finanziario", ()),
        # Nouns and the adjectives after them take different singulars; head plurals come from the rules file.
        ("Medici ospedalieri", "it", "medico ospedaliero", ()),
        ("Infermieri pediatrici", "it", "infermiere pediatrico", ()),
        ("Ingegneri informatici", "it", "ingegnere informatico", ()),
        ("Operai specializzati", "it", "operaio specializzato", ()),
        ("Geometri", "it", "geometra", ()),
        ("Psichiatri", "it", "psichiatra", ()),
        ("Responsabili acquisti", "it", "responsabile acquisti", ()),
        # Headline titles: the role is the one they name, not the headline.
        ("7 cose da sapere sul key account manager", "it", "key account manager", ()),
        ("My first year as a payroll specialist", "en", "payroll specialist", ()),
        ("Tax Accountant | University Careers Office", "en", "tax accountant", ()),
        ("Il consulente finanziario", "it", "consulente finanziario", ()),
        ("Actuary Salary Report 2025: What Pays Most", "en", "actuary", ()),
        ("Long days and big deals: what it takes to be an investment banking analyst", "en", "investment banking analyst", ()),
        ("Credit Risk Analyst Graduate Scheme | Northbank Careers", "en", "credit risk analyst", ()),
        ("Trade Compliance Officer", "en", "trade compliance officer", ()),
    ],
)
def test_role_from_title(tmp_path, title, lang, role, aliases):
    article = read_article(write_article(tmp_path, "a.md", f"---\ntitle: \"{title}\"\nlang: {lang}\n---\n\nTesto.\n"), tmp_path)
    assert (article.role, article.aliases) == (role, aliases)


@pytest.mark.parametrize(
    ("title", "lang", "body", "role"),
    [
        ("Quanto guadagna un tecnico di laboratorio nel 2026? Stipendi e prospettive", "it",
         "Il tecnico di laboratorio analizza campioni. Un tecnico di laboratorio guadagna 1.500 euro. Lo stipendio cresce.",
         "tecnico di laboratorio"),
        ("Diventare geometra: guida completa", "it",
         "Il geometra progetta edifici. Per diventare geometra serve il diploma. Il geometra si iscrive all'albo.", "geometra"),
        ("Come si diventa ostetrica? Requisiti, esame e stipendio", "it",
         "L'ostetrica assiste le donne. Le ostetriche lavorano in ospedale. Un'ostetrica guadagna bene.", "ostetrica"),
        ("Hiring now: Forklift Operator, night shift – Leeds", "en",
         "We are hiring a forklift operator. The forklift operator moves pallets. Forklift operators work nights.", "forklift operator"),
        ("Ask a vet: what is the job really like?", "en", "A vet treats animals. Vets work long hours. The vet runs the practice.", "vet"),
        ("What does a speech therapist do? Salary, skills and how to become one", "en",
         "A speech therapist helps people speak. Speech therapists earn £35,000. Every speech therapist needs a degree.", "speech therapist"),
        ("Is nursing right for you? The registered nurse career path explained", "en",
         "A registered nurse cares for patients. Registered nurses work shifts. The nurse in charge leads the ward.", "registered nurse"),
        # A title that names no role: the first sentence's role, or the one the body names most.
        ("Una vita tra i fornelli", "it", "Il cuoco è il professionista che prepara i piatti. Il cuoco lavora in cucina. Ogni cuoco impara.", "cuoco"),
        ("Behind the bench: life in the workshop", "en",
         "A luthier is a craftsperson who builds and repairs guitars. Luthiers work alone. A luthier needs patience.", "luthier"),
        ("Inside the night shift", "en",
         "The night is long. Nurses and doctors work together; a nurse checks the charts. Nurses rest at dawn.", "nurse"),
        # The body agrees with the title's reading: it stays.
        ("Medical Coder Salary Guide", "en", "Medical coders earn more with a certificate. A medical coder reads charts.", "medical coder"),
    ],
)
def test_a_headline_role_is_the_title_phrase_the_body_names_most(tmp_path, title, lang, body, role):
    article = read_article(write_article(tmp_path, "a.md", f"---\ntitle: \"{title}\"\nlang: {lang}\n---\n\n{body}\n"), tmp_path)
    assert article.role == role


@pytest.mark.parametrize(
    ("title", "lang", "role"),
    [
        # A job advert's title: the occupation without seniority, shift, contract, grade, pay, perks, calls to
        # action, gender markers, employer or place.
        ("Senior Staff Nurse - Night Shift (Band 5)", "en", "staff nurse"),
        ("Registered Nurse – Night Shift (Band 5), London", "en", "registered nurse"),
        ("Apply Now! Warehouse Operative £12/hr", "en", "warehouse operative"),
        ("Electrician at Acme Ltd", "en", "electrician"),
        ("HGV Class 1 Driver - £32k + car", "en", "hgv driver"),
        ("Sr. Software Engineer (m/f/d)", "en", "software engineer"),
        ("Part-Time Line Cook - Immediate Start", "en", "line cook"),
        ("Urgent: Care Assistant (Nights) in Leeds", "en", "care assistant"),
        ("Junior Account Executive", "en", "account executive"),
        ("Chef de Partie (H/F)", "en", "chef de partie"),
        ("Infermiere turni notturni (Milano)", "it", "infermiere"),
        ("URGENTE - Elettricista industriale (m/f)", "it", "elettricista industriale"),
        ("Impiegato amministrativo part-time presso Studio Rossi", "it", "impiegato amministrativo"),
        ("Autista patente C + CQC - 1.800 € al mese", "it", "autista"),
        ("Cuoco capo partita a Roma", "it", "cuoco capo partita"),
        # Never down to a bare generic head, and "contract" may name the role.
        ("Senior Manager - Audit", "en", "senior manager"),
        ("Contract Manager", "en", "contract manager"),
        ("Software Engineer II", "en", "software engineer"),
        # "Lead" is a head ("Team Lead") and a compound's first word ("Lead Generation"): never dropped.
        ("Team Lead", "en", "team lead"),
        ("Lead Generation Specialist", "en", "lead generation specialist"),
        # "an" is not "a" + "n".
        ("Becoming an Airline Pilot", "en", "airline pilot"),
        ("What does an actuary do?", "en", "actuary"),
    ],
)
def test_a_job_advert_title_names_the_occupation(tmp_path, title, lang, role):
    article = read_article(write_article(tmp_path, "a.md", f"---\ntitle: \"{title}\"\nlang: {lang}\n---\n\nTesto.\n"), tmp_path)
    assert (article.role, article.aliases) == (role, ())


def test_an_advert_role_the_body_names_shorter_takes_the_shorter_name(tmp_path):
    """The body decides between an advert's "regional truck driver" and the "truck driver" it keeps naming; a
    title with no posting qualifier keeps its reading ("information security analyst")."""
    body = "Our truck drivers run regional loads. As a truck driver you plan routes. Truck drivers are home on Fridays."
    text = f"---\ntitle: \"CDL-A Regional Truck Driver – Home Every Weekend\"\nlang: en\n---\n\n{body}\n"
    assert read_article(write_article(tmp_path, "a.md", text), tmp_path).role == "truck driver"
    body = "Security analysts guard networks. A security analyst reads logs. Security analysts earn well."
    text = f"---\ntitle: Information Security Analyst\nlang: en\n---\n\n{body}\n"
    assert read_article(write_article(tmp_path, "b.md", text), tmp_path).role == "information security analyst"


def test_a_first_heading_that_names_the_role_shorter_than_the_title_names_it(tmp_path):
    text = "---\ntitle: Compliance Analyst in Germany\n---\n\n# Compliance Analyst\n\nA compliance analyst checks rules.\n"
    assert read_article(write_article(tmp_path, "a.md", text), tmp_path).role == "compliance analyst"


def test_h1_is_the_title_when_frontmatter_has_none(tmp_path):
    article = read_article(write_article(tmp_path, "a.md", "# Risk Analysts\n\nThey analyse risk.\n"), tmp_path)
    assert article.title == "Risk Analysts"
    assert article.role == "risk analyst"
    assert article.lang == "en"


def test_language_detected_without_lang_key(tmp_path):
    text = "---\ntitle: Consulente\n---\n\nIl consulente si occupa della gestione dei clienti e della loro crescita.\n"
    assert read_article(write_article(tmp_path, "a.md", text), tmp_path).lang == "it"


@pytest.mark.parametrize(
    ("content", "message", "line"),
    [
        (b"", "empty file", 1),
        (b"\x00\x01binary", "binary file", 1),
        ("---\ntitle: Caf\u00e9\n---\n".encode("cp1252"), "not UTF-8", 2),
        (b"---\ntitle: [unclosed\n---\n\ntext\n", "frontmatter is not valid YAML", 2),
        (b"---\n- a\n- b\n---\n\ntext\n", "frontmatter is not a mapping", 2),
        (b"---\ndescription: x\n---\n\nno heading here\n", "no title", 1),
        (b"---\ntitle: [a, b]\n---\n\ntext\n", "title must be text", 2),
    ],
)
def test_bad_input_is_one_line_error_with_file_and_line(tmp_path, content, message, line):
    path = tmp_path / "bad.md"
    path.write_bytes(content)
    with pytest.raises(KgError) as caught:
        read_article(path, tmp_path)
    assert message in caught.value.message
    assert caught.value.line == line
    assert str(caught.value).startswith(f"{path}:{line}: error: ")
    assert "\n" not in str(caught.value)


def test_a_colon_inside_a_frontmatter_value_is_read_as_text_with_a_warning(tmp_path):
    text = "---\ntitle: Game developer\ndescription: Game developers: who they are, what they earn\nkeywords: [games, code]\n---\n\nText.\n"
    article = read_article(write_article(tmp_path, "a.md", text), tmp_path)
    assert (article.title, article.description, article.keywords) == ("Game developer", "Game developers: who they are, what they earn", ("games", "code"))
    assert len(article.warnings) == 1 and "line 3 is not valid YAML" in article.warnings[0]


def test_a_header_that_is_not_simple_lines_keeps_its_yaml_error(tmp_path):
    text = "---\ntitle: A: b\ntags:\n  nested: x: y\n---\n\nText.\n"
    with pytest.raises(KgError, match="frontmatter is not valid YAML"):
        read_article(write_article(tmp_path, "a.md", text), tmp_path)


def test_cp1252_error_names_the_encoding(tmp_path):
    path = tmp_path / "bad.md"
    path.write_bytes("---\ntitle: Caf\u00e9 \u2013 bar\n---\n".encode("cp1252"))
    with pytest.raises(KgError, match="cp1252"):
        read_article(path, tmp_path)


def test_directory_named_md_is_an_error(tmp_path):
    folder = tmp_path / "x.md"
    folder.mkdir()
    with pytest.raises(KgError, match="directory"):
        read_article(Path(folder), tmp_path)


def test_a_table_row_is_an_item_named_by_its_columns(tmp_path):
    body = "Pay by level:\n\n| Level | Annual salary | Bonus |\n|---|---|---|\n| Junior analyst | $45,000 | 5% |\n| Senior analyst | $72,000 | |\n"
    article = read_article(write_article(tmp_path, "a.md", f"---\ntitle: Analyst\nlang: en\n---\n\n{body}"))
    rows = [(b.kind, b.text, b.lead, b.line) for b in article.blocks if b.kind == "item"]
    assert rows == [("item", "Junior analyst: Annual salary $45,000, Bonus 5%", "Pay by level:", 10),
                    ("item", "Senior analyst: Annual salary $72,000", "Pay by level:", 11)]


def test_a_bold_line_heads_what_follows(tmp_path):
    """"**Skills that count**" alone on its line is a heading below the last real one; a bold sentence is not,
    and a list item keeps its bold opening words as its label."""
    body = "# Forwarder\n\n**Skills that count**\n\n- **Negotiation**: you haggle\n\n**Never sign blind.**\n\n## Pay\n\nText.\n"
    article = read_article(write_article(tmp_path, "a.md", "---\ntitle: Forwarder\n---\n\n" + body), tmp_path)
    assert [(b.text, b.section) for b in article.blocks if b.kind == "heading"] == [
        ("Forwarder", ("Forwarder",)), ("Skills that count", ("Forwarder", "Skills that count")), ("Pay", ("Forwarder", "Pay"))]
    item = next(b for b in article.blocks if b.kind == "item")
    assert item.label == "Negotiation" and item.section[-1] == "Skills that count"
    assert next(b for b in article.blocks if b.text == "Never sign blind.").kind == "paragraph"


def test_a_bold_line_is_not_the_title(tmp_path):
    article = read_article(write_article(tmp_path, "a.md", "**Skills that count**\n\n# Freight Forwarder\n\nText.\n"), tmp_path)
    assert article.title == "Freight Forwarder"


def test_a_head_plural_that_is_another_heads_singular_stays_that_head():
    from kg.language.mentions import find_mentions
    from kg.language.profile import head_forms

    heads = head_forms("it", "role_heads_first")
    assert (heads["infermiere"], heads["infermiera"], heads["geometri"]) == ("infermiere", "infermiera", "geometra")
    assert [m.label for m in find_mentions("lavora con gli infermieri e i geometri", "it")] == ["infermiere", "geometra"]
