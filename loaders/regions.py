"""Gazetteer of GB/T 2260 administrative divisions.

Names, codes and coordinates come from the ``adcodes.csv`` bundled with the
``cpca`` package (MIT licence; columns adcode (12 digits), name, longitude,
latitude).  The file has no parent column: the parent of a division follows from
its code (``430105`` -> ``430100`` -> ``430000``); placeholder rows such as
市辖区 / 县 / 省直辖县级行政区划 are skipped, so a county-level city directly
under a province (仙桃市 ``429004``) hangs from the province.  The country is
``100000`` (level ``national``).

    >>> g = gazetteer()
    >>> g.by_code("430105").name, [r.code for r in g.ancestors("430105")]
    ('开福区', ['430100', '430000', '100000'])
    >>> g.resolve(["鼓楼区"], hint_codes=["320100"]).code
    '320106'

Pure lookups; the only I/O is reading the CSV once (``gazetteer()`` is cached).
"""
from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Literal

RegionLevel = Literal["national", "province", "city", "district"]

COUNTRY_CODE = "100000"
COUNTRY_NAME = "中华人民共和国"
COUNTRY_SHORT = "中国"
#: rows of the CSV that are grouping placeholders, not divisions
PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "省直辖县级行政单位"}
#: real division names that are also ordinary words (老城区, 郊区的…): never found by scanning text
GENERIC_NAMES = {"城区", "郊区", "矿区", "新区", "市中区", "城中区", "城关区", "城东区", "城西区", "城北区",
                 "市区", "示范区"}
#: bodies whose jurisdiction is the whole country
NATIONAL_BODY = re.compile(r"^(?:国家|国务院|中共中央|中央|全国|中华人民共和国|最高人民)")


@dataclass(frozen=True)
class Region:
    code: str                  # 6-digit GB/T 2260 code
    name: str                  # 开福区, 常德市, 湖南省
    short_name: str            # 开福区, 常德, 湖南
    level: RegionLevel
    parent_code: str | None    # None for the country
    lat: float | None
    lon: float | None


def _level(code: str) -> RegionLevel:
    if code == COUNTRY_CODE:
        return "national"
    if code[2:] == "0000":
        return "province"
    if code[4:] == "00":
        return "city"
    return "district"


def _short(name: str, level: RegionLevel, nations: tuple[str, ...]) -> str:
    """湖南省 -> 湖南, 广西壮族自治区 -> 广西, 常德市 -> 常德, 湘西土家族苗族自治州 -> 湘西; districts keep their name."""
    if level == "district":
        return name
    stem = name
    for suffix in ("特别行政区", "自治区", "自治州", "地区", "省", "市", "盟"):
        if stem.endswith(suffix) and len(stem) > len(suffix) + 1:
            stem = stem[: -len(suffix)]
            break
    changed = True
    while changed:                       # 土家族苗族 / 蒙古 / 柯尔克孜 … at the end of an autonomous name
        changed = False
        for nat in nations:
            for form in (nat, nat[:-1] if nat.endswith("族") else nat):
                if stem.endswith(form) and len(stem) - len(form) >= 2:
                    stem = stem[: -len(form)]
                    changed = True
    return stem


def _csv_path() -> Path:
    return Path(str(resources.files("cpca") / "resources" / "adcodes.csv"))


def _nations() -> tuple[str, ...]:
    path = Path(str(resources.files("cpca") / "resources" / "56_nations.csv"))
    names = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return tuple(sorted(names, key=len, reverse=True))


