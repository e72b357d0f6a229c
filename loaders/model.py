"""Typed values handed between the pipeline stages.

read ─▶ SourceDoc ─parse─▶ PolicyDoc ─to_rdf─▶ quads

Every extracted fact carries a :class:`Span`: start/end offsets in Unicode code
points of ``SourceDoc.text`` (the NFC-normalised text) and the quoted text, so
``source.text[span.start:span.end] == span.text`` always holds.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Level = Literal["national", "province", "city", "district"]
CitationKind = Literal["basis", "reference"]
Role = Literal["lead", "support"]


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Span":
        return cls(start, end, text[start:end])


@dataclass(frozen=True)
class SourceDoc:
    """One document as read from disk: normalised text plus provenance."""

    path: str
    name: str            # file name
    text: str            # NFC-normalised text; every Span points into it
    sha256: str          # of the raw bytes
    text_sha256: str     # of ``text`` (UTF-8): the identity used to find a file's document
    encoding: str        # detected encoding (utf-8, utf-8-sig, gb18030, utf-16 …)
    format: str          # txt | docx | html | pdf
    tables: tuple["SourceTable", ...] = ()  # tables kept as tables by the format readers


@dataclass(frozen=True)
class SourceTable:
    """A table delivered as cells by a structured format (docx/html)."""

    rows: tuple[tuple[str, ...], ...]
    span: Span            # where the table's linearised text sits in SourceDoc.text


@dataclass(frozen=True)
class Section:
    """A heading of the body and the text it governs."""

    path: str             # structural path, e.g. "3/1" (1-based ordinals)
    number: str           # the number as written: "第三章", "一", "（一）", "1", "专栏1"
    style: str            # chapter | cn | paren_cn | arabic | box
    heading: str          # the heading line as written, e.g. "一、指导思想"
    title: str            # the heading without its number, e.g. "指导思想"
    depth: int            # 1 = top level
    span: Span            # the heading text
    end: int              # end offset of the section's content (exclusive)


@dataclass(frozen=True)
class Citation:
    """A 《》 title in the text."""

    as_written: str       # inside the outer 《》, as written
    title: str            # the cited document's title (notice wrappers unwrapped)
    issuer: str | None    # issuing body named by a wrapper or prefix
    doc_number: str | None
    kind: CitationKind
    span: Span            # the 《…》 including brackets


@dataclass(frozen=True)
class UnitRef:
    """A responsible unit as listed for a measure."""

    name: str             # as written, alias kept: 行政审批办<登记注册科>
    base: str             # without the <alias>: 行政审批办
    alias: str | None     # 登记注册科
    role: Role
    collective: bool      # 各市场监管所, 各相关科室 …
    span: Span


@dataclass(frozen=True)
class Measure:
    path: str             # structural path of the measure ("3/1/2")
    section_path: str     # path of the section that holds it
    number: str           # as written ("1", "（一）", "一是")
    heading: str          # first sentence / clause
    text: str             # full text of the item, units clause included
    units: tuple[UnitRef, ...]
    lead_unit: str | None
    span: Span


@dataclass(frozen=True)
class IndicatorRow:
    name: str
    unit: str | None
    baseline: str | None
    baseline_year: int | None
    target: str | None
    year: int | None
    attribute: str | None     # 约束性 | 预期性
    category: str | None
    cumulative: bool | None
    table: str                # "专栏1"
    number: str | None        # row number as written
    span: Span


@dataclass(frozen=True)
class Target:
    """A target stated in prose."""

    text: str
    quantity: str             # the number as written
    unit: str | None
    year: int | None
    comparator: str | None    # ≥ > ≤ < =
    indicator: str | None     # the indicator phrase
    span: Span


@dataclass(frozen=True)
class Metadata:
    title: str | None
    title_inferred: bool
    title_span: Span | None
    notice_title: str | None
    issuer: tuple[str, ...]
    issuer_inferred: bool
    issuer_spans: tuple[Span, ...]
    date: str | None
    date_span: Span | None
    published: str | None
    doc_number: str | None
    doc_number_span: Span | None
    level: Level | None
    region: str | None
    region_code: str | None
    period: str | None
    period_span: Span | None
    doc_type: str | None
    body_start: int           # offset where the body (preamble or first heading) starts
    body_end: int             # offset where the body ends (web-page chrome after is cut)


@dataclass(frozen=True)
class PolicyDoc:
    """The parse of one document: the extraction report and the input of ``to_rdf``."""

    source: SourceDoc
    meta: Metadata
    sections: tuple[Section, ...]
    citations: tuple[Citation, ...]
    measures: tuple[Measure, ...]
    indicators: tuple[IndicatorRow, ...]
    targets: tuple[Target, ...]
    collective_units: tuple[UnitRef, ...] = ()   # whole-document co-responsibility clauses
    warnings: tuple[str, ...] = ()

    @property
    def basis(self) -> tuple[Citation, ...]:
        return tuple(c for c in self.citations if c.kind == "basis")

    @property
    def references(self) -> tuple[Citation, ...]:
        return tuple(c for c in self.citations if c.kind == "reference")

    def report(self, spans: bool = True) -> dict[str, Any]:
        """The extraction report (the contract in ../shared/eval/README.md)."""
        m = self.meta

        def sp(s: Span | None) -> list[int] | None:
            return [s.start, s.end] if (s is not None and spans) else None

        def unique(xs):
            seen, out = set(), []
            for x in xs:
                if x not in seen:
                    seen.add(x)
                    out.append(x)
            return out

        out: dict[str, Any] = {
            "file": self.source.name,
            "sha256": self.source.sha256,
            "title": m.title,
            "title_inferred": m.title_inferred,
            "notice_title": m.notice_title,
            "issuer": list(m.issuer),
            "issuer_inferred": m.issuer_inferred,
            "date": m.date,
            "published": m.published,
            "doc_number": m.doc_number,
            "level": m.level,
            "region": m.region,
            "region_code": m.region_code,
            "period": m.period,
            "doc_type": m.doc_type,
            "basis": unique(c.as_written for c in self.basis),
            "basis_parsed": [
                {"as_written": c.as_written, "title": c.title, "issuer": c.issuer,
                 "doc_number": c.doc_number, "span": sp(c.span)}
                for c in self.basis
            ],
            "references": unique(c.as_written for c in self.references),
            "sections_top": [s.heading for s in self.sections if s.depth == 1],
            "sections": [
                {"path": s.path, "number": s.number, "heading": s.heading, "depth": s.depth,
                 "style": s.style, "span": sp(s.span)}
                for s in self.sections
            ],
            "indicators": [
                {"name": r.name, "unit": r.unit, "baseline": r.baseline,
                 "baseline_year": r.baseline_year, "target": r.target, "year": r.year,
                 "attribute": r.attribute, "category": r.category, "cumulative": r.cumulative,
                 "table": r.table, "number": r.number, "span": sp(r.span)}
                for r in self.indicators
            ],
            "inline_targets": [
                {"text": t.text, "quantity": t.quantity, "unit": t.unit, "year": t.year,
                 "comparator": t.comparator, "indicator": t.indicator, "span": sp(t.span)}
                for t in self.targets
            ],
            "measures": [
                {"path": x.path, "number": x.number, "heading": x.heading, "text": x.text,
                 "units": [u.name for u in x.units], "lead_unit": x.lead_unit,
                 "collective_units": [u.name for u in x.units if u.collective],
                 "span": sp(x.span)}
                for x in self.measures
            ],
            "document_units": [u.name for u in self.collective_units],
            "warnings": list(self.warnings),
        }
        if not spans:
            for key in ("basis_parsed", "sections", "indicators", "inline_targets", "measures"):
                for item in out[key]:
                    item.pop("span", None)
        return out


def as_dict(obj: Any) -> dict[str, Any]:
    return asdict(obj)


__all__ = [
    "Span", "SourceDoc", "SourceTable", "Section", "Citation", "UnitRef", "Measure",
    "IndicatorRow", "Target", "Metadata", "PolicyDoc", "Level", "field",
]
