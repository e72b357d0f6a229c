"""Indicator tables (专栏 … 主要指标): one :class:`IndicatorRow` per indicator.

A table is found by its header row — cells that are all column names (类别, 序号,
指标/指标名称, 2020年, 2025年, 目标值/指标要求, 属性, 单位 …) with at least a name and a
target column — in a whitespace table, a '|' table (see tables.py) or a structured
table from a docx/html reader.  Rows follow until a line or cell that cannot be a
row; tables of projects or prose boxes have no such header and yield nothing.

Conventions, general to the genre:
- category cells of merged Word cells arrive split over rows (营商 / 环境); fragments
  are joined until the text reads as a whole category (ends in a head noun such as
  环境, 监管, 产权, 质量) and the next fragment can start one; a blank or missing cell
  continues the category above.  A table without a category column takes its title.
- the unit sits in the name (``(万户)``, trailing ``%``), a unit column, or the value
  cell (``12件``); values keep their comparators (≥98, >11000, ≤1); '-' is null.
- years come from the header (2020年 → baseline, 2025年 → target); a target column
  without a year takes the plan's end year (meta.period, else 十四五 → 2025, else the
  years in the table title).
- a note under the table (注:第2、4、5项指标为累计数据,其余…) makes the named rows
  cumulative and the others not; without such a note ``cumulative`` is None.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .model import IndicatorRow, Metadata, Section, SourceDoc, SourceTable, Span
from .numerals import cn_to_int
from .tables import (CELL_SEP, NUMBERED_NAME, ROW_NUMBER, Cell, kind, line_cells, lines_of,
                     pipe_cells, split_unit, split_value)

#: words a category name ends in, and words that never start one (so they continue a split cell)
HEADS = ("环境", "监管", "安全", "质量", "产权", "秩序", "活力", "供给", "建设", "服务", "保护", "发展",
         "创新", "效能", "能力", "治理", "水平", "消费", "体系", "基础", "设施", "权益", "执法", "保障")
TAILS = ("环境", "监管", "产权", "秩序", "活力", "建设", "效能", "治理", "水平", "设施", "权益", "保障")
BOX_TITLE = re.compile(r"^\s*(专栏\s*\d+|表\s*\d+)[\s:：]*(.*?)[\s|]*$")
FIVE_YEAR = re.compile(r"[“\"]?十([一二三四五六七八九])五[”\"]?")
NOTE = re.compile(r"^\s*(?:备注|注释|注)\s*\d*\s*[:：]")


@dataclass
class _Row:
    category: Cell | None          # None: no cell at all; Cell('') a blank cell
    number: str | None
    name: str
    cells: dict[str, Cell]         # column role -> cell
    start: int
    end: int


@lru_cache(maxsize=4096)          # header cells repeat from table to table and plan to plan
def header_role(cell: str) -> tuple[str, int | None] | None:
    """The role of a header cell: (category|number|name|unit|baseline|target|year|attribute|other, year)."""
    s = re.sub(r"\s+", "", cell)
    y = re.search(r"((?:19|20)\d\d)年?", s)
    year = int(y.group(1)) if y else None
    if re.fullmatch(r"(类别|类型|分类|领域|方面|维度|一级指标|指标类别|指标类型)", s):
        return "category", None
    if re.fullmatch(r"(序号|编号|序)", s):
        return "number", None
    if re.fullmatch(r"(计量)?单位", s):
        return "unit", None
    if re.fullmatch(r"(指标)?(属性|性质)", s):
        return "attribute", None
    if year is not None and len(s) <= 12:
        if re.search(r"目标|预期|规划", s):
            return "target", year
        if re.search(r"基期|基数|基准|现状|实际", s):
            return "baseline", year
        if re.fullmatch(r"((?:19|20)\d\d)年?(年底|年末|末)?", s):
            return "year", year
        return None
    if re.fullmatch(r"(期末|规划|预期)?(目标值?|指标要求|目标要求)", s):
        return "target", None
    if re.fullmatch(r"(基期|现状|基准|当前)值?|基数", s):
        return "baseline", None
    if len(s) <= 8 and re.search(r"指标|名称", s):
        return "name", None
    if re.fullmatch(r"(备注|说明|责任单位|牵头单位|责任部门)", s):
        return "other", None
    return None


def _header(cells: list[Cell]) -> list[tuple[str, int | None]] | None:
    roles = [header_role(c.text) for c in cells]
    if len(cells) < 3 or any(r is None for r in roles):
        return None
    names = [r[0] for r in roles]
    if names.count("name") != 1 or not {"target", "year"} & set(names):
        return None
    return roles  # type: ignore[return-value]


def _columns(header: list[tuple[str, int | None]], plan_year: int | None):
    """Resolve year columns: the last year column is the target, an earlier one the baseline."""
    roles = [r for r, _ in header]
    years = [y for _, y in header]
    year_cols = [i for i, r in enumerate(roles) if r == "year"]
    if year_cols:
        if "target" not in roles:
            roles[year_cols[-1]] = "target"
            year_cols = year_cols[:-1]
        if year_cols and "baseline" not in roles:
            roles[year_cols[-1]] = "baseline"
    t = roles.index("target") if "target" in roles else None
    if t is not None and years[t] is None:
        years[t] = plan_year
    return roles, years


def _assemble(roles: list[str], cells: list[Cell], i: int, line: bool) -> tuple[_Row, int] | None:
    """One row starting at ``cells[i]``; ``line``: the cells are one whitespace line (blanks count)."""
    n, k = len(cells), roles.index("name")
    before, after = roles[:k], roles[k + 1:]
    cat = num = name_cell = None
    name = ""
    first = None
    j = i
    while j < n:
        c = cells[j]
        kd = kind(c.text)
        if not c.text and not line:
            j += 1
            continue
        if first is None and c.text:
            first = c.start
        m = NUMBERED_NAME.match(c.text)
        if kd == "text" and m and "number" not in before:
            num, name, name_cell = m.group(1), m.group(2), c
            j += 1
            break
        if kd == "number" and "number" in before and num is None:
            num = ROW_NUMBER.match(c.text).group(1)
            j += 1
            continue
        rest = [x for x in cells[j + 1:] if x.text or line]
        nxt = rest[0] if rest else None
        # a category cell is followed by the name, or by a row number and then the name; a bare
        # integer after the first cell with no name behind it is a value (the category cell is blank)
        nxt_starts_row = nxt is not None and (
            kind(nxt.text) == "text"
            or kind(nxt.text) == "number" and ("number" in before or NUMBERED_NAME.match(nxt.text) is not None
                                               or (len(rest) > 1 and kind(rest[1].text) == "text")))
        if kd in ("text", "blank") and "category" in before and cat is None and num is None \
                and nxt_starts_row:
            cat = c
            j += 1
            continue
        if kd == "text":
            name, name_cell = c.text, c
            j += 1
            break
        return None
    if name_cell is None:
        return None
    got: list[Cell] = []
    if line:
        got = cells[j:]
        extra = len(got) - len(after)
        if extra > 0:                   # a name written with spaces
            name_cell = Cell("", name_cell.start, got[extra - 1].end)
            name = name + " " + " ".join(c.text for c in got[:extra])
            got = got[extra:]
        j = n
    else:
        text_roles = {"unit", "other", "category", "name"}
        while j < n and len(got) < len(after):
            c = cells[j]
            if c.text:
                kd = kind(c.text)
                if NUMBERED_NAME.match(c.text) and kd == "text":
                    break
                if kd == "text" and not text_roles & set(after[len(got):]):
                    break
                got.append(c)
            j += 1
    if not got or not name or name.isdigit():
        return None
    placed: dict[str, Cell] = {}
    if len(got) == len(after):
        placed = dict(zip(after, got))
    else:                               # blank cells were dropped: attribute by content, values right-aligned
        values = [c for c in got if kind(c.text) != "attribute"]
        if "attribute" in after:
            placed.update({"attribute": c for c in got if kind(c.text) == "attribute"})
        value_cols = [r for r in after if r in ("baseline", "target")]
        n_vals = min(len(values), len(value_cols))
        placed.update(zip(value_cols[len(value_cols) - n_vals:], values[len(values) - n_vals:]))
    tgt = placed.get("target")
    attr = placed.get("attribute")
    if not ((tgt is not None and kind(tgt.text) in ("value", "number", "blank"))
            or (attr is not None and kind(attr.text) == "attribute")):
        return None
    end = max(c.end for c in [name_cell, *got] if c.text or c is name_cell)
    return _Row(cat, num, name, placed, first if first is not None else name_cell.start, end), j


def _join_categories(rows: list[_Row], whole_cells: bool) -> list[str | None]:
    """The category of each row: split fragments joined, blank or missing cells continue the one above."""
    out: list[str | None] = []
    cur: str | None = None
    group = 0                       # index of the first row of the current category
    open_above = False              # the row above had a category fragment
    for i, r in enumerate(rows):
        c = r.category
        if c is not None and c.text and kind(c.text) == "text":
            frag = c.text
            if (cur is not None and open_above and not whole_cells
                    and not (cur.endswith(HEADS) and not frag.startswith(TAILS))):
                cur = cur + frag    # the fragment continues the cell above
                out[group:] = [cur] * (i - group)
            else:
                cur, group = frag, i
            open_above = True
        else:
            open_above = False
        out.append(cur)
    return out


def _cumulative(text: str, start: int, end: int) -> tuple[set[str], bool] | None:
    """(row numbers named by a 累计 note below the table, whether the named rows are the cumulative ones)."""
    for a, b in lines_of(text, start, end):
        ln = text[a:b]
        if not NOTE.match(ln) or "累计" not in ln:
            continue
        m = re.search(r"第?([\d、,，和及至\-—~]+)项", ln)
        if not m:
            continue
        nums: set[str] = set()
        for part in re.split(r"[、,，和及]", m.group(1)):
            rng = re.fullmatch(r"(\d+)[至\-—~](\d+)", part)
            if rng:
                nums.update(str(x) for x in range(int(rng.group(1)), int(rng.group(2)) + 1))
            elif part.isdigit():
                nums.add(part)
        listed_part = ln[m.end():].split("其余")[0].split("其他")[0]
        return nums, "累计" in listed_part
    return None


def plan_end_year(meta: Metadata, title: str, text: str) -> int | None:
    """The plan period's end year: meta.period, else a 十X五 in the title or the text, else the title's years."""
    if meta.period:
        ys = re.findall(r"\d{4}", meta.period)
        if ys:
            return int(ys[-1])
    for s in (title, text[meta.body_start: meta.body_start + 600]):
        m = FIVE_YEAR.search(s)
        if m:
            return 1970 + 5 * (10 + cn_to_int(m.group(1)) - 3)
        ys = re.findall(r"(20\d\d)\s*年?", s)
        if ys and s is title:
            return max(int(y) for y in ys)
    return None


def _title_before(text: str, pos: int, first_cell: str | None) -> tuple[str, str]:
    """(table id, title): 专栏N from the title cell or the nearest non-empty line above the header."""
    candidates = [first_cell] if first_cell else []
    end = text.rfind("\n", 0, pos + 1)         # the newline that ends the line above
    for _ in range(3):
        if end < 0:
            break
        a = text.rfind("\n", 0, end) + 1
        ln = text[a:end].strip(" \t\u3000\xa0|")
        if ln:
            candidates.append(ln)
            break
        end = a - 1
    for c in candidates:
        m = BOX_TITLE.match(c)
        if m:
            return re.sub(r"\s+", "", m.group(1)), m.group(2).strip()
    title = candidates[0] if candidates and len(candidates[0]) <= 40 else ""
    return "", title


def _rows_to_indicators(text: str, rows: list[_Row], roles, years, table: str, title: str,
                        whole_cells: bool, note_end: int) -> list[IndicatorRow]:
    cats = _join_categories(rows, whole_cells) if "category" in roles else [title or None] * len(rows)
    note = _cumulative(text, rows[-1].end, note_end) if rows else None
    yr = dict(zip(roles, years))
    out = []
    for r, cat in zip(rows, cats):
        name, unit = split_unit(r.name)
        base, bunit = split_value(r.cells["baseline"].text) if "baseline" in r.cells else (None, None)
        tgt, tunit = split_value(r.cells["target"].text) if "target" in r.cells else (None, None)
        if unit is None and "unit" in r.cells and r.cells["unit"].text:
            unit = r.cells["unit"].text
        unit = unit or tunit or bunit
        attr = r.cells.get("attribute")
        attribute = attr.text[:3] if attr is not None and kind(attr.text) == "attribute" else None
        cumulative = None if note is None else ((r.number in note[0]) == note[1])
        out.append(IndicatorRow(
            name=name, unit=unit, baseline=base, baseline_year=yr.get("baseline") if base else None,
            target=tgt, year=yr.get("target") if tgt else None, attribute=attribute, category=cat,
            cumulative=cumulative, table=table, number=r.number, span=Span.of(text, r.start, r.end)))
    return out


def _text_tables(src: SourceDoc, meta: Metadata) -> list[IndicatorRow]:
    text = src.text
    lines = lines_of(text, meta.body_start, meta.body_end)
    out: list[IndicatorRow] = []
    i = 0
    while i < len(lines):
        a, b = lines[i]
        if _md_cells(text, a, b) is not None:      # Markdown rows: one table row per line
            cell_rows = []
            k = i
            while k < len(lines) and (mc := _md_cells(text, *lines[k])) is not None:
                if not all(MD_SEPARATOR.match(c.text) or not c.text for c in mc):
                    cell_rows.append(mc)
                k += 1
            out += _from_cell_rows(text, meta, cell_rows, a, lines[k - 1][1])
            i = k
            continue
        if text[a:b].rstrip().endswith("|"):
            j = k = i          # the '|' lines, blank lines between them included
            while k < len(lines):
                ln = text[lines[k][0]:lines[k][1]].strip(" \t\u3000\xa0")
                if ln and not ln.endswith("|"):
                    break
                k += 1
                j = k if ln else j
            out += _pipe_table(src, meta, lines[i][0], lines[j - 1][1],
                               lines[j][0] if j < len(lines) else meta.body_end, lines, j)
            i = j
            continue
        sep = CELL_SEP.search(text, a, b)
        if sep is None or CELL_SEP.search(text, sep.end(), b) is None:
            i += 1                 # one separator or none: at most two cells, not a header
            continue
        cells = [c for c in line_cells(text, a, b) if c.text]
        header = _header(cells) if 3 <= len(cells) <= 12 else None
        if header is None:
            i += 1
            continue
        table, title = _title_before(text, a, None)
        roles, years = _columns(header, plan_end_year(meta, title, text))
        rows: list[_Row] = []
        i += 1
        while i < len(lines):
            a, b = lines[i]
            if not text[a:b].strip(" \t\u3000\xa0"):
                i += 1
                continue
            got = _assemble(roles, line_cells(text, a, b), 0, line=True)
            if got is None:
                break
            rows.append(got[0])
            i += 1
        note_end = lines[min(i + 3, len(lines) - 1)][1] if lines else b
        out += _rows_to_indicators(text, rows, roles, years, table, title, False, note_end)
    return out


def _pipe_table(src: SourceDoc, meta: Metadata, start: int, end: int, after: int,
                lines, j: int) -> list[IndicatorRow]:
    text = src.text
    cells = pipe_cells(text, start, end)
    full = [c for c in cells if c.text]
    for h in range(len(full)):
        for w in range(min(12, len(full) - h), 2, -1):
            header = _header(full[h:h + w])
            if header is None:
                continue
            table, title = _title_before(text, full[h].start, full[h - 1].text if h else None)
            roles, years = _columns(header, plan_end_year(meta, title, text))
            rows, pos = [], cells.index(full[h + w - 1]) + 1
            while pos < len(cells):
                got = _assemble(roles, cells, pos, line=False)
                if got is None:
                    break
                rows.append(got[0])
                pos = got[1]
            note_end = lines[min(j + 3, len(lines) - 1)][1] if j < len(lines) else end
            return _rows_to_indicators(text, rows, roles, years, table, title, True, note_end)
    return []


def _structured(src: SourceDoc, meta: Metadata, t: SourceTable) -> list[IndicatorRow]:
    """Rows of a table delivered as cells; offsets found by searching each cell in the table's span."""
    text = src.text
    pos = t.span.start
    cell_rows: list[list[Cell]] = []
    for row in t.rows:
        cr = []
        for raw in row:
            s = (raw or "").strip()
            at = text.find(s, pos, t.span.end) if s else -1
            if at >= 0:
                cr.append(Cell(s, at, at + len(s)))
                pos = at + len(s)
            else:
                cr.append(Cell(s, pos, pos))
        cell_rows.append(cr)
    return _from_cell_rows(text, meta, cell_rows, t.span.start, t.span.end)


