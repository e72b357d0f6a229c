"""Targets: one indicator across levels — baseline, target, year, binding status and
escalation flags (a lower level asking more than a higher one in its region chain).
Only the chosen indicator's observations are read (app.pagedata.indicator_observations)."""
from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from app import data
from app.i18n import level_label, t, term_label
from app.graph_html import LEVEL_COLOURS
from app.pagedata import target_table

path, gen = data.store_path(), data.gen()
st.title(t("targets"))
with st.spinner(t("targets") + "…"):
    index = data.indicator_index(path, gen)
if not index:
    st.info(t("no_indicators"))
    st.stop()
by_name = {e["name"]: e for e in index}
name = st.selectbox(t("choose_indicator"), list(by_name), key="tg_indicator",
                    format_func=lambda k: f"{k} ({by_name[k]['docs']})")
entry = by_name[name]
st.caption(t("indicator_rows_note"))
docs = {d["doc"]: d for d in data.documents(path, gen)}
obs = data.indicator_observations(path, gen, tuple(entry["indicators"]))
cascade = data.cascade_rows(path, gen, tuple(entry["canonical"]))
rows = target_table(obs, docs, cascade)
if not rows:
    st.info(t("no_indicators"))
    st.stop()


def flag(r: dict) -> str:
    return ("↑ " if r["flag"] == "raised" else "") + term_label("cascade", r["flag"])


df = pd.DataFrame([{t("document_col"): r["title"], t("level"): level_label(r["level"]),
                    t("region"): r["region"], t("baseline"): r["baseline"] or "", t("target"): r["target"] or "",
                    t("unit"): r["unit"] or "", t("year"): r["year"] or "", t("binding"): term_label("nature", r["binding"]),
                    t("ratio"): None if r["ratio"] is None else round(r["ratio"], 3),
                    t("escalation"): flag(r)} for r in rows])
st.dataframe(df, hide_index=True, width="stretch")

CHART_MAX = 40
chart = [r for r in rows if r["target_value"] is not None]
if len(chart) > CHART_MAX:
    st.caption(t("chart_first_n", n=CHART_MAX, total=len(chart)))
    chart = chart[:CHART_MAX]
if chart:
    # one bar per document, its label spelled out; explicit data and encodings (a bare
    # st.bar_chart of a Chinese string index rendered blank in headless screenshots)
    cdf = pd.DataFrame({
        "label": [f"{i + 1}. {level_label(r['level'])} · {str(r['title'] or '')[:24]}"
                  for i, r in enumerate(chart)],
        "value": [r["target_value"] for r in chart],
        "level": [level_label(r["level"]) for r in chart],
        "text": [f"{r['target'] or ''} {r['unit'] or ''}".strip() for r in chart],
    })
    units = sorted({r["unit"] or "" for r in chart})
    axis_title = t("target") + (f" ({units[0]})" if len(units) == 1 and units[0] else "")
    base = alt.Chart(cdf).encode(
        y=alt.Y("label:N", sort=None, title=None, axis=alt.Axis(labelLimit=360)),
        x=alt.X("value:Q", title=axis_title,       # room on the right for the value labels
                scale=alt.Scale(domain=[min(0.0, float(cdf["value"].min())),
                                        max(0.0, float(cdf["value"].max())) * 1.18 or 1.0])),
        tooltip=[alt.Tooltip("label:N", title=t("document_col")),
                 alt.Tooltip("text:N", title=t("target"))])
    levels = [lv for lv in ("national", "province", "city", "district", None)
              if any(r["level"] == lv for r in chart)]
    colours = alt.Scale(domain=[level_label(lv) for lv in levels],
                        range=[LEVEL_COLOURS.get(lv or "", "#8e44ad") for lv in levels])
    bars = base.mark_bar().encode(color=alt.Color("level:N", title=t("level"), scale=colours,
                                                  legend=alt.Legend(orient="top")))
    labels = base.mark_text(align="left", dx=4).encode(text="text:N")
    st.altair_chart((bars + labels).properties(height=alt.Step(26)), width="stretch")

if cascade:
    st.subheader(t("cascade"))
    st.dataframe(pd.DataFrame([{
        t("parent_doc_col"): c.get("parent_title"), t("parent_target_col"): c.get("parent_target"),
        t("parent_year_col"): c.get("parent_year"), t("parent_binding_col"): term_label("nature", c.get("parent_binding")),
        t("child_doc_col"): c.get("child_title"), t("child_written_col"): c.get("child_as_written"),
        t("child_year_col"): c.get("child_year"), t("child_binding_col"): term_label("nature", c.get("child_binding")),
        t("ratio"): c.get("ratio"), t("deadline_shift_col"): c.get("deadline_shift"),
        t("binding_change_col"): term_label("binding", c.get("binding_change")),
        t("cascade_label_col"): term_label("cascade", c.get("label"))} for c in cascade]),
        hide_index=True, width="stretch")
