"""Time the app's page data on a store (the figures of docs/app_timings.md).

    python -m app.timings --store /tmp/s1000 [--repeat 2] [--old FILE.py]

Opens the published generation read-only (``graph.publish.open_for_read``) and times,
per page, the ``app.pagedata`` functions the page calls on its first view (what
``app/data.py`` then caches for the generation).  Each figure is the first (cold) call
and the best of ``--repeat`` further calls.  ``--old`` times the same questions through
another pagedata module (e.g. ``git show REV:app/pagedata.py > old.py``) for a
before/after table.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time


def _timed(fn, repeat: int) -> tuple[float, float, object]:
    t = time.perf_counter()
    out = fn()
    cold = time.perf_counter() - t
    warm = cold
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        warm = min(warm, time.perf_counter() - t)
    return cold, warm, out


def current(store, repeat: int, verbose: bool = False) -> list[tuple[str, float, float]]:
    from app import lineage_view, pagedata as P
    from app.graph_html import level_layout, render
    rows = []

    def run(name, fn):
        cold, warm, out = _timed(fn, repeat)
        rows.append((name, cold, warm))
        if verbose:
            print(f"{name}: {cold:.3f} s / {warm:.3f} s", file=sys.stderr, flush=True)
        return out

    docs = run("overview · documents", lambda: P.documents(store))
    run("overview · counts (stats graph)", lambda: P.counts(store, docs))
    run("overview · located", lambda: P.located(docs))
    edges = run("overview · lineage_edges", lambda: P.lineage_edges(store))

    def graph():
        nodes, es, _ = lineage_view.lineage_nodes(docs, edges, {"national", "province", "city",
                                                                "district", "unknown"},
                                                  None, True, None, 300)
        return render(nodes, es, level_layout(nodes, es), height=560)
    run("overview · lineage graph (300 nodes, HTML)", graph)
    run("overview · documents_page", lambda: P.documents_page(docs, 3, 50, ""))
    loaded = [d for d in docs if not d["stub"]]
    child = next((c for c, p, k, _ in edges if any(d["doc"] == c for d in loaded)), loaded[0]["doc"])
    anc, _ = lineage_view.neighbourhood(edges, child)
    ancestors = tuple(a["doc"] for a in anc if any(d["doc"] == a["doc"] for d in loaded))
    run("lineage · stored_alignment", lambda: P.stored_alignment(store, child))
    run("lineage · measure_infos (doc + loaded ancestors)",
        lambda: P.measure_infos(store, [child, *ancestors]))
    run("document · document_detail", lambda: P.document_detail(store, child))
    index = run("targets · indicator_index", lambda: P.indicator_index(store))
    if index:
        e = index[0]
        obs = run(f"targets · indicator_observations ({e['docs']} documents)",
                  lambda: P.indicator_observations(store, e["indicators"]))
        casc = run("targets · cascade_rows (one indicator)",
                   lambda: P.cascade_rows(store, e["canonical"]))
        by = {d["doc"]: d for d in docs}
        run("targets · target_table", lambda: P.target_table(obs, by, casc))
    run("units · unit_issuers", lambda: P.unit_issuers(store))
    work = run(f"units · unit_workload (the {P.TABLE_UNITS} busiest)",
               lambda: P.unit_workload(store, top=P.TABLE_UNITS))
    top = P.busiest_units(work)
    run(f"units · unit_pairs ({len(top)} units)", lambda: P.unit_pairs(store, top))
    return rows


def old(store, path: str) -> list[tuple[str, float, float]]:
    spec = importlib.util.spec_from_file_location("old_pagedata", path)
    P = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(P)
    rows = []
    for name, fn in (("overview · documents", lambda: P.documents(store)),
                     ("overview · counts (live)", lambda: P.counts(store, P.documents(store))),
                     ("units · unit_workload (live)", lambda: P.unit_workload(store)),
                     ("units · unit_pairs (all units)", lambda: P.unit_pairs(store)),
                     ("targets · all_observations", lambda: P.all_observations(store))):
        cold, warm, _ = _timed(fn, 0)
        rows.append((name, cold, warm))
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m app.timings")
    ap.add_argument("--store", required=True)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--old", help="a pagedata module to time the same questions with")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    from graph.publish import open_for_read
    store = open_for_read(a.store)
    rows = old(store, a.old) if a.old else current(store, a.repeat, verbose=True)
    if a.json:
        print(json.dumps([{"what": n, "cold_s": round(c, 3), "warm_s": round(w, 3)}
                          for n, c, w in rows], ensure_ascii=False))
    else:
        print("| page data | first call s | repeated s |\n|---|---|---|")
        for n, c, w in rows:
            print(f"| {n} | {c:.3f} | {w:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
