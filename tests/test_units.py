"""Responsible units: clauses in both widths, roles, aliases, collective units, canonical units."""
from __future__ import annotations

import pytest

from conftest import gold_for, seed_paths
from loaders import units as U
from loaders.model import Measure, Span


def names(clause):
    return [u.name for u in clause.units]


def assert_spans(text, refs):
    for u in refs:
        assert text[u.span.start:u.span.end] == u.span.text
        assert U.squeeze(u.span.text) == u.name


@pytest.mark.parametrize("text", [
    "加强监管。（责任单位：质量科、各市场监管所）",
    "加强监管。(责任单位:质量科、各市场监管所)",
    "加强监管。（责任单位:质量科，各市场监管所)",
    "加强监管。(责任单位：质量科,各市场监管所）",
    "加强监管。（责任单位： 质量科 ； 各市场监管所 ）",
])
def test_clause_in_any_width_and_separator_mix(text):
    (c,) = U.clauses(text)
    assert names(c) == ["质量科", "各市场监管所"]
    assert c.lead_unit == "质量科"
    assert [u.role for u in c.units] == ["lead", "support"]
    assert [u.collective for u in c.units] == [False, True]
    assert_spans(text, c.units)


def test_explicit_lead_label_names_the_lead():
    text = "推进改革。（配合单位：办公室、法规科；牵头单位：登记注册科）"
    (c,) = U.clauses(text)
    assert names(c) == ["办公室", "法规科", "登记注册科"]
    assert c.lead_unit == "登记注册科"
    assert [u.role for u in c.units] == ["support", "support", "lead"]
    assert_spans(text, c.units)


def test_lead_and_responsible_labels_in_half_width():
    text = "1.推进改革。(牵头单位:信用科;责任单位:价监科,网监科)"
    (c,) = U.clauses(text)
    assert names(c) == ["信用科", "价监科", "网监科"]
    assert c.lead_unit == "信用科"


@pytest.mark.parametrize("written,base,alias", [
    ("行政审批办<登记注册科>", "行政审批办", "登记注册科"),
    ("食品生产科〈米粉办〉", "食品生产科", "米粉办"),
    ("消保科＜投诉举报办＞", "消保科", "投诉举报办"),
])
def test_angle_brackets_are_an_alias_kept_in_the_name(written, base, alias):
    text = f"做好工作。（责任单位：{written}、相关科室）"
    (c,) = U.clauses(text)
    u = c.units[0]
    assert (u.name, u.base, u.alias) == (written, base, alias)
    assert c.lead_unit == written
    assert_spans(text, c.units)


def test_separators_inside_brackets_do_not_split():
    text = "（责任单位：各区县(市、区)市场监管局、综合行政执法支队）"
    (c,) = U.clauses(text)
    assert names(c) == ["各区县(市、区)市场监管局", "综合行政执法支队"]


def test_unbracketed_clause_at_the_end_of_a_paragraph():
    text = "（1）开展专项整治。责任单位：网监科、广告科\n（2）下一项"
    (c,) = U.clauses(text)
    assert names(c) == ["网监科", "广告科"]
    assert_spans(text, c.units)


def test_stray_spaces_inside_a_unit_name_are_dropped():
    text = "（责任单位：质量监督 管理科，各市场监管所）"
    (c,) = U.clauses(text)
    assert names(c) == ["质量监督管理科", "各市场监管所"]
    assert_spans(text, c.units)


@pytest.mark.parametrize("name,collective", [
    ("各市场监管所", True), ("各相关科室", True), ("各县级局", True), ("各直属单位", True),
    ("机关各科室", True), ("相关科室", True), ("相关科室和单位", True), ("食品相关科室", True),
    ("各区县市消保委", True),
    ("食品及相关产品生产安全监督管理科", False), ("综合行政执法支队", False),
    ("市场主体培育专班", False), ("办公室", False),
])
def test_collective_units(name, collective):
    assert U.is_collective(name) is collective


def test_brackets_without_a_label_are_not_clauses():
    assert U.clauses("加强企业信用(含个体工商户)监管。") == ()


