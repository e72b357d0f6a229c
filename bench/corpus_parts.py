"""Fragments of the bundled seed documents, extracted once at import time.

The generator recombines these: it never copies a whole seed.  What is taken:

- task groups: a group heading (一、… / （一）…) with its numbered items, the
  responsible-unit clause stripped (the generator writes its own);
- responsible-unit vocabulary: every name listed in a (责任单位:…) clause,
  split into the district bureau's 科/所 names and the city bureau's names;
- prose paragraphs by the kind of top-level section they sit in (history with
  past statistics, situation, guiding thought, principles, safeguards);
- indicator rows of both table styles (whitespace table of the province plan,
  '|'-cell table of the city plan), as (category, name, unit, baseline, target,
  attribute).

Region names of the seeds are replaced by placeholders ({R} full name, {S}
short name, {W} 全省/全市/全区, {J} 省局/市局/区局) so a fragment reads right
in any region.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"

#: seed region names -> placeholders, longest first
_REGION_WORDS = [
    ("湖南省", "{R}"), ("安徽省", "{R}"), ("长沙市开福区", "{R}"), ("武汉市硚口区", "{R}"),
    ("常德市", "{R}"), ("宿州市", "{R}"), ("长沙市", "{R}"), ("开福区", "{R}"), ("硚口区", "{R}"),
    ("湖南", "{S}"), ("安徽", "{S}"), ("常德", "{S}"), ("宿州", "{S}"), ("长沙", "{S}"),
    ("开福", "{S}"), ("硚口", "{S}"), ("武汉", "{S}"),
    ("全省", "{W}"), ("全市", "{W}"), ("全区", "{W}"), ("省局", "{J}"), ("市局", "{J}"), ("区局", "{J}"),
]
_REGION_RE = re.compile("|".join(re.escape(w) for w, _ in _REGION_WORDS))
_REGION_MAP = dict(_REGION_WORDS)

_CN = "一二三四五六七八九十"
_TOP = re.compile(rf"^\s*(?:第[{_CN}]+章\s*|[{_CN}]+、|[（(][{_CN}]+[）)])\s*(\S.*)$")
_ITEM = re.compile(r"^\s*(?:\[bookmark[^\]]*\])?\s*(\d{1,2})\s*[.、．]\s*(\S.*)$")
_UNITS = re.compile(r"[（(]\s*(?:责任单位|牵头单位)\s*[:：]([^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)*)[）)]\s*[。.]?\s*$")
_SAFEGUARD = re.compile(rf"^(?:[（(][{_CN}]+[）)]|[{_CN}]+是)([^。，,]{{2,12}})[。，,]?(.{{20,}})$")
_LEADING_NUMBER = re.compile(rf"^(?:[（(][{_CN}]+[）)]|——)")
_NOT_TASKS = re.compile(r"主要任务|原则|目标|指导|思想|形势|挑战|成效|基础|要求|机遇|保障|注释")


def _placeholders(text: str) -> str:
    text = text.replace("{", "｛").replace("}", "｝")
    return _REGION_RE.sub(lambda m: _REGION_MAP[m.group(0)], text)


@dataclass(frozen=True)
class TaskGroup:
    title: str                  # group heading without its number
    items: tuple[str, ...]      # item texts without number and unit clause
    source: str                 # seed file it came from


@dataclass(frozen=True)
class IndicatorSeed:
    category: str
    name: str
    unit: str                   # as in the seed: 万户, %, 批次/千人 … ('' when none)
    baseline: str               # as written, '-' when absent
    target: str
    attribute: str


@dataclass(frozen=True)
class Parts:
    groups: tuple[TaskGroup, ...]
    district_units: tuple[str, ...]
    city_units: tuple[str, ...]
    collective_units: tuple[str, ...]
    history: tuple[str, ...]        # past achievements, statistics included
    situation: tuple[str, ...]
    guidance: tuple[str, ...]       # 指导思想 paragraphs
    principles: tuple[str, ...]     # ——坚持… lines
    safeguards: tuple[tuple[str, str], ...]   # (heading, text)
    indicators: tuple[IndicatorSeed, ...]


def _lines(path: Path) -> list[str]:
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]


def _split_units(clause: str) -> list[str]:
    return [u.strip() for u in re.split(r"[、，,;；]", clause) if u.strip()]


def _task_groups(name: str, lines: list[str]) -> tuple[list[TaskGroup], list[str]]:
    groups: list[TaskGroup] = []
    units: list[str] = []
    title, items = None, []

    def close():
        if title and len(items) >= 2 and not (len(title) <= 10 and _NOT_TASKS.search(title)):
            groups.append(TaskGroup(title, tuple(items), name))

    for ln in lines:
        if "……" in ln or not ln:
            continue
        m = _ITEM.match(ln)
        if m and len(m.group(2)) >= 30:
            body = m.group(2)
            u = _UNITS.search(body)
            if u:
                units.extend(_split_units(u.group(1)))
                body = body[:u.start()].rstrip()
            body = body.rstrip("；;")
            if not body.endswith("。"):
                body += "。"
            items.append(_placeholders(body))
            continue
        t = _TOP.match(ln)
        if t and len(ln) <= 40:
            close()
            title, items = t.group(1).rstrip("。 "), []
    close()
    return groups, units


def _paragraphs(lines: list[str]) -> dict[str, list[str]]:
    """Prose paragraphs (>= 60 chars) keyed by the kind of the section they sit in."""
    out: dict[str, list] = {k: [] for k in ("history", "situation", "guidance", "principles",
                                                 "safeguards")}
    kind, pending = None, None
    for ln in lines:
        if "……" in ln or "|" in ln:
            continue
        t = _TOP.match(ln)
        if t and len(ln) <= 30:
            h = t.group(1)
            kind = ("history" if re.search(r"成效|发展基础", h) else
                    "situation" if re.search(r"形势|机遇|挑战", h) else
                    "guidance" if re.search(r"指导思想", h) else
                    "safeguards" if re.search(r"保障措施|工作要求|组织领导|督查|统筹规划", h) else
                    None if re.search(r"任务|措施|原则|目标", h) else kind)
            pending = h if kind == "safeguards" and len(h) <= 12 else None
            continue
        sm = _SAFEGUARD.match(ln)
        if kind == "safeguards" and (sm or pending) and len(ln) >= 20:
            head, body = (sm.group(1), sm.group(2)) if sm else (pending, ln)
            out["safeguards"].append((_placeholders(head), _placeholders(body)))
            pending = None
            continue
        if ln.startswith("——坚持") and len(ln) >= 30:
            out["principles"].append(_placeholders(ln))
        elif kind and len(ln) >= 60 and not _ITEM.match(ln) and not _UNITS.search(ln):
            out[kind].append(_placeholders(_LEADING_NUMBER.sub("", ln)))
    return out


_WS_ROW = re.compile(r"^(?:(\S+)\s+)?(\d{1,2})\s+(\S+?)(?:[（(]([^（）()]+)[）)])?"
                     r"(?:\s+(\S+))?\s+(\S+)\s+(约束性|预期性)$")


def _ws_indicators(lines: list[str]) -> list[IndicatorSeed]:
    """Rows of a whitespace table; a category written in 2-character pieces over
    several rows (营商 / 环境, 市场 / 安全 / 监管) is joined back."""
    raw: list[tuple[str | None, tuple[str, ...]]] = []
    for ln in lines:
        if "|" in ln or not re.search(r"(约束性|预期性)$", ln):
            continue
        m = _WS_ROW.match(ln.strip())
        if m:
            cat, _, name, unit, base, target, attr = m.groups()
            raw.append((cat and _placeholders(cat), (_placeholders(name), unit or "", base or "-", target, attr)))
    groups: list[list] = []          # [pieces, rows]
    for cat, row in raw:
        if cat and len(cat) == 2 and groups and len(groups[-1][0]) == 1 and len(groups[-1][0][0]) == 2 \
                and len(groups[-1][1]) == len(groups[-1][0]):
            groups[-1][0].append(cat)          # second piece of a split category
        elif cat:
            groups.append([[cat], []])
        elif not groups:
            groups.append([[""], []])
        groups[-1][1].append(row)
    out: list[IndicatorSeed] = []
    for i, (pieces, rows) in enumerate(groups):
        if len(pieces) == 1 and len(pieces[0]) == 2 and i and len(groups[i - 1][0]) == 2:
            cat = "".join(groups[i - 1][0]) + pieces[0]       # 市场安全 + 监管
            prev = "".join(groups[i - 1][0])
            out = [replace(r, category=cat) if r.category == prev else r for r in out]
        else:
            cat = "".join(pieces)
        out.extend(IndicatorSeed(cat, *row) for row in rows)
    return out


def _pipe_indicators(lines: list[str]) -> list[IndicatorSeed]:
    cells = [ln[:-1].strip() for ln in lines if ln.endswith("|")]
    rows: list[IndicatorSeed] = []
    cat = ""
    i = 0
    while i < len(cells):
        c = cells[i]
        m = re.match(r"^\d{1,2}\.(.+)$", c)
        if m and i + 3 < len(cells) and cells[i + 3] in ("约束性", "预期性"):
            name, unit = m.group(1), ""
            u = re.search(r"[（(]([^（）()]+)[）)]$", name) or re.search(r"(%)$", name)
            if u:
                unit, name = u.group(1), name[:u.start()]
            rows.append(IndicatorSeed(cat, _placeholders(name), unit, cells[i + 1], cells[i + 2], cells[i + 3]))
            i += 4
            continue
        if c and not re.search(r"\d|指标|类别|属性|专栏|年", c) and len(c) <= 6:
            cat = c
        i += 1
    return rows


def _load() -> Parts:
    groups: list[TaskGroup] = []
    district_units: list[str] = []
    city_units: list[str] = []
    paras: dict[str, list[str]] = {}
    indicators: list[IndicatorSeed] = []
    for path in sorted(CORPUS.glob("*.txt")):
        lines = _lines(path)
        g, units = _task_groups(path.name, lines)
        groups.extend(g)
        # the district plan writes （责任单位：…） full width, the city work points (责任单位:…)
        (district_units if "（责任单位：" in path.read_text(encoding="utf-8") else city_units).extend(units)
        for k, v in _paragraphs(lines).items():
            paras.setdefault(k, []).extend(v)
        indicators.extend(_ws_indicators(lines))
        indicators.extend(_pipe_indicators(lines))

    def uniq(xs):
        return tuple(dict.fromkeys(xs))

    collective = uniq(u for u in district_units + city_units if u.startswith("各"))
    safeguards = [(h, re.sub(r"[（(]责任单位[:：][^）)]*[）)]\s*$", "", b).strip()) for h, b in paras.get("safeguards", [])
                  if h != "保障措施" and "“" not in h]
    return Parts(
        groups=tuple(groups),
        district_units=uniq(u for u in district_units if not u.startswith("各")),
        city_units=uniq(u for u in city_units if not u.startswith("各")),
        collective_units=collective,
        history=uniq(paras.get("history", [])),
        situation=uniq(paras.get("situation", [])),
        guidance=uniq(paras.get("guidance", [])),
        principles=uniq(paras.get("principles", [])),
        safeguards=tuple(dict.fromkeys(safeguards)),
        indicators=uniq(r for r in indicators if r.name),
    )


PARTS = _load()
