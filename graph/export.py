"""Snapshots: the store as sorted, deterministic files (two builds → identical bytes).

No blank nodes are minted anywhere, so sorting the quads is enough for N-Quads to be
byte-identical across builds; TriG, Turtle and JSON-LD are written from the same
sorted quads.  Turtle (a triple format) is the merge of all graphs.
"""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from loaders.vocab import PREFIXES

from .store import GraphStore

FORMATS = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG,
           "turtle": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD}


def _key(q: ox.Quad) -> tuple[str, str, str, str]:
    g = "" if isinstance(q.graph_name, ox.DefaultGraph) else str(q.graph_name)
    return (g, str(q.subject), str(q.predicate), str(q.object))


def sorted_nquads(store: GraphStore) -> bytes:
    """All quads as N-Quads, lines sorted."""
    lines = [line for line in store.dump(ox.RdfFormat.N_QUADS).split(b"\n") if line.strip()]
    return b"".join(line + b"\n" for line in sorted(set(lines)))


def export_bytes(store: GraphStore, format: str = "nquads") -> bytes:
    if format not in FORMATS:
        raise ValueError(f"unknown export format {format!r} (one of {', '.join(FORMATS)})")
    if format == "nquads":
        return sorted_nquads(store)
    quads = sorted(set(store.quads()), key=_key)
    if format == "turtle":
        triples = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads},
                         key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    kw = {"prefixes": PREFIXES} if format == "trig" else {}
    return ox.serialize(quads, format=FORMATS[format], **kw)


def export(store: GraphStore, format: str, output: str | Path) -> Path:
    """Write a snapshot file; returns its path."""
    out = Path(output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(export_bytes(store, format))
    return out


__all__ = ["FORMATS", "export", "export_bytes", "sorted_nquads"]
