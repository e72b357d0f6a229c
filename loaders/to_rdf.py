"""Mapping: PolicyDoc -> the quads of the document's named graph (a pure function).

Identity (no blank nodes, so two runs over the same input give the same quads):

    document     {ID}doc/{key}          key = short hash of issuer + title (+ 文号);
                                        the text's hash joins in when neither issuer nor
                                        文号 is known (a district plan's title can equal
                                        its parent's), and stands alone without a title
    section      {doc}/sec_3__sec_1     Akoma Ntoso eId style from the structural path
    measure      {doc}/sec_3__sec_1__item_2
    responsibility {measure}/resp_1
    citation     {doc}/citation_1
    indicator    {doc}/indicator/{name}   observations {doc}/obs/row_1_target, {doc}/obs/target_1
    annotation   {doc}/anno/{fact}        selectors …/target, …/quote, …/position
    issuer       {ID}org/{name}           unit {ID}org/{issuer}/unit/{canonical name}
    region       {ID}region/{6-digit code}
    period       {doc}/period
    source text  {ID}source/{text_sha256} load activity {ID}load/{text_sha256}/v{PARSER_VERSION}

Parse stages may leave fields empty or None: whatever is present is mapped,
nothing absent is invented.
"""
from __future__ import annotations

import datetime
import hashlib
import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from urllib.parse import quote

from pyoxigraph import Literal, NamedNode, Quad

from .model import PolicyDoc, Span, UnitRef
from .parse import PARSER_VERSION
from .vocab import (BINDING, BINDING_NATURE, DCTERMS, ELI, ID, LEVEL, OA, ORG, PKG, PROV, QB,
                    QUDT, RDF, RDFS, SDMX_DIMENSION, SDMX_MEASURE, SKOS, SUBDIV, SUBDIVISION_TYPES,
                    XSD, doc_type_concept)

# --- identity ------------------------------------------------------------------


def short_hash(*parts: str, n: int = 16) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:n]


def segment(s: str) -> str:
    """One IRI path segment: letters and digits of any script kept, the rest %-encoded."""
    out = []
    for ch in unicodedata.normalize("NFKC", s.strip()):
        if (ch.isascii() and (ch.isalnum() or ch in "-_.~")) or (
                not ch.isascii() and unicodedata.category(ch)[0] in "LN"):
            out.append(ch)
        else:
            out.append(quote(ch, safe=""))
    return "".join(out) or "_"


def doc_key(doc: PolicyDoc) -> str:
    m = doc.meta
    if not m.title:
        return short_hash("text", doc.source.text_sha256)
    parts = ["、".join(m.issuer), m.title, m.doc_number or ""]
    if not m.issuer and not m.doc_number:
        parts.append(doc.source.text_sha256)
    return short_hash(*parts)


def doc_iri(doc: PolicyDoc) -> NamedNode:
    return NamedNode(f"{ID}doc/{doc_key(doc)}")


def source_iri(text_sha256: str) -> NamedNode:
    return NamedNode(f"{ID}source/{text_sha256}")


def org_iri(name: str) -> NamedNode:
    return NamedNode(f"{ID}org/{segment(name)}")


def region_iri(code: str) -> NamedNode:
    return NamedNode(f"{ID}region/{code}")


def unit_iri(issuer_key: str, canonical: str) -> NamedNode:
    return NamedNode(f"{ID}org/{issuer_key}/unit/{segment(canonical)}")


def measure_of_unit_iri(symbol: str) -> NamedNode:
    return NamedNode(f"{ID}unit-of-measure/{segment(symbol)}")


# --- literals ------------------------------------------------------------------

_DIGITS = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
_VALUE = re.compile(r"^\s*(≥|>|≤|<|=|＞|＜|≧|≦|不低于|不少于|不高于|不超过|超过|达到|低于|高于)?\s*"
                    r"([0-9][0-9,]*(?:\.[0-9]+)?)\s*%?\s*(以上|以下|以内)?")
