"""Named questions, parameter binding, ad hoc SPARQL and the W3C result formats, on the sample corpus."""

from __future__ import annotations

import io
import shlex

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.query import Result

import kg
from kg.cli import main
from kg.graph.namespaces import KG, KGR, RDF
from kg.query import formats, question
from kg.query.formats import short

INJECTIONS = ['x" } ; DROP ALL ; #', "x' } UNION { ?s ?p ?o } #", "<https://w3id.org/careerkg/id/role/account-manager>", "*"]


@pytest.fixture(scope="module")
def graph_path(sample_exports):
    return sample_exports / "careers.ttl"


def rows(result: Result) -> list[dict[str, str]]:
    """Rows as {variable: short term} so assertions read like the table a user sees."""
    return [{str(v): short(row[v]) for v in result.vars} for row in result]


def pairs(result: Result, a: str, b: str) -> set[tuple[str, str]]:
    return {(row[a], row[b]) for row in rows(result)}


def example_params(name: str) -> dict[str, str]:
    """The parameters of the example in a question's header."""
    tokens = shlex.split(question(name).example)
    return dict(tokens[i + 1].split("=", 1) for i, t in enumerate(tokens) if t == "--param")


ROLE = "kgr:role/"


def test_promotion_ladder_reaches_the_vice_president_and_comes_from_the_associate(sample_graph):
    found = kg.query(sample_graph, "promotion-ladder", role="account manager")
    got = {(r["direction"], r["from"], r["to"]) for r in rows(found)}
    assert ("up", ROLE + "account-manager", ROLE + "vicepresidente-della-gestione-dei-conti") in got
    assert ("up", ROLE + "account-manager", ROLE + "direttore-dei-conti") in got
    assert ("down", ROLE + "account-manager-associato", ROLE + "account-manager") in got
    assert all("promozione" in r["quote"] or "associat" in r["quote"] for r in rows(found))


def test_reports_to_from_either_side(sample_graph):
    line = (ROLE + "account-manager-associato", ROLE + "lead-account-manager")
    assert pairs(kg.query(sample_graph, "reports-to", role="lead account manager"), "subordinate", "manager") == {line}
    assert pairs(kg.query(sample_graph, "reports-to", role="account manager associato"), "subordinate", "manager") == {line}
    assert line in pairs(kg.query(sample_graph, "reports-to"), "subordinate", "manager")
    assert not rows(kg.query(sample_graph, "reports-to", role="venditore"))


def test_skills_by_role(sample_graph):
    executive = {r["skill"] for r in rows(kg.query(sample_graph, "skills-by-role", role="Account Executive"))}
    assert "kgr:skill/competenze-di-vendita" in executive and "kgr:skill/capacita-di-comunicazione" in executive
    assert "kgr:skill/background-finanziario-o-commerciale" not in executive
    everyone = pairs(kg.query(sample_graph, "skills-by-role"), "role", "skill")
    assert (ROLE + "account-manager", "kgr:skill/background-finanziario-o-commerciale") in everyone


def test_roles_needing_skill_ignores_case_and_accents(sample_graph):
    found = rows(kg.query(sample_graph, "roles-needing-skill", skill="CAPACITA DI COMUNICAZIONE"))
    assert [r["role"] for r in found] == [ROLE + "account-executive"]
    assert "comunicazione" in found[0]["quote"]


def test_shared_skills(sample_graph):
    same = rows(kg.query(sample_graph, "shared-skills", role="account executive", other="account executive"))
    assert "kgr:skill/competenze-di-vendita" in {r["skill"] for r in same}
    assert not rows(kg.query(sample_graph, "shared-skills", role="account manager", other="account executive"))


def test_role_regulation_with_issuer_and_governed_entity_types(sample_graph):
    found = rows(kg.query(sample_graph, "role-regulation", role="account executive"))
    assert {"kgr:regulator/finra", "kgr:regulation/finra-regola-3220"} <= {r["authority"] for r in found}
    regulation = [r for r in found if r["authority"] == "kgr:regulation/finra-regola-3220"]
    assert {r["issuedBy"] for r in regulation} == {"kgr:regulator/finra"}
    assert {r["governs"] for r in regulation} == {"kgr:entity-type/broker-dealer", "kgr:entity-type/investment-adviser"}


