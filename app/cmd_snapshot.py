"""`policykg import PATH [--store DIR] [--replace]`: load a verified snapshot into a store.

The snapshot is ``PATH`` plus ``PATH.manifest.json`` as ``policykg export`` writes them
(graph/snapshot.py).  The manifest's own checksum and every file's size and sha256 are
checked first; a damaged or edited snapshot is refused (exit 1) and nothing is written.
The data then goes into a fresh generation of the store, published atomically
(graph/publish.py): readers see the old store or the imported one, never a mix.
"""
from __future__ import annotations

import sys


def cmd_import(args) -> int:
    from graph.snapshot import SnapshotError, import_snapshot
    from graph.store import StoreError
    try:
        manifest = import_snapshot(args.path, args.store, replace=args.replace)
    except SnapshotError as e:
        print(f"error: snapshot refused: {e}", file=sys.stderr)
        return 1
    except StoreError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    c = manifest.get("counts", {})
    print(f"imported {c.get('documents')} document(s), {c.get('graphs')} graph(s), "
          f"{c.get('quads')} quad(s) from {args.path} into {args.store}")
    return 0


def register(sub, store_option) -> None:
    p = sub.add_parser("import", help="load a snapshot written by `export` (checksums verified)")
    p.add_argument("path", metavar="PATH", help="the exported file (PATH.manifest.json beside it)")
    p.add_argument("--replace", action="store_true",
                   help="replace the data of an existing store by the snapshot")
    store_option(p)
    p.set_defaults(func=cmd_import)
