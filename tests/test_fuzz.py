"""Property: reading and parsing any edit of real text gives a PolicyDoc or a LoaderError.

Inputs are fragments (runs of lines) of the seed documents with random edits:
deleted, duplicated and swapped lines, inserted garbage, truncation (mid-line, even
mid-character of the encoded bytes), half-/full-width changes, traditional
characters, pinyin glosses, and an encoding (UTF-8, GB18030, UTF-16).  Nothing else
may escape; a returned document keeps the span invariant of ``loaders.model``.
"""
from __future__ import annotations

import dataclasses

import opencc
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import seed_paths
from loaders import LoaderError, PolicyDoc, parse
from loaders.model import Span
from loaders.read import read, read_bytes

LINES = [ln for p in seed_paths() for ln in read(p).text.split("\n")]
S2T = opencc.OpenCC("s2t")
GARBAGE = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["|", "||||", " | ", "专栏1", "一、", "（一）", "1.", "第一章", "目 录", "……… 3",
                     "《", "》", "责任单位：", "牵头单位：", "≥", "%", "\x00", "\ufeff", "\u3000",
                     "[bookmark: _GoBack]", "(chǎng)", "20181126日", "〔2022〕40号"]),
)


def _width(line: str, full: bool) -> str:
    if full:
        return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in line)
    return "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else c for c in line)


@st.composite
def documents(draw) -> bytes:
    start = draw(st.integers(0, len(LINES) - 1))
    lines = list(LINES[start:start + draw(st.integers(1, 25))])
    for _ in range(draw(st.integers(0, 6))):
        op = draw(st.sampled_from(["del", "dup", "swap", "garbage", "full", "half", "trad",
                                   "cut_line"]))
        i = draw(st.integers(0, max(0, len(lines) - 1)))
        if not lines:
            lines.append(draw(GARBAGE))
        elif op == "del":
            del lines[i]
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "garbage":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(GARBAGE) + lines[i][at:]
        elif op in ("full", "half"):
            lines[i] = _width(lines[i], op == "full")
        elif op == "trad":
            lines[i] = S2T.convert(lines[i])
        elif op == "cut_line":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
    raw = "\n".join(lines).encode(draw(st.sampled_from(["utf-8", "gb18030", "utf-16"])))
    if draw(st.booleans()):
        raw = raw[: draw(st.integers(0, len(raw)))]          # truncation, mid-character too
    return raw


def _spans(obj):
    if isinstance(obj, Span):
        yield obj
    elif isinstance(obj, (tuple, list)):
        for x in obj:
            yield from _spans(x)
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            if f.name != "source":
                yield from _spans(getattr(obj, f.name))


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_parse_returns_a_document_or_a_loader_error(raw):
    try:
        doc = parse(read_bytes(raw, "fuzz.txt"))
    except LoaderError as e:
        assert str(e).startswith("fuzz.txt")
        return
    assert isinstance(doc, PolicyDoc)
    text = doc.source.text
    for s in _spans(doc):
        assert text[s.start:s.end] == s.text, s


@st.composite
def damaged_files(draw) -> tuple[bytes, str]:
    """A seed fragment as .docx/.html/.pdf, then cut or with bytes overwritten."""
    from test_formats import make_docx, make_html, make_pdf
    start = draw(st.integers(0, len(LINES) - 1))
    lines = LINES[start:start + draw(st.integers(1, 12))]
    fmt = draw(st.sampled_from([".docx", ".html", ".pdf"]))
    raw = bytearray({".docx": lambda: make_docx(lines), ".html": lambda: make_html(lines),
                     ".pdf": lambda: make_pdf(lines)}[fmt]())
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(raw) - 1))
        raw[at:at + 4] = draw(st.binary(min_size=1, max_size=4))
    if draw(st.booleans()):
        raw = raw[: draw(st.integers(0, len(raw)))]
    return bytes(raw), "fuzz" + fmt


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged_files())
def test_damaged_files_give_a_document_or_a_loader_error(case):
    raw, name = case
    try:
        doc = parse(read_bytes(raw, name))
    except LoaderError as e:
        assert str(e).startswith(name)
        return
    for t in doc.source.tables:
        assert doc.source.text[t.span.start:t.span.end] == t.span.text
