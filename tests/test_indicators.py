"""Indicator tables: the seeds' rows against the gold, and small synthetic tables in other shapes."""
from __future__ import annotations

import difflib
from dataclasses import replace

import pytest

from conftest import gold_for, seed_paths
from loaders import indicators
from loaders.model import Metadata, SourceTable, Span
from loaders.read import source_from_text
from loaders.tables import is_unit, split_unit, split_value


def meta_for(text: str, period: str | None = None) -> Metadata:
    return Metadata(title=None, title_inferred=False, title_span=None, notice_title=None, issuer=(),
                    issuer_inferred=False, issuer_spans=(), date=None, date_span=None, published=None,
                    doc_number=None, doc_number_span=None, level=None, region=None, region_code=None,
                    period=period, period_span=None, doc_type=None, body_start=0, body_end=len(text))


def rows_of(text: str, period: str | None = None, tables=()):
    src = source_from_text(text, "t.txt", tables=tables)
    return src, indicators.extract(src, (), meta_for(src.text, period))


def same_name(a: str, b: str) -> bool:
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


# --- the seeds -------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [p for p in seed_paths() if gold_for(p).get("indicators")],
                         ids=lambda p: p.name)
def test_every_gold_row_is_read_with_its_values(path, parsed):
    doc = parsed[path.name]
    gold = gold_for(path)["indicators"]
    for g in gold:
        hits = [r for r in doc.indicators if same_name(g["name"], r.name)
                and r.unit == g["unit"] and r.baseline == g["baseline"] and r.target == g["target"]
                and r.attribute == g["attribute"]]
        assert hits, f"not read: {g}"
        r = hits[0]
        assert r.year == g["year"] and r.baseline_year == g["baseline_year"], g["name"]
        if "cumulative" in g:
            assert r.cumulative == g["cumulative"], g["name"]
        if g.get("table"):
            assert r.table == g["table"]
        if "(专栏" not in (g.get("category") or ""):
            assert r.category == g["category"], g["name"]
    # nothing invented: every row read is a gold row
    assert all(any(same_name(g["name"], r.name) for g in gold) for r in doc.indicators)


def test_spans_quote_the_row_text(parsed):
    for doc in parsed.values():
        for r in doc.indicators:
            assert doc.source.text[r.span.start:r.span.end] == r.span.text
            assert r.name.split("(")[0][:4] in r.span.text


def test_project_boxes_yield_no_rows(parsed):
    for doc in parsed.values():
        for r in doc.indicators:
            assert "项目" not in r.category or "指标" in r.category


# --- cells -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name,expected", [
    ("全省市场主体数(万户)", ("全省市场主体数", "万户")),
    ("规上企业标准总监覆盖率%", ("规上企业标准总监覆盖率", "%")),
    ("食品及食用农产品抽检量(批次/千人)", ("食品及食用农产品抽检量", "批次/千人")),
    ("国家知识产权强县工程示范县(区)", ("国家知识产权强县工程示范县(区)", None)),
    ("乡镇(街道)快检室覆盖率", ("乡镇(街道)快检室覆盖率", None)),
    ("年度培训时长（学时）", ("年度培训时长", "学时")),
])
def test_units_are_split_from_names(name, expected):
    assert split_unit(name) == expected


@pytest.mark.parametrize("cell,expected", [
    ("12件", ("12", "件")), ("10亿元/年", ("10", "亿元/年")), ("85%", ("85", "%")),
    ("≥98", ("≥98", None)), (">11000", (">11000", None)), ("-", (None, None)), ("\xa0", (None, None)),
])
def test_value_cells_keep_comparators_and_drop_units(cell, expected):
    assert split_value(cell) == expected


def test_units_of_measure_are_not_places():
    assert is_unit("万户") and is_unit("台(件)") and is_unit("个百分点")
    assert not is_unit("区") and not is_unit("县") and not is_unit("街道")


# --- synthetic tables ------------------------------------------------------------------------

WHITESPACE = """专栏3 “十五五”食品安全主要指标
类别 序号 指标名称 2025年 2030年 属性
食品 1 食品抽检量(批次/千人) 5 ≥6 约束性
安全 2 评价性抽检合格率(%) 98 >98.5 约束性
监管 3 快检室覆盖率(%) \xa0 100 预期性
\xa0 4 投诉处置时长(天) 5 ≤3 预期性
知识 5 商标注册量(万件) 2.1 3 预期性
产权 6 专利质押金额(亿元) \xa0 12 预期性
7 地理标志产品(个) 4 6 预期性
注:第1-2、5项为累计值,其余为年度值。
下一段正文不是表格。
"""


def test_three_row_split_category_and_blank_cells():
    src, rows = rows_of(WHITESPACE)
    by_no = {r.number: r for r in rows}
    assert [r.number for r in rows] == ["1", "2", "3", "4", "5", "6", "7"]
    assert {by_no[n].category for n in "1234"} == {"食品安全监管"}
    assert {by_no[n].category for n in "567"} == {"知识产权"}
    assert (by_no["3"].baseline, by_no["3"].baseline_year, by_no["3"].target) == (None, None, "100")
    assert (by_no["4"].unit, by_no["4"].target, by_no["4"].year) == ("天", "≤3", 2030)
    assert by_no["5"].unit == "万件" and by_no["1"].baseline_year == 2025
    assert by_no["1"].table == "专栏3"


def test_cumulative_note_with_ranges():
    _, rows = rows_of(WHITESPACE)
    assert {r.number for r in rows if r.cumulative} == {"1", "2", "5"}
    assert all(r.cumulative is False for r in rows if r.number not in ("1", "2", "5"))


