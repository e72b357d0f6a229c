"""Table cells as plans write them in plain text, and what a cell holds.

Two linearisations of a Word table survive in the texts we read:

- whitespace tables: one row per line, cells separated by spaces, a blank cell
  written as a non-breaking space (``监管 5 重点…覆盖率(%) \\xa0 100 约束性``);
- '|' tables: one cell per line ending in ``|``, rows not marked (empty ``|`` and
  ``||||`` lines are left-overs of merged cells).

Both become :class:`Cell` lists with offsets into the text.  The helpers below say
what a cell is (row number, value, attribute, text) and split units off names and
values (``全省市场主体数(万户)`` → 全省市场主体数 / 万户; ``10亿元/年`` → 10 / 亿元/年).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

#: cell separators in whitespace tables; the non-breaking space is a blank cell, not a separator
CELL_SEP = re.compile(r"[ \t\u3000\u2002\u2003]+")
BLANK = " \t\u3000\xa0\u2002\u2003\u200b"
NONE_VALUES = {"", "-", "—", "－", "--", "——", "/", "／", "无", "—/—"}

COMPARATOR = r"[≥≤><＞＜=＝]|>=|<=|不低于|不少于|不高于|不超过|以上|以下"
NUMBER = r"\d+(?:\.\d+)?"

#: units of measure: an optional multiplier, a base unit, optionally "/ per something"
MULT = "十百千万亿"
BASE_UNITS = (
    "个百分点", "百分点", "工作日", "人次", "户次", "条次", "批次", "件次", "家次", "万元", "元",
    "小时", "分钟", "平方米", "公里", "学时", "课时", "户", "家", "个", "件", "项", "次", "条", "人",
    "天", "日", "分", "张", "台", "套", "座", "所", "吨", "亩", "岁", "倍", "年", "月", "名", "场",
    "期", "批", "份", "例", "起", "宗", "类", "种", "款", "部", "枚", "只", "支", "株", "间", "处",
    "站", "元/人",
)
_BASE = "|".join(sorted((re.escape(u) for u in BASE_UNITS), key=len, reverse=True))
_ONE_UNIT = rf"[{MULT}]*(?:{_BASE})(?:[(（](?:{_BASE})[)）])?"
UNIT = rf"(?:[%％‰]|{_ONE_UNIT}(?:/[每]?[{MULT}]*(?:{_BASE}|人|年|月|日))?)"
UNIT_RE = re.compile(rf"^{UNIT}$")
VALUE_RE = re.compile(rf"^(?P<cmp>(?:{COMPARATOR})\s*)?(?P<num>{NUMBER})\s*(?P<unit>{UNIT})?\s*(?P<post>以上|以下|以内)?$")
ROW_NUMBER = re.compile(r"^[(（]?(\d{1,3})[)）]?[.．、]?$")
NUMBERED_NAME = re.compile(r"^(\d{1,3})[.．、]\s*(?!\d)(\S.*)$")
ATTRIBUTE = re.compile(r"^(约束性|预期性)(?:指标)?$")


@dataclass(frozen=True)
class Cell:
    text: str     # content, stripped; '' for a blank cell
    start: int    # offset of the raw cell in the source text
    end: int


def is_unit(s: str) -> bool:
    """'万户', '%', '批次/千人', '亿元/年', '台(件)' are units of measure; '区', '县' are not."""
    return bool(UNIT_RE.match(s.strip()))


def kind(cell: str) -> str:
    """blank | number (a row number) | attribute | value | text."""
    s = cell.strip(BLANK)
    if s in NONE_VALUES:
        return "blank"
    if ROW_NUMBER.match(s):
        return "number"
    if ATTRIBUTE.match(s):
        return "attribute"
    if VALUE_RE.match(s):
        return "value"
    return "text"


def split_value(cell: str) -> tuple[str | None, str | None]:
    """A value cell as written, without a unit written inside it: '12件' -> ('12', '件'),
    '≥98' -> ('≥98', None), '-' -> (None, None)."""
    s = cell.strip(BLANK)
    if s in NONE_VALUES:
        return None, None
    m = VALUE_RE.match(s)
    if not m:
        return s, None
    unit = m.group("unit")
    if unit:
        s = (m.group("cmp") or "") + m.group("num") + (m.group("post") or "")
    return s, unit


def split_unit(name: str) -> tuple[str, str | None]:
    """An indicator name with a trailing unit: '全省市场主体数(万户)' -> ('全省市场主体数', '万户'),
    '覆盖率%' -> ('覆盖率', '%'); '示范县(区)' keeps its '(区)', which is not a unit of measure."""
    s = name.strip(BLANK)
    m = re.search(r"[(（](?:单位[:：])?([^()（）]{1,12})[)）]$", s)
    if m and is_unit(m.group(1)):
        return s[: m.start()].rstrip(), m.group(1).replace("％", "%")
    m = re.search(r"[%％‰]$", s)
    if m:
        return s[: m.start()].rstrip(), s[m.start():].replace("％", "%")
    return s, None


def line_cells(text: str, start: int, end: int) -> list[Cell]:
    """Cells of one whitespace-table line ``text[start:end]``; a non-breaking space is a blank cell."""
    out, pos = [], start
    for m in CELL_SEP.finditer(text, start, end):
        if m.start() > pos:
            out.append(_cell(text, pos, m.start()))
        pos = m.end()
    if pos < end:
        out.append(_cell(text, pos, end))
    return out


def pipe_cells(text: str, start: int, end: int) -> list[Cell]:
    """Cells of the '|' lines in ``text[start:end]``: one per '|'-terminated piece, empty ones kept."""
    out, pos = [], start
    for m in re.finditer(r"\|", text[start:end]):
        bar = start + m.start()
        out.append(_cell(text, pos, bar))
        pos = bar + 1
    return out


def _cell(text: str, start: int, end: int) -> Cell:
    raw = text[start:end]
    lead = len(raw) - len(raw.lstrip(BLANK + "\n"))
    body = raw.strip(BLANK + "\n")
    if not body:
        return Cell("", start, end)
    return Cell(body, start + lead, start + lead + len(body))


def lines_of(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each line of ``text[start:end]``, newline excluded."""
    out, pos = [], start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        out.append((pos, stop))
        pos = stop + 1
    return out
