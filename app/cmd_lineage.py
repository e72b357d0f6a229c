"""`policykg lineage DOC [--direction up|down] [--format table|json] [--store DIR]`.

DOC is a document IRI, a title (an ambiguous one — Kaifu's equals its parent's — lists
the candidates with their issuers and exits 2) or a file path matched by the content
hash of its loaded text.  Prints the lineage tree with asserted (based_on, ``=>``) and
inferred (``~>``, with confidence) edges marked; stubs are flagged.
"""
from __future__ import annotations

import json
import sys

MARK = {"asserted": "=>", "inferred": "~>"}


def _label(line) -> str:
    bits = [line.title or line.doc]
    meta = ", ".join(x for x in (line.level, line.issuer) if x)
    if meta:
        bits.append(f"({meta})")
    if line.stub:
        bits.append("[stub]")
    return " ".join(bits)


def cmd_lineage(args) -> int:
    from graph.lineage import find_document, lineage_tree, store_documents_graph
    from graph.store import StoreError, open_store
    try:
        store = open_store(args.store, read_only=True)
    except StoreError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    found = find_document(store, args.doc)
    if not found:
        print(f"error: no document matches {args.doc!r} (an IRI, a title or a loaded file)",
              file=sys.stderr)
        return 2
    if len(found) > 1:
        print(f"error: {args.doc!r} is ambiguous; give one of these IRIs:", file=sys.stderr)
        for c in found:
            print(f"  {c.iri}  {c.title or ''}  — {c.issuer or 'issuer unknown'}"
                  + (f" ({c.level})" if c.level else "") + ("  [stub]" if c.stub else ""),
                  file=sys.stderr)
        return 2
    g = store_documents_graph(store)
    lines = lineage_tree(g, found[0].iri, args.direction)
    if args.format == "json":
        rows = [{"depth": x.depth, "doc": x.doc, "title": x.title, "level": x.level,
                 "issuer": x.issuer, "stub": x.stub, "kind": x.kind,
                 "confidence": x.confidence, "repeated": x.repeated} for x in lines]
        sys.stdout.write(json.dumps({"doc": found[0].iri, "direction": args.direction,
                                     "lineage": rows}, ensure_ascii=False, indent=1) + "\n")
        return 0
    for x in lines:
        if x.depth == 0:
            print(_label(x))
            print(f"  {x.doc}")
            continue
        mark = MARK.get(x.kind or "", "->")
        conf = f" {x.confidence:.2f}" if x.kind == "inferred" and x.confidence is not None else ""
        print(f"{'    ' * (x.depth - 1)}  {mark} {x.kind}{conf}: {_label(x)}"
              + (" (see above)" if x.repeated else ""))
    if len(lines) == 1:
        print("  (no " + ("ancestors" if args.direction == "up" else "descendants") + ")")
    print(f"\n=> asserted (根据/按照 … eli:based_on)   ~> inferred (pkg:InferredLineage)")
    return 0


def register(sub, store_option) -> None:
    p = sub.add_parser("lineage", help="the plans a document implements (up) or that implement it (down)")
    p.add_argument("doc", metavar="DOC", help="document IRI, title, or a loaded file")
    p.add_argument("--direction", choices=["up", "down"], default="up")
    p.add_argument("--format", choices=["table", "json"], default="table")
    store_option(p)
    p.set_defaults(func=cmd_lineage)
