"""Title folding and citation resolution: which loaded document a basis names.

Identity of a document is issuer + title (+ doc number): Kaifu's district plan is
titled word for word like its city bureau's plan, and the two stay two.  A
citation is resolved by title and doc number first; the issuer (which may name
the drafting department rather than the issuing body: 国家市场监管总局《“十四五”
市场监管现代化规划》 is a State Council plan) only chooses among equal titles and
rules out a candidate whose region contradicts the region the issuer names.

Citations that resolve to nothing become stubs keyed by :func:`stub_key`; when a
real document arrives, :func:`merge_stubs` says which stub IRIs to rewrite to it.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Mapping

from .infer import RegionTree, region_tree
from .lineage_model import CitedTitle, DocInfo

_QUOTES = "“”‘’\"'《》<>〈〉«»「」『』〔〕[]【】()（）"
_DROP = str.maketrans("", "", _QUOTES + " \t\r\n\u3000\u00a0")
_DASH = str.maketrans({"—": "-", "–": "-", "－": "-", "~": "-", "～": "-", "○": "〇",
                       "零": "〇"})

# X关于印发Y的通知 / X印发<Y>的通知 / X关于转发Y的通知 (Y may carry its own quotes)
_WRAPPER = re.compile(r"^(?P<issuer>.*?)(?:关于)?(?:印发|转发|颁布|发布)(?P<title>.+?)的(?:通知|决定)$")
# a doc number in trailing parentheses: （湘办发〔2020〕16号）
_DOCNUM = re.compile(r"[(（]\s*(?P<num>[^()（）]{1,20}?[〔\[［(（]?\s*\d{4}\s*[〕\]］)）]?\s*第?\d+\s*号)\s*[)）]\s*$")
_ISSUER_END = re.compile(r"(委员会|委|人民政府|政府|总局|局|厅|部|院|办公室|办公厅|办|署|中心)$")


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # OpenCC: traditional → simplified
    return opencc.OpenCC("t2s")


def _norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s)
    s = _t2s().convert(s)
    return s.translate(_DASH)


_PAIRS = {"《": "》", "<": ">", "〈": "〉", "“": "”", '"': '"', "「": "」", "『": "』", "‘": "’"}


def _unquote(s: str) -> str:
    """Strip whitespace and enclosing quote pairs (《Y》, <Y>), never half of an inner pair."""
    s = s.strip()
    while len(s) >= 2 and _PAIRS.get(s[0]) == s[-1]:
        inner = s[1:-1]
        # 《A》和《B》 is not one quoted title
        if s[0] in inner or s[-1] in inner:
            break
        s = inner.strip()
    return s


def unwrap(title: str) -> tuple[str | None, str, str | None]:
    """Split ``X关于印发Y的通知（文号）`` into (issuer X or None, title Y, doc number or None).

    Nested wrappers are unwrapped to the innermost title; the outermost issuer is kept.
    """
    s = _norm(title).strip()
    number = None
    m = _DOCNUM.search(s)
    if m:
        number = re.sub(r"\s+", "", m.group("num"))
        s = s[: m.start()].rstrip()
    issuer = None
    for _ in range(3):
        w = _WRAPPER.match(_unquote(s))
        if not w or len(_unquote(w.group("title"))) < 4:
            break
        if issuer is None and w.group("issuer").strip(_QUOTES + " "):
            issuer = w.group("issuer").strip(_QUOTES + " ")
        s = w.group("title")
    return issuer, _unquote(s), number


def fold_title(s: str | None) -> str:
    """The comparison key of a title: simplified, half-width, no quotes/brackets/spaces,
    notice wrapper and trailing doc number removed."""
    if not s:
        return ""
    _, title, _ = unwrap(s)
    return title.translate(_DROP)


def fold_issuer(s: str | None) -> str:
    if not s:
        return ""
    s = _norm(s).translate(_DROP)
    return s.replace("市场监督管理局", "市场监管局").replace("中国共产党", "中共")


def fold_number(s: str | None) -> str:
    if not s:
        return ""
    return _norm(s).translate(_DROP).replace("[", "〔").replace("]", "〕")


def issuer_matches(cited: str | None, issuers: Iterable[str]) -> bool:
    """True when a cited issuer names one of the document's issuers (joint names allowed)."""
    c = fold_issuer(cited)
    if not c:
        return False
    for i in issuers:
        f = fold_issuer(i)
        if f and (f in c or c in f):
            return True
    return False


