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
import gc
import hashlib
import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from functools import lru_cache
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


@lru_cache(maxsize=1 << 16)
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


_TRUE = Literal(True)
_FALSE = Literal(False)


@lru_cache(maxsize=4096, typed=True)
def _literal(value: int | str) -> Literal:
    """The literal of an ordinal, a depth or a fact kind (they recur from document to document).

    Bounded, and not for offsets: every cached literal is one more object for each full run of
    the garbage collector to visit."""
    return Literal(value)


class _Graph:
    """Collects the quads of one named graph, dropping exact duplicates, keeping order.

    Sections, measures and annotations have subjects of their own: {doc}/{eId},
    {doc}/anno/{local} and its …/target, …/quote, …/position (an eId or a local never holds
    a ``/``), which no other quad has.  Their quads (``owned``, keyed by that IRI) can only
    repeat those given under the same key, so they are checked against those alone and skip
    the set of all the others.
    """

    def __init__(self, graph: NamedNode):
        self.graph = graph
        self.quads: list[Quad] = []
        self._seen: set[Quad] = set()
        self._owned: dict[str, list[Quad]] = {}

    def add(self, s, p, o) -> None:
        if o is None:
            return
        q = Quad(s, p, o, self.graph)
        seen = self._seen
        n = len(seen)
        seen.add(q)
        if len(seen) != n:
            self.quads.append(q)

    def lit(self, s, p, value) -> None:
        if value is None or value == "":
            return
        self.add(s, p, Literal(value))

    def owned(self, key: str, quads: list[Quad]) -> None:
        """The quads of the resource ``key`` (none of them repeats another of the list)."""
        before = self._owned.get(key)
        if before is None:
            self._owned[key] = quads
            self.quads.extend(quads)
            return
        known = set(before)
        for q in quads:
            if q not in known:
                known.add(q)
                before.append(q)
                self.quads.append(q)


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
    # The mapping makes some ten thousand pyoxigraph objects and no reference cycle: the cyclic
    # collector, run meanwhile, would only walk them (a full run also everything else the
    # process holds, ~2 ms a document in a build worker), so it waits until they are made.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _to_quads(doc)
    finally:
        if enabled:
            gc.enable()


