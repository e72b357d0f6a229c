"""Deterministic generator of a synthetic corpus of market-regulation plans.

    python -m bench generate --docs 1000 --out /tmp/corpus --seed 7

One national plan at the root, then provinces, their cities and their districts
(real GB/T 2260 codes from cpca's adcodes.csv).  Documents are produced in
passes: pass 0 gives every region its five-year plan (or a 工作方案), later passes
add yearly 工作要点 and more 工作方案, so any prefix of the sequence has each
document's parents before it.  A document cites its parent (the document of the
level above in the same region chain, same pass) by the exact title the parent
file carries, sometimes also the grandparent, sometimes the notice that wraps
the parent.

Everything a document says is a pure function of (seed, region code, pass):
files are written one at a time and never held together in memory, and the same
seed gives byte-identical files and manifest.
"""
from __future__ import annotations

import json
import random
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from . import documents, regions
from .regions import NATIONAL, PROVINCE_ABBR, Region

GENERATOR_VERSION = "1"
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class DocMeta:
    """What a document says about itself, and what it cites as its basis."""

    file: str
    region: Region
    n: int                          # pass: 0 plan, 1 work points 2023, …
    doc_type: str                   # 规划 | 工作要点 | 工作方案
    title: str
    notice_title: str | None        # the notice (通知) wrapping the plan, as the file writes it
    issuers: tuple[str, ...]
    date: date
    doc_number: str | None
    period: str
    layout: str                     # portal | word | meta | plain
    parents: tuple["DocMeta", ...]  # the documents of the corpus it names as its basis
    basis: tuple[str, ...]          # the basis titles as written (inside 《》), in order

    def citation(self, rng: random.Random) -> str:
        """How a child names this document: its title, or the notice that wraps it
        when that notice names an issuer (《X关于印发<T>的通知》)."""
        if self.notice_title and not self.notice_title.startswith("关于") and rng.random() < 0.35:
            return self.notice_title.replace("《", "<").replace("》", ">")
        return self.title


def file_name(region: Region, n: int) -> str:
    return f"{region.level}_{region.code}_{n}.txt"


def region_order(seed: int) -> list[Region]:
    """Regions in generation order, every parent before its children: the country,
    then chains province → city → district drawn at random."""
    tree = regions.load()
    rng = random.Random(f"{seed}/order")
    districts = [r for r in tree.values() if r.level == "district"]
    rng.shuffle(districts)
    leftovers = [r for r in tree.values() if r.level in ("province", "city")]
    rng.shuffle(leftovers)
    seen = {NATIONAL}
    out = [tree[NATIONAL]]
    for r in districts + leftovers:
        chain = [c for c in reversed(regions.chain(r.code)) if c.code not in seen]
        for c in chain:
            seen.add(c.code)
            out.append(c)
    return out


