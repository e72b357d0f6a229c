"""Document: metadata, sections, measures with units, indicators, targets, the source
text with the selected fact highlighted, and the documents it is based on / implemented by."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from app import data
from app.components.doc_picker import doc_label, document_picker
from app.components.source_text import source_viewer
from app.components.text import md
from app.graph_html import doc_url
from app.i18n import level_label, t, term_label
from app.pagedata import indicator_rows

path, gen = data.store_path(), data.gen()
st.title(t("document"))
docs = data.documents(path, gen)
by = {d["doc"]: d for d in docs}
doc = document_picker(docs, key="doc_pick", include_stubs=True)
if doc is None:
    st.stop()
d = by[doc]
st.subheader(md(d.get("title") or doc))
if d["stub"]:
    st.info(t("stub_notice"))

meta = [(t("title"), d.get("title")), (t("issuer"), d.get("issuer")), (t("date"), d.get("date")),
        (t("doc_number"), d.get("doc_number")), (t("level"), level_label(d.get("level"))),
        (t("region"), f"{d.get('region') or ''} {d.get('region_code') or ''}".strip()),
        (t("period"), d.get("period")), (t("doc_type"), term_label("doctype", d.get("doc_type"))), ("IRI", doc)]
with st.expander(t("metadata"), expanded=True):
    st.dataframe(pd.DataFrame([(k, v or "") for k, v in meta], columns=[t("field"), t("value")]),
                 hide_index=True, width="stretch")

edges = data.lineage_edges(path, gen)
up = [(p, k) for c, p, k, _ in edges if c == doc]
down = [(c, k) for c, p, k, _ in edges if p == doc]
b1, b2 = st.columns(2)
for col, label, items in ((b1, "based_on", up), (b2, "implemented_by", down)):
    with col:
        st.markdown(f"**{t(label)}**")
        if not items:
            st.caption(t("none"))
        for other, kind in items:
            o = by.get(other, {"doc": other, "stub": True, "title": other})
            st.markdown(f"- [{md(doc_label(o))}]({doc_url(other)}) · {t(kind)}")

if d["stub"]:
    st.stop()
with st.spinner(t("document") + "…"):
    det = data.document_detail(path, gen, doc)

tabs = st.tabs([t("measures_units"), t("sections"), t("indicator_table"), t("prose_targets"),
                t("source_text")])
with tabs[0]:
    ms = det["measures"]
    df = pd.DataFrame([{t("path"): m.get("path"), t("heading"): m.get("heading"),
                        t("lead"): m.get("lead_unit") or "", t("support"): m.get("other_units") or ""}
                       for m in ms])
    ev = st.dataframe(df, hide_index=True, width="stretch", on_select="rerun",
                      selection_mode="single-row", key="doc_measures")
    rows = ev.selection.rows if ev is not None and hasattr(ev, "selection") else []
    if rows:
        m = ms[rows[0]]
        st.session_state["doc_fact_prefer"] = m["measure"]
        st.markdown(f"**{md(m.get('heading'))}**")
        st.text(m.get("text") or "")
with tabs[1]:
    lines = []
    for s in det["sections"]:
        depth = int(s.get("depth") or 1)
        lines.append("    " * (depth - 1) + (s.get("heading") or s.get("number") or ""))
    st.text("\n".join(lines) or t("none"))
table, prose = indicator_rows(det["observations"])
with tabs[2]:
    if table:
        st.dataframe(pd.DataFrame([{t("indicator"): r["indicator"], t("unit"): r["unit"],
                                    t("baseline"): r["baseline"], t("year") + " (0)": r["baseline_year"],
                                    t("target"): r["target"], t("year"): r["year"],
                                    t("binding"): term_label("nature", r["binding"])} for r in table]),
                     hide_index=True, width="stretch")
    else:
        st.caption(t("none"))
with tabs[3]:
    if prose:
        st.dataframe(pd.DataFrame([{t("indicator"): r["indicator"], t("target"): r["target"],
                                    t("unit"): r["unit"], t("year"): r["year"],
                                    t("comparator"): r["comparator"], t("text"): r["quote"]}
                                   for r in prose]), hide_index=True, width="stretch")
    else:
        st.caption(t("none"))
with tabs[4]:
    source_viewer(det["text"].get("text") or "", det["annotations"], key="doc_fact",
                  prefer=st.session_state.pop("doc_fact_prefer", None))
