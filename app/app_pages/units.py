"""Units: workload per responsible unit (measures led / supported), the
co-responsibility network, filtered by issuer."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from app import data
from app.components.graph_frame import graph_frame
from app.graph_html import GEdge, GNode, render, spring_layout
from app.i18n import t

TOP = 60
path, gen = data.store_path(), data.gen()
st.title(t("units"))
work = data.unit_workload(path, gen)
if not work:
    st.info(t("no_units"))
    st.stop()
issuers = sorted({w.get("issuer") or "" for w in work} - {""})
issuer = st.selectbox(t("filter_issuer"), [""] + issuers, key="un_issuer",
                      format_func=lambda x: x or t("all"))
rows = sorted((w for w in work if not issuer or w.get("issuer") == issuer),
              key=lambda w: (-(w["measures_led"] + w["measures_supported"]), -w["measures_led"],
                             w.get("label") or ""))
df = pd.DataFrame([{t("unit"): w.get("label"), t("issuer"): w.get("issuer"), t("led"): w["measures_led"],
                    t("supported"): w["measures_supported"]} for w in rows])
st.subheader(t("workload"))
left, right = st.columns([3, 2])
left.dataframe(df, hide_index=True, width="stretch", height=420)
top = df.head(25)
if not top.empty:
    right.bar_chart(top.set_index(t("unit"))[[t("led"), t("supported")]], horizontal=True, stack=True)

st.subheader(t("network"))
keep = {w["unit"] for w in rows}
pairs = [p for p in data.unit_pairs(path, gen) if p["unit"] in keep and p["partner"] in keep
         and p["unit"] < p["partner"]]
load = {w["unit"]: w["measures_led"] + w["measures_supported"] for w in rows}
top_units = set(sorted(load, key=lambda u: -load[u])[:TOP])
pairs = [p for p in pairs if p["unit"] in top_units and p["partner"] in top_units]
st.caption(t("top_units", n=min(TOP, len(load))))
labels = {w["unit"]: w.get("label") or w["unit"] for w in rows}
issuer_of = {w["unit"]: w.get("issuer") or "" for w in rows}
nodes = [GNode(u, labels[u], f"{labels[u]} · {issuer_of[u]} · {load[u]}", level="city")
         for u in sorted(top_units)]
edges = [GEdge(p["unit"], p["partner"], title=str(p["shared_measures"]),
               width=min(1 + p["shared_measures"] / 2, 8)) for p in pairs]
graph_frame(render(nodes, edges, spring_layout(nodes, edges), height=520, directed=False), 520)
