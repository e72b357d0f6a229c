"""Measures: the numbered tasks of a plan, with their responsible units (units.py).

What counts as a measure (the report contract, ../shared/eval/README.md):

- every numbered item that names responsible units (a 责任单位 / 牵头单位 clause in
  its own text), wherever it stands;
- every numbered leaf item inside a task section (主要任务, 主要措施, 重点任务,
  保障措施 …, found by the nearest ancestor whose short title names a kind of
  section); items under goals (工作目标, 主要目标), principles (基本原则) and
  background (发展基础, 形势) are not measures. When no heading names the tasks,
  a preamble ending in a cue such as "主要任务是：" makes the whole body a task list;
- an enumeration inside a paragraph (一是…二是…, （1）…（2）…, ①…②…) in a task
  item without units: each element is a measure, the paragraph is their container;
- a section whose task is one un-numbered paragraph among siblings that group
  numbered items (（六）助力生态环境治理… then a task with its units clause) is one
  measure whose heading is the task's first sentence.

An item with a units clause ends with that clause's line (a closing paragraph
after the last item is not part of it); boxes (专栏) and table rows inside an
item are not its text.  ``Measure.text`` is the item without its number, Word
artefacts, table rows and stray spaces inside words; ``Measure.span`` covers the
item's text in the source.
"""
from __future__ import annotations

import re

from . import units as U
from .model import Measure, Metadata, Section, Span, UnitRef
from .numerals import to_int

TASK = re.compile(r"任务|措施|举措|重点工作|主要工作|工作重点|工作要求|工作安排|保障|实施步骤")
NOT_TASK = re.compile(r"目标|原则|指导思想|总体思路|总体要求|基本思路|发展环境|形势|成效|成就|"
                      r"发展基础|工作基础|现状|机遇|挑战|背景|问题|意义|依据|范围")
CATEGORY_MAX = 12          # a title naming a kind of section is short: 主要任务, 保障措施
PREAMBLE_CUE = re.compile(r"(?:任务|工作|措施|举措)[^。；;\n]{0,12}[：:]\s*$")
ARTEFACT = re.compile(r"\[bookmark:[^\]]*\]|\ufeff")
SENTENCE_END = re.compile(r"[。！？!?；;]")
CLAUSE_BREAK = re.compile(r"[，,：:]")
HEADING_MAX = 40           # a first sentence longer than this is cut at its first clause
CJK_GAP = re.compile(r"(?<=[^\x00-\x7f])[ \t\u3000\xa0]+|[ \t\u3000\xa0]+(?=[^\x00-\x7f])")
GAP_CHAR = re.compile(r"[ \t\u3000\xa0]")    # CJK_GAP tries its look-behind at every character: test first
CLOSING = re.compile(r"^[ \t\u3000]*(?:上述|以上|本方案|本计划|本规划|本要点|本意见|所有)", re.M)
RUN_KINDS = (
    ("shi", re.compile(r"([一二三四五六七八九十]{1,3})是")),
    ("paren", re.compile(r"[（(]([0-9０-９]{1,2})[）)]")),
    ("circled", re.compile(r"([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮])")),
)
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮"
RUN_START_BEFORE = "。；;：:，,！？!?\n \t\u3000"


# -- text helpers ------------------------------------------------------------------------

NOTE = re.compile(r"^注\s*[：:]")
WORD_CHAR = re.compile(r"[\w\u4e00-\u9fff]")


def _is_noise_line(line: str) -> bool:
    """Table rows, box titles, footnotes and stray marks are not an item's text."""
    s = line.strip(" \t\u3000\xa0")
    return (not s or s.endswith("|") or s.startswith("|") or s.startswith("专栏")
            or NOTE.match(s) is not None
            or not WORD_CHAR.search(s))


def _gap(m: re.Match) -> str:
    """A space between Han runs is stray unless it parts two phrases of one length (品牌常德 品质消费)."""
    s, a, b = m.string, m.start(), m.end()
    left = len(s[:a]) - len(re.sub(r"[\u4e00-\u9fff]+$", "", s[:a]))
    right = len(re.match(r"[\u4e00-\u9fff]*", s[b:]).group())
    return m.group() if left == right >= 2 and b - a == 1 else ""


