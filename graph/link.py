"""Linking across documents: the links graph, recomputed whole on every build.

    link(store) -> LinkReport

Reads the document graphs through SPARQL, runs the pure lineage algorithms on plain
values (:mod:`graph.lineage_model`) and writes their results in ONE atomic replace of
``GRAPH.links`` (a reader never sees half of it).  Before that it makes sure the shared
regions graph is there (:mod:`graph.regions_rdf`, written only when missing or changed).

1. **Citations** (:mod:`graph.resolve`): each basis / reference is resolved to a loaded
   document by title (quotes, brackets, notice wrappers, traditional characters and
   issuer prefixes folded), doc number and issuer — identity is issuer + title (+ doc
   number), so Kaifu's plan and the Changsha bureau's plan of the same title stay two.
   ``<doc> eli:based_on|eli:cites <target>``, ``<citation> pkg:resolvesTo <target>`` and
   ``pkg:resolution`` (how).  An unresolved citation points to a stub keyed by
   :func:`~graph.resolve.stub_key` (title + the region its issuer names), so two issuers'
   same-titled plans are two stubs; :meth:`~graph.resolve.DocIndex.merge_stubs` then
   rewrites stubs a loaded document stands for.  As the graph is rebuilt whole, a stub
   whose document has arrived simply is not written again.
2. **Inferred lineage** (:mod:`graph.infer`): ``pkg:InferredLineage`` nodes (child,
   parent, confidence, reasons, method) plus ``<child> eli:applies <parent>``; asserted
   links stay ``eli:based_on`` (+ ``eli:applies`` when the target is a loaded document).
3. **Measure alignment** (:mod:`graph.align`) along every lineage path (asserted and
   inferred ancestors, :func:`graph.lineage.ancestors_map`): top three ``pkg:Alignment``
   per lower measure, ``eli:applies`` for the accepted best, ``pkg:ImplementationGap``
   and ``pkg:LocalAddition``.  Measures are fetched per document, only for documents on
   a lineage path, so the cost grows with the paths, not with all pairs of documents.
4. **Target cascade** (:mod:`graph.cascade`): ``pkg:CanonicalIndicator`` (indicators
   point to it with ``skos:exactMatch``/``closeMatch``) and one ``pkg:CascadeStep`` per
   (lower document, ancestor, indicator of the ancestor).

Every node IRI is minted from the identities it links (no blank nodes), so two builds of
the same input give the same links graph.
"""
from __future__ import annotations

import io
import multiprocessing
import os
import tempfile
import time
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import BinaryIO, Iterable

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Triple, parse, serialize

from loaders.to_rdf import org_iri, region_iri, segment, short_hash
from loaders.vocab import ELI, GRAPH, ID, LEVEL, PKG, RDF, SCHEME, SKOS, XSD

from .align import METHOD as ALIGN_METHOD
from .align import AlignmentResult, _jieba, align_lineage
from .cascade import CanonicalIndicator, CascadeStep, canonical_indicators, cascade
from .infer import RegionTree, infer_parents, path_parents, region_tree
from .lineage import ancestors_map, documents_graph
from .lineage_model import CitedTitle, DocInfo, IndicatorInfo, MeasureInfo, docs_from_rows
from .regions_rdf import load_regions
from .resolve import DocIndex, stub_key
from .store import GraphStore

INFER_METHOD = "region-ancestor+level+period+domain (graph/infer.py)"

# --- what link reads ---------------------------------------------------------------------

DOCS = """
SELECT DISTINCT ?doc ?title ?issuer ?number ?level ?region_code ?period ?doc_type WHERE {
  ?doc pkg:sourceText ?src .
  OPTIONAL { ?doc eli:title ?title }
  OPTIONAL { ?doc eli:passed_by ?org . ?org skos:prefLabel ?issuer }
  OPTIONAL { ?doc eli:id_local ?number }
  OPTIONAL { ?doc pkg:level ?lv BIND(STRAFTER(STR(?lv), "/level/") AS ?level) }
  OPTIONAL { ?doc eli:jurisdiction ?r BIND(STRAFTER(STR(?r), "/region/") AS ?region_code) }
  OPTIONAL { ?doc dcterms:temporal ?p . ?p rdfs:label ?period }
  OPTIONAL { ?doc eli:type_document ?dt BIND(STRAFTER(STR(?dt), "/doctype/") AS ?doc_type) }
}"""

