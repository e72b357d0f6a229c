"""The rdflib baseline: the same parsed documents, an in-memory ``rdflib.Dataset``.

    python -m bench.baseline_rdflib CORPUS.nq PROBE.json PARSE_S [REPEAT]

* build = the same parse (``PARSE_S``, measured by ``bench.run``'s parse-only step) +
  loading the N-Quads into ``rdflib.Dataset(default_union=True)`` + linking through
  the very same ``graph.link.link`` and ``graph.stats`` code, whose SPARQL runs on
  rdflib through ``RdflibStore`` (a ``GraphStore`` adapter);
* queries: every ``queries/*.rq`` with the same parameters (``initBindings``), the
  same labels as ``bench.run`` (``name:full``, ``name:param``), after rdflib's link step
  (capped at half the overall time limit: past it the build ratio is a lower bound and the
  queries see the document graphs and no links — less data, so a conservative ratio).

rdflib cannot be interrupted from outside, but it is pure Python, so a SIGALRM
handler stops a query that runs past ``QUERY_CAP_S``: its time is then reported as
the cap with ``"capped": true`` (the ratio is a lower bound).  Results are written as
JSON lines as they come, so a run killed at the overall timeout still reports the
stages it finished.
"""
from __future__ import annotations

import json
import resource
import signal
import statistics
import subprocess
import sys
import time
from typing import Any, Mapping

import pyoxigraph as ox
import rdflib
from rdflib.term import Literal as RLiteral, URIRef, BNode

from graph.store import GraphStore, Result

QUERY_CAP_S = 45
LINK_CAP_S = 1800
_CTX = "urn:x-rdflib:default"


class Capped(Exception):
    pass


def _alarm(signum, frame):
    raise Capped()


def _to_rdflib(t):
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if isinstance(t, ox.Literal):
        if t.language:
            return RLiteral(t.value, lang=t.language)
        return RLiteral(t.value, datatype=URIRef(t.datatype.value))
    if isinstance(t, str):
        return RLiteral(t)
    return RLiteral(t)


def _to_ox(t):
    if isinstance(t, URIRef):
        return ox.NamedNode(str(t))
    if isinstance(t, BNode):
        return ox.BlankNode(str(t))
    if t.language:
        return ox.Literal(str(t), language=t.language)
    if t.datatype:
        return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)))
    return ox.Literal(str(t))


def _value(t) -> str | None:
    if t is None:
        return None
    if isinstance(t, RLiteral) and t.datatype and str(t.datatype).endswith("#boolean"):
        return "true" if t.toPython() is True else "false"
    return str(t)


class RdflibStore(GraphStore):
    """An in-memory rdflib Dataset behind PolicyKG's store interface (baseline only)."""

    def __init__(self, ds: rdflib.Dataset):
        from loaders.vocab import PREFIXES
        self.ds = ds
        self.location = ":rdflib:"
        self.read_only = False
        self.ns = {k: rdflib.Namespace(v) for k, v in PREFIXES.items()}

    def _q(self, sparql: str, substitutions: Mapping[str, Any] | None):
        binds = {k: _to_rdflib(v) for k, v in (substitutions or {}).items()}
        return self.ds.query(sparql, initNs=self.ns, initBindings=binds or None)

    def query(self, sparql, substitutions=None) -> Result:
        res = self._q(sparql, substitutions)
        if res.type == "ASK":
            return Result(["result"], [("true" if res.askAnswer else "false",)])
        names = [str(v) for v in res.vars]
        return Result(names, [tuple(_value(x) for x in row) for row in res])

    def construct(self, sparql, substitutions=None):
        return [ox.Triple(*map(_to_ox, t)) for t in self._q(sparql, substitutions)]

    def replace_graph(self, graph_iri, quads, drop=()) -> int:
        g = str(graph_iri.value if isinstance(graph_iri, ox.NamedNode) else graph_iri)
        triples = {(_to_rdflib(q.subject), _to_rdflib(q.predicate), _to_rdflib(q.object)) for q in quads}
        for x in [g, *[str(getattr(d, "value", d)) for d in drop]]:
            self.ds.remove_graph(URIRef(x))
        graph = self.ds.graph(URIRef(g))
        for t in triples:
            graph.add(t)
        return len(triples)

    def drop_graphs(self, graphs) -> None:
        for g in graphs:
            self.ds.remove_graph(URIRef(str(getattr(g, "value", g))))

    def named_graphs(self):
        return sorted(str(c.identifier) for c in self.ds.contexts() if str(c.identifier) != _CTX)

    def quads(self, graph=None):
        g = None if graph is None else URIRef(str(getattr(graph, "value", graph)))
        out = []
        for s, p, o, c in self.ds.quads((None, None, None, g)):
            cid = c.identifier if hasattr(c, "identifier") else c
            out.append(ox.Quad(_to_ox(s), _to_ox(p), _to_ox(o), ox.NamedNode(str(cid))))
        return out

    def dump(self, format=ox.RdfFormat.N_QUADS, graph=None) -> bytes:
        return ox.serialize(self.quads(graph), format=format)