def _measure(text, clause, path="1"):
    return Measure(path=path, section_path="", number=path, heading="", text=text,
                   units=clause.units, lead_unit=clause.lead_unit, span=Span.of(text, 0, len(text)))


def test_canonical_units_resolve_near_duplicates():
    texts = ["（责任单位：食品生产科<米粉办>）", "（责任单位：食品生产科、食检所）",
             "（责任单位：食品抽检科、市食检所）", "（责任单位：市场主体培育专班、市知识产权保护中心）"]
    ms = [_measure(t, U.clauses(t)[0], str(i)) for i, t in enumerate(texts)]
    keys = U.canonical_units(ms)
    assert keys["食品生产科<米粉办>"] == keys["食品生产科"] == "食品生产科"
    assert keys["市食检所"] == keys["食检所"] == "食检所"
    assert keys["市场主体培育专班"] == "市场主体培育专班"          # 市场 is not a level prefix
    assert keys["市知识产权保护中心"] == "市知识产权保护中心"      # no variant without 市: kept
    cat = {c.key: c for c in U.unit_catalogue(ms)}
    assert cat["食品生产科"].label == "食品生产科"
    assert "食品生产科<米粉办>" in cat["食品生产科"].alt_labels
    assert cat["食品生产科"].aliases == ("米粉办",)
    assert set(cat["食检所"].alt_labels) == {"市食检所"}


def test_document_wide_co_responsibility_keeps_a_shared_suffix_whole():
    text = ("所有业务工作,各县(市)及高新区、经开区市场监督管理局均为责任单位,要配合牵头科室。\n"
            "上述工作中涉及多个责任单位的,排第一的为牵头单位。")
    (u,) = U.document_units(text)
    assert u.name == "各县(市)及高新区、经开区市场监督管理局"
    assert u.collective and u.role == "support"
    assert_spans(text, [u])


def test_document_wide_clause_listing_whole_units_splits_them():
    text = "以上各项工作，各市场监管所、各直属单位均为责任单位。"
    assert [u.name for u in U.document_units(text)] == ["各市场监管所", "各直属单位"]


def test_no_document_units_without_such_a_clause():
    assert U.document_units("上述工作中涉及多个责任单位的,排第一的为牵头单位。") == ()


# -- the seed documents -------------------------------------------------------------------

def _gold_seeds():
    return [p for p in seed_paths() if gold_for(p).get("measures")]


@pytest.mark.parametrize("path", _gold_seeds(), ids=lambda p: p.name)
def test_units_and_leads_match_gold(parsed, path):
    gold = gold_for(path)["measures"]
    got = [m for m in parsed[path.name].measures if m.units]
    assert len(got) == len(gold)
    for m, g in zip(got, gold):
        assert [u.name for u in m.units] == g["units"], m.path
        assert m.lead_unit == g["lead_unit"], m.path
        assert_spans(parsed[path.name].source.text, m.units)


def test_changde_closing_clause_is_recorded_once_for_the_document(parsed):
    path = next(p for p in seed_paths()
                if any("co-responsible" in r for r in gold_for(p).get("rules", [])))
    doc = parsed[path.name]
    (u,) = doc.collective_units
    assert u.collective and u.name.startswith("各区县") and u.name.endswith("市场监督管理局")
    assert all(u.name not in [x.name for x in m.units] for m in doc.measures)
    keys = U.canonical_units(doc.measures, doc.collective_units)
    assert keys["市食检所"] == keys["食检所"]
    assert keys["食品生产科<米粉办>"] == keys["食品生产科"]


def test_roles_written_after_the_units():
    text = "（责任单位：区市场监管局牵头，区发改委、各街道配合）"
    (c,) = U.clauses(text)
    assert names(c) == ["区市场监管局", "区发改委", "各街道"]
    assert [u.role for u in c.units] == ["lead", "support", "support"]
    assert c.lead_unit == "区市场监管局"
    assert_spans(text, c.units)


def test_square_brackets_and_duty_phrases():
    text = "【责任单位：有关科室按职责分工负责】"
    (c,) = U.clauses(text)
    assert names(c) == ["有关科室"] and c.units[0].collective
