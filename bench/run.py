"""`python -m bench run --docs N`: the build and query benchmark.

Steps (each heavy step in its own subprocess, so its peak memory is its own):

1. generate N documents (``bench.generate``, deterministic for a seed);
2. **parse-only**: the build's worker pipeline (read, parse, map, serialise) writing one
   N-Quads file, nothing stored: the floor of the parsing work;
3. **bare bulk load** of that file into a fresh on-disk pyoxigraph store: the floor of
   the storing work.  Both floors run first and their store is deleted before the build
   (at 10,000 documents each store is 15-20 GB of disk); the N-Quads file is kept only
   for the rdflib baseline;
4. **build**: ``graph.build.build`` into a fresh on-disk store with ``--jobs`` workers,
   then ``graph.build.finish_build`` (link + stats, the per-document link work in
   ``--jobs`` processes too) in a second process with a time limit (``--link-timeout``;
   when it is hit the build time is a lower bound and the queries run on a store without
   links); timings split into parse, rdf (mapping + N-Quads serialisation, both summed
   over the workers), store (parent, bulk loading), link and stats, plus the wall clock;
   peak RSS (``ru_maxrss``) of the build process and of its largest worker;
   ``limit_ratio = build wall / (parse-only wall + bulk-load wall)``; the load average
   is recorded after each step (``loadavg``: the machine may be shared);
5. **queries** on the built store: every ``queries/*.rq`` unparameterised ("full") and
   with representative parameters (one document with ancestors, its parent, the
   busiest unit, one canonical indicator), and the app's page data
   (``app/pagedata.py`` functions and the precomputed ``graph.stats`` readers);
   median and p95 over ``--repeat`` runs;
6. **rdflib baseline** (``bench/baseline_rdflib.py``) over the same N-Quads: load into
   an in-memory ``rdflib.Dataset``, linking through the same ``graph.link`` code (same
   ``--jobs``) on an rdflib-backed store, the same queries with the same parameters; ratios =
   rdflib time / PolicyKG time (queries: geometric mean over the representative runs).

The last line printed is the summary line (see ``summary_line``).
"""
from __future__ import annotations

import json
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PY = sys.executable


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    if not xs:
        return float("nan")
    k = (len(xs) - 1) * p
    f = int(k)
    c = min(f + 1, len(xs) - 1)
    return xs[f] + (xs[c] - xs[f]) * (k - f)


def timed(fn, repeat: int) -> dict:
    xs = []
    out = None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        xs.append(time.perf_counter() - t)
    n = len(out) if hasattr(out, "__len__") else None
    return {"median_ms": round(statistics.median(xs) * 1e3, 3), "p95_ms": round(pct(xs, 0.95) * 1e3, 3),
            "runs": len(xs), "rows": n}


def dir_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file()) / 2**20, 1)


def peak_mb(who=resource.RUSAGE_SELF) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


# --- subprocess steps --------------------------------------------------------------------

def step_build(corpus: str, store_dir: str, jobs: int) -> dict:
    """Documents and ontology (the link step is timed apart: ``step_link``)."""
    from graph.build import build
    from graph.store import OxigraphStore
    shutil.rmtree(store_dir, ignore_errors=True)
    store = OxigraphStore(store_dir)
    t = time.perf_counter()
    report = build([corpus], store, jobs=jobs, with_links=False)
    wall = time.perf_counter() - t
    return {"wall_s": round(wall, 3), "timings_s": {k: round(v, 3) for k, v in report.timings.items()},
            "docs": len(report.loaded), "rejected": len(report.rejected), "chars": report.chars,
            "triples": sum(d.triples for d in report.loaded),
            "links": report.links.__dict__ if report.links else None,
            "stats": report.stats.__dict__ if report.stats else None,
            "peak_rss_mb": peak_mb(), "worker_peak_rss_mb": peak_mb(resource.RUSAGE_CHILDREN)}


def step_link(store_dir: str, jobs: int = 1) -> dict:
    from graph.build import finish_build
    from graph.store import OxigraphStore
    store = OxigraphStore(store_dir)
    t = time.perf_counter()
    report = finish_build(store, jobs=jobs)
    wall = time.perf_counter() - t
    return {"wall_s": round(wall, 3), "timings_s": {k: round(v, 3) for k, v in report.timings.items()},
            "links": report.links.__dict__ if report.links else None,
            "stats": report.stats.__dict__ if report.stats else None, "peak_rss_mb": peak_mb(),
            "worker_peak_rss_mb": peak_mb(resource.RUSAGE_CHILDREN)}