def _emit(obj) -> None:
    print(json.dumps(obj, ensure_ascii=False), flush=True)


def _capped(fn, cap: float):
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, cap)
    t = time.perf_counter()
    try:
        fn()
        return time.perf_counter() - t, False
    except Capped:
        return cap, True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def main(argv: list[str]) -> int:
    from graph import queries as Q
    from graph.link import link
    from graph.stats import write_stats
    from bench.run import query_plan
    nq, probe_file, parse_s = argv[0], argv[1], float(argv[2])
    repeat = int(argv[3]) if len(argv) > 3 else 3
    link_cap = float(argv[4]) if len(argv) > 4 else LINK_CAP_S
    jobs = int(argv[5]) if len(argv) > 5 else 1
    probe = json.loads(open(probe_file, encoding="utf-8").read())
    t = time.perf_counter()
    ds = rdflib.Dataset(default_union=True)
    ds.parse(nq, format="nquads")
    load_s = time.perf_counter() - t
    _emit({"stage": "load", "load_s": round(load_s, 2), "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})
    store = RdflibStore(ds)
    # link first: the build ratio needs it, and the queries then see the same graphs as
    # PolicyKG's (documents and links); a link step past the cap makes the ratio a lower bound
    link_s, link_capped = _capped(lambda: (link(store, jobs=jobs), write_stats(store)), link_cap)
    build = parse_s + load_s + link_s
    _emit({"stage": "link", "link_s": round(link_s, 2), "link_capped": link_capped,
           "build_s": round(build, 2), "build_incomplete": link_capped})
    for label, name, params in query_plan(probe):
        q = Q.load_query(name)
        xs, capped = [], False
        for _ in range(1 if not params else repeat):
            dt, capped = _capped(lambda: Q.run(store, q, params), QUERY_CAP_S)
            xs.append(dt)
            if capped:
                break
        _emit({"stage": "query", "label": label, "median_ms": round(statistics.median(xs) * 1e3, 2),
               "runs": len(xs), "capped": capped})
    _emit({"stage": "done", "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})
    return 0


def run_subprocess(nq: str, probe: dict, parse_s: float, timeout: float = 3600, repeat: int = 3,
                   link_cap: float | None = None, jobs: int = 1) -> dict:
    """Run the baseline in a fresh process; collect what it reported (even on timeout)."""
    import tempfile
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump(probe, f)
    link_cap = link_cap if link_cap is not None else min(LINK_CAP_S, timeout / 2)
    cmd = [sys.executable, "-m", "bench.baseline_rdflib", nq, f.name, str(parse_s), str(repeat),
           str(link_cap), str(jobs)]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        stdout, timed_out = p.stdout, False
    except subprocess.TimeoutExpired as e:
        stdout, timed_out = (e.stdout or b"").decode() if isinstance(e.stdout, bytes) else (e.stdout or ""), True
    out: dict = {"queries": {}, "timed_out": timed_out}
    for line in stdout.splitlines():
        if not line.startswith("{"):
            continue
        x = json.loads(line)
        stage = x.pop("stage")
        if stage == "query":
            out["queries"][x.pop("label")] = x
        else:
            out.update(x)
    if "build_s" not in out and "load_s" in out:
        out["build_s"] = round(parse_s + out["load_s"], 2)    # link unfinished: a lower bound
        out["build_incomplete"] = True
    return out


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
