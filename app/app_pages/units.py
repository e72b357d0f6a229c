"""Units: workload per responsible unit (measures led / supported; from the stats graph
written at build time) — the busiest units, or every unit of one issuer — and the
co-responsibility network of the busiest ones (only their pairs are read)."""
from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from app import data
from app.components.graph_frame import graph_frame
from app.graph_html import GEdge, GNode, render, spring_layout
from app.i18n import t
from app.pagedata import TABLE_UNITS, TOP_UNITS as TOP, busiest_units

path, gen = data.store_path(), data.gen()
st.title(t("units"))
issuers = data.unit_issuers(path, gen)
units_of = dict(issuers)
issuer = st.selectbox(t("filter_issuer"), [""] + [i for i, _n in issuers], key="un_issuer",
                      format_func=lambda x: f"{x} ({units_of[x]})" if x else t("all"))
# a big corpus has ~100,000 units: the busiest are shown, or every unit of one issuer
work = data.unit_workload(path, gen, issuer=issuer) if issuer else \
    data.unit_workload(path, gen, top=TABLE_UNITS)
if not work:
    st.info(t("no_units"))
    st.stop()
if not issuer and len(work) >= TABLE_UNITS:
    st.caption(t("busiest_units", n=len(work), total=data.counts(path, gen).get("units") or len(work)))
rows = sorted(work,
              key=lambda w: (-(w["measures_led"] + w["measures_supported"]), -w["measures_led"],
                             w.get("label") or ""))
df = pd.DataFrame([{t("unit"): w.get("label"), t("issuer"): w.get("issuer"), t("led"): w["measures_led"],
                    t("supported"): w["measures_supported"]} for w in rows])
st.subheader(t("workload"))
left, right = st.columns([3, 2])
left.dataframe(df, hide_index=True, width="stretch", height=420)
top = rows[:25]
if top:
    # explicit long-form data: unit names repeat across bureaus (办公室 …), so each bar is
    # labelled with its rank, and led / supported are stacked by an explicit colour field
    cdf = pd.DataFrame([{"label": f"{i + 1}. {w.get('label') or ''}", "issuer": w.get("issuer") or "",
                         "kind": t(kind), "n": w[f"measures_{kind}"]}
                        for i, w in enumerate(top) for kind in ("led", "supported")])
    chart = alt.Chart(cdf).mark_bar().encode(
        y=alt.Y("label:N", sort=None, title=None, axis=alt.Axis(labelLimit=220, labelOverlap=False)),
        x=alt.X("n:Q", stack=True, title=t("measures")),
        color=alt.Color("kind:N", title=None, sort=[t("led"), t("supported")],
                        legend=alt.Legend(orient="top")),
        tooltip=[alt.Tooltip("label:N", title=t("unit")), alt.Tooltip("issuer:N", title=t("issuer")),
                 alt.Tooltip("kind:N", title=" "), alt.Tooltip("n:Q", title=t("measures"))])
    right.altair_chart(chart.properties(height=alt.Step(20)), width="stretch")

st.subheader(t("network"))
load = {w["unit"]: w["measures_led"] + w["measures_supported"] for w in rows}
top_units = set(busiest_units(rows, TOP))
pairs = [p for p in data.unit_pairs(path, gen, tuple(sorted(top_units)))
         if p["unit"] < p["partner"]]
st.caption(t("top_units", n=min(TOP, len(load))))
labels = {w["unit"]: w.get("label") or w["unit"] for w in rows}
issuer_of = {w["unit"]: w.get("issuer") or "" for w in rows}
nodes = [GNode(u, labels[u], f"{labels[u]} · {issuer_of[u]} · {load[u]}", level="city")
         for u in sorted(top_units)]
edges = [GEdge(p["unit"], p["partner"], title=str(p["shared_measures"]),
               width=min(1 + p["shared_measures"] / 2, 8)) for p in pairs]
graph_frame(render(nodes, edges, spring_layout(nodes, edges), height=520, directed=False), 520)