CITATIONS = """
SELECT DISTINCT ?doc ?cit ?kind ?title ?issuer ?number ?written WHERE {
  ?doc pkg:sourceText ?src ; pkg:hasCitation ?cit .
  ?cit pkg:citationKind ?kind .
  OPTIONAL { ?cit pkg:citedTitle ?title }
  OPTIONAL { ?cit pkg:citedIssuer ?issuer }
  OPTIONAL { ?cit pkg:citedDocNumber ?number }
  OPTIONAL { ?cit pkg:asWritten ?written }
}"""

#: one document's measures (bound ?doc), read from the document's own graph: over the union
#: default graph the engine scans every measure of the store for each document (quadratic)
MEASURES = """
SELECT ?doc ?m ?path ?heading ?text ?order WHERE { GRAPH ?doc {
  ?m pkg:inDocument ?doc ; a pkg:Measure .
  OPTIONAL { ?m pkg:path ?path }
  OPTIONAL { ?m pkg:heading ?heading }
  OPTIONAL { ?m pkg:text ?text }
  OPTIONAL { ?m pkg:order ?order }
} }"""


#: target observations of every document (table rows and prose targets), each read in its
#: document's graph: a unit's symbol is repeated in every document graph that uses it, and
#: over the union default graph each such row came back once per document using the unit
#: (and the engine had to deduplicate them); inside GRAPH ?doc a row is read once.
TARGETS = """
SELECT ?doc ?obs ?ind ?name ?unit ?value ?comparator ?year ?baseline ?baseline_year ?bn ?table
WHERE { GRAPH ?doc {
  ?obs pkg:valueRole pkg:Target ; pkg:indicator ?ind ; pkg:inDocument ?doc ;
       sdmx-measure:obsValue ?value .
  ?ind skos:prefLabel ?name .
  OPTIONAL { ?obs pkg:comparator ?comparator }
  OPTIONAL { ?obs pkg:year ?year }
  OPTIONAL { ?obs qudt:unit ?u . ?u qudt:symbol ?unit }
  OPTIONAL { ?obs pkg:baseline ?b . ?b sdmx-measure:obsValue ?baseline
             OPTIONAL { ?b pkg:year ?baseline_year } }
  OPTIONAL { ?obs pkg:bindingNature ?bn }
  OPTIONAL { ?obs pkg:table ?table }
} }"""

#: the binding natures' Chinese labels (ontology graph)
LABELS = """
SELECT DISTINCT ?x ?label WHERE { GRAPH <%s> {
  ?x a pkg:BindingNature ; skos:prefLabel ?label FILTER(LANG(?label) = "zh") } }""" % GRAPH.ontology.value


@dataclass(frozen=True)
class LinkReport:
    resolved: int                 # citations resolved to a loaded document
    stubs: int                    # stub documents written
    edges: int                    # eli:based_on / eli:cites edges
    merged: int = 0               # stubs rewritten to a loaded document (merge_stubs)
    inferred: int = 0             # pkg:InferredLineage nodes
    alignments: int = 0           # pkg:Alignment nodes
    accepted: int = 0             # measure → measure eli:applies
    gaps: int = 0
    additions: int = 0
    canonical: int = 0            # pkg:CanonicalIndicator nodes
    cascade_steps: int = 0
    regions_loaded: bool = False  # the regions graph was (re)written by this run
    triples: int = 0              # size of the links graph
    timings: tuple[tuple[str, float], ...] = field(default=(), compare=False)


# --- small helpers -------------------------------------------------------------------------

def _dec(x: float) -> Literal:
    return Literal(format(Decimal(str(x)).normalize(), "f"), datatype=XSD.decimal)