_COMPARATORS = {"＞": ">", "＜": "<", "≧": "≥", "≦": "≤", "不低于": "≥", "不少于": "≥", "达到": "≥",
                "不高于": "≤", "不超过": "≤", "超过": ">", "低于": "<", "高于": ">",
                "以上": "≥", "以下": "≤", "以内": "≤"}


def parse_value(written: str | None) -> tuple[Decimal, str | None] | None:
    """'≥98' -> (98, '≥'); '488.84' -> (488.84, None); None when there is no number."""
    if not written:
        return None
    m = _VALUE.match(written.translate(_DIGITS))
    if not m:
        return None
    try:
        value = Decimal(m.group(2).replace(",", ""))
    except InvalidOperation:
        return None
    comp = m.group(1) or m.group(3)
    return value, (_COMPARATORS.get(comp, comp) if comp else None)


def decimal(value: Decimal) -> Literal:
    return Literal(format(value, "f"), datatype=XSD.decimal)


def _date(s: str | None) -> Literal | None:
    if not s:
        return None
    try:
        return Literal(datetime.date.fromisoformat(s).isoformat(), datatype=XSD.date)
    except ValueError:
        return None


# --- the mapping -----------------------------------------------------------------


class _Graph:
    """Collects the quads of one named graph, dropping exact duplicates, keeping order."""

    def __init__(self, graph: NamedNode):
        self.graph = graph
        self.quads: list[Quad] = []
        self._seen: set[Quad] = set()

    def add(self, s, p, o) -> None:
        if o is None:
            return
        q = Quad(s, p, o, self.graph)
        if q not in self._seen:
            self._seen.add(q)
            self.quads.append(q)

    def lit(self, s, p, value) -> None:
        if value is None or value == "":
            return
        self.add(s, p, Literal(value))


def _canonical_units(doc: PolicyDoc) -> Mapping[str, str]:
    """name or base as written -> canonical name, from loaders.units when it offers one."""
    try:
        from . import units as units_stage  # lands with the units stage
    except ImportError:
        return {}
    canon = getattr(units_stage, "canonical_units", None)
    if not callable(canon):
        return {}
    try:
        result = canon(doc.measures, doc.collective_units)
    except TypeError:             # an older signature without the document-level units
        result = canon(doc.measures)
    return result if isinstance(result, Mapping) else {}


