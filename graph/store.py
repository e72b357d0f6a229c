"""The store: the only writer of the graph.

``GraphStore`` is the interface the rest of PolicyKG uses; ``OxigraphStore`` is
the embedded implementation (pyoxigraph on disk, RocksDB).  A remote SPARQL 1.1
Protocol / Graph Store Protocol implementation can be added behind the same
interface (``open_store`` dispatches on ``http://``/``https://`` locations).

Rules (TOOLING.md §1):

* **One writer per store.**  RocksDB locks the directory: a second writable open,
  from this or another process, fails.  Readers open with ``read_only=True``;
  a read-only store sees the data as of opening (reopen to see a newer build).
  Within one process, writes through one ``OxigraphStore`` are serialised by a lock.
* **Atomic document replacement.**  ``replace_graph`` sends ONE SPARQL update
  (``DROP SILENT GRAPH … ; INSERT DATA { GRAPH … { … } }``): all or nothing.  The
  quads are materialised before anything is sent, so a failing generator writes
  nothing and leaves the old graph in place.
* **Plain Python results.**  ``query`` turns solutions into ``Result`` (lists of
  tuples of str) inside the call: pyoxigraph result iterators must never cross
  threads (Streamlit reruns on new threads; a crossing aborts the process).
* **Bulk mode.**  ``load_documents`` writes a batch of whole document graphs, each
  given as N-Quads bytes that already contain the document's completion record
  (``<load activity> pkg:loadComplete true``, minted by ``loaders.to_rdf``).  Graphs
  that are new to the store go in with ONE ``bulk_load`` call for the whole batch,
  which pyoxigraph applies atomically (since 0.5.0): a reader sees every document of
  the batch with its completion record, or none of them, never half a graph.  A
  graph that already exists (a reload), or that must drop a stale graph, takes the
  transactional ``replace_graph`` path instead, so replacement stays one operation.
* Queries see the union of all graphs as the default graph.
* ``open_store`` also opens remote SPARQL 1.1 servers by URL (``graph/remote.py``).
"""
from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

import pyoxigraph as ox

from loaders.vocab import PREFIXES

DEFAULT_STORE = ".policykg/store"

Term = ox.NamedNode | ox.Literal | ox.BlankNode


class StoreError(Exception):
    """A store that cannot be opened or written."""


class StoreMissing(StoreError):
    """No store at the given location (run ``policykg build``)."""

    def __init__(self, location: str):
        self.location = location
        super().__init__(f"no store at {location}; run policykg build")


@dataclass(frozen=True)
class Result:
    """A SELECT result as plain Python: variable names and rows of strings (None = unbound).

    IRIs and literals both come as their lexical value (``str``).
    """

    vars: list[str]
    rows: list[tuple[str | None, ...]]

    def dicts(self) -> list[dict[str, str | None]]:
        return [dict(zip(self.vars, r)) for r in self.rows]

    def column(self, name: str) -> list[str | None]:
        i = self.vars.index(name)
        return [r[i] for r in self.rows]

    def __len__(self) -> int:
        return len(self.rows)


def term_value(term: Any) -> str | None:
    """The lexical value of a pyoxigraph term (IRI, literal, blank node id)."""
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def to_term(value: Any) -> Term:
    """A Python value as an RDF term: terms pass, str → plain literal, bool/int/float typed."""
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    if isinstance(value, (bool, int, float, str)):
        return ox.Literal(value)
    raise TypeError(f"cannot bind {value!r} as an RDF term")