def _int(x: int) -> Literal:
    return Literal(int(x))


def node(kind: str, *parts: str) -> NamedNode:
    """A links-graph node minted from what it links: ``…/id/{kind}/{hash}``."""
    return NamedNode(f"{ID}{kind}/{short_hash(*parts)}")


def stub_node(key: str) -> NamedNode:
    return NamedNode(f"{ID}doc/stub/{short_hash(key)}")


class _Quads:
    """The links graph as it is computed, written out a chunk at a time.

    Triples are collected per chunk (the shared part; then one chunk per child document:
    its alignments and cascade steps, whose nodes are minted from the child, so no triple
    is in two chunks) and each chunk is deduplicated and appended to ``out`` as N-Triples.
    Memory holds one chunk, not the links graph of the corpus."""

    def __init__(self, out: BinaryIO | None = None):
        self.out = out
        self.seen: set[Triple] = set()
        self.triples = 0
        self._kept: list[Triple] = []      # out=None: everything kept (small corpora, tests)

    def add(self, s, p, o) -> None:
        if o is None:
            return
        self.seen.add(Triple(s, p, o))

    def lit(self, s, p, v) -> None:
        if v is None or v == "":
            return
        self.add(s, p, Literal(v))

    def flush(self) -> None:
        if not self.seen:
            return
        self.triples += len(self.seen)
        if self.out is None:
            self._kept.extend(self.seen)
        else:
            self.out.write(serialize(self.seen, format=RdfFormat.N_TRIPLES))
        self.seen = set()

    def write_chunk(self, data: bytes, n: int) -> None:
        """Append a chunk serialised elsewhere (N-Triples, ``n`` distinct triples, none of
        them in another chunk)."""
        self.flush()
        self.triples += n
        if self.out is None:
            self._kept.extend(parse(data, format=RdfFormat.N_TRIPLES))
        else:
            self.out.write(data)

    def sorted(self) -> list[Quad]:
        self.flush()
        g = GRAPH.links
        return [Quad(t.subject, t.predicate, t.object, g) for t in
                sorted(self._kept, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))]


class _Reader:
    """Plain-value reads of the store, per document; measures of the documents in ``keep``
    (the ancestors on some lineage path) are cached, the others read when asked."""

    def __init__(self, store: GraphStore):
        self.store = store
        self._measures: dict[str, tuple[MeasureInfo, ...]] = {}
        self.keep: set[str] | None = None       # None: cache every document's measures

    def docs(self) -> tuple[list[DocInfo], list[tuple]]:
        cits = sorted(self.store.query(CITATIONS).rows, key=lambda r: tuple(x or "" for x in r))
        bases = [(d, t or w, i, n, w) for d, _c, k, t, i, n, w in cits if k == "basis"]
        rows = sorted(self.store.query(DOCS).rows, key=lambda r: tuple(x or "" for x in r))
        return docs_from_rows(rows, bases), cits

    def measures(self, doc: str) -> tuple[MeasureInfo, ...]:
        if doc in self._measures:
            return self._measures[doc]
        rows = self.store.query(MEASURES, {"doc": NamedNode(doc)}).rows
        rows = sorted(rows, key=lambda r: (int(r[5]) if r[5] else 0, r[2] or "", r[1]))
        out = tuple(MeasureInfo(m, p or "", h or "", t or h or "") for _d, m, p, h, t, _o in rows)
        if self.keep is None or doc in self.keep:
            self._measures[doc] = out
        return out

    def targets(self) -> tuple[dict[str, list[IndicatorInfo]], dict[str, str]]:
        """doc → its targets (IndicatorInfo.iri = the observation), observation → indicator."""
        out: dict[str, list[IndicatorInfo]] = {}
        obs_ind: dict[str, str] = {}
        label = dict(self.store.query(LABELS).rows)
        seen: set[str] = set()
        for (doc, obs, ind, name, unit, value, cmp_, year, base, base_year, bn,
             table) in sorted(self.store.query(TARGETS).rows,
                              key=lambda r: tuple(x or "" for x in r)):
            if obs in seen:
                continue
            seen.add(obs)
            attr = label.get(bn) if bn else None
            obs_ind[obs] = ind
            out.setdefault(doc, []).append(IndicatorInfo(
                iri=obs, name=name or "", unit=unit, target=f"{cmp_ or ''}{value}",
                year=int(year) if year else None, baseline=base,
                baseline_year=int(base_year) if base_year else None, attribute=attr,
                comparator=cmp_, source="table" if table else "prose"))
        return out, obs_ind


