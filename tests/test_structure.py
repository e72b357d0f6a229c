"""Section tree: numbered headings of the body, table of contents skipped, spans exact."""
from __future__ import annotations

import pytest

from conftest import gold_for, seed_paths
from loaders import structure


@pytest.mark.parametrize("path", seed_paths(), ids=lambda p: p.name[:3])
def test_sections_top_match_gold(parsed, path):
    doc = parsed[path.name]
    assert [s.heading for s in doc.sections if s.depth == 1] == gold_for(path)["sections_top"]


@pytest.mark.parametrize("path", seed_paths(), ids=lambda p: p.name[:3])
def test_section_spans_and_bounds(parsed, path):
    doc = parsed[path.name]
    text, m = doc.source.text, doc.meta
    for s in doc.sections:
        assert text[s.span.start:s.span.end] == s.span.text == s.heading
        assert m.body_start <= s.span.start < s.end <= m.body_end
    paths = [s.path for s in doc.sections]
    assert len(paths) == len(set(paths))


def test_table_of_contents_is_not_the_body(parsed):
    doc = parsed["003_4314df77ff9555c6.txt"]
    tops = [s for s in doc.sections if s.depth == 1]
    assert tops[0].span.start > doc.source.text.find("目 录")
    assert all("……" not in s.heading for s in doc.sections)


def test_mistyped_top_heading_continues_its_sequence(parsed):
    tops = [s for s in parsed["000_d4b74f1350e2b71b.txt"].sections if s.depth == 1]
    assert tops[-1].heading == "4、 工作要求" and tops[-1].style == "cn"


def test_chapters_nest_cn_and_arabic():
    text = "第一章 总则\n一、目标\n1.第一项。\n2.第二项。\n二、任务\n第二章 保障\n一、组织\n"
    secs = structure.sections(text)
    assert [(s.path, s.depth) for s in secs] == [("1", 1), ("1/1", 2), ("1/1/1", 3), ("1/1/2", 3),
                                                  ("1/2", 2), ("2", 1), ("2/1", 2)]


def test_body_bounds_are_respected():
    text = "一、页面导航\n正文标题\n一、指导思想\n内容。\n二、工作目标\n内容。\n三、页脚链接\n"
    start, end = text.find("正文标题"), text.find("三、页脚")
    secs = structure.sections(text, start, end)
    assert [s.heading for s in secs] == ["一、指导思想", "二、工作目标"]


def test_parts_numbered_di_x_bufen_are_chapters():
    from loaders import structure as S
    text = "第一部分　发展基础\n一、成效\n内容。\n第二部分　主要任务\n一、优化环境\n（一）深化改革。内容。\n"
    top = [s.heading for s in S.sections(text) if s.depth == 1]
    assert top == ["第一部分　发展基础", "第二部分　主要任务"]