class GraphStore(ABC):
    """What PolicyKG needs from a quad store."""

    location: str
    read_only: bool

    @abstractmethod
    def replace_graph(self, graph_iri: str | ox.NamedNode, quads: Iterable[ox.Quad],
                      drop: Iterable[str | ox.NamedNode] = ()) -> int:
        """Replace one named graph with ``quads`` (their graph is ignored) in one atomic
        operation; graphs in ``drop`` are removed in the same operation.  Returns the
        number of triples written."""

    def replace_graph_file(self, graph_iri: str | ox.NamedNode, path: str | Path) -> None:
        """Replace one (large) named graph with the N-Triples in the file at ``path``: the
        data goes to the store without being held in Python (the links graph of a big
        corpus).  Default: parsed and handed to ``replace_graph``; stores override it with
        a streaming path.  All or nothing for a reader, as ``replace_graph``, except where an
        implementation says otherwise."""
        self.replace_graph(graph_iri, (ox.Quad(t.subject, t.predicate, t.object)
                                       for t in ox.parse(path=str(path),
                                                         format=ox.RdfFormat.N_TRIPLES)))

    @abstractmethod
    def drop_graphs(self, graphs: Iterable[str | ox.NamedNode]) -> None:
        """Remove named graphs in one atomic operation."""

    @abstractmethod
    def query(self, sparql: str, substitutions: Mapping[str, Any] | None = None) -> Result:
        """Run a SELECT (or ASK: one row with 'true'/'false') over the union of all graphs."""

    @abstractmethod
    def construct(self, sparql: str, substitutions: Mapping[str, Any] | None = None
                  ) -> list[ox.Triple]:
        """Run a CONSTRUCT/DESCRIBE; the triples as a list."""

    @abstractmethod
    def named_graphs(self) -> list[str]:
        """IRIs of the named graphs, sorted."""

    @abstractmethod
    def quads(self, graph: str | ox.NamedNode | None = None) -> list[ox.Quad]:
        """All quads, or those of one named graph."""

    def load_documents(self, batch: "Iterable[DocumentPayload]") -> None:
        """Write whole document graphs (each with its completion record inside).  Default:
        one atomic ``replace_graph`` per document; stores override with a bulk path."""
        for d in batch:
            self.replace_graph(d.graph, d.quads(), drop=d.drop)

    def flush(self) -> None:
        """Make writes durable (no-op where the server does it)."""

    @abstractmethod
    def dump(self, format: ox.RdfFormat = ox.RdfFormat.N_QUADS,
             graph: str | ox.NamedNode | None = None) -> bytes:
        """Serialise the whole store (dataset formats) or one graph (any format)."""


def _node(iri: str | ox.NamedNode) -> ox.NamedNode:
    return iri if isinstance(iri, ox.NamedNode) else ox.NamedNode(iri)


@dataclass(frozen=True)
class DocumentPayload:
    """One document graph ready to write: its IRI, its quads as N-Quads bytes (all in
    that graph, completion record included) and stale graphs to drop with it."""

    graph: str
    nquads: bytes
    drop: tuple[str, ...] = ()

    def quads(self) -> list[ox.Quad]:
        g = ox.NamedNode(self.graph)
        return [ox.Quad(q.subject, q.predicate, q.object, g)
                for q in ox.parse(self.nquads, format=ox.RdfFormat.N_QUADS)]