# --- 1. citations and stubs ------------------------------------------------------------------

@dataclass
class _Resolution:
    target: dict[str, tuple[str, str]]          # citation → (target IRI, how)
    stubs: dict[str, tuple[str, CitedTitle]]     # stub IRI → (key, a citation naming it)
    merged: int


def resolve_citations(docs: list[DocInfo], cits: list[tuple], index: DocIndex,
                      tree: RegionTree) -> _Resolution:
    by_iri = {d.iri: d for d in docs}
    target: dict[str, tuple[str, str]] = {}
    stubs: dict[str, tuple[str, CitedTitle]] = {}
    citers: dict[str, set[str]] = {}
    pending: list[tuple[str, str]] = []          # (citation, stub IRI)
    for doc, cit, kind, title, issuer, number, written in cits:
        cited = title or written
        if not cited:
            continue
        c = CitedTitle(cited, issuer, number, written, "basis" if kind == "basis" else "reference")
        iri, how = index.resolve(c, by_iri.get(doc))
        if iri:
            target[cit] = (iri, how)
            continue
        key = stub_key(c, tree)
        s = stub_node(key).value
        if s not in stubs or (c.title, c.issuer or "") < (stubs[s][1].title, stubs[s][1].issuer or ""):
            stubs[s] = (key, c)
        citers.setdefault(s, set()).add(doc)
        pending.append((cit, s))
    # a citation naming no issuer stands for the same document as the one citation of that
    # title whose issuer names a region (Anhui's and Hunan's national plan): one stub
    qualified: dict[str, list[str]] = {}
    for s, (key, _c) in stubs.items():
        title, code = split_key(key)
        if code:
            qualified.setdefault(title, []).append(s)
    alias = {}
    for s, (key, _c) in stubs.items():
        title, code = split_key(key)
        if not code and len(qualified.get(title, ())) == 1:
            alias[s] = qualified[title][0]
    for s, to in alias.items():
        citers.setdefault(to, set()).update(citers.pop(s, set()))
        del stubs[s]
    pending = [(cit, alias.get(s, s)) for cit, s in pending]
    merge = index.merge_stubs({s: k for s, (k, _c) in stubs.items()}, citers)
    for cit, s in pending:
        if s in merge.rewrites:
            target[cit] = (merge.rewrites[s], "stub-merged")
        else:
            target[cit] = (s, "stub")
    live = {s for _c, s in pending if s not in merge.rewrites}
    return _Resolution(target, {s: v for s, v in stubs.items() if s in live},
                       len(set(merge.rewrites)))


def split_key(key: str) -> tuple[str, str | None]:
    """A stub key as (folded title, region code or None)."""
    title, at, code = key.rpartition("@")
    return (title, code) if at and code.isdigit() else (key, None)


def stub_info(iri: str, key: str, cit: CitedTitle, tree: RegionTree) -> DocInfo:
    """What a stub is known to be: its title, and the level/region its issuer names."""
    code = split_key(key)[1]
    level = None
    if code:
        r = tree.g.by_code(code)
        level = r.level if r else None
    return DocInfo(iri=iri, title=cit.title, issuer=(cit.issuer,) if cit.issuer else (),
                   level=level, region_code=code, stub=True)


# --- the whole step ----------------------------------------------------------------------------

