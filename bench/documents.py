"""Rendering one generated document: DocMeta + a seeded Random -> text.

The layouts copy the shapes of the seeds: a portal page wrapping a notice
(province plan), a Word file with a notice, doc number and table of contents
(city plan), a portal metadata block (district plan), and plain texts (work
points, work plans).  Bodies recombine the fragments of ``corpus_parts``.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .corpus_parts import PARTS, IndicatorSeed

if TYPE_CHECKING:
    from .generate import DocMeta

CN = "零一二三四五六七八九十"


def cn_num(i: int) -> str:
    if i <= 10:
        return CN[i]
    if i < 20:
        return "十" + (CN[i - 10] if i > 10 else "")
    return CN[i // 10] + "十" + (CN[i % 10] if i % 10 else "")


@dataclass
class Rendered:
    text: str
    measures: int
    measures_with_units: int
    indicator_rows: int
    table_style: str | None
    safeguard_items: int = 0     # numbered 保障措施 items without units (not counted in measures)


_NUM = re.compile(r"(?<![\d.年〔])(\d+(?:\.\d+)?)(?=[万亿千百个件家项户批次条张名台人元分天倍所])")


class Writer:
    def __init__(self, m: "DocMeta", rng: random.Random):
        self.m, self.rng, self.r = m, rng, m.region
        self.lines: list[str] = []
        self.measures = self.with_units = self.rows = self.safeguards = 0
        self.table_style: str | None = None
        self.fw = rng.random() < 0.5          # full-width （一） or half-width (一)
        lvl = self.r.level
        units = (PARTS.district_units if lvl == "district" else
                 [u.replace("科", "处").replace("市", "省") for u in PARTS.city_units] if lvl == "province" else
                 [u.replace("科", "司").replace("市", "") for u in PARTS.city_units] if lvl == "national" else
                 PARTS.city_units)
        self.units = rng.sample(list(units), min(len(units), rng.randint(10, 18)))

    # -- text helpers --------------------------------------------------------
    def fill(self, text: str) -> str:
        r = self.r
        name = r.name if r.level != "national" else "全国"
        text = (text.replace("{R}", name).replace("{S}", r.short).replace("{W}", r.whole)
                .replace("{J}", r.bureau_short))
        return _NUM.sub(self._scale, text)

    def _scale(self, m: re.Match) -> str:
        s = m.group(1)
        f = self.rng.uniform(0.6, 1.6)
        if "." in s:
            dec = len(s.split(".")[1])
            return f"{float(s) * f:.{dec}f}"
        return str(max(1, round(int(s) * f)))

    def paren(self, i: int) -> str:
        return f"（{cn_num(i)}）" if self.fw else f"({cn_num(i)})"

    def add(self, *lines: str):
        self.lines.extend(lines)

    # -- responsible units ---------------------------------------------------
    def units_clause(self, style: str) -> str:
        k = self.rng.choice([1, 1, 2, 2, 3, 4])
        us = self.rng.sample(self.units, k)
        coll = self.r.level == "district" and self.rng.random() < 0.6
        if style == "full":
            s = "、".join(us) + ("，各市场监管所" if coll else "")
            return f"（责任单位：{s}）"
        if style == "half":
            return f"(责任单位:{'、'.join(us)}{'、各县级局' if coll else ''})"
        lead, rest = us[0], us[1:] or self.rng.sample(self.units, 1)
        if self.fw:
            return f"（牵头单位：{lead}；责任单位：{'、'.join(rest)}）"
        return f"(牵头单位:{lead};责任单位:{'、'.join(rest)})"

    def item(self, num: str, text: str, unit_style: str | None, extra: str = ""):
        self.measures += 1
        line = num + self.fill(text + extra)
        if unit_style:
            self.with_units += 1
            line += self.units_clause(unit_style)
        self.add(line)

    # -- parts of a body -----------------------------------------------------
    def tasks(self, n_groups: int, items: tuple[int, int], group_num, item_num, unit_style,
              continuous: bool = False):
        groups = self.rng.sample(PARTS.groups, min(n_groups, len(PARTS.groups)))
        k = 0
        for gi, g in enumerate(groups, 1):
            self.add(group_num(gi) + self.fill(g.title))
            picked = self.rng.sample(g.items, min(len(g.items), self.rng.randint(*items)))
            for ii, text in enumerate(picked, 1):
                k += 1
                extra = ""
                if self.rng.random() < 0.5:      # recombine: a sentence of a sibling item
                    sentences = [x for x in self.rng.choice(g.items).split("。")[1:] if len(x) > 10]
                    if sentences:
                        extra = self.rng.choice(sentences) + "。"
                self.item(item_num(k if continuous else ii), text, unit_style, extra)

    def table_rows(self) -> list[IndicatorSeed]:
        cats: dict[str, list[IndicatorSeed]] = {}
        for row in PARTS.indicators:
            cats.setdefault(row.category, []).append(row)
        names = self.rng.sample(sorted(cats), self.rng.randint(3, min(6, len(cats))))
        rows, seen = [], set()
        for c in names:
            pool = cats[c]
            for row in self.rng.sample(pool, self.rng.randint(min(2, len(pool)), min(5, len(pool)))):
                if row.name not in seen:
                    seen.add(row.name)
                    rows.append(row)
        return rows

    def value(self, v: str, unit: str, f: float) -> str:
        m = re.match(r"^([≥≤><]?)(\d+(?:\.\d+)?)$", v)
        if not m:
            return v
        comp, num = m.groups()
        x = float(num) * (1 if unit == "%" and float(num) >= 80 else f)
        if unit == "%":
            x = min(x, 100.0)
        dec = len(num.split(".")[1]) if "." in num else 0
        return comp + (f"{x:.{dec}f}" if dec else str(max(1, round(x))))

    def indicator_table(self, box: int, base_year: int, target_year: int, style: str):
        rows = self.table_rows()
        self.table_style, self.rows = style, len(rows)
        f = self.rng.uniform(0.3, 2.5)
        cells = []
        for row in rows:
            name = self.fill(row.name)
            cells.append((row.category, name, row.unit, self.value(row.baseline, row.unit, f),
                          self.value(row.target, row.unit, f * self.rng.uniform(1.0, 1.3)), row.attribute))
        cumulative = [i for i, c in enumerate(cells, 1) if c[2] in ("个", "户", "件", "项", "家")]
        outer, self.lines = self.lines, []
        if style == "whitespace":
            self.add(f"专栏{box}  “十四五”市场监管工作主要指标" if target_year == 2025 else f"专栏{box}  主要指标",
                     f"类别 序号 指标名称 {base_year}年 {target_year}年 属性")
            i = 0
            for cat, group in _by_category(cells):
                split = len(cat) % 2 == 0 and len(cat) // 2 <= len(group) and len(cat) <= 6 \
                    and self.rng.random() < 0.8
                pieces = [cat[j:j + 2] for j in range(0, len(cat), 2)] if split else [cat]
                for gi, (_, name, unit, base, target, attr) in enumerate(group):
                    i += 1
                    head = pieces[gi] + " " if gi < len(pieces) else ("  " if self.rng.random() < 0.7 else "")
                    nm = f"{name}({unit})" if unit else name
                    b = "" if base == "-" else base
                    self.add(f"{head}{i} {nm} {b} {target} {attr}")
        else:
            self.add(f"专栏{box}“十四五”时期市场监管主要指标 |" if target_year == 2025 else f"专栏{box}主要指标 |",
                     "||||", "类别 |", "指标 |", f"{base_year}年 |", f"{target_year}年 |", "属性 |")
            i = 0
            for cat, group in _by_category(cells):
                for gi, (_, name, unit, base, target, attr) in enumerate(group):
                    i += 1
                    if gi == 0:
                        self.add(f"{cat} |")
                    elif gi >= 2:
                        self.add("|")
                    nm = (f"{name}%" if unit == "%" and self.rng.random() < 0.3 else
                          f"{name}({unit})" if unit else name)
                    self.add(f"{i}.{nm} |", f"{base} |", f"{target} |", f"{attr} |")
        if cumulative and (style == "pipe" or self.rng.random() < 0.4):
            self.add(f"注:第{'、'.join(map(str, cumulative))}项指标为累计数据,其余指标为实时数据。")
        block, self.lines = "\n".join(self.lines), outer
        self.add(block)          # a table is one block: no blank lines between its rows

    def targets_prose(self, year: int) -> str:
        rows = self.rng.sample(PARTS.indicators, 4)
        parts = []
        for row in rows:
            t = re.sub(r"^[≥≤><]", "", self.value(row.target, row.unit, self.rng.uniform(0.4, 2.0)))
            name = self.fill(row.name).replace(self.r.whole, "")
            parts.append(f"{name}达到{t}{row.unit}")
        lead = self.rng.choice([f"到{year}年,{self.r.whole}", f"力争到{year}年,", f"到{year}年底,"])
        return lead + ",".join(parts) + "。"

    def stats_prose(self, year: int) -> str:
        x = round(self.rng.uniform(5, 600), 2)
        return (f"截至{year}年底,{self.r.whole}实有市场主体{x}万户,较“十二五”期末增长"
                f"{round(self.rng.uniform(20, 95), 1)}%,每万人口有效发明专利拥有量"
                f"{round(self.rng.uniform(1, 15), 2)}件。")

    def preamble(self, cue_style: str, tail: str) -> str:
        m = self.m
        cited = "".join(f"《{b}》" for b in m.basis)
        goal = self.rng.choice(["为全面推进市场监管治理体系和治理能力现代化",
                                "为服务高质量发展大局,持续优化营商环境",
                                f"为推动{self.r.short}市场监管事业高质量发展"])
        if not cited:
            return f"{goal},结合工作实际,{tail}。"
        if cue_style == "根据":
            return f"{goal},根据{cited}的总体要求,结合工作实际,{tail}。"
        if cue_style == "按照":
            return f"{goal},按照{cited}要求,结合{self.r.name}市场监管工作实际,{tail}。"
        return f"为贯彻落实{cited},{goal[1:]},结合工作实际,{tail}。"


def _by_category(cells):
    out: list[tuple[str, list]] = []
    for c in cells:
        if out and out[-1][0] == c[0]:
            out[-1][1].append(c)
        else:
            out.append((c[0], [c]))
    return out


# -- layouts -------------------------------------------------------------------
def _date_cn(d) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _header(w: Writer) -> None:
    m, rng = w.m, w.rng
    if m.layout == "portal":
        w.add("推荐标法舆情动态\n ", f"当前位置:主页 >> 政务公开 >> 政策文件 >> {m.notice_title}",
              m.notice_title,
              f"放大字体  缩小字体 发布日期:{(m.date + _days(rng, 3, 20)).isoformat()}  来源:{m.issuers[-1]}",
              f"各{'市州、县市区' if w.r.level == 'province' else '有关单位'}:",
              f"《{m.title}》已经研究同意,现印发给你们,请认真组织实施。",
              " ".join(m.issuers), _date_cn(m.date), "(公开属性:主动公开)", m.title)
    elif m.layout == "word":
        w.add(m.notice_title, m.notice_title)
        if m.doc_number:
            w.add(m.doc_number)
        w.add("各有关单位,局机关各科室、各直属机构:",
              f"《{m.title}》经局长办公会研究通过,现印发给你们,请认真贯彻实施。",
              " ".join(m.issuers), _date_cn(m.date), m.title, m.issuers[-1], f"{m.date.year}年{m.date.month}月")
    elif m.layout == "meta":
        pub = m.date + _days(rng, 1, 30)
        w.add(f"索 引 号: {rng.randint(100000000, 999999999)}/{pub.year}-{rng.randint(10000, 99999)} "
              f"主题分类: 市场监管、安全生产监管\n"
              f"发布机构: {m.issuers[-1]} 发文日期: {m.date.isoformat()} {rng.randint(8, 18)}:{rng.randint(10, 59)}\n"
              f"效力状态: 有效 文   号: {m.doc_number or ''}\n"
              f"名   称: {m.title} 发布日期: {pub.isoformat()}\n", m.title, f"发布时间:{pub.isoformat()}\n")
    else:
        w.add(m.title)


def _days(rng, a, b):
    from datetime import timedelta
    return timedelta(days=rng.randint(a, b))


def _footer(w: Writer) -> None:
    m = w.m
    if m.layout == "plain":
        w.add(" ".join(m.issuers), _date_cn(m.date))
    elif m.layout == "portal":
        w.add(" \n ", "推荐产品&服务MORE>>")
    elif m.layout == "meta":
        w.add("\n扫一扫在手机上查看当前页面")


def _plan(w: Writer) -> None:
    """A five-year plan: history, situation, overall requirements with targets and
    an indicator table, tasks, safeguards."""
    m, rng, r = w.m, w.rng, w.r
    chapters = m.layout == "portal" or rng.random() < 0.3
    unit_style = None if r.level in ("national", "province") or rng.random() < 0.6 else "lead"
    style = "whitespace" if (chapters or rng.random() < 0.4) else "pipe"
    top = ["发展基础", "机遇和挑战", "总体要求", "主要任务", "保障措施"]
    if m.layout == "word":
        w.add("目 录")
        for i, t in enumerate(top, 1):
            w.add(f"{cn_num(i)}、{t}" + "…" * rng.randint(20, 40) + str(i * 4))
        w.add(m.title)
    w.add(w.preamble(rng.choice(["根据", "按照", "贯彻"]), "编制本规划"))
    def head(i, t):
        return f"第{cn_num(i)}章 {t}" if chapters else f"{cn_num(i)}、{t}"
    sub = (lambda i: f"{cn_num(i)}、") if chapters else w.paren
    w.add(head(1, top[0]))
    w.add(w.fill(rng.choice(PARTS.history)), w.stats_prose(2020))
    for p in rng.sample(PARTS.history, min(6, len(PARTS.history))):
        w.add(w.fill(p))
    w.add(head(2, top[1]))
    for p in rng.sample(PARTS.situation, 5):
        w.add(w.fill(p))
    w.add(head(3, top[2]), sub(1) + "指导思想", w.fill(rng.choice(PARTS.guidance)), sub(2) + "基本原则")
    for p in rng.sample(PARTS.principles, 4):
        w.add(w.fill(p))
    w.add(sub(3) + "主要目标", w.targets_prose(2025))
    w.indicator_table(1, 2020, 2025, style)
    w.add(head(4, top[3]))
    w.tasks(rng.randint(8, 11), (5, 8), sub, lambda i: f"{i}.", unit_style)
    w.add(head(5, top[4]))
    for i, (h, b) in enumerate(rng.sample(PARTS.safeguards, 4), 1):
        w.safeguards += 1
        w.add(f"{sub(i)}{w.fill(h)}。{w.fill(b)}")


def _work_points(w: Writer) -> None:
    """Yearly work points: numbered measures 1…N across 一、 groups, (责任单位:…)."""
    m, rng, r = w.m, w.rng, w.r
    year = int(m.period)
    w.add(f"{year}年,{r.whole}市场监管部门要以习近平新时代中国特色社会主义思想为指导,"
          + w.preamble("按照", "主要任务是")[:-1] + ":")
    w.add(w.targets_prose(year))
    w.tasks(rng.randint(6, 9), (6, 10), lambda i: f"{cn_num(i)}、", lambda i: f"{i}.",
            "half" if rng.random() < 0.8 else "lead", continuous=True)
    if rng.random() < 0.3:
        w.indicator_table(1, year - 1, year, rng.choice(["whitespace", "pipe"]))
    w.add("上述工作中涉及多个责任单位的,排第一的为牵头单位,要履行好牵头抓总作用,分解好相关工作任务,定期调度工作进度。"
          "相关责任科室要根据工作要点,进一步明确全年目标任务、工作要求和主要措施。")


def _work_plan(w: Writer) -> None:
    """A work plan (工作方案): guiding thought, goals, measures with （责任单位：…）, requirements."""
    m, rng, r = w.m, w.rng, w.r
    end = int(m.period.split("-")[1])
    w.add(w.preamble(rng.choice(["按照", "根据"]), "制定如下方案"))
    w.add("一、指导思想", w.fill(rng.choice(PARTS.guidance)))
    w.add("二、工作目标", w.targets_prose(end))
    for i, p in enumerate(rng.sample(PARTS.principles, 3), 1):
        w.add(f"{w.paren(i)}{w.fill(p).lstrip('—')}")
    w.add("三、主要措施")
    num = rng.choice([lambda i: f"{i}.", lambda i: f"{i}、", lambda i: f"{i}. "])
    w.tasks(rng.randint(6, 8), (4, 8), w.paren, num, "full" if rng.random() < 0.8 else "lead")
    if rng.random() < 0.4:
        w.indicator_table(1, int(m.period[:4]) - 1, end, rng.choice(["whitespace", "pipe"]))
    w.add(rng.choice(["四、工作要求", "4、 工作要求", "四、保障措施"]))
    for i, (h, b) in enumerate(rng.sample(PARTS.safeguards, 4), 1):
        # a numbered item naming units is a measure too (the extraction contract)
        w.measures += 1
        w.with_units += 1
        w.add(f"{w.paren(i)}{w.fill(h)}。{w.fill(b)}（责任单位：办公室、各相关科室，各市场监管所）")


def render(m: "DocMeta", rng: random.Random) -> Rendered:
    w = Writer(m, rng)
    _header(w)
    {"规划": _plan, "工作要点": _work_points, "工作方案": _work_plan}[m.doc_type](w)
    _footer(w)
    sep = "\n\n" if m.layout in ("portal", "meta") else "\n"
    return Rendered(sep.join(w.lines) + "\n", w.measures, w.with_units, w.rows, w.table_style,
                    w.safeguards)
