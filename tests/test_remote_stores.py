"""The same build and canned queries against real SPARQL servers (Oxigraph server, Virtuoso 7).

Each server is started on a free 127.0.0.1 port for this module and stopped afterwards
(tests/servers.py).  The seed corpus is built into it through ``graph.build.build`` (the
same call as for the embedded store), every queries/*.rq runs unparameterised and with
representative parameters, and the rows must equal the embedded store's, up to what the
protocol cannot carry: number lexical forms (Virtuoso writes 1.0 as 1) and the order of
GROUP_CONCAT parts (engine-dependent; Virtuoso 7.2.5 also turns a non-ASCII separator
such as 、 into "?").  Virtuoso missing: skipped here, a failure in CI.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

import pytest

from conftest import require_program
from graph import queries as Q
from graph.build import build
from graph.remote import RemoteStore, bind_values, resolve_endpoints
from graph.store import OxigraphStore, StoreError, open_store
from loaders.vocab import GRAPH

from servers import oxigraph_server, virtuoso_server

ALL = Q.list_queries()


@pytest.fixture(scope="module")
def embedded():
    store = OxigraphStore()
    build(None, store)
    return store


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def remote(request, tmp_path_factory):
    mp = pytest.MonkeyPatch()
    workdir = tmp_path_factory.mktemp(request.param)
    if request.param == "oxigraph":
        cm = oxigraph_server(workdir)
    else:
        require_program("virtuoso-t", "Virtuoso 7 for the remote-store tests")
        require_program("isql-vt", "stops the Virtuoso test server")
        mp.setenv("POLICYKG_SPARQL_USER", "dba")          # the fresh test database's default
        mp.setenv("POLICYKG_SPARQL_PASSWORD", "dba")
        mp.setenv("POLICYKG_SPARQL_AUTH", "digest")
        cm = virtuoso_server(workdir)
    with cm as srv:
        store = open_store(srv.location)
        report = build(None, store)
        assert report.ok and len(report.loaded) == 5
        yield request.param, store
    mp.undo()


_SEP = re.compile(r"、|\?|; ")


def _cell(v):
    if v is None:
        return None
    if v in ("true", "false"):       # Virtuoso keeps computed booleans as 1/0
        return str(v == "true")
    if v in ("1", "0"):
        return str(v == "1")
    try:
        return str(Decimal(v).normalize())
    except (InvalidOperation, ValueError):
        pass
    if _SEP.search(v):
        return tuple(sorted(_SEP.split(v)))
    return v


def _rows(result):
    return sorted((tuple(_cell(v) for v in r) for r in result.rows), key=repr)


def _probe_params(embedded) -> dict:
    """One representative value per parameter name, taken from the embedded store."""
    docs = Q.run(embedded, "documents").dicts()
    child = next(d["doc"] for d in docs if d.get("level") == "district")
    lineage = Q.run(embedded, "lineage", {"doc": child}).dicts()
    parent = next((r["ancestor"] for r in lineage), child)
    out = {"doc": child, "child_doc": child, "parent_doc": parent, "kind": "basis",
           "label": "kept"}
    units = Q.run(embedded, "units").dicts()
    if units:
        out["unit"] = units[0]["unit"]
    cascade = Q.run(embedded, "cascade").dicts() if any(q.name == "cascade" for q in ALL) else []
    if cascade:
        out["canonical"] = cascade[0]["canonical"]
    return out


def _xfail_virtuoso_transitive(flavor: str, e: Exception) -> None:
    if flavor == "virtuoso" and "SR128" in str(e):
        pytest.xfail("Virtuoso 7.2.5 fails on the lineage queries' transitive alternative path "
                     "with OPTIONAL/EXISTS around it (SR128 numeric value out of range)")
    raise e


@pytest.mark.parametrize("query", ALL, ids=[q.name for q in ALL])
def test_canned_query_gives_the_embedded_rows(query, remote, embedded):
    flavor, store = remote
    want = Q.run(embedded, query)
    try:
        got = Q.run(store, query)
    except (Q.QueryError, StoreError) as e:
        _xfail_virtuoso_transitive(flavor, e)
    assert got.vars == want.vars
    assert _rows(got) == _rows(want)


@pytest.mark.parametrize("query", [q for q in ALL if q.params], ids=[q.name for q in ALL if q.params])
def test_parameterised_query_gives_the_embedded_rows(query, remote, embedded):
    flavor, store = remote
    probe = _probe_params(embedded)
    params = {p.name: probe[p.name] for p in query.params if p.name in probe and p.type != "string"}
    want = Q.run(embedded, query, params)
    try:
        got = Q.run(store, query, params)
    except (Q.QueryError, StoreError) as e:
        _xfail_virtuoso_transitive(flavor, e)
    assert _rows(got) == _rows(want)


def test_only_our_graphs_are_listed(remote, embedded):
    _, store = remote
    assert store.named_graphs() == embedded.named_graphs()


def test_reload_replaces_a_document_graph_atomically(remote, embedded):
    import pyoxigraph as ox
    from graph.build import expand
    _, store = remote
    path = expand(None)[0]
    doc = next(g for g in embedded.named_graphs() if "/id/doc/" in g and embedded.quads(g)
               and any(q.predicate.value.endswith("fileName") and q.object.value == path.name
                       for q in embedded.quads(g)))
    marker = ox.Quad(ox.NamedNode("urn:leftover"), ox.NamedNode("urn:p"), ox.Literal("x"),
                     ox.NamedNode(doc))
    store.replace_graph(doc, [*store.quads(doc), marker])
    assert any(q.subject.value == "urn:leftover" for q in store.quads(doc))
    report = build([path], store)
    assert [d.iri for d in report.loaded] == [doc]
    after = store.quads(doc)
    assert not any(q.subject.value == "urn:leftover" for q in after)
    assert len(after) == len(embedded.quads(doc))
    assert len(store.quads(GRAPH.links)) > 0


def test_update_needs_credentials_on_virtuoso(remote, monkeypatch):
    flavor, store = remote
    if flavor != "virtuoso":
        pytest.skip("Oxigraph server has no authentication")
    anon = RemoteStore(store.endpoints, auth=None)
    with pytest.raises(StoreError):
        anon.replace_graph("https://w3id.org/policykg/test/anon", [])


def test_endpoint_layouts_and_hints():
    ep = resolve_endpoints("virtuoso+http://127.0.0.1:8890")
    assert (ep.query, ep.update, ep.gsp) == ("http://127.0.0.1:8890/sparql",
                                             "http://127.0.0.1:8890/sparql-auth",
                                             "http://127.0.0.1:8890/sparql-graph-crud-auth")
    ep = resolve_endpoints("oxigraph+http://h:7878")
    assert (ep.query, ep.update, ep.gsp) == ("http://h:7878/query", "http://h:7878/update",
                                             "http://h:7878/store")
    ep = resolve_endpoints("http://h/ds/sparql?update=/ds/update&gsp=http://g/data")
    assert (ep.flavor, ep.query, ep.update, ep.gsp) == ("generic", "http://h/ds/sparql",
                                                        "http://h/ds/update", "http://g/data")


def test_parameters_are_substituted_like_pyoxigraph():
    import pyoxigraph as ox
    q = ("#+ title: x ?doc {not here}\nPREFIX a: <http://x/#>\n"
         'SELECT DISTINCT ?doc ?n WHERE { ?doc a:p "{?doc" . '
         "{ SELECT ?doc (COUNT(?x) AS ?n) WHERE { ?doc a:q ?x } GROUP BY ?doc } "
         "OPTIONAL { ?y a:r ?doc } } ORDER BY ?doc DESC(?n)")
    out = bind_values(q, {"doc": ox.NamedNode("http://d/1")})
    assert "#+ title: x ?doc {not here}" in out and '"{?doc"' in out
    assert "SELECT DISTINCT (<http://d/1> AS ?doc) ?n WHERE { <http://d/1> a:p" in out
    assert "GROUP BY" not in out and "ORDER BY  DESC(?n)" in out
    s = ox.Store()
    s.add(ox.Quad(ox.NamedNode("http://d/1"), ox.NamedNode("http://x/#p"), ox.Literal("{?doc")))
    s.add(ox.Quad(ox.NamedNode("http://d/1"), ox.NamedNode("http://x/#q"), ox.Literal("v")))
    s.add(ox.Quad(ox.NamedNode("http://d/2"), ox.NamedNode("http://x/#p"), ox.Literal("{?doc")))
    want = [tuple(r) for r in s.query(q, substitutions={ox.Variable("doc"): ox.NamedNode("http://d/1")})]
    assert [tuple(r) for r in s.query(out)] == want
