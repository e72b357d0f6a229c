"""Adding an uploaded document: read, parse, preview, then write through the loader API.

    check_upload(name, raw) -> SourceDoc          (LoaderError with the reason otherwise)
    parse_upload(name, raw) -> PolicyDoc
    add_document(location, doc) -> LoadedDoc       (a new published generation)

The write is the same one ``policykg build`` makes for each file, through the store
protocol (docs/store_protocol.md): ``open_for_write(location)`` copies the published
generation aside, ``graph.build.load_document`` replaces the document's graph in one
atomic update, ``graph.link.link`` recomputes the links graph (stubs merge, lineage
edges, alignment), ``graph.stats.write_stats`` the corpus figures; the generation is
published when the block ends (discarded on error).  Readers switch on their next
``Reader.store()``.  Another writer at work (a ``policykg build``) raises ``StoreBusy``
at once instead of making the page wait.
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


def add_document(location, doc: PolicyDoc, wait: bool = False):
    from graph.build import load_document
    from graph.link import link
    from graph.publish import open_for_write
    from graph.stats import write_stats
    with open_for_write(location, wait=wait) as s:
        loaded = load_document(s, doc)
        link(s)
        write_stats(s)
    return loaded


__all__ = ["check_upload", "parse_upload", "add_document", "MAX_BYTES", "ALLOWED"]
