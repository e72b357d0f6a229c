"""Targets down the hierarchy: the same indicator across documents, and what each level asks.

1. :func:`canonical_indicators` groups indicators that are the same across
   documents (食品安全评价性抽检合格率 ≈ 食品评价性抽检合格率) under one canonical
   indicator: names are compared after removing a leading scope word only
   (全省/全市/全区/全县/本市/我省 …: the area is recorded elsewhere), never words that
   change the meaning (每万人口, 新增, 净增, 累计); the character similarity must reach
   :data:`NAME_SIMILARITY` and the units must measure the same dimension (% with %,
   户 with 万户).  Candidates are found through a character-bigram index, so the work
   is not all pairs.
2. :func:`cascade` compares, for each (child, ancestor) pair of a lineage path, the
   targets of every canonical indicator the ancestor sets: both targets, years and
   units, the escalation ratio (rates compared directly; counts through growth over
   their baselines), the deadline shift, whether the binding status (约束性) is
   carried down, and a label: kept / raised (层层加码) / softened / dropped, or
   ``unknown`` when the units allow no comparison.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Iterable, Sequence

from .lineage_model import DocInfo, IndicatorInfo
from .resolve import fold_title

NAME_SIMILARITY = 0.8
#: Relative difference under which two targets count as the same.
TOLERANCE = 0.005

_SCOPE = re.compile(r"^(?:全国|全省|全市|全区|全县|全州|本省|本市|本区|本县|我省|我市|我区|我县)")
_NUM = re.compile(r"(≥|≤|>|<|=|＞|＜|≧|≦)?\s*(-?\d+(?:\.\d+)?)")
#: Words that make a different indicator of the same stem (净增市场主体 is not 市场主体数):
#: two names match only when they carry the same ones.
_MODIFIERS = re.compile(r"(新增|净增|累计|增长|增速|增幅|增加|减少|下降|每万|每千|每百|人均|年均|占比|比重|高价值|有效)")
_LOWER_BETTER = re.compile(r"(时间|时限|死亡|事故|发生率|不合格率|投诉率|逾期|成本|天数)")

#: unit → (dimension, factor to the dimension's base unit)
UNITS: dict[str, tuple[str, float]] = {
    "%": ("rate", 1.0), "％": ("rate", 1.0), "个百分点": ("rate-points", 1.0),
    "户": ("households", 1.0), "万户": ("households", 1e4),
    "家": ("entities", 1.0), "万家": ("entities", 1e4),
    "个": ("count", 1.0), "项": ("items", 1.0), "件": ("cases", 1.0), "万件": ("cases", 1e4),
    "批次": ("batches", 1.0), "万批次": ("batches", 1e4), "批次/千人": ("batches-per-1000", 1.0),
    "人": ("persons", 1.0), "万人": ("persons", 1e4),
    "元": ("money", 1.0), "万元": ("money", 1e4), "亿元": ("money", 1e8),
    "天": ("days", 1.0), "个工作日": ("days", 1.0), "工作日": ("days", 1.0), "小时": ("days", 1 / 24),
    "分": ("score", 1.0), "条次": ("records", 1.0),
}


def unit_dimension(unit: str | None) -> tuple[str, float]:
    """(dimension, factor); an unknown unit is its own dimension; no unit is ``none``."""
    if not unit:
        return ("none", 1.0)
    u = unit.strip().replace("％", "%")
    return UNITS.get(u, (f"unit:{u}", 1.0))


def normalise_name(name: str) -> str:
    """Fold width/variants and quotes, drop a leading scope word; keep every other word."""
    s = fold_title(name)
    return _SCOPE.sub("", s) or s


def similarity(a: str, b: str) -> float:
    """Character similarity of two normalised names; 0 when their modifiers differ."""
    if set(_MODIFIERS.findall(a)) != set(_MODIFIERS.findall(b)):
        return 0.0
    sm = SequenceMatcher(None, a, b, autojunk=False)
    if sm.quick_ratio() < NAME_SIMILARITY:      # an upper bound of ratio(): cheap rejection
        return sm.quick_ratio()
    return sm.ratio()


@dataclass(frozen=True)
class CanonicalIndicator:
    key: str                      # normalised label: the identity for minting an IRI
    label: str                    # as written by the highest-level document
    dimension: str
    exact: tuple[str, ...]        # indicator IRIs whose normalised name equals the key
    close: tuple[str, ...]        # the others (skos:closeMatch)

    @property
    def members(self) -> tuple[str, ...]:
        return self.exact + self.close


def canonical_indicators(docs: Iterable[DocInfo]) -> dict[str, CanonicalIndicator]:
    """Indicator IRI → its canonical indicator (every indicator of every document)."""
    entries: list[tuple[IndicatorInfo, DocInfo, str, str]] = []
    for d in docs:
        for ind in d.indicators:
            if ind.name:
                entries.append((ind, d, normalise_name(ind.name), unit_dimension(ind.unit)[0]))
    # Identical (name, dimension) pairs are one node: a corpus repeats the same indicator in
    # many documents, and comparing the distinct names only keeps the work proportional to
    # the vocabulary of indicator names, not to the square of the targets.
    keys: dict[tuple[str, str], int] = {}
    for _ind, _d, norm, dim in entries:
        keys.setdefault((norm, dim), len(keys))
    klist = list(keys)
    parent = list(range(len(klist)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    index: dict[tuple[str, str], list[int]] = {}
    for i, (norm, dim) in enumerate(klist):
        grams = {norm[k:k + 2] for k in range(len(norm) - 1)} or {norm}
        shared: dict[int, int] = {}
        for g in grams:
            for j in index.get((dim, g), ()):
                shared[j] = shared.get(j, 0) + 1
            index.setdefault((dim, g), []).append(i)
        for j in shared:
            other = klist[j][0]
            # ratio = 2·matches / (len a + len b) ≥ NAME_SIMILARITY needs similar lengths
            la, lb = len(norm), len(other)
            if 2 * min(la, lb) < NAME_SIMILARITY * (la + lb) or find(i) == find(j):
                continue
            if similarity(norm, other) >= NAME_SIMILARITY:
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i, (_ind, _d, norm, dim) in enumerate(entries):
        groups.setdefault(find(keys[(norm, dim)]), []).append(i)
    out: dict[str, CanonicalIndicator] = {}
    for members in groups.values():
        # label from the highest level, then table rows before prose, then document order
        head = min(members, key=lambda i: (-entries[i][1].rank, entries[i][0].source != "table", i))
        key = entries[head][2]
        exact = tuple(entries[i][0].iri for i in members if entries[i][2] == key)
        close = tuple(entries[i][0].iri for i in members if entries[i][2] != key)
        c = CanonicalIndicator(key, entries[head][0].name, entries[head][3], exact, close)
        for i in members:
            out[entries[i][0].iri] = c
    return out


def parse_value(target: str | None, comparator: str | None = None) -> tuple[str | None, float | None]:
    """``"≥98"`` → ("≥", 98.0); ``"650"`` → (comparator or None, 650.0)."""
    if target is None:
        return comparator, None
    m = _NUM.search(str(target).replace("＞", ">").replace("＜", "<"))
    if not m:
        return comparator, None
    cmp_ = {"≧": "≥", "≦": "≤"}.get(m.group(1) or "", m.group(1)) or comparator
    return cmp_, float(m.group(2))


@dataclass(frozen=True)
class CascadeStep:
    canonical: str                # CanonicalIndicator.key
    label_name: str
    parent_doc: str
    child_doc: str
    parent_indicator: str
    child_indicator: str | None
    parent_target: float | None
    child_target: float | None
    parent_comparator: str | None
    child_comparator: str | None
    parent_year: int | None
    child_year: int | None
    parent_unit: str | None
    child_unit: str | None
    parent_binding: str | None
    child_binding: str | None
    ratio: float | None           # >1 = the child asks more (direction-adjusted), None = incomparable
    deadline_shift: int | None    # child year − parent year
    binding_change: str           # carried | downgraded | upgraded | unstated | dropped | none
    label: str                    # kept | raised | softened | dropped | unknown


def _pick(cands: Sequence[IndicatorInfo]) -> IndicatorInfo:
    # table rows first, then a stated year, then a stated comparator, then document order
    return min(cands, key=lambda i: (i.source != "table", i.year is None, i.comparator is None))


def _binding(parent: str | None, child: str | None, present: bool) -> str:
    if not present:
        return "dropped"
    if not parent:
        return "none"
    if not child:
        return "unstated"
    if parent == child:
        return "carried"
    return "downgraded" if parent == "约束性" else "upgraded"


def compare(canon: CanonicalIndicator, pdoc: DocInfo, p: IndicatorInfo, cdoc: DocInfo,
            c: IndicatorInfo | None) -> CascadeStep:
    pc, pv = parse_value(p.target, p.comparator)
    if c is None:
        return CascadeStep(canon.key, canon.label, pdoc.iri, cdoc.iri, p.iri, None, pv, None,
                           pc, None, p.year, None, p.unit, None, p.attribute, None, None, None,
                           _binding(p.attribute, None, False), "dropped")
    cc, cv = parse_value(c.target, c.comparator)
    pdim, pf = unit_dimension(p.unit)
    cdim, cf = unit_dimension(c.unit)
    lower = any(x in ("≤", "<") for x in (pc, cc)) or bool(_LOWER_BETTER.search(canon.key))
    ratio = None
    if pv is not None and cv is not None and pdim == cdim:
        if pdim in ("rate", "rate-points", "score", "days", "batches-per-1000"):
            ratio = (cv * cf) / (pv * pf) if pv else None            # same scale: compare directly
        else:                                                        # counts: growth over baseline
            _, pb = parse_value(p.baseline)
            _, cb = parse_value(c.baseline)
            if pb and cb:
                ratio = (cv / cb) / (pv / pb)
        if ratio is not None and lower and ratio:
            ratio = 1 / ratio
    if ratio is None:
        label = "unknown"
    elif ratio > 1 + TOLERANCE:
        label = "raised"
    elif ratio < 1 - TOLERANCE:
        label = "softened"
    else:
        label = "kept"
    shift = c.year - p.year if (c.year is not None and p.year is not None) else None
    return CascadeStep(canon.key, canon.label, pdoc.iri, cdoc.iri, p.iri, c.iri, pv, cv, pc, cc,
                       p.year, c.year, p.unit, c.unit, p.attribute, c.attribute,
                       None if ratio is None else round(ratio, 4), shift,
                       _binding(p.attribute, c.attribute, True), label)


def cascade(docs: Iterable[DocInfo], ancestors_of: dict[str, Sequence[str]],
            canon: dict[str, CanonicalIndicator] | None = None) -> list[CascadeStep]:
    """One step per (child, ancestor, indicator of the ancestor) on every lineage path."""
    docs = list(docs)
    by_iri = {d.iri: d for d in docs}
    canon = canon if canon is not None else canonical_indicators(docs)
    out: list[CascadeStep] = []
    for child_iri in sorted(ancestors_of):
        child = by_iri.get(child_iri)
        if child is None:
            continue
        mine: dict[str, list[IndicatorInfo]] = {}
        for ind in child.indicators:
            if ind.iri in canon:
                mine.setdefault(canon[ind.iri].key, []).append(ind)
        for anc_iri in ancestors_of[child_iri]:
            anc = by_iri.get(anc_iri)
            if anc is None:
                continue
            done: set[str] = set()
            for p in anc.indicators:
                c = canon.get(p.iri)
                if c is None or c.key in done:
                    continue
                done.add(c.key)
                kids = mine.get(c.key)
                out.append(compare(c, anc, p, child, _pick(kids) if kids else None))
    return out


__all__ = ["CanonicalIndicator", "CascadeStep", "canonical_indicators", "cascade", "compare",
           "normalise_name", "unit_dimension", "parse_value", "similarity", "NAME_SIMILARITY"]
