"""Helpers shared by the RDF, store, query and CLI tests (not a test module)."""
from __future__ import annotations

from dataclasses import replace

from loaders.model import Citation, IndicatorRow, Measure, PolicyDoc, Span, Target, UnitRef


def _span(text: str, needle: str, start: int = 0) -> Span:
    i = text.index(needle, start)
    return Span.of(text, i, i + len(needle))


def full_doc(doc: PolicyDoc) -> PolicyDoc:
    """A seed document (Kaifu) with every kind of fact filled in by hand, spans into its text,
    so the mapping is exercised whatever the parse stages deliver today."""
    text = doc.source.text
    title = "关于贯彻落实强省会战略的工作方案（2022-2026年）"
    line = _span(text, "1.优化市场准入。")
    line_end = text.index("\n", line.start)
    m_span = Span.of(text, line.start, line_end)
    u1 = UnitRef(name="行政审批和政务服务科", base="行政审批和政务服务科", alias=None, role="lead",
                 collective=False, span=_span(text, "行政审批和政务服务科", line.start))
    u2 = UnitRef(name="各市场监管所", base="各市场监管所", alias=None, role="support",
                 collective=True, span=_span(text, "各市场监管所", line.start))
    measure = Measure(path="3/1/1", section_path="3/1", number="1", heading="优化市场准入",
                      text=m_span.text, units=(u1, u2), lead_unit=u1.name, span=m_span)
    cit = Citation(as_written="优化营商环境促进市场主体高质量发展若干措施",
                   title="优化营商环境促进市场主体高质量发展若干措施", issuer=None, doc_number=None,
                   kind="reference", span=_span(text, "《优化营商环境促进市场主体高质量发展若干措施》"))
    basis = Citation(as_written="中共湖南省委湖南省人民政府关于实施强省会战略支持长沙市高质量发展的若干意见",
                     title="关于实施强省会战略支持长沙市高质量发展的若干意见", issuer="中共湖南省委湖南省人民政府",
                     doc_number=None, kind="basis",
                     span=_span(text, "《中共湖南省委湖南省人民政府关于实施强省会战略支持长沙市高质量发展的若干意见》"))
    row = IndicatorRow(name="市民食品安全综合满意度", unit="分", baseline="80", baseline_year=2021,
                       target="≥84", year=2026, attribute="约束性", category="食品安全",
                       cumulative=False, table="专栏1", number="1",
                       span=_span(text, "市民食品安全综合满意度达到84分以上"))
    tgt = Target(text="全区市场主体突破21万户", quantity="21", unit="万户", year=2026,
                 comparator="≥", indicator="全区市场主体", span=_span(text, "全区市场主体突破21万户"))
    meta = replace(doc.meta, title=title, title_span=_span(text, title), title_inferred=False,
                   issuer=("长沙市开福区市场监督管理局",), issuer_spans=(),
                   level="district", region="开福区", region_code="430105", period="2022-2026",
                   period_span=_span(text, "2022-2026"), date="2022-06-01", date_span=None,
                   doc_type="工作方案", doc_number=None, doc_number_span=None)
    return replace(doc, meta=meta, measures=(measure,), citations=(basis, cit), indicators=(row,),
                   targets=(tgt,), collective_units=(u2,))
