"""Snapshot files for the Export page: RDF from graph/export.py, the rest made here.

    snapshot(store, docs, edges) -> {file name: bytes}, manifest dict

* RDF (TriG, N-Quads, Turtle, JSON-LD): ``graph.export.export_bytes`` (sorted, deterministic).
* GraphML: the document lineage graph (``graph.lineage.documents_graph``; nodes carry
  title, level, region code, stub; edges kind and confidence) — graph/export.py has no
  GraphML yet, so it is written here with ``graph.lineage.write_graphml``.
* CSV: the main canned queries (documents, measures, indicators, units, citations,
  lineage, unit network), header = the query's variables.
* ``manifest.json``: PolicyKG version, time, counts, sha256 and size of every file.
"""
from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
import tempfile
import zipfile
from importlib import metadata
from pathlib import Path

from graph import queries as canned
from graph.export import export_bytes
from graph.store import GraphStore, Result

RDF_FILES = {"trig": "policykg.trig", "nquads": "policykg.nq", "turtle": "policykg.ttl",
             "jsonld": "policykg.jsonld"}
CSV_QUERIES = ("documents", "measures", "indicators", "units", "citations", "lineage",
               "unit_network")


def version() -> str:
    try:
        return metadata.version("policykg")
    except metadata.PackageNotFoundError:
        return "unknown"


def result_csv(res: Result) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(res.vars)
    for row in res.rows:
        w.writerow(["" if v is None else v for v in row])
    return buf.getvalue().encode("utf-8")


def rows_csv(vars: list[str], rows: list) -> bytes:
    return result_csv(Result(list(vars), [tuple(r) for r in rows]))


def graphml_bytes(docs: list[dict], edges: list[tuple]) -> bytes:
    from graph.lineage import documents_graph, write_graphml
    nodes = [(d["doc"], d.get("title"), d.get("level"), d.get("region_code"), d["stub"])
             for d in docs]
    g = documents_graph(edges, nodes)
    with tempfile.TemporaryDirectory() as tmp:
        p = write_graphml(g, Path(tmp) / "lineage.graphml")
        return p.read_bytes()


def snapshot(store: GraphStore, docs: list[dict], edges: list[tuple], progress=None
             ) -> tuple[dict[str, bytes], dict]:
    files: dict[str, bytes] = {}
    steps = list(RDF_FILES) + ["graphml"] + list(CSV_QUERIES)
    for i, fmt in enumerate(steps):
        if progress:
            progress(i / len(steps), fmt)
        if fmt in RDF_FILES:
            files[RDF_FILES[fmt]] = export_bytes(store, fmt)
        elif fmt == "graphml":
            files["lineage.graphml"] = graphml_bytes(docs, edges)
        else:
            try:
                files[f"{fmt}.csv"] = result_csv(canned.run(store, fmt))
            except canned.QueryError:
                continue
    loaded = [d for d in docs if not d["stub"]]
    manifest = {
        "policykg_version": version(),
        "created": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "counts": {"documents": len(loaded), "stub_documents": len(docs) - len(loaded),
                   "lineage_edges": len(edges),
                   "quads": files[RDF_FILES["nquads"]].count(b"\n")},
        "files": {name: {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
                  for name, data in sorted(files.items())},
    }
    if progress:
        progress(1.0, "manifest")
    return files, manifest


def zip_bytes(files: dict[str, bytes], manifest: dict) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in sorted(files.items()):
            z.writestr(name, data)
        z.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
    return buf.getvalue()


__all__ = ["snapshot", "zip_bytes", "result_csv", "rows_csv", "graphml_bytes", "version",
           "RDF_FILES", "CSV_QUERIES"]
