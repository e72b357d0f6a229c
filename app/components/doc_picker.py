"""Choosing a document: a selectbox kept in step with the ``doc`` query parameter."""
from __future__ import annotations

import streamlit as st

from ..i18n import level_label, t
from .text import short


def doc_label(d: dict) -> str:
    parts = [short(d.get("title") or d["doc"].rsplit("/", 1)[-1], 50)]
    if d.get("stub"):
        parts.append(t("stub"))
    else:
        parts.append(level_label(d.get("level")))
        if d.get("region"):
            parts.append(d["region"])
        if d.get("date"):
            parts.append(d["date"][:4])
    return " · ".join(parts)


def document_picker(docs: list[dict], key: str, include_stubs: bool = False) -> str | None:
    """The chosen document IRI (or None when there is none). Owns ``key`` and ``key + '_qp'``."""
    options = [d for d in docs if include_stubs or not d["stub"]]
    if not options:
        st.info(t("no_documents"))
        return None
    by = {d["doc"]: d for d in options}
    iris = list(by)
    qp = st.query_params.get("doc")
    if key not in st.session_state or st.session_state[key] not in by or (
            qp and qp != st.session_state.get(key + "_qp")):
        st.session_state[key] = qp if qp in by else iris[0]
    choice = st.selectbox(t("choose_document"), iris, key=key, format_func=lambda i: doc_label(by[i]))
    st.session_state[key + "_qp"] = choice
    if st.query_params.get("doc") != choice:
        st.query_params["doc"] = choice
    return choice
