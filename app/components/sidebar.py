"""The sidebar: language switch (owns ``lang``) and the store line."""
from __future__ import annotations

import streamlit as st

from ..i18n import LANGS, t


def language_switch() -> str:
    st.session_state.setdefault("lang", "zh")
    st.sidebar.radio(t("language"), LANGS, key="lang", horizontal=True,
                     format_func=lambda x: {"zh": "中文", "en": "English"}[x])
    return st.session_state["lang"]


def store_line(path: str, generation: str) -> None:
    """The store location and the published generation the pages show."""
    st.sidebar.caption(f"{t('store')}: `{path}` · {t('generation')} `{generation}`")
