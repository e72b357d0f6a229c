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

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

import numpy as np
from threadpoolctl import threadpool_limits

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
    """The segmenter: ``rjieba`` (jieba-rs, jieba's dictionary and HMM in Rust, ~14x faster
    than the Python jieba; 98.5 % of measure texts segment identically, the alignment
    evaluation is unchanged — docs/alignment_eval.md)."""
    import rjieba
    return rjieba


def strip_units(text: str) -> str:
    return _UNITS_CLAUSE.sub("", text)


def features(text: str) -> Counter:
    """Bag of jieba words (``w:``) and CJK character bigrams (``b:``) (a copy: callers may
    change it)."""
    return Counter(_features(text))


#: texts whose features / bags are kept per process: enough for the ancestors of a run of
#: siblings (the link step visits children grouped by their ancestors); at 65,536 each
#: worker held ~1 GB at 10,000 documents
FEATURE_CACHE = 8192


@lru_cache(maxsize=FEATURE_CACHE)
def _features(text: str) -> Counter:
    """Cached: a parent plan's measures are on many lineage paths; segment them once."""
    text = strip_units(text)
    bag: Counter = Counter()
    for w in _jieba().cut(text):
        if _WORD_OK.match(w) and w not in STOPWORDS:
            bag["w:" + w] += 1
    for run in _CJK_RUN.findall(text):
        for i in range(len(run) - 1):
            bag["b:" + run[i:i + 2]] += 1
    return bag


#: term → global id, shared by every bag encoded in this process (grows with the vocabulary)
_TERM_IDS: dict[str, int] = {}


@lru_cache(maxsize=FEATURE_CACHE)
def _bag_of(heading: str, text: str, heading_weight: float) -> tuple[np.ndarray, np.ndarray]:
    """A measure's weighted bag as (term ids, term frequencies): body words once, heading
    words ``heading_weight`` times (cached: a parent plan's measures are on many lineage
    paths)."""
    head = _features(heading)
    body = _features(text)
    out: Counter = Counter()
    for k, v in body.items():
        out[k] += v
    for k, v in head.items():
        out[k] += v * heading_weight
    items = [(t, tf) for t, tf in out.items() if tf > 0]
    ids = np.fromiter((_TERM_IDS.setdefault(t, len(_TERM_IDS)) for t, _ in items),
                      dtype=np.intp, count=len(items))
    return ids, np.fromiter((tf for _, tf in items), dtype=float, count=len(items))


def _bag(m: MeasureInfo, heading_weight: float) -> tuple[np.ndarray, np.ndarray]:
    return _bag_of(m.heading, m.text or m.heading, heading_weight)


def _similarities(bags: Sequence[tuple[np.ndarray, np.ndarray]], n_kids: int) -> np.ndarray:
    """TF-IDF cosines of the first ``n_kids`` bags with the others, IDF over all of them:
    ``(1 + log tf) · (log((n + 1) / (df + 1)) + 1)``, rows L2-normalised, as one matrix
    product over the path's own vocabulary (rounded to 12 digits so equal scores tie
    exactly)."""
    n = len(bags)
    r = np.repeat(np.arange(n), [len(ids) for ids, _ in bags])
    terms, c = np.unique(np.concatenate([ids for ids, _ in bags]), return_inverse=True)
    tf = np.concatenate([tfs for _, tfs in bags])
    df = np.bincount(c, minlength=len(terms))
    idf = np.log((n + 1) / (df + 1)) + 1.0
    w = (1.0 + np.log(tf)) * idf[c]
    norm = np.sqrt(np.bincount(r, weights=w * w, minlength=n))
    norm[norm == 0] = 1.0
    m = np.zeros((n, len(terms)))
    m[r, c] = w / norm[r]
    return np.round(m[:n_kids] @ m[n_kids:].T, 12)


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
    sim = _similarities([_bag(m, heading_weight) for m in kids]
                        + [_bag(m, heading_weight) for _, m in parents], len(kids))
    # ties broken by the parent measure's IRI: its rank in IRI order
    by_iri = sorted(range(len(parents)), key=lambda j: parents[j][1].iri)
    iri_rank = np.empty(len(parents), dtype=np.intp)
    iri_rank[by_iri] = np.arange(len(parents))
    alignments: list[Alignment] = []
    additions: list[LocalAddition] = []
    for i, m in enumerate(kids):
        row = sim[i]
        top = np.lexsort((iri_rank, -row))[:k]
        for r, j in enumerate(top.tolist(), start=1):
            s = float(row[j])
            pd, pm = parents[j]
            alignments.append(Alignment(m.iri, pm.iri, child.iri, pd, round(s, 4), METHOD, r,
                                        r == 1 and s >= threshold))
        top_j = int(top[0])
        top_s = float(row[top_j])
        if top_s < threshold:
            additions.append(LocalAddition(child.iri, m.iri, parents[top_j][1].iri,
                                           round(top_s, 4)))
    # each parent's best child: the first child measure reaching the column's maximum
    best_kid = sim.argmax(axis=0)
    best_s = sim.max(axis=0)
    gaps = []
    for j, (pd, pm) in enumerate(parents):
        s = float(best_s[j])
        if s < threshold:
            gaps.append(Gap(child.iri, pd, pm.iri, kids[int(best_kid[j])].iri if s > 0 else None,
                            round(s, 4) if s > 0 else 0.0))
    return AlignmentResult(tuple(alignments), tuple(gaps), tuple(additions))


def one_blas_thread():
    """A context in which numpy's BLAS runs on one thread: the per-path products are small,
    and OpenBLAS's worker threads busy-wait for work, which on a loaded 2-core machine made
    them 30x slower (180 ms instead of 6 ms per path)."""
    return threadpool_limits(limits=1, user_api="blas")


def align_lineage(docs: Iterable[DocInfo], ancestors_of: dict[str, Sequence[str]],
                  **kw) -> AlignmentResult:
    """Align every document with its ancestors (``ancestors_of``: doc IRI → ancestor IRIs,
    e.g. from :func:`graph.lineage.ancestors_map`).  Work is per lineage path."""
    by_iri = {d.iri: d for d in docs}
    al: list[Alignment] = []
    gaps: list[Gap] = []
    adds: list[LocalAddition] = []
    with one_blas_thread():
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
           "align_lineage", "one_blas_thread", "features", "strip_units", "TOP_K", "THRESHOLD", "METHOD"]