def step_parse(corpus: str, out_file: str, jobs: int) -> dict:
    from graph.build import expand, parsed_stream
    t = time.perf_counter()
    n = chars = parse_s = rdf_s = 0
    with open(out_file, "wb") as f:
        for p in parsed_stream(expand([corpus]), jobs):
            if p.error is None:
                f.write(p.nquads)
                n += 1
                chars += p.chars
            parse_s += p.parse_s
            rdf_s += p.rdf_s
    wall = time.perf_counter() - t
    return {"wall_s": round(wall, 3), "docs": n, "chars": chars, "parse_cpu_s": round(parse_s, 3),
            "rdf_cpu_s": round(rdf_s, 3), "nquads_mb": round(os.path.getsize(out_file) / 2**20, 1),
            "peak_rss_mb": peak_mb()}


def step_bulk(nq_file: str, store_dir: str) -> dict:
    import pyoxigraph as ox
    shutil.rmtree(store_dir, ignore_errors=True)
    t = time.perf_counter()
    s = ox.Store(store_dir)
    s.bulk_load(path=nq_file, format=ox.RdfFormat.N_QUADS)
    s.flush()
    wall = time.perf_counter() - t
    return {"wall_s": round(wall, 3), "quads": len(s), "peak_rss_mb": peak_mb()}


def _subprocess(step: str, *args, timeout: float | None = None, limit: bool = False) -> dict:
    cmd = [PY, "-m", "bench.run", step, *map(str, args)]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                       preexec_fn=_limit_memory if limit else None)
    lines = [x for x in p.stdout.splitlines() if x.startswith("{")]
    if p.returncode != 0 or not lines:
        raise RuntimeError(f"{step} failed ({p.returncode}): {p.stderr[-3000:]}")
    return json.loads(lines[-1])


# --- queries -----------------------------------------------------------------------------

def probes(store) -> dict:
    """Representative parameter values: a loaded document with a parent and a grandparent
    (lineage), its direct parent, the busiest unit, one canonical indicator."""
    from graph import stats
    out: dict = {}
    r = store.query("""
        SELECT ?d ?p WHERE { ?d pkg:sourceText ?s ; eli:based_on ?p . ?p pkg:sourceText ?ps ;
                              eli:based_on ?gp . } ORDER BY DESC(?d) LIMIT 1""").rows
    if r:
        out["doc"], out["parent_doc"] = r[0]
    else:                      # no links (link step not run or timed out): any loaded document
        r = store.query("SELECT ?d WHERE { ?d pkg:sourceText ?s } ORDER BY DESC(?d) LIMIT 1").rows
        if r:
            out["doc"] = r[0][0]
    if "doc" in out:
        out["child_doc"] = out["doc"]
    w = stats.unit_workload(store) or []
    if w:
        out["unit"] = w[0]["unit"]
    else:
        u = store.query("SELECT ?u WHERE { ?r pkg:unit ?u } ORDER BY ?u LIMIT 1").rows
        if u:
            out["unit"] = u[0][0]
    c = store.query("SELECT ?c WHERE { ?i skos:exactMatch ?c } ORDER BY ?c LIMIT 1").rows
    if c:
        out["canonical"] = c[0][0]
    return out


def query_plan(probe: dict) -> list[tuple[str, str, dict]]:
    """(label, query name, params): every canned query full, and parameterised where it
    takes parameters we have probes for (IRIs only; string filters left free)."""
    from graph import queries as Q
    plan = []
    for q in Q.list_queries():
        plan.append((f"{q.name}:full", q.name, {}))
        params = {p.name: probe[p.name] for p in q.params if p.type == "iri" and p.name in probe}
        if params:
            plan.append((f"{q.name}:param", q.name, params))
    return plan


def representative(labels: list[str]) -> list[str]:
    """Per query: the parameterised run if there is one, else the full run."""
    names = {x.split(":")[0] for x in labels}
    return [f"{n}:param" if f"{n}:param" in labels else f"{n}:full" for n in sorted(names)]


