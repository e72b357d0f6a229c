"""Lineage as networkx views, built from plain rows so query results can feed them.

- :func:`documents_graph`: documents DiGraph, edge child → parent with ``kind``
  (``asserted`` | ``inferred``) and ``confidence`` (1.0 for asserted links);
- :func:`measures_graph`: measures DiGraph, edge child measure → parent measure with
  ``score``, ``rank``, ``accepted``;
- :func:`ancestors_map`: doc → its ancestors (nearest first), the input of
  :func:`graph.align.align_lineage` and :func:`graph.cascade.cascade`;
- :func:`asserted_edges` / :func:`inferred_edges`: edge rows from the algorithms;
- :func:`write_graphml`: GraphML for Gephi, every attribute as a string.
"""
from __future__ import annotations

from collections import deque
from pathlib import Path
from typing import Iterable, Sequence

import networkx as nx

from .infer import InferredParent
from .lineage_model import DocInfo
from .resolve import DocIndex


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


__all__ = ["documents_graph", "measures_graph", "ancestors", "descendants", "ancestors_map",
           "asserted_edges", "inferred_edges", "write_graphml"]
