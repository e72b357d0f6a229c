"""queries/*.rq: every query documented, parsed by the one loader, and running on the seeds."""
from __future__ import annotations

import pytest

from graph import queries as Q
from loaders.to_rdf import doc_iri

ALL = Q.list_queries()
COLUMNS = {
    "documents": ["doc", "title", "level", "region_code", "issuer", "date", "period", "stub",
                  "sections"],
    "citations": ["doc", "kind", "cited_title", "resolved"],
    "measures": ["doc", "path", "heading", "lead_unit", "other_units"],
    "units": ["unit", "issuer", "measures_led", "measures_supported"],
    "indicators": ["doc", "indicator", "unit", "baseline", "baseline_year", "target", "year",
                   "comparator", "attribute", "cumulative"],
}


def test_the_expected_queries_exist():
    assert set(COLUMNS) <= {q.name for q in ALL}


@pytest.mark.parametrize("query", ALL, ids=[q.name for q in ALL])
def test_query_is_documented_and_runs(query, built):
    assert query.title and query.title != query.name, f"{query.name}: no #+ title"
    assert len(query.description) > 20, f"{query.name}: no #+ description"
    for p in query.params:
        assert p.type in Q.PARAM_TYPES and p.description
    res = Q.run(built, query)
    for col in COLUMNS.get(query.name, []):
        assert col in res.vars, (query.name, col)
    for p in query.params:       # a parameter must be projected to be bindable
        assert p.name in res.vars, (query.name, p.name)


def test_documents_lists_the_seeds_and_stubs(built, parsed):
    rows = Q.run(built, "documents").dicts()
    real = [r for r in rows if r["stub"] == "false"]
    assert {r["doc"] for r in real} == {doc_iri(d).value for d in parsed.values()}
    assert all(int(r["sections"]) > 0 for r in real)
    stubs = [r for r in rows if r["stub"] == "true"]
    assert all(r["title"] for r in stubs)
    assert len({r["doc"] for r in rows}) == len(rows), "one row per document"


def test_parameters_are_bound_as_terms(built, parsed):
    doc = doc_iri(next(iter(parsed.values()))).value
    rows = Q.run(built, "documents", {"doc": doc}).rows
    assert [r[0] for r in rows] == [doc]
    # a value that would break a query pasted as text is just a value here
    assert Q.run(built, "citations", {"kind": 'basis" } UNION { ?x ?y ?z'}).rows == []


def test_unknown_parameter_and_bad_values():
    with pytest.raises(Q.QueryError):
        Q.bind(Q.load_query("documents"), {"nope": "1"})
    with pytest.raises(Q.QueryError):
        Q.to_term("abc", "integer")
    with pytest.raises(Q.QueryError, match="no query named"):
        Q.load_query("no_such_query")


def test_header_parsing():
    q = Q.parse_query("#+ title: T\n#+ description: D d d\n#+ params:\n#+   - doc: iri — one doc\n"
                      "#+   - n: integer\nSELECT * WHERE {}\n", "x")
    assert (q.title, q.description) == ("T", "D d d")
    assert [(p.name, p.type, p.description) for p in q.params] == [("doc", "iri", "one doc"),
                                                                    ("n", "integer", "")]