def clean(raw: str) -> str:
    """Item text as read: artefacts, noise lines and stray spaces dropped, broken lines joined."""
    out, prev = "", ""
    if "[bookmark:" in raw or "\ufeff" in raw:
        raw = ARTEFACT.sub("", raw)
    for line in raw.split("\n"):
        if _is_noise_line(line):
            continue
        line = line.strip(" \t\u3000\xa0")
        if GAP_CHAR.search(line):
            line = CJK_GAP.sub(_gap, line)
        if (prev and not SENTENCE_END.search(prev[-1]) and prev[-1] not in "：:"
                and (len(prev) > HEADING_MAX or SENTENCE_END.search(prev))):
            out += line                     # a line broken mid-sentence
        else:
            out += ("\n" if out else "") + line
        prev = line
    return out


def heading_of(text: str) -> str:
    """The first sentence (its first clause when the sentence is long), units clause cut off."""
    first = text.split("\n", 1)[0]
    c = U.clauses(first)
    if c:
        first = first[:c[0].span.start]
    m = SENTENCE_END.search(first)
    head = first[:m.start()] if m else first
    if len(head) > HEADING_MAX:
        b = CLAUSE_BREAK.search(head)
        if b and b.start() >= 2:
            head = head[:b.start()]
    return head.strip(" \t\u3000。.，,")


def _trim_end(text: str, a: int, b: int) -> int:
    while b > a and text[b - 1] in " \t\u3000\xa0\n":
        b -= 1
    return b


def _line_end(text: str, pos: int, limit: int) -> int:
    nl = text.find("\n", pos, limit)
    return limit if nl < 0 else nl


# -- task scope --------------------------------------------------------------------------

def _kind(sec: Section) -> str | None:
    title = U.squeeze(sec.title)
    if not title or len(title) > CATEGORY_MAX:
        return None
    if NOT_TASK.search(title):
        return "other"
    if TASK.search(title):
        return "task"
    return None


def _parents(sections: tuple[Section, ...]) -> dict[str, Section | None]:
    by_path = {s.path: s for s in sections}
    return {s.path: by_path.get(s.path.rsplit("/", 1)[0]) if "/" in s.path else None for s in sections}


def _in_task_scope(sec: Section, parents: dict, body_is_tasks: bool) -> bool:
    """Nearest strict ancestor that names a kind of section decides."""
    p = parents[sec.path]
    while p is not None:
        k = _kind(p)
        if k is not None:
            return k == "task"
        p = parents[p.path]
    return body_is_tasks


def _body_is_tasks(text: str, sections: tuple[Section, ...], meta: Metadata) -> bool:
    if not sections:
        return False
    pre = text[meta.body_start:sections[0].span.start].rstrip()
    return bool(PREAMBLE_CUE.search(pre[-60:]))


# -- runs: 一是…二是… --------------------------------------------------------------------

def _ordinal(kind: str, token: str) -> int | None:
    if kind == "circled":
        return CIRCLED.index(token) + 1
    return to_int(token)