def link_quads(store: GraphStore) -> tuple[list[Quad], LinkReport]:
    """The links graph computed from the document graphs in ``store``, as sorted quads (for
    tests and small corpora: :func:`link` streams it to the store instead)."""
    q = _Quads()
    report = _compute(store, q)
    quads = q.sorted()
    return quads, replace(report, triples=len(quads))


def _compute(store: GraphStore, q: _Quads, jobs: int = 1) -> LinkReport:
    """Compute the links graph into ``q``: the shared part (citations, stubs, inferred
    lineage, canonical indicators) first, then one chunk per child document on a lineage
    path (its alignments with its ancestors' measures and its cascade steps)."""
    clock = [time.perf_counter()]
    timings: dict[str, float] = {}

    def lap(name: str) -> None:
        now = time.perf_counter()
        timings[name] = timings.get(name, 0.0) + now - clock[0]
        clock[0] = now

    tree = region_tree()
    reader = _Reader(store)
    docs, cits = reader.docs()
    index = DocIndex(docs, tree)
    res = resolve_citations(docs, cits, index, tree)
    loaded = {d.iri for d in docs}

    # 1. citation edges and stubs
    asserted: set[tuple[str, str]] = set()
    for doc, cit, kind, *_ in cits:
        if cit not in res.target:
            continue
        iri, how = res.target[cit]
        d, t = NamedNode(doc), NamedNode(iri)
        q.add(d, ELI.based_on if kind == "basis" else ELI.cites, t)
        q.add(NamedNode(cit), PKG.resolvesTo, t)
        q.lit(NamedNode(cit), PKG.resolution, how)
        if kind == "basis" and iri != doc:
            asserted.add((doc, iri))
            if iri in loaded:
                q.add(d, ELI.applies, t)
    edges = sum(1 for x in q.seen if x.predicate in (ELI.based_on, ELI.cites))
    stub_docs = []
    for s, (key, c) in sorted(res.stubs.items()):
        info = stub_info(s, key, c, tree)
        stub_docs.append(info)
        n = NamedNode(s)
        q.add(n, RDF.type, ELI.LegalResource)
        q.lit(n, ELI.title, c.title)
        q.add(n, PKG.stub, Literal(True))
        q.lit(n, PKG.stubKey, key)
        if c.issuer:
            org = org_iri(c.issuer)
            q.add(n, ELI.passed_by, org)
            q.lit(org, SKOS.prefLabel, c.issuer)
        if info.region_code:
            q.add(n, ELI.jurisdiction, region_iri(info.region_code))
        if info.level:
            q.add(n, PKG.level, LEVEL[info.level])
    lap("resolve")

    # 2. inferred lineage; a stub can be a parent when some document is based on it and
    #    its issuer names a region (a merely cited law or guideline is not a parent)
    basis_stubs = {t for _c, t in asserted}
    candidates = [d for d in stub_docs if d.iri in basis_stubs and d.region_code and d.level]
    inferred = infer_parents(docs + candidates, asserted=asserted, tree=tree)
    on_path = path_parents(inferred, docs + candidates, asserted)
    selected = {(x.child, x.parent) for x in on_path}
    for x in inferred:
        n = node("lineage", x.child, x.parent)
        q.add(n, RDF.type, PKG.InferredLineage)
        q.add(n, PKG.child, NamedNode(x.child))
        q.add(n, PKG.parent, NamedNode(x.parent))
        q.add(n, PKG.confidence, _dec(x.confidence))
        q.lit(n, PKG.method, INFER_METHOD)
        for r in x.reasons:
            q.lit(n, PKG.reason, r)
        if (x.child, x.parent) in selected:
            q.add(n, PKG.onPath, Literal(True))
        q.add(NamedNode(x.child), ELI.applies, NamedNode(x.parent))
    lap("infer")

    # lineage paths
    # paths follow the asserted parents and, per level, the most plausible inferred one
    g = documents_graph([(c, p, "asserted", 1.0) for c, p in sorted(asserted)]
                        + [(x.child, x.parent, "inferred", x.confidence) for x in on_path])
    amap = {c: [a for a in anc if a in loaded] for c, anc in ancestors_map(g).items()
            if c in loaded}
    amap = {c: a for c, a in amap.items() if a}
    lap("paths")

    # canonical indicators (corpus-wide: the same indicator across documents)
    targets, obs_ind = reader.targets()
    by_iri = {d.iri: d for d in docs}
    with_inds = {d.iri: replace(d, indicators=tuple(targets[d.iri])) for d in docs
                 if d.iri in targets}
    canon = canonical_indicators(with_inds.values())
    canon_iri = _write_canonical(q, canon, obs_ind)
    q.flush()
    lap("canonical")

    # 3.+4. per child document: alignment with its ancestors' measures, then its cascade;
    #       measures are read per document, only for documents on a path; ancestors' are
    #       read first and kept (a provincial plan is on many paths), a child's are dropped
    #       after use.  With jobs > 1 the children are worked on in forked processes that
    #       share the ancestors' measures and the indicators; the store stays in this one.
    reader.keep = {a for anc in amap.values() for a in anc}
    for a in sorted(reader.keep):
        reader.measures(a)
    work = _PathWork(by_iri, amap, reader._measures, with_inds, canon, canon_iri, obs_ind)
    totals = dict.fromkeys(("alignments", "accepted", "gaps", "additions", "steps"), 0)
    # siblings (same ancestors) one after another: their ancestors' bags stay cached
    children = sorted(amap, key=lambda c: (amap[c], c))
    tasks = ((c, reader.measures(c)) for c in children)
    lap("read")
    for data, n, counts, times in _run_paths(work, tasks, jobs if len(children) >= PARALLEL_MIN else 1):
        q.write_chunk(data, n)
        for k, v in counts.items():
            totals[k] += v
        for k, v in times.items():
            timings[k] = timings.get(k, 0.0) + v
    timings["paths_wall"] = time.perf_counter() - clock[0]

    return LinkReport(
        resolved=sum(1 for iri, how in res.target.values() if iri in loaded),
        stubs=len(res.stubs), edges=edges, merged=res.merged, inferred=len(inferred),
        alignments=totals["alignments"], accepted=totals["accepted"], gaps=totals["gaps"],
        additions=totals["additions"], canonical=len(set(canon_iri.values())),
        cascade_steps=totals["steps"], triples=q.triples,
        timings=tuple((k, round(v, 4)) for k, v in timings.items()))