def test_without_a_note_cumulative_is_unknown():
    _, rows = rows_of(WHITESPACE.replace("注:第1-2、5项为累计值,其余为年度值。\n", ""))
    assert rows and all(r.cumulative is None for r in rows)


PIPE = """专栏2 “十四五”区质量发展主要指标 |
|||
序号 |
指标名称 |
属性 |
目标值 |
1 |
新增省级质量奖企业 |
预期性 |
3家 |
2 |
示范乡镇(街道) |
约束性 |
5个 |
||||
3 |
产品质量合格率 |
约束性 |
≥95% |
正文继续。
"""


def test_pipe_table_with_units_in_target_cells_and_the_period_from_the_title():
    _, rows = rows_of(PIPE)
    assert [(r.name, r.unit, r.target, r.attribute, r.year) for r in rows] == [
        ("新增省级质量奖企业", "家", "3", "预期性", 2025),
        ("示范乡镇(街道)", "个", "5", "约束性", 2025),
        ("产品质量合格率", "%", "≥95", "约束性", 2025),
    ]
    assert all(r.category == "“十四五”区质量发展主要指标" and r.table == "专栏2" for r in rows)


def test_period_from_metadata_wins():
    _, rows = rows_of(PIPE.replace("“十四五”", ""), period="2022-2026")
    assert rows and all(r.year == 2026 for r in rows)


def test_prose_box_and_project_table_yield_nothing():
    text = ("专栏4 “十四五”质量基础设施重大项目\n1.计量能力提升项目。新建社会公用计量标准30项。\n"
            "2.检验检测平台项目。建设国家质检中心2个。\n")
    assert rows_of(text)[1] == ()


def test_structured_table_rows():
    text = "专栏1 主要指标\n领域 指标 单位 2020年 2025年 属性\n市场 市场主体数 万户 10 12 预期性\n"
    start = text.index("领域")
    table = SourceTable(rows=(("领域", "指标", "单位", "2020年", "2025年", "属性"),
                              ("市场", "市场主体数", "万户", "10", "12", "预期性")),
                        span=Span.of(text, start, len(text) - 1))
    src, rows = rows_of(text, tables=(table,))
    assert len(rows) == 1
    r = rows[0]
    assert (r.name, r.unit, r.baseline, r.target, r.year, r.category) == ("市场主体数", "万户", "10", "12", 2025, "市场")
    assert src.text[r.span.start:r.span.end] == r.span.text


def test_metadata_replace_keeps_body_bounds():
    # the stage reads only inside the body: a table before body_start is not read
    src = source_from_text(WHITESPACE, "t.txt")
    meta = replace(meta_for(src.text), body_start=len(src.text) - 5)
    assert indicators.extract(src, (), meta) == ()


def test_pipe_table_read_back_with_blank_lines_between_cells():
    # an html or docx reader may put blank lines between the '|' cells of a converted table
    _, rows = rows_of(PIPE.replace(" |\n", " |\n\n"))
    assert [r.target for r in rows] == ["3", "5", "≥95"]


def test_row_span_starts_at_its_first_written_cell():
    text = "专栏1 主要指标\n领域 序号 指标 2020年 2025年 属性\n市场 1 市场主体数(万户) 10 12 预期性\n | 2 | 开办时间(天) |  | 1 | 预期性 |\n"
    start = text.index("领域")
    table = SourceTable(rows=(("领域", "序号", "指标", "2020年", "2025年", "属性"),
                              ("市场", "1", "市场主体数(万户)", "10", "12", "预期性"),
                              ("", "2", "开办时间(天)", "", "1", "预期性")),
                        span=Span.of(text, start, len(text) - 1))
    src, rows = rows_of(text, tables=(table,))
    assert [r.span.text[:1] for r in rows] == ["市", "2"]
    assert rows[1].category == "市场" and rows[1].baseline is None


def test_markdown_rows_with_a_unit_column_and_a_separator_row():
    text = ("专栏2 主要指标\n|序号|指标|单位|2020年|2025年|属性|\n|---|---|---|---|---|---|\n"
            "|1|食品安全抽检量|批次/千人|4.5|5|约束性|\n|2|示范县（市、区）|个|28|40|预期性|\n"
            "|3|风险分级管理覆盖率|%|-|100|约束性|\n\n正文继续。\n")
    _, rows = rows_of(text, "2021-2025")
    assert [(r.name, r.unit, r.baseline, r.target, r.attribute, r.year) for r in rows] == [
        ("食品安全抽检量", "批次/千人", "4.5", "5", "约束性", 2025),
        ("示范县（市、区）", "个", "28", "40", "预期性", 2025),
        ("风险分级管理覆盖率", "%", None, "100", "约束性", 2025)]


def test_a_blank_category_cell_written_as_a_space_continues_the_category():
    text = ("专栏1 主要指标\n类别 指标 2020年 2025年 属性\n市场主体 市场主体总量（亿户） 1.4 2 预期性\n"
            " 企业开办时间（工作日） 4 ≤3 预期性\n质量安全 食品抽检合格率（%） 97.69 ≥98 约束性\n")
    _, rows = rows_of(text, "2021-2025")
    assert [(r.category, r.name, r.unit, r.baseline, r.target) for r in rows] == [
        ("市场主体", "市场主体总量", "亿户", "1.4", "2"), ("市场主体", "企业开办时间", "工作日", "4", "≤3"),
        ("质量安全", "食品抽检合格率", "%", "97.69", "≥98")]