def _pages(store, doc: str | None) -> dict:
    """The page data each app page reads on its first view (``app/data.py`` → ``app.pagedata``),
    with the arguments the page passes; ``*(live)`` are the fallbacks for a store without
    the stats graph, for comparison."""
    from app import pagedata
    from graph import stats

    def targets_first_choice():
        index = pagedata.indicator_index(store)
        if not index:
            return []
        entry = index[0]                       # the page opens on the most widespread one
        return (pagedata.indicator_observations(store, entry["indicators"])
                + pagedata.cascade_rows(store, entry["canonical"]))

    def units_drawn():
        top = pagedata.unit_workload(store, top=pagedata.TABLE_UNITS)
        return pagedata.unit_pairs(store, pagedata.busiest_units(top))

    pages = {
        "overview.documents": lambda: pagedata.documents(store),
        "overview.counts": lambda: pagedata.counts(store, []),
        "overview.counts(live)": lambda: pagedata.counts(store, pagedata.documents(store))
        if stats.counts(store) is None else _live_counts(store),
        "overview.lineage_edges": lambda: pagedata.lineage_edges(store),
        "targets.indicator_index": lambda: pagedata.indicator_index(store),
        "targets.first_choice": targets_first_choice,
        "units.unit_issuers": lambda: pagedata.unit_issuers(store),
        "units.unit_workload(busiest)": lambda: pagedata.unit_workload(store, top=pagedata.TABLE_UNITS),
        "units.unit_workload(all rows)": lambda: pagedata.unit_workload(store),
        "units.unit_pairs(drawn)": units_drawn,
    }
    if doc:
        pages["document.document_detail"] = lambda: pagedata.document_detail(store, doc)
        pages["lineage.stored_alignment"] = lambda: pagedata.stored_alignment(store, doc)
    return pages


def _live_counts(store) -> dict:
    """The overview counts aggregated live (what the stats graph saves the page)."""
    from app import pagedata
    from app.page_queries import COUNTS
    return {**store.query(COUNTS).dicts()[0], "documents": len(pagedata.documents(store))}


def step_probe(store_dir: str) -> dict:
    from graph.store import OxigraphStore
    probe = probes(OxigraphStore(store_dir, read_only=True))
    return {"probe": probe, "plan": [x[0] for x in query_plan(probe)],
            "pages": list(_pages(None, probe.get("doc")))}


def step_one(store_dir: str, kind: str, label: str, probe_json: str, repeat: int) -> dict:
    """Time one canned query (``kind=query``) or one page-data function (``kind=page``)."""
    from graph import queries as Q
    from graph.store import OxigraphStore
    store = OxigraphStore(store_dir, read_only=True)
    probe = json.loads(probe_json)
    if kind == "query":
        name, params = next((n, p) for lab, n, p in query_plan(probe) if lab == label)
        q = Q.load_query(name)
        res = timed(lambda: Q.run(store, q, params), repeat if params else 1)
    else:
        res = timed(_pages(store, probe.get("doc"))[label], max(1, min(repeat, 3)))
    res["peak_rss_mb"] = peak_mb()
    return res


#: each timed query runs in its own process under this address-space limit and time
#: limit: an unbounded query is reported as failed instead of taking the machine down
QUERY_MEMORY_LIMIT = 6 * 2**30
QUERY_TIME_LIMIT = 300


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (QUERY_MEMORY_LIMIT, QUERY_MEMORY_LIMIT))


def step_queries(store_dir: str, repeat: int, log=print, timeout: float = QUERY_TIME_LIMIT) -> dict:
    info = _subprocess("_probe", store_dir)
    probe = info["probe"]
    res: dict = {"probe": probe, "queries": {}, "pagedata": {}}
    for kind, labels, key in (("query", info["plan"], "queries"), ("page", info["pages"], "pagedata")):
        for label in labels:
            try:
                res[key][label] = _subprocess("_one", store_dir, kind, label,
                                              json.dumps(probe, ensure_ascii=False), repeat,
                                              timeout=timeout, limit=True)
            except subprocess.TimeoutExpired:
                res[key][label] = {"error": f"over {timeout:g}s"}
            except RuntimeError as e:
                res[key][label] = {"error": f"failed (memory limit {QUERY_MEMORY_LIMIT >> 30} GB?): "
                                            + str(e)[-300:]}
            log(f"  {label}: {json.dumps(res[key][label])}")
    return res


# --- the whole run -------------------------------------------------------------------------

