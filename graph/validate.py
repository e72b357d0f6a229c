"""SHACL validation of the store's data against ontology/shapes.ttl (pySHACL).

The data graph is the merge of every named graph except the ontology, plus the
ontology and the SKOS schemes (class hierarchy and concept types, which ``sh:class``
needs; pySHACL's ``ont_graph`` is only mixed in when it infers).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import rdflib

from loaders.vocab import GRAPH, SH as SH_TERMS

from .store import GraphStore

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
SH = rdflib.Namespace(SH_TERMS.base)


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str | None
    message: str
    severity: str
    shape: str | None

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.severity}: <{self.focus}>{where}: {self.message}"


@dataclass
class ValidationReport:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    text: str = ""


def data_graph(store: GraphStore, graphs: list[str] | None = None) -> rdflib.Graph:
    """The merge of the named graphs (default: all but the ontology) as an rdflib Graph."""
    names = graphs if graphs is not None else [
        g for g in store.named_graphs() if g != GRAPH.ontology.value]
    data = b"".join(store.dump(ox.RdfFormat.N_TRIPLES, graph=g) for g in names)
    g = rdflib.Graph()
    g.parse(data=data.decode("utf-8"), format="nt")
    return g


def shapes_graph() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")


def ontology_graph() -> rdflib.Graph:
    g = rdflib.Graph()
    for name in ("policykg.ttl", "schemes.ttl"):
        g.parse(ONTOLOGY_DIR / name, format="turtle")
    return g


def validate_graph(data: rdflib.Graph) -> ValidationReport:
    from pyshacl import validate as shacl
    merged = rdflib.Graph()
    for t in data:
        merged.add(t)
    for t in ontology_graph():        # class hierarchy and concept types, for sh:class
        merged.add(t)
    conforms, results, text = shacl(merged, shacl_graph=shapes_graph(),
                                    inference="none", advanced=False, allow_warnings=True)
    violations = []
    for r in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        def one(p):
            v = results.value(r, p)
            return None if v is None else str(v)
        sev = one(SH.resultSeverity) or ""
        violations.append(Violation(focus=one(SH.focusNode) or "", path=one(SH.resultPath),
                                    message=one(SH.resultMessage) or "",
                                    severity=sev.rsplit("#", 1)[-1], shape=one(SH.sourceShape)))
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message))
    return ValidationReport(conforms=bool(conforms), violations=violations, text=text)


def validate(store: GraphStore) -> ValidationReport:
    """Validate everything in the store (documents, links) against the shapes."""
    return validate_graph(data_graph(store))


__all__ = ["validate", "validate_graph", "data_graph", "ValidationReport", "Violation"]
