"""Targets: one indicator across levels — baseline, target, year, binding status and
escalation flags (a lower level asking more than a higher one in its region chain)."""
from __future__ import annotations

from collections import Counter

import pandas as pd
import streamlit as st

from app import data
from app.i18n import level_label, t

RANK = {"national": 4, "province": 3, "city": 2, "district": 1}
path, gen = data.store_path(), data.gen()
st.title(t("targets"))
docs = {d["doc"]: d for d in data.documents(path, gen)}
with st.spinner(t("targets") + "…"):
    obs = [o for o in data.observations(path, gen) if o["doc"] in docs]
if not obs:
    st.info(t("no_indicators"))
    st.stop()
canon = data.canonical_labels(path, gen)


def key(o: dict) -> str:
    return canon.get(o.get("canonical") or "", None) or o["indicator"]


spread = Counter()
for k, d in {(key(o), o["doc"]) for o in obs}:
    spread[k] += 1
names = sorted(spread, key=lambda k: (-spread[k], k))
name = st.selectbox(t("choose_indicator"), names, key="tg_indicator",
                    format_func=lambda k: f"{k} ({spread[k]})")

rows: dict[tuple, dict] = {}
for o in obs:
    if key(o) != name:
        continue
    # a table row's baseline and target share the IRI stem …/obs/row_N_(baseline|target)
    slot = o["obs"].rsplit("_", 1)[0] if "/obs/row_" in o["obs"] else o["obs"]
    r = rows.setdefault((o["doc"], slot), {
        "doc": o["doc"], "baseline": None, "target": None, "target_value": None, "year": None,
        "binding": None, "comparator": None, "unit": o.get("unit")})
    if o["role"] == "Baseline":
        r["baseline"] = o.get("written") or o["value"]
    else:
        r["target"] = o.get("written") or o["value"]
        r["target_value"] = float(o["value"])
        r["year"] = o.get("year")
        r["comparator"] = o.get("comparator")
    r["binding"] = r["binding"] or o.get("binding")

cascade = [c for c in data.cascade_rows(path, gen)
           if canon.get(c.get("canonical") or "") == name or c.get("indicator") == name]
stored_flag = {c["child_doc"]: c for c in cascade}
table = []
for r in rows.values():
    d = docs[r["doc"]]
    code = d.get("region_code") or ""
    flag, ratio = "", None
    if r["target_value"] is not None:
        for other in rows.values():
            od = docs[other["doc"]]
            oc = od.get("region_code") or ""
            higher = RANK.get(od.get("level") or "", 0) > RANK.get(d.get("level") or "", 0)
            chain = od.get("level") == "national" or (oc and code.startswith(oc.rstrip("0")[:len(oc.rstrip("0"))]))
            if not (higher and chain) or other["target_value"] in (None, 0) or other["unit"] != r["unit"]:
                continue
            ratio = r["target_value"] / other["target_value"]
            lower_better = (r["comparator"] or "") in ("≤", "<")
            if (ratio > 1 and not lower_better) or (ratio < 1 and lower_better):
                flag = "↑ " + t("escalation")
            break
    if r["doc"] in stored_flag:      # the cascade computed by the link step wins
        c = stored_flag[r["doc"]]
        flag = {"raised": "↑ " + t("escalation")}.get(c.get("label"), c.get("label") or "")
        ratio = float(c["ratio"]) if c.get("ratio") not in (None, "") else ratio
    table.append({t("document_col"): d.get("title"), t("level"): level_label(d.get("level")),
                  t("region"): d.get("region") or "", t("baseline"): r["baseline"], t("target"): r["target"],
                  t("unit"): r["unit"], t("year"): r["year"], t("binding"): r["binding"] or "",
                  t("ratio"): None if ratio is None else round(ratio, 3), t("escalation"): flag,
                  "_rank": -RANK.get(d.get("level") or "", 0), "_value": r["target_value"]})
df = pd.DataFrame(table).sort_values(["_rank", t("document_col")])
st.dataframe(df.drop(columns=["_rank", "_value"]), hide_index=True, width="stretch")
chart = df.dropna(subset=["_value"])
if not chart.empty:
    labels = [f"{i + 1}. {lv} · {str(title)[:20]}" for i, (lv, title)
              in enumerate(zip(chart[t("level")], chart[t("document_col")]))]
    st.bar_chart(pd.DataFrame({t("target"): list(chart["_value"])}, index=labels),
                 horizontal=True, height=60 + 32 * len(labels))

if cascade:
    st.subheader(t("cascade"))
    cols = ["parent_title", "parent_target", "parent_year", "parent_binding", "child_title",
            "child_as_written", "child_year", "child_binding", "ratio", "deadline_shift",
            "binding_change", "label"]
    st.dataframe(pd.DataFrame([{k: c.get(k) for k in cols} for c in cascade]), hide_index=True,
                 width="stretch")
