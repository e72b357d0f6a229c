"""Inferred parents: a plan's likely higher plans when it names none (or in addition).

A candidate parent of document C is a document P that
- sits at a higher administrative level than C,
- covers a region that is an ancestor of C's region (GB/T 2260 codes, the
  parent chain of cpca's ``adcodes.csv``; the country ``100000`` covers all),
- has a plan period overlapping C's,
- belongs to the same policy domain (市场监管).

Each candidate gets a confidence in [0, 1] and human-readable reasons.  Inferred
links are :class:`InferredParent` values, never mixed with asserted ``based_on``
links (the link step writes them as ``pkg:InferredLineage`` nodes).

Cost: documents are indexed by region code once; each child looks up the few
codes of its ancestor chain, so the work is linear in the number of documents
(times the depth of the hierarchy, at most four).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from .lineage_model import COUNTRY_CODE, LEVEL_RANK, DocInfo

DOMAIN_MARKERS = ("市场监管", "市场监督管理", "市监")

#: Confidence weights; documented in docs/alignment_eval.md and the reasons strings.
W_REGION = {1: 0.45, 2: 0.35, 3: 0.25}   # by number of region steps up (1 = direct parent)
W_PERIOD = 0.25                          # times the share of the child's period covered
W_DOMAIN = 0.2
W_TYPE = 0.1                             # both plans of the same kind (规划/方案/要点)


@dataclass(frozen=True)
class InferredParent:
    child: str
    parent: str
    confidence: float
    reasons: tuple[str, ...]
    kind: str = "inferred"      # never "asserted": asserted links are eli:based_on


# --- the region tree --------------------------------------------------------------------

class RegionTree:
    """Region ancestry and region mentions, over ``loaders.regions``' gazetteer (cpca adcodes)."""

    def __init__(self, gazetteer=None):
        if gazetteer is None:
            from loaders.regions import gazetteer as _g
            gazetteer = _g()
        self.g = gazetteer

    def name(self, code: str | None) -> str:
        r = self.g.by_code(code) if code else None
        return r.name if r else "?"

    def parent(self, code: str | None) -> str | None:
        anc = self.ancestors(code)
        return anc[0] if anc else None

    def ancestors(self, code: str | None) -> list[str]:
        """Parent first, the country last."""
        return [r.code for r in self.g.ancestors(code)] if code else []

    def is_ancestor(self, anc: str | None, code: str | None) -> bool:
        return bool(anc) and anc in self.ancestors(code)

    def find(self, text: str | None) -> str | None:
        """The division an issuer (or title) names, or None.

        National bodies (国家…, 国务院, 中共中央) give the country.  A name shared by
        several divisions (鼓楼区: four cities) counts only when an ancestor is named
        too; a bare ambiguous name gives None rather than a guess.
        """
        if not text:
            return None
        from loaders.regions import NATIONAL_BODY
        names = [n for _s, _e, n in self.g.find(text)]
        if not names:
            return COUNTRY_CODE if NATIONAL_BODY.match(text) else None
        r = self.g.resolve(names)
        if r is None:
            return None
        if len(self.g.by_name(r.name)) > 1 and not any(
                a.name in names or a.short_name in names for a in self.g.ancestors(r.code)):
            return None
        return r.code


@lru_cache(maxsize=1)
def region_tree() -> RegionTree:
    return RegionTree()


# --- inference --------------------------------------------------------------------------

def in_domain(doc: DocInfo) -> bool:
    hay = " ".join([doc.title or "", *doc.issuer])
    return any(m in hay for m in DOMAIN_MARKERS)


def _kind(doc: DocInfo) -> str | None:
    if doc.doc_type:
        return doc.doc_type
    t = doc.title or ""
    for k in ("规划", "工作要点", "实施方案", "工作方案", "行动方案", "方案", "要点", "意见"):
        if k in t:
            return k
    return None


def _overlap(child: DocInfo, parent: DocInfo) -> float | None:
    """Share of the child's period covered by the parent's; None when either is unknown."""
    c, p = child.years, parent.years
    if c is None or p is None:
        return None
    lo, hi = max(c[0], p[0]), min(c[1], p[1])
    if hi < lo:
        return 0.0
    return (hi - lo + 1) / (c[1] - c[0] + 1)