def stub_key(cit: CitedTitle, tree: RegionTree | None = None) -> str:
    """Key of the stub standing for an unresolved citation.

    The folded title, plus ``@<region code>`` when the issuer names a region: the
    city's and the district's 《关于贯彻落实强省会战略的行动方案》 are two stubs, while
    国家市场监管总局《…》 and 国务院《…》 (no region named) share one.
    """
    tree = tree or region_tree()
    issuer = cit.issuer or unwrap(cit.title)[0]
    code = tree.find(issuer) if issuer else None
    key = fold_title(cit.title)
    return f"{key}@{code}" if code else key


@dataclass(frozen=True)
class StubMerge:
    rewrites: dict[str, str] = field(default_factory=dict)            # stub IRI → real IRI
    ambiguous: dict[str, tuple[str, ...]] = field(default_factory=dict)  # stub IRI → candidates


class DocIndex:
    """Loaded documents by folded title and doc number."""

    def __init__(self, docs: Iterable[DocInfo], tree: RegionTree | None = None):
        self.tree = tree or region_tree()
        self.docs = [d for d in docs if not d.stub]
        self.by_title: dict[str, list[DocInfo]] = {}
        self.by_number: dict[str, list[DocInfo]] = {}
        for d in self.docs:
            if d.title:
                self.by_title.setdefault(fold_title(d.title), []).append(d)
            if d.doc_number:
                self.by_number.setdefault(fold_number(d.doc_number), []).append(d)

    # -- candidates ---------------------------------------------------------------------
    def _by_folded(self, key: str) -> tuple[list[DocInfo], str | None, str]:
        """Documents with title ``key``; else with a title that ``key`` ends with after an
        issuer-like prefix (中共湖南省委湖南省人民政府关于…); returns (docs, prefix, how)."""
        if key in self.by_title:
            return list(self.by_title[key]), None, "title"
        for alt in (key[2:] if key.startswith("关于") else "关于" + key,):
            if alt in self.by_title:
                return list(self.by_title[alt]), None, "title"
        for i in range(2, max(2, len(key) - 5)):
            rest = key[i:]
            if rest in self.by_title and _ISSUER_END.search(key[:i]):
                return list(self.by_title[rest]), key[:i], "title-after-issuer"
            if rest.startswith("关于") and rest in self.by_title:
                return list(self.by_title[rest]), key[:i], "title-after-issuer"
        return [], None, "unresolved"

    def resolve(self, cit: CitedTitle, citing: DocInfo | None = None) -> tuple[str | None, str]:
        """(IRI of the loaded document the citation names, or None; how it was found).

        ``how``: ``number`` | ``title`` | ``title+number`` | ``title+issuer`` |
        ``title+level`` | ``title-after-issuer`` | ``unresolved`` | ``ambiguous`` |
        ``self-only`` | ``issuer-region-conflict``.  Never the citing document itself.
        """
        me = citing.iri if citing else None
        w_issuer, w_title, w_number = unwrap(cit.title)
        issuer = cit.issuer or w_issuer
        number = fold_number(cit.doc_number or w_number)
        key = w_title.translate(_DROP)

        if number:
            hits = [d for d in self.by_number.get(number, ()) if d.iri != me]
            same = [d for d in hits if fold_title(d.title) == key]
            if len(same) == 1:
                return same[0].iri, "title+number"
            if len(hits) == 1 and not same:
                return hits[0].iri, "number"

        cands, prefix, how = self._by_folded(key)
        issuer = issuer or prefix
        if not cands:
            return None, "unresolved"
        had = len(cands)
        cands = [d for d in cands if d.iri != me]
        if not cands:
            return None, "self-only" if had else "unresolved"
        # the region an issuer names rules out documents of another region
        code = self.tree.find(issuer) if issuer else None
        if code:
            kept = [d for d in cands if not d.region_code or d.region_code == code]
            if not kept:
                return None, "issuer-region-conflict"
            cands = kept
        # a basis is not issued below the citing document
        if citing and citing.rank and cit.kind == "basis":
            kept = [d for d in cands if not d.rank or d.rank >= citing.rank]
            cands = kept or cands
        if len(cands) == 1:
            only = cands[0]
            if number and fold_number(only.doc_number) == number:
                return only.iri, "title+number"
            if issuer and issuer_matches(issuer, only.issuer):
                return only.iri, "title+issuer" if how == "title" else how
            return only.iri, how

        def score(d: DocInfo) -> tuple:
            s_num = 1 if number and fold_number(d.doc_number) == number else 0
            s_iss = 1 if issuer and issuer_matches(issuer, d.issuer) else 0
            above = citing is not None and citing.rank and d.rank > citing.rank
            closeness = -(d.rank - citing.rank) if above else -99
            region = 0
            if citing and citing.region_code and d.region_code:
                if d.region_code == citing.region_code:
                    region = 1
                elif self.tree.is_ancestor(d.region_code, citing.region_code):
                    region = 2
            return (s_num, s_iss, bool(above), region, closeness)

        ranked = sorted(cands, key=score, reverse=True)
        if score(ranked[0]) == score(ranked[1]):
            return None, "ambiguous"
        best = score(ranked[0])
        how = ("title+number" if best[0] else "title+issuer" if best[1]
               else "title+level")
        return ranked[0].iri, how

    # -- stubs ----------------------------------------------------------------------------
    def merge_stubs(self, stubs: Mapping[str, str],
                    citers: Mapping[str, Iterable[str]] | None = None) -> StubMerge:
        """Which stubs the loaded documents replace.

        ``stubs`` maps stub IRI → its :func:`stub_key`; ``citers`` optionally maps a stub
        IRI → the documents citing it (a stub never merges into one of its citers).
        The result's ``rewrites`` map stub IRI → document IRI: move every link that
        points at the stub to the document, then drop the stub.
        """
        rewrites: dict[str, str] = {}
        ambiguous: dict[str, tuple[str, ...]] = {}
        for stub, skey in stubs.items():
            title, _, code = skey.partition("@")
            cands = [d for d in self.by_title.get(title, ())
                     if d.iri not in set((citers or {}).get(stub, ()))]
            if code:
                cands = [d for d in cands if d.region_code == code]
            if len(cands) == 1:
                rewrites[stub] = cands[0].iri
            elif len(cands) > 1:
                top = max(d.rank for d in cands)
                highest = [d for d in cands if d.rank == top]
                if len(highest) == 1 and not code:
                    # no region named: a plan cited across levels is the highest one
                    rewrites[stub] = highest[0].iri
                else:
                    ambiguous[stub] = tuple(sorted(d.iri for d in cands))
        return StubMerge(rewrites, ambiguous)


def merge_stub(stub_iri: str, key: str, arrived: DocInfo,
               citers: Iterable[str] = ()) -> dict[str, str]:
    """The rewrite for one stub when one document arrives: {stub: arrived} or {}."""
    return DocIndex([arrived]).merge_stubs({stub_iri: key}, {stub_iri: tuple(citers)}).rewrites


__all__ = ["fold_title", "fold_issuer", "fold_number", "unwrap", "issuer_matches",
           "stub_key", "DocIndex", "StubMerge", "merge_stub"]