def _to_quads(doc: PolicyDoc) -> list[Quad]:
    d = doc_iri(doc)
    g = _Graph(d)
    m, src = doc.meta, doc.source
    text = src.text
    source = source_iri(src.text_sha256)
    activity = NamedNode(f"{ID}load/{src.text_sha256}/v{segment(PARSER_VERSION)}")

    anno_base = f"{d.value}/anno/"
    text_len = len(text)
    t_type, oa_annotation, oa_motivated, oa_identifying = RDF.type, OA.Annotation, OA.motivatedBy, OA.identifying
    oa_body, oa_target, pkg_kind, oa_specific = OA.hasBody, OA.hasTarget, PKG.factKind, OA.SpecificResource
    oa_source, oa_selector, oa_quote, oa_exact = OA.hasSource, OA.hasSelector, OA.TextQuoteSelector, OA.exact
    oa_position, oa_start, oa_end = OA.TextPositionSelector, OA.start, OA.end

    def annotate(local: str, body: NamedNode, kind: str, span: Span | None) -> None:
        if span is None or not (0 <= span.start <= span.end <= text_len):
            return
        iri = anno_base + local
        a = NamedNode(iri)
        target = NamedNode(iri + "/target")
        q = NamedNode(iri + "/quote")
        pos = NamedNode(iri + "/position")
        quads = [Quad(a, t_type, oa_annotation, d), Quad(a, oa_motivated, oa_identifying, d)]
        if body is not None:
            quads.append(Quad(a, oa_body, body, d))
        quads.append(Quad(a, oa_target, target, d))
        if kind:
            quads.append(Quad(a, pkg_kind, _literal(kind), d))
        quads += [Quad(target, t_type, oa_specific, d), Quad(target, oa_source, source, d),
                  Quad(target, oa_selector, q, d), Quad(target, oa_selector, pos, d),
                  Quad(q, t_type, oa_quote, d), Quad(q, oa_exact, Literal(span.text), d),
                  Quad(pos, t_type, oa_position, d), Quad(pos, oa_start, Literal(span.start), d),
                  Quad(pos, oa_end, Literal(span.end), d)]
        g.owned(iri, quads)

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
    g.add(d, PKG.titleInferred, (_TRUE if m.title_inferred else _FALSE))
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
        g.add(d, PKG.issuerInferred, _TRUE)
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

    eids: dict[str, str] = {}

    def eid(path: str) -> str:
        known = eids.get(path)
        if known is not None:
            return known
        parts = [p for p in path.split("/") if p]
        out = []
        for i, part in enumerate(parts):
            prefix = "/".join(parts[: i + 1])
            style = styles.get(prefix)
            tok = "item" if style is None else ("box" if style == "box" else "sec")
            out.append(f"{tok}_{segment(part)}")
        eids[path] = result = "__".join(out) or "body"
        return result

    eli_subdivision, eli_part_of, pkg_in_document = ELI.LegalResourceSubdivision, ELI.is_part_of, PKG.inDocument
    eli_number, eli_type_subdivision, pkg_heading = ELI.number, ELI.type_subdivision, PKG.heading
    pkg_path, pkg_order, pkg_text = PKG.path, PKG.order, PKG.text
    section_iri: dict[str, NamedNode] = {}
    for order, s in enumerate(doc.sections, 1):
        local = eid(s.path)
        si = NamedNode(f"{d.value}/{local}")
        section_iri[s.path] = si
        parent_path = s.path.rsplit("/", 1)[0] if "/" in s.path else None
        quads = [Quad(si, t_type, eli_subdivision, d),
                 Quad(si, eli_part_of, section_iri.get(parent_path, d) if parent_path else d, d),
                 Quad(si, pkg_in_document, d, d)]
        if s.number is not None and s.number != "":
            quads.append(Quad(si, eli_number, Literal(s.number), d))
        if s.style in SUBDIVISION_TYPES:
            quads.append(Quad(si, eli_type_subdivision, SUBDIV[SUBDIVISION_TYPES[s.style]], d))
        for p, v in ((pkg_heading, s.heading), (RDFS.label, s.title), (pkg_path, s.path)):
            if v is not None and v != "":
                quads.append(Quad(si, p, Literal(v), d))
        quads += [Quad(si, PKG.depth, _literal(s.depth), d), Quad(si, pkg_order, _literal(order), d)]
        g.owned(si.value, quads)
        annotate(local, si, "heading", s.span)

    # units
    canon = _canonical_units(doc)
    lead_issuer = next((x for x in m.issuer if x), None)
    issuer_key = segment(lead_issuer) if lead_issuer else f"doc-{doc_key(doc)}"

    unit_nodes: dict[tuple, NamedNode] = {}      # a unit named again adds nothing new

    def unit_node(u: UnitRef) -> NamedNode:
        key = (u.name, u.base, u.alias, bool(u.collective))
        known = unit_nodes.get(key)
        if known is not None:
            return known
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
            g.add(ui, PKG.collective, _TRUE)
        unit_nodes[key] = ui
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
        quads = [Quad(mi, t_type, PKG.Measure, d), Quad(mi, t_type, eli_subdivision, d),
                 Quad(mi, eli_part_of, section_iri.get(x.section_path, d), d),
                 Quad(mi, pkg_in_document, d, d), Quad(mi, eli_type_subdivision, SUBDIV.item, d)]
        for p, v in ((eli_number, x.number), (pkg_heading, x.heading), (pkg_text, x.text), (pkg_path, x.path)):
            if v is not None and v != "":
                quads.append(Quad(mi, p, Literal(v), d))
        quads.append(Quad(mi, pkg_order, _literal(order), d))
        g.owned(mi.value, quads)
        annotate(local, mi, "measure", x.span)
        for j, u in enumerate(x.units, 1):
            r = NamedNode(f"{mi.value}/resp_{j}")
            g.add(r, RDF.type, PKG.Responsibility)
            g.add(r, PKG.measure, mi)
            g.add(r, PKG.unit, unit_node(u))
            g.add(r, ORG.role, PKG.Lead if u.role == "lead" else PKG.Support)
            g.lit(r, PKG.asWritten, u.name)
            g.add(r, PKG.order, _literal(j))
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
        g.add(ci, PKG.order, _literal(k))
        annotate(f"citation_{k}", ci, "citation", c.span)

    # indicators and targets
    measure_units: dict[str, NamedNode] = {}
    indicators: dict[str, NamedNode] = {}

    def measure_unit(symbol: str | None) -> NamedNode | None:
        if not symbol:
            return None
        qu = measure_units.get(symbol)
        if qu is None:
            qu = measure_units[symbol] = measure_of_unit_iri(symbol)
            g.add(qu, RDF.type, QUDT.Unit)
            g.lit(qu, QUDT.symbol, symbol)
        return qu

    def indicator(name: str) -> NamedNode:
        ii = indicators.get(name)
        if ii is None:
            ii = indicators[name] = NamedNode(f"{d.value}/indicator/{segment(name)}")
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
                g.add(o, PKG.cumulative, (_TRUE if row.cumulative else _FALSE))
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
    g.add(activity, PKG.loadComplete, _TRUE)
    return g.quads


__all__ = ["to_quads", "doc_iri", "doc_key", "source_iri", "org_iri", "region_iri", "unit_iri",
           "segment", "short_hash", "parse_value"]