def _fmt(x) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "na"
    return f"{x:.4g}" if isinstance(x, float) else str(x)


#: page-data timings kept for comparison, not read by any page on its first view
REFERENCE_ONLY = ("(live)", "(all rows)")


def summarise(result: dict) -> dict:
    """The summary figures from the step results (``build``, ``link``, ``parse_only``,
    ``bulk_load``, ``queries``, optional ``rdflib``)."""
    b, p, bl, qr = result["build"], result["parse_only"], result["bulk_load"], result["queries"]
    reps = representative(list(qr["queries"]))
    s = result["summary"] = {
        "docs": b["docs"], "quads_per_doc": round(b["triples"] / max(1, b["docs"])),
        "build_s": b["wall_s"], "documents_s": b["documents_s"], "link_s": b["link_s"],
        "link_timed_out": b["link_timed_out"], "peak_rss_mb": b["peak_rss_mb"],
        "worker_peak_rss_mb": b["worker_peak_rss_mb"],
        "link_peak_rss_mb": result["link"].get("peak_rss_mb"),
        "link_worker_peak_rss_mb": result["link"].get("worker_peak_rss_mb"),
        "links_triples": (result["link"].get("links") or {}).get("triples"),
        "parse_chars_per_s": round(p["chars"] / p["parse_cpu_s"]) if p["parse_cpu_s"] else None,
        "lineage_p95_ms": (qr["queries"].get("lineage:param") or {}).get("p95_ms"),
        "slowest_query_ms": max((v["p95_ms"] for k, v in qr["queries"].items()
                                 if k.endswith(":param") and "p95_ms" in v), default=None),
        "slowest_full_query_ms": max((v["p95_ms"] for v in qr["queries"].values() if "p95_ms" in v),
                                     default=None),
        "failed_queries": sorted(k for k, v in qr["queries"].items() if "error" in v),
        "slowest_page": max(((v["p95_ms"], k) for k, v in qr["pagedata"].items()
                             if "p95_ms" in v and not any(x in k for x in REFERENCE_ONLY)),
                            default=None),
        "limit_ratio": round(b["wall_s"] / (p["wall_s"] + bl["wall_s"]), 2),
        "store_mb": b["store_mb"],
    }
    rd = result.get("rdflib") or {}
    if rd.get("load_s"):      # documents only: same parse + rdflib load vs our documents phase
        s["rdflib_documents_ratio"] = round((p["wall_s"] + rd["load_s"]) / b["documents_s"], 2)
    if rd.get("build_s"):
        s["rdflib_build_ratio"] = round(rd["build_s"] / b["wall_s"], 2)
        if rd.get("build_incomplete"):
            s["rdflib_build_ratio_is_lower_bound"] = True
    ratios = []
    for k in reps:
        ours, theirs = qr["queries"].get(k), (rd.get("queries") or {}).get(k)
        if ours and theirs and theirs.get("median_ms") and ours.get("median_ms"):
            ratios.append(theirs["median_ms"] / ours["median_ms"])
    if ratios:
        s["rdflib_query_ratio"] = round(math.exp(sum(map(math.log, ratios)) / len(ratios)), 2)
        s["rdflib_queries_compared"] = len(ratios)
    return s


def summary_line(r: dict) -> str:
    return ("summary: " + " ".join(f"{k}={_fmt(r['summary'].get(k))}" for k in (
        "docs", "quads_per_doc", "build_s", "peak_rss_mb", "lineage_p95_ms", "slowest_query_ms",
        "rdflib_build_ratio", "rdflib_query_ratio", "limit_ratio")))


