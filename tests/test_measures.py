"""Measures: numbered task items, runs inside paragraphs, single-task sections, spans."""
from __future__ import annotations

import dataclasses
import re

import pytest

from conftest import gold_for, seed_paths
from loaders import measures as M
from loaders import structure
from loaders.model import Metadata


def meta_for(text: str) -> Metadata:
    values = {}
    for f in dataclasses.fields(Metadata):
        values[f.name] = {"title_inferred": False, "issuer_inferred": False, "issuer": (),
                          "issuer_spans": (), "body_start": 0, "body_end": len(text)}.get(f.name)
    return Metadata(**values)


def extract(text: str):
    return M.extract(text, structure.sections(text), meta_for(text))


def assert_spans(text, ms):
    for m in ms:
        assert text[m.span.start:m.span.end] == m.span.text
        for u in m.units:
            assert text[u.span.start:u.span.end] == u.span.text


# -- synthetic documents: the rules, not the seeds ----------------------------------------

PLAN = """关于做好2024年市场监管工作的实施方案
一、工作目标
（一）市场主体稳步增长。全年新增市场主体1万户。
（二）质量水平持续提升。
二、重点任务
（一）优化营商环境
1.深化登记改革。推行全程电子化。(牵头单位:登记注册科;配合单位:信用科,各市场监管所)
2.加强信用监管。实施分级分类监管。
（二）守牢安全底线
1.加强食品安全监管。开展专项整治。（责任单位：食品科〈餐饮办〉、相关科室）
（三）推进生态治理，助力美丽城市建设
加大成品油质量抽检力度，全年抽检不少于20批次。严查违法行为。（责任单位：质量科）
三、保障措施
（一）加强组织领导。成立领导小组。
（二）强化督查考核。纳入绩效考核。
上述工作中涉及多个责任单位的，排第一的为牵头单位。所有业务工作，各市场监管所均为责任单位。
"""


def test_synthetic_plan_measures():
    ms, doc_units = extract(PLAN)
    assert [m.heading for m in ms] == ["深化登记改革", "加强信用监管", "加强食品安全监管",
                                       "加大成品油质量抽检力度，全年抽检不少于20批次",
                                       "加强组织领导", "强化督查考核"]
    first = ms[0]
    assert [u.name for u in first.units] == ["登记注册科", "信用科", "各市场监管所"]
    assert first.lead_unit == "登记注册科"
    assert ms[2].units[0].name == "食品科〈餐饮办〉" and ms[2].units[0].alias == "餐饮办"
    assert ms[1].units == () and ms[1].lead_unit is None
    single = ms[3]                          # one un-numbered task under a grouping heading
    assert single.number == "（三）" and single.lead_unit == "质量科"
    assert single.text.endswith("（责任单位：质量科）")
    last = ms[-1]                           # the closing paragraph is not part of the last item
    assert "上述工作" not in last.text and last.text == "强化督查考核。纳入绩效考核。"
    assert [u.name for u in doc_units] == ["各市场监管所"]
    assert all("目标" not in m.heading for m in ms)
    assert_spans(PLAN, ms)


def test_items_with_units_count_outside_task_sections():
    text = "一、聚焦营商环境\n1.深化改革。(责任单位:登记科)\n2.优化服务。(责任单位:审批科、各所)\n"
    ms, _ = extract(text)
    assert [m.lead_unit for m in ms] == ["登记科", "审批科"]


def test_preamble_cue_makes_the_body_a_task_list():
    text = "2024年，全局要抓好以下重点工作：\n一、优化环境\n1.深化改革。推进登记便利化。\n2.优化服务。\n"
    ms, _ = extract(text)
    assert [m.heading for m in ms] == ["深化改革", "优化服务"]


def test_no_measures_outside_tasks_without_units():
    text = "一、基本原则\n1.坚持依法监管。依法依规。\n2.坚持智慧监管。\n二、工作目标\n1.市场主体增长。\n"
    assert extract(text) == ((), ())


def test_runs_inside_a_paragraph_are_measures():
    text = ("一、形势分析\n一是形势复杂;二是任务繁重。\n二、主要任务\n"
            "1.打造一体化环境。一是落实信用监管。推动信息共享二是加强知识产权保护,降低维权成本。\n"
            "三、保障措施\n一是强化组织领导。成立领导小组。\n二是强化责任落实。\n")
    ms, _ = extract(text)
    assert [(m.number, m.heading) for m in ms] == [
        ("一是", "落实信用监管"), ("二是", "加强知识产权保护,降低维权成本"),
        ("一是", "强化组织领导"), ("二是", "强化责任落实")]
    assert ms[0].text == "落实信用监管。推动信息共享"
    assert_spans(text, ms)


def test_parenthesised_sub_items_each_with_units():
    text = ("一、重点任务\n1.强化执法。（1）开展打假行动。（责任单位：执法支队）"
            "（2）规范网络交易。（责任单位：网监科、各市场监管所）\n")
    ms, _ = extract(text)
    assert [(m.number, m.lead_unit) for m in ms] == [("（1）", "执法支队"), ("（2）", "网监科")]
    assert_spans(text, ms)


