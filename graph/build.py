"""Build: files → parse → quads → one named graph per document, then the shared graphs.

    build(paths, store, jobs=1) -> BuildReport

Each document graph is written in one atomic replace that also carries its completion
record (``<load activity> pkg:loadComplete true``), so a reader never sees half a
document.  A file that fails to load (``LoaderError``) is reported in
``BuildReport.rejected`` and nothing of it is written; the others go on.  After the
documents: the ontology graph (ontology/*.ttl) and the links graph (graph/link.py).
"""
from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox

from loaders import LoaderError, PolicyDoc, parse_file
from loaders.to_rdf import doc_iri, source_iri, to_quads
from loaders.vocab import GRAPH, PKG

from .link import LinkReport, link
from .store import GraphStore

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpus"
ONTOLOGY_DIR = ROOT / "ontology"
ONTOLOGY_FILES = ("policykg.ttl", "schemes.ttl", "shapes.ttl")
#: file types picked up when a folder is given (explicit file paths are always tried)
DOCUMENT_SUFFIXES = {".txt", ".docx", ".html", ".htm", ".pdf"}


@dataclass(frozen=True)
class LoadedDoc:
    path: str
    iri: str
    title: str | None
    triples: int


@dataclass
class BuildReport:
    loaded: list[LoadedDoc] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)   # (path, one-line message)
    links: LinkReport | None = None

    @property
    def ok(self) -> bool:
        return not self.rejected


def expand(paths: Iterable[str | Path] | None) -> list[Path]:
    """Files as given, folders walked recursively for document files (sorted)."""
    out: list[Path] = []
    for p in (paths or [CORPUS]):
        p = Path(p)
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file()
                              and f.suffix.lower() in DOCUMENT_SUFFIXES
                              and not any(part.startswith(".") for part in f.relative_to(p).parts)))
        else:
            out.append(p)
    return out


def _parse(path: Path) -> PolicyDoc | str:
    """The parse, or the one-line LoaderError message (a str pickles across processes)."""
    try:
        return parse_file(path)
    except LoaderError as e:
        return str(e)


def ontology_quads() -> list[ox.Quad]:
    quads = []
    for name in ONTOLOGY_FILES:
        for q in ox.parse(path=str(ONTOLOGY_DIR / name), format=ox.RdfFormat.TURTLE):
            quads.append(ox.Quad(q.subject, q.predicate, q.object, GRAPH.ontology))
    return quads


def load_ontology(store: GraphStore) -> int:
    return store.replace_graph(GRAPH.ontology, ontology_quads())


_SAME_SOURCE = """
SELECT DISTINCT ?g ?p ?src WHERE { GRAPH ?g { ?doc ?p ?src } }"""


def load_document(store: GraphStore, doc: PolicyDoc) -> LoadedDoc:
    """Write one parsed document: its graph replaced atomically, together with the removal
    of any older graph of the same source text (a parse that minted another IRI)."""
    iri = doc_iri(doc)
    quads = to_quads(doc)
    stale = store.query(_SAME_SOURCE, {"p": PKG.sourceText, "src": source_iri(doc.source.text_sha256)})
    drop = [g for (g, _, _) in stale.rows if g and g != iri.value]
    n = store.replace_graph(iri, quads, drop=drop)
    return LoadedDoc(path=doc.source.path, iri=iri.value, title=doc.meta.title, triples=n)


def build(paths: Iterable[str | Path] | None, store: GraphStore, jobs: int = 1) -> BuildReport:
    """Load files or folders (default: the bundled corpus) into ``store``."""
    files = expand(paths)
    report = BuildReport()
    if jobs > 1 and len(files) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(_parse, files))
    else:
        results = [_parse(f) for f in files]
    for path, res in zip(files, results):
        if isinstance(res, str):
            report.rejected.append((str(path), res))
            continue
        report.loaded.append(load_document(store, res))
    load_ontology(store)
    report.links = link(store)
    flush = getattr(store, "flush", None)
    if callable(flush):
        flush()
    return report


__all__ = ["build", "BuildReport", "LoadedDoc", "expand", "load_document", "load_ontology",
           "ontology_quads", "CORPUS", "ONTOLOGY_DIR"]
