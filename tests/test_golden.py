"""Golden files per seed: the parse (PolicyDoc.report()) and the document graph (sorted N-Quads).

    pytest tests/test_golden.py --update-golden     # rewrite tests/golden/* from the current code

then review the diff in the commit.  Graphs are compared by isomorphism (rdflib.compare) and a
failure lists the triples only in expected / only in actual.
"""
from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import graph_diff, to_isomorphic

from loaders.to_rdf import to_quads

from conftest import GOLDEN, seed_paths

SEEDS = seed_paths()
SHOW = 25


def nquads(doc) -> str:
    data = ox.serialize(to_quads(doc), format=ox.RdfFormat.N_QUADS).decode("utf-8")
    return "".join(line + "\n" for line in sorted(set(data.splitlines())) if line)


def as_graph(nq: str) -> rdflib.Graph:
    ds = rdflib.Dataset()
    ds.parse(data=nq, format="nquads")
    g = rdflib.Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def _short(t) -> str:
    s = " ".join(x.n3() for x in t)
    return s if len(s) < 240 else s[:240] + "…"


def _missing(path):
    pytest.fail(f"no golden file {path.name}; run: pytest tests/test_golden.py --update-golden")


@pytest.mark.parametrize("path", SEEDS, ids=[p.stem for p in SEEDS])
def test_parse_matches_golden(path, parsed, update_golden):
    golden = GOLDEN / f"{path.stem}.parsed.json"
    actual = parsed[path.name].report()
    if update_golden:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return
    if not golden.exists():
        _missing(golden)
    expected = json.loads(golden.read_text(encoding="utf-8"))
    actual = json.loads(json.dumps(actual, ensure_ascii=False))      # tuples -> lists
    diffs = [k for k in sorted(set(expected) | set(actual)) if expected.get(k) != actual.get(k)]
    lines = []
    for k in diffs:
        lines.append(f"{k}:\n  expected: {json.dumps(expected.get(k), ensure_ascii=False)[:400]}"
                     f"\n  actual:   {json.dumps(actual.get(k), ensure_ascii=False)[:400]}")
    assert not diffs, "report differs from golden in " + ", ".join(diffs) + "\n" + "\n".join(lines)


@pytest.mark.parametrize("path", SEEDS, ids=[p.stem for p in SEEDS])
def test_graph_matches_golden(path, parsed, update_golden):
    golden = GOLDEN / f"{path.stem}.nq"
    actual_nq = nquads(parsed[path.name])
    if update_golden:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(actual_nq, encoding="utf-8")
        return
    if not golden.exists():
        _missing(golden)
    expected = to_isomorphic(as_graph(golden.read_text(encoding="utf-8")))
    actual = to_isomorphic(as_graph(actual_nq))
    if expected == actual:
        return
    _, only_expected, only_actual = graph_diff(expected, actual)
    lines = [f"graph differs from {golden.name} "
             f"({len(only_expected)} only in expected, {len(only_actual)} only in actual)"]
    lines.append("only in expected:")
    lines += [f"  - {_short(t)}" for t in sorted(only_expected)[:SHOW]]
    lines.append("only in actual:")
    lines += [f"  + {_short(t)}" for t in sorted(only_actual)[:SHOW]]
    pytest.fail("\n".join(lines))
