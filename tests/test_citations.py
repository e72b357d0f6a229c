"""Citations: 《》 titles, basis versus references, notice wrappers and issuer prefixes."""
from __future__ import annotations

import pytest

from conftest import gold_for, seed_paths
from loaders import citations, metadata, structure
from loaders.citations import prefix_issuer, titles, unwrap
from loaders.model import SourceDoc


def cite(text: str):
    src = SourceDoc(path="", name="unseen.txt", text=text, sha256="", text_sha256="", encoding="utf-8",
                    format="txt")
    meta = metadata.extract(src, structure.sections(text))
    secs = structure.sections(text, meta.body_start, meta.body_end)
    return citations.extract(text, meta, secs)


def check_spans(text, cits):
    for c in cits:
        assert text[c.span.start:c.span.end] == c.span.text
        assert c.span.text == "《" + c.as_written + "》"


# --- seeds ------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", seed_paths(), ids=lambda p: p.name[:3])
def test_seed_basis_and_references_match_gold(parsed, path):
    gold = gold_for(path)
    doc = parsed[path.name]
    check_spans(doc.source.text, doc.citations)
    report = doc.report()
    assert report["basis"] == gold["basis"]
    if "references" in gold:
        assert report["references"] == gold["references"]
    own = doc.meta.title
    assert own not in report["references"] and own not in report["basis"]


def test_wrapped_basis_is_unwrapped(parsed):
    basis = parsed["000_d4b74f1350e2b71b.txt"].basis
    assert basis[1].title == "关于贯彻落实强省会战略的行动方案（2022-2026年）"
    assert basis[1].issuer == "中共长沙市委长沙市人民政府"
    # the parent shares the document's title: still a basis, because it is cited wrapped in its notice
    assert basis[2].title == parsed["000_d4b74f1350e2b71b.txt"].meta.title
    assert basis[2].issuer == "长沙市市场监督管理局"


def test_issuer_prefix_before_title(parsed):
    b = parsed["002_cc10d02186e4a576.txt"].basis
    assert (b[1].title, b[1].issuer) == ("“十四五”市场监管现代化规划", "国家市场监管总局")
    assert b[0].issuer is None


def test_body_citation_with_issuing_date_is_a_reference(parsed):
    (ref,) = parsed["004_8808ba02f2afebfc.txt"].references
    assert ref.issuer == "中共中央办公厅、国务院办公厅"
    assert ref.kind == "reference"


def test_own_title_in_notice_is_not_cited(parsed):
    for name in ("002_cc10d02186e4a576.txt", "003_4314df77ff9555c6.txt"):
        doc = parsed[name]
        assert all(c.as_written != doc.meta.title for c in doc.citations)


# --- the pieces -------------------------------------------------------------------------------

def test_nested_titles():
    text = "按照《A印发<B>的通知》和《关于印发《C》的通知》及《D〈E〉》,《未闭合\n《F》"
    assert [s.text for s in titles(text)] == ["《A印发<B>的通知》", "《关于印发《C》的通知》", "《D〈E〉》", "《F》"]


@pytest.mark.parametrize("written,title,issuer", [
    ("长沙市市场监督管理局印发<关于X的工作方案（2022-2026年）>的通知", "关于X的工作方案（2022-2026年）", "长沙市市场监督管理局"),
    ("省政府关于印发〈Y规划〉的通知", "Y规划", "省政府"),
    ("关于印发《Z纲要》的通知", "Z纲要", None),
    ("国务院关于印发“十四五”市场监管现代化规划的通知", "“十四五”市场监管现代化规划", "国务院"),
    ("中华人民共和国食品安全法", "中华人民共和国食品安全法", None),
])
def test_unwrap(written, title, issuer):
    assert unwrap(written) == (title, issuer)


@pytest.mark.parametrize("before,issuer", [
    ("根据《甲》和国家市场监管总局", "国家市场监管总局"),
    ("一是严格按照中共中央办公厅、国务院办公厅20181126日印发", "中共中央办公厅、国务院办公厅"),
    ("贯彻落实中央有关要求和湖南省委办公厅、省人民政府办公厅印发的", "湖南省委办公厅、省人民政府办公厅"),
    ("根据", None),
    ("强化", None),
])
def test_prefix_issuer(before, issuer):
    assert prefix_issuer(before + "《X》", len(before)) == issuer


# --- unseen documents -------------------------------------------------------------------------

COUNTY = """萧县市场监督管理局关于印发《萧县“十四五”市场监管规划》的通知
萧市监〔2022〕7号
现将《萧县“十四五”市场监管规划》印发给你们,请认真贯彻执行。
萧县市场监督管理局
2022年6月8日
萧县“十四五”市场监管规划
依据《宿州市“十四五”市场监管现代化规划》(宿市监发〔2022〕40号)和《萧县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》,结合我县实际,制定本规划。《萧县市场监管年鉴》记录了成绩。
一、发展基础
全县市场主体稳步增长。根据《中华人民共和国食品安全法》开展监管。
"""


def test_county_plan_basis_with_doc_number():
    cits = cite(COUNTY)
    check_spans(COUNTY, cits)
    basis = [c for c in cits if c.kind == "basis"]
    refs = [c.as_written for c in cits if c.kind == "reference"]
    assert [c.as_written for c in basis] == ["宿州市“十四五”市场监管现代化规划",
                                             "萧县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"]
    assert basis[0].doc_number == "宿市监发〔2022〕40号"
    # no cue in its sentence, or after the first heading: references
    assert refs == ["萧县市场监管年鉴", "中华人民共和国食品安全法"]
    assert all("萧县“十四五”市场监管规划" != c.as_written for c in cits)


def test_cue_in_notice_makes_basis():
    text = ("关于印发《某县市场监管行动方案》的通知\n"
            "为贯彻落实《某市市场监管行动方案》,现将《某县市场监管行动方案》印发给你们。\n"
            "某县市场监督管理局\n2023年1月5日\n某县市场监管行动方案\n一、目标\n按照《标准化法》要求推进。\n")
    cits = cite(text)
    assert [(c.as_written, c.kind) for c in cits] == [("某市市场监管行动方案", "basis"), ("标准化法", "reference")]


def test_no_titles():
    assert cite("2023年,全市市场监管工作要点如下:\n一、任务\n做好工作。\n") == ()
