"""A pyvis graph in the page: ``st.iframe`` of self-contained HTML (no CDN, escaped)."""
from __future__ import annotations

import streamlit as st


def graph_frame(html: str, height: int) -> None:
    st.iframe(html, height=height + 20)
