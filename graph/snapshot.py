"""Snapshots with a manifest: export a store, verify and import it elsewhere.

    write_snapshot(store, format, path) -> manifest dict   # PATH + PATH.manifest.json
    verify_snapshot(path) -> (manifest, data bytes)          # raises SnapshotError
    import_snapshot(path, location, replace=False) -> manifest   # through graph/publish.py

``PATH.manifest.json`` (UTF-8 JSON, keys sorted) holds only deterministic fields, so
exporting the same store twice gives identical bytes:

    {"checksum": sha256 of the manifest's canonical JSON without "checksum",
     "counts": {"documents": graphs with a completion record, "graphs": named graphs,
                "quads": quads in the store},
     "files": [{"name": "kg.trig", "sha256": …, "size": …}],
     "format": "trig", "generation": "g000007" (the store generation it was made from),
     "policykg_version": "0.1.0", "snapshot_version": 1}

The checksum guards against accidental damage (a changed byte, an edited manifest),
not against someone who rewrites file and manifest together: it is not a signature.
Import accepts the dataset formats (TriG, N-Quads, JSON-LD); Turtle merges the graphs,
so it cannot rebuild a store.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections import defaultdict
from importlib import metadata
from pathlib import Path

import pyoxigraph as ox

from loaders.vocab import PKG

from .export import FORMATS, export, export_bytes
from .store import DocumentPayload, GraphStore, StoreError, store_exists

SNAPSHOT_VERSION = 1
IMPORTABLE = ("trig", "nquads", "jsonld")


class SnapshotError(Exception):
    """A snapshot that fails verification or cannot be imported (nothing was written)."""


def version() -> str:
    try:
        return metadata.version("policykg")
    except metadata.PackageNotFoundError:
        return "unknown"


def manifest_path(path: str | Path) -> Path:
    p = Path(path)
    return p if p.name.endswith(".manifest.json") else p.with_name(p.name + ".manifest.json")


def _canonical(obj: dict) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")


def _checksum(manifest: dict) -> str:
    return hashlib.sha256(_canonical({k: v for k, v in manifest.items() if k != "checksum"})
                          ).hexdigest()


def store_counts(store: GraphStore) -> dict[str, int]:
    docs = store.query("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?a <%s> true } }"
                       % PKG.loadComplete.value).rows[0][0]
    graphs = len(store.named_graphs())
    quads = len(store.quads())
    return {"documents": int(docs or 0), "graphs": graphs, "quads": quads}


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def write_snapshot(store: GraphStore, format: str, path: str | Path) -> dict:
    """Write the export at ``path`` and its manifest at ``path.manifest.json``."""
    out = Path(path)
    if format in FORMATS:
        _atomic_write(out, export_bytes(store, format))
    else:                          # formats graph/export.py adds later (graphml, csv, …)
        out = Path(export(store, format, out))
    files = sorted([out] if out.is_file() else [p for p in out.rglob("*") if p.is_file()])
    base = out.parent
    manifest = {
        "snapshot_version": SNAPSHOT_VERSION,
        "policykg_version": version(),
        "format": format,
        "generation": getattr(store, "generation", None),
        "counts": store_counts(store),
        "files": [{"name": p.relative_to(base).as_posix(),
                   "sha256": hashlib.sha256(p.read_bytes()).hexdigest(),
                   "size": p.stat().st_size} for p in files],
    }
    manifest["checksum"] = _checksum(manifest)
    _atomic_write(manifest_path(out), _canonical(manifest) + b"\n")
    return manifest


def verify_snapshot(path: str | Path) -> tuple[dict, Path, bytes]:
    """Check the manifest's own checksum, then every file's size and sha256.  Returns the
    manifest, the data file and its bytes; raises ``SnapshotError`` naming what differs."""
    mpath = manifest_path(path)
    if not mpath.is_file():
        raise SnapshotError(f"no manifest at {mpath}; a snapshot is PATH plus PATH.manifest.json")
    try:
        manifest = json.loads(mpath.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as e:
        raise SnapshotError(f"manifest {mpath} is not valid JSON: {e}") from None
    if not isinstance(manifest, dict) or "checksum" not in manifest:
        raise SnapshotError(f"manifest {mpath} has no checksum")
    if manifest["checksum"] != _checksum(manifest):
        raise SnapshotError(f"manifest {mpath} was modified: its checksum does not match")
    files = manifest.get("files") or []
    if len(files) != 1:
        raise SnapshotError(f"manifest {mpath} lists {len(files)} files; import takes one RDF file")
    for f in files:
        p = mpath.parent / f["name"]
        if not p.is_file():
            raise SnapshotError(f"snapshot file {p} is missing")
        data = p.read_bytes()
        if len(data) != f["size"]:
            raise SnapshotError(f"snapshot file {p} has {len(data)} bytes, the manifest says "
                                f"{f['size']}: damaged or modified")
        if hashlib.sha256(data).hexdigest() != f["sha256"]:
            raise SnapshotError(f"snapshot file {p} does not match its sha256 in the manifest: "
                                "damaged or modified")
    return manifest, p, data


def parse_snapshot(manifest: dict, data: bytes) -> dict[str, list[ox.Quad]]:
    """The snapshot's quads by named graph, checked against the manifest's counts."""
    fmt = manifest.get("format")
    if fmt not in IMPORTABLE:
        raise SnapshotError(f"a {fmt} snapshot cannot be imported (one of {', '.join(IMPORTABLE)}:"
                            " Turtle merges the named graphs)")
    try:
        quads = list(ox.parse(data, format=FORMATS[fmt]))
    except SyntaxError as e:
        raise SnapshotError(f"snapshot does not parse as {fmt}: {e}") from None
    graphs: dict[str, list[ox.Quad]] = defaultdict(list)
    for q in quads:
        if isinstance(q.graph_name, ox.DefaultGraph):
            raise SnapshotError("snapshot has triples in the default graph; PolicyKG stores "
                                "everything in named graphs")
        graphs[q.graph_name.value].append(q)
    counts = manifest.get("counts") or {}
    n = len(set(quads))
    if counts.get("quads") is not None and counts["quads"] != n:
        raise SnapshotError(f"snapshot holds {n} quads, the manifest says {counts['quads']}")
    # empty named graphs are not serialised: the file may hold fewer graphs, never more
    if counts.get("graphs") is not None and len(graphs) > counts["graphs"]:
        raise SnapshotError(f"snapshot holds {len(graphs)} graphs, the manifest says "
                            f"{counts['graphs']}")
    return graphs


def import_snapshot(path: str | Path, location: str | Path, replace: bool = False) -> dict:
    """Verify the snapshot, then publish it as a new generation of the store at
    ``location`` (a fresh store, or with ``replace`` one replacing the existing data).
    Nothing is written when verification fails."""
    from .publish import open_for_write
    manifest, _, data = verify_snapshot(path)
    graphs = parse_snapshot(manifest, data)
    if store_exists(location) and not replace:
        raise StoreError(f"store at {location} already holds data; import into a new "
                         "location, or pass --replace to replace it by the snapshot")
    payloads = [DocumentPayload(graph=g, nquads=ox.serialize(qs, format=ox.RdfFormat.N_QUADS))
                for g, qs in sorted(graphs.items())]
    with open_for_write(location, fresh=True) as store:
        store.load_documents(payloads)
        del store
    return manifest


__all__ = ["write_snapshot", "verify_snapshot", "parse_snapshot", "import_snapshot",
           "manifest_path", "store_counts", "SnapshotError", "IMPORTABLE"]
