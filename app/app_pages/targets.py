"""Targets: one indicator across levels — baseline, target, year, binding status and
escalation flags (a lower level asking more than a higher one in its region chain).
Only the chosen indicator's observations are read (app.pagedata.indicator_observations)."""
from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from app import data
from app.i18n import LABELS, level_label, t
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


def word(prefix: str, value: str | None) -> str:
    """A stored English keyword (kept, raised, carried …) in the page's language."""
    key = f"{prefix}_{value}"
    return t(key) if value and key in LABELS else (value or "")


def flag(r: dict) -> str:
    return ("↑ " if r["flag"] == "raised" else "") + word("cascade", r["flag"])


df = pd.DataFrame([{t("document_col"): r["title"], t("level"): level_label(r["level"]),
                    t("region"): r["region"], t("baseline"): r["baseline"], t("target"): r["target"],
                    t("unit"): r["unit"], t("year"): r["year"], t("binding"): r["binding"] or "",
                    t("ratio"): None if r["ratio"] is None else round(r["ratio"], 3),
                    t("escalation"): flag(r)} for r in rows])
st.dataframe(df, hide_index=True, width="stretch")

chart = [r for r in rows if r["target_value"] is not None]
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
        x=alt.X("value:Q", title=axis_title),
        tooltip=[alt.Tooltip("label:N", title=t("document_col")),
                 alt.Tooltip("text:N", title=t("target"))])
    bars = base.mark_bar().encode(color=alt.Color("level:N", title=t("level")))
    labels = base.mark_text(align="left", dx=4).encode(text="text:N")
    st.altair_chart((bars + labels).properties(height=40 + 28 * len(cdf)), width="stretch")

if cascade:
    st.subheader(t("cascade"))
    st.dataframe(pd.DataFrame([{
        t("parent_doc_col"): c.get("parent_title"), t("parent_target_col"): c.get("parent_target"),
        t("parent_year_col"): c.get("parent_year"), t("parent_binding_col"): c.get("parent_binding"),
        t("child_doc_col"): c.get("child_title"), t("child_written_col"): c.get("child_as_written"),
        t("child_year_col"): c.get("child_year"), t("child_binding_col"): c.get("child_binding"),
        t("ratio"): c.get("ratio"), t("deadline_shift_col"): c.get("deadline_shift"),
        t("binding_change_col"): word("binding", c.get("binding_change")),
        t("cascade_label_col"): word("cascade", c.get("label"))} for c in cascade]),
        hide_index=True, width="stretch")