def test_salary_by_role_has_source_date_and_place(sample_graph):
    manager = rows(kg.query(sample_graph, "salary-by-role", role="account manager"))
    assert len(manager) == 1
    assert (manager[0]["min"], manager[0]["max"], manager[0]["currency"]) == ("45000.0", "85000.0", "USD")
    assert manager[0]["source"] == "kgr:data-source/indeed-com" and manager[0]["place"] == "kgr:location/united-states"
    executive = rows(kg.query(sample_graph, "salary-by-role", role="account executive"))
    assert (executive[0]["average"], executive[0]["asOf"], executive[0]["source"]) == ("57504.0", "2021-05", "kgr:data-source/glassdoor-com")


def test_roles_by_industry_in_either_language(sample_graph):
    italian = rows(kg.query(sample_graph, "roles-by-industry", industry="tecnologia"))
    assert italian == rows(kg.query(sample_graph, "roles-by-industry", industry="Technology"))
    assert [r["role"] for r in italian] == [ROLE + "account-executive"]
    assert "kgr:industry/financial-services" in {r["industry"] for r in rows(kg.query(sample_graph, "roles-by-industry"))}


def test_roles_by_location(sample_graph):
    assert [r["role"] for r in rows(kg.query(sample_graph, "roles-by-location", location="new york"))] == [ROLE + "account-manager"]
    assert len(rows(kg.query(sample_graph, "roles-by-location"))) >= 5


def test_related_roles_from_either_side(sample_graph):
    found = {r["related"] for r in rows(kg.query(sample_graph, "related-roles", role="venditore"))}
    assert found == {ROLE + "account-executive", ROLE + "account-manager"}


def test_role_evidence_names_quote_section_article_and_rule(sample_graph):
    found = rows(kg.query(sample_graph, "role-evidence", role="account executive"))
    salary = [r for r in found if r["predicate"] == "kg:salary"]
    assert salary and salary[0]["rule"] == "it.salary.figure" and salary[0]["article"] == "kgr:article/account-executive"
    assert "Glassdoor" in salary[0]["quote"] and salary[0]["section"].startswith("Account Executive")
    assert 0 < float(salary[0]["confidence"]) <= 1
    assert {"kg:requiresSkill", "kg:inIndustry", "kg:regulatedBy"} <= {r["predicate"] for r in found}
    as_object = rows(kg.query(sample_graph, "role-evidence", role="vicepresidente della gestione dei conti"))
    assert [(r["subject"], r["predicate"]) for r in as_object] == [(ROLE + "account-manager", "kg:promotesTo")]


@pytest.mark.parametrize("name, fact", [("roles-without-salary", "kg:salary"), ("roles-without-skill", "kg:requiresSkill")])
def test_data_quality_roles_missing_a_fact(sample_graph, name, fact):
    found = [r["role"] for r in rows(kg.query(sample_graph, name))]
    assert ROLE + "venditore" in found
    assert ROLE + "account-manager" not in found and ROLE + "account-executive" not in found
    assert all(not list(sample_graph.objects(URIRef(KGR[r[4:]]), KG[fact[3:]])) for r in found)


def test_single_evidence_facts_rest_on_exactly_one_sentence(sample_graph):
    found = kg.query(sample_graph, "single-evidence-facts")
    assert (ROLE + "account-manager", "kg:promotesTo", ROLE + "direttore-dei-conti") in {
        (r["subject"], r["predicate"], r["object"]) for r in rows(found)}
    for row in found:
        evidence = set(sample_graph.subjects(RDF.subject, row.subject)) & set(sample_graph.subjects(RDF.predicate, row.predicate)) \
            & set(sample_graph.subjects(RDF.object, row.object))
        assert len(evidence) == 1
    assert len(found) < len(set(sample_graph.subjects(RDF.type, KG.Evidence)))  # some fact has two sentences


def test_can_be_promoted_to_follows_chains_one_way(sample_graph):
    assert kg.query(sample_graph, "can-be-promoted-to", role="account manager associato",
                    target="vicepresidente della gestione dei conti").askAnswer is True
    assert kg.query(sample_graph, "can-be-promoted-to", role="vicepresidente della gestione dei conti",
                    target="account manager associato").askAnswer is False


def test_role_subgraph_is_rdf(sample_graph):
    sub = kg.query(sample_graph, "role-subgraph", role="account manager associato").graph
    assert (KGR["role/account-manager-associato"], KG.promotesTo, KGR["role/account-manager"]) in sub


