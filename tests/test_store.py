"""The store: atomic graph replacement, plain results, and the built seed graph."""
from __future__ import annotations

import threading
from dataclasses import replace

import pyoxigraph as ox
import pytest

from graph.build import build, load_document, load_ontology
from graph.link import link
from graph.store import OxigraphStore, Result, StoreError, StoreMissing, open_store
from graph.validate import validate
from loaders.to_rdf import doc_iri
from loaders.vocab import GRAPH

EX = "http://example.org/"


def q(s, o, g="g"):
    return ox.Quad(ox.NamedNode(EX + s), ox.NamedNode(EX + "p"), ox.Literal(o), ox.NamedNode(EX + g))


def triples(store, g="g"):
    return sorted((x.subject.value, x.object.value) for x in store.quads(EX + g))


def test_replace_graph_replaces():
    s = OxigraphStore()
    s.replace_graph(EX + "g", [q("a", "1"), q("b", "2")])
    s.replace_graph(EX + "g", [q("c", "3")])
    assert triples(s) == [(EX + "c", "3")]


def test_replace_graph_is_atomic_when_the_generator_fails():
    s = OxigraphStore()
    s.replace_graph(EX + "g", [q("a", "old")])

    def failing():
        yield q("b", "new")
        raise RuntimeError("parse failed halfway")

    with pytest.raises(RuntimeError):
        s.replace_graph(EX + "g", failing())
    assert triples(s) == [(EX + "a", "old")]


def test_one_update_is_all_or_nothing():
    s = OxigraphStore()
    s.replace_graph(EX + "g", [q("a", "old")])
    with pytest.raises(Exception):
        s._write(f"DROP GRAPH <{EX}g> ; INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}b> <{EX}p> 1 }} }} ;"
                 f" CREATE GRAPH <{EX}g>")
    assert triples(s) == [(EX + "a", "old")]


def test_replace_drops_other_graphs_in_the_same_operation():
    s = OxigraphStore()
    s.replace_graph(EX + "old", [q("a", "1", "old")])
    s.replace_graph(EX + "new", [q("a", "1", "new")], drop=[EX + "old"])
    assert s.named_graphs() == [EX + "new"]


def test_query_returns_plain_python_usable_from_another_thread():
    s = OxigraphStore()
    s.replace_graph(EX + "g", [q("a", "中文")])
    res = s.query("SELECT ?s ?o ?none WHERE { ?s ?p ?o OPTIONAL { ?s <urn:x> ?none } }")
    assert isinstance(res, Result) and res.vars == ["s", "o", "none"]
    seen = []
    t = threading.Thread(target=lambda: seen.extend(res.rows))
    t.start()
    t.join()
    assert seen == [(EX + "a", "中文", None)]


def test_substitutions_bind_terms():
    s = OxigraphStore()
    s.replace_graph(EX + "g", [q("a", "1"), q("b", "2")])
    res = s.query("SELECT ?s ?o WHERE { ?s ?p ?o }", {"o": "2"})
    assert res.rows == [(EX + "b", "2")]


def test_read_only_store(tmp_path):
    path = tmp_path / "store"
    with pytest.raises(StoreMissing, match="run policykg build"):
        open_store(path, read_only=True)
    w = open_store(path)
    w.replace_graph(EX + "g", [q("a", "1")])
    w.flush()
    del w
    r = open_store(path, read_only=True)
    assert triples(r) == [(EX + "a", "1")]
    with pytest.raises(StoreError):
        r.replace_graph(EX + "g", [])


def test_built_graphs(built, parsed):
    graphs = built.named_graphs()
    assert GRAPH.ontology.value in graphs and GRAPH.links.value in graphs
    assert {doc_iri(d).value for d in parsed.values()} <= set(graphs)
    complete = built.query("SELECT ?a WHERE { ?a pkg:loadComplete true }")
    assert len(complete) == len(parsed)


def test_every_annotation_selects_its_quote_in_the_built_store(built):
    res = built.query("""
      SELECT ?anno ?text ?exact ?start ?end WHERE {
        ?anno a oa:Annotation ; oa:hasTarget ?t .
        ?t oa:hasSource ?src ; oa:hasSelector ?q , ?pos .
        ?src rdf:value ?text .
        ?q oa:exact ?exact .
        ?pos oa:start ?start ; oa:end ?end .
      }""")
    assert len(res) > 100
    for anno, text, exact, start, end in res.rows:
        assert text[int(start):int(end)] == exact, anno


def test_built_store_conforms_to_the_shapes(built):
    report = validate(built)
    assert report.conforms, "\n".join(map(str, report.violations[:30]))


def test_links_never_point_a_document_at_itself(built):
    res = built.query("SELECT ?d WHERE { ?d eli:based_on|eli:cites ?d }")
    assert res.rows == []


def test_stub_resolves_to_the_real_document_once_it_is_loaded(built, parsed):
    # a stand-in document titled like one of the stubs: the stub must give way to it
    stubs = built.query("SELECT ?s ?title WHERE { ?s pkg:stub true ; eli:title ?title } ORDER BY ?s")
    stub, title = stubs.rows[0]
    base = next(iter(parsed.values()))
    s = OxigraphStore()
    for doc in parsed.values():
        load_document(s, doc)
    other = replace(base, meta=replace(base.meta, title=title, issuer=("某市场监督管理局",)),
                    source=replace(base.source, text_sha256="f" * 64))
    load_document(s, other)
    link(s)
    got = s.query("SELECT ?s WHERE { ?s pkg:stub true }").column("s")
    assert stub not in got
    assert s.query("SELECT ?d ?t WHERE { ?d eli:based_on|eli:cites ?t }", {"t": doc_iri(other)}).rows


def test_reloading_a_source_drops_its_graph_under_an_older_iri(parsed):
    doc = next(iter(parsed.values()))
    s = OxigraphStore()
    load_document(s, doc)
    renamed = replace(doc, meta=replace(doc.meta, title=(doc.meta.title or "") + "（修订）"))
    load_document(s, renamed)
    assert s.named_graphs() == [doc_iri(renamed).value]


def test_build_twice_gives_the_same_store(seeds):
    a, b = OxigraphStore(), OxigraphStore()
    build(seeds, a)
    build(seeds, b)
    build(seeds, b)
    assert set(a.quads()) == set(b.quads())
