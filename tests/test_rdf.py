"""The RDF mapping: deterministic, blank-node free, every fact with its evidence, SHACL-valid."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from loaders import parse_file
from loaders import vocab
from loaders.to_rdf import doc_iri, parse_value, to_quads
from loaders.vocab import ELI, OA, PKG, QB, RDF
from rdf_support import full_doc

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"
KAIFU = "000_d4b74f1350e2b71b.txt"


@pytest.fixture(scope="module")
def full(parsed):
    return full_doc(parsed[KAIFU])


def test_to_quads_is_deterministic_across_parses(seeds, parsed):
    for path in seeds:
        again = to_quads(parse_file(path))
        assert to_quads(parsed[path.name]) == again, path.name


def test_no_blank_nodes_and_one_named_graph(parsed, full):
    for doc in [*parsed.values(), full]:
        g = doc_iri(doc)
        for q in to_quads(doc):
            assert not any(isinstance(t, ox.BlankNode) for t in (q.subject, q.object, q.graph_name))
            assert q.graph_name == g


def test_every_annotation_quote_is_the_slice_of_the_text(parsed, full):
    for doc in [*parsed.values(), full]:
        text = doc.source.text
        by_subject: dict = {}
        for q in to_quads(doc):
            by_subject.setdefault(q.subject, {}).setdefault(q.predicate, []).append(q.object)
        quotes = {s: p[OA.exact][0].value for s, p in by_subject.items() if OA.exact in p}
        positions = {s: (int(p[OA.start][0].value), int(p[OA.end][0].value))
                     for s, p in by_subject.items() if OA.start in p}
        for s, props in by_subject.items():
            if OA.hasSelector not in props:
                continue
            sels = props[OA.hasSelector]
            exact = next(quotes[x] for x in sels if x in quotes)
            start, end = next(positions[x] for x in sels if x in positions)
            assert text[start:end] == exact, (doc.source.name, s)


def test_full_document_maps_every_kind_of_fact(full):
    quads = to_quads(full)
    kinds = {q.object.value for q in quads if q.predicate == PKG.factKind}
    assert kinds >= {"title", "period", "heading", "measure", "unit", "citation", "indicator",
                     "target"}
    types = {q.object for q in quads if q.predicate == RDF.type}
    assert {ELI.LegalResource, PKG.Measure, PKG.Responsibility, PKG.Citation, PKG.Indicator,
            QB.Observation, OA.Annotation} <= types
    values = {(q.subject.value.rsplit("/", 1)[-1], q.object.value) for q in quads
              if q.predicate == vocab.SDMX_MEASURE.obsValue}
    assert ("row_1_target", "84") in values and ("row_1_baseline", "80") in values
    assert ("target_1", "21") in values


def test_full_document_conforms_to_the_shapes(full):
    from graph.validate import validate_graph
    data = rdflib.Graph()
    data.parse(data="".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in to_quads(full)),
               format="nt")
    report = validate_graph(data)
    assert report.conforms, "\n".join(map(str, report.violations))


def test_shapes_catch_a_responsibility_without_unit(full):
    from graph.validate import validate_graph
    data = rdflib.Graph()
    data.parse(data="".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in to_quads(full)
                            if q.predicate != PKG.unit), format="nt")
    report = validate_graph(data)
    assert not report.conforms
    assert any("unit" in v.message for v in report.violations)


def test_round_trip_through_nquads(full):
    quads = to_quads(full)
    data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    back = list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
    assert set(back) == set(quads)
    ds = rdflib.Dataset()
    ds.parse(data=data.decode("utf-8"), format="nquads")
    assert sum(1 for _ in ds.quads((None, None, None, None))) == len(set(quads))


def test_document_identity_is_never_the_title_alone(full):
    parent = replace(full, meta=replace(full.meta, issuer=("长沙市市场监督管理局",)))
    assert doc_iri(parent) != doc_iri(full)
    a = replace(full, meta=replace(full.meta, issuer=()))
    b = replace(a, source=replace(a.source, text_sha256="0" * 64))
    assert doc_iri(a) != doc_iri(b)


def test_none_fields_never_crash(parsed):
    doc = parsed[KAIFU]
    bare = replace(doc, meta=replace(doc.meta, title=None, title_span=None, issuer=(),
                                     issuer_spans=(), level=None, region_code=None, period=None,
                                     date="not a date", doc_type=None))
    quads = to_quads(bare)
    assert quads and all(q.graph_name == doc_iri(bare) for q in quads)


@pytest.mark.parametrize("written, expected", [
    ("≥98", ("98", "≥")), ("488.84", ("488.84", None)), ("＞９５％", ("95", ">")),
    ("85%以上", ("85", "≥")), ("不低于1,200", ("1200", "≥")), ("-", None), (None, None),
])
def test_parse_value(written, expected):
    got = parse_value(written)
    assert (None if got is None else (format(got[0], "f"), got[1])) == expected


def test_misspelt_term_fails_loudly():
    with pytest.raises(AttributeError):
        ELI.titel
    with pytest.raises(AttributeError):
        PKG["Mesure"]
    assert ELI.title.value == "http://data.europa.eu/eli/ontology#title"


def test_every_pkg_term_is_declared_in_the_ontology():
    g = rdflib.Graph().parse(ONTOLOGY / "policykg.ttl")
    declared = {str(s) for s in g.subjects(rdflib.RDF.type, None)}
    missing = [t for t in PKG if PKG.base + t not in declared]
    assert not missing, missing


def test_every_scheme_concept_is_declared():
    g = rdflib.Graph().parse(ONTOLOGY / "schemes.ttl")
    concepts = {str(s) for s in g.subjects(rdflib.RDF.type, rdflib.SKOS.Concept)}
    for ns in (vocab.LEVEL, vocab.DOCTYPE, vocab.BINDING, vocab.SUBDIV):
        assert {ns.base + t for t in ns} <= concepts, ns


def test_no_iri_strings_outside_the_vocabulary_module():
    root = Path(__file__).resolve().parent.parent
    for path in [root / "loaders" / "to_rdf.py", *sorted((root / "graph").glob("*.py"))]:
        for line in path.read_text(encoding="utf-8").splitlines():
            assert not re.search(r"[\"']https?://\w", line), f"{path.name}: {line.strip()}"