def test_roles_lists_every_label(sample_graph):
    found = pairs(kg.query(sample_graph, "roles"), "role", "label")
    assert (ROLE + "account-executive", "Account Executive") in found
    assert len({r for r, _ in found}) == len(set(sample_graph.subjects(RDF.type, KG.Role)))


def test_every_question_has_a_row_test_and_a_header():
    covered = {"promotion-ladder", "reports-to", "skills-by-role", "roles-needing-skill", "shared-skills",
               "role-regulation", "salary-by-role", "roles-by-industry", "roles-by-location", "related-roles",
               "role-evidence", "roles-without-salary", "roles-without-skill", "single-evidence-facts",
               "can-be-promoted-to", "role-subgraph", "roles"}
    assert set(kg.questions()) == covered, "a new question needs its row test here"
    for asked in kg.questions().values():
        assert asked.summary and asked.example.startswith(f"kg query {asked.name}")
        assert all(p.meaning for p in asked.params)


@pytest.mark.parametrize("name", sorted(kg.questions()))
def test_each_example_answers_something(sample_graph, name):
    result = kg.query(sample_graph, name, **example_params(name))
    if name == "shared-skills":  # the two sample roles share no skill (see test_shared_skills)
        assert len(result) == 0
    else:
        assert len(result) > 0 if result.type != "ASK" else result.askAnswer


def _empty(result: Result) -> bool:
    return not result.askAnswer if result.type == "ASK" else len(result) == 0


@pytest.mark.parametrize("name, param", [(q.name, p.name) for q in kg.questions().values() for p in q.params])
@pytest.mark.parametrize("attack", INJECTIONS)
def test_injection_in_any_parameter_returns_nothing_and_changes_nothing(sample_graph, graph_path, name, param, attack):
    before = graph_path.read_bytes(), set(sample_graph)
    params = {p.name: "account manager associato" for p in question(name).params} | example_params(name)
    if attack.startswith("<"):  # an IRI of another class: never bound as a node of this class
        attack = "<https://w3id.org/careerkg/id/skill/competenze-di-vendita>"
    result = kg.query(sample_graph, name, **(params | {param: attack}))
    assert _empty(result)
    assert (graph_path.read_bytes(), set(sample_graph)) == before


def test_parameters_are_bound_as_rdf_terms(sample_graph, tmp_path):
    """A known name is bound as its IRI, an unknown one as the literal typed: the query text never changes."""
    echo = tmp_path / "echo.rq"
    echo.write_text("#+ params:\n#+   role: {class: kg:Role, meaning: any role}\nSELECT ?bound WHERE { BIND(?role AS ?bound) }\n",
                    encoding="utf-8")
    assert [r.bound for r in kg.query(sample_graph, str(echo), role="ÀCCOUNT MANAGER")] == [KGR["role/account-manager"]]
    assert [r.bound for r in kg.query(sample_graph, str(echo), role=INJECTIONS[0])] == [Literal(INJECTIONS[0])]


def test_rq_file_and_bad_header(sample_graph, tmp_path):
    mine = tmp_path / "my-question.rq"
    mine.write_text("#+ summary: skills\n#+ params:\n#+   role: {class: kg:Role, meaning: the role}\n"
                    "PREFIX kg: <https://w3id.org/careerkg/ontology#>\nSELECT ?skill WHERE { ?role kg:requiresSkill ?skill }\n",
                    encoding="utf-8")
    assert [r["skill"] for r in rows(kg.query(sample_graph, str(mine), role="account manager"))] == [
        "kgr:skill/background-finanziario-o-commerciale"]
    bad = tmp_path / "bad.rq"
    bad.write_text("#+ summary: fine\n#+ params: [unclosed\nASK {}\n", encoding="utf-8")
    with pytest.raises(kg.KgError) as error:
        kg.query(sample_graph, str(bad))
    assert error.value.line == 2 and "bad.rq" in str(error.value)


@pytest.mark.parametrize("call, message", [
    (lambda g: kg.query(g, "promotion-ladder"), "needs --param role"),
    (lambda g: kg.query(g, "promotion-ladder", role="x", colour="red"), "no parameter 'colour'"),
    (lambda g: kg.query(g, "promotion-laddr"), "closest: promotion-ladder"),
    (lambda g: kg.sparql(g, "SELEC ?x"), "bad SPARQL"),
    (lambda g: kg.sparql(g, "DROP ALL"), "bad SPARQL"),
    (lambda g: formats.write(kg.query(g, "can-be-promoted-to", role="a", target="b"), "csv"), "use table, json, xml"),
])
def test_user_errors_are_one_line(sample_graph, call, message):
    with pytest.raises(kg.KgError) as error:
        call(sample_graph)
    assert message in str(error.value) and "\n" not in str(error.value)


