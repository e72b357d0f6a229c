"""Lineage as networkx views, built from plain rows so query results can feed them.

- :func:`documents_graph`: documents DiGraph, edge child → parent with ``kind``
  (``asserted`` | ``inferred``) and ``confidence`` (1.0 for asserted links);
- :func:`measures_graph`: measures DiGraph, edge child measure → parent measure with
  ``score``, ``rank``, ``accepted``;
- :func:`ancestors_map`: doc → its ancestors (nearest first), the input of
  :func:`graph.align.align_lineage` and :func:`graph.cascade.cascade`;
- :func:`asserted_edges` / :func:`inferred_edges`: edge rows from the algorithms;
- :func:`write_graphml`: GraphML for Gephi, every attribute as a string;
- from a store (query results, plain rows): :func:`store_documents_graph`,
  :func:`store_measures_graph`, :func:`find_document` (IRI, title or file path matched by
  the content hash of the loaded text) and :func:`lineage_tree` (the tree the
  ``policykg lineage`` command prints, asserted and inferred edges marked).
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

import networkx as nx

from .infer import InferredParent
from .lineage_model import DocInfo
from .resolve import DocIndex, fold_title

if TYPE_CHECKING:
    from .store import GraphStore


def asserted_edges(docs: Iterable[DocInfo], index: DocIndex | None = None
                   ) -> list[tuple[str, str, str, float]]:
    """(child, parent, "asserted", 1.0) for every basis that resolves to a loaded document."""
    docs = list(docs)
    index = index or DocIndex(docs)
    out = set()
    for d in docs:
        for b in d.bases:
            iri, _how = index.resolve(b, d)
            if iri:
                out.add((d.iri, iri, "asserted", 1.0))
    return sorted(out)


def inferred_edges(links: Iterable[InferredParent]) -> list[tuple[str, str, str, float]]:
    return sorted((x.child, x.parent, "inferred", x.confidence) for x in links)


def documents_graph(edges: Iterable[Sequence], nodes: Iterable[Sequence] = ()) -> nx.DiGraph:
    """Edges ``(child, parent, kind, confidence)``; nodes ``(doc, title, level, region_code, stub)``.

    An asserted edge is never replaced by an inferred one for the same pair.
    """
    g = nx.DiGraph()
    for row in nodes:
        doc, title, level, code, stub = (list(row) + [None] * 5)[:5]
        g.add_node(doc, title=title, level=level, region_code=code,
                   stub=str(stub).lower() in ("true", "1"))
    for row in edges:
        child, parent, kind, conf = (list(row) + [None] * 4)[:4]
        kind = kind or "asserted"
        conf = 1.0 if conf is None else float(conf)
        if g.has_edge(child, parent) and g.edges[child, parent]["kind"] == "asserted":
            continue
        g.add_edge(child, parent, kind=kind, confidence=conf)
    return g


def ancestors(g: nx.DiGraph, doc: str, include_inferred: bool = True,
              min_confidence: float = 0.0) -> list[str]:
    """Ancestors of ``doc`` nearest first (breadth-first along child → parent edges)."""
    seen, out, queue = {doc}, [], deque([doc])
    while queue:
        cur = queue.popleft()
        for _c, parent, data in sorted(g.out_edges(cur, data=True), key=lambda e: e[1]):
            if data.get("kind") == "inferred" and (
                    not include_inferred or data.get("confidence", 0) < min_confidence):
                continue
            if parent not in seen:
                seen.add(parent)
                out.append(parent)
                queue.append(parent)
    return out


def descendants(g: nx.DiGraph, doc: str, include_inferred: bool = True) -> list[str]:
    """Documents that implement ``doc`` directly or further down, nearest first."""
    return ancestors(g.reverse(copy=False), doc, include_inferred)


def ancestors_map(g: nx.DiGraph, include_inferred: bool = True,
                  min_confidence: float = 0.0) -> dict[str, list[str]]:
    return {d: a for d in sorted(g.nodes)
            if (a := ancestors(g, d, include_inferred, min_confidence))}


def measures_graph(rows: Iterable[Sequence]) -> nx.DiGraph:
    """Rows ``(child_measure, parent_measure, score, rank[, accepted, child_doc, parent_doc])``."""
    g = nx.DiGraph()
    for row in rows:
        child, parent, score, rank, accepted, cdoc, pdoc = (list(row) + [None] * 7)[:7]
        g.add_node(child, doc=cdoc)
        g.add_node(parent, doc=pdoc)
        g.add_edge(child, parent, score=float(score), rank=int(rank),
                   accepted=str(accepted).lower() in ("true", "1"))
    return g


def _stringify(g: nx.DiGraph) -> nx.DiGraph:
    h = nx.DiGraph()
    for n, data in g.nodes(data=True):
        h.add_node(str(n), **{k: "" if v is None else str(v) for k, v in data.items()})
    for a, b, data in g.edges(data=True):
        h.add_edge(str(a), str(b), **{k: "" if v is None else str(v) for k, v in data.items()})
    return h


def write_graphml(g: nx.DiGraph, path: str | Path) -> Path:
    """GraphML with every attribute as a string (Gephi reads it; None becomes "")."""
    path = Path(path)
    nx.write_graphml(_stringify(g), path, encoding="utf-8")
    return path


# --- views of a built store ---------------------------------------------------------------

NODES = """
SELECT ?doc ?title ?level ?region_code ?stub ?issuer WHERE {
  ?doc a eli:LegalResource .
  FILTER EXISTS { { ?doc pkg:sourceText ?s } UNION { ?doc pkg:stub true } }
  OPTIONAL { ?doc eli:title ?title }
  OPTIONAL { ?doc pkg:level ?lv BIND(STRAFTER(STR(?lv), "/level/") AS ?level) }
  OPTIONAL { ?doc eli:jurisdiction ?r BIND(STRAFTER(STR(?r), "/region/") AS ?region_code) }
  BIND(EXISTS { ?doc pkg:stub true } AS ?stub)
  OPTIONAL {
    SELECT ?doc (GROUP_CONCAT(DISTINCT ?name; separator="、") AS ?issuer) WHERE {
      ?doc eli:passed_by ?org . ?org skos:prefLabel ?name } GROUP BY ?doc
  }
}"""

EDGES = """
SELECT ?child ?parent ?kind ?confidence WHERE {
  { ?child eli:based_on ?parent . BIND("asserted" AS ?kind) BIND(1.0 AS ?confidence) }
  UNION
  { ?x a pkg:InferredLineage ; pkg:child ?child ; pkg:parent ?parent ; pkg:confidence ?confidence .
    BIND("inferred" AS ?kind) }
}"""

MEASURE_EDGES = """
SELECT ?child ?parent ?score ?rank ?accepted ?child_doc ?parent_doc WHERE {
  ?a a pkg:Alignment ; pkg:child ?child ; pkg:parent ?parent ; pkg:score ?score ; pkg:rank ?rank ;
     pkg:accepted ?accepted .
  ?child pkg:inDocument ?child_doc .
  ?parent pkg:inDocument ?parent_doc .
}"""


def _sorted_rows(rows) -> list[tuple]:
    return sorted(rows, key=lambda r: tuple("" if x is None else str(x) for x in r))


def store_documents_graph(store: "GraphStore") -> nx.DiGraph:
    """Documents (stubs included) and their lineage edges, from the built store."""
    nodes = _sorted_rows(store.query(NODES).rows)
    g = documents_graph(_sorted_rows(store.query(EDGES).rows), [r[:5] for r in nodes])
    for doc, *_rest, issuer in nodes:
        g.nodes[doc]["issuer"] = issuer
    return g


def store_measures_graph(store: "GraphStore") -> nx.DiGraph:
    return measures_graph(_sorted_rows(store.query(MEASURE_EDGES).rows))


@dataclass(frozen=True)
class Candidate:
    iri: str
    title: str | None
    issuer: str | None
    level: str | None
    stub: bool


BY_SHA = """
SELECT ?doc ?src ?sha WHERE { ?doc pkg:sourceText ?src . ?src pkg:textSha256 ?sha }"""


def find_document(store: "GraphStore", ref: str) -> list[Candidate]:
    """The documents ``ref`` names: an IRI, a file path (matched by the SHA-256 of its
    normalised text, so any copy of a loaded file works) or a title (folded: quotes,
    width, traditional characters, notice wrappers).  Several candidates = ambiguous."""
    g = store_documents_graph(store)

    def cand(iri: str) -> Candidate:
        d = g.nodes[iri]
        return Candidate(iri, d.get("title"), d.get("issuer"), d.get("level"), bool(d.get("stub")))

    if ref in g:
        return [cand(ref)]
    path = Path(ref)
    if path.is_file():
        from loaders.read import read
        sha = read(path).text_sha256
        hits = [doc for doc, _src, s in store.query(BY_SHA, {"sha": sha}).rows]
        return [cand(h) for h in sorted(set(hits)) if h in g]
    key = fold_title(ref)
    if not key:
        return []
    hits = [n for n, d in g.nodes(data=True) if d.get("title") and fold_title(d["title"]) == key]
    # stubs count: Kaifu's title equals the Changsha bureau plan it is based on (a stub)
    return [cand(h) for h in sorted(hits, key=lambda h: (bool(g.nodes[h].get("stub")), h))]


@dataclass(frozen=True)
class TreeLine:
    depth: int
    doc: str
    title: str | None
    level: str | None
    issuer: str | None
    stub: bool
    kind: str | None            # asserted | inferred (the edge into this line), None at the root
    confidence: float | None
    repeated: bool = False       # already shown above (a DAG, not a tree)


def lineage_tree(g: nx.DiGraph, doc: str, direction: str = "up",
                 include_inferred: bool = True) -> list[TreeLine]:
    """Depth-first lines from ``doc`` up (the plans it implements) or down (the plans
    implementing it); a document reached twice is shown again but not expanded."""
    view = g if direction == "up" else g.reverse(copy=False)
    out: list[TreeLine] = []
    seen: set[str] = set()

    def line(n, depth, kind, conf, repeated=False):
        d = g.nodes[n] if n in g else {}
        out.append(TreeLine(depth, n, d.get("title"), d.get("level"), d.get("issuer"),
                            bool(d.get("stub")), kind, conf, repeated))

    def walk(n, depth):
        seen.add(n)
        nexts = sorted(view.out_edges(n, data=True),
                       key=lambda e: (e[2].get("kind") != "asserted", -e[2].get("confidence", 0),
                                      str(g.nodes[e[1]].get("title")), e[1]))
        for _n, m, data in nexts:
            if data.get("kind") == "inferred" and not include_inferred:
                continue
            again = m in seen
            line(m, depth + 1, data.get("kind"), data.get("confidence"), again)
            if not again:
                walk(m, depth + 1)

    line(doc, 0, None, None)
    walk(doc, 0)
    return out


def graphml_graph(store: "GraphStore") -> nx.DiGraph:
    """Documents and lineage edges for Gephi: node attributes title, level, region_code,
    issuer, stub; edge attributes kind (asserted | inferred) and confidence."""
    return store_documents_graph(store)


__all__ = ["documents_graph", "measures_graph", "ancestors", "descendants", "ancestors_map",
           "asserted_edges", "inferred_edges", "write_graphml", "store_documents_graph",
           "store_measures_graph", "find_document", "Candidate", "lineage_tree", "TreeLine",
           "graphml_graph"]