class Gazetteer:
    """Lookups over the divisions: by code, by name, ancestors, text scanning, resolution."""

    def __init__(self, regions: Iterable[Region]):
        self._by_code: dict[str, Region] = {r.code: r for r in regions}
        self._by_name: dict[str, list[Region]] = {}
        for r in sorted(self._by_code.values(), key=lambda r: r.code):
            for key in {r.name, r.short_name}:
                self._by_name.setdefault(key, []).append(r)
        self._max_len = max(len(k) for k in self._by_name)
        # the lengths of the names starting with each two characters (longest first), and a pattern
        # that jumps to a first character of a name followed by a second one: ``find`` looks up only
        # where a name can start (a third of the characters of a plan start a name, a ninth both)
        lens: dict[str, set[int]] = {}
        for k in self._by_name:
            if len(k) >= 2:
                lens.setdefault(k[:2], set()).add(len(k))
        self._lens = {two: sorted(v, reverse=True) for two, v in lens.items()}
        firsts = "".join(re.escape(ch) for ch in sorted({t[0] for t in lens}))
        seconds = "".join(re.escape(ch) for ch in sorted({t[1] for t in lens}))
        self._starts = re.compile(f"[{firsts}](?=[{seconds}])")

    # --- lookups ------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._by_code)

    def __iter__(self):
        return iter(sorted(self._by_code.values(), key=lambda r: r.code))

    def by_code(self, code: str) -> Region | None:
        return self._by_code.get(str(code)[:6])

    def by_name(self, name: str) -> tuple[Region, ...]:
        """Every division whose full or short name is ``name`` (names repeat: 鼓楼区 ×4)."""
        return tuple(self._by_name.get(name, ()))

    def country(self) -> Region:
        return self._by_code[COUNTRY_CODE]

    def ancestors(self, code: str) -> tuple[Region, ...]:
        """Parent, grandparent … up to the country (nearest first)."""
        out = []
        r = self.by_code(code)
        while r is not None and r.parent_code:
            r = self._by_code.get(r.parent_code)
            if r is not None:
                out.append(r)
        return tuple(out)

    def full_name(self, code: str) -> str:
        """The name an official body of the division carries: 长沙市开福区, 常德市, 湖南省, 北京市朝阳区."""
        r = self.by_code(code)
        if r is None:
            return ""
        if r.level != "district":
            return r.name if r.level != "national" else ""
        parent = self.by_code(r.parent_code or "")
        if parent and (parent.level == "city" or parent.name.endswith("市")):
            return parent.name + r.name
        return r.name

    def path_name(self, code: str) -> str:
        """The division with all its ancestors below the country: 湖南省长沙市开福区."""
        r = self.by_code(code)
        if r is None:
            return ""
        if r.level == "national":
            return r.name
        line = [a.name for a in reversed(self.ancestors(r.code)) if a.level != "national"]
        return "".join(line + [r.name])

    # --- text -----------------------------------------------------------------------------
    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Division names in ``text`` as (start, end, name), longest match first, no overlaps.

        Short names of districts are their full names (开福区), so a bare stem never matches;
        names that are ordinary words (城区, 郊区) are not reported.
        """
        out = []
        i, n = 0, len(text)
        by_name, lens = self._by_name, self._lens
        for m in self._starts.finditer(text):
            s = m.start()
            if s < i:
                continue                     # inside the name found before
            hit = None
            for length in lens.get(text[s:s + 2], ()):
                if s + length <= n and text[s:s + length] in by_name:
                    hit = text[s:s + length]
                    break
            if hit and hit not in GENERIC_NAMES and not self._embedded(text, s, hit):
                out.append((s, s + len(hit), hit))
                i = s + len(hit)
        return out

    def _embedded(self, text: str, i: int, name: str) -> bool:
        """A two-character county name inside a word (示范县 is not 范县): only after a boundary."""
        if len(name) > 2 or any(r.level != "district" for r in self.by_name(name)):
            return False
        prev = text[i - 1] if i else ""
        return bool(prev) and "\u4e00" <= prev <= "\u9fff" and prev not in "省市州盟区县和及与"

    def mention_codes(self, text: str) -> Counter:
        """How often each division is named in ``text`` (every candidate of an ambiguous name counts)."""
        counts: Counter = Counter()
        for _s, _e, name in self.find(text):
            for r in self.by_name(name):
                counts[r.code] += 1
        return counts

    # --- resolution -----------------------------------------------------------------------
    def resolve(self, text_mentions: Iterable[str], hint_codes: Iterable[str] = ()) -> Region | None:
        """The division the mentions designate, using context to pick among namesakes.

        ``text_mentions`` are names that designate the region together (长沙市, 开福区 -> 开福区
        430105); ``hint_codes`` are divisions named elsewhere in the text.  Among all
        candidates the one wins that (1) explains the most mentions by itself or its
        ancestors, (2) has the most hinted codes on its line, (3) is the most specific,
        (4) has the lowest code.
        """
        mentions = [m for m in text_mentions if m]
        if any(NATIONAL_BODY.match(m) or m in (COUNTRY_NAME, COUNTRY_SHORT) for m in mentions) and not any(
                self.by_name(m) for m in mentions if m not in (COUNTRY_NAME, COUNTRY_SHORT)):
            return self.country()
        hints = {str(h)[:6] for h in hint_codes}
        names = {m for m in mentions if self.by_name(m)}
        candidates = {r.code: r for m in names for r in self.by_name(m)}
        if not candidates:
            return None
        depth = {"national": 0, "province": 1, "city": 2, "district": 3}

        def score(r: Region):
            line = (r,) + self.ancestors(r.code)
            covered = sum(1 for m in names if any(m in (a.name, a.short_name) for a in line))
            hinted = sum(1 for a in line if a.code in hints)
            return (covered, hinted, depth[r.level], -int(r.code))

        return max(candidates.values(), key=score)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer of all divisions in cpca's adcodes.csv plus the country (read once)."""
    nations = _nations()
    rows = []
    with _csv_path().open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code, name = row["adcode"][:6], row["name"].strip()
            if name in PLACEHOLDERS or not code.isdigit():
                continue
            rows.append((code, name, row.get("latitude"), row.get("longitude")))
    codes = {c for c, *_ in rows}

    def parent(code: str) -> str:
        level = _level(code)
        if level == "province":
            return COUNTRY_CODE
        if level == "district" and code[:4] + "00" in codes:
            return code[:4] + "00"
        return code[:2] + "0000"

    def num(v):
        try:
            return float(v) if v not in (None, "") else None
        except ValueError:
            return None

    regions = [Region(COUNTRY_CODE, COUNTRY_NAME, COUNTRY_SHORT, "national", None, 35.8617, 104.1954)]
    for code, name, lat, lon in rows:
        level = _level(code)
        regions.append(Region(code, name, _short(name, level, nations), level, parent(code), num(lat), num(lon)))
    return Gazetteer(regions)


__all__ = ["Region", "Gazetteer", "gazetteer", "COUNTRY_CODE", "NATIONAL_BODY"]
