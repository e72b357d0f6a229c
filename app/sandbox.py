"""Bounded execution of user SPARQL (TOOLING.md §1.6): a killable child process.

    run_user_query(store_path, text, substitutions=None, timeout=10, max_rows=5000) -> Outcome

pyoxigraph cannot interrupt a query in-process, so every user query runs in a fresh
``python -m app.sandbox`` child that opens the generation published when it starts,
read-only and leased (``graph.publish.open_for_read``: no writer ever touches that
directory, and garbage collection keeps it while the child lives), and is killed when
the time limit passes; the app keeps serving.  The query is checked first
(``sparql_guard.check_user_query``: no updates, no SERVICE, only queries).  The child
sends back at most ``max_rows`` rows (or triples) as JSON — plain strings, so nothing
of pyoxigraph ever crosses a thread in the app.

Spawn and open cost about 0.1–0.3 s per query.  The child sees the generation published
when it opens, so every build or addition published before the query is in it.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .sparql_guard import QueryRefused, check_user_query

TIMEOUT_S = 10.0
MAX_ROWS = 5000
ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Outcome:
    """What the page shows: a table, triples, a message."""

    kind: str                                   # "select" | "ask" | "triples" | "error" | "timeout" | "refused"
    vars: list[str] = field(default_factory=list)
    rows: list[list[str | None]] = field(default_factory=list)
    triples: list[list[str]] = field(default_factory=list)   # s, p, o, o-kind (iri|literal|bnode)
    truncated: bool = False
    message: str = ""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.kind in ("select", "ask", "triples")


def run_user_query(store_path: str | Path, text: str, substitutions: dict | None = None,
                   timeout: float | None = None, max_rows: int | None = None) -> Outcome:
    """Check, then run ``text`` in a child process on a read-only snapshot of the store
    (limits default to the module's ``TIMEOUT_S`` and ``MAX_ROWS``, read at call time)."""
    timeout = TIMEOUT_S if timeout is None else timeout
    max_rows = MAX_ROWS if max_rows is None else max_rows
    t0 = time.monotonic()
    try:
        form = check_user_query(text)
    except QueryRefused as e:
        return Outcome("refused", message=str(e))
    job = {"store": str(store_path), "query": text, "form": form, "max_rows": max_rows,
           "subs": [[k, *_term(v)] for k, v in (substitutions or {}).items()]}
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(ROOT)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]))
    proc = subprocess.Popen([sys.executable, "-m", "app.sandbox"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=str(ROOT))
    try:
        out, err = proc.communicate(json.dumps(job).encode("utf-8"), timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        return Outcome("timeout", message=f"stopped after {timeout:g} s",
                       seconds=time.monotonic() - t0)
    seconds = time.monotonic() - t0
    try:
        data = json.loads(out.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        tail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit {proc.returncode}"]
        return Outcome("error", message=f"query process failed: {tail[0]}", seconds=seconds)
    return Outcome(data.get("kind", "error"), vars=data.get("vars", []), rows=data.get("rows", []),
                   triples=data.get("triples", []), truncated=bool(data.get("truncated")),
                   message=data.get("message", ""), seconds=seconds)


XSD = "http://www.w3.org/2001/XMLSchema#"
PARAM_KINDS = {"iri": "iri", "string": "literal", "integer": XSD + "integer",
               "decimal": XSD + "decimal", "boolean": XSD + "boolean"}


def _term(v) -> tuple[str, str]:
    """A substitution as (kind, value): kind "iri", "literal" or an XSD datatype IRI.
    ``v`` is a (declared type, value) pair, or a value whose kind is guessed."""
    if isinstance(v, tuple):
        ptype, value = v
        return PARAM_KINDS.get(ptype, "literal"), str(value)
    s = str(v)
    if s.startswith(("http://", "https://", "urn:")) and " " not in s:
        return "iri", s
    return "literal", s


# --- the child ----------------------------------------------------------------------


def _child(job: dict) -> dict:
    import pyoxigraph as ox

    def val(t) -> str | None:
        if t is None:
            return None
        return f"_:{t.value}" if isinstance(t, ox.BlankNode) else t.value

    def kind(t) -> str:
        return "iri" if isinstance(t, ox.NamedNode) else ("bnode" if isinstance(t, ox.BlankNode)
                                                          else "literal")
    from graph.publish import open_for_read
    from graph.store import StoreError
    try:
        leased = open_for_read(job["store"])       # the lease lives as long as ``leased``
    except (StoreError, OSError) as e:
        return {"kind": "error", "message": f"cannot open the store read-only: {e}"}
    store = getattr(leased, "_store", None)        # the generation's pyoxigraph Store
    if not isinstance(store, ox.Store):
        return {"kind": "error", "message": "the query box needs an embedded store"}
    def term(k: str, value: str):
        if k == "iri":
            return ox.NamedNode(value)
        if k.startswith(XSD):
            return ox.Literal(value, datatype=ox.NamedNode(k))
        return ox.Literal(value)
    try:
        subs = {ox.Variable(name): term(k, value) for name, k, value in job.get("subs", [])}
    except ValueError as e:
        return {"kind": "error", "message": f"bad parameter value: {e}"}
    try:
        try:
            res = store.query(job["query"], use_default_graph_as_union=True,
                              substitutions=subs or None)
        except (SyntaxError, ValueError, RuntimeError) as e:
            if not subs or "projection" not in str(e):
                raise
            # pyoxigraph substitutes projected variables only: bind the others with a
            # trailing VALUES clause made of serialised terms (never pasted user text)
            values = "\nVALUES (" + " ".join(str(k) for k in subs) + ") { (" + " ".join(
                str(v) for v in subs.values()) + ") }"
            res = store.query(job["query"] + values, use_default_graph_as_union=True)
    except (SyntaxError, ValueError, OSError, RuntimeError) as e:
        return {"kind": "error", "message": str(e).splitlines()[0] if str(e) else type(e).__name__}
    cap = int(job.get("max_rows", MAX_ROWS))
    if isinstance(res, (bool, ox.QueryBoolean)):
        return {"kind": "ask", "vars": ["result"], "rows": [["true" if bool(res) else "false"]]}
    if isinstance(res, ox.QueryTriples):
        triples, truncated = [], False
        for t in res:
            if len(triples) >= cap:
                truncated = True
                break
            triples.append([val(t.subject), val(t.predicate), val(t.object), kind(t.object)])
        return {"kind": "triples", "triples": triples, "truncated": truncated,
                "vars": ["subject", "predicate", "object"], "rows": [x[:3] for x in triples]}
    names = [v.value for v in res.variables]
    rows, truncated = [], False
    for s in res:
        if len(rows) >= cap:
            truncated = True
            break
        rows.append([val(s[n]) for n in names])
    return {"kind": "select", "vars": names, "rows": rows, "truncated": truncated}


def main() -> int:
    job = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    try:
        out = _child(job)
    except Exception as e:  # the child reports, the app shows a message
        out = {"kind": "error", "message": f"{type(e).__name__}: {e}"}
    sys.stdout.buffer.write(json.dumps(out, ensure_ascii=False).encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["run_user_query", "Outcome", "TIMEOUT_S", "MAX_ROWS", "QueryRefused"]