def _from_cell_rows(text: str, meta: Metadata, cell_rows: list[list[Cell]], start: int,
                    end: int) -> list[IndicatorRow]:
    """Rows of a table whose rows are known (structured tables, Markdown '|' rows)."""
    for h, cr in enumerate(cell_rows):
        header = _header([c for c in cr if c.text])
        if header is None or len(header) != len(cr):
            continue
        table, title = _title_before(text, start if h == 0 else cr[0].start, None)
        roles, years = _columns(header, plan_end_year(meta, title, text))
        rows = [got[0] for cr2 in cell_rows[h + 1:]
                if (got := _assemble(roles, cr2, 0, line=True)) is not None]
        return _rows_to_indicators(text, rows, roles, years, table, title, True,
                                   min(len(text), end + 300))
    return []


MD_SEPARATOR = re.compile(r"^:?-{2,}:?$")


def _md_cells(text: str, a: int, b: int) -> list[Cell] | None:
    """Cells of a Markdown table line ``| a | b | c |`` (at least two non-empty cells), else None."""
    ln = text[a:b]
    s = ln.strip(" \t\u3000\xa0")
    if len(s) < 5 or not (s.startswith("|") and s.endswith("|")):
        return None
    first = a + ln.index("|")
    last = a + ln.rindex("|")
    cells = pipe_cells(text, first + 1, last + 1)
    if len(cells) < 3 or sum(1 for c in cells if c.text) < 2:
        return None
    return cells


def extract(src: SourceDoc, sections: tuple[Section, ...], meta: Metadata) -> tuple[IndicatorRow, ...]:
    """Rows of every indicator table of the document, in document order."""
    rows, inside = [], []
    for t in src.tables:
        got = _structured(src, meta, t)
        if got:                 # tables a reader split into one-column pieces are read from the text
            rows += got
            inside.append((t.span.start, t.span.end))
    rows += [r for r in _text_tables(src, meta)
             if not any(a <= r.span.start < b for a, b in inside)]
    return tuple(sorted(rows, key=lambda r: r.span.start))
