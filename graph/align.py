"""Measure-by-measure alignment of a lower plan with the plans above it.

For every measure of a child document, the measures of its ancestor documents
(asserted and inferred) are ranked by a Chinese-aware TF-IDF cosine:

- features: jieba words (two characters or more, policy boiler-plate dropped)
  and character bigrams of the CJK runs, so 评价性抽检 matches whether or not
  jieba splits it the same way in both texts;
- the heading (first sentence) counts :data:`HEADING_WEIGHT` times, the body once;
- ``（责任单位：…）`` clauses are stripped: unit names say who, not what;
- IDF is computed from the measures of the documents on the lineage path only,
  so the cost grows with the path, never with the corpus.

Top :data:`TOP_K` candidates per child measure become :class:`Alignment` values; a
rank-1 candidate scoring at least :data:`THRESHOLD` is ``accepted`` (the link step
adds ``eli:applies`` for it).  Parent measures no child measure reaches above the
threshold are implementation :class:`Gap` s; child measures with no parent above it
are :class:`LocalAddition` s.
"""
from __future__ import annotations

import logging
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from .lineage_model import DocInfo, MeasureInfo

TOP_K = 3
HEADING_WEIGHT = 2.0
#: Acceptance threshold for the rank-1 candidate; chosen on tests/eval/alignment_gold.json
#: (see docs/alignment_eval.md).
THRESHOLD = 0.12
METHOD = "tfidf-cosine/jieba+bigram/heading×2"

_UNITS_CLAUSE = re.compile(r"[（(]\s*(?:责任单位|牵头单位|配合单位|责任部门|牵头部门)[:：][^）)]*[）)]")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_WORD_OK = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9]{2,}$")

#: Policy boiler-plate that says "do it" rather than "what": dropped as words
#: (their bigrams remain, and IDF weighs them down anyway).
STOPWORDS = frozenset(
    "加强 推进 推动 开展 深入 持续 全面 进一步 不断 积极 大力 加快 加大 强化 完善 健全 建立 "
    "提升 提高 落实 实施 深化 工作 建设 相关 有关 各类 力度 力争 确保 切实 做好 抓好 "
    "机制 体系 制度 水平 能力 我省 全省 全市 全区 全县 我市 我区 以上 达到 其中 "
    "以及 和 与 及 等 的 了 在 对 为 将 把 年 年度".split())


@dataclass(frozen=True)
class Alignment:
    child: str            # child measure IRI
    parent: str           # parent measure IRI
    child_doc: str
    parent_doc: str
    score: float
    method: str
    rank: int             # 1 = best
    accepted: bool        # rank 1 and score ≥ threshold


@dataclass(frozen=True)
class Gap:
    """A parent measure no measure of the child document takes up."""

    child_doc: str
    parent_doc: str
    parent: str           # parent measure IRI
    best_child: str | None
    best_score: float


@dataclass(frozen=True)
class LocalAddition:
    """A child measure with no parent measure above the threshold."""

    child_doc: str
    child: str
    best_parent: str | None
    best_score: float


@dataclass(frozen=True)
class AlignmentResult:
    alignments: tuple[Alignment, ...]
    gaps: tuple[Gap, ...]
    additions: tuple[LocalAddition, ...]


@lru_cache(maxsize=1)
def _jieba():
    import jieba
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def strip_units(text: str) -> str:
    return _UNITS_CLAUSE.sub("", text)


def features(text: str) -> Counter:
    """Bag of jieba words (``w:``) and CJK character bigrams (``b:``) (a copy: callers may
    change it)."""
    return Counter(_features(text))


@lru_cache(maxsize=65536)
def _features(text: str) -> Counter:
    """Cached: a parent plan's measures are on many lineage paths; segment them once."""
    text = strip_units(text)
    bag: Counter = Counter()
    for w in _jieba().lcut(text):
        if _WORD_OK.match(w) and w not in STOPWORDS:
            bag["w:" + w] += 1
    for run in _CJK_RUN.findall(text):
        for i in range(len(run) - 1):
            bag["b:" + run[i:i + 2]] += 1
    return bag


def _bag(m: MeasureInfo, heading_weight: float) -> Counter:
    head = _features(m.heading)
    body = _features(m.text or m.heading)
    out: Counter = Counter()
    for k, v in body.items():
        out[k] += v
    for k, v in head.items():
        out[k] += v * heading_weight
    return out