class Planner:
    """Decides titles, issuers, dates and parents: (seed, code, pass) -> DocMeta."""

    def __init__(self, seed: int):
        self.seed = seed
        self.tree = regions.load()
        self._cache: dict[tuple[str, int], DocMeta] = {}

    def rng(self, code: str, n: int, what: str) -> random.Random:
        return random.Random(f"{self.seed}/{code}/{n}/{what}")

    def meta(self, code: str, n: int) -> DocMeta:
        key = (code, n)
        if key not in self._cache:
            self._cache[key] = self._meta(self.tree[code], n)
        return self._cache[key]

    def _doc_type(self, r: Region, n: int, rng: random.Random) -> str:
        x = rng.random()
        if r.level in ("national", "province"):
            return "规划" if n == 0 else "工作要点"
        if n == 0:
            if r.level == "city":
                return "规划" if x < 0.75 else "工作方案"
            return "规划" if x < 0.5 else "工作方案" if x < 0.8 else "工作要点"
        return "工作方案" if x < (0.2 if n == 1 else 0.3) else "工作要点"

    def _meta(self, r: Region, n: int) -> DocMeta:
        rng = self.rng(r.code, n, "meta")
        parent = self.meta(r.parent, n) if r.parent else None
        doc_type = self._doc_type(r, n, rng)
        # dates: a document follows the one it is based on
        if parent is None:
            d = date(2021, 12, 14) if n == 0 else date(2022 + n, 1, rng.randint(5, 25))
        elif doc_type == "工作要点" and parent.doc_type == "工作要点":
            d = parent.date + timedelta(days=rng.randint(7, 40))
        else:
            d = parent.date + timedelta(days=rng.randint(20, 150))
        year = d.year
        name = r.name
        if r.level == "district":
            city = self.tree[r.parent]
            full = city.name + r.name
            name = full if rng.random() < 0.3 else r.name
        else:
            full = r.name
        # title
        if doc_type == "规划":
            period = "2021-2025"
            if r.level == "national":
                title = "“十四五”市场监管现代化规划"
            elif r.level == "district" and rng.random() < 0.4:
                title = f"{name}市场监管局“十四五”期间发展规划纲要"
            else:
                title = name + rng.choice(["“十四五”市场监管规划", "“十四五”市场监管现代化规划",
                                           "“十四五”市场监管体系建设规划", "市场监管“十四五”发展规划"])
        elif doc_type == "工作要点":
            period = str(year)
            if r.level == "national":
                title = f"{year}年市场监管工作要点"
            else:
                title = rng.choice([f"{year}年{name}市场监管工作要点", f"{name}市场监督管理局{year}年工作要点",
                                    f"{year}年{r.whole}市场监管工作要点" if rng.random() < 0.3 else
                                    f"{name}{year}年市场监管工作要点"])
        else:
            end = year + rng.choice([2, 4, 4])
            period = f"{year}-{end}"
            unit = {"province": "省", "city": "市", "district": "区"}[r.level]
            theme = rng.choice(["优化营商环境", f"质量强{unit}建设", "食品安全放心工程建设",
                                f"知识产权强{unit}建设", "促进市场主体高质量发展", "加强基层市场监管所标准化建设",
                                "贯彻落实强省会战略", "深化“放管服”改革"])
            plain = f"关于{theme}的工作方案（{year}-{end}年）"
            title = plain if rng.random() < 0.35 else f"{name}市场监管局{plain}"
        # issuers and document number
        bureau = "市场监督管理局"
        if r.level == "national":
            issuers = ("国务院",) if doc_type == "规划" else ("市场监管总局",)
            prefix = "国发" if doc_type == "规划" else "国市监综发"
        elif r.level == "province":
            issuers = ((f"{r.name}发展和改革委员会", r.name + bureau) if doc_type == "规划" and rng.random() < 0.3
                       else (r.name + bureau,))
            prefix = PROVINCE_ABBR[r.code[:2]] + "市监发"
        elif r.level == "city":
            issuers = (r.name + bureau,)
            prefix = r.short[0] + "市监发"
        else:
            issuers = (full + bureau,) if rng.random() < 0.6 else (r.name + "市场监管局",)
            prefix = r.short + "市监发"
        if r.level == "national" and n == 0:
            doc_number = "国发〔2021〕30号"
        else:
            doc_number = f"{prefix}〔{year}〕{rng.randint(1, 99)}号" if rng.random() < 0.7 else None
        # layout and the notice that wraps the plan
        if doc_type == "规划":
            layout = rng.choice(["portal", "word", "word", "meta", "plain"])
        elif doc_type == "工作方案":
            layout = rng.choice(["word", "plain", "plain"])
        else:
            layout = rng.choice(["plain", "plain", "meta"])
        notice = None
        if layout == "portal":
            notice = f"{' '.join(issuers)}关于印发{title}的通知"
        elif layout == "word":
            notice = (f"关于印发《{title}》的通知" if rng.random() < 0.5
                      else f"{issuers[-1]}关于印发《{title}》的通知")
        # basis: the parent, sometimes the grandparent
        parents: list[DocMeta] = [parent] if parent is not None else []
        grand = parent.parents[-1] if parent is not None and parent.parents else None
        if grand is not None and rng.random() < 0.3:
            parents.insert(0, grand)
        crng = self.rng(r.code, n, "cite")
        basis = [p.citation(crng) for p in parents]
        if doc_type == "规划" and r.level != "national" and rng.random() < 0.5:
            basis.insert(rng.randint(0, len(basis)),
                         f"{full}国民经济和社会发展第十四个五年规划和二○三五年远景目标纲要")
        return DocMeta(file=file_name(r, n), region=r, n=n, doc_type=doc_type, title=title,
                       notice_title=notice, issuers=issuers, date=d, doc_number=doc_number,
                       period=period, layout=layout, parents=tuple(parents), basis=tuple(basis))


def plan(n_docs: int, seed: int):
    """Yield the DocMeta of each document in generation order (no text yet)."""
    if n_docs < 1:
        return
    planner = Planner(seed)
    order = region_order(seed)
    count = 0
    n = 0
    while True:
        for r in order:
            yield planner.meta(r.code, n)
            count += 1
            if count >= n_docs:
                return
        n += 1


def generate(n_docs: int, out: str | Path, seed: int = 0) -> dict:
    """Write n_docs documents and manifest.json into ``out``; return a summary."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    total_chars = 0
    written = 0
    with (out / MANIFEST).open("w", encoding="utf-8", newline="\n") as mf:
        mf.write('{"generator_version": %s, "N": %d, "seed": %d, "files": [\n'
                 % (json.dumps(GENERATOR_VERSION), n_docs, seed))
        for i, m in enumerate(plan(n_docs, seed)):
            doc = documents.render(m, random.Random(f"{seed}/{m.region.code}/{m.n}/text"))
            (out / m.file).write_text(doc.text, encoding="utf-8", newline="\n")
            total_chars += len(doc.text)
            written += 1
            entry = {
                "file": m.file, "region_code": m.region.code, "region": m.region.name,
                "level": m.region.level, "pass": m.n, "doc_type": m.doc_type, "title": m.title,
                "notice_title": m.notice_title, "issuer": list(m.issuers), "date": m.date.isoformat(),
                "doc_number": m.doc_number, "period": m.period, "layout": m.layout,
                "parents": [p.file for p in m.parents], "basis": list(m.basis),
                "measures": doc.measures, "measures_with_units": doc.measures_with_units,
                "safeguard_items": doc.safeguard_items,
                "indicator_rows": doc.indicator_rows, "table_style": doc.table_style,
                "chars": len(doc.text),
            }
            mf.write((",\n" if i else "") + json.dumps(entry, ensure_ascii=False, sort_keys=True))
        mf.write("\n]}\n")
    seconds = time.perf_counter() - t0
    return {"docs": written, "out": str(out), "seed": seed, "seconds": round(seconds, 2),
            "mean_chars": round(total_chars / written) if written else 0}
