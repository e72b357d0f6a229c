"""Section hierarchy: numbered headings of the body and the text each governs.

Numbering styles (the order of nesting is learnt from first appearance, as plans
differ: a city plan starts at 一、, a provincial one at 第一章):

    chapter   第三章 主要任务 / 第三部分 主要任务
    cn        一、指导思想
    paren_cn  （一）优化营商环境 / (一)…
    arabic    1.优化市场准入。… / 1、…
    box       专栏1 “十四五”市场监管工作主要指标   (a box, not a level of the tree)

Quirks handled by general rules:
- a table of contents (目录 followed by lines with dot leaders and page numbers)
  is not the body: the body starts after its last line;
- Word artefacts such as ``[bookmark: _GoBack]`` before a heading are skipped;
- a heading mistyped in another style (``4、 工作要求`` among 一、二、三、) is
  recognised when its number continues an enclosing level's sequence, it does
  not continue its own, and it reads as a title (short, no full stop);
- lines that are table cells (ending in ``|``) or table rows are never headings.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from .model import Section, Span
from .numerals import to_int

CN = "一二三四五六七八九十百零〇○两"
ARTEFACT = re.compile(r"^(?:\s|\[bookmark:[^\]]*\]|\ufeff)*")
PATTERNS: list[tuple[str, re.Pattern]] = [
    ("chapter", re.compile(rf"^第([{CN}\d]+)(章|编|篇|部分)[ \t\u3000]*(.*)$")),
    ("cn", re.compile(rf"^([{CN}]+)[、．.][ \t\u3000]*(.*)$")),
    ("paren_cn", re.compile(rf"^[（(]([{CN}]+)[）)][ \t\u3000]*(.*)$")),
    ("arabic", re.compile(r"^([0-9０-９]{1,3})(?:[、．]|\.(?![0-9０-９]))[ \t\u3000]*(.*)$")),
    ("box", re.compile(r"^专栏[ \t\u3000]*([0-9０-９]+)[ \t\u3000]*(.*)$")),
]
TOC_LEADER = re.compile(r"(?:…{2,}|\.{4,}|·{4,}|－{4,}|-{6,})\s*\d*\s*$")


def _has_leader(t: str) -> bool:
    """TOC_LEADER.search(t), with a substring test first (the regex tries every character)."""
    return (("……" in t or "...." in t or "····" in t or "－－－－" in t or "------" in t)
            and TOC_LEADER.search(t) is not None)
TOC_TITLE = re.compile(r"^\s*目\s*录\s*$")
NUMERIC_TITLE = re.compile(r"^[0-9０-９%％]")
#: the first character of a line in one of PATTERNS' styles
HEADING_START = re.compile(rf"[第{CN}（(0-9０-９专]")
SENTENCE_END = "。；;！？!?"


@dataclass
class _Line:
    start: int      # offset of the heading text (artefacts skipped)
    end: int        # end of line (exclusive, without the newline)
    text: str       # the line from ``start``


def lines(text: str, start: int = 0, end: int | None = None) -> list[_Line]:
    end = len(text) if end is None else end
    return list(_lines(text, start, end))


def _line(text: str, pos: int, stop: int) -> _Line:
    raw = text[pos:stop]
    skip = ARTEFACT.match(raw).end()
    body = raw[skip:].rstrip()
    return _Line(pos + skip, pos + skip + len(body), body)


@lru_cache(maxsize=8)
def _text_lines(text: str) -> tuple[list[int], list[int], tuple[_Line, ...]]:
    """Every line of ``text``: where each starts and stops (its newline or the end), and its _Line."""
    starts: list[int] = []
    stops: list[int] = []
    out = []
    pos, end = 0, len(text)
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        starts.append(pos)
        stops.append(stop)
        out.append(_line(text, pos, stop))
        pos = stop + 1
    return starts, stops, tuple(out)


@lru_cache(maxsize=8)          # parsing one document asks for the same lines several times
def _lines(text: str, start: int, end: int) -> tuple[_Line, ...]:
    """The lines from ``start`` to ``end``: those of the whole text (split once per text) where
    they lie inside, a line of their own where ``start`` or ``end`` falls inside one."""
    out = []
    pos = start
    if start < 0 or end > len(text):
        while pos < end:
            nl = text.find("\n", pos, end)
            stop = end if nl < 0 else nl
            out.append(_line(text, pos, stop))
            pos = stop + 1
        return tuple(out)
    starts, stops, full = _text_lines(text)
    i = bisect_left(starts, pos)
    while pos < end:
        if i < len(starts) and starts[i] == pos and stops[i] <= end:
            out.append(full[i])
            pos = stops[i] + 1
            i += 1
            continue
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        out.append(_line(text, pos, stop))
        pos = stop + 1
        i = bisect_left(starts, pos)
    return tuple(out)


def toc_end(text: str, start: int = 0) -> int:
    """Offset just after a table of contents, or ``start`` when there is none."""
    ls = lines(text, start)
    for i, ln in enumerate(ls):
        if TOC_TITLE.match(ln.text):
            last = None
            for j in range(i + 1, min(len(ls), i + 400)):
                if _has_leader(ls[j].text):
                    last = j
                elif last is not None and j - last > 3:
                    break
            if last is not None:
                return ls[last].end + 1
    # leaders without a 目录 line: a run of at least three leader lines
    run = [ln for ln in ls if _has_leader(ln.text) and len(ln.text) < 80]
    if len(run) >= 3:
        return run[-1].end + 1
    return start


@dataclass
class _Heading:
    style: str
    number: str      # as written
    value: int | None
    title: str
    line: _Line
    is_title_like: bool
    title_at: int = 0   # offset of the title in the line


def _match(ln: _Line) -> _Heading | None:
    t = ln.text
    if not t or t.endswith("|") or "|" in t[:40] or not HEADING_START.match(t):
        return None
    for style, pat in PATTERNS:
        m = pat.match(t)
        if not m:
            continue
        if style == "chapter":
            number, title = f"第{m.group(1)}{m.group(2)}", m.group(3)
            value = to_int(m.group(1))
            title_at = m.start(3)
        else:
            number, title = m.group(1), m.group(2)
            value = to_int(number)
            title_at = m.start(2)
        if value is None:
            continue
        if style == "cn" and len(number) > 3:
            continue
        if style in ("arabic",) and not title:
            continue                       # a bare number is a table cell
        if style == "arabic" and NUMERIC_TITLE.match(title):
            continue
        title_like = len(t) <= 40 and not any(ch in t for ch in SENTENCE_END)
        return _Heading(style, number, value, title.strip(), ln, title_like, title_at)
    return None


def _heading_text(h: _Heading) -> str:
    """The heading as written: the whole line when it is a title, else up to the first full stop."""
    t = h.line.text
    if h.is_title_like:
        return t
    cut = min((t.find(ch) for ch in "。" if ch in t), default=-1)
    return t[:cut] if cut > 0 else t


def sections(text: str, body_start: int = 0, body_end: int | None = None) -> tuple[Section, ...]:
    """The section tree of ``text[body_start:body_end]`` in document order."""
    body_end = len(text) if body_end is None else body_end
    start = toc_end(text, body_start)
    found: list[tuple[_Heading, int]] = []     # heading, depth
    order: list[str] = []                      # styles in nesting order, learnt
    stack: list[tuple[str, int | None]] = []   # (style, last value) per open level
    for ln in lines(text, start, body_end):
        h = _match(ln)
        if h is None:
            continue
        if h.style == "box":
            found.append((h, len(stack) + 1))
            continue
        style = h.style
        # a heading typed in a deeper style that continues an enclosing sequence
        if style in order and style in [s for s, _ in stack] and h.is_title_like:
            own = next(i for i, (s, _) in enumerate(stack) if s == style)
            own_last = stack[own][1]
            continues_own = own_last is not None and h.value == own_last + 1
            if not continues_own:
                for i in range(own - 1, -1, -1):
                    s, last = stack[i]
                    if last is not None and h.value == last + 1:
                        style = s
                        break
        elif style not in [s for s, _ in stack] and stack and h.is_title_like and h.value != 1:
            for i in range(len(stack) - 1, -1, -1):
                s, last = stack[i]
                if last is not None and h.value == last + 1 and order.index(s) < len(order):
                    style = s
                    break
        if style not in order:
            order.append(style)
        open_styles = [s for s, _ in stack]
        if style in open_styles:
            idx = open_styles.index(style)
            del stack[idx + 1:]
            stack[idx] = (style, h.value)
        else:
            # a style deeper than any open one is pushed; a shallower known style closes levels
            rank = order.index(style)
            while stack and order.index(stack[-1][0]) > rank:
                stack.pop()
            stack.append((style, h.value))
        h.style = style
        found.append((h, len(stack)))

    # structural paths from sibling ordinals; ends from the next heading at the same or a shallower depth
    result: list[Section] = []
    counters: list[int] = []
    box_count: dict[str, int] = {}
    path_stack: list[str] = []
    for i, (h, depth) in enumerate(found):
        if h.style == "box":
            parent = "/".join(path_stack[: depth - 1])
            box_count[parent] = box_count.get(parent, 0) + 1
            path = (parent + "/" if parent else "") + f"box{h.value}"
        else:
            del counters[depth:]
            del path_stack[depth:]
            while len(counters) < depth:
                counters.append(0)
                path_stack.append("")
            counters[depth - 1] += 1
            path_stack[depth - 1] = str(counters[depth - 1])
            path = "/".join(path_stack[:depth])
        end = body_end
        for h2, d2 in found[i + 1:]:
            if h.style == "box" or (h2.style != "box" and d2 <= depth):
                end = h2.line.start
                break
        # trim trailing blank space
        while end > h.line.start and text[end - 1] in " \t\n\u3000\xa0":
            end -= 1
        heading = _heading_text(h)
        number = h.number
        if h.style == "paren_cn":
            number = h.line.text[: h.line.text.find(h.number) + len(h.number) + 1]
        result.append(Section(
            path=path, number=number, style=h.style, heading=heading,
            title=heading[h.title_at:].strip(), depth=depth, span=Span(h.line.start, h.line.start + len(heading), heading), end=end,
        ))
    return tuple(result)
