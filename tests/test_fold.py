"""Folding: matching on simplified characters, values and evidence as written."""
from __future__ import annotations

import opencc
from hypothesis import given, settings, strategies as st

from conftest import seed_paths
from loaders import parse
from loaders.fold import fold_chars, view
from loaders.model import Span
from loaders.read import read, read_bytes

S2T = opencc.OpenCC("s2t")

PLAN = """關於印發《某市“十四五”市場(shì chǎng)監管規劃》的通知
一、總體要求
（一）指導思想
堅持穩中求進，落實《全國市場(shì chǎng)監管規劃》，推動市場監管(jiān guǎn)現代化。
二、主要任務
1.優化營商環境。深化商事制度改革。責任單位：登記註冊科、行政審批辦
2.加強頭髮製品和發展質量監管。責任單位：產品質量科
"""


def test_simplified_seeds_fold_to_themselves():
    for p in seed_paths():
        text = read(p).text
        assert fold_chars(text) == text
        assert not view(text).changed


def test_traditional_seeds_fold_back_exactly():
    for p in seed_paths():
        text = read(p).text
        trad = S2T.convert(text)
        assert len(fold_chars(trad)) == len(trad)
        assert fold_chars(trad) == text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_fold_preserves_length(text):
    v = view(text)
    assert len(v.folded) == len(text) == len(fold_chars(text))


def test_gloss_moves_to_the_line_end_and_offsets_outside_stay():
    text = "市場(chǎng)監管局\n二、任務"
    v = view(text)
    assert v.folded == "市场监管局" + " " * 7 + "\n二、任務".replace("務", "务")
    assert v.folded.index("\n") == text.index("\n")
    back = v.span(Span(0, 5, v.folded[0:5]))          # 市场监管局 in the copy
    assert back.text == "市場(chǎng)監管局"             # evidence quotes the gloss


def test_gloss_without_tone_marks_is_left_alone():
    assert view("市场(chang)监管").folded == "市场(chang)监管"
    assert view("采用GB(ISO)标准").folded == "采用GB(ISO)标准"


def test_parse_traditional_with_glosses():
    doc = parse(read_bytes(PLAN.encode("utf-8"), "trad.txt"))
    text = doc.source.text
    assert text == PLAN.rstrip("\n") or text == PLAN
    heads = [s.heading for s in doc.sections]
    assert heads[:2] == ["一、總體要求", "（一）指導思想"]
    for s in doc.sections:
        assert text[s.span.start:s.span.end] == s.span.text
    for m in doc.measures:
        assert text[m.span.start:m.span.end] == m.span.text
    units = [u.name for m in doc.measures for u in m.units]
    assert "登記註冊科" in units and "產品質量科" in units
    # 发 stands for both 髮 and 發 in this text: resolved from where the value sits
    heading = next(m.heading for m in doc.measures if m.number.startswith("2"))
    assert "頭髮製品和發展" in heading


def test_spans_over_glossed_words_quote_the_gloss():
    doc = parse(read_bytes(PLAN.encode("utf-8"), "trad.txt"))
    m = doc.meta
    assert m.title == "某市“十四五”市場監管規劃"            # the value, without its reading aid
    assert m.title_span.text == "某市“十四五”市場(shì chǎng)監管規劃"   # the evidence, as written
    cits = [c for c in doc.citations if "全國" in c.as_written]
    assert cits
    for c in cits:
        assert doc.source.text[c.span.start:c.span.end] == c.span.text
        assert "(shì chǎng)" in c.span.text