def test_a_long_first_sentence_is_cut_at_its_first_clause():
    text = ("一、主要措施\n（一）助力生态治理，打好保卫战\n加大油品质量监管力度，加强车用柴油、车用汽油、"
            "车用尿素等重点工业产品质量监督抽查，每年抽查不少于8批次。（责任单位：质量科）\n"
            "（二）服务产业发展\n1.服务药品产业。（责任单位：药械科）\n")
    ms, _ = extract(text)
    assert [m.heading for m in ms] == ["加大油品质量监管力度", "服务药品产业"]


def test_word_artefacts_and_stray_spaces_are_not_text():
    text = ("一、主要措施\n[bookmark: _GoBack]1. 全面实施负面清单制度。落实“全国一张清 单”管理模式。"
            "（责任单位：审批科）\n2.推进“品牌城市 品质消费”行动。\n")
    ms, _ = extract(text)
    assert ms[0].heading == "全面实施负面清单制度"
    assert "清单" in ms[0].text and "bookmark" not in ms[0].text
    assert "品牌城市 品质消费" in ms[1].text       # a space between parallel phrases is written
    assert_spans(text, ms)


def test_boxes_and_table_rows_are_not_item_text():
    text = ("一、主要任务\n1.加强食品安全监管。落实主体责任,加强全过程\n"
            "专栏2 食品安全工程 |\n序号 |\n指标 |\n质量安全控制。\n2.下一项。\n")
    ms, _ = extract(text)
    assert ms[0].text == "加强食品安全监管。落实主体责任,加强全过程质量安全控制。"


# -- the seed documents ---------------------------------------------------------------------

def _number_path(doc, m) -> str:
    """The measure's path in numbers as written (第三章/一/1), brackets dropped."""
    by_path = {s.path: s for s in doc.sections}
    parts = m.path.split("/")
    nums = []
    for i in range(1, len(parts) + 1):
        s = by_path.get("/".join(parts[:i]))
        nums.append(re.sub(r"[（()）]", "", s.number) if s else m.number)
    return "/".join(nums)


@pytest.mark.parametrize("path", seed_paths(), ids=lambda p: p.name)
def test_spans_point_at_the_text(parsed, path):
    doc = parsed[path.name]
    assert doc.measures
    assert_spans(doc.source.text, doc.measures)
    assert_spans(doc.source.text, [type("X", (), {"span": u.span, "units": ()}) for u in doc.collective_units])
    starts = [m.span.start for m in doc.measures]
    assert starts == sorted(starts)


@pytest.mark.parametrize("path", [p for p in seed_paths() if gold_for(p).get("measures")],
                         ids=lambda p: p.name)
def test_measures_match_gold(parsed, path):
    gold = gold_for(path)["measures"]
    got = [m for m in parsed[path.name].measures if m.units]
    assert len(got) == len(gold)
    for m, g in zip(got, gold):
        if "heading" in g:
            assert m.heading == g["heading"]
        if "text_start" in g:
            assert m.text.startswith(g["text_start"])
        if "number" in g:
            assert m.number == str(g["number"])


@pytest.mark.parametrize("path", [p for p in seed_paths() if gold_for(p).get("measures_sample")],
                         ids=lambda p: p.name)
def test_measures_sample_from_gold(parsed, path):
    doc = parsed[path.name]
    found = {(_number_path(doc, m), m.heading): m for m in doc.measures}
    for g in gold_for(path)["measures_sample"]:
        m = found.get((g["path"], g["heading"]))
        assert m is not None, g
        assert [u.name for u in m.units] == g["units"]


def test_goals_and_principles_are_not_measures(parsed):
    for path in seed_paths():
        doc = parsed[path.name]
        by_path = {s.path: s for s in doc.sections}
        for m in doc.measures:
            chain = [by_path[p].title for p in _prefixes(m.section_path) if p in by_path]
            assert not any(re.search(r"目标|原则|形势|问题|发展基础", t) for t in chain if len(t) <= 12), \
                (path.name, m.path, chain)


def _prefixes(path: str):
    parts = path.split("/") if path else []
    return ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]


def test_enumerations_in_task_paragraphs_are_measures(parsed):
    """A plan that enumerates tasks 一是…二是… inside its items (hand-checked: Qiaokou's
    主要任务 items 1–4 hold 6, 5, 5 and 2 of them, 保障措施 3)."""
    path = next(p for p in seed_paths() if "一是" in gold_for(p).get("notes", ""))
    doc = parsed[path.name]
    runs = [m for m in doc.measures if m.number.endswith("是")]
    assert len(runs) == 6 + 5 + 5 + 2 + 3
    assert [m.heading for m in runs[-3:]] == ["强化组织领导", "强化责任落实",
                                              "强化督导考核加强“十四五”规划重点工作落实情况的督导考核"]


# -- never crashes, spans always hold --------------------------------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

PIECES = ["一、主要任务\n", "二、工作目标\n", "（一）", "(二)", "1.", "2、", "一是", "二是", "（1）", "（2）",
          "（责任单位：", "(牵头单位:", "；配合单位：", "、", "，", "<", ">", "）", ")", "。", "\n",
          "加强监管", "各市场监管所", "质量科", "专栏1 |", "[bookmark: _GoBack]", " ", "所有工作，",
          "均为责任单位", "上述工作"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60))
def test_extract_never_crashes_and_spans_hold(parts):
    text = "".join(parts)
    ms, doc_units = extract(text)
    assert_spans(text, ms)
    for u in doc_units:
        assert text[u.span.start:u.span.end] == u.span.text
