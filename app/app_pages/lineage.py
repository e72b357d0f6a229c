"""Lineage: ancestors and descendants of a document, measure alignment side by side,
implementation gaps and local additions."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from app import data
from app.components.doc_picker import doc_label, document_picker
from app.components.graph_frame import graph_frame
from app.components.text import md, short
from app.i18n import level_label, t
from app.lineage_view import highlight, neighbourhood, shared_phrases

path, gen = data.store_path(), data.gen()
st.title(t("lineage"))
docs = data.documents(path, gen)
by = {d["doc"]: d for d in docs}
doc = document_picker(docs, key="lin_pick")
if doc is None:
    st.stop()
edges = data.lineage_edges(path, gen)
anc, desc = neighbourhood(edges, doc)


def table(rows: list[dict]) -> None:
    if not rows:
        st.caption(t("none"))
        return
    st.dataframe(pd.DataFrame([{t("depth"): r["depth"], t("document_col"): (by.get(r["doc"]) or {}).get("title") or r["doc"],
                                t("level"): level_label((by.get(r["doc"]) or {}).get("level")),
                                t("stub"): "✓" if (by.get(r["doc"]) or {}).get("stub", True) else "",
                                t("edge"): t(r["kind"]) if r["kind"] in ("asserted", "inferred") else r["kind"]}
                               for r in rows]), hide_index=True, width="stretch")


c1, c2 = st.columns(2)
with c1:
    st.subheader(t("ancestors"))
    table(anc)
with c2:
    st.subheader(t("descendants"))
    table(desc)

html, grouped, n = data.lineage_graph_html(path, gen, ("national", "province", "city", "district", "unknown"),
                                           None, True, doc, 300, 380)
st.caption(t("graph_legend"))
graph_frame(html, 380)

st.header(t("alignment"))
stored = data.stored_alignment(path, gen, doc)
loaded_anc = tuple(r["doc"] for r in anc if not (by.get(r["doc"]) or {"stub": True})["stub"])
if stored is None:
    st.info(t("not_computed"))
    if not loaded_anc:   # the preview may also use parents inferred now (graph.infer)
        loaded_anc = tuple(p for p, _ in data.inferred_parents(path, gen, doc))
    if not loaded_anc:
        st.caption(t("no_ancestors"))
        st.stop()
    if not st.toggle(t("compute_preview"), key="lin_preview"):
        st.stop()
    st.caption(t("preview_note"))
    with st.spinner(t("alignment") + "…"):
        al, gaps, adds = data.alignment_preview(path, gen, doc, loaded_anc)
else:
    rows, gl = stored
    if not rows:
        st.caption(t("no_ancestors"))
        st.stop()
    al = [{"child": r.get("child") or r.get("child_path"), "parent": r.get("parent") or r.get("parent_path"), "parent_doc": r["parent_doc"],
           "score": float(r["score"]), "rank": int(r["rank"]), "child_heading": r.get("child_heading"),
           "parent_heading": r.get("parent_heading"), "child_path": r.get("child_path"),
           "parent_path": r.get("parent_path")} for r in rows]
    gaps = [r for r in gl if r["kind"] == "gap"]
    adds = [r for r in gl if r["kind"] == "local"]

ms = data.measures_of(path, gen, (doc, *loaded_anc))
minfo = {m["measure"]: m for lst in ms.values() for m in lst}
mpath = {(m["doc"], m.get("path")): m for m in minfo.values()}


def measure(key, docx=None) -> dict:
    return minfo.get(key) or mpath.get((docx, key)) or {"heading": key, "text": key, "path": key}


children = list(dict.fromkeys(a["child"] for a in al))
if children:
    pick = st.selectbox(t("choose_child_measure"), children, key="lin_child",
                        format_func=lambda c: f"{measure(c, doc).get('path')} · {short(measure(c, doc).get('heading'), 50)}")
    cm = measure(pick, doc)
    left, right = st.columns(2)
    cands = sorted((a for a in al if a["child"] == pick), key=lambda a: a["rank"])
    with left:
        st.markdown(f"**{t('child_measure')}** · {md(cm.get('path'))}")
        phrases = shared_phrases(cm.get("text") or "", " ".join(
            (measure(a["parent"], a["parent_doc"]).get("text") or "") for a in cands[:1]))
        st.html(f"<div style='line-height:1.6'>{highlight(cm.get('text') or cm.get('heading') or '', phrases)}</div>")
    with right:
        st.markdown(f"**{t('parent_measures')}**")
        for a in cands:
            pm = measure(a["parent"], a["parent_doc"])
            pd_ = by.get(a["parent_doc"]) or {"doc": a["parent_doc"], "stub": True}
            st.markdown(f"**#{a['rank']}** · {t('score')} {a['score']:.3f} · {md(doc_label(pd_))} · {md(pm.get('path'))}")
            ph = shared_phrases(pm.get("text") or "", cm.get("text") or "")
            st.html(f"<div style='line-height:1.6;border-left:3px solid #ccc;padding-left:8px'>"
                    f"{highlight(pm.get('text') or pm.get('heading') or '', ph)}</div>")
g1, g2 = st.columns(2)
with g1:
    st.subheader(t("gaps"))
    st.dataframe(pd.DataFrame([{t("document_col"): (by.get(g["parent_doc"]) or {}).get("title"),
                                t("path"): measure(g.get("parent") or g.get("path"), g["parent_doc"]).get("path"),
                                t("heading"): measure(g.get("parent") or g.get("path"), g["parent_doc"]).get("heading"),
                                t("score"): g["best_score"]} for g in gaps]), hide_index=True, width="stretch")
with g2:
    st.subheader(t("additions"))
    st.dataframe(pd.DataFrame([{t("path"): measure(x.get("child") or x.get("path"), doc).get("path"),
                                t("heading"): measure(x.get("child") or x.get("path"), doc).get("heading"),
                                t("score"): x["best_score"]} for x in adds]), hide_index=True, width="stretch")