def to_quads(doc: PolicyDoc) -> list[Quad]:
    """All quads of one document, in its named graph (graph IRI = document IRI)."""
    d = doc_iri(doc)
    g = _Graph(d)
    m, src = doc.meta, doc.source
    text = src.text
    source = source_iri(src.text_sha256)
    activity = NamedNode(f"{ID}load/{src.text_sha256}/v{segment(PARSER_VERSION)}")

    def annotate(local: str, body: NamedNode, kind: str, span: Span | None) -> None:
        if span is None or not (0 <= span.start <= span.end <= len(text)):
            return
        a = NamedNode(f"{d.value}/anno/{local}")
        target = NamedNode(a.value + "/target")
        q = NamedNode(a.value + "/quote")
        pos = NamedNode(a.value + "/position")
        g.add(a, RDF.type, OA.Annotation)
        g.add(a, OA.motivatedBy, OA.identifying)
        g.add(a, OA.hasBody, body)
        g.add(a, OA.hasTarget, target)
        g.lit(a, PKG.factKind, kind)
        g.add(target, RDF.type, OA.SpecificResource)
        g.add(target, OA.hasSource, source)
        g.add(target, OA.hasSelector, q)
        g.add(target, OA.hasSelector, pos)
        g.add(q, RDF.type, OA.TextQuoteSelector)
        g.add(q, OA.exact, Literal(span.text))
        g.add(pos, RDF.type, OA.TextPositionSelector)
        g.add(pos, OA.start, Literal(span.start))
        g.add(pos, OA.end, Literal(span.end))

    # source text and its load
    g.add(source, RDF.type, PKG.SourceText)
    g.add(source, RDF.type, PROV.Entity)
    g.add(source, RDF.value, Literal(text))
    g.lit(source, PKG.textSha256, src.text_sha256)
    g.lit(source, PKG.sha256, src.sha256)
    g.lit(source, PKG.fileName, src.name)
    g.lit(source, PKG.encoding, src.encoding)
    g.lit(source, PKG.sourceFormat, src.format)
    g.add(source, PROV.wasGeneratedBy, activity)
    g.add(activity, RDF.type, PKG.LoadActivity)
    g.add(activity, RDF.type, PROV.Activity)
    g.lit(activity, PKG.loaderVersion, PARSER_VERSION)
    g.lit(activity, PKG.sha256, src.sha256)
    g.lit(activity, PKG.fileName, src.name)

    # the document
    g.add(d, RDF.type, ELI.LegalResource)
    g.add(d, RDF.type, PROV.Entity)
    g.add(d, PKG.sourceText, source)
    g.add(d, PROV.wasDerivedFrom, source)
    g.add(d, PROV.wasGeneratedBy, activity)
    g.lit(d, ELI.title, m.title)
    g.add(d, PKG.titleInferred, Literal(bool(m.title_inferred)))
    g.lit(d, PKG.noticeTitle, m.notice_title)
    annotate("title", d, "title", m.title_span)
    g.lit(d, ELI.id_local, m.doc_number)
    annotate("doc_number", d, "doc_number", m.doc_number_span)
    g.add(d, ELI.date_document, _date(m.date))
    annotate("date", d, "date", m.date_span)
    g.add(d, ELI.date_publication, _date(m.published))
    if m.level in ("national", "province", "city", "district"):
        g.add(d, PKG.level, LEVEL[m.level])
    g.add(d, ELI.type_document, doc_type_concept(m.doc_type))
    if m.issuer_inferred:
        g.add(d, PKG.issuerInferred, Literal(True))
    for i, name in enumerate(m.issuer, 1):
        if not name:
            continue
        o = org_iri(name)
        g.add(d, ELI.passed_by, o)
        g.add(o, RDF.type, ORG.Organization)
        g.lit(o, SKOS.prefLabel, name)
        if i - 1 < len(m.issuer_spans):
            annotate(f"issuer_{i}", o, "issuer", m.issuer_spans[i - 1])
    region = None
    if m.region_code and re.fullmatch(r"\d{6}", m.region_code):
        region = region_iri(m.region_code)
        g.add(d, ELI.jurisdiction, region)
        g.add(region, RDF.type, PKG.Region)
        g.lit(region, SKOS.notation, m.region_code)
        g.lit(region, SKOS.prefLabel, m.region)
    if m.period:
        period = NamedNode(f"{d.value}/period")
        g.add(d, DCTERMS.temporal, period)
        g.add(period, RDF.type, DCTERMS.PeriodOfTime)
        g.lit(period, RDFS.label, m.period)
        years = re.findall(r"\d{4}", m.period)
        if years:
            g.add(period, PKG.startYear, Literal(int(years[0])))
            g.add(period, PKG.endYear, Literal(int(years[-1])))
        annotate("period", period, "period", m.period_span)

    # sections
    styles = {s.path: s.style for s in doc.sections}

    def eid(path: str) -> str:
        parts = [p for p in path.split("/") if p]
        out = []
        for i, part in enumerate(parts):
            prefix = "/".join(parts[: i + 1])
            style = styles.get(prefix)
            tok = "item" if style is None else ("box" if style == "box" else "sec")
            out.append(f"{tok}_{segment(part)}")
        return "__".join(out) or "body"

    section_iri: dict[str, NamedNode] = {}
    for order, s in enumerate(doc.sections, 1):
        si = NamedNode(f"{d.value}/{eid(s.path)}")
        section_iri[s.path] = si
        parent_path = s.path.rsplit("/", 1)[0] if "/" in s.path else None
        g.add(si, RDF.type, ELI.LegalResourceSubdivision)
        g.add(si, ELI.is_part_of, section_iri.get(parent_path, d) if parent_path else d)
        g.add(si, PKG.inDocument, d)
        g.lit(si, ELI.number, s.number)
        g.add(si, ELI.type_subdivision, SUBDIV[SUBDIVISION_TYPES[s.style]]
              if s.style in SUBDIVISION_TYPES else None)
        g.lit(si, PKG.heading, s.heading)
        g.lit(si, RDFS.label, s.title)
        g.lit(si, PKG.path, s.path)
        g.add(si, PKG.depth, Literal(s.depth))
        g.add(si, PKG.order, Literal(order))
        annotate(eid(s.path), si, "heading", s.span)

    # units
    canon = _canonical_units(doc)
    lead_issuer = next((x for x in m.issuer if x), None)
    issuer_key = segment(lead_issuer) if lead_issuer else f"doc-{doc_key(doc)}"

    def unit_node(u: UnitRef) -> NamedNode:
        canonical = canon.get(u.name) or canon.get(u.base) or u.base or u.name
        ui = unit_iri(issuer_key, canonical)
        g.add(ui, RDF.type, ORG.OrganizationalUnit)
        if lead_issuer:
            g.add(ui, ORG.unitOf, org_iri(lead_issuer))
        g.lit(ui, SKOS.prefLabel, canonical)
        for alt in (u.alias, u.name, u.base):
            if alt and alt != canonical:
                g.lit(ui, SKOS.altLabel, alt)
        if u.collective:
            g.add(ui, PKG.collective, Literal(True))
        return ui

    # measures and responsibilities
    used: set[str] = set(eid(p) for p in section_iri)
    for order, x in enumerate(doc.measures, 1):
        local = eid(x.path)
        if local in used:
            local += "__measure"
        base, k = local, 1
        while local in used:
            k += 1
            local = f"{base}_{k}"
        used.add(local)
        mi = NamedNode(f"{d.value}/{local}")
        g.add(mi, RDF.type, PKG.Measure)
        g.add(mi, RDF.type, ELI.LegalResourceSubdivision)
        g.add(mi, ELI.is_part_of, section_iri.get(x.section_path, d))
        g.add(mi, PKG.inDocument, d)
        g.add(mi, ELI.type_subdivision, SUBDIV.item)
        g.lit(mi, ELI.number, x.number)
        g.lit(mi, PKG.heading, x.heading)
        g.lit(mi, PKG.text, x.text)
        g.lit(mi, PKG.path, x.path)
        g.add(mi, PKG.order, Literal(order))
        annotate(local, mi, "measure", x.span)
        for j, u in enumerate(x.units, 1):
            r = NamedNode(f"{mi.value}/resp_{j}")
            g.add(r, RDF.type, PKG.Responsibility)
            g.add(r, PKG.measure, mi)
            g.add(r, PKG.unit, unit_node(u))
            g.add(r, ORG.role, PKG.Lead if u.role == "lead" else PKG.Support)
            g.lit(r, PKG.asWritten, u.name)
            g.add(r, PKG.order, Literal(j))
            annotate(f"{local}__resp_{j}", r, "unit", u.span)
    for j, u in enumerate(doc.collective_units, 1):
        ui = unit_node(u)
        g.add(d, PKG.coResponsibleUnit, ui)
        annotate(f"document_unit_{j}", ui, "unit", u.span)

    # citations (the eli:based_on / eli:cites edges are made by graph/link.py)
    for k, c in enumerate(doc.citations, 1):
        ci = NamedNode(f"{d.value}/citation_{k}")
        g.add(d, PKG.hasCitation, ci)
        g.add(ci, RDF.type, PKG.Citation)
        g.lit(ci, PKG.asWritten, c.as_written)
        g.lit(ci, PKG.citedTitle, c.title)
        g.lit(ci, PKG.citedIssuer, c.issuer)
        g.lit(ci, PKG.citedDocNumber, c.doc_number)
        g.lit(ci, PKG.citationKind, c.kind)
        g.add(ci, PKG.order, Literal(k))
        annotate(f"citation_{k}", ci, "citation", c.span)

    # indicators and targets
    def measure_unit(symbol: str | None) -> NamedNode | None:
        if not symbol:
            return None
        qu = measure_of_unit_iri(symbol)
        g.add(qu, RDF.type, QUDT.Unit)
        g.lit(qu, QUDT.symbol, symbol)
        return qu

    def indicator(name: str) -> NamedNode:
        ii = NamedNode(f"{d.value}/indicator/{segment(name)}")
        g.add(ii, RDF.type, PKG.Indicator)
        g.add(ii, RDF.type, SKOS.Concept)
        g.lit(ii, SKOS.prefLabel, name)
        g.add(ii, PKG.inDocument, d)
        return ii

    def observation(oi: NamedNode, ind: NamedNode, role: NamedNode, written: str | None,
                    unit: NamedNode | None, year: int | None, comparator: str | None = None
                    ) -> NamedNode | None:
        parsed = parse_value(written)
        if parsed is None:
            return None
        value, comp = parsed
        g.add(oi, RDF.type, QB.Observation)
        g.add(oi, PKG.indicator, ind)
        g.add(oi, PKG.valueRole, role)
        g.add(oi, SDMX_MEASURE.obsValue, decimal(value))
        g.lit(oi, PKG.valueAsWritten, written)
        g.lit(oi, PKG.comparator, comparator or comp)
        g.add(oi, QUDT.unit, unit)
        g.add(oi, PKG.inDocument, d)
        g.add(oi, SDMX_DIMENSION.refArea, region)
        if year is not None:
            g.add(oi, PKG.year, Literal(int(year)))
        return oi

    for i, row in enumerate(doc.indicators, 1):
        if not row.name:
            continue
        ii = indicator(row.name)
        qu = measure_unit(row.unit)
        g.add(ii, QUDT.unit, qu)
        base = observation(NamedNode(f"{d.value}/obs/row_{i}_baseline"), ii, PKG.Baseline,
                           row.baseline, qu, row.baseline_year)
        tgt = observation(NamedNode(f"{d.value}/obs/row_{i}_target"), ii, PKG.Target,
                          row.target, qu, row.year)
        if base is not None and tgt is not None:
            g.add(tgt, PKG.baseline, base)
        for o in (base, tgt):
            if o is None:
                continue
            g.lit(o, PKG.table, row.table)
            g.lit(o, PKG.rowNumber, row.number)
            g.lit(o, PKG.category, row.category)
            if row.attribute in BINDING_NATURE:
                g.add(o, PKG.bindingNature, BINDING[BINDING_NATURE[row.attribute]])
            if row.cumulative is not None:
                g.add(o, PKG.cumulative, Literal(bool(row.cumulative)))
        annotate(f"indicator_row_{i}", tgt or base or ii, "indicator", row.span)

    for j, t in enumerate(doc.targets, 1):
        ii = indicator(t.indicator or t.text)
        qu = measure_unit(t.unit)
        oi = observation(NamedNode(f"{d.value}/obs/target_{j}"), ii, PKG.Target, t.quantity,
                         qu, t.year, t.comparator)
        if oi is not None:
            g.lit(oi, PKG.quote, t.text)
        annotate(f"target_{j}", oi or ii, "target", t.span)

    # the completion record: written in the same update as everything above
    g.add(activity, PKG.loadComplete, Literal(True))
    return g.quads


__all__ = ["to_quads", "doc_iri", "doc_key", "source_iri", "org_iri", "region_iri", "unit_iri",
           "segment", "short_hash", "parse_value"]