def run(docs: int, out: str | None = None, repeat: int = 5, jobs: int | None = None,
        seed: int = 0, workdir: str | None = None, rdflib: bool = True,
        rdflib_timeout: float = 3600, link_timeout: float = 3600, keep: bool = False,
        query_timeout: float = QUERY_TIME_LIMIT, log=print) -> dict:
    from .generate import generate
    jobs = jobs or os.cpu_count() or 1
    work = Path(workdir or tempfile.mkdtemp(prefix="policykg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus, store, bulk_store, nq = work / "corpus", work / "store", work / "bulk", work / "corpus.nq"
    shutil.rmtree(corpus, ignore_errors=True)
    result: dict = {"docs": docs, "jobs": jobs, "repeat": repeat, "seed": seed,
                    "machine": machine(), "started": time.strftime("%Y-%m-%d %H:%M:%S")}
    t = time.perf_counter()
    result["generate"] = generate(docs, corpus, seed=seed)
    log(f"generated {docs} documents in {time.perf_counter() - t:.1f}s")
    load = result["loadavg"] = {"start": os.getloadavg()}
    # the floors first (parse-only to an N-Quads file, bare bulk load of it), so that their
    # stores are gone before the build: at 10,000 documents each is ~15-20 GB of disk
    result["parse_only"] = p = _subprocess("_parse", corpus, nq, jobs)
    log(f"parse-only: {json.dumps(p)}")
    result["bulk_load"] = bl = _subprocess("_bulk", nq, bulk_store)
    shutil.rmtree(bulk_store, ignore_errors=True)
    log(f"bare bulk load: {json.dumps(bl)}")
    if not rdflib:
        nq.unlink(missing_ok=True)
    load["floors_done"] = os.getloadavg()
    result["build"] = b = _subprocess("_build", corpus, store, jobs)
    log(f"build (documents): {json.dumps(b, ensure_ascii=False)}")
    load["documents_done"] = os.getloadavg()
    try:
        result["link"] = lk = _subprocess("_link", store, jobs, timeout=link_timeout)
    except subprocess.TimeoutExpired:
        result["link"] = lk = {"wall_s": link_timeout, "timed_out": True}
    log(f"link: {json.dumps(lk, ensure_ascii=False)}")
    load["link_done"] = os.getloadavg()
    b["documents_s"] = b["wall_s"]
    b["link_s"] = lk["wall_s"]
    b["link_timed_out"] = bool(lk.get("timed_out"))
    b["wall_s"] = round(b["documents_s"] + lk["wall_s"], 3)
    # the largest process of the build: parent, parse workers, link, link workers (a forked
    # worker's RSS counts the pages it shares with its parent: the max, not a sum)
    b["peak_rss_mb"] = max(b["peak_rss_mb"], b.get("worker_peak_rss_mb", 0),
                           lk.get("peak_rss_mb", 0), lk.get("worker_peak_rss_mb", 0))
    b["store_mb"] = dir_mb(store)
    result["queries"] = qr = step_queries(str(store), repeat, log=log, timeout=query_timeout)
    log(f"queries: {json.dumps(qr, ensure_ascii=False)}")
    load["queries_done"] = os.getloadavg()
    if rdflib:
        from . import baseline_rdflib
        try:
            result["rdflib"] = baseline_rdflib.run_subprocess(nq, qr["probe"], p["wall_s"],
                                                              timeout=rdflib_timeout, jobs=jobs)
        except Exception as e:
            result["rdflib"] = {"error": str(e)[-2000:]}
        log(f"rdflib: {json.dumps(result['rdflib'], ensure_ascii=False)}")
    summarise(result)
    if out:
        Path(out).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    if not keep:
        shutil.rmtree(work, ignore_errors=True)
    return result


def machine() -> dict:
    import platform
    model = ""
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        model = next((ln.split(":", 1)[1].strip() for ln in out.splitlines()
                      if ln.startswith("Model name")), "")
    except OSError:
        pass
    mem = ""
    try:
        mem = next(ln.split()[1] for ln in open("/proc/meminfo") if ln.startswith("MemTotal"))
        mem = f"{int(mem) / 2**20:.0f} GB"
    except (OSError, StopIteration):
        pass
    return {"nproc": os.cpu_count(), "cpu": model, "memory": mem, "python": platform.python_version(),
            "platform": platform.platform(), "loadavg_at_start": os.getloadavg()}


def main(argv: list[str]) -> int:
    """Entry for the subprocess steps: ``python -m bench.run _build|_parse|_bulk|_queries …``."""
    step, args = argv[0], argv[1:]
    if step == "_link":
        out = step_link(args[0], int(args[1]) if len(args) > 1 else 1)
    elif step == "_build":
        out = step_build(args[0], args[1], int(args[2]))
    elif step == "_parse":
        out = step_parse(args[0], args[1], int(args[2]))
    elif step == "_bulk":
        out = step_bulk(args[0], args[1])
    elif step == "_probe":
        out = step_probe(args[0])
    elif step == "_one":
        out = step_one(args[0], args[1], args[2], args[3], int(args[4]))
    else:
        raise SystemExit(f"unknown step {step}")
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
