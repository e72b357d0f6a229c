"""The source text with the span of the selected fact highlighted. Owns ``{key}``."""
from __future__ import annotations

import html

import streamlit as st

from ..i18n import t
from .text import short

CONTEXT = 400
_BOX = ('<div style="white-space:pre-wrap;font-size:0.92rem;line-height:1.6;max-height:{h}px;'
        'overflow-y:auto;border:1px solid #ddd;border-radius:6px;padding:10px;">{body}</div>')


def marked(text: str, start: int, end: int, lo: int = 0, hi: int | None = None) -> str:
    """Escaped HTML of ``text[lo:hi]`` with ``[start, end)`` inside ``<mark>``."""
    hi = len(text) if hi is None else hi
    start, end = max(lo, min(start, hi)), max(lo, min(end, hi))
    return (("…" if lo > 0 else "") + html.escape(text[lo:start])
            + '<mark style="background:#ffe08a;padding:0 1px">' + html.escape(text[start:end])
            + "</mark>" + html.escape(text[end:hi]) + ("…" if hi < len(text) else ""))


def source_viewer(text: str, annotations: list[dict], key: str, prefer: str | None = None) -> None:
    """``annotations``: rows with anno, kind, start, end, exact, body."""
    if not text:
        return
    facts = [a for a in annotations if a.get("start") is not None]
    by = {a["anno"]: a for a in facts}
    options = [""] + list(by)
    if prefer:
        hit = next((a["anno"] for a in facts if a["body"] == prefer), None)
        if hit:
            st.session_state[key] = hit
    if st.session_state.get(key) not in options:
        st.session_state[key] = next((a["anno"] for a in facts if a["kind"] == "measure"), "")

    def label(a: str) -> str:
        if not a:
            return t("no_fact")
        x = by[a]
        return f"{x['kind']} · {short(x.get('exact') or '', 40)} [{x['start']}–{x['end']}]"
    choice = st.selectbox(t("fact"), options, key=key, format_func=label)
    if choice:
        a = by[choice]
        s, e = int(a["start"]), int(a["end"])
        st.caption(t("excerpt"))
        st.html(_BOX.format(h=320, body=marked(text, s, e, max(0, s - CONTEXT),
                                                min(len(text), e + CONTEXT))))
    else:
        s = e = 0
    with st.expander(t("full_text")):
        body = marked(text, s, e) if choice else html.escape(text)
        st.html(_BOX.format(h=600, body=body))
