"""The stats graph written at build time answers what the pages would otherwise aggregate live:
the same figures, read from a few triples (graph/stats.py)."""
from __future__ import annotations

import pytest

from graph import queries as Q
from graph import stats
from graph.build import build
from graph.store import OxigraphStore


@pytest.fixture(scope="module")
def store():
    s = OxigraphStore()
    build(None, s)                 # the bundled seeds, linked, with the stats graph
    return s


def test_counts_match_the_live_aggregates(store):
    c = stats.counts(store)
    docs = Q.run(store, "documents").dicts()
    loaded = [d for d in docs if d["stub"] == "false"]
    assert c["documents"] == len(loaded) == 5
    assert c["stubs"] == len(docs) - len(loaded)
    assert sum(c["by_level"].values()) == 5
    assert c["measures"] == len(Q.run(store, "measures"))


def test_unit_workload_is_the_units_query_busiest_first(store):
    stored = stats.unit_workload(store)
    live = Q.run(store, "units").dicts()
    assert sorted((r["unit"], r["measures_led"], r["measures_supported"]) for r in stored) == \
        sorted((r["unit"], int(r["measures_led"]), int(r["measures_supported"])) for r in live)
    assert stored == sorted(stored, key=stats.workload_order)
    # Kaifu's 综合行政执法支队 leads 2 and supports 20 measures (hand-checked)
    assert any(r["label"].endswith("综合行政执法支队") and
               (r["measures_led"], r["measures_supported"]) == (2, 20) for r in stored)


def test_unit_workload_top_and_issuer(store):
    everything = stats.unit_workload(store)
    assert stats.unit_workload(store, top=5) == everything[:5]
    issuers = stats.unit_issuers(store)
    assert sum(n for _i, n in issuers) == sum(1 for r in everything if r.get("issuer"))
    name, n = max(issuers, key=lambda x: x[1])
    mine = stats.unit_workload(store, issuer=name)
    assert len(mine) == n and mine == [r for r in everything if r.get("issuer") == name]


def test_indicator_index_is_the_live_index(store):
    stored = stats.indicator_index(store)
    live = stats.indicator_entries(store)
    assert stored and len(stored) == len(live)
    assert [(e["name"], e["docs"], e["canonical"]) for e in stored] == \
        [(e["name"], e["docs"], e["canonical"]) for e in live]
    for e, x in zip(stored, live):
        assert stats.entry_indicators(store, e["entry"]) == x["indicators"]
    # an indicator both Hunan's table and a lower plan state is one entry over documents
    assert stored[0]["docs"] >= 2 and stored[0]["canonical"]


def test_a_store_without_the_stats_graph_says_so():
    s = OxigraphStore()
    assert stats.counts(s) is None and stats.indicator_index(s) is None
