"""Build: files → parse → quads → one named graph per document, then the shared graphs.

    build(paths, store, jobs=1) -> BuildReport

Each document graph is written in one atomic replace that also carries its completion
record (``<load activity> pkg:loadComplete true``), so a reader never sees half a
document.  A file that fails to load (``LoaderError``) is reported in
``BuildReport.rejected`` and nothing of it is written; the others go on.  After the
documents: the ontology graph (ontology/*.ttl), the links graph (graph/link.py) and the
corpus statistics graph (graph/stats.py).

Scale: parsing runs in ``--jobs`` processes that send each document back as N-Quads
bytes; the parent streams them in input order (a bounded window, never the whole
corpus) and writes batches through ``GraphStore.load_documents``, which bulk-loads
graphs new to the store in one atomic call per batch and replaces existing graphs
one transaction each.  Either way a document graph and its completion record arrive
together or not at all.
"""
from __future__ import annotations

import time
from collections import defaultdict, deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox

from loaders import LoaderError, PolicyDoc, parse_file
from loaders.to_rdf import doc_iri, source_iri, to_quads
from loaders.vocab import GRAPH, PKG

from .link import LinkReport, link
from .stats import StatsReport, write_stats
from .store import DocumentPayload, GraphStore

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpus"
ONTOLOGY_DIR = ROOT / "ontology"
ONTOLOGY_FILES = ("policykg.ttl", "schemes.ttl", "shapes.ttl")
#: file types picked up when a folder is given (explicit file paths are always tried)
DOCUMENT_SUFFIXES = {".txt", ".docx", ".html", ".htm", ".pdf"}
#: documents are written in batches of about this many bytes of N-Quads
BATCH_BYTES = 128 * 2**20


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
    stats: StatsReport | None = None
    chars: int = 0                                  # characters of text parsed
    timings: dict[str, float] = field(default_factory=dict)   # seconds, see build()

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


@dataclass(frozen=True)
class ParsedFile:
    """What a parse worker sends back: small and picklable (the graph as N-Quads bytes)."""

    path: str
    iri: str | None = None
    title: str | None = None
    sha256: str | None = None
    triples: int = 0
    chars: int = 0
    nquads: bytes = b""
    error: str | None = None
    parse_s: float = 0.0
    rdf_s: float = 0.0


def parse_to_nquads(path: str | Path) -> ParsedFile:
    """Read, parse and map one file; the document graph serialised as N-Quads (its
    completion record included).  Runs in the worker processes of ``build``."""
    t0 = time.perf_counter()
    res = _parse(Path(path))
    t1 = time.perf_counter()
    if isinstance(res, str):
        return ParsedFile(path=str(path), error=res, parse_s=t1 - t0)
    quads = to_quads(res)
    data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    t2 = time.perf_counter()
    return ParsedFile(path=str(path), iri=doc_iri(res).value, title=res.meta.title,
                      sha256=res.source.text_sha256, triples=len(quads),   # to_quads: no duplicates
                      chars=len(res.source.text), nquads=data, parse_s=t1 - t0, rdf_s=t2 - t1)


def _worker_init() -> None:
    """A parse worker loads the gazetteer and the folding table once, then moves them (and
    everything else alive) out of the cyclic garbage collector's reach: its full passes no
    longer walk ~77k long-lived objects for every document."""
    import gc
    from loaders.regions import gazetteer
    gazetteer()
    gc.freeze()


def parsed_stream(files: Iterable[Path], jobs: int = 1, window: int | None = None
                  ) -> Iterator[ParsedFile]:
    """``parse_to_nquads`` over ``files`` in input order, in ``jobs`` processes with at
    most ``window`` files in flight: memory stays bounded whatever the corpus size."""
    if jobs <= 1:
        for f in files:
            yield parse_to_nquads(f)
        return
    window = window or jobs * 4
    it = iter(files)
    # the platform default (fork on Linux): workers start at the first submissions, while
    # the parent is small, and never touch the parent's store
    with ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init) as pool:
        pending = deque(pool.submit(parse_to_nquads, f) for f in islice(it, window))
        while pending:
            fut = pending.popleft()
            nxt = next(it, None)
            if nxt is not None:
                pending.append(pool.submit(parse_to_nquads, nxt))
            yield fut.result()


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


