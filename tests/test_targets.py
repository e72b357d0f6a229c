"""Prose targets: the seeds' gold targets found, past statistics avoided, and synthetic paragraphs."""
from __future__ import annotations

import unicodedata

import pytest

from conftest import gold_for, seed_paths
from loaders import structure, targets
from loaders.model import Metadata


def meta_for(text: str, period: str | None = None) -> Metadata:
    return Metadata(title=None, title_inferred=False, title_span=None, notice_title=None, issuer=(),
                    issuer_inferred=False, issuer_spans=(), date=None, date_span=None, published=None,
                    doc_number=None, doc_number_span=None, level=None, region=None, region_code=None,
                    period=period, period_span=None, doc_type=None, body_start=0, body_end=len(text))


def run(text: str, period: str | None = "2021-2025"):
    return targets.extract(text, structure.sections(text), meta_for(text, period), (), ())


def fold(s: str | None) -> str:
    return unicodedata.normalize("NFKC", s or "").replace(" ", "")


def found(ts, quantity: str, unit: str):
    return [t for t in ts if fold(t.quantity) == fold(quantity) and fold(t.unit) == fold(unit)]


# --- the seeds -------------------------------------------------------------------------------

@pytest.mark.parametrize("path", seed_paths(), ids=lambda p: p.name)
def test_gold_targets_are_found_with_their_year(path, parsed):
    doc = parsed[path.name]
    for g in gold_for(path).get("inline_targets") or []:
        hits = found(doc.targets, g["quantity"], g["unit"])
        hits = [t for t in hits if fold(t.text) in fold(g["text"]) or fold(g["text"]).endswith(fold(t.text))
                or fold(t.text).endswith(fold(g["text"]))]
        assert hits, f"missed: {g['text']}"


@pytest.mark.parametrize("path", seed_paths(), ids=lambda p: p.name)
def test_past_statistics_are_not_targets(path, parsed):
    doc = parsed[path.name]
    for bad in gold_for(path).get("not_targets") or []:
        for t in found(doc.targets, bad["quantity"], bad["unit"]):
            assert fold(t.text) not in fold(bad["text"]) and fold(bad["text"]) not in fold(t.text), t


def test_spans_quote_the_text(parsed):
    for doc in parsed.values():
        for t in doc.targets:
            assert doc.source.text[t.span.start:t.span.end] == t.span.text == t.text
            assert t.quantity in t.text


# --- synthetic paragraphs --------------------------------------------------------------------

def test_comparators_from_words():
    ts = run("一、主要任务\n投诉处理时限不超过7个工作日,抽检不合格率控制在2%以内,"
             "年培训不少于40学时,市场主体突破30万户,满意度达到85分以上,办结率达96%。\n")
    got = {(t.quantity, t.unit): t.comparator for t in ts}
    assert got == {("7", "工作日"): "≤", ("2", "%"): "≤", ("40", "学时"): "≥", ("30", "万户"): ">",
                   ("85", "分"): "≥", ("96", "%"): "="}


def test_indicator_phrase_and_quote():
    ts = run("一、主要任务\n推进标准化建设,全区新增企业标准自我声明公开300项以上。\n")
    assert len(ts) == 1
    assert ts[0].indicator == "全区新增企业标准自我声明公开"
    assert ts[0].text == "全区新增企业标准自我声明公开300项以上"


def test_year_of_a_goal_paragraph_applies_to_its_later_clauses():
    ts = run("二、工作目标\n到2026年,全县市场主体达到5万户,新增商标注册1200件,每年抽检不少于500批次。\n"
             "三、主要任务\n建成快检室12个。\n", period="2022-2026")
    years = {(t.quantity, t.unit): t.year for t in ts}
    assert years == {("5", "万户"): 2026, ("1200", "件"): 2026, ("500", "批次"): None, ("12", "个"): None}


def test_goal_section_year_reaches_its_sub_paragraphs():
    ts = run("二、工作目标\n到2027年,基本建成现代化市场体系。\n(一)主体发展。企业突破3万户。\n"
             "三、主要措施\n1.推进改革。建设示范点5个。\n", period="2023-2027")
    years = {(t.quantity, t.unit): t.year for t in ts}
    assert years == {("3", "万户"): 2027, ("5", "个"): None}


def test_one_year_plan_gives_its_year_but_not_to_each_year_targets():
    ts = run("一、优化环境\n1.力争全年净增市场主体3000户。每年开展专项检查不少于4次。\n", period="2024")
    years = {(t.quantity, t.unit): t.year for t in ts}
    assert years == {("3000", "户"): 2024, ("4", "次"): None}


