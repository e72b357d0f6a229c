"""Adding an uploaded document: read, parse, preview, then write through the loader API.

    check_upload(name, raw) -> SourceDoc          (LoaderError with the reason otherwise)
    parse_upload(name, raw) -> PolicyDoc
    add_document(store, doc) -> LoadedDoc          (graph.build.load_document + graph.link.link)

The write is the same one ``policykg build`` makes for each file: one atomic replace of
the document's graph, then the links graph recomputed (stubs merge, lineage edges), then
a flush so read-only readers (the SPARQL child) see it.
"""
from __future__ import annotations

from loaders import LoaderError, PolicyDoc, parse
from loaders.read import MAX_BYTES, read_bytes

ALLOWED = (".txt", ".docx", ".html", ".htm", ".pdf")


def check_upload(name: str, raw: bytes):
    if len(raw) > MAX_BYTES:
        raise LoaderError(name, f"file too large: {len(raw):,} bytes (limit {MAX_BYTES:,})")
    if not name.lower().endswith(ALLOWED):
        raise LoaderError(name, f"unsupported file type (use {' '.join(ALLOWED)})")
    return read_bytes(raw, name)


def parse_upload(name: str, raw: bytes) -> PolicyDoc:
    return parse(check_upload(name, raw))


def add_document(store, doc: PolicyDoc):
    from graph.build import load_document
    from graph.link import link
    loaded = load_document(store, doc)
    link(store)
    flush = getattr(store, "flush", None)
    if callable(flush):
        flush()
    return loaded


__all__ = ["check_upload", "parse_upload", "add_document", "MAX_BYTES", "ALLOWED"]
