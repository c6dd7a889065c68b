"""SHACL validation of a career graph with pyshacl, reported as readable lines."""

from __future__ import annotations

from dataclasses import dataclass

from pyshacl import validate as shacl_validate
from rdflib import Graph
from rdflib.namespace import SH

from kg.ontology_files import ontology, shapes


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str
    shape: str

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.focus}{where}: {self.message} [{self.shape}]"


def validate(graph: Graph) -> list[Violation]:
    """Violations of the shapes, sorted; the ontology is mixed in so subproperty links are known."""
    conforms, report, _ = shacl_validate(
        graph, shacl_graph=shapes(), ont_graph=ontology(), inference="none", advanced=True, allow_warnings=True
    )
    if conforms:
        return []
    found = []
    for result in report.subjects(predicate=SH.resultSeverity, object=SH.Violation):
        found.append(
            Violation(
                focus=str(report.value(result, SH.focusNode)),
                path=str(report.value(result, SH.resultPath) or ""),
                message=str(report.value(result, SH.resultMessage) or "constraint not met"),
                shape=str(report.value(result, SH.sourceShape) or ""),
            )
        )
    return sorted(set(found), key=str)