def runs(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Elements (start, end, number as written) of the first enumeration in text[start:end]."""
    best: list[tuple[int, int, str]] = []
    for kind, pat in RUN_KINDS:
        marks: list[re.Match] = []
        pos = start
        while True:
            want = len(marks) + 1
            m = None
            for cand in pat.finditer(text, pos, end):
                if _ordinal(kind, cand.group(1)) != want:
                    continue
                if want == 1 and cand.start() > start and text[cand.start() - 1] not in RUN_START_BEFORE:
                    continue
                m = cand
                break
            if m is None:
                break
            marks.append(m)
            pos = m.end()
        if len(marks) < 2:
            continue
        if best and marks[0].start() >= best[0][0]:
            continue
        els = []
        for i, m in enumerate(marks):
            stop = marks[i + 1].start() if i + 1 < len(marks) else _line_end(text, m.end(), end)
            els.append((m.start(), _trim_end(text, m.start(), stop), m.group(0)))
        best = els
    return best


# -- building measures -------------------------------------------------------------------

def _measure(text: str, path: str, section_path: str, number: str, a: int, b: int,
             units: tuple[UnitRef, ...], heading: str | None = None) -> Measure:
    b = _trim_end(text, a, b)
    body = clean(text[a:b])
    return Measure(path=path, section_path=section_path, number=number,
                   heading=heading if heading is not None else heading_of(body),
                   text=body, units=units, lead_unit=U.lead_of(units), span=Span.of(text, a, b))


def extract(text: str, sections: tuple[Section, ...],
            meta: Metadata) -> tuple[tuple[Measure, ...], tuple[UnitRef, ...]]:
    secs = tuple(s for s in sections if s.style != "box")
    parents = _parents(secs)
    kids: dict[str, list[Section]] = {}
    for s in sections:
        p = parents.get(s.path) if s.style != "box" else None
        if s.style == "box":
            key = s.path.rsplit("/", 1)[0] if "/" in s.path else ""
        else:
            key = p.path if p is not None else ""
        kids.setdefault(key, []).append(s)
    body_tasks = _body_is_tasks(text, secs, meta)
    out: list[Measure] = []
    for sec in secs:
        children = kids.get(sec.path, [])
        numbered = [c for c in children if c.style != "box"]
        a = sec.span.start + (sec.heading.find(sec.title) if sec.title and sec.title in sec.heading else 0)
        b = min((c.span.start for c in children), default=sec.end)
        close = CLOSING.search(text, _line_end(text, a, b) + 1, b) if b > a else None
        b = _trim_end(text, a, close.start() if close else b)   # closing remarks follow the items
        parent = parents[sec.path]
        holder = parent.path if parent is not None else ""
        found = U.clauses(text, a, b)
        if found:
            out.extend(_with_units(text, sec, holder, a, b, found, parents, kids))
            continue
        if numbered:
            continue
        part = parent is None            # a top-level part without items is not itself an item
        own = _kind(sec) if part else None
        if not (own == "task" if own else _in_task_scope(sec, parents, body_tasks)):
            continue
        els = runs(text, a, b)
        if els:
            for i, (x, y, num) in enumerate(els, 1):
                out.append(_measure(text, f"{sec.path}/{i}", sec.path, num, x + len(num), y, ()))
        elif not part:
            out.append(_measure(text, sec.path, holder, sec.number, a, b, (),
                                heading=_heading(text, sec, parent, kids, a, b)))
    out.sort(key=lambda m: m.span.start)
    skip = [(m.span.start, m.span.end) for m in out]
    doc_units = U.document_units(text, meta.body_start, meta.body_end, skip)
    return tuple(out), doc_units


def _heading(text: str, sec: Section, parent: Section | None, kids: dict, a: int, b: int) -> str:
    """Title of a numbered item; first sentence of the task when the section only groups it."""
    siblings = [s for s in kids.get(parent.path if parent else "", []) if s.style != "box"]
    groups = any(kids.get(s.path) and any(k.style != "box" for k in kids[s.path]) for s in siblings)
    own_line_end = _line_end(text, a, b)
    rest = text[own_line_end:b].strip()
    title_only = not SENTENCE_END.search(text[a:own_line_end].rstrip("。"))
    if groups and title_only and rest:
        return heading_of(clean(rest))
    return heading_of(clean(text[a:own_line_end]))


def _with_units(text: str, sec: Section, holder: str, a: int, b: int, found, parents, kids) -> list[Measure]:
    """An item naming units: one measure, or one per enumerated element that has its own clause."""
    if len(found) > 1:
        els = runs(text, a, b)
        per = [[c for c in found if x <= c.span.start < y] for x, y, _ in els]
        if els and all(len(p) == 1 for p in per):
            return [_measure(text, f"{sec.path}/{i}", sec.path, num, x + len(num), y, p[0].units)
                    for i, ((x, y, num), p) in enumerate(zip(els, per), 1)]
    first = found[0]
    end = _line_end(text, first.span.end, b)
    parent = parents[sec.path]
    return [_measure(text, sec.path, holder, sec.number, a, end, first.units,
                     heading=_heading(text, sec, parent, kids, a, end))]
