"""Linking across documents (v1): citations resolved to loaded documents or stubs.

The links graph (``GRAPH.links``) is recomputed whole on every build and written in
one atomic replace.  For each citation of each loaded document:

* ``basis`` → ``<doc> eli:based_on <target>``, ``reference`` → ``<doc> eli:cites <target>``,
  and ``<citation> pkg:resolvesTo <target>``;
* the target is the loaded document whose title (or the title of the notice that
  wraps it) equals the cited title after folding (width, quotes, brackets); a
  document never resolves a citation to itself; among several candidates the one
  whose issuer matches the cited issuer wins, then the smallest IRI;
* otherwise a stub: ``…/id/doc/stub/{hash of folded title}``, an ``eli:LegalResource``
  with ``eli:title`` and ``pkg:stub true``.  A stub disappears by itself once the
  real document is loaded, as the graph is recomputed.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode, Quad

from loaders.vocab import ELI, GRAPH, PKG, PREFIXES, RDF

from .ids import fold, stub_iri
from .store import GraphStore

_PREFIX = "".join(f"PREFIX {p}: <{b}>\n" for p, b in PREFIXES.items())

DOCS = _PREFIX + """
SELECT ?doc ?title ?notice ?issuer WHERE {
  ?doc pkg:sourceText ?src .
  OPTIONAL { ?doc eli:title ?title }
  OPTIONAL { ?doc pkg:noticeTitle ?notice }
  OPTIONAL { ?doc eli:passed_by ?org . ?org skos:prefLabel ?issuer }
}"""

CITATIONS = _PREFIX + """
SELECT ?doc ?cit ?kind ?written ?title ?issuer WHERE {
  ?doc pkg:hasCitation ?cit .
  ?cit pkg:citationKind ?kind .
  OPTIONAL { ?cit pkg:asWritten ?written }
  OPTIONAL { ?cit pkg:citedTitle ?title }
  OPTIONAL { ?cit pkg:citedIssuer ?issuer }
}"""


@dataclass(frozen=True)
class LinkReport:
    resolved: int        # citations resolved to a loaded document
    stubs: int           # stub documents created
    edges: int           # eli:based_on / eli:cites edges


def _issuer_matches(cited: str | None, issuers: set[str]) -> bool:
    c = fold(cited)
    return bool(c) and any(c in i or i in c for i in issuers if i)


def link_quads(store: GraphStore) -> tuple[list[Quad], LinkReport]:
    """Compute the links graph from the document graphs in ``store``."""
    by_title: dict[str, set[str]] = defaultdict(set)
    issuers: dict[str, set[str]] = defaultdict(set)
    for doc, title, notice, issuer in store.query(DOCS).rows:
        for t in (title, notice):
            if t:
                by_title[fold(t)].add(doc)
        if issuer:
            issuers[doc].add(fold(issuer))

    g = GRAPH.links
    quads: set[Quad] = set()
    stubs: dict[str, str] = {}          # stub IRI -> title (smallest as-written, deterministic)
    resolved = 0
    for doc, cit, kind, written, title, issuer in sorted(store.query(CITATIONS).rows,
                                                          key=lambda r: tuple(x or "" for x in r)):
        cited = title or written
        key = fold(cited)
        if not key:
            continue
        candidates = sorted(by_title.get(key, set()) - {doc})
        if candidates:
            preferred = [c for c in candidates if _issuer_matches(issuer, issuers[c])]
            target = NamedNode((preferred or candidates)[0])
            resolved += 1
        else:
            target = stub_iri(cited)
            if target.value not in stubs or cited < stubs[target.value]:
                stubs[target.value] = cited
        edge = ELI.based_on if kind == "basis" else ELI.cites
        quads.add(Quad(NamedNode(doc), edge, target, g))
        quads.add(Quad(NamedNode(cit), PKG.resolvesTo, target, g))
    for iri, title in stubs.items():
        s = NamedNode(iri)
        quads.add(Quad(s, RDF.type, ELI.LegalResource, g))
        quads.add(Quad(s, ELI.title, Literal(title), g))
        quads.add(Quad(s, PKG.stub, Literal(True), g))
    edges = sum(1 for q in quads if q.predicate in (ELI.based_on, ELI.cites))
    ordered = sorted(quads, key=lambda q: (str(q.subject), str(q.predicate), str(q.object)))
    return ordered, LinkReport(resolved=resolved, stubs=len(stubs), edges=edges)


def link(store: GraphStore) -> LinkReport:
    """Recompute the links graph and replace it in one atomic operation."""
    quads, report = link_quads(store)
    store.replace_graph(GRAPH.links, quads)
    return report


__all__ = ["link", "link_quads", "LinkReport"]
