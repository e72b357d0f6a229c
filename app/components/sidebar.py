"""The sidebar: language switch (owns ``lang``) and the store line."""
from __future__ import annotations

import streamlit as st

from ..i18n import LANGS, t


def language_switch() -> str:
    st.session_state.setdefault("lang", "zh")
    st.sidebar.radio(t("language"), LANGS, key="lang", horizontal=True,
                     format_func=lambda x: {"zh": "中文", "en": "English"}[x])
    return st.session_state["lang"]


def store_line(path: str, writable: bool, note: str) -> None:
    st.sidebar.caption(f"{t('store')}: `{path}`" + ("" if writable else " (read-only)"))
    if note:
        st.sidebar.caption(note)