def test_sparql_has_project_prefixes(sample_graph):
    found = kg.sparql(sample_graph, "SELECT ?r WHERE { ?r a kg:Role ; skos:prefLabel ?l } ORDER BY ?r")
    assert len(found) == len(set(sample_graph.subjects(RDF.type, KG.Role)))


TRICKY = 'SELECT ?x ?y ?n WHERE { VALUES (?x ?y ?n) { ("tab\\there\\nnew \\"q\\" back\\\\slash"@it <https://w3id.org/careerkg/id/role/a> 3) ("plain" UNDEF 2.5) } }'


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_w3c_select_formats_round_trip_through_rdflib_parsers(sample_graph, fmt):
    for result in (kg.query(sample_graph, "salary-by-role"), kg.sparql(sample_graph, TRICKY)):
        parsed = Result.parse(io.BytesIO(formats.write(result, fmt)), format=fmt)
        assert parsed.vars == result.vars
        assert [tuple(r) for r in parsed] == [tuple(r) for r in result]


def test_csv_round_trips_as_text(sample_graph):
    result = kg.query(sample_graph, "role-evidence", role="account manager")  # ?curated is unbound: an empty cell
    parsed = Result.parse(io.BytesIO(formats.write(result, "csv")), format="csv")
    as_text = lambda rows: [[str(t) if t is not None else "" for t in r] for r in rows]  # noqa: E731
    assert as_text(parsed) == as_text(result)


def test_tsv_follows_the_spec_by_hand(sample_graph):
    """Header of ?vars, terms in Turtle syntax, unbound cells empty, tabs and newlines escaped inside strings."""
    lines = formats.write(kg.sparql(sample_graph, TRICKY), "tsv").decode().split("\n")
    assert lines[0] == "?x\t?y\t?n"
    assert lines[1].split("\t") == ['"tab\\there\\nnew \\"q\\" back\\\\slash"@it', "<https://w3id.org/careerkg/id/role/a>",
                                    '"3"^^<http://www.w3.org/2001/XMLSchema#integer>']
    assert lines[2].split("\t")[1] == "" and lines[3] == ""


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_ask_formats_parse(sample_graph, fmt):
    result = kg.query(sample_graph, "can-be-promoted-to", role="account manager associato", target="account manager")
    assert Result.parse(io.BytesIO(formats.write(result, fmt)), format=fmt).askAnswer is True


def test_construct_writes_turtle(sample_graph):
    result = kg.query(sample_graph, "role-subgraph", role="account manager")
    assert isomorphic(Graph().parse(data=formats.write(result, "ttl"), format="turtle"), result.graph)


def test_cli_list_and_formats(graph_path):
    runner = CliRunner()
    listing = runner.invoke(main, ["query", "--list"])
    assert listing.exit_code == 0 and sum(1 for line in listing.output.splitlines() if not line.startswith(" ")) >= 12
    table = runner.invoke(main, ["query", "promotion-ladder", "--param", "role=account manager", "--graph", str(graph_path)])
    assert table.exit_code == 0 and "vicepresidente della gestione dei conti" in table.output and "4 rows" in table.output
    as_json = runner.invoke(main, ["query", "skills-by-role", "-f", "json", "--graph", str(graph_path)])
    assert len(Result.parse(io.BytesIO(as_json.stdout_bytes), format="json")) >= 6
    adhoc = runner.invoke(main, ["query", "--sparql", "SELECT ?r WHERE { ?r a kg:Role }", "-f", "csv", "--graph", str(graph_path)])
    assert adhoc.exit_code == 0 and adhoc.output.splitlines()[0] == "r"


@pytest.mark.parametrize("args, message", [
    (["query", "promotion-laddr"], "closest: promotion-ladder"),
    (["query", "promotion-ladder", "--param", "role"], "KEY=VALUE"),
    (["query"], "give a question NAME"),
    (["query", "roles", "--graph", "nowhere.ttl"], "no graph at nowhere.ttl"),
])
def test_cli_errors_are_one_line_with_exit_2(graph_path, args, message):
    result = CliRunner().invoke(main, args + ([] if "--graph" in args else ["--graph", str(graph_path)]))
    assert result.exit_code == 2 and message in result.stderr and len(result.stderr.splitlines()) == 1