#: below this many children the per-child work runs in this process (forking costs more)
PARALLEL_MIN = 40


@dataclass
class _PathWork:
    """What the per-child work needs, read-only: documents, lineage paths, the ancestors'
    measures, every document's targets and the canonical indicators."""

    by_iri: dict[str, DocInfo]
    amap: dict[str, list[str]]
    measures: dict[str, tuple[MeasureInfo, ...]]
    with_inds: dict[str, DocInfo]
    canon: dict[str, CanonicalIndicator]
    canon_iri: dict[str, NamedNode]
    obs_ind: dict[str, str]

    def child(self, task: tuple[str, tuple[MeasureInfo, ...]]
              ) -> tuple[bytes, int, dict[str, int], dict[str, float]]:
        """One child's chunk of the links graph (N-Triples), its size, counts and timings."""
        child_iri, measures = task
        t0 = time.perf_counter()
        ancestors = self.amap[child_iri]
        child = replace(self.by_iri[child_iri], measures=measures)
        anc = [replace(self.by_iri[a], measures=self.measures.get(a, ())) for a in ancestors]
        al = align_lineage([child, *anc], {child_iri: ancestors})
        q = _Quads(io.BytesIO())
        accepted = _write_alignment(q, al, {m.iri: d.iri for d in anc for m in d.measures})
        t1 = time.perf_counter()
        steps = []
        if child_iri in self.with_inds:
            path_docs = [self.with_inds[child_iri]] + [self.with_inds[a] for a in ancestors
                                                       if a in self.with_inds]
            steps = cascade(path_docs, {child_iri: ancestors}, self.canon)
            _write_cascade(q, steps, self.canon, self.canon_iri, self.obs_ind)
        q.flush()
        t2 = time.perf_counter()
        counts = {"alignments": len(al.alignments), "accepted": accepted, "gaps": len(al.gaps),
                  "additions": len(al.additions), "steps": len(steps)}
        return q.out.getvalue(), q.triples, counts, {"align": t1 - t0, "cascade": t2 - t1}


