"""The regions graph: every GB/T 2260 division as a SKOS concept with its parent and coordinates.

    load_regions(store) -> bool      # True when the graph was (re)written

One IRI per 6-digit code (``…/id/region/{code}``, the IRI documents already use for
``eli:jurisdiction``) with ``skos:prefLabel`` (and the short name as ``skos:altLabel``),
``skos:notation``, ``skos:broader`` to the parent division, ``pkg:level`` and
``geo:lat``/``geo:long`` (WGS84), all in the shared graph ``GRAPH.regions``.  The
divisions come from ``loaders.regions.gazetteer()`` (cpca's ``adcodes.csv``, MIT); the
country ``100000`` is the top concept of ``scheme:regions``.

About 3,500 regions: the graph carries the SHA-256 of the gazetteer's source file and
of this mapping's version, and is rewritten only when that fingerprint changes (or the
graph is missing), so a build does not rewrite 30,000 unchanged triples every time.
"""
from __future__ import annotations

import hashlib
from decimal import Decimal

from pyoxigraph import Literal, NamedNode, Quad

from loaders.regions import Gazetteer, _csv_path, gazetteer
from loaders.to_rdf import region_iri
from loaders.vocab import DCAT, GEO, GRAPH, LEVEL, PKG, RDF, SCHEME, SKOS, XSD

from .store import GraphStore

#: Bump when the mapping below changes: the fingerprint then differs and the graph is rewritten.
MAPPING_VERSION = "1"


def fingerprint() -> str:
    h = hashlib.sha256(f"regions-rdf v{MAPPING_VERSION}\n".encode())
    h.update(_csv_path().read_bytes())
    return h.hexdigest()


def _coord(x: float | None) -> Literal | None:
    if x is None:
        return None
    return Literal(format(Decimal(str(x)), "f"), datatype=XSD.decimal)


def region_quads(g: Gazetteer | None = None, stamp: str | None = None) -> list[Quad]:
    """All quads of the regions graph (sorted by region code, deterministic)."""
    g = g or gazetteer()
    graph = GRAPH.regions
    out: list[Quad] = []

    def add(s, p, o) -> None:
        if o is not None:
            out.append(Quad(s, p, o, graph))

    add(graph, RDF.type, DCAT.Dataset)
    add(graph, PKG.sha256, Literal(stamp or fingerprint()))
    add(SCHEME.regions, SKOS.hasTopConcept, region_iri(g.country().code))
    for r in g:
        s = region_iri(r.code)
        add(s, RDF.type, PKG.Region)
        add(s, SKOS.inScheme, SCHEME.regions)
        add(s, SKOS.notation, Literal(r.code))
        add(s, SKOS.prefLabel, Literal(r.name))
        if r.short_name and r.short_name != r.name:
            add(s, SKOS.altLabel, Literal(r.short_name))
        add(s, PKG.level, LEVEL[r.level])
        if r.parent_code:
            add(s, SKOS.broader, region_iri(r.parent_code))
        add(s, GEO.lat, _coord(r.lat))
        add(s, GEO.long, _coord(r.lon))
    return out


_STAMP = "SELECT ?g ?p ?h WHERE { GRAPH ?g { ?g ?p ?h } }"


def loaded_fingerprint(store: GraphStore) -> str | None:
    rows = store.query(_STAMP, {"g": GRAPH.regions, "p": PKG.sha256}).rows
    return rows[0][2] if rows else None


def load_regions(store: GraphStore, force: bool = False) -> bool:
    """Write the regions graph unless the store already holds this version of it."""
    stamp = fingerprint()
    if not force and loaded_fingerprint(store) == stamp:
        return False
    store.replace_graph(GRAPH.regions, region_quads(stamp=stamp))
    return True




__all__ = ["load_regions", "region_quads", "fingerprint", "loaded_fingerprint", "MAPPING_VERSION"]
