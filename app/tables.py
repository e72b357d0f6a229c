"""Plain-text tables for the terminal."""
from __future__ import annotations

import unicodedata


def width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def pad(s: str, w: int) -> str:
    return s + " " * max(0, w - width(s))


def format_table(header: list[str], rows: list[list[str]], max_col: int = 60) -> str:
    def cut(s: str) -> str:
        s = "" if s is None else str(s).replace("\n", " ")
        out, w = "", 0
        for ch in s:
            cw = width(ch)
            if w + cw > max_col:
                return out + "…"
            out += ch
            w += cw
        return out
    cells = [[cut(h) for h in header]] + [[cut(c) for c in r] for r in rows]
    widths = [max(width(r[i]) for r in cells) for i in range(len(header))]
    lines = ["  ".join(pad(c, widths[i]) for i, c in enumerate(r)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def print_report_table(report: dict) -> None:
    keys = ["title", "title_inferred", "issuer", "date", "doc_number", "level", "region",
            "region_code", "period", "doc_type"]
    print(format_table(["field", "value"], [[k, str(report.get(k))] for k in keys]))
    for key, cols in (("sections_top", None),
                      ("basis", None), ("references", None)):
        print(f"\n{key}:")
        for v in report.get(key) or []:
            print(f"  {v}")
    if report.get("measures"):
        print("\nmeasures:")
        print(format_table(["path", "heading", "lead", "units"],
                           [[m["path"], m["heading"], m.get("lead_unit") or "", "、".join(m["units"])]
                            for m in report["measures"]], 40))
    if report.get("indicators"):
        print("\nindicators:")
        print(format_table(["name", "unit", "baseline", "target", "year", "attribute"],
                           [[r["name"], r["unit"] or "", r["baseline"] or "", r["target"] or "",
                             str(r["year"] or ""), r["attribute"] or ""] for r in report["indicators"]]))
    if report.get("inline_targets"):
        print("\ninline targets:")
        print(format_table(["text", "quantity", "unit", "year"],
                           [[t["text"], t["quantity"], t["unit"] or "", str(t["year"] or "")]
                            for t in report["inline_targets"]]))
