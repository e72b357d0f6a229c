"""Typed values of the lineage algorithms (resolve, infer, align, cascade).

The algorithms never see a store or an RDF term: they take :class:`DocInfo`
values, built either from a parse (:func:`doc_from_policy`) or from plain query
rows (:func:`docs_from_rows`), and return frozen dataclasses the link step maps
to the links graph.  IRIs are opaque strings here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, Literal, Sequence

if TYPE_CHECKING:  # the parse model is only needed to build from a PolicyDoc
    from loaders.model import PolicyDoc

Level = Literal["national", "province", "city", "district"]

#: Higher number = higher in the administrative hierarchy.
LEVEL_RANK: dict[str, int] = {"district": 1, "city": 2, "province": 3, "national": 4}

#: The country's code (the extraction report's convention).
COUNTRY_CODE = "100000"


@dataclass(frozen=True)
class CitedTitle:
    """A document a plan names as its basis (or cites), wrappers already unwrapped."""

    title: str                  # the cited document's own title (Y of X印发<Y>的通知)
    issuer: str | None = None   # the issuer a wrapper or prefix names, as written
    doc_number: str | None = None
    as_written: str | None = None
    kind: Literal["basis", "reference"] = "basis"


@dataclass(frozen=True)
class MeasureInfo:
    iri: str
    path: str
    heading: str
    text: str


@dataclass(frozen=True)
class IndicatorInfo:
    """An indicator target of one document: a table row or a prose target."""

    iri: str
    name: str
    unit: str | None
    target: str | None           # as written, comparator kept ("≥98", "650")
    year: int | None
    baseline: str | None = None
    baseline_year: int | None = None
    attribute: str | None = None  # 约束性 | 预期性 | None (prose targets state none)
    comparator: str | None = None  # ≥ > ≤ < = when known separately from ``target``
    source: Literal["table", "prose"] = "table"


@dataclass(frozen=True)
class DocInfo:
    iri: str
    title: str | None
    issuer: tuple[str, ...] = ()
    doc_number: str | None = None
    level: str | None = None
    region_code: str | None = None
    period: str | None = None     # "2021-2025" | "2023"
    doc_type: str | None = None
    bases: tuple[CitedTitle, ...] = ()
    measures: tuple[MeasureInfo, ...] = ()
    indicators: tuple[IndicatorInfo, ...] = ()
    stub: bool = False

    @property
    def rank(self) -> int:
        return LEVEL_RANK.get(self.level or "", 0)

    @property
    def years(self) -> tuple[int, int] | None:
        return period_years(self.period)


_YEARS = re.compile(r"(\d{4})\s*(?:[-—–~至到]\s*(\d{4}))?")


def period_years(period: str | None) -> tuple[int, int] | None:
    """``"2021-2025"`` → (2021, 2025); ``"2023"`` → (2023, 2023); otherwise None."""
    if not period:
        return None
    m = _YEARS.search(period)
    if not m:
        return None
    a = int(m.group(1))
    b = int(m.group(2)) if m.group(2) else a
    return (min(a, b), max(a, b))


def default_measure_iri(doc_iri: str, path: str) -> str:
    """Akoma-Ntoso-like eId from a structural path ("3/1/2" → part_3__sec_1__item_2).

    The mapping engineer owns the real minting; pass ``measure_iri=`` to
    :func:`doc_from_policy` to use theirs.
    """
    parts = [p for p in path.replace("／", "/").split("/") if p]
    names = ("part", "sec", "item", "sub", "subsub")
    eid = "__".join(f"{names[min(i, len(names) - 1)]}_{p}" for i, p in enumerate(parts))
    return f"{doc_iri}/{eid or 'measure'}"


def doc_from_policy(doc: "PolicyDoc", iri: str,
                    measure_iri: Callable[[str, str], str] = default_measure_iri) -> DocInfo:
    """Build a DocInfo from whatever the parse holds (stages may still be placeholders)."""
    m = doc.meta
    bases = tuple(CitedTitle(title=c.title or c.as_written, issuer=c.issuer,
                             doc_number=c.doc_number, as_written=c.as_written, kind=c.kind)
                  for c in doc.citations if c.kind == "basis")
    measures = tuple(MeasureInfo(measure_iri(iri, x.path), x.path, x.heading, x.text)
                     for x in doc.measures)
    inds: list[IndicatorInfo] = []
    for i, r in enumerate(doc.indicators):
        inds.append(IndicatorInfo(iri=f"{iri}/indicator_{r.number or i + 1}", name=r.name,
                                  unit=r.unit, target=r.target, year=r.year,
                                  baseline=r.baseline, baseline_year=r.baseline_year,
                                  attribute=r.attribute, source="table"))
    for i, t in enumerate(doc.targets):
        if not t.indicator:
            continue
        inds.append(IndicatorInfo(iri=f"{iri}/target_{i + 1}", name=t.indicator, unit=t.unit,
                                  target=t.quantity, year=t.year, comparator=t.comparator,
                                  source="prose"))
    return DocInfo(iri=iri, title=m.title, issuer=tuple(m.issuer), doc_number=m.doc_number,
                   level=m.level, region_code=m.region_code, period=m.period,
                   doc_type=m.doc_type, bases=bases, measures=measures,
                   indicators=tuple(inds))


def docs_from_rows(doc_rows: Iterable[Sequence], basis_rows: Iterable[Sequence] = (),
                   measure_rows: Iterable[Sequence] = (),
                   indicator_rows: Iterable[Sequence] = ()) -> list[DocInfo]:
    """DocInfos from plain query rows (tuples of str/None), e.g. the store's results.

    - doc_rows: ``(doc, title, issuer, doc_number, level, region_code, period, doc_type, stub)``;
      several issuers may come joined by ``|`` or ``、`` (the documents query) or as repeated rows.
    - basis_rows: ``(doc, title, issuer, doc_number, as_written)``
    - measure_rows: ``(doc, measure, path, heading, text)``
    - indicator_rows: ``(doc, indicator, name, unit, target, year, baseline, baseline_year,
      attribute, source)``
    Rows may be shorter: missing trailing columns count as None.
    """
    def pad(row: Sequence, n: int) -> list:
        r = list(row)[:n]
        return r + [None] * (n - len(r))

    def to_int(v) -> int | None:
        try:
            return int(str(v)[:4]) if v not in (None, "") else None
        except ValueError:
            return None

    order: list[str] = []
    base: dict[str, dict] = {}
    for row in doc_rows:
        iri, title, issuer, num, level, code, period, dtype, stub = pad(row, 9)
        d = base.get(iri)
        if d is None:
            order.append(iri)
            d = base[iri] = {"title": title, "issuer": [], "doc_number": num, "level": level,
                             "region_code": code, "period": period, "doc_type": dtype,
                             "stub": str(stub).lower() in ("true", "1")}
        for part in re.split(r"[|、]", issuer or ""):
            if part and part not in d["issuer"]:
                d["issuer"].append(part)
    bases: dict[str, list[CitedTitle]] = {}
    for row in basis_rows:
        iri, title, issuer, num, aw = pad(row, 5)
        if title:
            bases.setdefault(iri, []).append(CitedTitle(title, issuer, num, aw))
    measures: dict[str, list[MeasureInfo]] = {}
    for row in measure_rows:
        iri, miri, path, heading, text = pad(row, 5)
        measures.setdefault(iri, []).append(MeasureInfo(miri, path or "", heading or "",
                                                        text or heading or ""))
    inds: dict[str, list[IndicatorInfo]] = {}
    for row in indicator_rows:
        iri, iiri, name, unit, target, year, bl, bly, attr, src = pad(row, 10)
        inds.setdefault(iri, []).append(IndicatorInfo(
            iiri, name or "", unit, None if target is None else str(target), to_int(year),
            None if bl is None else str(bl), to_int(bly), attr,
            source="prose" if src == "prose" else "table"))
    out = []
    for iri in order:
        d = base[iri]
        out.append(DocInfo(iri=iri, title=d["title"], issuer=tuple(d["issuer"]),
                           doc_number=d["doc_number"], level=d["level"],
                           region_code=d["region_code"], period=d["period"],
                           doc_type=d["doc_type"], bases=tuple(bases.get(iri, ())),
                           measures=tuple(measures.get(iri, ())),
                           indicators=tuple(inds.get(iri, ())), stub=d["stub"]))
    return out