_STALE = """
SELECT DISTINCT ?g ?src WHERE { VALUES ?src { %s } GRAPH ?g { ?doc <%s> ?src } }"""


def _write_batch(store: GraphStore, batch: list[ParsedFile], report: BuildReport) -> None:
    """One batch of parsed documents into the store (bulk where the store can)."""
    srcs = {source_iri(p.sha256).value: p for p in batch}
    stale: dict[str, set[str]] = defaultdict(set)
    for g, src in store.query(_STALE % (" ".join(f"<{s}>" for s in srcs), PKG.sourceText.value)).rows:
        stale[src].add(g)
    payloads = []
    for p in batch:
        drop = tuple(sorted(stale.get(source_iri(p.sha256).value, set()) - {p.iri}))
        payloads.append(DocumentPayload(graph=p.iri, nquads=p.nquads, drop=drop))
        report.loaded.append(LoadedDoc(path=p.path, iri=p.iri, title=p.title, triples=p.triples))
    store.load_documents(payloads)


def build(paths: Iterable[str | Path] | None, store: GraphStore, jobs: int = 1,
          batch_bytes: int = BATCH_BYTES, with_links: bool = True) -> BuildReport:
    """Load files or folders (default: the bundled corpus) into ``store``.

    Documents are parsed in ``jobs`` processes (each returns its graph as N-Quads),
    streamed in input order and written in batches of about ``batch_bytes`` (bulk
    loading into a fresh store, atomic per batch; see ``GraphStore.load_documents``),
    so memory does not grow with the corpus.  Then the ontology, the links graph
    (``graph.link.link``) and the corpus statistics graph (``graph.stats``).
    ``report.timings`` splits the time: parse and rdf (summed over workers), store,
    link, stats, total (wall clock).  ``with_links=False`` stops after the documents
    and the ontology (the benchmark times ``finish_build`` on its own).
    """
    t_start = time.perf_counter()
    report = BuildReport()
    tm = report.timings
    for k in ("parse", "rdf", "store", "wait", "link", "stats"):
        tm[k] = 0.0
    batch: list[ParsedFile] = []
    size = 0

    def flush_batch() -> None:
        nonlocal batch, size
        if batch:
            t = time.perf_counter()
            _write_batch(store, batch, report)
            tm["store"] += time.perf_counter() - t
        batch, size = [], 0

    stream = parsed_stream(expand(paths), jobs)
    while True:
        t = time.perf_counter()
        p = next(stream, None)
        tm["wait"] += time.perf_counter() - t
        if p is None:
            break
        tm["parse"] += p.parse_s
        tm["rdf"] += p.rdf_s
        report.chars += p.chars
        if p.error is not None:
            report.rejected.append((p.path, p.error))
            continue
        if any(b.iri == p.iri for b in batch):
            flush_batch()            # the same graph twice: the later copy replaces
        batch.append(p)
        size += len(p.nquads)
        if size >= batch_bytes:
            flush_batch()
    flush_batch()
    t = time.perf_counter()
    load_ontology(store)
    tm["store"] += time.perf_counter() - t
    if with_links:
        finish_build(store, report, jobs=jobs)
    else:
        store.flush()
    tm["total"] = time.perf_counter() - t_start
    return report


def finish_build(store: GraphStore, report: BuildReport | None = None, jobs: int = 1) -> BuildReport:
    """The shared graphs computed over the loaded documents: links (the per-document work in
    ``jobs`` processes), then statistics."""
    report = report or BuildReport()
    tm = report.timings
    t = time.perf_counter()
    report.links = link(store, jobs=jobs)
    tm["link"] = time.perf_counter() - t
    t = time.perf_counter()
    report.stats = write_stats(store)
    tm["stats"] = time.perf_counter() - t
    t = time.perf_counter()
    store.flush()
    tm["store"] = tm.get("store", 0.0) + time.perf_counter() - t
    return report


__all__ = ["build", "finish_build", "BuildReport", "LoadedDoc", "ParsedFile", "parse_to_nquads", "parsed_stream", "expand", "load_document", "load_ontology",
           "ontology_quads", "CORPUS", "ONTOLOGY_DIR"]
