"""The GB/T 2260 division tree the generator draws regions from (cpca's adcodes.csv).

Only provinces, prefecture-level cities and county-level districts with real
names are kept: the placeholder rows (市辖区, 县, 省直辖县级行政区划) are dropped,
so the districts of the four municipalities and the province-administered
county-level cities are not used; Taiwan, Hong Kong and Macau are left out.
"""
from __future__ import annotations

import csv
import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

NATIONAL = "100000"
_PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
_EXCLUDED_PROVINCES = {"71", "81", "82"}
#: 简称 used in document numbers (湘市监发〔2022〕12号)
PROVINCE_ABBR = {
    "11": "京", "12": "津", "13": "冀", "14": "晋", "15": "内蒙古", "21": "辽", "22": "吉", "23": "黑",
    "31": "沪", "32": "苏", "33": "浙", "34": "皖", "35": "闽", "36": "赣", "37": "鲁", "41": "豫",
    "42": "鄂", "43": "湘", "44": "粤", "45": "桂", "46": "琼", "50": "渝", "51": "川", "52": "黔",
    "53": "云", "54": "藏", "61": "陕", "62": "甘", "63": "青", "64": "宁", "65": "新",
}


@dataclass(frozen=True)
class Region:
    code: str              # 6 digits; the country is 100000
    name: str              # 湖南省, 常德市, 开福区
    level: str             # national | province | city | district
    parent: str | None     # code of the parent division
    short: str             # 湖南, 常德, 开福

    @property
    def whole(self) -> str:
        """全省 / 全市 / 全区 / 全县 … as the region's own plans say it."""
        if self.level == "national":
            return "全国"
        for suffix, word in (("自治区", "全区"), ("省", "全省"), ("自治州", "全州"), ("地区", "全区"),
                             ("盟", "全盟"), ("旗", "全旗"), ("县", "全县"), ("区", "全区"), ("市", "全市")):
            if self.name.endswith(suffix):
                return word
        return "全市"

    @property
    def bureau_short(self) -> str:
        """省局 / 市局 / 区局 / 县局: how the bureau calls itself."""
        return "总局" if self.level == "national" else self.whole[1] + "局"


def adcodes_path() -> Path:
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the cpca package is not installed (pip install cpca)")
    return Path(list(spec.submodule_search_locations)[0]) / "resources" / "adcodes.csv"


def short_name(name: str) -> str:
    s = re.sub(r"(?:[^族]{1,3}族)*(?:自治区|自治州|自治县|自治旗)$", "", name)
    if s == name:
        s = re.sub(r"(?:特别行政区|省|市|地区|盟|区|县|旗)$", "", name)
    return s if len(s) >= 2 else name[:2]


@lru_cache(maxsize=1)
def load() -> dict[str, Region]:
    """code -> Region for the country, provinces, cities and districts kept."""
    rows: dict[str, str] = {}
    with adcodes_path().open(encoding="utf-8") as f:
        for rec in csv.DictReader(f):
            rows[rec["adcode"][:6]] = rec["name"]
    out = {NATIONAL: Region(NATIONAL, "全国", "national", None, "全国")}
    for code in sorted(rows):
        name = rows[code]
        if code[:2] in _EXCLUDED_PROVINCES or name in _PLACEHOLDERS:
            continue
        if code[2:] == "0000":
            out[code] = Region(code, name, "province", NATIONAL, short_name(name))
        elif code[4:] == "00":
            if code[:2] + "0000" in out:
                out[code] = Region(code, name, "city", code[:2] + "0000", short_name(name))
        elif code[:4] + "00" in out:
            out[code] = Region(code, name, "district", code[:4] + "00", short_name(name))
    return out


def chain(code: str) -> list[Region]:
    """The region and its ancestors, the country last."""
    regions = load()
    out = []
    while code:
        r = regions[code]
        out.append(r)
        code = r.parent
    return out