_WORK: _PathWork | None = None        # the forked workers' copy (set before the fork)


def _child_in_worker(task):
    return _WORK.child(task)


def _run_paths(work: _PathWork, tasks, jobs: int):
    """``work.child`` over ``tasks`` in order: here, or in ``jobs`` forked processes."""
    global _WORK
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for t in tasks:
            yield work.child(t)
        return
    _jieba()                          # the dictionary loaded once, before the fork
    _WORK = work
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            yield from pool.imap(_child_in_worker, tasks, chunksize=4)
    finally:
        _WORK = None


def _write_alignment(q: _Quads, al: AlignmentResult, measure_doc: dict[str, str]) -> int:
    accepted = 0
    for a in al.alignments:
        n = node("alignment", a.child, a.parent)
        q.add(n, RDF.type, PKG.Alignment)
        q.add(n, PKG.child, NamedNode(a.child))
        q.add(n, PKG.parent, NamedNode(a.parent))
        q.add(n, PKG.score, _dec(a.score))
        q.add(n, PKG.rank, _int(a.rank))
        q.add(n, PKG.accepted, Literal(bool(a.accepted)))
        q.lit(n, PKG.method, a.method or ALIGN_METHOD)
        if a.accepted:
            accepted += 1
            q.add(NamedNode(a.child), ELI.applies, NamedNode(a.parent))
    for gap in al.gaps:
        n = node("gap", gap.child_doc, gap.parent)
        q.add(n, RDF.type, PKG.ImplementationGap)
        q.add(n, PKG.childDoc, NamedNode(gap.child_doc))
        q.add(n, PKG.parentDoc, NamedNode(gap.parent_doc))
        q.add(n, PKG.parentMeasure, NamedNode(gap.parent))
        q.add(n, PKG.bestScore, _dec(gap.best_score))
        if gap.best_child:
            q.add(n, PKG.childMeasure, NamedNode(gap.best_child))
    for add in al.additions:
        n = node("local", add.child_doc, add.child)
        q.add(n, RDF.type, PKG.LocalAddition)
        q.add(n, PKG.childDoc, NamedNode(add.child_doc))
        q.add(n, PKG.childMeasure, NamedNode(add.child))
        q.add(n, PKG.bestScore, _dec(add.best_score))
        if add.best_parent:
            q.add(n, PKG.parentMeasure, NamedNode(add.best_parent))
            if add.best_parent in measure_doc:
                q.add(n, PKG.parentDoc, NamedNode(measure_doc[add.best_parent]))
    return accepted


def _write_canonical(q: _Quads, canon: dict[str, CanonicalIndicator],
                     obs_ind: dict[str, str]) -> dict[str, NamedNode]:
    """Canonical indicator nodes; returns CanonicalIndicator identity → IRI."""
    groups = {id(c): c for c in canon.values()}
    by_key: dict[str, list[CanonicalIndicator]] = {}
    for c in groups.values():
        by_key.setdefault(c.key, []).append(c)
    out: dict[int, NamedNode] = {}
    for key, cs in sorted(by_key.items()):
        cs.sort(key=lambda c: (c.dimension, min(c.members)))
        for i, c in enumerate(cs):
            local = segment(key) if i == 0 else f"{segment(key)}__{segment(c.dimension)}_{i}"
            n = NamedNode(f"{ID}canonical-indicator/{local}")
            out[id(c)] = n
            q.add(n, RDF.type, PKG.CanonicalIndicator)
            q.add(n, RDF.type, SKOS.Concept)
            q.add(n, SKOS.inScheme, SCHEME.canonical_indicators)
            q.lit(n, SKOS.prefLabel, c.label)
            q.lit(n, PKG.dimension, c.dimension)
            exact = {obs_ind.get(m, m) for m in c.exact}
            for ind in sorted(exact):
                q.add(NamedNode(ind), SKOS.exactMatch, n)
            for ind in sorted({obs_ind.get(m, m) for m in c.close} - exact):
                q.add(NamedNode(ind), SKOS.closeMatch, n)
    return {m: out[id(c)] for m, c in canon.items()}