class OxigraphStore(GraphStore):
    """Embedded pyoxigraph store: on disk at ``path``, or in memory when ``path`` is None."""

    def __init__(self, path: str | Path | None = None, read_only: bool = False):
        self.read_only = read_only
        self.location = str(path) if path is not None else ":memory:"
        self._lock = threading.Lock()
        try:
            if path is None:
                self._store = ox.Store()
            elif read_only:
                if not Path(path).is_dir():
                    raise StoreMissing(str(path))
                self._store = ox.Store.read_only(str(path))
            else:
                Path(path).parent.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path))
        except OSError as e:
            raise StoreError(f"cannot open store at {path}: {e}") from None

    # -- writing ---------------------------------------------------------------
    def _write(self, update: str) -> None:
        if self.read_only:
            raise StoreError(f"store at {self.location} is open read-only")
        with self._lock:
            self._store.update(update)

    def replace_graph(self, graph_iri, quads, drop=()) -> int:
        g = _node(graph_iri)
        # materialise first: a failing generator must write nothing
        triples = [f"{q.subject} {q.predicate} {q.object} ." for q in quads]
        ops = [f"DROP SILENT GRAPH {x}" for x in sorted({str(_node(x)) for x in drop} - {str(g)})]
        ops.append(f"DROP SILENT GRAPH {g}")
        if triples:
            ops.append(f"INSERT DATA {{ GRAPH {g} {{\n" + "\n".join(triples) + "\n} }")
        self._write(" ;\n".join(ops))
        return len(set(triples))

    def drop_graphs(self, graphs) -> None:
        ops = [f"DROP SILENT GRAPH {x}" for x in sorted({str(_node(x)) for x in graphs})]
        if ops:
            self._write(" ;\n".join(ops))

    def replace_graph_file(self, graph_iri, path) -> None:
        """Drop the graph, then ONE ``bulk_load`` of the file into it (atomic by itself):
        100× faster than a SPARQL ``INSERT DATA`` and without the update string in memory.
        Between the two a reader of this very store could see the graph missing (never half
        of it); PolicyKG writes such graphs into an unpublished generation
        (``graph/publish.py``), which no reader opens."""
        if self.read_only:
            raise StoreError(f"store at {self.location} is open read-only")
        g = _node(graph_iri)
        with self._lock:
            if self._store.contains_named_graph(g):
                self._store.update(f"DROP SILENT GRAPH {g}")
            self._store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES, to_graph=g)

    def load_documents(self, batch) -> None:
        batch = list(batch)
        if self.read_only:
            raise StoreError(f"store at {self.location} is open read-only")
        fresh, replace, seen = [], [], set()
        for d in batch:
            if d.drop or d.graph in seen or self._store.contains_named_graph(_node(d.graph)):
                replace.append(d)
            else:
                fresh.append(d)
            seen.add(d.graph)
        if fresh:
            with self._lock:    # one bulk_load: the whole batch is applied atomically
                self._store.bulk_load(input=b"".join(d.nquads for d in fresh),
                                      format=ox.RdfFormat.N_QUADS)
        for d in replace:       # in input order: the last copy of a graph wins
            self.replace_graph(d.graph, d.quads(), drop=d.drop)

    def flush(self) -> None:
        if not self.read_only:
            self._store.flush()

    def optimize(self) -> None:
        if not self.read_only:
            self._store.optimize()

    # -- reading ---------------------------------------------------------------
    def _run(self, sparql: str, substitutions: Mapping[str, Any] | None):
        subs = {ox.Variable(k): to_term(v) for k, v in (substitutions or {}).items()}
        return self._store.query(sparql, use_default_graph_as_union=True, prefixes=PREFIXES,
                                 substitutions=subs or None)

    def query(self, sparql, substitutions=None) -> Result:
        res = self._run(sparql, substitutions)
        if isinstance(res, bool):
            return Result(["result"], [("true" if res else "false",)])
        if isinstance(res, ox.QueryBoolean):
            return Result(["result"], [("true" if bool(res) else "false",)])
        if isinstance(res, ox.QueryTriples):
            raise StoreError("query() runs SELECT or ASK; use construct() for CONSTRUCT")
        names = [v.value for v in res.variables]
        rows = [tuple(term_value(s[n]) for n in names) for s in res]
        return Result(names, rows)

    def construct(self, sparql, substitutions=None) -> list[ox.Triple]:
        res = self._run(sparql, substitutions)
        if not isinstance(res, ox.QueryTriples):
            raise StoreError("construct() runs CONSTRUCT or DESCRIBE")
        return [ox.Triple(t.subject, t.predicate, t.object) for t in res]

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs())

    def quads(self, graph=None) -> list[ox.Quad]:
        g = _node(graph) if graph is not None else None
        return list(self._store.quads_for_pattern(None, None, None, g))

    def dump(self, format=ox.RdfFormat.N_QUADS, graph=None) -> bytes:
        kw = {"from_graph": _node(graph)} if graph is not None else {}
        return self._store.dump(format=format, **kw)


REMOTE_SCHEMES = ("http://", "https://", "oxigraph+http://", "oxigraph+https://",
                  "virtuoso+http://", "virtuoso+https://")


def is_remote(location: str | Path) -> bool:
    return str(location).startswith(REMOTE_SCHEMES)


def store_exists(location: str | Path) -> bool:
    loc = str(location)
    if is_remote(loc):
        return True
    return Path(loc).is_dir() and any(Path(loc).iterdir())


def open_store(location: str | Path | None = DEFAULT_STORE, read_only: bool = False) -> GraphStore:
    """Open the store at a directory (created for writing if missing).

    Read-only opens raise ``StoreMissing`` when there is no store.  A URL
    (``http(s)://…``, ``oxigraph+http://…``, ``virtuoso+http://…``) opens a remote
    SPARQL 1.1 Protocol / Graph Store Protocol server: see ``graph/remote.py``.
    """
    loc = str(location) if location is not None else None
    if loc is not None and is_remote(loc):
        from .remote import RemoteStore
        return RemoteStore.from_location(loc, read_only=read_only)
    if read_only and loc is not None and not store_exists(loc):
        raise StoreMissing(loc)
    return OxigraphStore(loc, read_only=read_only)


__all__ = ["GraphStore", "OxigraphStore", "DocumentPayload", "is_remote", "Result", "StoreError", "StoreMissing",
           "DEFAULT_STORE", "open_store", "store_exists", "term_value", "to_term"]