def test_explicit_deadline_wins():
    ts = run("一、主要任务\n力争到2024年底,网办率达到95%;至2023年底,建成示范街区3条。\n", period="2021-2025")
    assert {(t.quantity, t.year) for t in ts} == {("95", 2024), ("3", 2023)}


def test_review_sections_are_not_targets():
    text = ("一、发展基础\n“十三五”期间,全市市场主体达到40万户,建成快检室20个。\n"
            "二、面临形势\n食品抽检合格率达98%。\n三、主要任务\n新建快检室10个。\n")
    assert [(t.quantity, t.unit) for t in run(text)] == [("10", "个")]


def test_tense_cues_outside_review_sections():
    text = ("一、主要任务\n截至2020年底,全省实有市场主体488万户。发明专利拥有量由2017年的1.1件增至3.9件。"
            "“十三五”时期末全市市场主体突破44万户。力争全年质押融资项目数较2022年增长20%。\n")
    assert [(t.quantity, t.unit) for t in run(text, period="2023")] == [("20", "%")]


def test_names_dates_codes_and_ranges_are_not_targets():
    text = ("一、主要任务\n开展好4.26知识产权宣传周和5·17宣传日活动,畅通12315热线,举办第二届质量奖评选,"
            "落实2022-2024年行动计划(宿市监发〔2022〕40号),每年开展1-2个热点行业专项治理。\n")
    assert run(text) == ()


def test_a_target_cut_off_before_its_number_yields_nothing():
    assert run("一、主要任务\n力争全市市场主体总量达到\n") == ()


def test_chinese_numerals_after_a_target_verb_become_arabic():
    # the quantity is the number (what the scorer and the graph compare); the quote keeps 三
    ts = run("一、主要任务\n建成三个区域检测中心,落实“四个最严”要求,推进“一网通办”。\n")
    assert [(t.quantity, t.unit, t.text[-3:]) for t in ts] == [("3", "个", "建成三个"[-3:])]


def test_chinese_numerals_after_the_noun_and_percentages_in_words():
    ts = run("一、主要任务\n培育示范企业二个以上,新建维权工作站八个。结案率达到百分之九十五以上,"
             "商标总量年均增长百分之十,锚定“一个大市场、两个强市”目标。\n", period="2022")
    assert [(t.quantity, t.unit, t.comparator) for t in ts] == [
        ("2", "个", "≥"), ("8", "个", None), ("95", "%", "≥"), ("10", "%", None)]


def test_a_comparison_with_the_year_before_the_plan_is_a_target():
    ts = run("一、主要任务\n抽查不合格发现率较2021年下降10%。市场主体较2015年增长86%。\n", period="2022-2024")
    assert [(t.quantity, t.unit) for t in ts] == [("10", "%")]


def test_a_past_year_governs_the_clauses_after_a_semicolon():
    ts = run("一、主要任务\n2021年,专利授权量达到1856件;有效注册商标总量达到2.9万件。"
             "2022年,力争有效注册商标总量达到3.2万件;专利授权量达到2000件。\n", period="2022")
    assert [(t.quantity, t.unit) for t in ts] == [("3.2", "万件"), ("2000", "件")]


def test_units_of_the_genre():
    ts = run("一、主要任务\n强检计量器具达到8000台(件),食品抽检4批次/千人以上,质押融资额达5亿元,"
             "广告监测3000条次以上,每年培训不少于50个学时。\n")
    assert {(t.quantity, t.unit) for t in ts} == {("8000", "台(件)"), ("4", "批次/千人"), ("5", "亿元"),
                                                  ("3000", "条次"), ("50", "学时")}


from hypothesis import given, settings, strategies as st  # noqa: E402

from loaders import indicators  # noqa: E402
from loaders.read import source_from_text  # noqa: E402

ALPHABET = st.sampled_from(list("0123456789.%|-≥≤>年到至达以上内万户件个项家专栏指标属性预期约束类别序号名称注第、,，。;\n \xa0一二三十五"))


@settings(max_examples=200, deadline=None)
@given(st.text(ALPHABET, min_size=1, max_size=300))
def test_stages_never_crash_and_spans_hold(body):
    text = "专栏1 主要指标\n类别 序号 指标名称 2020年 2025年 属性\n" + body
    src = source_from_text(text, "t.txt")
    meta = meta_for(src.text)
    secs = structure.sections(src.text)
    rows = indicators.extract(src, secs, meta)
    for r in rows:
        assert src.text[r.span.start:r.span.end] == r.span.text
    for t in targets.extract(src.text, secs, meta, (), rows):
        assert src.text[t.span.start:t.span.end] == t.span.text