def _write_cascade(q: _Quads, steps: Iterable[CascadeStep], canon: dict[str, CanonicalIndicator],
                   canon_iri: dict[str, NamedNode], obs_ind: dict[str, str]) -> None:
    for s in steps:
        ci = canon_iri[s.parent_indicator]
        n = node("cascade", s.parent_doc, s.child_doc, ci.value)
        q.add(n, RDF.type, PKG.CascadeStep)
        q.add(n, PKG.canonicalIndicator, ci)
        q.add(n, PKG.parentDoc, NamedNode(s.parent_doc))
        q.add(n, PKG.childDoc, NamedNode(s.child_doc))
        q.add(n, PKG.parentObservation, NamedNode(s.parent_indicator))
        q.add(n, PKG.parentIndicator, NamedNode(obs_ind.get(s.parent_indicator, s.parent_indicator)))
        if s.child_indicator:
            q.add(n, PKG.childObservation, NamedNode(s.child_indicator))
            q.add(n, PKG.childIndicator, NamedNode(obs_ind.get(s.child_indicator, s.child_indicator)))
        if s.parent_target is not None:
            q.add(n, PKG.parentTarget, _dec(s.parent_target))
        if s.child_target is not None:
            q.add(n, PKG.childTarget, _dec(s.child_target))
        q.lit(n, PKG.parentComparator, s.parent_comparator)
        q.lit(n, PKG.childComparator, s.child_comparator)
        if s.parent_year is not None:
            q.add(n, PKG.parentYear, _int(s.parent_year))
        if s.child_year is not None:
            q.add(n, PKG.childYear, _int(s.child_year))
        q.lit(n, PKG.parentUnit, s.parent_unit)
        q.lit(n, PKG.childUnit, s.child_unit)
        q.lit(n, PKG.parentBinding, s.parent_binding)
        q.lit(n, PKG.childBinding, s.child_binding)
        if s.ratio is not None:
            q.add(n, PKG.escalationRatio, _dec(s.ratio))
        if s.deadline_shift is not None:
            q.add(n, PKG.deadlineShift, _int(s.deadline_shift))
        q.lit(n, PKG.bindingChange, s.binding_change)
        q.lit(n, PKG.cascadeLabel, s.label)


def link(store: GraphStore, workdir: str | os.PathLike | None = None, jobs: int = 1) -> LinkReport:
    """Load the regions graph if needed, recompute the links graph and replace it in one
    write (``GraphStore.replace_graph_file``).  The graph is streamed through an N-Triples
    file in ``workdir`` (default: the system's temporary folder), never held in memory.
    ``jobs`` > 1 aligns and cascades the children in that many forked processes."""
    t0 = time.perf_counter()
    regions = load_regions(store)
    t1 = time.perf_counter()
    with tempfile.NamedTemporaryFile(prefix="policykg-links-", suffix=".nt", dir=workdir) as f:
        report = _compute(store, _Quads(f), jobs=jobs)
        f.flush()
        t2 = time.perf_counter()
        store.replace_graph_file(GRAPH.links, f.name)
    t3 = time.perf_counter()
    timings = ((("regions", round(t1 - t0, 4)),) + report.timings
               + (("write", round(t3 - t2, 4)), ("total", round(t3 - t0, 4))))
    return replace(report, regions_loaded=regions, timings=timings)


__all__ = ["link", "link_quads", "LinkReport", "resolve_citations", "stub_node", "node",
           "INFER_METHOD"]