def _vectors(bags: Sequence[Counter]) -> list[dict[str, float]]:
    n = len(bags)
    df: Counter = Counter()
    for b in bags:
        df.update(b.keys())
    idf = {t: math.log((n + 1) / (c + 1)) + 1.0 for t, c in df.items()}
    out = []
    for b in bags:
        v = {t: (1.0 + math.log(tf)) * idf[t] for t, tf in b.items() if tf > 0}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        out.append({t: x / norm for t, x in v.items()})
    return out


def _matrix(kv: list[dict[str, float]], pv: list[dict[str, float]]) -> list[list[float]]:
    """Cosines of every child vector with every parent vector (unit vectors: dot products)
    through an inverted index of the parent vectors: the work is the postings of the terms
    a child measure shares with its path, not every pair of measures times every term."""
    postings: dict[str, list[tuple[int, float]]] = {}
    for j, v in enumerate(pv):
        for t, w in v.items():
            postings.setdefault(t, []).append((j, w))
    out = []
    for v in kv:
        acc = [0.0] * len(pv)
        for t, x in v.items():
            for j, w in postings.get(t, ()):
                acc[j] += x * w
        out.append([round(a, 12) for a in acc])
    return out


def align_documents(child: DocInfo, ancestors: Sequence[DocInfo], k: int = TOP_K,
                    threshold: float = THRESHOLD,
                    heading_weight: float = HEADING_WEIGHT) -> AlignmentResult:
    """Align each measure of ``child`` with the measures of ``ancestors`` (one lineage path)."""
    parents = [(d.iri, m) for d in ancestors if d.iri != child.iri for m in d.measures]
    kids = list(child.measures)
    if not kids or not parents:
        gaps = tuple(Gap(child.iri, pd, m.iri, None, 0.0) for pd, m in parents) if kids else ()
        adds = tuple(LocalAddition(child.iri, m.iri, None, 0.0) for m in kids) if parents else ()
        return AlignmentResult((), gaps, adds)
    vecs = _vectors([_bag(m, heading_weight) for m in kids]
                    + [_bag(m, heading_weight) for _, m in parents])
    kv, pv = vecs[: len(kids)], vecs[len(kids):]
    alignments: list[Alignment] = []
    additions: list[LocalAddition] = []
    best_for_parent: list[tuple[float, str | None]] = [(0.0, None)] * len(parents)
    sim = _matrix(kv, pv)
    for i, m in enumerate(kids):
        scores = [(x, j) for j, x in enumerate(sim[i])]
        for s, j in scores:
            if s > best_for_parent[j][0]:
                best_for_parent[j] = (s, m.iri)
        scores.sort(key=lambda x: (-x[0], parents[x[1]][1].iri))
        for r, (s, j) in enumerate(scores[:k], start=1):
            pd, pm = parents[j]
            alignments.append(Alignment(m.iri, pm.iri, child.iri, pd, round(s, 4), METHOD, r,
                                        r == 1 and s >= threshold))
        top_s, top_j = scores[0]
        if top_s < threshold:
            additions.append(LocalAddition(child.iri, m.iri, parents[top_j][1].iri,
                                           round(top_s, 4)))
    gaps = tuple(Gap(child.iri, pd, pm.iri, best_for_parent[j][1], round(best_for_parent[j][0], 4))
                 for j, (pd, pm) in enumerate(parents) if best_for_parent[j][0] < threshold)
    return AlignmentResult(tuple(alignments), gaps, tuple(additions))


def align_lineage(docs: Iterable[DocInfo], ancestors_of: dict[str, Sequence[str]],
                  **kw) -> AlignmentResult:
    """Align every document with its ancestors (``ancestors_of``: doc IRI → ancestor IRIs,
    e.g. from :func:`graph.lineage.ancestors_map`).  Work is per lineage path."""
    by_iri = {d.iri: d for d in docs}
    al: list[Alignment] = []
    gaps: list[Gap] = []
    adds: list[LocalAddition] = []
    for iri in sorted(ancestors_of):
        child = by_iri.get(iri)
        anc = [by_iri[a] for a in ancestors_of[iri] if a in by_iri and by_iri[a].measures]
        if child is None or not child.measures or not anc:
            continue
        res = align_documents(child, anc, **kw)
        al.extend(res.alignments)
        gaps.extend(res.gaps)
        adds.extend(res.additions)
    return AlignmentResult(tuple(al), tuple(gaps), tuple(adds))


__all__ = ["Alignment", "Gap", "LocalAddition", "AlignmentResult", "align_documents",
           "align_lineage", "features", "strip_units", "TOP_K", "THRESHOLD", "METHOD"]
