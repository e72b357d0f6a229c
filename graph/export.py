"""Snapshots: the store as sorted, deterministic files (two builds → identical bytes).

No blank nodes are minted anywhere, so sorting the quads is enough for N-Quads to be
byte-identical across builds; TriG, Turtle and JSON-LD are written from the same
sorted quads.  Turtle (a triple format) is the merge of all graphs.

Two non-RDF formats for analysis tools:

* ``graphml``: the documents (stubs included) and their lineage edges as a networkx
  GraphML file for Gephi (node attributes title, level, region_code, issuer, stub; edge
  attributes kind = asserted | inferred and confidence);
* ``csv``: one CSV per named query (queries/*.rq, header row = the variable names),
  written into a folder, or into a zip when the output path ends with ``.zip`` (entries
  in name order with a fixed timestamp, so the zip is byte-identical across builds).
"""
from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from loaders.vocab import PREFIXES

from .store import GraphStore

FORMATS = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG,
           "turtle": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD}
#: every format ``export`` writes (RDF snapshots, then analysis formats)
EXPORT_FORMATS = (*FORMATS, "graphml", "csv")
_ZIP_TIME = (2020, 1, 1, 0, 0, 0)


def _key(q: ox.Quad) -> tuple[str, str, str, str]:
    g = "" if isinstance(q.graph_name, ox.DefaultGraph) else str(q.graph_name)
    return (g, str(q.subject), str(q.predicate), str(q.object))


def sorted_nquads(store: GraphStore) -> bytes:
    """All quads as N-Quads, lines sorted."""
    lines = [line for line in store.dump(ox.RdfFormat.N_QUADS).split(b"\n") if line.strip()]
    return b"".join(line + b"\n" for line in sorted(set(lines)))


def graphml_bytes(store: GraphStore) -> bytes:
    from .lineage import _stringify, graphml_graph
    buf = io.BytesIO()
    nx.write_graphml(_stringify(graphml_graph(store)), buf, encoding="utf-8")
    return buf.getvalue()


def query_csvs(store: GraphStore) -> dict[str, bytes]:
    """``{name}.csv`` → CSV bytes (UTF-8, header row) for every named query."""
    from .queries import list_queries, run
    out = {}
    for q in list_queries():
        res = run(store, q)
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(res.vars)
        w.writerows([["" if v is None else v for v in row] for row in res.rows])
        out[f"{q.name}.csv"] = buf.getvalue().encode("utf-8")
    return out


def csv_zip_bytes(store: GraphStore) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in sorted(query_csvs(store).items()):
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buf.getvalue()


def export_bytes(store: GraphStore, format: str = "nquads") -> bytes:
    if format == "graphml":
        return graphml_bytes(store)
    if format == "csv":
        return csv_zip_bytes(store)
    if format not in FORMATS:
        raise ValueError(f"unknown export format {format!r} (one of {', '.join(EXPORT_FORMATS)})")
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
    """Write a snapshot file (``csv``: a folder of CSVs, or a zip for a ``.zip`` path);
    returns its path."""
    out = Path(output)
    if format == "csv" and out.suffix.lower() != ".zip":
        out.mkdir(parents=True, exist_ok=True)
        for name, data in query_csvs(store).items():
            (out / name).write_bytes(data)
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(export_bytes(store, format))
    return out


__all__ = ["FORMATS", "EXPORT_FORMATS", "export", "export_bytes", "sorted_nquads",
           "graphml_bytes", "query_csvs", "csv_zip_bytes"]