def infer_parents(docs: Iterable[DocInfo], asserted: Iterable[tuple[str, str]] = (),
                  tree: RegionTree | None = None,
                  min_confidence: float = 0.5) -> list[InferredParent]:
    """Inferred (child, parent) links with confidence ≥ ``min_confidence``.

    ``asserted`` holds (child, parent) pairs already linked by a resolved basis: those
    pairs are not repeated as inferred ones (an asserted link is stronger evidence).
    Stubs are never children (they carry no region/period), and only stubs with a
    level and a region can be candidates.
    """
    tree = tree or region_tree()
    docs = list(docs)
    done = set(asserted)
    by_region: dict[str, list[DocInfo]] = {}
    for d in docs:
        if d.region_code:
            by_region.setdefault(d.region_code, []).append(d)
    out: list[InferredParent] = []
    for child in docs:
        if child.stub or not child.region_code:
            continue
        for steps, code in enumerate(tree.ancestors(child.region_code), start=1):
            for parent in by_region.get(code, ()):
                if parent.iri == child.iri or (child.iri, parent.iri) in done:
                    continue
                if child.rank and parent.rank and parent.rank <= child.rank:
                    continue
                reasons = [f"region {code} ({tree.name(code)}) is "
                           f"{'the parent of' if steps == 1 else f'{steps} levels above'} "
                           f"{child.region_code} ({tree.name(child.region_code)})"]
                conf = W_REGION.get(steps, 0.2)
                if parent.rank > child.rank > 0:
                    reasons.append(f"level {parent.level} above {child.level}")
                ov = _overlap(child, parent)
                if ov == 0.0:
                    continue  # periods do not meet: not a parent
                if ov is None:
                    reasons.append("period unknown")
                else:
                    conf += W_PERIOD * ov
                    reasons.append(f"period {parent.period} covers {ov:.0%} of {child.period}")
                if in_domain(parent) and in_domain(child):
                    conf += W_DOMAIN
                    reasons.append("same domain (市场监管)")
                elif not in_domain(parent):
                    continue  # a different domain's plan is not a candidate
                kc, kp = _kind(child), _kind(parent)
                if kc and kp and kc == kp:
                    conf += W_TYPE
                    reasons.append(f"same document type ({kp})")
                conf = round(min(conf, 1.0), 3)
                if conf >= min_confidence:
                    out.append(InferredParent(child.iri, parent.iri, conf, tuple(reasons)))
    out.sort(key=lambda x: (x.child, -x.confidence, x.parent))
    return out


def path_parents(inferred: Iterable[InferredParent], docs: Iterable[DocInfo],
                 asserted: Iterable[tuple[str, str]] = ()) -> list[InferredParent]:
    """The inferred parents that lineage paths follow: per child and per level above it, the
    most plausible candidate — highest confidence, then the period starting nearest the
    child's, then IRI — and none at a level where the child names a parent itself.

    A dense corpus has several plans per region (a city's five-year plan and its yearly
    work points): every candidate stays a ``pkg:InferredLineage`` with its confidence, but
    aligning every measure with every candidate's measures multiplied the work (and the
    links graph) with the number of plans per region, i.e. faster than the corpus."""
    by = {d.iri: d for d in docs}

    def level(iri: str) -> str:
        d = by.get(iri)
        return (d.level or f"region:{d.region_code}") if d else "?"

    taken = {(c, level(p)) for c, p in asserted}
    best: dict[tuple[str, str], tuple[tuple, InferredParent]] = {}
    for x in inferred:
        key = (x.child, level(x.parent))
        if key in taken:
            continue
        c, p = by.get(x.child), by.get(x.parent)
        cy = c.years if c else None
        py = p.years if p else None
        dist = abs(cy[0] - py[0]) if cy and py else 99
        rank = (-x.confidence, dist, x.parent)
        if key not in best or rank < best[key][0]:
            best[key] = (rank, x)
    return sorted((x for _r, x in best.values()), key=lambda x: (x.child, -x.confidence, x.parent))


__all__ = ["InferredParent", "RegionTree", "region_tree", "infer_parents", "path_parents",
           "in_domain", "LEVEL_RANK"]
