"""Career-path analytics on the sample corpus: every answer names its edges and their quotes."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import kg
from kg.cli import main


def steps(edges) -> list[tuple[str, str, str]]:
    return [(e.source, e.relation, e.target) for e in edges]


def test_ladder_goes_up_to_the_vice_president_and_down_to_the_associate(sample_graph):
    ladder = kg.paths.ladder(sample_graph, "ACCOUNT MANAGER")
    assert ("account manager", "promotesTo", "vicepresidente della gestione dei conti") in steps(ladder.up)
    assert steps(ladder.down) == [("account manager associato", "promotesTo", "account manager")]
    assert all(e.quote for e in ladder.up + ladder.down)
    assert "vicepresidente della gestione dei conti" in ladder.up[-1].quote


def test_ladder_from_the_bottom_climbs_through_the_middle(sample_graph):
    ladder = kg.paths.ladder(sample_graph, "account manager associato")
    assert ("account manager associato", "promotesTo", "account manager") in steps(ladder.up)
    assert ("account manager", "promotesTo", "direttore dei conti") in steps(ladder.up)
    assert ladder.down == ()


def test_between_follows_promotions_and_related_roles(sample_graph):
    chain = kg.paths.between(sample_graph, "account manager associato", "vicepresidente della gestione dei conti")
    assert steps(chain) == [("account manager associato", "promotesTo", "account manager"),
                            ("account manager", "promotesTo", "vicepresidente della gestione dei conti")]
    across = kg.paths.between(sample_graph, "account executive", "account manager")
    assert steps(across) == [("account executive", "relatedRole", "venditore"), ("account manager", "relatedRole", "venditore")]
    assert all(e.quote for e in chain + across)


def test_gap_names_the_sales_skills(sample_graph):
    gap = kg.paths.gap(sample_graph, "account manager", "account executive")
    skills = {e.target for e in gap}
    assert {"competenze di vendita", "capacità di comunicazione"} <= skills
    assert "background finanziario o commerciale" not in skills
    assert all(e.source == "account executive" and e.quote for e in gap)
    back = {e.target for e in kg.paths.gap(sample_graph, "account executive", "account manager")}
    assert back == {"background finanziario o commerciale", "diploma universitario"}


def test_similar_ranks_by_shared_features_with_both_quotes(sample_graph):
    ranked = kg.paths.similar(sample_graph, "account executive", top=5)
    assert ranked[0].role == "account manager" and 0 < ranked[0].score <= 1
    shared = {mine.target: (mine, theirs) for mine, theirs in ranked[0].shared}
    mine, theirs = shared["venditore"]
    assert mine.target == theirs.target and mine.quote != theirs.quote
    assert len(kg.paths.similar(sample_graph, "account manager", top=1)) == 1


def test_stats(sample_graph):
    stats = kg.paths.stats(sample_graph)
    assert stats.nodes["Role"] == 12 and stats.edges["promotesTo"] == 4
    assert sum(stats.components) == 12
    assert stats.central_roles[0][0] == "account manager"
    assert stats.central_skills and all(n >= 1 for _, n in stats.central_skills)


def test_unknown_role_names_the_closest(sample_graph):
    with pytest.raises(kg.KgError) as error:
        kg.paths.ladder(sample_graph, "acount manger")
    assert "closest: 'account manager'" in str(error.value) and "\n" not in str(error.value)


@pytest.mark.parametrize("args, expected", [
    (["ladder", "account manager"], "vicepresidente della gestione dei conti"),
    (["between", "account manager", "vicepresidente della gestione dei conti"], "La promozione al di sopra"),
    (["gap", "account manager", "account executive"], "competenze di vendita"),
    (["similar", "account executive", "--top", "5"], "shares venditore"),
    (["stats"], "most central roles: account manager"),
])
def test_cli(sample_exports, args, expected):
    result = CliRunner().invoke(main, ["paths", *args, "--graph", str(sample_exports / "careers.ttl")])
    assert result.exit_code == 0 and expected in result.output


def test_cli_unknown_role_is_one_line(sample_exports):
    result = CliRunner().invoke(main, ["paths", "gap", "account manager", "astronaut", "--graph", str(sample_exports / "careers.ttl")])
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1 and "no role called 'astronaut'" in result.stderr
